enum QRCodeView {
    static func svg(_ text: String, label: String) -> Body { UI.p(label) }
}
