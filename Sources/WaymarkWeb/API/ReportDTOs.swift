import Foundation
import Vapor
import WaymarkCore
import WaymarkStore

/// A figure's name for a JSON key.
struct FigureKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// The annual report as JSON: the year's named figures at the top level (as DESIGN.md's
/// contract says), the year before under `previousYear`, each figure's definition, and the
/// approved quotes. A suppressed count is the string "<5"; a figure with nothing to measure is null.
struct AnnualReportDTO: AsyncResponseEncodable, Encodable {
    let result: AnnualReportResult

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: FigureKey.self)
        let scope = result.scope
        try c.encode(scope.year.startYear, forKey: FigureKey("year"))
        try c.encode(scope.year.label, forKey: FigureKey("label"))
        try c.encode(scope.year.from.iso, forKey: FigureKey("from"))
        try c.encode(scope.year.through.iso, forKey: FigureKey("to"))
        try c.encode(result.current.asOf.iso, forKey: FigureKey("asOf"))
        try c.encode(scope.area.areaID, forKey: FigureKey("areaId"))
        try c.encode(scope.area.areaName, forKey: FigureKey("areaName"))
        try c.encode(scope.unitID, forKey: FigureKey("deliveryUnitId"))
        try c.encode(scope.unitName, forKey: FigureKey("deliveryUnitName"))
        try c.encode(result.suppressed, forKey: FigureKey("suppressed"))
        try Self.figures(result.values(result.current), into: &c)
        var previous = c.nestedContainer(keyedBy: FigureKey.self, forKey: FigureKey("previousYear"))
        try previous.encode(scope.year.previous.startYear, forKey: FigureKey("year"))
        try previous.encode(scope.year.previous.label, forKey: FigureKey("label"))
        try Self.figures(result.values(result.previous), into: &previous)
        var definitions = c.nestedContainer(keyedBy: FigureKey.self, forKey: FigureKey("definitions"))
        for f in ReportCatalogue.figures {
            try definitions.encode(DefinitionDTO(label: f.label, section: f.section.rawValue, format: f.format.rawValue, definition: f.definition),
                                   forKey: FigureKey(f.key))
        }
        try c.encode(result.quotes.map(QuoteDTO.init), forKey: FigureKey("quotes"))
    }

    static func figures(_ values: [String: FigureValue], into c: inout KeyedEncodingContainer<FigureKey>) throws {
        for f in ReportCatalogue.figures {
            let key = FigureKey(f.key)
            switch values[f.key] ?? .notAvailable {
            case .suppressed, .withheld: try c.encode(Disclosure.text(values[f.key]!, format: f.format), forKey: key)
            case .notAvailable: try c.encodeNil(forKey: key)
            case .number(let n):
                if f.format == .count || f.format == .organisational { try c.encode(Int(n), forKey: key) } else { try c.encode(n, forKey: key) }
            }
        }
    }

    func encodeResponse(for request: Request) async throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(self)))
    }
}

struct DefinitionDTO: Content {
    let label: String
    let section: String
    let format: String
    let definition: String
}

struct QuoteDTO: Content {
    let pseudonym: String
    let subject: String
    let kind: String
    let title: String?
    let text: String
    init(_ s: CaseStudy) {
        pseudonym = s.pseudonym
        subject = s.subject.rawValue
        kind = s.kind.rawValue
        title = s.title
        text = s.text
    }

    // `title` is always present, null for a quote without one, as on a case study.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pseudonym, forKey: .pseudonym)
        try c.encode(subject, forKey: .subject)
        try c.encode(kind, forKey: .kind)
        try c.encode(title, forKey: .title)
        try c.encode(text, forKey: .text)
    }
}

/// A count in the demand view: a number, or "<5" for a commissioner.
enum CountDTO: Content {
    case number(Int)
    case suppressed

    init(_ value: FigureValue) { self = value.number.map { .number(Int($0)) } ?? .suppressed }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let n): try c.encode(n)
        case .suppressed: try c.encode(Disclosure.shown)
        }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        self = (try? c.decode(Int.self)).map(CountDTO.number) ?? .suppressed
    }
}

struct DemandPointDTO: Content {
    let on: String
    let deliveryUnitId: String
    let deliveryUnitName: String
    let waiting: CountDTO
    let freePlaces: CountDTO
    let demandExceedsSupply: Bool
}

struct DemandDTO: Content {
    let areaId: String
    let areaName: String
    let suppressed: Bool
    let points: [DemandPointDTO]
    let recruitFirst: [String]

    init(_ r: DemandResult) {
        areaId = r.area.areaID
        areaName = r.area.areaName
        suppressed = r.suppressed
        points = r.points.map { p in
            DemandPointDTO(on: p.on.iso, deliveryUnitId: p.deliveryUnitID, deliveryUnitName: r.unitName(p.deliveryUnitID),
                           waiting: CountDTO(r.cell(p.waiting)), freePlaces: CountDTO(r.cell(p.freePlaces)),
                           demandExceedsSupply: p.demandExceedsSupply)
        }
        recruitFirst = r.recruitFirst.map(\.deliveryUnitID)
    }
}

struct OutcomeAssessmentDTO: Content {
    let id: String
    let referralId: String
    let stage: String
    let recordedOn: String
    let source: String
    let ratings: [String: String]
    let notes: String?
    init(_ s: StoredOutcomeAssessment) {
        id = s.id
        referralId = s.referralID
        stage = s.assessment.stage.rawValue
        recordedOn = s.assessment.recordedOn.iso
        source = s.assessment.source.rawValue
        ratings = Dictionary(uniqueKeysWithValues: s.assessment.ratings.map { ($0.key.rawValue, $0.value) })
        notes = s.assessment.notes
    }
}

struct OutcomeListDTO: Content {
    let items: [OutcomeAssessmentDTO]
    let next: String?
    /// Per measure, the change from the first rating at referral to the last at closure.
    let progress: [String: String]

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(next, forKey: .next)
        try c.encode(progress, forKey: .progress)
    }
}

struct OutcomeInput: Content {
    let stage: String?
    let recordedOn: String?
    let source: String?
    let ratings: [String: String]?
    let notes: String?
}

struct WellbeingDTO: Content {
    let on: String
    let measure: String
    let score: Int
    let source: String
    let notes: String?
    init(_ r: WellbeingRating) {
        on = r.on.iso
        measure = r.measure.rawValue
        score = r.score
        source = r.source.rawValue
        notes = r.notes
    }
}

struct WellbeingInput: Content {
    let on: String?
    let measure: String?
    let score: Int?
    let source: String?
    let notes: String?
}

struct CaseStudyDTO: Content {
    let id: String
    let version: Int
    let areaId: String
    let personId: String
    let subject: String
    let kind: String
    let pseudonym: String
    let title: String?
    let text: String
    let state: String
    let consentUses: [String]
    let consentGivenOn: String
    let consentWithdrawnOn: String?
    let approvedOn: String?

    init(_ s: CaseStudy) {
        id = s.id
        version = s.version
        areaId = s.areaID
        personId = s.personID
        subject = s.subject.rawValue
        kind = s.kind.rawValue
        pseudonym = s.pseudonym
        title = s.title
        text = s.text
        state = s.state.rawValue
        consentUses = ConsentUse.allCases.filter(s.consent.uses.contains).map(\.rawValue)
        consentGivenOn = s.consent.givenOn.iso
        consentWithdrawnOn = s.consent.withdrawnOn?.iso
        approvedOn = s.approvedOn?.iso
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(version, forKey: .version)
        try c.encode(areaId, forKey: .areaId)
        try c.encode(personId, forKey: .personId)
        try c.encode(subject, forKey: .subject)
        try c.encode(kind, forKey: .kind)
        try c.encode(pseudonym, forKey: .pseudonym)
        try c.encode(title, forKey: .title)
        try c.encode(text, forKey: .text)
        try c.encode(state, forKey: .state)
        try c.encode(consentUses, forKey: .consentUses)
        try c.encode(consentGivenOn, forKey: .consentGivenOn)
        try c.encode(consentWithdrawnOn, forKey: .consentWithdrawnOn)
        try c.encode(approvedOn, forKey: .approvedOn)
    }
}

struct CaseStudyInput: Content {
    let personId: String?
    let subject: String?
    let kind: String?
    let pseudonym: String?
    let title: String?
    let text: String?
    let uses: [String]?
    let consentGivenOn: String?
}
