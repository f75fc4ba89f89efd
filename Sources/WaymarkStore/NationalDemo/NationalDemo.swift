import Fluent
import Foundation
import Vapor
import WaymarkCore

/// How big the generated national dataset is. `national` is the size of a peer mentoring
/// service for all of England and Wales; tests load the same shape at a fraction of it.
public struct NationalScale: Sendable, Equatable {
    public var people: Int
    public var mentors: Int
    public var referrals: Int
    public var matches: Int
    public var contacts: Int
    public var sessions: Int

    public static let national = NationalScale(people: 250_000, mentors: 20_000, referrals: 60_000, matches: 40_000,
                                               contacts: 2_000_000, sessions: 200_000)

    public init(people: Int, mentors: Int, referrals: Int, matches: Int, contacts: Int, sessions: Int) {
        self.people = people
        self.mentors = mentors
        self.referrals = referrals
        self.matches = matches
        self.contacts = contacts
        self.sessions = sessions
    }

    /// The national shape at `fraction` of its size (at least enough for every region to have each kind of record).
    public func fraction(_ fraction: Double) -> NationalScale {
        func part(_ n: Int, min least: Int) -> Int { max(least, Int((Double(n) * fraction).rounded())) }
        return NationalScale(people: part(people, min: 1_200), mentors: part(mentors, min: 600), referrals: part(referrals, min: 360),
                             matches: part(matches, min: 240), contacts: part(contacts, min: 2_400), sessions: part(sessions, min: 400))
    }
}

/// `waymark demo --scale national`: a believable national service generated from a seed —
/// people with orders and risk, mentors at every journey stage, referrals, matches and their
/// contacts, group sessions with attendance and feedback — in 12 regions and 100 delivery
/// units. Rows are written in multi-row INSERTs, one transaction per region and stage, so it
/// loads in minutes. The rows are generated, not entered by anyone, so the audit log holds
/// one `demo.load` entry for the load rather than one per row.
public enum NationalDemo {
    public typealias Progress = @Sendable (_ stage: String, _ done: Int, _ total: Int) -> Void

    public struct Summary: Sendable {
        public let signIns: [DemoData.SignIn]
        public let rows: [(table: String, count: Int)]
    }

    public static func load(on db: any Database, scale: NationalScale = .national, today: CalendarDate, seed: UInt64 = 2026,
                            bcryptCost: Int, progress: @escaping Progress = { _, _, _ in }) async throws -> Summary {
        let generator = NationalGenerator(scale: scale, today: today, seed: seed, passwordHash: try Bcrypt.hash(DemoData.password, cost: bcryptCost),
                                          progress: progress)
        try await InstallationRepository.markDemo(at: Date(), on: db)
        return try await generator.run(on: db)
    }
}

/// The generator's state while it runs. It is used by one task at a time, stage after stage,
/// but crosses into Fluent's `@Sendable` transaction closures, hence `@unchecked Sendable`.
final class NationalGenerator: @unchecked Sendable {
    struct RegionState {
        let region: NationalPlaces.Region
        let areaID: UUID
        let providerID: UUID
        var units: [UUID] = []
        var sites: [UUID] = []
        var coordinators: [UUID] = []
        var practitioners: [UUID] = []
        var facilitators: [UUID] = []
        var commissioner: UUID?
        var interventions: [(id: UUID, version: Int, capacity: Int, name: String)] = []
        var people: Range<Int> = 0..<0
        var mentorPeople: Range<Int> = 0..<0
        var menteePeople: Range<Int> = 0..<0
        var referrals = 0, matches = 0, contacts = 0, sessions = 0
        /// Mentors who are (or were) active, with the day they became active; those active now; and their users.
        var everActive: [(mentor: UUID, activeOn: Int, user: UUID?)] = []
        var activeNow: [(mentor: UUID, activeOn: Int, user: UUID?)] = []
        var cohorts: [[(id: UUID, start: Int)]] = []
    }

    /// One generated person: what later stages need to know about them.
    struct PersonFacts {
        let id: UUID
        let region: Int
        let unit: Int
        let practitioner: UUID?
        let orderID: UUID
        let orderStart: Int
        let orderEnd: Int?
        let rosh: RoSH
    }

    let scale: NationalScale
    let today: CalendarDate
    let passwordHash: String
    let progress: NationalDemo.Progress
    var rng: SeededGenerator
    var regions: [RegionState] = []
    var people: [PersonFacts] = []
    /// Future mentors' journeys, by person index: decided with their order, so it ended in time for them to be recommended.
    var mentorPlans: [Int: MentorPlan] = [:]
    var signIns: [DemoData.SignIn] = []
    var rowCounts: [String: Int] = [:]
    private let dayStrings: [String]
    private let dayBase = 2_000
    private let todayStart: Date

    init(scale: NationalScale, today: CalendarDate, seed: UInt64, passwordHash: String, progress: @escaping NationalDemo.Progress) {
        self.scale = scale
        self.today = today
        self.passwordHash = passwordHash
        self.progress = progress
        rng = SeededGenerator(seed: seed)
        // Day offsets from today, as stored text, worked out once: millions of rows carry dates.
        let first = today.adding(days: -2_000)
        var strings: [String] = []
        strings.reserveCapacity(3_200)
        for offset in 0..<3_200 { strings.append(first.adding(days: offset).iso) }
        dayStrings = strings
        todayStart = today.startOfDay
    }

    /// The stored text of the day `offset` days from today.
    func day(_ offset: Int) -> String { dayStrings[offset + dayBase] }
    /// A moment on the day `offset` days from today, `hour` o'clock.
    func moment(_ offset: Int, hour: Int = 10) -> Date { todayStart.addingTimeInterval(Double(offset * 86_400 + hour * 3_600)) }

    func random(_ upper: Int) -> Int { upper <= 1 ? 0 : Int(rng.next() % UInt64(upper)) }
    func random(in range: ClosedRange<Int>) -> Int { range.lowerBound + random(range.count) }
    func chance(_ percent: Int) -> Bool { random(100) < percent }
    func pick<T>(_ list: [T]) -> T { list[random(list.count)] }

    /// Version-4-shaped UUIDs from the seed, so the same seed gives the same ids.
    func uuid() -> UUID {
        let a = rng.next(), b = rng.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: a >> (8 * i))
            bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * i))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// Splits `total` across the regions in proportion to their delivery units.
    func perRegion(_ total: Int) -> [Int] {
        let weights = NationalPlaces.regions.map { $0.region.units.count }
        let sum = weights.reduce(0, +)
        var parts = weights.map { total * $0 / sum }
        parts[parts.count - 1] += total - parts.reduce(0, +)
        return parts
    }

    func run(on db: any Database) async throws -> NationalDemo.Summary {
        try await db.transaction { tx in try await self.organisation(on: tx) }
        let peopleTotal = scale.people
        for r in regions.indices {
            try await db.transaction { tx in try await self.people(region: r, on: tx) }
            progress("People, orders and risk", regions[r].people.upperBound, peopleTotal)
        }
        for r in regions.indices {
            try await db.transaction { tx in try await self.mentors(region: r, on: tx) }
            progress("Mentors and their journeys", r + 1, regions.count)
        }
        var contactsDone = 0
        for r in regions.indices {
            try await db.transaction { tx in try await self.referrals(region: r, on: tx) }
            contactsDone += regions[r].contacts
            progress("Referrals, matches and contacts", contactsDone, scale.contacts)
        }
        var sessionsDone = 0
        for r in regions.indices {
            try await db.transaction { tx in try await self.sessions(region: r, on: tx) }
            sessionsDone += regions[r].sessions
            progress("Group sessions, attendance and feedback", sessionsDone, scale.sessions)
        }
        try await db.transaction { tx in
            try await AuditLog.append(AuditRecord(actorID: "system", action: "demo.load", recordType: "database", recordID: "national",
                                                  personID: nil, detail: "national demo data generated"), at: self.todayStart, on: tx)
        }
        return NationalDemo.Summary(signIns: signIns, rows: rowCounts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    func count(_ insert: BulkInsert) {
        rowCounts[insert.table, default: 0] += insert.written
    }
}
