/// One field of a record changed: what it said before and what it says now. Corrections are
/// kept, never overwritten, so a person disputing their record can see what was changed.
public struct FieldChange: Sendable, Equatable, Codable {
    public let field: String
    public let label: String
    public let previous: String
    public let new: String

    public init(field: String, label: String, previous: String, new: String) {
        self.field = field
        self.label = label
        self.previous = previous
        self.new = new
    }
}

/// A stored correction of one field.
public struct Correction: Sendable, Equatable, Identifiable {
    public let id: String
    public let personID: String
    public let recordType: String
    public let recordID: String
    public let change: FieldChange
    public let reason: String?
    public let byID: String
    public let on: CalendarDate

    public init(id: String, personID: String, recordType: String, recordID: String, change: FieldChange, reason: String?,
                byID: String, on: CalendarDate) {
        self.id = id
        self.personID = personID
        self.recordType = recordType
        self.recordID = recordID
        self.change = change
        self.reason = reason
        self.byID = byID
        self.on = on
    }
}

/// Works out which fields an edit changed, in words a data protection officer can read.
public enum Corrections {
    /// `placeName` turns area and delivery unit ids into names.
    public static func changes(from old: PersonDetails, to new: PersonDetails, placeName: (String) -> String = { $0 }) -> [FieldChange] {
        var out: [FieldChange] = []
        func compare(_ field: String, _ label: String, _ a: String, _ b: String) {
            if a != b { out.append(FieldChange(field: field, label: label, previous: a, new: b)) }
        }
        compare("crn", "CRN", old.crn?.value ?? "", new.crn?.value ?? "")
        compare("firstName", "First name", old.firstName, new.firstName)
        compare("lastName", "Last name", old.lastName, new.lastName)
        compare("dateOfBirth", "Date of birth", old.dateOfBirth.iso, new.dateOfBirth.iso)
        compare("gender", "Gender", old.gender.label, new.gender.label)
        compare("areaId", "Area", placeName(old.areaID), placeName(new.areaID))
        compare("deliveryUnitId", "Delivery unit", placeName(old.deliveryUnitID), placeName(new.deliveryUnitID))
        return out
    }

    public static func changes(from old: OrderDetails, to new: OrderDetails) -> [FieldChange] {
        var out: [FieldChange] = []
        func compare(_ field: String, _ label: String, _ a: String, _ b: String) {
            if a != b { out.append(FieldChange(field: field, label: label, previous: a, new: b)) }
        }
        compare("type", "Type", old.type.label, new.type.label)
        compare("startDate", "Start date", old.startDate.iso, new.startDate.iso)
        compare("expectedEndDate", "Expected end date", old.expectedEndDate.iso, new.expectedEndDate.iso)
        compare("actualEndDate", "Actual end date", old.actualEndDate?.iso ?? "", new.actualEndDate?.iso ?? "")
        compare("outcome", "Outcome", old.outcome.label, new.outcome.label)
        compare("requirements", "Requirements", old.requirements.map(\.label).joined(separator: ", "),
                new.requirements.map(\.label).joined(separator: ", "))
        compare("rarDays", "RAR days", old.rarDays.map(String.init) ?? "", new.rarDays.map(String.init) ?? "")
        compare("openBreach", "Open breach", old.openBreach ? "Yes" : "No", new.openBreach ? "Yes" : "No")
        return out
    }
}
