import Foundation

/// Who may be invited, by whom, and which changes to an account are allowed.
public struct UserInvitationDraft: Sendable {
    public var email: String?
    public var name: String?
    public var role: String?
    public var areaIDs: [String]

    public init(email: String?, name: String?, role: String?, areaIDs: [String]) {
        self.email = email
        self.name = name
        self.role = role
        self.areaIDs = areaIDs
    }

    public struct Valid: Sendable, Equatable {
        public let email: String
        public let name: String
        public let role: Role
        public let areaIDs: Set<String>
    }

    /// Checks the fields; `knownAreas` are the installation's active areas.
    public func validated(knownAreas: Set<String>) throws(ValidationFailure) -> Valid {
        var errors = FieldErrors()
        let email = UserAccountRules.email(email, errors: &errors)
        let name = InputRules.required(name, field: "name", label: "full name", errors: &errors)
        let role = Role(rawValue: (role ?? "").trimmingCharacters(in: .whitespaces))
        if role == nil { errors.add("role", "Select a role") }
        let areas = Set(areaIDs.filter { !$0.isEmpty })
        if let role, let problem = UserAccountRules.areaProblem(role: role, areaIDs: areas, knownAreas: knownAreas) {
            errors.add("areas", problem)
        }
        try errors.throwIfAny()
        return Valid(email: email ?? "", name: name ?? "", role: role ?? .mentor, areaIDs: areas)
    }
}

public enum UserAccountRules {
    /// Lower-cased and trimmed; a GOV.UK message when it is not an email address.
    public static func email(_ raw: String?, field: String = "email", errors: inout FieldErrors) -> String? {
        let email = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if email.isEmpty {
            errors.add(field, "Enter an email address")
            return nil
        }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        else {
            errors.add(field, "Enter an email address in the correct format, like name@example.org")
            return nil
        }
        return email
    }


    public static func areaProblem(role: Role, areaIDs: Set<String>, knownAreas: Set<String>) -> String? {
        if role == .administrator { return areaIDs.isEmpty ? nil : "Administrators are not given areas: they manage the whole installation" }
        if areaIDs.isEmpty { return "Select at least one area for a \(role.label.lowercased())" }
        if !areaIDs.isSubset(of: knownAreas) { return "Select areas from the list" }
        return nil
    }

    /// Who may invite whom: administrators anyone; a coordinator only peer mentors, and only
    /// into their own areas (DESIGN.md: coordinators manage mentors in their areas).
    public static func mayInvite(_ actor: Actor, role: Role, areaIDs: Set<String>) -> Bool {
        switch actor.role {
        case .administrator: true
        case .coordinator: role == .mentor && !areaIDs.isEmpty && areaIDs.isSubset(of: actor.areaIDs)
        default: false
        }
    }

    /// Whether an account can be left with no active administrator: refuse a role change or a
    /// deactivation that would make the installation unmanageable.
    public static func leavesNoAdministrator(activeAdministrators: Int, changing wasActiveAdministrator: Bool,
                                             staysActiveAdministrator: Bool) -> Bool {
        wasActiveAdministrator && !staysActiveAdministrator && activeAdministrators <= 1
    }

    public static let lastAdministratorMessage =
        "This is the only active administrator: make someone else an administrator first, so Waymark can still be managed"

    /// Two-step sign-in: always for administrators, for every staff role when the provider says so.
    /// Peer mentors are volunteers who may not have a smartphone, so a setting never forces it on them.
    public static func requiresTwoStep(_ role: Role, allStaff: Bool) -> Bool {
        if role == .administrator { return true }
        return allStaff && role != .mentor
    }
}
