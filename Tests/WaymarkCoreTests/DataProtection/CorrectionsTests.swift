import Testing
@testable import WaymarkCore

@Suite("Corrections")
struct CorrectionsTests {
    let before = PersonDetails(crn: CRN("X123456"), firstName: "Daisy", lastName: "Fletcher", dateOfBirth: ymd("1990-04-01"),
                               gender: .female, areaID: "a1", deliveryUnitID: "u1")

    @Test("Only the fields that changed are listed, with what they said before and now")
    func changedFields() {
        var after = before
        after.lastName = "Fletcher-Jones"
        after.dateOfBirth = ymd("1990-04-10")
        after.deliveryUnitID = "u2"
        let changes = Corrections.changes(from: before, to: after) { ["u1": "Basildon", "u2": "Colchester"][$0] ?? $0 }
        #expect(changes == [
            FieldChange(field: "lastName", label: "Last name", previous: "Fletcher", new: "Fletcher-Jones"),
            FieldChange(field: "dateOfBirth", label: "Date of birth", previous: "1990-04-01", new: "1990-04-10"),
            FieldChange(field: "deliveryUnitId", label: "Delivery unit", previous: "Basildon", new: "Colchester"),
        ])
    }

    @Test("An edit that changes nothing records no correction")
    func noChange() {
        #expect(Corrections.changes(from: before, to: before).isEmpty)
    }

    @Test("Removing a CRN is a correction from the CRN to nothing")
    func removedCRN() {
        var after = before
        after.crn = nil
        #expect(Corrections.changes(from: before, to: after) == [FieldChange(field: "crn", label: "CRN", previous: "X123456", new: "")])
    }

    @Test("Order corrections name the end date, outcome and RAR days in words")
    func orderChanges() {
        let old = OrderDetails(type: .licence, startDate: ymd("2025-01-01"), expectedEndDate: ymd("2026-01-01"), actualEndDate: nil,
                               outcome: .active, requirements: [], rarDays: 10)
        var new = old
        new.actualEndDate = ymd("2025-12-20")
        new.outcome = .completed
        new.rarDays = 12
        let changes = Corrections.changes(from: old, to: new)
        #expect(changes.map(\.field) == ["actualEndDate", "outcome", "rarDays"])
        #expect(changes[0] == FieldChange(field: "actualEndDate", label: "Actual end date", previous: "", new: "2025-12-20"))
        #expect(changes[1].previous == OrderOutcome.active.label && changes[1].new == OrderOutcome.completed.label)
        #expect(changes[2].previous == "10" && changes[2].new == "12")
    }
}
