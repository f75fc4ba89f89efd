import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// Builds a small, known history in area A for a past reporting year, straight through the
/// repositories, so the report's figures can be checked against what was put in.
enum ReportData {
    /// April 2025 to March 2026: the last complete reporting year on the test world's day (23 November 2026).
    static let year = 2025
    static func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }

    static func unitID(_ world: TestWorld, _ name: String) throws -> String {
        try #require(world.areaA.deliveryUnits.first { $0.name == name }, "no delivery unit \(name)").id
    }

    static func person(_ app: Application, _ world: TestWorld, _ n: Int, unit: String) async throws -> Person {
        try await PeopleRepository.create(PersonDetails(crn: CRN(String(format: "R%06d", n)), firstName: "Person\(n)", lastName: "Report",
                                                        dateOfBirth: day(1985, 3, 3), gender: .male, areaID: world.areaA.id,
                                                        deliveryUnitID: try unitID(world, unit)),
                                          practitionerID: world.user(.practitioner).id, on: app.db)
    }

    /// A mentor recommended and accredited on the days given.
    @discardableResult
    static func accreditedMentor(_ app: Application, _ world: TestWorld, _ n: Int, unit: String, recommendedOn: CalendarDate,
                                 accreditedOn: CalendarDate, firstQualification: Bool) async throws -> Mentor {
        let person = try await person(app, world, n, unit: unit)
        let mentor = try await MentorRepository.recommend(personID: person.id, by: world.user(.practitioner).id, on: recommendedOn, reason: "Ready",
                                                          at: recommendedOn.startOfDay.addingTimeInterval(9 * 3600), on: app.db)
        try await MentorRepository.addAccreditation(Accreditation(award: "OCN Level 2 Award in Mentoring", awardingBody: .ocn, certificateNumber: "C\(n)",
                                                                  awardedOn: accreditedOn, firstQualification: firstQualification),
                                                    mentorID: mentor.id, by: world.user(.coordinator).id, on: app.db)
        return mentor
    }

    /// A referral made on `referredOn`, on an order that ended (or not) as `orderOutcome`.
    static func referral(_ app: Application, _ world: TestWorld, _ n: Int, unit: String, referredOn: CalendarDate,
                         orderOutcome: OrderOutcome = .active) async throws -> Referral {
        let person = try await person(app, world, n, unit: unit)
        let order = try await OrderRepository.create(OrderDetails(type: .licence, startDate: referredOn.adding(months: -1), expectedEndDate: referredOn.adding(months: 11),
                                                                  actualEndDate: orderOutcome == .active ? nil : referredOn.adding(months: 10), outcome: orderOutcome,
                                                                  requirements: [], rarDays: nil), personID: person.id, on: app.db)
        return try await ReferralRepository.create(personID: person.id, orderID: order.id, by: world.user(.practitioner).id, on: referredOn, consent: true,
                                                   ReferralDetails(needs: [.accommodation], goals: ["Goal"], genderPreference: .noPreference, languages: ["English"],
                                                                   availability: [], accessibilityNeeds: nil, exclusions: []), on: app.db)
    }

    /// Closes a referral as completed on `closedOn` with these goal results.
    static func complete(_ app: Application, _ referral: Referral, on closedOn: CalendarDate, goals: [GoalOutcome]) async throws {
        let summary = goals.enumerated().map { GoalResult(goal: "Goal \($0.offset + 1)", outcome: $0.element, comment: nil) }
        _ = try await ReferralRepository.setState(id: referral.id, to: .completed, expectedVersion: referral.version, summary: summary, on: closedOn, on: app.db)
    }

    /// The history the annual report tests read:
    /// - 10 mentors recommended on 1 May 2025 and accredited on 15 September 2025: 7 in Basildon (3 of them a first
    ///   qualification) and 3 in Colchester (1 a first qualification);
    /// - 8 referrals in the year: 6 in Basildon, 2 in Colchester; 3 of Basildon's completed on 20 January 2026 with
    ///   5 goals (3 achieved, 1 partly, 1 not), one on an order completed; one has accommodation rated homeless at
    ///   referral and settled at closure, and engagement "partly" at both;
    /// - 1 referral in the year before (Basildon, October 2024).
    static func build(_ app: Application, _ world: TestWorld) async throws {
        var n = 100
        for (unit, count, firsts) in [("Basildon", 7, 3), ("Colchester", 3, 1)] {
            for i in 0..<count {
                n += 1
                try await accreditedMentor(app, world, n, unit: unit, recommendedOn: day(2025, 5, 1), accreditedOn: day(2025, 9, 15), firstQualification: i < firsts)
            }
        }
        var basildon: [Referral] = []
        for i in 0..<6 {
            n += 1
            basildon.append(try await referral(app, world, n, unit: "Basildon", referredOn: day(2025, 6, 2), orderOutcome: i == 0 ? .completed : .active))
        }
        for _ in 0..<2 {
            n += 1
            _ = try await referral(app, world, n, unit: "Colchester", referredOn: day(2025, 7, 1))
        }
        n += 1
        _ = try await referral(app, world, n, unit: "Basildon", referredOn: day(2024, 10, 1))
        for (referral, goals) in zip(basildon, [[GoalOutcome.achieved, .partiallyAchieved], [.achieved], [.notAchieved, .achieved]]) {
            try await complete(app, referral, on: day(2026, 1, 20), goals: goals)
        }
        let assessed = basildon[0]
        for (stage, on, accommodation) in [(OutcomeStage.referral, day(2025, 6, 10), "homeless"), (.closure, day(2026, 1, 15), "settled")] {
            _ = try await OutcomeRepository.add(OutcomeAssessment(stage: stage, recordedOn: on, source: .practitionerAssessment,
                                                                  ratings: [.accommodation: accommodation, .engagementWithSupervision: "partly"], notes: nil),
                                                referralID: assessed.id, personID: assessed.personID, by: world.user(.practitioner).id,
                                                at: on.startOfDay, on: app.db)
        }
    }

    /// The keys of figures that count people or events (suppressed for commissioners).
    static let countKeys = ReportCatalogue.figures.filter { $0.format == .count }.map(\.key)

    /// "<5" or a whole number; nil for anything else.
    /// A count as a commissioner sees it: a number, "<5" (0 to 4), or "not shown" (5 or more,
    /// withheld so that a small count cannot be worked out).
    enum Cell: Equatable, CustomStringConvertible {
        case hidden
        case withheld
        case number(Int)
        var description: String {
            switch self {
            case .number(let n): String(n)
            case .hidden: Disclosure.shown
            case .withheld: Disclosure.hidden
            }
        }
        var isHidden: Bool { if case .number = self { false } else { true } }
        init?(_ value: Any?) {
            if let text = value as? String, text == Disclosure.shown { self = .hidden }
            else if let text = value as? String, text == Disclosure.hidden { self = .withheld }
            else if let n = value as? Int { self = .number(n) } else { return nil }
        }
    }
}

@Suite("Reporting: the annual report and demand through the API")
struct ReportingAnnualTests {
    typealias R = ReportData

    @Test("Named figures equal the history built; the year before, definitions, delivery-unit columns; bad years and other areas refused")
    func annualReport() async throws {
        try await withWaymark { app, world in
            try await R.build(app, world)
            let api = try await MentorJourneyAPITests.client(app, world)
            let coordinator = world.user(.coordinator)
            let basildon = try R.unitID(world, "Basildon"), colchester = try R.unitID(world, "Colchester")

            let (status, report) = try await api.call(coordinator, .GET, "/reports/annual?year=\(R.year)")
            #expect(status == .ok)
            #expect(report["year"] as? Int == 2025)
            #expect(report["label"] as? String == "2025-26")
            #expect(report["from"] as? String == "2025-04-01")
            #expect(report["to"] as? String == "2026-03-31")
            #expect(report["asOf"] as? String == world.today.iso)
            #expect(report["areaId"] as? String == world.areaA.id)
            #expect(report["areaName"] as? String == "Essex")
            #expect(report["deliveryUnitId"] is NSNull)
            #expect(report["suppressed"] as? Bool == false)
            let expected: [String: Int] = [
                "candidates": 10, "accredited": 10, "firstQualification": 4, "trained": 0, "activeMentors": 0, "deliveryUnits": 2,
                "trainingDeliveryUnits": 0, "referrals": 8, "matches": 0, "contacts": 0, "sessions": 0,
                "referralsClosed": 3, "goalsAgreed": 5, "goalsAchieved": 3, "goalsPartlyAchieved": 1, "goalsNotAchieved": 1,
                "orderCompleted": 1, "orderOther": 2, "orderRevokedForBreach": 0, "orderTerminatedEarly": 0,
                "accommodationMeasured": 1, "accommodationImproved": 1, "engagementWithSupervisionMeasured": 1, "engagementWithSupervisionImproved": 0,
                "substanceMisuseMeasured": 0, "mentorsReoffended": 0, "wellbeingRated": 0,
            ]
            for (key, value) in expected.sorted(by: { $0.key < $1.key }) {
                #expect(report[key] as? Int == value, "\(key): \(report[key] ?? "missing")")
            }
            // Nothing to measure is null, not zero.
            for key in ["attendanceRate", "feedbackUplift", "wellbeingChange"] {
                #expect(report[key] is NSNull, "\(key)")
            }

            // The year before, with its own figures.
            let previous = try #require(report["previousYear"] as? [String: Any])
            #expect(previous["year"] as? Int == 2024)
            #expect(previous["label"] as? String == "2024-25")
            #expect(previous["referrals"] as? Int == 1)
            #expect(previous["accredited"] as? Int == 0)
            #expect(previous["referralsClosed"] as? Int == 0)

            // Every figure is defined.
            let definitions = try #require(report["definitions"] as? [String: [String: String]])
            #expect(Set(definitions.keys) == Set(ReportCatalogue.figures.map(\.key)))
            #expect(definitions["accredited"]?["format"] == "count")
            #expect(definitions["accredited"]?["section"] == "mentors")
            #expect(definitions["referralsClosed"]?["definition"]?.contains("closed as completed") == true)
            #expect((report["quotes"] as? [Any])?.isEmpty == true)

            // Each delivery unit's column, by id or name; the units add up to the area.
            var columns: [String: [String: Any]] = [:]
            for (name, id, query) in [("Basildon", basildon, basildon), ("Colchester", colchester, "Colchester")] {
                let (unitStatus, column) = try await api.call(coordinator, .GET, "/reports/annual?year=\(R.year)&deliveryUnit=\(query)")
                #expect(unitStatus == .ok)
                #expect(column["deliveryUnitId"] as? String == id)
                #expect(column["deliveryUnitName"] as? String == name)
                #expect(column["deliveryUnits"] as? Int == 1)
                columns[name] = column
            }
            for (key, b, c) in [("accredited", 7, 3), ("candidates", 7, 3), ("firstQualification", 3, 1), ("referrals", 6, 2), ("referralsClosed", 3, 0), ("goalsAgreed", 5, 0)] {
                #expect(columns["Basildon"]?[key] as? Int == b, "Basildon \(key)")
                #expect(columns["Colchester"]?[key] as? Int == c, "Colchester \(key)")
            }
            for key in R.countKeys {
                let area = report[key] as? Int, parts = columns.values.compactMap { $0[key] as? Int }
                #expect(parts.count == 2 && area == parts.reduce(0, +), "\(key): area \(String(describing: area)) vs units \(parts)")
            }
            #expect((columns["Basildon"]?["previousYear"] as? [String: Any])?["referrals"] as? Int == 1)

            // Bad requests.
            for (query, field) in [("", "year"), ("?year=abc", "year"), ("?year=25", "year"), ("?year=1999", "year"), ("?year=2027", "year"),
                                   ("?year=2025&deliveryUnit=Walsall", "deliveryUnit")] {
                let (bad, body) = try await api.call(coordinator, .GET, "/reports/annual\(query)")
                #expect(bad == .unprocessableEntity, "\(query)")
                #expect(ReferralToMatchTests.fields(body) == [field], "\(query)")
            }
            #expect(try await api.call(coordinator, .GET, "/reports/annual?year=2025&area=\(world.areaB.id)").0 == .notFound)
            #expect(try await api.call(coordinator, .GET, "/reports/annual?year=2025&area=swm").0 == .notFound)
            #expect(try await api.call(coordinator, .GET, "/reports/annual?year=2025&area=essex").0 == .ok)
            #expect(try await api.call(world.coordinatorB, .GET, "/reports/annual?year=2025&area=\(world.areaA.id)").0 == .notFound)
            for role in [Role.practitioner, .mentor, .staffFacilitator, .administrator] {
                #expect(try await api.call(world.user(role), .GET, "/reports/annual?year=2025").0 == .forbidden, "\(role)")
            }

            // Viewing a report is audited as an aggregate read.
            let views = try await AuditLog.page(on: app.db, personID: nil, actorID: coordinator.id, before: nil, limit: 100).filter { $0.action == "report.annual.view" }
            #expect(views.count >= 4)
            #expect(views.allSatisfy { $0.personID == nil && $0.recordID == world.areaA.id })
            #expect(api.log.violations.isEmpty, "\(api.log.violations.joined(separator: "\n"))")
        }
    }

    @Test("A commissioner sees the same report with small counts as <5: none visible below 5, none worked out by subtracting units from the area")
    func commissionerSuppression() async throws {
        try await withWaymark { app, world in
            try await R.build(app, world)
            let api = try await MentorJourneyAPITests.client(app, world)
            let commissioner = world.user(.commissioner)
            let (status, report) = try await api.call(commissioner, .GET, "/reports/annual?year=\(R.year)")
            #expect(status == .ok)
            #expect(report["suppressed"] as? Bool == true)
            #expect(report["accredited"] as? Int == 10)
            #expect(report["referrals"] as? Int == 8)
            #expect(report["referralsClosed"] as? String == "<5")
            #expect(report["goalsAchieved"] as? String == "<5")
            #expect(report["deliveryUnits"] as? Int == 2, "organisational counts are not suppressed")
            #expect((report["previousYear"] as? [String: Any])?["referrals"] as? String == "<5")
            // The same report as the coordinator's where counts are 5 or more.
            let (_, full) = try await api.call(world.user(.coordinator), .GET, "/reports/annual?year=\(R.year)")
            for key in R.countKeys {
                if let n = report[key] as? Int { #expect(full[key] as? Int == n, "\(key)") }
            }

            // Every column: the area and each delivery unit, this year and the year before.
            var columns: [String: [String: Any]] = ["area": report]
            for unit in world.areaA.deliveryUnits {
                let (unitStatus, column) = try await api.call(commissioner, .GET, "/reports/annual?year=\(R.year)&deliveryUnit=\(unit.id)")
                #expect(unitStatus == .ok)
                #expect(column["suppressed"] as? Bool == true)
                columns[unit.name] = column
            }
            for (name, column) in columns {
                for (label, figures) in [("this year", column), ("year before", column["previousYear"] as? [String: Any] ?? [:])] {
                    for key in R.countKeys {
                        let cell = R.Cell(figures[key])
                        #expect(cell != nil, "\(name) \(label) \(key) is \(figures[key] ?? "missing")")
                        if case .number(let n)? = cell {
                            #expect(n >= 5, "\(name) \(label) \(key) shows \(n)")
                        }
                    }
                }
            }
            // Across the delivery units, a figure never has exactly one hidden unit: otherwise area − the others gives it away.
            for key in R.countKeys {
                for previous in [false, true] {
                    let cells = world.areaA.deliveryUnits.map { unit -> R.Cell? in
                        let column = columns[unit.name] ?? [:]
                        return R.Cell(previous ? (column["previousYear"] as? [String: Any])?[key] : column[key])
                    }
                    let hidden = cells.filter { $0?.isHidden == true }.count
                    #expect(hidden != 1, "\(key)\(previous ? " (year before)" : ""): units \(cells.map { $0?.description ?? "?" })")
                }
            }
            // Derived figures resting on a hidden count are not shown; none is a bare small count.
            let basildon = columns["Basildon"] ?? [:]
            #expect(basildon["referralsClosed"] as? String == "<5")

            // Commissioners see aggregates only.
            #expect(try await api.call(commissioner, .GET, "/people").0 == .forbidden)
            #expect(try await api.call(commissioner, .GET, "/referrals/\(world.referralA2.id)/outcomes").0 == .forbidden)
            #expect(try await api.call(commissioner, .GET, "/case-studies").0 == .forbidden)
            #expect(try await api.call(commissioner, .GET, "/reports/annual?year=2025&area=\(world.areaB.id)").0 == .notFound)
            #expect(api.log.violations.isEmpty, "\(api.log.violations.joined(separator: "\n"))")
        }
    }

    @Test("Demand: 12 month-end points per delivery unit; a waiting referral counts from the month it was made; commissioners see <5")
    func demand() async throws {
        try await withWaymark { app, world in
            let api = try await MentorJourneyAPITests.client(app, world)
            let coordinator = world.user(.coordinator)
            let colchester = try R.unitID(world, "Colchester")
            func colchesterWaiting(_ body: [String: Any]) -> [Int] {
                (body["points"] as? [[String: Any]] ?? []).filter { $0["deliveryUnitId"] as? String == colchester }.compactMap { $0["waiting"] as? Int }
            }
            let (status, before) = try await api.call(coordinator, .GET, "/reports/demand")
            #expect(status == .ok)
            #expect(before["areaId"] as? String == world.areaA.id)
            #expect(before["suppressed"] as? Bool == false)
            let points = before["points"] as? [[String: Any]] ?? []
            #expect(points.count == 12 * world.areaA.deliveryUnits.count)
            for unit in world.areaA.deliveryUnits {
                let days = points.filter { $0["deliveryUnitId"] as? String == unit.id }.compactMap { $0["on"] as? String }
                #expect(days.count == 12, "\(unit.name)")
                #expect(Set(days).count == 12, "\(unit.name): one point per month")
                #expect(days.sorted().last == world.today.iso, "\(unit.name): the current month ends today")
                #expect(days.sorted().first == "2025-12-31")
            }
            let baseline = colchesterWaiting(before)
            #expect(baseline.count == 12)

            // A referral made on 23 August and still waiting counts at the end of August, September, October and today.
            let (_, referral) = try await ReportingAPITests.referredPerson(app, world, first: "Ada", last: "Waits", crn: "E820001", unit: "Colchester",
                                                                         daysAgo: world.today.adding(months: -3).days(until: world.today))
            #expect(referral.referredOn.iso == "2026-08-23")
            let (_, after) = try await api.call(coordinator, .GET, "/reports/demand")
            let waiting = colchesterWaiting(after)
            #expect(zip(waiting, baseline).map { $0 - $1 } == [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
            let latest = (after["points"] as? [[String: Any]] ?? []).last { $0["deliveryUnitId"] as? String == colchester }
            #expect(latest?["freePlaces"] as? Int == 0)
            #expect(latest?["demandExceedsSupply"] as? Bool == true)
            #expect((after["recruitFirst"] as? [String])?.contains(colchester) == true)

            let (one, oneUnit) = try await api.call(coordinator, .GET, "/reports/demand?deliveryUnit=Colchester")
            #expect(one == .ok)
            #expect((oneUnit["points"] as? [[String: Any]])?.count == 12)
            #expect(colchesterWaiting(oneUnit) == waiting)

            // The commissioner sees the same, small counts as <5.
            let (seen, suppressed) = try await api.call(world.user(.commissioner), .GET, "/reports/demand")
            #expect(seen == .ok)
            #expect(suppressed["suppressed"] as? Bool == true)
            let cells = (suppressed["points"] as? [[String: Any]] ?? []).flatMap { [$0["waiting"], $0["freePlaces"]] }
            #expect(!cells.isEmpty)
            #expect(cells.allSatisfy { ($0 as? String) == "<5" || (($0 as? Int) ?? 0) >= 5 }, "\(cells)")

            #expect(try await api.call(world.coordinatorB, .GET, "/reports/demand?area=\(world.areaA.id)").0 == .notFound)
            #expect(try await api.call(coordinator, .GET, "/reports/demand?deliveryUnit=Walsall").0 == .unprocessableEntity)
            #expect(try await api.call(world.user(.practitioner), .GET, "/reports/demand").0 == .forbidden)
            #expect(api.log.violations.isEmpty, "\(api.log.violations.joined(separator: "\n"))")
        }
    }
}

/// Disclosure control seen from outside: what a commissioner could work out from the cells
/// shown, knowing that "<5" means 0 to 4.
@Suite("Reporting: what a commissioner can work out from a suppressed report")
struct ReportingDisclosureTests {
    typealias R = ReportData

    /// Every column a commissioner can ask for (the area, then each unit), this year.
    static func commissionerColumns(_ app: Application, _ world: TestWorld, _ api: MentorJourneyAPITests.Client,
                                    _ user: UserAccount) async throws -> [(String, [String: Any])] {
        var columns: [(String, [String: Any])] = [("area", try await api.call(user, .GET, "/reports/annual?year=\(R.year)").1)]
        for unit in world.areaA.deliveryUnits {
            columns.append((unit.name, try await api.call(user, .GET, "/reports/annual?year=\(R.year)&deliveryUnit=\(unit.id)").1))
        }
        return columns
    }

    @Test("A cell shown as <5 is a count below 5: a hidden 7 is not reported as <5")
    func lessThanFiveMeansLessThanFive() async throws {
        try await withWaymark { app, world in
            try await R.build(app, world)
            let api = try await MentorJourneyAPITests.client(app, world)
            let truth = try await Self.commissionerColumns(app, world, api, world.user(.coordinator))
            let shown = try await Self.commissionerColumns(app, world, api, world.user(.commissioner))
            var untrue: [String] = []
            for ((name, actual), (_, cells)) in zip(truth, shown) {
                for key in R.countKeys where R.Cell(cells[key]) == .hidden {
                    if let n = actual[key] as? Int, n >= 5 { untrue.append("\(name) \(key) is \(n) but shown as <5") }
                }
            }
            #expect(untrue.isEmpty, "\(untrue.joined(separator: "\n"))")
            #expect(api.log.violations.isEmpty, "\(api.log.violations.joined(separator: "\n"))")
        }
    }

    @Test("The area total and the <5 bound never pin down a hidden unit's count (4 + 4 shown as <5 + <5 = 8)")
    func totalAndBoundDoNotPinAHiddenCount() async throws {
        try await withWaymark { app, world in
            // Four referrals in each delivery unit in the year: both units are below 5, the area is 8.
            var n = 500
            for unit in ["Basildon", "Colchester"] {
                for _ in 0..<4 {
                    n += 1
                    _ = try await R.referral(app, world, n, unit: unit, referredOn: R.day(2025, 6, 2))
                }
            }
            let api = try await MentorJourneyAPITests.client(app, world)
            let columns = try await Self.commissionerColumns(app, world, api, world.user(.commissioner))
            let area = columns[0].1, units = columns.dropFirst().map(\.1)
            var pinned: [String] = []
            for key in R.countKeys {
                guard case .number(let total)? = R.Cell(area[key]) else { continue }
                let cells = units.map { R.Cell($0[key]) }
                let hidden = cells.filter { $0 == .hidden }.count
                // A withheld ("not shown", 5 or more) unit leaves the hidden sum open above.
                guard hidden > 0, !cells.contains(.withheld) else { continue }
                let visible = cells.reduce(0) { sum, cell in if case .number(let v)? = cell { sum + v } else { sum } }
                let hiddenSum = total - visible
                // Each hidden cell is 0 to 4, so a hidden sum of 0 or of 4 × hidden means every hidden cell is known exactly.
                if hiddenSum == 0 || hiddenSum == 4 * hidden {
                    pinned.append("\(key): area \(total), units \(cells.map { $0?.description ?? "?" }) → each hidden unit is \(hiddenSum / hidden)")
                }
            }
            #expect(pinned.isEmpty, "\(pinned.joined(separator: "\n"))")
            #expect(api.log.violations.isEmpty, "\(api.log.violations.joined(separator: "\n"))")
        }
    }
}
