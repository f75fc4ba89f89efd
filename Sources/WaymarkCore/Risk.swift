/// Risk of Serious Harm level.
public enum RoSH: String, CaseIterable, Sendable, Codable, Comparable {
    case low, medium, high, veryHigh

    public var label: String {
        switch self {
        case .low: "Low"
        case .medium: "Medium"
        case .high: "High"
        case .veryHigh: "Very high"
        }
    }

    public static func < (lhs: RoSH, rhs: RoSH) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

public enum SafeguardingFlag: String, CaseIterable, Sendable, Codable {
    case childConcerns, domesticAbuse, adultAtRisk, selfHarm, mentalHealth, substanceMisuse, exploitation

    public var label: String {
        switch self {
        case .childConcerns: "Child concerns"
        case .domesticAbuse: "Domestic abuse"
        case .adultAtRisk: "Adult at risk"
        case .selfHarm: "Risk of self-harm"
        case .mentalHealth: "Mental health"
        case .substanceMisuse: "Substance misuse"
        case .exploitation: "Exploitation"
        }
    }
}

/// One risk assessment. Assessments are never edited: a change is a new assessment, so the
/// history of how risk moved is always there.
public struct RiskDetails: Sendable, Equatable {
    public var rosh: RoSH
    public var mappaCategory: Int?
    public var mappaLevel: Int?
    public var tier: String?
    public var safeguardingFlags: [SafeguardingFlag]
    public var assessedOn: CalendarDate
    public var nextReviewDate: CalendarDate
    public var notes: String?

    public init(rosh: RoSH, mappaCategory: Int?, mappaLevel: Int?, tier: String?, safeguardingFlags: [SafeguardingFlag],
                assessedOn: CalendarDate, nextReviewDate: CalendarDate, notes: String?) {
        self.rosh = rosh
        self.mappaCategory = mappaCategory
        self.mappaLevel = mappaLevel
        self.tier = tier
        self.safeguardingFlags = safeguardingFlags
        self.assessedOn = assessedOn
        self.nextReviewDate = nextReviewDate
        self.notes = notes
    }

    public var isMAPPA: Bool { mappaCategory != nil }

    /// True when the review date has passed: the page says so instead of trusting stale risk.
    public func reviewOverdue(today: CalendarDate) -> Bool { nextReviewDate < today }

    /// What changed from the previous assessment, in words for the timeline.
    public func changes(from previous: RiskDetails?) -> [String] {
        guard let previous else { return ["First risk assessment recorded: RoSH \(rosh.label.lowercased())"] }
        var out: [String] = []
        if previous.rosh != rosh { out.append("RoSH \(previous.rosh.label.lowercased()) → \(rosh.label.lowercased())") }
        if previous.mappaCategory != mappaCategory || previous.mappaLevel != mappaLevel {
            out.append("MAPPA \(Self.mappaText(previous.mappaCategory, previous.mappaLevel)) → \(Self.mappaText(mappaCategory, mappaLevel))")
        }
        if previous.tier != tier { out.append("Tier \(previous.tier ?? "none") → \(tier ?? "none")") }
        let added = safeguardingFlags.filter { !previous.safeguardingFlags.contains($0) }
        if !added.isEmpty { out.append("New safeguarding flags: \(added.map(\.label).joined(separator: ", "))") }
        let removed = previous.safeguardingFlags.filter { !safeguardingFlags.contains($0) }
        if !removed.isEmpty { out.append("Safeguarding flags removed: \(removed.map(\.label).joined(separator: ", "))") }
        return out.isEmpty ? ["Reviewed, no change"] : out
    }

    /// A RoSH or MAPPA change or a new safeguarding flag: what puts a mentor's role and their
    /// matches under review (DESIGN.md, "Risk is dynamic"). A first assessment is not a change.
    public func isMaterialChange(from previous: RiskDetails?) -> Bool {
        guard let previous else { return false }
        return previous.rosh != rosh || previous.mappaCategory != mappaCategory || previous.mappaLevel != mappaLevel
            || safeguardingFlags.contains { !previous.safeguardingFlags.contains($0) }
    }

    public static func mappaText(_ category: Int?, _ level: Int?) -> String {
        guard let category, let level else { return "none" }
        return "category \(category), level \(level)"
    }
}

/// What someone typed for a risk assessment, before it is checked.
public struct RiskDraft: Sendable, Equatable {
    public var rosh: String?
    public var mappaCategory: String?
    public var mappaLevel: String?
    public var tier: String?
    public var safeguardingFlags: [String]
    public var assessedOn: DateInput
    public var nextReviewDate: DateInput
    public var notes: String?

    public init(rosh: String?, mappaCategory: String?, mappaLevel: String?, tier: String?, safeguardingFlags: [String],
                assessedOn: DateInput, nextReviewDate: DateInput, notes: String?) {
        self.rosh = rosh
        self.mappaCategory = mappaCategory
        self.mappaLevel = mappaLevel
        self.tier = tier
        self.safeguardingFlags = safeguardingFlags
        self.assessedOn = assessedOn
        self.nextReviewDate = nextReviewDate
        self.notes = notes
    }

    public func validated(today: CalendarDate) throws(ValidationFailure) -> RiskDetails {
        var errors = FieldErrors()
        let rosh = InputRules.choice(rosh, as: RoSH.self, field: "rosh", label: "RoSH level", errors: &errors)
        let category = Self.number(mappaCategory, in: 1...4, field: "mappaCategory", label: "MAPPA category", errors: &errors)
        let level = Self.number(mappaLevel, in: 1...3, field: "mappaLevel", label: "MAPPA level", errors: &errors)
        let mappaTyped = !(mappaCategory ?? "").trimmingCharacters(in: .whitespaces).isEmpty
            || !(mappaLevel ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        let mappaInvalid = errors.errors.contains { $0.field == "mappaCategory" || $0.field == "mappaLevel" }
        if mappaTyped, (category == nil) != (level == nil), !mappaInvalid {
            errors.add(category == nil ? "mappaCategory" : "mappaLevel",
                       "Enter both a MAPPA category and a MAPPA level, or neither")
        }
        var tierValue = InputRules.optional(tier, field: "tier", label: "tier", limit: 2, errors: &errors)?.uppercased()
        if let t = tierValue, !Self.isTier(t) {
            errors.add("tier", "Enter a tier as a letter A to D and a number 0 to 3, like B2")
            tierValue = nil
        }
        var flags: [SafeguardingFlag] = []
        for raw in safeguardingFlags where !raw.isEmpty {
            guard let flag = SafeguardingFlag(rawValue: raw) else {
                errors.add("safeguardingFlags", "Select safeguarding flags from the list")
                continue
            }
            if !flags.contains(flag) { flags.append(flag) }
        }
        let assessed = InputRules.date(assessedOn, field: "assessedOn", label: "date of the assessment", article: "the", errors: &errors)
        let review = InputRules.date(nextReviewDate, field: "nextReviewDate", label: "next review date", errors: &errors)
        if let assessed, assessed > today {
            errors.add("assessedOn", "Date of the assessment must be today or in the past")
        }
        if let assessed, let review, review <= assessed {
            errors.add("nextReviewDate", "Next review date must be after the date of the assessment")
        }
        let notes = InputRules.optional(notes, field: "notes", label: "notes", limit: InputRules.longTextLimit, multiline: true,
                                        errors: &errors)
        try errors.throwIfAny()
        return RiskDetails(rosh: rosh!, mappaCategory: category, mappaLevel: level, tier: tierValue,
                           safeguardingFlags: flags, assessedOn: assessed!, nextReviewDate: review!, notes: notes)
    }

    static func isTier(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        return s.count == 2 && ("A"..."D").contains(s[0]) && ("0"..."3").contains(s[1])
    }

    static func number(_ raw: String?, in range: ClosedRange<Int>, field: String, label: String,
                       errors: inout FieldErrors) -> Int? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        guard text.allSatisfy(\.isASCIIDigit), let n = Int(text), range.contains(n) else {
            errors.add(field, "\(label) must be a number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return n
    }
}

import Foundation
