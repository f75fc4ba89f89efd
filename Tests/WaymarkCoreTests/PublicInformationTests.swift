import Testing
@testable import WaymarkCore

@Suite("Public information is written from the provider's settings")
struct PublicInformationTests {
    @Test("Essex's rule reads as the programme describes it")
    func essex() {
        #expect(PublicInformation.whoCanBecomeAMentor(.standard)
                == "You can apply if you finished your order or licence in the last 6 months, or will finish in the next 3 months.")
    }

    @Test("Other settings change the words: one month is singular, and no months ahead drops the second half")
    func otherSettings() {
        var s = ProgrammeSettings.standard
        s.eligibilityEndedWithinMonths = 1
        s.eligibilityEndingWithinMonths = 0
        #expect(PublicInformation.whoCanBecomeAMentor(s) == "You can apply if you finished your order or licence in the last 1 month.")
        s.eligibilityEndingWithinMonths = 1
        #expect(PublicInformation.whoCanBecomeAMentor(s).hasSuffix("or will finish in the next 1 month."))
    }

    @Test("Training follows the sessions and the attendance needed")
    func training() {
        #expect(PublicInformation.training(.standard).hasPrefix("Training is a 12-week course, one session a week. To complete it you need to come to 10 of the 12 sessions"))
        var s = ProgrammeSettings.standard
        s.trainingSessions = 8
        s.trainingAttendanceRequired = 8
        #expect(PublicInformation.training(s).contains("8-week course") && PublicInformation.training(s).contains("come to every session"))
        s.mileagePencePerMile = 0
        #expect(PublicInformation.expenses(s) == "Mentoring is voluntary and unpaid, but your travel is paid back.")
        #expect(PublicInformation.expenses(.standard).contains("45p a mile"))
    }
}
