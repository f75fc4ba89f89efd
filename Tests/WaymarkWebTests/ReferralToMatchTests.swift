import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// The Essex story of "Daisy": referred by her practitioner → matched with a mentor who shares
/// her experience → contacts logged → a concern raised and acknowledged → closed with outcomes.
@Suite("Referral to match")
struct ReferralToMatchTests {
    /// An active, accredited mentor in area A with lived experience of homelessness and recovery.
    static func activeMentor(_ app: Application, _ world: TestWorld, first: String, crn: String, gender: Gender = .female,
                             experience: [LivedExperience] = [.homelessness, .substanceMisuseRecovery], capacity: Int = 2,
                             linkTo user: UserAccount? = nil) async throws -> Mentor {
        let person = try await PeopleRepository.create(PersonDetails(crn: CRN(crn), firstName: first, lastName: "Mentor", dateOfBirth: CalendarDate(year: 1980, month: 1, day: 1)!,
                                                                     gender: gender, areaID: world.areaA.id, deliveryUnitID: world.areaA.deliveryUnits[0].id),
                                                       practitionerID: world.user(.practitioner).id, on: app.db)
        var mentor = try await MentorRepository.recommend(personID: person.id, by: world.user(.practitioner).id, on: world.today, reason: "Ready",
                                                          at: world.clock.now, on: app.db)
        for state in [MentorState.eligible, .inTraining, .trained, .active] {
            mentor = try await MentorRepository.move(id: mentor.id, to: state, reason: "set-up", destination: nil, expectedVersion: mentor.version,
                                                     by: world.user(.coordinator).id, at: world.clock.now, today: world.today, on: app.db)!
        }
        try await MentorRepository.addAccreditation(Accreditation(award: "OCN Level 2", awardingBody: .ocn, certificateNumber: "C-\(crn)",
                                                                  awardedOn: world.today, firstQualification: true),
                                                    mentorID: mentor.id, by: world.user(.coordinator).id, on: app.db)
        mentor = try await MentorRepository.updateProfile(id: mentor.id, MentorProfile(capacity: capacity, availability: [AvailabilitySlot(day: .tuesday, part: .afternoon)],
                                                                                     deliveryUnitIDs: [world.areaA.deliveryUnits[0].id], languages: ["English"],
                                                                                     livedExperience: experience), expectedVersion: mentor.version, on: app.db)!
        if let user { try await MentorRepository.linkUser(id: mentor.id, userID: user.id, on: app.db) }
        return try #require(try await MentorRepository.find(id: mentor.id, on: app.db))
    }

    static func daisy(_ app: Application, _ world: TestWorld, rosh: RoSH? = nil) async throws -> (Person, Order) {
        let person = try await PeopleRepository.create(PersonDetails(crn: CRN("E555001"), firstName: "Daisy", lastName: "Ward", dateOfBirth: CalendarDate(year: 1994, month: 5, day: 2)!,
                                                                     gender: .female, areaID: world.areaA.id, deliveryUnitID: world.areaA.deliveryUnits[0].id),
                                                       practitionerID: world.user(.practitioner).id, on: app.db)
        let order = try await OrderRepository.create(OrderDetails(type: .communityOrder, startDate: world.today.adding(months: -3), expectedEndDate: world.today.adding(months: 9),
                                                                  actualEndDate: nil, outcome: .active, requirements: [.accreditedProgramme], rarDays: nil),
                                                     personID: person.id, on: app.db)
        if let rosh {
            _ = try await RiskRepository.record(RiskDetails(rosh: rosh, mappaCategory: nil, mappaLevel: nil, tier: nil, safeguardingFlags: [], assessedOn: world.today,
                                                            nextReviewDate: world.today.adding(months: 3), notes: nil),
                                                personID: person.id, recordedByID: world.user(.practitioner).id, basedOnVersion: 0, on: app.db)
        }
        return (person, order)
    }

    @Test("Daisy is referred, matched with a mentor who shares her experience, supported, and her referral closed with outcomes")
    func daisyStory() async throws {
        try await withWaymark { app, world in
            let api = try await MentorJourneyAPITests.client(app, world)
            let practitioner = world.user(.practitioner), coordinator = world.user(.coordinator), mentorUser = world.user(.mentor)
            // The fixture's mentor sign-in belongs to this mentor for the story.
            try await MentorRepository.linkUser(id: world.mentorA1.id, userID: nil, on: app.db)
            let mentor = try await Self.activeMentor(app, world, first: "Sam", crn: "E555100", linkTo: mentorUser)
            _ = try await Self.activeMentor(app, world, first: "Lee", crn: "E555101", gender: .male, experience: [.homelessness, .substanceMisuseRecovery])
            let other = try await Self.activeMentor(app, world, first: "Jo", crn: "E555102", experience: [.debt])
            let (person, order) = try await Self.daisy(app, world)

            let (bad, badBody) = try await api.call(practitioner, .POST, "/referrals", #"{"personId":"\#(person.id)","orderId":"\#(order.id)","consent":false,"needs":["flying"]}"#)
            #expect(bad == .unprocessableEntity)
            #expect(ReferralToMatchTests.fields(badBody) == ["consent", "needs", "goals"])
            let (created, referral) = try await api.call(practitioner, .POST, "/referrals", """
                {"personId":"\(person.id)","orderId":"\(order.id)","consent":true,"needs":["accommodation","substanceMisuse","educationTrainingEmployment"],
                 "goals":["Find stable accommodation","Complete the accredited programme","Start a course"],"genderPreference":"female",
                 "availability":["tuesday-afternoon"],"exclusions":[{"crn":"E555102","kind":"knownAssociate"}]}
                """)
            #expect(created == .created)
            #expect(referral["state"] as? String == "awaitingAllocation")
            let referralID = try #require(referral["id"] as? String)

            // Suggestions: the male mentor is ruled out by her preference, Jo by the exclusion list.
            let (_, suggestions) = try await api.call(coordinator, .GET, "/referrals/\(referralID)/suggestions")
            let items = suggestions["items"] as? [[String: Any]] ?? []
            #expect(items.compactMap { $0["mentorId"] as? String } == [mentor.id])
            #expect(!items.contains { $0["mentorId"] as? String == other.id })
            let reasons = (items.first?["reasons"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
            #expect(reasons.contains("Shares experience of accommodation and drugs and alcohol"))

            // The coordinator matches; the mentor accepts; the practitioner is told.
            let (proposed, match) = try await api.call(coordinator, .POST, "/referrals/\(referralID)/matches", #"{"version":1,"mentorId":"\#(mentor.id)"}"#)
            #expect(proposed == .created)
            let matchID = try #require(match["id"] as? String)
            #expect(try await api.call(practitioner, .POST, "/matches/\(matchID)/state", #"{"version":1,"state":"active"}"#).0 == .forbidden)
            let (accepted, active) = try await api.call(mentorUser, .POST, "/matches/\(matchID)/state", #"{"version":1,"state":"active"}"#)
            #expect(accepted == .ok)
            #expect(active["startedOn"] as? String == "2026-11-23")
            #expect(try await ReferralRepository.find(id: referralID, on: app.db)?.state == .onProgramme)

            // Contacts: an accompanied appointment, help with a form, a course; then a concern.
            for (support, place) in [("accompaniedAppointment", "Probation office"), ("formsAndLetters", "Library"), ("practicalAdvice", "College open day")] {
                let (logged, _) = try await api.call(mentorUser, .POST, "/matches/\(matchID)/contacts",
                                                     #"{"on":"2026-11-23","minutes":90,"supportTypes":["\#(support)"],"place":"\#(place)"}"#)
                #expect(logged == .created)
            }
            let (future, _) = try await api.call(mentorUser, .POST, "/matches/\(matchID)/contacts", #"{"on":"2026-12-01","minutes":30,"supportTypes":["listening"],"place":"Phone"}"#)
            #expect(future == .unprocessableEntity)
            let (_, concern) = try await api.call(mentorUser, .POST, "/matches/\(matchID)/contacts",
                                                  #"{"on":"2026-11-23","minutes":30,"supportTypes":["listening"],"place":"Phone","concern":"She said she has nowhere to stay this weekend"}"#)
            let contactID = try #require(concern["id"] as? String)
            #expect(try await MatchRepository.find(id: matchID, on: app.db)?.reviewReason != nil)
            #expect(try await api.call(world.practitionerA2, .POST, "/contacts/\(contactID)/acknowledgement").0 == .notFound)
            #expect(try await api.call(practitioner, .POST, "/contacts/\(contactID)/acknowledgement").0 == .noContent)
            #expect(try await api.call(practitioner, .POST, "/contacts/\(contactID)/acknowledgement").0 == .notFound, "already acknowledged")

            // Closing records each goal's outcome and ends the match.
            let (missing, missingBody) = try await api.call(practitioner, .POST, "/referrals/\(referralID)/closure",
                                                            #"{"version":3,"outcomes":[{"outcome":"achieved"}]}"#)
            #expect(missing == .unprocessableEntity)
            #expect(ReferralToMatchTests.fields(missingBody) == ["outcome-1", "outcome-2"])
            let (closed, summary) = try await api.call(practitioner, .POST, "/referrals/\(referralID)/closure", """
                {"version":3,"outcomes":[{"outcome":"achieved","comment":"Has her own flat"},{"outcome":"achieved"},{"outcome":"partiallyAchieved","comment":"Applied"}]}
                """)
            #expect(closed == .ok)
            #expect(summary["state"] as? String == "completed")
            #expect(try await MatchRepository.find(id: matchID, on: app.db)?.endReason == .goalsAchieved)

            // The practitioner was told at each step; the worker delivers the outbox.
            let told = try await NotificationRepository.forRecipient(practitioner.id, limit: 20, on: app.db).map(\.kind)
            #expect(Set(told) == ["referral.matched", "concern.raised", "referral.ended"])
            #expect(try await NotificationWorker.deliverPending(app) >= 4)
            #expect(try await NotificationRepository.pending(limit: 10, on: app.db).isEmpty)

            // Contacts and matches export to CSV.
            var browser = try await Browser.signedIn(app, as: "coordinator@example.org")
            let matchesCSV = try await browser.get("/matches/export.csv")
            #expect(matchesCSV.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(matchesCSV.body.string.contains("E555001,Daisy Ward,Sam Mentor,ended"))
            let contactsCSV = try await browser.get("/contacts/export.csv").body.string
            #expect(contactsCSV.contains("accompaniedAppointment,yes,Probation office,no"))
            #expect(contactsCSV.contains("listening,no,Phone,yes,2026-11-23"))
            #expect(api.log.violations.isEmpty, "\(api.log.violations.joined(separator: "\n"))")
        }
    }

    static func fields(_ body: [String: Any]) -> Set<String> {
        Set((body["errors"] as? [[String: String]] ?? []).compactMap { $0["field"] })
    }

    @Test("A high-risk mentee is matched only with a cleared mentor, once a coordinator approves")
    func highRisk() async throws {
        try await withWaymark { app, world in
            let api = APIClient(app: app, token: world.token(world.user(.coordinator)))
            let mentor = try await Self.activeMentor(app, world, first: "Sam", crn: "E555100")
            let (person, order) = try await Self.daisy(app, world, rosh: .high)
            let referral = try await ReferralRepository.create(personID: person.id, orderID: order.id, by: world.user(.practitioner).id, on: world.today, consent: true,
                                                               ReferralDetails(needs: [.accommodation], goals: ["Home"], genderPreference: .noPreference, languages: ["English"],
                                                                               availability: [], accessibilityNeeds: nil, exclusions: []), on: app.db)
            func suggested() async throws -> [String] {
                let body = try api.object(try await api.send(.GET, "/referrals/\(referral.id)/suggestions"))
                return (body["items"] as? [[String: Any]] ?? []).compactMap { $0["mentorId"] as? String }
            }
            #expect(try await suggested().isEmpty)
            let refused = try await api.send(.POST, "/referrals/\(referral.id)/matches", json: #"{"version":1,"mentorId":"\#(mentor.id)"}"#)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("not cleared for high risk"))
            _ = try await api.send(.POST, "/mentors/\(mentor.id)/clearance", json: #"{"version":\#(mentor.version),"cleared":true}"#)
            #expect(try await suggested().isEmpty, "still needs the coordinator's approval")
            _ = try await api.send(.POST, "/referrals/\(referral.id)/high-risk-approval", json: #"{"version":1}"#)
            #expect(try await suggested() == [mentor.id])
        }
    }

    @Test("Bulk matching proposes the optimum for the waiting list and confirming it proposes every match")
    func bulk() async throws {
        try await withWaymark { app, world in
            let coordinator = APIClient(app: app, token: world.token(world.user(.coordinator)))
            let sam = try await Self.activeMentor(app, world, first: "Sam", crn: "E555100", experience: [.homelessness], capacity: 1)
            let jo = try await Self.activeMentor(app, world, first: "Jo", crn: "E555101", experience: [.debt], capacity: 1)
            // Two mentees: a greedy pass would give Sam to whoever scores highest first.
            var referrals: [Referral] = []
            for (crn, needs) in [("E555201", [Need.accommodation, .finance]), ("E555202", [Need.accommodation])] {
                let person = try await PeopleRepository.create(PersonDetails(crn: CRN(crn), firstName: "M", lastName: crn, dateOfBirth: CalendarDate(year: 1990, month: 1, day: 1)!,
                                                                             gender: .male, areaID: world.areaA.id, deliveryUnitID: world.areaA.deliveryUnits[0].id),
                                                               practitionerID: world.user(.practitioner).id, on: app.db)
                let order = try await OrderRepository.create(OrderDetails(type: .licence, startDate: world.today.adding(months: -1), expectedEndDate: world.today.adding(months: 6),
                                                                          actualEndDate: nil, outcome: .active, requirements: [], rarDays: nil), personID: person.id, on: app.db)
                referrals.append(try await ReferralRepository.create(personID: person.id, orderID: order.id, by: world.user(.practitioner).id, on: world.today, consent: true,
                                                                     ReferralDetails(needs: needs, goals: ["Goal"], genderPreference: .noPreference, languages: ["English"],
                                                                                     availability: [], accessibilityNeeds: nil, exclusions: []), on: app.db))
            }
            let proposal = try coordinator.object(try await coordinator.send(.GET, "/matching/proposal?area=\(world.areaA.id)"))
            let pairs = Dictionary(uniqueKeysWithValues: (proposal["items"] as? [[String: Any]] ?? []).map { ($0["referralId"] as! String, $0["mentorId"] as! String) })
            // Optimal: the mentee who needs only accommodation gets Sam; the other gets Jo (debt).
            #expect(pairs[referrals[1].id] == sam.id)
            #expect(pairs[referrals[0].id] == jo.id)
            let confirmed = try await coordinator.send(.POST, "/matching/proposal?area=\(world.areaA.id)")
            #expect(confirmed.status == .created)
            for referral in referrals {
                #expect(try await ReferralRepository.find(id: referral.id, on: app.db)?.state == .matched)
            }
            // Nothing is waiting now, so a second proposal is empty.
            let again = try coordinator.object(try await coordinator.send(.GET, "/matching/proposal?area=\(world.areaA.id)"))
            #expect((again["items"] as? [Any])?.isEmpty == true)
        }
    }
}

@Suite("Dynamic risk on matches")
struct MatchRiskReviewTests {
    @Test("A mentee's new safeguarding flag puts their match under review and tells the practitioner; a coordinator clears it")
    func reviewAfterRiskChange() async throws {
        try await withWaymark { app, world in
            let practitioner = APIClient(app: app, token: world.token(world.practitionerA2))
            let path = "/people/\(world.personA2.id)/risk"
            _ = try await practitioner.send(.POST, path, json: #"{"rosh":"low","assessedOn":"2026-11-01","nextReviewDate":"2027-02-01"}"#)
            try await MatchRepository.setReview(id: world.matchA2.id, reason: nil, on: app.db)
            let changed = try await practitioner.send(.POST, path, json: #"{"rosh":"low","safeguardingFlags":["domesticAbuse"],"assessedOn":"2026-11-20","nextReviewDate":"2027-02-01"}"#)
            #expect(changed.status == .created)
            let match = try #require(try await MatchRepository.find(id: world.matchA2.id, on: app.db))
            #expect(match.reviewReason == "Risk changed: New safeguarding flags: Domestic abuse")
            let told = try await NotificationRepository.forRecipient(world.practitionerA2.id, limit: 10, on: app.db).map(\.kind)
            #expect(told.contains("match.underReview"))

            var coordinator = try await Browser.signedIn(app, as: "coordinator@example.org")
            let page = try await coordinator.get("/matches/\(match.id)")
            #expect(page.body.string.contains("Under review: Risk changed"))
            let cleared = try await coordinator.post("/matches/\(match.id)/review", [])
            #expect(cleared.status == .seeOther)
            #expect(try await MatchRepository.find(id: match.id, on: app.db)?.reviewReason == nil)
        }
    }

    @Test("A mentor sees only their mentee's first name and practicalities; a practitioner's other cases stay hidden")
    func mentorView() async throws {
        try await withWaymark { app, world in
            var mentor = try await Browser.signedIn(app, as: "mentor@example.org")
            let page = try await mentor.get("/matches/\(world.matchA2.id)").body.string
            #expect(page.contains("Mentoring Marcus"))
            #expect(!page.contains("Shaw"), "no surname")
            #expect(!page.contains("E100002"), "no CRN")
            #expect(!page.contains("RoSH"))
            let list = try await mentor.get("/matches").body.string
            #expect(list.contains("Marcus"))
            #expect(try await mentor.get("/people/\(world.personA2.id)").status == .forbidden)
            var practitioner = try await Browser.signedIn(app, as: "practitioner@example.org")
            #expect(try await practitioner.get("/matches/\(world.matchA2.id)").status == .notFound)
        }
    }
}

@Suite("Referral to match in the browser")
struct ReferralToMatchPageTests {
    @Test("Daisy's story through the pages: refer, match, accept, log contacts, raise and acknowledge a concern, close")
    func daisyInTheBrowser() async throws {
        try await withWaymark { app, world in
            try await MentorRepository.linkUser(id: world.mentorA1.id, userID: nil, on: app.db)
            let mentor = try await ReferralToMatchTests.activeMentor(app, world, first: "Sam", crn: "E555100", linkTo: world.user(.mentor))
            let (person, order) = try await ReferralToMatchTests.daisy(app, world)

            var practitioner = try await Browser.signedIn(app, as: "practitioner@example.org")
            #expect(try await practitioner.get("/people/\(person.id)").body.string.contains("Refer for a peer mentor"))
            try await practitioner.get("/people/\(person.id)/refer")
            let incomplete = try await practitioner.post("/people/\(person.id)/refer", [("orderId", order.id)])
            #expect(incomplete.status == .unprocessableEntity)
            #expect(incomplete.body.string.contains("Confirm the person has agreed to be referred"))
            #expect(incomplete.body.string.contains("Select at least one need"))
            let sent = try await practitioner.post("/people/\(person.id)/refer", [
                ("orderId", order.id), ("consent[]", "yes"), ("needs[]", "accommodation"), ("needs[]", "substanceMisuse"),
                ("goal-0", "Find stable accommodation"), ("goal-1", "Complete the accredited programme"), ("genderPreference", "female"),
                ("languages", "English"), ("availability[]", "tuesday-afternoon"),
            ])
            #expect(sent.status == .seeOther)
            let referralPath = try #require(sent.headers.first(name: .location))

            var coordinator = try await Browser.signedIn(app, as: "coordinator@example.org")
            let waiting = try await coordinator.get("/referrals").body.string
            #expect(waiting.contains("Daisy Ward"))
            #expect(waiting.contains("places free with active mentors"))
            #expect(waiting.contains("Demand and capacity by delivery unit in Essex"))
            let referralPage = try await coordinator.get(referralPath).body.string
            #expect(referralPage.contains("Sam Mentor: score"))
            #expect(referralPage.contains("Shares experience of accommodation and drugs and alcohol"))
            let referral = try #require(try await ReferralRepository.find(personID: person.id, on: app.db))
            let proposed = try await coordinator.post(referralPath + "/propose", [("version", String(referral.version)), ("mentorId", mentor.id)])
            #expect(proposed.status == .seeOther)
            let matchPath = try #require(proposed.headers.first(name: .location))

            var mentorBrowser = try await Browser.signedIn(app, as: "mentor@example.org")
            let proposal = try await mentorBrowser.get(matchPath).body.string
            #expect(proposal.contains("Mentoring Daisy"))
            #expect(proposal.contains("Accept this match"))
            #expect(try await mentorBrowser.post(matchPath + "/state", [("version", "1"), ("state", "active")]).status == .seeOther)
            try await mentorBrowser.get(matchPath)
            let contact = try await mentorBrowser.post(matchPath + "/contacts", [
                ("on-day", "23"), ("on-month", "11"), ("on-year", "2026"), ("minutes", "90"), ("supportTypes[]", "accompaniedAppointment"),
                ("place", "Probation office"), ("concern", "She has nowhere to stay this weekend"),
            ])
            #expect(contact.status == .seeOther)
            let badContact = try await mentorBrowser.post(matchPath + "/contacts", [("minutes", "900"), ("place", "")])
            #expect(badContact.status == .unprocessableEntity)
            #expect(badContact.body.string.contains("Minutes must be a whole number from 5 to 480"))

            let concerns = try await practitioner.get("/concerns").body.string
            #expect(concerns.contains("She has nowhere to stay this weekend"))
            let open = try #require(try await MatchRepository.contacts(matchIDs: [String(matchPath.split(separator: "/").last!)], on: app.db).first(where: \.hasOpenConcern))
            #expect(try await practitioner.post("/concerns/\(open.id)/acknowledge", []).status == .seeOther)
            #expect(try await practitioner.get("/concerns").body.string.contains("No open concerns"))
            #expect(try await practitioner.get("/notifications").body.string.contains("A concern has been raised"))

            let onProgramme = try #require(try await ReferralRepository.find(id: referral.id, on: app.db))
            let closed = try await practitioner.post(referralPath + "/close", [("version", String(onProgramme.version)), ("outcome-0", "achieved"),
                                                                              ("outcome-1", "partiallyAchieved"), ("comment-1", "Half way")])
            #expect(closed.status == .seeOther)
            let summary = try await practitioner.get(referralPath).body.string
            #expect(summary.contains("End-of-service summary"))
            #expect(summary.contains("Half way"))
        }
    }
}

extension ReferralRepository {
    static func find(personID: String, on db: any Database) async throws -> Referral? {
        try await forPerson(personID, on: db).first
    }
}

@Suite("Match health")
struct MatchHealthPageTests {
    @Test("Flags appear as days pass, and follow the provider's settings")
    func flagsFollowSettings() async throws {
        try await withWaymark { app, world in
            var coordinator = try await Browser.signedIn(app, as: "coordinator@example.org")
            #expect(!(try await coordinator.get("/matches").body.string.contains("No recent contact")))
            world.clock.advance(by: 25 * 86_400)
            // 25 days on, the idle session has long ended: sign in afresh.
            coordinator = try await Browser.signedIn(app, as: "coordinator@example.org")
            let late = try await coordinator.get("/matches").body.string
            #expect(late.contains("No recent contact"))
            #expect(late.contains("Check-in overdue"))
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            try await admin.get("/settings")
            let saved = try await admin.post("/settings/\(world.providerID)", [("version", "0"), ("endedWithinMonths", "6"), ("endingWithinMonths", "3"),
                                                                               ("trainingSessions", "12"), ("attendanceRequired", "10"), ("mileagePencePerMile", "45"),
                                                                               ("firstMeetingWithinDays", "14"), ("contactAtLeastEveryDays", "30"), ("rarCountingBasis", "distinctDays"), ("newStartWithinMonths", "3"), ("firstAppointmentWithinDays", "28"), ("reportingYearStartMonth", "4"), ("retentionYears", "7")])
            #expect(saved.status == .seeOther)
            #expect(!(try await coordinator.get("/matches").body.string.contains("No recent contact")))
        }
    }
}
