import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// The three sign-in throttles of one attempt (see `SignInThrottle`): the account at this
/// address, this address, and the account from anywhere.
struct SignInThrottling: Sendable {
    let keys: [(key: String, rule: SignInThrottle.Rule)]
    let accountKeys: [String]

    init(email: String, address: String) {
        let pair = "account-at:" + email + "|" + address
        let account = "account:" + email
        keys = [(pair, SignInThrottle.accountAtAddress), ("address:" + address, SignInThrottle.address), (account, SignInThrottle.account)]
        accountKeys = [pair, account]
    }

    /// Seconds the caller must still wait (0: go ahead, and this attempt has been counted). One
    /// reservation at a time, so parallel guesses cannot all slip in under the limit; on a lock of
    /// their own, not the write gate, so a flood of sign-ins never holds up anyone's reads.
    func reserve(now: Date, gate: AsyncMutex, on db: any Database) async throws -> Int {
        try await gate.withLock { try await reserveNow(now: now, on: db) }
    }

    private func reserveNow(now: Date, on db: any Database) async throws -> Int {
        var states: [SignInThrottle] = []
        for (key, _) in keys { states.append(try await UserRepository.throttle(for: key, on: db)) }
        let wait = states.map { $0.secondsToWait(now: now) }.max() ?? 0
        guard wait == 0 else { return wait }
        for ((key, rule), state) in zip(keys, states) {
            try await UserRepository.saveThrottle(state.failing(now: now, rule: rule), for: key, on: db)
        }
        return 0
    }

    /// The key of the account at this address, for tests and the two-step page.
    var accountAtAddressKey: String { keys[0].key }

    /// The right password: the account's own counts start again (the address's do not).
    func succeeded(on db: any Database) async throws {
        for key in accountKeys { try await UserRepository.clearThrottle(for: key, on: db) }
    }
}

struct SignInGateKey: StorageKey { typealias Value = AsyncMutex }

extension Application {
    /// Made once in `configure`: the sign-in throttle's own lock.
    var signInGate: AsyncMutex { storage[SignInGateKey.self]! }
}
