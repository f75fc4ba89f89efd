import Foundation

/// Time-based one-time passwords (RFC 6238, TOTP) as authenticator apps make them: SHA-1,
/// 6 digits, 30-second steps. The HMAC is a primitive the shell supplies (swift-crypto); the
/// rules (which steps a code may come from, that a code works once) are here.
public enum OneTimePassword {
    public static let digits = 6
    public static let period: TimeInterval = 30
    /// One step either side: a phone's clock a little out, or a code typed as it changed.
    public static let allowedDrift = 1
    /// 160 bits, as RFC 4226 recommends for HMAC-SHA-1.
    public static let secretBytes = 20

    public typealias HMACSHA1 = @Sendable (_ key: [UInt8], _ message: [UInt8]) -> [UInt8]

    /// The 30-second step a moment falls in.
    public static func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / period).rounded(.down))
    }

    /// The code for one step: RFC 4226's dynamic truncation of HMAC-SHA-1(secret, step).
    public static func code(secret: [UInt8], step: Int64, hmac: HMACSHA1) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Array($0) }
        return truncate(hmac(secret, message))
    }

    /// RFC 4226 section 5.3: the low nibble of the last byte picks four bytes, whose 31 low bits
    /// give the code, keeping its last `digits` decimal digits.
    public static func truncate(_ digest: [UInt8]) -> String {
        guard digest.count >= 20, let last = digest.last else { return "" }
        let offset = Int(last & 0x0f)
        let binary = (UInt32(digest[offset] & 0x7f) << 24) | (UInt32(digest[offset + 1]) << 16)
            | (UInt32(digest[offset + 2]) << 8) | UInt32(digest[offset + 3])
        let modulus: UInt32 = 1_000_000
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    public enum Check: Sendable, Equatable {
        /// Good: the step it came from, to remember so the same code cannot be used again.
        case accepted(step: Int64)
        case wrong
        /// Right, but already used (someone watching over a shoulder, or a replay).
        case alreadyUsed
    }

    /// Checks a typed code against the steps around `now`. `lastUsedStep` is the step of the
    /// last code accepted for this account: that one and every earlier one are refused.
    public static func check(_ typed: String, secret: [UInt8], at now: Date, lastUsedStep: Int64?, hmac: HMACSHA1) -> Check {
        let cleaned = typed.filter { !$0.isWhitespace && $0 != "-" }
        guard cleaned.count == digits, cleaned.allSatisfy(\.isASCII), cleaned.allSatisfy(\.isNumber) else { return .wrong }
        let current = step(at: now)
        var usedMatch = false
        for drift in -Int64(allowedDrift)...Int64(allowedDrift) {
            let candidate = current + drift
            guard constantTimeEqual(code(secret: secret, step: candidate, hmac: hmac), cleaned) else { continue }
            if let lastUsedStep, candidate <= lastUsedStep { usedMatch = true; continue }
            return .accepted(step: candidate)
        }
        return usedMatch ? .alreadyUsed : .wrong
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// What an authenticator app scans: the Key URI format Google Authenticator defined.
    public static func provisioningURI(secret: [UInt8], account: String, issuer: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let label = (issuer + ":" + account).addingPercentEncoding(withAllowedCharacters: allowed.union(CharacterSet(charactersIn: ":"))) ?? account
        let issuerParameter = issuer.addingPercentEncoding(withAllowedCharacters: allowed) ?? issuer
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(issuerParameter)&algorithm=SHA1&digits=\(digits)&period=\(Int(period))"
    }
}

/// RFC 4648 base 32 without padding: how authenticator apps take a secret typed by hand.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    public static func encode(_ bytes: [UInt8]) -> String {
        var out = ""
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return out
    }

    /// Spaces, hyphens, padding and lower case are accepted, as people copy them; nil for anything else.
    public static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for character in text.uppercased() where !" -=".contains(character) {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                out.append(UInt8((buffer >> UInt32(bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return out
    }

    /// Groups of four, easier to type from the screen.
    public static func grouped(_ encoded: String) -> String {
        var groups: [String] = []
        var current = ""
        for character in encoded {
            current.append(character)
            if current.count == 4 { groups.append(current); current = "" }
        }
        if !current.isEmpty { groups.append(current) }
        return groups.joined(separator: " ")
    }
}
