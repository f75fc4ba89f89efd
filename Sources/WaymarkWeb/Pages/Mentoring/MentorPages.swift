import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Candidates and mentors: the list, a practitioner's recommendation, and the journey tab
/// (eligibility explained, checks, moves and their timeline).
struct MentorPages: RouteCollection {
    static let pageSize = 25

    func boot(routes: any RoutesBuilder) throws {
        let m = PathParameter.mentor.placeholder
        routes.on(.GET, SitePath.mentors.route, needs: .viewMentors, signedIn: list)
        routes.on(.GET, SitePath.myJourney.route, needs: .viewMentors, signedIn: myJourney)
        routes.on(.GET, SitePath.recommend(PathParameter.person.placeholder).route, needs: .recommendMentor, signedIn: recommendForm)
        routes.on(.POST, SitePath.recommend(PathParameter.person.placeholder).route, needs: .recommendMentor, signedIn: recommend)
        routes.on(.GET, SitePath.mentor(m).route, needs: .viewMentors, signedIn: journey)
        routes.on(.POST, SitePath.mentorPage(m, .move).route, needs: .moveMentor, signedIn: move)
        routes.on(.GET, SitePath.mentorPage(m, .riskReview).route, needs: .reviewMentorRisk, signedIn: riskReviewForm)
        routes.on(.POST, SitePath.mentorPage(m, .riskReview).route, needs: .reviewMentorRisk, signedIn: riskReview)
        routes.on(.GET, SitePath.mentorPage(m, .declarations).route, needs: .recordDeclarations, signedIn: declarationsForm)
        routes.on(.POST, SitePath.mentorPage(m, .declarations).route, needs: .recordDeclarations, signedIn: declarations)
    }

    // MARK: List

    @Sendable func list(req: Request, user: CurrentUser) async throws -> Response {
        let rawState = req.query[String.self, at: "state"] ?? ""
        let state = MentorState(rawValue: rawState)
        let cursor = req.query[String.self, at: "cursor"]
        let page = try await MentorRepository.list(visibility: MentorAPIRoutes.visibility(user), state: state,
                                                   after: cursor.flatMap(PeopleCursor.init(token:)), limit: Self.pageSize, on: req.db)
        if !page.items.isEmpty {
            try await req.auditList(actorID: user.id, action: "mentor.list", recordType: "mentor", personIDs: page.items.map(\.1.id))
        }
        var content: [Body] = [UI.heading(user.role == .practitioner ? "Mentor candidates from your caseload" : "Mentors and candidates")]
        if user.role == .coordinator {
            let counts = try await MentorRepository.countByState(areas: user.actor.areaIDs, on: req.db)
            content.append(UI.table(caption: "How many are at each stage", columns: MentorState.allCases.map { .init(title: $0.label, numeric: true) },
                                    rows: [MentorState.allCases.map { .text(String(counts[$0] ?? 0)) }]))
            let trained = try await MentorRepository.trainedWithOffences(areas: user.actor.areaIDs, on: req.db)
            content.append(UI.inset([UI.p("\(trained.count) \(trained.count == 1 ? "person has" : "people have") completed mentor training; "
                + "\(Reoffending.reoffendedAfterTraining(trained)) of them reoffended after training (from further offences practitioners recorded).")]))
        }
        content.append(H.el("form", [("method", "get"), ("action", SitePath.mentors.url), ("class", "wm-filter")], [
            Form.select("state", label: "Show", options: MentorState.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                        selected: state?.rawValue ?? "", error: nil, blank: "Everyone"),
            Form.button("Filter", secondary: true),
        ]))
        if page.items.isEmpty {
            content.append(UI.p(user.role == .practitioner
                ? "No one from your caseload has been recommended yet. Recommend someone from their record: open the person, then ‘Recommend as a peer mentor’."
                : "No one matches. Practitioners recommend candidates from their caseload; they appear here."))
        } else {
            content.append(UI.table(caption: state.map { "\($0.label)" } ?? "Everyone on the mentor journey", columns: [
                .init(title: "Name"), .init(title: "Stage"), .init(title: "Recommended on"), .init(title: "Capacity", numeric: true),
            ], rows: page.items.map { mentor, person in
                [H.link(person.details.lastName + ", " + person.details.firstName, to: SitePath.mentor(mentor.id).url),
                 MentorRecordFrame.stateTag(mentor.state), .text(mentor.recommendedOn.long), .text(String(mentor.profile.capacity))]
            }))
            var next: String?
            if let cursor = page.next {
                var c = URLComponents()
                c.path = SitePath.mentors.url
                c.queryItems = [URLQueryItem(name: "state", value: rawState), URLQueryItem(name: "cursor", value: cursor.token)]
                next = c.string
            }
            content.append(UI.pagination(next: next, previous: cursor == nil ? nil : SitePath.mentors.url))
        }
        return Layout.render(PageFrame(req, title: "Mentors", section: .mentors), content)
    }

    @Sendable func myJourney(req: Request, user: CurrentUser) async throws -> Response {
        guard let mentor = try await MentorRepository.find(userID: user.id, on: req.db) else {
            return Layout.render(PageFrame(req, title: "My journey", section: .myJourney), [
                UI.heading("My journey"),
                UI.p("Your sign-in is not linked to a mentor record yet. Ask your peer mentor coordinator to link it."),
            ])
        }
        return req.redirect(to: SitePath.mentor(mentor.id).url)
    }

    // MARK: Recommendation

    @Sendable func recommendForm(req: Request, user: CurrentUser) async throws -> Response {
        let (person, _) = try await PeopleService.load(try req.parameter(.person), for: .recommendMentor, action: "person.view", on: req)
        if let existing = try await MentorRepository.find(personID: person.id, on: req.db) {
            return req.redirect(to: SitePath.mentor(existing.id).url)
        }
        return try await recommendPage(req, person, state: FormState())
    }

    func recommendPage(_ req: Request, _ person: Person, state: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let settings = try await MentorService.settings(area: person.details.areaID, on: req)
        var frame = PageFrame(req, title: "Recommend \(person.details.fullName) as a peer mentor", section: .people)
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.person(person.id).url
        return Layout.renderForm(frame, status: status, [
            Form.errorSummary(state.errors),
            UI.heading("Recommend as a peer mentor", caption: person.details.fullName),
            UI.p("Peer mentors are people who have turned their lives around. They must have finished their order or licence in the last \(settings.eligibilityEndedWithinMonths) months, or be due to finish in the next \(settings.eligibilityEndingWithinMonths)."),
            H.el("form", [("method", "post"), ("action", SitePath.recommend(person.id).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.textarea("reason", label: "Why do you recommend them?", value: state["reason"],
                              hint: "What have they overcome, and what would they bring to others? You can enter up to \(InputRules.longTextLimit) characters",
                              error: state.error("reason")),
                Form.button("Recommend"),
            ]),
        ])
    }

    @Sendable func recommend(req: Request, user: CurrentUser) async throws -> Response {
        let personID = try req.parameter(.person)
        let state = FormState(request: req, fields: ["reason"])
        do {
            let mentor = try await MentorService.recommend(personID: personID, reason: state["reason"], on: req)
            Flash.set("Recommendation sent. The coordinator will check their eligibility.", on: req)
            return req.redirect(to: SitePath.mentor(mentor.id).url)
        } catch let failure as ValidationFailure {
            let (person, _) = try await PeopleService.load(personID, for: .recommendMentor, action: nil, on: req)
            var state = state
            state.errors = failure.errors
            return try await recommendPage(req, person, state: state, status: .unprocessableEntity)
        }
    }

    // MARK: Journey

    @Sendable func journey(req: Request, user: CurrentUser) async throws -> Response {
        let (mentor, person) = try await MentorService.load(try req.parameter(.mentor), for: .viewMentors, action: "mentor.view", on: req)
        return try await journeyPage(req, mentor, person, state: FormState())
    }

    func journeyPage(_ req: Request, _ mentor: Mentor, _ person: Person, state: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let file = try await MentorService.file(mentor, person, on: req)
        let moves = try await MentorRepository.moves(mentorID: mentor.id, on: req.db)
        let names = try await UserRepository.names(ids: Set(moves.map(\.byID) + file.reviews.map(\.byID) + [mentor.recommendedByID]), on: req.db)
        var content = try await MentorRecordFrame.header(mentor, person, tab: .journey, on: req)
        content.insert(Form.errorSummary(state.errors, firstOptions: ["to": file.allowedMoves.first?.rawValue ?? ""]), at: 0)

        content.append(H.el("h2", [("class", "wm-heading-m")], "Eligibility"))
        if file.eligibility.eligible {
            content.append(UI.inset([UI.p("Meets every eligibility rule.")]))
        } else {
            content.append(UI.p(mentor.state == .recommended || mentor.state == .ineligible || mentor.state == .eligible
                ? "Not eligible yet:" : "These rules are not met today:"))
            content.append(H.el("ul", [("class", "wm-list wm-list--bullet"), ("id", "eligibility-reasons")],
                                file.eligibility.reasons.map { H.el("li", [("data-code", $0.code.rawValue)], $0.message) }))
        }
        let staffView = (try req.user.role) != .mentor
        content.append(UI.summaryList([
            .init(key: "Recommended by", value: .text("\(names[mentor.recommendedByID] ?? "Unknown") on \(mentor.recommendedOn.long)")),
            .init(key: "Reason", value: .text(mentor.recommendationReason)),
        ]))
        // Risk reviews and declarations are staff's assessments: a mentor does not see them.
        if staffView { content.append(UI.summaryList([
            .init(key: "Risk reviews", value: file.reviews.isEmpty ? .text("None recorded") : H.el("ul", [("class", "wm-list")], file.reviews.map { r in
                H.el("li", [], "\(r.review.reviewerRole.label), \(names[r.byID] ?? "unknown"), \(r.review.reviewedOn.long): \(r.review.outcome.label)" + (r.review.notes.map { " – \($0)" } ?? ""))
            }), change: req.can(.reviewMentorRisk, mentor, person) ? (SitePath.mentorPage(mentor.id, .riskReview).url, "risk review") : nil),
            .init(key: "Declarations", value: .text(file.declarations.map {
                "\($0.declaredOn.long): " + ($0.noCurrentOffending ? "not currently offending" : "did not declare no current offending") + "; "
                    + ($0.freeFromIllicitDrugs ? "free from illicit drugs" : "did not declare free from illicit drugs")
            } ?? "None recorded"), change: req.can(.recordDeclarations, mentor, person) ? (SitePath.mentorPage(mentor.id, .declarations).url, "declarations") : nil),
        ])) }
        if staffView, req.can(.giveMentorSignIn, mentor, person) {
            content.append(UI.summaryList([.init(key: "Sign-in", value: mentor.userID != nil ? .text("Has a Waymark sign-in")
                : [.active, .paused].contains(mentor.state) ? H.link("Give \(person.details.firstName) a sign-in", to: SitePath.mentorSignIn(mentor.id).url)
                : .text("None yet: active mentors are given a sign-in"))]))
        }

        if req.can(.moveMentor, mentor, person) {
            let allowed = file.allowedMoves
            content.append(H.el("h2", [("class", "wm-heading-m")], "Move on the journey"))
            if allowed.isEmpty {
                content.append(UI.p(mentor.state.isFinished ? "Their journey with the service has ended." : "No move is possible yet: see what is missing above."))
            } else {
                content.append(H.el("form", [("method", "post"), ("action", SitePath.mentorPage(mentor.id, .move).url), ("novalidate", "novalidate")], [
                    Form.csrf(CSRF.token(for: req)),
                    Form.hidden("version", String(mentor.version)),
                    Form.radios("to", legend: "Move them to", options: allowed.map { .init(value: $0.rawValue, label: $0.label) },
                                selected: state["to"], error: state.error("to")),
                    allowed.contains(.movedOn)
                        ? Form.radios("destination", legend: "If moving on, where to?", options: MovedOnDestination.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                                      selected: state["destination"], error: state.error("destination"), inline: true)
                        : .empty,
                    Form.textarea("reason", label: "Reason", value: state["reason"], error: state.error("reason"), rows: 3),
                    Form.button("Save move"),
                ]))
            }
        }

        content.append(H.el("h2", [("class", "wm-heading-m")], "Timeline"))
        content.append(H.el("ol", [("class", "wm-timeline")], moves.reversed().map { move in
            H.el("li", [("class", "wm-timeline__item")], [
                H.el("h3", [("class", "wm-timeline__title")], move.from.map { "\($0.label) → \(move.to.label)" } ?? move.to.label),
                H.el("p", [("class", "wm-timeline__byline")], " by \(names[move.byID] ?? "Waymark")"),
                H.el("p", [("class", "wm-timeline__date")], [H.el("time", [("datetime", ISO8601DateFormatter().string(from: move.at))], CalendarDate(move.at).long)]),
                H.el("div", [("class", "wm-timeline__description")], [UI.p(MentorService.reason(of: move, for: (try? req.user.role) ?? .mentor))]),
            ])
        }))
        var frame = MentorRecordFrame.frame(req, person, title: "Journey")
        frame.hasErrors = !state.errors.isEmpty
        return Layout.render(frame, status: status, content)
    }

    @Sendable func move(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.mentor)
        let state = FormState(request: req, fields: ["to", "reason", "destination", "version"])
        guard let version = Int(state["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version") }
        do {
            let mentor = try await MentorService.move(id, to: state["to"], reason: state["reason"], destination: state["destination"].nonEmpty,
                                                      version: version, on: req)
            Flash.set("Moved to \(mentor.state.label.lowercased())", on: req)
            return req.redirect(to: SitePath.mentor(id).url)
        } catch let failure as ValidationFailure {
            let (mentor, person) = try await MentorService.load(id, for: .viewMentors, action: nil, on: req)
            var state = state
            state.errors = failure.errors
            return try await journeyPage(req, mentor, person, state: state, status: .unprocessableEntity)
        } catch is VersionConflict {
            let (mentor, person) = try await MentorService.load(id, for: .viewMentors, action: nil, on: req)
            let state = FormState(errors: [FieldError("to", "Someone else changed this record while you were working on it. Check the journey below, then try again.")])
            return try await journeyPage(req, mentor, person, state: state, status: .conflict)
        }
    }

    // MARK: Checks

    @Sendable func riskReviewForm(req: Request, user: CurrentUser) async throws -> Response {
        let (mentor, person) = try await MentorService.load(try req.parameter(.mentor), for: .reviewMentorRisk, action: "mentor.view", on: req)
        return riskReviewPage(req, mentor, person, state: FormState(values: FormState.dateValues("reviewedOn", req.today)))
    }

    func riskReviewPage(_ req: Request, _ mentor: Mentor, _ person: Person, state: FormState, status: HTTPStatus = .ok) -> Response {
        var frame = MentorRecordFrame.frame(req, person, title: "Record a risk review")
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.mentor(mentor.id).url
        return Layout.renderForm(frame, status: status, [
            Form.errorSummary(state.errors, dateFields: ["reviewedOn"], firstOptions: ["outcome": RiskReviewOutcome.suitable.rawValue]),
            UI.heading("Is it safe for them to mentor?", caption: person.details.fullName),
            UI.p("Both their practitioner and a coordinator record a risk review before they can become a mentor."),
            H.el("form", [("method", "post"), ("action", SitePath.mentorPage(mentor.id, .riskReview).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.radios("outcome", legend: "Outcome of the review", options: RiskReviewOutcome.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                            selected: state["outcome"], error: state.error("outcome")),
                Form.date("reviewedOn", legend: "Date of the review", hint: nil, state: state),
                Form.textarea("notes", label: "Notes", value: state["notes"], hint: "Needed when they are not suitable", error: state.error("notes")),
                Form.button("Record review"),
            ]),
        ])
    }

    @Sendable func riskReview(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.mentor)
        let state = FormState(request: req, fields: ["outcome", "notes"], dates: ["reviewedOn"])
        do {
            try await MentorService.addRiskReview(id, MentorRiskReviewDraft(outcome: state["outcome"], reviewedOn: state.dateInput("reviewedOn"),
                                                                            notes: state["notes"]), on: req)
            Flash.set("Risk review recorded", on: req)
            return req.redirect(to: SitePath.mentor(id).url)
        } catch let failure as ValidationFailure {
            let (mentor, person) = try await MentorService.load(id, for: .reviewMentorRisk, action: nil, on: req)
            var state = state
            state.errors = failure.errors
            return riskReviewPage(req, mentor, person, state: state, status: .unprocessableEntity)
        }
    }

    @Sendable func declarationsForm(req: Request, user: CurrentUser) async throws -> Response {
        let (mentor, person) = try await MentorService.load(try req.parameter(.mentor), for: .recordDeclarations, action: "mentor.view", on: req)
        return declarationsPage(req, mentor, person, state: FormState(values: FormState.dateValues("declaredOn", req.today)))
    }

    func declarationsPage(_ req: Request, _ mentor: Mentor, _ person: Person, state: FormState, status: HTTPStatus = .ok) -> Response {
        var frame = MentorRecordFrame.frame(req, person, title: "Record declarations")
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.mentor(mentor.id).url
        let yesNo: [Form.Option] = [.init(value: "yes", label: "Yes"), .init(value: "no", label: "No")]
        return Layout.renderForm(frame, status: status, [
            Form.errorSummary(state.errors, dateFields: ["declaredOn"], firstOptions: ["noCurrentOffending": "yes", "freeFromIllicitDrugs": "yes"]),
            UI.heading("Their declarations", caption: person.details.fullName),
            H.el("form", [("method", "post"), ("action", SitePath.mentorPage(mentor.id, .declarations).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.radios("noCurrentOffending", legend: "Do they declare that they are not currently offending?", options: yesNo,
                            selected: state["noCurrentOffending"], error: state.error("noCurrentOffending"), inline: true),
                Form.radios("freeFromIllicitDrugs", legend: "Do they declare that they are free from illicit drugs?", options: yesNo,
                            selected: state["freeFromIllicitDrugs"], error: state.error("freeFromIllicitDrugs"), inline: true),
                Form.date("declaredOn", legend: "Date they declared this", hint: nil, state: state),
                Form.button("Record declarations"),
            ]),
        ])
    }

    @Sendable func declarations(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.mentor)
        let state = FormState(request: req, fields: ["noCurrentOffending", "freeFromIllicitDrugs"], dates: ["declaredOn"])
        do {
            var errors = FieldErrors()
            if !["yes", "no"].contains(state["noCurrentOffending"]) { errors.add("noCurrentOffending", "Select yes if they declare that they are not currently offending") }
            if !["yes", "no"].contains(state["freeFromIllicitDrugs"]) { errors.add("freeFromIllicitDrugs", "Select yes if they declare that they are free from illicit drugs") }
            try errors.throwIfAny()
            try await MentorService.addDeclarations(id, noCurrentOffending: state["noCurrentOffending"] == "yes",
                                                    freeFromIllicitDrugs: state["freeFromIllicitDrugs"] == "yes",
                                                    declaredOn: state.dateInput("declaredOn"), on: req)
            Flash.set("Declarations recorded", on: req)
            return req.redirect(to: SitePath.mentor(id).url)
        } catch let failure as ValidationFailure {
            let (mentor, person) = try await MentorService.load(id, for: .recordDeclarations, action: nil, on: req)
            var state = state
            state.errors = failure.errors
            return declarationsPage(req, mentor, person, state: state, status: .unprocessableEntity)
        }
    }
}
