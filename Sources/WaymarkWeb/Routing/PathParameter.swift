import Vapor

/// The named parts of a path, one case per kind of record: the router's `:name` and the
/// handler's lookup come from the same case, so they cannot disagree.
enum PathParameter: String, CaseIterable {
    case person = "personID"
    case order = "orderID"
    case mentor = "mentorID"
    case cohort = "cohortID"
    case expense = "expenseID"
    case referral = "referralID"
    case match = "matchID"
    case contact = "contactID"
    case session = "sessionID"
    case intervention = "interventionID"
    case facilitator = "facilitatorID"
    case attendance = "attendanceID"
    case caseStudy = "caseStudyID"
    case provider = "providerID"
    case area = "areaID"
    case deliveryUnit = "deliveryUnitID"
    case site = "siteID"
    case user = "userID"
    case token = "tokenID"
    /// The secret in an emailed invitation or reset link.
    case link = "linkToken"
    /// An area's public short name (`/about/essex`).
    case areaSlug = "area"
    /// The secret of a private calendar feed.
    case calendarToken = "token"

    /// Record ids are UUIDs; slugs and secrets are taken as given.
    var isRecordID: Bool { ![.link, .areaSlug, .calendarToken].contains(self) }

    /// The router's placeholder, `:personID`.
    var placeholder: String { ":" + rawValue }
}

extension Request {
    /// A path parameter the route declared; a route without it is a programming error, answered 404.
    /// Record ids are UUIDs, stored in one spelling: a lower-case id in a path names the same record.
    func parameter(_ name: PathParameter) throws -> String {
        guard let value = parameters.get(name.rawValue) else { throw Abort(.notFound) }
        return name.isRecordID ? (UUID(uuidString: value)?.uuidString ?? value) : value
    }
}
