/// When an outcome was measured in a mentee's time with the service.
public enum OutcomeStage: String, CaseIterable, Sendable, Codable {
    case referral, review, closure

    public var label: String {
        switch self {
        case .referral: "At referral"
        case .review: "At review"
        case .closure: "At closure"
        }
    }
}

/// Where a rating came from, so a reader can weigh it.
public enum OutcomeSource: String, CaseIterable, Sendable, Codable {
    case selfReport, practitionerAssessment, mentorObservation, documentaryEvidence

    public var label: String {
        switch self {
        case .selfReport: "The person told us"
        case .practitionerAssessment: "Practitioner's assessment"
        case .mentorObservation: "Mentor's observation"
        case .documentaryEvidence: "Documents or another agency"
        }
    }
}

/// One step on a measure's scale; a higher rank is a better place to be.
public struct OutcomeLevel: Sendable, Equatable {
    public let code: String
    public let label: String
    public let rank: Int
}

/// The changes a mentee's outcomes are measured on, from the Essex case study ("secured
/// accommodation, completed an accredited programme, engaging with her probation officer").
/// The order outcome is not rated: it is read from the order itself.
public enum MenteeMeasure: String, CaseIterable, Sendable, Codable {
    case accommodation, educationTrainingEmployment, substanceMisuse, familyRelationships, engagementWithSupervision,
         accreditedProgramme

    public var label: String {
        switch self {
        case .accommodation: "Accommodation"
        case .educationTrainingEmployment: "Education, training and employment"
        case .substanceMisuse: "Drugs and alcohol"
        case .familyRelationships: "Family relationships"
        case .engagementWithSupervision: "Engagement with supervision"
        case .accreditedProgramme: "Accredited programme"
        }
    }

    /// Worst first.
    public var levels: [OutcomeLevel] {
        let scale: [(String, String)] = switch self {
        case .accommodation: [("homeless", "Homeless or sleeping rough"), ("temporary", "Temporary or unsuitable"),
                              ("settled", "Settled and suitable")]
        case .educationTrainingEmployment: [("none", "Not in education, training or work"), ("learning", "In education or training"),
                                            ("working", "In paid work")]
        case .substanceMisuse: [("problematic", "Problematic use, not in treatment"), ("inTreatment", "In treatment or cutting down"),
                                ("noProblem", "No current problem")]
        case .familyRelationships: [("brokenDown", "Broken down"), ("difficult", "Some difficulties"), ("supportive", "Positive and supportive")]
        case .engagementWithSupervision: [("notEngaging", "Not engaging or in breach"), ("partly", "Engaging some of the time"),
                                          ("engaging", "Engaging well")]
        case .accreditedProgramme: [("notCompleted", "Required, not yet completed"), ("completed", "Completed")]
        }
        return scale.enumerated().map { OutcomeLevel(code: $0.element.0, label: $0.element.1, rank: $0.offset) }
    }

    public func level(_ code: String) -> OutcomeLevel? { levels.first { $0.code == code } }
}

/// One measurement of a mentee's outcomes on a day.
public struct OutcomeAssessment: Sendable, Equatable {
    public let stage: OutcomeStage
    public let recordedOn: CalendarDate
    public let source: OutcomeSource
    /// Measure → level code. A measure left out was not known or does not apply.
    public let ratings: [MenteeMeasure: String]
    public let notes: String?

    public init(stage: OutcomeStage, recordedOn: CalendarDate, source: OutcomeSource, ratings: [MenteeMeasure: String], notes: String?) {
        self.stage = stage
        self.recordedOn = recordedOn
        self.source = source
        self.ratings = ratings
        self.notes = notes
    }
}

public struct StoredOutcomeAssessment: Sendable, Equatable, Identifiable {
    public let id: String
    public let referralID: String
    public let assessment: OutcomeAssessment
    public let recordedByID: String

    public init(id: String, referralID: String, assessment: OutcomeAssessment, recordedByID: String) {
        self.id = id
        self.referralID = referralID
        self.assessment = assessment
        self.recordedByID = recordedByID
    }
}

public struct OutcomeAssessmentDraft: Sendable, Equatable {
    public var stage: String?
    public var recordedOn: DateInput
    public var source: String?
    /// Measure raw value → level code; empty or "notKnown" leaves the measure out.
    public var ratings: [String: String]
    public var notes: String?

    public init(stage: String?, recordedOn: DateInput, source: String?, ratings: [String: String], notes: String?) {
        self.stage = stage
        self.recordedOn = recordedOn
        self.source = source
        self.ratings = ratings
        self.notes = notes
    }

    public static let notKnown = "notKnown"

    /// `referredOn` bounds the date: nothing is measured before the person was referred.
    public func validated(today: CalendarDate, referredOn: CalendarDate) throws(ValidationFailure) -> OutcomeAssessment {
        var errors = FieldErrors()
        let stage = InputRules.choice(stage, as: OutcomeStage.self, field: "stage", label: "when this was measured", article: "", errors: &errors)
        let date = InputRules.date(recordedOn, field: "recordedOn", label: "date measured", article: "the", errors: &errors)
        if let date, date > today { errors.add("recordedOn", "Date measured must be today or in the past") }
        if let date, date < referredOn { errors.add("recordedOn", "Date measured must be on or after the referral date, \(referredOn.long)") }
        let source = InputRules.choice(source, as: OutcomeSource.self, field: "source", label: "source", article: "the", errors: &errors)
        var ratings: [MenteeMeasure: String] = [:]
        for key in self.ratings.keys.sorted() where MenteeMeasure(rawValue: key) == nil {
            errors.add(key, "\(key) is not an outcome measure (one of: \(MenteeMeasure.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        for measure in MenteeMeasure.allCases {
            let code = (self.ratings[measure.rawValue] ?? "").trimmingCharacters(in: .whitespaces)
            guard !code.isEmpty, code != Self.notKnown else { continue }
            if measure.level(code) == nil {
                errors.add(measure.rawValue, "Select a level for \(measure.label.lowercased()) from the list (one of: \(measure.levels.map(\.code).joined(separator: ", ")), \(Self.notKnown))")
            } else {
                ratings[measure] = code
            }
        }
        if ratings.isEmpty && errors.errors.allSatisfy({ MenteeMeasure(rawValue: $0.field) == nil }) {
            errors.add(MenteeMeasure.accommodation.rawValue, "Rate at least one outcome")
        }
        let notes = InputRules.optional(notes, field: "notes", label: "notes", limit: InputRules.longTextLimit, multiline: true, errors: &errors)
        try errors.throwIfAny()
        return OutcomeAssessment(stage: stage!, recordedOn: date!, source: source!, ratings: ratings, notes: notes)
    }
}

public enum OutcomeChange: String, CaseIterable, Sendable, Codable {
    case improved, same, worse

    public var label: String {
        switch self {
        case .improved: "Improved"
        case .same: "No change"
        case .worse: "Worse"
        }
    }
}

/// Distance travelled: the first rating at referral against the last at closure, per measure.
public enum OutcomeProgress {
    public static func changes(_ assessments: [OutcomeAssessment]) -> [MenteeMeasure: OutcomeChange] {
        let sorted = assessments.sorted { $0.recordedOn < $1.recordedOn }
        var result: [MenteeMeasure: OutcomeChange] = [:]
        for measure in MenteeMeasure.allCases {
            guard let start = sorted.first(where: { $0.stage == .referral && $0.ratings[measure] != nil })?.ratings[measure].flatMap(measure.level),
                  let end = sorted.last(where: { $0.stage == .closure && $0.ratings[measure] != nil })?.ratings[measure].flatMap(measure.level)
            else { continue }
            result[measure] = end.rank > start.rank ? .improved : end.rank == start.rank ? .same : .worse
        }
        return result
    }
}

/// What a mentor rates about themself: the seeds' mentors spoke of wellbeing, of confidence
/// ("improve my self-esteem") and of belonging ("I feel less socially isolated").
public enum SelfRatingMeasure: String, CaseIterable, Sendable, Codable {
    case wellbeing, confidence, belonging

    public var label: String {
        switch self {
        case .wellbeing: "Wellbeing"
        case .confidence: "Confidence"
        case .belonging: "Belonging"
        }
    }

    /// The question put to the mentor, scored 1 to 10.
    public var question: String {
        switch self {
        case .wellbeing: "How are things for you at the moment, from 1 (really struggling) to 10 (thriving)?"
        case .confidence: "How confident do you feel in yourself, from 1 (not at all) to 10 (very)?"
        case .belonging: "How much do you feel you belong, from 1 (very isolated) to 10 (very much)?"
        }
    }
}

/// A mentor's own rating, 1 to 10, of their wellbeing, confidence or belonging.
public struct WellbeingRating: Sendable, Equatable {
    public let on: CalendarDate
    public let score: Int
    public let source: OutcomeSource
    public let notes: String?
    public let measure: SelfRatingMeasure

    public init(on: CalendarDate, score: Int, source: OutcomeSource, notes: String?, measure: SelfRatingMeasure = .wellbeing) {
        self.on = on
        self.score = score
        self.source = source
        self.notes = notes
        self.measure = measure
    }

    public static let scale = 1...10
}

public struct WellbeingRatingDraft: Sendable, Equatable {
    public var on: DateInput
    public var score: String?
    public var source: String?
    public var notes: String?
    public var measure: String?

    public init(on: DateInput, score: String?, source: String?, notes: String?, measure: String? = SelfRatingMeasure.wellbeing.rawValue) {
        self.on = on
        self.score = score
        self.source = source
        self.notes = notes
        self.measure = measure
    }

    public func validated(today: CalendarDate) throws(ValidationFailure) -> WellbeingRating {
        var errors = FieldErrors()
        let date = InputRules.date(on, field: "on", label: "date", errors: &errors)
        if let date, date > today { errors.add("on", "Date must be today or in the past") }
        let text = (score ?? "").trimmingCharacters(in: .whitespaces)
        var value: Int?
        if text.isEmpty {
            errors.add("score", "Enter a score from 1 to 10")
        } else if let n = Int(text), text.allSatisfy(\.isASCIIDigit), WellbeingRating.scale.contains(n) {
            value = n
        } else {
            errors.add("score", "Score must be a whole number from 1 to 10")
        }
        let source = InputRules.choice(source, as: OutcomeSource.self, field: "source", label: "source", article: "the", errors: &errors)
        let notes = InputRules.optional(notes, field: "notes", label: "notes", limit: InputRules.longTextLimit, multiline: true, errors: &errors)
        // Wellbeing unless said otherwise, as before confidence and belonging were rated.
        let raw = (measure ?? "").trimmingCharacters(in: .whitespaces)
        let measure = InputRules.choice(raw.isEmpty ? SelfRatingMeasure.wellbeing.rawValue : raw, as: SelfRatingMeasure.self, field: "measure",
                                        label: "what is rated", article: "", errors: &errors)
        try errors.throwIfAny()
        return WellbeingRating(on: date!, score: value!, source: source!, notes: notes, measure: measure!)
    }
}
