import Testing
@testable import WaymarkCore

@Suite("Retention rule")
struct RetentionRuleTests {
    func facts(lastClosed: String, open: [String] = [], hold: Bool = false, anonymised: Bool = false) -> RetentionFacts {
        RetentionFacts(personID: "p", providerID: "prov", openInvolvement: open, lastClosed: ymd(lastClosed), legalHold: hold, anonymised: anonymised)
    }

    @Test("A record expires the retention period after the last order ended and involvement closed")
    func expiry() {
        #expect(RetentionRule.status(facts(lastClosed: "2019-11-23"), years: 7, today: Fixture.today) == .expired(since: ymd("2026-11-23")))
        #expect(RetentionRule.status(facts(lastClosed: "2019-11-24"), years: 7, today: Fixture.today) == .keep(until: ymd("2026-11-24")))
        #expect(RetentionRule.status(facts(lastClosed: "2015-01-01"), years: 7, today: Fixture.today) == .expired(since: ymd("2022-01-01")))
    }

    @Test("The provider's setting decides the period")
    func setting() {
        #expect(RetentionRule.status(facts(lastClosed: "2020-06-01"), years: 10, today: Fixture.today) == .keep(until: ymd("2030-06-01")))
        #expect(RetentionRule.status(facts(lastClosed: "2020-06-01"), years: 6, today: Fixture.today) == .expired(since: ymd("2026-06-01")))
    }

    @Test("Anything still open keeps the record, however old the dates")
    func open() {
        #expect(RetentionRule.status(facts(lastClosed: "2001-01-01", open: ["a referral is open"]), years: 7, today: Fixture.today)
                == .open(reasons: ["a referral is open"]))
    }

    @Test("A restricted record is kept as it is while the dispute is settled")
    func restricted() {
        let f = RetentionFacts(personID: "p", providerID: "prov", openInvolvement: [], lastClosed: ymd("2001-01-01"), legalHold: false,
                               restricted: true, anonymised: false)
        #expect(RetentionRule.status(f, years: 7, today: Fixture.today) == .restricted)
    }

    @Test("A legal hold stops it; an anonymised record is left alone")
    func holdAndDone() {
        #expect(RetentionRule.status(facts(lastClosed: "2001-01-01", hold: true), years: 7, today: Fixture.today) == .legalHold)
        #expect(RetentionRule.status(facts(lastClosed: "2001-01-01", hold: true, anonymised: true), years: 7, today: Fixture.today) == .anonymised)
    }

    @Test("Only the year of birth survives anonymisation")
    func dateOfBirth() {
        #expect(RetentionRule.anonymisedDateOfBirth(ymd("1987-09-14")) == ymd("1987-01-01"))
    }
}
