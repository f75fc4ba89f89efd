import Foundation
import Testing
@testable import WaymarkCore

@Suite("CRN")
struct CRNTests {

    @Test("Accepts one capital letter and six digits", arguments: ["X123456", "A000000", "Z999999", "B101010"])
    func accepts(text: String) throws {
        let crn = try #require(CRN(text))
        #expect(crn.value == text)
        #expect(crn.description == text)
    }

    @Test("Normalises case and surrounding spaces", arguments: [
        ("x123456", "X123456"),
        (" X123456", "X123456"),
        ("X123456  ", "X123456"),
        ("\tx654321 ", "X654321"),
    ])
    func normalises(text: String, expected: String) throws {
        let crn = try #require(CRN(text))
        #expect(crn.value == expected)
    }

    @Test("Refuses anything else", arguments: [
        "", " ", "X12345", "X1234567", "1234567", "XX12345", "XX123456", "X12345A", "X 123456",
        "X-123456", "123456X", "X12 3456", "Ä123456", "Ω123456", "X１２３４５６", "X123456\n", "X12345.6",
        "X123456X", "-123456", "X+12345",
    ])
    func refuses(text: String) {
        #expect(CRN(text) == nil)
    }

    @Test("Two spellings of the same CRN are the same CRN")
    func equality() {
        #expect(CRN("x123456") == CRN("X123456"))
        let spellings = ["x123456", " X123456 ", "X123456"].compactMap { CRN($0) }
        #expect(spellings.count == 3)
        #expect(Set(spellings).count == 1)
        #expect(CRN("X123456") != CRN("X123457"))
    }

    @Test("Encodes as a plain string and decodes back")
    func roundTrip() throws {
        let crn = try #require(CRN("X123456"))
        let data = try JSONEncoder().encode([crn])
        #expect(String(decoding: data, as: UTF8.self) == #"["X123456"]"#)
        #expect(try JSONDecoder().decode([CRN].self, from: data) == [crn])
    }

    @Test("Decoding normalises a lower-case CRN")
    func decodeNormalises() throws {
        let decoded = try JSONDecoder().decode([CRN].self, from: Data(#"["x123456"]"#.utf8))
        #expect(decoded.map(\.value) == ["X123456"])
    }

    @Test("Refuses to decode a malformed CRN", arguments: [
        #"["X12345"]"#, #"[""]"#, #"["123456X"]"#, "[1234567]", "[null]", #"[{"value":"X123456"}]"#,
    ])
    func refusesToDecode(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CRN].self, from: Data(json.utf8))
        }
    }
}
