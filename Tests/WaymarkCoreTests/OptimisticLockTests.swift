import Foundation
import Testing
@testable import WaymarkCore

@Suite("Optimistic locking")
struct OptimisticLockTests {

    @Test("An edit made against the current version goes ahead", arguments: [0, 1, 7, 1_000])
    func currentVersion(version: Int) throws {
        try OptimisticLock.check(current: version, submitted: version)
    }

    @Test("An edit made against any other version is refused, saying both versions", arguments: [
        (2, 1), (7, 3), (1, 2), (5, 0), (0, -1),
    ])
    func staleVersion(current: Int, submitted: Int) {
        #expect(throws: VersionConflict(current: current, submitted: submitted)) {
            try OptimisticLock.check(current: current, submitted: submitted)
        }
    }

    @Test("The conflict carries the versions for the 409 response")
    func conflictDetails() {
        let result: Result<Void, VersionConflict> = Result { () throws(VersionConflict) in try OptimisticLock.check(current: 4, submitted: 3) }
        switch result {
        case .success:
            Issue.record("Expected a version conflict")
        case .failure(let conflict):
            #expect(conflict.current == 4)
            #expect(conflict.submitted == 3)
        }
    }

    @Test("Two people editing the same record: the second save is refused")
    func twoEditors() throws {
        var stored = 3
        let first = stored, second = stored // both open the edit form at version 3

        try OptimisticLock.check(current: stored, submitted: first)
        stored += 1 // the first save bumps the version

        #expect(throws: VersionConflict(current: 4, submitted: 3)) {
            try OptimisticLock.check(current: stored, submitted: second)
        }
    }

    @Test("Records carry the version that is compared")
    func recordsCarryVersion() {
        let details = OrderDetails(type: .licence, startDate: ymd("2026-01-10"), expectedEndDate: ymd("2027-01-09"),
                                   actualEndDate: nil, outcome: .active, requirements: [], rarDays: nil)
        var order = Order(id: "o1", personID: "p1", details: details, version: 2)
        #expect(order.version == 2)
        order.version += 1
        #expect(order.version == 3)
        #expect(VersionConflict(current: 3, submitted: 2) == VersionConflict(current: 3, submitted: 2))
        #expect(VersionConflict(current: 3, submitted: 2) != VersionConflict(current: 2, submitted: 3))
    }
}
