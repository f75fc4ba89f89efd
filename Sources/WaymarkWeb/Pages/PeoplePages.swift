import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Find, add, view and change people on probation.
struct PeoplePages: RouteCollection {
    static let pageSize = 25

    func boot(routes: any RoutesBuilder) throws {
        let p = PathParameter.person.placeholder
        routes.on(.GET, SitePath.people.route, needs: .searchPeople, signedIn: list)
        routes.on(.GET, SitePath.newPerson.route, needs: .createPerson, signedIn: new)
        routes.on(.POST, SitePath.newPerson.route, needs: .createPerson, signedIn: create)
        routes.on(.GET, SitePath.person(p).route, needs: .viewPerson, signedIn: show)
        routes.on(.GET, SitePath.editPerson(p).route, needs: .editPerson, signedIn: edit)
        routes.on(.POST, SitePath.editPerson(p).route, needs: .editPerson, signedIn: update)
    }

    // MARK: List and search

    @Sendable func list(req: Request, user: CurrentUser) async throws -> Response {
        let q = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        let cursor = req.query[String.self, at: "cursor"]
        let page = try await PeopleService.search(q, cursor: cursor, limit: Self.pageSize, on: req)
        let areas = try await OrganisationRepository.areas(on: req.db)
        let units = Dictionary(uniqueKeysWithValues: areas.flatMap(\.deliveryUnits).map { ($0.id, $0.name) })
        let names = try await UserRepository.names(ids: Set(page.items.compactMap(\.0.practitionerID)), on: req.db)
        let rows: [[Body]] = page.items.map { person, access in
            let d = person.details
            return [
                H.link(d.lastName + ", " + d.firstName, to: SitePath.person(person.id).url),
                .text(d.crn?.value ?? "–"),
                .text(access == .full ? d.dateOfBirth.long : "Not shown"),
                .text(units[d.deliveryUnitID] ?? ""),
                .text(person.practitionerID.flatMap { names[$0] } ?? "Not allocated"),
            ]
        }
        var nextURL: String?
        if let next = page.next {
            var components = URLComponents()
            components.path = SitePath.people.url
            components.queryItems = [URLQueryItem(name: "q", value: q), URLQueryItem(name: "cursor", value: next.token)]
            nextURL = components.string
        }
        var content: [Body] = [
            UI.heading("People"),
            H.el("form", [("method", "get"), ("action", SitePath.people.url), ("class", "wm-filter"), ("role", "search")], [
                Form.text("q", label: "Search by name or CRN", value: q, hint: "For example, Smith or X123456",
                          error: nil, width: "20", spellcheck: false),
                Form.button("Search", secondary: true),
            ]),
        ]
        if Policy.permits(user.role, .createPerson) {
            content.append(Form.buttonLink("Add a person", to: SitePath.newPerson.url))
        }
        if rows.isEmpty {
            content.append(UI.p(q.isEmpty
                ? "No people yet. Add a person to start their record."
                : "No people match ‘\(q)’. Check the spelling, or search by CRN."))
        } else {
            let caption = q.isEmpty ? (user.role == .practitioner ? "People in your areas and your caseload" : "People in your areas")
                                    : "People matching ‘\(q)’"
            content.append(UI.table(caption: caption, columns: [
                .init(title: "Name", sortable: true), .init(title: "CRN"), .init(title: "Date of birth"),
                .init(title: "Delivery unit"), .init(title: "Practitioner"),
            ], rows: rows, sortable: true))
            content.append(UI.pagination(next: nextURL, previous: cursor == nil ? nil : (q.isEmpty ? SitePath.people.url : SitePath.people.url + "?q=" + (q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))))
        }
        return Layout.render(PageFrame(req, title: "People", section: .people), content)
    }

    // MARK: Add

    @Sendable func new(req: Request, user: CurrentUser) async throws -> Response {
        try await form(req, state: FormState(), person: nil)
    }

    static let fields = ["crn", "firstName", "lastName", "gender", "areaId", "deliveryUnitId", "practitionerId", "version", "correctionReason"]

    static func draft(_ state: FormState) -> PersonDraft {
        // The delivery unit select names units across areas as "areaID|unitID" so one list serves all areas.
        let (area, unit) = splitUnit(state["deliveryUnitId"], fallbackArea: state["areaId"])
        return PersonDraft(crn: state["crn"], firstName: state["firstName"], lastName: state["lastName"],
                           dateOfBirth: state.dateInput("dateOfBirth"), gender: state["gender"],
                           areaID: area, deliveryUnitID: unit)
    }

    /// The form picks area and delivery unit in one select, so an area error belongs to that field.
    static func formErrors(_ failure: ValidationFailure) -> [FieldError] {
        let hasUnitError = failure.errors.contains { $0.field == "deliveryUnitId" }
        return failure.errors.compactMap { error in
            guard error.field == "areaId" else { return error }
            return hasUnitError ? nil : FieldError("deliveryUnitId", error.message)
        }
    }

    static func splitUnit(_ value: String, fallbackArea: String) -> (String, String) {
        let parts = value.split(separator: "|").map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : (fallbackArea, value)
    }

    @Sendable func create(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: Self.fields, dates: ["dateOfBirth"])
        do {
            let person = try await PeopleService.create(Self.draft(state), practitioner: state.values["practitionerId"], on: req)
            Flash.set("\(person.details.fullName) has been added", on: req)
            return req.redirect(to: SitePath.person(person.id).url)
        } catch let failure as ValidationFailure {
            var state = state
            state.errors = Self.formErrors(failure)
            return try await form(req, state: state, person: nil, status: .unprocessableEntity)
        }
    }

    func form(_ req: Request, state: FormState, person: Person?, conflict: Bool = false,
              status: HTTPStatus = .ok) async throws -> Response {
        let user = try req.user
        let areas = try await PeopleService.placementAreas(for: user, keeping: person, on: req.db)
        let title = person == nil ? "Add a person on probation" : "Change \(person!.details.fullName)’s details"
        var frame = PageFrame(req, title: title, section: .people)
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = person.map { SitePath.person($0.id).url } ?? SitePath.people.url
        let unitOptions: [Form.Option] = areas.flatMap { area in
            area.deliveryUnits.map { Form.Option(value: "\(area.id)|\($0.id)", label: "\($0.name) (\(area.name))") }
        }
        let selectedUnit = state["deliveryUnitId"].contains("|") ? state["deliveryUnitId"]
            : "\(state["areaId"])|\(state["deliveryUnitId"])"
        var fields: [Body] = [
            Form.csrf(CSRF.token(for: req)),
            person.map { Form.hidden("version", String($0.version)) } ?? .empty,
            Form.text("firstName", label: "First name", value: state["firstName"], error: state.error("firstName"),
                      width: "20", spellcheck: false),
            Form.text("lastName", label: "Last name", value: state["lastName"], error: state.error("lastName"),
                      width: "20", spellcheck: false),
            Form.text("crn", label: "Case reference number (CRN) (optional)", value: state["crn"],
                      hint: "One letter and six digits, as in the national case system. For example, X123456",
                      error: state.error("crn"), width: "10", spellcheck: false),
            Form.date("dateOfBirth", legend: "Date of birth", hint: "For example, 27 3 1985", state: state),
            Form.radios("gender", legend: "Gender", options: Gender.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                        selected: state["gender"].isEmpty ? Gender.notStated.rawValue : state["gender"],
                        error: state.error("gender"), inline: true),
            Form.select("deliveryUnitId", label: "Probation delivery unit", options: unitOptions, selected: selectedUnit,
                        error: state.error("deliveryUnitId") ?? state.error("areaId")),
        ]
        if user.role != .practitioner {
            let practitioners = try await PeopleService.practitioners(in: Set(areas.map(\.id)), on: req.db)
            fields.append(Form.select("practitionerId", label: "Probation practitioner (optional)",
                                      options: practitioners.map { .init(value: $0.id, label: $0.name) },
                                      selected: state["practitionerId"], hint: "They must work in the person’s area",
                                      error: state.error("practitionerId"), blank: "Not allocated yet"))
        }
        if person != nil {
            fields.append(Form.textarea("correctionReason", label: "Why is this being changed? (optional)", value: state["correctionReason"],
                                        hint: "For example, ‘Date of birth corrected from their passport’. What it said before is kept.",
                                        error: state.error("correctionReason"), maxLength: 500, rows: 2))
        }
        fields.append(Form.button(person == nil ? "Add person" : "Save changes"))
        var content: [Body] = [Form.errorSummary(state.errors, dateFields: ["dateOfBirth"], firstOptions: ["gender": Gender.female.rawValue])]
        if conflict {
            content.append(UI.warning("Someone else changed this record while you were editing it. The form now shows their version: make your changes again, then save."))
        }
        content.append(UI.heading(title))
        content.append(H.el("form", [("method", "post"), ("novalidate", "novalidate"),
                                     ("action", person.map { SitePath.editPerson($0.id).url } ?? SitePath.newPerson.url)], fields))
        return Layout.renderForm(frame, status: status, content)
    }

    // MARK: View

    @Sendable func show(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.person)
        let (person, access) = try await PeopleService.load(id, for: .viewPerson, minimum: .summary, action: "person.view", on: req)
        let record = try await PersonRecordFrame.load(person, access: access, on: req.db)
        let canEdit = Policy.access(user.actor, to: person.scope, for: .editPerson) == .full
        let d = person.details
        let change: (String) -> (href: String, hidden: String)? = { hidden in
            canEdit ? (SitePath.editPerson(person.id).url, hidden) : nil
        }
        var rows: [UI.Row] = [
            .init(key: "Name", value: .text(d.fullName), change: change("name")),
            .init(key: "CRN", value: .text(d.crn?.value ?? "Not known"), change: change("CRN")),
        ]
        if access == .full {
            rows.append(.init(key: "Date of birth", value: .text(d.dateOfBirth.long), change: change("date of birth")))
            rows.append(.init(key: "Gender", value: .text(d.gender.label), change: change("gender")))
        }
        rows.append(.init(key: "Probation delivery unit", value: .text("\(record.deliveryUnitName), \(record.areaName)"),
                          change: change("probation delivery unit")))
        rows.append(.init(key: "Practitioner", value: .text(record.practitionerName ?? "Not allocated"),
                          change: user.role == .practitioner ? nil : change("practitioner")))
        var content = record.header(.overview, today: req.today)
        if access == .summary {
            content.append(UI.inset([UI.p("This person is not on your caseload, so you can see a summary only. Their practitioner or a coordinator can see the full record.")]))
        }
        content.append(H.el("h2", [("class", "wm-heading-m")], "Personal details"))
        content.append(UI.summaryList(rows))
        if access == .full {
            content += try await mentoringSection(req, person, user: user)
            content += try await correctionsSection(req, person)
        }
        var frame = PageFrame(req, title: d.fullName, section: .people)
        frame.breadcrumbs = [("Home", SitePath.home.url), ("People", SitePath.people.url)]
        return Layout.render(frame, content)
    }

    /// Corrections keep what the record said before, so a dispute can be answered.
    func correctionsSection(_ req: Request, _ person: Person) async throws -> [Body] {
        let corrections = try await DataProtectionRepository.corrections(personID: person.id, on: req.db)
        guard !corrections.isEmpty else { return [] }
        let names = try await UserRepository.names(ids: Set(corrections.map(\.byID)), on: req.db)
        return [H.el("h2", [("class", "wm-heading-m")], "Corrections"),
                UI.table(caption: "Changes to this record, newest first", columns: [
                    .init(title: "Date"), .init(title: "What"), .init(title: "Was"), .init(title: "Now"), .init(title: "Why"), .init(title: "By"),
                ], rows: corrections.map { c in
                    [.text(c.on.long), .text((c.recordType == "order" ? "Order: " : "") + c.change.label), .text(c.change.previous.nonEmpty ?? "(empty)"),
                     .text(c.change.new.nonEmpty ?? "(empty)"), .text(c.reason ?? "Not given"), .text(names[c.byID] ?? "Unknown")]
                })]
    }

    /// The person's single record shows their whole journey: from person on probation to mentor to employee.
    func mentoringSection(_ req: Request, _ person: Person, user: CurrentUser) async throws -> [Body] {
        var section: [Body] = [H.el("h2", [("class", "wm-heading-m")], "Peer mentoring")]
        if let mentor = try await MentorRepository.find(personID: person.id, on: req.db) {
            let canView = Policy.access(user.actor, to: MentorService.scope(mentor, person), for: .viewMentors) == .full
            section.append(UI.summaryList([
                .init(key: "Mentor journey", value: H.group([MentorRecordFrame.stateTag(mentor.state),
                                                             .text(" since being recommended on \(mentor.recommendedOn.long)")])),
            ]))
            if canView { section.append(H.el("p", [("class", "wm-body")], [H.link("View their mentor journey", to: SitePath.mentor(mentor.id).url)])) }
        } else if let referral = try await ReferralRepository.forPerson(person.id, on: req.db).first {
            section.append(UI.summaryList([
                .init(key: "Referral for a mentor", value: H.group([UI.tag(referral.state.label, "blue"), .text(" since \(referral.referredOn.long)")])),
            ]))
            section.append(H.el("p", [("class", "wm-body")], [H.link("View the referral", to: SitePath.referral(referral.id).url)]))
        } else if Policy.access(user.actor, to: person.scope, for: .recommendMentor) == .full {
            section.append(UI.p("Have they turned their life around? They could help others as a peer mentor."))
            section.append(Form.buttonLink("Recommend as a peer mentor", to: SitePath.recommend(person.id).url, secondary: true))
            section.append(UI.p("Or, if they would benefit from a mentor’s support:"))
            section.append(Form.buttonLink("Refer for a peer mentor", to: SitePath.newReferral(person.id).url, secondary: true))
        } else {
            section.append(UI.p("Not on the mentor journey."))
        }
        if Policy.access(user.actor, to: person.scope, for: .manageCaseStudies) == .full {
            let studies = try await CaseStudyRepository.list(areas: [person.details.areaID], personID: person.id, on: req.db)
            section.append(H.el("h3", [("class", "wm-heading-s")], "Case studies and quotes"))
            if !studies.isEmpty {
                section.append(H.el("ul", [("class", "wm-list")], studies.map { s in
                    H.el("li", [], [H.link("\(s.kind.label) as ‘\(s.pseudonym)’", to: SitePath.caseStudy(s.id).url), .text(" – \(s.state.label.lowercased())")])
                }))
            }
            section.append(Form.buttonLink("Add a case study or quote", to: SitePath.newCaseStudy(person.id).url, secondary: true))
        }
        return section
    }

    // MARK: Change

    static func state(of person: Person) -> FormState {
        let d = person.details
        var values = ["crn": d.crn?.value ?? "", "firstName": d.firstName, "lastName": d.lastName, "gender": d.gender.rawValue,
                      "areaId": d.areaID, "deliveryUnitId": "\(d.areaID)|\(d.deliveryUnitID)",
                      "practitionerId": person.practitionerID ?? ""]
        values.merge(FormState.dateValues("dateOfBirth", d.dateOfBirth)) { $1 }
        return FormState(values: values)
    }

    @Sendable func edit(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.person)
        let (person, _) = try await PeopleService.load(id, for: .editPerson, action: "person.view", on: req)
        return try await form(req, state: Self.state(of: person), person: person)
    }

    @Sendable func update(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.person)
        let state = FormState(request: req, fields: Self.fields, dates: ["dateOfBirth"])
        let (person, _) = try await PeopleService.load(id, for: .editPerson, action: nil, on: req)
        guard let version = Int(state["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version") }
        do {
            let saved = try await PeopleService.update(id, Self.draft(state), practitioner: state.values["practitionerId"], version: version,
                                                       reason: state["correctionReason"], on: req)
            Flash.set("\(saved.details.fullName)’s details have been updated", on: req)
            return req.redirect(to: SitePath.person(saved.id).url)
        } catch let failure as ValidationFailure {
            var state = state
            state.errors = Self.formErrors(failure)
            return try await form(req, state: state, person: person, status: .unprocessableEntity)
        } catch is VersionConflict {
            let current = try await PeopleRepository.find(id: id, on: req.db) ?? person
            return try await form(req, state: Self.state(of: current), person: current, conflict: true, status: .conflict)
        }
    }
}
