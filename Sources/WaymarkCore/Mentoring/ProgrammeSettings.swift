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

    public init(eligibilityEndedWithinMonths: Int = 6, eligibilityEndingWithinMonths: Int = 3, trainingSessions: Int = 12,
                trainingAttendanceRequired: Int = 10, mileagePencePerMile: Int = 45) {
        self.eligibilityEndedWithinMonths = eligibilityEndedWithinMonths
        self.eligibilityEndingWithinMonths = eligibilityEndingWithinMonths
        self.trainingSessions = trainingSessions
        self.trainingAttendanceRequired = trainingAttendanceRequired
        self.mileagePencePerMile = mileagePencePerMile
    }

    public static let standard = ProgrammeSettings()
}
