import Foundation

public enum BookingState: String, CaseIterable, Sendable, Codable {
    case booked, waitingList, cancelled

    public var label: String {
        switch self {
        case .booked: "Booked"
        case .waitingList: "On the waiting list"
        case .cancelled: "Cancelled"
        }
    }
}

/// A person's place on a session (or on its waiting list), and the order it counts towards.
public struct Booking: Sendable, Equatable, Identifiable {
    public let id: String
    public let sessionID: String
    public let personID: String
    public let orderID: String?
    public var state: BookingState
    /// Waiting-list order: earlier bookings are offered a place first.
    public let bookedAt: Date
    public let bookedByID: String
    public var version: Int

    public init(id: String, sessionID: String, personID: String, orderID: String?, state: BookingState, bookedAt: Date, bookedByID: String, version: Int) {
        self.id = id
        self.sessionID = sessionID
        self.personID = personID
        self.orderID = orderID
        self.state = state
        self.bookedAt = bookedAt
        self.bookedByID = bookedByID
        self.version = version
    }
}

public enum BookingRule {
    /// A new booking takes a place while there is one, otherwise joins the waiting list.
    public static func place(capacity: Int, booked: Int) -> BookingState { booked < capacity ? .booked : .waitingList }

    /// After a cancellation (or a bigger room), who moves up from the waiting list, first come first served.
    public static func promotions(capacity: Int, bookings: [Booking]) -> [String] {
        let free = capacity - bookings.filter { $0.state == .booked }.count
        guard free > 0 else { return [] }
        return bookings.filter { $0.state == .waitingList }.sorted { ($0.bookedAt, $0.id) < ($1.bookedAt, $1.id) }.prefix(free).map(\.id)
    }
}

/// Who is offered a place on a kind of session, and which order the place counts towards.
public enum SessionOffer {
    /// The order a booking counts towards, or why the person cannot be booked. A RAR session
    /// prefers an order with a RAR so the day is credited.
    public static func order(for audience: InterventionAudience, isRAR: Bool, orders: [Order], sessionDate: CalendarDate, today: CalendarDate,
                             settings: ProgrammeSettings) -> Result<Order, ValidationFailure> {
        func refuse(_ message: String) -> Result<Order, ValidationFailure> { .failure(ValidationFailure([FieldError("personId", message)])) }
        switch audience {
        case .currentOrder:
            let current = orders.filter { $0.details.outcome == .active && $0.details.startDate <= sessionDate && sessionDate <= $0.details.expectedEndDate }
            guard let chosen = (isRAR ? current.first { ($0.details.rarDays ?? 0) > 0 } : nil) ?? current.first else {
                return refuse("They have no order or licence that is active on the day of the session")
            }
            return .success(chosen)
        // Both windows are measured back from the day of the session, not from the day of booking:
        // a first appointment booked weeks ahead must still fall soon after the order started.
        case .recentlySentenced:
            let earliest = sessionDate.adding(days: -settings.firstAppointmentWithinDays)
            guard let chosen = orders.first(where: { FirstAppointmentRule.isOffered($0, today: sessionDate, settings: settings) }) else {
                return refuse("Group first appointments are for people whose order or licence started in the \(settings.firstAppointmentWithinDays) days before the session (from \(earliest.long))")
            }
            return .success(chosen)
        case .completed:
            guard let chosen = orders.first(where: { $0.details.actualEndDate.map { $0 <= today } ?? false
                && NewStartRule.isInvited($0, today: sessionDate, settings: settings) }) else {
                return refuse("New Start ceremonies are for people whose order or licence was completed in the last \(settings.newStartWithinMonths) months")
            }
            return .success(chosen)
        }
    }
}

/// The group first appointment is offered to people whose order started recently.
public enum FirstAppointmentRule {
    public static func isOffered(_ order: Order, today: CalendarDate, settings: ProgrammeSettings) -> Bool {
        order.details.outcome == .active && order.details.startDate <= today
            && order.details.startDate >= today.adding(days: -settings.firstAppointmentWithinDays)
    }
}

/// The New Start ceremony invites people whose order or licence ended `completed` in the last
/// 3 months (a setting).
public enum NewStartRule {
    public static func isInvited(_ order: Order, today: CalendarDate, settings: ProgrammeSettings) -> Bool {
        guard order.details.outcome == .completed, let ended = order.details.actualEndDate else { return false }
        return ended <= today && ended >= today.adding(months: -settings.newStartWithinMonths)
    }

    /// The post-probation support information handed out at the ceremony.
    public static let supportInformation: [String] = [
        "Your criminal record: when your conviction becomes spent, and what you need to tell an employer before and after that date (Nacro and Unlock can advise, free).",
        "Work and learning: the local Jobcentre's work coach, the National Careers Service, and help with CVs and disclosure from a peer mentor.",
        "Somewhere to live: the council's housing options team and local accommodation charities.",
        "Health: registering with a GP, local drug and alcohol services, and NHS talking therapies (you can refer yourself).",
        "Money: Citizens Advice and StepChange for debt, and help claiming the benefits you are entitled to.",
        "Staying connected: becoming a peer mentor yourself, and the service's user involvement groups.",
    ]
}
