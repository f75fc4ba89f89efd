import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// Each user's private calendar feed: a secret URL they can revoke. The feed carries no names
/// of people on probation, only sessions, times and places.
struct CalendarPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignInMiddleware())
        signedIn.on(.GET, SitePath.calendar.route, needs: .viewCalendar, signedIn: manage)
        signedIn.on(.POST, SitePath.calendar.route, needs: .viewCalendar, signedIn: change)
        // The feed is fetched by calendar apps, which cannot sign in: the secret in the URL is the credential.
        routes.get(SitePath.calendarFeed(PathParameter.calendarToken.placeholder).route, use: feed)
    }

    @Sendable func manage(req: Request, user: CurrentUser) async throws -> Response {
        let since = try await CalendarFeedRepository.active(userID: user.id, on: req.db)
        var content: [Body] = [UI.heading("Your calendar feed"),
                               UI.p("Add your sessions to Outlook, Google Calendar or your phone with a private feed address. Anyone with the address can see your sessions’ times and places (never the names of people attending), so keep it to yourself.")]
        if let since {
            content.append(UI.p("You have a feed, made on \(CalendarDate(since).long). If you have lost its address, or shared it by mistake, make a new one: the old address stops working."))
        } else {
            content.append(UI.p("You do not have a feed yet."))
        }
        if let token = req.session.data["calendarToken"] {
            req.session.data["calendarToken"] = nil
            // Calendar apps need the whole address; behind TLS (secure cookies) it is https.
            let scheme = req.application.waymark.secureCookies ? "https" : "http"
            let url = "\(req.headers.first(name: .host).map { "\(scheme)://\($0)" } ?? "")\(SitePath.calendarFeed(token + ".ics").url)"
            content.append(UI.inset([H.el("p", [("class", "wm-body")], [.text("Your feed address (shown once): "), H.el("code", [("id", "feed-url")], url)])]))
        }
        content.append(H.el("form", [("method", "post"), ("action", SitePath.calendar.url)], [
            Form.csrf(CSRF.token(for: req)), Form.hidden("action", "create"),
            Form.button(since == nil ? "Make a feed address" : "Make a new address (stops the old one)"),
        ]))
        if since != nil {
            content.append(H.el("form", [("method", "post"), ("action", SitePath.calendar.url)], [
                Form.csrf(CSRF.token(for: req)), Form.hidden("action", "revoke"), Form.button("Turn off my feed", warning: true),
            ]))
        }
        return Layout.renderForm(PageFrame(req, title: "Calendar feed", section: .sessions), content)
    }

    @Sendable func change(req: Request, user: CurrentUser) async throws -> Response {
        let action = (try? req.content.get(String.self, at: "action")) ?? ""
        let at = req.now
        switch action {
        case "create":
            let token = try await Command.run(req, actorID: user.id) { effects in
                let tx = effects.tx
                let t = try await CalendarFeedRepository.create(userID: user.id, at: at, on: tx)
                effects.audit("calendar.create", "user", user.id)
                return t
            }
            req.session.data["calendarToken"] = token
            Flash.set("New feed address made", on: req)
        case "revoke":
            try await Command.run(req, actorID: user.id) { effects in
                let tx = effects.tx
                try await CalendarFeedRepository.revoke(userID: user.id, at: at, on: tx)
                effects.audit("calendar.revoke", "user", user.id)
            }
            Flash.set("Your feed is turned off", on: req)
        default:
            throw Abort(.badRequest, reason: "Choose to make or turn off a feed")
        }
        return req.redirect(to: SitePath.calendar.url)
    }

    @Sendable func feed(req: Request) async throws -> Response {
        var token = try req.parameter(.calendarToken)
        if token.hasSuffix(".ics") { token = String(token.dropLast(4)) }
        guard let account = try await CalendarFeedRepository.user(forToken: token, on: req.db) else { throw Abort(.notFound) }
        let from = req.today.adding(days: -30)
        var sessions = try await SessionRepository.facilitatedBy(userID: account.id, from: from, on: req.db)
        if Policy.scope(of: account.role, for: .scheduleSessions) == .ownAreas {
            let known = Set(sessions.map(\.id))
            sessions += try await SessionRepository.list(areas: account.areaIDs, from: from, limit: 1000, on: req.db).filter { !known.contains($0.id) }
        }
        let files = try await SessionListing.files(sessions, on: req.db)
        let events = files.map { f in
            CalendarEvent(uid: "\(f.session.id)@waymark", date: f.session.date, start: f.session.start, end: f.session.end,
                          summary: f.intervention.name + (f.facilitators.contains { $0.userID == account.id } ? " (facilitating)" : ""),
                          location: f.site.name, cancelled: f.session.state == .cancelled)
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=300")
        return Response(status: .ok, headers: headers, body: .init(string: ICalendar.feed(name: "Waymark sessions", events: events, stamp: req.now)))
    }
}
