import Plot

/// A thin layer over Plot's nodes. Plot escapes text but writes attribute values as given,
/// so every attribute goes through `escapeAttribute` here: nothing a user typed can leave
/// its quotes.
typealias Body = Node<HTML.BodyContext>

enum H {
    static func el(_ name: String, _ attributes: [(String, String)] = [], _ children: [Body] = []) -> Body {
        .element(named: name, nodes: attributes.map(attr) + children)
    }

    static func el(_ name: String, _ attributes: [(String, String)] = [], _ text: String) -> Body {
        el(name, attributes, [.text(text)])
    }

    /// An element with no closing tag (`input`, `meta`, `link`).
    static func void(_ name: String, _ attributes: [(String, String)]) -> Body {
        .selfClosedElement(named: name, attributes: attributes.map {
            Attribute(name: $0.0, value: escapeAttribute($0.1), ignoreIfValueIsEmpty: false)
        })
    }

    static func attr(_ pair: (String, String)) -> Body {
        .attribute(named: pair.0, value: escapeAttribute(pair.1), ignoreIfValueIsEmpty: false)
    }

    static func text(_ text: String) -> Body { .text(text) }

    static func group(_ nodes: [Body]) -> Body { .group(nodes) }

    static func link(_ text: String, to href: String, _ attributes: [(String, String)] = []) -> Body {
        el("a", [("class", "wm-link"), ("href", href)] + attributes, text)
    }

    static func escapeAttribute(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.count)
        for ch in value {
            switch ch {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(ch)
            }
        }
        return out
    }
}
