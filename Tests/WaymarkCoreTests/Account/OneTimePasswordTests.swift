import Foundation
import Testing
@testable import WaymarkCore

/// SHA-1 (FIPS 180-4) and HMAC (RFC 2104), written out here because Core has no crypto library:
/// the shell passes swift-crypto's HMAC in. Checked against published digests before it is trusted.
enum TestHMAC {
    static func sha1(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        var data = message
        let bitLength = UInt64(message.count) * 8
        data.append(0x80)
        while data.count % 64 != 56 { data.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        for chunk in stride(from: 0, to: data.count, by: 64) {
            var w = [UInt32](repeating: 0, count: 80)
            for t in 0..<16 {
                let i = chunk + 4 * t
                w[t] = UInt32(data[i]) << 24 | UInt32(data[i + 1]) << 16 | UInt32(data[i + 2]) << 8 | UInt32(data[i + 3])
            }
            for t in 16..<80 { w[t] = rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1) }
            var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4]
            for t in 0..<80 {
                let (f, k): (UInt32, UInt32) = switch t {
                case 0..<20: ((b & c) | (~b & d), 0x5A82_7999)
                case 20..<40: (b ^ c ^ d, 0x6ED9_EBA1)
                case 40..<60: ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                default: (b ^ c ^ d, 0xCA62_C1D6)
                }
                let temp = rotateLeft(a, 5) &+ f &+ e &+ k &+ w[t]
                e = d
                d = c
                c = rotateLeft(b, 30)
                b = a
                a = temp
            }
            h[0] &+= a
            h[1] &+= b
            h[2] &+= c
            h[3] &+= d
            h[4] &+= e
        }
        return h.flatMap { word in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: word >> UInt32($0)) } }
    }

    static func rotateLeft(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }

    static let hmacSHA1: OneTimePassword.HMACSHA1 = { key, message in
        var block = key.count > 64 ? sha1(key) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        let inner = sha1(block.map { $0 ^ 0x36 } + message)
        return sha1(block.map { $0 ^ 0x5c } + inner)
    }

    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}

@Suite("Two-step sign-in codes (TOTP)")
struct OneTimePasswordTests {
    /// The secret every RFC 4226 and RFC 6238 SHA-1 test vector uses.
    static let secret = Array("12345678901234567890".utf8)

    /// RFC 4226 Appendix D: HMAC-SHA-1(secret, count) for counts 0 to 9, and the 6-digit HOTP value of each.
    static let rfc4226: [(count: Int64, digest: String, code: String)] = [
        (0, "cc93cf18508d94934c64b65d8ba7667fb7cde4b0", "755224"),
        (1, "75a48a19d4cbe100644e8ac1397eea747a2d33ab", "287082"),
        (2, "0bacb7fa082fef30782211938bc1c5e70416ff44", "359152"),
        (3, "66c28227d03a2d5529262ff016a1e6ef76557ece", "969429"),
        (4, "a904c900a64b35909874b33e61c5938a8e15ed1c", "338314"),
        (5, "a37e783d7b7233c083d4f62926c7a25f238d0316", "254676"),
        (6, "bc9cd28561042c83f219324d3c607256c03272ae", "287922"),
        (7, "a4fb960c0bc06e1eabb804e5b397cdc4b45596fa", "162583"),
        (8, "1b3c89f65e6c9e883012052823443f048b4332db", "399871"),
        (9, "1637409809a679dc698207310c8c7fc07290d9e5", "520489"),
    ]

    /// RFC 6238 Appendix B, SHA-1 rows: the last six of each 8-digit TOTP, as Waymark shows 6 digits.
    static let rfc6238: [(time: TimeInterval, step: Int64, code: String)] = [
        (59, 1, "287082"),
        (1_111_111_109, 37_037_036, "081804"),
        (1_111_111_111, 37_037_037, "050471"),
        (1_234_567_890, 41_152_263, "005924"),
        (2_000_000_000, 66_666_666, "279037"),
        (20_000_000_000, 666_666_666, "353130"),
    ]

    /// The code an authenticator app would show for `step`.
    static func code(step: Int64) -> String {
        OneTimePassword.code(secret: secret, step: step, hmac: TestHMAC.hmacSHA1)
    }

    /// A moment in the middle of `step`.
    static func moment(inStep step: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(step) * 30 + 15)
    }

    static func check(_ typed: String, atStep step: Int64 = 1_000, lastUsedStep: Int64? = nil) -> OneTimePassword.Check {
        OneTimePassword.check(typed, secret: secret, at: moment(inStep: step), lastUsedStep: lastUsedStep, hmac: TestHMAC.hmacSHA1)
    }

    @Test("Codes are six digits from 30-second steps, with one step of drift either side and a 160-bit secret")
    func settings() {
        #expect(OneTimePassword.digits == 6)
        #expect(OneTimePassword.period == 30)
        #expect(OneTimePassword.allowedDrift == 1)
        #expect(OneTimePassword.secretBytes == 20)
    }

    @Test("The test's own SHA-1 gives the FIPS 180 digests, including a message that needs two blocks")
    func testSHA1() {
        #expect(TestHMAC.hex(TestHMAC.sha1([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(TestHMAC.hex(TestHMAC.sha1(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        let twoBlocks = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(TestHMAC.hex(TestHMAC.sha1(twoBlocks)) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    }

    @Test("The test's own HMAC-SHA-1 gives RFC 4226's digests for counts 0 to 9", arguments: rfc4226)
    func testHMAC(count: Int64, digest: String, code: String) {
        let counter = withUnsafeBytes(of: UInt64(count).bigEndian) { Array($0) }
        #expect(TestHMAC.hex(TestHMAC.hmacSHA1(Self.secret, counter)) == digest)
    }

    @Test("Truncating RFC 4226's digests gives its six-digit codes", arguments: rfc4226)
    func truncation(count: Int64, digest: String, code: String) {
        #expect(OneTimePassword.truncate(TestHMAC.bytes(hex: digest)) == code)
    }

    @Test("A digest shorter than SHA-1's 20 bytes gives no code rather than a crash")
    func shortDigest() {
        #expect(OneTimePassword.truncate([]) == "")
        #expect(OneTimePassword.truncate([UInt8](repeating: 0xff, count: 19)) == "")
    }

    @Test("The code for a step is RFC 4226's HOTP of that step as a counter", arguments: rfc4226)
    func codeForStep(count: Int64, digest: String, code: String) {
        #expect(Self.code(step: count) == code)
    }

    @Test("RFC 6238's SHA-1 test times fall in the right 30-second step and give its codes", arguments: rfc6238)
    func rfc6238Vectors(time: TimeInterval, step: Int64, code: String) {
        let moment = Date(timeIntervalSince1970: time)
        #expect(OneTimePassword.step(at: moment) == step)
        #expect(Self.code(step: OneTimePassword.step(at: moment)) == code)
        let result = OneTimePassword.check(code, secret: Self.secret, at: moment, lastUsedStep: nil, hmac: TestHMAC.hmacSHA1)
        #expect(result == .accepted(step: step))
    }

    @Test("A step starts exactly on a multiple of 30 seconds")
    func stepBoundary() {
        #expect(OneTimePassword.step(at: Date(timeIntervalSince1970: 29.999)) == 0)
        #expect(OneTimePassword.step(at: Date(timeIntervalSince1970: 30)) == 1)
    }

    @Test("The current code is accepted, and the step it came from is returned to remember")
    func currentCode() {
        #expect(Self.check(Self.code(step: 1_000)) == .accepted(step: 1_000))
    }

    @Test("A code from the step before or after is accepted: a phone's clock a little out")
    func oneStepDrift() {
        #expect(Self.check(Self.code(step: 999)) == .accepted(step: 999))
        #expect(Self.check(Self.code(step: 1_001)) == .accepted(step: 1_001))
    }

    @Test("A code from two steps away is refused")
    func twoStepsAway() {
        #expect(Self.check(Self.code(step: 998)) == .wrong)
        #expect(Self.check(Self.code(step: 1_002)) == .wrong)
    }

    @Test("A code already used to sign in cannot be used again, nor one from an earlier step")
    func replay() {
        #expect(Self.check(Self.code(step: 1_000), lastUsedStep: 1_000) == .alreadyUsed)
        #expect(Self.check(Self.code(step: 999), lastUsedStep: 1_000) == .alreadyUsed)
    }

    @Test("After a code is used, the next step's code is still accepted")
    func nextAfterUse() {
        #expect(Self.check(Self.code(step: 1_001), lastUsedStep: 1_000) == .accepted(step: 1_001))
        #expect(Self.check(Self.code(step: 1_000), lastUsedStep: 999) == .accepted(step: 1_000))
    }

    @Test("A wrong code is wrong whether or not one was used before")
    func wrongAfterUse() {
        let wrong = Self.code(step: 1_000) == "000000" ? "111111" : "000000"
        #expect(Self.check(wrong, lastUsedStep: 1_000) == .wrong)
        #expect(Self.check(wrong) == .wrong)
    }

    @Test("Something that is not six digits is wrong",
          arguments: ["", "garbage", "28708", "2870821", "28708a", "abcdef", "٢٨٧٠٨٢", "287082\u{0}"])
    func notSixDigits(typed: String) {
        // At step 1 the right code is 287082, so only the shape can make these wrong.
        #expect(Self.check(typed, atStep: 1) == .wrong)
    }

    @Test("Spaces and a hyphen in a typed code are ignored", arguments: ["287 082", " 287082 ", "287-082", "28 70 82"])
    func typedWithSpaces(typed: String) {
        #expect(Self.check(typed, atStep: 1) == .accepted(step: 1))
    }

    @Test("The secret decides the code: another secret's code is wrong")
    func otherSecret() {
        let other = OneTimePassword.code(secret: Array("abcdefghijabcdefghij".utf8), step: 1_000, hmac: TestHMAC.hmacSHA1)
        #expect(other != Self.code(step: 1_000))
        #expect(Self.check(other) == .wrong)
    }

    @Test("The app's set-up link names the issuer and account, percent-encoded, with the secret in base 32")
    func provisioningURI() {
        let uri = OneTimePassword.provisioningURI(secret: Self.secret, account: "jo.bloggs@example.org", issuer: "Waymark")
        #expect(uri == "otpauth://totp/Waymark:jo.bloggs%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            + "&issuer=Waymark&algorithm=SHA1&digits=6&period=30")
    }

    @Test("Spaces, ampersands and accents in the issuer or account cannot break the set-up link")
    func provisioningURIEncoding() throws {
        let uri = OneTimePassword.provisioningURI(secret: [1, 2, 3], account: "zoë+work@example.org", issuer: "Essex & Kent")
        #expect(uri.hasPrefix("otpauth://totp/Essex%20%26%20Kent:zo%C3%AB%2Bwork%40example.org?"))
        #expect(uri.contains("&issuer=Essex%20%26%20Kent&"))
        #expect(uri.unicodeScalars.allSatisfy { $0.isASCII })
        let components = try #require(URLComponents(string: uri))
        #expect(components.queryItems?.first { $0.name == "issuer" }?.value == "Essex & Kent")
        #expect(components.queryItems?.first { $0.name == "secret" }?.value == "AEBAG")
    }
}

@Suite("Base 32 secrets")
struct Base32Tests {
    /// RFC 4648 section 10, without the padding authenticator apps leave off.
    static let rfc4648: [(text: String, encoded: String)] = [
        ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI"),
    ]

    @Test("Encoding gives RFC 4648's test vectors without padding", arguments: rfc4648)
    func encode(text: String, encoded: String) {
        #expect(Base32.encode(Array(text.utf8)) == encoded)
    }

    @Test("Decoding RFC 4648's test vectors gives the original bytes", arguments: rfc4648)
    func decode(text: String, encoded: String) {
        #expect(Base32.decode(encoded) == Array(text.utf8))
    }

    @Test("A secret copied by hand is accepted in lower case, with spaces, hyphens or padding")
    func forgivingDecode() {
        let foobar = Array("foobar".utf8)
        #expect(Base32.decode("mzxw6ytboi") == foobar)
        #expect(Base32.decode("MZXW 6YTB OI") == foobar)
        #expect(Base32.decode("MZXW-6YTB-OI") == foobar)
        #expect(Base32.decode("MZXW6YTBOI======") == foobar)
        #expect(Base32.decode("MY======") == Array("f".utf8))
    }

    @Test("Characters outside the base 32 alphabet are refused", arguments: ["1", "8", "0", "MZXW1", "MZX8", "MZ!Q", "MZÉQ"])
    func refusesOtherCharacters(text: String) {
        #expect(Base32.decode(text) == nil)
    }

    @Test("A 160-bit secret survives encoding and decoding")
    func roundTrip() {
        let secret = (0..<20).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let encoded = Base32.encode(secret)
        #expect(encoded.count == 32)
        #expect(Base32.decode(encoded) == secret)
        #expect(Base32.decode(Base32.grouped(encoded)) == secret)
    }

    @Test("A secret is shown in groups of four, the last group shorter when it must be")
    func grouped() {
        #expect(Base32.grouped("GEZDGNBVGY3TQOJQ") == "GEZD GNBV GY3T QOJQ")
        #expect(Base32.grouped("MZXW6YTBOI") == "MZXW 6YTB OI")
        #expect(Base32.grouped("") == "")
    }
}
