/// A person's record as stored: their details, who supervises them, and the version that
/// optimistic locking compares.
public struct Person: Sendable, Equatable, Identifiable {
    public let id: String
    public var details: PersonDetails
    public var practitionerID: String?
    public var version: Int

    public init(id: String, details: PersonDetails, practitionerID: String?, version: Int) {
        self.id = id
        self.details = details
        self.practitionerID = practitionerID
        self.version = version
    }

    public var scope: PersonScope { PersonScope(areaID: details.areaID, practitionerID: practitionerID) }
}

public struct Order: Sendable, Equatable, Identifiable {
    public let id: String
    public let personID: String
    public var details: OrderDetails
    public var version: Int

    public init(id: String, personID: String, details: OrderDetails, version: Int) {
        self.id = id
        self.personID = personID
        self.details = details
        self.version = version
    }
}

public struct RiskAssessment: Sendable, Equatable, Identifiable {
    public let id: String
    public let personID: String
    public let details: RiskDetails
    public let recordedByID: String
    public let version: Int

    public init(id: String, personID: String, details: RiskDetails, recordedByID: String, version: Int) {
        self.id = id
        self.personID = personID
        self.details = details
        self.recordedByID = recordedByID
        self.version = version
    }
}

/// A stale edit: someone else saved the record after this edit was started.
public struct VersionConflict: Error, Sendable, Equatable {
    public let current: Int
    public let submitted: Int
    public init(current: Int, submitted: Int) {
        self.current = current
        self.submitted = submitted
    }
}

public enum OptimisticLock {
    /// Refuses an edit made against an older version of the record.
    public static func check(current: Int, submitted: Int) throws(VersionConflict) {
        if current != submitted { throw VersionConflict(current: current, submitted: submitted) }
    }
}
