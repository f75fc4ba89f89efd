import Testing
@testable import WaymarkCore

@Suite("Sharing decisions")
struct SharingDraftTests {
    @Test("Chosen instructions are kept in the listed order, with the texts trimmed")
    func valid() throws {
        let choice = try SharingDraft(items: ["noHomeVisits", "meetInPublicPlacesOnly", ""], contactArrangements: "  Text first  ",
                                      note: "Prefers mornings").validated()
        #expect(choice.items == [.meetInPublicPlacesOnly, .noHomeVisits])
        #expect(choice.contactArrangements == "Text first")
        #expect(choice.note == "Prefers mornings")
        #expect(!choice.isEmpty)
    }

    @Test("Choosing nothing is a valid decision: nothing further is shared")
    func nothing() throws {
        let choice = try SharingDraft(items: [], contactArrangements: " ", note: nil).validated()
        #expect(choice.isEmpty)
        #expect(choice == .nothing)
    }

    @Test("An instruction not on the list and over-long texts are refused, each against its field")
    func invalid() {
        let failure = validationFailure {
            try SharingDraft(items: ["showOffenceDetails"], contactArrangements: String(repeating: "a", count: 501),
                             note: String(repeating: "b", count: 501)).validated()
        }
        #expect(Set(failure.errors.map(\.field)) == ["items", "contactArrangements", "note"])
        #expect(failure.message(for: "note")?.contains("500 characters") == true)
    }

    @Test("Every instruction has a plain-English label a mentor can follow")
    func labels() {
        for item in SharingItem.allCases { #expect(!item.label.isEmpty && item.label.first!.isUppercase) }
    }
}
