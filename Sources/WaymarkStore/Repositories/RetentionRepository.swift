import Fluent
import Foundation
import WaymarkCore

/// Gathers what the retention rule needs, and anonymises a record once it has expired.
public enum RetentionRepository {
    static let openReferralStates: Set<String> = ["awaitingAllocation", "matched", "onProgramme", "deferred", "deprioritised"]
    static let closedMentorStates: Set<String> = ["ineligible", "movedOn", "withdrawn"]

    /// Every person's retention facts (or one person's), in a fixed number of queries whatever
    /// the size of the database.
    public static func facts(personID: String? = nil, on db: any Database) async throws -> [RetentionFacts] {
        let only = personID.flatMap(UUID.init(uuidString:))
        if personID != nil, only == nil { return [] }
        let areas = Dictionary(uniqueKeysWithValues: try await AreaModel.query(on: db).all().map { ($0.id!, $0.$provider.id.uuidString) })
        var open: [UUID: [String]] = [:]
        var last: [UUID: CalendarDate] = [:]
        func closed(_ id: UUID, _ date: CalendarDate?) {
            guard let date else { return }
            if last[id].map({ date > $0 }) ?? true { last[id] = date }
        }
        let orders = OrderModel.query(on: db)
        if let only { orders.filter(\.$person.$id == only) }
        for o in try await orders.all() {
            if let end = o.actualEndDate.flatMap(CalendarDate.init(iso:)) { closed(o.$person.id, end) } else {
                open[o.$person.id, default: []].append("an order or licence has not ended")
            }
        }
        let referrals = ReferralModel.query(on: db)
        if let only { referrals.filter(\.$person.$id == only) }
        for r in try await referrals.all() {
            if openReferralStates.contains(r.state) { open[r.$person.id, default: []].append("a referral is open") }
            closed(r.$person.id, r.closedOn.flatMap(CalendarDate.init(iso:)) ?? CalendarDate(iso: r.referredOn))
        }
        let mentorQuery = MentorModel.query(on: db)
        if let only { mentorQuery.filter(\.$person.$id == only) }
        let mentors = try await mentorQuery.all()
        let moves = MentorMoveModel.query(on: db)
        if only != nil { moves.filter(\.$mentor.$id ~~ mentors.compactMap(\.id)) }
        var lastMove: [UUID: Date] = [:]
        for move in try await moves.all() where lastMove[move.$mentor.id].map({ move.at > $0 }) ?? true {
            lastMove[move.$mentor.id] = move.at
        }
        for m in mentors {
            if closedMentorStates.contains(m.state) {
                closed(m.$person.id, lastMove[m.id!].map(CalendarDate.init) ?? CalendarDate(iso: m.recommendedOn))
            } else {
                open[m.$person.id, default: []].append("still on the peer mentor journey")
            }
        }
        let protections = try await DataProtectionRepository.protections(on: db)
        let people = PersonModel.query(on: db)
        if let only { people.filter(\.$id == only) }
        return try await people.all().map { p in
            let id = p.id!
            // With no order, referral or mentor record, the period runs from when the record was made.
            let made = CalendarDate(p.createdAt ?? Date(timeIntervalSince1970: 0))
            let status = protections[id.uuidString] ?? .none
            return RetentionFacts(personID: id.uuidString, providerID: areas[p.$area.id] ?? "",
                                  openInvolvement: Array(Set(open[id] ?? [])).sorted(),
                                  lastClosed: last[id] ?? made, legalHold: status.legalHold != nil, restricted: status.isRestricted,
                                  anonymised: status.anonymisedOn != nil)
        }
    }

    /// Replaces the person's name, CRN and date of birth and every free-text note about them,
    /// keeping the dated records the figures are counted from. Runs inside the caller's transaction.
    public static func anonymise(personID: String, on today: CalendarDate, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: personID), let person = try await PersonModel.find(uuid, on: db) else { return }
        let removed = RetentionRule.removedText
        person.firstName = RetentionRule.anonymisedFirstName
        person.lastName = RetentionRule.anonymisedLastName
        person.sortName = "\(RetentionRule.anonymisedLastName) \(RetentionRule.anonymisedFirstName)".lowercased()
        person.crn = nil
        if let dob = CalendarDate(iso: person.dateOfBirth) { person.dateOfBirth = RetentionRule.anonymisedDateOfBirth(dob).iso }
        person.version += 1
        try await person.save(on: db)

        try await RiskAssessmentModel.query(on: db).filter(\.$person.$id == uuid).filter(\.$notes != nil).set(\.$notes, to: removed).update()
        try await OutcomeAssessmentModel.query(on: db).filter(\.$person.$id == uuid).filter(\.$notes != nil).set(\.$notes, to: removed).update()
        try await AttendanceModel.query(on: db).filter(\.$person.$id == uuid).filter(\.$behaviourNotes != nil).set(\.$behaviourNotes, to: removed).update()
        try await AttendanceModel.query(on: db).filter(\.$person.$id == uuid).filter(\.$enforcementNotes != nil).set(\.$enforcementNotes, to: removed).update()
        try await AttendanceModel.query(on: db).filter(\.$person.$id == uuid).filter(\.$lateReason != nil).set(\.$lateReason, to: removed).update()
        let orderIDs = try await OrderModel.query(on: db).filter(\.$person.$id == uuid).all().compactMap(\.id)
        if !orderIDs.isEmpty {
            try await RARActivityModel.query(on: db).filter(\.$order.$id ~~ orderIDs).filter(\.$notes != nil).set(\.$notes, to: removed).update()
        }
        try await CorrectionModel.query(on: db).filter(\.$person.$id == uuid).set(\.$previous, to: removed).set(\.$new, to: removed).update()
        try await CorrectionModel.query(on: db).filter(\.$person.$id == uuid).filter(\.$reason != nil).set(\.$reason, to: removed).update()
        // Quotes and stories leave every report at once, as when consent is withdrawn.
        for study in try await CaseStudyModel.query(on: db).filter(\.$person.$id == uuid).all() {
            study.text = removed
            study.title = nil
            if study.consentWithdrawnOn == nil { study.consentWithdrawnOn = today.iso }
            study.version += 1
            try await study.save(on: db)
        }

        let referrals = try await ReferralModel.query(on: db).filter(\.$person.$id == uuid).all()
        for r in referrals {
            // Goals are kept as placeholders, so "goals achieved" still counts them.
            r.goals = ReferralRepository.lines(r.goals).map { _ in removed }.joined(separator: "\n")
            r.accessibilityNeeds = r.accessibilityNeeds.map { _ in removed }
            // The must-never-meet list names other people: it goes.
            r.exclusions = ""
            if let summary = r.closingSummary, let results = try? JSONDecoder().decode([GoalResult].self, from: Data(summary.utf8)) {
                let kept = results.map { GoalResult(goal: removed, outcome: $0.outcome, comment: $0.comment.map { _ in removed }) }
                r.closingSummary = String(decoding: try JSONEncoder().encode(kept), as: UTF8.self)
            }
            r.version += 1
            try await r.save(on: db)
        }
        let referralIDs = referrals.compactMap(\.id)
        if !referralIDs.isEmpty {
            try await SharingDecisionModel.query(on: db).filter(\.$referral.$id ~~ referralIDs).filter(\.$note != nil).set(\.$note, to: removed).update()
            try await SharingDecisionModel.query(on: db).filter(\.$referral.$id ~~ referralIDs).filter(\.$contactArrangements != nil)
                .set(\.$contactArrangements, to: removed).update()
            let matchIDs = try await MatchModel.query(on: db).filter(\.$referral.$id ~~ referralIDs).all().compactMap(\.id)
            if !matchIDs.isEmpty {
                try await ContactModel.query(on: db).filter(\.$match.$id ~~ matchIDs).filter(\.$notes != nil).set(\.$notes, to: removed).update()
                // A concern stays a concern (it is counted) but its words go.
                try await ContactModel.query(on: db).filter(\.$match.$id ~~ matchIDs).filter(\.$concern != nil).set(\.$concern, to: removed).update()
                try await CheckInModel.query(on: db).filter(\.$match.$id ~~ matchIDs).set(\.$notes, to: removed).update()
                // Where they met can identify them; why a match was reviewed can name a risk.
                try await ContactModel.query(on: db).filter(\.$match.$id ~~ matchIDs).set(\.$place, to: removed).update()
                try await MatchModel.query(on: db).filter(\.$id ~~ matchIDs).filter(\.$reviewReason != nil).set(\.$reviewReason, to: removed).update()
            }
        }

        let mentorIDs = try await MentorModel.query(on: db).filter(\.$person.$id == uuid).all().compactMap(\.id)
        if !mentorIDs.isEmpty {
            try await MentorModel.query(on: db).filter(\.$id ~~ mentorIDs).set(\.$recommendationReason, to: removed).update()
            try await MentorMoveModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).set(\.$reason, to: removed).update()
            try await MentorRiskReviewModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).filter(\.$notes != nil).set(\.$notes, to: removed).update()
            try await SupervisionModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).set(\.$notes, to: removed).update()
            try await ExpenseClaimModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).set(\.$description, to: removed).update()
            try await ExpenseClaimModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).filter(\.$receiptReference != nil).set(\.$receiptReference, to: removed).update()
            try await ExpenseClaimModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).filter(\.$decisionReason != nil).set(\.$decisionReason, to: removed).update()
            try await VolunteerHoursModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).set(\.$activity, to: removed).update()
            // The role is counted ("mentors employed as Case Supporters"); the employer is not.
            try await EmploymentStepModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).set(\.$employer, to: removed).update()
            try await AccreditationModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).set(\.$certificateNumber, to: removed).update()
            try await MatchModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).filter(\.$reviewReason != nil).set(\.$reviewReason, to: removed).update()
            // A mentor's own sign-in carries their name: it is closed and its name and address replaced.
            for mentor in try await MentorModel.query(on: db).filter(\.$id ~~ mentorIDs).all() {
                guard let userID = mentor.$user.id, let user = try await UserModel.find(userID, on: db) else { continue }
                user.name = "\(RetentionRule.anonymisedFirstName) \(RetentionRule.anonymisedLastName)"
                user.email = "anonymised-\(userID.uuidString.lowercased())@invalid"
                user.active = false
                try await user.save(on: db)
                try await APITokenModel.query(on: db).filter(\.$user.$id == userID).delete()
            }
            try await EmploymentStepModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).filter(\.$notes != nil).set(\.$notes, to: removed).update()
            try await FurtherOffenceModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).filter(\.$notes != nil).set(\.$notes, to: removed).update()
            try await WellbeingRatingModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).filter(\.$notes != nil).set(\.$notes, to: removed).update()
            try await MentorExclusionModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).delete()
        }

        var protection = try await DataProtectionRepository.protection(personID: personID, on: db)
        let version = protection.version
        protection.anonymisedOn = today
        protection.restriction = nil
        try await DataProtectionRepository.save(protection, personID: personID, expectedVersion: version, on: db)
    }

    /// Notifications are working messages that can name people; none outlives the retention period.
    public static func deleteNotifications(before cutoff: Date, on db: any Database) async throws -> Int {
        let old = NotificationModel.query(on: db).filter(\.$createdAt < cutoff)
        let count = try await old.count()
        try await NotificationModel.query(on: db).filter(\.$createdAt < cutoff).delete()
        return count
    }
}
