import Testing
@testable import WaymarkCore

@Suite("Programme settings")
struct ProgrammeSettingsTests {
    static func draft(_ ended: String = "6", _ ending: String = "3", _ sessions: String = "12", _ required: String = "10",
                      _ mileage: String = "45") -> ProgrammeSettingsDraft {
        ProgrammeSettingsDraft(endedWithinMonths: ended, endingWithinMonths: ending, trainingSessions: sessions,
                               attendanceRequired: required, mileagePencePerMile: mileage)
    }

    @Test("The seed programmes' values are valid and equal the defaults")
    func defaults() throws {
        #expect(try Self.draft().validated() == .standard)
    }

    @Test("Each field is checked, and all problems are reported together")
    func invalid() {
        let failure = validationFailure { try Self.draft("0", "13", "", "x", "-1").validated() }
        #expect(failure.fields == ["endedWithinMonths", "endingWithinMonths", "trainingSessions", "attendanceRequired", "mileagePencePerMile"])
        #expect(failure.message(for: "trainingSessions") == "Enter number of training sessions")
    }

    @Test("Sessions needed cannot exceed the sessions run")
    func requiredWithinSessions() {
        let failure = validationFailure { try Self.draft("6", "3", "8", "10").validated() }
        #expect(failure.fields == ["attendanceRequired"])
        #expect(failure.message(for: "attendanceRequired") == "Sessions needed must be no more than the number of sessions (8)")
    }
}
