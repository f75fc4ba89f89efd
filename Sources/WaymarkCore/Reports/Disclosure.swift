import Foundation

/// Statistical disclosure control for the reports a commissioner sees: every count below the
/// threshold becomes `<5`, and further cells are hidden wherever a hidden count could be
/// worked out by subtracting the visible ones from a total. Commissioners see one area at a
/// time with its delivery units inside it, so the same cells are hidden whichever way they ask.
public enum Disclosure {
    public static let threshold = 5.0
    public static let shown = "<5"
    /// How a hidden rate, mean or number of hours is written: it is not a count, so not "<5".
    public static let hidden = "not shown"

    public static func suppress(_ report: AnnualReport) -> AnnualReport {
        var out = report
        let columns: [String?] = [nil] + report.unitIDs
        func get(_ column: String?, _ key: String) -> FigureValue {
            column.map { out.units[$0]?[key] ?? .notAvailable } ?? out.area[key] ?? .notAvailable
        }
        func hide(_ column: String?, _ key: String) {
            if let column { out.units[column]?[key] = .suppressed } else { out.area[key] = .suppressed }
        }

        // Primary suppression: small counts.
        let counts = ReportCatalogue.figures.filter { $0.format == .count }.map(\.key)
        for column in columns {
            for key in counts {
                if let n = get(column, key).number, n < threshold { hide(column, key) }
            }
        }

        // Secondary suppression, to a fixed point: no additive group may have exactly one hidden cell.
        typealias Cell = (column: String?, key: String)
        var groups: [[Cell]] = []
        for column in columns {
            for group in ReportCatalogue.groups { groups.append([(column, group.total)] + group.parts.map { (column, $0) }) }
        }
        if report.unitIDs.count > 1 {
            for key in counts { groups.append([(nil, key)] + report.unitIDs.map { ($0, key) }) }
        }
        var changed = true
        while changed {
            changed = false
            for group in groups {
                let hidden = group.filter { get($0.column, $0.key) == .suppressed }
                guard hidden.count == 1 else { continue }
                // Hide the smallest visible part; only if none is left, the total.
                let parts = group.dropFirst().filter { get($0.column, $0.key).number != nil }
                if let next = parts.min(by: { get($0.column, $0.key).number! < get($1.column, $1.key).number! }) ?? group.first,
                   get(next.column, next.key) != .suppressed {
                    hide(next.column, next.key)
                    changed = true
                }
            }
        }

        // Derived figures go wherever a count they rest on went.
        for column in columns {
            for figure in ReportCatalogue.figures where figure.dependsOn.contains(where: { get(column, $0) == .suppressed }) {
                hide(column, figure.key)
            }
        }
        out.suppressed = true
        return out
    }

    /// A cell as it is written in a page, CSV or API for any audience.
    public static func text(_ value: FigureValue, format: FigureFormat) -> String {
        switch value {
        case .suppressed: return format == .count ? shown : hidden
        case .notAvailable: return "–"
        case .number(let n):
            switch format {
            case .count, .organisational: return String(Int(n))
            case .hours: return String(format: "%.1f", n)
            case .percentage: return String(format: "%.1f%%", n)
            case .uplift, .mean: return FeedbackUplift.formatted(n)
            }
        }
    }
}
