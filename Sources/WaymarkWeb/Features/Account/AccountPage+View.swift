import Foundation
import WaymarkCore
import WaymarkStore

extension AccountPage {
    static func view(_ m: Model) -> PageBody {
        let errors = m.passwordForm.errors + m.signOutForm.errors
        return PageBody(title: "Your account", section: .account, hasErrors: !errors.isEmpty, content: [
            Form.errorSummary(errors, firstOptions: ["confirm": "yes"]),
            UI.heading("Your account"),
            UI.summaryList([
                UI.Row(key: "Name", value: .text(m.name)),
                UI.Row(key: "Email address", value: .text(m.email)),
                UI.Row(key: "Role", value: .text(m.role)),
                UI.Row(key: "Areas", value: .text(m.areas.isEmpty ? "All" : m.areas.joined(separator: ", "))),
                UI.Row(key: "Last signed in", value: .text(m.lastSignIn.map(DateText.dateTime) ?? "Not recorded")),
                UI.Row(key: "Two-step sign-in", value: H.group([
                    m.twoStepEnabled ? UI.tag("On", "green") : UI.tag(m.twoStepRequired ? "Required: not set up" : "Off", m.twoStepRequired ? "red" : "grey"),
                    .text(" "), H.link(m.twoStepEnabled ? "View" : "Set up two-step sign-in", to: SitePath.twoStepSetUp.url),
                ])),
            ]),
            H.el("p", [("class", "wm-body")], [H.link("Your API tokens", to: SitePath.accountTokens.url),
                                               .text(" (\(m.tokens.count)): for programs that use the Waymark API as you")]),
            passwordForm(m),
            signOutEverywhere(m),
        ])
    }

    /// `/account/tokens`: your API tokens, and a new one shown once.
    static func tokensView(_ m: Model) -> PageBody {
        PageBody(title: "Your API tokens", section: .account, hasErrors: !m.tokenForm.errors.isEmpty, backLink: SitePath.account.url, content: [
            Form.errorSummary(m.tokenForm.errors),
            m.newToken.map(newTokenPanel) ?? .empty,
            tokens(m),
        ])
    }

    static func newTokenPanel(_ token: String) -> Body {
        H.el("div", [("class", "wm-notification-banner wm-notification-banner--success"), ("role", "alert"), ("aria-labelledby", "token-title")], [
            H.el("div", [("class", "wm-notification-banner__header")], [H.el("h2", [("class", "wm-notification-banner__title"), ("id", "token-title")], "Your new API token")]),
            H.el("div", [("class", "wm-notification-banner__content")], [
                UI.p("Copy it now: it is shown only once. Keep it secret, like a password."),
                H.el("p", [("class", "wm-body")], [H.el("code", [("class", "wm-code"), ("id", "new-token")], token)]),
            ]),
        ])
    }

    static func passwordForm(_ m: Model) -> Body {
        let s = m.passwordForm
        return H.el("section", [("aria-labelledby", "password-heading")], [
            H.el("h2", [("class", "wm-heading-m"), ("id", "password-heading")], "Change your password"),
            H.el("form", [("method", "post"), ("action", SitePath.changePassword.url), ("novalidate", "novalidate"), ("class", "wm-grid-column-two-thirds wm-form-block")], [
                Form.csrf(m.csrf),
                Form.text("currentPassword", label: "Current password", value: "", error: s.error("currentPassword"),
                          autocomplete: "current-password", type: "password"),
                Form.text("password", label: "New password", value: "",
                          hint: "At least \(PasswordPolicy.minimumLength) characters. Three random words make a good password. Common or leaked passwords are refused.",
                          error: s.error("password"), autocomplete: "new-password", type: "password"),
                Form.text("confirmPassword", label: "Type the new password again", value: "", error: s.error("confirmPassword"),
                          autocomplete: "new-password", type: "password"),
                UI.p("Changing your password signs you out everywhere else."),
                Form.button("Change password", secondary: true),
            ]),
        ])
    }

    static func tokens(_ m: Model) -> Body {
        let s = m.tokenForm
        let rows: [[Body]] = m.tokens.map { t in
            let live = APITokenRules.isLive(expiresAt: t.expiresAt, revoked: false, now: m.now)
            return [.text(t.name), .text(t.createdAt.map(DateText.date) ?? ""),
                    live ? .text(t.expiresAt.map(DateText.date) ?? "") : UI.tag("Expired", "red"),
                    .text(t.lastUsedAt.map(DateText.dateTime) ?? "Never"),
                    H.el("form", [("method", "post"), ("action", SitePath.revokeAccountToken(t.id).url)], [
                        Form.csrf(m.csrf),
                        H.el("button", [("type", "submit"), ("class", "wm-button wm-button--warning wm-button--small")],
                             [.text("Revoke"), H.el("span", [("class", "wm-visually-hidden")], " token " + t.name)]),
                    ])]
        }
        return H.el("section", [("aria-labelledby", "tokens-heading"), ("id", "tokens")], [
            H.el("h1", [("class", "wm-heading-l"), ("id", "tokens-heading")], "Your API tokens"),
            UI.p("A token lets a program use the Waymark API as you, with your role and areas. Tokens expire; revoke one you no longer use."),
            m.tokens.isEmpty ? UI.p("You have no API tokens.")
                : UI.table(caption: "Your API tokens", columns: [.init(title: "Name"), .init(title: "Created"), .init(title: "Expires"),
                                                                  .init(title: "Last used"), .init(title: "Action")], rows: rows),
            H.el("form", [("method", "post"), ("action", SitePath.accountTokens.url), ("novalidate", "novalidate"), ("class", "wm-form-block")], [
                Form.csrf(m.csrf),
                Form.text("name", label: "Token name", value: s["name"], hint: "What it is for, such as ‘Monthly report script’", error: s.error("name"), width: "20"),
                Form.text("expiresInDays", label: "Expires after (days)", value: s["expiresInDays"].isEmpty ? String(APITokenRules.defaultDays) : s["expiresInDays"],
                          hint: "From 1 to \(APITokenRules.allowedDays.upperBound)", error: s.error("expiresInDays"), width: "3"),
                Form.button("Create token", secondary: true),
            ]),
        ])
    }

    static func signOutEverywhere(_ m: Model) -> Body {
        H.el("section", [("aria-labelledby", "everywhere-heading")], [
            H.el("h2", [("class", "wm-heading-m"), ("id", "everywhere-heading")], "Sign out everywhere"),
            UI.p("If you signed in on a shared or lost computer, sign out of every session, including this one. API tokens keep working: revoke them on the API tokens page."),
            H.el("form", [("method", "post"), ("action", SitePath.signOutEverywhere.url), ("novalidate", "novalidate")], [
                Form.csrf(m.csrf),
                Form.checkboxes("confirm", legend: "Confirm", options: [Form.Option(value: "yes", label: "Yes, sign me out of every session")],
                                selected: m.signOutForm.list("confirm"), error: m.signOutForm.error("confirm")),
                Form.button("Sign out everywhere", warning: true),
            ]),
        ])
    }
}

/// Dates and times as GOV.UK writes them: "3 February 2026", "3 February 2026 at 2:15pm".
enum DateText {
    static func date(_ d: Date) -> String { CalendarDate(d).long }

    static func dateTime(_ d: Date) -> String {
        let seconds = Int(d.timeIntervalSince1970) % 86_400
        let hour = seconds / 3600, minute = (seconds % 3600) / 60
        let h12 = hour % 12 == 0 ? 12 : hour % 12
        return "\(CalendarDate(d).long) at \(h12):\(String(format: "%02d", minute))\(hour < 12 ? "am" : "pm") (UTC)"
    }
}
