import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Each provider's programme settings, kept by administrators: the rules read them, so
/// changing the eligibility window here changes who is eligible.
struct SettingsPages: RouteCollection {
    static let fields = ["endedWithinMonths", "endingWithinMonths", "trainingSessions", "attendanceRequired", "mileagePencePerMile", "firstMeetingWithinDays", "contactAtLeastEveryDays", "rarCountingBasis",
                         "newStartWithinMonths", "firstAppointmentWithinDays", "reportingYearStartMonth", "retentionYears", "version"]

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, SitePath.settings.route, needs: .manageSettings, signedIn: show)
        routes.on(.POST, SitePath.providerSettings(PathParameter.provider.placeholder).route, needs: .manageSettings, signedIn: save)
    }

    @Sendable func show(req: Request, user: CurrentUser) async throws -> Response {
        try await page(req, failed: nil)
    }

    func page(_ req: Request, failed: (providerID: String, state: FormState)?, status: HTTPStatus = .ok) async throws -> Response {
        let providers = try await SettingsRepository.all(on: req.db)
        var content: [Body] = [UI.heading("Programme settings"),
                               UI.p("Each provider sets its own rules. The defaults come from the programmes Waymark was built from.")]
        for provider in providers {
            let s = provider.settings
            let state = failed?.providerID == provider.providerID ? failed!.state : FormState(values: [
                "endedWithinMonths": String(s.eligibilityEndedWithinMonths), "endingWithinMonths": String(s.eligibilityEndingWithinMonths),
                "trainingSessions": String(s.trainingSessions), "attendanceRequired": String(s.trainingAttendanceRequired),
                "mileagePencePerMile": String(s.mileagePencePerMile), "firstMeetingWithinDays": String(s.firstMeetingWithinDays),
                "contactAtLeastEveryDays": String(s.contactAtLeastEveryDays), "rarCountingBasis": s.rarCountingBasis.rawValue,
                "newStartWithinMonths": String(s.newStartWithinMonths), "firstAppointmentWithinDays": String(s.firstAppointmentWithinDays),
                "reportingYearStartMonth": String(s.reportingYearStartMonth), "retentionYears": String(s.retentionYears),
            ])
            let id = provider.providerID
            // Every provider has the same form on this page, so each one's field ids carry the
            // provider (the names stay plain, as the handler reads them).
            let prefix = "provider-\(id)-"
            content.append(H.el("form", [("method", "post"), ("action", SitePath.providerSettings(id).url), ("class", "wm-summary-card"), ("novalidate", "novalidate")], [
                H.el("div", [("class", "wm-summary-card__title-wrapper")], [H.el("h2", [("class", "wm-summary-card__title")], provider.providerName)]),
                H.el("div", [("class", "wm-summary-card__content")], [
                    Form.errorSummary(state.errors, idPrefix: prefix),
                    Form.csrf(CSRF.token(for: req)),
                    Form.hidden("version", String(provider.version)),
                    Form.text("endedWithinMonths", label: "A mentor’s own order may have ended up to this many months ago", value: state["endedWithinMonths"],
                              error: state.error("endedWithinMonths"), width: "2", id: prefix + "endedWithinMonths"),
                    Form.text("endingWithinMonths", label: "… or may end within this many months", value: state["endingWithinMonths"],
                              error: state.error("endingWithinMonths"), width: "2", id: prefix + "endingWithinMonths"),
                    Form.text("trainingSessions", label: "Weekly training sessions in a cohort", value: state["trainingSessions"],
                              error: state.error("trainingSessions"), width: "2", id: prefix + "trainingSessions"),
                    Form.text("attendanceRequired", label: "Sessions needed to complete training", value: state["attendanceRequired"],
                              error: state.error("attendanceRequired"), width: "2", id: prefix + "attendanceRequired"),
                    Form.text("mileagePencePerMile", label: "Mileage rate, in pence a mile", value: state["mileagePencePerMile"],
                              error: state.error("mileagePencePerMile"), width: "3", id: prefix + "mileagePencePerMile"),
                    Form.text("firstMeetingWithinDays", label: "A match’s first meeting is expected within this many days", value: state["firstMeetingWithinDays"],
                              error: state.error("firstMeetingWithinDays"), width: "2", id: prefix + "firstMeetingWithinDays"),
                    Form.text("contactAtLeastEveryDays", label: "Flag a match with no contact for more than this many days", value: state["contactAtLeastEveryDays"],
                              error: state.error("contactAtLeastEveryDays"), width: "2", id: prefix + "contactAtLeastEveryDays"),
                    Form.radios("rarCountingBasis", legend: "Count completed RAR days by", options: RARCountingBasis.allCases.map { Form.Option(value: $0.rawValue, label: $0.label) },
                                selected: state["rarCountingBasis"], hint: "The RAR ledger always shows both figures, so a mismatch with the national case system is visible.",
                                error: state.error("rarCountingBasis"), id: prefix + "rarCountingBasis"),
                    Form.text("newStartWithinMonths", label: "Invite people to New Start if they completed within this many months", value: state["newStartWithinMonths"],
                              error: state.error("newStartWithinMonths"), width: "2", id: prefix + "newStartWithinMonths"),
                    Form.text("firstAppointmentWithinDays", label: "Offer the group first appointment to orders started within this many days", value: state["firstAppointmentWithinDays"],
                              error: state.error("firstAppointmentWithinDays"), width: "2", id: prefix + "firstAppointmentWithinDays"),
                    Form.select("reportingYearStartMonth", label: "Reporting years start in", options: (1...12).map { Form.Option(value: String($0), label: CalendarDate.monthNames[$0 - 1]) },
                                selected: state["reportingYearStartMonth"], hint: "April for the financial year commissioners work to; January for calendar years.",
                                error: state.error("reportingYearStartMonth"), id: prefix + "reportingYearStartMonth"),
                    Form.text("retentionYears", label: "Keep records for this many years after the last order ended and involvement closed",
                              value: state["retentionYears"], hint: "Then names, dates of birth and notes are anonymised; the figures stay. A legal hold stops it.",
                              error: state.error("retentionYears"), width: "2", id: prefix + "retentionYears"),
                    Form.button("Save \(provider.providerName) settings", secondary: true),
                ]),
            ]))
        }
        var frame = PageFrame(req, title: "Programme settings", section: .settings)
        frame.hasErrors = failed != nil
        return Layout.render(frame, status: status, content)
    }

    @Sendable func save(req: Request, user: CurrentUser) async throws -> Response {
        let providerID = try req.parameter(.provider)
        let state = FormState(request: req, fields: Self.fields)
        guard let version = Int(state["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version") }
        do {
            let settings = try ProgrammeSettingsDraft(endedWithinMonths: state["endedWithinMonths"], endingWithinMonths: state["endingWithinMonths"],
                                                      trainingSessions: state["trainingSessions"], attendanceRequired: state["attendanceRequired"],
                                                      mileagePencePerMile: state["mileagePencePerMile"], firstMeetingWithinDays: state["firstMeetingWithinDays"],
                                                      contactAtLeastEveryDays: state["contactAtLeastEveryDays"], rarCountingBasis: state["rarCountingBasis"],
                                                      newStartWithinMonths: state["newStartWithinMonths"], firstAppointmentWithinDays: state["firstAppointmentWithinDays"],
                                                      reportingYearStartMonth: state["reportingYearStartMonth"],
                                                      retentionYears: state["retentionYears"]).validated()
            let at = req.now
            try await Command.run(req, actorID: user.id) { effects in
                let tx = effects.tx
                try await SettingsRepository.save(settings, providerID: providerID, expectedVersion: version, on: tx)
                effects.audit("settings.update", "provider", providerID, detail: "\(settings)")
            }
            Flash.set("Settings saved", on: req)
            return req.redirect(to: SitePath.settings.url)
        } catch let failure as ValidationFailure {
            var state = state
            state.errors = failure.errors
            return try await page(req, failed: (providerID, state), status: .unprocessableEntity)
        } catch is VersionConflict {
            var state = state
            state.errors = [FieldError("endedWithinMonths", "Someone else changed these settings while you were editing them. Check them, then save again.")]
            return try await page(req, failed: (providerID, state), status: .conflict)
        }
    }
}
