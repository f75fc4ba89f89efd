/// Experiences a mentor has lived through and can share; matched against a mentee's needs.
public enum LivedExperience: String, CaseIterable, Sendable, Codable {
    case substanceMisuseRecovery, alcoholRecovery, homelessness, custody, familyBreakdown, mentalHealth,
         domesticAbuse, careLeaver, unemployment, debt

    public var label: String {
        switch self {
        case .substanceMisuseRecovery: "Recovery from drug misuse"
        case .alcoholRecovery: "Recovery from alcohol misuse"
        case .homelessness: "Homelessness"
        case .custody: "Time in custody"
        case .familyBreakdown: "Family breakdown"
        case .mentalHealth: "Mental health"
        case .domesticAbuse: "Domestic abuse"
        case .careLeaver: "Leaving care"
        case .unemployment: "Long-term unemployment"
        case .debt: "Debt"
        }
    }
}

public enum Weekday: String, CaseIterable, Sendable, Codable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday
    public var label: String { rawValue.capitalisedFirst }
}

public enum DayPart: String, CaseIterable, Sendable, Codable {
    case morning, afternoon, evening
    public var label: String { rawValue.capitalisedFirst }
}

/// A slot in the week a mentor can give, e.g. Tuesday afternoon; written `tuesday-afternoon`.
public struct AvailabilitySlot: Hashable, Sendable, Comparable {
    public let day: Weekday
    public let part: DayPart

    public init(day: Weekday, part: DayPart) {
        self.day = day
        self.part = part
    }

    public init?(_ text: String) {
        let pieces = text.split(separator: "-")
        guard pieces.count == 2, let day = Weekday(rawValue: String(pieces[0])), let part = DayPart(rawValue: String(pieces[1]))
        else { return nil }
        self.init(day: day, part: part)
    }

    public var code: String { "\(day.rawValue)-\(part.rawValue)" }
    public var label: String { "\(day.label) \(part.rawValue)" }

    public static func < (a: Self, b: Self) -> Bool {
        (Weekday.allCases.firstIndex(of: a.day)!, DayPart.allCases.firstIndex(of: a.part)!)
            < (Weekday.allCases.firstIndex(of: b.day)!, DayPart.allCases.firstIndex(of: b.part)!)
    }

    public static let all: [AvailabilitySlot] = Weekday.allCases.flatMap { d in DayPart.allCases.map { AvailabilitySlot(day: d, part: $0) } }
}

public struct MentorProfile: Sendable, Equatable {
    public var capacity: Int
    public var availability: [AvailabilitySlot]
    public var deliveryUnitIDs: [String]
    public var languages: [String]
    public var livedExperience: [LivedExperience]

    public init(capacity: Int = 1, availability: [AvailabilitySlot] = [], deliveryUnitIDs: [String] = [], languages: [String] = ["English"],
                livedExperience: [LivedExperience] = []) {
        self.capacity = capacity
        self.availability = availability
        self.deliveryUnitIDs = deliveryUnitIDs
        self.languages = languages
        self.livedExperience = livedExperience
    }
}

public struct MentorProfileDraft: Sendable, Equatable {
    public var capacity: String?
    public var availability: [String]
    public var deliveryUnitIDs: [String]
    public var languages: String?
    public var livedExperience: [String]

    public init(capacity: String?, availability: [String], deliveryUnitIDs: [String], languages: String?, livedExperience: [String]) {
        self.capacity = capacity
        self.availability = availability
        self.deliveryUnitIDs = deliveryUnitIDs
        self.languages = languages
        self.livedExperience = livedExperience
    }

    /// One mentor cannot support more people than this at once.
    public static let capacityLimit = 6

    /// `unitIDs` are the delivery units of the mentor's provider that may be chosen.
    public func validated(unitIDs: Set<String>) throws(ValidationFailure) -> MentorProfile {
        var errors = FieldErrors()
        let text = (capacity ?? "").trimmingCharacters(in: .whitespaces)
        var cap = 0
        if text.isEmpty { errors.add("capacity", "Enter how many mentees they can support at once") }
        else if text.allSatisfy(\.isASCIIDigit), let n = Int(text), (0...Self.capacityLimit).contains(n) { cap = n }
        else { errors.add("capacity", "Capacity must be a whole number from 0 to \(Self.capacityLimit)") }
        var slots: [AvailabilitySlot] = []
        for raw in availability where !raw.isEmpty {
            guard let slot = AvailabilitySlot(raw) else { errors.add("availability", "Select times from the list"); continue }
            if !slots.contains(slot) { slots.append(slot) }
        }
        var units: [String] = []
        for raw in deliveryUnitIDs where !raw.isEmpty {
            guard unitIDs.contains(raw) else { errors.add("deliveryUnitIds", "Select delivery units from the list"); continue }
            if !units.contains(raw) { units.append(raw) }
        }
        if units.isEmpty, !errors.errors.contains(where: { $0.field == "deliveryUnitIds" }) {
            errors.add("deliveryUnitIds", "Select at least one delivery unit they can travel to")
        }
        let languages = InputRules.languages(self.languages, errors: &errors)
        if languages.isEmpty, !errors.errors.contains(where: { $0.field == "languages" }) {
            errors.add("languages", "Enter at least one language they speak")
        }
        var lived: [LivedExperience] = []
        for raw in livedExperience where !raw.isEmpty {
            guard let value = LivedExperience(rawValue: raw) else { errors.add("livedExperience", "Select experiences from the list"); continue }
            if !lived.contains(value) { lived.append(value) }
        }
        try errors.throwIfAny()
        return MentorProfile(capacity: cap, availability: slots.sorted(), deliveryUnitIDs: units, languages: languages, livedExperience: lived)
    }
}
