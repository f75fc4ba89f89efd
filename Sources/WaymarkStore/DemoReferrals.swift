import Fluent
import Foundation
import WaymarkCore

/// Demo referrals in every state and a few matches with contacts, so the waiting list,
/// suggestions, match health and concerns pages have something true to show.
enum DemoReferrals {
    static let goals = ["Find stable accommodation", "Stay off drugs and alcohol", "Get back into work or training", "Rebuild contact with family",
                        "Sort out benefits and debts"]

    static func seed(people: [Person], coordinator: UserAccount, today: CalendarDate, rng: inout SeededGenerator, on db: any Database) async throws {
        // People on current orders (demo orders: index % 4 is 0, 1 or 3) who are not on the mentor journey.
        // Some people are left without a referral, so a practitioner can try referring them.
        let candidates = [4, 5, 8, 9, 11, 12, 13, 15, 16, 17, 23].filter { $0 < people.count }
        let activeMentors = try await MentorRepository.list(visibility: .areas([people[0].details.areaID]), state: .active, after: nil, limit: 50, on: db).items
        for (n, index) in candidates.enumerated() {
            let person = people[index]
            guard let practitioner = person.practitionerID,
                  let order = try await OrderRepository.orders(personID: person.id, on: db).first(where: { $0.details.outcome == .active })
            else { continue }
            let needs = Array(Need.allCases.shuffled(using: &rng).prefix(2 + n % 2))
            let details = ReferralDetails(needs: needs, goals: Array(goals.shuffled(using: &rng).prefix(2 + n % 2)), genderPreference: n % 5 == 0 ? .female : .noPreference,
                                          languages: ["English"], availability: [AvailabilitySlot(day: .tuesday, part: .afternoon)],
                                          accessibilityNeeds: n % 4 == 0 ? "Step-free access: uses a wheelchair" : nil, exclusions: [])
            let referredOn = today.adding(days: -(7 + 9 * n))
            var referral = try await ReferralRepository.create(personID: person.id, orderID: order.id, by: practitioner, on: referredOn, consent: true, details, on: db)
            // The first few are matched and under way; one is deferred; the rest wait.
            if n < 3, n < activeMentors.count {
                let mentor = activeMentors[n].0
                referral = try await ReferralRepository.setState(id: referral.id, to: .matched, expectedVersion: referral.version, on: referredOn.adding(days: 5), on: db)!
                var match = try await MatchRepository.propose(referralID: referral.id, mentorID: mentor.id, score: 55, on: referredOn.adding(days: 5), on: db)
                match = try await MatchRepository.move(id: match.id, to: .active, endReason: nil, on: referredOn.adding(days: 6), expectedVersion: match.version, on: db)!
                _ = try await ReferralRepository.setState(id: referral.id, to: .onProgramme, expectedVersion: referral.version, on: referredOn.adding(days: 6), on: db)
                for week in 0..<(n + 1) {
                    let day = min(today, referredOn.adding(days: 8 + 7 * week))
                    _ = try await MatchRepository.addContact(Contact(on: day, minutes: 60 + 15 * week, supportTypes: [[.accompaniedAppointment], [.formsAndLetters, .practicalAdvice], [.listening]][week % 3],
                                                                     place: ["Probation office", "Library", "Café"][week % 3], notes: nil,
                                                                     concern: n == 2 && week == 2 ? "Mentioned money worries and not eating properly" : nil),
                                                             matchID: match.id, by: mentor.userID ?? coordinator.id, on: db)
                }
                if n == 2 { try await MatchRepository.setReview(id: match.id, reason: "Concern raised", on: db) }
            } else if n == 3 {
                _ = try await ReferralRepository.setState(id: referral.id, to: .deferred, expectedVersion: referral.version, on: today, on: db)
            }
        }
    }
}
