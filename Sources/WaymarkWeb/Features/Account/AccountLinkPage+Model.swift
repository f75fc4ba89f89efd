import WaymarkCore

/// "Forgotten your password?" and the page an emailed link opens.
enum AccountLinkPage {
    struct ForgottenModel {
        let csrf: String
        var state: FormState
        let sent: Bool
    }

    struct SetPasswordModel {
        let csrf: String
        let purpose: AccountLinkPurpose
        /// The form posts back to the link's own path.
        let action: String
        let name: String?
        let refusal: AccountLink.Refusal?
        var state: FormState
    }
}
