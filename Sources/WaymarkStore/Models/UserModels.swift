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
    public init() {}
    public init(id: UUID? = nil, email: String, name: String, role: String, passwordHash: String, active: Bool = true) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.active = active
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
    public init() {}
    public init(userID: UUID, tokenHash: String) {
        self.$user.id = userID
        self.tokenHash = tokenHash
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
