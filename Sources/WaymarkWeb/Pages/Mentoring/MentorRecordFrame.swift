import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// The top of every tab of a mentor's record: who they are, where they are on the journey.
struct MentorRecordFrame {
    enum Tab: String, CaseIterable {
        case journey, training, profile, volunteering, employment, outcomes

        var title: String {
            switch self {
            case .journey: "Journey"
            case .training: "Training"
            case .profile: "Profile"
            case .volunteering: "Hours and expenses"
            case .employment: "Moving on"
            case .outcomes: "Outcomes"
            }
        }

        var page: SitePath.MentorPage? {
            switch self {
            case .journey: nil
            case .training: .training
            case .profile: .profile
            case .volunteering: .volunteering
            case .employment: .employment
            case .outcomes: .outcomes
            }
        }

        func url(_ id: String) -> String { page.map { SitePath.mentorPage(id, $0).url } ?? SitePath.mentor(id).url }
    }

    static func stateTag(_ state: MentorState) -> Body {
        let colour = switch state {
        case .active: "green"
        case .eligible, .trained: "blue"
        case .inTraining: "purple"
        case .recommended, .paused: "yellow"
        case .ineligible, .suspended: "red"
        case .movedOn, .withdrawn: "grey"
        }
        return UI.tag(state.label, colour)
    }

    static func header(_ mentor: Mentor, _ person: Person, tab: Tab, on req: Request) async throws -> [Body] {
        let areas = try await OrganisationRepository.areas(on: req.db)
        let area = areas.first { $0.id == person.details.areaID }
        let unit = area?.deliveryUnits.first { $0.id == person.details.deliveryUnitID }
        return [
            H.el("div", [("class", "wm-identity-bar")], [
                H.el("div", [("class", "wm-identity-bar__details")], [
                    H.el("span", [("class", "wm-caption-m")], mentor.state.isFinished || [.recommended, .eligible, .ineligible].contains(mentor.state)
                         ? "Peer mentor candidate" : "Peer mentor"),
                    H.el("h1", [("class", "wm-heading-l wm-identity-bar__title")], person.details.fullName),
                    H.el("ul", [("class", "wm-identity-bar__facts")], [
                        H.el("li", [], "CRN: " + (person.details.crn?.value ?? "not known")),
                        H.el("li", [], "\(unit?.name ?? "Unknown"), \(area?.name ?? "Unknown area")"),
                        H.el("li", [], "Recommended on \(mentor.recommendedOn.long)"),
                    ]),
                    H.el("div", [("class", "wm-identity-bar__badges")], [stateTag(mentor.state)]),
                ]),
            ]),
            UI.subNavigation(label: "Mentor record", items: Tab.allCases.filter { $0 != .outcomes || req.can(.recordWellbeing, mentor, person) }
                .map { ($0.title, $0.url(mentor.id), $0 == tab) }),
        ]
    }

    static func frame(_ req: Request, _ person: Person, title: String) -> PageFrame {
        var frame = PageFrame(req, title: "\(title) – \(person.details.fullName)", section: (try? req.user.role) == .mentor ? .myJourney : .mentors)
        if (try? req.user.role) != .mentor {
            frame.breadcrumbs = [("Home", SitePath.home.url), ("Mentors", SitePath.mentors.url)]
        }
        return frame
    }
}

extension Request {
    func can(_ capability: Capability, _ mentor: Mentor, _ person: Person) -> Bool {
        guard let user = currentUser else { return false }
        return Policy.access(user.actor, to: MentorService.scope(mentor, person), for: capability) == .full
    }
}
