import Fluent
import Foundation
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

    /// The delivery unit of every person in the area.
    static func personUnits(_ area: UUID, on db: any Database) async throws -> [UUID: String] {
        let rows = try await PersonModel.query(on: db).filter(\.$area.$id == area).field(\.$id).field(\.$deliveryUnit.$id).all()
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id!, $0.$deliveryUnit.id.uuidString) })
    }

    static func mentors(_ area: UUID, on db: any Database) async throws -> [MentorModel] {
        try await MentorModel.query(on: db).join(PersonModel.self, on: \MentorModel.$person.$id == \PersonModel.$id)
            .filter(PersonModel.self, \.$area.$id == area).all()
    }

    static func moves(_ mentorIDs: [UUID], on db: any Database) async throws -> [UUID: [MentorReportFacts.StateOnDay]] {
        guard !mentorIDs.isEmpty else { return [:] }
        let rows = try await MentorMoveModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).sort(\.$at).all()
        return Dictionary(grouping: rows, by: { $0.$mentor.id }).mapValues { list in
            list.compactMap { m in MentorState(rawValue: m.toState).map { MentorReportFacts.StateOnDay($0, on: CalendarDate(m.at)) } }
        }
    }

    static func referrals(_ area: UUID, on db: any Database) async throws -> [ReferralModel] {
        try await ReferralModel.query(on: db).join(PersonModel.self, on: \ReferralModel.$person.$id == \PersonModel.$id)
            .filter(PersonModel.self, \.$area.$id == area).all()
    }

    public static func facts(areaID: String, on db: any Database) async throws -> ReportFacts {
        guard let area = UUID(uuidString: areaID), let shape = try await units(areaID: areaID, on: db) else {
            return ReportFacts(deliveryUnitIDs: [])
        }
        let unitOf = try await personUnits(area, on: db)
        let unitIDs = shape.units.map(\.id)

        // Mentors, with their journey, accreditation, employment, offences and wellbeing.
        let mentorRows = try await mentors(area, on: db)
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
        let mentors: [MentorReportFacts] = mentorRows.map { m in
            let unit = unitOf[m.$person.id] ?? unitIDs.first ?? ""
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
        let hours = mentorIDs.isEmpty ? [] : try await VolunteerHoursModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).all()
        let volunteering = hours.map { ActivityReportFacts(deliveryUnitID: mentorUnit[$0.$mentor.id] ?? "", on: CalendarDate(iso: $0.workedOn)!, minutes: 15 * $0.quarterHours) }

        // Training cohorts count towards the delivery unit of their site.
        let cohorts = try await CohortModel.query(on: db).filter(\.$area.$id == area).with(\.$site).all()
            .map { CohortReportFacts(deliveryUnitID: $0.site.$deliveryUnit.id.uuidString, startDate: CalendarDate(iso: $0.startDate)!) }

        // Referrals, their matches and contacts, their orders and outcome assessments.
        let referralRows = try await referrals(area, on: db)
        let referralIDs = referralRows.map { $0.id! }
        let orderIDs = Array(Set(referralRows.map { $0.$order.id }))
        let orders = orderIDs.isEmpty ? [] : try await OrderModel.query(on: db).filter(\.$id ~~ orderIDs).all()
        let outcomeOf = Dictionary(uniqueKeysWithValues: orders.map { ($0.id!, OrderOutcome(rawValue: $0.outcome) ?? .active) })
        let assessments = try await OutcomeRepository.forReferrals(referralIDs.map(\.uuidString), on: db)
        var referralUnit: [UUID: String] = [:]
        let referrals: [ReferralReportFacts] = referralRows.map { m in
            let r = ReferralRepository.referral(m)
            let unit = unitOf[m.$person.id] ?? ""
            referralUnit[m.id!] = unit
            return ReferralReportFacts(id: r.id, deliveryUnitID: unit, referredOn: r.referredOn, state: r.state, closedOn: r.closedOn,
                                       goals: r.closingSummary, orderOutcome: outcomeOf[m.$order.id] ?? .active,
                                       outcomes: (assessments[r.id] ?? []).map(\.assessment))
        }
        let matchRows = referralIDs.isEmpty ? [] : try await MatchModel.query(on: db).filter(\.$referral.$id ~~ referralIDs).all()
        let matches = matchRows.map { MatchReportFacts(deliveryUnitID: referralUnit[$0.$referral.id] ?? "", startedOn: $0.startedOn.flatMap(CalendarDate.init(iso:))) }
        let matchUnit = Dictionary(uniqueKeysWithValues: matchRows.map { ($0.id!, referralUnit[$0.$referral.id] ?? "") })
        let contactRows = matchRows.isEmpty ? [] : try await ContactModel.query(on: db).filter(\.$match.$id ~~ matchRows.map { $0.id! }).all()
        let contacts = contactRows.map { ActivityReportFacts(deliveryUnitID: matchUnit[$0.$match.id] ?? "", on: CalendarDate(iso: $0.contactOn)!, minutes: $0.minutes) }

        // Group sessions held in the area, with attendance and feedback.
        let sessionRows = try await GroupSessionModel.query(on: db).filter(\.$area.$id == area).all()
        let sessionIDs = sessionRows.map { $0.id! }
        let attendance = sessionIDs.isEmpty ? [] : try await AttendanceModel.query(on: db).filter(\.$session.$id ~~ sessionIDs).all()
        let attendanceBy = Dictionary(grouping: attendance, by: { $0.$session.id })
        let feedback = sessionIDs.isEmpty ? [] : try await SessionFeedbackModel.query(on: db).filter(\.$session.$id ~~ sessionIDs).all()
        let feedbackBy = Dictionary(grouping: feedback, by: { $0.$session.id })
        let sessions = sessionRows.map { s in
            SessionReportFacts(deliveryUnitID: s.$deliveryUnit.id.uuidString, date: CalendarDate(iso: s.date)!, cancelled: s.state == SessionState.cancelled.rawValue,
                               attendance: (attendanceBy[s.id!] ?? []).compactMap { AttendanceOutcome(rawValue: $0.outcome) },
                               feedback: (feedbackBy[s.id!] ?? []).map { Feedback(before: $0.before, after: $0.after, comment: nil) })
        }

        // RAR: orders of people in the area with a RAR, credited from RAR sessions and by hand.
        let rarOrders = try await OrderModel.query(on: db).join(PersonModel.self, on: \OrderModel.$person.$id == \PersonModel.$id)
            .filter(PersonModel.self, \.$area.$id == area).filter(\.$rarDays != nil).all()
        let rarOrderIDs = rarOrders.map { $0.id! }
        let rarInterventions = try await InterventionModel.query(on: db).filter(\.$isRAR == true).field(\.$id).all().map { $0.id! }
        var credited: [UUID: [RARActivity]] = [:]
        if !rarOrderIDs.isEmpty {
            let rows = try await AttendanceModel.query(on: db).filter(\.$orderID ~~ rarOrderIDs.map(Optional.some))
                .join(GroupSessionModel.self, on: \AttendanceModel.$session.$id == \GroupSessionModel.$id)
                .filter(GroupSessionModel.self, \.$intervention.$id ~~ rarInterventions).all()
            for row in rows {
                guard let orderID = row.orderID, let session = try? row.joined(GroupSessionModel.self), let date = CalendarDate(iso: session.date) else { continue }
                credited[orderID, default: []].append(RARActivity(date: date, kind: .groupSession, outcome: AttendanceOutcome(rawValue: row.outcome)))
            }
            for hand in try await AttendanceRepository.rarActivities(orderIDs: rarOrderIDs.map(\.uuidString), on: db) {
                credited[UUID(uuidString: hand.orderID)!, default: []].append(hand.activity)
            }
        }
        let rar = rarOrders.map { o in
            RAROrderReportFacts(deliveryUnitID: unitOf[o.$person.id] ?? "", totalDays: o.rarDays ?? 0, creditedDates: RARRule.creditedDates(credited[o.id!] ?? []))
        }

        return ReportFacts(deliveryUnitIDs: unitIDs, mentors: mentors, cohorts: cohorts, referrals: referrals, matches: matches,
                           contacts: contacts, volunteering: volunteering, sessions: sessions, rarOrders: rar)
    }

    /// Referrals and mentors for the demand and capacity view.
    public static func demand(areaID: String, on db: any Database) async throws -> (units: [String], referrals: [DemandReferral], mentors: [DemandMentor]) {
        guard let area = UUID(uuidString: areaID), let shape = try await units(areaID: areaID, on: db) else { return ([], [], []) }
        let unitIDs = shape.units.map(\.id)
        let unitOf = try await personUnits(area, on: db)
        let referralRows = try await referrals(area, on: db)
        let matchRows = referralRows.isEmpty ? [] : try await MatchModel.query(on: db).filter(\.$referral.$id ~~ referralRows.map { $0.id! }).all()
        let firstProposed = Dictionary(matchRows.map { ($0.$referral.id, CalendarDate(iso: $0.proposedOn)!) }, uniquingKeysWith: min)
        let referrals = referralRows.map { m in
            DemandReferral(deliveryUnitID: unitOf[m.$person.id] ?? "", referredOn: CalendarDate(iso: m.referredOn)!,
                           matchedOn: firstProposed[m.id!], closedOn: m.closedOn.flatMap(CalendarDate.init(iso:)))
        }
        let mentorRows = try await mentors(area, on: db)
        let moves = try await moves(mentorRows.map { $0.id! }, on: db)
        let held = mentorRows.isEmpty ? [] : try await MatchModel.query(on: db).filter(\.$mentor.$id ~~ mentorRows.map { $0.id! }).all()
        let heldBy = Dictionary(grouping: held, by: { $0.$mentor.id })
        let mentors = mentorRows.map { m in
            let profile = MentorRepository.mentor(m).profile
            let unit = profile.deliveryUnitIDs.first(where: unitIDs.contains) ?? unitOf[m.$person.id] ?? ""
            return DemandMentor(deliveryUnitID: unit, capacity: profile.capacity, moves: moves[m.id!] ?? [],
                                matches: (heldBy[m.id!] ?? []).map { (CalendarDate(iso: $0.proposedOn)!, $0.endedOn.flatMap(CalendarDate.init(iso:))) })
        }
        return (unitIDs, referrals, mentors)
    }
}
