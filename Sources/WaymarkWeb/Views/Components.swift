import Plot
import WaymarkCore

/// GOV.UK and MoJ display patterns.
enum UI {
    static func heading(_ text: String, caption: String? = nil, size: String = "l") -> Body {
        H.group([
            caption.map { H.el("span", [("class", "wm-caption-\(size)")], $0) } ?? .empty,
            H.el("h1", [("class", "wm-heading-\(size)")], text),
        ])
    }

    static func p(_ text: String, _ cls: String = "wm-body") -> Body { H.el("p", [("class", cls)], text) }

    struct Row {
        let key: String
        let value: Body
        var change: (href: String, hidden: String)? = nil
    }

    static func summaryList(_ rows: [Row]) -> Body {
        H.el("dl", [("class", "wm-summary-list")], rows.map { row in
            H.el("div", [("class", "wm-summary-list__row")], [
                H.el("dt", [("class", "wm-summary-list__key")], row.key),
                H.el("dd", [("class", "wm-summary-list__value")], [row.value]),
                row.change.map { change in
                    H.el("dd", [("class", "wm-summary-list__actions")], [
                        H.el("a", [("class", "wm-link"), ("href", change.href)], [
                            .text("Change"), H.el("span", [("class", "wm-visually-hidden")], " " + change.hidden),
                        ]),
                    ])
                } ?? .empty,
            ])
        })
    }

    struct Column {
        let title: String
        var numeric = false
        var sortable = false
    }

    static func table(caption: String, columns: [Column], rows: [[Body]], sortable: Bool = false) -> Body {
        H.el("table", [("class", "wm-table")] + (sortable ? [("data-module", "sortable-table")] : []), [
            H.el("caption", [("class", "wm-table__caption")], caption),
            H.el("thead", [("class", "wm-table__head")], [
                H.el("tr", [("class", "wm-table__row")], columns.map { column in
                    H.el("th", [("scope", "col"), ("class", "wm-table__header" + (column.numeric ? " wm-table__header--numeric" : ""))]
                         + (sortable ? [("aria-sort", "none")] : []), column.title)
                }),
            ]),
            H.el("tbody", [("class", "wm-table__body")], rows.map { cells in
                H.el("tr", [("class", "wm-table__row")], zip(columns, cells).enumerated().map { index, pair in
                    let (column, cell) = pair
                    let cls = "wm-table__cell" + (column.numeric ? " wm-table__cell--numeric" : "")
                    return index == 0 ? H.el("th", [("scope", "row"), ("class", cls)], [cell]) : H.el("td", [("class", cls)], [cell])
                })
            }),
        ])
    }

    /// A tag never relies on colour alone: its text says the state.
    static func tag(_ text: String, _ colour: String = "grey") -> Body {
        H.el("strong", [("class", "wm-tag wm-tag--\(colour)")], text)
    }

    static func roshTag(_ rosh: RoSH?) -> Body {
        guard let rosh else { return tag("RoSH not assessed", "grey") }
        let colour = switch rosh {
        case .low: "green"
        case .medium: "yellow"
        case .high: "orange"
        case .veryHigh: "red"
        }
        return tag("\(rosh.label) RoSH", colour)
    }

    static func inset(_ children: [Body]) -> Body { H.el("div", [("class", "wm-inset-text")], children) }

    static func warning(_ text: String) -> Body {
        H.el("div", [("class", "wm-warning-text")], [
            H.el("span", [("class", "wm-warning-text__icon"), ("aria-hidden", "true")], "!"),
            H.el("strong", [("class", "wm-warning-text__text")], [
                H.el("span", [("class", "wm-visually-hidden")], "Warning"), .text(text),
            ]),
        ])
    }

    static func pagination(next: String?, previous: String? = nil) -> Body {
        guard next != nil || previous != nil else { return .empty }
        return H.el("nav", [("class", "wm-pagination"), ("aria-label", "Pagination")], [
            previous.map { H.el("div", [("class", "wm-pagination__prev")], [H.el("a", [("class", "wm-link"), ("href", $0), ("rel", "prev")], "Previous page")]) } ?? .empty,
            next.map { H.el("div", [("class", "wm-pagination__next")], [H.el("a", [("class", "wm-link"), ("href", $0), ("rel", "next")], "Next page")]) } ?? .empty,
        ])
    }

    static func subNavigation(label: String, items: [(String, String, Bool)]) -> Body {
        H.el("nav", [("class", "wm-sub-navigation"), ("aria-label", label)], [
            H.el("ul", [("class", "wm-sub-navigation__list")], items.map { item in
                var attributes = [("class", "wm-sub-navigation__link"), ("href", item.1)]
                if item.2 { attributes.append(("aria-current", "page")) }
                return H.el("li", [("class", "wm-sub-navigation__item")], [H.el("a", attributes, item.0)])
            }),
        ])
    }
}
