import Foundation
import Testing
@testable import WaymarkCore

@Suite("Invitation and password reset links")
struct AccountLinkTests {
    let sent = Fixture.now

    func link(_ purpose: AccountLinkPurpose, usedAt: Date? = nil, revoked: Bool = false) -> AccountLink {
        AccountLink(purpose: purpose, createdAt: sent, usedAt: usedAt, revoked: revoked)
    }

    @Test("An invitation lasts 72 hours and a reset link 1 hour")
    func lifetimes() {
        #expect(AccountLinkPurpose.invitation.lifetime == 72 * 3600)
        #expect(AccountLinkPurpose.passwordReset.lifetime == 3600)
        #expect(link(.invitation).expiresAt == sent.addingTimeInterval(259_200))
    }

    @Test("An invitation works until just before 72 hours and not from then on")
    func invitationExpiry() {
        let invitation = link(.invitation)
        #expect(invitation.check(at: sent) == nil)
        #expect(invitation.check(at: sent.addingTimeInterval(72 * 3600 - 1)) == nil)
        #expect(invitation.check(at: sent.addingTimeInterval(72 * 3600)) == .expired)
        #expect(invitation.check(at: sent.addingTimeInterval(72 * 3600 + 1)) == .expired)
    }

    @Test("A reset link works until just before 1 hour and not from then on")
    func resetExpiry() {
        let reset = link(.passwordReset)
        #expect(reset.check(at: sent.addingTimeInterval(3599)) == nil)
        #expect(reset.check(at: sent.addingTimeInterval(3600)) == .expired)
        #expect(reset.check(at: sent.addingTimeInterval(3601)) == .expired)
    }

    @Test("A link works once: after it is used it is refused, even within its time")
    func singleUse() {
        let used = link(.passwordReset, usedAt: sent.addingTimeInterval(60))
        #expect(used.check(at: sent.addingTimeInterval(120)) == .used)
        #expect(used.check(at: sent.addingTimeInterval(7200)) == .used)
    }

    @Test("A revoked link reads as unknown, whether or not it was used or has expired")
    func revoked() {
        #expect(link(.invitation, revoked: true).check(at: sent) == .unknown)
        #expect(link(.invitation, usedAt: sent, revoked: true).check(at: sent) == .unknown)
        #expect(link(.passwordReset, revoked: true).check(at: sent.addingTimeInterval(7200)) == .unknown)
    }

    @Test("Each refusal is worded for an invitation or a reset, and no two messages are the same")
    func messages() {
        let refusals: [AccountLink.Refusal] = [.unknown, .used, .expired]
        for refusal in refusals {
            #expect(refusal.message(for: .invitation) != refusal.message(for: .passwordReset))
        }
        let all = refusals.flatMap { refusal in AccountLinkPurpose.allCases.map { refusal.message(for: $0) } }
        #expect(Set(all).count == 6)
        #expect(AccountLink.Refusal.expired.message(for: .invitation).contains("72 hours"))
        #expect(AccountLink.Refusal.expired.message(for: .passwordReset).contains("1 hour"))
        #expect(AccountLink.Refusal.unknown.message(for: .invitation).contains("invitation"))
    }
}

@Suite("Password reset throttle")
struct PasswordResetThrottleTests {
    let now = Fixture.now

    func ago(_ minutes: Double) -> Date { now.addingTimeInterval(-minutes * 60) }

    @Test("Up to three reset emails an hour")
    func limit() {
        #expect(PasswordResetThrottle.maximumPerHour == 3)
        #expect(PasswordResetThrottle.allows(requestedAt: [], now: now))
        #expect(PasswordResetThrottle.allows(requestedAt: [ago(5), ago(20)], now: now))
    }

    @Test("Three requests in the last hour refuse a fourth")
    func fourthRefused() {
        #expect(!PasswordResetThrottle.allows(requestedAt: [ago(1), ago(30), ago(59)], now: now))
    }

    @Test("Requests an hour old or more no longer count")
    func olderDoNotCount() {
        #expect(PasswordResetThrottle.allows(requestedAt: [ago(1), ago(30), ago(60)], now: now))
        #expect(PasswordResetThrottle.allows(requestedAt: [ago(1), ago(30), ago(61), ago(120), ago(600)], now: now))
    }
}
