import Foundation

/// NCSC password guidance: length over complexity. At least 12 characters, no composition
/// rules, and never one of the passwords attackers try first. The list itself is data the
/// shell loads (a bundled file); the rule is here.
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 12
    /// bcrypt reads only the first 72 bytes: a longer password would silently not count in full.
    public static let maximumBytes = 72

    /// Lower-cased passwords from a common or breached list.
    public let common: Set<String>

    public init(common: Set<String>) {
        self.common = common
    }

    /// Every problem with a new password, worded for the person choosing it. `field` is the
    /// form's or API's name for it; `personal` are words the account is known by (its email
    /// address, its name), which make a guessable password.
    public func problems(_ password: String, field: String = "password", personal: [String] = []) -> [FieldError] {
        if password.isEmpty { return [FieldError(field, "Enter a password")] }
        if password.count < Self.minimumLength {
            return [FieldError(field, "Password must be \(Self.minimumLength) characters or more")]
        }
        if password.utf8.count > Self.maximumBytes {
            return [FieldError(field, "Password must be \(Self.maximumBytes) characters or fewer (fewer still with accents or symbols)")]
        }
        if isCommon(password) {
            return [FieldError(field, "This password is on a list of passwords that are often used or have been leaked: choose another, such as three random words")]
        }
        let lowered = password.lowercased()
        let guessable = personal.map { $0.lowercased() }.flatMap(Self.words).filter { $0.count >= 4 }
        if guessable.contains(where: { lowered.contains($0) }) && Self.stripped(lowered).count < Self.minimumLength + 4 {
            return [FieldError(field, "Password must not be based on your name or email address")]
        }
        return []
    }

    /// A listed password, or one with only digits, punctuation or spaces around it
    /// ("Password123!", "  qwertyuiop1"), which is the first thing a guesser tries.
    public func isCommon(_ password: String) -> Bool {
        let lowered = password.lowercased()
        if common.contains(lowered) { return true }
        let core = Self.stripped(lowered)
        if core.isEmpty || common.contains(core) { return true }
        // One word repeated ("passwordpassword") is as weak as the word.
        if let half = Self.repeatedHalf(core), common.contains(half) { return true }
        return false
    }

    /// The password without digits, punctuation or spaces at either end.
    static func stripped(_ lowered: String) -> String {
        let scalars = Array(lowered.unicodeScalars)
        func isPadding(_ s: Unicode.Scalar) -> Bool { !s.properties.isAlphabetic }
        guard let first = scalars.firstIndex(where: { !isPadding($0) }),
              let last = scalars.lastIndex(where: { !isPadding($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    static func repeatedHalf(_ text: String) -> String? {
        let characters = Array(text)
        guard characters.count >= 2, characters.count % 2 == 0 else { return nil }
        let half = characters.count / 2
        return characters[..<half] == characters[half...] ? String(characters[..<half]) : nil
    }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    /// Reads a list file's text: one password a line; blank lines and `#` comments ignored.
    public static func commonList(from text: String) -> Set<String> {
        var set = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) {
            let entry = line.trimmingCharacters(in: .whitespaces).lowercased()
            if !entry.isEmpty, !entry.hasPrefix("#") { set.insert(entry) }
        }
        return set
    }
}
