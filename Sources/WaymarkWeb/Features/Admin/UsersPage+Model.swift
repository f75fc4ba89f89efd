import Foundation
import Vapor
import WaymarkCore
import WaymarkStore

/// The people who use Waymark: the filtered list, the invitation form and one account's page.
enum UsersPage {
    struct ListModel {
        let filter: AccountRepository.Filter
        let areas: [(id: String, name: String)]
        let rows: [UserAccount]
        let areaNames: [String: String]
        let next: String?
        let isFirstPage: Bool
    }

    struct InviteModel {
        let csrf: String
        let areas: [(id: String, name: String)]
        var state: FormState
    }

    struct AccountModel {
        let csrf: String
        let account: UserAccount
        let areaNames: [String: String]
        let areas: [(id: String, name: String)]
        let tokens: [APITokenRepository.Token]
        let isSelf: Bool
        let now: Date
        var state: FormState
    }

    static let pageSize = 50

    static func listModel(_ req: Request) async throws -> ListModel {
        let areas = try await OrganisationRepository.areas(on: req.db)
        let role = req.query[String.self, at: "role"].flatMap(Role.init(rawValue:))
        let area = req.query[String.self, at: "area"].flatMap { id in areas.first { $0.id == id }?.id }
        let active: Bool? = switch req.query[String.self, at: "status"] { case "active": true; case "inactive": false; default: nil }
        let days = req.query[String.self, at: "notSignedInFor"].flatMap(Int.init).flatMap { [30, 90, 180].contains($0) ? $0 : nil }
        let filter = AccountRepository.Filter(role: role, areaID: area, active: active, notSignedInForDays: days)
        let after = req.query[String.self, at: "after"]
        let page = try await AccountRepository.page(filter, areaScope: nil, now: req.now, afterEmail: after, limit: pageSize, on: req.db)
        return ListModel(filter: filter, areas: areas.map { ($0.id, $0.name) }, rows: page.items,
                         areaNames: Dictionary(uniqueKeysWithValues: areas.map { ($0.id, $0.name) }), next: page.next, isFirstPage: after == nil)
    }

    static func inviteModel(_ req: Request, state: FormState = FormState()) async throws -> InviteModel {
        let areas = try await OrganisationRepository.areas(on: req.db).filter(\.active)
        return InviteModel(csrf: CSRF.token(for: req), areas: areas.map { ($0.id, $0.name) }, state: state)
    }

    static func accountModel(_ id: String, user: CurrentUser, _ req: Request, state: FormState? = nil) async throws -> AccountModel {
        let account = try await UserAdminService.find(id, on: req)
        let areas = try await OrganisationRepository.areas(on: req.db)
        let initial = FormState(values: ["role": account.role.rawValue, "version": String(account.version)],
                                lists: ["areas": Array(account.areaIDs)])
        return AccountModel(csrf: CSRF.token(for: req), account: account, areaNames: Dictionary(uniqueKeysWithValues: areas.map { ($0.id, $0.name) }),
                            areas: areas.filter { $0.active || account.areaIDs.contains($0.id) }.map { ($0.id, $0.name) },
                            tokens: try await APITokenRepository.list(userID: id, on: req.db), isSelf: id == user.id, now: req.now,
                            state: state ?? initial)
    }
}
