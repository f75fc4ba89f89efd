import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

@Suite("Site information and what-to-expect invitations")
struct SiteInformationTests {
    @Test("A coordinator is told what is missing, adds it, prints the invitation, and a mentor is named only once they agree")
    func invitation() async throws {
        try await withWaymark { app, world in
            var coordinator = try await Browser.signedIn(app, as: world.user(.coordinator).email)
            let invitation = "/sessions/\(world.sessionA.id)/invitation"

            let missing = try await coordinator.get(invitation)
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("The invitation cannot be printed yet"))
            #expect(missing.body.string.contains("Add what parking there is at"))
            #expect(!missing.body.string.contains("You are invited"))

            let info = "/sites/\(world.siteA)/information"
            #expect(try await coordinator.get(info).status == .ok)
            let bad = try await coordinator.post(info, [("directions", "Opposite the library"), ("stepFree", "sometimes")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Select step-free access from the list"))
            let saved = try await coordinator.post(info, [("directions", "Opposite the library, 5 minutes from the bus station"),
                                                          ("parking", "Free car park behind the building"), ("stepFree", "yes"),
                                                          ("accessDetails", ""), ("onArrival", "Ask at reception for the group room"),
                                                          ("staff", "Friendly"), ("photoAltText", "")])
            #expect(saved.status == .seeOther)

            let facilitators = try await SessionRepository.facilitators(sessionIDs: [world.sessionA.id], on: app.db)[world.sessionA.id] ?? []
            let mentorID = try #require(facilitators.first { $0.mentorID != nil && $0.response != .declined }?.mentorID)
            let mentor = try #require(try await MentorRepository.find(id: mentorID, on: app.db))
            let firstName = try #require(try await PeopleRepository.find(id: mentor.personID, on: app.db)).details.firstName

            var letter = try await coordinator.get(invitation).body.string
            #expect(letter.contains("You are invited: Transition and Hope"))
            #expect(letter.contains("Free car park behind the building"))
            #expect(letter.contains("Ask at reception for the group room"))
            #expect(letter.contains("A peer mentor who has been through probation themselves"))
            #expect(!letter.contains("Peer mentor \(firstName)"))

            let consent = try await coordinator.post("/mentors/\(mentorID)/invitation-consent", [("agreed", "yes")])
            #expect(consent.status == .seeOther)
            letter = try await coordinator.get(invitation).body.string
            #expect(letter.contains("Peer mentor \(firstName), who has been through probation themselves"))

            // Only people who schedule sessions print invitations; the public area page carries the site's information.
            var practitioner = try await Browser.signedIn(app, as: world.user(.practitioner).email)
            #expect(try await practitioner.get(invitation).status == .forbidden)
            try await app.testing().test(.GET, "/about/essex") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Free car park behind the building"))
                #expect(!res.body.string.contains(firstName))
            }
            let log = try await AuditLog.page(on: app.db, personID: nil, actorID: world.user(.coordinator).id, before: nil, limit: 50)
            #expect(log.contains { $0.action == "site.information" })
            #expect(log.contains { $0.action == "mentor.invitationConsent" })
        }
    }
}
