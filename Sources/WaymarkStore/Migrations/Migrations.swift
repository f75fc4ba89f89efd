import Fluent

/// Every migration, in order. Landed migrations are never edited; new ones are appended.
public enum WaymarkMigrations {
    public static var all: [any Migration] {
        [
            M001CreateOrganisation(),
            M002CreateUsers(),
            M003CreatePeople(),
            M004CreateOrders(),
            M005CreateRiskAssessments(),
            M006CreateAudit(),
            M007AddOrderBreach(),
            M008CreateMentors(),
            M009CreateTraining(),
            M010CreateVolunteering(),
            M011CreateProgrammeSettings(),
            M012CreateReferrals(),
            M013AddMatchHealthSettings(),
            M014AddEnrolmentVersion(),
            M015CreateSessions(),
            M016CreateReporting(),
            M017AddSiteInformation(),
            M018AddSelfRatingMeasure(),
            M019CreateDataProtection(),
            M020AddNotificationClaim(),
            M021GoLive(),
        ]
    }
}
