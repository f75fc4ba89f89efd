/// The six roles of DESIGN.md; a user has exactly one.
public enum Role: String, CaseIterable, Sendable, Codable {
    case administrator
    case coordinator
    case practitioner
    case staffFacilitator
    case mentor
    case commissioner

    public var label: String {
        switch self {
        case .administrator: "Administrator"
        case .coordinator: "Peer mentor coordinator"
        case .practitioner: "Probation practitioner"
        case .staffFacilitator: "Staff facilitator"
        case .mentor: "Peer mentor"
        case .commissioner: "Commissioner"
        }
    }
}
