/// The national case reference number: one capital letter and six digits, e.g. `X123456`.
public struct CRN: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let chars = Array(trimmed.unicodeScalars)
        guard chars.count == 7,
              ("A"..."Z").contains(chars[0]),
              chars.dropFirst().allSatisfy({ ("0"..."9").contains($0) })
        else { return nil }
        value = trimmed
    }

    public var description: String { value }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let crn = CRN(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "A CRN is one capital letter and six digits")
        }
        self = crn
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

import Foundation
