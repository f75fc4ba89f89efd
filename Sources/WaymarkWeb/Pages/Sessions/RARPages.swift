import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// An order's RAR ledger, the person's plain-language summary, and RAR activities recorded by hand.
struct RARPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let p = PathParameter.person.placeholder, o = PathParameter.order.placeholder
        routes.on(.GET, SitePath.rar(person: p, order: o).route, needs: .viewOrders, signedIn: ledger)
        routes.on(.POST, SitePath.rar(person: p, order: o).route, needs: .editOrders, signedIn: record)
        routes.on(.GET, SitePath.rarSummary(person: p, order: o).route, needs: .viewOrders, signedIn: summary)
    }

    func load(_ req: Request) async throws -> (Order, Person, RARLedger, [RARActivity]) {
        let (order, person) = try await RARService.load(orderID: try req.parameter(.order), for: .viewOrders, on: req)
        guard order.personID == (try req.parameter(.person)),
              let (ledger, lines) = try await RARService.ledger(for: order, person: person, today: req.today, on: req.db) else { throw Abort(.notFound) }
        try await req.audit(AuditRecord(actorID: try req.user.id, action: "rar.view", recordType: "order", recordID: order.id, personID: person.id))
        return (order, person, ledger, lines)
    }

    @Sendable func ledger(req: Request, user: CurrentUser) async throws -> Response {
        try await page(req, state: FormState(values: FormState.dateValues("date", req.today)), status: .ok)
    }

    func page(_ req: Request, state: FormState, status: HTTPStatus) async throws -> Response {
        let (order, person, ledger, lines) = try await load(req)
        var content = try await PersonRecordFrame.load(person, access: .full, on: req.db).header(.orders, today: req.today)
        content.insert(Form.errorSummary(state.errors, dateFields: ["date"], firstOptions: ["kind": RARActivityKind.oneToOne.rawValue]), at: 0)
        content.append(H.el("h2", [("class", "wm-heading-m")], "RAR: \(order.details.type.label), \(order.details.startDate.long) to \(order.details.endDate.long)"))
        content.append(H.el("p", [("class", "wm-body-l"), ("id", "rar-headline")],
                            "\(ledger.totalDays) days RAR, \(ledger.completedDays) completed, \(ledger.scheduledDays) scheduled, \(ledger.remainingDays) remaining"))
        for w in ledger.warnings { content.append(UI.warning(w.message)) }
        content.append(UI.summaryList([
            .init(key: "Court’s maximum", value: .text("\(ledger.totalDays) days")),
            .init(key: "Completed (distinct days)", value: .text(String(ledger.completedDistinctDays))),
            .init(key: "Completed (appointments, as the national case system counts)", value: .text(String(ledger.appointmentsAttended))),
            .init(key: "Counting basis used", value: .text(ledger.basis.label)),
            .init(key: "Scheduled", value: .text(String(ledger.scheduledDays))),
            .init(key: "Working days left before the order ends", value: .text(String(ledger.workingDaysLeft))),
        ]))
        content.append(H.el("p", [("class", "wm-body")], [H.link("Plain-language summary for \(person.details.firstName) (printable)", to: SitePath.rarSummary(person: person.id, order: order.id).url)]))
        content.append(lines.isEmpty ? UI.p("No RAR activities yet. Book them on a Transition and Hope session from Sessions.")
            : UI.table(caption: "RAR activities", columns: [.init(title: "Date"), .init(title: "Activity"), .init(title: "Outcome"), .init(title: "Counts")],
                       rows: lines.map { l in
                [.text(l.date.long), .text(l.title.isEmpty ? l.kind.label : l.title),
                 .text(l.outcome?.label ?? "Booked"),
                 .text(!l.kind.counts ? "No: an assessment is not a RAR activity" : l.outcome == nil ? "When attended" : l.outcome!.earnsCredit ? "Yes" : "No")]
            }))
        let user = try req.user
        if Policy.access(user.actor, to: person.scope, for: .editOrders) == .full {
            content += [
                H.el("h2", [("class", "wm-heading-m")], "Record a RAR activity"),
                UI.p("For one-to-one RAR work or another provider’s activity. Group sessions are recorded by their facilitators."),
                H.el("form", [("method", "post"), ("action", SitePath.rar(person: person.id, order: order.id).url), ("novalidate", "novalidate")], [
                    Form.csrf(CSRF.token(for: req)),
                    Form.date("date", legend: "Date of the activity", hint: nil, state: state),
                    Form.radios("kind", legend: "Kind of activity", options: RARActivityKind.allCases.filter { $0 != .groupSession }.map { .init(value: $0.rawValue, label: $0.label) },
                                selected: state["kind"], error: state.error("kind")),
                    Form.select("outcome", label: "Outcome", options: AttendanceOutcome.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                                selected: state["outcome"], error: state.error("outcome")),
                    Form.textarea("notes", label: "Notes (optional)", value: state["notes"], error: state.error("notes"), rows: 2),
                    Form.button("Record activity", secondary: true),
                ]),
            ]
        }
        var frame = PageFrame(req, title: "RAR – \(person.details.fullName)", section: .people)
        frame.breadcrumbs = [("Home", SitePath.home.url), ("People", SitePath.people.url), (person.details.fullName, SitePath.person(person.id).url),
                             ("Orders and RAR", SitePath.personOrders(person.id).url)]
        frame.hasErrors = !state.errors.isEmpty
        return Layout.render(frame, status: status, content)
    }

    @Sendable func record(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: ["kind", "outcome", "notes"], dates: ["date"])
        return try await FormSubmission.handle(state, conflictField: nil, redisplay: { state, status in try await page(req, state: state, status: status) }) {
            try await RARService.record(orderID: try req.parameter(.order),
                                        RARActivityDraft(date: state.dateInput("date"), kind: state["kind"], outcome: state["outcome"], notes: state["notes"]), on: req)
            Flash.set("RAR activity recorded", on: req)
            return req.redirect(to: SitePath.rar(person: try req.parameter(.person), order: try req.parameter(.order)).url)
        }
    }

    /// "You have done 7 of your 20 RAR days": for the person, printable.
    @Sendable func summary(req: Request, user: CurrentUser) async throws -> Response {
        let (order, person, ledger, lines) = try await load(req)
        let upcoming = lines.filter { $0.outcome == nil && $0.date >= req.today }
        var frame = PageFrame(req, title: "Your RAR days – \(person.details.fullName)", section: .people)
        frame.backLink = SitePath.rar(person: person.id, order: order.id).url
        return Layout.renderForm(frame, [
            H.el("div", [("class", "wm-rar-summary")], [
                UI.heading("Your RAR days", caption: person.details.fullName),
                H.el("p", [("class", "wm-body-l")], RARRule.personSummary(ledger, orderEnd: order.details.endDate, upcoming: upcoming)[0]),
            ] + RARRule.personSummary(ledger, orderEnd: order.details.endDate, upcoming: upcoming).dropFirst().map { UI.p($0) }
              + [UI.p("Printed on \(req.today.long).", "wm-body-s")]),
        ])
    }
}
