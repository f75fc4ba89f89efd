import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Matches: a coordinator's match-health view, a mentor's mentees, one match with its contacts,
/// and a practitioner's concerns to acknowledge.
struct MatchPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let m = PathParameter.match.placeholder
        routes.on(.GET, SitePath.matches.route, needs: .viewMatches, signedIn: list)
        routes.on(.GET, SitePath.match(m).route, needs: .viewMatches, signedIn: show)
        routes.on(.POST, SitePath.matchPage(m, .state).route, needs: .viewMatches, signedIn: move)
        routes.on(.POST, SitePath.matchPage(m, .contacts).route, needs: .logContacts, signedIn: logContact)
        routes.on(.POST, SitePath.matchPage(m, .checkIns).route, needs: .manageMatches, signedIn: checkIn)
        routes.on(.POST, SitePath.matchPage(m, .review).route, needs: .manageMatches, signedIn: clearReview)
        routes.on(.GET, SitePath.concerns.route, needs: .acknowledgeConcerns, signedIn: concerns)
        routes.on(.POST, SitePath.acknowledge(PathParameter.contact.placeholder).route, needs: .acknowledgeConcerns, signedIn: acknowledge)
        routes.on(.GET, SitePath.notifications.route, needs: .viewHome, signedIn: notifications)
        routes.on(.GET, ["matches", "export.csv"], needs: .manageMatches, signedIn: exportMatches)
        routes.on(.GET, ["contacts", "export.csv"], needs: .manageMatches, signedIn: exportContacts)
    }

    struct Row {
        let match: Match
        let mentee: Person
        let mentorName: String
        let flags: [MatchFlag]
        let lastContact: CalendarDate?
        let thisMonth: Int
    }

    /// The matches this user may see, with their health.
    func rows(_ req: Request) async throws -> [Row] {
        let user = try req.user
        let matches = try await MatchListing.visible(for: user, .current, on: req)
        let contacts = try await MatchRepository.contacts(matchIDs: matches.map(\.id), on: req.db)
        let byMatch = Dictionary(grouping: contacts, by: \.matchID)
        let checkIns = try await MatchRepository.checkIns(matchIDs: matches.map(\.id), on: req.db)
        // Everything the rows need in a few queries, not several per match.
        let referrals = try await ReferralRepository.find(ids: matches.map(\.referralID), on: req.db)
        let mentors = try await MentorRepository.find(ids: matches.map(\.mentorID), on: req.db)
        let people = try await PeopleRepository.find(ids: referrals.values.map(\.personID) + mentors.values.map(\.personID), on: req.db)
        var settingsByArea: [String: MatchHealthSettings] = [:]
        var out: [Row] = []
        for match in matches {
            guard let referral = referrals[match.referralID], let mentee = people[referral.personID],
                  let mentor = mentors[match.mentorID], let mentorPerson = people[mentor.personID] else { continue }
            let dates = (byMatch[match.id] ?? []).map(\.contact.on)
            if settingsByArea[mentee.details.areaID] == nil {
                settingsByArea[mentee.details.areaID] = MatchHealthSettings(try await MentorService.settings(area: mentee.details.areaID, on: req))
            }
            let settings = settingsByArea[mentee.details.areaID]!
            let flags = match.state == .active ? MatchHealth.flags(startedOn: match.startedOn ?? match.proposedOn, contacts: dates,
                                                                   checkIns: checkIns[match.id] ?? [], underReview: match.reviewReason != nil,
                                                                   today: req.today, settings: settings)
                : (match.reviewReason != nil ? [.underReview] : [])
            out.append(Row(match: match, mentee: mentee, mentorName: mentorPerson.details.fullName, flags: flags, lastContact: dates.max(),
                           thisMonth: dates.filter { $0.year == req.today.year && $0.month == req.today.month }.count))
        }
        return out
    }

    @Sendable func list(req: Request, user: CurrentUser) async throws -> Response {
        let rows = try await rows(req)
        if !rows.isEmpty {
            try await req.auditList(actorID: user.id, action: "match.list", recordType: "match", personIDs: rows.map(\.mentee.id))
        }
        let mentorView = user.role == .mentor
        var content: [Body] = [UI.heading(mentorView ? "My mentees" : "Matches")]
        if Policy.permits(user.role, .manageMatches) {
            content.append(H.el("p", [("class", "wm-body")], [H.link("Download matches (CSV)", to: "/matches/export.csv"), .text(" · "),
                                                               H.link("Download contacts (CSV)", to: "/contacts/export.csv")]))
        }
        if rows.isEmpty {
            content.append(UI.p(mentorView ? "You have no mentees yet. Your coordinator will propose a match when someone needs you." : "No current matches."))
        } else {
            content.append(UI.table(caption: mentorView ? "Your mentees" : "Current matches and their health", columns: [
                .init(title: mentorView ? "Mentee" : "Mentee"), .init(title: mentorView ? "State" : "Mentor"), .init(title: "Last contact"),
                .init(title: "Contacts this month", numeric: true), .init(title: "Needs attention"),
            ], rows: rows.map { row in
                [H.link(mentorView ? row.mentee.details.firstName : row.mentee.details.fullName, to: SitePath.match(row.match.id).url),
                 mentorView ? UI.tag(row.match.state.label, "blue") : .text(row.mentorName),
                 .text(row.lastContact?.long ?? "None yet"), .text(String(row.thisMonth)),
                 row.flags.isEmpty ? .text("No") : H.group(row.flags.map { UI.tag($0.label, "red") })]
            }))
        }
        return Layout.render(PageFrame(req, title: mentorView ? "My mentees" : "Matches", section: .matches), content)
    }

    // MARK: One match

    @Sendable func show(req: Request, user: CurrentUser) async throws -> Response {
        let file = try await MatchService.load(try req.parameter(.match), for: .viewMatches, action: "match.view", on: req)
        return try await page(req, file, state: FormState(values: FormState.dateValues("on", req.today).merging(FormState.dateValues("heldOn", req.today)) { $1 }))
    }

    func page(_ req: Request, _ file: MatchFile, state: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let user = try req.user
        let scope = MatchService.scope(file)
        let can: (Capability) -> Bool = { Policy.access(user.actor, to: scope, for: $0) == .full }
        let mentorView = user.role == .mentor
        let d = file.referral.details
        let token = CSRF.token(for: req)
        var content: [Body] = [Form.errorSummary(state.errors, dateFields: ["on", "heldOn"], firstOptions: ["supportTypes": SupportType.allCases[0].rawValue]),
                               UI.heading(mentorView ? "Mentoring \(file.mentee.details.firstName)" : "\(file.mentee.details.fullName) and \(file.mentorPerson.details.fullName)",
                                          caption: "Match: \(file.match.state.label.lowercased())")]
        if let review = file.match.reviewReason {
            content.append(UI.warning("Under review: \(Policy.reviewReason(review, shownTo: user.role))."))
            if can(.manageMatches) {
                content.append(H.el("form", [("method", "post"), ("action", SitePath.matchPage(file.match.id, .review).url)], [
                    Form.csrf(token), Form.button("Reviewed: the match can continue", secondary: true),
                ]))
            }
        }
        // A mentor sees only what they need: first name, goals, needs and practicalities, never offence or risk details.
        content.append(UI.summaryList([
            .init(key: "Mentee", value: .text(mentorView ? file.mentee.details.firstName : file.mentee.details.fullName)),
            .init(key: "Goals", value: H.el("ol", [("class", "wm-list wm-list--number")], d.goals.map { H.el("li", [], $0) })),
            .init(key: "Support with", value: .text(d.needs.map(\.label).joined(separator: ", "))),
            .init(key: "Can meet", value: .text(d.availability.map(\.label).joined(separator: ", ").nonEmpty ?? "To be agreed")),
            .init(key: "Languages", value: .text(d.languages.joined(separator: ", "))),
            .init(key: "Accessibility needs", value: .text(d.accessibilityNeeds ?? "None given")),
            .init(key: "Started", value: .text(file.match.startedOn?.long ?? "Not yet")),
        ]))
        // What the practitioner chose to share: the only route by which more reaches a mentor.
        content.append(H.el("h2", [("class", "wm-heading-m")], mentorView ? "From \(file.mentee.details.firstName)’s practitioner" : "What the mentor may see"))
        content.append(UI.summaryList(SharingService.rows(try await DataProtectionRepository.currentSharing(referralID: file.referral.id, on: req.db))))
        if file.match.state == .proposed, can(.respondToMatch) {
            content.append(H.el("form", [("method", "post"), ("action", SitePath.matchPage(file.match.id, .state).url)], [
                Form.csrf(token), Form.hidden("version", String(file.match.version)), Form.hidden("state", "active"), Form.button("Accept this match"),
            ]))
            content.append(H.el("form", [("method", "post"), ("action", SitePath.matchPage(file.match.id, .state).url)], [
                Form.csrf(token), Form.hidden("version", String(file.match.version)), Form.hidden("state", "ended"), Form.hidden("endReason", "declined"),
                Form.button("Decline", secondary: true),
            ]))
        }
        if [.active, .paused].contains(file.match.state), can(.manageMatches) {
            let moves = MatchJourney.moves[file.match.state, default: []]
            content.append(H.el("form", [("method", "post"), ("action", SitePath.matchPage(file.match.id, .state).url), ("novalidate", "novalidate")], [
                Form.csrf(token), Form.hidden("version", String(file.match.version)),
                Form.radios("state", legend: "Change the match", options: MatchState.allCases.filter(moves.contains).map { .init(value: $0.rawValue, label: $0.label) },
                            selected: "", error: state.error("state"), inline: true),
                Form.select("endReason", label: "If ending, why?", options: MatchEndReason.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                            selected: "", error: state.error("endReason"), blank: "Select"),
                Form.button("Save", secondary: true),
            ]))
        }
        let contacts = try await MatchRepository.contacts(matchIDs: [file.match.id], on: req.db)
        content.append(H.el("h2", [("class", "wm-heading-m")], "Contacts"))
        if contacts.isEmpty { content.append(UI.p("No contacts logged yet.")) } else {
            content.append(UI.table(caption: "Contacts, newest first", columns: [.init(title: "Date"), .init(title: "Minutes", numeric: true),
                                                                                 .init(title: "Support"), .init(title: "Where"), .init(title: "Concern")],
                                    rows: contacts.map { c in
                [.text(c.contact.on.long), .text(String(c.contact.minutes)), .text(c.contact.supportTypes.map(\.label).joined(separator: "; ")),
                 .text(c.contact.place), c.contact.concern == nil ? .text("None") : UI.tag(c.hasOpenConcern ? "Open" : "Acknowledged", c.hasOpenConcern ? "red" : "grey")]
            }))
        }
        if [.active, .paused].contains(file.match.state), can(.logContacts) {
            content.append(H.el("form", [("method", "post"), ("action", SitePath.matchPage(file.match.id, .contacts).url), ("novalidate", "novalidate")], [
                Form.csrf(token),
                Form.date("on", legend: "Date of the contact", hint: nil, state: state),
                Form.text("minutes", label: "How long, in minutes", value: state["minutes"], error: state.error("minutes"), width: "3"),
                Form.checkboxes("supportTypes", legend: "Support given", options: SupportType.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                                selected: state.list("supportTypes"), hint: "Select all that apply", error: state.error("supportTypes")),
                Form.text("place", label: "Where", value: state["place"], hint: "For example, the probation office, a café, by phone", error: state.error("place")),
                Form.textarea("notes", label: "Notes (optional)", value: state["notes"], error: state.error("notes"), rows: 3),
                Form.textarea("concern", label: "Any concern? (optional)", value: state["concern"],
                              hint: "Something the practitioner must know: it is sent to them straight away and stays open until they acknowledge it",
                              error: state.error("concern"), rows: 3),
                Form.button("Log contact"),
            ]))
        }
        if can(.manageMatches), file.match.state == .active {
            content.append(H.el("h2", [("class", "wm-heading-m")], "Support check-in"))
            content.append(UI.p("Check in with mentor and mentee twice in the first month, then monthly."))
            content.append(H.el("form", [("method", "post"), ("action", SitePath.matchPage(file.match.id, .checkIns).url), ("novalidate", "novalidate")], [
                Form.csrf(token),
                Form.date("heldOn", legend: "Date of the check-in", hint: nil, state: state),
                Form.textarea("checkInNotes", label: "Notes", value: state["checkInNotes"], error: state.error("notes"), rows: 3),
                Form.button("Record check-in", secondary: true),
            ]))
        }
        var frame = PageFrame(req, title: mentorView ? "Mentoring \(file.mentee.details.firstName)" : "Match", section: .matches)
        frame.hasErrors = !state.errors.isEmpty
        frame.breadcrumbs = [("Home", SitePath.home.url), (mentorView ? "My mentees" : "Matches", SitePath.matches.url)]
        return Layout.render(frame, status: status, content)
    }

    func redisplay(_ req: Request, _ state: FormState, _ error: any Error) async throws -> Response {
        let file = try await MatchService.load(try req.parameter(.match), for: .viewMatches, action: nil, on: req)
        var state = state
        state.values.merge(FormState.dateValues("on", req.today)) { a, _ in a }
        state.values.merge(FormState.dateValues("heldOn", req.today)) { a, _ in a }
        if let failure = error as? ValidationFailure {
            state.errors = failure.errors
            return try await page(req, file, state: state, status: .unprocessableEntity)
        }
        if error is VersionConflict {
            state.errors = [FieldError("state", "Someone else changed this match. Check it, then try again.")]
            return try await page(req, file, state: state, status: .conflict)
        }
        throw error
    }

    @Sendable func move(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.match)
        let state = FormState(request: req, fields: ["version", "state", "endReason"])
        do {
            let saved = try await MatchService.move(id, to: state["state"], endReason: state["endReason"].nonEmpty, version: Int(state["version"]) ?? -1, on: req)
            Flash.set("Match \(saved.state == .active ? "accepted" : saved.state.label.lowercased())", on: req)
            return req.redirect(to: SitePath.match(id).url)
        } catch let error where error is ValidationFailure || error is VersionConflict {
            return try await redisplay(req, state, error)
        }
    }

    @Sendable func logContact(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.match)
        let state = FormState(request: req, fields: ["minutes", "place", "notes", "concern"], dates: ["on"], listFields: ["supportTypes"])
        do {
            let saved = try await MatchService.logContact(id, ContactDraft(on: state.dateInput("on"), minutes: state["minutes"], supportTypes: state.list("supportTypes"),
                                                                           place: state["place"], notes: state["notes"], concern: state["concern"]), on: req)
            Flash.set(saved.contact.concern == nil ? "Contact logged" : "Contact logged. The practitioner has been told about your concern.", on: req)
            return req.redirect(to: SitePath.match(id).url)
        } catch let error where error is ValidationFailure {
            return try await redisplay(req, state, error)
        }
    }

    @Sendable func checkIn(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.match)
        let state = FormState(request: req, fields: ["checkInNotes"], dates: ["heldOn"])
        do {
            try await MatchService.checkIn(id, heldOn: state.dateInput("heldOn"), notes: state["checkInNotes"], on: req)
            Flash.set("Check-in recorded", on: req)
            return req.redirect(to: SitePath.match(id).url)
        } catch let error where error is ValidationFailure {
            return try await redisplay(req, state, error)
        }
    }

    @Sendable func clearReview(req: Request, user: CurrentUser) async throws -> Response {
        let id = try req.parameter(.match)
        try await MatchService.clearReview(id, on: req)
        Flash.set("Review closed: the match continues", on: req)
        return req.redirect(to: SitePath.match(id).url)
    }

    // MARK: CSV

    /// Every match (ended ones too) for mentees in the coordinator's areas.
    func areaMatches(_ req: Request) async throws -> [(Match, Referral, Person, Person)] {
        let user = try req.user
        var out: [(Match, Referral, Person, Person)] = []
        for (referral, mentee) in try await ReferralRepository.list(areas: user.actor.areaIDs, caseloadOf: nil, states: ReferralState.allCases,
                                                                     after: nil, limit: 100_000, on: req.db).items {
            for match in try await MatchRepository.forReferral(referral.id, on: req.db) {
                guard let mentor = try await MentorRepository.find(id: match.mentorID, on: req.db),
                      let mentorPerson = try await PeopleRepository.find(id: mentor.personID, on: req.db) else { continue }
                out.append((match, referral, mentee, mentorPerson))
            }
        }
        return out
    }

    @Sendable func exportMatches(req: Request, user: CurrentUser) async throws -> Response {
        let rows = try await areaMatches(req)
        try await req.auditList(actorID: user.id, action: "match.export", recordType: "match", personIDs: rows.map(\.2.id))
        return try CSVExport.response(filename: "matches.csv",
                                      header: ["match", "referral", "mentee CRN", "mentee", "mentor", "state", "proposed", "started", "ended", "end reason", "score"],
                                      rows: rows.map { m, r, mentee, mentor in
            [m.id, r.id, mentee.details.crn?.value ?? "", mentee.details.fullName, mentor.details.fullName, m.state.rawValue, m.proposedOn.iso,
             m.startedOn?.iso ?? "", m.endedOn?.iso ?? "", m.endReason?.rawValue ?? "", String(m.score)]
        })
    }

    @Sendable func exportContacts(req: Request, user: CurrentUser) async throws -> Response {
        let matches = try await areaMatches(req)
        let contacts = try await MatchRepository.contacts(matchIDs: matches.map(\.0.id), on: req.db)
        let mentees = Dictionary(uniqueKeysWithValues: matches.map { ($0.0.id, $0.2) })
        try await req.auditList(actorID: user.id, action: "contact.export", recordType: "contact", personIDs: matches.map(\.2.id))
        return try CSVExport.response(filename: "contacts.csv",
                                      header: ["match", "mentee CRN", "date", "minutes", "support", "accompanied appointment", "place", "concern raised", "concern acknowledged"],
                                      rows: contacts.map { c in
            [c.matchID, mentees[c.matchID]?.details.crn?.value ?? "", c.contact.on.iso, String(c.contact.minutes),
             c.contact.supportTypes.map(\.rawValue).joined(separator: ";"), c.contact.accompaniedAppointment ? "yes" : "no", c.contact.place,
             c.contact.concern == nil ? "no" : "yes", c.concernAcknowledgedOn?.iso ?? ""]
        })
    }

    // MARK: Concerns and notifications

    @Sendable func concerns(req: Request, user: CurrentUser) async throws -> Response {
        var open: [(StoredContact, Person)] = []
        for (referral, person) in try await ReferralRepository.list(areas: nil, caseloadOf: user.id, states: ReferralState.allCases, after: nil, limit: 1000, on: req.db).items {
            let matches = try await MatchRepository.forReferral(referral.id, on: req.db)
            open += try await MatchRepository.contacts(matchIDs: matches.map(\.id), on: req.db).filter(\.hasOpenConcern).map { ($0, person) }
        }
        if !open.isEmpty {
            try await req.auditList(actorID: user.id, action: "concern.list", recordType: "contact", personIDs: open.map(\.1.id))
        }
        var content: [Body] = [UI.heading("Concerns to acknowledge")]
        if open.isEmpty { content.append(UI.p("No open concerns. Concerns peer mentors raise about people on your caseload appear here.")) }
        for (contact, person) in open {
            content.append(H.el("form", [("method", "post"), ("action", SitePath.acknowledge(contact.id).url), ("class", "wm-summary-card")], [
                H.el("div", [("class", "wm-summary-card__title-wrapper")], [H.el("h2", [("class", "wm-summary-card__title")], "\(person.details.fullName), \(contact.contact.on.long)")]),
                H.el("div", [("class", "wm-summary-card__content")], [
                    UI.p(contact.contact.concern ?? ""),
                    Form.csrf(CSRF.token(for: req)),
                    Form.button("Acknowledge", secondary: true),
                ]),
            ]))
        }
        return Layout.render(PageFrame(req, title: "Concerns", section: .concerns), content)
    }

    @Sendable func acknowledge(req: Request, user: CurrentUser) async throws -> Response {
        try await MatchService.acknowledge(contactID: try req.parameter(.contact), on: req)
        Flash.set("Concern acknowledged", on: req)
        return req.redirect(to: SitePath.concerns.url)
    }

    @Sendable func notifications(req: Request, user: CurrentUser) async throws -> Response {
        let list = try await NotificationRepository.forRecipient(user.id, limit: 50, on: req.db)
        var content: [Body] = [UI.heading("Notifications")]
        if list.isEmpty { content.append(UI.p("Nothing yet. Matches, concerns and changes to your referrals appear here.")) } else {
            let formatter = DateFormatter()
            formatter.dateFormat = "d MMMM yyyy, HH:mm"
            formatter.timeZone = TimeZone(identifier: "Europe/London")
            content.append(UI.table(caption: "Your latest notifications", columns: [.init(title: "When"), .init(title: "About"), .init(title: "Message")],
                                    rows: list.map { n in
                [.text(formatter.string(from: n.createdAt)), n.link.map { H.link(n.subject, to: $0) } ?? .text(n.subject), .text(n.body)]
            }))
        }
        return Layout.render(PageFrame(req, title: "Notifications", section: .notifications), content)
    }
}
