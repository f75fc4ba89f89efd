import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// A mentor's own must-not-meet list (their co-defendants, victims, known associates, by CRN).
/// The facilitation rule keeps these people out of the sessions the mentor facilitates.
struct MustNotMeetPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let path = SitePath.mentorExclusions(PathParameter.mentor.placeholder).route
        routes.on(.GET, path, needs: .reviewMentorRisk, signedIn: show)
        routes.on(.POST, path, needs: .reviewMentorRisk, signedIn: save)
    }

    static let rows = 5

    @Sendable func show(req: Request, user: CurrentUser) async throws -> Response {
        let (mentor, person) = try await MentorService.load(try req.parameter(.mentor), for: .reviewMentorRisk, action: "mentor.mustNotMeet.view", on: req)
        let list = try await MentorExclusionRepository.exclusions(mentorIDs: [mentor.id], on: req.db)[mentor.id] ?? []
        var values: [String: String] = [:]
        for (i, e) in list.prefix(Self.rows).enumerated() {
            values["exclusion-crn-\(i)"] = e.crn.value
            values["exclusion-kind-\(i)"] = e.kind.rawValue
        }
        return page(req, mentor, person, state: FormState(values: values))
    }

    func page(_ req: Request, _ mentor: Mentor, _ person: Person, state: FormState, status: HTTPStatus = .ok) -> Response {
        var frame = MentorRecordFrame.frame(req, person, title: "Who they must not meet")
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.mentorPage(mentor.id, .profile).url
        let rows: [Body] = (0..<Self.rows).map { i in
            H.el("div", [("class", "wm-exclusion-row")], [
                Form.text("exclusion-crn-\(i)", label: "CRN (\(i + 1))", value: state["exclusion-crn-\(i)"], error: nil, width: "10", spellcheck: false),
                Form.select("exclusion-kind-\(i)", label: "Why (\(i + 1))", options: ExclusionKind.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                            selected: state["exclusion-kind-\(i)"], error: nil, blank: "Select"),
            ])
        }
        return Layout.renderForm(frame, status: status, [
            Form.errorSummary(state.errors.map { FieldError("exclusion-crn-0", $0.message) }),
            UI.heading("Who they must not meet", caption: person.details.fullName),
            UI.p("Co-defendants, victims and known associates of this peer mentor. They will not be asked to facilitate a session any of these people are booked on, and these people cannot be booked on a session they facilitate. Leave a row blank to remove it."),
            H.el("form", [("method", "post"), ("action", SitePath.mentorExclusions(mentor.id).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                H.el("div", [("class", state.errors.isEmpty ? "wm-form-group" : "wm-form-group wm-form-group--error")], [
                    state.errors.first.map { H.el("p", [("class", "wm-error-message")], [H.el("span", [("class", "wm-visually-hidden")], "Error: "), .text($0.message)]) } ?? .empty,
                ] + rows),
                Form.button("Save list"),
            ]),
        ])
    }

    @Sendable func save(req: Request, user: CurrentUser) async throws -> Response {
        let (mentor, person) = try await MentorService.load(try req.parameter(.mentor), for: .reviewMentorRisk, action: nil, on: req)
        let names = (0..<Self.rows).flatMap { ["exclusion-crn-\($0)", "exclusion-kind-\($0)"] }
        let state = FormState(request: req, fields: names)
        return try await FormSubmission.handle(state, conflictField: nil, redisplay: { state, status in page(req, mentor, person, state: state, status: status) }) {
            let list = try Exclusion.validated((0..<Self.rows).map { (state["exclusion-crn-\($0)"], state["exclusion-kind-\($0)"]) })
            try await MentorService.write(mentor, person, action: "mentor.mustNotMeet", detail: "\(list.count) people", on: req) { tx in
                try await MentorExclusionRepository.replace(mentorID: mentor.id, with: list, on: tx)
            }
            Flash.set("Must-not-meet list saved", on: req)
            return req.redirect(to: SitePath.mentorPage(mentor.id, .profile).url)
        }
    }
}
