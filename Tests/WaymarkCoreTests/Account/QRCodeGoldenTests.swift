import Testing
@testable import WaymarkCore

/// Symbols drawn by two other encoders, compared module by module: the surest sign that a phone
/// will read ours, since a reader is far more forgiving than this comparison.
///
/// Produced with segno 1.6.6 (Python), forced to our level, version, mode and mask:
///
///     segno.make_qr(text, error='m', version=V, mode='byte', mask=K, boost_error=False, encoding='utf-8', eci=False)
///     rows = [''.join(str(bit) for bit in row) for row in qr.matrix]
///
/// with segno's one known fault patched first (heuer/segno issues #123 and #148: when the bit stream
/// already ends on a byte it writes an extra zero byte before the pad codewords; readers skip it, the
/// standard does not allow it, and in byte mode it happens every time):
///
///     segno.encoder.write_padding_bits = lambda buff, version, length: buff.extend([0] * (-length % 8))
///
/// Nayuki's qrcodegen 1.8.0, unpatched, gives the same rows:
/// `QrCode.encode_segments([QrSegment.make_bytes(text.encode())], QrCode.Ecc.MEDIUM, V, V, K, False)`.
///
/// `penalties` are segno's own scores for masks 0 to 7, `sum(segno.encoder.mask_scores(qr.matrix, n, n))`,
/// each on the complete symbol drawn with that mask. Segno's automatic choice scores the symbol before
/// its format information is drawn, so for "Waymark" it picks mask 0 where we (scoring the symbol as
/// printed, as zxing and qrcodegen do) pick mask 7; the rows are pinned to our mask.
@Suite("QR code matches independent encoders")
struct QRCodeGoldenTests {
    struct Golden: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let version: Int
        let mask: Int
        let penalties: [Int]
        let rows: [String]

        var testDescription: String { name }
    }

    @Test("The symbol matches the other encoders' module for module", arguments: Golden.all)
    func matchesGolden(_ golden: Golden) throws {
        let code = try QRCode(text: golden.text)
        #expect(code.version == golden.version)
        #expect(code.mask == golden.mask)
        #expect(code.size == golden.rows.count)
        for (row, expected) in golden.rows.enumerated() {
            let drawn = String((0..<code.size).map { code.isDark(row: row, column: $0) ? "1" : "0" })
            #expect(drawn == expected, "row \(row)")
        }
    }

    @Test("Each mask's penalty is the score segno gives the same symbol", arguments: Golden.all)
    func penaltiesMatchSegno(_ golden: Golden) throws {
        let version = try #require(QRCode.Version.numbered(golden.version))
        let grid = QRCode.Grid(version: version, message: version.message(carrying: Array(golden.text.utf8)))
        #expect((0...7).map { QRCode.Penalty.score(grid.masked(with: $0)) } == golden.penalties)
    }
}

extension QRCodeGoldenTests.Golden {
    static let all = [waymark, twoStepPage, provisioningURI]

    static let waymark = Self(
        name: "Waymark, version 1", text: "Waymark", version: 1, mask: 7,
        penalties: [1060, 1070, 1127, 1050, 1040, 1067, 1047, 1031],
        rows: [
            "111111100011001111111",
            "100000100110001000001",
            "101110100101001011101",
            "101110100000101011101",
            "101110100100101011101",
            "100000101101101000001",
            "111111101010101111111",
            "000000000101100000000",
            "100101101010010100000",
            "101110000000001101011",
            "001011100000110001101",
            "110000000101000011000",
            "101011101110101001011",
            "000000001111000101110",
            "111111100110010110110",
            "100000101001110110001",
            "101110100101001000001",
            "101110101001000011111",
            "101110100100100111101",
            "100000100100011010000",
            "111111101011100011010",
        ])

    static let twoStepPage = Self(
        name: "The two-step page address, version 4", text: "https://waymark.example.org/account/two-step", version: 4, mask: 2,
        penalties: [1595, 1505, 1380, 1441, 1491, 1494, 1482, 1614],
        rows: [
            "111111100110010011111011001111111",
            "100000100111111111000010001000001",
            "101110101001110101100000101011101",
            "101110101110001110001110101011101",
            "101110101101000101100100101011101",
            "100000101001010110001000101000001",
            "111111101010101010101010101111111",
            "000000001000001100100100100000000",
            "101111100010011101001010101111100",
            "001101011001000010111101001101101",
            "010000110100100110101100011010110",
            "110011001000001010001110011011110",
            "011011111110100000110101000111010",
            "000111001101111110001011001001011",
            "111000111001010000010000011010010",
            "011101010010111010011110011001100",
            "001011110010000001110000110111001",
            "011101001101010001111001011101111",
            "001000101100001111001010011110110",
            "110010011100111011100000110111111",
            "010011101001100110001111110011011",
            "100001000010011101100001011001101",
            "100110101000011111001010110100110",
            "100001010100101100100100011000100",
            "101011100111011101000010111110011",
            "000000001101101010111101100010101",
            "111111100101000100100101101010110",
            "100000101111010000000111100011111",
            "101110101111001100110100111111000",
            "101110101000110111001111110011001",
            "101110101001001001010110101101000",
            "100000100111000010011111000011100",
            "111111101000010011011011111101010",
        ])

    static let provisioningURI = Self(
        name: "A provisioning URI, version 8", text: QRCodeTests.provisioningURI, version: 8, mask: 6,
        penalties: [2773, 2510, 2581, 2522, 2435, 2372, 2371, 2678],
        rows: [
            "1111111011101010010001100001000100101000101111111",
            "1000001010000011011110101111101000100011101000001",
            "1011101011100000101001101011000110100101101011101",
            "1011101001110001110010110011110111011101001011101",
            "1011101010000001011101111110011110001100001011101",
            "1000001001110110010011100010100010001110001000001",
            "1111111010101010101010101010101010101010101111111",
            "0000000001101111001000100010001001110111100000000",
            "1001111110001111101101111110110100101010010010111",
            "1100100001011000101110000110111111101110111101110",
            "0100101110110101100100000001011001001000010111001",
            "1111110110101110011001110010000011101001001001101",
            "0000001010010011001010001000101010101110111010100",
            "0101000101111100000110000110111101010111011110010",
            "1011011110001101010000101011100100010111100100111",
            "0101110010001001110010111101101011000110010000110",
            "0011111100111001000110001011001010101000100111100",
            "1100110100000000010101111101111001110001101011100",
            "0011101000011100101010110101101111011100000001111",
            "1010010101011111100000010110100000010011100001011",
            "0110011100110101000000011000100000111101010000001",
            "0000010001110100010110010010011111110110101110101",
            "0000111111001010000100111110010010111000111111001",
            "1010100011100000101100100011101100000101100011100",
            "0100101011100010011001101010111011001010101011011",
            "1010100010001110001011100010011001011011100010000",
            "0011111111110100111001111111011001111110111111111",
            "1110100101100011010110111110001100100111110111111",
            "0001111111101100101011101100001111111001110001011",
            "1100110000101111011110111110001100111101101101110",
            "1110011000111010001100001010000110011101001011001",
            "1000000111101110000001001100010001010010110101010",
            "1101001101101110010010010100000101111111100001011",
            "0100110001001011110011111100010100111110101110101",
            "1111101000110011011111100110111010101101111011001",
            "0101110101011001100110100100010010000111100011111",
            "0011001100011111101011001011110010101001011101010",
            "1011010111110010110010011001111001010011100111110",
            "0100011101011010010010101001000001001011111001101",
            "0111000111100001101010001000101110100011100111111",
            "1110001101010011111001111110011111101101111111110",
            "0000000010101101101101100011101111110100100011110",
            "1111111010100100100111101010111110111000101010101",
            "1000001010101011011110100010101101110100100011001",
            "1011101011011111000000111111100000111000111111100",
            "1011101010010100011011100101011111101111001101101",
            "1011101001001100010111101000110100001100000111010",
            "1000001001011001000000100111111111010000101101111",
            "1111111011001001110100101111101110101110101111001",
        ])
}
