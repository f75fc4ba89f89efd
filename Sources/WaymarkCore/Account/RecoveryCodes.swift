/// Recovery codes for two-step sign-in: shown once when two-step is set up, stored hashed,
/// each usable once, for when the phone is lost.
public enum RecoveryCodes {
    public static let count = 10
    /// Ten characters from an alphabet without look-alikes (no 0/O, 1/I/L): about 50 bits each.
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    public static let length = 10

    /// Codes from random numbers the shell draws (so tests can fix them).
    public static func make<G: RandomNumberGenerator>(using generator: inout G) -> [String] {
        (0..<count).map { _ in
            String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
        }
    }

    /// As shown: two groups of five ("ABCDE-23456").
    public static func display(_ code: String) -> String {
        guard code.count == length else { return code }
        return String(code.prefix(5)) + "-" + String(code.suffix(5))
    }

    /// What a person typed, as stored: hyphens and spaces dropped, upper case.
    public static func normalise(_ typed: String) -> String {
        String(typed.uppercased().filter { !$0.isWhitespace && $0 != "-" })
    }

    /// Whether something typed on the two-step page looks like a recovery code rather than a 6-digit code.
    public static func looksLikeRecoveryCode(_ typed: String) -> Bool {
        let code = normalise(typed)
        return code.count == length && code.allSatisfy { alphabet.contains($0) }
    }
}
