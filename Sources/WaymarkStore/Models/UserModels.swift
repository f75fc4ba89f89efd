import Fluent
import Foundation

// @unchecked Sendable: see OrganisationModels.swift.

public final class UserModel: Model, @unchecked Sendable {
    public static let schema = "users"
    @ID(key: .id) public var id: UUID?
    @Field(key: "email") public var email: String
    @Field(key: "name") public var name: String
    @Field(key: "role") public var role: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "active") public var active: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "provider_id") public var providerID: UUID?
    /// False for an invited account until the invitee chooses a password.
    @Field(key: "password_set") public var passwordSet: Bool
    @OptionalField(key: "last_sign_in_at") public var lastSignInAt: Date?
    /// Sessions that signed in before this are over: a password change, "sign out everywhere".
    @OptionalField(key: "sessions_valid_after") public var sessionsValidAfter: Date?
    /// Base 32; set while two-step sign-in is being set up, confirmed by `totpEnabledAt`.
    @OptionalField(key: "totp_secret") public var totpSecret: String?
    @OptionalField(key: "totp_enabled_at") public var totpEnabledAt: Date?
    @OptionalField(key: "totp_last_step") public var totpLastStep: Int64?
    @Field(key: "version") public var version: Int
    public init() {}
    public init(id: UUID? = nil, email: String, name: String, role: String, passwordHash: String, active: Bool = true) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.active = active
        self.passwordSet = true
        self.version = 1
    }
}

public final class UserAreaModel: Model, @unchecked Sendable {
    public static let schema = "user_areas"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserModel
    @Parent(key: "area_id") public var area: AreaModel
    public init() {}
    public init(userID: UUID, areaID: UUID) {
        self.$user.id = userID
        self.$area.id = areaID
    }
}

public final class APITokenModel: Model, @unchecked Sendable {
    public static let schema = "api_tokens"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserModel
    /// SHA-256 of the token; the token itself is shown once and never stored.
    @Field(key: "token_hash") public var tokenHash: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Field(key: "name") public var name: String
    @OptionalField(key: "expires_at") public var expiresAt: Date?
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    public init() {}
    public init(userID: UUID, tokenHash: String, name: String, expiresAt: Date) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.name = name
        self.expiresAt = expiresAt
    }
}

public final class SignInThrottleModel: Model, @unchecked Sendable {
    public static let schema = "sign_in_throttles"
    @ID(key: .id) public var id: UUID?
    /// The lower-cased email typed, whether or not such an account exists.
    @Field(key: "key") public var key: String
    @Field(key: "failures") public var failures: Int
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    public init() {}
    public init(key: String, failures: Int, lockedUntil: Date?) {
        self.key = key
        self.failures = failures
        self.lockedUntil = lockedUntil
    }
}

/// An invitation or password-reset link; only the token's SHA-256 is kept.
public final class AccountLinkModel: Model, @unchecked Sendable {
    public static let schema = "account_links"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserModel
    @Field(key: "purpose") public var purpose: String
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "used_at") public var usedAt: Date?
    @Field(key: "revoked") public var revoked: Bool
    @Field(key: "created_by_id") public var createdByID: String
    public init() {}
}

/// A two-step recovery code, stored as its SHA-256; each works once.
public final class RecoveryCodeModel: Model, @unchecked Sendable {
    public static let schema = "recovery_codes"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserModel
    @Field(key: "code_hash") public var codeHash: String
    @OptionalField(key: "used_at") public var usedAt: Date?
    public init() {}
}
