import WaymarkCore

/// Everything the two-step pages show, already decided.
enum TwoStepPage {
    /// The second step of signing in.
    struct CodeModel {
        let csrf: String
        var state: FormState
    }

    /// Setting up an authenticator app (or its status once set up).
    struct SetUpModel {
        let csrf: String
        let enabled: Bool
        let required: Bool
        let secretGrouped: String
        let uri: String
        let recoveryCodesLeft: Int
        var state: FormState
    }

    /// Shown once, straight after set-up.
    struct RecoveryCodesModel {
        let codes: [String]
        let next: String
    }
}
