import Hummingbird
import Logging

/// Logs one line per request: method, path (no query, no headers, no body) and status.
///
/// Queries, headers and bodies stay out of the log: they can carry tokens and passwords (DESIGN §8.15). When the
/// logger's level filters `info` out, the middleware does no work at all: no clock, no formatting.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard context.logger.logLevel <= .info else { return try await next(request, context) }
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.info(
            "\(request.method.rawValue) \(SCIMError.excerpt(request.uri.path, limit: 200)) \(response.status.code)",
            metadata: ["duration_ms": "\((milliseconds * 10).rounded() / 10)"])
        return response
    }
}
