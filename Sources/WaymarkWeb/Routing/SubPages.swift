/// The sub-pages of a record, one enum per kind of record: a link to a sub-page that does not
/// exist cannot be written. Raw values are the path segments.
extension SitePath {

    enum MentorPage: String, CaseIterable {
        case account
        case accreditation
        case certificate
        case clearance
        case declarations
        case employment
        case expenses
        case hours
        case invitationConsent = "invitation-consent"
        case move
        case offences
        case outcomes
        case profile
        case profileEdit = "profile/edit"
        case riskReview = "risk-review"
        case supervision
        case training
        case volunteering
    }

    enum CohortPage: String, CaseIterable {
        case enrol
        case record
    }

    enum ReferralPage: String, CaseIterable {
        case approve
        case close
        case outcomes
        case propose
        case sharing
        case state
    }

    enum MatchPage: String, CaseIterable {
        case checkIns = "check-ins"
        case contacts
        case review
        case state
    }

    enum SessionPage: String, CaseIterable {
        case attendance
        case bookings
        case cancel
        case confirm
        case facilitators
        case feedback
        case invitation
        case response
        case sheet
        case unbook
    }

    enum CaseStudyAction: String, CaseIterable {
        case approve
        case withdraw
    }

    enum DataProtectionPage: String, CaseIterable {
        case protection
        case subjectAccess = "subject-access"
        case subjectAccessJson = "subject-access.json"
    }
}
