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

        // Mentors, with their journey, accreditation, employment, offences and wellbeing.
        let mentorRows = try await MentorModel.query(on: db).join(PersonModel.self, on: \MentorModel.$person.$id == \PersonModel.$id)
            .filter(PersonModel.self, \.$area.$id == area).all()
        let mentorIDs = mentorRows.map { $0.id! }
        let moves = try await moves(mentorIDs, on: db)
        let accreditations = mentorIDs.isEmpty ? [] : try await AccreditationModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).all()
        let accreditationBy = Dictionary(accreditations.map { ($0.$mentor.id, $0) }, uniquingKeysWith: { a, _ in a })
        let steps = mentorIDs.isEmpty ? [] : try await EmploymentStepModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).all()
        let stepsBy = Dictionary(grouping: steps, by: { $0.$mentor.id })
        let offences = mentorIDs.isEmpty ? [] : try await FurtherOffenceModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).all()
        let offencesBy = Dictionary(grouping: offences, by: { $0.$mentor.id })
        let wellbeing = try await OutcomeRepository.wellbeing(mentorIDs: mentorIDs.map(\.uuidString), on: db)
        var mentorUnit: [UUID: String] = [:]
        let mentors: [MentorReportFacts] = try mentorRows.map { m in
            let unit = try m.joined(PersonModel.self).$deliveryUnit.id.uuidString
            mentorUnit[m.id!] = unit
            let accreditation = accreditationBy[m.id!]
            return MentorReportFacts(
                id: m.id!.uuidString, deliveryUnitID: unit, recommendedOn: CalendarDate(iso: m.recommendedOn)!,
                trainedOn: m.trainedOn.flatMap(CalendarDate.init(iso:)), accreditedOn: accreditation.flatMap { CalendarDate(iso: $0.awardedOn) },
                firstQualification: accreditation?.firstQualification ?? false, moves: moves[m.id!] ?? [],
                employment: (stepsBy[m.id!] ?? []).sorted { ($0.stepOn, $0.createdAt ?? .distantPast) < ($1.stepOn, $1.createdAt ?? .distantPast) }.map {
                    EmploymentStep(role: $0.role, employer: $0.employer, stage: EmploymentStage(rawValue: $0.stage) ?? .applied,
                                   on: CalendarDate(iso: $0.stepOn)!, notes: nil, recordedOn: $0.createdAt.map(CalendarDate.init))
                },
                offences: (offencesBy[m.id!] ?? []).compactMap { CalendarDate(iso: $0.offenceOn) },
                wellbeing: wellbeing[m.id!.uuidString] ?? [])
        }
        let hours = mentorIDs.isEmpty ? [] : try await VolunteerHoursModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs)
            .filter(\.$workedOn >= lo).filter(\.$workedOn <= hi).all()
        let volunteering = hours.map { ActivityReportFacts(deliveryUnitID: mentorUnit[$0.$mentor.id] ?? "", on: CalendarDate(iso: $0.workedOn)!, minutes: 15 * $0.quarterHours) }

        // Training cohorts count towards the delivery unit of their site.
        let cohorts = try await CohortModel.query(on: db).filter(\.$area.$id == area).filter(\.$startDate >= lo).filter(\.$startDate <= hi)
            .with(\.$site).all()
            .map { CohortReportFacts(deliveryUnitID: $0.site.$deliveryUnit.id.uuidString, startDate: CalendarDate(iso: $0.startDate)!) }

        // Referrals made or closed in the years (with their orders and outcome measures), and
        // matches started in them: both count towards the mentee's delivery unit.
        let referralRows = try await ReferralModel.query(on: db).join(PersonModel.self, on: \ReferralModel.$person.$id == \PersonModel.$id)
            .filter(PersonModel.self, \.$area.$id == area)
            .group(.or) { either in
                either.group(.and) { $0.filter(\.$referredOn >= lo).filter(\.$referredOn <= hi) }
                    .group(.and) { $0.filter(\.$closedOn >= lo).filter(\.$closedOn <= hi) }
            }.all()
        let orderIDs = Array(Set(referralRows.map { $0.$order.id }))
        let orders = orderIDs.isEmpty ? [] : try await OrderModel.query(on: db).filter(\.$id ~~ orderIDs).all()
        let outcomeOf = Dictionary(uniqueKeysWithValues: orders.map { ($0.id!, OrderOutcome(rawValue: $0.outcome) ?? .active) })
        let assessments = try await OutcomeRepository.forReferrals(referralRows.map { $0.id!.uuidString }, on: db)
        let referrals: [ReferralReportFacts] = try referralRows.map { m in
            let r = ReferralRepository.referral(m)
            return ReferralReportFacts(id: r.id, deliveryUnitID: try m.joined(PersonModel.self).$deliveryUnit.id.uuidString, referredOn: r.referredOn,
                                       state: r.state, closedOn: r.closedOn, goals: r.closingSummary, orderOutcome: outcomeOf[m.$order.id] ?? .active,
                                       outcomes: (assessments[r.id] ?? []).map(\.assessment))
        }
        let matches = try await sql.raw("""
            SELECT p.delivery_unit_id AS unit, m.started_on AS started FROM matches m
            JOIN referrals r ON r.id = m.referral_id JOIN people p ON p.id = r.person_id
            WHERE p.area_id = \(bind: area) AND m.started_on >= \(bind: lo) AND m.started_on <= \(bind: hi)
            """).all().map { row in
                MatchReportFacts(deliveryUnitID: try row.decode(column: "unit", as: UUID.self).uuidString,
                                 startedOn: CalendarDate(iso: try row.decode(column: "started", as: String.self)))
            }
        // Contacts, counted and their minutes added up per delivery unit and day.
        let contacts = try await sql.raw("""
            SELECT p.delivery_unit_id AS unit, c.contact_on AS day, COUNT(*) AS n, SUM(c.minutes) AS minutes FROM contacts c
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
