import Vapor

/// Every page path of the site, used by the router (with `:name` placeholders) and by the
/// views (with real ids), so a link and its route cannot drift apart.
enum SitePath: Hashable {
    case home
    case signIn
    case signOut
    case people
    case newPerson
    case person(String)
    case editPerson(String)
    case personOrders(String)
    case newOrder(String)
    case editOrder(person: String, order: String)
    case personRisk(String)
    case newRisk(String)
    case audit
    case users
    case about
    case aboutArea(String)

    var components: [String] {
        switch self {
        case .home: []
        case .signIn: ["sign-in"]
        case .signOut: ["sign-out"]
        case .people: ["people"]
        case .newPerson: ["people", "new"]
        case .person(let id): ["people", id]
        case .editPerson(let id): ["people", id, "edit"]
        case .personOrders(let id): ["people", id, "orders"]
        case .newOrder(let id): ["people", id, "orders", "new"]
        case .editOrder(let person, let order): ["people", person, "orders", order, "edit"]
        case .personRisk(let id): ["people", id, "risk"]
        case .newRisk(let id): ["people", id, "risk", "new"]
        case .audit: ["audit"]
        case .users: ["users"]
        case .about: ["about"]
        case .aboutArea(let slug): ["about", slug]
        }
    }

    var url: String { "/" + components.map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0 }.joined(separator: "/") }

    /// For the router: `:name` components become parameters.
    var route: [PathComponent] { components.map { PathComponent(stringLiteral: $0) } }

    static let personParameter = ":personID"
    static let orderParameter = ":orderID"
}

extension Request {
    func requiredParameter(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw Abort(.notFound) }
        return value
    }
}
