import Vapor
import WaymarkCore
import WaymarkStore

struct FacilitationRuleDTO: Content { let mentors: Int; let staff: Int; let staffRole: String }

struct InterventionDTO: Content {
    let id: String
    let version: Int
    let name: String
    let description: String
    let durationMinutes: Int
    let capacity: Int
    let isRar: Bool
    let facilitation: FacilitationRuleDTO
    let audience: String
    let currentVersion: Int

    init(_ i: Intervention) {
        id = i.id
        version = i.version
        name = i.name
        description = i.description
        durationMinutes = i.durationMinutes
        capacity = i.capacity
        isRar = i.isRAR
        facilitation = FacilitationRuleDTO(mentors: i.rule.mentors, staff: i.rule.staff, staffRole: i.rule.staffRole.rawValue)
        audience = i.audience.rawValue
        currentVersion = i.currentVersion
    }
}

struct InterventionVersionDTO: Content {
    let number: Int
    let changes: String
    let coDesignerMentorIds: [String]
    let pilotFeedback: String?
    let createdOn: String
    init(_ v: InterventionVersion) {
        number = v.number
        changes = v.changes
        coDesignerMentorIds = v.coDesignerMentorIDs
        pilotFeedback = v.pilotFeedback
        createdOn = v.createdOn.iso
    }
}

struct InterventionDetailDTO: Content {
    let intervention: InterventionDTO
    let versions: [InterventionVersionDTO]
}

struct FacilitatorDTO: Content {
    let id: String
    let version: Int
    let mentorId: String?
    let userId: String?
    let response: String
    init(_ f: Facilitator) {
        id = f.id
        version = f.version
        mentorId = f.mentorID
        userId = f.userID
        response = f.response.rawValue
    }
}

struct BookingDTO: Content {
    let id: String
    let version: Int
    let personId: String
    let orderId: String?
    let state: String
    init(_ b: Booking) {
        id = b.id
        version = b.version
        personId = b.personID
        orderId = b.orderID
        state = b.state.rawValue
    }
}

struct SessionDTO: Content {
    let id: String
    let version: Int
    let interventionId: String
    let interventionName: String
    let interventionVersion: Int
    let siteId: String
    let siteName: String
    let areaId: String
    let deliveryUnitId: String
    let date: String
    let start: String
    let end: String
    let capacity: Int
    let state: String
    let seriesId: String?
    let booked: Int
    let waiting: Int
    let facilitators: [FacilitatorDTO]
    /// Only for roles that may see who is booked.
    let bookings: [BookingDTO]?

    init(_ f: SessionFile, showBookings: Bool) {
        let s = f.session
        id = s.id
        version = s.version
        interventionId = s.interventionID
        interventionName = f.intervention.name
        interventionVersion = s.interventionVersion
        siteId = s.siteID
        siteName = f.site.name
        areaId = s.areaID
        deliveryUnitId = s.deliveryUnitID
        date = s.date.iso
        start = s.start.text
        end = s.end.text
        capacity = s.capacity
        state = s.state.rawValue
        seriesId = s.seriesID
        booked = f.booked.count
        waiting = f.waiting.count
        facilitators = f.facilitators.map(FacilitatorDTO.init)
        bookings = showBookings ? f.bookings.filter { $0.state != .cancelled }.map(BookingDTO.init) : nil
    }
}

struct AttendanceDTO: Content {
    let id: String
    let version: Int
    let sessionId: String
    let personId: String
    let orderId: String?
    let outcome: String
    let absenceReason: String?
    let late: Bool
    let lateReason: String?
    let behaviourNotes: String?
    let tellPractitioner: Bool
    let enforcement: String?
    let enforcementNotes: String?
    let enforcementOn: String?

    /// `seesEnforcement` is `Policy.seesEnforcement` for the caller and this participant.
    init(_ a: StoredAttendance, seesEnforcement: Bool) {
        id = a.id
        version = a.version
        sessionId = a.sessionID
        personId = a.personID
        orderId = seesEnforcement ? a.orderID : nil
        outcome = a.record.outcome.rawValue
        absenceReason = a.record.absenceReason?.rawValue
        late = a.record.late
        lateReason = a.record.lateReason
        behaviourNotes = a.record.behaviourNotes
        tellPractitioner = a.record.tellPractitioner
        enforcement = seesEnforcement ? a.enforcement?.rawValue : nil
        enforcementNotes = seesEnforcement ? a.enforcementNotes : nil
        enforcementOn = seesEnforcement ? a.enforcementOn?.iso : nil
    }
}

struct RARWarningDTO: Content { let code: String; let message: String }

struct RARDTO: Content {
    let orderId: String
    let totalDays: Int
    let completedDays: Int
    let completedDistinctDays: Int
    let appointmentsAttended: Int
    let scheduledDays: Int
    let remainingDays: Int
    let countingBasis: String
    let workingDaysLeft: Int
    let warnings: [RARWarningDTO]

    init(orderID: String, _ l: RARLedger) {
        orderId = orderID
        totalDays = l.totalDays
        completedDays = l.completedDays
        completedDistinctDays = l.completedDistinctDays
        appointmentsAttended = l.appointmentsAttended
        scheduledDays = l.scheduledDays
        remainingDays = l.remainingDays
        countingBasis = l.basis.rawValue
        workingDaysLeft = l.workingDaysLeft
        warnings = l.warnings.map { RARWarningDTO(code: $0.code, message: $0.message) }
    }
}

struct FeedbackDTO: Content { let before: Int; let after: Int; let comment: String?; let uplift: Int }

struct UpliftDTO: Content {
    let key: String
    let responses: Int
    let meanUplift: Double
    let meanBefore: Double
    let meanAfter: Double
    init(_ u: UpliftFigure) {
        key = u.key
        responses = u.responses
        meanUplift = (u.meanUplift * 100).rounded() / 100
        meanBefore = (u.meanBefore * 100).rounded() / 100
        meanAfter = (u.meanAfter * 100).rounded() / 100
    }
}

struct SessionFeedbackDTO: Content {
    let items: [FeedbackDTO]
    let uplift: UpliftDTO?
}

struct UpliftReportDTO: Content {
    let bySession: [UpliftDTO]
    let byIntervention: [UpliftDTO]
    let bySite: [UpliftDTO]
    let byDeliveryUnit: [UpliftDTO]
    let byYear: [UpliftDTO]
}

struct InterventionInput: Content {
    var name: String?; var description: String?; var durationMinutes: Int?; var capacity: Int?; var isRar: Bool?
    var mentors: Int?; var staff: Int?; var staffRole: String?; var audience: String?
    var draft: InterventionDraft {
        InterventionDraft(name: name, description: description, durationMinutes: durationMinutes.map(String.init), capacity: capacity.map(String.init),
                          isRAR: isRar ?? false, mentors: mentors.map(String.init), staff: staff.map(String.init), staffRole: staffRole, audience: audience)
    }
}
struct InterventionVersionInput: Content { var version: Int?; var changes: String?; var coDesignerMentorIds: [String]?; var pilotFeedback: String? }
struct SessionInput: Content {
    var interventionId: String?; var siteId: String?; var date: String?; var start: String?; var end: String?; var capacity: Int?; var weeks: Int?
    var draft: SessionDraft {
        SessionDraft(interventionID: interventionId, siteID: siteId, date: .iso(date), start: start, end: end, capacity: capacity.map(String.init),
                     weeks: weeks.map(String.init))
    }
}
struct FacilitatorInput: Content { var mentorId: String?; var userId: String? }
struct FacilitatorResponseInput: Content { var version: Int?; var response: String? }
struct BookingInput: Content { var personId: String? }
struct AttendanceInput: Content {
    var personId: String?; var outcome: String?; var absenceReason: String?; var late: Bool?; var lateReason: String?
    var behaviourNotes: String?; var tellPractitioner: Bool?
    var draft: AttendanceDraft {
        AttendanceDraft(outcome: outcome, absenceReason: absenceReason, late: late ?? false, lateReason: lateReason, behaviourNotes: behaviourNotes,
                        tellPractitioner: tellPractitioner ?? false)
    }
}
struct EnforcementInput: Content { var version: Int?; var decision: String?; var notes: String? }
struct FeedbackInput: Content { var before: Int?; var after: Int?; var comment: String? }
struct RARActivityInput: Content { var date: String?; var kind: String?; var outcome: String?; var notes: String? }
