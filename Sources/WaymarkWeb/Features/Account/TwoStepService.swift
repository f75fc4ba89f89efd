import Crypto
import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Two-step sign-in with an authenticator app: set-up, the code at sign-in, recovery codes.
enum TwoStepService {
    /// swift-crypto's HMAC-SHA-1, which the one-time password rule is given.
    static let hmac: OneTimePassword.HMACSHA1 = { key, message in
        Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    struct SetUp: Sendable {
        let secret: String
        let uri: String
    }

    /// The secret being set up: made once and kept until a code from it is confirmed, so
    /// reloading the page does not invalidate what the person already scanned.
    static func setUp(for user: CurrentUser, on req: Request) async throws -> SetUp {
        var state = try await AccountRepository.twoStep(userID: user.id, on: req.db)
        if state.secret == nil {
            var rng = SystemRandomNumberGenerator()
            let secret = Base32.encode((0..<OneTimePassword.secretBytes).map { _ in UInt8.random(in: 0...255, using: &rng) })
            try await Command.run(req, user, needs: .manageOwnAccount) { effects in
                try await AccountRepository.startTwoStep(userID: user.id, secret: secret, on: effects.tx)
                effects.audit("user.twoStep.start", "user", user.id)
            }
            state = try await AccountRepository.twoStep(userID: user.id, on: req.db)
        }
        let secret = state.secret ?? ""
        let uri = OneTimePassword.provisioningURI(secret: Base32.decode(secret) ?? [], account: user.account.email, issuer: "Waymark")
        return SetUp(secret: secret, uri: uri)
    }

    /// Confirms set-up with a code from the app; returns the recovery codes to show once.
    static func confirm(code: String, for user: CurrentUser, on req: Request) async throws -> [String] {
        let state = try await AccountRepository.twoStep(userID: user.id, on: req.db)
        guard let secret = state.secret.flatMap(Base32.decode) else {
            throw ValidationFailure([FieldError("code", "Start again: scan the QR code on this page")])
        }
        guard case .accepted(let step) = OneTimePassword.check(code, secret: secret, at: req.now, lastUsedStep: nil, hmac: hmac) else {
            throw ValidationFailure([FieldError("code", "Enter the 6-digit code your authenticator app shows now")])
        }
        var rng = SystemRandomNumberGenerator()
        let codes = RecoveryCodes.make(using: &rng)
        try await Command.run(req, user, needs: .manageOwnAccount) { effects in
            try await AccountRepository.enableTwoStep(userID: user.id, step: step, recoveryCodes: codes, at: effects.at, on: effects.tx)
            effects.audit("user.twoStep.enable", "user", user.id)
        }
        return codes
    }

    enum Outcome: Equatable { case accepted, usedRecoveryCode(left: Int), wrong }

    /// The second step at sign-in: a code from the app, or one of the recovery codes.
    static func verify(_ typed: String, userID: String, on req: Request) async throws -> Outcome {
        let state = try await AccountRepository.twoStep(userID: userID, on: req.db)
        guard state.enabled, let secret = state.secret.flatMap(Base32.decode) else { return .wrong }
        if RecoveryCodes.looksLikeRecoveryCode(typed) {
            let used = try await Command.run(req, actorID: userID) { effects in
                let used = try await AccountRepository.useRecoveryCode(userID: userID, typed: typed, at: effects.at, on: effects.tx)
                effects.audit(used ? "user.twoStep.recoveryCode" : "user.twoStep.refused", "user", userID)
                return used
            }
            return used ? .usedRecoveryCode(left: try await AccountRepository.unusedRecoveryCodes(userID: userID, on: req.db)) : .wrong
        }
        guard case .accepted(let step) = OneTimePassword.check(typed, secret: secret, at: req.now, lastUsedStep: state.lastStep, hmac: hmac) else {
            return .wrong
        }
        // A code works once, even if two sign-ins race with it.
        let recorded = try await AccountRepository.recordStep(userID: userID, step: step, on: req.db)
        return recorded ? .accepted : .wrong
    }
}
