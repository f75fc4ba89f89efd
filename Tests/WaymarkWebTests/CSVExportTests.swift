import Foundation
import Testing
@testable import WaymarkWeb

@Suite("CSV cells cannot carry a spreadsheet formula")
struct CSVExportTests {
    @Test("A cell a spreadsheet would run as a formula is prefixed; numbers, signed or not, are left as they are",
          arguments: [("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1+cmd", "'+1+cmd"), ("-2-3", "'-2-3"), ("@SUM(A1)", "'@SUM(A1)"),
                      ("+4.00", "+4.00"), ("-1.50", "-1.50"), ("−0.50", "−0.50"), ("12", "12"), ("87.0%", "87.0%"), ("<5", "<5"),
                      ("+", "'+"), ("-.5", "'-.5"), ("Daisy", "Daisy")])
    func safe(cell: String, expected: String) {
        #expect(CSVExport.safe(cell) == expected)
    }

    @Test("Leading spaces and full-width signs do not hide a formula (spreadsheets skip the one and read the other)",
          arguments: [(" =cmd|' /C calc'!A0", "' =cmd|' /C calc'!A0"), ("   @SUM(A1)", "'   @SUM(A1)"), ("＝1+1", "'＝1+1"), ("＋cmd", "'＋cmd"),
                      ("－2", "'－2"), ("＠A1", "'＠A1"), ("\u{3000}=A1", "'\u{3000}=A1"), (" 12", " 12"), (" -3", " -3"), ("  Daisy", "  Daisy")])
    func hiddenFormulas(cell: String, expected: String) {
        #expect(CSVExport.safe(cell) == expected)
    }
}
