public enum ReportSection: String, CaseIterable, Sendable {
    case mentors, mentoring, sessions, outcomes, mentorOutcomes

    public var label: String {
        switch self {
        case .mentors: "Recruiting and training mentors"
        case .mentoring: "One-to-one mentoring"
        case .sessions: "Group sessions and RAR"
        case .outcomes: "Mentees' outcomes at closure"
        case .mentorOutcomes: "Mentors' own outcomes"
        }
    }
}

public enum FigureFormat: String, Sendable {
    /// A number of people or events: suppressed below the threshold for commissioners.
    case count
    /// A count of the provider's own delivery units: says nothing about any person.
    case organisational
    case hours, percentage, uplift, mean
}

/// A named figure and exactly how it is derived. The definitions are printed beside the
/// report so a commissioner can check what each number means.
public struct FigureDefinition: Sendable, Equatable {
    public let key: String
    public let label: String
    public let section: ReportSection
    public let format: FigureFormat
    public let definition: String
    /// For a derived figure: shown only where these counts are shown.
    public let dependsOn: [String]

    public init(_ key: String, _ label: String, _ section: ReportSection, _ definition: String, dependsOn: [String] = []) {
        self.init(key, label, section, .count, definition, dependsOn: dependsOn)
    }

    public init(_ key: String, _ label: String, _ section: ReportSection, _ format: FigureFormat, _ definition: String,
                dependsOn: [String] = []) {
        self.key = key
        self.label = label
        self.section = section
        self.format = format
        self.definition = definition
        self.dependsOn = dependsOn
    }
}

/// Counts that add up: `total` = sum of `parts`, within one column of the report.
public struct AdditiveGroup: Sendable, Equatable {
    public let total: String
    public let parts: [String]
}

public enum ReportCatalogue {
    public static let figures: [FigureDefinition] = mentorFigures + sessionFigures + outcomeFigures + measureFigures + orderFigures + mentorOutcomeFigures

    static let mentorFigures: [FigureDefinition] = [
        FigureDefinition("candidates", "Candidates recommended", .mentors, "People recommended as peer mentors by their practitioner, by recommendation date."),
        FigureDefinition("trained", "Mentors who completed training", .mentors, "Mentors who met the attendance rule and passed the assessment, by the date they were moved to trained."),
        FigureDefinition("accredited", "Mentors who gained the Level 2 qualification", .mentors, "Mentors whose accreditation was awarded in the year, by award date."),
        FigureDefinition("firstQualification", "Of whom, their first ever qualification", .mentors, "Accredited mentors for whom the award was the first qualification they have gained."),
        FigureDefinition("trainingDeliveryUnits", "Delivery units where training ran", .mentors, .organisational, "Delivery units with a training cohort starting in the year (by the cohort's site)."),
        FigureDefinition("deliveryUnits", "Delivery units in the area", .mentors, .organisational, "Delivery units the report covers."),
        FigureDefinition("activeMentors", "Active mentors", .mentors, "Mentors who were active on at least one day of the year, from their journey history."),
        FigureDefinition("referrals", "Referrals for a mentor", .mentoring, "Referrals made in the year, by referral date, whatever happened to them later."),
        FigureDefinition("matches", "Matches started", .mentoring, "Mentor–mentee matches that started in the year, by start date."),
        FigureDefinition("contacts", "Mentoring contacts", .mentoring, "Contacts logged between mentors and mentees in the year."),
        FigureDefinition("contactHours", "Hours of mentoring contact", .mentoring, .hours, "The length of those contacts, added up, in hours.", dependsOn: ["contacts"]),
        FigureDefinition("volunteerHours", "Volunteer hours logged by mentors", .mentoring, .hours, "Hours mentors logged for their volunteering in the year (including sessions and travel).", dependsOn: ["activeMentors"]),
    ]

    static let sessionFigures: [FigureDefinition] = [
        FigureDefinition("sessions", "Group sessions held", .sessions, "Sessions dated in the year, not cancelled, on or before the day the report was made."),
        FigureDefinition("attendanceRecorded", "Places with attendance recorded", .sessions, "Every attendance outcome recorded for those sessions."),
        FigureDefinition("attended", "Attended", .sessions, "Attended and complied, attended but failed to comply, or sent home."),
        FigureDefinition("acceptableAbsences", "Acceptable absences", .sessions, "Absences the facilitator accepted, with a reason."),
        FigureDefinition("unacceptableAbsences", "Unacceptable absences and failures to attend", .sessions, "Unacceptable absences and failures to attend."),
        FigureDefinition("attendanceRate", "Attendance rate", .sessions, .percentage, "Attended ÷ (attended + unacceptable absences and failures to attend): acceptable absences are left out.",
                         dependsOn: ["attended", "unacceptableAbsences"]),
        FigureDefinition("rarDaysDelivered", "RAR days delivered", .sessions, "Days credited towards Rehabilitation Activity Requirements in the year: distinct days with a RAR activity attended and complied with, each order capped at the court's maximum."),
        FigureDefinition("feedbackResponses", "Session feedback responses", .sessions, "Before-and-after feedback forms from sessions in the year."),
        FigureDefinition("feedbackUplift", "Feedback uplift", .sessions, .uplift, "Mean of (after − before) on \"How hopeful do you feel about the future?\", scored 1 to 5.", dependsOn: ["feedbackResponses"]),
    ]

    static let outcomeFigures: [FigureDefinition] = [
        FigureDefinition("referralsClosed", "Mentoring completed", .outcomes, "Referrals closed as completed in the year, by closing date."),
        FigureDefinition("goalsAgreed", "Goals agreed", .outcomes, "Goals on those referrals, each with the result recorded at closure."),
        FigureDefinition("goalsAchieved", "Goals achieved", .outcomes, "Goals recorded as achieved."),
        FigureDefinition("goalsPartlyAchieved", "Goals partly achieved", .outcomes, "Goals recorded as partly achieved."),
        FigureDefinition("goalsNotAchieved", "Goals not achieved", .outcomes, "Goals recorded as not achieved."),
    ]

    static var measureFigures: [FigureDefinition] {
        var list: [FigureDefinition] = []
        for measure in MenteeMeasure.allCases {
            let name: String = measure.label
            list.append(FigureDefinition(measureKey(measure, "Measured"), name + ": measured at referral and closure", .outcomes,
                                         "Completed referrals with " + name.lowercased() + " rated both at referral and at closure."))
            list.append(FigureDefinition(measureKey(measure, "Improved"), name + ": improved", .outcomes,
                                         "Of those, mentees whose last rating at closure was better than their first at referral."))
        }
        return list
    }

    static let orderFigures: [FigureDefinition] = [
        FigureDefinition("orderCompleted", "Order or licence completed", .outcomes, "Completed referrals where the order or licence has ended as completed."),
        FigureDefinition("orderRevokedForBreach", "Order revoked for breach", .outcomes, "Completed referrals where the order was revoked for breach."),
        FigureDefinition("orderTerminatedEarly", "Order terminated early", .outcomes, "Completed referrals where the order was terminated early."),
        FigureDefinition("orderOther", "Order still running or transferred", .outcomes, "Completed referrals where the order is still running or was transferred."),
    ]

    static let mentorOutcomeFigures: [FigureDefinition] = [
        FigureDefinition("mentorsReoffended", "Trained mentors who reoffended", .mentorOutcomes, "Mentors who had completed training with a further offence dated in the year, after training."),
        FigureDefinition("mentorsEmployed", "Former mentors in paid employment", .mentorOutcomes, "Mentors whose employment pathway stood at employed at the end of the year (or on the report day, if sooner)."),
        FigureDefinition("mentorsWaitingToStart", "Mentors waiting to start a job", .mentorOutcomes, "Mentors whose employment pathway stood at waiting to start at the end of the year."),
        FigureDefinition("confidenceRated", "Mentors trained who rated their confidence before and after", .mentorOutcomes,
                         "Mentors who completed training in the year with a confidence self-rating before training and one after it."),
        FigureDefinition("confidenceChange", "Change in trained mentors' confidence", .mentorOutcomes, .uplift,
                         "Mean of (first rating after training − last rating before it), on a 1 to 10 scale.", dependsOn: ["confidenceRated"]),
        FigureDefinition("belongingRated", "Mentors trained who rated their belonging before and after", .mentorOutcomes,
                         "Mentors who completed training in the year with a belonging self-rating before training and one after it."),
        FigureDefinition("belongingChange", "Change in trained mentors' sense of belonging", .mentorOutcomes, .uplift,
                         "Mean of (first rating after training − last rating before it), on a 1 to 10 scale.", dependsOn: ["belongingRated"]),
        FigureDefinition("wellbeingRated", "Mentors who rated their wellbeing twice", .mentorOutcomes, "Mentors with two or more wellbeing self-ratings in the year."),
        FigureDefinition("wellbeingChange", "Change in mentors' wellbeing", .mentorOutcomes, .uplift, "Mean of (last − first) wellbeing self-rating in the year, on a 1 to 10 scale.", dependsOn: ["wellbeingRated"]),
    ]

    public static func measureKey(_ measure: MenteeMeasure, _ suffix: String) -> String { measure.rawValue + suffix }

    public static let byKey: [String: FigureDefinition] = Dictionary(uniqueKeysWithValues: figures.map { ($0.key, $0) })

    /// Figures that add up inside one column. Delivery units add up to the area for every count too.
    public static let groups: [AdditiveGroup] = [
        AdditiveGroup(total: "attendanceRecorded", parts: ["attended", "acceptableAbsences", "unacceptableAbsences"]),
        AdditiveGroup(total: "goalsAgreed", parts: ["goalsAchieved", "goalsPartlyAchieved", "goalsNotAchieved"]),
        AdditiveGroup(total: "referralsClosed", parts: ["orderCompleted", "orderRevokedForBreach", "orderTerminatedEarly", "orderOther"]),
    ]

    /// The headline figures charted year on year.
    public static let charted = ["candidates", "trained", "accredited", "activeMentors", "referrals", "matches", "sessions", "referralsClosed"]
}
