import Testing
@testable import WaymarkCore

@Suite("Unusual access")
struct UnusualAccessRuleTests {
    func views(_ actor: String, _ count: Int, day: String, outside: Bool, offset: Int = 0) -> [AccessEvent] {
        (0..<count).map { AccessEvent(actorID: actor, personID: "p\($0 + offset)", day: ymd(day), outsideCaseload: outside) }
    }

    @Test("Many records outside the caseload in one day is flagged; the same spread over two days is not")
    func outsideCaseload() {
        let rule = UnusualAccessRule(peoplePerDay: 50, outsideCaseloadPerDay: 10)
        let flagged = rule.flags(views("u1", 11, day: "2026-11-20", outside: true))
        #expect(flagged.count == 1)
        #expect(flagged.first?.outsideCaseload == 11)
        #expect(flagged.first?.reasons.first?.contains("outside their caseload") == true)
        let spread = views("u1", 6, day: "2026-11-20", outside: true) + views("u1", 5, day: "2026-11-21", outside: true, offset: 6)
        #expect(rule.flags(spread).isEmpty)
    }

    @Test("Reading the same record again and again counts once")
    func distinctPeople() {
        let rule = UnusualAccessRule(peoplePerDay: 3, outsideCaseloadPerDay: 3)
        let repeated = (0..<20).map { _ in AccessEvent(actorID: "u1", personID: "p1", day: Fixture.today, outsideCaseload: true) }
        #expect(rule.flags(repeated).isEmpty)
    }

    @Test("A busy day within the caseload is flagged only above the daily total, and each user separately")
    func volume() {
        let rule = UnusualAccessRule(peoplePerDay: 50, outsideCaseloadPerDay: 10)
        #expect(rule.flags(views("u1", 50, day: "2026-11-20", outside: false)).isEmpty)
        let flags = rule.flags(views("u1", 51, day: "2026-11-20", outside: false) + views("u2", 12, day: "2026-11-22", outside: true))
        #expect(flags.map(\.actorID) == ["u2", "u1"], "newest day first")
        #expect(flags.last?.peopleViewed == 51 && flags.last?.outsideCaseload == 0)
    }
}

@Suite("Reading outside one's own work")
struct OutsideOwnWorkTests {
    @Test("A practitioner beyond their caseload, a coordinator beyond their areas; other roles reach people only through their work")
    func outside() {
        let person = PersonScope(areaID: "essex", practitionerID: "pat")
        #expect(!Policy.isOutsideOwnWork(Actor(userID: "pat", role: .practitioner, areaIDs: ["essex"]), person))
        #expect(Policy.isOutsideOwnWork(Actor(userID: "sam", role: .practitioner, areaIDs: ["essex"]), person))
        #expect(!Policy.isOutsideOwnWork(Actor(userID: "coord", role: .coordinator, areaIDs: ["essex"]), person))
        #expect(Policy.isOutsideOwnWork(Actor(userID: "coord", role: .coordinator, areaIDs: ["swm"]), person))
        #expect(!Policy.isOutsideOwnWork(Actor(userID: "m", role: .mentor, areaIDs: []), person))
    }
}
