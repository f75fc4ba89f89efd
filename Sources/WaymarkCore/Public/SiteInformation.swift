/// Whether someone using a wheelchair can get in and around the site.
public enum StepFreeAccess: String, CaseIterable, Sendable, Codable {
    case yes, partly, no

    public var label: String {
        switch self {
        case .yes: "Step-free throughout"
        case .partly: "Partly step-free"
        case .no: "Not step-free"
        }
    }
}

/// What people need to know before they come to a site: what mentors used to tell them
/// ("even simple stuff like parking, or what the staff are like"), kept so everyone gets it.
public struct SiteInformation: Sendable, Equatable {
    public var directions: String?
    public var parking: String?
    public var stepFree: StepFreeAccess?
    public var accessDetails: String?
    public var onArrival: String?
    public var staff: String?
    public var photoAltText: String?

    public init(directions: String? = nil, parking: String? = nil, stepFree: StepFreeAccess? = nil, accessDetails: String? = nil,
                onArrival: String? = nil, staff: String? = nil, photoAltText: String? = nil) {
        self.directions = directions
        self.parking = parking
        self.stepFree = stepFree
        self.accessDetails = accessDetails
        self.onArrival = onArrival
        self.staff = staff
        self.photoAltText = photoAltText
    }

    public static let empty = SiteInformation()
}

public struct SiteInformationDraft: Sendable, Equatable {
    public var directions: String?
    public var parking: String?
    public var stepFree: String?
    public var accessDetails: String?
    public var onArrival: String?
    public var staff: String?
    public var photoAltText: String?

    public init(directions: String?, parking: String?, stepFree: String?, accessDetails: String?, onArrival: String?, staff: String?, photoAltText: String?) {
        self.directions = directions
        self.parking = parking
        self.stepFree = stepFree
        self.accessDetails = accessDetails
        self.onArrival = onArrival
        self.staff = staff
        self.photoAltText = photoAltText
    }

    public static let textLimit = 1000

    public func validated() throws(ValidationFailure) -> SiteInformation {
        var errors = FieldErrors()
        func text(_ raw: String?, _ field: String, _ label: String) -> String? {
            InputRules.optional(raw, field: field, label: label, limit: Self.textLimit, multiline: true, errors: &errors)
        }
        let info = SiteInformation(
            directions: text(directions, "directions", "how to get there"), parking: text(parking, "parking", "parking"),
            stepFree: InputRules.choice(stepFree, as: StepFreeAccess.self, field: "stepFree", label: "step-free access", article: "", required: false, errors: &errors),
            accessDetails: text(accessDetails, "accessDetails", "access details"), onArrival: text(onArrival, "onArrival", "what happens when you arrive"),
            staff: text(staff, "staff", "what the staff are like"),
            photoAltText: InputRules.optional(photoAltText, field: "photoAltText", label: "photo description", errors: &errors))
        try errors.throwIfAny()
        return info
    }
}

/// A "what to expect" letter for one session, for the people invited to it.
public struct InvitationLetter: Sendable, Equatable {
    public let title: String
    public let date: CalendarDate
    public let start: ClockTime
    public let end: ClockTime
    public let siteName: String
    public let address: String
    public let postcode: String
    public let directions: String
    public let parking: String
    public let access: String
    public let onArrival: String
    public let staff: String?
    public let whoWillBeThere: [String]
    public let whatToBring: String
}

public enum InvitationRule {
    /// What to bring depends on the kind of session.
    public static func whatToBring(_ audience: InterventionAudience) -> String {
        switch audience {
        case .recentlySentenced: "Your appointment letter, any ID you have, and your phone if you have one, so you can swap numbers with your practitioner."
        case .currentOrder: "Nothing you have to bring. If you use glasses to read, bring them."
        case .completed: "Just yourself. You can bring someone who has supported you."
        }
    }

    /// The letter, or what the coordinator must add first: a broken letter is never printed.
    /// `mentorFirstNames` are those of facilitating mentors who agreed to be named.
    public static func letter(interventionName: String, audience: InterventionAudience, date: CalendarDate, start: ClockTime, end: ClockTime,
                              siteName: String, address: String, postcode: String, info: SiteInformation, mentorFirstNames: [String],
                              staffCount: Int, mentorCount: Int) throws(ValidationFailure) -> InvitationLetter {
        var errors = FieldErrors()
        if address.trimmingCharacters(in: .whitespaces).isEmpty { errors.add("address", "Add the site's address") }
        if info.directions == nil { errors.add("directions", "Add how to get to \(siteName)") }
        if info.parking == nil { errors.add("parking", "Add what parking there is at \(siteName)") }
        if info.stepFree == nil { errors.add("stepFree", "Say whether \(siteName) is step-free") }
        if info.onArrival == nil { errors.add("onArrival", "Add what happens when people arrive at \(siteName)") }
        try errors.throwIfAny()
        var who: [String] = []
        let unnamed = mentorCount - mentorFirstNames.count
        if !mentorFirstNames.isEmpty {
            who.append("Peer mentor\(mentorFirstNames.count == 1 ? "" : "s") \(mentorFirstNames.joined(separator: " and ")), who \(mentorFirstNames.count == 1 ? "has" : "have") been through probation themselves")
        }
        if unnamed > 0 { who.append(unnamed == 1 ? "A peer mentor who has been through probation themselves" : "\(unnamed) peer mentors who have been through probation themselves") }
        if staffCount > 0 { who.append(staffCount == 1 ? "A member of probation staff" : "\(staffCount) members of probation staff") }
        let access = info.stepFree!.label + (info.accessDetails.map { ". \($0)" } ?? ".")
        return InvitationLetter(title: interventionName, date: date, start: start, end: end, siteName: siteName, address: address, postcode: postcode,
                                directions: info.directions!, parking: info.parking!, access: access, onArrival: info.onArrival!, staff: info.staff,
                                whoWillBeThere: who, whatToBring: whatToBring(audience))
    }
}
