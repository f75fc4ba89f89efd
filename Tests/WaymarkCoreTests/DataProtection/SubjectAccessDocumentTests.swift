import Testing
@testable import WaymarkCore

@Suite("Subject access document")
struct SubjectAccessDocumentTests {
    @Test("The text version names every section, every field and says when nothing is held")
    func text() {
        let doc = SubjectAccessDocument(personID: "p1", heading: "Everything Waymark holds about Daisy Fletcher", generatedOn: Fixture.today, sections: [
            .init(title: "Your details", explanation: "Your name.", records: [.init([.init("First name", "Daisy"), .init("Notes", "Line one\nLine two")])]),
            .init(title: "Risk assessments", explanation: "Risk.", records: []),
        ])
        let text = doc.text()
        #expect(text.contains("Everything Waymark holds about Daisy Fletcher"))
        #expect(text.contains("Produced on 23 November 2026"))
        #expect(text.contains("First name  Daisy"))
        #expect(text.contains("Line one\n") && text.contains("Line two"))
        #expect(text.contains("Risk assessments\n----------------\nRisk.\n  Nothing held."))
        #expect(doc.recordCount == 1)
    }
}
