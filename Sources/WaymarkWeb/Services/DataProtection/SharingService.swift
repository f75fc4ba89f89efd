import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// What a practitioner lets a mentee's mentor see: recorded as a new decision each time, audited.
enum SharingService {
    static func history(referralID: String, for capability: Capability, on req: Request) async throws -> (Referral, Person, [SharingDecision]) {
        let (referral, person) = try await ReferralService.load(referralID, for: capability, action: "referral.sharing.view", on: req)
        return (referral, person, try await DataProtectionRepository.sharingHistory(referralID: referral.id, on: req.db))
    }

    static func decide(referralID: String, _ draft: SharingDraft, expectedSequence: Int, on req: Request) async throws -> SharingDecision {
        let user = try req.user
        let (referral, person) = try await ReferralService.load(referralID, for: .decideSharing, action: nil, on: req)
        let choice = try draft.validated()
        let today = req.today
        return try await ReferralService.write(referral, person, action: "sharing.decide",
                                               detail: choice.items.map(\.rawValue).joined(separator: ",")
                                                   + (choice.contactArrangements == nil ? "" : "; contact arrangements")
                                                   + (choice.note == nil ? "" : "; note"), on: req) { tx in
            try await DataProtectionRepository.decide(choice, referralID: referral.id, by: user.id, on: today,
                                                      expectedSequence: expectedSequence, on: tx)
        }
    }

    /// What the mentor is shown, as summary rows: the same words on the mentor's page and the practitioner's.
    static func rows(_ decision: SharingDecision?) -> [UI.Row] {
        guard let choice = decision?.choice, !choice.isEmpty else {
            return [.init(key: "From the practitioner", value: .text("Nothing further shared"))]
        }
        var rows: [UI.Row] = []
        if !choice.items.isEmpty {
            rows.append(.init(key: "Instructions", value: H.el("ul", [("class", "wm-list wm-list--bullet")], choice.items.map { H.el("li", [], $0.label) })))
        }
        if let contact = choice.contactArrangements { rows.append(.init(key: "Contact arrangements", value: .text(contact))) }
        if let note = choice.note { rows.append(.init(key: "From the practitioner", value: .text(note))) }
        return rows
    }
}
