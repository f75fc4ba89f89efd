import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Outcome measures: a mentee's at referral, review and closure (on their referral), and a
/// mentor's own (accreditation, employment and reoffending from their record; wellbeing rated).
struct OutcomePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let referral = SitePath.referralPage(PathParameter.referral.placeholder, .outcomes).route
        routes.on(.GET, referral, needs: .recordOutcomes, signedIn: menteeOutcomes)
        routes.on(.POST, referral, needs: .recordOutcomes, signedIn: recordMentee)
        let mentor = SitePath.mentorPage(PathParameter.mentor.placeholder, .outcomes).route
        routes.on(.GET, mentor, needs: .recordWellbeing, signedIn: mentorOutcomes)
        routes.on(.POST, mentor, needs: .recordWellbeing, signedIn: recordWellbeing)
    }

    // MARK: Mentees

    static let menteeFields = ["stage", "source", "notes"] + MenteeMeasure.allCases.map(\.rawValue)

    @Sendable func menteeOutcomes(req: Request, user: CurrentUser) async throws -> Response {
        let (referral, person, list) = try await OutcomeService.assessments(referralID: try req.parameter(.referral), on: req)
        return menteePage(req, referral, person, list, state: FormState(values: FormState.dateValues("recordedOn", req.today)))
    }

    @Sendable func recordMentee(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.referral)
        let state = FormState(request: req, fields: Self.menteeFields, dates: ["recordedOn"])
        let draft = OutcomeAssessmentDraft(stage: state["stage"], recordedOn: state.dateInput("recordedOn"), source: state["source"],
                                           ratings: Dictionary(uniqueKeysWithValues: MenteeMeasure.allCases.map { ($0.rawValue, state[$0.rawValue]) }),
                                           notes: state["notes"])
        do {
            _ = try await OutcomeService.record(referralID: id, draft, on: req)
            Flash.set("Outcomes recorded", on: req)
            return req.redirect(to: SitePath.referralPage(id, .outcomes).url)
        } catch let failure as ValidationFailure {
            let (referral, person, list) = try await OutcomeService.assessments(referralID: id, on: req)
            var state = state
            state.errors = failure.errors
            return menteePage(req, referral, person, list, state: state, status: .unprocessableEntity)
        }
    }

    func menteePage(_ req: Request, _ referral: Referral, _ person: Person, _ list: [StoredOutcomeAssessment], state: FormState,
                    status: HTTPStatus = .ok) -> Response {
        var frame = PageFrame(req, title: "Outcomes – \(person.details.fullName)", section: .referrals)
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.referral(referral.id).url
        var content: [Body] = [
            Form.errorSummary(state.errors, dateFields: ["recordedOn"], firstOptions: Dictionary(uniqueKeysWithValues: MenteeMeasure.allCases.map { ($0.rawValue, $0.levels[0].code) })),
            UI.heading("Outcomes", caption: person.details.fullName),
            UI.p("Measure where \(person.details.firstName) is at referral, at reviews and at closure. The annual report compares the first rating at referral with the last at closure."),
        ]
        if list.isEmpty {
            content.append(UI.p("No outcomes recorded yet."))
        } else {
            let changes = OutcomeProgress.changes(list.map(\.assessment))
            content.append(UI.table(caption: "Outcomes recorded", columns: [UI.Column(title: "Measure")] + list.map { UI.Column(title: "\($0.assessment.stage.label), \($0.assessment.recordedOn.long)") }
                                        + [UI.Column(title: "Change")],
                                    rows: MenteeMeasure.allCases.map { m in
                                        [H.text(m.label)] + list.map { a in H.text(a.assessment.ratings[m].flatMap(m.level)?.label ?? "Not known") }
                                            + [H.text(changes[m]?.label ?? "Not yet measured")]
                                    } + [[H.text("Source")] + list.map { H.text($0.assessment.source.label) } + [H.text("")]]))
        }
        content.append(H.el("h2", [("class", "wm-heading-m")], "Record outcomes"))
        content.append(H.el("form", [("method", "post"), ("action", SitePath.referralPage(referral.id, .outcomes).url), ("novalidate", "novalidate")], [
            Form.csrf(CSRF.token(for: req)),
            Form.radios("stage", legend: "When is this?", options: OutcomeStage.allCases.map { Form.Option(value: $0.rawValue, label: $0.label) },
                        selected: state["stage"], error: state.error("stage"), inline: true),
            Form.date("recordedOn", legend: "Date measured", hint: "For example, 27 3 2026", state: state),
            Form.radios("source", legend: "Where does this come from?", options: OutcomeSource.allCases.map { Form.Option(value: $0.rawValue, label: $0.label) },
                        selected: state["source"], error: state.error("source")),
        ] + MenteeMeasure.allCases.map { m in
            Form.radios(m.rawValue, legend: m.label, options: m.levels.map { Form.Option(value: $0.code, label: $0.label) }
                            + [Form.Option(value: OutcomeAssessmentDraft.notKnown, label: "Not known or does not apply")],
                        selected: state[m.rawValue], error: state.error(m.rawValue))
        } + [
            Form.textarea("notes", label: "Notes (optional)", value: state["notes"], error: state.error("notes")),
            Form.button("Save outcomes"),
        ]))
        return Layout.renderForm(frame, status: status, content)
    }

    // MARK: Mentors

    @Sendable func mentorOutcomes(req: Request, user: CurrentUser) async throws -> Response {
        let (mentor, person, ratings) = try await OutcomeService.wellbeing(mentorID: try req.parameter(.mentor), on: req)
        return try await mentorPage(req, mentor, person, ratings, state: FormState(values: FormState.dateValues("on", req.today).merging(["source": OutcomeSource.selfReport.rawValue, "measure": SelfRatingMeasure.wellbeing.rawValue]) { a, _ in a }))
    }

    @Sendable func recordWellbeing(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.mentor)
        let state = FormState(request: req, fields: ["measure", "score", "source", "notes"], dates: ["on"])
        do {
            _ = try await OutcomeService.recordWellbeing(mentorID: id, WellbeingRatingDraft(on: state.dateInput("on"), score: state["score"], source: state["source"], notes: state["notes"],
                                                                                                    measure: state["measure"]), on: req)
            Flash.set("Self-rating recorded", on: req)
            return req.redirect(to: SitePath.mentorPage(id, .outcomes).url)
        } catch let failure as ValidationFailure {
            let (mentor, person, ratings) = try await OutcomeService.wellbeing(mentorID: id, on: req)
            var state = state
            state.errors = failure.errors
            return try await mentorPage(req, mentor, person, ratings, state: state, status: .unprocessableEntity)
        }
    }

    func mentorPage(_ req: Request, _ mentor: Mentor, _ person: Person, _ ratings: [WellbeingRating], state: FormState, status: HTTPStatus = .ok) async throws -> Response {
        var frame = MentorRecordFrame.frame(req, person, title: "Outcomes")
        frame.hasErrors = !state.errors.isEmpty
        let accreditation = try await MentorRepository.accreditation(mentorID: mentor.id, on: req.db)
        let steps = try await VolunteeringRepository.employmentSteps(mentorID: mentor.id, on: req.db)
        let offences = try await VolunteeringRepository.offences(mentorID: mentor.id, on: req.db)
        let afterTraining = mentor.trainedOn.map { trained in offences.filter { $0.offenceOn >= trained } } ?? []
        var content: [Body] = [Form.errorSummary(state.errors, dateFields: ["on"])]
        content += try await MentorRecordFrame.header(mentor, person, tab: .outcomes, on: req)
        content.append(H.el("h2", [("class", "wm-heading-m")], "Their outcomes"))
        content.append(UI.summaryList([
            .init(key: "Qualification", value: .text(accreditation.map { "\($0.award), awarded \($0.awardedOn.long)" + ($0.firstQualification ? " (their first qualification)" : "") } ?? "Not yet accredited")),
            .init(key: "Employment", value: .text(steps.last.map { "\($0.stage.label): \($0.role), \($0.employer) (\($0.on.long))" } ?? "Nothing recorded")),
            .init(key: "Reoffending after training", value: .text(mentor.trainedOn == nil ? "Not yet trained"
                                                                  : afterTraining.isEmpty ? "None recorded since training on \(mentor.trainedOn!.long)"
                                                                  : "\(afterTraining.count) further \(afterTraining.count == 1 ? "offence" : "offences") recorded since training")),
        ] + SelfRatingMeasure.allCases.map { measure in
            let own = ratings.filter { $0.measure == measure }
            return UI.Row(key: measure.label, value: .text(own.last.map { "\($0.score) out of 10 on \($0.on.long)" + (own.count > 1 ? " (first rating \(own[0].score))" : "") } ?? "Not yet rated"))
        }))
        if !ratings.isEmpty {
            content.append(UI.table(caption: "Self-ratings", columns: [UI.Column(title: "Date"), UI.Column(title: "Rated"), UI.Column(title: "Score out of 10", numeric: true),
                                                                      UI.Column(title: "Source"), UI.Column(title: "Notes")],
                                    rows: ratings.reversed().map { [H.text($0.on.long), H.text($0.measure.label), H.text(String($0.score)), H.text($0.source.label), H.text($0.notes ?? "")] }))
        }
        content.append(H.el("h2", [("class", "wm-heading-m")], "Record a self-rating"))
        content.append(H.el("form", [("method", "post"), ("action", SitePath.mentorPage(mentor.id, .outcomes).url), ("novalidate", "novalidate")], [
            Form.csrf(CSRF.token(for: req)),
            Form.date("on", legend: "Date", hint: "For example, 27 3 2026", state: state),
            Form.radios("measure", legend: "What are they rating?", options: SelfRatingMeasure.allCases.map { Form.Option(value: $0.rawValue, label: $0.label, hint: $0.question) },
                        selected: state["measure"], hint: "Ask about confidence and belonging when training starts and again when it ends.", error: state.error("measure")),
            Form.text("score", label: "Their score, from 1 to 10", value: state["score"], error: state.error("score"), width: "2"),
            Form.radios("source", legend: "How was it given?", options: OutcomeSource.allCases.map { Form.Option(value: $0.rawValue, label: $0.label) },
                        selected: state["source"], error: state.error("source")),
            Form.textarea("notes", label: "Notes (optional)", value: state["notes"], error: state.error("notes")),
            Form.button("Save rating"),
        ]))
        return Layout.renderForm(frame, status: status, content)
    }
}
