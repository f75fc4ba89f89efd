import Fluent
import Foundation
import WaymarkCore

/// The last two complete reporting years in each area, so the annual report has true
/// figures to derive: Essex's "Year One" (training in all 6 delivery units, 18 people
/// completing the Level 2 qualification, 2 former mentors employed as Case Supporters and 3
/// waiting to start) and DLNR's (6 former mentors employed, none reoffending after training,
/// Transition and Hope delivered across the area). Mentees referred in those years are matched,
/// have their outcomes measured at referral and closure, and attend RAR sessions. The
/// "Daisy" case study and the mentors' quotes are recorded with consent.
enum DemoHistory {
    struct Plan {
        /// Delivery-unit indexes with a cohort, and mentors accredited per cohort, for the year before and the last year.
        let earlierCohorts: [Int]
        let lastCohorts: [Int]
        let perCohort: Int
        let employed: Int
        let waitingToStart: Int
        let reoffended: Int
        let mentees: Int
        let sessions: Int
    }

    static func plan(for slug: String) -> Plan {
        switch slug {
        case "essex": Plan(earlierCohorts: [0, 1], lastCohorts: [0, 1, 2, 3, 4, 5], perCohort: 3, employed: 2, waitingToStart: 3, reoffended: 0, mentees: 14, sessions: 10)
        case "dlnr": Plan(earlierCohorts: [0, 2, 4], lastCohorts: [0, 1, 2, 3], perCohort: 3, employed: 6, waitingToStart: 1, reoffended: 0, mentees: 16, sessions: 14)
        default: Plan(earlierCohorts: [0], lastCohorts: [1, 2], perCohort: 3, employed: 1, waitingToStart: 0, reoffended: 1, mentees: 8, sessions: 6)
        }
    }

    static let mentorQuotes: [String: [String]] = [
        "essex": ["Taking part has helped me to stay on the right path.",
                  "This training has helped me to come to terms with my own past and move on.",
                  "By doing this training I can get a qualification and I have never had one before.",
                  "The programme has helped to improve my self-esteem.",
                  "By coming to the mentoring training I feel less socially isolated and actually feel that I belong."],
        "dlnr": ["Delivering Transition and Hope is challenging at times but very rewarding. I see a visible difference in how people feel when they come in and then leave the session.",
                 "I was one of the first people to attend the pilot version. I was involved in tweaking the design and then became one of the deliverers.",
                 "I was given a platform to share my experiences to help others identify that hope is there for everyone."],
    ]
    static let pseudonyms = ["Jo", "Di", "Chris", "Sam", "Alex", "Robin", "Jess", "Frankie"]

    static let daisy = """
    Daisy was in breach of her order, homeless, misusing drugs and she said she wanted to get back on track. Since working with one of our mentors she has secured accommodation, successfully completed an accredited programme as part of her community order and is engaging with her probation officer. Daisy is also working with the mentor to take a course, so that she can obtain meaningful employment.
    """

    struct Context {
        let areaID: String
        let slug: String
        let units: [String]
        let sites: [String]
        let coordinator: UserAccount
        let practitioner: UserAccount
        let facilitator: UserAccount?
        let providerID: UUID
        let today: CalendarDate
    }

    static func seed(_ c: Context, crnStart: Int, rng: inout SeededGenerator, on db: any Database) async throws {
        let last = ReportingYear.containing(c.today).previous
        let earlier = last.previous
        let plan = plan(for: c.slug)
        var crn = crnStart
        func newPerson(unit: Int, female: Bool? = nil, _ rng: inout SeededGenerator) async throws -> Person {
            crn += 1
            let roll: Bool = rng.next() % 3 == 0
            let isFemale: Bool = female ?? roll
            let first = isFemale ? ["Amy", "Becky", "Chloe", "Donna", "Ella", "Fiona", "Hannah", "Lucy", "Megan", "Sophie"][Int(rng.next() % 10)]
                : ["Adam", "Craig", "Danny", "Gary", "Jason", "Karl", "Mark", "Neil", "Scott", "Steve"][Int(rng.next() % 10)]
            let details = PersonDetails(crn: CRN("Z\(String(format: "%06d", crn % 1_000_000))"), firstName: first,
                                        lastName: DemoData.pick(DemoData.lastNames, &rng),
                                        dateOfBirth: CalendarDate(year: c.today.year - 22 - Int(rng.next() % 35), month: 1 + Int(rng.next() % 12), day: 1 + Int(rng.next() % 28))!,
                                        gender: isFemale ? .female : .male, areaID: c.areaID, deliveryUnitID: c.units[unit % c.units.count])
            return try await PeopleRepository.create(details, practitionerID: c.practitioner.id, on: db)
        }

        // Mentors: a cohort per planned delivery unit, each accredited at Level 2.
        var earlierMentors: [Mentor] = []
        var lastMentors: [Mentor] = []
        for (year, cohortUnits) in [(earlier, plan.earlierCohorts), (last, plan.lastCohorts)] {
            for (i, unit) in cohortUnits.enumerated() where unit < c.units.count {
                let start = year.from.adding(days: 20 + 25 * i)
                let cohort = try await TrainingRepository.create(areaID: c.areaID, CohortDraft.Valid(
                    name: "Level 2 peer mentoring, \(CalendarDate.monthNames[start.month - 1]) \(start.year)", startDate: start, sessions: 12,
                    siteID: c.sites[unit], trainers: "Sam Okafor and a peer trainer"), on: db)
                for k in 0..<plan.perCohort {
                    let person = try await newPerson(unit: unit, &rng)
                    let ended = start.adding(days: -70 - 9 * k)
                    _ = try await OrderRepository.create(OrderDetails(type: k % 2 == 0 ? .licence : .communityOrder, startDate: ended.adding(months: -14),
                                                                      expectedEndDate: ended, actualEndDate: ended, outcome: .completed,
                                                                      requirements: [.rehabilitationActivity], rarDays: k % 2 == 0 ? nil : 15), personID: person.id, on: db)
                    let recommended = start.adding(days: -45)
                    var mentor = try await MentorRepository.recommend(personID: person.id, by: c.practitioner.id, on: recommended,
                                                                      reason: "Completed their order well and wants to give something back", at: recommended.startOfDay, on: db)
                    let trained = start.adding(days: 84)
                    let steps: [(MentorState, CalendarDate, String)] = [
                        (.eligible, recommended.adding(days: 10), "Meets the rules; risk reviewed by practitioner and coordinator"),
                        (.inTraining, start, "Enrolled on the Level 2 peer mentoring course"),
                        (.trained, trained, "Completed training: attendance met and assessment passed"),
                        (.active, trained.adding(days: 14), "Accredited: Level 2 Award in Peer Mentoring"),
                    ]
                    try await TrainingRepository.enrol(cohortID: cohort.id, mentorID: mentor.id, on: db)
                    try await TrainingRepository.save(Enrolment(cohortID: cohort.id, mentorID: mentor.id, attended: Set((1...12).filter { $0 != 3 + k }),
                                                                assessment: .passed), on: db)
                    for (state, day, reason) in steps {
                        if state == .active {
                            try await MentorRepository.addAccreditation(Accreditation(award: "Level 2 Award in Peer Mentoring", awardingBody: c.slug == "essex" ? .ocn : .skillsForJustice,
                                                                                      certificateNumber: "L2-\(100_000 + Int(rng.next() % 800_000))", awardedOn: day.adding(days: -3),
                                                                                      firstQualification: k != 1), mentorID: mentor.id, by: c.coordinator.id, on: db)
                        }
                        mentor = try await MentorRepository.move(id: mentor.id, to: state, reason: reason, destination: nil, expectedVersion: mentor.version,
                                                                 by: c.coordinator.id, at: day.startOfDay, today: day, on: db)!
                    }
                    mentor = try await MentorRepository.updateProfile(id: mentor.id, MentorProfile(
                        capacity: 2, availability: [AvailabilitySlot(day: .wednesday, part: .afternoon)], deliveryUnitIDs: [c.units[unit]],
                        languages: ["English"], livedExperience: [[.substanceMisuseRecovery], [.homelessness], [.custody, .familyBreakdown]][k % 3]),
                        expectedVersion: mentor.version, on: db)!
                    for (offset, score) in [(0, 4 + k), (84, 7 + k % 3)] {
                        try await OutcomeRepository.addWellbeing(WellbeingRating(on: start.adding(days: offset), score: min(10, score), source: .selfReport, notes: nil),
                                                                 mentorID: mentor.id, by: c.coordinator.id, on: db)
                    }
                    // Confidence and belonging at the start and at the end of training.
                    for (measure, before, after) in [(SelfRatingMeasure.confidence, 3 + k, 7 + k), (.belonging, 2 + k, 6 + 2 * k)] {
                        for (day, score) in [(start, before), (trained, after)] {
                            try await OutcomeRepository.addWellbeing(WellbeingRating(on: day, score: min(10, score), source: .selfReport, notes: nil, measure: measure),
                                                                     mentorID: mentor.id, by: c.coordinator.id, on: db)
                        }
                    }
                    for week in 1...4 {
                        try await VolunteeringRepository.addHours(VolunteerHours(workedOn: trained.adding(days: 14 + 14 * week), quarterHours: 8 + Int(rng.next() % 8),
                                                                                 activity: "Met mentees and co-delivered Transition and Hope"),
                                                                  mentorID: mentor.id, by: c.coordinator.id, on: db)
                    }
                    if year == earlier { earlierMentors.append(mentor) } else { lastMentors.append(mentor) }
                }
            }
        }

        // Former mentors into paid work, by the end of the last year (the earlier cohorts first).
        let pool = earlierMentors + lastMentors
        for (n, mentor) in pool.prefix(plan.employed + plan.waitingToStart).enumerated() {
            let employed = n < plan.employed
            let base = last.through.adding(days: -150 + 12 * n)
            let stages: [(EmploymentStage, Int)] = employed ? [(.applied, 0), (.offered, 20), (.employed, 45)] : [(.applied, 60), (.offered, 80), (.waitingToStart, 100)]
            for (stage, offset) in stages {
                try await VolunteeringRepository.addEmploymentStep(EmploymentStep(role: c.slug == "essex" ? "Case Supporter" : "Peer Support Worker",
                                                                                  employer: c.slug == "essex" ? "Essex Probation" : "Reducing Reoffending Partnership",
                                                                                  stage: stage, on: base.adding(days: offset), notes: nil),
                                                                   mentorID: mentor.id, by: c.coordinator.id, on: db)
            }
            if employed {
                _ = try await MentorRepository.move(id: mentor.id, to: .movedOn, reason: "Started paid work", destination: .employed, expectedVersion: mentor.version,
                                                    by: c.coordinator.id, at: base.adding(days: 46).startOfDay, today: base.adding(days: 46), on: db)
            }
        }
        for mentor in lastMentors.suffix(plan.reoffended) {
            try await VolunteeringRepository.addOffence(FurtherOffence(offenceOn: last.through.adding(days: -30), notes: "Recorded by their practitioner"),
                                                        mentorID: mentor.id, by: c.practitioner.id, on: db)
        }

        // Mentees referred in the last year: matched, met, measured, and most closed with outcomes.
        let mentors = earlierMentors.suffix(from: min(earlierMentors.count, plan.employed))
        var menteeOrders: [(Person, Order)] = []
        for n in 0..<plan.mentees {
            let isDaisy = c.slug == "essex" && n == 0
            let person = try await newPerson(unit: n, female: isDaisy ? true : nil, &rng)
            let orderStart = last.from.adding(days: -40 + 11 * n)
            let closing = n % 3 != 2
            let referredOn = orderStart.adding(days: 14)
            let closedOn = referredOn.adding(days: 130)
            let finished = closing && n % 4 != 1
            let order = try await OrderRepository.create(OrderDetails(
                type: .communityOrder, startDate: orderStart, expectedEndDate: finished ? closedOn.adding(days: -5) : orderStart.adding(months: 18),
                actualEndDate: finished ? closedOn.adding(days: -5) : nil, outcome: finished ? .completed : .active,
                requirements: [.rehabilitationActivity, .accreditedProgramme], rarDays: 20), personID: person.id, on: db)
            menteeOrders.append((person, order))
            let goals = isDaisy ? ["Find somewhere safe to live", "Stop using drugs", "Complete the accredited programme"]
                : Array(DemoReferrals.goals.shuffled(using: &rng).prefix(2 + n % 2))
            var referral = try await ReferralRepository.create(personID: person.id, orderID: order.id, by: c.practitioner.id, on: referredOn, consent: true,
                                                               ReferralDetails(needs: isDaisy ? [.accommodation, .substanceMisuse] : [Need.allCases[n % Need.allCases.count]],
                                                                               goals: goals, genderPreference: isDaisy ? .female : .noPreference, languages: ["English"],
                                                                               availability: [AvailabilitySlot(day: .wednesday, part: .afternoon)], accessibilityNeeds: nil,
                                                                               exclusions: []), on: db)
            let before: [MenteeMeasure: String] = isDaisy
                ? [.accommodation: "homeless", .substanceMisuse: "problematic", .engagementWithSupervision: "notEngaging", .accreditedProgramme: "notCompleted",
                   .educationTrainingEmployment: "none", .familyRelationships: "difficult"]
                : [.accommodation: ["homeless", "temporary", "settled"][n % 3], .educationTrainingEmployment: ["none", "none", "learning"][n % 3],
                   .substanceMisuse: ["problematic", "inTreatment", "noProblem"][(n + 1) % 3], .familyRelationships: ["brokenDown", "difficult", "supportive"][(n + 2) % 3],
                   .engagementWithSupervision: ["notEngaging", "partly", "partly"][n % 3], .accreditedProgramme: "notCompleted"]
            _ = try await OutcomeRepository.add(OutcomeAssessment(stage: .referral, recordedOn: referredOn, source: .practitionerAssessment, ratings: before, notes: nil),
                                                referralID: referral.id, personID: person.id, by: c.practitioner.id, at: referredOn.startOfDay, on: db)
            guard !mentors.isEmpty else { continue }
            let mentor = mentors[mentors.startIndex + n % mentors.count]
            referral = try await ReferralRepository.setState(id: referral.id, to: .matched, expectedVersion: referral.version, on: referredOn.adding(days: 5), on: db)!
            var match = try await MatchRepository.propose(referralID: referral.id, mentorID: mentor.id, score: 60 + n % 20, on: referredOn.adding(days: 5), on: db)
            match = try await MatchRepository.move(id: match.id, to: .active, endReason: nil, on: referredOn.adding(days: 7), expectedVersion: match.version, on: db)!
            referral = try await ReferralRepository.setState(id: referral.id, to: .onProgramme, expectedVersion: referral.version, on: referredOn.adding(days: 7), on: db)!
            for week in 0..<(4 + n % 4) {
                _ = try await MatchRepository.addContact(Contact(on: referredOn.adding(days: 9 + 10 * week), minutes: 45 + 15 * (week % 3),
                                                                 supportTypes: [[.accompaniedAppointment], [.formsAndLetters, .practicalAdvice], [.listening], [.socialActivities]][week % 4],
                                                                 place: ["Probation office", "Library", "Café", "Community centre"][week % 4], notes: nil, concern: nil),
                                                         matchID: match.id, by: mentor.userID ?? c.coordinator.id, on: db)
            }
            guard closing else { continue }
            let after: [MenteeMeasure: String] = isDaisy
                ? [.accommodation: "settled", .substanceMisuse: "inTreatment", .engagementWithSupervision: "engaging", .accreditedProgramme: "completed",
                   .educationTrainingEmployment: "learning", .familyRelationships: "difficult"]
                : Dictionary(uniqueKeysWithValues: before.map { measure, code in
                    let levels = measure.levels
                    let rank = measure.level(code)?.rank ?? 0
                    // Most move up a step; a few hold, one in seven slips back.
                    let next = n % 7 == 6 ? max(0, rank - 1) : (n + measure.rawValue.count) % 3 == 0 ? rank : min(levels.count - 1, rank + 1)
                    return (measure, levels[next].code)
                })
            _ = try await OutcomeRepository.add(OutcomeAssessment(stage: .closure, recordedOn: closedOn, source: n % 2 == 0 ? .practitionerAssessment : .selfReport,
                                                                  ratings: after, notes: nil),
                                                referralID: referral.id, personID: person.id, by: c.practitioner.id, at: closedOn.startOfDay, on: db)
            _ = try await MatchRepository.move(id: match.id, to: .ended, endReason: .goalsAchieved, on: closedOn, expectedVersion: match.version, on: db)
            let results = goals.enumerated().map { i, goal in
                GoalResult(goal: goal, outcome: isDaisy ? (i == 1 ? .partiallyAchieved : .achieved) : [.achieved, .achieved, .partiallyAchieved, .notAchieved][(n + i) % 4], comment: nil)
            }
            _ = try await ReferralRepository.setState(id: referral.id, to: .completed, expectedVersion: referral.version, summary: results, on: closedOn, on: db)
            if isDaisy {
                let story = try await CaseStudyRepository.create(CaseStudyDraft.Valid(subject: .mentee, kind: .story, pseudonym: "Daisy", title: "Case study: mentee ‘Daisy’",
                                                                                      text: daisy.trimmingCharacters(in: .whitespacesAndNewlines),
                                                                                      consent: Consent(uses: [.annualReport, .publicInformation], givenOn: closedOn, withdrawnOn: nil)),
                                                                 areaID: c.areaID, personID: person.id, by: c.coordinator.id, on: db)
                _ = try await CaseStudyRepository.approve(id: story.id, by: c.coordinator.id, on: closedOn.adding(days: 3), expectedVersion: story.version, on: db)
            }
        }

        // Mentors' own words, approved with consent; one withdrawn, to show it leaves every report.
        for (i, text) in (mentorQuotes[c.slug] ?? []).enumerated() where i < lastMentors.count {
            let study = try await CaseStudyRepository.create(CaseStudyDraft.Valid(subject: .mentor, kind: .quote, pseudonym: pseudonyms[i % pseudonyms.count], title: nil, text: text,
                                                                                  consent: Consent(uses: [.annualReport, .publicInformation, .training], givenOn: last.through.adding(days: -40), withdrawnOn: nil)),
                                                             areaID: c.areaID, personID: lastMentors[i].personID, by: c.coordinator.id, on: db)
            let approved = try await CaseStudyRepository.approve(id: study.id, by: c.coordinator.id, on: last.through.adding(days: -35), expectedVersion: study.version, on: db)!
            if i == 2 {
                _ = try await CaseStudyRepository.withdrawConsent(id: study.id, on: last.through.adding(days: -10), expectedVersion: approved.version, on: db)
            }
        }

        // Transition and Hope: monthly RAR sessions co-delivered by mentors, with attendance and feedback.
        guard let intervention = try await InterventionModel.query(on: db).filter(\.$provider.$id == c.providerID)
            .filter(\.$name == "Transition and Hope").first() else { return }
        try await seedSiteInformation(c, on: db)
        if let mentor = mentors.last {
            try await seedUpcomingSession(c, intervention: intervention, mentor: mentor, on: db)
        }
        let recorder = UUID(uuidString: (c.facilitator ?? c.coordinator).id)!
        for (year, count) in [(earlier, max(2, plan.sessions / 3)), (last, plan.sessions)] {
            for s in 0..<count {
                let unit = s % c.units.count
                let date = year.from.adding(days: 25 + 30 * s)
                let session = try await confirmedSession(c, intervention: intervention, unit: unit, on: date, on: db)
                guard year == last else { continue }
                let attendees = menteeOrders.filter { $0.1.details.startDate <= date && ($0.1.details.actualEndDate ?? date) >= date }.prefix(8)
                for (i, (person, order)) in attendees.enumerated() {
                    let outcome: AttendanceOutcome = (s + i) % 9 == 4 ? .failedToAttend : (s + i) % 11 == 5 ? .acceptableAbsence : .attendedComplied
                    _ = try await AttendanceRepository.record(AttendanceRecord(outcome: outcome, absenceReason: outcome == .acceptableAbsence ? .medical : nil, late: false,
                                                                               lateReason: nil, behaviourNotes: nil, tellPractitioner: false),
                                                              sessionID: session.id!.uuidString, personID: person.id, orderID: order.id, by: recorder.uuidString,
                                                              at: date.startOfDay, on: db)
                    if outcome == .attendedComplied {
                        let before = 2 + (s + i) % 2
                        try await AttendanceRepository.addFeedback(Feedback(before: before, after: min(5, before + 1 + (i % 2)), comment: nil),
                                                                   sessionID: session.id!.uuidString, by: recorder.uuidString, at: date.startOfDay, on: db)
                    }
                }
            }
        }
    }

    /// What mentors used to tell people about each site, so every invitation carries it.
    static func seedSiteInformation(_ c: Context, on db: any Database) async throws {
        for (i, siteID) in c.sites.enumerated() {
            guard let site = try await SiteInformationRepository.find(id: siteID, on: db) else { continue }
            let town = site.name.replacingOccurrences(of: " probation office", with: "")
            try await SiteInformationRepository.save(SiteInformation(
                directions: "A 10-minute walk from \(town) bus station: go past the market and the office is on the left, opposite the library. Most town-centre buses stop outside.",
                parking: i % 2 == 0 ? "No parking on site. The nearest car park is 5 minutes away (pay and display, about £3 for 2 hours); blue-badge bays are outside the front door."
                                    : "Free parking behind the building; the entrance to the car park is on the side street.",
                stepFree: i % 3 == 2 ? .partly : .yes,
                accessDetails: i % 3 == 2 ? "Two steps at the front; use the ramp at the side entrance and press the buzzer. Group rooms are on the ground floor." : "A lift to every floor, an accessible toilet and a hearing loop in the group room.",
                onArrival: "Go to reception and say you are here for the group session. There is a bag check. A peer mentor will meet you and show you to the group room; tea and coffee are available.",
                staff: "Reception staff are friendly and used to people who are nervous on their first visit. Nobody will ask you about your offence in the waiting area.",
                photoAltText: "A red-brick building with a glass front door and a blue sign reading Probation Service."), siteID: siteID, on: db)
        }
    }

    /// A Transition and Hope session next week, confirmed, co-facilitated by a mentor who agreed to be named, so its invitation can be printed.
    static func seedUpcomingSession(_ c: Context, intervention: InterventionModel, mentor: Mentor, on db: any Database) async throws {
        let session = try await confirmedSession(c, intervention: intervention, unit: 0, on: c.today.adding(days: 9), on: db)
        try await SiteInformationRepository.setNameOnInvitations(mentorID: mentor.id, true, on: db)
        let asMentor = try await SessionRepository.addFacilitator(sessionID: session.id!.uuidString, mentorID: mentor.id, userID: mentor.userID, on: db)
        _ = try await SessionRepository.respond(facilitatorID: asMentor.id, .accepted, expectedVersion: asMentor.version, on: db)
        if let staff = c.facilitator {
            let asStaff = try await SessionRepository.addFacilitator(sessionID: session.id!.uuidString, mentorID: nil, userID: staff.id, on: db)
            _ = try await SessionRepository.respond(facilitatorID: asStaff.id, .accepted, expectedVersion: asStaff.version, on: db)
        }
    }

    /// A confirmed 10:00–12:00 session at the site of a delivery unit.
    static func confirmedSession(_ c: Context, intervention: InterventionModel, unit: Int, on date: CalendarDate, on db: any Database) async throws -> GroupSessionModel {
        let session = GroupSessionModel()
        session.$intervention.id = intervention.id!
        session.interventionVersion = intervention.currentVersion
        session.$site.id = UUID(uuidString: c.sites[unit])!
        session.$area.id = UUID(uuidString: c.areaID)!
        session.$deliveryUnit.id = UUID(uuidString: c.units[unit])!
        session.date = date.iso
        session.startMinutes = 10 * 60
        session.endMinutes = 12 * 60
        session.capacity = intervention.capacity
        session.state = SessionState.confirmed.rawValue
        session.createdByID = UUID(uuidString: c.coordinator.id)!
        session.version = 1
        try await session.create(on: db)
        return session
    }
}
