import Foundation
import Vapor
import WaymarkCore
import WaymarkStore

/// Demand and capacity for an area over the last year, month by month.
struct DemandResult: Sendable {
    let area: ReportRepository.AreaUnits
    let points: [DemandPoint]
    let recruitFirst: [DemandPoint]
    let suppressed: Bool

    func unitName(_ id: String) -> String { area.units.first { $0.id == id }?.name ?? "Unknown" }

    /// Commissioners see small numbers as `<5`, like every other count they are shown.
    func cell(_ n: Int) -> FigureValue { Disclosure.count(n, suppressed: suppressed) }
    func text(_ n: Int) -> String { Disclosure.text(cell(n), format: .count) }
}

enum DemandService {
    static let months = 12

    static func demand(_ scope: ReportScope, on req: Request) async throws -> DemandResult {
        let user = try req.user
        let (units, referrals, mentors) = try await ReportRepository.demand(areaID: scope.area.areaID, on: req.db)
        let chosen = scope.unitID.map { [$0] } ?? units
        let points = DemandCapacity.points(units: chosen, referrals: referrals, mentors: mentors,
                                           on: DemandCapacity.monthEnds(months, through: req.today))
        try await req.audit(AuditRecord(actorID: user.id, action: "report.demand.view", recordType: "area", recordID: scope.area.areaID,
                                        personID: nil, detail: "demand and capacity"))
        return DemandResult(area: scope.area, points: points, recruitFirst: DemandCapacity.recruitFirst(points), suppressed: user.role == .commissioner)
    }
}
