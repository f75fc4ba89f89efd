import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// The DLNR story: a Transition and Hope session at a site, two accredited mentors and a member
/// of staff, eight people booked, attendance in every national outcome, RAR days moving on each
/// order, and the feedback uplift. Every API response is checked against openapi.yaml.
@Suite("Group sessions and RAR")
struct GroupSessionTests {
    static func personWithRAR(_ app: Application, _ world: TestWorld, _ n: Int, rarDays: Int = 20) async throws -> (Person, Order) {
        let person = try await PeopleRepository.create(PersonDetails(crn: CRN("D3000\(String(format: "%02d", n))"), firstName: "Person\(n)", lastName: "Group",
                                                                     dateOfBirth: CalendarDate(year: 1990, month: 1, day: 1)!, gender: .male, areaID: world.areaA.id,
                                                                     deliveryUnitID: world.areaA.deliveryUnits[0].id),
                                                       practitionerID: world.user(.practitioner).id, on: app.db)
        let order = try await OrderRepository.create(OrderDetails(type: .communityOrder, startDate: world.today.adding(months: -2), expectedEndDate: world.today.adding(months: 10),
                                                                  actualEndDate: nil, outcome: .active, requirements: [.rehabilitationActivity], rarDays: rarDays),
                                                     personID: person.id, on: app.db)
        return (person, order)
    }

    @Test("Transition and Hope: schedule, facilitate, book eight, record every outcome, RAR moves, feedback uplift")
    func transitionAndHope() async throws {
        try await withWaymark { app, world in
            let api = try await MentorJourneyAPITests.client(app, world)
            let coordinator = world.user(.coordinator), practitioner = world.user(.practitioner), staff = world.user(.staffFacilitator)
            let sam = try await ReferralToMatchTests.activeMentor(app, world, first: "Sam", crn: "E700001")
            let lee = try await ReferralToMatchTests.activeMentor(app, world, first: "Lee", crn: "E700002")

            let (_, catalogue) = try await api.call(coordinator, .GET, "/interventions")
            let th = try #require((catalogue["items"] as? [[String: Any]])?.first { $0["name"] as? String == "Transition and Hope" })
            #expect(th["durationMinutes"] as? Int == 120 && th["isRar"] as? Bool == true)

            // A session that ends before it starts is refused.
            let (bad, badBody) = try await api.call(coordinator, .POST, "/sessions", #"{"interventionId":"\#(th["id"]!)","siteId":"\#(world.siteA)","date":"\#(world.today.iso)","start":"14:00","end":"13:00"}"#)
            #expect(bad == .unprocessableEntity)
            #expect(ReferralToMatchTests.fields(badBody) == ["end"])
            let (made, list) = try await api.call(coordinator, .POST, "/sessions", #"{"interventionId":"\#(th["id"]!)","siteId":"\#(world.siteA)","date":"\#(world.today.iso)","start":"14:00"}"#)
            #expect(made == .created)
            let session = try #require((list["items"] as? [[String: Any]])?.first)
            let id = try #require(session["id"] as? String)
            #expect(session["end"] as? String == "16:00")

            // Not confirmable yet: the rule lists what is missing.
            let (early, earlyBody) = try await api.call(coordinator, .POST, "/sessions/\(id)/confirmation", #"{"version":1}"#)
            #expect(early == .unprocessableEntity)
            let problems = (earlyBody["errors"] as? [[String: String]] ?? []).compactMap { $0["message"] }
            #expect(problems.contains("Transition and Hope needs 2 accredited peer mentors who have accepted; it has 0"))
            // A recommended (not accredited) mentor cannot be asked.
            let (notActive, _) = try await api.call(coordinator, .POST, "/sessions/\(id)/facilitators", #"{"mentorId":"\#(world.mentorA1.id)"}"#)
            #expect(notActive == .unprocessableEntity)
            var facilitators: [[String: Any]] = []
            for body in [#"{"mentorId":"\#(sam.id)"}"#, #"{"mentorId":"\#(lee.id)"}"#, #"{"userId":"\#(staff.id)"}"#] {
                let (status, f) = try await api.call(coordinator, .POST, "/sessions/\(id)/facilitators", body)
                #expect(status == .created)
                facilitators.append(f)
            }
            // The staff member answers for themself; the coordinator answers for mentors without a sign-in.
            let (staffAnswer, _) = try await api.call(staff, .POST, "/sessions/\(id)/facilitators/\(facilitators[2]["id"]!)/response", #"{"version":1,"response":"accepted"}"#)
            #expect(staffAnswer == .ok)
            for f in facilitators.prefix(2) {
                let (status, _) = try await api.call(coordinator, .POST, "/sessions/\(id)/facilitators/\(f["id"]!)/response", #"{"version":1,"response":"accepted"}"#)
                #expect(status == .ok)
            }
            let (confirmed, confirmedBody) = try await api.call(coordinator, .POST, "/sessions/\(id)/confirmation", #"{"version":1}"#)
            #expect(confirmed == .ok)
            #expect(confirmedBody["state"] as? String == "confirmed")

            // Eight people booked by their practitioner.
            var people: [(Person, Order)] = []
            for n in 1...8 {
                let (p, o) = try await Self.personWithRAR(app, world, n)
                let (status, booking) = try await api.call(practitioner, .POST, "/sessions/\(id)/bookings", #"{"personId":"\#(p.id)"}"#)
                #expect(status == .created)
                #expect(booking["state"] as? String == "booked")
                #expect(booking["orderId"] as? String == o.id)
                people.append((p, o))
            }
            // Someone on another practitioner's caseload cannot be booked by this practitioner.
            let (notMine, _) = try await api.call(practitioner, .POST, "/sessions/\(id)/bookings", #"{"personId":"\#(world.personA2.id)"}"#)
            #expect(notMine == .unprocessableEntity)

            // Attendance for someone not booked is refused.
            let (notBooked, notBookedBody) = try await api.call(staff, .POST, "/sessions/\(id)/attendance", #"{"personId":"\#(world.personA2.id)","outcome":"attendedComplied"}"#)
            #expect(notBooked == .unprocessableEntity)
            #expect(ReferralToMatchTests.fields(notBookedBody).contains("personId"))
            // Every outcome in the national vocabulary, with late and behaviour notes.
            let outcomes = [
                #""outcome":"attendedComplied""#, #""outcome":"attendedComplied","late":true,"lateReason":"Bus was late""#,
                #""outcome":"attendedFailedToComply""#, #""outcome":"sentHomeBehaviour","behaviourNotes":"Shouting at another participant""#,
                #""outcome":"sentHomeServiceIssues""#, #""outcome":"acceptableAbsence","absenceReason":"medical""#,
                #""outcome":"unacceptableAbsence""#, #""outcome":"failedToAttend""#,
            ]
            for ((person, _), outcome) in zip(people, outcomes) {
                let (status, body) = try await api.call(staff, .POST, "/sessions/\(id)/attendance", #"{"personId":"\#(person.id)",\#(outcome)}"#)
                #expect(status == .created, "\(outcome): \(body)")
            }
            let (again, againBody) = try await api.call(staff, .POST, "/sessions/\(id)/attendance", #"{"personId":"\#(people[0].0.id)","outcome":"failedToAttend"}"#)
            #expect(again == .unprocessableEntity)
            #expect(ReferralToMatchTests.fields(againBody) == ["personId"])

            // RAR days moved for the two who attended and complied (one of them late), and for no one else.
            for (index, (_, order)) in people.enumerated() {
                let (_, rar) = try await api.call(practitioner, .GET, "/orders/\(order.id)/rar")
                #expect(rar["totalDays"] as? Int == 20)
                #expect(rar["completedDays"] as? Int == (index < 2 ? 1 : 0), "person \(index + 1)")
                #expect(rar["remainingDays"] as? Int == (index < 2 ? 19 : 20))
                #expect(rar["scheduledDays"] as? Int == 0)
            }
            // Non-compliance told the practitioner, who records the enforcement decision.
            let told = try await NotificationRepository.forRecipient(practitioner.id, limit: 50, on: app.db).map(\.kind)
            #expect(told.filter { $0 == "attendance.nonCompliance" }.count == 4)
            #expect(told.contains("rar.changed"))
            let waiting = try await AttendanceRepository.awaitingEnforcement(practitionerID: practitioner.id, on: app.db)
            #expect(waiting.filter { $0.sessionID == id }.count == 4)
            let target = try #require(waiting.first { $0.sessionID == id })
            let (decided, decision) = try await api.call(practitioner, .POST, "/attendance/\(target.id)/enforcement", #"{"version":1,"decision":"warningLetter"}"#)
            #expect(decided == .ok)
            #expect(decision["enforcement"] as? String == "warningLetter")

            // Feedback: scores outside 1-5 refused; uplift is mean(after − before).
            let (outside, outsideBody) = try await api.call(staff, .POST, "/sessions/\(id)/feedback", #"{"before":0,"after":6}"#)
            #expect(outside == .unprocessableEntity)
            #expect(ReferralToMatchTests.fields(outsideBody) == ["before", "after"])
            for (before, after) in [(2, 4), (3, 4), (1, 4)] {
                let (status, _) = try await api.call(staff, .POST, "/sessions/\(id)/feedback", #"{"before":\#(before),"after":\#(after),"comment":"Hopeful"}"#)
                #expect(status == .created)
            }
            let (_, feedback) = try await api.call(staff, .GET, "/sessions/\(id)/feedback")
            #expect((feedback["uplift"] as? [String: Any])?["meanUplift"] as? Double == 2.0)
            let (_, report) = try await api.call(coordinator, .GET, "/feedback/uplift")
            #expect(((report["byIntervention"] as? [[String: Any]])?.first { $0["key"] as? String == "Transition and Hope" })?["responses"] as? Int == 3)

            // RAR credit beyond the court's maximum is refused.
            let (one, oneOrder) = try await Self.personWithRAR(app, world, 9, rarDays: 1)
            _ = one
            let (first, _) = try await api.call(practitioner, .POST, "/orders/\(oneOrder.id)/rar-activities", #"{"date":"\#(world.today.adding(days: -2).iso)","kind":"oneToOne","outcome":"attendedComplied"}"#)
            #expect(first == .created)
            let (beyond, beyondBody) = try await api.call(practitioner, .POST, "/orders/\(oneOrder.id)/rar-activities", #"{"date":"\#(world.today.adding(days: -1).iso)","kind":"oneToOne","outcome":"attendedComplied"}"#)
            #expect(beyond == .unprocessableEntity)
            #expect((beyondBody["errors"] as? [[String: String]])?.first?["message"]?.contains("maximum") == true)

            // The staff facilitator sees the session; a mentor not facilitating and another area's coordinator do not.
            let (seen, _) = try await api.call(staff, .GET, "/sessions/\(id)")
            #expect(seen == .ok)
            let (hidden, _) = try await api.call(world.coordinatorB, .GET, "/sessions/\(id)")
            #expect(hidden == .notFound)
            #expect(api.log.violations.isEmpty, "\(api.log.violations)")
        }
    }

    @Test("Pages: schedule by form, the session page, attendance errors marked, the RAR ledger and the person's summary")
    func pages() async throws {
        try await withWaymark { app, world in
            var coordinator = try await Browser.signedIn(app, as: world.user(.coordinator).email)
            let th = world.interventionTH
            let bad = try await coordinator.post("/sessions/new", [("interventionId", th.id), ("siteId", world.siteA), ("date-day", String(world.today.day)),
                                                                   ("date-month", String(world.today.month)), ("date-year", String(world.today.year)),
                                                                   ("start", "15:00"), ("end", "14:00"), ("weeks", "1")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("End time must be after the start time"))
            let good = try await coordinator.post("/sessions/new", [("interventionId", th.id), ("siteId", world.siteA), ("date-day", String(world.today.day)),
                                                                    ("date-month", String(world.today.month)), ("date-year", String(world.today.year)),
                                                                    ("start", "15:00"), ("end", ""), ("weeks", "3")])
            #expect(good.status == .seeOther)
            #expect(try await SessionRepository.list(areas: [world.areaA.id], from: world.today, on: app.db).count == 4)
            let page = try await coordinator.get("/sessions/\(world.sessionA.id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Daisy Fletcher"))
            #expect(try await coordinator.get("/sessions").body.string.contains("Transition and Hope"))

            var staff = try await Browser.signedIn(app, as: world.user(.staffFacilitator).email)
            // Person A1's attendance is recorded already: a second one is refused with the field marked.
            let again = try await staff.post("/sessions/\(world.sessionA.id)/attendance", [("personId", world.personA1.id), ("outcome", "attendedComplied")])
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("already recorded"))
            #expect(try await staff.get("/sessions/\(world.sessionA.id)/sheet").status == .ok)
            let feedback = try await staff.post("/sessions/\(world.sessionA.id)/feedback", [("before", "9"), ("after", "")])
            #expect(feedback.status == .unprocessableEntity)
            #expect(feedback.body.string.contains("Score before the session must be from 1 to 5"))

            var practitioner = try await Browser.signedIn(app, as: world.user(.practitioner).email)
            let ledger = try await practitioner.get("/people/\(world.personA1.id)/orders/\(world.orderA1.id)/rar")
            #expect(ledger.status == .ok)
            #expect(ledger.body.string.contains("20 days RAR, 0 completed, 0 scheduled, 20 remaining"))
            let summary = try await practitioner.get("/people/\(world.personA1.id)/orders/\(world.orderA1.id)/rar/summary")
            #expect(summary.body.string.contains("You have done 0 of your 20 RAR days."))
            let enforcement = try await practitioner.get("/enforcement")
            #expect(enforcement.body.string.contains("Daisy Fletcher"))
            #expect(try await practitioner.get("/new-start").status == .ok)
        }
    }

    @Test("A mentor's must-not-meet list, entered on their record, keeps that person off sessions they facilitate")
    func mustNotMeet() async throws {
        try await withWaymark { app, world in
            let sam = try await ReferralToMatchTests.activeMentor(app, world, first: "Sam", crn: "E700001")
            var coordinator = try await Browser.signedIn(app, as: world.user(.coordinator).email)
            let bad = try await coordinator.post("/mentors/\(sam.id)/must-not-meet", [("exclusion-crn-0", "123"), ("exclusion-kind-0", "victim")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("like X123456"))
            let saved = try await coordinator.post("/mentors/\(sam.id)/must-not-meet", [("exclusion-crn-0", "D300001"), ("exclusion-kind-0", "victim")])
            #expect(saved.status == .seeOther)
            #expect(try await MentorExclusionRepository.exclusions(mentorIDs: [sam.id], on: app.db)[sam.id]?.map(\.crn.value) == ["D300001"])

            let api = try await MentorJourneyAPITests.client(app, world)
            let (_, list) = try await api.call(world.user(.coordinator), .POST, "/sessions", #"{"interventionId":"\#(world.interventionTH.id)","siteId":"\#(world.siteA)","date":"\#(world.today.adding(days: 7).iso)","start":"10:00"}"#)
            let id = try #require((list["items"] as? [[String: Any]])?.first?["id"] as? String)
            let (asked, _) = try await api.call(world.user(.coordinator), .POST, "/sessions/\(id)/facilitators", #"{"mentorId":"\#(sam.id)"}"#)
            #expect(asked == .created)
            let (person, _) = try await Self.personWithRAR(app, world, 1)
            let (refused, body) = try await api.call(world.user(.practitioner), .POST, "/sessions/\(id)/bookings", #"{"personId":"\#(person.id)"}"#)
            #expect(refused == .unprocessableEntity)
            #expect((body["errors"] as? [[String: String]])?.first?["message"]?.contains("must not meet") == true)
            #expect(api.log.violations.isEmpty, "\(api.log.violations)")
        }
    }

    @Test("A private calendar feed lists the user's sessions and stops working when revoked")
    func calendarFeed() async throws {
        try await withWaymark { app, world in
            var staff = try await Browser.signedIn(app, as: world.user(.staffFacilitator).email)
            _ = try await staff.post("/calendar", [("action", "create")])
            let page = try await staff.get("/calendar")
            let html = page.body.string
            let marker = "/calendar/"
            let start = try #require(html.range(of: marker, options: [], range: html.range(of: "feed-url")!.upperBound..<html.endIndex))
            let token = String(html[start.upperBound...].prefix(while: { $0.isHexDigit }))
            #expect(token.count == 48)
            let feed = try await app.testing().sendRequest(.GET, "/calendar/\(token).ics")
            #expect(feed.status == .ok)
            #expect(feed.body.string.contains("BEGIN:VCALENDAR"))
            #expect(feed.body.string.contains("SUMMARY:Transition and Hope (facilitating)"))
            #expect(!feed.body.string.contains("Daisy"))
            _ = try await staff.post("/calendar", [("action", "revoke")])
            #expect(try await app.testing().sendRequest(.GET, "/calendar/\(token).ics").status == .notFound)
        }
    }
}
