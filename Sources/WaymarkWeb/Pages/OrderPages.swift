import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// A person's orders and licences, with their requirements and RAR days.
struct OrderPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let p = PathParameter.person.placeholder, o = PathParameter.order.placeholder
        routes.on(.GET, SitePath.personOrders(p).route, needs: .viewOrders, signedIn: list)
        routes.on(.GET, SitePath.newOrder(p).route, needs: .editOrders, signedIn: new)
        routes.on(.POST, SitePath.newOrder(p).route, needs: .editOrders, signedIn: create)
        routes.on(.GET, SitePath.editOrder(person: p, order: o).route, needs: .editOrders, signedIn: edit)
        routes.on(.POST, SitePath.editOrder(person: p, order: o).route, needs: .editOrders, signedIn: update)
    }

    @Sendable func list(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.person)
        let (person, access) = try await PeopleService.load(id, for: .viewOrders, action: "order.list", on: req)
        let record = try await PersonRecordFrame.load(person, access: access, on: req.db)
        let orders = try await OrderRepository.orders(personID: person.id, on: req.db)
        let canEdit = Policy.access(user.actor, to: person.scope, for: .editOrders) == .full
        var content = record.header(.orders, today: req.today)
        content.append(H.el("h2", [("class", "wm-heading-m")], "Orders and licences"))
        if canEdit { content.append(Form.buttonLink("Add an order or licence", to: SitePath.newOrder(person.id).url)) }
        if orders.isEmpty {
            content.append(UI.p("No orders recorded yet. Add the order or licence this person is supervised on."))
        }
        for order in orders {
            let d = order.details
            let change: (href: String, hidden: String)? = canEdit ? (SitePath.editOrder(person: person.id, order: order.id).url, d.type.label.lowercased()) : nil
            content.append(H.el("section", [("class", "wm-summary-card"), ("aria-labelledby", "order-\(order.id)")], [
                H.el("div", [("class", "wm-summary-card__title-wrapper")], [
                    H.el("h3", [("class", "wm-summary-card__title"), ("id", "order-\(order.id)")], "\(d.type.label) from \(d.startDate.long)"),
                    UI.tag(d.outcome.label, d.outcome == .active ? "blue" : "grey"),
                ]),
                UI.summaryList([
                    .init(key: "Type", value: .text(d.type.label), change: change),
                    .init(key: "Start date", value: .text(d.startDate.long)),
                    .init(key: "Expected end date", value: .text(d.expectedEndDate.long)),
                    .init(key: "Actual end date", value: .text(d.actualEndDate?.long ?? "Not ended")),
                    .init(key: "Outcome", value: .text(d.outcome.label)),
                    .init(key: "Requirements", value: d.requirements.isEmpty ? .text("None recorded")
                          : H.el("ul", [("class", "wm-list")], d.requirements.map { H.el("li", [], $0.label) })),
                    .init(key: "RAR days set by the court", value: d.rarDays.map { days in
                        H.group([.text("\(days) days. "), H.link("RAR days done and booked", to: SitePath.rar(person: person.id, order: order.id).url)]) } ?? .text("No RAR")),
                    .init(key: "Breach or recall proceedings", value: d.openBreach ? UI.tag("Open", "red") : .text("None open")),
                ]),
            ]))
        }
        var frame = PageFrame(req, title: "Orders and RAR – \(person.details.fullName)", section: .people)
        frame.breadcrumbs = [("Home", SitePath.home.url), ("People", SitePath.people.url),
                             (person.details.fullName, SitePath.person(person.id).url)]
        return Layout.render(frame, content)
    }

    static let fields = ["type", "outcome", "rarDays", "version", "openBreach", "correctionReason"]
    static let dates = ["startDate", "expectedEndDate", "actualEndDate"]

    static func draft(_ s: FormState) -> OrderDraft {
        OrderDraft(type: s["type"], startDate: s.dateInput("startDate"), expectedEndDate: s.dateInput("expectedEndDate"),
                   actualEndDate: s.dateInput("actualEndDate"), outcome: s["outcome"],
                   requirements: s.list("requirements"), rarDays: s["rarDays"], openBreach: s["openBreach"] == "yes")
    }

    func form(_ req: Request, person: Person, order: Order?, state: FormState, conflict: Bool = false,
              status: HTTPStatus = .ok) -> Response {
        let title = order == nil ? "Add an order or licence" : "Change the order"
        var frame = PageFrame(req, title: "\(title) – \(person.details.fullName)", section: .people)
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.personOrders(person.id).url
        let action = order.map { SitePath.editOrder(person: person.id, order: $0.id).url } ?? SitePath.newOrder(person.id).url
        var content: [Body] = [Form.errorSummary(state.errors, dateFields: Set(Self.dates),
                                                 firstOptions: ["type": OrderType.communityOrder.rawValue,
                                                                "outcome": OrderOutcome.active.rawValue,
                                                                "requirements": Requirement.rehabilitationActivity.rawValue])]
        if conflict {
            content.append(UI.warning("Someone else changed this order while you were editing it. The form now shows their version: make your changes again, then save."))
        }
        content.append(UI.heading(title, caption: person.details.fullName))
        content.append(H.el("form", [("method", "post"), ("action", action), ("novalidate", "novalidate")], [
            Form.csrf(CSRF.token(for: req)),
            order.map { Form.hidden("version", String($0.version)) } ?? .empty,
            Form.radios("type", legend: "Type", options: OrderType.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                        selected: state["type"], error: state.error("type")),
            Form.date("startDate", legend: "Start date", hint: "For example, 4 9 2026", state: state),
            Form.date("expectedEndDate", legend: "Expected end date", hint: nil, state: state),
            Form.checkboxes("requirements", legend: "Requirements and conditions",
                            options: Requirement.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                            selected: state.list("requirements"), hint: "Select all that apply", error: state.error("requirements")),
            Form.text("rarDays", label: "RAR days set by the court", value: state["rarDays"],
                      hint: "The maximum number of rehabilitation activity days. Leave empty if there is no RAR",
                      error: state.error("rarDays"), width: "3"),
            Form.radios("outcome", legend: "Outcome", options: OrderOutcome.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                        selected: state["outcome"].isEmpty ? OrderOutcome.active.rawValue : state["outcome"], error: state.error("outcome")),
            Form.date("actualEndDate", legend: "Actual end date", hint: "Only if the order has ended", state: state),
            Form.radios("openBreach", legend: "Are breach or recall proceedings open?",
                        options: [.init(value: "no", label: "No"), .init(value: "yes", label: "Yes")],
                        selected: state["openBreach"] == "yes" ? "yes" : "no", error: state.error("openBreach"), inline: true),
            order == nil ? .empty : Form.textarea("correctionReason", label: "Why is this being changed? (optional)", value: state["correctionReason"],
                                                   hint: "What it said before is kept.", error: state.error("correctionReason"), maxLength: 500, rows: 2),
            Form.button(order == nil ? "Add order" : "Save changes"),
        ]))
        return Layout.renderForm(frame, status: status, content)
    }

    static func state(of order: Order) -> FormState {
        let d = order.details
        var values = ["type": d.type.rawValue, "outcome": d.outcome.rawValue, "rarDays": d.rarDays.map(String.init) ?? "",
                      "openBreach": d.openBreach ? "yes" : "no"]
        values.merge(FormState.dateValues("startDate", d.startDate)) { $1 }
        values.merge(FormState.dateValues("expectedEndDate", d.expectedEndDate)) { $1 }
        values.merge(FormState.dateValues("actualEndDate", d.actualEndDate)) { $1 }
        return FormState(values: values, lists: ["requirements": d.requirements.map(\.rawValue)])
    }

    @Sendable func new(req: Request, user: CurrentUser) async throws -> Response {
        let (person, _) = try await PeopleService.load(try req.parameter(.person), for: .editOrders, action: "order.list", on: req)
        return form(req, person: person, order: nil, state: FormState())
    }

    @Sendable func create(req: Request, user: CurrentUser) async throws -> Response {
        let personID = try req.parameter(.person)
        let state = FormState(request: req, fields: Self.fields, dates: Self.dates, listFields: ["requirements"])
        do {
            let order = try await OrdersService.create(Self.draft(state), personID: personID, on: req)
            Flash.set("\(order.details.type.label) added", on: req)
            return req.redirect(to: SitePath.personOrders(personID).url)
        } catch let failure as ValidationFailure {
            let (person, _) = try await PeopleService.load(personID, for: .editOrders, action: nil, on: req)
            var state = state
            state.errors = failure.errors
            return form(req, person: person, order: nil, state: state, status: .unprocessableEntity)
        }
    }

    func loadOrder(_ req: Request, action: String?) async throws -> (Order, Person) {
        let personID = try req.parameter(.person)
        let (order, person) = try await OrdersService.load(try req.parameter(.order), for: .editOrders, action: action, on: req)
        guard person.id == personID else { throw Abort(.notFound) }
        return (order, person)
    }

    @Sendable func edit(req: Request, user: CurrentUser) async throws -> Response {
        let (order, person) = try await loadOrder(req, action: "order.view")
        return form(req, person: person, order: order, state: Self.state(of: order))
    }

    @Sendable func update(req: Request, user: CurrentUser) async throws -> Response {
        let (order, person) = try await loadOrder(req, action: nil)
        let state = FormState(request: req, fields: Self.fields, dates: Self.dates, listFields: ["requirements"])
        guard let version = Int(state["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version") }
        do {
            _ = try await OrdersService.update(order.id, Self.draft(state), version: version, reason: state["correctionReason"], on: req)
            Flash.set("Order updated", on: req)
            return req.redirect(to: SitePath.personOrders(person.id).url)
        } catch let failure as ValidationFailure {
            var state = state
            state.errors = failure.errors
            return form(req, person: person, order: order, state: state, status: .unprocessableEntity)
        } catch is VersionConflict {
            let current = try await OrderRepository.find(id: order.id, on: req.db) ?? order
            return form(req, person: person, order: current, state: Self.state(of: current), conflict: true, status: .conflict)
        }
    }
}
