import Fluent
import Foundation
import Vapor
import WaymarkCore

/// The seeds' world: the Reducing Reoffending Partnership (DLNR, Staffordshire & West
/// Midlands) and User Voice with Essex Probation, with staff of every role and believable
/// people on orders and licences. Deterministic: the same seed gives the same data.
public enum DemoData {
    public static let password = "waymark-demo-2026"

    public struct SignIn: Sendable {
        public let email: String
        public let role: Role
        public let area: String
    }

    struct AreaSeed {
        let name: String
        let slug: String
        let contact: (String, String, String)
        let units: [(String, String, String)]  // unit, site address, postcode
    }

    static let providers: [(String, String, [AreaSeed])] = [
        ("Reducing Reoffending Partnership", "rrp", [
            AreaSeed(name: "Derbyshire, Leicestershire, Nottinghamshire & Rutland", slug: "dlnr",
                     contact: ("DLNR peer mentor coordinator", "peermentoring.dlnr@waymark.example", "0115 496 0101"),
                     units: [("Derby", "Probation Office, 1 Siddals Road, Derby", "DE1 2PB"),
                             ("Leicester", "Probation Office, 2 Pocklington's Walk, Leicester", "LE1 6BT"),
                             ("Nottingham", "Probation Office, 206 Derby Road, Nottingham", "NG7 1NQ"),
                             ("Derbyshire County", "Probation Office, 8 Spa Lane, Chesterfield", "S41 7AH"),
                             ("Nottinghamshire County", "Probation Office, 14 Portland Street, Mansfield", "NG18 1NG"),
                             ("Leicestershire and Rutland", "Probation Office, 5 Market Place, Loughborough", "LE11 3EB")]),
            AreaSeed(name: "Staffordshire & West Midlands", slug: "staffordshire-west-midlands",
                     contact: ("SWM peer mentor coordinator", "peermentoring.swm@waymark.example", "0121 496 0202"),
                     units: [("Stoke-on-Trent", "Probation Office, 4 Hanley Street, Stoke-on-Trent", "ST1 3HP"),
                             ("Stafford and Cannock", "Probation Office, 12 Eastgate Street, Stafford", "ST16 2LY"),
                             ("Wolverhampton", "Probation Office, 3 Lichfield Street, Wolverhampton", "WV1 1DG"),
                             ("Walsall", "Probation Office, 9 Lower Hall Lane, Walsall", "WS1 1RL"),
                             ("Birmingham Central", "Probation Office, 20 Newton Street, Birmingham", "B4 6NE")]),
        ]),
        ("User Voice with Essex Probation", "user-voice-essex", [
            AreaSeed(name: "Essex", slug: "essex",
                     contact: ("Essex Peer Support Programme", "peersupport.essex@waymark.example", "01245 496 0303"),
                     units: [("Basildon", "Probation Office, 1 Great Oaks, Basildon", "SS14 1EL"),
                             ("Chelmsford", "Probation Office, 2 Victoria Road South, Chelmsford", "CM1 1LN"),
                             ("Colchester", "Probation Office, 3 Sheepen Road, Colchester", "CO3 3WG"),
                             ("Harlow", "Probation Office, 4 Fourth Avenue, Harlow", "CM20 1DU"),
                             ("Southend", "Probation Office, 5 Victoria Avenue, Southend-on-Sea", "SS2 6EU"),
                             ("Thurrock", "Probation Office, 6 Orsett Road, Grays", "RM17 5DD")]),
        ]),
    ]

    static let firstNames = ["Aisha", "Ben", "Callum", "Danielle", "Darren", "Emma", "Faisal", "Gemma", "Hassan", "Imran",
                             "Jade", "Jamal", "Kayleigh", "Kieran", "Leanne", "Liam", "Marcus", "Nadia", "Nathan", "Olivia",
                             "Paul", "Priya", "Reece", "Rhys", "Sadia", "Shannon", "Tariq", "Tom", "Vicky", "Wayne",
                             "Zoe", "Carl", "Stacey", "Dean", "Michelle", "Lee", "Natasha", "Ryan", "Kelly", "Jordan"]
    static let lastNames = ["Ahmed", "Bailey", "Begum", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes", "Hussain",
                            "Jackson", "Khan", "Lewis", "Mahmood", "Morris", "Nolan", "Owen", "Patel", "Price", "Roberts",
                            "Shaw", "Singh", "Taylor", "Turner", "Walker", "Ward", "Watson", "White", "Wright", "Young"]

    /// Loads the demo world. Returns the sign-ins to print.
    public static func load(on db: any Database, today: CalendarDate, bcryptCost: Int, seed: UInt64 = 2026) async throws -> [SignIn] {
        // Marked first, in the same transaction: a database with demo data in it is never taken for a real one.
        try await InstallationRepository.markDemo(at: Date(), on: db)
        var rng = SeededGenerator(seed: seed)
        let hash = try Bcrypt.hash(password, cost: bcryptCost)
        var signIns: [SignIn] = []
        var areaUnits: [(area: AreaModel, units: [DeliveryUnitModel], practitioners: [UserAccount])] = []
        var staffByArea: [UUID: [Role: UserAccount]] = [:]

        let admin = try await UserRepository.create(email: "admin@waymark.example", name: "Alex Morgan", role: .administrator,
                                                    passwordHash: hash, areaIDs: [], on: db)
        signIns.append(SignIn(email: admin.email, role: .administrator, area: "All areas"))

        for (providerName, providerSlug, areas) in providers {
            let provider = ProviderModel(name: providerName, slug: providerSlug)
            try await provider.create(on: db)
            for seed in areas {
                let area = AreaModel(providerID: provider.id!, name: seed.name, slug: seed.slug, contactName: seed.contact.0,
                                     contactEmail: seed.contact.1, contactPhone: seed.contact.2)
                try await area.create(on: db)
                var units: [DeliveryUnitModel] = []
                for (name, address, postcode) in seed.units {
                    let unit = DeliveryUnitModel(areaID: area.id!, name: name)
                    try await unit.create(on: db)
                    try await SiteModel(deliveryUnitID: unit.id!, name: "\(name) probation office", address: address,
                                        postcode: postcode).create(on: db)
                    units.append(unit)
                }
                let areaID = area.id!.uuidString
                let short = seed.slug.split(separator: "-").first.map(String.init) ?? seed.slug
                let staff: [(Role, String, String)] = [
                    (.coordinator, "coordinator.\(short)", "\(pick(firstNames, &rng)) \(pick(lastNames, &rng))"),
                    (.practitioner, "practitioner.\(short)", "\(pick(firstNames, &rng)) \(pick(lastNames, &rng))"),
                    (.practitioner, "practitioner2.\(short)", "\(pick(firstNames, &rng)) \(pick(lastNames, &rng))"),
                    (.staffFacilitator, "facilitator.\(short)", "\(pick(firstNames, &rng)) \(pick(lastNames, &rng))"),
                    (.mentor, "mentor.\(short)", "\(pick(firstNames, &rng)) \(pick(lastNames, &rng))"),
                    (.commissioner, "commissioner.\(short)", "\(pick(firstNames, &rng)) \(pick(lastNames, &rng))"),
                ]
                var practitioners: [UserAccount] = []
                for (role, local, name) in staff {
                    let user = try await UserRepository.create(email: "\(local)@waymark.example", name: name, role: role,
                                                               passwordHash: hash, areaIDs: [areaID], on: db)
                    if role == .practitioner { practitioners.append(user) }
                    if staffByArea[area.id!, default: [:]][role] == nil { staffByArea[area.id!, default: [:]][role] = user }
                    if !local.hasPrefix("practitioner2") { signIns.append(SignIn(email: user.email, role: role, area: seed.name)) }
                }
                areaUnits.append((area, units, practitioners))
            }
        }

        var crnNumber = 100_000 + Int(rng.next() % 500_000)
        for (area, units, practitioners) in areaUnits {
            var people: [Person] = []
            for index in 0..<24 {
                let unit = units[index % units.count]
                let first = pick(firstNames, &rng), last = pick(lastNames, &rng)
                let age = 19 + Int(rng.next() % 45)
                guard let dob = CalendarDate(year: today.year - age, month: 1 + Int(rng.next() % 12), day: 1 + Int(rng.next() % 28)) else { continue }
                crnNumber += 1 + Int(rng.next() % 97)
                let letters = Array("ABCDEFGHJKLMNPRSTX")
                let crn = CRN("\(letters[Int(rng.next() % UInt64(letters.count))])\(String(format: "%06d", crnNumber % 1_000_000))")
                let gender: Gender = ["Aisha", "Danielle", "Emma", "Gemma", "Jade", "Kayleigh", "Leanne", "Nadia", "Olivia", "Priya",
                                      "Sadia", "Shannon", "Vicky", "Zoe", "Stacey", "Michelle", "Natasha", "Kelly"].contains(first) ? .female : .male
                let details = PersonDetails(crn: crn, firstName: first, lastName: last, dateOfBirth: dob, gender: gender,
                                            areaID: area.id!.uuidString, deliveryUnitID: unit.id!.uuidString)
                let practitioner = index % 6 == 5 ? nil : practitioners[index % practitioners.count].id
                let person = try await PeopleRepository.create(details, practitionerID: practitioner, on: db)
                people.append(person)
                try await seedOrders(for: person, index: index, today: today, rng: &rng, on: db)
                if let practitioner {
                    try await seedRisk(for: person, by: practitioner, today: today, rng: &rng, on: db)
                }
            }
            let staff = staffByArea[area.id!] ?? [:]
            if let coordinator = staff[.coordinator] {
                try await DemoMentors.seed(people: people, units: units.map { $0.id!.uuidString }, coordinator: coordinator,
                                           mentorUser: staff[.mentor], today: today, bcryptCost: bcryptCost, rng: &rng, on: db)
                try await DemoReferrals.seed(people: people, coordinator: coordinator, today: today, rng: &rng, on: db)
                var sites: [String] = []
                for unit in units {
                    if let site = try await SiteModel.query(on: db).filter(\.$deliveryUnit.$id == unit.id!).first() { sites.append(site.id!.uuidString) }
                }
                try await DemoHistory.seed(DemoHistory.Context(areaID: area.id!.uuidString, slug: area.slug, units: units.map { $0.id!.uuidString }, sites: sites,
                                                               coordinator: coordinator, practitioner: practitioners[0], facilitator: staff[.staffFacilitator],
                                                               providerID: area.$provider.id, today: today),
                                           crnStart: 100_000 * (areaUnits.firstIndex { $0.area.id == area.id } ?? 0), rng: &rng, on: db)
            }
        }
        try await AuditLog.append(AuditRecord(actorID: "system", action: "demo.load", recordType: "database", recordID: "demo",
                                              personID: nil, detail: "demo data loaded"), at: today.startOfDay, on: db)
        return signIns
    }

    static func seedOrders(for person: Person, index: Int, today: CalendarDate, rng: inout SeededGenerator,
                           on db: any Database) async throws {
        let kind = index % 4
        let startedDaysAgo = 30 + Int(rng.next() % 500)
        let start = today.adding(days: -startedDaysAgo)
        let details: OrderDetails
        switch kind {
        case 0:
            details = OrderDetails(type: .communityOrder, startDate: start, expectedEndDate: start.adding(months: 18), actualEndDate: nil,
                                   outcome: .active, requirements: [.rehabilitationActivity, .unpaidWork], rarDays: [10, 15, 20, 25][Int(rng.next() % 4)])
        case 1:
            details = OrderDetails(type: .licence, startDate: start, expectedEndDate: start.adding(months: 12 + Int(rng.next() % 24)),
                                   actualEndDate: nil, outcome: .active, requirements: [.residence], rarDays: nil)
        case 2:
            // Finished recently: the people a practitioner might recommend as a mentor.
            let end = today.adding(days: -Int(rng.next() % 150) - 1)
            details = OrderDetails(type: .communityOrder, startDate: end.adding(months: -12), expectedEndDate: end, actualEndDate: end,
                                   outcome: .completed, requirements: [.rehabilitationActivity, .accreditedProgramme], rarDays: 20)
        default:
            details = OrderDetails(type: .suspendedSentenceOrder, startDate: start, expectedEndDate: start.adding(months: 24),
                                   actualEndDate: nil, outcome: .active, requirements: [.rehabilitationActivity, .drugRehabilitation],
                                   rarDays: 15)
        }
        _ = try await OrderRepository.create(details, personID: person.id, on: db)
    }

    static func seedRisk(for person: Person, by practitioner: String, today: CalendarDate, rng: inout SeededGenerator,
                         on db: any Database) async throws {
        let roll = Int(rng.next() % 20)
        let rosh: RoSH = roll < 9 ? .low : roll < 16 ? .medium : roll < 19 ? .high : .veryHigh
        let mappa: (Int, Int)? = rosh >= .high && roll % 2 == 0 ? (1 + roll % 3, 1 + roll % 2) : nil
        let tiers = ["A1", "B1", "B2", "C1", "C2", "D1"]
        let flags: [SafeguardingFlag] = roll % 5 == 0 ? [.domesticAbuse] : roll % 7 == 0 ? [.substanceMisuse, .mentalHealth] : []
        let first = RiskDetails(rosh: rosh == .low ? .low : .medium, mappaCategory: nil, mappaLevel: nil, tier: tiers[roll % tiers.count],
                                safeguardingFlags: [], assessedOn: today.adding(days: -200), nextReviewDate: today.adding(days: -20),
                                notes: nil)
        _ = try await RiskRepository.record(first, personID: person.id, recordedByID: practitioner, basedOnVersion: 0, on: db)
        let current = RiskDetails(rosh: rosh, mappaCategory: mappa?.0, mappaLevel: mappa?.1, tier: tiers[(roll + 1) % tiers.count],
                                  safeguardingFlags: flags, assessedOn: today.adding(days: -Int(rng.next() % 40)),
                                  nextReviewDate: today.adding(days: 30 + Int(rng.next() % 150)),
                                  notes: "Reviewed at supervision.")
        _ = try await RiskRepository.record(current, personID: person.id, recordedByID: practitioner, basedOnVersion: 1, on: db)
    }

    static func pick(_ list: [String], _ rng: inout SeededGenerator) -> String {
        list[Int(rng.next() % UInt64(list.count))]
    }
}

/// SplitMix64: small, fast and the same on every platform, so demo data is reproducible.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension DemoData {
    /// The demo sign-ins of an already-loaded demo database, to print again on a later start.
    public static func signIns(from users: [UserAccount]) -> [SignIn] {
        users.filter { $0.email.hasSuffix("@waymark.example") && !$0.email.hasPrefix("practitioner2") }
            .map { SignIn(email: $0.email, role: $0.role, area: $0.areaIDs.isEmpty ? "All areas" : "") }
    }
}
