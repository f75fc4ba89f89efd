/// What a mentee needs support with (the seven pathways the programmes work to).
public enum Need: String, CaseIterable, Sendable, Codable {
    case accommodation, educationTrainingEmployment, substanceMisuse, familyRelationships, finance, wellbeing, attitudes

    public var label: String {
        switch self {
        case .accommodation: "Accommodation"
        case .educationTrainingEmployment: "Education, training and employment"
        case .substanceMisuse: "Drugs and alcohol"
        case .familyRelationships: "Family and relationships"
        case .finance: "Finance, benefits and debt"
        case .wellbeing: "Health and wellbeing"
        case .attitudes: "Attitudes, thinking and behaviour"
        }
    }
}

public enum GenderPreference: String, CaseIterable, Sendable, Codable {
    case noPreference, female, male

    public var label: String {
        switch self {
        case .noPreference: "No preference"
        case .female: "A woman"
        case .male: "A man"
        }
    }
}

/// Why two people must never be matched or meet.
public enum ExclusionKind: String, CaseIterable, Sendable, Codable {
    case coDefendant, victim, knownAssociate

    public var label: String {
        switch self {
        case .coDefendant: "Co-defendant"
        case .victim: "Victim"
        case .knownAssociate: "Known associate"
        }
    }
}

public struct Exclusion: Sendable, Equatable, Hashable {
    public let crn: CRN
    public let kind: ExclusionKind
    public init(crn: CRN, kind: ExclusionKind) {
        self.crn = crn
        self.kind = kind
    }

    /// A must-not-meet list as typed (CRN and kind per row; blank rows ignored), for a referral or a mentor.
    public static func list(_ rows: [(crn: String, kind: String)], errors: inout FieldErrors) -> [Exclusion] {
        var out: [Exclusion] = []
        for (rawCRN, rawKind) in rows where !(rawCRN.trimmingCharacters(in: .whitespaces).isEmpty && rawKind.isEmpty) {
            guard let crn = CRN(rawCRN) else { errors.add("exclusions", "Enter each excluded person’s CRN as one letter and six digits, like X123456"); continue }
            guard let kind = ExclusionKind(rawValue: rawKind) else { errors.add("exclusions", "Say whether each excluded person is a co-defendant, victim or known associate"); continue }
            let exclusion = Exclusion(crn: crn, kind: kind)
            if !out.contains(exclusion) { out.append(exclusion) }
        }
        return out
    }

    public static func validated(_ rows: [(crn: String, kind: String)]) throws(ValidationFailure) -> [Exclusion] {
        var errors = FieldErrors()
        let list = list(rows, errors: &errors)
        try errors.throwIfAny()
        return list
    }
}

public enum ReferralState: String, CaseIterable, Sendable, Codable {
    case awaitingAllocation, matched, onProgramme, completed, deferred, deprioritised, withdrawn

    public var label: String {
        switch self {
        case .awaitingAllocation: "Awaiting allocation"
        case .matched: "Matched"
        case .onProgramme: "On programme"
        case .completed: "Completed"
        case .deferred: "Deferred"
        case .deprioritised: "Deprioritised"
        case .withdrawn: "Withdrawn"
        }
    }

    public var isOpen: Bool { ![.completed, .withdrawn].contains(self) }
}

/// Withdrawal reasons, grouped as the national referral service groups them.
public enum WithdrawalReason: String, CaseIterable, Sendable, Codable {
    case problemWithReferral, personsCircumstances, sentenceEndedRevokedRecalled, other

    public var label: String {
        switch self {
        case .problemWithReferral: "Problem with the referral"
        case .personsCircumstances: "The person's circumstances changed"
        case .sentenceEndedRevokedRecalled: "Sentence ended, revoked or recalled"
        case .other: "Other"
        }
    }
}

public enum GoalOutcome: String, CaseIterable, Sendable, Codable {
    case achieved, partiallyAchieved, notAchieved

    public var label: String {
        switch self {
        case .achieved: "Achieved"
        case .partiallyAchieved: "Partly achieved"
        case .notAchieved: "Not achieved"
        }
    }
}

/// A practitioner's request for a mentor, as checked and accepted.
public struct ReferralDetails: Sendable, Equatable {
    public var needs: [Need]
    public var goals: [String]
    public var genderPreference: GenderPreference
    public var languages: [String]
    public var availability: [AvailabilitySlot]
    public var accessibilityNeeds: String?
    public var exclusions: [Exclusion]

    public init(needs: [Need], goals: [String], genderPreference: GenderPreference, languages: [String],
                availability: [AvailabilitySlot], accessibilityNeeds: String?, exclusions: [Exclusion]) {
        self.needs = needs
        self.goals = goals
        self.genderPreference = genderPreference
        self.languages = languages
        self.availability = availability
        self.accessibilityNeeds = accessibilityNeeds
        self.exclusions = exclusions
    }
}

public struct ReferralDraft: Sendable, Equatable {
    public var consent: Bool
    public var needs: [String]
    public var goals: [String]
    public var genderPreference: String?
    public var languages: String?
    public var availability: [String]
    public var accessibilityNeeds: String?
    /// "X123456 coDefendant" style pairs, one per exclusion.
    public var exclusions: [(crn: String, kind: String)]

    public init(consent: Bool, needs: [String], goals: [String], genderPreference: String?, languages: String?, availability: [String],
                accessibilityNeeds: String?, exclusions: [(crn: String, kind: String)]) {
        self.consent = consent
        self.needs = needs
        self.goals = goals
        self.genderPreference = genderPreference
        self.languages = languages
        self.availability = availability
        self.accessibilityNeeds = accessibilityNeeds
        self.exclusions = exclusions
    }

    public static func == (a: ReferralDraft, b: ReferralDraft) -> Bool {
        a.consent == b.consent && a.needs == b.needs && a.goals == b.goals && a.genderPreference == b.genderPreference
            && a.languages == b.languages && a.availability == b.availability && a.accessibilityNeeds == b.accessibilityNeeds
            && a.exclusions.map(\.crn) == b.exclusions.map(\.crn) && a.exclusions.map(\.kind) == b.exclusions.map(\.kind)
    }

    public static let goalLimit = 5

    public func validated() throws(ValidationFailure) -> ReferralDetails {
        var errors = FieldErrors()
        if !consent { errors.add("consent", "Confirm the person has agreed to be referred for a peer mentor") }
        var needs: [Need] = []
        for raw in self.needs where !raw.isEmpty {
            guard let need = Need(rawValue: raw) else { errors.add("needs", "Select needs from the list"); continue }
            if !needs.contains(need) { needs.append(need) }
        }
        if needs.isEmpty, !errors.errors.contains(where: { $0.field == "needs" }) { errors.add("needs", "Select at least one need") }
        var goals: [String] = []
        for raw in self.goals {
            // Goals are single lines: InputRules refuses line breaks and control characters in them.
            guard let goal = InputRules.optional(raw, field: "goals", label: "each goal", limit: InputRules.shortTextLimit, errors: &errors) else { continue }
            goals.append(goal)
        }
        if goals.isEmpty, !errors.errors.contains(where: { $0.field == "goals" }) { errors.add("goals", "Enter at least one goal") }
        if goals.count > Self.goalLimit { errors.add("goals", "Enter no more than \(Self.goalLimit) goals") }
        let gender = InputRules.choice(genderPreference?.isEmpty == false ? genderPreference : GenderPreference.noPreference.rawValue,
                                       as: GenderPreference.self, field: "genderPreference", label: "gender preference", article: "a", errors: &errors)
        var languages = InputRules.languages(self.languages, errors: &errors)
        if languages.isEmpty { languages = ["English"] }
        var slots: [AvailabilitySlot] = []
        for raw in availability where !raw.isEmpty {
            guard let slot = AvailabilitySlot(raw) else { errors.add("availability", "Select times from the list"); continue }
            if !slots.contains(slot) { slots.append(slot) }
        }
        let access = InputRules.optional(accessibilityNeeds, field: "accessibilityNeeds", label: "accessibility needs", limit: InputRules.longTextLimit,
                                         multiline: true, errors: &errors)
        let exclusions = Exclusion.list(self.exclusions, errors: &errors)
        try errors.throwIfAny()
        return ReferralDetails(needs: needs, goals: goals, genderPreference: gender!, languages: languages, availability: slots.sorted(),
                               accessibilityNeeds: access, exclusions: exclusions)
    }
}

/// Who can get a mentor: a current order or licence with this provider, consent, and the
/// referring practitioner named.
public enum MenteeEligibility {
    /// An order or licence a person can be referred on: active, and under way today.
    public static func isCurrent(_ order: OrderDetails, today: CalendarDate) -> Bool {
        order.outcome == .active && order.startDate <= today && order.endDate >= today
    }

    /// One open referral per person at a time: a second is refused, naming the person.
    public static func checkNoOpenReferral(openReferrals: Int) throws(ValidationFailure) {
        if openReferrals > 0 {
            throw ValidationFailure([FieldError("personId", "This person already has an open referral: update that one instead")])
        }
    }

    public static func check(order: OrderDetails?, consent: Bool, practitionerID: String?, today: CalendarDate) throws(ValidationFailure) {
        var errors = FieldErrors()
        if let order {
            if !isCurrent(order, today: today) {
                errors.add("orderId", "Select an order or licence that is current today: mentees must be under supervision")
            }
        } else {
            errors.add("orderId", "Select the order or licence they are supervised on")
        }
        if !consent { errors.add("consent", "Confirm the person has agreed to be referred for a peer mentor") }
        if practitionerID == nil { errors.add("practitionerId", "The person needs a named practitioner before they can be referred") }
        try errors.throwIfAny()
    }
}

/// Moves a referral can make, with who makes them.
public enum ReferralJourney {
    public static let moves: [ReferralState: Set<ReferralState>] = [
        .awaitingAllocation: [.matched, .deferred, .deprioritised, .withdrawn],
        .deferred: [.awaitingAllocation, .withdrawn],
        .deprioritised: [.awaitingAllocation, .withdrawn],
        .matched: [.onProgramme, .awaitingAllocation, .withdrawn],
        .onProgramme: [.completed, .awaitingAllocation, .withdrawn],
        .completed: [],
        .withdrawn: [],
    ]

    /// The states a coordinator sets by hand; matching, starting and closing happen through the
    /// match and the end-of-service summary.
    public static let manualStates: Set<ReferralState> = [.awaitingAllocation, .deferred, .deprioritised, .withdrawn]

    /// Where a coordinator can move a referral by hand from here.
    public static func manualMoves(from state: ReferralState) -> [ReferralState] {
        ReferralState.allCases.filter { moves[state, default: []].contains($0) && manualStates.contains($0) }
    }

    public static func checkManual(from: ReferralState, to: ReferralState) throws(ValidationFailure) {
        guard manualStates.contains(to) else {
            throw ValidationFailure([FieldError("state", "Matching and closing happen through the match and the end-of-service summary")])
        }
        try check(from: from, to: to)
    }

    public static func check(from: ReferralState, to: ReferralState) throws(ValidationFailure) {
        guard moves[from, default: []].contains(to) else {
            throw ValidationFailure([FieldError("state", "A referral that is \(from.label.lowercased()) cannot be moved to \(to.label.lowercased())")])
        }
    }
}
