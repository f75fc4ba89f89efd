import Testing
@testable import WaymarkCore

@Suite("What-to-expect invitations")
struct InvitationRuleTests {
    static let info = SiteInformation(directions: "Opposite the library", parking: "Car park behind", stepFree: .partly, accessDetails: "Ramp at the side",
                                      onArrival: "Ask at reception", staff: "Friendly")

    static func letter(_ info: SiteInformation, names: [String] = [], mentors: Int = 1, staff: Int = 1,
                       audience: InterventionAudience = .currentOrder) throws(ValidationFailure) -> InvitationLetter {
        try InvitationRule.letter(interventionName: "Transition and Hope", audience: audience, date: CalendarDate(year: 2026, month: 12, day: 2)!,
                                  start: ClockTime(minutes: 600)!, end: ClockTime(minutes: 720)!, siteName: "Basildon probation office",
                                  address: "1 Great Oaks", postcode: "SS14 1EL", info: info, mentorFirstNames: names, staffCount: staff, mentorCount: mentors)
    }

    @Test("A site without what people need says what is missing instead of printing a broken letter")
    func missing() {
        do {
            _ = try Self.letter(.empty)
            Issue.record("a letter was made without the site's information")
        } catch {
            #expect(error.errors.map(\.field) == ["directions", "parking", "stepFree", "onArrival"])
            #expect(error.errors[0].message == "Add how to get to Basildon probation office")
        }
        var partial = Self.info
        partial.parking = nil
        #expect(throws: ValidationFailure.self) { try Self.letter(partial) }
    }

    @Test("The letter carries the session, the site and who will be there; mentors are named only with their consent")
    func letter() throws {
        let named = try Self.letter(Self.info, names: ["Jo"], mentors: 2, staff: 1)
        #expect(named.whoWillBeThere == ["Peer mentor Jo, who has been through probation themselves",
                                         "A peer mentor who has been through probation themselves", "A member of probation staff"])
        #expect(named.access == "Partly step-free. Ramp at the side")
        #expect(named.parking == "Car park behind")
        let unnamed = try Self.letter(Self.info, names: [], mentors: 2, staff: 2)
        #expect(unnamed.whoWillBeThere == ["2 peer mentors who have been through probation themselves", "2 members of probation staff"])
    }

    @Test("What to bring depends on the kind of session")
    func whatToBring() throws {
        #expect(try Self.letter(Self.info, audience: .recentlySentenced).whatToBring.contains("appointment letter"))
        #expect(try Self.letter(Self.info, audience: .completed).whatToBring.contains("someone who has supported you"))
        #expect(Set(InterventionAudience.allCases.map(InvitationRule.whatToBring)).count == InterventionAudience.allCases.count)
    }

    @Test("Site information: step-free must be from the list; long text is refused with the field named")
    func draft() {
        let bad = SiteInformationDraft(directions: String(repeating: "a", count: 1001), parking: nil, stepFree: "sometimes", accessDetails: nil,
                                       onArrival: nil, staff: nil, photoAltText: nil)
        #expect(throws: ValidationFailure.self) { try bad.validated() }
        do { _ = try bad.validated() } catch { #expect(Set(error.errors.map(\.field)) == ["directions", "stepFree"]) }
        let good = try? SiteInformationDraft(directions: " Opposite the library ", parking: "", stepFree: "yes", accessDetails: nil, onArrival: nil,
                                             staff: nil, photoAltText: nil).validated()
        #expect(good == SiteInformation(directions: "Opposite the library", stepFree: .yes))
    }
}
