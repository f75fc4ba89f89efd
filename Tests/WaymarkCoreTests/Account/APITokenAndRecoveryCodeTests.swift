import Foundation
import Testing
@testable import WaymarkCore

@Suite("API tokens")
struct APITokenRulesTests {
    let now = Fixture.now

    @Test("A token expires in 90 days unless asked otherwise")
    func defaultExpiry() throws {
        #expect(try APITokenRules.expiry(days: nil, from: now) == now.addingTimeInterval(90 * 86_400))
        #expect(try APITokenRules.expiry(days: 7, from: now) == now.addingTimeInterval(7 * 86_400))
    }

    @Test("A token may last from 1 day to a year, no more and no less")
    func expiryRange() throws {
        #expect(try APITokenRules.expiry(days: 1, from: now) == now.addingTimeInterval(86_400))
        #expect(try APITokenRules.expiry(days: 365, from: now) == now.addingTimeInterval(365 * 86_400))
        for days in [0, -1, 366] {
            let failure = validationFailure { try APITokenRules.expiry(days: days, from: now) }
            #expect(failure.errors == [FieldError("expiresInDays", "A token must expire in 1 to 365 days")])
        }
    }

    @Test("A token needs a name of at most 100 characters, trimmed")
    func name() throws {
        #expect(try APITokenRules.name("  Nightly export ") == "Nightly export")
        #expect(validationFailure { try APITokenRules.name(nil) }.errors == [FieldError("name", "Enter a token name")])
        #expect(validationFailure { try APITokenRules.name(String(repeating: "x", count: 101)) }.fields == ["name"])
        #expect(try APITokenRules.name(String(repeating: "x", count: 100)).count == 100)
    }

    @Test("A token works until it expires or is revoked; one without an expiry never works")
    func isLive() {
        let expires = now.addingTimeInterval(60)
        #expect(APITokenRules.isLive(expiresAt: expires, revoked: false, now: now))
        #expect(!APITokenRules.isLive(expiresAt: expires, revoked: false, now: expires))
        #expect(!APITokenRules.isLive(expiresAt: expires, revoked: true, now: now))
        #expect(!APITokenRules.isLive(expiresAt: nil, revoked: false, now: now))
    }
}

@Suite("Recovery codes")
struct RecoveryCodesTests {
    /// A fixed sequence, so the codes are the same on every run.
    struct CountingGenerator: RandomNumberGenerator {
        var state: UInt64 = 0
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("Ten codes of ten characters, without look-alike characters, all different")
    func make() {
        var generator = CountingGenerator()
        let codes = RecoveryCodes.make(using: &generator)
        #expect(codes.count == 10)
        #expect(Set(codes).count == 10)
        for code in codes {
            #expect(code.count == 10)
            #expect(code.allSatisfy { RecoveryCodes.alphabet.contains($0) })
            #expect(RecoveryCodes.looksLikeRecoveryCode(code))
        }
        #expect(!RecoveryCodes.alphabet.contains { "01OIL".contains($0) })
    }

    @Test("The same random numbers give the same codes")
    func repeatable() {
        var first = CountingGenerator(), second = CountingGenerator()
        #expect(RecoveryCodes.make(using: &first) == RecoveryCodes.make(using: &second))
    }

    @Test("A code is shown as two groups of five")
    func display() {
        #expect(RecoveryCodes.display("ABCDE23456") == "ABCDE-23456")
        #expect(RecoveryCodes.display("ABC") == "ABC")
    }

    @Test("A typed code is matched without its hyphen, spaces or lower case")
    func normalise() {
        #expect(RecoveryCodes.normalise(" abcde-23456 ") == "ABCDE23456")
        #expect(RecoveryCodes.normalise("ABCDE 23456") == "ABCDE23456")
    }

    @Test("Something typed on the two-step page is told apart: recovery code or six-digit code")
    func looksLikeRecoveryCode() {
        #expect(RecoveryCodes.looksLikeRecoveryCode("abcde-23456"))
        #expect(!RecoveryCodes.looksLikeRecoveryCode("287082"))
        #expect(!RecoveryCodes.looksLikeRecoveryCode("ABCDE-O1234"))
        #expect(!RecoveryCodes.looksLikeRecoveryCode("ABCDE-234567"))
    }
}
