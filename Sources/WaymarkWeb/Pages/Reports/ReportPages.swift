import Fluent
import Vapor
import WaymarkCore
import WaymarkStore

/// The annual programme report: every figure derived from the records by WaymarkCore, with
/// the year before beside it, charts drawn on the server, definitions, approved quotes, a
/// print layout and a CSV. Commissioners see the same report with small counts suppressed.
struct ReportPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, SitePath.reports.route, needs: .viewReports, signedIn: annual)
        routes.on(.GET, SitePath.reportCSV.route, needs: .viewReports, signedIn: csv)
        routes.on(.GET, SitePath.demand.route, needs: .viewReports, signedIn: demand)
    }

    struct Query {
        let year: String?
        let area: String?
        let unit: String?
        init(_ req: Request) {
            year = req.query[String.self, at: "year"]
            area = req.query[String.self, at: "area"]
            unit = req.query[String.self, at: "deliveryUnit"]
        }
    }

    @Sendable func annual(req: Request, user: CurrentUser) async throws -> Response {
        let q = Query(req)
        do {
            let scope = try await ReportService.scope(year: q.year, area: q.area, unit: q.unit, defaultYear: true, on: req)
            let result = try await ReportService.annual(scope, on: req)
            return try await page(req, result: result, errors: [], query: q)
        } catch let failure as ValidationFailure {
            return try await page(req, result: nil, errors: q.area == nil && failure.errors.first?.field == "area" ? [] : failure.errors, query: q)
        }
    }

    @Sendable func csv(req: Request, user: CurrentUser) async throws -> Response {
        let q = Query(req)
        let scope = try await ReportService.scope(year: q.year, area: q.area, unit: q.unit, defaultYear: true, on: req)
        let result = try await ReportService.annual(scope, on: req)
        let (header, rows) = ReportService.csvRows(result)
        return try CSVExport.response(filename: ReportService.filename(result, ext: "csv"), header: header, rows: rows)
    }

    // MARK: The page

    func page(_ req: Request, result: AnnualReportResult?, errors: [FieldError], query: Query) async throws -> Response {
        let user = try req.user
        let areas = try await OrganisationRepository.areas(on: req.db).filter { user.actor.areaIDs.contains($0.id) }
        var frame = PageFrame(req, title: result.map { "Annual report \($0.scope.year.label): \($0.scope.placeName)" } ?? "Annual report", section: .reports)
        frame.hasErrors = !errors.isEmpty
        var content: [Body] = [Form.errorSummary(errors)]
        content.append(UI.heading(result.map { "Annual report \($0.scope.year.label)" } ?? "Annual report", caption: result?.scope.placeName ?? "Peer mentoring"))
        content.append(filterForm(req, areas: areas, result: result, errors: errors, query: query))
        guard let result else {
            content.append(UI.p(areas.count > 1 ? "Choose an area to see its report." : "Choose a year to see its report."))
            return Layout.render(frame, status: errors.isEmpty ? .ok : .unprocessableEntity, content)
        }
        let year = result.scope.year
        let now = result.values(result.current), before = result.values(result.previous)
        content.append(UI.p("\(year.span). Figures are worked out from Waymark's records on \(req.today.long); none are typed in. "
                            + (req.today <= year.through ? "This year is still running, so its figures are to date." : "")))
        if result.suppressed {
            content.append(UI.inset([UI.p("To protect the people in these figures, every count below 5 is shown as <5. Where a hidden count could be worked out from a total and the counts beside it, another count is not shown either. Rates, averages and hours built on a hidden count are not shown.")]))
        }
        content.append(H.el("p", [("class", "wm-body wm-no-print")], [
            H.link("Download as CSV", to: SitePath.reportCSV.url + "?" + queryString(result)), .text(" · "),
            H.link("Demand and capacity", to: SitePath.demand.url + "?area=" + result.scope.area.areaID), .text(" · "),
            .text("Print this page for a paper copy."),
        ]))

        // Headline chart: this year against last.
        let charted = ReportCatalogue.charted.compactMap { ReportCatalogue.byKey[$0] }
        let series = [result.previous, result.current].map { report in
            let values = result.values(report)
            return Chart.Series(name: report.year.label, values: charted.map { values[$0.key]?.number },
                                labels: charted.map { Disclosure.text(values[$0.key] ?? .notAvailable, format: $0.format) })
        }
        content.append(H.el("h2", [("class", "wm-heading-m")], "The year at a glance"))
        content.append(Chart.figure(
            chart: Chart.bars(id: "headline", title: "Headline figures, \(year.previous.label) and \(year.label)",
                              description: "Bar chart comparing \(year.previous.label) (hatched, top bar of each pair) with \(year.label) (solid blue, bottom bar). "
                                  + charted.map { "\($0.label): \(Disclosure.text(before[$0.key] ?? .notAvailable, format: $0.format)) then \(Disclosure.text(now[$0.key] ?? .notAvailable, format: $0.format))" }.joined(separator: "; ") + ".",
                              categories: charted.map(\.label), series: series),
            table: figureTable(caption: "Headline figures", charted, now: now, before: before, year: year)))

        for section in ReportSection.allCases {
            let figures = ReportCatalogue.figures.filter { $0.section == section }
            content.append(H.el("section", [("class", "wm-report-section"), ("aria-labelledby", "section-\(section.rawValue)")], [
                H.el("h2", [("class", "wm-heading-m"), ("id", "section-\(section.rawValue)")], section.label),
                figureTable(caption: "\(section.label), \(year.label) and \(year.previous.label)", figures, now: now, before: before, year: year),
                H.el("details", [("class", "wm-details")], [
                    H.el("summary", [("class", "wm-details__summary")], [H.el("span", [("class", "wm-details__summary-text")], "How these figures are worked out")]),
                    H.el("div", [("class", "wm-details__text")], [
                        H.el("dl", [("class", "wm-summary-list")], figures.map { f in
                            H.el("div", [("class", "wm-summary-list__row")], [
                                H.el("dt", [("class", "wm-summary-list__key")], f.label),
                                H.el("dd", [("class", "wm-summary-list__value")], f.definition),
                            ])
                        }),
                    ]),
                ]),
            ]))
        }

        if result.scope.unitID == nil, result.scope.area.units.count > 1 {
            let keys = ["candidates", "accredited", "trainingDeliveryUnits", "referrals", "matches", "sessions", "attended", "referralsClosed"]
                .compactMap { ReportCatalogue.byKey[$0] }
            content.append(H.el("h2", [("class", "wm-heading-m")], "By delivery unit, \(year.label)"))
            content.append(UI.table(caption: "Figures for each delivery unit in \(result.scope.area.areaName), \(year.label)",
                                    columns: [UI.Column(title: "Delivery unit")] + keys.map { UI.Column(title: $0.key == "trainingDeliveryUnits" ? "Training ran" : $0.label, numeric: true) },
                                    rows: result.scope.area.units.map { unit in
                                        let column = result.current.column(unit.id)
                                        return [H.text(unit.name)] + keys.map { f in
                                            f.key == "trainingDeliveryUnits" ? H.text(column[f.key]?.number == 1 ? "Yes" : "No")
                                                : H.text(Disclosure.text(column[f.key] ?? .notAvailable, format: f.format))
                                        }
                                    }))
        }

        content.append(H.el("h2", [("class", "wm-heading-m")], "In their own words"))
        if result.quotes.isEmpty {
            content.append(UI.p("No quotes or stories are approved for the annual report yet."))
        } else {
            content.append(UI.p("Shared with consent, under a name of their choosing."))
            for study in result.quotes {
                content.append(H.el("figure", [("class", "wm-quote")], [
                    study.title.map { H.el("h3", [("class", "wm-heading-s")], $0) } ?? .empty,
                    H.el("blockquote", [("class", "wm-quote__text")], study.kind == .quote ? "“\(study.text)”" : study.text),
                    H.el("figcaption", [("class", "wm-quote__by")], "\(study.pseudonym), \(study.subject.label.lowercased())"),
                ]))
            }
        }
        return Layout.render(frame, content)
    }

    func queryString(_ result: AnnualReportResult) -> String {
        "year=\(result.scope.year.startYear)&area=\(result.scope.area.areaID)" + (result.scope.unitID.map { "&deliveryUnit=\($0)" } ?? "")
    }

    func figureTable(caption: String, _ figures: [FigureDefinition], now: [String: FigureValue], before: [String: FigureValue], year: ReportingYear) -> Body {
        UI.table(caption: caption, columns: [UI.Column(title: "Figure"), UI.Column(title: year.label, numeric: true), UI.Column(title: year.previous.label, numeric: true)],
                 rows: figures.map { f in
                     [H.text(f.label), H.text(Disclosure.text(now[f.key] ?? .notAvailable, format: f.format)),
                      H.text(Disclosure.text(before[f.key] ?? .notAvailable, format: f.format))]
                 })
    }

    func filterForm(_ req: Request, areas: [AreaInfo], result: AnnualReportResult?, errors: [FieldError], query: Query) -> Body {
        let current = ReportingYear.containing(req.today, startMonth: result?.scope.year.startMonth ?? 4)
        let years = (0..<8).map { current.startYear - $0 }
        let selectedYear = result.map { String($0.scope.year.startYear) } ?? query.year ?? ""
        let selectedArea = result?.scope.area.areaID ?? query.area ?? ""
        let units = areas.first { $0.id == selectedArea }?.deliveryUnits ?? (areas.count == 1 ? areas[0].deliveryUnits : [])
        let error = { (field: String) in errors.first { $0.field == field }?.message }
        var fields: [Body] = [
            Form.select("year", label: "Year", options: years.map { Form.Option(value: String($0), label: ReportingYear($0, startMonth: current.startMonth).label) },
                        selected: selectedYear, error: error("year"), blank: nil),
        ]
        if areas.count > 1 {
            fields.append(Form.select("area", label: "Area", options: areas.map { Form.Option(value: $0.id, label: $0.name) }, selected: selectedArea,
                                      error: error("area")))
        } else if let only = areas.first {
            fields.append(Form.hidden("area", only.id))
        }
        if !units.isEmpty {
            fields.append(Form.select("deliveryUnit", label: "Delivery unit", options: units.map { Form.Option(value: $0.id, label: $0.name) },
                                      selected: result?.scope.unitID ?? query.unit ?? "", error: error("deliveryUnit"), blank: "All delivery units"))
        }
        return H.el("form", [("method", "get"), ("action", SitePath.reports.url), ("class", "wm-filter wm-no-print"), ("novalidate", "novalidate")],
                    fields + [Form.button("Show report", secondary: true)])
    }

    // MARK: Demand and capacity

    @Sendable func demand(req: Request, user: CurrentUser) async throws -> Response {
        let q = Query(req)
        let areas = try await OrganisationRepository.areas(on: req.db).filter { user.actor.areaIDs.contains($0.id) }
        var frame = PageFrame(req, title: "Demand and capacity", section: .reports)
        frame.breadcrumbs = [("Reports", SitePath.reports.url)]
        let scope: ReportScope
        do {
            scope = try await ReportService.scope(year: nil, area: q.area, unit: q.unit, defaultYear: true, on: req)
        } catch let failure as ValidationFailure {
            frame.hasErrors = q.area != nil
            return Layout.render(frame, status: q.area != nil ? .unprocessableEntity : .ok, [
                q.area != nil ? Form.errorSummary(failure.errors) : .empty,
                UI.heading("Demand and capacity"),
                H.el("form", [("method", "get"), ("action", SitePath.demand.url), ("novalidate", "novalidate")], [
                    Form.select("area", label: "Area", options: areas.map { Form.Option(value: $0.id, label: $0.name) }, selected: q.area ?? "",
                                error: q.area != nil ? failure.errors.first?.message : nil),
                    Form.button("Show demand and capacity", secondary: true),
                ]),
            ])
        }
        let result = try await DemandService.demand(scope, on: req)
        let latest = result.points.map(\.on).max()
        let latestPoints = result.points.filter { $0.on == latest }
        var content: [Body] = [UI.heading("Demand and capacity", caption: scope.placeName)]
        content.append(UI.p("Referrals waiting for a mentor against the places free with active mentors, at the end of each month. A mentor’s places count towards the first delivery unit they cover."))
        if result.suppressed {
            content.append(UI.inset([UI.p("Counts below 5 are shown as <5.")]))
        }
        if result.recruitFirst.isEmpty {
            content.append(UI.p("Today every delivery unit has at least as many free places as referrals waiting."))
        } else {
            content.append(UI.warning("Demand exceeds supply in " + result.recruitFirst.map { result.unitName($0.deliveryUnitID) }.joined(separator: ", ")
                                      + ". Recruit mentors there first."))
        }
        let units = latestPoints.map { result.unitName($0.deliveryUnitID) }
        content.append(Chart.figure(
            chart: Chart.bars(id: "demand", title: "Referrals waiting and free mentor places, \(latest?.long ?? "")",
                              description: "Bar chart for each delivery unit: places free with active mentors (hatched, top bar) and referrals waiting (solid blue, bottom bar). "
                                  + latestPoints.map { "\(result.unitName($0.deliveryUnitID)): \(result.text($0.freePlaces)) free, \(result.text($0.waiting)) waiting" }.joined(separator: "; ") + ".",
                              categories: units, series: [
                                  Chart.Series(name: "Free places", values: latestPoints.map { result.cell($0.freePlaces).number },
                                               labels: latestPoints.map { result.text($0.freePlaces) }),
                                  Chart.Series(name: "Referrals waiting", values: latestPoints.map { result.cell($0.waiting).number },
                                               labels: latestPoints.map { result.text($0.waiting) }),
                              ]),
            table: UI.table(caption: "Today, by delivery unit", columns: [UI.Column(title: "Delivery unit"), UI.Column(title: "Waiting", numeric: true),
                                                                         UI.Column(title: "Free places", numeric: true), UI.Column(title: "Demand exceeds supply")],
                            rows: latestPoints.map { [H.text(result.unitName($0.deliveryUnitID)), H.text(result.text($0.waiting)), H.text(result.text($0.freePlaces)),
                                                      H.text($0.demandExceedsSupply ? "Yes" : "No")] })))
        let months = Array(Set(result.points.map(\.on))).sorted()
        content.append(H.el("h2", [("class", "wm-heading-m")], "Month by month"))
        content.append(UI.table(caption: "Referrals waiting / free places at the end of each month",
                                columns: [UI.Column(title: "Month")] + scope.area.units.filter { u in result.points.contains { $0.deliveryUnitID == u.id } }.map { UI.Column(title: $0.name, numeric: true) },
                                rows: months.map { day in
                                    [H.text("\(CalendarDate.monthNames[day.month - 1]) \(day.year)")] + result.points.filter { $0.on == day }.map { p in
                                        H.text("\(result.text(p.waiting)) / \(result.text(p.freePlaces))" + (p.demandExceedsSupply ? " (short)" : ""))
                                    }
                                }))
        return Layout.render(frame, content)
    }
}
