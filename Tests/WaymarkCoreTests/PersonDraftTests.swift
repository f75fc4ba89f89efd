import Foundation
import Testing
@testable import WaymarkCore

@Suite("PersonDraft validation")
struct PersonDraftTests {

    static let essex = AreaSummary(id: "essex", name: "Essex", deliveryUnits: [
        DeliveryUnitSummary(id: "essex-south", name: "Essex South"),
        DeliveryUnitSummary(id: "essex-north", name: "Essex North"),
    ])
    static let westMidlands = AreaSummary(id: "swm", name: "Staffordshire and West Midlands", deliveryUnits: [
        DeliveryUnitSummary(id: "stoke", name: "Stoke-on-Trent"),
    ])
    static let areas = [essex, westMidlands]

    /// A draft that passes every rule; each test changes only what it is about.
    static func draft(crn: String? = "X123456", firstName: String? = "Ann", lastName: String? = "Smith",
                      dateOfBirth: DateInput = .iso("1990-05-17"), gender: String? = nil,
                      areaID: String? = "essex", deliveryUnitID: String? = "essex-south") -> PersonDraft {
        PersonDraft(crn: crn, firstName: firstName, lastName: lastName, dateOfBirth: dateOfBirth, gender: gender,
                    areaID: areaID, deliveryUnitID: deliveryUnitID)
    }

    static func failure(_ draft: PersonDraft, areas: [AreaSummary] = PersonDraftTests.areas,
                        sourceLocation: SourceLocation = #_sourceLocation) -> ValidationFailure {
        validationFailure(sourceLocation: sourceLocation) {
            try draft.validated(today: Fixture.today, areas: areas)
        }
    }

    // MARK: A good draft

    @Test("A complete draft becomes checked details")
    func valid() throws {
        let details = try Self.draft().validated(today: Fixture.today, areas: Self.areas)
        #expect(details == PersonDetails(crn: CRN("X123456"), firstName: "Ann", lastName: "Smith",
                                         dateOfBirth: ymd("1990-05-17"), gender: .notStated,
                                         areaID: "essex", deliveryUnitID: "essex-south"))
        #expect(details.fullName == "Ann Smith")
    }

    @Test("Names are trimmed and the CRN is normalised")
    func trims() throws {
        let details = try Self.draft(crn: " x654321 ", firstName: "  Ann ", lastName: "\tSmith-Jones\n")
            .validated(today: Fixture.today, areas: Self.areas)
        #expect(details.crn?.value == "X654321")
        #expect(details.firstName == "Ann")
        #expect(details.lastName == "Smith-Jones")
    }

    @Test("A person can be placed in any delivery unit of any of the user's areas")
    func otherAreaAndUnit() throws {
        let north = try Self.draft(deliveryUnitID: "essex-north").validated(today: Fixture.today, areas: Self.areas)
        #expect(north.areaID == "essex")
        #expect(north.deliveryUnitID == "essex-north")
        let stoke = try Self.draft(areaID: "swm", deliveryUnitID: "stoke").validated(today: Fixture.today, areas: Self.areas)
        #expect(stoke.areaID == "swm")
        #expect(stoke.deliveryUnitID == "stoke")
    }

    // MARK: CRN

    @Test("The CRN is optional", arguments: [nil, "", "   "] as [String?])
    func crnOptional(crn: String?) throws {
        let details = try Self.draft(crn: crn).validated(today: Fixture.today, areas: Self.areas)
        #expect(details.crn == nil)
    }

    @Test("A CRN that is given must be one letter and six digits", arguments: ["X12345", "123456X", "XX123456", "X1234567", "X 12345"])
    func crnFormat(crn: String) {
        let failure = Self.failure(Self.draft(crn: crn))
        #expect(failure.fields == ["crn"])
        #expect(failure.message(for: "crn") == "Enter a CRN as one letter and six digits, like X123456")
    }

    // MARK: Names

    @Test("A first name is required", arguments: [nil, "", "   ", "\n\t"] as [String?])
    func firstNameRequired(name: String?) {
        let failure = Self.failure(Self.draft(firstName: name))
        #expect(failure.fields == ["firstName"])
        #expect(failure.message(for: "firstName") == "Enter a first name")
    }

    @Test("A last name is required", arguments: [nil, "", "   ", "\n\t"] as [String?])
    func lastNameRequired(name: String?) {
        let failure = Self.failure(Self.draft(lastName: name))
        #expect(failure.fields == ["lastName"])
        #expect(failure.message(for: "lastName") == "Enter a last name")
    }

    @Test("Names may be up to 100 characters")
    func nameAtLimit() throws {
        #expect(InputRules.nameLimit == 100)
        let long = String(repeating: "é", count: 100)
        let details = try Self.draft(firstName: long, lastName: long).validated(today: Fixture.today, areas: Self.areas)
        #expect(details.firstName == long)
        #expect(details.lastName == long)
    }

    @Test("Names longer than 100 characters are refused")
    func nameOverLimit() {
        let tooLong = String(repeating: "a", count: 101)
        let failure = Self.failure(Self.draft(firstName: tooLong, lastName: tooLong))
        #expect(failure.fields == ["firstName", "lastName"])
        #expect(failure.message(for: "firstName") == "First name must be 100 characters or fewer")
        #expect(failure.message(for: "lastName") == "Last name must be 100 characters or fewer")
    }

    @Test("Names may not contain control characters", arguments: ["Ann\u{0000}", "An\u{001B}n", "Ann\u{007F}"])
    func nameControlCharacters(name: String) {
        let failure = Self.failure(Self.draft(firstName: name))
        #expect(failure.fields == ["firstName"])
        #expect(failure.message(for: "firstName") == "First name must not contain control characters")
    }

    // MARK: Date of birth

    @Test("A date of birth can come from the three date fields")
    func dateOfBirthFromParts() throws {
        let details = try Self.draft(dateOfBirth: .parts(day: " 7 ", month: "05", year: "1990"))
            .validated(today: Fixture.today, areas: Self.areas)
        #expect(details.dateOfBirth == ymd("1990-05-07"))
        let leap = try Self.draft(dateOfBirth: .parts(day: "29", month: "2", year: "2000"))
            .validated(today: Fixture.today, areas: Self.areas)
        #expect(leap.dateOfBirth == ymd("2000-02-29"))
    }

    @Test("A date of birth is required", arguments: [
        .iso(nil), .iso(""), .iso("   "), .parts(day: nil, month: nil, year: nil), .parts(day: "", month: " ", year: ""),
    ] as [DateInput])
    func dateOfBirthRequired(input: DateInput) {
        let failure = Self.failure(Self.draft(dateOfBirth: input))
        #expect(failure.fields == ["dateOfBirth"])
        #expect(failure.message(for: "dateOfBirth") == "Enter a date of birth")
    }

    @Test("A partly filled date says which parts are missing", arguments: [
        (.parts(day: "17", month: "", year: "1990"), "must include a month"),
        (.parts(day: "17", month: nil, year: "1990"), "must include a month"),
        (.parts(day: "", month: "5", year: "1990"), "must include a day"),
        (.parts(day: "17", month: "5", year: " "), "must include a year"),
        (.parts(day: "", month: "", year: "1990"), "must include a day and a month"),
        (.parts(day: "17", month: nil, year: nil), "must include a month and a year"),
    ] as [(DateInput, String)])
    func dateOfBirthPartial(input: DateInput, expected: String) throws {
        let failure = Self.failure(Self.draft(dateOfBirth: input))
        #expect(failure.fields == ["dateOfBirth"])
        let message = try #require(failure.message(for: "dateOfBirth"))
        #expect(message == "Date of birth \(expected)")
    }

    @Test("A date of birth must be a real date", arguments: [
        .parts(day: "30", month: "2", year: "1990"),
        .parts(day: "29", month: "2", year: "1990"), // not a leap year
        .parts(day: "31", month: "4", year: "1990"),
        .parts(day: "17", month: "13", year: "1990"),
        .parts(day: "0", month: "5", year: "1990"),
        .parts(day: "17", month: "5", year: "90"), // two-digit year
        .parts(day: "17", month: "5", year: "19900"),
        .parts(day: "seventeen", month: "5", year: "1990"),
        .parts(day: "17", month: "May", year: "1990"),
        .parts(day: "+7", month: "5", year: "1990"), // Int("+7") is 7: signs must not slip through
        .parts(day: "7", month: "-5", year: "1990"),
        .parts(day: "7", month: "5", year: "+990"),
        .parts(day: "٧", month: "5", year: "1990"), // Arabic-Indic digit
        .iso("1990-02-30"),
        .iso("1990-5-17"),
        .iso("17/05/1990"),
        .iso("17 May 1990"),
    ] as [DateInput])
    func dateOfBirthNotReal(input: DateInput) throws {
        let failure = Self.failure(Self.draft(dateOfBirth: input))
        #expect(failure.fields == ["dateOfBirth"])
        let message = try #require(failure.message(for: "dateOfBirth"))
        #expect(message.hasPrefix("Date of birth must be a real date"))
    }

    @Test("A date of birth must be in the past", arguments: ["2026-11-23", "2026-11-24", "2030-01-01"])
    func dateOfBirthInFuture(text: String) {
        let failure = Self.failure(Self.draft(dateOfBirth: .iso(text)))
        #expect(failure.fields == ["dateOfBirth"])
        #expect(failure.message(for: "dateOfBirth") == "Date of birth must be in the past")
    }

    @Test("A person must be at least 10 years old", arguments: ["2026-11-22", "2020-01-01", "2016-11-24"])
    func dateOfBirthTooYoung(text: String) {
        #expect(PersonDraft.minimumAge == 10)
        let failure = Self.failure(Self.draft(dateOfBirth: .iso(text)))
        #expect(failure.fields == ["dateOfBirth"])
        #expect(failure.message(for: "dateOfBirth") == "Date of birth must be at least 10 years ago")
    }

    @Test("Someone exactly 10 today is old enough")
    func dateOfBirthTenToday() throws {
        let details = try Self.draft(dateOfBirth: .iso("2016-11-23")).validated(today: Fixture.today, areas: Self.areas)
        #expect(details.dateOfBirth == ymd("2016-11-23"))
    }

    @Test("A date of birth before 1900 is refused", arguments: [
        .iso("1899-12-31"), .iso("0900-01-01"), .parts(day: "1", month: "1", year: "1850"),
    ] as [DateInput])
    func dateOfBirthTooEarly(input: DateInput) {
        let failure = Self.failure(Self.draft(dateOfBirth: input))
        #expect(failure.fields == ["dateOfBirth"])
        #expect(failure.message(for: "dateOfBirth") == "Date of birth must be after 1900")
    }

    @Test("1 January 1900 is accepted")
    func dateOfBirth1900() throws {
        let details = try Self.draft(dateOfBirth: .iso("1900-01-01")).validated(today: Fixture.today, areas: Self.areas)
        #expect(details.dateOfBirth == ymd("1900-01-01"))
    }

    // MARK: Gender

    @Test("Gender defaults to not stated", arguments: [nil, ""] as [String?])
    func genderDefault(gender: String?) throws {
        let details = try Self.draft(gender: gender).validated(today: Fixture.today, areas: Self.areas)
        #expect(details.gender == .notStated)
    }

    @Test("Every listed gender is accepted", arguments: Gender.allCases)
    func genderListed(gender: Gender) throws {
        let details = try Self.draft(gender: gender.rawValue).validated(today: Fixture.today, areas: Self.areas)
        #expect(details.gender == gender)
    }

    @Test("An unknown gender is refused, naming the choices", arguments: ["unknown", "m", "other", "prefer not to say"])
    func genderUnknown(gender: String) throws {
        let failure = Self.failure(Self.draft(gender: gender))
        #expect(failure.fields == ["gender"])
        let message = try #require(failure.message(for: "gender"))
        #expect(message.hasPrefix("Select a gender from the list"))
        for choice in Gender.allCases { #expect(message.contains(choice.rawValue)) }
    }

    // MARK: Area and delivery unit

    @Test("An area is required", arguments: [nil, ""] as [String?])
    func areaRequired(areaID: String?) {
        let failure = Self.failure(Self.draft(areaID: areaID))
        #expect(failure.fields == ["areaId"])
        #expect(failure.message(for: "areaId") == "Select an area")
    }

    @Test("The area must be one of the user's areas", arguments: ["nowhere", "Essex", "ESSEX", " essex"])
    func areaNotInList(areaID: String) {
        let failure = Self.failure(Self.draft(areaID: areaID))
        #expect(failure.fields == ["areaId", "deliveryUnitId"])
        #expect(failure.message(for: "areaId") == "Select an area you work in")
    }

    @Test("An area that exists but is not the user's is refused")
    func areaNotTheUsers() {
        let failure = Self.failure(Self.draft(areaID: "swm", deliveryUnitID: "stoke"), areas: [Self.essex])
        #expect(failure.fields == ["areaId", "deliveryUnitId"])
        #expect(failure.message(for: "areaId") == "Select an area you work in")
        #expect(failure.message(for: "deliveryUnitId") == "Select a probation delivery unit in an area you work in")
    }

    @Test("A user with no areas cannot place anyone")
    func noAreas() {
        let failure = Self.failure(Self.draft(), areas: [])
        #expect(failure.fields == ["areaId", "deliveryUnitId"])
    }

    @Test("A delivery unit is required", arguments: [nil, ""] as [String?])
    func deliveryUnitRequired(unit: String?) {
        let failure = Self.failure(Self.draft(deliveryUnitID: unit))
        #expect(failure.fields == ["deliveryUnitId"])
        #expect(failure.message(for: "deliveryUnitId") == "Select a probation delivery unit")
    }

    @Test("The delivery unit must be in the chosen area", arguments: ["stoke", "nowhere", "Essex South"])
    func deliveryUnitInOtherArea(unit: String) {
        let failure = Self.failure(Self.draft(areaID: "essex", deliveryUnitID: unit))
        #expect(failure.fields == ["deliveryUnitId"])
        #expect(failure.message(for: "deliveryUnitId") == "Select a probation delivery unit in Essex")
    }

    @Test("With an unknown area, the delivery unit cannot be one of the user's either")
    func unknownAreaAndUnit() {
        let failure = Self.failure(Self.draft(areaID: "nowhere", deliveryUnitID: "stoke"))
        #expect(failure.fields == ["areaId", "deliveryUnitId"])
        #expect(failure.message(for: "areaId") == "Select an area you work in")
        #expect(failure.message(for: "deliveryUnitId") == "Select a probation delivery unit in an area you work in")
    }

    @Test("With no area chosen, only the area is asked for: the delivery unit is checked once there is one")
    func noAreaButUnit() {
        let failure = Self.failure(Self.draft(areaID: "", deliveryUnitID: "stoke"))
        #expect(failure.fields == ["areaId"])
        #expect(failure.message(for: "areaId") == "Select an area")
    }

    // MARK: Every error at once

    @Test("Every problem is reported together, in form order")
    func allErrorsTogether() {
        let failure = Self.failure(PersonDraft(crn: "123", firstName: "", lastName: nil,
                                               dateOfBirth: .parts(day: "31", month: "", year: "1990"),
                                               gender: "unknown", areaID: nil, deliveryUnitID: nil))
        #expect(failure.fields == ["crn", "firstName", "lastName", "dateOfBirth", "gender", "areaId", "deliveryUnitId"])
        #expect(failure.message(for: "firstName") == "Enter a first name")
        #expect(failure.message(for: "lastName") == "Enter a last name")
        #expect(failure.message(for: "dateOfBirth") == "Date of birth must include a month")
        #expect(failure.message(for: "areaId") == "Select an area")
        #expect(failure.message(for: "deliveryUnitId") == "Select a probation delivery unit")
    }

    @Test("Rule failures (not only missing fields) are reported together")
    func ruleErrorsTogether() {
        let failure = Self.failure(Self.draft(crn: "X12", firstName: String(repeating: "a", count: 101),
                                              dateOfBirth: .iso("2027-01-01"), gender: "x",
                                              areaID: "essex", deliveryUnitID: "stoke"))
        #expect(failure.fields == ["crn", "firstName", "dateOfBirth", "gender", "deliveryUnitId"])
        #expect(failure.message(for: "dateOfBirth") == "Date of birth must be in the past")
        #expect(failure.message(for: "deliveryUnitId") == "Select a probation delivery unit in Essex")
    }

    @Test("Each field gets one message, the first that applies")
    func oneMessagePerField() {
        let failure = Self.failure(Self.draft(firstName: "   ", dateOfBirth: .iso("2026-11-23")))
        #expect(failure.errors.count == 2)
        #expect(Set(failure.fields).count == failure.fields.count)
    }

    // MARK: Wording

    /// UI.md: GOV.UK wording, e.g. "Date of birth must be in the past". The field name starts
    /// the sentence; it is not "A date of birth must …" or "A first name must …".
    @Test("Messages name the field the GOV.UK way, without a leading article", arguments: [
        (PersonDraftTests.draft(dateOfBirth: .parts(day: "17", month: "", year: "1990")),
         "dateOfBirth", "Date of birth must include a month"),
        (PersonDraftTests.draft(dateOfBirth: .parts(day: "30", month: "2", year: "1990")),
         "dateOfBirth", "Date of birth must be a real date"),
        (PersonDraftTests.draft(firstName: String(repeating: "a", count: 101)),
         "firstName", "First name must be 100 characters or fewer"),
    ])
    func govukWording(draft: PersonDraft, field: String, expected: String) {
        let failure = Self.failure(draft)
        #expect(failure.message(for: field) == expected)
    }
}
