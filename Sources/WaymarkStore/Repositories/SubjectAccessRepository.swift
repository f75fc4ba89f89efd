import Fluent
import Foundation
import WaymarkCore

/// Gathers everything held about one person for a subject access request. Each stored row is
/// written out field by field from its model, so a field added later appears without anyone
/// remembering to add it here; a new table needs one line below.
public enum SubjectAccessRepository {
    public static func document(personID: String, generatedOn: CalendarDate, on db: any Database) async throws -> SubjectAccessDocument? {
        guard let uuid = UUID(uuidString: personID), let person = try await PersonModel.find(uuid, on: db) else { return nil }
        var sections: [SubjectAccessDocument.Section] = []
        // Ids of places and staff read as names, so the document makes sense to the person.
        var names: [String: String] = [:]
        for a in try await AreaModel.query(on: db).all() { names[a.id!.uuidString] = a.name }
        for u in try await DeliveryUnitModel.query(on: db).all() { names[u.id!.uuidString] = u.name }
        for s in try await SiteModel.query(on: db).all() { names[s.id!.uuidString] = s.name }
        for u in try await UserModel.query(on: db).all() { names[u.id!.uuidString] = u.name }
        func add<M: Model>(_ title: String, _ explanation: String, _ rows: [M]) throws {
            sections.append(.init(title: title, explanation: explanation, records: try rows.map { try record($0, names: names) }))
        }
        try add("Your details", "Your name, CRN, date of birth and where you are supervised.", [person])
        let orders = try await OrderModel.query(on: db).filter(\.$person.$id == uuid).sort(\.$startDate).all()
        try add("Orders and licences", "The orders and licences we know about.", orders)
        try add("Risk assessments", "Risk of serious harm assessments recorded by your practitioner.",
                try await RiskAssessmentModel.query(on: db).filter(\.$person.$id == uuid).sort(\.$assessedOn).all())

        let referrals = try await ReferralModel.query(on: db).filter(\.$person.$id == uuid).sort(\.$referredOn).all()
        let referralIDs = referrals.compactMap(\.id)
        try add("Referrals for a peer mentor", "Each time your practitioner asked for a peer mentor for you.", referrals)
        try add("What your mentor was told", "What your practitioner chose to share with your peer mentor.",
                referralIDs.isEmpty ? [] : try await SharingDecisionModel.query(on: db).filter(\.$referral.$id ~~ referralIDs).sort(\.$sequence).all())
        let matches = referralIDs.isEmpty ? [] : try await MatchModel.query(on: db).filter(\.$referral.$id ~~ referralIDs).sort(\.$proposedOn).all()
        let matchIDs = matches.compactMap(\.id)
        try add("Peer mentor matches", "The peer mentors you were matched with.", matches)
        try add("Mentoring contacts", "Each meeting or piece of work with your peer mentor, and any concern raised.",
                matchIDs.isEmpty ? [] : try await ContactModel.query(on: db).filter(\.$match.$id ~~ matchIDs).sort(\.$contactOn).all())
        try add("Check-ins", "The coordinator's check-ins on how mentoring was going.",
                matchIDs.isEmpty ? [] : try await CheckInModel.query(on: db).filter(\.$match.$id ~~ matchIDs).all())
        try add("Outcomes", "Where you were at referral, review and closure.",
                try await OutcomeAssessmentModel.query(on: db).filter(\.$person.$id == uuid).sort(\.$recordedOn).all())

        try add("Group session bookings", "Sessions you were booked on.",
                try await SessionBookingModel.query(on: db).filter(\.$person.$id == uuid).all())
        try add("Attendance", "Whether you attended each session, and any enforcement decision.",
                try await AttendanceModel.query(on: db).filter(\.$person.$id == uuid).all())
        let orderIDs = orders.compactMap(\.id)
        try add("RAR activities recorded by hand", "Rehabilitation activity your practitioner recorded.",
                orderIDs.isEmpty ? [] : try await RARActivityModel.query(on: db).filter(\.$order.$id ~~ orderIDs).sort(\.$date).all())

        let mentors = try await MentorModel.query(on: db).filter(\.$person.$id == uuid).all()
        let mentorIDs = mentors.compactMap(\.id)
        try add("Peer mentor record", "Your journey as a peer mentor.", mentors)
        if !mentorIDs.isEmpty {
            try add("Peer mentor journey moves", "Each change of stage, with the reason.",
                    try await MentorMoveModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).sort(\.$at).all())
            try add("Peer mentor risk reviews", "Reviews of whether mentoring was suitable.",
                    try await MentorRiskReviewModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).all())
            try add("Declarations", "What you declared before training.",
                    try await MentorDeclarationModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).all())
            try add("Training", "Your training cohorts, attendance and assessment.",
                    try await EnrolmentModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).all())
            try add("Accreditation", "The qualification you gained.",
                    try await AccreditationModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).all())
            try add("Supervision", "Supervision sessions.",
                    try await SupervisionModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).all())
            try add("Volunteer hours", "Hours you gave.",
                    try await VolunteerHoursModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).all())
            try add("Expenses", "Expenses you claimed and the decisions.",
                    try await ExpenseClaimModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).all())
            try add("Employment", "Steps towards paid work.",
                    try await EmploymentStepModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).all())
            try add("Further offences", "Offences recorded after you joined the programme.",
                    try await FurtherOffenceModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).all())
            try add("Wellbeing ratings", "How you rated your wellbeing, confidence and belonging.",
                    try await WellbeingRatingModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).all())
            try add("People you must not meet", "Kept so you are never asked to work with them.",
                    try await MentorExclusionModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).all())
            try add("Sessions you facilitated", "Group sessions you were asked to help run.",
                    try await SessionFacilitatorModel.query(on: db).filter(\.$mentorID ~~ mentorIDs).all())
            // Why a match was reviewed can be about the mentee's risk: theirs, not the mentor's.
            let mentoring = try await MatchModel.query(on: db).filter(\.$mentor.$id ~~ mentorIDs).all().map { try record($0, names: names) }
            sections.append(.init(title: "Matches as a mentor", explanation: "The people you mentored (their own details are theirs, not included here).",
                                  records: mentoring.map { .init($0.fields.filter { $0.name != "Review reason" }) }))
        }
        try add("Case studies and quotes", "Stories or quotes you agreed we could use, with your consent.",
                try await CaseStudyModel.query(on: db).filter(\.$person.$id == uuid).all())
        try add("Corrections", "Changes made to your record, with what it said before.",
                try await CorrectionModel.query(on: db).filter(\.$person.$id == uuid).sort(\.$createdAt).all())
        try add("Restriction and legal hold", "Whether your record is restricted, held, or anonymised.",
                try await PersonProtectionModel.query(on: db).filter(\.$person.$id == uuid).all())

        // Who has seen or changed the record: staff are named by their role and name, as the
        // person is entitled to know who processed their data.
        let events = try await AuditEventModel.query(on: db).filter(\.$personID == personID).sort(\.$sequence).all()
        let users = try await UserModel.query(on: db).filter(\.$id ~~ Set(events.compactMap { UUID(uuidString: $0.actorID) })).all()
        let who = Dictionary(uniqueKeysWithValues: users.map { ($0.id!.uuidString, "\($0.name) (\(Role(rawValue: $0.role)?.label ?? $0.role))") })
        sections.append(.init(title: "Who has seen or changed your record", explanation: "Every time someone opened or changed your record.",
                              records: events.map { e in
            .init([.init("When", ISO8601DateFormatter().string(from: e.at)), .init("Who", who[e.actorID] ?? e.actorID),
                   .init("What", e.action), .init("Record", "\(e.recordType) \(e.recordID)")])
        }))
        let name = "\(person.firstName) \(person.lastName)"
        return SubjectAccessDocument(personID: personID, heading: "Everything Waymark holds about \(name)", generatedOn: generatedOn, sections: sections)
    }

    /// One row as named fields, in the order the model declares them.
    static func record<M: Model>(_ model: M, names: [String: String] = [:]) throws -> SubjectAccessDocument.Record {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let object = try JSONDecoder().decode([String: Value].self, from: try encoder.encode(model))
        let order = Mirror(reflecting: model).children.compactMap { $0.label.map { $0.hasPrefix("_") ? String($0.dropFirst()) : $0 } }
        let keys = order.filter { object[$0] != nil } + object.keys.filter { !order.contains($0) }.sorted()
        return .init(keys.map { key in
            let value = object[key]!.text
            return .init(label(key), key != "id" ? names[value].map { "\($0) (\(value))" } ?? value : value)
        })
    }

    /// Any stored value, read back from a model's own encoding.
    enum Value: Decodable {
        case null, bool(Bool), int(Int), double(Double), string(String), array([Value]), object([String: Value])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let i = try? c.decode(Int.self) { self = .int(i) }
            else if let d = try? c.decode(Double.self) { self = .double(d) }
            else if let s = try? c.decode(String.self) { self = .string(s) }
            else if let a = try? c.decode([Value].self) { self = .array(a) }
            else { self = .object(try c.decode([String: Value].self)) }
        }

        var text: String {
            switch self {
            case .null: ""
            case .bool(let b): b ? "Yes" : "No"
            case .int(let i): String(i)
            case .double(let d): String(d)
            case .string(let s): s
            case .array(let a): a.map(\.text).joined(separator: ", ")
            // A parent is encoded as {"id": ...}: the id is what is stored.
            case .object(let o): o["id"]?.text ?? o.keys.sorted().map { "\($0): \(o[$0]!.text)" }.joined(separator: ", ")
            }
        }
    }

    /// "dateOfBirth" -> "Date of birth".
    static func label(_ key: String) -> String {
        var words: [String] = []
        var current = ""
        for ch in key {
            if ch.isUppercase, !current.isEmpty { words.append(current); current = "" }
            current.append(ch)
        }
        if !current.isEmpty { words.append(current) }
        return words.enumerated().map { $0.offset == 0 ? $0.element.capitalisedFirst : $0.element.lowercased() }.joined(separator: " ")
    }
}
