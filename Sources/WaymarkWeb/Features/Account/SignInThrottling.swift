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

    /// What a reservation changed, so a correct password can take it back.
    struct Reservation: Sendable {
        let addressBefore: SignInThrottle
    }

    /// Seconds the caller must still wait, or the reservation: this attempt counted as a failure
    /// until the password proves otherwise. One reservation at a time, so parallel guesses cannot
    /// all slip in under the limit; on a lock of their own, not the write gate, so a flood of
    /// sign-ins never holds up anyone's reads.
    func reserve(now: Date, gate: AsyncMutex, on db: any Database) async throws -> Result<Reservation, Wait> {
        try await gate.withLock { try await reserveNow(now: now, on: db) }
    }

    struct Wait: Error, Sendable {
        let seconds: Int
    }

    private func reserveNow(now: Date, on db: any Database) async throws -> Result<Reservation, Wait> {
        var states: [SignInThrottle] = []
        for (key, _) in keys { states.append(try await UserRepository.throttle(for: key, on: db)) }
        let wait = states.map { $0.secondsToWait(now: now) }.max() ?? 0
        guard wait == 0 else { return .failure(Wait(seconds: wait)) }
        for ((key, rule), state) in zip(keys, states) {
            try await UserRepository.saveThrottle(state.failing(now: now, rule: rule), for: key, on: db)
        }
        return .success(Reservation(addressBefore: states[1]))
    }

    /// The key of the account at this address, for tests and the two-step page.
    var accountAtAddressKey: String { keys[0].key }

    /// The right password: the account's own counts start again, and this attempt no longer
    /// counts against the address (so an office of people signing in is never slowed).
    func succeeded(_ reservation: Reservation, gate: AsyncMutex, on db: any Database) async throws {
        try await gate.withLock {
            for key in accountKeys { try await UserRepository.clearThrottle(for: key, on: db) }
            let address = keys[1].key
            var current = try await UserRepository.throttle(for: address, on: db)
            current.failures = max(0, current.failures - 1)
            current.lockedUntil = reservation.addressBefore.lockedUntil
            try await UserRepository.saveThrottle(current, for: address, on: db)
        }
    }
}

struct SignInGateKey: StorageKey { typealias Value = AsyncMutex }

extension Application {
    /// Made once in `configure`: the sign-in throttle's own lock.
    var signInGate: AsyncMutex { storage[SignInGateKey.self]! }
}
