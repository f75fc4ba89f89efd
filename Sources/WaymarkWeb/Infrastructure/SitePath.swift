import Vapor

/// Every page path of the site, used by the router (with `:name` placeholders) and by the
/// views (with real ids), so a link and its route cannot drift apart.
enum SitePath: Hashable {
    case home
    case signIn
    case signOut
    case people
    case newPerson
    case person(String)
    case editPerson(String)
    case personOrders(String)
    case newOrder(String)
    case editOrder(person: String, order: String)
    case personRisk(String)
    case newRisk(String)
    case audit
    case users
    case about
    case aboutArea(String)
    case mentors
    case mentor(String)
    /// A page of a mentor's record: `training`, `profile/edit`, `certificate`...
    case mentorPage(String, MentorPage)
    case recommend(String)
    case cohorts
    case newCohort
    case cohort(String)
    case cohortPage(String, CohortPage)
    case expenses
    case expenseDecision(String)
    case myJourney
    case settings
    case providerSettings(String)
    case referrals
    case newReferral(String)
    case referral(String)
    case referralPage(String, ReferralPage)
    case bulkMatching
    case matches
    case match(String)
    case matchPage(String, MatchPage)
    case concerns
    case acknowledge(String)
    case notifications
    case interventions
    case newIntervention
    case intervention(String)
    case sessions
    case newSession
    case session(String)
    case sessionPage(String, SessionPage)
    case enforcement
    case rar(person: String, order: String)
    case rarSummary(person: String, order: String)
    case calendar
    case calendarFeed(String)
    case siteSchedule(String)
    case newStart
    case feedbackUplift
    case mentorExclusions(String)
    case reports
    case reportCSV
    case demand
    case caseStudies
    case caseStudy(String)
    case caseStudyAction(String, CaseStudyAction)
    case newCaseStudy(String)
    case siteInformation(String)
    case dataProtection
    case dataProtectionPerson(String)
    /// A page of the data protection view of one person: `protection`, `subject-access`, `subject-access.json`.
    case dataProtectionPage(String, DataProtectionPage)
    case retention
    case unusualAccess
    // Your account.
    case account
    case changePassword
    case signOutEverywhere
    case accountTokens
    case revokeAccountToken(String)
    case twoStepSetUp
    case signInTwoStep
    case sessionStatus
    case staySignedIn
    case forgottenPassword
    case resetPassword(String)
    case acceptInvitation(String)
    // The organisation and its people (administrators).
    case organisation
    case newProvider
    case providerSecurity(String)
    case newArea
    case area(String)
    case editArea(String)
    case newDeliveryUnit(area: String)
    case editDeliveryUnit(String)
    case newSite(area: String)
    case editSite(String)
    case organisationSiteInformation(String)
    case inviteUser
    case user(String)
    /// A change to one account: `role`, `deactivate`, `reactivate`, `invitation`, `two-step`, `tokens/{id}`.
    case userAction(String, UserAction)
    case mentorSignIn(String)

    var components: [String] {
        switch self {
        case .home: []
        case .signIn: ["sign-in"]
        case .signOut: ["sign-out"]
        case .people: ["people"]
        case .newPerson: ["people", "new"]
        case .person(let id): ["people", id]
        case .editPerson(let id): ["people", id, "edit"]
        case .personOrders(let id): ["people", id, "orders"]
        case .newOrder(let id): ["people", id, "orders", "new"]
        case .editOrder(let person, let order): ["people", person, "orders", order, "edit"]
        case .personRisk(let id): ["people", id, "risk"]
        case .newRisk(let id): ["people", id, "risk", "new"]
        case .audit: ["audit"]
        case .users: ["users"]
        case .about: ["about"]
        case .aboutArea(let slug): ["about", slug]
        case .mentors: ["mentors"]
        case .mentor(let id): ["mentors", id]
        case .mentorPage(let id, let page): ["mentors", id] + page.rawValue.split(separator: "/").map(String.init)
        case .recommend(let person): ["people", person, "recommend"]
        case .cohorts: ["cohorts"]
        case .newCohort: ["cohorts", "new"]
        case .cohort(let id): ["cohorts", id]
        case .cohortPage(let id, let page): ["cohorts", id, page.rawValue]
        case .expenses: ["expenses"]
        case .expenseDecision(let id): ["expenses", id, "decision"]
        case .myJourney: ["my-journey"]
        case .settings: ["settings"]
        case .providerSettings(let id): ["settings", id]
        case .referrals: ["referrals"]
        case .newReferral(let person): ["people", person, "refer"]
        case .referral(let id): ["referrals", id]
        case .referralPage(let id, let page): ["referrals", id, page.rawValue]
        case .bulkMatching: ["matching"]
        case .matches: ["matches"]
        case .match(let id): ["matches", id]
        case .matchPage(let id, let page): ["matches", id, page.rawValue]
        case .concerns: ["concerns"]
        case .acknowledge(let contact): ["concerns", contact, "acknowledge"]
        case .notifications: ["notifications"]
        case .interventions: ["interventions"]
        case .newIntervention: ["interventions", "new"]
        case .intervention(let id): ["interventions", id]
        case .sessions: ["sessions"]
        case .newSession: ["sessions", "new"]
        case .session(let id): ["sessions", id]
        case .sessionPage(let id, let page): ["sessions", id] + page.rawValue.split(separator: "/").map(String.init)
        case .enforcement: ["enforcement"]
        case .rar(let person, let order): ["people", person, "orders", order, "rar"]
        case .rarSummary(let person, let order): ["people", person, "orders", order, "rar", "summary"]
        case .calendar: ["calendar"]
        case .calendarFeed(let token): ["calendar", token]
        case .siteSchedule(let id): ["sites", id]
        case .newStart: ["new-start"]
        case .feedbackUplift: ["feedback"]
        case .mentorExclusions(let id): ["mentors", id, "must-not-meet"]
        case .reports: ["reports"]
        case .reportCSV: ["reports", "annual.csv"]
        case .demand: ["reports", "demand"]
        case .caseStudies: ["case-studies"]
        case .caseStudy(let id): ["case-studies", id]
        case .caseStudyAction(let id, let action): ["case-studies", id, action.rawValue]
        case .newCaseStudy(let person): ["people", person, "case-studies", "new"]
        case .siteInformation(let id): ["sites", id, "information"]
        case .dataProtection: ["data-protection"]
        case .dataProtectionPerson(let id): ["data-protection", "people", id]
        case .dataProtectionPage(let id, let page): ["data-protection", "people", id, page.rawValue]
        case .retention: ["data-protection", "retention"]
        case .unusualAccess: ["data-protection", "unusual-access"]
        case .account: ["account"]
        case .changePassword: ["account", "password"]
        case .signOutEverywhere: ["account", "sign-out-everywhere"]
        case .accountTokens: ["account", "tokens"]
        case .revokeAccountToken(let id): ["account", "tokens", id, "revoke"]
        case .twoStepSetUp: ["account", "two-step"]
        case .signInTwoStep: ["sign-in", "two-step"]
        case .sessionStatus: ["account", "session"]
        case .staySignedIn: ["account", "session", "extend"]
        case .forgottenPassword: ["forgotten-password"]
        case .resetPassword(let token): ["reset-password", token]
        case .acceptInvitation(let token): ["invitation", token]
        case .organisation: ["organisation"]
        case .newProvider: ["organisation", "providers", "new"]
        case .providerSecurity(let id): ["organisation", "providers", id, "sign-in"]
        case .newArea: ["organisation", "areas", "new"]
        case .area(let id): ["organisation", "areas", id]
        case .editArea(let id): ["organisation", "areas", id, "edit"]
        case .newDeliveryUnit(let area): ["organisation", "areas", area, "delivery-units", "new"]
        case .editDeliveryUnit(let id): ["organisation", "delivery-units", id, "edit"]
        case .newSite(let area): ["organisation", "areas", area, "sites", "new"]
        case .editSite(let id): ["organisation", "sites", id, "edit"]
        case .organisationSiteInformation(let id): ["organisation", "sites", id, "information"]
        case .inviteUser: ["users", "invite"]
        case .user(let id): ["users", id]
        case .userAction(let id, let action): ["users", id, action.rawValue]
        case .mentorSignIn(let id): ["mentors", id, "sign-in"]
        }
    }

    var url: String { "/" + components.map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0 }.joined(separator: "/") }

    /// For the router: `:name` components become parameters.
    var route: [PathComponent] { components.map { PathComponent(stringLiteral: $0) } }
}

/// What can be done to one account from its page.
enum UserAction: String, CaseIterable {
    case access, deactivate, reactivate, invitation
    case twoStep = "two-step"
}

