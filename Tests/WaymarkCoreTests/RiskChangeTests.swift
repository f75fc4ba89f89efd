import Testing
@testable import WaymarkCore

@Suite("Risk is dynamic: what counts as a material change")
struct RiskChangeTests {
    static func risk(_ rosh: RoSH, mappa: (Int, Int)? = nil, flags: [SafeguardingFlag] = [], tier: String? = "B2") -> RiskDetails {
        RiskDetails(rosh: rosh, mappaCategory: mappa?.0, mappaLevel: mappa?.1, tier: tier, safeguardingFlags: flags,
                    assessedOn: ymd("2026-11-01"), nextReviewDate: ymd("2027-02-01"), notes: nil)
    }

    @Test("RoSH up or down, MAPPA changes and new flags are material; a first assessment, a tier change or a removed flag are not",
          arguments: [
            (risk(.low), risk(.medium), true),
            (risk(.high), risk(.medium), true),
            (risk(.low), risk(.low, mappa: (1, 1)), true),
            (risk(.low, mappa: (1, 1)), risk(.low, mappa: (1, 2)), true),
            (risk(.low), risk(.low, flags: [.domesticAbuse]), true),
            (risk(.low, flags: [.domesticAbuse]), risk(.low), false),
            (risk(.low, tier: "B2"), risk(.low, tier: "C1"), false),
            (risk(.medium), risk(.medium), false),
          ] as [(RiskDetails, RiskDetails, Bool)])
    func materialChange(previous: RiskDetails, current: RiskDetails, material: Bool) {
        #expect(current.isMaterialChange(from: previous) == material)
    }

    @Test("A first assessment is not a change")
    func firstAssessment() {
        #expect(!Self.risk(.veryHigh, mappa: (2, 3)).isMaterialChange(from: nil))
    }
}
