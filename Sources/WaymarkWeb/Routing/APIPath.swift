import Vapor

/// API paths under `/api/v1`, typed as the pages' `SitePath` is. New operations are added here;
/// older ones are still string arrays in their route collections.
enum APIPath: Hashable {
    case providers
    case areas
    case area(String)
    case areaDeliveryUnits(String)
    case deliveryUnit(String)
    case sites
    case site(String)
    case users
    case user(String)
    case tokens
    case token(String)

    var components: [String] {
        switch self {
        case .providers: ["providers"]
        case .areas: ["areas"]
        case .area(let id): ["areas", id]
        case .areaDeliveryUnits(let id): ["areas", id, "delivery-units"]
        case .deliveryUnit(let id): ["delivery-units", id]
        case .sites: ["sites"]
        case .site(let id): ["sites", id]
        case .users: ["users"]
        case .user(let id): ["users", id]
        case .tokens: ["tokens"]
        case .token(let id): ["tokens", id]
        }
    }

    var route: [PathComponent] { components.map { PathComponent(stringLiteral: $0) } }
    var url: String { "/api/v1/" + components.joined(separator: "/") }
}
