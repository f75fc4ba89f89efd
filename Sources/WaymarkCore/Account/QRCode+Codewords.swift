extension QRCode.Version {
    /// Everything the symbol carries, in placement order: the data codewords, each block's error
    /// correction codewords computed, then the blocks interleaved so a smudge spread along the
    /// placement path damages several blocks a little rather than one beyond repair.
    func message(carrying bytes: [UInt8]) -> [UInt8] {
        var blocks: [[UInt8]] = []
        var rest = ArraySlice(dataCodewords(carrying: bytes))
        for length in blockLengths {
            blocks.append(Array(rest.prefix(length)))
            rest = rest.dropFirst(length)
        }
        let correction = blocks.map { QRCode.ReedSolomon.remainder(of: $0, degree: correctionPerBlock) }
        var message: [UInt8] = []
        message.reserveCapacity(totalCodewords)
        for index in 0..<(blockLengths.max() ?? 0) {
            for block in blocks where index < block.count { message.append(block[index]) }
        }
        for index in 0..<correctionPerBlock {
            for block in correction { message.append(block[index]) }
        }
        return message
    }

    /// The byte-mode segment (mode 0100, the byte count, the bytes), the terminator, zero bits to
    /// the next byte, then the two pad codewords the standard names, in turn, to fill the version.
    func dataCodewords(carrying bytes: [UInt8]) -> [UInt8] {
        var bits = QRCode.BitStream()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: countBits)
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacity = dataCodewords * 8
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        let pads: [UInt8] = [0xEC, 0x11]
        for index in 0..<max(0, dataCodewords - codewords.count) { codewords.append(pads[index % 2]) }
        return codewords
    }
}

extension QRCode {
    /// Bits written most significant first, as the symbol reads them.
    struct BitStream: Sendable {
        private(set) var bits: [Bool] = []

        var count: Int { bits.count }

        mutating func append(_ value: Int, count: Int) {
            guard count > 0 else { return }
            for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
        }

        /// Whole bytes only; the encoder pads to a byte boundary before asking.
        var bytes: [UInt8] {
            stride(from: 0, to: bits.count - bits.count % 8, by: 8).map { start in
                bits[start..<start + 8].reduce(0) { ($0 << 1) | ($1 ? 1 : 0) }
            }
        }
    }
}
