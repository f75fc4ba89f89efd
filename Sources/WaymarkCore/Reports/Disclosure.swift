import Foundation

/// Statistical disclosure control for the reports a commissioner sees: every count below the
/// threshold becomes `<5`, and further counts are withheld ("not shown") wherever a hidden
/// count could be worked out from a total and the visible counts. Commissioners see one area at a
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
        func set(_ column: String?, _ key: String, _ value: FigureValue) {
            if let column { out.units[column]?[key] = value } else { out.area[key] = value }
        }

        // Primary suppression: small counts.
        let counts = ReportCatalogue.figures.filter { $0.format == .count }.map(\.key)
        for column in columns {
            for key in counts {
                if let n = get(column, key).number, n < threshold { set(column, key, .suppressed) }
            }
        }

        // Secondary suppression, to a fixed point: in every set of counts that add up, no hidden
        // cell may be pinned to one value by the visible ones and by what "<5" (0 to 4) and
        // "not shown" (5 or more) say about the hidden ones.
        var groups: [[Cell]] = []
        for column in columns {
            for group in ReportCatalogue.groups { groups.append([Cell(column, group.total)] + group.parts.map { Cell(column, $0) }) }
        }
        if report.unitIDs.count > 1 {
            for key in counts { groups.append([Cell(nil, key)] + report.unitIDs.map { Cell($0, key) }) }
        }
        var changed = true
        while changed {
            changed = false
            for group in groups where pinsAHiddenCell(group.map { get($0.column, $0.key) }) {
                // Withhold the smallest visible part; only if none is left, the total.
                let parts = group.dropFirst().filter { get($0.column, $0.key).number != nil }
                guard let next = parts.min(by: { get($0.column, $0.key).number! < get($1.column, $1.key).number! })
                    ?? (get(group[0].column, group[0].key).number != nil ? group[0] : nil) else { continue }
                set(next.column, next.key, .withheld)
                changed = true
            }
        }

        // Derived figures go wherever a count they rest on went.
        for column in columns {
            for figure in ReportCatalogue.figures where figure.dependsOn.contains(where: { get(column, $0).isHidden }) {
                set(column, figure.key, .suppressed)
            }
        }
        out.suppressed = true
        return out
    }

    struct Cell {
        let column: String?
        let key: String
        init(_ column: String?, _ key: String) {
            self.column = column
            self.key = key
        }
    }

    /// Whether a reader could work out a hidden cell exactly. `cells` is a total then its
    /// parts; each cell's possible values are narrowed by the others through total = sum of
    /// parts, as someone subtracting would.
    static func pinsAHiddenCell(_ cells: [FigureValue]) -> Bool {
        guard cells.contains(where: \.isHidden) else { return false }
        // Large enough for any count, small enough that adding a count to it stays exact.
        let unbounded = 1e12
        var ranges: [(lo: Double, hi: Double)] = cells.map { value in
            switch value {
            case .number(let n): (n, n)
            case .suppressed: (0, threshold - 1)
            case .withheld: (threshold, unbounded)
            case .notAvailable: (0, unbounded)
            }
        }
        for _ in 0..<3 {
            let partsLo = ranges.dropFirst().map(\.lo).reduce(0, +), partsHi = ranges.dropFirst().map(\.hi).reduce(0, +)
            ranges[0] = (max(ranges[0].lo, partsLo), min(ranges[0].hi, partsHi))
            for i in 1..<ranges.count {
                let othersLo = partsLo - ranges[i].lo, othersHi = partsHi - ranges[i].hi
                ranges[i] = (max(ranges[i].lo, ranges[0].lo - othersHi), min(ranges[i].hi, ranges[0].hi - othersLo))
            }
        }
        return cells.indices.contains { cells[$0].isHidden && ranges[$0].lo >= ranges[$0].hi }
    }

    /// A single count outside any total (as in demand and capacity): `<5` when small, for a commissioner.
    public static func count(_ n: Int, suppressed: Bool) -> FigureValue {
        suppressed && Double(n) < threshold ? .suppressed : .number(Double(n))
    }

    /// A cell as it is written in a page, CSV or API for any audience.
    public static func text(_ value: FigureValue, format: FigureFormat) -> String {
        switch value {
        case .suppressed: return format == .count ? shown : hidden
        case .withheld: return hidden
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
