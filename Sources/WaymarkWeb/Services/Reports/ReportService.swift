import Fluent
import Foundation
import Vapor
import WaymarkCore
import WaymarkStore

/// What a report was asked for, once checked against the caller's areas.
struct ReportScope: Sendable {
    let year: ReportingYear
    let area: ReportRepository.AreaUnits
    /// One delivery unit's column of the area report, or nil for the whole area.
    let unitID: String?

    var unitName: String? { unitID.flatMap { id in area.units.first { $0.id == id }?.name } }
    var placeName: String { unitName.map { "\($0), \(area.areaName)" } ?? area.areaName }
}

/// An annual report with its year-on-year comparison, ready for a page, a CSV or the API.
struct AnnualReportResult: Sendable {
    let scope: ReportScope
    let current: AnnualReport
    let previous: AnnualReport
    let quotes: [CaseStudy]

    var suppressed: Bool { current.suppressed }

    func values(_ report: AnnualReport) -> [String: FigureValue] {
        scope.unitID.map(report.column) ?? report.area
    }
}

enum ReportService {
    /// Works out the area, delivery unit and year from raw query values. A commissioner or
    /// coordinator with one area need not name it; an area outside the caller's is not found.
    static func scope(year rawYear: String?, area rawArea: String?, unit rawUnit: String?, defaultYear: Bool,
                      on req: Request) async throws -> ReportScope {
        let user = try req.user
        let database = req.db
        let mine = try await OrganisationRepository.areas(on: database).filter { user.actor.areaIDs.contains($0.id) }
        let areaText = (rawArea ?? "").trimmingCharacters(in: .whitespaces)
        let areaInfo: AreaInfo
        if areaText.isEmpty {
            guard mine.count == 1 else {
                throw ValidationFailure([FieldError("area", mine.isEmpty ? "You have no areas to report on" : "Select an area")])
            }
            areaInfo = mine[0]
        } else {
            guard let found = mine.first(where: { $0.id.lowercased() == areaText.lowercased() || $0.slug == areaText.lowercased()
                || $0.name.lowercased() == areaText.lowercased() }) else { throw Abort(.notFound) }
            areaInfo = found
        }
        guard let area = try await ReportRepository.units(areaID: areaInfo.id, on: database) else { throw Abort(.notFound) }
        let unitText = (rawUnit ?? "").trimmingCharacters(in: .whitespaces)
        var unitID: String?
        if !unitText.isEmpty {
            guard let unit = area.units.first(where: { $0.id.lowercased() == unitText.lowercased() || $0.name.lowercased() == unitText.lowercased() }) else {
                throw ValidationFailure([FieldError("deliveryUnit", "Select a delivery unit in \(area.areaName)")])
            }
            unitID = unit.id
        }
        let settings = try await SettingsRepository.settings(areaID: area.areaID, on: database)
        let startMonth = settings.reportingYearStartMonth
        let year: ReportingYear
        if defaultYear, (rawYear ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            // The last complete year: the one commissioners are usually asking about.
            year = ReportingYear.containing(req.today, startMonth: startMonth).previous
        } else {
            year = try ReportingYear.check(rawYear, startMonth: startMonth, today: req.today)
        }
        return ReportScope(year: year, area: area, unitID: unitID)
    }

    /// Builds the report and the year before it from the records. Commissioners get the
    /// suppressed version; every view is audited as an aggregate read (no person's record).
    static func annual(_ scope: ReportScope, on req: Request) async throws -> AnnualReportResult {
        let user = try req.user
        let result = try await build(scope, today: req.today, suppress: user.role == .commissioner, on: req.db)
        try await req.audit(AuditRecord(actorID: user.id, action: "report.annual.view", recordType: "area", recordID: scope.area.areaID,
                                        personID: nil, detail: "year \(scope.year.label)\(scope.unitID.map { ", delivery unit \($0)" } ?? "")"))
        return result
    }

    /// Builds the report and the year before it from the records; `suppress` gives the
    /// version a commissioner sees. Only quotes approved with consent for the annual report
    /// are included, so withdrawing consent removes one from the next report made.
    static let reportGate = AsyncSemaphore(2)

    static func build(_ scope: ReportScope, today: CalendarDate, suppress: Bool, on db: any Database) async throws -> AnnualReportResult {
        // Only the days the two years cover (to today, for a year still running) are loaded,
        // and only two reports are worked out at a time: a national area's facts are tens of
        // megabytes, and a crowd of report requests must queue, not multiply the memory.
        let (built, before) = try await reportGate.run {
            let facts = try await ReportRepository.facts(areaID: scope.area.areaID, from: scope.year.previous.from,
                                                         through: min(scope.year.through, today), on: db)
            return (AnnualReportRule.build(facts, year: scope.year, asOf: today), AnnualReportRule.build(facts, year: scope.year.previous, asOf: today))
        }
        var current = built, previous = before
        if suppress {
            current = Disclosure.suppress(current)
            previous = Disclosure.suppress(previous)
        }
        var quotes = try await CaseStudyRepository.list(areas: [scope.area.areaID], on: db).filter { $0.usable(for: .annualReport) }
        if let unit = scope.unitID {
            let people = try await PeopleRepository.find(ids: quotes.map(\.personID), on: db)
            quotes = quotes.filter { people[$0.personID]?.details.deliveryUnitID == unit }
        }
        return AnnualReportResult(scope: scope, current: current, previous: previous, quotes: quotes)
    }

    static func csvRows(_ result: AnnualReportResult) -> (header: [String], rows: [[String]]) {
        let now = result.values(result.current), before = result.values(result.previous)
        let header = ["section", "figure", "label", result.scope.year.label, result.scope.year.previous.label, "definition"]
        let rows = ReportCatalogue.figures.map { f in
            [f.section.label, f.key, f.label, Disclosure.text(now[f.key] ?? .notAvailable, format: f.format),
             Disclosure.text(before[f.key] ?? .notAvailable, format: f.format), f.definition]
        }
        return (header, rows)
    }

    static func filename(_ result: AnnualReportResult, ext: String) -> String {
        let place = result.scope.placeName.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return "waymark-annual-report-\(String(place).split(separator: "-").joined(separator: "-"))-\(result.scope.year.label).\(ext)"
    }
}
