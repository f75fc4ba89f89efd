import Testing
@testable import WaymarkCore

@Suite("Providers, areas, delivery units and sites")
struct OrganisationDraftTests {
    static let slugMessage = "Short name must be 40 characters or fewer: lower-case letters, numbers and hyphens, like ‘west-midlands’"
    static let phoneMessage = "Enter a telephone number, like 01632 960 001 or +44 808 157 0192"
    static let postcodeMessage = "Enter a real postcode, like SS14 1AB"

    static func slug(_ raw: String?) -> (slug: String?, errors: [FieldError]) {
        var errors = FieldErrors()
        let slug = OrganisationRules.slug(raw, errors: &errors)
        return (slug, errors.errors)
    }

    static func phone(_ raw: String?) -> (phone: String?, errors: [FieldError]) {
        var errors = FieldErrors()
        let phone = OrganisationRules.phone(raw, errors: &errors)
        return (phone, errors.errors)
    }

    static func postcode(_ raw: String?) -> (postcode: String?, errors: [FieldError]) {
        var errors = FieldErrors()
        let postcode = Postcode.normalised(raw, errors: &errors)
        return (postcode, errors.errors)
    }

    static func area(name: String? = "West Midlands", slug: String? = "west-midlands", contactName: String? = nil,
                     contactEmail: String? = nil, contactPhone: String? = nil, postalAddress: String? = nil) -> AreaDraft {
        AreaDraft(name: name, slug: slug, contactName: contactName, contactEmail: contactEmail, contactPhone: contactPhone,
                  postalAddress: postalAddress)
    }

    // MARK: Short names for web addresses

    @Test("A short name of lower-case letters, numbers and single hyphens is accepted as typed")
    func goodSlugs() {
        #expect(Self.slug("west-midlands").slug == "west-midlands")
        #expect(Self.slug("area-51").slug == "area-51")
        #expect(Self.slug(String(repeating: "a", count: 40)).slug?.count == 40)
    }

    @Test("Capitals are folded to lower case and spaces around the short name dropped")
    func slugFolded() {
        #expect(Self.slug(" West-Midlands ").slug == "west-midlands")
    }

    @Test("A short name with spaces, underscores, a double or leading or trailing hyphen, or other letters is refused",
          arguments: ["west midlands", "west_midlands", "west--midlands", "-west", "west-", "bière", "west/midlands"])
    func badSlugs(raw: String) {
        let result = Self.slug(raw)
        #expect(result.slug == nil)
        #expect(result.errors == [FieldError("slug", Self.slugMessage)])
    }

    @Test("A short name of 41 characters is refused")
    func slugTooLong() {
        #expect(Self.slug(String(repeating: "a", count: 41)).errors == [FieldError("slug", Self.slugMessage)])
    }

    @Test("A missing short name is asked for")
    func slugMissing() {
        #expect(Self.slug(nil).errors == [FieldError("slug", "Enter a short name for the web address")])
        #expect(Self.slug("  ").errors == [FieldError("slug", "Enter a short name for the web address")])
    }

    @Test("A short name is suggested from the area's name")
    func suggestedSlug() {
        #expect(OrganisationRules.suggestedSlug("Staffordshire & West Midlands") == "staffordshire-west-midlands")
        #expect(OrganisationRules.suggestedSlug("  Bière Côte d'Azur!  ") == "biere-cote-d-azur")
        #expect(OrganisationRules.suggestedSlug("Kent, Surrey and Sussex (KSS) 2") == "kent-surrey-and-sussex-kss-2")
        #expect(OrganisationRules.suggestedSlug("&&&") == "")
    }

    @Test("A suggested short name always passes the short-name rule, even from a long name")
    func suggestedSlugIsValid() {
        for name in ["Staffordshire & West Midlands", "Greater Manchester, Lancashire and Cumbria probation region",
                     "Essex", "York & North Yorkshire — Harrogate",
                     // 40 characters in, the cut falls on a hyphen between two words.
                     "Bedfordshire Northamptonshire Cambridge Peterborough"] {
            let suggestion = OrganisationRules.suggestedSlug(name)
            #expect(Self.slug(suggestion).slug == suggestion, "\(name) → \(suggestion)")
        }
    }

    // MARK: Telephone numbers

    @Test("UK telephone numbers are accepted as people write them",
          arguments: ["01632 960 001", "+44 808 157 0192", "(01632) 960001", "07700-900-123", "01632960001"])
    func goodPhones(raw: String) {
        #expect(Self.phone(raw).phone == raw)
        #expect(Self.phone(raw).errors.isEmpty)
    }

    @Test("Something that is not a telephone number is refused",
          arguments: ["12345", "0800-CALL-NOW", "01632 960 001 ext 2", "44+ 808 157 0192", "++44 808 157 0192", "01632 960 001 001 001"])
    func badPhones(raw: String) {
        #expect(Self.phone(raw).phone == nil)
        #expect(Self.phone(raw).errors == [FieldError("contactPhone", Self.phoneMessage)])
    }

    @Test("A telephone number is optional")
    func phoneOptional() {
        #expect(Self.phone(nil).phone == nil)
        #expect(Self.phone(nil).errors.isEmpty)
        #expect(Self.phone("  ").errors.isEmpty)
    }

    // MARK: Postcodes

    @Test("Postcodes are written the standard way, in capitals with one space before the last three",
          arguments: [("ss141ab", "SS14 1AB"), ("EC1A1BB", "EC1A 1BB"), ("W1A 0AX", "W1A 0AX"), (" m1  1ae ", "M1 1AE"),
                      ("B338TH", "B33 8TH"), ("CR26XH", "CR2 6XH"), ("DN551PT", "DN55 1PT")])
    func goodPostcodes(raw: String, standard: String) {
        #expect(Self.postcode(raw).postcode == standard)
        #expect(Self.postcode(raw).errors.isEmpty)
    }

    @Test("Things that are not postcodes are refused",
          arguments: ["SS14", "123 456", "ABCDEFG", "SS14 1AB9", "1S14 1AB", "SS-4 1AB", "SS14 AAB", "SSS4 1AB", "S1BC 1AB", "S14B 1AB"])
    func badPostcodes(raw: String) {
        #expect(Self.postcode(raw).postcode == nil)
        #expect(Self.postcode(raw).errors == [FieldError("postcode", Self.postcodeMessage)])
    }

    @Test("A missing postcode is asked for")
    func postcodeMissing() {
        #expect(Self.postcode(nil).errors == [FieldError("postcode", "Enter a postcode")])
    }

    // MARK: Providers

    @Test("A provider needs a name")
    func provider() throws {
        #expect(try ProviderDraft(name: " Probation Service ").validated() == "Probation Service")
        #expect(validationFailure { try ProviderDraft(name: "").validated() }.errors == [FieldError("name", "Enter a provider name")])
    }

    // MARK: Areas

    @Test("An area with its contact details is accepted, trimmed, with the email lower-cased")
    func goodArea() throws {
        let valid = try Self.area(name: " West Midlands ", slug: "West-Midlands", contactName: " Priya Shah ",
                                  contactEmail: " Peer.Mentoring@Example.org ", contactPhone: "0121 496 0000",
                                  postalAddress: "1 Colmore Row\nBirmingham").validated(takenSlugs: ["essex"])
        #expect(valid == AreaDraft.Valid(name: "West Midlands", slug: "west-midlands", contactName: "Priya Shah",
                                         contactEmail: "peer.mentoring@example.org", contactPhone: "0121 496 0000",
                                         postalAddress: "1 Colmore Row\nBirmingham"))
    }

    @Test("An area needs only a name and a short name; the contact details are optional")
    func minimalArea() throws {
        let valid = try Self.area(contactEmail: "  ").validated(takenSlugs: [])
        #expect(valid.contactName == nil)
        #expect(valid.contactEmail == nil)
        #expect(valid.contactPhone == nil)
        #expect(valid.postalAddress == nil)
    }

    @Test("Two areas cannot share a short name, and the message names it")
    func takenSlug() {
        let failure = validationFailure { try Self.area(slug: "Essex").validated(takenSlugs: ["essex", "kent"]) }
        #expect(failure.errors == [FieldError("slug", "Another area already uses the short name ‘essex’: choose a different one")])
    }

    @Test("Every problem with an area is reported at once")
    func badArea() {
        let failure = validationFailure {
            try Self.area(name: nil, slug: "west midlands", contactEmail: "not an email", contactPhone: "12345").validated(takenSlugs: [])
        }
        #expect(failure.fields == ["name", "slug", "contactEmail", "contactPhone"])
        #expect(failure.message(for: "contactEmail") == "Enter an email address in the correct format, like name@example.org")
    }

    // MARK: Delivery units

    @Test("A delivery unit's name must not already be used in its area, whatever its capitals")
    func deliveryUnitNames() throws {
        // The store passes the area's other unit names lower-cased.
        let taken: Set<String> = ["basildon", "southend"]
        #expect(try DeliveryUnitDraft(name: " Chelmsford ").validated(takenNames: taken) == "Chelmsford")
        for name in ["Basildon", "BASILDON", "southend"] {
            let failure = validationFailure { try DeliveryUnitDraft(name: name).validated(takenNames: taken) }
            #expect(failure.errors == [FieldError("name", "This area already has a delivery unit called ‘\(name)’")])
        }
        #expect(validationFailure { try DeliveryUnitDraft(name: nil).validated(takenNames: taken) }.fields == ["name"])
    }

    // MARK: Sites

    @Test("A site is accepted with its postcode written the standard way")
    func goodSite() throws {
        let valid = try SiteDraft(name: "Basildon probation office", address: "1 Great Oaks", postcode: "ss141el", deliveryUnitID: " u1 ")
            .validated(deliveryUnits: ["u1", "u2"])
        #expect(valid == SiteDraft.Valid(name: "Basildon probation office", address: "1 Great Oaks", postcode: "SS14 1EL",
                                         deliveryUnitID: "u1"))
    }

    @Test("Every missing part of a site is reported at once")
    func emptySite() {
        let empty = SiteDraft(name: nil, address: nil, postcode: nil, deliveryUnitID: nil)
        let failure = validationFailure { try empty.validated(deliveryUnits: ["u1"]) }
        #expect(failure.fields == ["name", "address", "postcode", "deliveryUnitId"])
        #expect(failure.message(for: "address") == "Enter an address")
        #expect(failure.message(for: "deliveryUnitId") == "Select the delivery unit the site belongs to")
    }

    @Test("A site's delivery unit must be one of the area's")
    func unknownDeliveryUnit() {
        let failure = validationFailure {
            try SiteDraft(name: "Office", address: "1 High St", postcode: "SS14 1AB", deliveryUnitID: "u9").validated(deliveryUnits: ["u1"])
        }
        #expect(failure.errors == [FieldError("deliveryUnitId", "Select a delivery unit from the list")])
    }
}

@Suite("Change summaries for a record's history")
struct ChangeSummaryTests {
    @Test("Only the fields that changed are listed, before and after")
    func changedOnly() {
        let summary = ChangeSummary.describe([
            (label: "Name", before: "Essex", after: "Essex and Suffolk"),
            (label: "Short name", before: "essex", after: "essex"),
            (label: "Active", before: "yes", after: "no"),
        ])
        #expect(summary == "Name: Essex → Essex and Suffolk; Active: yes → no")
    }

    @Test("An empty or missing value reads as (none), and empty to missing is no change")
    func none() {
        let summary = ChangeSummary.describe([
            (label: "Contact email", before: nil, after: "jo@example.org"),
            (label: "Contact phone", before: "01632 960 001", after: ""),
            (label: "Postal address", before: "", after: nil),
        ])
        #expect(summary == "Contact email: (none) → jo@example.org; Contact phone: 01632 960 001 → (none)")
    }

    @Test("With nothing changed the summary says so")
    func noChanges() {
        #expect(ChangeSummary.describe([]) == "No changes")
        #expect(ChangeSummary.describe([(label: "Name", before: "Kent", after: "Kent")]) == "No changes")
    }

    @Test("A long value is cut to 60 characters with an ellipsis; line breaks become commas")
    func longValues() {
        let sixty = String(repeating: "a", count: 60)
        let long = String(repeating: "b", count: 61)
        let summary = ChangeSummary.describe([(label: "Address", before: sixty, after: long)])
        #expect(summary == "Address: \(sixty) → \(String(repeating: "b", count: 57))…")
        #expect(ChangeSummary.describe([(label: "Address", before: "1 High St\nBasildon", after: nil)])
            == "Address: 1 High St, Basildon → (none)")
    }
}
