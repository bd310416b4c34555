import CCurl
import Foundation
import SCIMCheckHTTP

extension TransportError {
    /// Maps a failed libcurl transfer to a transport error whose message says what happened and what to do.
    ///
    /// `connected` tells a connect timeout from a total timeout. The partial `exchange` is attached as evidence.
    static func curl(
        _ code: CURLcode, request: HTTPRequest, options: TransportOptions, state: TransferState, exchange: Exchange,
        connected: Bool
    ) -> TransportError {
        let reason = state.errorText ?? String(cString: curl_easy_strerror(code))
        let detail = "\(reason) (curl error \(code.rawValue))"
        let target = "\(request.method) \(request.url)"
        let endpoint = Self.endpoint(of: request.url)

        if state.cancellation.isCancelled {
            return TransportError(
                .cancelled, "\(target) was abandoned because the calling task was cancelled",
                exchange: exchange)
        }
        if state.exceededLimit || code == CURLE_FILESIZE_EXCEEDED {
            return TransportError(
                .responseTooLarge,
                "the response to \(target) is larger than the limit of \(options.maxResponseBytes) bytes; "
                    + "raise the response size limit if the server legitimately sends bodies this large",
                exchange: exchange)
        }
        switch code {
        case CURLE_PARTIAL_FILE:
            return TransportError(
                .truncatedResponse,
                "the connection closed before the response to \(target) was complete "
                    + "(\(state.body.count) body bytes arrived): \(detail). The server announced more "
                    + "than it sent; check its Content-Length or chunked encoding",
                exchange: exchange)
        case CURLE_OPERATION_TIMEDOUT:
            if connected {
                return TransportError(
                    .timedOut,
                    "no complete response to \(target) within the total timeout of "
                        + "\(options.totalTimeoutMilliseconds) ms: \(detail). The server may be hung; "
                        + "raise the total timeout if it is merely slow",
                    exchange: exchange)
            }
            if reason.contains("SSL") {
                return TransportError(
                    .timedOut,
                    "the TLS handshake with \(endpoint) did not finish within the connect timeout of "
                        + "\(options.connectTimeoutMilliseconds) ms: \(detail). Check that this port speaks HTTPS, "
                        + "not plain HTTP",
                    exchange: exchange)
            }
            return TransportError(
                .timedOut,
                "could not connect to \(endpoint) within the connect timeout of "
                    + "\(options.connectTimeoutMilliseconds) ms: \(detail). Check that the host is reachable "
                    + "from here (firewall, VPN) and that the port is right",
                exchange: exchange)
        case CURLE_COULDNT_CONNECT:
            return TransportError(
                .couldNotConnect,
                "could not connect to \(endpoint): \(detail). Check that the server is running and that the "
                    + "URL's host and port are right",
                exchange: exchange)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return TransportError(
                .couldNotResolve,
                "could not resolve the host of \(request.url): \(detail). Check the host name in the URL "
                    + "and this machine's DNS",
                exchange: exchange)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CRL_BADFILE,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_SHUTDOWN_FAILED,
            CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            return TransportError(
                .tls,
                "TLS with \(endpoint) failed: \(detail). If the server's certificate is signed by a private "
                    + "CA, pass that CA with --cacert; --insecure skips verification (for testing only)",
                exchange: exchange)
        case CURLE_GOT_NOTHING:
            return TransportError(
                .protocolError,
                "the server closed the connection without replying to \(target): \(detail). Check the "
                    + "server's logs; it may have crashed or rejected the request before answering",
                exchange: exchange)
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR:
            return TransportError(
                .other,
                "the connection to \(endpoint) failed during \(target): \(detail). The server or something "
                    + "in between closed or reset it; check the server's logs",
                exchange: exchange)
        case CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP2, CURLE_HTTP2_STREAM,
            CURLE_BAD_CONTENT_ENCODING, CURLE_UNSUPPORTED_PROTOCOL, CURLE_RANGE_ERROR:
            return TransportError(
                .protocolError,
                "the reply to \(target) is not valid HTTP/1.1: \(detail). The server (or something in front "
                    + "of it) spoke something other than HTTP on this port",
                exchange: exchange)
        case CURLE_URL_MALFORMAT:
            return TransportError(
                .invalidURL, "libcurl cannot use the URL '\(request.url)': \(detail)", exchange: exchange)
        default:
            return TransportError(.other, "\(target) failed: \(detail)", exchange: exchange)
        }
    }

    /// `host:port` of `url` for messages, or the URL itself when it does not parse.
    private static func endpoint(of url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return url }
        let port = components.port ?? (components.scheme?.lowercased() == "http" ? 80 : 443)
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
