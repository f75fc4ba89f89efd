import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

@Suite("Administrator pages")
struct AdminPagesTests {
    @Test("The users list pages through every user once, by email")
    func usersPagination() async throws {
        try await withWaymark { app, world in
            for i in 0..<55 {
                _ = try await UserRepository.create(email: String(format: "user%02d@example.org", i), name: "User \(i)", role: .mentor,
                                                    passwordHash: "x", areaIDs: [world.areaA.id], on: app.db)
            }
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            var seen: [String] = []
            var path: String? = "/users"
            while let next = path {
                let html = try await admin.get(next).body.string
                seen += html.matches(of: /<td class="wm-table__cell">([^<]+@example\.org)<\/td>/).map { String($0.1) }
                path = html.firstMatch(of: /href="([^"]+)" rel="next"/).map { String($0.1).replacingOccurrences(of: "&amp;", with: "&") }
            }
            let total = try await UserModel.query(on: app.db).count()
            #expect(total >= 64)
            #expect(seen.count == total)
            #expect(Set(seen).count == total)
            #expect(seen == seen.sorted())
        }
    }
}
