import WaymarkCore

extension AccountLinkPage {
    static func forgottenView(_ m: ForgottenModel) -> PageBody {
        if m.sent {
            return PageBody(title: "Check your email", narrow: true, content: [
                UI.heading("Check your email"),
                UI.p(AccountLinkPages.sentMessage),
                UI.p("If no email arrives, check the address is the one you use for Waymark, or ask your administrator."),
                H.el("p", [("class", "wm-body")], [H.link("Back to sign in", to: SitePath.signIn.url)]),
            ])
        }
        return PageBody(title: "Reset your password", hasErrors: !m.state.errors.isEmpty, backLink: SitePath.signIn.url, narrow: true, content: [
            Form.errorSummary(m.state.errors),
            UI.heading("Reset your password"),
            UI.p("Enter the email address you sign in with. We will send you a link to choose a new password."),
            H.el("form", [("method", "post"), ("action", SitePath.forgottenPassword.url), ("novalidate", "novalidate")], [
                Form.csrf(m.csrf),
                Form.text("email", label: "Email address", value: m.state["email"], error: m.state.error("email"),
                          autocomplete: "email", type: "email", spellcheck: false),
                Form.button("Send the link"),
            ]),
        ])
    }

    static func setPasswordView(_ m: SetPasswordModel) -> PageBody {
        let title = m.purpose == .invitation ? "Choose your password" : "Choose a new password"
        if let refusal = m.refusal {
            let heading = m.purpose == .invitation ? "This invitation cannot be used" : "This link cannot be used"
            return PageBody(title: heading, narrow: true, content: [
                UI.heading(heading),
                UI.p(refusal.message(for: m.purpose)),
                H.el("p", [("class", "wm-body")], [H.link(m.purpose == .invitation ? "Go to sign in" : "Ask for a new link",
                                                          to: m.purpose == .invitation ? SitePath.signIn.url : SitePath.forgottenPassword.url)]),
            ])
        }
        return PageBody(title: title, hasErrors: !m.state.errors.isEmpty, narrow: true, content: [
            Form.errorSummary(m.state.errors),
            UI.heading(title, caption: m.name.map { "Waymark account for \($0)" }),
            UI.p("Use at least \(PasswordPolicy.minimumLength) characters. A good way is three random words, like ‘kettle violin harbour’. Passwords that are often used or have been leaked are refused."),
            H.el("form", [("method", "post"), ("action", m.action), ("novalidate", "novalidate")], [
                Form.csrf(m.csrf),
                Form.text("password", label: "Password", value: "", error: m.state.error("password"),
                          autocomplete: "new-password", type: "password"),
                Form.text("confirmPassword", label: "Type the password again", value: "", error: m.state.error("confirmPassword"),
                          autocomplete: "new-password", type: "password"),
                Form.button(m.purpose == .invitation ? "Set password and continue" : "Change password"),
            ]),
        ])
    }
}
