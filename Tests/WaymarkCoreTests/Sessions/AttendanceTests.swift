import Foundation
import Testing
@testable import WaymarkCore

/// One attendance outcome and what follows from it, written from the glossary ("Attendance",
/// "Enforcement") and the notification rule, not from the code.
struct OutcomeCase: Sendable, CustomTestStringConvertible {
    let outcome: AttendanceOutcome
    /// What else the facilitator must type for this outcome to be accepted.
    var absenceReason: String? = nil
    var behaviourNotes: String? = nil
    let attended: Bool
    let earnsCredit: Bool
    /// Non-attendance and concerning behaviour tell the practitioner.
    let notifiesPractitioner: Bool
    let needsEnforcement: Bool

    var testDescription: String { outcome.rawValue }
}

@Suite("Recording attendance")
struct AttendanceTests {
    static let sessionDate = ymd("2026-11-16")

    static func draft(_ outcome: String? = "attendedComplied", reason: String? = nil, late: Bool = false, lateReason: String? = nil,
                      notes: String? = nil, tell: Bool = false) -> AttendanceDraft {
        AttendanceDraft(outcome: outcome, absenceReason: reason, late: late, lateReason: lateReason, behaviourNotes: notes, tellPractitioner: tell)
    }

    static func record(_ draft: AttendanceDraft, sessionDate: CalendarDate = sessionDate, booked: Bool = true,
                       alreadyRecorded: Bool = false) throws -> AttendanceRecord {
        try draft.validated(sessionDate: sessionDate, today: Fixture.today, booked: booked, alreadyRecorded: alreadyRecorded)
    }

    static func failure(_ draft: AttendanceDraft, sessionDate: CalendarDate = sessionDate, booked: Bool = true, alreadyRecorded: Bool = false,
                        sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) {
            try draft.validated(sessionDate: sessionDate, today: Fixture.today, booked: booked, alreadyRecorded: alreadyRecorded)
        }
    }

    static let outcomes: [OutcomeCase] = [
        OutcomeCase(outcome: .attendedComplied, attended: true, earnsCredit: true, notifiesPractitioner: false, needsEnforcement: false),
        OutcomeCase(outcome: .attendedFailedToComply, attended: true, earnsCredit: false, notifiesPractitioner: true, needsEnforcement: true),
        OutcomeCase(outcome: .sentHomeBehaviour, behaviourNotes: "Shouted at another participant", attended: true, earnsCredit: false,
                    notifiesPractitioner: true, needsEnforcement: true),
        OutcomeCase(outcome: .sentHomeServiceIssues, attended: true, earnsCredit: false, notifiesPractitioner: true, needsEnforcement: false),
        OutcomeCase(outcome: .acceptableAbsence, absenceReason: "medical", attended: false, earnsCredit: false, notifiesPractitioner: false,
                    needsEnforcement: false),
        OutcomeCase(outcome: .unacceptableAbsence, attended: false, earnsCredit: false, notifiesPractitioner: true, needsEnforcement: true),
        OutcomeCase(outcome: .failedToAttend, attended: false, earnsCredit: false, notifiesPractitioner: true, needsEnforcement: true),
    ]

    @Test("The table covers every outcome once")
    func tableIsComplete() {
        #expect(Self.outcomes.map(\.outcome) == AttendanceOutcome.allCases)
    }

    @Test("Each outcome is recorded, with what follows from it", arguments: AttendanceTests.outcomes)
    func eachOutcome(_ c: OutcomeCase) throws {
        let record = try Self.record(Self.draft(c.outcome.rawValue, reason: c.absenceReason, notes: c.behaviourNotes))
        #expect(record.outcome == c.outcome)
        #expect(record.absenceReason == c.absenceReason.flatMap(AbsenceReason.init(rawValue:)))
        #expect(record.behaviourNotes == c.behaviourNotes)
        #expect(!record.late)
        #expect(record.lateReason == nil)
        #expect(c.outcome.attended == c.attended)
        #expect(c.outcome.earnsCredit == c.earnsCredit)
        #expect(record.notifiesPractitioner == c.notifiesPractitioner)
        #expect(record.needsEnforcementDecision == c.needsEnforcement)
        #expect(c.outcome.isNonCompliance == c.needsEnforcement)
    }

    @Test("Asking for the practitioner to be told notifies them whatever the outcome", arguments: AttendanceOutcome.allCases)
    func tellPractitioner(outcome: AttendanceOutcome) {
        let record = AttendanceRecord(outcome: outcome, absenceReason: nil, late: false, lateReason: nil, behaviourNotes: nil, tellPractitioner: true)
        #expect(record.notifiesPractitioner)
    }

    @Test("The flag is carried through from the draft")
    func tellFlag() throws {
        #expect(try Self.record(Self.draft(tell: true)).tellPractitioner)
        #expect(try Self.record(Self.draft(tell: true)).notifiesPractitioner)
        #expect(try !Self.record(Self.draft(tell: false)).tellPractitioner)
    }

    // MARK: Absence reasons

    @Test("An acceptable absence takes each reason in the list", arguments: AbsenceReason.allCases)
    func absenceReasons(reason: AbsenceReason) throws {
        let record = try Self.record(Self.draft("acceptableAbsence", reason: reason.rawValue))
        #expect(record.absenceReason == reason)
    }

    @Test("An acceptable absence needs a reason", arguments: [nil, "", "  "] as [String?])
    func absenceNeedsReason(reason: String?) {
        let failure = Self.failure(Self.draft("acceptableAbsence", reason: reason))
        #expect(failure.fields == ["absenceReason"])
        #expect(failure.message(for: "absenceReason") == "Select the reason for the absence")
    }

    @Test("An absence reason must come from the list")
    func unknownAbsenceReason() {
        let failure = Self.failure(Self.draft("acceptableAbsence", reason: "sick"))
        #expect(failure.fields == ["absenceReason"])
        #expect(failure.message(for: "absenceReason") == "Select the reason for the absence from the list (one of: courtOrLegal, employment, familyOrChildcare, holiday, medical, religious, remandedInCustody, professionalJudgement)")
    }

    @Test("Any other outcome refuses a reason", arguments: AttendanceOutcome.allCases.filter { $0 != .acceptableAbsence })
    func reasonOnlyForAcceptableAbsence(outcome: AttendanceOutcome) {
        let notes = outcome == .sentHomeBehaviour ? "Abusive to staff" : nil
        let failure = Self.failure(Self.draft(outcome.rawValue, reason: "medical", notes: notes))
        #expect(failure.fields == ["absenceReason"])
        #expect(failure.message(for: "absenceReason") == "Only an acceptable absence has a reason: remove it or choose acceptable absence")
    }

    // MARK: Late

    @Test("Someone who attended can be late, with a reason", arguments: AttendanceOutcome.allCases.filter(\.attended))
    func late(outcome: AttendanceOutcome) throws {
        let notes = outcome == .sentHomeBehaviour ? "Abusive to staff" : nil
        let record = try Self.record(Self.draft(outcome.rawValue, late: true, lateReason: "  The bus was late ", notes: notes))
        #expect(record.late)
        #expect(record.lateReason == "The bus was late")
        #expect(record.outcome == outcome)
    }

    @Test("Being late needs a reason", arguments: [nil, "", "   "] as [String?])
    func lateNeedsReason(reason: String?) {
        let failure = Self.failure(Self.draft(late: true, lateReason: reason))
        #expect(failure.fields == ["lateReason"])
        #expect(failure.message(for: "lateReason") == "Enter the reason they were late")
    }

    @Test("Someone who did not attend cannot be late", arguments: AttendanceOutcome.allCases.filter { !$0.attended })
    func lateOnlyWhenAttended(outcome: AttendanceOutcome) {
        let reason = outcome == .acceptableAbsence ? "medical" : nil
        let failure = Self.failure(Self.draft(outcome.rawValue, reason: reason, late: true, lateReason: "Overslept"))
        #expect(failure.fields == ["late"])
        #expect(failure.message(for: "late") == "Only someone who attended can be late")
    }

    @Test("A late reason without late is not kept")
    func lateReasonIgnoredWhenNotLate() throws {
        let record = try Self.record(Self.draft(late: false, lateReason: "Traffic"))
        #expect(!record.late)
        #expect(record.lateReason == nil)
    }

    @Test("Over-long late reasons are refused")
    func longLateReason() {
        let failure = Self.failure(Self.draft(late: true, lateReason: String(repeating: "a", count: InputRules.shortTextLimit + 1)))
        #expect(failure.fields == ["lateReason"])
        #expect(failure.message(for: "lateReason") == "Reason they were late must be 200 characters or fewer")
    }

    // MARK: Behaviour

    @Test("Sent home for behaviour needs the behaviour described", arguments: [nil, "", " \n "] as [String?])
    func behaviourNeedsNotes(notes: String?) {
        let failure = Self.failure(Self.draft("sentHomeBehaviour", notes: notes))
        #expect(failure.fields == ["behaviourNotes"])
        #expect(failure.message(for: "behaviourNotes") == "Describe the behaviour that meant they were sent home")
    }

    @Test("Behaviour notes may span lines and are kept for any outcome")
    func behaviourNotes() throws {
        let record = try Self.record(Self.draft("attendedComplied", notes: " Quiet at first.\nJoined in later. "))
        #expect(record.behaviourNotes == "Quiet at first.\nJoined in later.")
    }

    @Test("Over-long behaviour notes are refused with one message")
    func longNotes() {
        let failure = Self.failure(Self.draft("sentHomeBehaviour", notes: String(repeating: "a", count: InputRules.longTextLimit + 1)))
        #expect(failure.fields == ["behaviourNotes"])
        #expect(failure.message(for: "behaviourNotes") == "Behaviour notes must be 2000 characters or fewer")
    }

    // MARK: Who, when, once

    @Test("Only someone booked on the session")
    func notBooked() {
        let failure = Self.failure(Self.draft(), booked: false)
        #expect(failure.fields == ["personId"])
        #expect(failure.message(for: "personId") == "This person is not booked on this session: book them first, then record their attendance")
    }

    @Test("A second recording is refused")
    func secondRecording() {
        let failure = Self.failure(Self.draft(), alreadyRecorded: true)
        #expect(failure.fields == ["personId"])
        #expect(failure.message(for: "personId") == "Attendance for this person at this session is already recorded")
    }

    @Test("A session still to come cannot have attendance")
    func futureSession() {
        let failure = Self.failure(Self.draft(), sessionDate: ymd("2026-11-24"))
        #expect(failure.fields == ["outcome"])
        #expect(failure.message(for: "outcome") == "Attendance can be recorded from the day of the session (24 November 2026)")
    }

    @Test("Attendance can be recorded on the day, or later", arguments: ["2026-11-23", "2026-11-16", "2025-12-01"])
    func onOrAfterTheDay(iso: String) throws {
        #expect(try Self.record(Self.draft(), sessionDate: ymd(iso)).outcome == .attendedComplied)
    }

    @Test("The outcome is required and must come from the list", arguments: [
        (String?.none, "Select an outcome"), ("", "Select an outcome"),
        ("attended", "Select an outcome from the list (one of: attendedComplied, attendedFailedToComply, sentHomeBehaviour, sentHomeServiceIssues, acceptableAbsence, unacceptableAbsence, failedToAttend)"),
    ])
    func outcomeRequired(outcome: String?, message: String) {
        let failure = Self.failure(Self.draft(outcome))
        #expect(failure.fields == ["outcome"])
        #expect(failure.message(for: "outcome") == message)
    }

    @Test("Every problem is reported together")
    func everything() {
        let failure = Self.failure(Self.draft("failedToAttend", reason: "medical", late: true, lateReason: nil), booked: false)
        #expect(failure.fields == ["personId", "absenceReason", "late", "lateReason"])
    }

    // MARK: Enforcement

    static func attendance(_ outcome: AttendanceOutcome) -> AttendanceRecord {
        AttendanceRecord(outcome: outcome, absenceReason: outcome == .acceptableAbsence ? .medical : nil, late: false, lateReason: nil,
                         behaviourNotes: nil, tellPractitioner: false)
    }

    static func enforcementFailure(_ draft: EnforcementDraft, _ outcome: AttendanceOutcome = .failedToAttend, alreadyDecided: Bool = false,
                                   sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) { try draft.validated(attendance: attendance(outcome), alreadyDecided: alreadyDecided) }
    }

    @Test("Each decision is accepted for non-compliance", arguments: EnforcementDecision.allCases,
          AttendanceOutcome.allCases.filter(\.isNonCompliance))
    func enforcement(decision: EnforcementDecision, outcome: AttendanceOutcome) throws {
        let (chosen, notes) = try EnforcementDraft(decision: decision.rawValue, notes: " Spoke to them on the phone ")
            .validated(attendance: Self.attendance(outcome), alreadyDecided: false)
        #expect(chosen == decision)
        #expect(notes == "Spoke to them on the phone")
    }

    @Test("A warning letter needs no notes")
    func warningWithoutNotes() throws {
        let (chosen, notes) = try EnforcementDraft(decision: "warningLetter", notes: "").validated(attendance: Self.attendance(.unacceptableAbsence),
                                                                                                  alreadyDecided: false)
        #expect(chosen == .warningLetter)
        #expect(notes == nil)
    }

    @Test("No further action must say why")
    func noFurtherActionNeedsNotes() {
        let failure = Self.enforcementFailure(EnforcementDraft(decision: "noFurtherAction", notes: "  "))
        #expect(failure.fields == ["notes"])
        #expect(failure.message(for: "notes") == "Say why no further action is needed")
    }

    @Test("Outcomes that comply need no enforcement decision", arguments: AttendanceOutcome.allCases.filter { !$0.isNonCompliance })
    func noEnforcementNeeded(outcome: AttendanceOutcome) {
        let failure = Self.enforcementFailure(EnforcementDraft(decision: "warningLetter", notes: nil), outcome)
        #expect(failure.fields == ["decision"])
        #expect(failure.message(for: "decision") == "\(outcome.label) does not need an enforcement decision")
    }

    @Test("Attended and complied is named in the refusal")
    func compliedRefusal() {
        let failure = Self.enforcementFailure(EnforcementDraft(decision: "warningLetter", notes: nil), .attendedComplied)
        #expect(failure.message(for: "decision") == "Attended – complied does not need an enforcement decision")
    }

    @Test("A second decision is refused")
    func alreadyDecided() {
        let failure = Self.enforcementFailure(EnforcementDraft(decision: "warningLetter", notes: nil), alreadyDecided: true)
        #expect(failure.fields == ["decision"])
        #expect(failure.message(for: "decision") == "An enforcement decision is already recorded for this attendance")
    }

    @Test("The decision is required and must come from the list", arguments: [
        (String?.none, "Select a decision"),
        ("breach", "Select a decision from the list (one of: warningLetter, breachOrRecallRequested, referToPractitioner, noFurtherAction)"),
    ])
    func decisionRequired(decision: String?, message: String) {
        let failure = Self.enforcementFailure(EnforcementDraft(decision: decision, notes: nil))
        #expect(failure.fields == ["decision"])
        #expect(failure.message(for: "decision") == message)
    }
}
