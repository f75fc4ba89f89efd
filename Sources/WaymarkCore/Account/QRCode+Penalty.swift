extension QRCode {
    /// How hard a masked symbol is to read (ISO/IEC 18004 section 7.8.3): long runs and blocks of
    /// one colour, shapes a reader could take for a finder pattern, and too much dark or light.
    /// The mask with the lowest score is the one drawn. Scored on the whole symbol as printed,
    /// format and version information included.
    enum Penalty {
        static func score(_ grid: Grid) -> Int {
            let rows = (0..<grid.size).map { row in (0..<grid.size).map { grid[row, $0] } }
            let columns = (0..<grid.size).map { column in (0..<grid.size).map { grid[$0, column] } }
            let lines = rows + columns
            return lines.map(runs).reduce(0, +) + blocks(rows) + lines.map(finderLookalikes).reduce(0, +) + balance(rows)
        }

        /// N1: five or more modules of one colour in a row or column score 3, and 1 for each one past five.
        static func runs(_ line: [Bool]) -> Int {
            var score = 0
            var length = 0
            for (index, module) in line.enumerated() {
                length = index > 0 && module == line[index - 1] ? length + 1 : 1
                if index == line.count - 1 || module != line[index + 1], length >= 5 { score += 3 + (length - 5) }
            }
            return score
        }

        /// N2: every 2×2 square of one colour scores 3 (overlapping squares each count, so an m×n
        /// block scores 3(m−1)(n−1)).
        static func blocks(_ rows: [[Bool]]) -> Int {
            var score = 0
            for row in 1..<max(1, rows.count) {
                for column in 1..<max(1, rows[row].count) {
                    let colour = rows[row][column]
                    if rows[row][column - 1] == colour, rows[row - 1][column] == colour, rows[row - 1][column - 1] == colour { score += 3 }
                }
            }
            return score
        }

        /// N3: 40 for each dark-light-dark-dark-dark-light-dark (1:1:3:1:1) in a row or column with four
        /// light modules before or after it. Past the edge counts as light (it is the quiet zone). A
        /// counted shape is skipped over whole, so its modules do not start another.
        static func finderLookalikes(_ line: [Bool]) -> Int {
            let shape = [true, false, true, true, true, false, true]
            func isLight(_ index: Int) -> Bool { !line.indices.contains(index) || !line[index] }
            var score = 0
            var start = 0
            while start + shape.count <= line.count {
                guard line[start..<start + shape.count].elementsEqual(shape) else { start += 1; continue }
                let lightBefore = (start - 4..<start).allSatisfy(isLight)
                let lightAfter = (start + 7..<start + 11).allSatisfy(isLight)
                if lightBefore || lightAfter {
                    score += 40
                    start += shape.count
                } else {
                    start += 1
                }
            }
            return score
        }

        /// N4: 10 for each whole 5% that the share of dark modules is away from half.
        static func balance(_ rows: [[Bool]]) -> Int {
            let total = rows.reduce(0) { $0 + $1.count }
            guard total > 0 else { return 0 }
            let dark = rows.reduce(0) { $0 + $1.filter { $0 }.count }
            // |dark/total − 1/2| in whole 5% steps, in integers: |2·dark − total| · 10 / total.
            return abs(2 * dark - total) * 10 / total * 10
        }
    }
}
