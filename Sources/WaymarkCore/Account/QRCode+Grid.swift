extension QRCode {
    /// The square of modules while the symbol is drawn. Function patterns (finders, separators,
    /// timing, alignment, format and version information) are `reserved`: the message is placed
    /// around them and masking leaves them alone, so a reader can always find and size the symbol.
    struct Grid: Sendable {
        let size: Int
        private(set) var dark: [Bool]
        private(set) var reserved: [Bool]

        init(version: Version) {
            size = version.size
            dark = Array(repeating: false, count: size * size)
            reserved = dark
            drawTimingPatterns()
            for (row, column) in [(3, 3), (3, size - 4), (size - 4, 3)] { drawFinder(row: row, column: column) }
            drawAlignmentPatterns(centres: version.alignmentCentres)
            // Held with mask 0 until a mask is chosen; `masked(with:)` writes the real bits.
            drawFormatInformation(mask: 0)
            drawVersionInformation(version.number)
        }

        /// The function patterns with the message placed round them, not yet masked.
        init(version: Version, message: [UInt8]) {
            self.init(version: version)
            place(message)
        }

        subscript(row: Int, column: Int) -> Bool { dark[row * size + column] }

        func isReserved(row: Int, column: Int) -> Bool { reserved[row * size + column] }

        private mutating func setFunction(row: Int, column: Int, dark isDark: Bool) {
            dark[row * size + column] = isDark
            reserved[row * size + column] = true
        }

        /// Row 6 and column 6 alternate dark and light between the finders: readers count them for the module size.
        private mutating func drawTimingPatterns() {
            for index in 0..<size {
                setFunction(row: 6, column: index, dark: index % 2 == 0)
                setFunction(row: index, column: 6, dark: index % 2 == 0)
            }
        }

        /// The 7×7 bull's-eye in a corner (rings 0 and 1 from the centre dark, 2 light, 3 dark) and the
        /// light separator round it (ring 4), clipped at the symbol's edges.
        private mutating func drawFinder(row: Int, column: Int) {
            for dy in -4...4 {
                for dx in -4...4 {
                    let r = row + dy, c = column + dx
                    guard (0..<size).contains(r), (0..<size).contains(c) else { continue }
                    let ring = max(abs(dx), abs(dy))
                    setFunction(row: r, column: c, dark: ring != 2 && ring != 4)
                }
            }
        }

        /// 5×5 targets at every pairing of the centres, except the three corners the finders hold.
        private mutating func drawAlignmentPatterns(centres: [Int]) {
            guard let first = centres.first, let last = centres.last else { return }
            func underFinder(_ row: Int, _ column: Int) -> Bool {
                [first, last].contains(row) && [first, last].contains(column) && !(row == last && column == last)
            }
            for row in centres {
                for column in centres where !underFinder(row, column) {
                    for dy in -2...2 {
                        for dx in -2...2 { setFunction(row: row + dy, column: column + dx, dark: max(abs(dx), abs(dy)) != 1) }
                    }
                }
            }
        }

        /// Both copies of the 15 format bits (level M and the mask), and the module that is always dark.
        mutating func drawFormatInformation(mask: Int) {
            let bits = FormatInformation.bits(mask: mask)
            func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
            // Round the top-left finder: down column 8, then leftwards along row 8, skipping the timing pattern.
            for index in 0...5 { setFunction(row: index, column: 8, dark: bit(index)) }
            setFunction(row: 7, column: 8, dark: bit(6))
            setFunction(row: 8, column: 8, dark: bit(7))
            setFunction(row: 8, column: 7, dark: bit(8))
            for index in 9..<15 { setFunction(row: 8, column: 14 - index, dark: bit(index)) }
            // Split between the other two finders: along row 8 at the top right, down column 8 at the bottom left.
            for index in 0..<8 { setFunction(row: 8, column: size - 1 - index, dark: bit(index)) }
            for index in 8..<15 { setFunction(row: size - 15 + index, column: 8, dark: bit(index)) }
            setFunction(row: size - 8, column: 8, dark: true)
        }

        /// From version 7, two 6×3 blocks (top right, and its mirror at the bottom left) give the version.
        private mutating func drawVersionInformation(_ version: Int) {
            guard version >= 7 else { return }
            let bits = FormatInformation.versionBits(version)
            for index in 0..<18 {
                let isDark = (bits >> index) & 1 == 1
                let near = index / 3, far = size - 11 + index % 3
                setFunction(row: near, column: far, dark: isDark)
                setFunction(row: far, column: near, dark: isDark)
            }
        }

        /// The message bits, most significant first, up and down two-column strips from the bottom
        /// right, skipping reserved modules and the vertical timing column. Modules left over (the
        /// remainder bits of some versions) stay light.
        private mutating func place(_ message: [UInt8]) {
            let bitCount = message.count * 8
            var next = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                let upward = ((right + 1) & 2) == 0
                for step in 0..<size {
                    let row = upward ? size - 1 - step : step
                    for column in [right, right - 1] where !isReserved(row: row, column: column) && next < bitCount {
                        dark[row * size + column] = (message[next / 8] >> (7 - next % 8)) & 1 == 1
                        next += 1
                    }
                }
                right -= 2
            }
        }

        /// The symbol as it would be printed with this mask: the message modules flipped where
        /// the mask's pattern says, and the format information naming the mask.
        func masked(with mask: Int) -> Grid {
            var grid = self
            for row in 0..<size {
                for column in 0..<size where !isReserved(row: row, column: column) && Self.flips(mask: mask, row: row, column: column) {
                    grid.dark[row * size + column].toggle()
                }
            }
            grid.drawFormatInformation(mask: mask)
            return grid
        }

        /// The eight data mask patterns (ISO/IEC 18004 table 10), i the row and j the column.
        static func flips(mask: Int, row i: Int, column j: Int) -> Bool {
            switch mask {
            case 0: (i + j) % 2 == 0
            case 1: i % 2 == 0
            case 2: j % 3 == 0
            case 3: (i + j) % 3 == 0
            case 4: (i / 2 + j / 3) % 2 == 0
            case 5: (i * j) % 2 + (i * j) % 3 == 0
            case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
            default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
            }
        }
    }
}
