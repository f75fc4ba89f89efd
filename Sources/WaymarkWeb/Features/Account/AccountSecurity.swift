import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// The sign-in rules that apply to one account: its provider's session lifetime and whether
/// two-step sign-in is needed; and the password rules with the bundled list.
enum AccountSecurity {
    struct Settings: Sendable {
        let session: SessionLifetime
        let twoStepAllStaff: Bool
    }

    /// The account's provider's settings; an account made before providers were recorded on
    /// accounts takes the first provider's (an installation usually runs one).
    static func settings(for account: UserAccount, on db: any Database) async throws -> Settings {
        let providers = try await OrganisationAdminRepository.providers(on: db)
        let provider = providers.first { $0.id == account.providerID } ?? providers.first
        return Settings(session: provider?.session ?? SessionLifetime(), twoStepAllStaff: provider?.twoStepAllStaff ?? false)
    }

    /// Whether this account must use two-step sign-in. A demo database never asks: its
    /// sign-ins are published, and it holds no real records.
    static func requiresTwoStep(_ account: UserAccount, on req: Request) async throws -> Bool {
        guard req.application.waymark.enforceTwoStep, try await !InstallationRepository.isDemo(on: req.db) else { return false }
        let settings = try await settings(for: account, on: req.db)
        return UserAccountRules.requiresTwoStep(account.role, allStaff: settings.twoStepAllStaff)
    }

    /// The bundled list of common and breached passwords (see Passwords/SOURCE.md), read once.
    static let passwordPolicy: PasswordPolicy = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("common-passwords.txt is missing from the bundle") }
        return PasswordPolicy(common: PasswordPolicy.commonList(from: text))
    }()

    /// Checks a new password (and its confirmation) and hashes it off the event loop.
    static func newPasswordHash(_ password: String, confirmation: String?, for account: UserAccount?, email: String? = nil,
                                on req: Request) async throws -> String {
        var problems = passwordPolicy.problems(password, personal: [account?.email, account?.name, email].compactMap { $0 })
        if problems.isEmpty, let confirmation, confirmation != password {
            problems = [FieldError("confirmPassword", "The passwords do not match: type the same password twice")]
        }
        if !problems.isEmpty { throw ValidationFailure(problems) }
        return try await req.application.threadPool.runIfActive(eventLoop: req.eventLoop) {
            try Bcrypt.hash(password, cost: req.application.waymark.bcryptCost)
        }.get()
    }

    /// bcrypt on the thread pool: a flood of sign-ins must not stall the event loops.
    static func verify(_ password: String, hash: String, on req: Request) async -> Bool {
        (try? await req.application.threadPool.runIfActive(eventLoop: req.eventLoop) {
            (try? Bcrypt.verify(password, created: hash)) ?? false
        }.get()) ?? false
    }

    /// A hash at the same cost as real ones, checked when no account matches, so a refusal
    /// takes as long whether or not the account exists.
    static func decoyHash(_ app: Application) -> String { app.storage[DecoyHashKey.self] ?? "" }
}

struct DecoyHashKey: StorageKey { typealias Value = String }

extension Request {
    /// The client's address: the TCP peer, or, when the peer is a trusted reverse proxy, the
    /// nearest address in `X-Forwarded-For` that is not one of the proxies. A client cannot
    /// forge it by sending the header themselves.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        let trusted = application.waymark.trustedProxies
        guard trusted.contains(peer), let header = headers.first(name: "X-Forwarded-For") else { return peer }
        let hops = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.last { !trusted.contains($0) } ?? peer
    }
}
