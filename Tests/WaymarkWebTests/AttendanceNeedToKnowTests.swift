import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// Facilitators record attendance; what follows it (the enforcement decision, its notes, the order
/// it counts against) is the practitioner's business and the coordinator's, not theirs.
@Suite("Attendance through the API, as each role may see it")
struct AttendanceNeedToKnowTests {
    @Test("A staff facilitator gets outcomes but no enforcement, notes or order; the area's coordinator gets them")
    func enforcementOnlyToThoseWhoDecideIt() async throws {
        try await withWaymark { app, world in
            let practitioner = APIClient(app: app, token: world.token(world.user(.practitioner)))
            let decided = try await practitioner.send(.POST, "/attendance/\(world.attendanceA1.id)/enforcement",
                                                      json: #"{"version":\#(world.attendanceA1.version),"decision":"warningLetter","notes":"Second missed session"}"#)
            #expect(decided.status == .ok)
            let path = "/sessions/\(world.sessionA.id)/attendance"

            func entry(_ client: APIClient) async throws -> [String: Any] {
                let response = try await client.send(.GET, path)
                #expect(response.status == .ok)
                let items = try #require(try client.object(response)["items"] as? [[String: Any]])
                return try #require(items.first { $0["personId"] as? String == world.personA1.id })
            }

            let facilitator = try await entry(APIClient(app: app, token: world.token(world.user(.staffFacilitator))))
            #expect(facilitator["outcome"] as? String == "failedToAttend")
            #expect(facilitator["enforcement"] == nil)
            #expect(facilitator["enforcementNotes"] == nil)
            #expect(facilitator["enforcementOn"] == nil)
            #expect(facilitator["orderId"] == nil)

            // (The practitioner, who decided it, sees it on their enforcement list; they reach a
            // session's attendance only when facilitating it.)
            let full = try await entry(APIClient(app: app, token: world.token(world.user(.coordinator))))
            #expect(full["enforcement"] as? String == "warningLetter")
            #expect(full["enforcementNotes"] as? String == "Second missed session")
            #expect(full["orderId"] as? String == world.orderA1.id)
        }
    }
}
