import Fluent
import Dispatch
import Foundation
import WaymarkCore
import WaymarkStore

/// `waymark export report`: the same annual report as the page and the API, for the command line.
public enum ReportExport {
    public enum Format: String, CaseIterable, Sendable {
        case text, csv, json
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Every area when `area` is nil. Each export is written to the audit log.
    public static func annual(area: String?, year: Int, today: CalendarDate, suppress: Bool, format: Format, on db: any Database) async throws -> String {
        let areas: [AreaInfo]
        if let area {
            guard let found = try await OrganisationRepository.findArea(area, on: db) else { throw Failure(description: "No area called '\(area)'") }
            areas = [found]
        } else {
            areas = try await OrganisationRepository.areas(on: db)
        }
        var results: [AnnualReportResult] = []
        for info in areas {
            guard let units = try await ReportRepository.units(areaID: info.id, on: db) else { continue }
            let settings = try await SettingsRepository.settings(areaID: info.id, on: db)
            let reportingYear: ReportingYear
            do { reportingYear = try ReportingYear.check(String(year), startMonth: settings.reportingYearStartMonth, today: today) } catch {
                throw Failure(description: error.errors.map(\.message).joined(separator: "; "))
            }
            results.append(try await ReportService.build(ReportScope(year: reportingYear, area: units, unitID: nil), today: today, suppress: suppress, on: db))
            // Through the write gate, like every other audited write: the chain's head is read
            // and moved under the lock, so a running server's writes and this one never collide.
            let detail = "year \(reportingYear.label), \(format.rawValue)\(suppress ? ", small counts suppressed" : "")"
            try await Command.run(gate: WriteGate(), db: db, actorID: "cli", at: Date()) { effects in
                effects.audit("report.annual.export", "area", info.id, detail: detail)
            }
        }
        switch format {
        case .csv:
            var header: [String] = []
            var rows: [[String]] = []
            for result in results {
                let table = ReportService.csvRows(result)
                header = ["area"] + table.header
                rows += table.rows.map { [result.scope.area.areaName] + $0 }
            }
            return String(decoding: try CSVExport.data(header: header, rows: rows), as: UTF8.self)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            return String(decoding: try encoder.encode(results.map(AnnualReportDTO.init)), as: UTF8.self)
        case .text:
            return results.map(text).joined(separator: "\n")
        }
    }

    /// `waymark bench report`: builds one area's annual report `runs` times, exactly as the
    /// page does (facts loaded, both years worked out), and returns each run's milliseconds and
    /// the area's figures for both years, to check against the same aggregate in SQL.
    public static func benchmark(area: String, year: Int, today: CalendarDate, runs: Int,
                                 on db: any Database) async throws -> (millis: [Double], current: [String: Double], previous: [String: Double]) {
        guard let info = try await OrganisationRepository.findArea(area, on: db),
              let units = try await ReportRepository.units(areaID: info.id, on: db) else { throw Failure(description: "No area called '\(area)'") }
        let settings = try await SettingsRepository.settings(areaID: info.id, on: db)
        let reportingYear: ReportingYear
        do { reportingYear = try ReportingYear.check(String(year), startMonth: settings.reportingYearStartMonth, today: today) } catch {
            throw Failure(description: error.errors.map(\.message).joined(separator: "; "))
        }
        var millis: [Double] = []
        var last: AnnualReportResult?
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            last = try await ReportService.build(ReportScope(year: reportingYear, area: units, unitID: nil), today: today, suppress: false, on: db)
            millis.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        func numbers(_ figures: [String: FigureValue]) -> [String: Double] { figures.compactMapValues(\.number) }
        return (millis, numbers(last!.current.area), numbers(last!.previous.area))
    }

    static func text(_ result: AnnualReportResult) -> String {
        let now = result.values(result.current), before = result.values(result.previous)
        var lines = ["Annual report \(result.scope.year.label): \(result.scope.placeName) (\(result.scope.year.span))"]
        if result.suppressed { lines.append("Counts below 5 are shown as <5.") }
        for section in ReportSection.allCases {
            lines.append("")
            lines.append(section.label)
            lines.append(String(repeating: "-", count: section.label.count))
            lines.append("\("".padding(toLength: 66, withPad: " ", startingAt: 0)) \(result.scope.year.label.leftPadded(9)) \(result.scope.year.previous.label.leftPadded(9))")
            for f in ReportCatalogue.figures where f.section == section {
                lines.append("\(f.label.padding(toLength: 66, withPad: " ", startingAt: 0)) "
                             + "\(Disclosure.text(now[f.key] ?? .notAvailable, format: f.format).leftPadded(9)) "
                             + "\(Disclosure.text(before[f.key] ?? .notAvailable, format: f.format).leftPadded(9))")
            }
        }
        if !result.quotes.isEmpty {
            lines.append("")
            lines.append("In their own words")
            for q in result.quotes { lines.append("  " + (q.kind == .quote ? "“\(q.text)”" : q.text) + " – \(q.pseudonym), \(q.subject.label.lowercased())") }
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
