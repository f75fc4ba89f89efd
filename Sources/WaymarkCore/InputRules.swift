/// Shared checks for raw text that arrives from a form or an API body. Each returns the
/// value when it is good and records one GOV.UK-style message when it is not.
public enum InputRules {
    public static let nameLimit = 100
    public static let shortTextLimit = 200
    public static let longTextLimit = 2000

    /// `label` is the field's name in a sentence ("first name"); `article` goes before it in "Enter a first name".
    public static func required(_ raw: String?, field: String, label: String, article: String = "a", limit: Int = nameLimit,
                                errors: inout FieldErrors) -> String? {
        let value = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty {
            errors.add(field, "Enter \(phrase(article, label))")
            return nil
        }
        return within(value, field: field, label: label, limit: limit, errors: &errors)
    }

    /// `multiline` lets line breaks through, for notes; names and codes stay on one line.
    public static func optional(_ raw: String?, field: String, label: String, limit: Int = shortTextLimit,
                                multiline: Bool = false, errors: inout FieldErrors) -> String? {
        let value = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty { return nil }
        return within(value, field: field, label: label, limit: limit, multiline: multiline, errors: &errors)
    }

    static func phrase(_ article: String, _ label: String) -> String {
        article.isEmpty ? label : "\(article) \(label)"
    }

    private static func within(_ value: String, field: String, label: String, limit: Int, multiline: Bool = false,
                               errors: inout FieldErrors) -> String? {
        guard value.count <= limit else {
            errors.add(field, "\(label.capitalisedFirst) must be \(limit) characters or fewer")
            return nil
        }
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\r", "\t"] : []
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) else {
            errors.add(field, "\(label.capitalisedFirst) must not contain control characters")
            return nil
        }
        return value
    }

    /// A date given either as `YYYY-MM-DD` or as the three GOV.UK date-input fields.
    public static func date(_ input: DateInput, field: String, label: String, article: String = "a", required: Bool = true,
                            errors: inout FieldErrors) -> CalendarDate? {
        switch input {
        case .iso(let raw):
            let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                if required { errors.add(field, "Enter \(phrase(article, label))") }
                return nil
            }
            guard let date = CalendarDate(iso: text) else {
                errors.add(field, "\(label.capitalisedFirst) must be a real date, written as YYYY-MM-DD")
                return nil
            }
            return date
        case .parts(let day, let month, let year):
            let d = (day ?? "").trimmingCharacters(in: .whitespaces)
            let m = (month ?? "").trimmingCharacters(in: .whitespaces)
            let y = (year ?? "").trimmingCharacters(in: .whitespaces)
            if d.isEmpty && m.isEmpty && y.isEmpty {
                if required { errors.add(field, "Enter \(phrase(article, label))") }
                return nil
            }
            let missing = [("a day", d), ("a month", m), ("a year", y)].filter { $0.1.isEmpty }.map(\.0)
            if !missing.isEmpty {
                errors.add(field, "\(label.capitalisedFirst) must include \(missing.joined(separator: " and "))")
                return nil
            }
            guard [d, m, y].allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
                  let dn = Int(d), let mn = Int(m), let yn = Int(y), y.count == 4,
                  let date = CalendarDate(year: yn, month: mn, day: dn)
            else {
                errors.add(field, "\(label.capitalisedFirst) must be a real date")
                return nil
            }
            return date
        }
    }

    public static func choice<E: RawRepresentable & CaseIterable>(_ raw: String?, as type: E.Type, field: String,
                                                                  label: String, article: String = "a", required: Bool = true,
                                                                  errors: inout FieldErrors) -> E? where E.RawValue == String {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            if required { errors.add(field, "Select \(phrase(article, label))") }
            return nil
        }
        guard let value = E(rawValue: text) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            errors.add(field, "Select \(phrase(article, label)) from the list (one of: \(allowed))")
            return nil
        }
        return value
    }
}

/// How a date arrived: ISO text from the API, or day/month/year fields from a form.
public enum DateInput: Sendable, Equatable {
    case iso(String?)
    case parts(day: String?, month: String?, year: String?)
}

extension String {
    public var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}

extension InputRules {
    /// Languages as people type them, "English, Polish": words separated by commas, each once
    /// (whatever its case), in the order given.
    public static func languages(_ raw: String?, field: String = "languages", errors: inout FieldErrors) -> [String] {
        var languages: [String] = []
        for part in (raw ?? "").split(separator: ",") {
            let language = part.trimmingCharacters(in: .whitespaces)
            guard !language.isEmpty else { continue }
            if language.count > 40 || !language.allSatisfy({ $0.isLetter || $0 == " " || $0 == "-" }) {
                errors.add(field, "Enter languages as words separated by commas, like English, Polish")
                return languages
            }
            if !languages.contains(where: { $0.caseInsensitiveCompare(language) == .orderedSame }) { languages.append(language) }
        }
        return languages
    }
}
