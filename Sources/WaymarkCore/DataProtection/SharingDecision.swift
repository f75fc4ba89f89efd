/// What a practitioner lets a mentor know about their mentee, beyond the first name, goals
/// and practicalities every mentor sees. Never offence details or risk assessments: the
/// practitioner turns what they know into plain instructions a mentor can follow.
public enum SharingItem: String, CaseIterable, Sendable, Codable {
    case meetInPublicPlacesOnly
    case noHomeVisits
    case daytimeOnly
    case noAlcoholVenues
    case contactThroughCoordinator

    public var label: String {
        switch self {
        case .meetInPublicPlacesOnly: "Meet in public places only"
        case .noHomeVisits: "Do not visit their home"
        case .daytimeOnly: "Meet in the daytime only"
        case .noAlcoholVenues: "Do not meet where alcohol is served"
        case .contactThroughCoordinator: "Arrange every contact through the coordinator"
        }
    }
}

/// One decision about what a mentee's mentor may see. Decisions are never edited: a change is
/// a new decision, so the history of what was shared, by whom and when is kept.
public struct SharingDecision: Sendable, Equatable, Identifiable {
    public let id: String
    public let referralID: String
    public let choice: SharingChoice
    public let decidedByID: String
    public let decidedOn: CalendarDate
    /// Decisions are numbered per referral; the highest is the one in force.
    public let sequence: Int

    public init(id: String, referralID: String, choice: SharingChoice, decidedByID: String, decidedOn: CalendarDate, sequence: Int) {
        self.id = id
        self.referralID = referralID
        self.choice = choice
        self.decidedByID = decidedByID
        self.decidedOn = decidedOn
        self.sequence = sequence
    }
}

/// The checked content of a sharing decision.
public struct SharingChoice: Sendable, Equatable {
    public var items: [SharingItem]
    /// How the mentor should get in touch ("text first on the number the coordinator gives you").
    public var contactArrangements: String?
    /// Anything else the practitioner wants the mentor to know.
    public var note: String?

    public init(items: [SharingItem], contactArrangements: String? = nil, note: String? = nil) {
        self.items = SharingItem.allCases.filter(items.contains)
        self.contactArrangements = contactArrangements
        self.note = note
    }

    /// Nothing beyond what every mentor sees.
    public static let nothing = SharingChoice(items: [])
    public var isEmpty: Bool { items.isEmpty && contactArrangements == nil && note == nil }
}

/// What a practitioner typed, before it is checked.
public struct SharingDraft: Sendable, Equatable {
    public var items: [String]
    public var contactArrangements: String?
    public var note: String?

    public init(items: [String], contactArrangements: String?, note: String?) {
        self.items = items
        self.contactArrangements = contactArrangements
        self.note = note
    }

    public static let textLimit = 500

    public func validated() throws(ValidationFailure) -> SharingChoice {
        var errors = FieldErrors()
        var chosen: [SharingItem] = []
        for raw in items where !raw.isEmpty {
            guard let item = SharingItem(rawValue: raw) else {
                errors.add("items", "Select only from the listed instructions")
                break
            }
            chosen.append(item)
        }
        let contact = InputRules.optional(contactArrangements, field: "contactArrangements", label: "contact arrangements",
                                          limit: Self.textLimit, multiline: true, errors: &errors)
        let note = InputRules.optional(note, field: "note", label: "note for the mentor", limit: Self.textLimit, multiline: true, errors: &errors)
        try errors.throwIfAny()
        return SharingChoice(items: chosen, contactArrangements: contact, note: note)
    }
}
