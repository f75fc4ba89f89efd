/// Plain-English words for the public pages, written from the provider's actual settings so
/// what a newcomer reads is what the service does.
public enum PublicInformation {
    static func months(_ n: Int) -> String { n == 1 ? "1 month" : "\(n) months" }

    /// "You can apply if you finished your order or licence in the last 6 months, or will finish in the next 3 months."
    public static func whoCanBecomeAMentor(_ s: ProgrammeSettings) -> String {
        let ended = "finished your order or licence in the last \(months(s.eligibilityEndedWithinMonths))"
        guard s.eligibilityEndingWithinMonths > 0 else { return "You can apply if you \(ended)." }
        return "You can apply if you \(ended), or will finish in the next \(months(s.eligibilityEndingWithinMonths))."
    }

    /// "Training is a 12-week course, one session a week. To complete it you need to come to 10 of the 12 sessions and pass an assessment."
    public static func training(_ s: ProgrammeSettings) -> String {
        let course = "Training is a \(s.trainingSessions)-week course, one session a week."
        let attendance = s.trainingAttendanceRequired == s.trainingSessions
            ? "To complete it you need to come to every session and pass an assessment."
            : "To complete it you need to come to \(s.trainingAttendanceRequired) of the \(s.trainingSessions) sessions and pass an assessment."
        return "\(course) \(attendance) It leads to a Level 2 qualification in peer mentoring."
    }

    public static func expenses(_ s: ProgrammeSettings) -> String {
        "Mentoring is voluntary and unpaid, but your travel is paid back"
            + (s.mileagePencePerMile > 0 ? ", including \(s.mileagePencePerMile)p a mile if you drive." : ".")
    }

    public static func whoCanGetAMentor(provider: String) -> String {
        "You can get a mentor if you are on a community order, a suspended sentence order or a licence supervised by \(provider)."
    }
}
