/// The provider's programme settings. Defaults come from the seed programmes (Essex: order or
/// licence finished in the last 6 months or finishing in the next 3; DLNR: 12 weekly sessions).
public struct ProgrammeSettings: Sendable, Equatable, Codable {
    /// A candidate's own order may have ended at most this many months ago.
    public var eligibilityEndedWithinMonths: Int
    /// ... or may end at most this many months ahead.
    public var eligibilityEndingWithinMonths: Int
    /// Weekly sessions in a training cohort.
    public var trainingSessions: Int
    /// Sessions a candidate must attend to complete training.
    public var trainingAttendanceRequired: Int
    /// Mileage is paid at this rate (HMRC's approved rate for volunteers' cars).
    public var mileagePencePerMile: Int
    /// Match health: a first meeting is expected within this many days of the match starting…
    public var firstMeetingWithinDays: Int
    /// …and a contact at least this often.
    public var contactAtLeastEveryDays: Int
    /// How completed RAR days are counted (the ledger shows both figures either way).
    public var rarCountingBasis: RARCountingBasis
    /// The New Start ceremony invites people who completed within this many months.
    public var newStartWithinMonths: Int
    /// The group first appointment is offered to people whose order started within this many days.
    public var firstAppointmentWithinDays: Int
    /// Reporting years start on the first of this month: 4 (April) for the financial year
    /// commissioners work to, 1 for calendar years.
    public var reportingYearStartMonth: Int
    /// Records are kept this many years after the person's last order ended and their
    /// involvement closed, then anonymised (see `RetentionRule`).
    public var retentionYears: Int

    public init(eligibilityEndedWithinMonths: Int = 6, eligibilityEndingWithinMonths: Int = 3, trainingSessions: Int = 12,
                trainingAttendanceRequired: Int = 10, mileagePencePerMile: Int = 45, firstMeetingWithinDays: Int = 14,
                contactAtLeastEveryDays: Int = 21, rarCountingBasis: RARCountingBasis = .distinctDays, newStartWithinMonths: Int = 3,
                firstAppointmentWithinDays: Int = 28, reportingYearStartMonth: Int = 4,
                retentionYears: Int = RetentionRule.defaultYears) {
        self.retentionYears = retentionYears
        self.reportingYearStartMonth = reportingYearStartMonth
        self.rarCountingBasis = rarCountingBasis
        self.newStartWithinMonths = newStartWithinMonths
        self.firstAppointmentWithinDays = firstAppointmentWithinDays
        self.firstMeetingWithinDays = firstMeetingWithinDays
        self.contactAtLeastEveryDays = contactAtLeastEveryDays
        self.eligibilityEndedWithinMonths = eligibilityEndedWithinMonths
        self.eligibilityEndingWithinMonths = eligibilityEndingWithinMonths
        self.trainingSessions = trainingSessions
        self.trainingAttendanceRequired = trainingAttendanceRequired
        self.mileagePencePerMile = mileagePencePerMile
    }

    public static let standard = ProgrammeSettings()
}

/// What an administrator typed for the programme settings, before it is checked.
public struct ProgrammeSettingsDraft: Sendable, Equatable {
    public var endedWithinMonths: String?
    public var endingWithinMonths: String?
    public var trainingSessions: String?
    public var attendanceRequired: String?
    public var mileagePencePerMile: String?
    public var firstMeetingWithinDays: String?
    public var contactAtLeastEveryDays: String?
    public var rarCountingBasis: String?
    public var newStartWithinMonths: String?
    public var firstAppointmentWithinDays: String?
    public var reportingYearStartMonth: String?
    public var retentionYears: String?

    public init(endedWithinMonths: String?, endingWithinMonths: String?, trainingSessions: String?, attendanceRequired: String?,
                mileagePencePerMile: String?, firstMeetingWithinDays: String? = "14", contactAtLeastEveryDays: String? = "21",
                rarCountingBasis: String? = "distinctDays", newStartWithinMonths: String? = "3", firstAppointmentWithinDays: String? = "28",
                reportingYearStartMonth: String? = "4", retentionYears: String? = "7") {
        self.retentionYears = retentionYears
        self.reportingYearStartMonth = reportingYearStartMonth
        self.rarCountingBasis = rarCountingBasis
        self.newStartWithinMonths = newStartWithinMonths
        self.firstAppointmentWithinDays = firstAppointmentWithinDays
        self.firstMeetingWithinDays = firstMeetingWithinDays
        self.contactAtLeastEveryDays = contactAtLeastEveryDays
        self.endedWithinMonths = endedWithinMonths
        self.endingWithinMonths = endingWithinMonths
        self.trainingSessions = trainingSessions
        self.attendanceRequired = attendanceRequired
        self.mileagePencePerMile = mileagePencePerMile
    }

    public func validated() throws(ValidationFailure) -> ProgrammeSettings {
        var errors = FieldErrors()
        func number(_ raw: String?, _ field: String, _ label: String, _ range: ClosedRange<Int>) -> Int? {
            let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { errors.add(field, "Enter \(label)"); return nil }
            guard text.allSatisfy(\.isASCIIDigit), let n = Int(text), range.contains(n) else {
                errors.add(field, "\(label.capitalisedFirst) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return n
        }
        let ended = number(endedWithinMonths, "endedWithinMonths", "months since the order ended", 1...24)
        let ending = number(endingWithinMonths, "endingWithinMonths", "months until the order ends", 0...12)
        let sessions = number(trainingSessions, "trainingSessions", "number of training sessions", 1...52)
        let required = number(attendanceRequired, "attendanceRequired", "sessions needed to complete training", 1...52)
        let mileage = number(mileagePencePerMile, "mileagePencePerMile", "mileage rate in pence", 0...100)
        let firstMeeting = number(firstMeetingWithinDays, "firstMeetingWithinDays", "days to the first meeting", 1...60)
        let contactEvery = number(contactAtLeastEveryDays, "contactAtLeastEveryDays", "days between contacts", 1...90)
        let newStart = number(newStartWithinMonths, "newStartWithinMonths", "months since completion for New Start", 1...12)
        let firstAppointment = number(firstAppointmentWithinDays, "firstAppointmentWithinDays", "days since the order started for a first appointment", 1...90)
        let yearStart = number(reportingYearStartMonth, "reportingYearStartMonth", "month the reporting year starts", 1...12)
        let retention = number(retentionYears, "retentionYears", "years to keep records", 1...100)
        let basis = InputRules.choice(rarCountingBasis, as: RARCountingBasis.self, field: "rarCountingBasis", label: "way to count RAR days", errors: &errors)
        if let sessions, let required, required > sessions {
            errors.add("attendanceRequired", "Sessions needed must be no more than the number of sessions (\(sessions))")
        }
        try errors.throwIfAny()
        return ProgrammeSettings(eligibilityEndedWithinMonths: ended!, eligibilityEndingWithinMonths: ending!, trainingSessions: sessions!,
                                 trainingAttendanceRequired: required!, mileagePencePerMile: mileage!,
                                 firstMeetingWithinDays: firstMeeting!, contactAtLeastEveryDays: contactEvery!,
                                 rarCountingBasis: basis!, newStartWithinMonths: newStart!, firstAppointmentWithinDays: firstAppointment!,
                                 reportingYearStartMonth: yearStart!, retentionYears: retention!)
    }
}
