import Foundation
import Testing
@testable import WaymarkCore

@Suite("Referral closure")
struct ReferralClosureTests {

    static let goals = ["Find somewhere to live", "Register with a GP", "Get back into work"]

    static func failure(goals given: [String]? = nil, outcomes: [String?], comments: [String?] = [],
                        sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        let goals = given ?? Self.goals
        return validationFailure(sourceLocation: sourceLocation) {
            try ReferralClosure.summary(goals: goals, outcomes: outcomes, comments: comments)
        }
    }

    @Test("Each goal gets its outcome and its (trimmed, optional) comment, in order")
    func summary() throws {
        let results = try ReferralClosure.summary(
            goals: Self.goals,
            outcomes: ["achieved", "partiallyAchieved", "notAchieved"],
            comments: ["  Moved into a flat in March. ", nil, "   "])
        #expect(results == [
            GoalResult(goal: "Find somewhere to live", outcome: .achieved, comment: "Moved into a flat in March."),
            GoalResult(goal: "Register with a GP", outcome: .partiallyAchieved, comment: nil),
            GoalResult(goal: "Get back into work", outcome: .notAchieved, comment: nil),
        ])
    }

    @Test("Every outcome is accepted", arguments: GoalOutcome.allCases)
    func everyOutcome(outcome: GoalOutcome) throws {
        let results = try ReferralClosure.summary(goals: ["One goal"], outcomes: [outcome.rawValue], comments: [])
        #expect(results == [GoalResult(goal: "One goal", outcome: outcome, comment: nil)])
    }

    @Test("Comments are optional: fewer comments than goals is fine")
    func commentsOptional() throws {
        let results = try ReferralClosure.summary(goals: Self.goals, outcomes: ["achieved", "achieved", "achieved"], comments: [])
        #expect(results.map(\.comment) == [nil, nil, nil])
    }

    @Test("A referral with no goals closes with an empty summary")
    func noGoals() throws {
        #expect(try ReferralClosure.summary(goals: [], outcomes: [], comments: []).isEmpty)
    }

    @Test("Outcomes beyond the goals are ignored")
    func extraOutcomesIgnored() throws {
        let results = try ReferralClosure.summary(goals: ["One goal"], outcomes: ["achieved", "bogus"], comments: [nil, "x"])
        #expect(results == [GoalResult(goal: "One goal", outcome: .achieved, comment: nil)])
    }

    @Test("A goal without a valid outcome is refused on its own field", arguments: [
        ([nil, "achieved", "achieved"], ["outcome-0"]),
        (["achieved", "", "achieved"], ["outcome-1"]),
        (["achieved", "achieved", "Achieved"], ["outcome-2"]),
        (["achieved", "achieved", "done"], ["outcome-2"]),
        (["achieved", "achieved"], ["outcome-2"]),
        ([], ["outcome-0", "outcome-1", "outcome-2"]),
        ([nil, "achieved", nil], ["outcome-0", "outcome-2"]),
    ] as [([String?], [String])])
    func everyGoalNeedsAnOutcome(outcomes: [String?], fields: [String]) {
        let failure = Self.failure(outcomes: outcomes)
        #expect(failure.fields == fields)
    }

    @Test("The message names the goal")
    func messageNamesGoal() {
        let failure = Self.failure(outcomes: ["achieved", nil, "achieved"])
        #expect(failure.message(for: "outcome-1") == "Select whether ‘Register with a GP’ was achieved")
    }

    @Test("A comment may run over several lines, up to 2000 characters")
    func longMultilineComment() throws {
        let text = "First line.\nSecond line.\r\n\tIndented."
        let long = String(repeating: "b", count: 2000)
        let results = try ReferralClosure.summary(goals: ["A", "B"], outcomes: ["achieved", "notAchieved"], comments: [text, long])
        #expect(results.map(\.comment) == [text, long])
    }

    @Test("A comment that is too long or has control characters is refused on its own field", arguments: [
        (String(repeating: "b", count: 2001), "Comment must be 2000 characters or fewer"),
        ("Bell\u{0007}", "Comment must not contain control characters"),
    ])
    func badComment(comment: String, message: String) {
        let failure = Self.failure(outcomes: ["achieved", "achieved", "achieved"], comments: [nil, comment, nil])
        #expect(failure.fields == ["comment-1"])
        #expect(failure.message(for: "comment-1") == message)
    }

    @Test("Missing outcomes and bad comments are all reported together")
    func allTogether() {
        let failure = Self.failure(outcomes: ["achieved", nil, "achieved"],
                                   comments: [String(repeating: "b", count: 2001), nil, "ok"])
        #expect(failure.fields == ["comment-0", "outcome-1"])
    }

    /// Every problem at once (FieldErrors' promise): a bad comment is reported even when the same goal's
    /// outcome is missing too.
    @Test("A bad comment is reported even beside a missing outcome for the same goal")
    func badCommentBesideMissingOutcome() {
        let failure = Self.failure(goals: ["A"], outcomes: [nil], comments: [String(repeating: "b", count: 2001)])
        #expect(Set(failure.fields) == ["outcome-0", "comment-0"])
    }
}
