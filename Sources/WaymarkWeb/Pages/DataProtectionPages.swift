import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// The data protection officer's pages (administrators): find a person, answer a subject access
/// request, restrict a disputed record or hold it for legal reasons, see who viewed it, review
/// retention and unusual access.
struct DataProtectionPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, SitePath.dataProtection.route, needs: .manageDataProtection, signedIn: index)
        let person = PathParameter.person.placeholder
        routes.on(.GET, SitePath.dataProtectionPerson(person).route, needs: .manageDataProtection, signedIn: show)
        routes.on(.POST, SitePath.dataProtectionPage(person, .protection).route, needs: .manageDataProtection, signedIn: protect)
        routes.on(.GET, SitePath.dataProtectionPage(person, .subjectAccess).route, needs: .manageDataProtection, signedIn: subjectAccess)
        routes.on(.GET, SitePath.dataProtectionPage(person, .subjectAccessJson).route, needs: .manageDataProtection, signedIn: subjectAccessJSON)
        routes.on(.GET, SitePath.retention.route, needs: .manageDataProtection, signedIn: retention)
        routes.on(.POST, SitePath.retention.route, needs: .manageDataProtection, signedIn: runRetention)
        routes.on(.GET, SitePath.unusualAccess.route, needs: .manageDataProtection, signedIn: unusualAccess)
    }

    // MARK: Find a person

    @Sendable func index(req: Request, user: CurrentUser) async throws -> Response {
        let crn = req.query[String.self, at: "crn"]
        // People without a CRN are reached by their record id (the audit log links here).
        if let id = req.query[String.self, at: "personId"], let person = try await PeopleRepository.find(id: id, on: req.db) {
            return req.redirect(to: SitePath.dataProtectionPerson(person.id).url)
        }
        var error: String?
        if let crn, !crn.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                if let person = try await DataProtectionService.person(crn: crn, on: req.db) {
                    return req.redirect(to: SitePath.dataProtectionPerson(person.id).url)
                }
                error = "No one with the CRN \(crn.uppercased()) is held"
            } catch let failure as DataProtectionService.Failure {
                error = failure.description
            }
        } else if crn != nil {
            error = "Enter a CRN"
        }
        var frame = PageFrame(req, title: "Data protection", section: .dataProtection)
        frame.hasErrors = error != nil
        let content: [Body] = [
            Form.errorSummary(error.map { [FieldError("crn", $0)] } ?? []),
            UI.heading("Data protection"),
            UI.p("Answer a subject access request, restrict a record while it is disputed, hold it for legal reasons, "
                 + "and see who has viewed it. Every action here is itself recorded in the audit log."),
            H.el("form", [("method", "get"), ("action", SitePath.dataProtection.url), ("novalidate", "novalidate")], [
                Form.text("crn", label: "Find a person by CRN", value: crn ?? "", hint: "One letter and six digits, like X123456",
                          error: error, width: "10", spellcheck: false),
                Form.button("Find", secondary: true),
            ]),
            UI.p("People without a CRN: find them in the audit log, which links each person’s entries here."),
            H.el("h2", [("class", "wm-heading-m")], "Reviews"),
            H.el("ul", [("class", "wm-list")], [
                H.el("li", [], [H.link("Retention: records due to be anonymised", to: SitePath.retention.url)]),
                H.el("li", [], [H.link("Unusual access in the last 30 days", to: SitePath.unusualAccess.url)]),
            ]),
        ]
        return Layout.render(frame, status: error == nil ? .ok : .unprocessableEntity, content)
    }

    // MARK: One person

    func load(_ req: Request) async throws -> Person {
        guard let person = try await PeopleRepository.find(id: try req.parameter(.person), on: req.db) else { throw Abort(.notFound) }
        return person
    }

    @Sendable func show(req: Request, user: CurrentUser) async throws -> Response {
        let person = try await load(req)
        try await req.audit(AuditRecord(actorID: user.id, action: "dataProtection.view", recordType: "person", recordID: person.id, personID: person.id))
        return try await page(req, person, errors: [], values: [:])
    }

    func page(_ req: Request, _ person: Person, errors: [FieldError], values: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        let protection = try await DataProtectionRepository.protection(personID: person.id, on: req.db)
        let review = try await DataProtectionService.retentionReview(today: req.today, personID: person.id, on: req.db).first
        let corrections = try await DataProtectionRepository.corrections(personID: person.id, on: req.db)
        let viewers = try await DataProtectionService.viewers(personID: person.id, on: req.db)
        let names = try await UserRepository.names(ids: Set([protection.restriction?.byID, protection.legalHold?.byID].compactMap { $0 } + corrections.map(\.byID)), on: req.db)
        var frame = PageFrame(req, title: "Data protection – \(person.details.fullName)", section: .dataProtection)
        frame.hasErrors = !errors.isEmpty
        frame.backLink = SitePath.dataProtection.url
        let token = CSRF.token(for: req)
        func hold(_ h: Protection.Hold?, none: String) -> Body {
            guard let h else { return .text(none) }
            return .text("Since \(h.since.long), by \(names[h.byID] ?? "unknown"): \(h.reason)")
        }
        var content: [Body] = [
            Form.errorSummary(errors),
            UI.heading(person.details.fullName, caption: "Data protection"),
            UI.summaryList([
                .init(key: "CRN", value: .text(person.details.crn?.value ?? "Not known")),
                .init(key: "Record id", value: .text(person.id)),
                .init(key: "Restriction", value: hold(protection.restriction, none: "Not restricted")),
                .init(key: "Legal hold", value: hold(protection.legalHold, none: "None")),
                .init(key: "Retention", value: .text(review?.status.label ?? "Unknown")),
            ]),
            H.el("h2", [("class", "wm-heading-m")], "Subject access"),
            UI.p("Everything held about this person — records, history, contacts, corrections and who viewed them — as a readable document or as JSON. Producing it is recorded in the audit log."),
            H.el("p", [("class", "wm-body")], [
                H.link("Read the subject access document", to: SitePath.dataProtectionPage(person.id, .subjectAccess).url), .text(" or "),
                H.link("download it as JSON", to: SitePath.dataProtectionPage(person.id, .subjectAccessJson).url),
            ]),
        ]
        if protection.anonymisedOn == nil {
            let actions: [ProtectionAction] = [protection.isRestricted ? .liftRestriction : .restrict, protection.legalHold == nil ? .placeLegalHold : .liftLegalHold]
            content.append(H.el("h2", [("class", "wm-heading-m")], "Restriction and legal hold"))
            content.append(UI.p("Restrict the record while the person disputes its accuracy or objects to its use: it can still be read but nothing about them can be changed. "
                                + "A legal hold keeps the record from being anonymised when its retention period ends."))
            content.append(H.el("form", [("method", "post"), ("action", SitePath.dataProtectionPage(person.id, .protection).url), ("novalidate", "novalidate")], [
                Form.csrf(token), Form.hidden("version", String(protection.version)),
                Form.radios("action", legend: "What do you want to do?", options: actions.map { .init(value: $0.rawValue, label: $0.label) },
                            selected: values["action"] ?? "", error: errors.first { $0.field == "action" }?.message),
                Form.textarea("reason", label: "Reason", value: values["reason"] ?? "", hint: "For example, ‘Disputes the order end date; checking with the court’",
                              error: errors.first { $0.field == "reason" }?.message, maxLength: 500, rows: 2),
                Form.button("Save", secondary: true),
            ]))
        }
        if !corrections.isEmpty {
            content.append(UI.table(caption: "Corrections", columns: [.init(title: "Date"), .init(title: "What"), .init(title: "Was"), .init(title: "Now"),
                                                                      .init(title: "Why"), .init(title: "By")],
                                    rows: corrections.map { c in
                [.text(c.on.long), .text((c.recordType == "order" ? "Order: " : "") + c.change.label), .text(c.change.previous), .text(c.change.new),
                 .text(c.reason ?? "Not given"), .text(names[c.byID] ?? "Unknown")]
            }))
        }
        let formatter = ISO8601DateFormatter()
        content.append(H.el("h2", [("class", "wm-heading-m")], "Who viewed or changed this record"))
        content.append(viewers.isEmpty ? UI.p("No one yet.") : UI.table(caption: "The latest \(viewers.count) entries, newest first", columns: [
            .init(title: "When (UTC)"), .init(title: "Who"), .init(title: "Role"), .init(title: "What"),
        ], rows: viewers.map { v in
            [.text(formatter.string(from: v.entry.at)), .text(v.name), .text(v.role?.label ?? "System"), .text(v.entry.action)]
        }))
        content.append(H.el("p", [("class", "wm-body")], [H.link("The full audit log for this person", to: SitePath.audit.url + "?personId=" + person.id)]))
        return Layout.render(frame, status: status, content)
    }

    @Sendable func protect(req: Request, user: CurrentUser) async throws -> Response {
        let person = try await load(req)
        let state = FormState(request: req, fields: ["action", "reason", "version"])
        guard let version = Int(state["version"]) else { throw Abort(.badRequest, reason: "The form is missing its version") }
        do {
            let action = try DataProtectionService.protectionAction(state["action"])
            _ = try await DataProtectionService.protect(personID: person.id, action: action, reason: state["reason"], expectedVersion: version, on: req)
            Flash.set("\(action.label): done", on: req)
            return req.redirect(to: SitePath.dataProtectionPerson(person.id).url)
        } catch let failure as ValidationFailure {
            return try await page(req, person, errors: failure.errors, values: state.values, status: .unprocessableEntity)
        } catch is VersionConflict {
            return try await page(req, person, errors: [FieldError("action", "Someone else changed this record’s status while you were deciding. Check it, then try again.")],
                                  values: state.values, status: .conflict)
        }
    }

    // MARK: Subject access

    @Sendable func subjectAccess(req: Request, user: CurrentUser) async throws -> Response {
        let person = try await load(req)
        guard let document = try await DataProtectionService.subjectAccess(personID: person.id, actorID: user.id, at: req.now,
                                                                           gate: req.application.writeGate, on: req.db)
        else { throw Abort(.notFound) }
        var frame = PageFrame(req, title: "Subject access – \(person.details.fullName)", section: .dataProtection)
        frame.backLink = SitePath.dataProtectionPerson(person.id).url
        var content: [Body] = [
            UI.heading(document.heading, caption: "Subject access request"),
            UI.p("Produced on \(document.generatedOn.long). Before sending it, check it for information about other people that should be withheld (for example, a victim named in a note)."),
        ]
        for section in document.sections {
            content.append(H.el("h2", [("class", "wm-heading-m")], section.title))
            content.append(UI.p(section.explanation))
            if section.records.isEmpty { content.append(UI.p("Nothing held.")) }
            for record in section.records {
                content.append(UI.summaryList(record.fields.map { .init(key: $0.name, value: .text($0.value.nonEmpty ?? "–")) }))
            }
        }
        return Layout.render(frame, content)
    }

    @Sendable func subjectAccessJSON(req: Request, user: CurrentUser) async throws -> Response {
        let person = try await load(req)
        guard let document = try await DataProtectionService.subjectAccess(personID: person.id, actorID: user.id, at: req.now,
                                                                           gate: req.application.writeGate, on: req.db)
        else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"subject-access-\(person.id).json\"")
        return Response(status: .ok, headers: headers, body: .init(data: try DataProtectionService.json(document)))
    }

    // MARK: Retention

    @Sendable func retention(req: Request, user: CurrentUser) async throws -> Response {
        let review = try await DataProtectionService.retentionReview(today: req.today, on: req.db)
        let expired = review.filter { if case .expired = $0.status { true } else { false } }
        let held = review.filter { [.legalHold, .restricted].contains($0.status) }
        let anonymised = review.filter { $0.status == .anonymised }.count
        let people = try await PeopleRepository.find(ids: (expired + held).map(\.facts.personID), on: req.db)
        let years = Set(review.map(\.years)).sorted().map(String.init).joined(separator: " or ")
        var content: [Body] = [
            UI.heading("Retention"),
            UI.p("Records are kept for \(years.nonEmpty ?? "7") years after the person’s last order ended and their involvement with the service closed (a programme setting), "
                 + "then names, CRNs, dates of birth (all but the year) and notes are anonymised. The dated records the figures are counted from stay, so reports do not change. "
                 + "A legal hold stops it. This runs every day on its own; `waymark retention --dry-run` lists the same."),
            UI.summaryList([
                .init(key: "Due to be anonymised", value: .text(String(expired.count))),
                .init(key: "On legal hold or restricted", value: .text(String(held.count))),
                .init(key: "Already anonymised", value: .text(String(anonymised))),
                .init(key: "Kept", value: .text(String(review.count - expired.count - held.count - anonymised))),
            ]),
        ]
        let rows: ([DataProtectionService.RetentionItem]) -> [[Body]] = { items in
            items.prefix(500).map { item in
                [H.link(people[item.facts.personID]?.details.crn?.value ?? item.facts.personID, to: SitePath.dataProtectionPerson(item.facts.personID).url),
                 .text(item.status.label)]
            }
        }
        if !expired.isEmpty {
            content.append(UI.table(caption: "Due to be anonymised", columns: [.init(title: "Person"), .init(title: "Status")], rows: rows(expired)))
            content.append(H.el("form", [("method", "post"), ("action", SitePath.retention.url)], [
                Form.csrf(CSRF.token(for: req)),
                Form.button("Anonymise \(expired.count) \(expired.count == 1 ? "record" : "records") now", secondary: true),
            ]))
        }
        if !held.isEmpty {
            content.append(UI.table(caption: "On legal hold or restricted", columns: [.init(title: "Person"), .init(title: "Status")], rows: rows(held)))
        }
        return Layout.render(PageFrame(req, title: "Retention", section: .dataProtection), content)
    }

    @Sendable func runRetention(req: Request, user: CurrentUser) async throws -> Response {
        let run = try await DataProtectionService.runRetention(today: req.today, at: req.now, actorID: user.id, dryRun: false,
                                                               gate: req.application.writeGate, on: req.db)
        Flash.set("\(run.anonymised) \(run.anonymised == 1 ? "record" : "records") anonymised", on: req)
        return req.redirect(to: SitePath.retention.url)
    }

    // MARK: Unusual access

    @Sendable func unusualAccess(req: Request, user: CurrentUser) async throws -> Response {
        let days = min(max(req.query[Int.self, at: "days"] ?? 30, 1), 365)
        let flags = try await DataProtectionService.unusualAccess(days: days, today: req.today, on: req.db)
        let rule = UnusualAccessRule()
        var content: [Body] = [
            UI.heading("Unusual access"),
            UI.p("Days in the last \(days) on which someone viewed more than \(rule.peoplePerDay) people’s records, "
                 + "or more than \(rule.outsideCaseloadPerDay) outside their own caseload (practitioners) or areas (coordinators). "
                 + "A flag is a question to ask, not a finding."),
        ]
        content.append(flags.isEmpty ? UI.p("Nothing unusual.") : UI.table(caption: "Flagged days, newest first", columns: [
            .init(title: "Day"), .init(title: "Who"), .init(title: "People viewed", numeric: true), .init(title: "Outside caseload", numeric: true), .init(title: "Why"),
        ], rows: flags.map { f in
            [.text(f.flag.day.long), .text("\(f.userName) (\(f.role?.label ?? "unknown role"))"), .text(String(f.flag.peopleViewed)),
             .text(String(f.flag.outsideCaseload)), .text(f.flag.reasons.joined(separator: "; "))]
        }))
        return Layout.render(PageFrame(req, title: "Unusual access", section: .dataProtection), content)
    }
}
