import Fluent
import Foundation
import WaymarkCore

/// Facts about the database itself: whether it holds demo data, whether anyone can manage it.
public enum InstallationRepository {
    /// A database is a demo when demo data was loaded into it; the mark is never removed.
    public static func isDemo(on db: any Database) async throws -> Bool {
        try await InstallationModel.query(on: db).filter(\.$demo == true).count() > 0
    }

    public static func markDemo(at: Date, on db: any Database) async throws {
        guard try await !isDemo(on: db) else { return }
        try await InstallationModel(demo: true, createdAt: at).create(on: db)
    }

    /// Administrators who can sign in now: an unanswered invitation does not count, since it may lapse.
    public static func activeAdministrators(on db: any Database) async throws -> Int {
        try await UserModel.query(on: db).filter(\.$role == Role.administrator.rawValue).filter(\.$active == true)
            .filter(\.$passwordSet == true).count()
    }
}
