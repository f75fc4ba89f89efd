import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// A person's risk: the current assessment, when it is due for review, and how it has moved.
struct RiskPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let p = PathParameter.person.placeholder
        routes.on(.GET, SitePath.personRisk(p).route, needs: .viewRisk, signedIn: show)
        routes.on(.GET, SitePath.newRisk(p).route, needs: .recordRisk, signedIn: new)
        routes.on(.POST, SitePath.newRisk(p).route, needs: .recordRisk, signedIn: create)
    }

    @Sendable func show(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.person)
        let (person, access) = try await PeopleService.load(id, for: .viewRisk, action: "risk.view", on: req)
        let record = try await PersonRecordFrame.load(person, access: access, on: req.db)
        let history = try await RiskRepository.history(personID: person.id, on: req.db)
        let recorders = try await UserRepository.names(ids: Set(history.map(\.recordedByID)), on: req.db)
        let canRecord = Policy.access(user.actor, to: person.scope, for: .recordRisk) == .full
        var content = record.header(.risk, today: req.today)
        content.append(H.el("h2", [("class", "wm-heading-m")], "Current risk"))
        if let current = history.first?.details {
            if current.reviewOverdue(today: req.today) {
                content.append(UI.warning("The risk review was due on \(current.nextReviewDate.long). Record a review before relying on this assessment."))
            }
            content.append(UI.summaryList([
                .init(key: "Risk of serious harm (RoSH)", value: .text(current.rosh.label)),
                .init(key: "MAPPA", value: .text(current.isMAPPA ? RiskDetails.mappaText(current.mappaCategory, current.mappaLevel).capitalisedFirst : "Not managed under MAPPA")),
                .init(key: "Tier", value: .text(current.tier ?? "Not recorded")),
                .init(key: "Safeguarding flags", value: current.safeguardingFlags.isEmpty ? .text("None")
                      : H.el("ul", [("class", "wm-list")], current.safeguardingFlags.map { H.el("li", [], $0.label) })),
                .init(key: "Assessed on", value: .text(current.assessedOn.long)),
                .init(key: "Next review", value: .text(current.nextReviewDate.long)),
                .init(key: "Notes", value: .text(current.notes ?? "None")),
            ]))
        } else {
            content.append(UI.p("No risk assessment recorded yet."))
        }
        if canRecord { content.append(Form.buttonLink("Record a risk review", to: SitePath.newRisk(person.id).url)) }
        if !history.isEmpty {
            var previous: [RiskDetails?] = history.dropFirst().map(\.details)
            previous.append(nil)
            content.append(UI.table(caption: "Risk history", columns: [
                .init(title: "Assessed on"), .init(title: "RoSH"), .init(title: "What changed"), .init(title: "Recorded by"),
            ], rows: zip(history, previous).map { assessment, before in
                [.text(assessment.details.assessedOn.long), .text(assessment.details.rosh.label),
                 .text(assessment.details.changes(from: before).joined(separator: "; ")),
                 .text(recorders[assessment.recordedByID] ?? "Unknown")]
            }))
        }
        var frame = PageFrame(req, title: "Risk – \(person.details.fullName)", section: .people)
        frame.breadcrumbs = [("Home", SitePath.home.url), ("People", SitePath.people.url),
                             (person.details.fullName, SitePath.person(person.id).url)]
        return Layout.render(frame, content)
    }

    static let fields = ["rosh", "mappaCategory", "mappaLevel", "tier", "notes", "basedOn"]
    static let dates = ["assessedOn", "nextReviewDate"]

    func form(_ req: Request, person: Person, basedOn: Int, state: FormState, conflict: Bool = false,
              status: HTTPStatus = .ok) -> Response {
        var frame = PageFrame(req, title: "Record a risk review – \(person.details.fullName)", section: .people)
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.personRisk(person.id).url
        var content: [Body] = [Form.errorSummary(state.errors, dateFields: Set(Self.dates),
                                                 firstOptions: ["rosh": RoSH.low.rawValue, "safeguardingFlags": SafeguardingFlag.childConcerns.rawValue])]
        if conflict {
            content.append(UI.warning("Someone else recorded a risk review while you were writing this one. Check their review on the risk page, then record yours again."))
        }
        content.append(UI.heading("Record a risk review", caption: person.details.fullName))
        content.append(H.el("form", [("method", "post"), ("action", SitePath.newRisk(person.id).url), ("novalidate", "novalidate")], [
            Form.csrf(CSRF.token(for: req)),
            Form.hidden("basedOn", String(basedOn)),
            Form.radios("rosh", legend: "Risk of serious harm (RoSH)", options: RoSH.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                        selected: state["rosh"], error: state.error("rosh")),
            Form.text("mappaCategory", label: "MAPPA category (optional)", value: state["mappaCategory"],
                      hint: "1 to 4. Leave empty if not managed under MAPPA", error: state.error("mappaCategory"), width: "2"),
            Form.text("mappaLevel", label: "MAPPA level (optional)", value: state["mappaLevel"], hint: "1 to 3",
                      error: state.error("mappaLevel"), width: "2"),
            Form.text("tier", label: "Tier (optional)", value: state["tier"], hint: "For example, B2", error: state.error("tier"), width: "2"),
            Form.checkboxes("safeguardingFlags", legend: "Safeguarding flags",
                            options: SafeguardingFlag.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                            selected: state.list("safeguardingFlags"), hint: "Select all that apply", error: state.error("safeguardingFlags")),
            Form.date("assessedOn", legend: "Date of the assessment", hint: "For example, 12 11 2026", state: state),
            Form.date("nextReviewDate", legend: "Next review date", hint: nil, state: state),
            Form.textarea("notes", label: "Notes (optional)", value: state["notes"], error: state.error("notes")),
            Form.button("Record risk review"),
        ]))
        return Layout.renderForm(frame, status: status, content)
    }

    @Sendable func new(req: Request, user: CurrentUser) async throws -> Response {
        let (person, _) = try await PeopleService.load(try req.parameter(.person), for: .recordRisk, action: "risk.view", on: req)
        let current = try await RiskRepository.history(personID: person.id, on: req.db).first
        var state = FormState()
        if let c = current?.details {
            state.values = ["rosh": c.rosh.rawValue, "mappaCategory": c.mappaCategory.map(String.init) ?? "",
                            "mappaLevel": c.mappaLevel.map(String.init) ?? "", "tier": c.tier ?? ""]
            state.lists = ["safeguardingFlags": c.safeguardingFlags.map(\.rawValue)]
        }
        state.values.merge(FormState.dateValues("assessedOn", req.today)) { $1 }
        return form(req, person: person, basedOn: current?.version ?? 0, state: state)
    }

    @Sendable func create(req: Request, user: CurrentUser) async throws -> Response {
        let personID = try req.parameter(.person)
        let state = FormState(request: req, fields: Self.fields, dates: Self.dates, listFields: ["safeguardingFlags"])
        let draft = RiskDraft(rosh: state["rosh"], mappaCategory: state["mappaCategory"], mappaLevel: state["mappaLevel"],
                              tier: state["tier"], safeguardingFlags: state.list("safeguardingFlags"),
                              assessedOn: state.dateInput("assessedOn"), nextReviewDate: state.dateInput("nextReviewDate"),
                              notes: state["notes"])
        let basedOn = Int(state["basedOn"]) ?? 0
        do {
            _ = try await RiskService.record(draft, personID: personID, basedOnVersion: basedOn, on: req)
            Flash.set("Risk review recorded", on: req)
            return req.redirect(to: SitePath.personRisk(personID).url)
        } catch let failure as ValidationFailure {
            let (person, _) = try await PeopleService.load(personID, for: .recordRisk, action: nil, on: req)
            var state = state
            state.errors = failure.errors
            return form(req, person: person, basedOn: basedOn, state: state, status: .unprocessableEntity)
        } catch let conflict as VersionConflict {
            let (person, _) = try await PeopleService.load(personID, for: .recordRisk, action: nil, on: req)
            return form(req, person: person, basedOn: conflict.current, state: state, conflict: true, status: .conflict)
        }
    }
}
