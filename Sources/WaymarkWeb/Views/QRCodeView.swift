import WaymarkCore

/// A QR code drawn as inline SVG: no image service ever sees the secret it carries.
enum QRCodeView {
    static func svg(_ text: String, label: String) -> Body {
        guard let code = try? QRCode(text: text) else { return UI.p("The code is too long to draw: type the key below instead.") }
        let side = code.size + 8
        return .element(named: "svg", nodes: [
            H.attr(("xmlns", "http://www.w3.org/2000/svg")), H.attr(("viewBox", "0 0 \(side) \(side)")),
            H.attr(("width", "240")), H.attr(("height", "240")), H.attr(("role", "img")), H.attr(("aria-labelledby", "qr-title")),
            H.attr(("class", "wm-qr-code")), H.attr(("shape-rendering", "crispEdges")),
            H.el("title", [("id", "qr-title")], label),
            H.void("rect", [("width", String(side)), ("height", String(side)), ("fill", "#ffffff")]),
            H.void("path", [("d", code.svgPathData(quietZone: 4)), ("fill", "#0b0c0c")]),
        ])
    }
}
