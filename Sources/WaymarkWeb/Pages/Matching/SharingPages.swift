import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// The practitioner decides what their mentee's mentor may see, beyond first name, goals and
/// practicalities. Every decision is kept, so what a mentor was told, and when, can be shown.
struct SharingPages: RouteCollection {
    static let fields = ["contactArrangements", "note", "sequence"]

    func boot(routes: any RoutesBuilder) throws {
        let path = SitePath.referralPage(PathParameter.referral.placeholder, .sharing).route
        routes.on(.GET, path, needs: .decideSharing, signedIn: show)
        routes.on(.POST, path, needs: .decideSharing, signedIn: save)
    }

    @Sendable func show(req: Request, user: CurrentUser) async throws -> Response {
        let (referral, person, history) = try await SharingService.history(referralID: try req.parameter(.referral), for: .decideSharing, on: req)
        let current = history.first?.choice
        let state = FormState(values: ["contactArrangements": current?.contactArrangements ?? "", "note": current?.note ?? ""],
                              lists: ["items": current?.items.map(\.rawValue) ?? []])
        return try await page(req, referral, person, history, state: state)
    }

    @Sendable func save(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.referral)
        let state = FormState(request: req, fields: Self.fields, listFields: ["items"])
        guard let sequence = Int(state["sequence"]) else { throw Abort(.badRequest, reason: "The form is missing the decision it was based on") }
        do {
            _ = try await SharingService.decide(referralID: id, SharingDraft(items: state.list("items"), contactArrangements: state["contactArrangements"],
                                                                             note: state["note"]), expectedSequence: sequence, on: req)
            Flash.set("Saved: the mentor now sees what you chose", on: req)
            return req.redirect(to: SitePath.referral(id).url)
        } catch let failure as ValidationFailure {
            let (referral, person, history) = try await SharingService.history(referralID: id, for: .decideSharing, on: req)
            var state = state
            state.errors = failure.errors
            return try await page(req, referral, person, history, state: state, status: .unprocessableEntity)
        } catch is VersionConflict {
            let (referral, person, history) = try await SharingService.history(referralID: id, for: .decideSharing, on: req)
            var state = state
            state.errors = [FieldError("items", "Someone else changed what is shared while you were deciding. Check the current decision below, then save again.")]
            return try await page(req, referral, person, history, state: state, status: .conflict)
        }
    }

    func page(_ req: Request, _ referral: Referral, _ person: Person, _ history: [SharingDecision], state: FormState,
              status: HTTPStatus = .ok) async throws -> Response {
        var frame = PageFrame(req, title: "What the mentor may see – \(person.details.fullName)", section: .referrals)
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.referral(referral.id).url
        let names = try await UserRepository.names(ids: Set(history.map(\.decidedByID)), on: req.db)
        var content: [Body] = [
            Form.errorSummary(state.errors, firstOptions: ["items": SharingItem.allCases[0].rawValue]),
            UI.heading("What the mentor may see", caption: person.details.fullName),
            UI.p("Every mentor sees their mentee’s first name, goals, the support they want, when they can meet, languages and accessibility needs. "
                 + "They never see offence details, risk assessments, the CRN, the full name or the date of birth."),
            UI.p("Choose anything else the mentor needs to keep \(person.details.firstName) and themselves safe. Turn what you know into plain instructions: "
                 + "do not write offence details or risk information here."),
        ]
        content.append(H.el("form", [("method", "post"), ("action", SitePath.referralPage(referral.id, .sharing).url), ("novalidate", "novalidate")], [
            Form.csrf(CSRF.token(for: req)),
            Form.hidden("sequence", String(history.first?.sequence ?? 0)),
            Form.checkboxes("items", legend: "Instructions for the mentor", options: SharingItem.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                            selected: state.list("items"), hint: "Select all that apply", error: state.error("items")),
            Form.textarea("contactArrangements", label: "Contact arrangements (optional)", value: state["contactArrangements"],
                          hint: "For example, ‘Text first; the coordinator will give you the number’", error: state.error("contactArrangements"),
                          maxLength: SharingDraft.textLimit, rows: 2),
            Form.textarea("note", label: "Anything else the mentor should know (optional)", value: state["note"],
                          error: state.error("note"), maxLength: SharingDraft.textLimit, rows: 3),
            Form.button("Save what the mentor may see"),
        ]))
        if !history.isEmpty {
            content.append(UI.table(caption: "Decisions, newest first", columns: [.init(title: "Decided"), .init(title: "By"), .init(title: "Shared")],
                                    rows: history.map { d in
                let shared = d.choice.items.map(\.label) + (d.choice.contactArrangements == nil ? [] : ["contact arrangements"]) + (d.choice.note == nil ? [] : ["a note"])
                return [.text(d.decidedOn.long), .text(names[d.decidedByID] ?? "Unknown"), .text(shared.isEmpty ? "Nothing further" : shared.joined(separator: "; "))]
            }))
        }
        return Layout.render(frame, status: status, content)
    }
}
