import CCurl
import Foundation
import SCIMCheckHTTP

/// One request's trip through libcurl: configure a pooled handle, perform, and record the ``Exchange``.
///
/// `run(using:)` blocks its thread for the whole transfer, so ``CurlTransport`` calls it on its own
/// dispatch queue, never on the cooperative pool.
struct Transfer: Sendable {
    /// The `Content-Type` sent with a body when the request names none.
    static let defaultContentType = "application/scim+json; charset=utf-8"

    /// The request to send.
    let request: HTTPRequest
    /// Timeouts, limits and TLS verification.
    let options: TransportOptions
    /// Raised when the calling task is cancelled.
    let cancellation: CancellationFlag

    /// Sends the request on a handle from `pool`, returning the handle to the pool afterwards.
    func run(using pool: HandlePool) -> Result<Exchange, TransportError> {
        guard let handle = pool.take() else {
            return .failure(
                TransportError(
                    .other, "libcurl could not create an easy handle (out of memory?)",
                    exchange: Exchange(request: request)))
        }
        let result = perform(on: handle)
        pool.put(handle)
        return result
    }

    private func perform(on handle: borrowing EasyHandle) -> Result<Exchange, TransportError> {
        let startedAt = Date()
        let state = TransferState(maxResponseBytes: options.maxResponseBytes, cancellation: cancellation)
        let context = Unmanaged.passRetained(state)
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        defer {
            // Clear every pointer the handle holds into this transfer before freeing what they point to.
            handle.reset()
            curl_slist_free_all(headerList)
            context.release()
        }
        do {
            headerList = try Self.makeHeaderList(Self.headerLines(for: request))
            try configure(handle, context: context.toOpaque(), state: state, headerList: headerList)
        } catch {
            return .failure(
                TransportError(error.code, error.message, exchange: Exchange(request: request, startedAt: startedAt)))
        }
        let code = handle.perform()
        let exchange = record(handle, state: state, startedAt: startedAt)
        if code == CURLE_OK {
            guard exchange.response != nil else {
                return .failure(
                    TransportError(
                        .protocolError, "\(request.method) \(request.url) completed without an HTTP status line",
                        exchange: exchange))
            }
            return .success(exchange)
        }
        let connected = handle.get(.connectTime).map { $0 > 0 } ?? false || exchange.connection.reused
        return .failure(
            TransportError.curl(
                code, request: request, options: options, state: state, exchange: exchange,
                connected: connected))
    }

    // MARK: Configuration

    private func configure(
        _ handle: borrowing EasyHandle, context: UnsafeMutableRawPointer, state: TransferState,
        headerList: UnsafeMutablePointer<curl_slist>?
    ) throws(TransportError) {
        try handle.set(.noSignal, 1)
        try handle.set(.url, request.url)
        try handle.set(.pathAsIs, 1)
        try handle.set(.followLocation, 0)
        try handle.set(.httpVersion, CURL_HTTP_VERSION_1_1)
        // Ignore http_proxy, https_proxy and friends: the target is the target.
        try handle.set(.proxy, "")
        try handle.set(.noProxy, "*")
        try handle.set(.connectTimeoutMilliseconds, max(1, options.connectTimeoutMilliseconds))
        try handle.set(.timeoutMilliseconds, max(1, options.totalTimeoutMilliseconds))
        try configureTLS(handle)
        try configureMethodAndBody(handle)
        try handle.set(.httpHeader, headerList)
        if let encodings = request.headers.first(named: "Accept-Encoding") {
            // The caller's header line is sent as it is (a custom Accept-Encoding replaces libcurl's own);
            // naming the same codings here makes libcurl decode the body they announce.
            try handle.set(.acceptEncoding, encodings)
        }
        try handle.set(.errorBuffer, UnsafeMutableRawPointer(state.errorBuffer))

        try handle.set(.writeData, context)
        try handle.set(.writeFunction) { data, size, count, context in
            guard let context else { return 0 }
            let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
            return state.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
        }
        try handle.set(.headerData, context)
        try handle.set(.headerFunction) { data, size, count, context in
            guard let context else { return 0 }
            let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
            return state.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
        }
        try handle.set(.verbose, 1)
        try handle.set(.debugData, context)
        try handle.setDebugFunction { _, type, data, size, context in
            guard let context else { return 0 }
            let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
            state.receiveDebug(type, UnsafeRawBufferPointer(start: data, count: size))
            return 0
        }
        try handle.set(.noProgress, 0)
        try handle.set(.transferInfoData, context)
        try handle.setTransferInfoFunction { context, _, _, _, _ in
            guard let context else { return 0 }
            return Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue().shouldAbort() ? 1 : 0
        }
    }

    private func configureTLS(_ handle: borrowing EasyHandle) throws(TransportError) {
        switch options.tlsVerification {
        case .system:
            try handle.set(.sslVerifyPeer, 1)
            try handle.set(.sslVerifyHost, 2)
        case .caCertificates(let path):
            try handle.set(.sslVerifyPeer, 1)
            try handle.set(.sslVerifyHost, 2)
            try handle.set(.caInfo, path)
            // Trust the given file only, not also the system's certificate directory.
            try handle.set(.caPath, nil)
        case .disabled:
            try handle.set(.sslVerifyPeer, 0)
            try handle.set(.sslVerifyHost, 0)
        }
    }

    private func configureMethodAndBody(_ handle: borrowing EasyHandle) throws(TransportError) {
        switch (request.method, request.body) {
        case ("GET", nil):
            try handle.set(.httpGet, 1)
        case ("HEAD", _):
            // HEAD never carries a body; NOBODY also tells libcurl not to wait for one.
            try handle.set(.noBody, 1)
        case ("POST", let body):
            try handle.setBody(body?.bytes ?? [])
        case (let method, nil):
            try handle.set(.customRequest, method)
        case (let method, let body?):
            try handle.set(.customRequest, method)
            try handle.setBody(body.bytes)
        }
        if request.method != "HEAD" {
            // Refuse an announced Content-Length over the limit before any body arrives; the write callback
            // enforces the limit for bodies of unannounced length. (A HEAD response announces a length it
            // never sends, so it is exempt.)
            try handle.set(.maxFileSizeLarge, Int64(max(0, options.maxResponseBytes)))
        }
    }

    /// The header lines handed to libcurl: the caller's fields in order, then the kit's defaults.
    ///
    /// An empty value is written `Name;` (libcurl's spelling for "send this header empty"). Unless the caller
    /// set them: a body gets `Content-Type: application/scim+json; charset=utf-8`; a POST without a body gets
    /// no `Content-Type` at all (not libcurl's form type); `Expect:` is sent empty so libcurl never waits for
    /// `100 Continue`; libcurl's default `Accept: */*` is removed, so only the caller's fields, `Host` and
    /// `Content-Length` are sent.
    static func headerLines(for request: HTTPRequest) -> [String] {
        var lines = request.headers.map { $0.value.isEmpty ? "\($0.name);" : "\($0.name): \($0.value)" }
        let isHead = request.method == "HEAD"
        if request.headers.first(named: "Content-Type") == nil, !isHead {
            if request.body != nil {
                lines.append("Content-Type: \(defaultContentType)")
            } else if request.method == "POST" {
                lines.append("Content-Type:")
            }
        }
        if request.headers.first(named: "Expect") == nil {
            lines.append("Expect:")
        }
        if request.headers.first(named: "Accept") == nil {
            lines.append("Accept:")
        }
        return lines
    }

    private static func makeHeaderList(_ lines: [String]) throws(TransportError) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for line in lines {
            guard let appended = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                throw TransportError(.other, "libcurl could not build the header list (out of memory?)")
            }
            list = appended
        }
        return list
    }

    // MARK: Recording

    private func record(_ handle: borrowing EasyHandle, state: TransferState, startedAt: Date) -> Exchange {
        let sent = state.sentRequest
        let reused = sent != nil && handle.get(.numberOfConnects) == 0
        var timings = Timings(
            nameLookup: handle.get(.nameLookupTime) ?? 0,
            connect: handle.get(.connectTime) ?? 0,
            tls: handle.get(.appConnectTime) ?? 0,
            firstByte: handle.get(.startTransferTime) ?? 0,
            total: handle.get(.totalTime) ?? 0)
        if reused {
            timings.connect = 0
            timings.tls = 0
        }
        let address = handle.get(.primaryIP).flatMap { $0.isEmpty ? nil : $0 }
        let port = handle.get(.primaryPort).flatMap { $0 == 0 ? nil : $0 }
        let connection = ConnectionInfo(
            reused: reused, httpVersion: Self.httpVersion(handle.get(.httpVersion) ?? 0), remoteAddress: address,
            remotePort: port)
        var response: HTTPResponse?
        if let statusLine = state.statusLine {
            let status = handle.get(.responseCode).flatMap { $0 == 0 ? nil : $0 } ?? Self.status(in: statusLine)
            response = HTTPResponse(
                statusLine: statusLine, status: status, headerLines: state.headerLines, body: Body(state.body))
        }
        return Exchange(
            request: request, sent: sent, response: response, timings: timings, connection: connection,
            startedAt: startedAt)
    }

    private static func httpVersion(_ code: Int) -> String? {
        switch code {
        case CURL_HTTP_VERSION_1_0: "1.0"
        case CURL_HTTP_VERSION_1_1: "1.1"
        case CURL_HTTP_VERSION_2_0: "2"
        case CURL_HTTP_VERSION_3: "3"
        default: nil
        }
    }

    private static func status(in statusLine: String) -> Int {
        let fields = statusLine.split(separator: " ", maxSplits: 2)
        return fields.count > 1 ? Int(fields[1]) ?? 0 : 0
    }
}
