extension QRCode {
    /// Reed–Solomon error correction over GF(256) with the field polynomial x⁸+x⁴+x³+x²+1 (0x11D):
    /// the codewords that let a reader rebuild the parts of a block it could not read.
    enum ReedSolomon {
        /// Product in GF(256): carry-less multiplication, reduced by 0x11D whenever it overflows a byte.
        static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
            var product: UInt16 = 0
            var a = UInt16(a)
            var b = b
            while b != 0 {
                if b & 1 == 1 { product ^= a }
                a <<= 1
                if a & 0x100 != 0 { a ^= 0x11D }
                b >>= 1
            }
            return UInt8(truncatingIfNeeded: product)
        }

        /// The generator (x − α⁰)(x − α¹)…(x − α^(degree−1)), α = 2, as its coefficients below the
        /// leading 1, highest power first.
        static func generator(degree: Int) -> [UInt8] {
            guard degree > 0 else { return [] }
            var coefficients = [UInt8](repeating: 0, count: degree)
            coefficients[degree - 1] = 1
            var root: UInt8 = 1
            for _ in 0..<degree {
                // Multiply by (x − root); in GF(256) minus is plus, and both are XOR.
                for index in 0..<degree {
                    coefficients[index] = multiply(coefficients[index], root)
                    if index + 1 < degree { coefficients[index] ^= coefficients[index + 1] }
                }
                root = multiply(root, 2)
            }
            return coefficients
        }

        /// The error correction codewords: the block, shifted up by `degree`, modulo the generator.
        static func remainder(of block: [UInt8], degree: Int) -> [UInt8] {
            let divisor = generator(degree: degree)
            var remainder = [UInt8](repeating: 0, count: degree)
            guard degree > 0 else { return remainder }
            for codeword in block {
                let factor = codeword ^ remainder[0]
                remainder.removeFirst()
                remainder.append(0)
                for index in 0..<degree { remainder[index] ^= multiply(divisor[index], factor) }
            }
            return remainder
        }
    }
}
