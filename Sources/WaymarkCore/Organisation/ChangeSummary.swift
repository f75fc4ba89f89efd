/// A change to a record as one line for its history: "Name: Essex → Essex and Suffolk; Active: yes → no".
public enum ChangeSummary {
    public static func describe(_ fields: [(label: String, before: String?, after: String?)]) -> String {
        let changed = fields.filter { ($0.before ?? "") != ($0.after ?? "") }
        guard !changed.isEmpty else { return "No changes" }
        return changed.map { "\($0.label): \(shown($0.before)) → \(shown($0.after))" }.joined(separator: "; ")
    }

    static func shown(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "(none)" }
        let line = value.replacingOccurrences(of: "\n", with: ", ")
        return line.count > 60 ? String(line.prefix(57)) + "…" : line
    }
}
