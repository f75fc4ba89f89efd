/// Everything held about one person, for a subject access request: every record, its history,
/// and who has viewed it. The shell gathers the sections; this type lays them out the same way
/// for the JSON export, the printable page and the CLI.
public struct SubjectAccessDocument: Sendable, Equatable {
    public let personID: String
    public let heading: String
    public let generatedOn: CalendarDate
    public let sections: [Section]

    public init(personID: String, heading: String, generatedOn: CalendarDate, sections: [Section]) {
        self.personID = personID
        self.heading = heading
        self.generatedOn = generatedOn
        self.sections = sections
    }

    public struct Section: Sendable, Equatable {
        public let title: String
        /// What the section is, in plain words, for the person reading it.
        public let explanation: String
        public let records: [Record]

        public init(title: String, explanation: String, records: [Record]) {
            self.title = title
            self.explanation = explanation
            self.records = records
        }
    }

    /// One stored row, as named fields in a fixed order.
    public struct Record: Sendable, Equatable {
        public let fields: [Field]
        public init(_ fields: [Field]) { self.fields = fields }
    }

    public struct Field: Sendable, Equatable {
        public let name: String
        public let value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var recordCount: Int { sections.reduce(0) { $0 + $1.records.count } }

    /// A plain-text version, readable on paper or in a terminal.
    public func text() -> String {
        var lines = [heading, String(repeating: "=", count: heading.count),
                     "Produced on \(generatedOn.long) in answer to a subject access request.", ""]
        for section in sections {
            lines.append(section.title)
            lines.append(String(repeating: "-", count: section.title.count))
            lines.append(section.explanation)
            if section.records.isEmpty { lines.append("  Nothing held.") }
            for (i, record) in section.records.enumerated() {
                lines.append("  \(i + 1).")
                let width = record.fields.map(\.name.count).max() ?? 0
                for field in record.fields {
                    let value = field.value.replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: width + 6))
                    lines.append("    " + field.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
                }
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
