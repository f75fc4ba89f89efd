import Fluent
import Foundation
import WaymarkCore

/// What to expect at each site, and mentors' consent to be named on invitations.
public enum SiteInformationRepository {
    public struct Site: Sendable, Equatable {
        public let id: String
        public let name: String
        public let address: String
        public let postcode: String
        public let deliveryUnitID: String
        public let information: SiteInformation
    }

    static func site(_ m: SiteModel) -> Site {
        Site(id: m.id!.uuidString, name: m.name, address: m.address, postcode: m.postcode, deliveryUnitID: m.$deliveryUnit.id.uuidString,
             information: SiteInformation(directions: m.directions, parking: m.parking, stepFree: m.stepFree.flatMap(StepFreeAccess.init(rawValue:)),
                                          accessDetails: m.accessDetails, onArrival: m.onArrival, staff: m.staff, photoAltText: m.photoAltText))
    }

    public static func find(id: String, on db: any Database) async throws -> Site? {
        guard let uuid = UUID(uuidString: id), let m = try await SiteModel.find(uuid, on: db) else { return nil }
        return site(m)
    }

    /// The sites of an area, by name.
    public static func sites(areaID: String, on db: any Database) async throws -> [Site] {
        guard let uuid = UUID(uuidString: areaID) else { return [] }
        let units = try await DeliveryUnitModel.query(on: db).filter(\.$area.$id == uuid).all().map { $0.id! }
        guard !units.isEmpty else { return [] }
        return try await SiteModel.query(on: db).filter(\.$deliveryUnit.$id ~~ units).sort(\.$name).all().map(site)
    }

    public static func save(_ info: SiteInformation, siteID: String, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: siteID), let m = try await SiteModel.find(uuid, on: db) else { return }
        m.directions = info.directions
        m.parking = info.parking
        m.stepFree = info.stepFree?.rawValue
        m.accessDetails = info.accessDetails
        m.onArrival = info.onArrival
        m.staff = info.staff
        m.photoAltText = info.photoAltText
        try await m.save(on: db)
    }

    public static func setNameOnInvitations(mentorID: String, _ agreed: Bool, on db: any Database) async throws {
        guard let uuid = UUID(uuidString: mentorID), let m = try await MentorModel.find(uuid, on: db) else { return }
        m.nameOnInvitations = agreed
        try await m.save(on: db)
    }

    /// Of these mentors, those who agreed to be named on invitations.
    public static func namedOnInvitations(mentorIDs: [String], on db: any Database) async throws -> Set<String> {
        let uuids = mentorIDs.compactMap(UUID.init(uuidString:))
        guard !uuids.isEmpty else { return [] }
        return Set(try await MentorModel.query(on: db).filter(\.$id ~~ uuids).filter(\.$nameOnInvitations == true).all().map { $0.id!.uuidString })
    }
}
