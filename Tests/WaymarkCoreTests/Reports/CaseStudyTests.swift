import Foundation
import Testing
@testable import WaymarkCore

@Suite("Case studies and consent")
struct CaseStudyTests {
    /// The person's own names.
    static let realNames = ["Samantha", "Okafor"]

    static func draft(subject: String? = "mentee", kind: String? = "quote", pseudonym: String? = "Jo", title: String? = nil,
                      text: String? = "Having someone who had been there made all the difference.", uses: [String] = ["annualReport"],
                      given: DateInput = .iso("2026-11-02")) -> CaseStudyDraft {
        CaseStudyDraft(subject: subject, kind: kind, pseudonym: pseudonym, title: title, text: text, uses: uses, consentGivenOn: given)
    }

    static func failure(_ draft: CaseStudyDraft, realNames: [String] = realNames,
                        sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) { try draft.validated(today: Fixture.today, realNames: realNames) }
    }

    static func study(approvedOn: String? = nil, withdrawnOn: String? = nil, uses: Set<ConsentUse> = [.annualReport, .training]) -> CaseStudy {
        CaseStudy(id: "cs1", areaID: "essex", personID: "p1", subject: .mentee, kind: .story, pseudonym: "Jo", title: "Jo's story",
                  text: "A story.", consent: Consent(uses: uses, givenOn: ymd("2026-10-01"), withdrawnOn: withdrawnOn.map { ymd($0) }),
                  approvedOn: approvedOn.map { ymd($0) }, approvedByID: approvedOn == nil ? nil : "manager-1", version: 1)
    }

    // MARK: Validation

    @Test("A good draft is trimmed and its consent starts, not withdrawn")
    func valid() throws {
        let valid = try Self.draft(subject: "mentor", kind: "story", pseudonym: "  Jo ", title: " Finding work ", text: " A story. ",
                                   uses: ["annualReport", "training", "annualReport"], given: .iso("2026-11-23"))
            .validated(today: Fixture.today, realNames: Self.realNames)
        #expect(valid == CaseStudyDraft.Valid(subject: .mentor, kind: .story, pseudonym: "Jo", title: "Finding work", text: "A story.",
                                              consent: Consent(uses: [.annualReport, .training], givenOn: Fixture.today, withdrawnOn: nil)))
    }

    @Test("A pseudonym that is, or includes, the person's own name is refused, whatever the case", arguments: [
        "Samantha", "samantha", "SAMANTHA", "Okafor", "Jo Okafor", "Samantha B.", "Mrs okafor", "Jo-Samantha",
    ])
    func ownName(pseudonym: String) {
        let failure = Self.failure(Self.draft(pseudonym: pseudonym))
        #expect(failure.fields == ["pseudonym"])
        #expect(failure.message(for: "pseudonym") == "Pseudonym must not be the person's own name")
    }

    @Test("A different name is accepted, even one that shares letters with the person's own", arguments: ["Jo", "Sam", "Sammy", "Okafors", "Anna Smith"])
    func differentName(pseudonym: String) throws {
        #expect(try Self.draft(pseudonym: pseudonym).validated(today: Fixture.today, realNames: Self.realNames).pseudonym == pseudonym)
        // With no real names known, any pseudonym goes; an empty name matches nothing.
        #expect(try Self.draft(pseudonym: pseudonym).validated(today: Fixture.today, realNames: ["", ""]).pseudonym == pseudonym)
    }

    /// A real name with a hyphen or an apostrophe is still the person's own name when it is used
    /// as the pseudonym word for word.
    @Test("A hyphenated or apostrophised real name used as the pseudonym is refused", arguments: [
        ("Anne-Marie", "Anne-Marie"), ("anne-marie", "Anne-Marie"), ("O'Brien", "O'Brien"), ("Jo O'Brien", "O'Brien"),
    ])
    func punctuatedOwnName(pseudonym: String, realName: String) {
        let failure = Self.failure(Self.draft(pseudonym: pseudonym), realNames: [realName, "Smith"])
        #expect(failure.fields == ["pseudonym"])
        #expect(failure.message(for: "pseudonym") == "Pseudonym must not be the person's own name")
    }

    @Test("A quote is at most 500 characters; a story may be longer")
    func quoteLength() throws {
        let failure = Self.failure(Self.draft(kind: "quote", text: String(repeating: "q", count: 501)))
        #expect(failure.fields == ["text"])
        #expect(failure.message(for: "text") == "Quote must be 500 characters or fewer")
        #expect(try Self.draft(kind: "quote", text: String(repeating: "q", count: 500))
                    .validated(today: Fixture.today, realNames: Self.realNames).text.count == 500)
        #expect(try Self.draft(kind: "story", text: String(repeating: "s", count: 501))
                    .validated(today: Fixture.today, realNames: Self.realNames).text.count == 501)
        let story = Self.failure(Self.draft(kind: "story", text: String(repeating: "s", count: 4001)))
        #expect(story.message(for: "text") == "Story must be 4000 characters or fewer")
    }

    @Test("At least one use must be agreed")
    func noUses() {
        let failure = Self.failure(Self.draft(uses: []))
        #expect(failure.fields == ["uses"])
        #expect(failure.message(for: "uses") == "Select at least one use the person agreed to")
    }

    @Test("A use that is not on the list is refused", arguments: [["newspaper"], ["annualReport", "socialMedia"], [""]])
    func unknownUse(uses: [String]) {
        let failure = Self.failure(Self.draft(uses: uses))
        #expect(failure.fields == ["uses"])
        #expect(failure.message(for: "uses") == "Select what the person agreed to from the list (one of: annualReport, publicInformation, training)")
    }

    @Test("Consent cannot be dated in the future")
    func futureConsent() {
        let failure = Self.failure(Self.draft(given: .iso("2026-11-24")))
        #expect(failure.fields == ["consentGivenOn"])
        #expect(failure.message(for: "consentGivenOn") == "Date consent was given must be today or in the past")
    }

    @Test("Everything missing is reported at once")
    func empty() {
        let failure = Self.failure(Self.draft(subject: nil, kind: nil, pseudonym: " ", text: nil, uses: [], given: .iso(nil)))
        #expect(failure.fields == ["subject", "kind", "pseudonym", "text", "uses", "consentGivenOn"])
        #expect(failure.message(for: "subject") == "Select whose words these are")
        #expect(failure.message(for: "kind") == "Select story or quote")
        #expect(failure.message(for: "pseudonym") == "Enter a pseudonym")
        #expect(failure.message(for: "text") == "Enter the story")
        #expect(failure.message(for: "consentGivenOn") == "Enter the date consent was given")
    }

    // MARK: State and use

    @Test("A new case study awaits approval and cannot be used yet")
    func awaiting() {
        let study = Self.study()
        #expect(study.state == .awaitingApproval)
        for use in ConsentUse.allCases { #expect(!study.usable(for: use)) }
    }

    @Test("Once approved it may be used for exactly what the person agreed to")
    func approved() {
        let study = Self.study(approvedOn: "2026-10-05")
        #expect(study.state == .approved)
        #expect(study.usable(for: .annualReport))
        #expect(study.usable(for: .training))
        #expect(!study.usable(for: .publicInformation))
    }

    @Test("Withdrawing consent stops every use, whether or not it was approved", arguments: [String?.none, "2026-10-05"])
    func withdrawn(approvedOn: String?) {
        let study = Self.study(approvedOn: approvedOn, withdrawnOn: "2026-11-03", uses: Set(ConsentUse.allCases))
        #expect(study.state == .consentWithdrawn)
        for use in ConsentUse.allCases { #expect(!study.usable(for: use)) }
    }

    @Test("Only a case study awaiting approval can be approved")
    func checkApproval() {
        #expect(throws: Never.self) { try CaseStudyRules.checkApproval(Self.study()) }

        let approved = validationFailure { try CaseStudyRules.checkApproval(Self.study(approvedOn: "2026-10-05")) }
        #expect(approved.fields == ["approve"])
        #expect(approved.message(for: "approve") == "This case study is already approved")

        for approvedOn in [String?.none, "2026-10-05"] {
            let withdrawn = validationFailure { try CaseStudyRules.checkApproval(Self.study(approvedOn: approvedOn, withdrawnOn: "2026-11-03")) }
            #expect(withdrawn.fields == ["approve"])
            #expect(withdrawn.message(for: "approve") == "Consent has been withdrawn, so this case study cannot be used")
        }
    }

    @Test("Consent can be withdrawn once, approved or not")
    func checkWithdrawal() {
        #expect(throws: Never.self) { try CaseStudyRules.checkWithdrawal(Self.study()) }
        #expect(throws: Never.self) { try CaseStudyRules.checkWithdrawal(Self.study(approvedOn: "2026-10-05")) }

        let again = validationFailure { try CaseStudyRules.checkWithdrawal(Self.study(approvedOn: "2026-10-05", withdrawnOn: "2026-11-03")) }
        #expect(again.fields == ["withdraw"])
        #expect(again.message(for: "withdraw") == "Consent was already withdrawn on 3 November 2026")
    }

    @Test("State labels")
    func labels() {
        #expect(CaseStudyState.awaitingApproval.label == "Awaiting approval")
        #expect(CaseStudyState.approved.label == "Approved for use")
        #expect(CaseStudyState.consentWithdrawn.label == "Consent withdrawn")
        #expect(CaseStudyKind.quote.limit == 500)
        #expect(CaseStudyKind.story.limit == 4000)
    }
}
