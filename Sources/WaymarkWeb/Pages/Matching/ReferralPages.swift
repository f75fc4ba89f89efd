import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Referrals: a practitioner's referral form, the coordinator's waiting list (with demand against
/// capacity), one referral with its ranked suggestions, and the bulk proposal.
struct ReferralPages: RouteCollection {
    static let pageSize = 50

    func boot(routes: any RoutesBuilder) throws {
        let r = PathParameter.referral.placeholder
        routes.on(.GET, SitePath.newReferral(PathParameter.person.placeholder).route, needs: .referMentee, signedIn: new)
        routes.on(.POST, SitePath.newReferral(PathParameter.person.placeholder).route, needs: .referMentee, signedIn: create)
        routes.on(.GET, SitePath.referrals.route, needs: .viewReferrals, signedIn: list)
        routes.on(.GET, SitePath.referral(r).route, needs: .viewReferrals, signedIn: show)
        routes.on(.POST, SitePath.referralPage(r, .propose).route, needs: .manageReferrals, signedIn: propose)
        routes.on(.POST, SitePath.referralPage(r, .approve).route, needs: .manageReferrals, signedIn: approve)
        routes.on(.POST, SitePath.referralPage(r, .state).route, needs: .manageReferrals, signedIn: setState)
        routes.on(.POST, SitePath.referralPage(r, .close).route, needs: .closeReferral, signedIn: close)
        routes.on(.GET, SitePath.bulkMatching.route, needs: .manageReferrals, signedIn: bulk)
        routes.on(.POST, SitePath.bulkMatching.route, needs: .manageReferrals, signedIn: confirmBulk)
    }

    // MARK: Refer

    static let fields = ["orderId", "consent", "genderPreference", "languages", "accessibilityNeeds", "goal-0", "goal-1", "goal-2", "goal-3", "goal-4",
                         "exclusion-crn-0", "exclusion-kind-0", "exclusion-crn-1", "exclusion-kind-1", "exclusion-crn-2", "exclusion-kind-2"]

    static func draft(_ s: FormState) -> ReferralDraft {
        ReferralDraft(consent: s["consent"] == "yes", needs: s.list("needs"), goals: (0..<5).map { s["goal-\($0)"] },
                      genderPreference: s["genderPreference"], languages: s["languages"], availability: s.list("availability"),
                      accessibilityNeeds: s["accessibilityNeeds"], exclusions: (0..<3).map { (s["exclusion-crn-\($0)"], s["exclusion-kind-\($0)"]) })
    }

    @Sendable func new(req: Request, user: CurrentUser) async throws -> Response {
        let (person, _) = try await PeopleService.load(try req.parameter(.person), for: .referMentee, action: "person.view", on: req)
        return try await form(req, person, state: FormState(values: ["languages": "English"]))
    }

    func form(_ req: Request, _ person: Person, state: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let orders = try await OrderRepository.orders(personID: person.id, on: req.db).filter { MenteeEligibility.isCurrent($0.details, today: req.today) }
        var frame = PageFrame(req, title: "Refer \(person.details.fullName) for a peer mentor", section: .people)
        frame.hasErrors = !state.errors.isEmpty
        frame.backLink = SitePath.person(person.id).url
        let exclusionRows: [Body] = (0..<3).map { i in
            H.el("div", [("class", "wm-exclusion-row")], [
                Form.text("exclusion-crn-\(i)", label: "CRN of a person they must never meet (\(i + 1))", value: state["exclusion-crn-\(i)"], error: nil, width: "10", spellcheck: false),
                Form.select("exclusion-kind-\(i)", label: "Why (\(i + 1))", options: ExclusionKind.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                            selected: state["exclusion-kind-\(i)"], error: nil, blank: "Select"),
            ])
        }
        return Layout.renderForm(frame, status: status, [
            // "goals" is about the goal boxes as a whole: the link goes to the first.
            Form.errorSummary(state.errors.map { $0.field == "goals" ? FieldError("goal-0", $0.message) : $0 },
                              firstOptions: ["needs": Need.allCases[0].rawValue, "consent": "yes", "availability": AvailabilitySlot.all[0].code,
                                                           "genderPreference": GenderPreference.noPreference.rawValue]),
            UI.heading("Refer for a peer mentor", caption: person.details.fullName),
            H.el("form", [("method", "post"), ("action", SitePath.newReferral(person.id).url), ("novalidate", "novalidate")], [
                Form.csrf(CSRF.token(for: req)),
                Form.select("orderId", label: "Order or licence they are supervised on", options: orders.map { .init(value: $0.id, label: "\($0.details.type.label) from \($0.details.startDate.long)") },
                            selected: state["orderId"], hint: "Mentees must be on a current order or licence", error: state.error("orderId")),
                Form.checkboxes("consent", legend: "Consent", options: [.init(value: "yes", label: "They have agreed to be referred and to their details being shared with a peer mentor")],
                                selected: state["consent"] == "yes" ? ["yes"] : [], error: state.error("consent")),
                Form.checkboxes("needs", legend: "What do they need support with?", options: Need.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                                selected: state.list("needs"), hint: "Select all that apply", error: state.error("needs")),
                H.el("fieldset", [("class", "wm-fieldset")], [H.el("legend", [("class", "wm-fieldset__legend")], "Goals agreed with them (up to 5)")]
                     + (0..<5).map { Form.text("goal-\($0)", label: "Goal \($0 + 1)", value: state["goal-\($0)"], error: $0 == 0 ? state.error("goals") : nil) }),
                Form.radios("genderPreference", legend: "Would they prefer a mentor who is", options: GenderPreference.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                            selected: state["genderPreference"].isEmpty ? GenderPreference.noPreference.rawValue : state["genderPreference"], error: state.error("genderPreference")),
                Form.text("languages", label: "Languages they speak", value: state["languages"], hint: "Separate with commas", error: state.error("languages")),
                Form.checkboxes("availability", legend: "When can they meet?", options: AvailabilitySlot.all.map { .init(value: $0.code, label: $0.label) },
                                selected: state.list("availability"), error: state.error("availability")),
                Form.textarea("accessibilityNeeds", label: "Accessibility needs (optional)", value: state["accessibilityNeeds"], error: state.error("accessibilityNeeds"), rows: 3),
                H.el("div", [("class", state.error("exclusions") == nil ? "wm-form-group" : "wm-form-group wm-form-group--error")], [
                    H.el("fieldset", [("class", "wm-fieldset"), ("id", "exclusions"),
                                      ("aria-describedby", "exclusions-hint" + (state.error("exclusions") == nil ? "" : " exclusions-error"))], [
                        H.el("legend", [("class", "wm-fieldset__legend")], "People they must never be matched with or meet"),
                        H.el("div", [("class", "wm-hint"), ("id", "exclusions-hint")], "Co-defendants, victims and known associates. Leave empty if there are none."),
                        state.error("exclusions").map {
                            H.el("p", [("class", "wm-error-message"), ("id", "exclusions-error")], [H.el("span", [("class", "wm-visually-hidden")], "Error: "), .text($0)])
                        } ?? .empty,
                    ] + exclusionRows),
                ]),
                Form.button("Send referral"),
            ]),
        ])
    }

    @Sendable func create(req: Request, user: CurrentUser) async throws -> Response {
        let personID = try req.parameter(.person)
        let state = FormState(request: req, fields: Self.fields, listFields: ["needs", "availability", "consent"])
        var values = state
        if state.list("consent").contains("yes") { values.values["consent"] = "yes" }
        do {
            let referral = try await ReferralService.create(personID: personID, orderID: values["orderId"].nonEmpty, Self.draft(values), on: req)
            Flash.set("Referral sent. They are on the waiting list for a peer mentor.", on: req)
            return req.redirect(to: SitePath.referral(referral.id).url)
        } catch let failure as ValidationFailure {
            let (person, _) = try await PeopleService.load(personID, for: .referMentee, action: nil, on: req)
            values.errors = failure.errors.map { $0.field == "practitionerId" || $0.field == "personId" ? FieldError("orderId", $0.message) : $0 }
            return try await form(req, person, state: values, status: .unprocessableEntity)
        }
    }

    // MARK: Waiting list

    @Sendable func list(req: Request, user: CurrentUser) async throws -> Response {
        let caseload = Policy.scope(of: user.role, for: .viewReferrals) == .caseload
        let states: [ReferralState] = caseload ? ReferralState.allCases : [.awaitingAllocation]
        let page = try await ReferralRepository.list(areas: caseload ? nil : user.actor.areaIDs, caseloadOf: caseload ? user.id : nil, states: states,
                                                     after: nil, limit: Self.pageSize, on: req.db)
        if !page.items.isEmpty {
            try await req.auditList(actorID: user.id, action: "referral.list", recordType: "referral", personIDs: page.items.map(\.1.id))
        }
        var content: [Body] = [UI.heading(caseload ? "Your referrals" : "Waiting list")]
        if !caseload {
            let areas = try await OrganisationRepository.areas(on: req.db).filter { user.actor.areaIDs.contains($0.id) }
            for area in areas {
                let demand = try await ReferralService.demand(area: area, on: req.db)
                content.append(demand.waiting > demand.placesFree
                    ? UI.warning("\(area.name): demand exceeds supply. \(demand.waiting) waiting, \(demand.placesFree) places free with active mentors.")
                    : UI.inset([UI.p("\(area.name): \(demand.waiting) waiting, \(demand.placesFree) places free with active mentors.")]))
                let units = demand.units
                content.append(UI.table(caption: "Demand and capacity by delivery unit in \(area.name)", columns: [
                    .init(title: "Delivery unit"), .init(title: "Waiting", numeric: true), .init(title: "Places free", numeric: true), .init(title: "Demand exceeds supply"),
                ], rows: units.map { [.text($0.unit), .text(String($0.waiting)), .text(String($0.placesFree)),
                                      $0.waiting > $0.placesFree ? UI.tag("Yes: recruit here", "red") : .text("No")] }))
            }
            content.append(Form.buttonLink("Propose matches for the whole waiting list", to: SitePath.bulkMatching.url, secondary: true))
        }
        if page.items.isEmpty {
            content.append(UI.p(caseload ? "You have not referred anyone yet. Refer someone from their record." : "No referrals waiting. New referrals appear here."))
        } else {
            let units = Dictionary(uniqueKeysWithValues: try await OrganisationRepository.areas(on: req.db).flatMap(\.deliveryUnits).map { ($0.id, $0.name) })
            content.append(UI.table(caption: caseload ? "Referrals from your caseload" : "Waiting for a mentor, oldest first", columns: [
                .init(title: "Name"), .init(title: "Delivery unit"), .init(title: "Referred"), .init(title: "Waiting (days)", numeric: true), .init(title: "State"),
            ], rows: page.items.map { referral, person in
                [H.link(person.details.fullName, to: SitePath.referral(referral.id).url), .text(units[person.details.deliveryUnitID] ?? ""),
                 .text(referral.referredOn.long), .text(String(referral.referredOn.days(until: req.today))), UI.tag(referral.state.label, "blue")]
            }))
        }
        return Layout.render(PageFrame(req, title: caseload ? "Your referrals" : "Waiting list", section: .referrals), content)
    }

    // MARK: One referral

    @Sendable func show(req: Request, user: CurrentUser) async throws -> Response {
        let (referral, person) = try await ReferralService.load(try req.parameter(.referral), for: .viewReferrals, action: "referral.view", on: req)
        return try await page(req, referral, person, errors: [])
    }

    func page(_ req: Request, _ referral: Referral, _ person: Person, errors: [FieldError], status: HTTPStatus = .ok) async throws -> Response {
        let user = try req.user
        let canManage = Policy.access(user.actor, to: person.scope, for: .manageReferrals) == .full
        let d = referral.details
        var content: [Body] = [Form.errorSummary(errors), UI.heading("Referral for a peer mentor", caption: person.details.fullName)]
        content.append(UI.summaryList([
            .init(key: "State", value: UI.tag(referral.state.label, "blue")),
            .init(key: "Referred", value: .text(referral.referredOn.long)),
            .init(key: "Needs", value: .text(d.needs.map(\.label).joined(separator: ", "))),
            .init(key: "Goals", value: H.el("ol", [("class", "wm-list wm-list--number")], d.goals.map { H.el("li", [], $0) })),
            .init(key: "Mentor preference", value: .text(d.genderPreference.label)),
            .init(key: "Languages", value: .text(d.languages.joined(separator: ", "))),
            .init(key: "Available", value: .text(d.availability.map(\.label).joined(separator: ", ").nonEmpty ?? "Not given")),
            .init(key: "Accessibility needs", value: .text(d.accessibilityNeeds ?? "None given")),
            .init(key: "Must never meet", value: .text(d.exclusions.isEmpty ? "No one recorded" : "\(d.exclusions.count) \(d.exclusions.count == 1 ? "person" : "people") (CRNs held on the referral)")),
            .init(key: "High-risk approval", value: .text(referral.highRiskApprovedOn.map { "Approved on \($0.long)" } ?? "Not given")),
        ]))
        content.append(H.el("h2", [("class", "wm-heading-m")], "What the mentor may see"))
        content.append(UI.summaryList(SharingService.rows(try await DataProtectionRepository.currentSharing(referralID: referral.id, on: req.db))))
        if Policy.access(user.actor, to: person.scope, for: .decideSharing) == .full {
            content.append(H.el("p", [("class", "wm-body")], [H.link("Change what the mentor may see", to: SitePath.referralPage(referral.id, .sharing).url)]))
        }
        if Policy.access(user.actor, to: person.scope, for: .recordOutcomes) == .full {
            content.append(H.el("p", [("class", "wm-body")], [H.link("Outcomes: accommodation, work, drugs and alcohol, family, engagement", to: SitePath.referralPage(referral.id, .outcomes).url)]))
        }
        let matches = try await MatchRepository.forReferral(referral.id, on: req.db)
        if !matches.isEmpty {
            content.append(UI.table(caption: "Matches", columns: [.init(title: "Proposed"), .init(title: "State"), .init(title: "Ended")],
                                    rows: matches.map { [H.link($0.proposedOn.long, to: SitePath.match($0.id).url), UI.tag($0.state.label, "blue"),
                                                         .text($0.endReason.map { "\($0.label)" } ?? "")] }))
        }
        let token = CSRF.token(for: req)
        if canManage, referral.state == .awaitingAllocation {
            let facts = try await ReferralService.referralFacts(referral, person, on: req.db)
            if facts.isHighRisk, referral.highRiskApprovedOn == nil {
                content.append(UI.warning("High-risk mentee (RoSH high or very high, or MAPPA): only mentors cleared for high risk can be matched, and only once you approve."))
                content.append(H.el("form", [("method", "post"), ("action", SitePath.referralPage(referral.id, .approve).url)], [
                    Form.csrf(token), Form.hidden("version", String(referral.version)), Form.button("Approve matching with a cleared mentor", secondary: true),
                ]))
            }
            let suggestions = try await ReferralService.suggestions(referral, person, limit: 10, on: req)
            content.append(H.el("h2", [("class", "wm-heading-m")], "Suggested mentors"))
            if suggestions.isEmpty {
                content.append(UI.p("No active mentor meets every rule for this referral. Check capacity, high-risk clearance and the gender preference."))
            }
            for (suggestion, mentor, mentorPerson) in suggestions.prefix(10) {
                content.append(H.el("form", [("method", "post"), ("action", SitePath.referralPage(referral.id, .propose).url), ("class", "wm-summary-card")], [
                    H.el("div", [("class", "wm-summary-card__title-wrapper")], [
                        H.el("h3", [("class", "wm-summary-card__title")], "\(mentorPerson.details.fullName): score \(suggestion.score.total)"),
                    ]),
                    H.el("div", [("class", "wm-summary-card__content")], [
                        UI.summaryList(suggestion.score.parts.map { .init(key: "\($0.name) (\($0.points))", value: .text($0.reason)) }),
                        Form.csrf(token), Form.hidden("version", String(referral.version)), Form.hidden("mentorId", mentor.id),
                        Form.button("Match with \(mentorPerson.details.firstName)", secondary: true),
                    ]),
                ]))
            }
        }
        if canManage, referral.state.isOpen {
            let moves = ReferralJourney.manualMoves(from: referral.state)
            if !moves.isEmpty {
                content.append(H.el("h2", [("class", "wm-heading-m")], "Change the referral"))
                content.append(H.el("form", [("method", "post"), ("action", SitePath.referralPage(referral.id, .state).url), ("novalidate", "novalidate")], [
                    Form.csrf(token), Form.hidden("version", String(referral.version)),
                    Form.radios("state", legend: "Move to", options: moves.map { .init(value: $0.rawValue, label: $0.label) },
                                selected: "", error: errors.first { $0.field == "state" }?.message),
                    Form.radios("withdrawalReason", legend: "If withdrawing, why?", options: WithdrawalReason.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                                selected: "", error: errors.first { $0.field == "withdrawalReason" }?.message),
                    Form.button("Save", secondary: true),
                ]))
            }
        }
        if Policy.access(user.actor, to: person.scope, for: .closeReferral) == .full, referral.state == .onProgramme {
            content.append(H.el("h2", [("class", "wm-heading-m")], "Close with an end-of-service summary"))
            content.append(H.el("form", [("method", "post"), ("action", SitePath.referralPage(referral.id, .close).url), ("novalidate", "novalidate")],
                                [Form.csrf(token), Form.hidden("version", String(referral.version))]
                                + d.goals.enumerated().flatMap { i, goal -> [Body] in [
                                    Form.radios("outcome-\(i)", legend: goal, options: GoalOutcome.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                                                selected: "", error: errors.first { $0.field == "outcome-\(i)" }?.message, inline: true),
                                    Form.text("comment-\(i)", label: "Comment on ‘\(goal)’ (optional)", value: "", error: nil),
                                ] } + [Form.button("Close referral")]))
        }
        if !referral.closingSummary.isEmpty {
            content.append(UI.table(caption: "End-of-service summary", columns: [.init(title: "Goal"), .init(title: "Outcome"), .init(title: "Comment")],
                                    rows: referral.closingSummary.map { [.text($0.goal), .text($0.outcome.label), .text($0.comment ?? "")] }))
        }
        var frame = PageFrame(req, title: "Referral – \(person.details.fullName)", section: .referrals)
        frame.hasErrors = !errors.isEmpty
        frame.breadcrumbs = [("Home", SitePath.home.url), ("Referrals", SitePath.referrals.url)]
        return Layout.render(frame, status: status, content)
    }

    func redisplay(_ req: Request, _ error: any Error) async throws -> Response {
        let (referral, person) = try await ReferralService.load(try req.parameter(.referral), for: .viewReferrals, action: nil, on: req)
        if let failure = error as? ValidationFailure { return try await page(req, referral, person, errors: failure.errors, status: .unprocessableEntity) }
        if error is VersionConflict {
            return try await page(req, referral, person, errors: [FieldError("state", "Someone else changed this referral. Check it, then try again.")], status: .conflict)
        }
        throw error
    }

    @Sendable func propose(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.referral)
        let state = FormState(request: req, fields: ["version", "mentorId"])
        do {
            let match = try await ReferralService.propose(id, mentorID: state["mentorId"], version: Int(state["version"]) ?? -1, on: req)
            Flash.set("Match proposed. The mentor has been asked to accept.", on: req)
            return req.redirect(to: SitePath.match(match.id).url)
        } catch let error where error is ValidationFailure || error is VersionConflict {
            return try await redisplay(req, error)
        }
    }

    @Sendable func approve(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.referral)
        do {
            _ = try await ReferralService.approveHighRisk(id, version: Int(FormState(request: req, fields: ["version"])["version"]) ?? -1, on: req)
            Flash.set("Approved: cleared mentors can now be matched", on: req)
            return req.redirect(to: SitePath.referral(id).url)
        } catch let error where error is ValidationFailure || error is VersionConflict {
            return try await redisplay(req, error)
        }
    }

    @Sendable func setState(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.referral)
        let state = FormState(request: req, fields: ["version", "state", "withdrawalReason"])
        do {
            let saved = try await ReferralService.setState(id, to: state["state"], withdrawal: state["withdrawalReason"].nonEmpty,
                                                           version: Int(state["version"]) ?? -1, on: req)
            Flash.set("Referral now \(saved.state.label.lowercased())", on: req)
            return req.redirect(to: SitePath.referral(id).url)
        } catch let error where error is ValidationFailure || error is VersionConflict {
            return try await redisplay(req, error)
        }
    }

    @Sendable func close(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.referral)
        let state = FormState(request: req, fields: ["version"] + (0..<5).flatMap { ["outcome-\($0)", "comment-\($0)"] })
        do {
            _ = try await ReferralService.close(id, outcomes: (0..<5).map { state.values["outcome-\($0)"] }, comments: (0..<5).map { state.values["comment-\($0)"] },
                                                version: Int(state["version"]) ?? -1, on: req)
            Flash.set("Referral closed and the end-of-service summary recorded", on: req)
            return req.redirect(to: SitePath.referral(id).url)
        } catch let error where error is ValidationFailure || error is VersionConflict {
            return try await redisplay(req, error)
        }
    }

    // MARK: Bulk

    @Sendable func bulk(req: Request, user: CurrentUser) async throws -> Response {
        var content: [Body] = [UI.heading("Propose matches for the waiting list"),
                               UI.p("Waymark finds the set of matches with the highest total score that respects every rule and every mentor’s capacity. Review it, then confirm.")]
        for area in try await OrganisationRepository.areas(on: req.db).filter({ user.actor.areaIDs.contains($0.id) }) {
            let proposal = try await ReferralService.bulkProposal(area: area.id, today: req.today, on: req.db)
            content.append(H.el("h2", [("class", "wm-heading-m")], area.name))
            if proposal.isEmpty {
                content.append(UI.p("No matches can be proposed: no one is waiting, or no active mentor with capacity meets the rules."))
                continue
            }
            content.append(UI.table(caption: "Proposed matches in \(area.name): total score \(proposal.map(\.score).reduce(0, +))", columns: [
                .init(title: "Mentee"), .init(title: "Mentor"), .init(title: "Score", numeric: true),
            ], rows: proposal.map { [H.link($0.person.details.fullName, to: SitePath.referral($0.referral.id).url), .text($0.mentorPerson.details.fullName), .text(String($0.score))] }))
            content.append(H.el("form", [("method", "post"), ("action", SitePath.bulkMatching.url)], [
                Form.csrf(CSRF.token(for: req)), Form.hidden("area", area.id), Form.button("Confirm these \(proposal.count) matches"),
            ]))
        }
        return Layout.render(PageFrame(req, title: "Propose matches", section: .referrals), content)
    }

    @Sendable func confirmBulk(req: Request, user: CurrentUser) async throws -> Response {
        let area = FormState(request: req, fields: ["area"])["area"]
        guard user.actor.areaIDs.contains(area) else { throw Abort(.notFound) }
        let proposal = try await ReferralService.confirmBulk(area: area, on: req)
        Flash.set("\(proposal.count) matches proposed. Each mentor has been asked to accept.", on: req)
        return req.redirect(to: SitePath.referrals.url)
    }
}
