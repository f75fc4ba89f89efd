import Foundation

/// One row of a caseload extract from the national case system, checked by the same rules as a
/// person and an order entered by hand.
public struct CaseloadRecord: Sendable, Equatable {
    public let line: Int
    public let person: PersonDetails
    public let practitionerID: String?
    public let order: OrderDetails

    public var crn: CRN { person.crn! }
}

/// A row that cannot be imported, by its line in the file (the header is line 1).
public struct CaseloadRowError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let messages: [String]

    public init(line: Int, messages: [String]) {
        self.line = line
        self.messages = messages
    }

    public var description: String { "line \(line): " + messages.joined(separator: "; ") }
}

/// Reads a caseload extract: the columns it needs, what each row says, and whether it is
/// good enough to import. Pure: the shell supplies the provider's places and practitioners.
public struct CaseloadImport: Sendable {
    /// The columns of the extract, in any order; names are matched without regard to case,
    /// spaces or underscores ("Date of birth", "date_of_birth" and "dateOfBirth" are the same).
    public static let requiredColumns = ["crn", "firstName", "lastName", "dateOfBirth", "orderType", "orderStartDate",
                                         "orderExpectedEndDate", "deliveryUnit"]
    public static let optionalColumns = ["gender", "rarDays", "practitioner", "orderActualEndDate", "orderOutcome"]

    /// Delivery units by name (one per provider area), and practitioners by email address.
    public struct Places: Sendable {
        public let areas: [AreaSummary]
        /// Lower-cased email address → (user id, the areas they work in).
        public let practitioners: [String: (id: String, areaIDs: Set<String>)]

        public init(areas: [AreaSummary], practitioners: [String: (id: String, areaIDs: Set<String>)]) {
            self.areas = areas
            self.practitioners = practitioners
            var byKey: [String: (area: AreaSummary, unit: DeliveryUnitSummary)] = [:]
            for area in areas {
                for unit in area.deliveryUnits where byKey[CaseloadImport.key(unit.name)] == nil { byKey[CaseloadImport.key(unit.name)] = (area, unit) }
            }
            unitsByKey = byKey
        }

        func unit(named name: String) -> (area: AreaSummary, unit: DeliveryUnitSummary)? {
            unitsByKey[CaseloadImport.key(name)]
        }

        /// Delivery units by their names' keys, the first of a name winning, worked out once
        /// per file rather than once per row.
        let unitsByKey: [String: (area: AreaSummary, unit: DeliveryUnitSummary)]
    }

    let columns: [String: Int]
    let indexes: [String: Int]
    let places: Places
    let today: CalendarDate

    static func key(_ name: String) -> String {
        String(name.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Checks the header; every missing column is named.
    public init(header: [String], places: Places, today: CalendarDate) throws(CaseloadRowError) {
        var columns: [String: Int] = [:]
        for (i, name) in header.enumerated() { columns[Self.key(name)] = i }
        let missing = Self.requiredColumns.filter { columns[Self.key($0)] == nil }
        guard missing.isEmpty else {
            throw CaseloadRowError(line: 1, messages: ["The header is missing " + missing.joined(separator: ", ")
                                                        + " (columns: " + (Self.requiredColumns + Self.optionalColumns).joined(separator: ", ") + ")"])
        }
        self.columns = columns
        // Each known column's position, looked up by its name as the code spells it: every row
        // asks for every column, and normalising the name each time was a quarter of an import.
        var indexes: [String: Int] = [:]
        for name in Self.requiredColumns + Self.optionalColumns { indexes[name] = columns[Self.key(name)] }
        self.indexes = indexes
        self.places = places
        self.today = today
    }

    func value(_ fields: [String], _ column: String) -> String? {
        guard let i = indexes[column] ?? columns[Self.key(column)], i < fields.count else { return nil }
        let text = fields[i].trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    /// One data row (`line` counts the header as 1).
    public func record(_ fields: [String], line: Int) -> Result<CaseloadRecord, CaseloadRowError> {
        var messages: [String] = []
        guard let crnText = value(fields, "crn") else { return .failure(.init(line: line, messages: ["Enter a CRN: every imported person needs one"])) }
        let place = value(fields, "deliveryUnit").flatMap(places.unit(named:))
        if place == nil { messages.append("Delivery unit '\(value(fields, "deliveryUnit") ?? "")' is not one of the provider's") }
        let gender = value(fields, "gender").map { raw in Gender.allCases.first { Self.key($0.rawValue) == Self.key(raw) || Self.key($0.label) == Self.key(raw) }?.rawValue ?? raw }
        let draft = PersonDraft(crn: crnText, firstName: value(fields, "firstName"), lastName: value(fields, "lastName"),
                                dateOfBirth: .iso(value(fields, "dateOfBirth")), gender: gender ?? Gender.notStated.rawValue,
                                areaID: place?.area.id, deliveryUnitID: place?.unit.id)
        var person: PersonDetails?
        if let place {
            do { person = try draft.validated(today: today, areas: [place.area]) } catch { messages += error.errors.map(\.message) }
        }
        var practitionerID: String?
        if let email = value(fields, "practitioner") {
            if let found = places.practitioners[email.lowercased()] {
                if let place, !found.areaIDs.contains(place.area.id) {
                    messages.append("Practitioner \(email) does not work in \(place.area.name)")
                } else {
                    practitionerID = found.id
                }
            } else {
                messages.append("No practitioner with the email address \(email)")
            }
        }
        let orderDraft = OrderDraft(type: value(fields, "orderType").map(Self.orderType), startDate: .iso(value(fields, "orderStartDate")),
                                    expectedEndDate: .iso(value(fields, "orderExpectedEndDate")), actualEndDate: .iso(value(fields, "orderActualEndDate")),
                                    outcome: value(fields, "orderOutcome"), requirements: [], rarDays: value(fields, "rarDays"))
        var order: OrderDetails?
        do { order = try orderDraft.validated(today: today) } catch { messages += error.errors.map { "Order: " + $0.message } }
        guard messages.isEmpty, let person, let order else { return .failure(.init(line: line, messages: messages)) }
        return .success(CaseloadRecord(line: line, person: person, practitionerID: practitionerID, order: order))
    }

    /// The case system writes order types in words ("Community Order"); Waymark's codes are accepted too.
    static func orderType(_ raw: String) -> String {
        orderTypesByKey[key(raw)] ?? raw
    }

    /// Order types by the keys of their codes and their labels.
    static let orderTypesByKey: [String: String] = {
        var byKey: [String: String] = [:]
        for type in OrderType.allCases.reversed() {
            byKey[key(type.label)] = type.rawValue
            byKey[key(type.rawValue)] = type.rawValue
        }
        return byKey
    }()

    /// Checks every row; a CRN that appears twice is refused on its second line, so the file
    /// says one thing about each person.
    /// `seen` carries the CRNs of earlier batches of the same file.
    public func check(_ rows: [(fields: [String], line: Int)], seen: inout [String: Int]) -> (records: [CaseloadRecord], errors: [CaseloadRowError]) {
        var records: [CaseloadRecord] = []
        var errors: [CaseloadRowError] = []
        for row in rows {
            switch record(row.fields, line: row.line) {
            case .success(let r):
                if let first = seen[r.crn.value] {
                    errors.append(.init(line: row.line, messages: ["CRN \(r.crn.value) is already on line \(first)"]))
                } else {
                    seen[r.crn.value] = row.line
                    records.append(r)
                }
            case .failure(let e):
                errors.append(e)
            }
        }
        return (records, errors)
    }
}

