/// Everything an annual report is computed from, already loaded and narrowed to an area by
/// the store. Every fact carries the delivery unit it counts towards, so the report can be
/// broken down by unit and each unit's counts add up to the area's.
public struct ReportFacts: Sendable, Equatable {
    public var deliveryUnitIDs: [String]
    public var mentors: [MentorReportFacts]
    public var cohorts: [CohortReportFacts]
    public var referrals: [ReferralReportFacts]
    public var matches: [MatchReportFacts]
    public var contacts: [ActivityReportFacts]
    public var volunteering: [ActivityReportFacts]
    public var sessions: [SessionReportFacts]
    public var rarOrders: [RAROrderReportFacts]

    public init(deliveryUnitIDs: [String], mentors: [MentorReportFacts] = [], cohorts: [CohortReportFacts] = [],
                referrals: [ReferralReportFacts] = [], matches: [MatchReportFacts] = [], contacts: [ActivityReportFacts] = [],
                volunteering: [ActivityReportFacts] = [], sessions: [SessionReportFacts] = [], rarOrders: [RAROrderReportFacts] = []) {
        self.deliveryUnitIDs = deliveryUnitIDs
        self.mentors = mentors
        self.cohorts = cohorts
        self.referrals = referrals
        self.matches = matches
        self.contacts = contacts
        self.volunteering = volunteering
        self.sessions = sessions
        self.rarOrders = rarOrders
    }

    /// The same facts for one delivery unit.
    public func restricted(to unitID: String) -> ReportFacts {
        ReportFacts(deliveryUnitIDs: deliveryUnitIDs.filter { $0 == unitID },
                    mentors: mentors.filter { $0.deliveryUnitID == unitID }, cohorts: cohorts.filter { $0.deliveryUnitID == unitID },
                    referrals: referrals.filter { $0.deliveryUnitID == unitID }, matches: matches.filter { $0.deliveryUnitID == unitID },
                    contacts: contacts.filter { $0.deliveryUnitID == unitID }, volunteering: volunteering.filter { $0.deliveryUnitID == unitID },
                    sessions: sessions.filter { $0.deliveryUnitID == unitID }, rarOrders: rarOrders.filter { $0.deliveryUnitID == unitID })
    }
}

/// A mentor counts towards their own delivery unit (where their person record sits).
public struct MentorReportFacts: Sendable, Equatable {
    public let id: String
    public let deliveryUnitID: String
    public let recommendedOn: CalendarDate
    public let trainedOn: CalendarDate?
    public let accreditedOn: CalendarDate?
    public let firstQualification: Bool
    /// Every move, oldest first: the state entered and the day.
    public let moves: [StateOnDay]
    public let employment: [EmploymentStep]
    public let offences: [CalendarDate]
    public let wellbeing: [WellbeingRating]

    public init(id: String, deliveryUnitID: String, recommendedOn: CalendarDate, trainedOn: CalendarDate?, accreditedOn: CalendarDate?,
                firstQualification: Bool, moves: [StateOnDay], employment: [EmploymentStep] = [], offences: [CalendarDate] = [],
                wellbeing: [WellbeingRating] = []) {
        self.id = id
        self.deliveryUnitID = deliveryUnitID
        self.recommendedOn = recommendedOn
        self.trainedOn = trainedOn
        self.accreditedOn = accreditedOn
        self.firstQualification = firstQualification
        self.moves = moves.sorted { $0.on < $1.on }
        self.employment = employment
        self.offences = offences
        self.wellbeing = wellbeing
    }

    public struct StateOnDay: Sendable, Equatable {
        public let state: MentorState
        public let on: CalendarDate
        public init(_ state: MentorState, on: CalendarDate) {
            self.state = state
            self.on = on
        }
    }

    /// The state the mentor was in at the end of a day.
    public func state(on day: CalendarDate) -> MentorState? { moves.last { $0.on <= day }?.state }

    /// Whether the mentor was active on at least one day from `from` through `through`.
    public func wasActive(from: CalendarDate, through: CalendarDate) -> Bool {
        if state(on: from) == .active { return true }
        return moves.contains { $0.state == .active && $0.on >= from && $0.on <= through }
    }

    /// Where their employment pathway stood at the end of a day: the latest step in force,
    /// and of steps on the same day the one listed (recorded) last.
    public func employmentStage(on day: CalendarDate) -> EmploymentStage? {
        employment.enumerated().filter { $0.element.effectiveOn <= day }
            .max { ($0.element.effectiveOn, $0.offset) < ($1.element.effectiveOn, $1.offset) }?.element.stage
    }
}

public struct CohortReportFacts: Sendable, Equatable {
    public let deliveryUnitID: String
    public let startDate: CalendarDate
    public init(deliveryUnitID: String, startDate: CalendarDate) {
        self.deliveryUnitID = deliveryUnitID
        self.startDate = startDate
    }
}

/// A referral counts towards the mentee's delivery unit.
public struct ReferralReportFacts: Sendable, Equatable {
    public let id: String
    public let deliveryUnitID: String
    public let referredOn: CalendarDate
    public let state: ReferralState
    public let closedOn: CalendarDate?
    public let goals: [GoalResult]
    public let orderOutcome: OrderOutcome
    public let outcomes: [OutcomeAssessment]

    public init(id: String, deliveryUnitID: String, referredOn: CalendarDate, state: ReferralState, closedOn: CalendarDate?,
                goals: [GoalResult] = [], orderOutcome: OrderOutcome = .active, outcomes: [OutcomeAssessment] = []) {
        self.id = id
        self.deliveryUnitID = deliveryUnitID
        self.referredOn = referredOn
        self.state = state
        self.closedOn = closedOn
        self.goals = goals
        self.orderOutcome = orderOutcome
        self.outcomes = outcomes
    }
}

public struct MatchReportFacts: Sendable, Equatable {
    public let deliveryUnitID: String
    public let startedOn: CalendarDate?
    public init(deliveryUnitID: String, startedOn: CalendarDate?) {
        self.deliveryUnitID = deliveryUnitID
        self.startedOn = startedOn
    }
}

/// A mentoring contact (minutes) or a block of volunteer hours (minutes), on a day; or
/// `count` of them on one day in one delivery unit, with their minutes added up, as the store
/// loads a national service's contacts.
public struct ActivityReportFacts: Sendable, Equatable {
    public let deliveryUnitID: String
    public let on: CalendarDate
    public let minutes: Int
    public let count: Int
    public init(deliveryUnitID: String, on: CalendarDate, minutes: Int, count: Int = 1) {
        self.deliveryUnitID = deliveryUnitID
        self.on = on
        self.minutes = minutes
        self.count = count
    }
}

public struct SessionReportFacts: Sendable, Equatable {
    public let deliveryUnitID: String
    public let date: CalendarDate
    public let cancelled: Bool
    public let attendance: [AttendanceOutcome]
    public let feedback: [Feedback]
    public init(deliveryUnitID: String, date: CalendarDate, cancelled: Bool, attendance: [AttendanceOutcome], feedback: [Feedback]) {
        self.deliveryUnitID = deliveryUnitID
        self.date = date
        self.cancelled = cancelled
        self.attendance = attendance
        self.feedback = feedback
    }
}

/// An order with a RAR: the court's maximum and the days credited (see `RARRule.creditedDates`).
public struct RAROrderReportFacts: Sendable, Equatable {
    public let deliveryUnitID: String
    public let totalDays: Int
    public let creditedDates: Set<CalendarDate>
    public init(deliveryUnitID: String, totalDays: Int, creditedDates: Set<CalendarDate>) {
        self.deliveryUnitID = deliveryUnitID
        self.totalDays = totalDays
        self.creditedDates = creditedDates
    }
}
