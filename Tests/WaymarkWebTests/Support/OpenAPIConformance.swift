import Foundation

/// Checks API responses against the OpenAPI 3.1 document, so the hand-written routes and
/// `openapi.yaml` cannot drift apart unnoticed.
///
/// A small JSON Schema (2020-12) checker, Foundation only. It validates `$ref` (local `#/...`
/// references), boolean schemas, `type` (including type arrays, `"null"`, and `integer` as any
/// number without a fraction), `enum`, `const`, `properties`, `required`,
/// `additionalProperties`, `patternProperties`, `items`, `prefixItems`, `minItems`,
/// `maxItems`, `uniqueItems`, `minLength`, `maxLength`, `pattern`, `minimum`, `maximum`,
/// `exclusiveMinimum`, `exclusiveMaximum`, `format` `date` and `date-time`, `allOf`, `anyOf`,
/// `oneOf`, `not` and `if`/`then`/`else`. Other formats and annotations (`description`,
/// `default`, ...) are ignored, as the specification allows. Validation keywords it does not
/// implement are reported as violations rather than silently passed.
///
/// Only JSON bodies (`application/json`, `*/*+json`) are checked against their schema.
struct OpenAPIConformance: Sendable {
    /// A parsed JSON value. Our own enum rather than JSONSerialization's `Any`, so the checker
    /// is a plain `Sendable` value under Swift 6 and booleans never pass for numbers.
    enum JSON: Sendable, Equatable, Decodable {
        case null
        case bool(Bool)
        case integer(Int)
        case number(Double)
        case string(String)
        case array([JSON])
        case object([String: JSON])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Int.self) {
                self = .integer(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else if let value = try? container.decode([JSON].self) {
                self = .array(value)
            } else if let value = try? container.decode([String: JSON].self) {
                self = .object(value)
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a JSON value")
            }
        }

        static func parse(_ data: Data) throws -> JSON {
            try JSONDecoder().decode(JSON.self, from: data)
        }

        subscript(key: String) -> JSON? {
            guard case .object(let members) = self else { return nil }
            return members[key]
        }

        var objectValue: [String: JSON]? {
            guard case .object(let members) = self else { return nil }
            return members
        }

        var stringValue: String? {
            guard case .string(let text) = self else { return nil }
            return text
        }

        var numberValue: Double? {
            switch self {
            case .integer(let value): Double(value)
            case .number(let value): value
            default: nil
            }
        }

        var typeName: String {
            switch self {
            case .null: "null"
            case .bool: "boolean"
            case .integer: "integer"
            case .number: "number"
            case .string: "string"
            case .array: "array"
            case .object: "object"
            }
        }

        /// Whether this value is of the JSON Schema type `name`.
        func hasType(_ name: String) -> Bool {
            switch (name, self) {
            case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
                 ("number", .integer), ("number", .number), ("integer", .integer):
                return true
            case ("integer", .number(let value)):
                return value.isFinite && value.rounded(.towardZero) == value
            default:
                return false
            }
        }

        /// JSON equality as JSON Schema means it: 1 and 1.0 are the same number.
        func sameValue(as other: JSON) -> Bool {
            switch (self, other) {
            case (.integer(let a), .integer(let b)):
                return a == b
            case (.array(let a), .array(let b)):
                return a.count == b.count && zip(a, b).allSatisfy { pair in pair.0.sameValue(as: pair.1) }
            case (.object(let a), .object(let b)):
                return a.count == b.count && a.allSatisfy { entry in
                    guard let match = b[entry.key] else { return false }
                    return entry.value.sameValue(as: match)
                }
            default:
                if let x = numberValue, let y = other.numberValue { return x == y }
                return self == other
            }
        }

        /// A short rendering for messages.
        var brief: String {
            let text: String
            switch self {
            case .null: text = "null"
            case .bool(let value): text = value ? "true" : "false"
            case .integer(let value): text = String(value)
            case .number(let value): text = OpenAPIConformance.text(value)
            case .string(let value): text = "\"\(value)\""
            case .array(let elements): text = "an array of \(elements.count)"
            case .object(let members): text = "an object with \(members.count) properties"
            }
            return text.count > 60 ? String(text.prefix(57)) + "..." : text
        }
    }

    struct DocumentError: Error, CustomStringConvertible {
        let description: String
    }

    /// The whole document, as served at /api/v1/openapi.json.
    let document: JSON
    /// The path of the first server URL without a trailing slash (e.g. "/api/v1"), or "".
    let serverPath: String

    static let httpMethods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
    /// Deeper than this, a schema is taken to be a `$ref` cycle.
    static let maximumDepth = 64
    /// Keywords that constrain values but that this checker does not implement. A schema using
    /// one gets a violation, so a passing check never hides an unchecked rule.
    static let unsupportedKeywords = [
        "multipleOf", "minProperties", "maxProperties", "propertyNames", "dependentRequired", "dependentSchemas",
        "contains", "minContains", "maxContains", "unevaluatedProperties", "unevaluatedItems", "$dynamicRef",
        "nullable",
    ]

    init(documentJSON: Data) throws {
        let document: JSON
        do {
            document = try JSON.parse(documentJSON)
        } catch {
            throw DocumentError(description: "The OpenAPI document is not valid JSON: \(error)")
        }
        guard case .object(_)? = document["paths"] else {
            throw DocumentError(description: "The OpenAPI document has no paths object")
        }
        self.document = document
        var server = ""
        if case .array(let servers)? = document["servers"], let url = servers.first?["url"]?.stringValue {
            server = Self.pathPart(of: url)
        }
        serverPath = server
    }

    /// Returns a list of human-readable violations (empty = conforms). `path` is the template as
    /// in the document, e.g. "/people/{personId}"; method lowercase e.g. "get"; status e.g. 200;
    /// body is the raw response body.
    func violations(path: String, method: String, status: Int, contentType: String, body: Data) -> [String] {
        let method = method.lowercased()
        let context = "\(method.uppercased()) \(path) \(status)"
        func problem(_ text: String) -> [String] { ["\(context): \(text)"] }

        guard let paths = document["paths"]?.objectValue else { return problem("the document has no paths") }
        guard let pathItem = follow(paths[path])?.objectValue else {
            return problem("the path is not in the document (documented: \(paths.keys.sorted().joined(separator: ", ")))")
        }
        guard let operation = follow(pathItem[method])?.objectValue else {
            let methods = pathItem.keys.filter { Self.httpMethods.contains($0) }.sorted()
            return problem("the method is not documented for this path (documented: \(methods.joined(separator: ", ")))")
        }
        guard let responses = follow(operation["responses"])?.objectValue else {
            return problem("the operation documents no responses")
        }
        let range = "\(status / 100)XX"
        guard let documentedResponse = responses[String(status)] ?? responses[range] ?? responses[range.lowercased()]
            ?? responses["default"]
        else {
            return problem("status \(status) is not documented (documented: \(responses.keys.sorted().joined(separator: ", ")))")
        }
        guard let response = follow(documentedResponse)?.objectValue else {
            return problem("the documented response cannot be resolved (a broken $ref?)")
        }

        let content = follow(response["content"])?.objectValue ?? [:]
        if content.isEmpty {
            return body.isEmpty ? [] : problem("the document describes no body for this response, but it has \(body.count) bytes")
        }
        let mediaType = Self.mediaType(contentType)
        var byMediaType: [String: JSON] = [:]
        for (key, value) in content { byMediaType[Self.mediaType(key)] = value }
        let wildcard = (mediaType.split(separator: "/").first.map(String.init) ?? "") + "/*"
        guard let documentedMedia = byMediaType[mediaType] ?? byMediaType[wildcard] ?? byMediaType["*/*"] else {
            return problem("content type '\(contentType)' is not documented (documented: \(content.keys.sorted().joined(separator: ", ")))")
        }
        guard let media = follow(documentedMedia)?.objectValue else {
            return problem("the documented media type cannot be resolved (a broken $ref?)")
        }
        guard let schema = media["schema"], Self.isJSON(mediaType) else { return [] }

        let instance: JSON
        do {
            instance = try JSON.parse(body)
        } catch {
            return problem("the body is not valid JSON (\(body.count) bytes)")
        }
        var found: [String] = []
        validate(instance, against: schema, at: "body", depth: 0, into: &found)
        return found.map { "\(context): \($0)" }
    }

    /// The document's path template for a request path, e.g. "/api/v1/people/42?q=x" →
    /// "/people/{personId}"; a literal path wins over a template. Nil when none matches.
    func template(matching requestPath: String) -> String? {
        var path = String(requestPath.prefix { $0 != "?" && $0 != "#" })
        if !serverPath.isEmpty, path == serverPath || path.hasPrefix(serverPath + "/") {
            path = String(path.dropFirst(serverPath.count))
        }
        guard let paths = document["paths"]?.objectValue else { return nil }
        if paths[path] != nil { return path }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var best: (template: String, literals: Int)?
        for template in paths.keys.sorted() {
            let parts = template.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == segments.count else { continue }
            var literals = 0
            var fits = true
            for (part, segment) in zip(parts, segments) {
                if part.hasPrefix("{") && part.hasSuffix("}") {
                    if segment.isEmpty { fits = false }
                } else if part == segment {
                    literals += 1
                } else {
                    fits = false
                }
                if !fits { break }
            }
            if fits, literals > (best?.literals ?? -1) { best = (template, literals) }
        }
        return best?.template
    }

    // MARK: - References

    /// Resolves a local reference such as `#/components/schemas/Person` (JSON Pointer, with
    /// `~0`, `~1` and percent-escapes undone).
    func resolve(_ reference: String) -> JSON? {
        guard reference.hasPrefix("#") else { return nil }
        let pointer = String(reference.dropFirst())
        if pointer.isEmpty { return document }
        guard pointer.hasPrefix("/") else { return nil }
        var node = document
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = (String(raw).removingPercentEncoding ?? String(raw))
                .replacingOccurrences(of: "~1", with: "/")
                .replacingOccurrences(of: "~0", with: "~")
            switch node {
            case .object(let members):
                guard let next = members[token] else { return nil }
                node = next
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index) else { return nil }
                node = elements[index]
            default:
                return nil
            }
        }
        return node
    }

    /// Follows `$ref` on a non-schema object (path item, response, media type) to its target.
    private func follow(_ start: JSON?) -> JSON? {
        var node = start
        var hops = 0
        while case .string(let reference)? = node?["$ref"] {
            hops += 1
            guard hops <= 16 else { return nil }
            node = resolve(reference)
        }
        return node
    }

    // MARK: - Validation

    private func errors(of instance: JSON, against schema: JSON, at location: String, depth: Int) -> [String] {
        var found: [String] = []
        validate(instance, against: schema, at: location, depth: depth, into: &found)
        return found
    }

    private func validate(_ instance: JSON, against schema: JSON, at location: String, depth: Int,
                          into found: inout [String]) {
        guard depth < Self.maximumDepth else {
            found.append("\(location): schemas nest deeper than \(Self.maximumDepth) (a $ref cycle?)")
            return
        }
        let s: [String: JSON]
        switch schema {
        case .bool(true):
            return
        case .bool(false):
            found.append("\(location): no value is allowed here, found \(instance.brief)")
            return
        case .object(let members):
            s = members
        default:
            found.append("\(location): the document's schema here is neither an object nor a boolean")
            return
        }

        for keyword in Self.unsupportedKeywords where s[keyword] != nil {
            found.append("\(location): the schema uses '\(keyword)', which OpenAPIConformance does not check")
        }

        if case .string(let reference)? = s["$ref"] {
            if let target = resolve(reference) {
                validate(instance, against: target, at: location, depth: depth + 1, into: &found)
            } else {
                found.append("\(location): cannot resolve $ref '\(reference)' in the document")
            }
        }

        if let type = s["type"] {
            let names: [String]
            switch type {
            case .string(let name): names = [name]
            case .array(let elements): names = elements.compactMap(\.stringValue)
            default: names = []
            }
            if !names.isEmpty, !names.contains(where: { instance.hasType($0) }) {
                let shown = instance.brief == instance.typeName ? instance.typeName : "\(instance.typeName) \(instance.brief)"
                found.append("\(location): expected \(names.joined(separator: " or ")), found \(shown)")
                return  // The other keywords would only repeat the same mistake.
            }
        }

        if case .array(let options)? = s["enum"], !options.contains(where: { $0.sameValue(as: instance) }) {
            found.append("\(location): \(instance.brief) is not one of \(options.map(\.brief).joined(separator: ", "))")
        }
        if let constant = s["const"], !constant.sameValue(as: instance) {
            found.append("\(location): expected \(constant.brief), found \(instance.brief)")
        }

        switch instance {
        case .string(let text):
            validateString(text, instance: instance, schema: s, at: location, into: &found)
        case .integer, .number:
            validateNumber(instance, schema: s, at: location, into: &found)
        case .object(let members):
            validateObject(members, schema: s, at: location, depth: depth, into: &found)
        case .array(let elements):
            validateArray(elements, schema: s, at: location, depth: depth, into: &found)
        case .null, .bool:
            break
        }

        if case .array(let schemas)? = s["allOf"] {
            for subschema in schemas {
                validate(instance, against: subschema, at: location, depth: depth + 1, into: &found)
            }
        }
        if case .array(let schemas)? = s["anyOf"] {
            let outcomes = schemas.map { errors(of: instance, against: $0, at: location, depth: depth + 1) }
            if !outcomes.contains(where: \.isEmpty) {
                found.append("\(location): matches none of the anyOf schemas (\(Self.summary(of: outcomes)))")
            }
        }
        if case .array(let schemas)? = s["oneOf"] {
            let outcomes = schemas.map { errors(of: instance, against: $0, at: location, depth: depth + 1) }
            let matches = outcomes.filter(\.isEmpty).count
            if matches == 0 {
                found.append("\(location): matches none of the oneOf schemas (\(Self.summary(of: outcomes)))")
            } else if matches > 1 {
                found.append("\(location): matches \(matches) of the oneOf schemas; exactly one must match")
            }
        }
        if let excluded = s["not"], errors(of: instance, against: excluded, at: location, depth: depth + 1).isEmpty {
            found.append("\(location): \(instance.brief) must not match the schema under 'not'")
        }
        if let condition = s["if"] {
            if errors(of: instance, against: condition, at: location, depth: depth + 1).isEmpty {
                if let thenSchema = s["then"] {
                    validate(instance, against: thenSchema, at: location, depth: depth + 1, into: &found)
                }
            } else if let elseSchema = s["else"] {
                validate(instance, against: elseSchema, at: location, depth: depth + 1, into: &found)
            }
        }
    }

    private func validateString(_ text: String, instance: JSON, schema s: [String: JSON], at location: String,
                                into found: inout [String]) {
        let length = Double(text.unicodeScalars.count)
        if let minimum = s["minLength"]?.numberValue, length < minimum {
            found.append("\(location): \(instance.brief) is shorter than \(Self.text(minimum)) characters")
        }
        if let maximum = s["maxLength"]?.numberValue, length > maximum {
            found.append("\(location): \(instance.brief) is longer than \(Self.text(maximum)) characters")
        }
        if let pattern = s["pattern"]?.stringValue {
            if let matched = Self.search(pattern, in: text) {
                if !matched { found.append("\(location): \(instance.brief) does not match the pattern \(pattern)") }
            } else {
                found.append("\(location): the document's pattern \(pattern) is not a valid regular expression")
            }
        }
        switch s["format"]?.stringValue {
        case .some("date") where !Self.isDate(text):
            found.append("\(location): \(instance.brief) is not a date written as YYYY-MM-DD")
        case .some("date-time") where !Self.isDateTime(text):
            found.append("\(location): \(instance.brief) is not an RFC 3339 date-time")
        default:
            break
        }
    }

    private func validateNumber(_ instance: JSON, schema s: [String: JSON], at location: String,
                                into found: inout [String]) {
        guard let value = instance.numberValue else { return }
        if let minimum = s["minimum"]?.numberValue, value < minimum {
            found.append("\(location): \(instance.brief) is less than the minimum \(Self.text(minimum))")
        }
        if let maximum = s["maximum"]?.numberValue, value > maximum {
            found.append("\(location): \(instance.brief) is more than the maximum \(Self.text(maximum))")
        }
        if let bound = s["exclusiveMinimum"]?.numberValue, value <= bound {
            found.append("\(location): \(instance.brief) must be more than \(Self.text(bound))")
        }
        if let bound = s["exclusiveMaximum"]?.numberValue, value >= bound {
            found.append("\(location): \(instance.brief) must be less than \(Self.text(bound))")
        }
    }

    private func validateObject(_ members: [String: JSON], schema s: [String: JSON], at location: String, depth: Int,
                                into found: inout [String]) {
        if case .array(let names)? = s["required"] {
            for case .string(let name) in names where members[name] == nil {
                found.append("\(location): missing required property '\(name)'")
            }
        }
        let properties = s["properties"]?.objectValue ?? [:]
        let patterns = s["patternProperties"]?.objectValue ?? [:]
        for name in members.keys.sorted() {
            guard let value = members[name] else { continue }
            let here = "\(location).\(name)"
            var described = false
            if let subschema = properties[name] {
                described = true
                validate(value, against: subschema, at: here, depth: depth + 1, into: &found)
            }
            for pattern in patterns.keys.sorted() where Self.search(pattern, in: name) == true {
                described = true
                if let subschema = patterns[pattern] {
                    validate(value, against: subschema, at: here, depth: depth + 1, into: &found)
                }
            }
            if !described, let additional = s["additionalProperties"] {
                if case .bool(false) = additional {
                    found.append("\(location): unexpected property '\(name)'")
                } else {
                    validate(value, against: additional, at: here, depth: depth + 1, into: &found)
                }
            }
        }
    }

    private func validateArray(_ elements: [JSON], schema s: [String: JSON], at location: String, depth: Int,
                               into found: inout [String]) {
        let count = Double(elements.count)
        if let minimum = s["minItems"]?.numberValue, count < minimum {
            found.append("\(location): has \(elements.count) items, fewer than \(Self.text(minimum))")
        }
        if let maximum = s["maxItems"]?.numberValue, count > maximum {
            found.append("\(location): has \(elements.count) items, more than \(Self.text(maximum))")
        }
        var checked = 0
        if case .array(let prefix)? = s["prefixItems"] {
            checked = prefix.count
            for (index, subschema) in prefix.enumerated() where index < elements.count {
                validate(elements[index], against: subschema, at: "\(location)[\(index)]", depth: depth + 1, into: &found)
            }
        }
        if let items = s["items"] {
            for index in elements.indices where index >= checked {
                validate(elements[index], against: items, at: "\(location)[\(index)]", depth: depth + 1, into: &found)
            }
        }
        if case .bool(true)? = s["uniqueItems"], let pair = Self.firstDuplicate(in: elements) {
            found.append("\(location): items \(pair.0) and \(pair.1) are both \(elements[pair.0].brief); items must be unique")
        }
    }

    // MARK: - Helpers

    private static func firstDuplicate(in elements: [JSON]) -> (Int, Int)? {
        for i in elements.indices {
            for j in elements.indices where j > i && elements[i].sameValue(as: elements[j]) {
                return (i, j)
            }
        }
        return nil
    }

    /// The first error of each alternative, for an anyOf/oneOf message.
    private static func summary(of outcomes: [[String]]) -> String {
        outcomes.enumerated().map { index, messages in
            "option \(index + 1): \(messages.first ?? "matches")"
        }.joined(separator: "; ")
    }

    /// "application/problem+json; charset=utf-8" → "application/problem+json".
    static func mediaType(_ contentType: String) -> String {
        let type = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }

    static func isJSON(_ mediaType: String) -> Bool {
        mediaType == "application/json" || mediaType.hasSuffix("+json")
    }

    /// The path of a server URL: "https://host/api/v1/" → "/api/v1", "/api/v1" → "/api/v1".
    static func pathPart(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            guard let slash = rest.firstIndex(of: "/") else { return "" }
            rest = rest[slash...]
        }
        var path = String(rest)
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// Whether `pattern` (an ECMA-262 style regular expression, as JSON Schema uses) matches
    /// somewhere in `text`; nil when the pattern does not compile.
    static func search(_ pattern: String, in text: String) -> Bool? {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return nil }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// A real calendar date written exactly as YYYY-MM-DD (RFC 3339 full-date).
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let dash = UInt8(ascii: "-")
        guard bytes.count == 10, bytes[4] == dash, bytes[7] == dash else { return false }
        var digits: [Int] = []
        for index in [0, 1, 2, 3, 5, 6, 8, 9] {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return false }
            digits.append(Int(byte - UInt8(ascii: "0")))
        }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// An RFC 3339 date-time, like 2026-11-23T10:00:00.000Z.
    static func isDateTime(_ text: String) -> Bool {
        guard let separator = text.firstIndex(where: { $0 == "T" || $0 == "t" }),
              isDate(String(text[..<separator]))
        else { return false }
        let time = String(text[text.index(after: separator)...])
        return search(#"^([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"#,
                      in: time) == true
    }

    /// A number for messages: 200 rather than 200.0.
    static func text(_ value: Double) -> String {
        if value.isFinite, value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
