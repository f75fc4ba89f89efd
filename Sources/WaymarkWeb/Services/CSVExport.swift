import CSV
import Foundation
import Vapor

/// CSV files for coordinators, written with CSV.swift. Cells that a spreadsheet would run as a
/// formula (=, +, -, @, their full-width forms, or any of them after leading spaces, which
/// spreadsheets skip) are prefixed with an apostrophe, so an export cannot carry an attack.
public enum CSVExport {
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]

    static func safe(_ cell: String) -> String {
        let trimmed = cell.drop { $0 == " " || $0 == "\u{3000}" || $0 == "\u{00A0}" }
        guard let first = trimmed.first, formulaStarts.contains(first), !isPlainNumber(String(trimmed)) else { return cell }
        return "'" + cell
    }

    /// A signed number ("+1.25", "-3", "−0.50") cannot run as a formula, so it is left as it is.
    static func isPlainNumber(_ cell: String) -> Bool {
        var rest = Substring(cell)
        if let first = rest.first, "+-−".contains(first) { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        return !rest.isEmpty && parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// The CSV text, for a download or the command line.
    public static func data(header: [String], rows: [[String]]) throws -> Data {
        let writer = try CSVWriter(stream: .toMemory())
        try writer.write(row: header)
        for row in rows { try writer.write(row: row.map(safe)) }
        writer.stream.close()
        return writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    }

    static func response(filename: String, header: [String], rows: [[String]]) throws -> Response {
        let data = try data(header: header, rows: rows)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
