public enum Gender: String, CaseIterable, Sendable, Codable {
    case female, male, nonBinary, notStated

    public var label: String {
        switch self {
        case .female: "Female"
        case .male: "Male"
        case .nonBinary: "Non-binary"
        case .notStated: "Prefer not to say"
        }
    }
}

/// A person's identifying details and where they are supervised, as checked and accepted.
public struct PersonDetails: Sendable, Equatable {
    public var crn: CRN?
    public var firstName: String
    public var lastName: String
    public var dateOfBirth: CalendarDate
    public var gender: Gender
    public var areaID: String
    public var deliveryUnitID: String

    public init(crn: CRN?, firstName: String, lastName: String, dateOfBirth: CalendarDate, gender: Gender,
                areaID: String, deliveryUnitID: String) {
        self.crn = crn
        self.firstName = firstName
        self.lastName = lastName
        self.dateOfBirth = dateOfBirth
        self.gender = gender
        self.areaID = areaID
        self.deliveryUnitID = deliveryUnitID
    }

    public var fullName: String { "\(firstName) \(lastName)" }
}

/// What someone typed for a person, before it is checked.
public struct PersonDraft: Sendable, Equatable {
    public var crn: String?
    public var firstName: String?
    public var lastName: String?
    public var dateOfBirth: DateInput
    public var gender: String?
    public var areaID: String?
    public var deliveryUnitID: String?

    public init(crn: String?, firstName: String?, lastName: String?, dateOfBirth: DateInput, gender: String?,
                areaID: String?, deliveryUnitID: String?) {
        self.crn = crn
        self.firstName = firstName
        self.lastName = lastName
        self.dateOfBirth = dateOfBirth
        self.gender = gender
        self.areaID = areaID
        self.deliveryUnitID = deliveryUnitID
    }

    /// The youngest age at which someone can be on probation (the age of criminal responsibility).
    public static let minimumAge = 10

    /// Checks every field against the rules and the provider's areas; `today` comes from the shell.
    /// `areas` are the areas this user may place people in.
    public func validated(today: CalendarDate, areas: [AreaSummary]) throws(ValidationFailure) -> PersonDetails {
        var errors = FieldErrors()
        var crnValue: CRN?
        if let raw = crn?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            crnValue = CRN(raw)
            if crnValue == nil { errors.add("crn", "Enter a CRN as one letter and six digits, like X123456") }
        }
        let first = InputRules.required(firstName, field: "firstName", label: "first name", errors: &errors)
        let last = InputRules.required(lastName, field: "lastName", label: "last name", errors: &errors)
        let dob = InputRules.date(dateOfBirth, field: "dateOfBirth", label: "date of birth", errors: &errors)
        if let dob {
            if dob >= today {
                errors.add("dateOfBirth", "Date of birth must be in the past")
            } else if dob > today.adding(years: -Self.minimumAge) {
                errors.add("dateOfBirth", "Date of birth must be at least \(Self.minimumAge) years ago")
            } else if dob.year < 1900 {
                errors.add("dateOfBirth", "Date of birth must be after 1900")
            }
        }
        let gender = InputRules.choice(gender?.isEmpty == false ? gender : Gender.notStated.rawValue,
                                       as: Gender.self, field: "gender", label: "gender", errors: &errors)
        let area = areas.first { $0.id == areaID }
        if (areaID ?? "").isEmpty {
            errors.add("areaId", "Select an area")
        } else if area == nil, !(areaID ?? "").isEmpty {
            errors.add("areaId", "Select an area you work in")
        }
        if (deliveryUnitID ?? "").isEmpty {
            errors.add("deliveryUnitId", "Select a probation delivery unit")
        } else if let area, !area.deliveryUnits.contains(where: { $0.id == deliveryUnitID }) {
            errors.add("deliveryUnitId", "Select a probation delivery unit in \(area.name)")
        } else if area == nil, !(areaID ?? "").isEmpty {
            errors.add("deliveryUnitId", "Select a probation delivery unit in an area you work in")
        }
        try errors.throwIfAny()
        return PersonDetails(crn: crnValue, firstName: first!, lastName: last!, dateOfBirth: dob!, gender: gender!,
                             areaID: area!.id, deliveryUnitID: deliveryUnitID!)
    }
}
