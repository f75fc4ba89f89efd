import Fluent
import Foundation

// @unchecked Sendable: see OrganisationModels.swift.

/// One row of the append-only, hash-chained audit log. Never updated or deleted by Waymark.
public final class AuditEventModel: Model, @unchecked Sendable {
    public static let schema = "audit_events"
    @ID(key: .id) public var id: UUID?
    @Field(key: "sequence") public var sequence: Int
    @Field(key: "at") public var at: Date
    @Field(key: "actor_id") public var actorID: String
    @Field(key: "action") public var action: String
    @Field(key: "record_type") public var recordType: String
    @Field(key: "record_id") public var recordID: String
    @OptionalField(key: "person_id") public var personID: String?
    @Field(key: "detail") public var detail: String
    @Field(key: "previous_hash") public var previousHash: String
    @Field(key: "hash") public var hash: String
    public init() {}
}

/// The newest sequence and hash, written in the same transaction as each entry, so that
/// removing the last rows of the log is detected too.
public final class AuditHeadModel: Model, @unchecked Sendable {
    public static let schema = "audit_head"
    @ID(key: .id) public var id: UUID?
    @Field(key: "sequence") public var sequence: Int
    @Field(key: "hash") public var hash: String
    public init() {}
}
