import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// A mentor's training and accreditation, the printable certificate, and the cohorts.
struct TrainingPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let m = PathParameter.mentor.placeholder, c = PathParameter.cohort.placeholder
        routes.on(.GET, SitePath.mentorPage(m, .training).route, needs: .viewMentors, signedIn: training)
        routes.on(.GET, SitePath.mentorPage(m, .accreditation).route, needs: .recordAccreditation, signedIn: accreditationForm)
        routes.on(.POST, SitePath.mentorPage(m, .accreditation).route, needs: .recordAccreditation, signedIn: accredit)
        routes.on(.GET, SitePath.mentorPage(m, .certificate).route, needs: .viewMentors, signedIn: certificate)
        routes.on(.GET, SitePath.cohorts.route, needs: .manageCohorts, signedIn: cohorts)
        routes.on(.GET, SitePath.newCohort.route, needs: .manageCohorts, signedIn: newCohort)
        routes.on(.POST, SitePath.newCohort.route, needs: .manageCohorts, signedIn: createCohort)
        routes.on(.GET, SitePath.cohort(c).route, needs: .manageCohorts, signedIn: cohort)
        routes.on(.POST, SitePath.cohortPage(c, .enrol).route, needs: .manageCohorts, signedIn: enrol)
        routes.on(.POST, SitePath.cohortPage(c, .record).route, needs: .manageCohorts, signedIn: record)
    }

    // MARK: A mentor's training

    @Sendable func training(req: Request, user: CurrentUser) async throws -> Response {
        let (mentor, person) = try await MentorService.load(try req.parameter(.mentor), for: .viewMentors, action: "mentor.view", on: req)
        let file = try await MentorService.file(mentor, person, on: req)
        var content = try await MentorRecordFrame.header(mentor, person, tab: .training, on: req)
        content.append(H.el("h2", [("class", "wm-heading-m")], "Training"))
        if file.training.isEmpty {
            content.append(UI.p("Not enrolled on a cohort yet. Once eligible, a coordinator enrols them on the 12-week Level 2 programme."))
        } else {
            content.append(UI.table(caption: "Cohorts", columns: [.init(title: "Cohort"), .init(title: "Started"), .init(title: "Attended", numeric: true),
                                                                  .init(title: "Assessment"), .init(title: "Result")],
                                    rows: file.training.map { cohort, enrolment, outcome in
                [req.can(.manageCohorts, mentor, person) ? H.link(cohort.name, to: SitePath.cohort(cohort.id).url) : .text(cohort.name),
                 .text(cohort.startDate.long), .text("\(enrolment.attended.count) of \(cohort.sessions)"),
                 .text(enrolment.assessment?.label ?? "Not recorded"),
                 outcome == .complete ? UI.tag("Completed", "green") : {
                     if case .notComplete(let why) = outcome { return .text(why.joined(separator: "; ")) }
                     return .empty
                 }()]
            }))
        }
        content.append(H.el("h2", [("class", "wm-heading-m")], "Accreditation"))
        if let a = file.accreditation {
            content.append(UI.summaryList([
                .init(key: "Award", value: .text(a.award)),
                .init(key: "Awarding body", value: .text(a.awardingBody.label)),
                .init(key: "Certificate number", value: .text(a.certificateNumber)),
                .init(key: "Awarded on", value: .text(a.awardedOn.long)),
                .init(key: "First qualification", value: .text(a.firstQualification ? "Yes, their first ever qualification" : "No")),
            ]))
        } else if req.can(.recordAccreditation, mentor, person) && file.trainingComplete {
            content.append(Form.buttonLink("Record the accreditation", to: SitePath.mentorPage(mentor.id, .accreditation).url))
        } else {
            content.append(UI.p(file.trainingComplete ? "Not recorded yet." : "Recorded once training is complete."))
        }
        if file.trainingComplete {
            content.append(H.el("p", [("class", "wm-body")], [H.link("Certificate of completion (printable)", to: SitePath.mentorPage(mentor.id, .certificate).url)]))
        }
        return Layout.render(MentorRecordFrame.frame(req, person, title: "Training"), content)
    }

    @Sendable func accreditationForm(req: Request, user: CurrentUser) async throws -> Response {
        let (mentor, person) = try await MentorService.load(try req.parameter(.mentor), for: .recordAccreditation, action: "mentor.view", on: req)
        return accreditationPage(req, mentor, person, state: FormState(values: ["award": AccreditationDraft.standardAward, "awardingBody": AwardingBody.ocn.rawValue]))
    }

    func accreditationPage(_ req: Request, _ mentor: Mentor, _ person: Person, state: FormState, status: HTTPStatus = .ok) -> Response {
        var frame = MentorRecordFrame.frame(req, person, title: "Record the accreditation")
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.mentorPage(mentor.id, .training).url
        return Layout.renderForm(frame, status: status, [
            Form.errorSummary(state.errors, dateFields: ["awardedOn"], firstOptions: ["awardingBody": AwardingBody.ocn.rawValue, "firstQualification": "yes"]),
            UI.heading("Record the accreditation", caption: person.details.fullName),
            H.el("form", [("method", "post"), ("action", SitePath.mentorPage(mentor.id, .accreditation).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.text("award", label: "Award", value: state["award"], error: state.error("award")),
                Form.radios("awardingBody", legend: "Awarding body", options: AwardingBody.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                            selected: state["awardingBody"], error: state.error("awardingBody")),
                Form.text("certificateNumber", label: "Certificate number", value: state["certificateNumber"], error: state.error("certificateNumber"), width: "20"),
                Form.date("awardedOn", legend: "Date of the award", hint: nil, state: state),
                Form.radios("firstQualification", legend: "Is this the first qualification they have ever gained?",
                            options: [.init(value: "yes", label: "Yes"), .init(value: "no", label: "No")],
                            selected: state["firstQualification"], error: state.error("firstQualification"), inline: true),
                Form.button("Record accreditation"),
            ]),
        ])
    }

    @Sendable func accredit(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.mentor)
        let state = FormState(request: req, fields: ["award", "awardingBody", "certificateNumber", "firstQualification"], dates: ["awardedOn"])
        do {
            try await MentorService.recordAccreditation(id, AccreditationDraft(award: state["award"], awardingBody: state["awardingBody"],
                                                                               certificateNumber: state["certificateNumber"], awardedOn: state.dateInput("awardedOn"),
                                                                               firstQualification: state["firstQualification"] == "yes"), on: req)
            Flash.set("Accreditation recorded. They can now become active.", on: req)
            return req.redirect(to: SitePath.mentorPage(id, .training).url)
        } catch let failure as ValidationFailure {
            let (mentor, person) = try await MentorService.load(id, for: .recordAccreditation, action: nil, on: req)
            var state = state
            state.errors = failure.errors
            return accreditationPage(req, mentor, person, state: state, status: .unprocessableEntity)
        }
    }

    @Sendable func certificate(req: Request, user: CurrentUser) async throws -> Response {
        let (mentor, person) = try await MentorService.load(try req.parameter(.mentor), for: .viewMentors, action: "mentor.certificate", on: req)
        let file = try await MentorService.file(mentor, person, on: req)
        guard let (cohort, enrolment, _) = file.training.first(where: { $0.2 == .complete }) else { throw Abort(.notFound) }
        let areas = try await OrganisationRepository.areas(on: req.db)
        let area = areas.first { $0.id == person.details.areaID }
        var frame = MentorRecordFrame.frame(req, person, title: "Certificate of completion")
        frame.backLink = SitePath.mentorPage(mentor.id, .training).url
        return Layout.render(frame, [
            H.el("div", [("class", "wm-certificate")], [
                H.el("p", [("class", "wm-caption-l")], area?.providerName ?? "Peer mentoring service"),
                H.el("h1", [("class", "wm-heading-xl")], "Certificate of completion"),
                UI.p("This is to certify that"),
                H.el("p", [("class", "wm-certificate__name")], person.details.fullName),
                UI.p("has completed peer mentor training (\(cohort.name)), attending \(enrolment.attended.count) of \(cohort.sessions) weekly sessions from \(cohort.startDate.long), and passed the assessment."),
                file.accreditation.map { UI.p("Awarded the \($0.award) by \($0.awardingBody.label) on \($0.awardedOn.long), certificate number \($0.certificateNumber).") } ?? .empty,
                UI.p("Trainers: \(cohort.trainers)"),
            ]),
        ])
    }

    // MARK: Cohorts

    @Sendable func cohorts(req: Request, user: CurrentUser) async throws -> Response {
        let list = try await TrainingRepository.cohorts(areas: user.actor.areaIDs, on: req.db)
        var content: [Body] = [UI.heading("Training cohorts"), Form.buttonLink("Set up a cohort", to: SitePath.newCohort.url)]
        if list.isEmpty {
            content.append(UI.p("No cohorts yet. Set one up, then enrol eligible candidates."))
        } else {
            content.append(UI.table(caption: "Cohorts, newest first", columns: [.init(title: "Cohort"), .init(title: "Starts"), .init(title: "Weekly sessions", numeric: true), .init(title: "Trainers")],
                                    rows: list.map { [H.link($0.name, to: SitePath.cohort($0.id).url), .text($0.startDate.long), .text(String($0.sessions)), .text($0.trainers)] }))
        }
        return Layout.render(PageFrame(req, title: "Training cohorts", section: .training), content)
    }

    @Sendable func newCohort(req: Request, user: CurrentUser) async throws -> Response {
        try await cohortForm(req, state: FormState(values: ["sessions": String(try await MentorService.settings(on: req).trainingSessions)]))
    }

    func cohortForm(_ req: Request, state: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let sites = try await CohortService.sites(on: req)
        var frame = PageFrame(req, title: "Set up a training cohort", section: .training)
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.cohorts.url
        return Layout.renderForm(frame, status: status, [
            Form.errorSummary(state.errors, dateFields: ["startDate"]),
            UI.heading("Set up a training cohort"),
            H.el("form", [("method", "post"), ("action", SitePath.newCohort.url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.text("name", label: "Name", value: state["name"], hint: "For example, Chelmsford spring 2027", error: state.error("name")),
                Form.date("startDate", legend: "Date of the first session", hint: "Sessions are weekly from this date", state: state),
                Form.text("sessions", label: "Number of weekly sessions", value: state["sessions"], error: state.error("sessions"), width: "2"),
                Form.select("siteId", label: "Where", options: sites.map { .init(value: $0.id, label: $0.name) }, selected: state["siteId"], error: state.error("siteId")),
                Form.text("trainers", label: "Trainers", value: state["trainers"], hint: "Names of the trainers", error: state.error("trainers")),
                Form.button("Set up cohort"),
            ]),
        ])
    }

    @Sendable func createCohort(req: Request, user: CurrentUser) async throws -> Response {
        let state = FormState(request: req, fields: ["name", "sessions", "siteId", "trainers"], dates: ["startDate"])
        do {
            let cohort = try await CohortService.create(CohortDraft(name: state["name"], startDate: state.dateInput("startDate"), sessions: state["sessions"],
                                                                    siteID: state["siteId"], trainers: state["trainers"]), on: req)
            Flash.set("Cohort set up. Enrol eligible candidates below.", on: req)
            return req.redirect(to: SitePath.cohort(cohort.id).url)
        } catch let failure as ValidationFailure {
            var state = state
            state.errors = failure.errors
            return try await cohortForm(req, state: state, status: .unprocessableEntity)
        }
    }

    @Sendable func cohort(req: Request, user: CurrentUser) async throws -> Response {
        try await cohortPage(req, cohortID: try req.parameter(.cohort), errors: [])
    }

    func cohortPage(_ req: Request, cohortID: String, errors: [FieldError], status: HTTPStatus = .ok) async throws -> Response {
        let user = try req.user
        let cohort = try await CohortService.load(cohortID, on: req)
        let enrolments = try await TrainingRepository.enrolments(cohortID: cohort.id, on: req.db)
        let mentors = try await MentorRepository.find(ids: enrolments.map(\.mentorID), on: req.db)
        let persons = try await PeopleRepository.find(ids: mentors.values.map(\.personID), on: req.db)
        let people: [String: (Mentor, Person)] = mentors.compactMapValues { m in persons[m.personID].map { (m, $0) } }
        try await req.auditList(actorID: user.id, action: "cohort.view", recordType: "cohort", personIDs: people.values.map(\.1.id))
        let eligible = try await MentorRepository.list(visibility: .areas([cohort.areaID]), state: .eligible, after: nil, limit: 200, on: req.db).items
        let settings = try await MentorService.settings(area: cohort.areaID, on: req)
        var content: [Body] = [
            Form.errorSummary(errors),
            UI.heading(cohort.name, caption: "Training cohort"),
            UI.summaryList([
                .init(key: "First session", value: .text(cohort.startDate.long)),
                .init(key: "Weekly sessions", value: .text("\(cohort.sessions) (completion needs \(TrainingRule.attendanceRequired(sessions: cohort.sessions, settings: settings)) and a passed assessment)")),
                .init(key: "Trainers", value: .text(cohort.trainers)),
            ]),
            H.el("h2", [("class", "wm-heading-m")], "Enrol a candidate"),
        ]
        if eligible.isEmpty {
            content.append(UI.p("No eligible candidates in this area are waiting. Candidates appear here once a coordinator has moved them to eligible."))
        } else {
            content.append(H.el("form", [("method", "post"), ("action", SitePath.cohortPage(cohort.id, .enrol).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.select("mentorId", label: "Eligible candidate", options: eligible.map { .init(value: $0.0.id, label: $0.1.details.fullName) },
                            selected: "", error: errors.first { $0.field == "mentorId" }?.message),
                Form.button("Enrol", secondary: true),
            ]))
        }
        content.append(H.el("h2", [("class", "wm-heading-m")], "Attendance and assessment"))
        if enrolments.isEmpty {
            content.append(UI.p("No one enrolled yet."))
        }
        for e in enrolments.sorted(by: { (people[$0.mentorID]?.1.details.lastName ?? "") < (people[$1.mentorID]?.1.details.lastName ?? "") }) {
            guard let (mentor, person) = people[e.mentorID] else { continue }
            let outcome = TrainingRule.outcome(e.record(sessions: cohort.sessions), settings: settings)
            content.append(H.el("form", [("method", "post"), ("action", SitePath.cohortPage(cohort.id, .record).url), ("class", "wm-summary-card"), ("novalidate", "novalidate")], [
                H.el("div", [("class", "wm-summary-card__title-wrapper")], [
                    H.el("h3", [("class", "wm-summary-card__title")], [H.link(person.details.fullName, to: SitePath.mentor(mentor.id).url)]),
                    outcome == .complete ? UI.tag("Completed", "green") : MentorRecordFrame.stateTag(mentor.state),
                ]),
                H.el("div", [("class", "wm-summary-card__content")], [
                    Form.csrf(CSRF.token(for: req)),
                    Form.hidden("mentorId", mentor.id),
                    Form.hidden("version", String(e.version)),
                    Form.checkboxes("attended-\(mentor.id)", legend: "Sessions attended by \(person.details.fullName)",
                                    options: (1...cohort.sessions).map { .init(value: String($0), label: "Week \($0), \(cohort.sessionDate($0).long)") },
                                    selected: e.attended.map(String.init), error: errors.first { $0.field == "attended-\(mentor.id)" }?.message),
                    Form.radios("assessment-\(mentor.id)", legend: "Assessment",
                                options: [.init(value: "", label: "Not taken yet")] + AssessmentResult.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                                selected: e.assessment?.rawValue ?? "", error: errors.first { $0.field == "assessment-\(mentor.id)" }?.message, inline: true),
                    Form.button("Save for \(person.details.firstName)", secondary: true),
                ]),
            ]))
        }
        var frame = PageFrame(req, title: cohort.name, section: .training)
        frame.hasErrors = !errors.isEmpty
        frame.breadcrumbs = [("Home", SitePath.home.url), ("Training cohorts", SitePath.cohorts.url)]
        return Layout.render(frame, status: status, content)
    }

    @Sendable func enrol(req: Request, user: CurrentUser) async throws -> Response {
        let cohortID = try req.parameter(.cohort)
        let state = FormState(request: req, fields: ["mentorId"])
        do {
            try await CohortService.enrol(cohortID: cohortID, mentorID: state["mentorId"], on: req)
            Flash.set("Enrolled: they are now in training", on: req)
            return req.redirect(to: SitePath.cohort(cohortID).url)
        } catch let failure as ValidationFailure {
            return try await cohortPage(req, cohortID: cohortID, errors: failure.errors, status: .unprocessableEntity)
        }
    }

    @Sendable func record(req: Request, user: CurrentUser) async throws -> Response {
        let cohortID = try req.parameter(.cohort)
        let mentorID = (try? req.content.get(String.self, at: "mentorId")) ?? ""
        let state = FormState(request: req, fields: ["assessment-\(mentorID)", "version"], listFields: ["attended-\(mentorID)"])
        do {
            let weeks = try state.list("attended-\(mentorID)").map { raw -> Int in
                guard let n = Int(raw) else { throw ValidationFailure([FieldError("attended", "Select sessions from the list")]) }
                return n
            }
            var errors = FieldErrors()
            let assessment = InputRules.choice(state["assessment-\(mentorID)"], as: AssessmentResult.self, field: "assessment",
                                               label: "assessment result", article: "an", required: false, errors: &errors)
            try errors.throwIfAny()
            try await CohortService.record(cohortID: cohortID, mentorID: mentorID, attended: Set(weeks), assessment: assessment,
                                           version: Int(state["version"]) ?? -1, on: req)
            Flash.set("Attendance and assessment saved", on: req)
            return req.redirect(to: SitePath.cohort(cohortID).url)
        } catch let failure as ValidationFailure {
            // The candidate's own card holds the fields: "attended-{id}" and "assessment-{id}".
            let errors = failure.errors.map { ["attended", "assessment"].contains($0.field) ? FieldError("\($0.field)-\(mentorID)", $0.message) : $0 }
            return try await cohortPage(req, cohortID: cohortID, errors: errors, status: .unprocessableEntity)
        } catch is VersionConflict {
            return try await cohortPage(req, cohortID: cohortID, errors: [FieldError("attended-\(mentorID)", "Someone else saved this candidate’s record first. Check it below, then save again.")],
                                        status: .conflict)
        }
    }
}
