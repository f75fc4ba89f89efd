import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// The same story in the browser: forms, error summaries, the timeline and the certificate.
@Suite("Mentor journey pages")
struct MentorJourneyPageTests {
    /// A person whose licence ended last month, on practitioner A1's caseload.
    static func candidate(_ app: Application, _ world: TestWorld) async throws -> Person {
        let details = PersonDetails(crn: CRN("E300400"), firstName: "Leanne", lastName: "Hughes", dateOfBirth: CalendarDate(year: 1985, month: 6, day: 1)!,
                                    gender: .female, areaID: world.areaA.id, deliveryUnitID: world.areaA.deliveryUnits[0].id)
        let person = try await PeopleRepository.create(details, practitionerID: world.user(.practitioner).id, on: app.db)
        _ = try await OrderRepository.create(OrderDetails(type: .licence, startDate: CalendarDate(year: 2025, month: 4, day: 1)!,
                                                          expectedEndDate: CalendarDate(year: 2026, month: 10, day: 20)!,
                                                          actualEndDate: CalendarDate(year: 2026, month: 10, day: 20)!, outcome: .completed,
                                                          requirements: [], rarDays: nil), personID: person.id, on: app.db)
        return person
    }

    static func date(_ name: String, _ d: String, _ m: String, _ y: String) -> [(String, String)] {
        [("\(name)-day", d), ("\(name)-month", m), ("\(name)-year", y)]
    }

    @Test("Recommend, check, train, accredit and activate through the pages")
    func journey() async throws {
        try await withWaymark { app, world in
            let person = try await Self.candidate(app, world)
            var practitioner = try await Browser.signedIn(app, as: "practitioner@example.org")
            let record = try await practitioner.get("/people/\(person.id)")
            #expect(record.body.string.contains("Recommend as a peer mentor"))
            try await practitioner.get("/people/\(person.id)/recommend")
            let empty = try await practitioner.post("/people/\(person.id)/recommend", [("reason", "")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("Enter why you recommend them"))
            let sent = try await practitioner.post("/people/\(person.id)/recommend", [("reason", "Leanne has rebuilt her life and wants to help others")])
            #expect(sent.status == .seeOther)
            let mentorPath = try #require(sent.headers.first(name: .location))
            let mentor = try #require(try await MentorRepository.find(personID: person.id, on: app.db))
            #expect(mentorPath == "/mentors/\(mentor.id)")

            let page = try await practitioner.get(mentorPath)
            #expect(page.body.string.contains("Not eligible yet"))
            #expect(page.body.string.contains("data-code=\"noRiskReview\""))
            try await practitioner.get(mentorPath + "/risk-review")
            let review = try await practitioner.post(mentorPath + "/risk-review", [("outcome", "suitable")] + Self.date("reviewedOn", "20", "11", "2026"))
            #expect(review.status == .seeOther)

            var coordinator = try await Browser.signedIn(app, as: "coordinator@example.org")
            try await coordinator.get(mentorPath + "/risk-review")
            try await coordinator.post(mentorPath + "/risk-review", [("outcome", "suitable")] + Self.date("reviewedOn", "21", "11", "2026"))
            try await coordinator.get(mentorPath + "/declarations")
            let declared = try await coordinator.post(mentorPath + "/declarations",
                                                      [("noCurrentOffending", "yes"), ("freeFromIllicitDrugs", "yes")] + Self.date("declaredOn", "21", "11", "2026"))
            #expect(declared.status == .seeOther)
            let ready = try await coordinator.get(mentorPath)
            #expect(ready.body.string.contains("Meets every eligibility rule"))

            let illegal = try await coordinator.post(mentorPath + "/move", [("version", "1"), ("to", "active"), ("reason", "Keen")])
            #expect(illegal.status == .unprocessableEntity)
            #expect(illegal.body.string.contains("There is a problem"))
            #expect(illegal.body.string.contains("cannot be moved to active"))
            let eligible = try await coordinator.post(mentorPath + "/move", [("version", "1"), ("to", "eligible"), ("reason", "Meets every rule")])
            #expect(eligible.status == .seeOther)

            try await coordinator.get("/cohorts/new")
            let cohort = try await coordinator.post("/cohorts/new", [("name", "Basildon Level 2"), ("sessions", "12"), ("siteId", world.siteA),
                                                                     ("trainers", "Sam Okafor")] + Self.date("startDate", "3", "8", "2026"))
            #expect(cohort.status == .seeOther)
            let cohortPath = try #require(cohort.headers.first(name: .location))
            let cohortPage = try await coordinator.get(cohortPath)
            #expect(cohortPage.body.string.contains("Leanne Hughes"))
            let enrolled = try await coordinator.post(cohortPath + "/enrol", [("mentorId", mentor.id)])
            #expect(enrolled.status == .seeOther)
            try await coordinator.get(cohortPath)
            let weeks = (1...10).map { ("attended-\(mentor.id)[]", String($0)) }
            let recorded = try await coordinator.post(cohortPath + "/record", [("mentorId", mentor.id), ("version", "1"), ("assessment-\(mentor.id)", "passed")] + weeks)
            #expect(recorded.status == .seeOther)
            #expect(try await MentorRepository.find(id: mentor.id, on: app.db)?.state == .trained)

            try await coordinator.get(mentorPath + "/accreditation")
            let accredited = try await coordinator.post(mentorPath + "/accreditation", [
                ("award", "Level 2 Award in Peer Mentoring"), ("awardingBody", "ocn"), ("certificateNumber", "OCN-2026-31"),
                ("firstQualification", "yes"),
            ] + Self.date("awardedOn", "22", "11", "2026"))
            #expect(accredited.status == .seeOther)
            let certificate = try await coordinator.get(mentorPath + "/certificate")
            #expect(certificate.body.string.contains("Certificate of completion"))
            #expect(certificate.body.string.contains("attending 10 of 12 weekly sessions"))
            #expect(certificate.body.string.contains("OCN-2026-31"))

            let trained = try #require(try await MentorRepository.find(id: mentor.id, on: app.db))
            let active = try await coordinator.post(mentorPath + "/move", [("version", String(trained.version)), ("to", "active"), ("reason", "Accredited")])
            #expect(active.status == .seeOther)
            let timeline = try await coordinator.get(mentorPath).body.string
            for step in ["Recommended", "Recommended → Eligible", "Eligible → In training", "In training → Trained", "Trained → Active"] {
                #expect(timeline.contains(step), "timeline shows \(step)")
            }
            // The person's own record shows the journey too.
            #expect(try await coordinator.get("/people/\(person.id)").body.string.contains("View their mentor journey"))
        }
    }

    @Test("Expenses: a bad claim is refused with the field marked; a coordinator approves a good one")
    func expenses() async throws {
        try await withWaymark { app, world in
            var mentor = try await Browser.signedIn(app, as: "mentor@example.org")
            let mine = try await mentor.get("/my-journey")
            #expect(mine.headers.first(name: .location) == "/mentors/\(world.mentorA1.id)")
            let path = "/mentors/\(world.mentorA1.id)"
            try await mentor.get(path + "/volunteering")
            let bad = try await mentor.post(path + "/expenses", [("kind", "fares"), ("amount", "-2"), ("description", "Bus")] + Self.date("incurredOn", "1", "12", "2026"))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Date must be today or in the past"))
            #expect(bad.body.string.contains("Amount must be more than £0"))
            let good = try await mentor.post(path + "/expenses", [("kind", "mileage"), ("miles", "20"), ("description", "To Colchester")] + Self.date("incurredOn", "20", "11", "2026"))
            #expect(good.status == .seeOther)
            #expect(try await mentor.get("/mentors/\(UUID().uuidString)").status == .notFound)
            #expect(try await mentor.get("/cohorts").status == .forbidden)

            var coordinator = try await Browser.signedIn(app, as: "coordinator@example.org")
            let queue = try await coordinator.get("/expenses")
            #expect(queue.body.string.contains("Daisy Fletcher: £9.00"))
            let claim = try #require(try await VolunteeringRepository.expenses(mentorID: world.mentorA1.id, on: app.db).first { $0.claim.kind == .mileage })
            let noReason = try await coordinator.post("/expenses/\(claim.id)/decision", [("version", "1"), ("decision-\(claim.id)", "rejected")])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("Say why the claim is rejected"))
            let approved = try await coordinator.post("/expenses/\(claim.id)/decision", [("version", "1"), ("decision-\(claim.id)", "approved")])
            #expect(approved.status == .seeOther)
            let totals = try await mentor.get(path + "/volunteering").body.string
            #expect(totals.contains("£9.00"))
            #expect(totals.contains("Approved"))
        }
    }
}
