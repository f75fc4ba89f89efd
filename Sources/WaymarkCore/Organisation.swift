/// The provider's shape: areas and their probation delivery units. Validation of a person's
/// placement is checked against it.
public struct AreaSummary: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    public let deliveryUnits: [DeliveryUnitSummary]

    public init(id: String, name: String, deliveryUnits: [DeliveryUnitSummary]) {
        self.id = id
        self.name = name
        self.deliveryUnits = deliveryUnits
    }
}

public struct DeliveryUnitSummary: Sendable, Equatable, Codable {
    public let id: String
    public let name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
