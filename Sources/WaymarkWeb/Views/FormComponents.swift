import Plot
import WaymarkCore

/// GOV.UK form patterns: label above the field, hint, inline error, error summary.
enum Form {
    static func csrf(_ token: String) -> Body {
        H.void("input", [("type", "hidden"), ("name", CSRF.field), ("value", token)])
    }

    static func hidden(_ name: String, _ value: String) -> Body {
        H.void("input", [("type", "hidden"), ("name", name), ("value", value)])
    }

    /// The id a field's error links to: the first of the three boxes for a date.
    static func anchor(for field: String, dateFields: Set<String>, firstOptionOf options: [String: String] = [:]) -> String {
        if dateFields.contains(field) { return "\(field)-day" }
        if let first = options[field] { return "\(field)-\(first)" }
        return field
    }

    /// `idPrefix` is for a page with several forms for the same fields (one per provider, say),
    /// whose fields were drawn with the same `idPrefix`.
    static func errorSummary(_ errors: [FieldError], dateFields: Set<String> = [], firstOptions: [String: String] = [:],
                             idPrefix: String = "") -> Body {
        guard !errors.isEmpty else { return .empty }
        return H.el("div", [("class", "wm-error-summary"), ("data-module", "error-summary"), ("tabindex", "-1"),
                            ("role", "alert"), ("aria-labelledby", "error-summary-title")], [
            H.el("h2", [("class", "wm-error-summary__title"), ("id", "error-summary-title")], "There is a problem"),
            H.el("ul", [("class", "wm-list wm-error-summary__list")], errors.map { error in
                H.el("li", [], [H.link(error.message, to: "#" + idPrefix + anchor(for: error.field, dateFields: dateFields, firstOptionOf: firstOptions))])
            }),
        ])
    }

    private static func group(_ field: String, error: String?, _ children: [Body]) -> Body {
        H.el("div", [("class", error == nil ? "wm-form-group" : "wm-form-group wm-form-group--error")], children)
    }

    private static func hintAndError(_ field: String, hint: String?, error: String?) -> (nodes: [Body], describedBy: String) {
        var nodes: [Body] = []
        var ids: [String] = []
        if let hint {
            nodes.append(H.el("div", [("class", "wm-hint"), ("id", "\(field)-hint")], hint))
            ids.append("\(field)-hint")
        }
        if let error {
            nodes.append(H.el("p", [("class", "wm-error-message"), ("id", "\(field)-error")], [
                H.el("span", [("class", "wm-visually-hidden")], "Error: "), .text(error),
            ]))
            ids.append("\(field)-error")
        }
        return (nodes, ids.joined(separator: " "))
    }

    static func text(_ field: String, label: String, value: String, hint: String? = nil, error: String?,
                     width: String? = nil, autocomplete: String? = nil, type: String = "text",
                     spellcheck: Bool? = nil, labelIsHeading: Bool = false, id: String? = nil) -> Body {
        let id = id ?? field
        let (extra, describedBy) = hintAndError(id, hint: hint, error: error)
        var attributes: [(String, String)] = [
            ("class", "wm-input" + (width.map { " wm-input--width-\($0)" } ?? "") + (error == nil ? "" : " wm-input--error")),
            ("id", id), ("name", field), ("type", type), ("value", value),
        ]
        if !describedBy.isEmpty { attributes.append(("aria-describedby", describedBy)) }
        if let autocomplete { attributes.append(("autocomplete", autocomplete)) }
        if let spellcheck { attributes.append(("spellcheck", spellcheck ? "true" : "false")) }
        let labelNode = H.el("label", [("class", "wm-label" + (labelIsHeading ? " wm-label--l" : "")), ("for", id)], label)
        return group(field, error: error, [labelIsHeading ? H.el("h1", [("class", "wm-label-wrapper")], [labelNode]) : labelNode]
                     + extra + [H.void("input", attributes)])
    }

    static func textarea(_ field: String, label: String, value: String, hint: String? = nil, error: String?,
                         maxLength: Int = InputRules.longTextLimit, rows: Int = 5) -> Body {
        let (extra, describedBy) = hintAndError(field, hint: hint ?? "You can enter up to \(maxLength) characters", error: error)
        return group(field, error: error, [H.el("label", [("class", "wm-label"), ("for", field)], label)] + extra + [
            H.el("textarea", [("class", "wm-textarea" + (error == nil ? "" : " wm-textarea--error")), ("id", field),
                              ("name", field), ("rows", String(rows)), ("aria-describedby", describedBy),
                              ("data-maxlength", String(maxLength))], value),
        ])
    }

    static func date(_ field: String, legend: String, hint: String?, state: FormState) -> Body {
        let error = state.error(field)
        let (extra, describedBy) = hintAndError(field, hint: hint, error: error)
        func box(_ part: String, _ label: String, width: String) -> Body {
            let id = "\(field)-\(part)"
            return H.el("div", [("class", "wm-date-input__item")], [
                H.el("div", [("class", "wm-form-group")], [
                    H.el("label", [("class", "wm-label wm-date-input__label"), ("for", id)], label),
                    H.void("input", [("class", "wm-input wm-input--width-\(width)" + (error == nil ? "" : " wm-input--error")),
                                     ("id", id), ("name", id), ("type", "text"), ("inputmode", "numeric"),
                                     ("value", state[id])]),
                ]),
            ])
        }
        return group(field, error: error, [
            H.el("fieldset", [("class", "wm-fieldset"), ("role", "group"), ("aria-describedby", describedBy)],
                 [H.el("legend", [("class", "wm-fieldset__legend")], legend)] + extra + [
                    H.el("div", [("class", "wm-date-input"), ("id", field)], [
                        box("day", "Day", width: "2"), box("month", "Month", width: "2"), box("year", "Year", width: "4"),
                    ]),
                 ]),
        ])
    }

    struct Option {
        let value: String
        let label: String
        var hint: String? = nil
    }

    static func radios(_ field: String, legend: String, options: [Option], selected: String, hint: String? = nil,
                       error: String?, inline: Bool = false, id: String? = nil) -> Body {
        choices(field, type: "radio", legend: legend, options: options, selected: [selected], hint: hint, error: error,
                inline: inline, id: id ?? field)
    }

    static func checkboxes(_ field: String, legend: String, options: [Option], selected: [String], hint: String? = nil,
                           error: String?) -> Body {
        choices(field, type: "checkbox", legend: legend, options: options, selected: selected, hint: hint, error: error,
                inline: false, id: field)
    }

    private static func choices(_ field: String, type: String, legend: String, options: [Option], selected: [String],
                                hint: String?, error: String?, inline: Bool, id groupID: String) -> Body {
        let (extra, describedBy) = hintAndError(groupID, hint: hint, error: error)
        let name = type == "checkbox" ? "\(field)[]" : field
        let plural = type == "checkbox" ? "checkboxes" : "radios"
        let items: [Body] = options.map { option in
            let id = "\(groupID)-\(option.value)"
            var attributes: [(String, String)] = [("class", "wm-\(plural)__input"), ("id", id), ("name", name),
                                                  ("type", type), ("value", option.value)]
            if selected.contains(option.value) { attributes.append(("checked", "checked")) }
            if let _ = option.hint { attributes.append(("aria-describedby", "\(id)-hint")) }
            return H.el("div", [("class", "wm-\(plural)__item")], [
                H.void("input", attributes),
                H.el("label", [("class", "wm-label wm-\(plural)__label"), ("for", id)], option.label),
                option.hint.map { H.el("div", [("class", "wm-hint wm-\(plural)__hint"), ("id", "\(id)-hint")], $0) } ?? .empty,
            ])
        }
        var fieldset: [(String, String)] = [("class", "wm-fieldset")]
        if !describedBy.isEmpty { fieldset.append(("aria-describedby", describedBy)) }
        return group(field, error: error, [
            H.el("fieldset", fieldset, [H.el("legend", [("class", "wm-fieldset__legend")], legend)] + extra + [
                // The id lets an error summary link to the group when a page names no first option;
                // waymark.js then focuses the first choice in it.
                H.el("div", [("class", "wm-\(plural)" + (inline ? " wm-\(plural)--inline" : "")), ("id", groupID)], items),
            ]),
        ])
    }

    static func select(_ field: String, label: String, options: [Option], selected: String, hint: String? = nil,
                       error: String?, blank: String? = "Select", id: String? = nil) -> Body {
        let id = id ?? field
        let (extra, describedBy) = hintAndError(id, hint: hint, error: error)
        var optionNodes: [Body] = []
        if let blank { optionNodes.append(H.el("option", [("value", "")], blank)) }
        for option in options {
            var attributes = [("value", option.value)]
            if option.value == selected { attributes.append(("selected", "selected")) }
            optionNodes.append(H.el("option", attributes, option.label))
        }
        var attributes: [(String, String)] = [("class", "wm-select" + (error == nil ? "" : " wm-select--error")),
                                              ("id", id), ("name", field)]
        if !describedBy.isEmpty { attributes.append(("aria-describedby", describedBy)) }
        return group(field, error: error, [H.el("label", [("class", "wm-label"), ("for", id)], label)] + extra
                     + [H.el("select", attributes, optionNodes)])
    }

    static func button(_ text: String, secondary: Bool = false, warning: Bool = false) -> Body {
        let cls = "wm-button" + (secondary ? " wm-button--secondary" : "") + (warning ? " wm-button--warning" : "")
        return H.el("button", [("type", "submit"), ("class", cls), ("data-prevent-double-click", "true")], text)
    }

    static func buttonLink(_ text: String, to href: String, secondary: Bool = false) -> Body {
        H.el("a", [("href", href), ("role", "button"), ("draggable", "false"),
                   ("class", "wm-button" + (secondary ? " wm-button--secondary" : ""))], text)
    }
}

extension Node {
    static var empty: Node { .group([]) }
}
