import Testing
@testable import WaymarkCore

@Suite("Caseload import rows")
struct CaseloadImportTests {
    static let places = CaseloadImport.Places(
        areas: [AreaSummary(id: "essex", name: "Essex", deliveryUnits: [DeliveryUnitSummary(id: "bas", name: "Basildon"), DeliveryUnitSummary(id: "col", name: "Colchester")]),
                AreaSummary(id: "swm", name: "Staffordshire", deliveryUnits: [DeliveryUnitSummary(id: "wal", name: "Walsall")])],
        practitioners: ["pat@example.org": (id: "pat", areaIDs: ["essex"])])
    static let header = ["CRN", "First name", "Last name", "Date of birth", "Order type", "Order start date", "Order expected end date",
                         "RAR days", "Practitioner", "Delivery unit"]

    func checker() throws -> CaseloadImport { try CaseloadImport(header: Self.header, places: Self.places, today: Fixture.today) }

    @Test("A good row becomes a person and an order, read in the case system's words")
    func goodRow() throws {
        let r = try checker().record(["x123456", "Daisy", "Fletcher", "1988-04-12", "Community Order", "2026-01-10", "2027-01-09", "20",
                                      "PAT@example.org", "basildon"], line: 2)
        let record = try r.get()
        #expect(record.crn.value == "X123456")
        #expect(record.person.fullName == "Daisy Fletcher" && record.person.areaID == "essex" && record.person.deliveryUnitID == "bas")
        #expect(record.practitionerID == "pat")
        #expect(record.order.type == .communityOrder && record.order.rarDays == 20 && record.order.requirements == [.rehabilitationActivity])
    }

    @Test("A bad row says every problem, with its line")
    func badRow() throws {
        guard case .failure(let error) = try checker().record(["X123456", "", "Fletcher", "12/04/1988", "Caution", "2026-01-10", "2025-01-09", "",
                                                               "nobody@example.org", "Basildon"], line: 7) else {
            Issue.record("the row should be refused"); return
        }
        #expect(error.line == 7)
        #expect(error.messages.count >= 4, "\(error.messages)")
        #expect(error.description.hasPrefix("line 7: "))
        #expect(error.messages.contains("No practitioner with the email address nobody@example.org"))
    }

    @Test("An unknown delivery unit, a practitioner from another area and a missing CRN are refused")
    func placeAndPractitioner() throws {
        let c = try checker()
        let row = ["X123456", "Daisy", "Fletcher", "1988-04-12", "licence", "2026-01-10", "2027-01-09", "", "", "Atlantis"]
        if case .failure(let e) = c.record(row, line: 2) { #expect(e.messages.first?.contains("Atlantis") == true) } else { Issue.record("accepted Atlantis") }
        let away = ["X123456", "Daisy", "Fletcher", "1988-04-12", "licence", "2026-01-10", "2027-01-09", "", "pat@example.org", "Walsall"]
        if case .failure(let e) = c.record(away, line: 3) { #expect(e.messages == ["Practitioner pat@example.org does not work in Staffordshire"]) } else { Issue.record("accepted") }
        let noCRN = ["", "Daisy", "Fletcher", "1988-04-12", "licence", "2026-01-10", "2027-01-09", "", "", "Walsall"]
        if case .failure(let e) = c.record(noCRN, line: 4) { #expect(e.messages.first?.contains("CRN") == true) } else { Issue.record("accepted") }
    }

    @Test("A header missing columns names them all")
    func header() {
        #expect(throws: CaseloadRowError.self) { try CaseloadImport(header: ["CRN", "First name"], places: Self.places, today: Fixture.today) }
        do { _ = try CaseloadImport(header: ["crn"], places: Self.places, today: Fixture.today) } catch {
            #expect(error.messages.first?.contains("firstName, lastName, dateOfBirth") == true)
        }
    }

    @Test("A CRN twice in a file is refused on its second line, across batches too")
    func duplicates() throws {
        let c = try checker()
        let row = ["X123456", "Daisy", "Fletcher", "1988-04-12", "licence", "2026-01-10", "2027-01-09", "", "", "Basildon"]
        var seen: [String: Int] = [:]
        let first = c.check([(row, 2), (row, 3)], seen: &seen)
        #expect(first.records.map(\.line) == [2])
        #expect(first.errors == [CaseloadRowError(line: 3, messages: ["CRN X123456 is already on line 2"])])
        let later = c.check([(row, 5001)], seen: &seen)
        #expect(later.records.isEmpty && later.errors.first?.line == 5001)
    }
}
