import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaymarkCore
@testable import WaymarkStore
@testable import WaymarkWeb

/// Outcomes and reporting in the browser: the annual report with its chart, table and CSV,
/// demand and capacity, the outcome forms, case studies, and each role's dashboard.
@Suite("Reporting in the browser")
struct ReportingPageTests {
    typealias R = ReportData

    static func dateFields(_ name: String, _ date: CalendarDate) -> [(String, String)] {
        [("\(name)-day", String(date.day)), ("\(name)-month", String(date.month)), ("\(name)-year", String(date.year))]
    }

    @Test("The annual report page: an accessible chart with its table, the year, a CSV download; the CSV; demand and capacity")
    func reportPages() async throws {
        try await withWaymark { app, world in
            try await R.build(app, world)
            var coordinator = try await Browser.signedIn(app, as: world.user(.coordinator).email)
            let response = try await coordinator.get("/reports")
            #expect(response.status == .ok)
            let page = response.body.string
            let svg = try #require(page.range(of: "<svg").map { String(page[$0.lowerBound...]) }, "an inline chart")
            let chart = String(svg[..<(svg.range(of: "</svg>")?.upperBound ?? svg.endIndex)])
            #expect(chart.contains(#"role="img""#))
            #expect(chart.contains("<title"))
            #expect(chart.contains("<desc"))
            #expect(chart.contains("aria-labelledby"))
            #expect(chart.contains("2024-25") && chart.contains("2025-26"))
            #expect(page.contains("<table"))
            #expect(page.contains("Annual report 2025-26"), "the last complete year by default")
            #expect(page.contains("Download as CSV"))
            #expect(page.contains("Mentors who gained the Level 2 qualification"))
            #expect(page.contains("By delivery unit, 2025-26"))
            #expect(!page.contains("&lt;5"), "a coordinator sees every count")

            let other = try await coordinator.get("/reports?year=2024")
            #expect(other.status == .ok)
            #expect(other.body.string.contains("Annual report 2024-25"))
            let bad = try await coordinator.get("/reports?year=abc")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Year must be 4 digits"))
            #expect(try await coordinator.get("/reports?year=2025&area=\(world.areaB.id)").status == .notFound)

            let csv = try await coordinator.get("/reports/annual.csv?year=2025")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(csv.headers.first(name: .contentDisposition)?.contains("2025-26.csv") == true)
            let lines = csv.body.string.split(whereSeparator: \.isNewline).map(String.init)
            let header = try #require(lines.first)
            #expect(header.contains("figure"))
            #expect(header.contains("2025-26") && header.contains("2024-25"))
            #expect(lines.contains { $0.contains(",accredited,") && $0.contains(",10,0,") }, "accredited: 10 this year, 0 the year before")
            #expect(lines.count == ReportCatalogue.figures.count + 1)

            let demand = try await coordinator.get("/reports/demand")
            #expect(demand.status == .ok)
            #expect(demand.body.string.contains("Demand and capacity"))
            #expect(demand.body.string.contains("<svg"))
            #expect(demand.body.string.contains("Month by month"))

            var commissioner = try await Browser.signedIn(app, as: world.user(.commissioner).email)
            let suppressed = try await commissioner.get("/reports")
            #expect(suppressed.status == .ok)
            #expect(suppressed.body.string.contains("&lt;5"))
            #expect(suppressed.body.string.contains("every count below 5 is shown as"))
            let commissionerCSV = try await commissioner.get("/reports/annual.csv")
            #expect(commissionerCSV.status == .ok)
            #expect(commissionerCSV.body.string.contains("<5"))
            #expect(try await commissioner.get("/reports/demand").status == .ok)

            var practitioner = try await Browser.signedIn(app, as: world.user(.practitioner).email)
            #expect(try await practitioner.get("/reports").status == .forbidden)
            #expect(try await practitioner.get("/reports/annual.csv").status == .forbidden)
        }
    }

    @Test("Outcome pages: a referral's outcomes recorded by form (errors summarised), a mentor's outcomes and wellbeing")
    func outcomePages() async throws {
        try await withWaymark { app, world in
            var coordinator = try await Browser.signedIn(app, as: world.user(.coordinator).email)
            let path = "/referrals/\(world.referralA2.id)/outcomes"
            let page = try await coordinator.get(path)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Marcus Shaw"))
            #expect(page.body.string.contains("Record outcomes"))
            #expect(page.body.string.contains("No outcomes recorded yet."))

            let wrong = try await coordinator.post(path, [("stage", ""), ("source", "practitionerAssessment"), ("accommodation", "mansion")]
                                                   + Self.dateFields("recordedOn", world.today.adding(days: 1)))
            #expect(wrong.status == .unprocessableEntity)
            let html = wrong.body.string
            #expect(html.contains("There is a problem"))
            #expect(html.contains("Date measured must be today or in the past"))
            #expect(html.contains("Select a level for accommodation from the list"))
            #expect(html.contains(##"href="#accommodation-homeless""##), "the summary links to the first option")
            #expect(html.contains(##"href="#recordedOn-day""##))
            #expect(try await OutcomeRepository.forReferrals([world.referralA2.id], on: app.db).isEmpty)

            let saved = try await coordinator.post(path, [("stage", "referral"), ("source", "practitionerAssessment"), ("accommodation", "temporary"),
                                                          ("educationTrainingEmployment", "notKnown")] + Self.dateFields("recordedOn", world.today))
            #expect(saved.status == .seeOther)
            let after = try await coordinator.get(path).body.string
            #expect(after.contains("Temporary or unsuitable"))
            #expect(after.contains("Outcomes recorded"))
            let log = try await AuditTests.entries(app, person: world.personA2.id).map(\.action)
            #expect(log.contains("referral.outcomes.record"))
            #expect(log.contains("referral.outcomes.view"))

            // Practitioner A1 does not hold Marcus's case.
            var practitioner = try await Browser.signedIn(app, as: world.user(.practitioner).email)
            #expect(try await practitioner.get(path).status == .notFound)

            let mentorPath = "/mentors/\(world.mentorA1.id)/outcomes"
            let mentorPage = try await coordinator.get(mentorPath)
            #expect(mentorPage.status == .ok)
            #expect(mentorPage.body.string.contains("Record a self-rating"))
            #expect(mentorPage.body.string.contains("Not yet accredited"))
            let tooHigh = try await coordinator.post(mentorPath, [("score", "11"), ("source", "selfReport")] + Self.dateFields("on", world.today))
            #expect(tooHigh.status == .unprocessableEntity)
            #expect(tooHigh.body.string.contains("There is a problem"))
            #expect(tooHigh.body.string.contains("Score must be a whole number from 1 to 10"))
            #expect(tooHigh.body.string.contains(#"id="score-error""#))
            let rated = try await coordinator.post(mentorPath, [("score", "8"), ("source", "selfReport")] + Self.dateFields("on", world.today))
            #expect(rated.status == .seeOther)
            #expect(try await coordinator.get(mentorPath).body.string.contains("8 out of 10"))
            #expect(try await practitioner.get(mentorPath).status == .ok, "person A1 is on practitioner A1's caseload")
        }
    }

    @Test("Case study pages: list, add (own name refused, field marked), show, approve, withdraw")
    func caseStudyPages() async throws {
        try await withWaymark { app, world in
            var coordinator = try await Browser.signedIn(app, as: world.user(.coordinator).email)
            let list = try await coordinator.get("/case-studies")
            #expect(list.status == .ok)
            #expect(list.body.string.contains("Rose"))
            #expect(list.body.string.contains("Awaiting approval"))

            let newPath = "/people/\(world.personA1.id)/case-studies/new"
            let form = try await coordinator.get(newPath)
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Add a case study or quote"))

            let fields: [(String, String)] = [("subject", "mentor"), ("kind", "quote"), ("text", "I found I had something to give."),
                                              ("uses[]", "annualReport")] + Self.dateFields("consentGivenOn", world.today.adding(days: -1))
            let refused = try await coordinator.post(newPath, fields + [("pseudonym", "Daisy")])
            #expect(refused.status == .unprocessableEntity)
            let html = refused.body.string
            #expect(html.contains("There is a problem"))
            #expect(html.contains("Pseudonym must not be the person"))
            #expect(html.contains(#"id="pseudonym-error""#))
            #expect(html.contains(##"href="#pseudonym""##))
            #expect(html.contains("I found I had something to give."), "what was typed is kept")

            let saved = try await coordinator.post(newPath, fields + [("pseudonym", "Sky")])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers.first(name: .location))
            #expect(location.hasPrefix("/case-studies/"))
            let id = String(location.dropFirst("/case-studies/".count))
            var shown = try await coordinator.get(location).body.string
            #expect(shown.contains("Sky"))
            #expect(shown.contains("Awaiting approval"))
            #expect(shown.contains("Approve for use"))

            #expect(try await coordinator.post("/case-studies/\(id)/approve", [("version", "1")]).status == .seeOther)
            shown = try await coordinator.get(location).body.string
            #expect(shown.contains("Approved for use"))
            #expect(!shown.contains(#"/case-studies/\#(id)/approve""#), "no second approval offered")
            let report = try await coordinator.get("/reports")
            #expect(report.body.string.contains("I found I had something to give."))
            #expect(report.body.string.contains("Sky, mentor"))

            #expect(try await coordinator.post("/case-studies/\(id)/withdraw", [("version", "1")]).status == .conflict, "a stale version")
            #expect(try await coordinator.post("/case-studies/\(id)/withdraw", [("version", "2")]).status == .seeOther)
            shown = try await coordinator.get(location).body.string
            #expect(shown.contains("Consent withdrawn"))
            #expect(!(try await coordinator.get("/reports").body.string.contains("I found I had something to give.")))

            let log = try await AuditTests.entries(app, person: world.personA1.id).map(\.action)
            for action in ["caseStudy.list", "caseStudy.create", "caseStudy.view", "caseStudy.approve", "caseStudy.withdrawConsent"] {
                #expect(log.contains(action), "\(action)")
            }

            var practitioner = try await Browser.signedIn(app, as: world.user(.practitioner).email)
            #expect(try await practitioner.get("/case-studies").status == .forbidden)
            #expect(try await practitioner.get(newPath).status == .forbidden)
            var otherArea = try await Browser.signedIn(app, as: world.coordinatorB.email)
            #expect(try await otherArea.get(location).status == .notFound)
            #expect(try await otherArea.get(newPath).status == .notFound)
        }
    }

    @Test("Dashboards: each role's open work or next commitments; a commissioner gets reports and no casework")
    func dashboards() async throws {
        try await withWaymark { app, world in
            var coordinator = try await Browser.signedIn(app, as: world.user(.coordinator).email)
            let home = try await coordinator.get("/").body.string
            #expect(home.contains("Referrals waiting for a mentor"))
            #expect(home.contains("Expenses to approve"))
            #expect(home.contains("Check-ins overdue"))
            #expect(home.contains(#"href="/reports""#))

            var practitioner = try await Browser.signedIn(app, as: world.user(.practitioner).email)
            let caseload = try await practitioner.get("/").body.string
            #expect(caseload.contains("Concerns to acknowledge"))
            #expect(caseload.contains("Enforcement decisions"))
            #expect(caseload.contains("Risk reviews due"))

            for email in [world.user(.mentor).email, world.user(.staffFacilitator).email] {
                var browser = try await Browser.signedIn(app, as: email)
                let page = try await browser.get("/").body.string
                #expect(page.contains("Your next commitments"), "\(email)")
                #expect(page.contains("Transition and Hope"), "\(email): the session they facilitate today")
            }
            var mentor = try await Browser.signedIn(app, as: world.user(.mentor).email)
            #expect(try await mentor.get("/").body.string.contains("Marcus"), "the mentor's mentee, by first name")

            var commissioner = try await Browser.signedIn(app, as: world.user(.commissioner).email)
            let reports = try await commissioner.get("/")
            #expect(reports.status == .ok)
            let page = reports.body.string
            #expect(page.contains(#"href="/reports?area=\#(world.areaA.id)""#))
            #expect(page.contains("Annual report: Essex"))
            for casework in ["/people", "/referrals", "/matches", "/mentors", "/sessions", "/concerns", "/case-studies", "/expenses", "/enforcement", "/cohorts"] {
                #expect(!page.contains(#"href="\#(casework)"#), "a commissioner's home links to \(casework)")
            }
            #expect(!page.contains("Daisy") && !page.contains("Marcus"))
        }
    }
}
