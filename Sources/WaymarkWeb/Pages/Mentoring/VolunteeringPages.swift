import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Hours and expenses: logged by the mentor (or staff), claims approved by a coordinator.
struct VolunteeringPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let m = PathParameter.mentor.placeholder
        routes.on(.GET, SitePath.mentorPage(m, .volunteering).route, needs: .viewMentors, signedIn: show)
        routes.on(.POST, SitePath.mentorPage(m, .hours).route, needs: .logHours, signedIn: logHours)
        routes.on(.POST, SitePath.mentorPage(m, .expenses).route, needs: .claimExpenses, signedIn: claim)
        routes.on(.GET, SitePath.expenses.route, needs: .decideExpenses, signedIn: queue)
        routes.on(.POST, SitePath.expenseDecision(PathParameter.expense.placeholder).route, needs: .decideExpenses, signedIn: decide)
    }

    @Sendable func show(req: Request, user: CurrentUser) async throws -> Response {
        let (mentor, person) = try await MentorService.load(try req.parameter(.mentor), for: .viewMentors, action: "mentor.view", on: req)
        // A link from a session page pre-fills a travel claim for that day.
        let claimDate = req.query[String.self, at: "expenseOn"].flatMap(CalendarDate.init(iso:)).map { min($0, req.today) } ?? req.today
        var values = FormState.dateValues("workedOn", req.today).merging(FormState.dateValues("incurredOn", claimDate)) { $1 }
        if let description = req.query[String.self, at: "description"], description.count <= InputRules.shortTextLimit { values["description"] = description }
        return try await page(req, mentor, person, state: FormState(values: values))
    }

    func page(_ req: Request, _ mentor: Mentor, _ person: Person, state: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let hours = try await VolunteeringRepository.hours(mentorID: mentor.id, on: req.db)
        let expenses = try await VolunteeringRepository.expenses(mentorID: mentor.id, on: req.db)
        let totals = Volunteering.monthlyTotals(hours: hours, expenses: expenses.map { ($0.claim, $0.state) })
        var content = try await MentorRecordFrame.header(mentor, person, tab: .volunteering, on: req)
        content.insert(Form.errorSummary(state.errors, dateFields: ["workedOn", "incurredOn"], firstOptions: ["kind": ExpenseKind.mileage.rawValue]), at: 0)
        content.append(H.el("h2", [("class", "wm-heading-m")], "Each month"))
        if totals.isEmpty {
            content.append(UI.p("No hours or expenses yet."))
        } else {
            content.append(UI.table(caption: "Hours given and expenses, by month", columns: [.init(title: "Month"), .init(title: "Hours", numeric: true),
                                                                                             .init(title: "Expenses approved", numeric: true), .init(title: "Expenses waiting", numeric: true)],
                                    rows: totals.map { [.text($0.label), .text(Volunteering.hoursText($0.quarterHours)), .text(Volunteering.money($0.approvedPence)),
                                                        .text(Volunteering.money($0.waitingPence))] }))
        }
        content.append(H.el("h2", [("class", "wm-heading-m")], "Hours"))
        if !hours.isEmpty {
            content.append(UI.table(caption: "Hours logged", columns: [.init(title: "Date"), .init(title: "Hours", numeric: true), .init(title: "What they did")],
                                    rows: hours.prefix(50).map { [.text($0.workedOn.long), .text($0.hoursText), .text($0.activity)] }))
        }
        if req.can(.logHours, mentor, person) {
            content.append(H.el("form", [("method", "post"), ("action", SitePath.mentorPage(mentor.id, .hours).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.date("workedOn", legend: "Date", hint: nil, state: state),
                Form.text("hours", label: "Hours", value: state["hours"], hint: "In quarter hours, for example 1.5", error: state.error("hours"), width: "3"),
                Form.text("activity", label: "What did you do?", value: state["activity"], hint: "For example, went with a mentee to the job centre",
                          error: state.error("activity")),
                Form.button("Log hours", secondary: true),
            ]))
        }
        content.append(H.el("h2", [("class", "wm-heading-m")], "Expenses"))
        if !expenses.isEmpty {
            content.append(UI.table(caption: "Expense claims", columns: [.init(title: "Date"), .init(title: "For"), .init(title: "Amount", numeric: true), .init(title: "Status")],
                                    rows: expenses.prefix(50).map { e in
                [.text(e.claim.incurredOn.long), .text("\(e.claim.kind.label): \(e.claim.description)" + (e.claim.miles.map { " (\($0) miles)" } ?? "")),
                 .text(Volunteering.money(e.claim.amountPence)),
                 H.group([UI.tag(e.state.label, e.state == .approved ? "green" : e.state == .rejected ? "red" : "yellow"),
                          e.decisionReason.map { H.el("span", [("class", "wm-hint")], " " + $0) } ?? .empty])]
            }))
        }
        if req.can(.claimExpenses, mentor, person) {
            let rate = try await MentorService.settings(area: person.details.areaID, on: req).mileagePencePerMile
            content.append(H.el("form", [("method", "post"), ("action", SitePath.mentorPage(mentor.id, .expenses).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.date("incurredOn", legend: "Date of the journey or expense", hint: "Claims must be made within 3 months", state: state),
                Form.radios("kind", legend: "Type of expense", options: ExpenseKind.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                            selected: state["kind"], error: state.error("kind")),
                Form.text("miles", label: "Miles (for mileage)", value: state["miles"], hint: "Paid at \(rate)p a mile", error: state.error("miles"), width: "3"),
                Form.text("amount", label: "Amount in pounds (for fares and other)", value: state["amount"], hint: "For example, 4.50", error: state.error("amount"), width: "4"),
                Form.text("receiptReference", label: "Receipt or ticket reference (optional for fares)", value: state["receiptReference"],
                          error: state.error("receiptReference"), width: "10"),
                Form.text("description", label: "What was it for?", value: state["description"], hint: "For example, travel to Chelmsford for a Transition and Hope session",
                          error: state.error("description")),
                Form.button("Submit claim", secondary: true),
            ]))
        }
        var frame = MentorRecordFrame.frame(req, person, title: "Hours and expenses")
        frame.hasErrors = !state.errors.isEmpty
        return Layout.render(frame, status: status, content)
    }

    @Sendable func logHours(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.mentor)
        let state = FormState(request: req, fields: ["hours", "activity"], dates: ["workedOn"])
        do {
            try await MentorService.logHours(id, VolunteerHoursDraft(workedOn: state.dateInput("workedOn"), hours: state["hours"], activity: state["activity"]), on: req)
            Flash.set("Hours logged", on: req)
            return req.redirect(to: SitePath.mentorPage(id, .volunteering).url)
        } catch let failure as ValidationFailure {
            let (mentor, person) = try await MentorService.load(id, for: .viewMentors, action: nil, on: req)
            var state = state
            state.errors = failure.errors
            state.values.merge(FormState.dateValues("incurredOn", req.today)) { a, _ in a }
            return try await page(req, mentor, person, state: state, status: .unprocessableEntity)
        }
    }

    @Sendable func claim(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.mentor)
        let state = FormState(request: req, fields: ["kind", "miles", "amount", "receiptReference", "description"], dates: ["incurredOn"])
        do {
            _ = try await MentorService.claimExpense(id, ExpenseClaimDraft(incurredOn: state.dateInput("incurredOn"), kind: state["kind"], miles: state["miles"],
                                                                           amount: state["amount"], receiptReference: state["receiptReference"],
                                                                           description: state["description"]), on: req)
            Flash.set("Claim submitted. A coordinator will approve it.", on: req)
            return req.redirect(to: SitePath.mentorPage(id, .volunteering).url)
        } catch let failure as ValidationFailure {
            let (mentor, person) = try await MentorService.load(id, for: .viewMentors, action: nil, on: req)
            var state = state
            state.errors = failure.errors
            state.values.merge(FormState.dateValues("workedOn", req.today)) { a, _ in a }
            return try await page(req, mentor, person, state: state, status: .unprocessableEntity)
        }
    }

    // MARK: The coordinator's queue

    @Sendable func queue(req: Request, user: CurrentUser) async throws -> Response {
        try await queuePage(req, errors: [])
    }

    func queuePage(_ req: Request, errors: [FieldError], status: HTTPStatus = .ok) async throws -> Response {
        let user = try req.user
        let waiting = try await VolunteeringRepository.waitingExpenses(areas: user.actor.areaIDs, on: req.db)
        if !waiting.isEmpty {
            try await req.auditList(actorID: user.id, action: "expense.list", recordType: "expense", personIDs: waiting.map(\.1.id))
        }
        let first = "approved"
        var content: [Body] = [Form.errorSummary(errors, firstOptions: Dictionary(uniqueKeysWithValues: waiting.map { ("decision-\($0.0.id)", first) })),
                               UI.heading("Expense claims to decide")]
        if waiting.isEmpty { content.append(UI.p("No claims are waiting. Claims mentors submit appear here.")) }
        for (expense, person) in waiting {
            let c = expense.claim
            content.append(H.el("form", [("method", "post"), ("action", SitePath.expenseDecision(expense.id).url), ("class", "wm-summary-card"), ("novalidate", "novalidate")], [
                H.el("div", [("class", "wm-summary-card__title-wrapper")], [
                    H.el("h2", [("class", "wm-summary-card__title")], "\(person.details.fullName): \(Volunteering.money(c.amountPence))"),
                ]),
                H.el("div", [("class", "wm-summary-card__content")], [
                    UI.summaryList([
                        .init(key: "Date", value: .text(c.incurredOn.long)),
                        .init(key: "Type", value: .text(c.kind.label + (c.miles.map { ", \($0) miles" } ?? ""))),
                        .init(key: "For", value: .text(c.description)),
                        .init(key: "Receipt", value: .text(c.receiptReference ?? "None given")),
                    ]),
                    Form.csrf(CSRF.token(for: req)),
                    Form.hidden("version", String(expense.version)),
                    Form.radios("decision-\(expense.id)", legend: "Decision", options: [.init(value: first, label: "Approve"), .init(value: "rejected", label: "Reject")],
                                selected: "", error: errors.first { $0.field == "decision-\(expense.id)" }?.message, inline: true),
                    Form.text("reason-\(expense.id)", label: "Reason (needed to reject)", value: "",
                              error: errors.first { $0.field == "reason-\(expense.id)" }?.message),
                    Form.button("Save decision", secondary: true),
                ]),
            ]))
        }
        var frame = PageFrame(req, title: "Expense claims", section: .expenses)
        frame.hasErrors = !errors.isEmpty
        return Layout.render(frame, status: status, content)
    }

    @Sendable func decide(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.expense)
        let state = FormState(request: req, fields: ["version", "decision-\(id)", "reason-\(id)"])
        guard let version = Int(state["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version") }
        do {
            let saved = try await MentorService.decideExpense(id, decision: state["decision-\(id)"], reason: state["reason-\(id)"], version: version, on: req)
            Flash.set("Claim \(saved.state.rawValue)", on: req)
            return req.redirect(to: SitePath.expenses.url)
        } catch let failure as ValidationFailure {
            return try await queuePage(req, errors: failure.errors.map { FieldError($0.field == "reason" ? "reason-\(id)" : "decision-\(id)", $0.message) },
                                       status: .unprocessableEntity)
        } catch is VersionConflict {
            return try await queuePage(req, errors: [FieldError("decision-\(id)", "Someone else decided this claim first")], status: .conflict)
        }
    }
}
