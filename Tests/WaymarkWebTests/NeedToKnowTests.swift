import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// Need to know, field by field: what each role is shown of one mentee, Marcus Shaw (personA2),
/// whose record holds a CRN, a date of birth, an order and a risk assessment with notes. The
/// route × role matrix (RoleMatrixTests) says who reaches a page; this says what is on it.
@Suite("Need to know")
struct NeedToKnowTests {
    /// What only those with full access to Marcus's record may see.
    static let riskNote = "Known to associate with a named co-defendant"
    static func sensitive(_ world: TestWorld) -> [String: String] {
        ["last name": "Shaw", "CRN": "E100002", "date of birth": "12 April 1988", "risk notes": riskNote,
         "RoSH": "Very high", "safeguarding flag": "Domestic abuse", "order type": "Licence"]
    }

    static func arrange(_ app: Application, _ world: TestWorld) async throws {
        _ = try await RiskRepository.record(RiskDetails(rosh: .veryHigh, mappaCategory: nil, mappaLevel: nil, tier: "A1", safeguardingFlags: [.domesticAbuse],
                                                        assessedOn: world.today.adding(days: -3), nextReviewDate: world.today.adding(months: 6), notes: riskNote),
                                            personID: world.personA2.id, recordedByID: world.practitionerA2.id, basedOnVersion: 0, on: app.db)
        _ = try await DataProtectionRepository.decide(SharingChoice(items: [.meetInPublicPlacesOnly]), referralID: world.referralA2.id,
                                                      by: world.practitionerA2.id, on: world.today, expectedSequence: 0, on: app.db)
        // What the dynamic-risk rule writes on a match when a mentee's risk changes.
        try await MatchRepository.setReview(id: world.matchA2.id, reason: "Risk changed: RoSH medium → Very high; New safeguarding flags: Domestic abuse", on: app.db)
    }

    @Test("A mentor sees their mentee's first name, goals and what the practitioner shared: never offence, risk, CRN, surname or birth date")
    func mentor() async throws {
        try await withWaymark { app, world in
            try await Self.arrange(app, world)
            var mentor = try await Browser.signedIn(app, as: world.user(.mentor).email)
            let page = try await mentor.get("/matches/\(world.matchA2.id)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Marcus") && html.contains("Find a home") && html.contains("Meet in public places only"))
            #expect(html.contains("your coordinator is reviewing this match"), "the mentor is told the match is under review, not why")
            for (what, text) in Self.sensitive(world) { #expect(!html.contains(text), "a mentor must not see the mentee's \(what)") }
            let list = try await mentor.get("/matches").body.string
            #expect(list.contains("Marcus") && !list.contains("Shaw"))
            // The record itself, and other mentees, are out of reach.
            #expect(try await mentor.get("/people/\(world.personA2.id)").status == .forbidden)
            #expect(try await mentor.get("/people/\(world.personA2.id)/risk").status == .forbidden)
            #expect(try await mentor.get("/referrals/\(world.referralA2.id)").status == .forbidden)
            let api = APIClient(app: app, token: world.token(world.user(.mentor)))
            let match = try await api.send(.GET, "/matches/\(world.matchA2.id)")
            #expect(match.status == .ok)
            for (what, text) in Self.sensitive(world) { #expect(!match.body.string.contains(text), "the API must not give a mentor the mentee's \(what)") }
            #expect(try await api.send(.GET, "/people/\(world.personA2.id)").status == .forbidden)
            #expect(try await api.send(.GET, "/people").status == .forbidden)
        }
    }

    @Test("A practitioner sees their own caseload in full; another practitioner's case in the area only as a summary; other areas not at all")
    func practitioner() async throws {
        try await withWaymark { app, world in
            try await Self.arrange(app, world)
            var own = try await Browser.signedIn(app, as: world.practitionerA2.email)
            let full = try await own.get("/people/\(world.personA2.id)").body.string
            #expect(full.contains("Shaw") && full.contains("E100002") && full.contains("12 April 1988") && full.contains("Very high"))
            #expect(try await own.get("/people/\(world.personA2.id)/risk").body.string.contains(Self.riskNote))

            var colleague = try await Browser.signedIn(app, as: world.user(.practitioner).email)
            let summary = try await colleague.get("/people/\(world.personA2.id)")
            #expect(summary.status == .ok)
            let html = summary.body.string
            #expect(html.contains("Marcus Shaw") && html.contains("E100002"), "name and CRN, to avoid a duplicate referral")
            for hidden in ["12 April 1988", Self.riskNote, "Very high", "Domestic abuse"] { #expect(!html.contains(hidden), "summary hides \(hidden)") }
            #expect(try await colleague.get("/people/\(world.personA2.id)/risk").status == .notFound)
            #expect(try await colleague.get("/people/\(world.personA2.id)/orders").status == .notFound)
            #expect(try await colleague.get("/referrals/\(world.referralA2.id)").status == .notFound)
            #expect(try await colleague.get("/people/\(world.personB.id)").status == .notFound, "another area is out of sight")
            let api = APIClient(app: app, token: world.token(world.user(.practitioner)))
            let body = try await api.send(.GET, "/people/\(world.personA2.id)").body.string
            #expect(body.contains("E100002") && !body.contains("1988-04-12"))
        }
    }

    @Test("A staff facilitator sees the names of their session's participants, and nothing else about them")
    func facilitator() async throws {
        try await withWaymark { app, world in
            var facilitator = try await Browser.signedIn(app, as: world.user(.staffFacilitator).email)
            let html = try await facilitator.get("/sessions/\(world.sessionA.id)").body.string
            #expect(html.contains("Daisy Fletcher"), "the participant's name")
            #expect(!html.contains("E100001"), "not their CRN")
            #expect(!html.contains("12 April 1988"))
            let sheet = try await facilitator.get("/sessions/\(world.sessionA.id)/sheet").body.string
            #expect(sheet.contains("Daisy Fletcher") && !sheet.contains("E100001"))
            #expect(try await facilitator.get("/people/\(world.personA1.id)").status == .forbidden)
            // A coordinator in the area sees the CRN on the same page.
            var coordinator = try await Browser.signedIn(app, as: world.user(.coordinator).email)
            #expect(try await coordinator.get("/sessions/\(world.sessionA.id)").body.string.contains("E100001"))
        }
    }

    @Test("A commissioner sees aggregates only: no person, referral, match, session or mentor, on a page or through the API")
    func commissioner() async throws {
        try await withWaymark { app, world in
            try await Self.arrange(app, world)
            var commissioner = try await Browser.signedIn(app, as: world.user(.commissioner).email)
            for path in ["/people", "/people/\(world.personA2.id)", "/referrals", "/referrals/\(world.referralA2.id)", "/matches/\(world.matchA2.id)",
                         "/sessions/\(world.sessionA.id)", "/mentors/\(world.mentorA1.id)", "/case-studies", "/audit"] {
                #expect(try await commissioner.get(path).status == .forbidden, "\(path)")
            }
            let report = try await commissioner.get("/reports?area=\(world.areaA.id)")
            #expect(report.status == .ok)
            for name in ["Marcus", "Shaw", "Daisy", "Fletcher", "E100002", "E100001"] { #expect(!report.body.string.contains(name), "no \(name) in the report") }
            let api = APIClient(app: app, token: world.token(world.user(.commissioner)))
            for path in ["/people", "/referrals", "/matches", "/mentors", "/sessions", "/audit"] {
                #expect(try await api.send(.GET, path).status == .forbidden, "\(path)")
            }
        }
    }

    @Test("A coordinator sees everything in their own area and nothing in another")
    func coordinator() async throws {
        try await withWaymark { app, world in
            try await Self.arrange(app, world)
            var coordinator = try await Browser.signedIn(app, as: world.user(.coordinator).email)
            #expect(try await coordinator.get("/people/\(world.personA2.id)/risk").body.string.contains(Self.riskNote))
            var other = try await Browser.signedIn(app, as: world.coordinatorB.email)
            #expect(try await other.get("/people/\(world.personA2.id)").status == .notFound)
            #expect(try await other.get("/matches/\(world.matchA2.id)").status == .notFound)
        }
    }
}
