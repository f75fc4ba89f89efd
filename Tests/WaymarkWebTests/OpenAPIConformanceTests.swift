import Foundation
import Testing

/// The checker that the API tests rely on, tested on its own with a tiny document: a checker
/// that passes everything would make every API conformance test meaningless.
@Suite("OpenAPI conformance checker")
struct OpenAPIConformanceTests {
    static let document = """
    {
      "openapi": "3.1.0",
      "info": {"title": "Tiny", "version": "1"},
      "servers": [{"url": "/api/v1"}],
      "paths": {
        "/things": {
          "get": {
            "responses": {
              "200": {"description": "A page", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ThingList"}}}}
            }
          },
          "post": {
            "responses": {
              "204": {"description": "No body"}
            }
          }
        },
        "/things/{thingId}": {
          "get": {
            "responses": {
              "200": {"description": "A thing", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
              "404": {"$ref": "#/components/responses/NotFound"}
            }
          }
        },
        "/things/special": {
          "get": {"responses": {"200": {"description": "A literal path"}}}
        },
        "/choices": {
          "get": {
            "responses": {
              "200": {"description": "Alternatives", "content": {"application/json": {"schema": {
                "type": "object",
                "properties": {
                  "either": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                  "maybeDate": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]},
                  "access": {"type": "string", "enum": ["full", "summary"]},
                  "secret": {"type": "string"}
                },
                "if": {"required": ["access"], "properties": {"access": {"const": "summary"}}},
                "then": {"properties": {"secret": false}}
              }}}}
            }
          }
        }
      },
      "components": {
        "responses": {
          "NotFound": {"description": "Not found", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        },
        "schemas": {
          "Thing": {
            "type": "object",
            "additionalProperties": false,
            "required": ["id", "count", "kind"],
            "properties": {
              "id": {"type": "string"},
              "count": {"type": "integer", "minimum": 0, "maximum": 10},
              "kind": {"type": "string", "enum": ["small", "large"]},
              "due": {"type": ["string", "null"], "format": "date"},
              "weight": {"type": "number"},
              "tags": {"type": "array", "items": {"type": "string"}}
            }
          },
          "ThingList": {
            "type": "object",
            "additionalProperties": false,
            "required": ["items", "next"],
            "properties": {
              "items": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
              "next": {"type": ["string", "null"]}
            }
          },
          "Problem": {
            "type": "object",
            "required": ["title", "status"],
            "properties": {"title": {"type": "string"}, "status": {"type": "integer"}}
          }
        }
      }
    }
    """

    let checker: OpenAPIConformance

    init() throws {
        checker = try OpenAPIConformance(documentJSON: Data(Self.document.utf8))
    }

    func check(_ body: String, path: String = "/things/{thingId}", method: String = "get", status: Int = 200,
               contentType: String = "application/json; charset=utf-8") -> [String] {
        checker.violations(path: path, method: method, status: status, contentType: contentType, body: Data(body.utf8))
    }

    func mentions(_ violations: [String], _ text: String) -> Bool {
        violations.contains(where: { $0.contains(text) })
    }

    // MARK: Conforming responses pass

    @Test func conformingBodyPasses() {
        let violations = check(#"{"id": "t1", "count": 3, "kind": "small", "due": "2024-02-29", "weight": 2, "tags": ["a", "b"]}"#)
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func optionalPropertiesMayBeAbsentOrNull() {
        #expect(check(#"{"id": "t1", "count": 0, "kind": "large"}"#).isEmpty)
        #expect(check(#"{"id": "t1", "count": 10, "kind": "large", "due": null}"#).isEmpty)
    }

    @Test func listWithReferencedItemsPasses() {
        let violations = check(#"{"items": [{"id": "t1", "count": 1, "kind": "small"}], "next": null}"#, path: "/things")
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func referencedProblemResponseWithParametersInContentTypePasses() {
        let violations = check(#"{"title": "Not Found", "status": 404}"#, status: 404,
                               contentType: "application/problem+json; charset=utf-8")
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func emptyBodyOfABodilessResponsePasses() {
        #expect(check("", path: "/things", method: "post", status: 204, contentType: "").isEmpty)
    }

    // MARK: Each kind of drift is caught

    @Test func missingRequiredPropertyIsAViolation() {
        let violations = check(#"{"id": "t1", "count": 3}"#)
        #expect(violations.count == 1, "\(violations)")
        #expect(mentions(violations, "missing required property 'kind'"), "\(violations)")
    }

    @Test func wrongTypeIsAViolation() {
        let violations = check(#"{"id": "t1", "count": "3", "kind": "small"}"#)
        #expect(violations.count == 1, "\(violations)")
        #expect(mentions(violations, "body.count: expected integer"), "\(violations)")
    }

    @Test func nullWhereTheTypeDoesNotAllowItIsAViolation() {
        let violations = check(#"{"id": null, "count": 3, "kind": "small"}"#)
        #expect(mentions(violations, "body.id: expected string, found null"), "\(violations)")
    }

    @Test func integerMustBeWholeAndNotABoolean() {
        #expect(mentions(check(#"{"id": "t1", "count": 1.5, "kind": "small"}"#), "expected integer"))
        #expect(mentions(check(#"{"id": "t1", "count": true, "kind": "small"}"#), "expected integer, found boolean"))
        #expect(mentions(check(#"{"id": "t1", "count": 1, "kind": "small", "weight": false}"#), "expected number"))
        #expect(check(#"{"id": "t1", "count": 1, "kind": "small", "weight": 0.5}"#).isEmpty)
    }

    @Test func extraPropertyIsAViolation() {
        let violations = check(#"{"id": "t1", "count": 3, "kind": "small", "colour": "red"}"#)
        #expect(violations.count == 1, "\(violations)")
        #expect(mentions(violations, "unexpected property 'colour'"), "\(violations)")
    }

    @Test func badEnumValueIsAViolation() {
        let violations = check(#"{"id": "t1", "count": 3, "kind": "medium"}"#)
        #expect(violations.count == 1, "\(violations)")
        #expect(mentions(violations, #"body.kind: "medium" is not one of"#), "\(violations)")
    }

    @Test func undocumentedStatusIsAViolation() {
        let violations = check(#"{"title": "Oops", "status": 500}"#, status: 500)
        #expect(violations.count == 1, "\(violations)")
        #expect(mentions(violations, "status 500 is not documented"), "\(violations)")
    }

    @Test func undocumentedPathOrMethodIsAViolation() {
        #expect(mentions(check("{}", path: "/widgets"), "the path is not in the document"))
        #expect(mentions(check("{}", method: "delete"), "the method is not documented"))
    }

    @Test func undocumentedContentTypeIsAViolation() {
        let violations = check("<p>Hello</p>", contentType: "text/html")
        #expect(mentions(violations, "content type 'text/html' is not documented"), "\(violations)")
    }

    @Test func bodyThatIsNotJSONIsAViolation() {
        #expect(mentions(check("{not json"), "not valid JSON"))
        #expect(mentions(check(""), "not valid JSON"))
    }

    @Test func bodyOnABodilessResponseIsAViolation() {
        let violations = check("{}", path: "/things", method: "post", status: 204)
        #expect(mentions(violations, "describes no body"), "\(violations)")
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "2024-1-01", "24-01-01", "2024-01-01T00:00:00Z", "01/02/2024"])
    func malformedDateIsAViolation(date: String) {
        let violations = check(#"{"id": "t1", "count": 3, "kind": "small", "due": "\#(date)"}"#)
        #expect(mentions(violations, "is not a date written as YYYY-MM-DD"), "\(violations)")
    }

    @Test func numbersOutsideMinimumAndMaximumAreViolations() {
        #expect(mentions(check(#"{"id": "t1", "count": 11, "kind": "small"}"#), "more than the maximum 10"))
        #expect(mentions(check(#"{"id": "t1", "count": -1, "kind": "small"}"#), "less than the minimum 0"))
    }

    @Test func violationsInListItemsNameTheItem() {
        let body = #"{"items": [{"id": "t1", "count": 1, "kind": "small"}, {"id": "t2", "count": 1, "kind": "huge"}], "next": null}"#
        let violations = check(body, path: "/things")
        #expect(violations.count == 1, "\(violations)")
        #expect(mentions(violations, "body.items[1].kind"), "\(violations)")
    }

    @Test func missingListCursorIsAViolation() {
        let violations = check(#"{"items": []}"#, path: "/things")
        #expect(mentions(violations, "missing required property 'next'"), "\(violations)")
    }

    @Test func oneOfAndAnyOfAreChecked() {
        #expect(check(#"{"either": "x", "maybeDate": null}"#, path: "/choices").isEmpty)
        #expect(check(#"{"either": 3, "maybeDate": "2026-11-23"}"#, path: "/choices").isEmpty)
        #expect(mentions(check(#"{"either": true}"#, path: "/choices"), "matches none of the oneOf schemas"))
        #expect(mentions(check(#"{"maybeDate": "soon"}"#, path: "/choices"), "matches none of the anyOf schemas"))
    }

    @Test func ifThenElseIsChecked() {
        #expect(check(#"{"access": "full", "secret": "s"}"#, path: "/choices").isEmpty)
        #expect(check(#"{"access": "summary"}"#, path: "/choices").isEmpty)
        #expect(mentions(check(#"{"access": "summary", "secret": "s"}"#, path: "/choices"), "body.secret: no value is allowed"))
    }

    // MARK: Helpers for the API tests

    @Test func requestPathsMapToTheirTemplates() {
        #expect(checker.template(matching: "/api/v1/things/42") == "/things/{thingId}")
        #expect(checker.template(matching: "/api/v1/things?limit=5") == "/things")
        #expect(checker.template(matching: "/api/v1/things/special") == "/things/special")
        #expect(checker.template(matching: "/api/v1/widgets/1") == nil)
    }

    @Test func documentThatIsNotJSONOrHasNoPathsIsRefused() {
        #expect(throws: (any Error).self) { try OpenAPIConformance(documentJSON: Data("openapi: 3.1.0".utf8)) }
        #expect(throws: (any Error).self) { try OpenAPIConformance(documentJSON: Data(#"{"openapi": "3.1.0"}"#.utf8)) }
    }
}
