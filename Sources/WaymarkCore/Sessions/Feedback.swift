import Foundation

/// One participant's before-and-after rating ("How hopeful do you feel about the future?").
public struct Feedback: Sendable, Equatable {
    public let before: Int
    public let after: Int
    public let comment: String?

    public init(before: Int, after: Int, comment: String?) {
        self.before = before
        self.after = after
        self.comment = comment
    }

    public var uplift: Int { after - before }
}

public struct FeedbackDraft: Sendable, Equatable {
    public var before: String?
    public var after: String?
    public var comment: String?

    public init(before: String?, after: String?, comment: String?) {
        self.before = before
        self.after = after
        self.comment = comment
    }

    public static let question = "How hopeful do you feel about the future?"
    public static let commentLimit = 1000

    public func validated() throws(ValidationFailure) -> Feedback {
        var errors = FieldErrors()
        func score(_ raw: String?, _ field: String, _ label: String) -> Int? {
            let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { errors.add(field, "Select a score \(label)"); return nil }
            guard text.allSatisfy(\.isASCIIDigit), let n = Int(text), (1...5).contains(n) else {
                errors.add(field, "Score \(label) must be from 1 to 5"); return nil
            }
            return n
        }
        let b = score(before, "before", "before the session")
        let a = score(after, "after", "after the session")
        let c = InputRules.optional(comment, field: "comment", label: "comment", limit: Self.commentLimit, multiline: true, errors: &errors)
        try errors.throwIfAny()
        return Feedback(before: b!, after: a!, comment: c)
    }
}

/// Feedback uplift: mean(after − before), grouped however a report needs it.
public struct UpliftFigure: Sendable, Equatable {
    public let key: String
    public let responses: Int
    /// Mean uplift, to two decimal places when shown.
    public let meanUplift: Double
    public let meanBefore: Double
    public let meanAfter: Double
}

public enum FeedbackUplift {
    public static func figure(key: String, _ feedback: [Feedback]) -> UpliftFigure? {
        guard !feedback.isEmpty else { return nil }
        let n = Double(feedback.count)
        return UpliftFigure(key: key, responses: feedback.count, meanUplift: Double(feedback.map(\.uplift).reduce(0, +)) / n,
                            meanBefore: Double(feedback.map(\.before).reduce(0, +)) / n, meanAfter: Double(feedback.map(\.after).reduce(0, +)) / n)
    }

    /// One figure per key, largest group first then by key.
    public static func by<Item>(_ items: [Item], key: (Item) -> String, feedback: (Item) -> Feedback) -> [UpliftFigure] {
        Dictionary(grouping: items, by: key).compactMap { figure(key: $0.key, $0.value.map(feedback)) }
            .sorted { ($1.responses, $0.key) < ($0.responses, $1.key) }
    }

    /// "+1.25" / "−0.50": the sign is written out, never shown by colour alone.
    public static func formatted(_ value: Double) -> String {
        let text = String(format: "%.2f", abs(value))
        // The sign follows the figure as shown: anything that rounds to 0.00 has none.
        return text == "0.00" ? text : value > 0 ? "+" + text : "−" + text
    }
}
