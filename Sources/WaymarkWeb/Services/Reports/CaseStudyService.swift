import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Case studies and quotes: recorded by a coordinator with the person's consent, approved
/// before use, and gone from every report the moment consent is withdrawn.
enum CaseStudyService {
    static func list(on req: Request) async throws -> [(CaseStudy, Person?)] {
        let user = try req.user
        let studies = try await CaseStudyRepository.list(areas: user.actor.areaIDs, on: req.db)
        let people = try await PeopleRepository.find(ids: studies.map(\.personID), on: req.db)
        try await req.auditList(actorID: user.id, action: "caseStudy.list", recordType: "caseStudy", personIDs: studies.map(\.personID))
        return studies.map { ($0, people[$0.personID]) }
    }

    static func load(_ id: String, action: String?, on req: Request) async throws -> (CaseStudy, Person) {
        let user = try req.user
        guard let study = try await CaseStudyRepository.find(id: id, on: req.db),
              let person = try await PeopleRepository.find(id: study.personID, on: req.db),
              Policy.access(user.actor, to: person.scope, for: .manageCaseStudies) == .full,
              user.actor.areaIDs.contains(study.areaID)
        else { throw Abort(.notFound) }
        if let action {
            try await req.audit(AuditRecord(actorID: user.id, action: action, recordType: "caseStudy", recordID: study.id, personID: person.id))
        }
        return (study, person)
    }

    static func write(_ study: CaseStudy?, _ person: Person, action: String, on req: Request,
                      _ body: @escaping @Sendable (any Database) async throws -> CaseStudy?) async throws -> CaseStudy {
        let user = try req.user
        let at = req.now
        return try await Command.run(req, actorID: user.id) { effects in
            let tx = effects.tx
            guard let value = try await body(tx) else { throw Abort(.notFound) }
            effects.audit(action, "caseStudy", value.id, person: person.id, detail: value.state.rawValue)
            return value
        }
    }

    static func create(personID: String, _ draft: CaseStudyDraft, on req: Request) async throws -> CaseStudy {
        let user = try req.user
        let (person, _) = try await PeopleService.load(personID, for: .manageCaseStudies, action: nil, on: req)
        let valid = try draft.validated(today: req.today, realNames: [person.details.firstName, person.details.lastName])
        return try await write(nil, person, action: "caseStudy.create", on: req) { tx in
            try await CaseStudyRepository.create(valid, areaID: person.details.areaID, personID: person.id, by: user.id, on: tx)
        }
    }

    static func approve(_ id: String, version: Int, on req: Request) async throws -> CaseStudy {
        let user = try req.user
        let (study, person) = try await load(id, action: nil, on: req)
        try OptimisticLock.check(current: study.version, submitted: version)
        try CaseStudyRules.checkApproval(study)
        let today = req.today
        return try await write(study, person, action: "caseStudy.approve", on: req) { tx in
            try await CaseStudyRepository.approve(id: study.id, by: user.id, on: today, expectedVersion: version, on: tx)
        }
    }

    static func withdraw(_ id: String, version: Int, on req: Request) async throws -> CaseStudy {
        let (study, person) = try await load(id, action: nil, on: req)
        try OptimisticLock.check(current: study.version, submitted: version)
        try CaseStudyRules.checkWithdrawal(study)
        let today = req.today
        return try await write(study, person, action: "caseStudy.withdrawConsent", on: req) { tx in
            try await CaseStudyRepository.withdrawConsent(id: study.id, on: today, expectedVersion: version, on: tx)
        }
    }
}
