import Foundation
import Testing
@testable import WaymarkCore

/// Reports built cell by cell, so each test controls exactly which counts are small.
enum DisclosureFixture {
    static let countKeys = ReportCatalogue.figures.filter { $0.format == .count }.map(\.key)

    /// Every count is `base` in each unit unless `values[unit]` says otherwise; each additive
    /// group's total is the sum of its parts, and the area is the sum of its units.
    static func report(_ unitIDs: [String], base: Double = 10, _ values: [String: [String: Double]] = [:]) -> AnnualReport {
        var units: [String: [String: FigureValue]] = [:]
        var sums: [String: Double] = [:]
        for unit in unitIDs {
            var cells: [String: Double] = [:]
            for figure in ReportCatalogue.figures {
                switch figure.format {
                case .count: cells[figure.key] = values[unit]?[figure.key] ?? base
                case .organisational: cells[figure.key] = values[unit]?[figure.key] ?? (figure.key == "deliveryUnits" ? 1 : 0)
                case .hours: cells[figure.key] = 12.5
                case .percentage: cells[figure.key] = 83.3
                case .uplift, .mean: cells[figure.key] = 1.25
                }
            }
            for group in ReportCatalogue.groups { cells[group.total] = group.parts.map { cells[$0]! }.reduce(0, +) }
            for (key, value) in cells { sums[key, default: 0] += value }
            units[unit] = cells.mapValues(FigureValue.number)
        }
        var area: [String: FigureValue] = [:]
        for figure in ReportCatalogue.figures {
            switch figure.format {
            case .count, .organisational, .hours: area[figure.key] = .number(sums[figure.key] ?? 0)
            case .percentage: area[figure.key] = .number(80)
            case .uplift, .mean: area[figure.key] = .number(0.5)
            }
        }
        return AnnualReport(year: ReportingYear(2025), asOf: Fixture.today, unitIDs: unitIDs, area: area, units: units, suppressed: false)
    }

    /// The report's columns: the area (nil), then each delivery unit.
    static func columns(_ report: AnnualReport) -> [(name: String, cells: [String: FigureValue])] {
        [("area", report.area)] + report.unitIDs.map { ($0, report.column($0)) }
    }

    /// Every rule a suppressed report must keep, checked against the report it came from.
    static func checkSafe(_ suppressed: AnnualReport, from original: AnnualReport, _ label: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(suppressed.suppressed, sourceLocation: sourceLocation)
        let columns = Self.columns(suppressed)
        let originals = Dictionary(uniqueKeysWithValues: Self.columns(original).map { ($0.name, $0.cells) })
        for (name, cells) in columns {
            // No hidden cell of an additive group in a column can be worked out exactly.
            for group in ReportCatalogue.groups {
                let keys = [group.total] + group.parts
                let pinned = pinnedCells(keys.map { cells[$0] ?? .notAvailable })
                #expect(pinned.isEmpty, "\(label): \(name) \(group.total) lets a reader work out \(pinned.map { keys[$0] })", sourceLocation: sourceLocation)
            }
            for figure in ReportCatalogue.figures {
                let before = originals[name]?[figure.key]
                let after = cells[figure.key]
                switch figure.format {
                case .count:
                    // No visible count is small, a visible count is never altered, "<5" is only
                    // ever below 5 and "not shown" only ever 5 or more.
                    if let n = after?.number {
                        #expect(n >= Disclosure.threshold, "\(label): \(name) \(figure.key) = \(n)", sourceLocation: sourceLocation)
                        #expect(after == before, "\(label): \(name) \(figure.key)", sourceLocation: sourceLocation)
                    } else {
                        let small = (before?.number ?? 0) < Disclosure.threshold
                        #expect(after == (small ? .suppressed : .withheld), "\(label): \(name) \(figure.key)", sourceLocation: sourceLocation)
                    }
                case .organisational:
                    #expect(after == before, "\(label): \(name) \(figure.key)", sourceLocation: sourceLocation)
                case .hours, .percentage, .uplift, .mean:
                    // A derived figure is hidden exactly where a count it rests on is hidden.
                    let dependencyHidden = figure.dependsOn.contains { cells[$0]?.isHidden == true }
                    #expect(after == (dependencyHidden ? .suppressed : before), "\(label): \(name) \(figure.key)", sourceLocation: sourceLocation)
                }
            }
        }
        // Across the area and its units, no hidden count can be worked out exactly.
        if suppressed.unitIDs.count > 1 {
            for key in countKeys {
                let pinned = pinnedCells(columns.map { $0.cells[key] ?? .notAvailable })
                #expect(pinned.isEmpty, "\(label): \(key) can be worked out in \(pinned.map { columns[$0].name })", sourceLocation: sourceLocation)
            }
        }
    }

    /// Brute force, independent of `Disclosure`: the hidden cells (a total, then its parts)
    /// that have only one value consistent with the visible cells, "<5" meaning 0 to 4 and
    /// "not shown" meaning 5 or more (up to a bound no test report reaches).
    static func pinnedCells(_ cells: [FigureValue], bound: Int = 400) -> [Int] {
        func domain(_ v: FigureValue) -> ClosedRange<Int> {
            switch v {
            case .number(let n): Int(n)...Int(n)
            case .suppressed: 0...4
            case .withheld: 5...bound
            case .notAvailable: 0...bound
            }
        }
        let domains = cells.map(domain)
        // The sums the parts other than `skip` can make.
        func partSums(skipping skip: Int?) -> Set<Int> {
            var sums: Set<Int> = [0]
            for i in 1..<domains.count where i != skip {
                var next: Set<Int> = []
                for s in sums { for x in domains[i] where s + x <= bound { next.insert(s + x) } }
                sums = next
            }
            return sums
        }
        var pinned: [Int] = []
        for i in cells.indices where cells[i].isHidden {
            var feasible = 0
            if i == 0 {
                let sums = partSums(skipping: nil)
                feasible = domains[0].filter { sums.contains($0) }.count
            } else {
                let others = partSums(skipping: i)
                feasible = domains[i].filter { x in domains[0].contains { others.contains($0 - x) } }.count
            }
            if feasible == 1 { pinned.append(i) }
        }
        return pinned
    }
}

@Suite("Disclosure control for commissioners")
struct DisclosureTests {
    typealias D = DisclosureFixture

    @Test("A count below 5, zero included, is shown as <5", arguments: [0.0, 1, 2, 3, 4])
    func smallCount(n: Double) {
        let original = D.report(["du1", "du2", "du3"], ["du1": ["candidates": n], "du2": ["candidates": 20], "du3": ["candidates": 30]])
        let report = Disclosure.suppress(original)
        #expect(report.column("du1")["candidates"] == .suppressed)
        #expect(report["candidates"] == .number(n + 50))
        #expect(report.suppressed)
        D.checkSafe(report, from: original, "small \(n)")
    }

    @Test("Counts of 5 and more are shown as they are, and nothing else is hidden")
    func nothingSmall() {
        let original = D.report(["du1", "du2"], base: 5)
        let report = Disclosure.suppress(original)
        #expect(report.area == original.area)
        #expect(report.units == original.units)
        #expect(report.suppressed)
        #expect(!original.suppressed)
    }

    @Test("A small area count is hidden in the area and in every unit inside it")
    func smallArea() {
        let original = D.report(["du1", "du2"], base: 2)
        let report = Disclosure.suppress(original)
        let small = D.countKeys.filter { original[$0].number! < Disclosure.threshold }
        #expect(small.contains("candidates"))
        for (_, cells) in D.columns(report) {
            for key in small { #expect(cells[key] == .suppressed, "\(key)") }
        }
        // A total of 12 made of three parts each below 5 pins every part at 4, and 8 made of
        // two ("<5" each) at 4 and 4: such totals are withheld too.
        #expect(report["goalsAgreed"] == .withheld)
        #expect(report.column("du1")["referralsClosed"] == .withheld)
        D.checkSafe(report, from: original, "small area")
    }

    @Test("Counts of the provider's own delivery units are never hidden")
    func organisational() {
        let original = D.report(["du1", "du2"], base: 0, ["du1": ["trainingDeliveryUnits": 1]])
        let report = Disclosure.suppress(original)
        #expect(report["deliveryUnits"] == .number(2))
        #expect(report["trainingDeliveryUnits"] == .number(1))
        #expect(report.column("du1")["deliveryUnits"] == .number(1))
        #expect(report.column("du1")["trainingDeliveryUnits"] == .number(1))
        #expect(report.column("du2")["trainingDeliveryUnits"] == .number(0))
        #expect(report["candidates"] == .suppressed)
    }

    @Test("With one small unit, a second unit is hidden too, so the area less the visible units reveals nothing")
    func complementaryAcrossUnits() {
        let original = D.report(["du1", "du2", "du3"], ["du1": ["referrals": 3], "du2": ["referrals": 8], "du3": ["referrals": 12]])
        let report = Disclosure.suppress(original)
        #expect(report["referrals"] == .number(23))
        #expect(report.column("du1")["referrals"] == .suppressed)
        // The smallest visible unit is the one withheld with it ("not shown": 5 or more).
        #expect(report.column("du2")["referrals"] == .withheld)
        #expect(report.column("du3")["referrals"] == .number(12))
        // 23 − 12 = 11 is du1 and du2 together: neither can be worked out.
        let hidden = report.unitIDs.filter { report.column($0)["referrals"]?.isHidden == true }
        #expect(hidden.count == 2)
        // Other figures are untouched.
        #expect(report.column("du1")["candidates"] == .number(10))
        D.checkSafe(report, from: original, "complementary")
    }

    @Test("With two units, one small unit hides the other, and the area stays")
    func complementaryTwoUnits() {
        let original = D.report(["du1", "du2"], ["du1": ["matches": 4], "du2": ["matches": 30]])
        let report = Disclosure.suppress(original)
        #expect(report.column("du1")["matches"] == .suppressed)
        #expect(report.column("du2")["matches"] == .withheld)
        #expect(report["matches"] == .number(34))
        D.checkSafe(report, from: original, "two units")
    }

    @Test("A small part of the attendance total hides a second part, and the rate that rests on it")
    func attendanceGroup() {
        let original = D.report(["du1", "du2"], [
            "du1": ["attended": 20, "acceptableAbsences": 3, "unacceptableAbsences": 10],
            "du2": ["attended": 20, "acceptableAbsences": 10, "unacceptableAbsences": 12],
        ])
        #expect(original.column("du1")["attendanceRecorded"] == .number(33))
        let report = Disclosure.suppress(original)
        let du1 = report.column("du1")
        #expect(du1["acceptableAbsences"] == .suppressed)
        // 33 − 20 = 13 is both kinds of absence together.
        #expect(du1["unacceptableAbsences"] == .withheld)
        #expect(du1["attended"] == .number(20))
        #expect(du1["attendanceRecorded"] == .number(33))
        #expect(du1["attendanceRate"] == .suppressed)
        // The area's absences would give du1's away through du2's, so du2's are hidden as well.
        let du2 = report.column("du2")
        #expect(du2["acceptableAbsences"] == .withheld)
        #expect(du2["unacceptableAbsences"] == .withheld)
        #expect(du2["attendanceRate"] == .suppressed)
        #expect(report["acceptableAbsences"] == .number(13))
        #expect(report["unacceptableAbsences"] == .number(22))
        #expect(report["attendanceRate"] == .number(80))
        D.checkSafe(report, from: original, "attendance")
    }

    @Test("A small goal result hides another within its column")
    func goalsGroup() {
        let original = D.report(["du1"], ["du1": ["goalsAchieved": 12, "goalsPartlyAchieved": 2, "goalsNotAchieved": 7]])
        let report = Disclosure.suppress(original)
        let du1 = report.column("du1")
        #expect(du1["goalsPartlyAchieved"] == .suppressed)
        #expect(du1["goalsNotAchieved"] == .withheld)
        #expect(du1["goalsAchieved"] == .number(12))
        #expect(du1["goalsAgreed"] == .number(21))
        // One unit: the area is the unit, hidden alike.
        for key in D.countKeys { #expect(report[key] == du1[key], "\(key)") }
        D.checkSafe(report, from: original, "goals")
    }

    @Test("Derived figures are hidden where a count they rest on is hidden, and shown where it is shown")
    func derivedFigures() {
        let small: [String: Double] = ["contacts": 2, "feedbackResponses": 3, "activeMentors": 4, "wellbeingRated": 1]
        let medium = small.mapValues { _ in 8.0 }
        let original = D.report(["du1", "du2", "du3"], base: 30, ["du1": small, "du2": medium])
        let report = Disclosure.suppress(original)
        for (count, derived) in [("contacts", "contactHours"), ("feedbackResponses", "feedbackUplift"), ("activeMentors", "volunteerHours"),
                                 ("wellbeingRated", "wellbeingChange")] {
            #expect(ReportCatalogue.byKey[derived]?.dependsOn.contains(count) == true)
            for unit in ["du1", "du2"] {
                #expect(report.column(unit)[count]?.isHidden == true, "\(unit) \(count)")
                #expect(report.column(unit)[derived] == .suppressed, "\(unit) \(derived)")
            }
            #expect(report.column("du3")[derived] == original.column("du3")[derived], "du3 \(derived)")
            #expect(report[derived] == original[derived], "area \(derived)")
        }
        #expect(report.column("du1")["attendanceRate"] == .number(83.3))
        D.checkSafe(report, from: original, "derived")
    }

    @Test("Suppressing a hand-built annual report keeps it safe")
    func fixtureReport() {
        let original = AnnualReportTests.report
        let report = Disclosure.suppress(original)
        // du2 had 3 sessions' worth of attendance: all of its attendance counts are small.
        #expect(report.column("du2")["attendanceRecorded"] == .suppressed)
        #expect(report.column("du2")["attendanceRate"] == .suppressed)
        #expect(report["deliveryUnits"] == .number(2))
        D.checkSafe(report, from: original, "fixture")
    }

    // MARK: Property: whatever the facts, no hidden cell stands alone

    /// Facts for `units` delivery units, varied by `seed`, dated from January 2025 to August 2026
    /// so that some fall outside the year 2025-26.
    static func generatedFacts(seed: UInt64) -> ReportFacts {
        var rng = SplitMix64(seed: seed)
        func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(rng.next() % UInt64(range.count)) }
        func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
        func day() -> CalendarDate { ymd("2025-01-01").adding(days: int(0...600)) }
        func maybeDay() -> CalendarDate? { int(0...3) == 0 ? nil : day() }

        let units = (1...int(1...4)).map { "du\($0)" }
        var facts = ReportFacts(deliveryUnitIDs: units)
        for unit in units {
            // Some units are busy, some are quiet, so both sides of the threshold are met.
            let scale = pick([1, 3, 8, 15])
            for i in 0..<int(0...scale) {
                let trained = maybeDay()
                facts.mentors.append(MentorReportFacts(
                    id: "\(unit)-m\(i)", deliveryUnitID: unit, recommendedOn: day(), trainedOn: trained, accreditedOn: maybeDay(),
                    firstQualification: int(0...1) == 0,
                    moves: (0..<int(0...3)).map { _ in ReportFixture.Move(pick([MentorState.active, .paused, .trained, .movedOn]), on: day()) },
                    employment: (0..<int(0...2)).map { _ in ReportFixture.step(pick(EmploymentStage.allCases), day().iso) },
                    offences: (0..<int(0...1)).map { _ in day() },
                    wellbeing: (0..<int(0...3)).map { _ in ReportFixture.wellbeing(day().iso, int(1...10)) }))
            }
            for _ in 0..<int(0...scale) { facts.cohorts.append(CohortReportFacts(deliveryUnitID: unit, startDate: day())) }
            for i in 0..<int(0...(2 * scale)) {
                let completed = int(0...2) > 0
                facts.referrals.append(ReferralReportFacts(
                    id: "\(unit)-r\(i)", deliveryUnitID: unit, referredOn: day(), state: completed ? .completed : pick([ReferralState.onProgramme, .withdrawn]),
                    closedOn: completed ? day() : nil,
                    goals: (0..<int(0...3)).map { _ in GoalResult(goal: "g", outcome: pick(GoalOutcome.allCases), comment: nil) },
                    orderOutcome: pick(OrderOutcome.allCases),
                    outcomes: MenteeMeasure.allCases.flatMap { measure in
                        int(0...1) == 0 ? [] : [
                            measured(.referral, "2024-12-01", [measure: pick(measure.levels).code]),
                            measured(.closure, day().iso, [measure: pick(measure.levels).code]),
                        ]
                    }))
            }
            for _ in 0..<int(0...scale) { facts.matches.append(MatchReportFacts(deliveryUnitID: unit, startedOn: maybeDay())) }
            for _ in 0..<int(0...(2 * scale)) { facts.contacts.append(ActivityReportFacts(deliveryUnitID: unit, on: day(), minutes: int(10...120))) }
            for _ in 0..<int(0...scale) { facts.volunteering.append(ActivityReportFacts(deliveryUnitID: unit, on: day(), minutes: int(30...480))) }
            for _ in 0..<int(0...scale) {
                facts.sessions.append(SessionReportFacts(
                    deliveryUnitID: unit, date: day(), cancelled: int(0...5) == 0,
                    attendance: (0..<int(0...6)).map { _ in pick(AttendanceOutcome.allCases) },
                    feedback: (0..<int(0...3)).map { _ in Feedback(before: int(1...5), after: int(1...5), comment: nil) }))
            }
            for _ in 0..<int(0...2) {
                facts.rarOrders.append(RAROrderReportFacts(deliveryUnitID: unit, totalDays: int(1...20),
                                                           creditedDates: Set((0..<int(0...10)).map { _ in day() })))
            }
        }
        return facts
    }

    @Test("Over many generated reports, no group or unit breakdown ever has exactly one hidden cell, and no visible count is small")
    func property() {
        var primary = 0
        var secondary = 0
        var visible = 0
        for seed in UInt64(1)...60 {
            let facts = Self.generatedFacts(seed: seed)
            let original = AnnualReportRule.build(facts, year: ReportingYear(2025), asOf: Fixture.today)
            // The facts add up before anything is hidden.
            for figure in ReportCatalogue.figures where figure.format == .count {
                let units = original.unitIDs.compactMap { original.column($0)[figure.key]?.number }.reduce(0, +)
                #expect(units == original[figure.key].number, "seed \(seed): \(figure.key)")
            }
            let report = Disclosure.suppress(original)
            D.checkSafe(report, from: original, "seed \(seed)")
            for ((_, before), (_, after)) in zip(D.columns(original), D.columns(report)) {
                for key in D.countKeys {
                    guard let n = before[key]?.number else { continue }
                    if after[key]?.isHidden != true { visible += 1 } else if n < Disclosure.threshold { primary += 1 } else { secondary += 1 }
                }
            }
        }
        // The generated reports really exercise every path.
        #expect(primary > 0)
        #expect(secondary > 0)
        #expect(visible > 0)
    }

    // MARK: Writing a cell

    @Test("Cells are written for their format", arguments: [
        (FigureValue.suppressed, FigureFormat.count, "<5"),
        // A hidden rate, mean or number of hours is not a count, so it is not written "<5".
        (.suppressed, .percentage, "not shown"),
        (.suppressed, .hours, "not shown"),
        (.suppressed, .uplift, "not shown"),
        (.notAvailable, .uplift, "–"),
        (.number(0), .count, "0"),
        (.number(7), .count, "7"),
        (.number(1234), .count, "1234"),
        (.number(2), .organisational, "2"),
        (.number(12.5), .hours, "12.5"),
        (.number(3), .hours, "3.0"),
        (.number(83.3), .percentage, "83.3%"),
        (.number(100), .percentage, "100.0%"),
        (.number(1.25), .uplift, "+1.25"),
        (.number(-0.5), .uplift, "−0.50"),
        (.number(0), .uplift, "0.00"),
        (.number(0.67), .mean, "+0.67"),
    ])
    func text(value: FigureValue, format: FigureFormat, expected: String) {
        #expect(Disclosure.text(value, format: format) == expected)
    }

    @Test("The shown marker and the threshold")
    func marker() {
        #expect(Disclosure.shown == "<5")
        #expect(Disclosure.hidden == "not shown")
        #expect(Disclosure.threshold == 5)
        #expect(FigureValue.number(3).number == 3)
        #expect(FigureValue.suppressed.number == nil)
        #expect(FigureValue.notAvailable.number == nil)
    }
}
