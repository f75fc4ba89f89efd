import Vapor
import WaymarkCore
import WaymarkStore

/// An RFC 9457 problem document with the field-level errors Waymark adds.
struct Problem: Content {
    let type: String
    let title: String
    let status: Int
    let detail: String?
    let errors: [FieldError]?

    static func response(status: HTTPStatus, title: String, detail: String?, errors: [FieldError]? = nil,
                         headers: HTTPHeaders = [:]) -> Response {
        let problem = Problem(type: "about:blank", title: title, status: Int(status.code), detail: detail, errors: errors)
        var headers = headers
        headers.contentType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
        let body = (try? JSONEncoder().encode(problem)) ?? Data()
        return Response(status: status, headers: headers, body: .init(data: body))
    }
}

/// Turns every error into a problem document (API) or a readable page (everything else),
/// and logs server faults without request details that could hold personal data.
struct WaymarkErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, title, detail, fields, headers) = describe(error)
            if status.code >= 500 {
                request.logger.error("Unhandled error on \(request.route?.description ?? "unrouted"): \(String(reflecting: type(of: error)))")
            }
            if request.isAPI {
                return Problem.response(status: status, title: title, detail: detail, errors: fields, headers: headers)
            }
            return ErrorPage.response(status: status, detail: detail, request: request)
        }
    }

    private func describe(_ error: any Error) -> (HTTPStatus, String, String?, [FieldError]?, HTTPHeaders) {
        switch error {
        case let failure as ValidationFailure:
            return (.unprocessableEntity, "Invalid input", "Check the fields listed in errors", failure.errors, [:])
        case let conflict as VersionConflict:
            return (.conflict, "Stale version",
                    "This record was changed by someone else (now version \(conflict.current)); fetch it again and reapply your change",
                    nil, [:])
        case let refusal as RecordRestricted:
            return (.conflict, "Record restricted",
                    refusal.anonymised
                        ? "This person's record was anonymised under the retention policy: it can no longer be changed."
                        : "This person's record is restricted while a dispute about it is resolved: it can be read but not changed. Ask your data protection officer.",
                    nil, [:])
        case let decoding as DecodingError:
            return (.unprocessableEntity, "Invalid input", "The request body could not be read",
                    [FieldError(Self.path(of: decoding), Self.message(of: decoding))], [:])
        case let abort as any AbortError:
            let title = abort.status.reasonPhrase
            let detail: String? = abort.status.code >= 500 ? nil : abort.reason
            return (abort.status, title, detail, nil, abort.headers)
        default:
            return (.internalServerError, "Internal Server Error", nil, nil, [:])
        }
    }

    static func path(of error: DecodingError) -> String {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): path = c.codingPath
        case .keyNotFound(let key, let c): path = c.codingPath + [key]
        @unknown default: path = []
        }
        return path.map(\.stringValue).joined(separator: ".").nonEmpty ?? "body"
    }

    static func message(of error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _): "Must be of type \(type)"
        case .valueNotFound: "Must not be null"
        case .keyNotFound: "Is required"
        case .dataCorrupted(let c): c.debugDescription
        @unknown default: "Is invalid"
        }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
