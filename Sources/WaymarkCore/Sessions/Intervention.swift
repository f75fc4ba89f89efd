import Foundation

/// The staff role a facilitation rule asks for alongside the peer mentors.
public enum StaffRole: String, CaseIterable, Sendable, Codable {
    /// Any member of staff: a staff facilitator, a practitioner or a coordinator.
    case anyStaff, practitioner, staffFacilitator

    public var label: String {
        switch self {
        case .anyStaff: "member of staff"
        case .practitioner: "probation practitioner"
        case .staffFacilitator: "staff facilitator"
        }
    }

    public func accepts(_ role: Role) -> Bool {
        switch self {
        case .anyStaff: [.coordinator, .practitioner, .staffFacilitator].contains(role)
        case .practitioner: role == .practitioner
        case .staffFacilitator: role == .staffFacilitator
        }
    }
}

/// Who must facilitate a session before it can be confirmed.
public struct FacilitationRule: Sendable, Equatable, Codable {
    /// Active peer mentors with a recorded accreditation.
    public var mentors: Int
    public var staff: Int
    public var staffRole: StaffRole

    public init(mentors: Int, staff: Int, staffRole: StaffRole) {
        self.mentors = mentors
        self.staff = staff
        self.staffRole = staffRole
    }

    public var summary: String {
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        var parts: [String] = []
        if mentors > 0 { parts.append(count(mentors, "accredited peer mentor", "accredited peer mentors")) }
        if staff > 0 { parts.append(count(staff, staffRole.label, staffRole.label + "s")) }
        return parts.isEmpty ? "No facilitators needed" : parts.joined(separator: " and ")
    }
}

/// Who a kind of session is for: it decides who is offered a place.
public enum InterventionAudience: String, CaseIterable, Sendable, Codable {
    /// Anyone on an active order or licence (Transition and Hope).
    case currentOrder
    /// People whose order or licence started recently (group first appointments).
    case recentlySentenced
    /// People whose order or licence ended `completed` recently (New Start ceremonies).
    case completed

    public var label: String {
        switch self {
        case .currentOrder: "People on a current order or licence"
        case .recentlySentenced: "People just sentenced or released (first appointment)"
        case .completed: "People who have completed their order or licence"
        }
    }
}

/// A kind of group session.
public struct Intervention: Sendable, Equatable, Identifiable {
    public let id: String
    public let providerID: String
    public var name: String
    public var description: String
    public var durationMinutes: Int
    public var capacity: Int
    public var isRAR: Bool
    public var rule: FacilitationRule
    public var audience: InterventionAudience
    /// The current design version; sessions record the one they ran.
    public var currentVersion: Int
    public var version: Int

    public init(id: String, providerID: String, name: String, description: String, durationMinutes: Int, capacity: Int, isRAR: Bool,
                rule: FacilitationRule, audience: InterventionAudience, currentVersion: Int, version: Int) {
        self.id = id
        self.providerID = providerID
        self.name = name
        self.description = description
        self.durationMinutes = durationMinutes
        self.capacity = capacity
        self.isRAR = isRAR
        self.rule = rule
        self.audience = audience
        self.currentVersion = currentVersion
        self.version = version
    }
}

/// One version of an intervention's design: what changed, the peer mentors who co-designed it,
/// and what the pilot sessions taught.
public struct InterventionVersion: Sendable, Equatable {
    public let number: Int
    public let changes: String
    public let coDesignerMentorIDs: [String]
    public let pilotFeedback: String?
    public let createdOn: CalendarDate

    public init(number: Int, changes: String, coDesignerMentorIDs: [String], pilotFeedback: String?, createdOn: CalendarDate) {
        self.number = number
        self.changes = changes
        self.coDesignerMentorIDs = coDesignerMentorIDs
        self.pilotFeedback = pilotFeedback
        self.createdOn = createdOn
    }
}

/// What a coordinator typed for a new kind of session.
public struct InterventionDraft: Sendable, Equatable {
    public var name: String?
    public var description: String?
    public var durationMinutes: String?
    public var capacity: String?
    public var isRAR: Bool
    public var mentors: String?
    public var staff: String?
    public var staffRole: String?
    public var audience: String?

    public init(name: String?, description: String?, durationMinutes: String?, capacity: String?, isRAR: Bool, mentors: String?,
                staff: String?, staffRole: String?, audience: String?) {
        self.name = name
        self.description = description
        self.durationMinutes = durationMinutes
        self.capacity = capacity
        self.isRAR = isRAR
        self.mentors = mentors
        self.staff = staff
        self.staffRole = staffRole
        self.audience = audience
    }

    public struct Valid: Sendable, Equatable {
        public let name: String
        public let description: String
        public let durationMinutes: Int
        public let capacity: Int
        public let isRAR: Bool
        public let rule: FacilitationRule
        public let audience: InterventionAudience
    }

    public func validated() throws(ValidationFailure) -> Valid {
        var errors = FieldErrors()
        let name = InputRules.required(name, field: "name", label: "name", errors: &errors)
        let description = InputRules.required(description, field: "description", label: "description", limit: InputRules.longTextLimit, errors: &errors)
        let minutes = SessionNumbers.whole(durationMinutes, field: "durationMinutes", label: "length in minutes", range: 15...480, errors: &errors)
        let capacity = SessionNumbers.whole(capacity, field: "capacity", label: "number of places", range: 1...60, errors: &errors)
        let mentors = SessionNumbers.whole(mentors, field: "mentors", label: "number of peer mentors", range: 0...6, errors: &errors)
        let staff = SessionNumbers.whole(staff, field: "staff", label: "number of staff", range: 0...6, errors: &errors)
        let role = InputRules.choice(staffRole?.isEmpty == false ? staffRole : StaffRole.anyStaff.rawValue, as: StaffRole.self, field: "staffRole",
                                     label: "staff role", errors: &errors)
        let audience = InputRules.choice(audience, as: InterventionAudience.self, field: "audience", label: "who it is for", article: "", errors: &errors)
        if let mentors, let staff, mentors + staff == 0 {
            errors.add("mentors", "A session needs at least one facilitator")
        }
        try errors.throwIfAny()
        return Valid(name: name!, description: description!, durationMinutes: minutes!, capacity: capacity!, isRAR: isRAR,
                     rule: FacilitationRule(mentors: mentors!, staff: staff!, staffRole: role!), audience: audience!)
    }
}

/// What a coordinator typed for a new version of an intervention.
public struct InterventionVersionDraft: Sendable, Equatable {
    public var changes: String?
    public var coDesignerMentorIDs: [String]
    public var pilotFeedback: String?

    public init(changes: String?, coDesignerMentorIDs: [String], pilotFeedback: String?) {
        self.changes = changes
        self.coDesignerMentorIDs = coDesignerMentorIDs
        self.pilotFeedback = pilotFeedback
    }

    /// `knownMentorIDs` are the mentors this coordinator may name as co-designers.
    public func validated(knownMentorIDs: Set<String>) throws(ValidationFailure) -> (changes: String, coDesigners: [String], pilotFeedback: String?) {
        var errors = FieldErrors()
        let changes = InputRules.required(changes, field: "changes", label: "summary of what changed", limit: InputRules.longTextLimit, errors: &errors)
        let feedback = InputRules.optional(pilotFeedback, field: "pilotFeedback", label: "pilot feedback", limit: InputRules.longTextLimit,
                                           multiline: true, errors: &errors)
        var designers: [String] = []
        for id in coDesignerMentorIDs where !id.isEmpty {
            guard knownMentorIDs.contains(id) else { errors.add("coDesignerMentorIds", "Select co-designers from the list of peer mentors"); continue }
            if !designers.contains(id) { designers.append(id) }
        }
        try errors.throwIfAny()
        return (changes!, designers, feedback)
    }
}

enum SessionNumbers {
    static func whole(_ raw: String?, field: String, label: String, range: ClosedRange<Int>, errors: inout FieldErrors) -> Int? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { errors.add(field, "Enter the \(label)"); return nil }
        guard text.allSatisfy(\.isASCIIDigit), let n = Int(text), range.contains(n) else {
            errors.add(field, "\(label.capitalisedFirst) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return n
    }
}

/// The three interventions of the DLNR programme, seeded for every provider.
public enum StandardInterventions {
    public static let all: [InterventionDraft.Valid] = [
        .init(name: "Transition and Hope",
              description: "A two-hour group session, designed by peer mentors, on their own journeys through the criminal justice system and the decisions that helped them stop offending. Counts as a RAR day.",
              durationMinutes: 120, capacity: 12, isRAR: true, rule: FacilitationRule(mentors: 2, staff: 1, staffRole: .anyStaff), audience: .currentOrder),
        .init(name: "Group First Appointment",
              description: "A first appointment after sentence or release, run as a group by a probation practitioner and a peer mentor, so people know what to expect and hear it from someone who has been there.",
              durationMinutes: 90, capacity: 10, isRAR: false, rule: FacilitationRule(mentors: 1, staff: 1, staffRole: .practitioner), audience: .recentlySentenced),
        .init(name: "New Start Ceremony",
              description: "A ceremony recognising people who have completed their order or licence and the distance they have travelled, with information about support available after probation.",
              durationMinutes: 90, capacity: 30, isRAR: false, rule: FacilitationRule(mentors: 1, staff: 1, staffRole: .anyStaff), audience: .completed),
    ]
}
