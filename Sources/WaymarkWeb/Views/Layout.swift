import Plot
import Vapor
import WaymarkCore

/// Everything the frame of a page needs: who is signed in, where they are, what to announce.
struct PageFrame {
    var title: String
    var user: CurrentUser?
    /// Only pages with a form (and every signed-in page, for "Sign out") need a token; asking
    /// for one starts a session, which anonymous visitors to public pages should not get.
    var csrfToken: String?
    var section: NavSection?
    var breadcrumbs: [(String, String)] = []
    var hasErrors = false
    var banner: String?
    var backLink: String?
    /// Served with `--demo`: every page says so.
    var demo = false
    /// An invitation link to pass on by hand, shown once (no email service yet).
    var oneTimeLink: (link: String, name: String)?

    init(_ request: Request, title: String, section: NavSection? = nil) {
        self.title = title
        self.demo = request.application.waymark.demo
        self.user = request.currentUser
        self.csrfToken = request.currentUser == nil ? nil : CSRF.token(for: request)
        self.section = section
        if request.hasSession, let message = request.session.data[Flash.key] {
            banner = message
            request.session.data[Flash.key] = nil
        }
        if request.hasSession, let link = request.session.data[OneTimeLink.linkKey] {
            oneTimeLink = (link, request.session.data[OneTimeLink.nameKey] ?? "them")
            request.session.data[OneTimeLink.linkKey] = nil
            request.session.data[OneTimeLink.nameKey] = nil
        }
    }
}

enum OneTimeLink {
    static let linkKey = "oneTimeLink"
    static let nameKey = "oneTimeLinkName"

    static func panel(_ link: (link: String, name: String)) -> Body {
        H.el("div", [("class", "wm-inset-text"), ("id", "invitation-link")], [
            H.el("h2", [("class", "wm-heading-s")], "Send \(link.name) this link yourself"),
            UI.p("Email is not set up on this installation yet, so the invitation has not been emailed. Send this link to \(link.name) in a way only they will see. It works once, for 72 hours, and is not shown again."),
            H.el("p", [("class", "wm-body")], [H.el("code", [("class", "wm-code")], link.link)]),
        ])
    }
}

enum Flash {
    static let key = "flash"
    static func set(_ message: String, on request: Request) { request.session.data[key] = message }
}

enum NavSection: String {
    case home, people, audit, users, account, organisation, mentors, training, expenses, myJourney, settings, referrals, matches, concerns, notifications, sessions, reports, caseStudies, dataProtection
}

/// The one layout that owns the accessible skeleton of every page.
enum Layout {
    static func navItems(for role: Role) -> [(NavSection, String, String)] {
        var items: [(NavSection, String, String)] = [(.home, "Home", SitePath.home.url)]
        if Policy.permits(role, .searchPeople) {
            items.append((.people, role == .practitioner ? "People and caseload" : "People", SitePath.people.url))
        }
        if role == .mentor {
            items.append((.myJourney, "My journey", SitePath.myJourney.url))
        } else if Policy.permits(role, .viewMentors) {
            items.append((.mentors, role == .practitioner ? "Mentor candidates" : "Mentors", SitePath.mentors.url))
        }
        if Policy.permits(role, .viewReferrals) { items.append((.referrals, role == .practitioner ? "Referrals" : "Waiting list", SitePath.referrals.url)) }
        if Policy.permits(role, .viewMatches) { items.append((.matches, role == .mentor ? "My mentees" : "Matches", SitePath.matches.url)) }
        if Policy.permits(role, .acknowledgeConcerns) { items.append((.concerns, "Concerns", SitePath.concerns.url)) }
        if Policy.permits(role, .viewSessions) { items.append((.sessions, [.mentor, .staffFacilitator].contains(role) ? "My sessions" : "Sessions", SitePath.sessions.url)) }
        if Policy.permits(role, .manageCohorts) { items.append((.training, "Training", SitePath.cohorts.url)) }
        if Policy.permits(role, .decideExpenses) { items.append((.expenses, "Expenses", SitePath.expenses.url)) }
        if Policy.permits(role, .viewReports) { items.append((.reports, "Reports", SitePath.reports.url)) }
        if Policy.permits(role, .manageCaseStudies) { items.append((.caseStudies, "Case studies", SitePath.caseStudies.url)) }
        if Policy.permits(role, .manageOrganisation) { items.append((.organisation, "Organisation", SitePath.organisation.url)) }
        if Policy.permits(role, .manageUsers) { items.append((.users, "Users", SitePath.users.url)) }
        if Policy.permits(role, .manageSettings) { items.append((.settings, "Settings", SitePath.settings.url)) }
        if [.coordinator, .practitioner, .mentor].contains(role) { items.append((.notifications, "Notifications", SitePath.notifications.url)) }
        if Policy.permits(role, .viewAudit) { items.append((.audit, "Audit log", SitePath.audit.url)) }
        if Policy.permits(role, .manageDataProtection) { items.append((.dataProtection, "Data protection", SitePath.dataProtection.url)) }
        return items
    }

    static func render(_ frame: PageFrame, status: HTTPStatus = .ok, _ content: [Body]) -> Response {
        let title = (frame.hasErrors ? "Error: " : "") + "\(frame.title) – Waymark"
        let document = HTML(
            .attribute(named: "lang", value: "en-GB"),
            .attribute(named: "class", value: "wm-template"),
            .element(named: "head", nodes: [
                H.void("meta", [("charset", "utf-8")]),
                H.el("title", [], title),
                H.void("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
                H.void("link", [("rel", "stylesheet"), ("href", "/assets/css/waymark.css")]),
                H.void("link", [("rel", "stylesheet"), ("href", "/assets/css/print.css"), ("media", "print")]),
                H.el("script", [("src", "/assets/js/waymark.js"), ("defer", "defer")], []),
            ]),
            .element(named: "body", nodes: [
                H.attr(("class", "wm-template__body")),
                frame.user == nil ? .empty : H.attr(("data-session-status", SitePath.sessionStatus.url)),
                frame.user == nil ? .empty : H.attr(("data-session-extend", SitePath.staySignedIn.url)),
                H.link("Skip to main content", to: "#main-content", [("class", "wm-skip-link")]),
                frame.demo ? demoBanner() : .empty,
                header(frame),
                frame.user.map { navigation($0.role, current: frame.section) } ?? .empty,
                H.el("div", [("class", "wm-width-container")], [
                    frame.breadcrumbs.isEmpty ? .empty : breadcrumbs(frame.breadcrumbs),
                    H.el("main", [("class", "wm-main-wrapper"), ("id", "main-content")],
                         [frame.backLink.map { H.link("Back", to: $0, [("class", "wm-back-link")]) } ?? .empty,
                          frame.banner.map(successBanner) ?? .empty,
                          frame.oneTimeLink.map(OneTimeLink.panel) ?? .empty] + content),
                ]),
                footer(),
            ])
        )
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: document.render()))
    }

    /// A form page: the GOV.UK two-thirds column keeps lines of a readable length.
    static func renderForm(_ frame: PageFrame, status: HTTPStatus = .ok, _ content: [Body]) -> Response {
        render(frame, status: status, [H.el("div", [("class", "wm-grid-row")], [H.el("div", [("class", "wm-grid-column-two-thirds")], content)])])
    }

    static func header(_ frame: PageFrame) -> Body {
        H.el("header", [("class", "wm-header")], [
            H.el("div", [("class", "wm-header__container wm-width-container")], [
                H.el("a", [("href", SitePath.home.url), ("class", "wm-header__service")], "Waymark"),
                frame.user.map { user in
                    H.el("div", [("class", "wm-header__account")], [
                        H.el("span", [("class", "wm-header__user")], [
                            .text(user.account.name + " "),
                            H.el("span", [("class", "wm-header__role")], user.role.label),
                        ]),
                        H.el("a", [("href", SitePath.account.url), ("class", "wm-header__link")], "Your account"),
                        H.el("form", [("method", "post"), ("action", SitePath.signOut.url), ("class", "wm-header__signout")], [
                            Form.csrf(frame.csrfToken ?? ""),
                            H.el("button", [("type", "submit"), ("class", "wm-header__link")], "Sign out"),
                        ]),
                    ])
                } ?? .empty,
            ]),
        ])
    }

    /// GOV.UK phase-banner style: shown above the header on every page of a demo.
    static func demoBanner() -> Body {
        H.el("div", [("class", "wm-demo-banner"), ("role", "region"), ("aria-label", "Demo")], [
            H.el("p", [("class", "wm-demo-banner__content wm-width-container")], [
                H.el("strong", [("class", "wm-tag wm-tag--red")], "Demo data"),
                .text(" Not for real records: everything here is made up, and the sign-ins are published."),
            ]),
        ])
    }

    static func navigation(_ role: Role, current: NavSection?) -> Body {
        H.el("nav", [("class", "wm-primary-navigation"), ("aria-label", "Primary navigation")], [
            H.el("ul", [("class", "wm-primary-navigation__list wm-width-container")], navItems(for: role).map { item in
                var attributes = [("class", "wm-primary-navigation__link"), ("href", item.2)]
                if item.0 == current { attributes.append(("aria-current", "page")) }
                return H.el("li", [("class", "wm-primary-navigation__item")], [H.el("a", attributes, item.1)])
            }),
        ])
    }

    static func breadcrumbs(_ trail: [(String, String)]) -> Body {
        H.el("nav", [("class", "wm-breadcrumbs"), ("aria-label", "Breadcrumb")], [
            H.el("ol", [("class", "wm-breadcrumbs__list")], trail.map { crumb in
                H.el("li", [("class", "wm-breadcrumbs__item")], [H.link(crumb.0, to: crumb.1)])
            }),
        ])
    }

    static func successBanner(_ message: String) -> Body {
        H.el("div", [("class", "wm-notification-banner wm-notification-banner--success"), ("role", "alert"),
                     ("aria-labelledby", "banner-title"), ("data-module", "notification-banner")], [
            H.el("div", [("class", "wm-notification-banner__header")], [
                H.el("h2", [("class", "wm-notification-banner__title"), ("id", "banner-title")], "Success"),
            ]),
            H.el("div", [("class", "wm-notification-banner__content")], [
                H.el("p", [("class", "wm-notification-banner__heading")], message),
            ]),
        ])
    }

    static func footer() -> Body {
        H.el("footer", [("class", "wm-footer")], [
            H.el("div", [("class", "wm-width-container")], [
                H.el("ul", [("class", "wm-footer__list")], [
                    H.el("li", [], [H.link("About peer mentoring", to: SitePath.about.url)]),
                ]),
                H.el("p", [("class", "wm-footer__meta")],
                     "Waymark holds criminal-offence data. Use it only for the peer mentoring service, and only what you need."),
            ]),
        ])
    }
}
