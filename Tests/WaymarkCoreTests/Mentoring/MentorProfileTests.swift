import Foundation
import Testing
@testable import WaymarkCore

@Suite("Mentor profile")
struct MentorProfileTests {

    static let units: Set<String> = ["du-chelmsford", "du-basildon", "du-colchester"]

    static func draft(capacity: String? = "2", availability: [String] = ["tuesday-afternoon"],
                      units: [String] = ["du-chelmsford"], languages: String? = "English",
                      lived: [String] = []) -> MentorProfileDraft {
        MentorProfileDraft(capacity: capacity, availability: availability, deliveryUnitIDs: units, languages: languages,
                           livedExperience: lived)
    }

    static func failure(_ draft: MentorProfileDraft, sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) { try draft.validated(unitIDs: units) }
    }

    // MARK: A good profile

    @Test("A complete profile is cleaned: slots sorted, duplicates dropped, blanks ignored")
    func valid() throws {
        let profile = try Self.draft(capacity: " 3 ",
                                     availability: ["thursday-evening", "", "monday-morning", "thursday-evening", "monday-evening"],
                                     units: ["du-basildon", "", "du-chelmsford", "du-basildon"],
                                     languages: " English , Polish,, english ",
                                     lived: ["custody", "", "homelessness", "custody"])
            .validated(unitIDs: Self.units)
        #expect(profile == MentorProfile(
            capacity: 3,
            availability: [AvailabilitySlot(day: .monday, part: .morning), AvailabilitySlot(day: .monday, part: .evening),
                           AvailabilitySlot(day: .thursday, part: .evening)],
            deliveryUnitIDs: ["du-basildon", "du-chelmsford"],
            languages: ["English", "Polish"],
            livedExperience: [.custody, .homelessness]))
    }

    @Test("The default profile: one mentee, English")
    func defaults() {
        let profile = MentorProfile()
        #expect(profile.capacity == 1)
        #expect(profile.languages == ["English"])
        #expect(profile.availability.isEmpty && profile.deliveryUnitIDs.isEmpty && profile.livedExperience.isEmpty)
    }

    // MARK: Capacity

    @Test("Capacity from 0 to 6 is accepted", arguments: [("0", 0), ("1", 1), ("6", 6), (" 4 ", 4)])
    func capacity(text: String, value: Int) throws {
        #expect(try Self.draft(capacity: text).validated(unitIDs: Self.units).capacity == value)
    }

    @Test("Capacity is required", arguments: [nil, "", "   "] as [String?])
    func capacityRequired(text: String?) {
        let failure = Self.failure(Self.draft(capacity: text))
        #expect(failure.fields == ["capacity"])
        #expect(failure.message(for: "capacity") == "Enter how many mentees they can support at once")
    }

    @Test("Other capacities are refused", arguments: ["7", "-1", "2.5", "two", "+3", "99999999999999999999"])
    func capacityBad(text: String) {
        let failure = Self.failure(Self.draft(capacity: text))
        #expect(failure.fields == ["capacity"])
        #expect(failure.message(for: "capacity") == "Capacity must be a whole number from 0 to 6")
    }

    // MARK: Availability

    @Test("Availability may be empty")
    func noAvailability() throws {
        #expect(try Self.draft(availability: []).validated(unitIDs: Self.units).availability.isEmpty)
    }

    @Test("Unknown availability slots are refused", arguments: ["tues-am", "Tuesday-afternoon", "tuesday", "tuesday-afternoon-late", "tuesday-night"])
    func availabilityBad(slot: String) {
        let failure = Self.failure(Self.draft(availability: ["monday-morning", slot]))
        #expect(failure.fields == ["availability"])
        #expect(failure.message(for: "availability") == "Select times from the list")
    }

    @Test("Slots parse, print and sort by day then part of the day")
    func slots() throws {
        let slot = try #require(AvailabilitySlot("tuesday-afternoon"))
        #expect(slot == AvailabilitySlot(day: .tuesday, part: .afternoon))
        #expect(slot.code == "tuesday-afternoon")
        #expect(slot.label == "Tuesday afternoon")
        #expect(AvailabilitySlot(day: .monday, part: .evening) < AvailabilitySlot(day: .tuesday, part: .morning))
        #expect(AvailabilitySlot(day: .friday, part: .morning) < AvailabilitySlot(day: .friday, part: .afternoon))
        #expect(AvailabilitySlot.all.count == 21)
        #expect(AvailabilitySlot.all == AvailabilitySlot.all.sorted())
        #expect(AvailabilitySlot.all.map(\.code).allSatisfy { AvailabilitySlot($0) != nil })
        #expect(Weekday.sunday.label == "Sunday")
        #expect(DayPart.evening.label == "Evening")
    }

    // MARK: Delivery units

    @Test("At least one delivery unit is needed")
    func unitsRequired() {
        for units in [[], [""]] as [[String]] {
            let failure = Self.failure(Self.draft(units: units))
            #expect(failure.fields == ["deliveryUnitIds"])
            #expect(failure.message(for: "deliveryUnitIds") == "Select at least one delivery unit they can travel to")
        }
    }

    @Test("Delivery units outside the provider are refused")
    func unitsUnknown() {
        let failure = Self.failure(Self.draft(units: ["du-chelmsford", "du-somewhere-else"]))
        #expect(failure.fields == ["deliveryUnitIds"])
        #expect(failure.message(for: "deliveryUnitIds") == "Select delivery units from the list")
    }

    // MARK: Languages

    @Test("Languages are words separated by commas", arguments: [
        ("English", ["English"]),
        ("English, Polish", ["English", "Polish"]),
        ("Polish,polish, POLISH", ["Polish"]),
        ("British Sign Language, Scottish Gaelic", ["British Sign Language", "Scottish Gaelic"]),
        ("Français, Español", ["Français", "Español"]),
        ("Serbo-Croatian", ["Serbo-Croatian"]),
    ])
    func languages(text: String, expected: [String]) throws {
        #expect(try Self.draft(languages: text).validated(unitIDs: Self.units).languages == expected)
    }

    @Test("At least one language is needed", arguments: [nil, "", " , ,"] as [String?])
    func languagesRequired(text: String?) {
        let failure = Self.failure(Self.draft(languages: text))
        #expect(failure.fields == ["languages"])
        #expect(failure.message(for: "languages") == "Enter at least one language they speak")
    }

    @Test("Languages that are not words are refused",
          arguments: ["English1", "English; Polish", "English/Polish", String(repeating: "a", count: 41)])
    func languagesBad(text: String) {
        let failure = Self.failure(Self.draft(languages: text))
        #expect(failure.fields == ["languages"])
        #expect(failure.message(for: "languages") == "Enter languages as words separated by commas, like English, Polish")
    }

    // MARK: Lived experience

    @Test("Every lived experience is accepted and labelled", arguments: LivedExperience.allCases)
    func livedExperience(value: LivedExperience) throws {
        #expect(try Self.draft(lived: [value.rawValue]).validated(unitIDs: Self.units).livedExperience == [value])
        #expect(!value.label.isEmpty)
    }

    @Test("Unknown lived experience is refused")
    func livedUnknown() {
        let failure = Self.failure(Self.draft(lived: ["custody", "prison"]))
        #expect(failure.fields == ["livedExperience"])
        #expect(failure.message(for: "livedExperience") == "Select experiences from the list")
    }

    // MARK: Together

    @Test("Every problem is reported at once, in form order")
    func everything() {
        let failure = Self.failure(Self.draft(capacity: "9", availability: ["someday"], units: ["nowhere"], languages: "123",
                                              lived: ["unknown"]))
        #expect(failure.fields == ["capacity", "availability", "deliveryUnitIds", "languages", "livedExperience"])
    }
}
