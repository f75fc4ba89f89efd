/// What matching needs to know about a mentor.
public struct MentorFacts: Sendable, Equatable {
    public let mentorID: String
    public let personID: String
    public let crn: CRN?
    public let state: MentorState
    public let accredited: Bool
    public let capacity: Int
    public let activeMatches: Int
    public let areaID: String
    public let deliveryUnitIDs: [String]
    public let languages: [String]
    public let gender: Gender
    public let livedExperience: [LivedExperience]
    public let availability: [AvailabilitySlot]
    public let clearedForHighRisk: Bool

    public init(mentorID: String, personID: String, crn: CRN?, state: MentorState, accredited: Bool, capacity: Int, activeMatches: Int,
                areaID: String, deliveryUnitIDs: [String], languages: [String], gender: Gender, livedExperience: [LivedExperience],
                availability: [AvailabilitySlot], clearedForHighRisk: Bool) {
        self.mentorID = mentorID
        self.personID = personID
        self.crn = crn
        self.state = state
        self.accredited = accredited
        self.capacity = capacity
        self.activeMatches = activeMatches
        self.areaID = areaID
        self.deliveryUnitIDs = deliveryUnitIDs
        self.languages = languages
        self.gender = gender
        self.livedExperience = livedExperience
        self.availability = availability
        self.clearedForHighRisk = clearedForHighRisk
    }

    public var capacityLeft: Int { max(0, capacity - activeMatches) }
}

/// What matching needs to know about a referral and its mentee.
public struct ReferralFacts: Sendable, Equatable {
    public let referralID: String
    public let personID: String
    public let areaID: String
    public let deliveryUnitID: String
    public let details: ReferralDetails
    public let rosh: RoSH?
    public let mappa: Bool
    /// A coordinator has approved matching this high-risk mentee (with a cleared mentor).
    public let highRiskApproved: Bool
    public let referredOn: CalendarDate

    public init(referralID: String, personID: String, areaID: String, deliveryUnitID: String, details: ReferralDetails, rosh: RoSH?,
                mappa: Bool, highRiskApproved: Bool, referredOn: CalendarDate) {
        self.referralID = referralID
        self.personID = personID
        self.areaID = areaID
        self.deliveryUnitID = deliveryUnitID
        self.details = details
        self.rosh = rosh
        self.mappa = mappa
        self.highRiskApproved = highRiskApproved
        self.referredOn = referredOn
    }

    /// RoSH high or very high, or any MAPPA: only cleared mentors, only with approval.
    public var isHighRisk: Bool { mappa || (rosh.map { $0 >= .high } ?? false) }
}

public struct ScorePart: Sendable, Equatable, Codable {
    public let name: String
    public let points: Int
    public let reason: String
}

public struct MatchScore: Sendable, Equatable {
    public let total: Int
    public let parts: [ScorePart]
}

/// The matching rule: hard constraints first, then a weighted score with a reason for each part.
public enum MatchScoring {
    /// The experiences that speak to each need.
    public static let experienceFor: [Need: [LivedExperience]] = [
        .accommodation: [.homelessness],
        .educationTrainingEmployment: [.unemployment],
        .substanceMisuse: [.substanceMisuseRecovery, .alcoholRecovery],
        .familyRelationships: [.familyBreakdown, .domesticAbuse],
        .finance: [.debt],
        .wellbeing: [.mentalHealth],
        .attitudes: [.custody, .careLeaver],
    ]

    /// Every hard constraint the pair breaks, in words; empty means the pair may be matched.
    public static func blockers(_ r: ReferralFacts, _ m: MentorFacts) -> [String] {
        var out: [String] = []
        if m.state != .active { out.append("Mentor is \(m.state.label.lowercased()), not active") }
        if !m.accredited { out.append("Mentor has no recorded accreditation") }
        if m.capacityLeft == 0 { out.append("Mentor has no capacity left (\(m.activeMatches) of \(m.capacity))") }
        if m.areaID != r.areaID { out.append("Mentor works in a different area") }
        if m.personID == r.personID { out.append("A person cannot mentor themself") }
        if let crn = m.crn, let exclusion = r.details.exclusions.first(where: { $0.crn == crn }) {
            out.append("On the mentee’s exclusion list (\(exclusion.kind.label.lowercased()))")
        }
        if r.isHighRisk {
            if !m.clearedForHighRisk { out.append("High-risk mentee: mentor is not cleared for high risk") }
            if !r.highRiskApproved { out.append("High-risk mentee: a coordinator has not approved matching") }
        }
        switch r.details.genderPreference {
        case .female where m.gender != .female: out.append("Mentee asked for a woman")
        case .male where m.gender != .male: out.append("Mentee asked for a man")
        default: break
        }
        return out
    }

    public static func score(_ r: ReferralFacts, _ m: MentorFacts, today: CalendarDate) -> MatchScore {
        var parts: [ScorePart] = []
        let shared = r.details.needs.filter { need in (experienceFor[need] ?? []).contains { m.livedExperience.contains($0) } }
        parts.append(ScorePart(name: "Lived experience", points: min(40, 20 * shared.count),
                               reason: shared.isEmpty ? "No shared experience of the mentee’s needs"
                                   : "Shares experience of " + shared.map { $0.label.lowercased() }.joined(separator: " and ")))
        let local = m.deliveryUnitIDs.contains(r.deliveryUnitID)
        parts.append(ScorePart(name: "Travel", points: local ? 20 : 0,
                               reason: local ? "Travels to the mentee’s delivery unit" : "Does not usually travel to the mentee’s delivery unit"))
        let languages = r.details.languages.filter { l in m.languages.contains { $0.caseInsensitiveCompare(l) == .orderedSame } }
        parts.append(ScorePart(name: "Language", points: languages.isEmpty ? 0 : 10,
                               reason: languages.isEmpty ? "No shared language listed" : "Speaks " + languages.joined(separator: ", ")))
        let overlap = r.details.availability.filter(m.availability.contains)
        parts.append(ScorePart(name: "Availability", points: min(15, 5 * overlap.count),
                               reason: r.details.availability.isEmpty ? "Mentee gave no times" :
                                   overlap.isEmpty ? "No times in common" : "Both free " + overlap.prefix(3).map(\.label).joined(separator: ", ")))
        let weeks = max(0, r.referredOn.days(until: today) / 7)
        parts.append(ScorePart(name: "Waiting time", points: min(10, weeks),
                               reason: "Waiting \(weeks) \(weeks == 1 ? "week" : "weeks")"))
        let loadPoints = m.capacity == 0 ? 0 : 5 * m.capacityLeft / m.capacity
        parts.append(ScorePart(name: "Mentor load", points: loadPoints,
                               reason: "Supporting \(m.activeMatches) of \(m.capacity)"))
        return MatchScore(total: parts.reduce(0) { $0 + $1.points }, parts: parts)
    }

    public struct Suggestion: Sendable, Equatable {
        public let mentorID: String
        public let score: MatchScore
    }

    /// Mentors who pass every hard constraint, best first (ties by mentor id, so the order is stable).
    public static func suggestions(for r: ReferralFacts, mentors: [MentorFacts], today: CalendarDate) -> [Suggestion] {
        mentors.filter { blockers(r, $0).isEmpty }
            .map { Suggestion(mentorID: $0.mentorID, score: score(r, $0, today: today)) }
            .sorted { ($0.score.total, $1.mentorID) > ($1.score.total, $0.mentorID) }
    }
}
