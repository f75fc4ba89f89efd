extension QRCode {
    /// The small codes that tell a reader how to read the rest: the error correction level and mask
    /// (format, a BCH(15,5) code) and, from version 7, the version (a BCH(18,6) code). Both are
    /// error-correcting themselves, since nothing else can be read without them.
    enum FormatInformation {
        /// Level M's two bits in the format information (L 01, M 00, Q 11, H 10).
        static let levelM = 0b00

        /// The level and mask, ten BCH check bits (generator 0x537), then XOR 0x5412 so that the
        /// bits are never all light whatever the level and mask.
        static func bits(mask: Int) -> Int {
            let data = levelM << 3 | (mask & 7)
            return (data << 10 | remainder(data, checkBits: 10, generator: 0x537)) ^ 0x5412
        }

        /// The version, then twelve BCH check bits (generator 0x1F25).
        static func versionBits(_ version: Int) -> Int {
            version << 12 | remainder(version, checkBits: 12, generator: 0x1F25)
        }

        /// The check bits: `data` shifted up by `checkBits`, modulo the generator, over GF(2).
        static func remainder(_ data: Int, checkBits: Int, generator: Int) -> Int {
            var remainder = data
            for _ in 0..<checkBits {
                remainder = (remainder << 1) ^ ((remainder >> (checkBits - 1)) & 1 == 1 ? generator : 0)
            }
            return remainder & ((1 << checkBits) - 1)
        }
    }
}
