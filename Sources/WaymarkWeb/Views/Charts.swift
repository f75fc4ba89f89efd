import Foundation
import Plot

/// Bar charts drawn on the server as inline SVG: no script, no external assets. Each chart is
/// an image with a title and a text description, and every chart is published beside a table
/// of the same numbers, so nothing is only in the picture. Series are told apart by position
/// and pattern as well as colour.
enum Chart {
    struct Series {
        let name: String
        /// Nil where the value is suppressed or not available: no bar is drawn.
        let values: [Double?]
        let labels: [String]
    }

    static let width = 760.0
    static let labelWidth = 330.0
    static let barHeight = 20.0
    static let gap = 12.0

    /// Horizontal grouped bars: one group per category, one bar per series, in legend order.
    static func bars(id: String, title: String, description: String, categories: [String], series: [Series]) -> Body {
        let maximum = max(1, series.flatMap { $0.values.compactMap { $0 } }.max() ?? 1)
        let groupHeight = Double(series.count) * barHeight + gap
        let legendHeight = 28.0
        let height = legendHeight + Double(categories.count) * groupHeight + 8
        let plotWidth = width - labelWidth - 70
        var nodes: [Body] = [
            H.el("title", [("id", "\(id)-title")], title),
            H.el("desc", [("id", "\(id)-desc")], description),
            H.el("defs", [], [
                H.el("pattern", [("id", "\(id)-hatch"), ("patternUnits", "userSpaceOnUse"), ("width", "6"), ("height", "6"),
                                 ("patternTransform", "rotate(45)")], [
                    H.el("rect", [("width", "6"), ("height", "6"), ("fill", "#b1b4b6")]),
                    H.el("line", [("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6"), ("stroke", "#505a5f"), ("stroke-width", "3")]),
                ]),
            ]),
        ]
        func fill(_ index: Int) -> String { index == series.count - 1 ? "#1d70b8" : "url(#\(id)-hatch)" }
        // Legend, in the same order as the bars in each group.
        var x = 0.0
        for (index, s) in series.enumerated() {
            nodes.append(H.el("rect", [("x", fmt(x)), ("y", "4"), ("width", "16"), ("height", "16"), ("fill", fill(index)), ("stroke", "#0b0c0c")]))
            nodes.append(H.el("text", [("x", fmt(x + 22)), ("y", "17"), ("class", "wm-chart__legend")], s.name))
            x += 40 + Double(s.name.count) * 10
        }
        for (c, category) in categories.enumerated() {
            let top = legendHeight + Double(c) * groupHeight
            nodes.append(H.el("text", [("x", fmt(labelWidth - 8)), ("y", fmt(top + Double(series.count) * barHeight / 2 + 5)),
                                       ("text-anchor", "end"), ("class", "wm-chart__label")], category))
            for (index, s) in series.enumerated() {
                let y = top + Double(index) * barHeight
                let value = c < s.values.count ? s.values[c] : nil
                let length = value.map { max(0, $0) / maximum * plotWidth } ?? 0
                if length > 0 {
                    nodes.append(H.el("rect", [("x", fmt(labelWidth)), ("y", fmt(y + 1)), ("width", fmt(length)), ("height", fmt(barHeight - 2)),
                                               ("fill", fill(index)), ("stroke", "#0b0c0c"), ("stroke-width", "0.5")]))
                }
                nodes.append(H.el("text", [("x", fmt(labelWidth + length + 6)), ("y", fmt(y + barHeight - 4)), ("class", "wm-chart__value")],
                                  c < s.labels.count ? s.labels[c] : ""))
            }
        }
        nodes.append(H.el("line", [("x1", fmt(labelWidth)), ("y1", fmt(legendHeight - 2)), ("x2", fmt(labelWidth)), ("y2", fmt(height - 6)),
                                   ("stroke", "#0b0c0c")]))
        return H.el("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("class", "wm-chart"), ("role", "img"),
                            ("aria-labelledby", "\(id)-title \(id)-desc"), ("viewBox", "0 0 \(fmt(width)) \(fmt(height))"),
                            ("focusable", "false")], nodes)
    }

    static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A chart and the table of its numbers, side by side on a wide screen.
    static func figure(chart: Body, table: Body) -> Body {
        H.el("div", [("class", "wm-chart-figure")], [
            H.el("div", [("class", "wm-chart-figure__chart")], [chart]),
            H.el("div", [("class", "wm-chart-figure__table")], [table]),
        ])
    }
}
