import Fluent
import Foundation
import SQLKit
import WaymarkCore

/// Loads the facts an area's reports are computed from, in a fixed number of queries
/// whatever the area's size. The figures themselves are WaymarkCore's.
public enum ReportRepository {
    public struct AreaUnits: Sendable {
        public let areaID: String
        public let areaName: String
        public let units: [DeliveryUnitSummary]
    }

    public static func units(areaID: String, on db: any Database) async throws -> AreaUnits? {
        guard let uuid = UUID(uuidString: areaID), let area = try await AreaModel.find(uuid, on: db) else { return nil }
        let units = try await DeliveryUnitModel.query(on: db).filter(\.$area.$id == uuid).sort(\.$name).all()
        return AreaUnits(areaID: areaID, areaName: area.name, units: units.map { DeliveryUnitSummary(id: $0.id!.uuidString, name: $0.name) })
    }

    static func moves(_ mentorIDs: [UUID], on db: any Database) async throws -> [UUID: [MentorReportFacts.StateOnDay]] {
        guard !mentorIDs.isEmpty else { return [:] }
        let rows = try await MentorMoveModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).sort(\.$at).all()
        return Dictionary(grouping: rows, by: { $0.$mentor.id }).mapValues { list in
            list.compactMap { m in MentorState(rawValue: m.toState).map { MentorReportFacts.StateOnDay($0, on: CalendarDate(m.at)) } }
        }
    }

    /// The facts for reports on the days from `from` through `through` (a year and the one
    /// before it). Everything dated is narrowed to those days in SQL, and what the report only
    /// counts — contacts, attendance — arrives counted, so an area with millions of rows loads
    /// thousands. Mentors come whole: who was active in a year depends on their journey before it.
    public static func facts(areaID: String, from: CalendarDate, through: CalendarDate, on db: any Database) async throws -> ReportFacts {
        guard let area = UUID(uuidString: areaID), let shape = try await units(areaID: areaID, on: db) else {
            return ReportFacts(deliveryUnitIDs: [])
        }
        let sql = db as! any SQLDatabase
        let (lo, hi) = (from.iso, through.iso)
        let unitIDs = shape.units.map(\.id)

        // Mentors, with their journey, accreditation, employment, offences and wellbeing: each
        // read in one statement joined to the area's people, not through Fluent's models.
        let inArea = SQLQueryString("JOIN mentors t ON t.id = x.mentor_id JOIN people p ON p.id = t.person_id WHERE p.area_id = \(bind: area)")
        var moves: [UUID: [MentorReportFacts.StateOnDay]] = [:]
        for row in try await sql.raw("SELECT x.mentor_id AS mentor, x.to_state AS state, x.at AS at FROM mentor_moves x \(inArea) ORDER BY x.at").all() {
            guard let state = MentorState(rawValue: try row.decode(column: "state", as: String.self)) else { continue }
            moves[try row.decode(column: "mentor", as: UUID.self), default: []]
                .append(MentorReportFacts.StateOnDay(state, on: CalendarDate(try row.decode(column: "at", as: Date.self))))
        }
        var wellbeing: [UUID: [WellbeingRating]] = [:]
        for row in try await sql.raw("""
            SELECT x.mentor_id AS mentor, x.rated_on AS day, x.score AS score, x.source AS source, x.measure AS measure
            FROM wellbeing_ratings x \(inArea) ORDER BY x.rated_on
            """).all() {
            wellbeing[try row.decode(column: "mentor", as: UUID.self), default: []].append(WellbeingRating(
                on: CalendarDate(iso: try row.decode(column: "day", as: String.self))!, score: try row.decode(column: "score", as: Int.self),
                source: OutcomeSource(rawValue: try row.decode(column: "source", as: String.self)) ?? .selfReport, notes: nil,
                measure: SelfRatingMeasure(rawValue: try row.decode(column: "measure", as: String.self)) ?? .wellbeing))
        }
        var accredited: [UUID: (on: CalendarDate?, first: Bool)] = [:]
        for row in try await sql.raw("SELECT x.mentor_id AS mentor, x.awarded_on AS day, x.first_qualification AS first FROM accreditations x \(inArea)").all() {
            accredited[try row.decode(column: "mentor", as: UUID.self)] = (CalendarDate(iso: try row.decode(column: "day", as: String.self)),
                                                                          try row.decode(column: "first", as: Bool.self))
        }
        var steps: [UUID: [EmploymentStep]] = [:]
        for row in try await sql.raw("""
            SELECT x.mentor_id AS mentor, x.role AS role, x.employer AS employer, x.stage AS stage, x.step_on AS day, x.created_at AS created
            FROM employment_steps x \(inArea) ORDER BY x.step_on, x.created_at
            """).all() {
            steps[try row.decode(column: "mentor", as: UUID.self), default: []].append(EmploymentStep(
                role: try row.decode(column: "role", as: String.self), employer: try row.decode(column: "employer", as: String.self),
                stage: EmploymentStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .applied,
                on: CalendarDate(iso: try row.decode(column: "day", as: String.self))!, notes: nil,
                recordedOn: try row.decode(column: "created", as: Date?.self).map(CalendarDate.init)))
        }
        var offences: [UUID: [CalendarDate]] = [:]
        for row in try await sql.raw("SELECT x.mentor_id AS mentor, x.offence_on AS day FROM further_offences x \(inArea)").all() {
            if let day = CalendarDate(iso: try row.decode(column: "day", as: String.self)) { offences[try row.decode(column: "mentor", as: UUID.self), default: []].append(day) }
        }
        var mentorUnit: [UUID: String] = [:]
        let mentors: [MentorReportFacts] = try await sql.raw("""
            SELECT t.id AS id, p.delivery_unit_id AS unit, t.recommended_on AS recommended, t.trained_on AS trained
            FROM mentors t JOIN people p ON p.id = t.person_id WHERE p.area_id = \(bind: area)
            """).all().map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                let unit = try row.decode(column: "unit", as: UUID.self).uuidString
                mentorUnit[id] = unit
                return MentorReportFacts(
                    id: id.uuidString, deliveryUnitID: unit, recommendedOn: CalendarDate(iso: try row.decode(column: "recommended", as: String.self))!,
                    trainedOn: try row.decode(column: "trained", as: String?.self).flatMap(CalendarDate.init(iso:)), accreditedOn: accredited[id]?.on,
                    firstQualification: accredited[id]?.first ?? false, moves: moves[id] ?? [], employment: steps[id] ?? [],
                    offences: offences[id] ?? [], wellbeing: wellbeing[id] ?? [])
            }
        let volunteering = try await sql.raw("""
            SELECT x.mentor_id AS mentor, x.worked_on AS day, x.quarter_hours AS quarters FROM volunteer_hours x \(inArea)
            AND x.worked_on >= \(bind: lo) AND x.worked_on <= \(bind: hi)
            """).all().map { row in
                ActivityReportFacts(deliveryUnitID: mentorUnit[try row.decode(column: "mentor", as: UUID.self)] ?? "",
                                    on: CalendarDate(iso: try row.decode(column: "day", as: String.self))!, minutes: 15 * (try row.decode(column: "quarters", as: Int.self)))
            }

        // Training cohorts count towards the delivery unit of their site.
        let cohorts = try await sql.raw("""
            SELECT s.delivery_unit_id AS unit, c.start_date AS day FROM cohorts c JOIN sites s ON s.id = c.site_id
            WHERE c.area_id = \(bind: area) AND c.start_date >= \(bind: lo) AND c.start_date <= \(bind: hi)
            """).all().map { row in
                CohortReportFacts(deliveryUnitID: try row.decode(column: "unit", as: UUID.self).uuidString,
                                  startDate: CalendarDate(iso: try row.decode(column: "day", as: String.self))!)
            }

        // Referrals made or closed in the years (with their orders and outcome measures), and
        // matches started in them: both count towards the mentee's delivery unit.
        let referralWindow = SQLQueryString("""
            p.area_id = \(bind: area) AND ((r.referred_on >= \(bind: lo) AND r.referred_on <= \(bind: hi))
              OR (r.closed_on >= \(bind: lo) AND r.closed_on <= \(bind: hi)))
            """)
        var assessments: [UUID: [OutcomeAssessment]] = [:]
        for row in try await sql.raw("""
            SELECT a.referral_id AS referral, a.stage AS stage, a.recorded_on AS day, a.source AS source, a.ratings AS ratings
            FROM outcome_assessments a JOIN referrals r ON r.id = a.referral_id JOIN people p ON p.id = r.person_id
            WHERE \(referralWindow) ORDER BY a.recorded_on, a.created_at
            """).all() {
            var ratings: [MenteeMeasure: String] = [:]
            for line in try row.decode(column: "ratings", as: String.self).split(separator: "\n") {
                let pair = line.split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2, let measure = MenteeMeasure(rawValue: pair[0]) { ratings[measure] = pair[1] }
            }
            assessments[try row.decode(column: "referral", as: UUID.self), default: []].append(OutcomeAssessment(
                stage: OutcomeStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .review,
                recordedOn: CalendarDate(iso: try row.decode(column: "day", as: String.self))!,
                source: OutcomeSource(rawValue: try row.decode(column: "source", as: String.self)) ?? .practitionerAssessment, ratings: ratings, notes: nil))
        }
        let referrals: [ReferralReportFacts] = try await sql.raw("""
            SELECT r.id AS id, p.delivery_unit_id AS unit, r.referred_on AS referred, r.state AS state, r.closed_on AS closed,
              r.closing_summary AS summary, o.outcome AS outcome
            FROM referrals r JOIN people p ON p.id = r.person_id JOIN orders o ON o.id = r.order_id WHERE \(referralWindow)
            """).all().map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                let summary = try row.decode(column: "summary", as: String?.self).flatMap { try? JSONDecoder().decode([GoalResult].self, from: Data($0.utf8)) }
                return ReferralReportFacts(id: id.uuidString, deliveryUnitID: try row.decode(column: "unit", as: UUID.self).uuidString,
                                           referredOn: CalendarDate(iso: try row.decode(column: "referred", as: String.self))!,
                                           state: ReferralState(rawValue: try row.decode(column: "state", as: String.self)) ?? .awaitingAllocation,
                                           closedOn: try row.decode(column: "closed", as: String?.self).flatMap(CalendarDate.init(iso:)),
                                           goals: summary ?? [], orderOutcome: OrderOutcome(rawValue: try row.decode(column: "outcome", as: String.self)) ?? .active,
                                           outcomes: assessments[id] ?? [])
            }
        let matches = try await sql.raw("""
            SELECT p.delivery_unit_id AS unit, m.started_on AS started FROM matches m
            JOIN referrals r ON r.id = m.referral_id JOIN people p ON p.id = r.person_id
            WHERE p.area_id = \(bind: area) AND m.started_on >= \(bind: lo) AND m.started_on <= \(bind: hi)
            """).all().map { row in
                MatchReportFacts(deliveryUnitID: try row.decode(column: "unit", as: UUID.self).uuidString,
                                 startedOn: CalendarDate(iso: try row.decode(column: "started", as: String.self)))
            }
        // Contacts, counted and their minutes added up per delivery unit and day. (PostgreSQL's
        // SUM of a bigint is a numeric: cast back, so both databases return an integer.)
        let contacts = try await sql.raw("""
            SELECT p.delivery_unit_id AS unit, c.contact_on AS day, COUNT(*) AS n, CAST(SUM(c.minutes) AS BIGINT) AS minutes FROM contacts c
            JOIN matches m ON m.id = c.match_id JOIN referrals r ON r.id = m.referral_id JOIN people p ON p.id = r.person_id
            WHERE p.area_id = \(bind: area) AND c.contact_on >= \(bind: lo) AND c.contact_on <= \(bind: hi)
            GROUP BY p.delivery_unit_id, c.contact_on
            """).all().map { row in
                ActivityReportFacts(deliveryUnitID: try row.decode(column: "unit", as: UUID.self).uuidString,
                                    on: CalendarDate(iso: try row.decode(column: "day", as: String.self))!,
                                    minutes: try row.decode(column: "minutes", as: Int.self), count: try row.decode(column: "n", as: Int.self))
            }

        // Group sessions held in the area in the years, with attendance counted by outcome, and feedback.
        let window = SQLQueryString("g.area_id = \(bind: area) AND g.date >= \(bind: lo) AND g.date <= \(bind: hi)")
        var outcomesBy: [UUID: [AttendanceOutcome]] = [:]
        for row in try await sql.raw("""
            SELECT a.session_id AS session, a.outcome AS outcome, COUNT(*) AS n FROM attendances a JOIN group_sessions g ON g.id = a.session_id
            WHERE \(window) GROUP BY a.session_id, a.outcome
            """).all() {
            guard let outcome = AttendanceOutcome(rawValue: try row.decode(column: "outcome", as: String.self)) else { continue }
            outcomesBy[try row.decode(column: "session", as: UUID.self), default: []]
                .append(contentsOf: repeatElement(outcome, count: try row.decode(column: "n", as: Int.self)))
        }
        var feedbackBy: [UUID: [Feedback]] = [:]
        for row in try await sql.raw("""
            SELECT f.session_id AS session, f.before_score AS before, f.after_score AS after FROM session_feedback f
            JOIN group_sessions g ON g.id = f.session_id WHERE \(window)
            """).all() {
            feedbackBy[try row.decode(column: "session", as: UUID.self), default: []]
                .append(Feedback(before: try row.decode(column: "before", as: Int.self), after: try row.decode(column: "after", as: Int.self), comment: nil))
        }
        let sessions = try await sql.raw("SELECT g.id AS id, g.delivery_unit_id AS unit, g.date AS date, g.state AS state FROM group_sessions g WHERE \(window)")
            .all().map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                return SessionReportFacts(deliveryUnitID: try row.decode(column: "unit", as: UUID.self).uuidString,
                                          date: CalendarDate(iso: try row.decode(column: "date", as: String.self))!,
                                          cancelled: try row.decode(column: "state", as: String.self) == SessionState.cancelled.rawValue,
                                          attendance: outcomesBy[id] ?? [], feedback: feedbackBy[id] ?? [])
            }

        // RAR: orders of people in the area with a RAR, credited from RAR sessions and by hand.
        // Days after the period cannot change which days in it fall within an order's cap.
        var rarOrders: [(id: UUID, unit: String, days: Int)] = []
        for row in try await sql.raw("""
            SELECT o.id AS id, p.delivery_unit_id AS unit, o.rar_days AS days FROM orders o JOIN people p ON p.id = o.person_id
            WHERE p.area_id = \(bind: area) AND o.rar_days IS NOT NULL
            """).all() {
            rarOrders.append((try row.decode(column: "id", as: UUID.self), try row.decode(column: "unit", as: UUID.self).uuidString,
                              try row.decode(column: "days", as: Int.self)))
        }
        var credited: [UUID: [RARActivity]] = [:]
        for row in try await sql.raw("""
            SELECT a.order_id AS order_id, g.date AS date, a.outcome AS outcome FROM attendances a
            JOIN group_sessions g ON g.id = a.session_id JOIN interventions i ON i.id = g.intervention_id
            JOIN orders o ON o.id = a.order_id JOIN people p ON p.id = o.person_id
            WHERE p.area_id = \(bind: area) AND o.rar_days IS NOT NULL AND i.is_rar = \(bind: true) AND g.date <= \(bind: hi)
            """).all() {
            credited[try row.decode(column: "order_id", as: UUID.self), default: []].append(RARActivity(
                date: CalendarDate(iso: try row.decode(column: "date", as: String.self))!, kind: .groupSession,
                outcome: AttendanceOutcome(rawValue: try row.decode(column: "outcome", as: String.self))))
        }
        for row in try await sql.raw("""
            SELECT ra.order_id AS order_id, ra.date AS date, ra.kind AS kind, ra.outcome AS outcome FROM rar_activities ra
            JOIN orders o ON o.id = ra.order_id JOIN people p ON p.id = o.person_id
            WHERE p.area_id = \(bind: area) AND o.rar_days IS NOT NULL AND ra.date <= \(bind: hi)
            """).all() {
            let kind = RARActivityKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other
            credited[try row.decode(column: "order_id", as: UUID.self), default: []].append(RARActivity(
                date: CalendarDate(iso: try row.decode(column: "date", as: String.self))!, kind: kind,
                outcome: AttendanceOutcome(rawValue: try row.decode(column: "outcome", as: String.self)), title: kind.label))
        }
        let rar = rarOrders.map { o in
            RAROrderReportFacts(deliveryUnitID: o.unit, totalDays: o.days, creditedDates: RARRule.creditedDates(credited[o.id] ?? []))
        }

        return ReportFacts(deliveryUnitIDs: unitIDs, mentors: mentors, cohorts: cohorts, referrals: referrals, matches: matches,
                           contacts: contacts, volunteering: volunteering, sessions: sessions, rarOrders: rar)
    }

    /// Referrals and mentors for the demand and capacity view: the area's whole history, in
    /// a fixed number of queries (joined by area, not lists of ids).
    public static func demand(areaID: String, on db: any Database) async throws -> (units: [String], referrals: [DemandReferral], mentors: [DemandMentor]) {
        guard let area = UUID(uuidString: areaID), let shape = try await units(areaID: areaID, on: db) else { return ([], [], []) }
        let sql = db as! any SQLDatabase
        let unitIDs = shape.units.map(\.id)
        var firstProposed: [UUID: CalendarDate] = [:]
        for row in try await sql.raw("""
            SELECT m.referral_id AS referral, MIN(m.proposed_on) AS proposed FROM matches m
            JOIN referrals r ON r.id = m.referral_id JOIN people p ON p.id = r.person_id
            WHERE p.area_id = \(bind: area) GROUP BY m.referral_id
            """).all() {
            firstProposed[try row.decode(column: "referral", as: UUID.self)] = CalendarDate(iso: try row.decode(column: "proposed", as: String.self))
        }
        let referrals = try await sql.raw("""
            SELECT r.id AS id, p.delivery_unit_id AS unit, r.referred_on AS referred, r.closed_on AS closed FROM referrals r
            JOIN people p ON p.id = r.person_id WHERE p.area_id = \(bind: area)
            """).all().map { row in
                DemandReferral(deliveryUnitID: try row.decode(column: "unit", as: UUID.self).uuidString,
                               referredOn: CalendarDate(iso: try row.decode(column: "referred", as: String.self))!,
                               matchedOn: firstProposed[try row.decode(column: "id", as: UUID.self)],
                               closedOn: try row.decode(column: "closed", as: String?.self).flatMap(CalendarDate.init(iso:)))
            }
        let mentorRows = try await MentorModel.query(on: db).join(PersonModel.self, on: \MentorModel.$person.$id == \PersonModel.$id)
            .filter(PersonModel.self, \.$area.$id == area).all()
        let moves = try await moves(mentorRows.map { $0.id! }, on: db)
        var heldBy: [UUID: [(CalendarDate, CalendarDate?)]] = [:]
        for row in try await sql.raw("""
            SELECT m.mentor_id AS mentor, m.proposed_on AS proposed, m.ended_on AS ended FROM matches m
            JOIN mentors t ON t.id = m.mentor_id JOIN people p ON p.id = t.person_id WHERE p.area_id = \(bind: area)
            """).all() {
            heldBy[try row.decode(column: "mentor", as: UUID.self), default: []].append(
                (CalendarDate(iso: try row.decode(column: "proposed", as: String.self))!,
                 try row.decode(column: "ended", as: String?.self).flatMap(CalendarDate.init(iso:))))
        }
        let mentors = try mentorRows.map { m in
            let profile = MentorRepository.mentor(m).profile
            let unit = try profile.deliveryUnitIDs.first(where: unitIDs.contains) ?? m.joined(PersonModel.self).$deliveryUnit.id.uuidString
            return DemandMentor(deliveryUnitID: unit, capacity: profile.capacity, moves: moves[m.id!] ?? [], matches: heldBy[m.id!] ?? [])
        }
        return (unitIDs, referrals, mentors)
    }
}
