import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// The Essex story through the API: recommended → eligible → 12-week cohort → OCN Level 2 →
/// active → Case Supporter, with every response checked against openapi.yaml.
@Suite("Mentor journey through the API")
struct MentorJourneyAPITests {
    final class Checked: @unchecked Sendable {
        // Only touched from the one test task, in sequence.
        var violations: [String] = []
        var count = 0
    }

    struct Client {
        let app: Application
        let world: TestWorld
        let checker: OpenAPIConformance
        let log: Checked

        func call(_ user: UserAccount, _ method: HTTPMethod, _ path: String, _ json: String? = nil) async throws -> (HTTPStatus, [String: Any]) {
            let response = try await APIClient(app: app, token: world.token(user)).send(method, path, json: json)
            let body = Data(response.body.readableBytesView)
            if let template = checker.template(matching: "/api/v1" + path.split(separator: "?")[0]) {
                log.violations += checker.violations(path: template, method: method.rawValue.lowercased(), status: Int(response.status.code),
                                                     contentType: response.headers.first(name: .contentType) ?? "", body: body)
                log.count += 1
            } else {
                log.violations.append("\(method) \(path) is not in the document")
            }
            let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
            return (response.status, object)
        }
    }

    static func client(_ app: Application, _ world: TestWorld) async throws -> Client {
        let served = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
        return Client(app: app, world: world, checker: try OpenAPIConformance(documentJSON: Data(served.body.readableBytesView)), log: Checked())
    }

    static func fields(_ body: [String: Any]) -> Set<String> {
        Set((body["errors"] as? [[String: String]] ?? []).compactMap { $0["field"] })
    }

    @Test("A coordinator takes a recommended person all the way to a Case Supporter job")
    func essexStory() async throws {
        try await withWaymark { app, world in
            let api = try await Self.client(app, world)
            let practitioner = world.user(.practitioner), coordinator = world.user(.coordinator)

            // A person whose community order finished last month.
            let (_, person) = try await api.call(practitioner, .POST, "/people", """
                {"crn":"E200300","firstName":"Daisy","lastName":"Rowe","dateOfBirth":"1990-02-03","areaId":"\(world.areaA.id)","deliveryUnitId":"\(world.areaA.deliveryUnits[0].id)"}
                """)
            let personID = try #require(person["id"] as? String)
            let (orderStatus, _) = try await api.call(practitioner, .POST, "/people/\(personID)/orders", """
                {"type":"communityOrder","startDate":"2025-10-01","expectedEndDate":"2026-10-01","actualEndDate":"2026-10-01","outcome":"completed","rarDays":20}
                """)
            #expect(orderStatus == .created)

            // Recommendation, then eligibility explains what is missing.
            let (recommended, mentor) = try await api.call(practitioner, .POST, "/mentors", #"{"personId":"\#(personID)","reason":"She has turned things around"}"#)
            #expect(recommended == .created)
            #expect(mentor["state"] as? String == "recommended")
            let id = try #require(mentor["id"] as? String)
            let (_, before) = try await api.call(coordinator, .GET, "/mentors/\(id)/eligibility")
            #expect(before["eligible"] as? Bool == false)
            let codes = Set((before["reasons"] as? [[String: String]] ?? []).compactMap { $0["code"] })
            #expect(codes == ["noRiskReview", "declarationMissing"])

            // Illegal and premature moves are refused with a reason.
            let (illegal, refusal) = try await api.call(coordinator, .POST, "/mentors/\(id)/moves", #"{"version":1,"to":"active","reason":"Keen"}"#)
            #expect(illegal == .unprocessableEntity)
            #expect(((refusal["errors"] as? [[String: String]])?.first?["message"] ?? "").contains("cannot be moved to active"))
            let (early, _) = try await api.call(coordinator, .POST, "/mentors/\(id)/moves", #"{"version":1,"to":"eligible","reason":"Ready"}"#)
            #expect(early == .unprocessableEntity)

            // Checks by practitioner and coordinator, and her declarations.
            _ = try await api.call(practitioner, .POST, "/mentors/\(id)/risk-reviews", #"{"outcome":"suitable","reviewedOn":"2026-11-20"}"#)
            _ = try await api.call(coordinator, .POST, "/mentors/\(id)/risk-reviews", #"{"outcome":"suitable","reviewedOn":"2026-11-21"}"#)
            let (_, after) = try await api.call(coordinator, .POST, "/mentors/\(id)/declarations",
                                                #"{"noCurrentOffending":true,"freeFromIllicitDrugs":true,"declaredOn":"2026-11-21"}"#)
            #expect(after["eligible"] as? Bool == true)
            let (moved, eligible) = try await api.call(coordinator, .POST, "/mentors/\(id)/moves", #"{"version":1,"to":"eligible","reason":"Meets every rule"}"#)
            #expect(moved == .ok)
            #expect(eligible["state"] as? String == "eligible")

            // Accreditation before training is refused.
            let (tooSoon, _) = try await api.call(coordinator, .POST, "/mentors/\(id)/accreditation",
                                                  #"{"award":"Level 2 Award in Peer Mentoring","awardingBody":"ocn","certificateNumber":"OCN-1","awardedOn":"2026-11-22"}"#)
            #expect(tooSoon == .unprocessableEntity)

            // A 12-week cohort at a site.
            let (_, sites) = try await api.call(coordinator, .GET, "/sites")
            let siteID = try #require((sites["items"] as? [[String: Any]])?.first?["id"] as? String)
            let (created, cohort) = try await api.call(coordinator, .POST, "/cohorts", """
                {"name":"Basildon Level 2","startDate":"2026-09-14","siteId":"\(siteID)","trainers":"Sam Okafor"}
                """)
            #expect(created == .created)
            #expect(cohort["sessions"] as? Int == 12)
            let cohortID = try #require(cohort["id"] as? String)
            let (enrolled, _) = try await api.call(coordinator, .POST, "/cohorts/\(cohortID)/enrolments", #"{"mentorId":"\#(id)"}"#)
            #expect(enrolled == .created)
            // Person A1 is only recommended: not eligible, so cannot be enrolled.
            let (refused, why) = try await api.call(coordinator, .POST, "/cohorts/\(cohortID)/enrolments", #"{"mentorId":"\#(world.mentorA1.id)"}"#)
            #expect(refused == .unprocessableEntity)
            #expect(Self.fields(why) == ["mentorId"])

            // A week that has not happened yet cannot have been attended.
            let (futureWeek, notYet) = try await api.call(coordinator, .POST, "/cohorts/\(cohortID)/records", #"{"version":1,"mentorId":"\#(id)","attended":[1,2,12],"assessment":"passed"}"#)
            #expect(futureWeek == .unprocessableEntity)
            #expect(((notYet["errors"] as? [[String: String]])?.first?["message"] ?? "").contains("Week 12 is on 30 November 2026"))
            // Nine sessions are not enough; ten and a pass complete the training.
            _ = try await api.call(coordinator, .POST, "/cohorts/\(cohortID)/records", #"{"version":1,"mentorId":"\#(id)","attended":[1,2,3,4,5,6,7,8,9],"assessment":"passed"}"#)
            let (_, stillTraining) = try await api.call(coordinator, .GET, "/mentors/\(id)")
            #expect(stillTraining["state"] as? String == "inTraining")
            let (stale, _) = try await api.call(coordinator, .POST, "/cohorts/\(cohortID)/records", #"{"version":1,"mentorId":"\#(id)","attended":[1,2,3,4,5,6,7,8,9,11],"assessment":"passed"}"#)
            #expect(stale == .conflict, "someone saved the record since version 1")
            _ = try await api.call(coordinator, .POST, "/cohorts/\(cohortID)/records", #"{"version":2,"mentorId":"\#(id)","attended":[1,2,3,4,5,6,7,8,9,11],"assessment":"passed"}"#)
            let (_, trained) = try await api.call(coordinator, .GET, "/mentors/\(id)")
            #expect(trained["state"] as? String == "trained")
            #expect(trained["trainedOn"] as? String == "2026-11-23")

            // OCN Level 2, then active.
            let (accredited, _) = try await api.call(coordinator, .POST, "/mentors/\(id)/accreditation",
                                                     #"{"award":"Level 2 Award in Peer Mentoring","awardingBody":"ocn","certificateNumber":"OCN-77","awardedOn":"2026-11-22","firstQualification":true}"#)
            #expect(accredited == .created)
            let version = try #require(trained["version"] as? Int)
            let (_, active) = try await api.call(coordinator, .POST, "/mentors/\(id)/moves", #"{"version":\#(version),"to":"active","reason":"Accredited"}"#)
            #expect(active["state"] as? String == "active")

            // Volunteering: hours, a claim that is approved, and claims that are refused.
            let (logged, _) = try await api.call(coordinator, .POST, "/mentors/\(id)/hours", #"{"workedOn":"2026-11-20","hours":2.5,"activity":"Accompanied appointment"}"#)
            #expect(logged == .created)
            let (claimed, claim) = try await api.call(coordinator, .POST, "/mentors/\(id)/expenses", #"{"incurredOn":"2026-11-20","kind":"mileage","miles":12,"description":"To Basildon"}"#)
            #expect(claimed == .created)
            #expect(claim["amountPence"] as? Int == 540)
            let (negative, n) = try await api.call(coordinator, .POST, "/mentors/\(id)/expenses", #"{"incurredOn":"2026-11-20","kind":"fares","amount":"-4.50","description":"Bus"}"#)
            #expect(negative == .unprocessableEntity)
            #expect(Self.fields(n) == ["amount"])
            let (future, f) = try await api.call(coordinator, .POST, "/mentors/\(id)/expenses", #"{"incurredOn":"2026-12-01","kind":"fares","amount":"4.50","description":"Bus"}"#)
            #expect(future == .unprocessableEntity)
            #expect(Self.fields(f) == ["incurredOn"])
            let claimID = try #require(claim["id"] as? String)
            let (own, _) = try await api.call(coordinator, .PATCH, "/expenses/\(claimID)", #"{"version":1,"decision":"approved"}"#)
            #expect(own == .unprocessableEntity, "the coordinator who submitted a claim cannot approve it")
            let (_, approved) = try await api.call(world.coordinatorA2, .PATCH, "/expenses/\(claimID)", #"{"version":1,"decision":"approved"}"#)
            #expect(approved["state"] as? String == "approved")
            let (again, _) = try await api.call(world.coordinatorA2, .PATCH, "/expenses/\(claimID)", #"{"version":1,"decision":"rejected","reason":"x"}"#)
            #expect(again == .conflict)

            // The employment pathway, then moving on.
            for (stage, date) in [("applied", "2026-11-01"), ("offered", "2026-11-10"), ("waitingToStart", "2026-12-07"), ("employed", "2026-11-23")] {
                let (status, _) = try await api.call(coordinator, .POST, "/mentors/\(id)/employment",
                                                     #"{"role":"Case Supporter","employer":"Essex Probation","stage":"\#(stage)","on":"\#(date)"}"#)
                #expect(status == .created)
            }
            let activeVersion = try #require(active["version"] as? Int)
            let (noDestination, _) = try await api.call(coordinator, .POST, "/mentors/\(id)/moves", #"{"version":\#(activeVersion),"to":"movedOn","reason":"Job"}"#)
            #expect(noDestination == .unprocessableEntity)
            let (_, movedOn) = try await api.call(coordinator, .POST, "/mentors/\(id)/moves",
                                                  #"{"version":\#(activeVersion),"to":"movedOn","reason":"Case Supporter with Essex Probation","destination":"employed"}"#)
            #expect(movedOn["state"] as? String == "movedOn")
            #expect(movedOn["movedOnDestination"] as? String == "employed")

            let (_, moves) = try await api.call(coordinator, .GET, "/mentors/\(id)/moves")
            let path = (moves["items"] as? [[String: Any]] ?? []).compactMap { $0["to"] as? String }
            #expect(path == ["recommended", "eligible", "inTraining", "trained", "active", "movedOn"])

            #expect(api.log.count >= 30)
            #expect(api.log.violations.isEmpty, "\(api.log.violations.joined(separator: "\n"))")
        }
    }

    @Test("A mentor sees only their own record; a colleague's practitioner and another area see nothing")
    func scope() async throws {
        try await withWaymark { app, world in
            let api = try await Self.client(app, world)
            let id = world.mentorA1.id
            let (own, _) = try await api.call(world.user(.mentor), .GET, "/mentors/\(id)")
            #expect(own == .ok)
            let (list, body) = try await api.call(world.user(.mentor), .GET, "/mentors")
            #expect(list == .ok)
            #expect((body["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])
            let (moveAttempt, _) = try await api.call(world.user(.mentor), .POST, "/mentors/\(id)/moves", #"{"version":1,"to":"withdrawn","reason":"x"}"#)
            #expect(moveAttempt == .forbidden)
            #expect(try await api.call(world.practitionerA2, .GET, "/mentors/\(id)").0 == .notFound)
            #expect(try await api.call(world.coordinatorB, .GET, "/mentors/\(id)").0 == .notFound)
            #expect(try await api.call(world.user(.commissioner), .GET, "/mentors/\(id)").0 == .forbidden)
            let (hours, _) = try await api.call(world.user(.mentor), .POST, "/mentors/\(id)/hours", #"{"workedOn":"2026-11-22","hours":1.25,"activity":"Phoned a mentee"}"#)
            #expect(hours == .created)
            let (tooLong, _) = try await api.call(world.user(.mentor), .POST, "/mentors/\(id)/hours", #"{"workedOn":"2026-11-22","hours":13,"activity":"x"}"#)
            #expect(tooLong == .unprocessableEntity)
            #expect(api.log.violations.isEmpty, "\(api.log.violations.joined(separator: "\n"))")
        }
    }

    @Test("Every mentor read and write is audited against the person")
    func audited() async throws {
        try await withWaymark { app, world in
            let api = try await Self.client(app, world)
            _ = try await api.call(world.user(.coordinator), .GET, "/mentors/\(world.mentorA1.id)")
            _ = try await api.call(world.user(.mentor), .POST, "/mentors/\(world.mentorA1.id)/hours", #"{"workedOn":"2026-11-22","hours":1,"activity":"Call"}"#)
            let log = try await AuditLog.page(on: app.db, personID: world.personA1.id, actorID: nil, before: nil, limit: 10)
            // Newest first: the list the POST answers with is a read too.
            #expect(Array(log.map(\.action).prefix(3)) == ["mentor.view", "mentor.hours", "mentor.view"])
        }
    }
}

@Suite("Risk changes suspend a mentor")
struct MentorSuspensionTests {
    @Test("A RoSH change for an active mentor suspends them; the coordinator can reinstate them to active")
    func suspendedWhenRiskChanges() async throws {
        try await withWaymark { app, world in
            // An active mentor, set up directly: the journey to active is covered elsewhere.
            var mentor = try await MentorRepository.recommend(personID: world.personA2.id, by: world.practitionerA2.id, on: world.today,
                                                              reason: "Ready", at: world.clock.now, on: app.db)
            for state in [MentorState.eligible, .inTraining, .trained, .active] {
                mentor = try await MentorRepository.move(id: mentor.id, to: state, reason: "set-up", destination: nil, expectedVersion: mentor.version,
                                                         by: world.user(.coordinator).id, at: world.clock.now, today: world.today, on: app.db)!
            }
            let practitioner = APIClient(app: app, token: world.token(world.practitionerA2))
            let path = "/people/\(world.personA2.id)/risk"
            _ = try await practitioner.send(.POST, path, json: #"{"rosh":"low","assessedOn":"2026-11-01","nextReviewDate":"2027-02-01"}"#)
            #expect(try await MentorRepository.find(id: mentor.id, on: app.db)?.state == .active, "a first assessment is not a change")
            _ = try await practitioner.send(.POST, path, json: #"{"rosh":"low","tier":"C1","assessedOn":"2026-11-10","nextReviewDate":"2027-02-01"}"#)
            #expect(try await MentorRepository.find(id: mentor.id, on: app.db)?.state == .active, "a tier change alone is not material")
            _ = try await practitioner.send(.POST, path, json: #"{"rosh":"high","tier":"C1","assessedOn":"2026-11-20","nextReviewDate":"2027-02-01"}"#)
            let suspended = try #require(try await MentorRepository.find(id: mentor.id, on: app.db))
            #expect(suspended.state == .suspended)
            #expect(suspended.stateBeforeSuspension == .active)
            let moves = try await MentorRepository.moves(mentorID: mentor.id, on: app.db)
            #expect(moves.last?.reason == "Risk changed: RoSH low → high")

            let coordinator = APIClient(app: app, token: world.token(world.user(.coordinator)))
            let wrong = try await coordinator.send(.POST, "/mentors/\(mentor.id)/moves", json: #"{"version":\#(suspended.version),"to":"paused","reason":"x"}"#)
            #expect(wrong.status == .unprocessableEntity)
            let unreviewed = try await coordinator.send(.POST, "/mentors/\(mentor.id)/moves", json: #"{"version":\#(suspended.version),"to":"active","reason":"Fine"}"#)
            #expect(unreviewed.status == .unprocessableEntity)
            #expect(unreviewed.body.string.contains("risk review since the suspension"))
            _ = try await coordinator.send(.POST, "/mentors/\(mentor.id)/risk-reviews", json: #"{"outcome":"suitable","reviewedOn":"2026-11-23"}"#)
            let back = try await coordinator.send(.POST, "/mentors/\(mentor.id)/moves", json: #"{"version":\#(suspended.version),"to":"active","reason":"Reviewed with the practitioner: safe to continue"}"#)
            #expect(back.status == .ok)
            #expect(try await MentorRepository.find(id: mentor.id, on: app.db)?.state == .active)
        }
    }
}
