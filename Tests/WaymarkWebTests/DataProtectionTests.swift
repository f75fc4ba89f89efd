import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

@Suite("Data protection")
struct DataProtectionTests {
    // MARK: Sharing decisions

    @Test("The practitioner chooses what the mentor may see; the mentor sees it; every decision is kept and audited")
    func sharing() async throws {
        try await withWaymark { app, world in
            let referral = world.referralA2.id
            var practitioner = try await Browser.signedIn(app, as: world.practitionerA2.email)
            let form = try await practitioner.get("/referrals/\(referral)/sharing")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("never see offence details, risk assessments"))
            let saved = try await practitioner.post("/referrals/\(referral)/sharing", [
                ("items", "meetInPublicPlacesOnly"), ("items", "noHomeVisits"), ("contactArrangements", "Text first"),
                ("note", "Prefers mornings"), ("sequence", "0"),
            ])
            #expect(saved.status == .seeOther)

            var mentor = try await Browser.signedIn(app, as: world.user(.mentor).email)
            let page = try await mentor.get("/matches/\(world.matchA2.id)").body.string
            for shown in ["Meet in public places only", "Do not visit their home", "Text first", "Prefers mornings"] {
                #expect(page.contains(shown), "the mentor sees \(shown)")
            }

            // A second decision replaces the first for the mentor; both stay in the history.
            let second = try await practitioner.post("/referrals/\(referral)/sharing", [("items", "daytimeOnly"), ("sequence", "1")])
            #expect(second.status == .seeOther)
            let after = try await mentor.get("/matches/\(world.matchA2.id)").body.string
            #expect(after.contains("Meet in the daytime only") && !after.contains("Do not visit their home") && !after.contains("Prefers mornings"))
            let history = try await DataProtectionRepository.sharingHistory(referralID: referral, on: app.db)
            #expect(history.map(\.sequence) == [2, 1])
            #expect(history.allSatisfy { $0.decidedByID == world.practitionerA2.id })
            let audit = try await AuditLog.page(on: app.db, personID: world.personA2.id, actorID: world.practitionerA2.id, before: nil, limit: 50)
            #expect(audit.filter { $0.action == "sharing.decide" }.count == 2)

            // A practitioner working from a stale page is told, and nothing is overwritten.
            let stale = try await practitioner.post("/referrals/\(referral)/sharing", [("items", "noHomeVisits"), ("sequence", "1")])
            #expect(stale.status == .conflict)
            #expect(try await DataProtectionRepository.sharingHistory(referralID: referral, on: app.db).count == 2)

            // The coordinator sees the decision on the referral; only the practitioner may change it.
            var coordinator = try await Browser.signedIn(app, as: world.user(.coordinator).email)
            #expect(try await coordinator.get("/referrals/\(referral)").body.string.contains("Meet in the daytime only"))
            #expect(try await coordinator.post("/referrals/\(referral)/sharing", [("items", "noHomeVisits"), ("sequence", "2")]).status == .forbidden)
            // Another practitioner's mentee is out of reach.
            var other = try await Browser.signedIn(app, as: world.user(.practitioner).email)
            #expect(try await other.get("/referrals/\(referral)/sharing").status == .notFound)
        }
    }

    @Test("A bad sharing decision names the field on the page and in the API; the API records and lists decisions")
    func sharingErrorsAndAPI() async throws {
        try await withWaymark { app, world in
            let referral = world.referralA2.id
            var practitioner = try await Browser.signedIn(app, as: world.practitionerA2.email)
            let bad = try await practitioner.post("/referrals/\(referral)/sharing", [("items", "offenceDetails"), ("note", String(repeating: "x", count: 600)), ("sequence", "0")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Select only from the listed instructions"))
            #expect(bad.body.string.contains("500 characters or fewer"))
            #expect(try await DataProtectionRepository.sharingHistory(referralID: referral, on: app.db).isEmpty)

            let api = try await MentorJourneyAPITests.client(app, world)
            let (empty, none) = try await api.call(world.practitionerA2, .GET, "/referrals/\(referral)/sharing")
            #expect(empty == .ok)
            #expect(none["current"] is NSNull || none["current"] == nil)
            let (created, decision) = try await api.call(world.practitionerA2, .POST, "/referrals/\(referral)/sharing",
                                                         #"{"version":0,"items":["contactThroughCoordinator"],"note":"Call the office"}"#)
            #expect(created == .created)
            #expect(decision["items"] as? [String] == ["contactThroughCoordinator"])
            #expect(decision["version"] as? Int == 1)
            let (stale, _) = try await api.call(world.practitionerA2, .POST, "/referrals/\(referral)/sharing", #"{"version":0,"items":[]}"#)
            #expect(stale == .conflict)
            let (invalid, problem) = try await api.call(world.practitionerA2, .POST, "/referrals/\(referral)/sharing", #"{"version":1,"items":["riskLevel"]}"#)
            #expect(invalid == .unprocessableEntity)
            #expect((problem["errors"] as? [[String: Any]])?.first?["field"] as? String == "items")
            let (read, listed) = try await api.call(world.user(.coordinator), .GET, "/referrals/\(referral)/sharing")
            #expect(read == .ok)
            #expect((listed["current"] as? [String: Any])?["note"] as? String == "Call the office")
            let (forbidden, _) = try await api.call(world.user(.mentor), .POST, "/referrals/\(referral)/sharing", #"{"version":1,"items":[]}"#)
            #expect(forbidden == .forbidden)
            #expect(api.log.violations.isEmpty, "\(api.log.violations)")
        }
    }

    // MARK: Corrections and restriction

    @Test("A correction keeps what the record said before, with the reason, on the page and through the API")
    func corrections() async throws {
        try await withWaymark { app, world in
            var practitioner = try await Browser.signedIn(app, as: world.user(.practitioner).email)
            let p = world.personA1
            let d = p.details
            let response = try await practitioner.post("/people/\(p.id)/edit", [
                ("crn", d.crn!.value), ("firstName", d.firstName), ("lastName", "Fletcher-Jones"),
                ("dateOfBirth-day", String(d.dateOfBirth.day)), ("dateOfBirth-month", String(d.dateOfBirth.month)), ("dateOfBirth-year", String(d.dateOfBirth.year)),
                ("gender", d.gender.rawValue), ("deliveryUnitId", "\(d.areaID)|\(d.deliveryUnitID)"), ("version", String(p.version)),
                ("correctionReason", "Married name, from her passport"),
            ])
            #expect(response.status == .seeOther)
            let corrections = try await DataProtectionRepository.corrections(personID: p.id, on: app.db)
            #expect(corrections.map(\.change) == [FieldChange(field: "lastName", label: "Last name", previous: "Fletcher", new: "Fletcher-Jones")])
            #expect(corrections.first?.reason == "Married name, from her passport")
            #expect(corrections.first?.byID == world.user(.practitioner).id)
            let overview = try await practitioner.get("/people/\(p.id)").body.string
            #expect(overview.contains("Corrections") && overview.contains("Married name, from her passport"))

            world.clock.advance(by: 60)
            let api = try await MentorJourneyAPITests.client(app, world)
            let (status, order) = try await api.call(world.user(.practitioner), .PATCH, "/orders/\(world.orderA1.id)",
                                                     #"{"version":\#(world.orderA1.version),"rarDays":14,"correctionReason":"Court varied the order"}"#)
            #expect(status == .ok, "\(order)")
            let orderCorrection = try #require(try await DataProtectionRepository.corrections(personID: p.id, on: app.db).first)
            #expect(orderCorrection.recordType == "order" && orderCorrection.change.field == "rarDays")
            #expect(orderCorrection.change.new == "14" && orderCorrection.reason == "Court varied the order")
            #expect(api.log.violations.isEmpty, "\(api.log.violations)")
        }
    }

    @Test("A restricted record can be read but not changed, on the page and in the API, until the restriction is lifted")
    func restriction() async throws {
        try await withWaymark { app, world in
            let p = world.personA1
            var admin = try await Browser.signedIn(app, as: world.user(.administrator).email)
            let noReason = try await admin.post("/data-protection/people/\(p.id)/protection", [("action", "restrict"), ("reason", ""), ("version", "0")])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("Enter a reason"))
            let restricted = try await admin.post("/data-protection/people/\(p.id)/protection",
                                                  [("action", "restrict"), ("reason", "Disputes the order end date"), ("version", "0")])
            #expect(restricted.status == .seeOther)

            var practitioner = try await Browser.signedIn(app, as: world.user(.practitioner).email)
            let page = try await practitioner.get("/people/\(p.id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("can be read but not changed"))
            let api = try await MentorJourneyAPITests.client(app, world)
            let (refused, problem) = try await api.call(world.user(.practitioner), .PATCH, "/people/\(p.id)", #"{"version":\#(p.version),"firstName":"Dee"}"#)
            #expect(refused == .conflict)
            #expect(problem["title"] as? String == "Record restricted")
            let (riskRefused, _) = try await api.call(world.user(.practitioner), .POST, "/people/\(p.id)/risk",
                                                      #"{"basedOnVersion":0,"rosh":"low","safeguardingFlags":[],"assessedOn":"2026-11-20","nextReviewDate":"2027-05-20"}"#)
            #expect(riskRefused == .conflict)
            #expect(try await PeopleRepository.find(id: p.id, on: app.db)?.details.firstName == "Daisy", "nothing was half-written")
            let (read, _) = try await api.call(world.user(.practitioner), .GET, "/people/\(p.id)")
            #expect(read == .ok)

            let lifted = try await admin.post("/data-protection/people/\(p.id)/protection",
                                              [("action", "liftRestriction"), ("reason", "Court confirmed the date"), ("version", "1")])
            #expect(lifted.status == .seeOther)
            let (allowed, _) = try await api.call(world.user(.practitioner), .PATCH, "/people/\(p.id)", #"{"version":\#(p.version),"firstName":"Dee"}"#)
            #expect(allowed == .ok)
            let actions = try await AuditLog.page(on: app.db, personID: p.id, actorID: world.user(.administrator).id, before: nil, limit: 20).map(\.action)
            #expect(actions.contains("dataProtection.restrict") && actions.contains("dataProtection.liftRestriction"))
        }
    }

    // MARK: Subject access

    @Test("Subject access gathers everything held about a person, as a page and as JSON, and is itself audited")
    func subjectAccess() async throws {
        try await withWaymark { app, world in
            var admin = try await Browser.signedIn(app, as: world.user(.administrator).email)
            let found = try await admin.get("/data-protection?crn=e100002")
            #expect(found.status == .seeOther)
            #expect(found.headers.first(name: .location) == "/data-protection/people/\(world.personA2.id)")
            #expect(try await admin.get("/data-protection?crn=X12").status == .unprocessableEntity)

            // Marcus (personA2) is a mentee: referral, match, a contact with a concern.
            let page = try await admin.get("/data-protection/people/\(world.personA2.id)/subject-access")
            #expect(page.status == .ok)
            let html = page.body.string
            for expected in ["Everything Waymark holds about Marcus Shaw", "Referrals for a peer mentor", "Find a home", "Mentoring contacts",
                             "Talked about old friends", "Who has seen or changed your record", "Essex"] {
                #expect(html.contains(expected), "the document shows \(expected)")
            }
            let json = try await admin.get("/data-protection/people/\(world.personA2.id)/subject-access.json")
            #expect(json.status == .ok)
            #expect(json.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.body.readableBytesView)) as? [String: Any])
            let sections = try #require(object["sections"] as? [[String: Any]])
            let contacts = try #require(sections.first { $0["title"] as? String == "Mentoring contacts" })
            #expect((contacts["records"] as? [[String: String]])?.first?["Concern"] == "Talked about old friends")
            let viewers = try #require(sections.first { $0["title"] as? String == "Who has seen or changed your record" })
            #expect(((viewers["records"] as? [[String: String]]) ?? []).contains { $0["What"] == "dataProtection.subjectAccess" },
                    "the first export is in the second one")
            let audit = try await AuditLog.page(on: app.db, personID: world.personA2.id, actorID: world.user(.administrator).id, before: nil, limit: 20)
            #expect(audit.filter { $0.action == "dataProtection.subjectAccess" }.count == 2)

            // Only the data protection seat may do this.
            for role in Role.allCases where role != .administrator {
                var browser = try await Browser.signedIn(app, as: world.user(role).email)
                #expect(try await browser.get("/data-protection/people/\(world.personA2.id)/subject-access").status == .forbidden, "\(role)")
            }
        }
    }

    @Test("The data protection page shows who viewed a record, and unusual access is flagged")
    func auditReview() async throws {
        try await withWaymark { app, world in
            // A practitioner reads 11 records outside their caseload in one day.
            let today = world.today
            var outsiders: [String] = []
            for i in 0..<11 {
                let details = PersonDetails(crn: CRN(String(format: "E2%05d", i)), firstName: "Person", lastName: "Number\(i)", dateOfBirth: today.adding(years: -30),
                                            gender: .notStated, areaID: world.areaA.id, deliveryUnitID: world.areaA.deliveryUnits[0].id)
                outsiders.append(try await PeopleRepository.create(details, practitionerID: world.practitionerA2.id, on: app.db).id)
            }
            var practitioner = try await Browser.signedIn(app, as: world.user(.practitioner).email)
            for id in outsiders { #expect(try await practitioner.get("/people/\(id)").status == .ok) }

            var admin = try await Browser.signedIn(app, as: world.user(.administrator).email)
            let review = try await admin.get("/data-protection/unusual-access")
            #expect(review.status == .ok)
            #expect(review.body.string.contains("Viewed 11 records outside their caseload in a day"))
            #expect(review.body.string.contains(world.user(.practitioner).name))
            let flags = try await DataProtectionService.unusualAccess(days: 30, today: today, on: app.db)
            #expect(flags.map(\.flag.actorID) == [world.user(.practitioner).id])

            let person = try await admin.get("/data-protection/people/\(outsiders[0])")
            #expect(person.status == .ok)
            #expect(person.body.string.contains(world.user(.practitioner).name))
            #expect(person.body.string.contains("person.view"))
        }
    }

    // MARK: Retention

    @Test("Retention anonymises what has expired, keeps the figures, respects a legal hold, and a dry run changes nothing")
    func retention() async throws {
        try await withWaymark { app, world in
            let today = world.today
            // Two people whose only order ended nine years ago; one will be on legal hold.
            func oldPerson(_ first: String, _ crn: String) async throws -> Person {
                let details = PersonDetails(crn: CRN(crn), firstName: first, lastName: "Oldcase", dateOfBirth: CalendarDate(year: 1970, month: 6, day: 15)!,
                                            gender: .male, areaID: world.areaA.id, deliveryUnitID: world.areaA.deliveryUnits[0].id)
                let person = try await PeopleRepository.create(details, practitionerID: world.user(.practitioner).id, on: app.db)
                _ = try await OrderRepository.create(OrderDetails(type: .licence, startDate: today.adding(years: -10), expectedEndDate: today.adding(years: -9),
                                                                  actualEndDate: today.adding(years: -9), outcome: .completed, requirements: [], rarDays: nil),
                                                     personID: person.id, on: app.db)
                _ = try await RiskRepository.record(RiskDetails(rosh: .medium, mappaCategory: nil, mappaLevel: nil, tier: nil, safeguardingFlags: [],
                                                                assessedOn: today.adding(years: -10), nextReviewDate: today.adding(years: -9),
                                                                notes: "Lived with his brother on Elm Street"),
                                                    personID: person.id, recordedByID: world.user(.practitioner).id, basedOnVersion: 0, on: app.db)
                return person
            }
            let expired = try await oldPerson("Gordon", "E300001")
            let held = try await oldPerson("Harold", "E300002")
            let disputed = try await oldPerson("Ivor", "E300003")
            // Gordon was once a mentor candidate with his own sign-in, withdrawn nine years ago.
            let nineYearsAgo = today.adding(years: -9).startOfDay
            let candidate = try await MentorRepository.recommend(personID: expired.id, by: world.user(.practitioner).id, on: today.adding(years: -10),
                                                                 reason: "Lived experience of addiction", at: nineYearsAgo, on: app.db)
            _ = try await MentorRepository.move(id: candidate.id, to: .withdrawn, reason: "Moved to Scotland", destination: nil,
                                                expectedVersion: candidate.version, by: world.user(.coordinator).id, at: nineYearsAgo,
                                                today: today.adding(years: -9), on: app.db)
            let signIn = try await UserRepository.create(email: "gordon@example.org", name: "Gordon Oldcase", role: .mentor, password: "a-long-enough-password",
                                                         areaIDs: [world.areaA.id], bcryptCost: 4, on: app.db)
            try await MentorRepository.linkUser(id: candidate.id, userID: signIn.id, on: app.db)
            var admin = try await Browser.signedIn(app, as: world.user(.administrator).email)
            #expect(try await admin.post("/data-protection/people/\(held.id)/protection",
                                         [("action", "placeLegalHold"), ("reason", "Civil claim pending"), ("version", "0")]).status == .seeOther)
            #expect(try await admin.post("/data-protection/people/\(disputed.id)/protection",
                                         [("action", "restrict"), ("reason", "Disputes the record"), ("version", "0")]).status == .seeOther)

            let dryRun = try await DataProtectionService.runRetention(today: today, at: world.clock.now, actorID: "test", dryRun: true,
                                                                      gate: app.writeGate, on: app.db)
            #expect(dryRun.expired.map(\.facts.personID) == [expired.id], "only the record past its period and not held")
            #expect(dryRun.held == 2 && dryRun.anonymised == 0)
            #expect(try await PeopleRepository.find(id: expired.id, on: app.db)?.details.firstName == "Gordon", "a dry run changes nothing")
            let ordersBefore = try await OrderModel.query(on: app.db).count()

            let listed = try await admin.get("/data-protection/retention")
            #expect(listed.body.string.contains("E300001") && listed.body.string.contains("On legal hold"))
            #expect(try await admin.post("/data-protection/retention", []).status == .seeOther)

            let after = try #require(try await PeopleRepository.find(id: expired.id, on: app.db))
            #expect(after.details.fullName == "Anonymised Person")
            #expect(after.details.crn == nil)
            #expect(after.details.dateOfBirth == CalendarDate(year: 1970, month: 1, day: 1)!)
            let risk = try await RiskRepository.history(personID: expired.id, on: app.db)
            #expect(risk.first?.details.notes == RetentionRule.removedText)
            #expect(risk.first?.details.rosh == .medium, "the dated facts stay")
            #expect(try await OrderModel.query(on: app.db).count() == ordersBefore, "orders stay, so the figures do not change")
            #expect(try await PeopleRepository.find(id: held.id, on: app.db)?.details.firstName == "Harold", "a legal hold stops it")
            #expect(try await PeopleRepository.find(id: disputed.id, on: app.db)?.details.firstName == "Ivor", "so does a restriction")
            #expect(try await DataProtectionRepository.protection(personID: expired.id, on: app.db).anonymisedOn == today)
            let account = try #require(try await UserRepository.find(id: signIn.id, on: app.db))
            #expect(!account.active && account.name == "Anonymised Person" && !account.email.contains("gordon"), "their own sign-in is closed and renamed")
            let moves = try await MentorRepository.moves(mentorID: candidate.id, on: app.db)
            #expect(moves.allSatisfy { $0.reason == RetentionRule.removedText })
            let audit = try await AuditLog.page(on: app.db, personID: expired.id, actorID: nil, before: nil, limit: 10)
            #expect(audit.contains { $0.action == "dataProtection.anonymise" })
            // An anonymised record cannot be written back to.
            let api = APIClient(app: app, token: world.token(world.user(.practitioner)))
            let refused = try await api.send(.PATCH, "/people/\(expired.id)", json: #"{"version":\#(after.version),"firstName":"Gordon"}"#)
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("anonymised"))
            // Running again finds nothing more to do.
            let again = try await DataProtectionService.runRetention(today: today, at: world.clock.now, actorID: "test", dryRun: false,
                                                                     gate: app.writeGate, on: app.db)
            #expect(again.expired.isEmpty && again.anonymised == 0)
            // People still involved with the service are never due.
            let review = try await DataProtectionService.retentionReview(today: today, on: app.db)
            let marcus = try #require(review.first { $0.facts.personID == world.personA2.id })
            if case .open = marcus.status {} else { Issue.record("an open referral keeps the record: \(marcus.status)") }
        }
    }

    @Test("The retention period is a programme setting, checked like the others")
    func retentionSetting() async throws {
        try await withWaymark { app, world in
            var admin = try await Browser.signedIn(app, as: world.user(.administrator).email)
            let page = try await admin.get("/settings")
            #expect(page.body.string.contains("Keep records for this many years"))
            let fields: [(String, String)] = [("endedWithinMonths", "6"), ("endingWithinMonths", "3"), ("trainingSessions", "12"), ("attendanceRequired", "10"),
                                              ("mileagePencePerMile", "45"), ("firstMeetingWithinDays", "14"), ("contactAtLeastEveryDays", "21"),
                                              ("rarCountingBasis", "distinctDays"), ("newStartWithinMonths", "3"), ("firstAppointmentWithinDays", "28"),
                                              ("reportingYearStartMonth", "4"), ("version", "0")]
            let bad = try await admin.post("/settings/\(world.providerID)", fields + [("retentionYears", "0")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Years to keep records must be a whole number from 1 to 100"))
            #expect(try await admin.post("/settings/\(world.providerID)", fields + [("retentionYears", "10")]).status == .seeOther)
            #expect(try await SettingsRepository.settings(areaID: world.areaA.id, on: app.db).retentionYears == 10)
        }
    }
}
