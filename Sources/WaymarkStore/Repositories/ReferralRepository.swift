import Fluent
import Foundation
import SQLKit
import WaymarkCore

public enum ReferralRepository {
    static func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    static func commas(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }

    public static func referral(_ m: ReferralModel) -> Referral {
        let exclusions = lines(m.exclusions).compactMap { line -> Exclusion? in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let crn = CRN(String(parts[0])), let kind = ExclusionKind(rawValue: String(parts[1])) else { return nil }
            return Exclusion(crn: crn, kind: kind)
        }
        let details = ReferralDetails(needs: commas(m.needs).compactMap(Need.init(rawValue:)), goals: lines(m.goals),
                                      genderPreference: GenderPreference(rawValue: m.genderPreference) ?? .noPreference,
                                      languages: commas(m.languages), availability: commas(m.availability).compactMap(AvailabilitySlot.init),
                                      accessibilityNeeds: m.accessibilityNeeds, exclusions: exclusions)
        let summary = (m.closingSummary.flatMap { try? JSONDecoder().decode([GoalResult].self, from: Data($0.utf8)) }) ?? []
        return Referral(id: m.id!.uuidString, personID: m.$person.id.uuidString, orderID: m.$order.id.uuidString,
                        referredByID: m.$referredBy.id.uuidString, referredOn: CalendarDate(iso: m.referredOn)!,
                        state: ReferralState(rawValue: m.state) ?? .awaitingAllocation, details: details,
                        highRiskApprovedOn: m.highRiskApprovedOn.flatMap(CalendarDate.init(iso:)),
                        withdrawalReason: m.withdrawalReason.flatMap(WithdrawalReason.init(rawValue:)), closingSummary: summary,
                        closedOn: m.closedOn.flatMap(CalendarDate.init(iso:)), version: m.version)
    }

    public static func openCount(personID: String, on db: any Database) async throws -> Int {
        guard let uuid = UUID(uuidString: personID) else { return 0 }
        return try await ReferralModel.query(on: db).filter(\.$person.$id == uuid)
            .filter(\.$state ~~ ReferralState.allCases.filter(\.isOpen).map(\.rawValue)).count()
    }

    public static func create(personID: String, orderID: String, by userID: String, on date: CalendarDate, consent: Bool,
                              _ d: ReferralDetails, on db: any Database) async throws -> Referral {
        try MenteeEligibility.checkNoOpenReferral(openReferrals: try await openCount(personID: personID, on: db))
        let m = ReferralModel()
        m.$person.id = UUID(uuidString: personID)!
        m.$order.id = UUID(uuidString: orderID)!
        m.$referredBy.id = UUID(uuidString: userID)!
        m.referredOn = date.iso
        m.state = ReferralState.awaitingAllocation.rawValue
        m.consent = consent
        m.needs = d.needs.map(\.rawValue).joined(separator: ",")
        m.goals = d.goals.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n")
        m.genderPreference = d.genderPreference.rawValue
        m.languages = d.languages.joined(separator: ",")
        m.availability = d.availability.map(\.code).joined(separator: ",")
        m.accessibilityNeeds = d.accessibilityNeeds
        m.exclusions = d.exclusions.map { "\($0.crn.value) \($0.kind.rawValue)" }.joined(separator: "\n")
        m.version = 1
        try await m.create(on: db)
        return referral(m)
    }

    public static func find(id: String, on db: any Database) async throws -> Referral? {
        guard let uuid = UUID(uuidString: id), let m = try await ReferralModel.find(uuid, on: db) else { return nil }
        return referral(m)
    }

    /// Several referrals in one query, by id.
    public static func find(ids: [String], on db: any Database) async throws -> [String: Referral] {
        let uuids = Array(Set(ids.compactMap(UUID.init(uuidString:))))
        guard !uuids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await ReferralModel.query(on: db).filter(\.$id ~~ uuids).all().map { ($0.id!.uuidString, referral($0)) })
    }

    public static func forPerson(_ personID: String, on db: any Database) async throws -> [Referral] {
        guard let uuid = UUID(uuidString: personID) else { return [] }
        return try await ReferralModel.query(on: db).filter(\.$person.$id == uuid).sort(\.$referredOn, .descending).all().map(referral)
    }

    /// The open referrals of several people, in one query.
    public static func open(personIDs: [String], on db: any Database) async throws -> [Referral] {
        let uuids = personIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [] }
        return try await ReferralModel.query(on: db).filter(\.$person.$id ~~ uuids)
            .filter(\.$state ~~ ReferralState.allCases.filter(\.isOpen).map(\.rawValue)).all().map(referral)
    }

    /// Referrals in these areas (or on this caseload), in a state, oldest first; keyset on referral date and id.
    public static func list(areas: Set<String>?, caseloadOf: String?, states: [ReferralState], after: (String, UUID)?, limit: Int,
                            on db: any Database) async throws -> (items: [(Referral, Person)], next: (String, UUID)?) {
        let query = ReferralModel.query(on: db).join(PersonModel.self, on: \ReferralModel.$person.$id == \PersonModel.$id)
            .filter(\.$state ~~ states.map(\.rawValue))
        if let areas { query.filter(PersonModel.self, \.$area.$id ~~ areas.compactMap(UUID.init(uuidString:))) }
        if let caseloadOf { query.filter(PersonModel.self, \.$practitioner.$id == UUID(uuidString: caseloadOf)) }
        if let after {
            query.group(.or) { group in
                group.filter(\.$referredOn > after.0)
                group.group(.and) { tie in
                    tie.filter(\.$referredOn == after.0)
                    tie.filter(\.$id > after.1)
                }
            }
        }
        let rows = try await query.sort(\.$referredOn).sort(\.$id).limit(limit + 1).all()
        var items: [(Referral, Person)] = []
        for row in rows.prefix(limit) {
            if let person = PeopleRepository.person(try row.joined(PersonModel.self)) { items.append((referral(row), person)) }
        }
        let next = rows.count > limit ? rows.prefix(limit).last.map { ($0.referredOn, $0.id!) } : nil
        return (items, next)
    }

    static func model(_ id: String, version: Int, on db: any Database) async throws -> ReferralModel? {
        guard let uuid = UUID(uuidString: id), let m = try await ReferralModel.find(uuid, on: db) else { return nil }
        try OptimisticLock.check(current: m.version, submitted: version)
        return m
    }

    public static func setState(id: String, to state: ReferralState, expectedVersion: Int, withdrawal: WithdrawalReason? = nil,
                                summary: [GoalResult]? = nil, on date: CalendarDate, on db: any Database) async throws -> Referral? {
        guard let m = try await model(id, version: expectedVersion, on: db) else { return nil }
        m.state = state.rawValue
        if let withdrawal { m.withdrawalReason = withdrawal.rawValue }
        if let summary { m.closingSummary = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self) }
        if !state.isOpen { m.closedOn = date.iso }
        m.version += 1
        try await m.save(on: db)
        return referral(m)
    }

    public static func approveHighRisk(id: String, by userID: String, on date: CalendarDate, expectedVersion: Int, on db: any Database) async throws -> Referral? {
        guard let m = try await model(id, version: expectedVersion, on: db) else { return nil }
        m.highRiskApprovedOn = date.iso
        m.highRiskApprovedByID = UUID(uuidString: userID)
        m.version += 1
        try await m.save(on: db)
        return referral(m)
    }
}
