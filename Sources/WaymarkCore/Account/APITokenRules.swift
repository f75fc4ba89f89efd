import Foundation

/// API tokens expire: 90 days unless asked otherwise, never more than a year.
public enum APITokenRules {
    public static let defaultDays = 90
    public static let allowedDays = 1...365
    public static let nameLimit = 100

    public static func expiry(days: Int?, from now: Date) throws(ValidationFailure) -> Date {
        let days = days ?? defaultDays
        guard allowedDays.contains(days) else {
            throw ValidationFailure([FieldError("expiresInDays", "A token must expire in 1 to \(allowedDays.upperBound) days")])
        }
        return now.addingTimeInterval(TimeInterval(days) * 86_400)
    }

    public static func name(_ raw: String?) throws(ValidationFailure) -> String {
        var errors = FieldErrors()
        let name = InputRules.required(raw, field: "name", label: "token name", limit: nameLimit, errors: &errors)
        try errors.throwIfAny()
        return name ?? ""
    }

    public static func isLive(expiresAt: Date?, revoked: Bool, now: Date) -> Bool {
        guard !revoked else { return false }
        guard let expiresAt else { return false }
        return now < expiresAt
    }
}
