/// One problem with one field of a form or API body, worded for the person who typed it.
public struct FieldError: Hashable, Sendable, Codable {
    /// The field's name as the API and the form know it (e.g. `dateOfBirth`).
    public let field: String
    public let message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// Every problem found in one input, so the person can fix them all at once.
public struct ValidationFailure: Error, Sendable, Equatable {
    public let errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }

    public func message(for field: String) -> String? {
        errors.first { $0.field == field }?.message
    }
}

/// Collects field errors while a draft is checked.
public struct FieldErrors: Sendable {
    public private(set) var errors: [FieldError] = []
    public init() {}

    public mutating func add(_ field: String, _ message: String) {
        guard !errors.contains(where: { $0.field == field }) else { return }
        errors.append(FieldError(field, message))
    }

    public var isEmpty: Bool { errors.isEmpty }

    public func throwIfAny() throws(ValidationFailure) {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}
