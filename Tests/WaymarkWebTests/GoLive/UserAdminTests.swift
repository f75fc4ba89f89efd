import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

@Suite("Managing users")
struct UserAdminTests {
    static func version(_ app: Application, _ user: UserAccount) async throws -> Int {
        try #require(try await UserRepository.find(id: user.id, on: app.db)).version
    }

    @Test("Giving a coordinator a second area shows them its people on their next page")
    func changeAreas() async throws {
        try await withWaymark { app, world in
            let coordinator = world.user(.coordinator)
            var theirs = try await Browser.signedIn(app, as: coordinator.email)
            #expect(try await theirs.get("/people/\(world.personB.id)").status == .notFound)
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            try await admin.get("/users/\(coordinator.id)")

            let saved = try await admin.post("/users/\(coordinator.id)/access", [
                ("role", "coordinator"), ("areas[]", world.areaA.id), ("areas[]", world.areaB.id),
                ("version", String(try await Self.version(app, coordinator))),
            ])

            #expect(saved.status == .seeOther)
            #expect(GoLive.location(saved) == "/users/\(coordinator.id)")
            let person = try await theirs.get("/people/\(world.personB.id)")
            #expect(person.status == .ok)
            #expect(person.body.string.contains("Walker"))
            #expect(try await UserRepository.find(id: coordinator.id, on: app.db)?.areaIDs == Set([world.areaA.id, world.areaB.id]))
            let history = try await AuditLog.history(recordType: "user", recordID: coordinator.id, limit: 10, on: app.db)
            #expect(history.contains { $0.action == "user.access.change" && $0.actorID == world.user(.administrator).id })
        }
    }

    @Test("The only administrator cannot be made a coordinator")
    func lastAdministrator() async throws {
        try await withWaymark { app, world in
            let admin = world.user(.administrator)
            var browser = try await Browser.signedIn(app, as: admin.email)
            try await browser.get("/users/\(admin.id)")

            let refused = try await browser.post("/users/\(admin.id)/access", [
                ("role", "coordinator"), ("areas[]", world.areaA.id), ("version", String(try await Self.version(app, admin))),
            ])

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(UserAccountRules.lastAdministratorMessage))
            #expect(refused.body.string.contains("id=\"role-error\""))
            let after = try #require(try await UserRepository.find(id: admin.id, on: app.db))
            #expect(after.role == .administrator)
            #expect(after.areaIDs.isEmpty)
            #expect(try await browser.get("/users").status == .ok, "still an administrator")
        }
    }

    @Test("Deactivating someone ends their session and their API tokens at once")
    func deactivate() async throws {
        try await withWaymark { app, world in
            let coordinator = world.user(.coordinator)
            let api = APIClient(app: app, token: try await GoLive.token(app, world, for: coordinator))
            var theirs = try await Browser.signedIn(app, as: coordinator.email)
            #expect(try await api.send(.GET, "/areas").status == .ok)
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            try await admin.get("/users/\(coordinator.id)")

            let done = try await admin.post("/users/\(coordinator.id)/deactivate", [])

            #expect(done.status == .seeOther)
            let page = try await theirs.get("/people")
            #expect(page.status == .seeOther)
            #expect(GoLive.location(page)?.hasPrefix("/sign-in") == true)
            #expect(try await api.send(.GET, "/areas").status == .unauthorized)
            #expect(try await APITokenRepository.list(userID: coordinator.id, on: app.db).isEmpty)
            var again = Browser(app)
            let signIn = try await GoLive.enterPassword(&again, coordinator.email)
            #expect(signIn.status == .unprocessableEntity)
            let shown = try await admin.get("/users/\(coordinator.id)").body.string
            #expect(shown.contains(">Deactivated<"))
            #expect(shown.contains("Reactivate account"))
        }
    }

    @Test("An administrator cannot deactivate their own account")
    func notYourself() async throws {
        try await withWaymark { app, world in
            let admin = world.user(.administrator)
            var browser = try await Browser.signedIn(app, as: admin.email)
            try await browser.get("/users/\(admin.id)")
            let refused = try await browser.post("/users/\(admin.id)/deactivate", [])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("You cannot deactivate your own account"))
            #expect(try await UserRepository.find(id: admin.id, on: app.db)?.active == true)
        }
    }

    @Test("Reactivating someone lets them sign in again, but their old tokens stay revoked")
    func reactivate() async throws {
        try await withWaymark { app, world in
            let coordinator = world.user(.coordinator)
            let token = try await GoLive.token(app, world, for: coordinator)
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            try await admin.get("/users/\(coordinator.id)")
            _ = try await admin.post("/users/\(coordinator.id)/deactivate", [])

            let done = try await admin.post("/users/\(coordinator.id)/reactivate", [])

            #expect(done.status == .seeOther)
            var theirs = try await Browser.signedIn(app, as: coordinator.email)
            let home = try await theirs.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("Welcome, Coordinator"))
            #expect(try await APIClient(app: app, token: token).send(.GET, "/areas").status == .unauthorized)
        }
    }

    @Test("The users list can be narrowed by role, area, status and last sign-in")
    func filters() async throws {
        try await withWaymark { app, world in
            _ = try await UserRepository.deactivate(id: world.practitionerB.id, on: app.db)
            try await AccountRepository.recordSignIn(userID: world.user(.coordinator).id, at: world.clock.now.addingTimeInterval(-40 * 86_400),
                                                     on: app.db)
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            func listed(_ query: String) async throws -> [String] { GoLive.listedEmails(try await admin.get("/users?" + query).body.string) }

            let everyone = try await listed("")
            #expect(everyone.count == 10)
            #expect(try await listed("role=coordinator") == ["coordinator2@example.org", "coordinator@example.org", "coordinatorb@example.org"])
            #expect(try await listed("area=\(world.areaB.id)") == ["coordinatorb@example.org", "practitionerb@example.org"])
            #expect(try await listed("role=coordinator&area=\(world.areaB.id)") == ["coordinatorb@example.org"])
            #expect(try await listed("status=inactive") == ["practitionerb@example.org"])
            let active = try await listed("status=active")
            #expect(active.count == 9 && !active.contains("practitionerb@example.org"))
            let notFor30 = try await listed("notSignedInFor=30")
            #expect(notFor30.contains("coordinator@example.org"), "signed in 40 days ago")
            #expect(notFor30.contains("practitioner@example.org"), "never signed in")
            #expect(!notFor30.contains("admin@example.org"), "signed in just now")
            let notFor90 = try await listed("notSignedInFor=90")
            #expect(!notFor90.contains("coordinator@example.org"))
            #expect(notFor90.contains("practitioner@example.org"))
        }
    }

    @Test("Saving a user's role and areas over someone else's change is refused with a conflict")
    func staleVersion() async throws {
        try await withWaymark { app, world in
            let coordinator = world.user(.coordinator)
            let version = try await Self.version(app, coordinator)
            var admin = try await Browser.signedIn(app, as: "admin@example.org")
            try await admin.get("/users/\(coordinator.id)")
            _ = try await admin.post("/users/\(coordinator.id)/access", [("role", "coordinator"), ("areas[]", world.areaA.id),
                                                                         ("areas[]", world.areaB.id), ("version", String(version))])

            let stale = try await admin.post("/users/\(coordinator.id)/access", [("role", "practitioner"), ("areas[]", world.areaA.id),
                                                                                 ("version", String(version))])

            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains(FormSubmission.conflictMessage))
            let after = try #require(try await UserRepository.find(id: coordinator.id, on: app.db))
            #expect(after.role == .coordinator)
            #expect(after.areaIDs == Set([world.areaA.id, world.areaB.id]))
        }
    }
}
