import WaymarkCore

extension TwoStepPage {
    static func codeView(_ m: CodeModel) -> PageBody {
        PageBody(title: "Enter your security code", hasErrors: !m.state.errors.isEmpty, narrow: true, content: [
            Form.errorSummary(m.state.errors),
            UI.heading("Enter your security code"),
            UI.p("Open the authenticator app on your phone and enter the 6-digit code it shows for Waymark."),
            H.el("form", [("method", "post"), ("action", SitePath.signInTwoStep.url), ("novalidate", "novalidate")], [
                Form.csrf(m.csrf),
                Form.text("code", label: "Security code", value: "", hint: "For example, 123456", error: m.state.error("code"),
                          width: "10", autocomplete: "one-time-code", spellcheck: false),
                Form.button("Continue"),
            ]),
            H.el("details", [("class", "wm-details")], [
                H.el("summary", [("class", "wm-details__summary")], [H.el("span", [("class", "wm-details__summary-text")], "I cannot use my phone")]),
                H.el("div", [("class", "wm-details__text")], [
                    UI.p("Enter one of the recovery codes you were given when you set up two-step sign-in, in the same box. Each code works once."),
                    UI.p("If you have none left, ask an administrator to reset your two-step sign-in."),
                ]),
            ]),
        ])
    }

    static func setUpView(_ m: SetUpModel) -> PageBody {
        if m.enabled {
            return PageBody(title: "Two-step sign-in", section: nil, backLink: SitePath.account.url, narrow: true, content: [
                UI.heading("Two-step sign-in"),
                UI.summaryList([
                    UI.Row(key: "Status", value: UI.tag("On", "green")),
                    UI.Row(key: "Recovery codes left", value: .text(String(m.recoveryCodesLeft))),
                ]),
                UI.p("You are asked for a code from your authenticator app each time you sign in."),
                m.recoveryCodesLeft < 3
                    ? UI.warning("You have few recovery codes left. Ask an administrator to reset two-step sign-in, then set it up again for a new set.")
                    : .empty,
            ])
        }
        return PageBody(title: "Set up two-step sign-in", hasErrors: !m.state.errors.isEmpty, narrow: true, content: [
            Form.errorSummary(m.state.errors),
            UI.heading("Set up two-step sign-in"),
            m.required ? UI.inset([UI.p("Your role needs two-step sign-in. Set it up now to carry on using Waymark.")]) : .empty,
            UI.p("Waymark holds criminal-offence data. A code from your phone as well as your password means a stolen password is not enough to get in."),
            H.el("ol", [("class", "wm-list wm-list--number")], [
                H.el("li", [], "Install an authenticator app on your phone, such as Microsoft Authenticator or Google Authenticator, if you do not have one."),
                H.el("li", [], "In the app, add an account and scan this QR code."),
                H.el("li", [], "Enter the 6-digit code the app shows."),
            ]),
            QRCodeView.svg(m.uri, label: "QR code to add Waymark to your authenticator app"),
            H.el("p", [("class", "wm-body")], [
                .text("If you cannot scan it, enter this key in the app instead: "),
                H.el("code", [("class", "wm-code")], m.secretGrouped),
            ]),
            H.el("form", [("method", "post"), ("action", SitePath.twoStepSetUp.url), ("novalidate", "novalidate")], [
                Form.csrf(m.csrf),
                Form.text("code", label: "Security code from the app", value: "", hint: "For example, 123456", error: m.state.error("code"),
                          width: "10", autocomplete: "one-time-code", spellcheck: false),
                Form.button("Turn on two-step sign-in"),
            ]),
        ])
    }

    static func recoveryCodesView(_ m: RecoveryCodesModel) -> PageBody {
        PageBody(title: "Two-step sign-in is on", narrow: true, content: [
            H.el("div", [("class", "wm-panel wm-panel--confirmation")], [
                H.el("h1", [("class", "wm-panel__title")], "Two-step sign-in is on"),
            ]),
            H.el("h2", [("class", "wm-heading-m")], "Your recovery codes"),
            UI.p("If you lose your phone, sign in with one of these codes instead of a code from the app. Each works once."),
            UI.warning("Write them down or print this page, and keep them somewhere safe. They will not be shown again."),
            H.el("ul", [("class", "wm-list wm-recovery-codes")], m.codes.map { H.el("li", [], [H.el("code", [("class", "wm-code")], RecoveryCodes.display($0))]) }),
            Form.buttonLink("Continue", to: m.next),
        ])
    }
}
