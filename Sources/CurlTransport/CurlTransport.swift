import CCurl
import Dispatch
import SCIMCheckHTTP

/// A ``Transport`` that sends requests with libcurl and records exactly what crossed the wire.
///
/// Each request runs `curl_easy_perform` on the transport's own dispatch queue, never on the cooperative
/// thread pool, and records the request head and body as libcurl wrote them, the raw status and header
/// lines of the final response, the body, timings and connection facts. Easy handles are pooled, so
/// sequential requests to one server reuse its keep-alive connection, as Okta's client does.
///
/// Behaviour a conformance client needs, whatever the environment:
/// - HTTP/1.1 only; redirects are returned, not followed; proxy environment variables are ignored.
/// - The URL is sent as given (no re-encoding, no dot-segment removal).
/// - A body without a `Content-Type` field is sent as `application/scim+json; charset=utf-8`.
/// - libcurl's own `Expect: 100-continue`, `Accept: */*` and `Accept-Encoding` are never added; fields the
///   caller sets are sent as given, in order.
/// - ``TargetPolicy`` is enforced before any network I/O.
/// - Cancelling the calling task aborts the transfer within about a second, with code `cancelled`.
public final class CurlTransport: Transport {
    /// The timeouts, limits and TLS verification every request uses.
    public let options: TransportOptions

    private let pool = HandlePool(capacity: 8)
    private let queue = DispatchQueue(label: "scimcheck.curl-transport", qos: .userInitiated, attributes: .concurrent)

    /// `curl_global_init`, run once per process before the first handle is made.
    private static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    /// The linked libcurl and its TLS and compression libraries, such as `libcurl/7.88.1 OpenSSL/3.0.17 zlib/1.2.13`.
    public static var libcurlVersion: String {
        String(cString: curl_version())
    }

    /// Creates a transport that sends every request with `options`.
    public init(options: TransportOptions = TransportOptions()) {
        self.options = options
        _ = Self.globalInit
    }

    /// Sends `request` and returns what crossed the wire.
    ///
    /// - Throws: ``TransportError``. Codes `invalidURL` and `insecureURL` come from ``TargetPolicy`` before
    ///   any I/O; every error raised after the transfer started carries the partial ``Exchange``.
    public func send(_ request: HTTPRequest) async throws(TransportError) -> Exchange {
        try TargetPolicy.check(request.url, allowHTTP: options.allowHTTP)
        guard Self.globalInit == CURLE_OK else {
            throw TransportError(
                .other,
                "libcurl failed to initialise (curl error \(Self.globalInit.rawValue)): "
                    + String(cString: curl_easy_strerror(Self.globalInit)))
        }
        guard !Task.isCancelled else {
            throw TransportError(.cancelled, "\(request.method) \(request.url) was not sent: the task was cancelled")
        }
        let transfer = Transfer(request: request, options: options, cancellation: CancellationFlag())
        let pool = self.pool
        let queue = self.queue
        let result: Result<Exchange, TransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async {
                    continuation.resume(returning: transfer.run(using: pool))
                }
            }
        } onCancel: {
            transfer.cancellation.cancel()
        }
        return try result.get()
    }
}
