import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

@Suite("Programme settings page")
struct SettingsPageTests {
    @Test("An administrator narrows the eligibility window, and eligibility follows it")
    func settingsDriveEligibility() async throws {
        try await withWaymark { app, world in
            // A candidate whose licence ended on 20 October: inside 6 months, outside 1.
            let person = try await MentorJourneyPageTests.candidate(app, world)
            let mentor = try await MentorRepository.recommend(personID: person.id, by: world.user(.practitioner).id, on: world.today,
                                                              reason: "Ready", at: world.clock.now, on: app.db)
            let api = APIClient(app: app, token: world.token(world.user(.coordinator)))
            func codes() async throws -> Set<String> {
                let body = try api.object(try await api.send(.GET, "/mentors/\(mentor.id)/eligibility"))
                return Set((body["reasons"] as? [[String: String]] ?? []).compactMap { $0["code"] })
            }
            #expect(try await !codes().contains("orderEndedTooLongAgo"))

            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            let page = try await admin.get("/settings")
            #expect(page.body.string.contains("Test Provider"))
            let bad = try await admin.post("/settings/\(world.providerID)", [("version", "0"), ("endedWithinMonths", "0"), ("endingWithinMonths", "3"),
                                                                             ("trainingSessions", "12"), ("attendanceRequired", "10"), ("mileagePencePerMile", "45"), ("firstMeetingWithinDays", "14"), ("contactAtLeastEveryDays", "21"), ("rarCountingBasis", "distinctDays"), ("newStartWithinMonths", "3"), ("firstAppointmentWithinDays", "28"), ("reportingYearStartMonth", "4"), ("retentionYears", "7")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("must be a whole number from 1 to 24"))
            let saved = try await admin.post("/settings/\(world.providerID)", [("version", "0"), ("endedWithinMonths", "1"), ("endingWithinMonths", "3"),
                                                                               ("trainingSessions", "12"), ("attendanceRequired", "10"), ("mileagePencePerMile", "45"), ("firstMeetingWithinDays", "14"), ("contactAtLeastEveryDays", "21"), ("rarCountingBasis", "distinctDays"), ("newStartWithinMonths", "3"), ("firstAppointmentWithinDays", "28"), ("reportingYearStartMonth", "4"), ("retentionYears", "7")])
            #expect(saved.status == .seeOther)
            #expect(try await codes().contains("orderEndedTooLongAgo"))
            let stale = try await admin.post("/settings/\(world.providerID)", [("version", "0"), ("endedWithinMonths", "6"), ("endingWithinMonths", "3"),
                                                                               ("trainingSessions", "12"), ("attendanceRequired", "10"), ("mileagePencePerMile", "45"), ("firstMeetingWithinDays", "14"), ("contactAtLeastEveryDays", "21"), ("rarCountingBasis", "distinctDays"), ("newStartWithinMonths", "3"), ("firstAppointmentWithinDays", "28"), ("reportingYearStartMonth", "4"), ("retentionYears", "7")])
            #expect(stale.status == .conflict)
            var coordinator = try await Browser.signedIn(app, as: "coordinator@example.org")
            #expect(try await coordinator.get("/settings").status == .forbidden)
        }
    }
}
