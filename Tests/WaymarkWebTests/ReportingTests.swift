import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// Outcomes and reporting through the API: mentees' outcome measures, mentors' wellbeing and
/// case studies with consent. Every response is checked against openapi.yaml.
@Suite("Reporting: outcomes, wellbeing and case studies through the API")
struct ReportingAPITests {
    /// A person on practitioner A1's caseload with an open referral made `daysAgo` days before today.
    static func referredPerson(_ app: Application, _ world: TestWorld, first: String = "Lena", last: String = "Price", crn: String = "E810001",
                               unit: String = "Basildon", daysAgo: Int = 60,
                               practitioner: UserAccount? = nil) async throws -> (Person, Referral) {
        let unitID = try #require(world.areaA.deliveryUnits.first { $0.name == unit }).id
        let person = try await PeopleRepository.create(PersonDetails(crn: CRN(crn), firstName: first, lastName: last,
                                                                     dateOfBirth: CalendarDate(year: 1991, month: 6, day: 14)!, gender: .female,
                                                                     areaID: world.areaA.id, deliveryUnitID: unitID),
                                                       practitionerID: (practitioner ?? world.user(.practitioner)).id, on: app.db)
        let referredOn = world.today.adding(days: -daysAgo)
        let order = try await OrderRepository.create(OrderDetails(type: .licence, startDate: referredOn.adding(months: -1), expectedEndDate: world.today.adding(months: 9),
                                                                  actualEndDate: nil, outcome: .active, requirements: [], rarDays: nil),
                                                     personID: person.id, on: app.db)
        let referral = try await ReferralRepository.create(personID: person.id, orderID: order.id, by: (practitioner ?? world.user(.practitioner)).id, on: referredOn,
                                                           consent: true, ReferralDetails(needs: [.accommodation], goals: ["Find a settled home"],
                                                                                          genderPreference: .noPreference, languages: ["English"], availability: [],
                                                                                          accessibilityNeeds: nil, exclusions: []), on: app.db)
        return (person, referral)
    }

    static func messages(_ body: [String: Any]) -> [String] {
        (body["errors"] as? [[String: String]] ?? []).compactMap { $0["message"] }
    }

    @Test("Outcomes at referral and closure show progress; bad input names its field; a practitioner not holding the case gets 404; all audited")
    func outcomes() async throws {
        try await withWaymark { app, world in
            let api = try await MentorJourneyAPITests.client(app, world)
            let coordinator = world.user(.coordinator), practitioner = world.user(.practitioner)
            let (person, referral) = try await Self.referredPerson(app, world)
            let path = "/referrals/\(referral.id)/outcomes"
            let referredOn = referral.referredOn

            let (empty, emptyList) = try await api.call(coordinator, .GET, path)
            #expect(empty == .ok)
            #expect((emptyList["items"] as? [Any])?.isEmpty == true)
            #expect((emptyList["progress"] as? [String: String])?.isEmpty == true)

            // At referral: homeless and out of work; drugs not known (left out of the ratings).
            let (atReferral, first) = try await api.call(coordinator, .POST, path, """
                {"stage":"referral","recordedOn":"\(referredOn.adding(days: 2).iso)","source":"practitionerAssessment",
                 "ratings":{"accommodation":"homeless","educationTrainingEmployment":"none","substanceMisuse":"notKnown"},"notes":"At the first meeting"}
                """)
            #expect(atReferral == .created, "\(first)")
            #expect(first["stage"] as? String == "referral")
            #expect(first["referralId"] as? String == referral.id)
            #expect(first["ratings"] as? [String: String] == ["accommodation": "homeless", "educationTrainingEmployment": "none"])
            #expect(first["notes"] as? String == "At the first meeting")

            // At closure: settled, still out of work.
            let (atClosure, last) = try await api.call(coordinator, .POST, path, """
                {"stage":"closure","recordedOn":"\(world.today.iso)","source":"selfReport","ratings":{"accommodation":"settled","educationTrainingEmployment":"none"}}
                """)
            #expect(atClosure == .created, "\(last)")
            #expect(last["recordedOn"] as? String == world.today.iso)

            let (listed, list) = try await api.call(coordinator, .GET, path)
            #expect(listed == .ok)
            let items = list["items"] as? [[String: Any]] ?? []
            #expect(items.compactMap { $0["stage"] as? String } == ["referral", "closure"], "oldest first")
            #expect(list["progress"] as? [String: String] == ["accommodation": "improved", "educationTrainingEmployment": "same"])

            // Bad input: each 422 names the field.
            func refused(_ json: String) async throws -> (Set<String>, [String]) {
                let (status, body) = try await api.call(coordinator, .POST, path, json)
                #expect(status == .unprocessableEntity, "\(json) → \(status)")
                return (ReferralToMatchTests.fields(body), Self.messages(body))
            }
            let today = world.today.iso
            let (unknownLevel, unknownLevelMessages) = try await refused(#"{"stage":"review","recordedOn":"\#(today)","source":"selfReport","ratings":{"accommodation":"mansion"}}"#)
            #expect(unknownLevel == ["accommodation"])
            #expect(unknownLevelMessages.first?.contains("homeless, temporary, settled") == true)
            let (future, _) = try await refused(#"{"stage":"review","recordedOn":"\#(world.today.adding(days: 1).iso)","source":"selfReport","ratings":{"accommodation":"settled"}}"#)
            #expect(future == ["recordedOn"])
            let (nothing, nothingMessages) = try await refused(#"{"stage":"review","recordedOn":"\#(today)","source":"selfReport","ratings":{"accommodation":"notKnown"}}"#)
            #expect(nothing == ["accommodation"])
            #expect(nothingMessages == ["Rate at least one outcome"])
            let (noRatings, _) = try await refused(#"{"stage":"review","recordedOn":"\#(today)","source":"selfReport","ratings":{}}"#)
            #expect(noRatings == ["accommodation"])
            let (beforeReferral, beforeMessages) = try await refused(#"{"stage":"referral","recordedOn":"\#(referredOn.adding(days: -1).iso)","source":"selfReport","ratings":{"accommodation":"homeless"}}"#)
            #expect(beforeReferral == ["recordedOn"])
            #expect(beforeMessages.first?.contains("on or after the referral date") == true)
            let (unknownMeasure, _) = try await refused(#"{"stage":"review","recordedOn":"\#(today)","source":"selfReport","ratings":{"flying":"high"}}"#)
            #expect(unknownMeasure.contains("flying"))
            let (badStage, _) = try await refused(#"{"stage":"halfway","recordedOn":"\#(today)","source":"gossip","ratings":{"accommodation":"settled"}}"#)
            #expect(badStage == ["stage", "source"])
            #expect(try await OutcomeRepository.forReferrals([referral.id], on: app.db)[referral.id]?.count == 2, "nothing refused was saved")

            // Their own practitioner may record and read; another practitioner in the area, or another area's coordinator, finds nothing.
            let (own, _) = try await api.call(practitioner, .POST, path, #"{"stage":"review","recordedOn":"\#(today)","source":"mentorObservation","ratings":{"familyRelationships":"difficult"}}"#)
            #expect(own == .created)
            #expect(try await api.call(world.practitionerA2, .POST, path, #"{"stage":"review","recordedOn":"\#(today)","source":"selfReport","ratings":{"accommodation":"settled"}}"#).0 == .notFound)
            #expect(try await api.call(world.practitionerA2, .GET, path).0 == .notFound)
            #expect(try await api.call(world.coordinatorB, .GET, path).0 == .notFound)
            #expect(try await api.call(world.user(.commissioner), .GET, path).0 == .forbidden)
            #expect(try await api.call(world.user(.mentor), .POST, path, #"{"stage":"review"}"#).0 == .forbidden)
            #expect(try await api.call(coordinator, .GET, "/referrals/\(UUID().uuidString)/outcomes").0 == .notFound)

            // Every read and write is in the audit log against the person.
            let log = try await AuditTests.entries(app, person: person.id)
            let writes = log.filter { $0.action == "referral.outcomes.record" }
            #expect(writes.count == 3)
            #expect(writes.filter { $0.actorID == coordinator.id }.count == 2)
            #expect(writes.allSatisfy { $0.recordID == referral.id && $0.personID == person.id })
            #expect(Set(writes.map(\.detail)) == ["referral", "closure", "review"])
            #expect(log.contains { $0.action == "referral.outcomes.view" && $0.actorID == coordinator.id })
            #expect(!log.contains { $0.actorID == world.practitionerA2.id }, "a refused request leaves nothing")
            #expect(api.log.count >= 15)
            #expect(api.log.violations.isEmpty, "\(api.log.violations.joined(separator: "\n"))")
        }
    }

    @Test("A mentor's wellbeing is rated from 1 to 10, listed oldest first, and audited; 11 is refused naming score")
    func wellbeing() async throws {
        try await withWaymark { app, world in
            let api = try await MentorJourneyAPITests.client(app, world)
            let coordinator = world.user(.coordinator)
            let path = "/mentors/\(world.mentorA1.id)/wellbeing"
            let (status, first) = try await api.call(coordinator, .POST, path, #"{"on":"\#(world.today.adding(days: -20).iso)","score":4,"source":"selfReport"}"#)
            #expect(status == .created, "\(first)")
            #expect(first["score"] as? Int == 4)
            let (second, _) = try await api.call(coordinator, .POST, path, #"{"on":"\#(world.today.iso)","score":7,"source":"selfReport","notes":"Enjoying the sessions"}"#)
            #expect(second == .created)

            let (tooHigh, tooHighBody) = try await api.call(coordinator, .POST, path, #"{"on":"\#(world.today.iso)","score":11,"source":"selfReport"}"#)
            #expect(tooHigh == .unprocessableEntity)
            #expect(ReferralToMatchTests.fields(tooHighBody) == ["score"])
            let (zero, zeroBody) = try await api.call(coordinator, .POST, path, #"{"on":"\#(world.today.iso)","score":0,"source":"selfReport"}"#)
            #expect(zero == .unprocessableEntity)
            #expect(ReferralToMatchTests.fields(zeroBody) == ["score"])
            let (future, futureBody) = try await api.call(coordinator, .POST, path, #"{"on":"\#(world.today.adding(days: 1).iso)","score":5,"source":"selfReport"}"#)
            #expect(future == .unprocessableEntity)
            #expect(ReferralToMatchTests.fields(futureBody) == ["on"])
            let (missing, missingBody) = try await api.call(coordinator, .POST, path, #"{"on":"\#(world.today.iso)","source":"selfReport"}"#)
            #expect(missing == .unprocessableEntity)
            #expect(ReferralToMatchTests.fields(missingBody) == ["score"])

            let (listed, list) = try await api.call(coordinator, .GET, path)
            #expect(listed == .ok)
            let items = list["items"] as? [[String: Any]] ?? []
            #expect(items.compactMap { $0["score"] as? Int } == [4, 7])
            #expect(items.last?["notes"] as? String == "Enjoying the sessions")

            // The mentor's practitioner reads them; another practitioner and another area do not; a commissioner may not ask.
            #expect(try await api.call(world.user(.practitioner), .GET, path).0 == .ok)
            #expect(try await api.call(world.practitionerA2, .GET, path).0 == .notFound)
            #expect(try await api.call(world.practitionerA2, .POST, path, #"{"on":"\#(world.today.iso)","score":5,"source":"selfReport"}"#).0 == .notFound)
            #expect(try await api.call(world.coordinatorB, .GET, path).0 == .notFound)
            #expect(try await api.call(world.user(.commissioner), .GET, path).0 == .forbidden)

            let log = try await AuditTests.entries(app, person: world.personA1.id)
            #expect(log.filter { $0.action == "mentor.wellbeing.record" }.count == 2)
            #expect(log.contains { $0.action == "mentor.wellbeing.view" && $0.actorID == coordinator.id && $0.recordID == world.mentorA1.id })
            #expect(api.log.violations.isEmpty, "\(api.log.violations.joined(separator: "\n"))")
        }
    }

    @Test("A case study: own name refused as pseudonym, approved with its version, quoted in the report, gone at once when consent is withdrawn")
    func caseStudyLifecycle() async throws {
        try await withWaymark { app, world in
            let api = try await MentorJourneyAPITests.client(app, world)
            let coordinator = world.user(.coordinator)
            let year = ReportingYear.containing(world.today).previous.startYear
            func quotes() async throws -> [[String: Any]] {
                let (status, report) = try await api.call(coordinator, .GET, "/reports/annual?year=\(year)")
                #expect(status == .ok)
                return report["quotes"] as? [[String: Any]] ?? []
            }
            let text = "I never thought I would be the one helping someone else."
            func body(_ pseudonym: String) -> String {
                """
                {"personId":"\(world.personA1.id)","subject":"mentor","kind":"quote","pseudonym":"\(pseudonym)","title":"Helping",
                 "text":"\(text)","uses":["annualReport","training"],"consentGivenOn":"\(world.today.adding(days: -3).iso)"}
                """
            }

            // The person's own first name protects nobody.
            let (ownName, ownNameBody) = try await api.call(coordinator, .POST, "/case-studies", body("Daisy"))
            #expect(ownName == .unprocessableEntity)
            #expect(ReferralToMatchTests.fields(ownNameBody) == ["pseudonym"])
            let (ownSurname, ownSurnameBody) = try await api.call(coordinator, .POST, "/case-studies", body("Jo Fletcher"))
            #expect(ownSurname == .unprocessableEntity)
            #expect(ReferralToMatchTests.fields(ownSurnameBody) == ["pseudonym"])
            let (incomplete, incompleteBody) = try await api.call(coordinator, .POST, "/case-studies",
                                                                  #"{"personId":"\#(world.personA1.id)","subject":"judge","kind":"quote","uses":[],"consentGivenOn":"\#(world.today.adding(days: 1).iso)"}"#)
            #expect(incomplete == .unprocessableEntity)
            #expect(ReferralToMatchTests.fields(incompleteBody) == ["subject", "pseudonym", "text", "uses", "consentGivenOn"])
            #expect(try await api.call(coordinator, .POST, "/case-studies", body("Jo").replacingOccurrences(of: world.personA1.id, with: world.personB.id)).0 == .notFound)

            let (created, study) = try await api.call(coordinator, .POST, "/case-studies", body("Jo"))
            #expect(created == .created, "\(study)")
            let id = try #require(study["id"] as? String)
            #expect(study["state"] as? String == "awaitingApproval")
            #expect(study["version"] as? Int == 1)
            #expect(study["consentUses"] as? [String] == ["annualReport", "training"])
            #expect(study["areaId"] as? String == world.areaA.id)

            let (_, list) = try await api.call(coordinator, .GET, "/case-studies")
            #expect(Set((list["items"] as? [[String: Any]] ?? []).compactMap { $0["pseudonym"] as? String }) == ["Jo", "Rose"])
            let (shown, one) = try await api.call(coordinator, .GET, "/case-studies/\(id)")
            #expect(shown == .ok)
            #expect(one["text"] as? String == text)
            #expect(try await quotes().isEmpty, "not approved yet")

            // Approve with the version seen; a second approval with that same (now stale) version is a conflict.
            let (approved, approvedBody) = try await api.call(coordinator, .POST, "/case-studies/\(id)/approval", #"{"version":1}"#)
            #expect(approved == .ok)
            #expect(approvedBody["state"] as? String == "approved")
            #expect(approvedBody["approvedOn"] as? String == world.today.iso)
            #expect(approvedBody["version"] as? Int == 2)
            let (stale, _) = try await api.call(world.coordinatorA2, .POST, "/case-studies/\(id)/approval", #"{"version":1}"#)
            #expect(stale == .conflict)
            let (again, againBody) = try await api.call(coordinator, .POST, "/case-studies/\(id)/approval", #"{"version":2}"#)
            #expect(again == .unprocessableEntity)
            #expect(ReferralToMatchTests.fields(againBody) == ["approve"])
            let (noVersion, noVersionBody) = try await api.call(coordinator, .POST, "/case-studies/\(id)/approval", "{}")
            #expect(noVersion == .unprocessableEntity)
            #expect(ReferralToMatchTests.fields(noVersionBody) == ["version"])

            // In the annual report's quotes; the fixture's quote, not approved, is not.
            let quoted = try await quotes()
            #expect(quoted.count == 1)
            #expect(quoted.first?["pseudonym"] as? String == "Jo")
            #expect(quoted.first?["text"] as? String == text)
            #expect(quoted.first?["kind"] as? String == "quote")
            #expect(quoted.first?["subject"] as? String == "mentor")
            #expect(quoted.first?["title"] as? String == "Helping")

            // Withdrawn: stale version refused, then gone from the very next report.
            #expect(try await api.call(coordinator, .POST, "/case-studies/\(id)/withdrawal", #"{"version":1}"#).0 == .conflict)
            #expect(try await quotes().count == 1, "a refused withdrawal changes nothing")
            let (withdrawn, withdrawnBody) = try await api.call(coordinator, .POST, "/case-studies/\(id)/withdrawal", #"{"version":2}"#)
            #expect(withdrawn == .ok)
            #expect(withdrawnBody["state"] as? String == "consentWithdrawn")
            #expect(withdrawnBody["consentWithdrawnOn"] as? String == world.today.iso)
            #expect(try await quotes().isEmpty)
            let (twice, twiceBody) = try await api.call(coordinator, .POST, "/case-studies/\(id)/withdrawal", #"{"version":3}"#)
            #expect(twice == .unprocessableEntity)
            #expect(ReferralToMatchTests.fields(twiceBody) == ["withdraw"])
            let (reapprove, _) = try await api.call(coordinator, .POST, "/case-studies/\(id)/approval", #"{"version":3}"#)
            #expect(reapprove == .unprocessableEntity)
            #expect(try await quotes().isEmpty)

            // Coordinators only, and only in their areas.
            #expect(try await api.call(world.coordinatorB, .GET, "/case-studies/\(id)").0 == .notFound)
            #expect(try await api.call(world.coordinatorB, .POST, "/case-studies/\(id)/approval", #"{"version":3}"#).0 == .notFound)
            let (otherArea, otherList) = try await api.call(world.coordinatorB, .GET, "/case-studies")
            #expect(otherArea == .ok)
            #expect((otherList["items"] as? [Any])?.isEmpty == true)
            for role in [Role.practitioner, .commissioner, .mentor, .staffFacilitator, .administrator] {
                #expect(try await api.call(world.user(role), .GET, "/case-studies").0 == .forbidden, "\(role)")
            }

            let actions = try await AuditTests.entries(app, person: world.personA1.id).map(\.action)
            for action in ["caseStudy.create", "caseStudy.approve", "caseStudy.withdrawConsent", "caseStudy.view", "caseStudy.list"] {
                #expect(actions.contains(action), "\(action)")
            }
            #expect(api.log.violations.isEmpty, "\(api.log.violations.joined(separator: "\n"))")
        }
    }
}
