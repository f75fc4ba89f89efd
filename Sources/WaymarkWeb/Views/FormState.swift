import Vapor
import WaymarkCore

/// What a form shows: the values typed (or loaded) and any errors to mark.
struct FormState: Sendable {
    var values: [String: String] = [:]
    var lists: [String: [String]] = [:]
    var errors: [FieldError] = []

    subscript(_ name: String) -> String { values[name] ?? "" }
    func list(_ name: String) -> [String] { lists[name] ?? [] }
    func error(_ field: String) -> String? { errors.first { $0.field == field }?.message }

    /// Reads the named fields as text; `dates` are GOV.UK date inputs (three fields each) and
    /// `listFields` checkbox groups (submitted as `name[]`).
    init(request: Request, fields: [String], dates: [String] = [], listFields: [String] = []) {
        let names = fields + dates.flatMap { ["\($0)-day", "\($0)-month", "\($0)-year"] }
        for name in names {
            if let value = try? request.content.get(String?.self, at: name) { values[name] = value }
        }
        for field in listFields {
            lists[field] = (try? request.content.get([String].self, at: field)) ?? []
        }
    }

    init(values: [String: String] = [:], lists: [String: [String]] = [:], errors: [FieldError] = []) {
        self.values = values
        self.lists = lists
        self.errors = errors
    }

    func dateInput(_ name: String) -> DateInput {
        .parts(day: values["\(name)-day"], month: values["\(name)-month"], year: values["\(name)-year"])
    }

    static func dateValues(_ name: String, _ date: CalendarDate?) -> [String: String] {
        guard let date else { return [:] }
        return ["\(name)-day": String(date.day), "\(name)-month": String(date.month), "\(name)-year": String(date.year)]
    }
}
