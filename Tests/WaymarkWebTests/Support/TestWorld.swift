import Fluent
import FluentSQLiteDriver
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// A clock the tests move by hand.
final class ManualClock: Sendable {
    private let box: NIOLockedValueBox<Date>
    init(_ start: Date) { box = .init(start) }
    var now: Date { box.withLockedValue { $0 } }
    func advance(by seconds: TimeInterval) { box.withLockedValue { $0 = $0.addingTimeInterval(seconds) } }
}

/// The small world every web test starts from: two areas, a user of every role, three people.
struct TestWorld: Sendable {
    static let password = "correct horse battery"
    static let start = CalendarDate(year: 2026, month: 11, day: 23)!.startOfDay.addingTimeInterval(10 * 3600)

    let clock: ManualClock
    let areaA: AreaInfo
    let areaB: AreaInfo
    /// One user per role, all in area A (except the administrator), plus a few extra.
    let users: [Role: UserAccount]
    let practitionerA2: UserAccount
    let practitionerB: UserAccount
    let coordinatorB: UserAccount
    /// A second coordinator in area A: claims are decided by someone other than who submitted them.
    let coordinatorA2: UserAccount
    let tokens: [String: String]
    /// In area A, on practitioner A1's caseload.
    let personA1: Person
    let orderA1: Order
    /// In area A, on practitioner A2's caseload.
    let personA2: Person
    /// In area B.
    let personB: Person
    /// Person A1 on the mentor journey (recommended), signed in as the `mentor` user.
    let mentorA1: Mentor
    let cohortA: Cohort
    let expenseA1: StoredExpense
    let siteA: String
    let providerID: String
    /// Person A2 referred for a mentor and matched (active) with mentor A1, with one contact that raised a concern.
    let referralA2: Referral
    let matchA2: Match
    let contactA2: StoredContact
    /// Transition and Hope (seeded for the provider) at site A today 10:00–12:00, facilitated by the staff
    /// facilitator and mentor A1 (both accepted), with person A1 booked on order A1 and recorded as failing to attend.
    let interventionTH: Intervention
    let sessionA: GroupSession
    let facilitatorA: Facilitator
    let bookingA1: Booking
    let attendanceA1: StoredAttendance
    /// A quote from person A1 (mentor A1) in area A, told as "Rose", with consent for the annual
    /// report given a week ago; awaiting approval.
    let caseStudyA1: CaseStudy

    var today: CalendarDate { CalendarDate(clock.now) }
    func token(_ user: UserAccount) -> String { tokens[user.id]! }
    func user(_ role: Role) -> UserAccount { users[role]! }
}

enum TestDatabase {
    static var postgresURL: String? { ProcessInfo.processInfo.environment["WAYMARK_TEST_POSTGRES_URL"] }

    static var location: DatabaseLocation {
        if let url = postgresURL { return .postgres(url) }
        return .sqliteMemory
    }
}

/// Starts Waymark in process on a fresh database (SQLite in memory, or PostgreSQL when
/// WAYMARK_TEST_POSTGRES_URL is set: then run the tests with --no-parallel), builds the world,
/// runs the test, and shuts down.
/// `enforceTwoStep` is off unless a test is about two-step sign-in: the world's administrator
/// would otherwise be sent to set it up before every page.
func withWaymark(enforceTwoStep: Bool = false, _ test: (Application, TestWorld) async throws -> Void) async throws {
    try await withApp { app in
        let clock = ManualClock(TestWorld.start)
        app.logger.logLevel = .warning
        var options = WaymarkOptions(database: TestDatabase.location, bcryptCost: 4, clock: { clock.now }, notificationInterval: nil)
        options.enforceTwoStep = enforceTwoStep
        try await configure(app, options: options)
        if TestDatabase.postgresURL != nil, let sql = app.db as? any SQLDatabase {
            try await sql.raw("DROP SCHEMA public CASCADE").run()
            try await sql.raw("CREATE SCHEMA public").run()
        }
        try await migrate(app)
        let world = try await buildWorld(app, clock: clock)
        try await test(app, world)
    }
}

private func buildWorld(_ app: Application, clock: ManualClock) async throws -> TestWorld {
    let db = app.db
    let provider = ProviderModel(name: "Test Provider", slug: "test")
    try await provider.create(on: db)
    func area(_ name: String, _ slug: String, units: [String]) async throws -> AreaInfo {
        let area = AreaModel(providerID: provider.id!, name: name, slug: slug, contactName: "Coordinator",
                             contactEmail: "\(slug)@example.org", contactPhone: nil)
        try await area.create(on: db)
        for unit in units { try await DeliveryUnitModel(areaID: area.id!, name: unit).create(on: db) }
        return try await OrganisationRepository.findArea(area.id!.uuidString, on: db)!
    }
    let areaA = try await area("Essex", "essex", units: ["Basildon", "Colchester"])
    let areaB = try await area("Staffordshire & West Midlands", "swm", units: ["Walsall"])
    let hash = try Bcrypt.hash(TestWorld.password, cost: 4)
    func user(_ email: String, _ role: Role, _ areas: [AreaInfo]) async throws -> UserAccount {
        try await UserRepository.create(email: email, name: email.split(separator: "@")[0].capitalized, role: role,
                                        passwordHash: hash, areaIDs: areas.map(\.id), on: db)
    }
    var users: [Role: UserAccount] = [:]
    users[.administrator] = try await user("admin@example.org", .administrator, [])
    users[.coordinator] = try await user("coordinator@example.org", .coordinator, [areaA])
    users[.practitioner] = try await user("practitioner@example.org", .practitioner, [areaA])
    users[.staffFacilitator] = try await user("facilitator@example.org", .staffFacilitator, [areaA])
    users[.mentor] = try await user("mentor@example.org", .mentor, [areaA])
    users[.commissioner] = try await user("commissioner@example.org", .commissioner, [areaA])
    let practitionerA2 = try await user("practitioner2@example.org", .practitioner, [areaA])
    let practitionerB = try await user("practitionerb@example.org", .practitioner, [areaB])
    let coordinatorB = try await user("coordinatorb@example.org", .coordinator, [areaB])
    let coordinatorA2 = try await user("coordinator2@example.org", .coordinator, [areaA])
    var tokens: [String: String] = [:]
    for account in Array(users.values) + [practitionerA2, practitionerB, coordinatorB, coordinatorA2] {
        tokens[account.id] = try await UserRepository.createToken(for: account.id, on: db)
    }
    func person(_ first: String, _ last: String, _ crn: String, _ area: AreaInfo, _ practitioner: UserAccount) async throws -> Person {
        let details = PersonDetails(crn: CRN(crn), firstName: first, lastName: last,
                                    dateOfBirth: CalendarDate(year: 1988, month: 4, day: 12)!, gender: .female,
                                    areaID: area.id, deliveryUnitID: area.deliveryUnits[0].id)
        return try await PeopleRepository.create(details, practitionerID: practitioner.id, on: db)
    }
    let personA1 = try await person("Daisy", "Fletcher", "E100001", areaA, users[.practitioner]!)
    let personA2 = try await person("Marcus", "Shaw", "E100002", areaA, practitionerA2)
    let personB = try await person("Kieran", "Walker", "S200001", areaB, practitionerB)
    let order = try await OrderRepository.create(
        OrderDetails(type: .communityOrder, startDate: CalendarDate(year: 2026, month: 3, day: 2)!,
                     expectedEndDate: CalendarDate(year: 2027, month: 9, day: 1)!, actualEndDate: nil, outcome: .active,
                     requirements: [.rehabilitationActivity], rarDays: 20),
        personID: personA1.id, on: db)
    let site = SiteModel(deliveryUnitID: UUID(uuidString: areaA.deliveryUnits[0].id)!, name: "Basildon probation office",
                         address: "1 Great Oaks, Basildon", postcode: "SS14 1EL")
    try await site.create(on: db)
    let today = CalendarDate(clock.now)
    let mentor = try await MentorRepository.recommend(personID: personA1.id, by: users[.practitioner]!.id, on: today,
                                                      reason: "Turned things around", at: clock.now, on: db)
    try await MentorRepository.linkUser(id: mentor.id, userID: users[.mentor]!.id, on: db)
    let cohort = try await TrainingRepository.create(areaID: areaA.id, CohortDraft.Valid(name: "Basildon spring", startDate: today.adding(days: 7),
                                                                                     sessions: 12, siteID: site.id!.uuidString, trainers: "Sam"), on: db)
    let expense = try await VolunteeringRepository.addExpense(ExpenseClaim(incurredOn: today.adding(days: -2), kind: .fares, miles: nil, amountPence: 450,
                                                                           receiptReference: "T1", description: "Bus"),
                                                              mentorID: mentor.id, by: users[.mentor]!.id, on: db)
    let orderA2 = try await OrderRepository.create(
        OrderDetails(type: .licence, startDate: today.adding(months: -2), expectedEndDate: today.adding(months: 10), actualEndDate: nil,
                     outcome: .active, requirements: [], rarDays: nil), personID: personA2.id, on: db)
    let referral = try await ReferralRepository.create(personID: personA2.id, orderID: orderA2.id, by: practitionerA2.id, on: today, consent: true,
                                                       ReferralDetails(needs: [.accommodation], goals: ["Find a home"], genderPreference: .noPreference,
                                                                       languages: ["English"], availability: [], accessibilityNeeds: nil, exclusions: []),
                                                       on: db)
    _ = try await ReferralRepository.setState(id: referral.id, to: .onProgramme, expectedVersion: referral.version, on: today, on: db)
    var match = try await MatchRepository.propose(referralID: referral.id, mentorID: mentor.id, score: 40, on: today, on: db)
    match = try await MatchRepository.move(id: match.id, to: .active, endReason: nil, on: today, expectedVersion: match.version, on: db)!
    let contact = try await MatchRepository.addContact(Contact(on: today, minutes: 60, supportTypes: [.listening], place: "Café", notes: nil,
                                                               concern: "Talked about old friends"), matchID: match.id, by: users[.mentor]!.id, on: db)
    let interventions = try await InterventionRepository.all(providerIDs: [provider.id!.uuidString], on: db)
    let th = interventions.first { $0.name == "Transition and Hope" }!
    let session = try await SessionRepository.create(SessionDraft.Valid(interventionID: th.id, siteID: site.id!.uuidString, dates: [today],
                                                                        start: ClockTime("10:00")!, end: ClockTime("12:00")!, capacity: 12),
                                                     intervention: th, by: users[.coordinator]!.id, on: db)[0]
    var staffFacilitator = try await SessionRepository.addFacilitator(sessionID: session.id, mentorID: nil, userID: users[.staffFacilitator]!.id, on: db)
    staffFacilitator = try await SessionRepository.respond(facilitatorID: staffFacilitator.id, .accepted, expectedVersion: 1, on: db)!
    let mentorFacilitator = try await SessionRepository.addFacilitator(sessionID: session.id, mentorID: mentor.id, userID: users[.mentor]!.id, on: db)
    _ = try await SessionRepository.respond(facilitatorID: mentorFacilitator.id, .accepted, expectedVersion: 1, on: db)
    let booking = try await SessionRepository.book(sessionID: session.id, personID: personA1.id, orderID: order.id, state: .booked,
                                                   by: users[.practitioner]!.id, at: clock.now, on: db)
    let attendance = try await AttendanceRepository.record(AttendanceRecord(outcome: .failedToAttend, absenceReason: nil, late: false, lateReason: nil,
                                                                            behaviourNotes: nil, tellPractitioner: false),
                                                           sessionID: session.id, personID: personA1.id, orderID: order.id,
                                                           by: users[.staffFacilitator]!.id, at: clock.now, on: db)
    let caseStudy = try await CaseStudyRepository.create(
        CaseStudyDraft.Valid(subject: .mentor, kind: .quote, pseudonym: "Rose", title: nil,
                             text: "Being trusted with someone else's progress changed how I see myself.",
                             consent: Consent(uses: [.annualReport], givenOn: today.adding(days: -7), withdrawnOn: nil)),
        areaID: areaA.id, personID: personA1.id, by: users[.coordinator]!.id, on: db)
    return TestWorld(clock: clock, areaA: areaA, areaB: areaB, users: users, practitionerA2: practitionerA2,
                     practitionerB: practitionerB, coordinatorB: coordinatorB, coordinatorA2: coordinatorA2, tokens: tokens, personA1: personA1,
                     orderA1: order, personA2: personA2, personB: personB,
                     mentorA1: (try await MentorRepository.find(id: mentor.id, on: db))!, cohortA: cohort, expenseA1: expense,
                     siteA: site.id!.uuidString, providerID: provider.id!.uuidString,
                     referralA2: (try await ReferralRepository.find(id: referral.id, on: db))!, matchA2: match, contactA2: contact,
                     interventionTH: th, sessionA: session, facilitatorA: staffFacilitator, bookingA1: booking, attendanceA1: attendance,
                     caseStudyA1: caseStudy)
}
