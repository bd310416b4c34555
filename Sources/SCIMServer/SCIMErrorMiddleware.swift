import Hummingbird
import Logging

/// Turns every error that reaches the app into a SCIM error response (RFC 7644 §3.12, checklist ERR-01 to ERR-04).
///
/// Hummingbird's own errors (no route, body too large) arrive as `HTTPError` or `HTTPResponseError` and get a
/// SCIM body too (DESIGN §8.17). Anything else is a 500 whose detail reveals nothing internal (SEC-12); the
/// error itself is logged. HEAD responses lose their body.
struct SCIMErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as SCIMError {
            response = error.rendered()
        } catch let error as HTTPError {
            let scimError = Self.convert(status: error.status, message: error.body, request: request)
            var headers = error.headers
            headers[.contentType] = nil
            headers[.contentLength] = nil
            response = scimError.rendered(headers: headers)
        } catch let error as any HTTPResponseError {
            let scimError = Self.convert(status: error.status, message: nil, request: request)
            response = scimError.rendered(headers: [:])
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            context.logger.error(
                "Unexpected error while handling a request",
                metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            let scimError = SCIMError(.internalServerError, detail: "the server failed to handle the request")
            response = scimError.rendered(headers: [:])
        }
        return request.method == .head ? response.createHeadResponse() : response
    }

    /// A SCIM error for a status Hummingbird produced, with a detail that says what happened.
    static func convert(status: HTTPResponse.Status, message: String?, request: Request) -> SCIMError {
        switch status {
        case .notFound:
            return SCIMError(.notFound, detail: "there is no endpoint at \(SCIMError.excerpt(request.uri.path))")
        case .contentTooLarge:
            return SCIMError(.contentTooLarge, detail: "the request body is too large")
        default:
            let code = status.code < 400 || status.code > 599 ? HTTPResponse.Status.internalServerError : status
            return SCIMError(code, detail: message ?? (code.reasonPhrase.isEmpty ? "error" : code.reasonPhrase))
        }
    }
}
