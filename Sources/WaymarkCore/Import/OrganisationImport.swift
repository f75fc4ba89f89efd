/// `waymark import organisation FILE.csv`: a provider's list of areas, delivery units and
/// offices in one file, one row per office (or per delivery unit without one). Every row is
/// checked by the same rules as the organisation forms; a bad row is reported by its line.
public struct OrganisationImport: Sendable {
    public static let requiredColumns = ["area", "deliveryUnit"]
    public static let optionalColumns = ["areaSlug", "contactName", "contactEmail", "contactPhone", "postalAddress", "site", "address", "postcode"]

    public struct Row: Sendable, Equatable {
        public let line: Int
        public let area: AreaDraft.Valid
        public let deliveryUnit: String
        /// An office: name, address and postcode (nil for a delivery unit listed on its own).
        public let site: (name: String, address: String, postcode: String)?

        public static func == (a: Row, b: Row) -> Bool {
            a.line == b.line && a.area == b.area && a.deliveryUnit == b.deliveryUnit
                && a.site?.name == b.site?.name && a.site?.address == b.site?.address && a.site?.postcode == b.site?.postcode
        }
    }

    public struct LineError: Error, Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let messages: [String]
        public var description: String { "line \(line): " + messages.joined(separator: "; ") }
    }

    let indexes: [String: Int]

    static func key(_ name: String) -> String {
        String(name.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Column names are matched without regard to case, spaces or punctuation; every missing one is named.
    public init(header: [String]) throws(LineError) {
        var columns: [String: Int] = [:]
        for (i, name) in header.enumerated() where columns[Self.key(name)] == nil { columns[Self.key(name)] = i }
        let missing = Self.requiredColumns.filter { columns[Self.key($0)] == nil }
        guard missing.isEmpty else {
            throw LineError(line: 1, messages: ["missing column\(missing.count == 1 ? "" : "s"): " + missing.joined(separator: ", ")
                                                + " (columns: " + (Self.requiredColumns + Self.optionalColumns).joined(separator: ", ") + ")"])
        }
        var indexes: [String: Int] = [:]
        for name in Self.requiredColumns + Self.optionalColumns { indexes[name] = columns[Self.key(name)] }
        self.indexes = indexes
    }

    /// Checks rows. An area named again on a later row must say the same about its contact
    /// (the first row that names it decides); a slug already used by another area is refused.
    public func check(_ rows: [(fields: [String], line: Int)], existingSlugs: [String: String]) -> (rows: [Row], errors: [LineError]) {
        var good: [Row] = []
        var errors: [LineError] = []
        var areaBySlug: [String: String] = [:]
        for (fields, line) in rows {
            func value(_ column: String) -> String? {
                guard let i = indexes[column], i < fields.count else { return nil }
                let v = fields[i].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
            var messages: [String] = []
            let name = value("area")
            // Without a slug column an existing area keeps its own; a new one gets one from its name.
            let known = existingSlugs.first { $0.value.lowercased() == (name ?? "").lowercased() }?.key
            let slug = value("areaSlug") ?? known ?? name.map(OrganisationRules.suggestedSlug)
            // Another area of the installation with this slug (matched by name) is a clash; the same area is an update.
            let taken: Set<String> = Set(existingSlugs.filter { $0.value.lowercased() != (name ?? "").lowercased() }.keys)
                .union(areaBySlug.filter { $0.value.lowercased() != (name ?? "").lowercased() }.keys)
            var area: AreaDraft.Valid?
            do {
                area = try AreaDraft(name: name, slug: slug, contactName: value("contactName"), contactEmail: value("contactEmail"),
                                     contactPhone: value("contactPhone"), postalAddress: value("postalAddress")).validated(takenSlugs: taken)
            } catch { messages += error.errors.map(\.message) }
            var unit: String?
            do { unit = try DeliveryUnitDraft(name: value("deliveryUnit")).validated(takenNames: []) } catch { messages += error.errors.map(\.message) }
            var site: (String, String, String)?
            if value("site") != nil || value("address") != nil || value("postcode") != nil {
                do {
                    let s = try SiteDraft(name: value("site"), address: value("address"), postcode: value("postcode"), deliveryUnitID: "unit")
                        .validated(deliveryUnits: ["unit"])
                    site = (s.name, s.address, s.postcode)
                } catch { messages += error.errors.map(\.message) }
            }
            if let area, let unit, messages.isEmpty {
                areaBySlug[area.slug] = area.name
                good.append(Row(line: line, area: area, deliveryUnit: unit, site: site))
            } else {
                errors.append(LineError(line: line, messages: messages))
            }
        }
        return (good, errors)
    }
}
