extension QRCode {
    /// One symbol size at error correction level M: how many codewords it holds and how they are
    /// cut into Reed–Solomon blocks (ISO/IEC 18004 tables 7 and 9), and where its alignment
    /// patterns sit (annex E).
    struct Version: Sendable {
        let number: Int
        /// Error correction codewords added to each block.
        let correctionPerBlock: Int
        /// Data codewords of each block, in order. Where blocks differ, the short ones come first.
        let blockLengths: [Int]
        /// Row and column centres of the alignment patterns.
        let alignmentCentres: [Int]

        var size: Int { 17 + 4 * number }
        var dataCodewords: Int { blockLengths.reduce(0, +) }
        var totalCodewords: Int { dataCodewords + correctionPerBlock * blockLengths.count }
        /// Byte mode counts its bytes in 8 bits up to version 9, in 16 from version 10.
        var countBits: Int { number <= 9 ? 8 : 16 }
        /// Bytes byte mode can carry once its 4-bit mode and its count are written.
        var byteCapacity: Int { (dataCodewords * 8 - 4 - countBits) / 8 }

        static let all: [Version] = [
            Version(number: 1, correctionPerBlock: 10, blocks: [(1, 16)], alignmentCentres: []),
            Version(number: 2, correctionPerBlock: 16, blocks: [(1, 28)], alignmentCentres: [6, 18]),
            Version(number: 3, correctionPerBlock: 26, blocks: [(1, 44)], alignmentCentres: [6, 22]),
            Version(number: 4, correctionPerBlock: 18, blocks: [(2, 32)], alignmentCentres: [6, 26]),
            Version(number: 5, correctionPerBlock: 24, blocks: [(2, 43)], alignmentCentres: [6, 30]),
            Version(number: 6, correctionPerBlock: 16, blocks: [(4, 27)], alignmentCentres: [6, 34]),
            Version(number: 7, correctionPerBlock: 18, blocks: [(4, 31)], alignmentCentres: [6, 22, 38]),
            Version(number: 8, correctionPerBlock: 22, blocks: [(2, 38), (2, 39)], alignmentCentres: [6, 24, 42]),
            Version(number: 9, correctionPerBlock: 22, blocks: [(3, 36), (2, 37)], alignmentCentres: [6, 26, 46]),
            Version(number: 10, correctionPerBlock: 26, blocks: [(4, 43), (1, 44)], alignmentCentres: [6, 28, 50]),
        ]

        static var largest: Version { all[all.count - 1] }

        static func numbered(_ number: Int) -> Version? {
            all.first { $0.number == number }
        }

        static func smallest(holding byteCount: Int) -> Version? {
            all.first { byteCount <= $0.byteCapacity }
        }

        private init(number: Int, correctionPerBlock: Int, blocks: [(count: Int, length: Int)], alignmentCentres: [Int]) {
            self.number = number
            self.correctionPerBlock = correctionPerBlock
            self.blockLengths = blocks.flatMap { Array(repeating: $0.length, count: $0.count) }
            self.alignmentCentres = alignmentCentres
        }
    }
}
