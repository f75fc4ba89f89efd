import Fluent
import Foundation
import WaymarkCore

/// Demo mentors at every stage of the journey, in each area: recommended, eligible, not
/// eligible, in training, trained, active, paused, suspended, moved on into a Case Supporter
/// job, and withdrawn — with the reviews, declarations, cohorts, accreditation, hours,
/// expenses and employment steps that got them there.
enum DemoMentors {
    struct Plan {
        let index: Int
        let path: [MentorState]
    }

    static let plans: [Plan] = [
        Plan(index: 2, path: [.eligible, .inTraining, .trained, .active]),
        Plan(index: 6, path: [.eligible, .inTraining, .trained, .active, .paused]),
        Plan(index: 10, path: [.eligible, .inTraining, .trained]),
        Plan(index: 14, path: [.eligible, .inTraining]),
        Plan(index: 18, path: [.eligible]),
        Plan(index: 22, path: [.eligible, .inTraining, .trained, .active, .movedOn]),
        Plan(index: 0, path: [.ineligible]),
        Plan(index: 1, path: [.withdrawn]),
        Plan(index: 3, path: []),
        Plan(index: 7, path: [.eligible, .inTraining, .trained, .active, .suspended]),
    ]

    static let reasons: [MentorState: String] = [
        .eligible: "Meets the rules: order finished recently, risk reviewed by practitioner and coordinator, declarations made",
        .ineligible: "Their order does not end for more than 3 months",
        .inTraining: "Enrolled on the Level 2 peer mentoring course",
        .trained: "Completed training: attendance met and assessment passed",
        .active: "Accredited: OCN Level 2 Award in Peer Mentoring",
        .paused: "Asked for a break while starting college",
        .movedOn: "Started as a Case Supporter with Essex Probation",
        .withdrawn: "Decided the role was not for them at this time",
        .suspended: "Risk level changed: under review with their practitioner",
    ]

    static func seed(people: [Person], units: [String], coordinator: UserAccount, mentorUser: UserAccount?, today: CalendarDate,
                     bcryptCost: Int, rng: inout SeededGenerator, on db: any Database) async throws {
        guard people.count >= 23, let unitID = units.first.flatMap(UUID.init(uuidString:)),
              let site = try await SiteModel.query(on: db).filter(\.$deliveryUnit.$id == unitID).first()
        else { return }
        let areaID = people[0].details.areaID
        let finished = try await TrainingRepository.create(areaID: areaID, CohortDraft.Valid(
            name: "Level 2 peer mentoring, \(CalendarDate.monthNames[today.adding(months: -6).month - 1]) \(today.adding(months: -6).year)",
            startDate: today.adding(months: -6), sessions: 12, siteID: site.id!.uuidString, trainers: "Sam Okafor and a peer trainer"), on: db)
        let current = try await TrainingRepository.create(areaID: areaID, CohortDraft.Valid(
            name: "Level 2 peer mentoring, \(CalendarDate.monthNames[today.adding(days: -28).month - 1]) \(today.adding(days: -28).year)",
            startDate: today.adding(days: -28), sessions: 12, siteID: site.id!.uuidString, trainers: "Sam Okafor"), on: db)

        for plan in plans {
            let person = people[plan.index]
            guard let practitioner = person.practitionerID else { continue }
            var day = today.adding(days: -(40 + 30 * plan.path.count))
            var mentor = try await MentorRepository.recommend(
                personID: person.id, by: practitioner, on: day,
                reason: "Has turned things around and is keen to help others who are where they were", at: day.startOfDay, on: db)
            if plan.path.first == .eligible || plan.path.contains(.eligible) {
                try await MentorRepository.addRiskReview(MentorRiskReview(reviewerRole: .practitioner, outcome: .suitable, reviewedOn: day.adding(days: 3), notes: nil),
                                                         mentorID: mentor.id, by: practitioner, on: db)
                try await MentorRepository.addRiskReview(MentorRiskReview(reviewerRole: .coordinator, outcome: .suitable, reviewedOn: day.adding(days: 5), notes: nil),
                                                         mentorID: mentor.id, by: coordinator.id, on: db)
                try await MentorRepository.addDeclarations(Declarations(noCurrentOffending: true, freeFromIllicitDrugs: true, declaredOn: day.adding(days: 5)),
                                                           mentorID: mentor.id, by: coordinator.id, on: db)
            }
            for state in plan.path {
                day = day.adding(days: 30)
                let moveDay = min(day, today)
                if state == .inTraining {
                    let cohort = plan.path.contains(.trained) ? finished : current
                    try await TrainingRepository.enrol(cohortID: cohort.id, mentorID: mentor.id, on: db)
                    let attended = plan.path.contains(.trained) ? Set((1...12).filter { $0 != 4 }) : Set(1...4)
                    try await TrainingRepository.save(Enrolment(cohortID: cohort.id, mentorID: mentor.id, attended: attended,
                                                                assessment: plan.path.contains(.trained) ? .passed : nil), on: db)
                }
                if state == .active, try await MentorRepository.accreditation(mentorID: mentor.id, on: db) == nil {
                    try await MentorRepository.addAccreditation(Accreditation(award: "OCN Level 2 Award in Peer Mentoring", awardingBody: .ocn,
                                                                              certificateNumber: "OCN-\(100_000 + Int(rng.next() % 800_000))",
                                                                              awardedOn: moveDay.adding(days: -2), firstQualification: plan.index % 2 == 0),
                                                                mentorID: mentor.id, by: coordinator.id, on: db)
                    mentor = try await MentorRepository.updateProfile(id: mentor.id, MentorProfile(
                        capacity: 2, availability: [AvailabilitySlot(day: .tuesday, part: .afternoon), AvailabilitySlot(day: .thursday, part: .morning)],
                        deliveryUnitIDs: Array(units.prefix(2)), languages: ["English"],
                        livedExperience: [[.substanceMisuseRecovery, .custody], [.homelessness, .familyBreakdown], [.alcoholRecovery, .mentalHealth]][plan.index % 3]),
                        expectedVersion: mentor.version, on: db)!
                }
                if state == .movedOn {
                    for (stage, offset) in [(EmploymentStage.applied, -50), (.offered, -30), (.waitingToStart, -20), (.employed, -5)] {
                        try await VolunteeringRepository.addEmploymentStep(EmploymentStep(role: "Case Supporter", employer: "Essex Probation", stage: stage,
                                                                                          on: today.adding(days: offset), notes: nil),
                                                                           mentorID: mentor.id, by: coordinator.id, on: db)
                    }
                }
                mentor = try await MentorRepository.move(id: mentor.id, to: state, reason: reasons[state] ?? "Moved", destination: state == .movedOn ? .employed : nil,
                                                         expectedVersion: mentor.version, by: coordinator.id, at: moveDay.startOfDay,
                                                         today: moveDay, on: db)!
            }
            if mentor.state == .active {
                for week in 1...6 {
                    let worked = today.adding(days: -7 * week)
                    try await VolunteeringRepository.addHours(VolunteerHours(workedOn: worked, quarterHours: 6 + Int(rng.next() % 6),
                                                                             activity: ["Went with a mentee to their probation appointment",
                                                                                        "Helped a mentee fill in a housing form",
                                                                                        "Co-delivered Transition and Hope"][week % 3]),
                                                              mentorID: mentor.id, by: mentor.userID ?? coordinator.id, on: db)
                }
                let claim = try await VolunteeringRepository.addExpense(ExpenseClaim(incurredOn: today.adding(days: -14), kind: .mileage, miles: 18,
                                                                                     amountPence: 18 * 45, receiptReference: nil,
                                                                                     description: "Drove to the probation office for a session"),
                                                                        mentorID: mentor.id, by: coordinator.id, on: db)
                _ = try await VolunteeringRepository.decide(expenseID: claim.id, to: .approved, reason: nil, by: coordinator.id,
                                                            on: today.adding(days: -10), expectedVersion: claim.version, on: db)
                _ = try await VolunteeringRepository.addExpense(ExpenseClaim(incurredOn: today.adding(days: -3), kind: .fares, miles: nil, amountPence: 640,
                                                                             receiptReference: "TKT-\(1000 + plan.index)", description: "Bus fares to meet a mentee"),
                                                                mentorID: mentor.id, by: coordinator.id, on: db)
                if plan.index == 2, let mentorUser = mentorUser {
                    try await MentorRepository.linkUser(id: mentor.id, userID: mentorUser.id, on: db)
                }
            }
        }
    }
}
