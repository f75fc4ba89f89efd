import Fluent
import Foundation
import WaymarkCore

// @unchecked Sendable: see OrganisationModels.swift.
public final class ProgrammeSettingsModel: Model, @unchecked Sendable {
    public static let schema = "programme_settings"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "provider_id") public var provider: ProviderModel
    @Field(key: "ended_within_months") public var endedWithinMonths: Int
    @Field(key: "ending_within_months") public var endingWithinMonths: Int
    @Field(key: "training_sessions") public var trainingSessions: Int
    @Field(key: "attendance_required") public var attendanceRequired: Int
    @Field(key: "mileage_pence_per_mile") public var mileagePencePerMile: Int
    @Field(key: "first_meeting_within_days") public var firstMeetingWithinDays: Int
    @Field(key: "contact_every_days") public var contactEveryDays: Int
    @Field(key: "rar_counting_basis") public var rarCountingBasis: String
    @Field(key: "new_start_within_months") public var newStartWithinMonths: Int
    @Field(key: "first_appointment_within_days") public var firstAppointmentWithinDays: Int
    @Field(key: "reporting_year_start_month") public var reportingYearStartMonth: Int
    @Field(key: "retention_years") public var retentionYears: Int
    @Field(key: "version") public var version: Int
    public init() {}
}

public enum SettingsRepository {
    public struct ProviderSettings: Sendable, Equatable {
        public let providerID: String
        public let providerName: String
        public let settings: ProgrammeSettings
        /// 0 while the provider still uses the defaults.
        public let version: Int
    }

    static func settings(_ m: ProgrammeSettingsModel) -> ProgrammeSettings {
        ProgrammeSettings(eligibilityEndedWithinMonths: m.endedWithinMonths, eligibilityEndingWithinMonths: m.endingWithinMonths,
                          trainingSessions: m.trainingSessions, trainingAttendanceRequired: m.attendanceRequired,
                          mileagePencePerMile: m.mileagePencePerMile, firstMeetingWithinDays: m.firstMeetingWithinDays,
                          contactAtLeastEveryDays: m.contactEveryDays,
                          rarCountingBasis: RARCountingBasis(rawValue: m.rarCountingBasis) ?? .distinctDays,
                          newStartWithinMonths: m.newStartWithinMonths, firstAppointmentWithinDays: m.firstAppointmentWithinDays,
                          reportingYearStartMonth: m.reportingYearStartMonth, retentionYears: m.retentionYears)
    }

    /// The settings of the provider that runs this area; the defaults until a provider sets its own.
    public static func settings(areaID: String, on db: any Database) async throws -> ProgrammeSettings {
        guard let uuid = UUID(uuidString: areaID), let area = try await AreaModel.find(uuid, on: db) else { return .standard }
        return try await ProgrammeSettingsModel.query(on: db).filter(\.$provider.$id == area.$provider.id).first().map(settings) ?? .standard
    }

    public static func all(on db: any Database) async throws -> [ProviderSettings] {
        let providers = try await ProviderModel.query(on: db).sort(\.$name).all()
        let rows = try await ProgrammeSettingsModel.query(on: db).all()
        let byProvider = Dictionary(uniqueKeysWithValues: rows.map { ($0.$provider.id, $0) })
        return providers.map { p in
            let row = byProvider[p.id!]
            return ProviderSettings(providerID: p.id!.uuidString, providerName: p.name, settings: row.map(settings) ?? .standard,
                                    version: row?.version ?? 0)
        }
    }

    public static func save(_ s: ProgrammeSettings, providerID: String, expectedVersion: Int, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: providerID), try await ProviderModel.find(uuid, on: db) != nil else {
            throw ValidationFailure([FieldError("providerId", "Select a provider")])
        }
        let row = try await ProgrammeSettingsModel.query(on: db).filter(\.$provider.$id == uuid).first()
        try OptimisticLock.check(current: row?.version ?? 0, submitted: expectedVersion)
        let model = row ?? ProgrammeSettingsModel()
        model.$provider.id = uuid
        model.endedWithinMonths = s.eligibilityEndedWithinMonths
        model.endingWithinMonths = s.eligibilityEndingWithinMonths
        model.trainingSessions = s.trainingSessions
        model.attendanceRequired = s.trainingAttendanceRequired
        model.mileagePencePerMile = s.mileagePencePerMile
        model.firstMeetingWithinDays = s.firstMeetingWithinDays
        model.contactEveryDays = s.contactAtLeastEveryDays
        model.rarCountingBasis = s.rarCountingBasis.rawValue
        model.newStartWithinMonths = s.newStartWithinMonths
        model.firstAppointmentWithinDays = s.firstAppointmentWithinDays
        model.reportingYearStartMonth = s.reportingYearStartMonth
        model.retentionYears = s.retentionYears
        model.version = (row?.version ?? 0) + 1
        try await model.save(on: db)
    }
}
