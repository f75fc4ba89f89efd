public enum CaseStudyKind: String, CaseIterable, Sendable, Codable {
    case story, quote

    public var label: String { self == .story ? "Story" : "Quote" }
    /// A quote is a sentence or two in the person's own words; a story can run to a page.
    public var limit: Int { self == .story ? 4000 : 500 }
}

public enum CaseStudySubject: String, CaseIterable, Sendable, Codable {
    case mentor, mentee

    public var label: String { self == .mentor ? "Mentor" : "Mentee" }
}

/// What the person agreed their words may be used for.
public enum ConsentUse: String, CaseIterable, Sendable, Codable {
    case annualReport, publicInformation, training

    public var label: String {
        switch self {
        case .annualReport: "Annual report to commissioners"
        case .publicInformation: "Public information about the service"
        case .training: "Training for staff and mentors"
        }
    }
}

public struct Consent: Sendable, Equatable {
    public let uses: Set<ConsentUse>
    public let givenOn: CalendarDate
    public let withdrawnOn: CalendarDate?

    public init(uses: Set<ConsentUse>, givenOn: CalendarDate, withdrawnOn: CalendarDate?) {
        self.uses = uses
        self.givenOn = givenOn
        self.withdrawnOn = withdrawnOn
    }
}

public enum CaseStudyState: String, Sendable, Codable {
    case awaitingApproval, approved, consentWithdrawn

    public var label: String {
        switch self {
        case .awaitingApproval: "Awaiting approval"
        case .approved: "Approved for use"
        case .consentWithdrawn: "Consent withdrawn"
        }
    }
}

/// A story or quote, told under a pseudonym, usable only while its consent stands.
public struct CaseStudy: Sendable, Equatable, Identifiable {
    public let id: String
    public let areaID: String
    public let personID: String
    public let subject: CaseStudySubject
    public let kind: CaseStudyKind
    public let pseudonym: String
    public let title: String?
    public let text: String
    public var consent: Consent
    public var approvedOn: CalendarDate?
    public var approvedByID: String?
    public var version: Int

    public init(id: String, areaID: String, personID: String, subject: CaseStudySubject, kind: CaseStudyKind, pseudonym: String,
                title: String?, text: String, consent: Consent, approvedOn: CalendarDate?, approvedByID: String?, version: Int) {
        self.id = id
        self.areaID = areaID
        self.personID = personID
        self.subject = subject
        self.kind = kind
        self.pseudonym = pseudonym
        self.title = title
        self.text = text
        self.consent = consent
        self.approvedOn = approvedOn
        self.approvedByID = approvedByID
        self.version = version
    }

    public var state: CaseStudyState {
        consent.withdrawnOn != nil ? .consentWithdrawn : approvedOn != nil ? .approved : .awaitingApproval
    }

    /// Withdrawing consent stops every use at once, whatever was approved before.
    public func usable(for use: ConsentUse) -> Bool {
        state == .approved && consent.uses.contains(use)
    }
}

/// What a coordinator typed for a new case study.
public struct CaseStudyDraft: Sendable, Equatable {
    public var subject: String?
    public var kind: String?
    public var pseudonym: String?
    public var title: String?
    public var text: String?
    public var uses: [String]
    public var consentGivenOn: DateInput

    public init(subject: String?, kind: String?, pseudonym: String?, title: String?, text: String?, uses: [String], consentGivenOn: DateInput) {
        self.subject = subject
        self.kind = kind
        self.pseudonym = pseudonym
        self.title = title
        self.text = text
        self.uses = uses
        self.consentGivenOn = consentGivenOn
    }

    public struct Valid: Sendable, Equatable {
        public let subject: CaseStudySubject
        public let kind: CaseStudyKind
        public let pseudonym: String
        public let title: String?
        public let text: String
        public let consent: Consent

        public init(subject: CaseStudySubject, kind: CaseStudyKind, pseudonym: String, title: String?, text: String, consent: Consent) {
            self.subject = subject
            self.kind = kind
            self.pseudonym = pseudonym
            self.title = title
            self.text = text
            self.consent = consent
        }
    }

    /// `realNames` are the person's own names: a pseudonym that repeats one protects nobody.
    public func validated(today: CalendarDate, realNames: [String]) throws(ValidationFailure) -> Valid {
        var errors = FieldErrors()
        let subject = InputRules.choice(subject, as: CaseStudySubject.self, field: "subject", label: "whose words these are", article: "", errors: &errors)
        let kind = InputRules.choice(kind, as: CaseStudyKind.self, field: "kind", label: "story or quote", article: "", errors: &errors)
        let pseudonym = InputRules.required(pseudonym, field: "pseudonym", label: "pseudonym", errors: &errors)
        if let pseudonym {
            // Names are compared word by word, so "Anne-Marie" or "O'Brien" is caught however it is split.
            func words(_ text: String) -> Set<String> { Set(text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)) }
            let chosen = words(pseudonym)
            if realNames.contains(where: { name in !words(name).isEmpty && words(name).isSubset(of: chosen) }) {
                errors.add("pseudonym", "Pseudonym must not be the person's own name")
            }
        }
        let title = InputRules.optional(title, field: "title", label: "title", errors: &errors)
        let text = InputRules.required(self.text, field: "text", label: kind == .quote ? "quote" : "story", article: "the",
                                       limit: (kind ?? .story).limit, errors: &errors)
        var uses: Set<ConsentUse> = []
        for raw in self.uses {
            if let use = ConsentUse(rawValue: raw) { uses.insert(use) } else {
                errors.add("uses", "Select what the person agreed to from the list (one of: \(ConsentUse.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        if self.uses.isEmpty { errors.add("uses", "Select at least one use the person agreed to") }
        let given = InputRules.date(consentGivenOn, field: "consentGivenOn", label: "date consent was given", article: "the", errors: &errors)
        if let given, given > today { errors.add("consentGivenOn", "Date consent was given must be today or in the past") }
        try errors.throwIfAny()
        return Valid(subject: subject!, kind: kind!, pseudonym: pseudonym!, title: title, text: text!,
                     consent: Consent(uses: uses, givenOn: given!, withdrawnOn: nil))
    }
}

public enum CaseStudyRules {
    public static func checkApproval(_ study: CaseStudy) throws(ValidationFailure) {
        switch study.state {
        case .approved: throw ValidationFailure([FieldError("approve", "This case study is already approved")])
        case .consentWithdrawn: throw ValidationFailure([FieldError("approve", "Consent has been withdrawn, so this case study cannot be used")])
        case .awaitingApproval: break
        }
    }

    public static func checkWithdrawal(_ study: CaseStudy) throws(ValidationFailure) {
        if study.state == .consentWithdrawn {
            throw ValidationFailure([FieldError("withdraw", "Consent was already withdrawn on \(study.consent.withdrawnOn!.long)")])
        }
    }
}
