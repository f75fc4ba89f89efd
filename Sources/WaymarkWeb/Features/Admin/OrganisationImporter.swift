import CSV
import Fluent
import Foundation
import WaymarkCore
import WaymarkStore

/// `waymark import organisation FILE.csv`: areas, delivery units and offices in one go. Areas
/// are matched by name, units by name within their area, sites by name within their unit, so
/// importing the file again updates rather than duplicates. One transaction for the whole file.
public enum OrganisationImporter {
    public struct Summary: Sendable, Equatable {
        public var areasAdded = 0, areasUpdated = 0, unitsAdded = 0, sitesAdded = 0, sitesUpdated = 0
        public var errors: [OrganisationImport.LineError] = []
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func run(file: String, actorID: String, at: Date, gate: WriteGate, on db: any Database) async throws -> Summary {
        guard let stream = InputStream(fileAtPath: file) else { throw Failure(description: "Cannot read \(file)") }
        let reader = try CSVReader(stream: stream, hasHeaderRow: true)
        guard let header = reader.headerRow else { throw Failure(description: "\(file) is empty: it needs a header row") }
        let checker: OrganisationImport
        do { checker = try OrganisationImport(header: header) } catch { throw Failure(description: error.description) }
        var rows: [(fields: [String], line: Int)] = []
        var line = 1
        while let fields = reader.next() {
            line += 1
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            rows.append((fields, line))
        }
        let existing = try await OrganisationAdminRepository.areas(on: db)
        let (good, errors) = checker.check(rows, existingSlugs: Dictionary(existing.map { ($0.slug, $0.name) }, uniquingKeysWith: { a, _ in a }))
        var summary = Summary()
        summary.errors = errors
        guard !good.isEmpty else { return summary }
        let providers = try await OrganisationAdminRepository.providers(on: db).filter(\.active)
        guard providers.count == 1, let provider = providers.first else {
            throw Failure(description: providers.isEmpty ? "Run `waymark setup` first: there is no provider to import into"
                                                         : "There are several providers: importing into one of them is not supported yet; add areas in the browser")
        }
        let counts = try await Command.run(gate: gate, db: db, actorID: actorID, at: at) { effects in
            var s = Summary()
            var areas = Dictionary(try await OrganisationAdminRepository.areas(on: effects.tx).map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
            var touched = Set<String>()
            for row in good {
                var area = areas[row.area.name.lowercased()]
                if area == nil {
                    let made = try await OrganisationAdminRepository.createArea(providerID: provider.id, row.area, on: effects.tx)
                    effects.audit("area.create", "area", made.id, detail: "\(made.name) (\(made.slug)), imported")
                    area = made; areas[made.name.lowercased()] = made; s.areasAdded += 1; touched.insert(made.id)
                } else if let current = area, !touched.contains(current.id), Self.differs(current, row.area) {
                    let saved = try await OrganisationAdminRepository.updateArea(current.id, row.area, active: current.active, expectedVersion: current.version, on: effects.tx)
                    effects.audit("area.update", "area", saved.id, detail: "Imported: " + ChangeSummary.describe([
                        ("Short name", current.slug, row.area.slug), ("Contact name", current.contactName, row.area.contactName),
                        ("Contact email", current.contactEmail, row.area.contactEmail), ("Contact phone", current.contactPhone, row.area.contactPhone),
                        ("Postal address", current.postalAddress, row.area.postalAddress)]))
                    area = saved; areas[saved.name.lowercased()] = saved; s.areasUpdated += 1; touched.insert(saved.id)
                }
                guard let area else { continue }
                touched.insert(area.id)
                let units = try await OrganisationAdminRepository.units(areaID: area.id, on: effects.tx)
                var unit = units.first { $0.name.lowercased() == row.deliveryUnit.lowercased() }
                if unit == nil {
                    unit = try await OrganisationAdminRepository.createUnit(areaID: area.id, name: row.deliveryUnit, on: effects.tx)
                    effects.audit("deliveryUnit.create", "area", area.id, detail: "Delivery unit added: \(row.deliveryUnit), imported")
                    s.unitsAdded += 1
                }
                guard let unit, let site = row.site else { continue }
                let sites = try await OrganisationAdminRepository.sites(areaID: area.id, on: effects.tx)
                // Checked by the import's rules already; validated again against its own unit here.
                let draft = try SiteDraft(name: site.name, address: site.address, postcode: site.postcode, deliveryUnitID: unit.id)
                    .validated(deliveryUnits: [unit.id])
                if let current = sites.first(where: { $0.deliveryUnitID == unit.id && $0.name.lowercased() == site.name.lowercased() }) {
                    if current.address != site.address || current.postcode != site.postcode {
                        _ = try await OrganisationAdminRepository.updateSite(current.id, draft, active: current.active, expectedVersion: current.version, on: effects.tx)
                        effects.audit("site.update", "site", current.id, detail: "Imported: address \(site.address), \(site.postcode)")
                        s.sitesUpdated += 1
                    }
                } else {
                    let made = try await OrganisationAdminRepository.createSite(draft, on: effects.tx)
                    effects.audit("site.create", "site", made.id, detail: "\(site.name), \(site.postcode), imported")
                    s.sitesAdded += 1
                }
            }
            // A file that changes nothing still leaves a trace that it was imported.
            effects.audit("organisation.import", "provider", provider.id, detail: "\(good.count) rows")
            return s
        }
        summary.areasAdded = counts.areasAdded; summary.areasUpdated = counts.areasUpdated; summary.unitsAdded = counts.unitsAdded
        summary.sitesAdded = counts.sitesAdded; summary.sitesUpdated = counts.sitesUpdated
        return summary
    }

    static func differs(_ a: OrganisationAdminRepository.AreaRecord, _ v: AreaDraft.Valid) -> Bool {
        a.slug != v.slug || a.contactName != v.contactName || a.contactEmail != v.contactEmail || a.contactPhone != v.contactPhone
            || a.postalAddress != v.postalAddress
    }
}
