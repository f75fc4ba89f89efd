import Vapor

/// Every API path under `/api/v1`, typed as the pages' `SitePath` is: the router uses it with
/// `:name` placeholders, and a test or a link with real ids.
enum APIPath: Hashable {
    case providers
    case areas
    case area(String)
    case areaDeliveryUnits(String)
    case deliveryUnit(String)
    case sites
    case site(String)
    case users
    case user(String)
    case tokens
    case token(String)
    case attendanceEnforcement(String)
    case audit
    case caseStudies
    case caseStudy(String)
    case caseStudyApproval(String)
    case caseStudyWithdrawal(String)
    case cohort(String)
    case cohortEnrolments(String)
    case cohortRecords(String)
    case cohorts
    case contactAcknowledgement(String)
    case expense(String)
    case feedbackUplift
    case intervention(String)
    case interventionVersions(String)
    case interventions
    case match(String)
    case matchCheckIns(String)
    case matchContacts(String)
    case matchState(String)
    case matches
    case matchingProposal
    case mentor(String)
    case mentorAccreditation(String)
    case mentorClearance(String)
    case mentorDeclarations(String)
    case mentorEligibility(String)
    case mentorEmployment(String)
    case mentorExpenses(String)
    case mentorHours(String)
    case mentorMoves(String)
    case mentorOffences(String)
    case mentorProfile(String)
    case mentorRiskReviews(String)
    case mentorSupervisions(String)
    case mentorWellbeing(String)
    case mentors
    case order(String)
    case orderRar(String)
    case orderRarActivities(String)
    case people
    case person(String)
    case personOrders(String)
    case personRisk(String)
    case referral(String)
    case referralClosure(String)
    case referralHighRiskApproval(String)
    case referralMatches(String)
    case referralOutcomes(String)
    case referralSharing(String)
    case referralState(String)
    case referralSuggestions(String)
    case referrals
    case reportsAnnual
    case reportsDemand
    case session(String)
    case sessionAttendance(String)
    case sessionBookings(String)
    case sessionCancellation(String)
    case sessionConfirmation(String)
    case sessionFacilitatorResponse(String, String)
    case sessionFacilitators(String)
    case sessionFeedback(String)
    case sessions

    var components: [String] {
        switch self {
        case .providers: ["providers"]
        case .areas: ["areas"]
        case .area(let id): ["areas", id]
        case .areaDeliveryUnits(let id): ["areas", id, "delivery-units"]
        case .deliveryUnit(let id): ["delivery-units", id]
        case .sites: ["sites"]
        case .site(let id): ["sites", id]
        case .users: ["users"]
        case .user(let id): ["users", id]
        case .tokens: ["tokens"]
        case .token(let id): ["tokens", id]
        case .attendanceEnforcement(let id0): ["attendance", id0, "enforcement"]
        case .audit: ["audit"]
        case .caseStudies: ["case-studies"]
        case .caseStudy(let id0): ["case-studies", id0]
        case .caseStudyApproval(let id0): ["case-studies", id0, "approval"]
        case .caseStudyWithdrawal(let id0): ["case-studies", id0, "withdrawal"]
        case .cohort(let id0): ["cohorts", id0]
        case .cohortEnrolments(let id0): ["cohorts", id0, "enrolments"]
        case .cohortRecords(let id0): ["cohorts", id0, "records"]
        case .cohorts: ["cohorts"]
        case .contactAcknowledgement(let id0): ["contacts", id0, "acknowledgement"]
        case .expense(let id0): ["expenses", id0]
        case .feedbackUplift: ["feedback", "uplift"]
        case .intervention(let id0): ["interventions", id0]
        case .interventionVersions(let id0): ["interventions", id0, "versions"]
        case .interventions: ["interventions"]
        case .match(let id0): ["matches", id0]
        case .matchCheckIns(let id0): ["matches", id0, "check-ins"]
        case .matchContacts(let id0): ["matches", id0, "contacts"]
        case .matchState(let id0): ["matches", id0, "state"]
        case .matches: ["matches"]
        case .matchingProposal: ["matching", "proposal"]
        case .mentor(let id0): ["mentors", id0]
        case .mentorAccreditation(let id0): ["mentors", id0, "accreditation"]
        case .mentorClearance(let id0): ["mentors", id0, "clearance"]
        case .mentorDeclarations(let id0): ["mentors", id0, "declarations"]
        case .mentorEligibility(let id0): ["mentors", id0, "eligibility"]
        case .mentorEmployment(let id0): ["mentors", id0, "employment"]
        case .mentorExpenses(let id0): ["mentors", id0, "expenses"]
        case .mentorHours(let id0): ["mentors", id0, "hours"]
        case .mentorMoves(let id0): ["mentors", id0, "moves"]
        case .mentorOffences(let id0): ["mentors", id0, "offences"]
        case .mentorProfile(let id0): ["mentors", id0, "profile"]
        case .mentorRiskReviews(let id0): ["mentors", id0, "risk-reviews"]
        case .mentorSupervisions(let id0): ["mentors", id0, "supervisions"]
        case .mentorWellbeing(let id0): ["mentors", id0, "wellbeing"]
        case .mentors: ["mentors"]
        case .order(let id0): ["orders", id0]
        case .orderRar(let id0): ["orders", id0, "rar"]
        case .orderRarActivities(let id0): ["orders", id0, "rar-activities"]
        case .people: ["people"]
        case .person(let id0): ["people", id0]
        case .personOrders(let id0): ["people", id0, "orders"]
        case .personRisk(let id0): ["people", id0, "risk"]
        case .referral(let id0): ["referrals", id0]
        case .referralClosure(let id0): ["referrals", id0, "closure"]
        case .referralHighRiskApproval(let id0): ["referrals", id0, "high-risk-approval"]
        case .referralMatches(let id0): ["referrals", id0, "matches"]
        case .referralOutcomes(let id0): ["referrals", id0, "outcomes"]
        case .referralSharing(let id0): ["referrals", id0, "sharing"]
        case .referralState(let id0): ["referrals", id0, "state"]
        case .referralSuggestions(let id0): ["referrals", id0, "suggestions"]
        case .referrals: ["referrals"]
        case .reportsAnnual: ["reports", "annual"]
        case .reportsDemand: ["reports", "demand"]
        case .session(let id0): ["sessions", id0]
        case .sessionAttendance(let id0): ["sessions", id0, "attendance"]
        case .sessionBookings(let id0): ["sessions", id0, "bookings"]
        case .sessionCancellation(let id0): ["sessions", id0, "cancellation"]
        case .sessionConfirmation(let id0): ["sessions", id0, "confirmation"]
        case .sessionFacilitatorResponse(let id0, let id1): ["sessions", id0, "facilitators", id1, "response"]
        case .sessionFacilitators(let id0): ["sessions", id0, "facilitators"]
        case .sessionFeedback(let id0): ["sessions", id0, "feedback"]
        case .sessions: ["sessions"]
        }
    }

    var route: [PathComponent] { components.map { PathComponent(stringLiteral: $0) } }
    var url: String { "/api/v1/" + components.joined(separator: "/") }
}
