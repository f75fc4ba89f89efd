import Fluent
import Foundation
import WaymarkCore

/// People on probation with an order and a risk assessment. Each region's people come in
/// three runs: future mentors (their orders finished recently), mentees (on a current order
/// with a RAR requirement, one referral each), and everyone else on the caseloads.
extension NationalGenerator {
    func people(region r: Int, on db: any Database) async throws {
        let peopleShare = perRegion(scale.people)[r]
        let mentorShare = perRegion(scale.mentors)[r]
        let referralShare = perRegion(scale.referrals)[r]
        let first = people.count
        regions[r].people = first..<(first + peopleShare)
        regions[r].mentorPeople = first..<(first + mentorShare)
        regions[r].menteePeople = (first + mentorShare)..<(first + mentorShare + referralShare)
        let region = regions[r]

        var persons = BulkInsert("people", columns: ["id", "crn", "first_name", "last_name", "sort_name", "date_of_birth", "gender", "area_id",
                                                     "delivery_unit_id", "practitioner_id", "version", "created_at", "updated_at"], on: db)
        var orders = BulkInsert("orders", columns: ["id", "person_id", "type", "start_date", "expected_end_date", "actual_end_date", "outcome",
                                                    "requirements", "rar_days", "open_breach", "version", "created_at", "updated_at"], on: db)
        // Written after every person: a statement of them must not run ahead of the people it names.
        var riskRows: [[any Encodable & Sendable]] = []
        let tiers = ["A1", "A2", "B1", "B2", "C1", "C2", "D1"]
        for index in regions[r].people {
            let local = index - first
            let isMentor = region.mentorPeople.contains(index), isMentee = region.menteePeople.contains(index)
            // Caseloads: each practitioner works in one delivery unit.
            let practitionerIndex = local % region.practitioners.count
            let unit = practitionerIndex % region.units.count
            let allocated = isMentor || isMentee || !chance(4)
            let practitioner: UUID? = allocated ? region.practitioners[practitionerIndex] : nil
            let female = chance(isMentor ? 30 : 16)
            let (firstName, lastName) = personName(female: female)
            let id = uuid()
            let dob = "\(today.year - random(in: 19...68))-\(String(format: "%02d", random(in: 1...12)))-\(String(format: "%02d", random(in: 1...28)))"
            let created = moment(-random(in: 30...1_200))
            try await persons.add([id, "\(region.region.letter)\(String(format: "%06d", local + 1))", firstName, lastName,
                                   "\(lastName) \(firstName)".lowercased(), dob, female ? Gender.female.rawValue : Gender.male.rawValue,
                                   region.areaID, region.units[unit], practitioner, 1, created, created])

            // The order: finished a little while ago for future mentors; current with RAR for mentees.
            let type: OrderType
            var start: Int, end: Int
            var requirements: [Requirement]
            if isMentor {
                let plan = planMentor()
                mentorPlans[index] = plan
                type = chance(50) ? .licence : .communityOrder
                end = plan.recommended - random(in: 10...60)
                start = end - random(in: 365...730)
                requirements = [.rehabilitationActivity]
            } else {
                type = isMentee ? (chance(70) ? .communityOrder : .suspendedSentenceOrder)
                    : pick([OrderType.communityOrder, .communityOrder, .licence, .licence, .suspendedSentenceOrder, .postSentenceSupervision])
                start = isMentee ? -random(in: 30...760) : -random(in: 20...1_100)
                end = start + random(in: 365...900)
                requirements = type == .licence || type == .postSentenceSupervision ? [.residence]
                    : [.rehabilitationActivity] + (chance(40) ? [pick([.unpaidWork, .accreditedProgramme, .drugRehabilitation, .curfew])] : [])
                if isMentee, !requirements.contains(.rehabilitationActivity) { requirements.insert(.rehabilitationActivity, at: 0) }
            }
            let finished = end < 0
            let orderID = uuid()
            let rarDays: Int? = requirements.contains(.rehabilitationActivity) ? pick([10, 15, 20, 25, 30]) : nil
            try await orders.add([orderID, id, type.rawValue, day(start), day(end), finished ? day(end) : nil as String?,
                                  (finished ? OrderOutcome.completed : .active).rawValue, requirements.map(\.rawValue).joined(separator: ","),
                                  rarDays, !finished && chance(2), 1, created, created])

            let roll = random(100)
            let rosh: RoSH = isMentor ? (roll < 65 ? .low : .medium) : roll < 45 ? .low : roll < 82 ? .medium : roll < 96 ? .high : .veryHigh
            if let practitioner {
                let mappa = rosh >= .high && chance(40)
                let flags: [SafeguardingFlag] = chance(12) ? [.domesticAbuse] : chance(10) ? [.substanceMisuse, .mentalHealth] : []
                let assessed = -random(in: 1...170)
                riskRows.append([uuid(), id, rosh.rawValue, mappa ? random(in: 1...3) : nil as Int?, mappa ? random(in: 1...2) : nil as Int?,
                                     pick(tiers), flags.map(\.rawValue).joined(separator: ","), day(assessed), day(assessed + 182),
                                     chance(30) ? "Reviewed at supervision." : nil as String?, practitioner, 1, moment(assessed)])
            }
            people.append(PersonFacts(id: id, region: r, unit: unit, practitioner: practitioner, orderID: orderID, orderStart: start,
                                      orderEnd: finished ? end : nil, rosh: rosh))
        }
        try await persons.flush()
        try await orders.flush()
        var risks = BulkInsert("risk_assessments", columns: ["id", "person_id", "rosh", "mappa_category", "mappa_level", "tier", "safeguarding_flags",
                                                             "assessed_on", "next_review_date", "notes", "recorded_by_id", "version", "created_at"], on: db)
        for row in riskRows { try await risks.add(row) }
        try await risks.flush()
        for insert in [persons, orders, risks] { count(insert) }
    }
}
