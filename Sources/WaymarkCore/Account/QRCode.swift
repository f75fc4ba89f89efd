/// A QR code (ISO/IEC 18004) for the two-step sign-in set-up page: the authenticator app scans the
/// `otpauth://` key URI straight from the screen, drawn as inline SVG, so the secret it carries never
/// goes to an image service.
///
/// Only what that page needs: byte mode, error correction level M (about 15% of the codewords may be
/// misread and the code still scans: a phone camera at arm's length, a glare on the screen), versions
/// 1 to 10 (up to 213 bytes; the provisioning URI for a 160-bit secret is about 135, version 8).
public struct QRCode: Sendable, Equatable {
    /// Modules per side, without the quiet zone: 21 for version 1, four more per version.
    public let size: Int
    public let version: Int
    /// The data mask (0...7) the symbol was drawn with; its format information says so to readers.
    let mask: Int
    /// Row by row, `true` for a dark module.
    let modules: [Bool]

    /// The text needs a bigger symbol than version 10 at level M holds.
    public struct TooLong: Error, Sendable, Equatable {
        public let byteCount: Int
        public static var byteLimit: Int { Version.largest.byteCapacity }
    }

    /// Encodes text as UTF-8 bytes (byte mode), error correction level M, the smallest version
    /// 1...10 that fits, the mask with the lowest penalty score (ISO/IEC 18004 rules).
    public init(text: String) throws {
        try self.init(bytes: Array(text.utf8))
    }

    /// Tests pin `version` and `mask` (0...7) to compare with another encoder's symbol module by
    /// module. A pinned version too small for the bytes is `TooLong`, as is anything past version 10.
    init(bytes: [UInt8], version pinnedVersion: Int? = nil, mask pinnedMask: Int? = nil) throws {
        let fitting = pinnedVersion.map(Version.numbered) ?? Version.smallest(holding: bytes.count)
        guard let version = fitting, bytes.count <= version.byteCapacity else { throw TooLong(byteCount: bytes.count) }
        let grid = Grid(version: version, message: version.message(carrying: bytes))
        let masks = pinnedMask.map { [$0 & 7] } ?? Array(0...7)
        // The first of equal scores wins, so ties go to the lower mask number, as other encoders do.
        let candidates = masks.map { mask in
            let masked = grid.masked(with: mask)
            return (mask: mask, grid: masked, penalty: Penalty.score(masked))
        }
        // `masks` is never empty; the fallback only spares a force unwrap.
        let best = candidates.min { $0.penalty < $1.penalty } ?? (mask: 0, grid: grid.masked(with: 0), penalty: 0)
        self.size = version.size
        self.version = version.number
        self.mask = best.mask
        self.modules = best.grid.dark
    }

    /// Outside the symbol is the quiet zone, which is light.
    public func isDark(row: Int, column: Int) -> Bool {
        guard (0..<size).contains(row), (0..<size).contains(column) else { return false }
        return modules[row * size + column]
    }

    /// SVG path data drawing every dark module (one `M{x} {y}h{n}v1h-{n}z` run per horizontal run
    /// of dark modules), in module units, offset by `quietZone` (default 4). The view draws it on a
    /// light square `size + 2 × quietZone` wide: readers need the light margin to find the symbol.
    public func svgPathData(quietZone: Int = 4) -> String {
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else { column += 1; continue }
                let start = column
                while column < size, isDark(row: row, column: column) { column += 1 }
                let run = column - start
                path += "M\(start + quietZone) \(row + quietZone)h\(run)v1h-\(run)z"
            }
        }
        return path
    }
}
