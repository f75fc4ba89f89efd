import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// A mentor's profile (what matching will use), high-risk clearance, sign-in link and supervision.
struct ProfilePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let m = PathParameter.mentor.placeholder
        routes.on(.GET, SitePath.mentorPage(m, .profile).route, needs: .viewMentors, signedIn: profile)
        routes.on(.GET, SitePath.mentorPage(m, .profileEdit).route, needs: .editMentorProfile, signedIn: edit)
        routes.on(.POST, SitePath.mentorPage(m, .profileEdit).route, needs: .editMentorProfile, signedIn: update)
        routes.on(.POST, SitePath.mentorPage(m, .clearance).route, needs: .editMentorProfile, signedIn: clearance)
        routes.on(.POST, SitePath.mentorPage(m, .account).route, needs: .editMentorProfile, signedIn: account)
        routes.on(.POST, SitePath.mentorPage(m, .invitationConsent).route, needs: .editMentorProfile, signedIn: invitationConsent)
        routes.on(.POST, SitePath.mentorPage(m, .supervision).route, needs: .recordSupervision, signedIn: supervision)
    }

    @Sendable func profile(req: Request, user: CurrentUser) async throws -> Response {
        let (mentor, person) = try await MentorService.load(try req.parameter(.mentor), for: .viewMentors, action: "mentor.view", on: req)
        return try await profilePage(req, mentor, person, errors: [])
    }

    func profilePage(_ req: Request, _ mentor: Mentor, _ person: Person, errors: [FieldError], status: HTTPStatus = .ok) async throws -> Response {
        let p = mentor.profile
        let units = Dictionary(uniqueKeysWithValues: try await OrganisationRepository.areas(on: req.db).flatMap(\.deliveryUnits).map { ($0.id, $0.name) })
        let canEdit = req.can(.editMentorProfile, mentor, person)
        let change: (href: String, hidden: String)? = canEdit ? (SitePath.mentorPage(mentor.id, .profileEdit).url, "profile") : nil
        var content = try await MentorRecordFrame.header(mentor, person, tab: .profile, on: req)
        content.insert(Form.errorSummary(errors), at: 0)
        let account = try await mentor.userID.asyncMap { try await UserRepository.find(id: $0, on: req.db) } ?? nil
        content.append(UI.summaryList([
            .init(key: "Mentees at once", value: .text(String(p.capacity)), change: change),
            .init(key: "Available", value: p.availability.isEmpty ? .text("Not given") : .text(p.availability.map(\.label).joined(separator: ", ")), change: change),
            .init(key: "Can travel to", value: .text(p.deliveryUnitIDs.compactMap { units[$0] }.joined(separator: ", ").nonEmpty ?? "Not given"), change: change),
            .init(key: "Languages", value: .text(p.languages.joined(separator: ", ")), change: change),
            .init(key: "Lived experience", value: .text(p.livedExperience.map(\.label).joined(separator: ", ").nonEmpty ?? "Not given"), change: change),
            .init(key: "Gender", value: .text(person.details.gender.label)),
            .init(key: "High-risk mentees", value: .text(mentor.clearedForHighRiskOn.map { "Cleared by a coordinator on \($0.long)" } ?? "Not cleared")),
            .init(key: "Sign-in", value: .text(account?.email ?? "Not linked")),
        ] + (req.can(.reviewMentorRisk, mentor, person) ? [
            .init(key: "Must not meet", value: .text(String(try await MentorExclusionRepository.exclusions(mentorIDs: [mentor.id], on: req.db)[mentor.id]?.count ?? 0)
                                                    + " people (they are kept out of sessions this mentor facilitates)"),
                  change: (SitePath.mentorExclusions(mentor.id).url, "must-not-meet list")),
        ] : [])))
        let named = try await SiteInformationRepository.namedOnInvitations(mentorIDs: [mentor.id], on: req.db).contains(mentor.id)
        content.append(UI.summaryList([
            .init(key: "First name on invitations", value: .text(named ? "Yes: they agreed their first name may appear on session invitations"
                                                                       : "No: invitations say “a peer mentor”")),
        ]))
        if canEdit {
            content.append(H.el("form", [("method", "post"), ("action", SitePath.mentorPage(mentor.id, .invitationConsent).url)], [
                Form.csrf(CSRF.token(for: req)),
                Form.hidden("agreed", named ? "no" : "yes"),
                Form.button(named ? "They no longer agree to be named on invitations" : "They agree to be named on invitations", secondary: true),
            ]))
            content.append(H.el("form", [("method", "post"), ("action", SitePath.mentorPage(mentor.id, .clearance).url)], [
                Form.csrf(CSRF.token(for: req)),
                Form.hidden("version", String(mentor.version)),
                Form.hidden("cleared", mentor.clearedForHighRiskOn == nil ? "yes" : "no"),
                Form.button(mentor.clearedForHighRiskOn == nil ? "Clear for high-risk mentees" : "Withdraw high-risk clearance", secondary: true),
            ]))
            content.append(H.el("form", [("method", "post"), ("action", SitePath.mentorPage(mentor.id, .account).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.text("email", label: "Link their sign-in", value: account?.email ?? "", hint: "The email of a peer mentor user account, so they can see their own journey",
                          error: errors.first { $0.field == "email" }?.message, width: "30", type: "email", spellcheck: false),
                Form.button("Link sign-in", secondary: true),
            ]))
        }
        if req.can(.recordSupervision, mentor, person) {
            let sessions = try await VolunteeringRepository.supervisions(mentorID: mentor.id, on: req.db)
            let names = try await UserRepository.names(ids: Set(sessions.map(\.byID)), on: req.db)
            content.append(H.el("h2", [("class", "wm-heading-m")], "Supervision"))
            if sessions.isEmpty { content.append(UI.p("No supervision sessions recorded.")) } else {
                content.append(UI.table(caption: "Supervision sessions", columns: [.init(title: "Date"), .init(title: "With"), .init(title: "Notes")],
                                        rows: sessions.map { [.text($0.on.long), .text(names[$0.byID] ?? ""), .text($0.notes)] }))
            }
            let state = FormState(values: FormState.dateValues("heldOn", req.today), errors: errors)
            content.append(H.el("form", [("method", "post"), ("action", SitePath.mentorPage(mentor.id, .supervision).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.date("heldOn", legend: "Date of the supervision", hint: nil, state: state),
                Form.textarea("notes", label: "Notes", value: "", error: state.error("notes"), rows: 3),
                Form.button("Record supervision", secondary: true),
            ]))
        }
        var frame = MentorRecordFrame.frame(req, person, title: "Profile")
        frame.hasErrors = !errors.isEmpty
        return Layout.render(frame, status: status, content)
    }

    static let fields = ["capacity", "languages", "version"]
    static let lists = ["availability", "deliveryUnitIds", "livedExperience"]

    @Sendable func edit(req: Request, user: CurrentUser) async throws -> Response {
        let (mentor, person) = try await MentorService.load(try req.parameter(.mentor), for: .editMentorProfile, action: "mentor.view", on: req)
        let p = mentor.profile
        return try await form(req, mentor, person, state: FormState(values: ["capacity": String(p.capacity), "languages": p.languages.joined(separator: ", ")],
                                                                    lists: ["availability": p.availability.map(\.code), "deliveryUnitIds": p.deliveryUnitIDs,
                                                                            "livedExperience": p.livedExperience.map(\.rawValue)]))
    }

    func form(_ req: Request, _ mentor: Mentor, _ person: Person, state: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let area = try await OrganisationRepository.areas(on: req.db).first { $0.id == person.details.areaID }
        var frame = MentorRecordFrame.frame(req, person, title: "Change profile")
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.mentorPage(mentor.id, .profile).url
        return Layout.renderForm(frame, status: status, [
            Form.errorSummary(state.errors, firstOptions: ["availability": AvailabilitySlot.all[0].code, "deliveryUnitIds": area?.deliveryUnits.first?.id ?? "",
                                                           "livedExperience": LivedExperience.allCases[0].rawValue]),
            UI.heading("Change profile", caption: person.details.fullName),
            H.el("form", [("method", "post"), ("action", SitePath.mentorPage(mentor.id, .profileEdit).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.hidden("version", String(mentor.version)),
                Form.text("capacity", label: "How many mentees can they support at once?", value: state["capacity"], error: state.error("capacity"), width: "2"),
                Form.checkboxes("availability", legend: "When are they available?", options: AvailabilitySlot.all.map { .init(value: $0.code, label: $0.label) },
                                selected: state.list("availability"), hint: "Select all that apply", error: state.error("availability")),
                Form.checkboxes("deliveryUnitIds", legend: "Which delivery units can they travel to?",
                                options: (area?.deliveryUnits ?? []).map { .init(value: $0.id, label: $0.name) },
                                selected: state.list("deliveryUnitIds"), error: state.error("deliveryUnitIds")),
                Form.text("languages", label: "Languages they speak", value: state["languages"], hint: "Separate languages with commas, like English, Polish",
                          error: state.error("languages")),
                Form.checkboxes("livedExperience", legend: "Lived experience they can share",
                                options: LivedExperience.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                                selected: state.list("livedExperience"), hint: "Only what they have agreed to share", error: state.error("livedExperience")),
                Form.button("Save profile"),
            ]),
        ])
    }

    @Sendable func update(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.mentor)
        let state = FormState(request: req, fields: Self.fields, listFields: Self.lists)
        guard let version = Int(state["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version") }
        let draft = MentorProfileDraft(capacity: state["capacity"], availability: state.list("availability"), deliveryUnitIDs: state.list("deliveryUnitIds"),
                                       languages: state["languages"], livedExperience: state.list("livedExperience"))
        do {
            _ = try await MentorService.updateProfile(id, draft, version: version, on: req)
            Flash.set("Profile saved", on: req)
            return req.redirect(to: SitePath.mentorPage(id, .profile).url)
        } catch let failure as ValidationFailure {
            let (mentor, person) = try await MentorService.load(id, for: .editMentorProfile, action: nil, on: req)
            var state = state
            state.errors = failure.errors
            return try await form(req, mentor, person, state: state, status: .unprocessableEntity)
        } catch is VersionConflict {
            let (mentor, person) = try await MentorService.load(id, for: .editMentorProfile, action: nil, on: req)
            var state = state
            state.errors = [FieldError("capacity", "Someone else changed this profile while you were editing it. Check it, then save again.")]
            return try await form(req, mentor, person, state: state, status: .conflict)
        }
    }

    @Sendable func invitationConsent(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.mentor)
        let agreed = (try? req.content.get(String.self, at: "agreed")) == "yes"
        let (mentor, person) = try await MentorService.load(id, for: .editMentorProfile, action: nil, on: req)
        try await MentorService.write(mentor, person, action: "mentor.invitationConsent", detail: agreed ? "agreed" : "withdrawn", on: req) { tx in
            try await SiteInformationRepository.setNameOnInvitations(mentorID: mentor.id, agreed, on: tx)
        }
        Flash.set(agreed ? "Their first name will appear on invitations" : "Invitations will say “a peer mentor”", on: req)
        return req.redirect(to: SitePath.mentorPage(id, .profile).url)
    }

    @Sendable func clearance(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.mentor)
        let state = FormState(request: req, fields: ["version", "cleared"])
        guard let version = Int(state["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version") }
        let mentor = try await MentorService.setClearance(id, cleared: state["cleared"] == "yes", version: version, on: req)
        Flash.set(mentor.clearedForHighRiskOn == nil ? "High-risk clearance withdrawn" : "Cleared for high-risk mentees", on: req)
        return req.redirect(to: SitePath.mentorPage(id, .profile).url)
    }

    @Sendable func account(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.mentor)
        let (mentor, person) = try await MentorService.load(id, for: .editMentorProfile, action: nil, on: req)
        let email = FormState(request: req, fields: ["email"])["email"].trimmingCharacters(in: .whitespaces)
        guard let user = try await UserRepository.findModel(email: email, on: req.db), user.role == Role.mentor.rawValue,
              let account = try await UserRepository.account(user, on: req.db), account.areaIDs.contains(person.details.areaID) else {
            return try await profilePage(req, mentor, person, errors: [FieldError("email", "Enter the email of a peer mentor’s sign-in in \(person.details.fullName)’s area")], status: .unprocessableEntity)
        }
        if let other = try await MentorRepository.find(userID: user.id!.uuidString, on: req.db), other.id != mentor.id {
            return try await profilePage(req, mentor, person, errors: [FieldError("email", "That sign-in is already linked to another mentor")], status: .unprocessableEntity)
        }
        try await MentorService.write(mentor, person, action: "mentor.linkAccount", on: req) { tx in
            try await MentorRepository.linkUser(id: mentor.id, userID: user.id!.uuidString, on: tx)
        }
        Flash.set("Sign-in linked", on: req)
        return req.redirect(to: SitePath.mentorPage(id, .profile).url)
    }

    @Sendable func supervision(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.mentor)
        let state = FormState(request: req, fields: ["notes"], dates: ["heldOn"])
        do {
            try await MentorService.addSupervision(id, heldOn: state.dateInput("heldOn"), notes: state["notes"], on: req)
            Flash.set("Supervision recorded", on: req)
            return req.redirect(to: SitePath.mentorPage(id, .profile).url)
        } catch let failure as ValidationFailure {
            let (mentor, person) = try await MentorService.load(id, for: .viewMentors, action: nil, on: req)
            return try await profilePage(req, mentor, person, errors: failure.errors, status: .unprocessableEntity)
        }
    }
}

extension Optional {
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        switch self {
        case .some(let value): return try await transform(value)
        case .none: return nil
        }
    }
}
