import Vapor
import WaymarkCore
import WaymarkStore

/// The one form-redisplay helper: runs a submission, and when the input is refused shows the
/// same form again with what was typed and every error marked (422), or with a note that
/// someone else changed the record meanwhile (409).
enum FormSubmission {
    static let conflictMessage = "Someone else changed this while you were editing it. Check the details, then save again."

    /// `conflictField` is where the conflict message goes; nil leaves a stale version to the error
    /// page (409), for forms that carry no version.
    static func handle(_ state: FormState, conflictField: String?,
                       redisplay: (FormState, HTTPStatus) async throws -> Response,
                       _ submit: () async throws -> Response) async throws -> Response {
        do {
            return try await submit()
        } catch let failure as ValidationFailure {
            var state = state
            state.errors = failure.errors
            return try await redisplay(state, .unprocessableEntity)
        } catch let conflict as VersionConflict {
            guard let conflictField else { throw conflict }
            var state = state
            state.errors = [FieldError(conflictField, conflictMessage)]
            return try await redisplay(state, .conflict)
        }
    }
}
