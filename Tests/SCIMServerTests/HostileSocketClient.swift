import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What came back for one raw request: a complete response, a connection closed without one, or nothing in time.
enum HostileOutcome: Sendable, CustomStringConvertible {
    /// A complete response (after any 1xx interim responses).
    case response(status: Int, headers: [String: String], body: [UInt8])
    /// The server closed or reset the connection before a complete response.
    case closed(received: Int)
    /// No complete response within the deadline.
    case timedOut(received: Int)

    var description: String {
        switch self {
        case .response(let status, _, let body):
            "\(status) \(String(decoding: body.prefix(300), as: UTF8.self))"
        case .closed(let received): "connection closed after \(received) response bytes"
        case .timedOut(let received): "no complete response in time (\(received) bytes)"
        }
    }
}

/// A raw HTTP/1.1 client over a loopback TCP socket, for requests no HTTP library would send.
///
/// It writes the request bytes exactly as given while reading whatever comes back (a server may answer 413 before
/// the body is sent), stops at the first complete final response, and gives up at a deadline, so a server that
/// hangs shows as ``HostileOutcome/timedOut(received:)`` instead of hanging the test. Sockets are blocking-free
/// (`poll`), and the work runs on its own dispatch queue, off Swift's cooperative pool that the server needs.
struct HostileSocketClient: Sendable {
    /// The loopback port of the server.
    var port: Int
    /// How long one request may take.
    var timeout: Duration

    private static let queue = DispatchQueue(label: "scimcheck.tests.hostile-socket", attributes: .concurrent)

    /// Sends `request` and waits for the outcome; `halfClose` shuts the write side once everything is sent.
    func send(_ request: [UInt8], halfClose: Bool = false) async -> HostileOutcome {
        let port = port
        let deadline = ContinuousClock.now + timeout
        return await withCheckedContinuation { continuation in
            Self.queue.async {
                continuation.resume(
                    returning: Self.exchange(request, port: port, halfClose: halfClose, deadline: deadline))
            }
        }
    }

    private static func exchange(
        _ request: [UInt8], port: Int, halfClose: Bool, deadline: ContinuousClock.Instant
    ) -> HostileOutcome {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return .closed(received: 0) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return .closed(received: 0) }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)

        var sent = 0
        var writing = !request.isEmpty
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if let outcome = parse(received) { return outcome }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return .timedOut(received: received.count) }
            var events = Int16(POLLIN)
            if writing { events |= Int16(POLLOUT) }
            var poller = pollfd(fd: descriptor, events: events, revents: 0)
            let milliseconds = Int32(min(remaining.components.seconds * 1000 + 1, 1000))
            guard poll(&poller, 1, milliseconds) >= 0 else { return .closed(received: received.count) }
            if writing, poller.revents & Int16(POLLOUT) != 0 {
                let count = request.withUnsafeBytes { bytes in
                    bytes.baseAddress.map {
                        Glibc.send(descriptor, $0 + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                    } ?? 0
                }
                if count > 0 { sent += count }
                if count < 0, errno != EAGAIN, errno != EWOULDBLOCK { writing = false }  // refused mid-body
                if sent == request.count {
                    writing = false
                    if halfClose { shutdown(descriptor, Int32(SHUT_WR)) }
                }
            }
            if poller.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                let count = recv(descriptor, &buffer, buffer.count, 0)
                if count > 0 {
                    received.append(contentsOf: buffer[0..<count])
                } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) {
                    return parse(received, atEnd: true) ?? .closed(received: received.count)
                }
            }
        }
    }

    /// The final response in `bytes`, if complete; `atEnd` completes a response delimited by the close.
    static func parse(_ bytes: [UInt8], atEnd: Bool = false) -> HostileOutcome? {
        var start = 0
        while true {
            guard let headEnd = find([13, 10, 13, 10], in: bytes, from: start) else { return nil }
            let head = String(decoding: bytes[start..<headEnd], as: UTF8.self)
            let lines = head.components(separatedBy: "\r\n")
            let statusParts = lines[0].split(separator: " ", maxSplits: 2)
            guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"), let status = Int(statusParts[1]) else {
                return atEnd ? .closed(received: bytes.count) : nil
            }
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let name = line[..<colon].lowercased()
                headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let bodyStart = headEnd + 4
            if (100..<200).contains(status) {
                start = bodyStart
                continue
            }
            if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
                guard let body = dechunk(bytes, from: bodyStart) else { return nil }
                return .response(status: status, headers: headers, body: body)
            }
            if let length = headers["content-length"].flatMap({ Int($0) }) {
                guard bytes.count - bodyStart >= length else { return nil }
                return .response(status: status, headers: headers, body: Array(bytes[bodyStart..<bodyStart + length]))
            }
            if status == 204 || status == 304 || atEnd {
                return .response(status: status, headers: headers, body: Array(bytes[bodyStart...]))
            }
            return nil
        }
    }

    private static func dechunk(_ bytes: [UInt8], from offset: Int) -> [UInt8]? {
        var body: [UInt8] = []
        var index = offset
        while true {
            guard let lineEnd = find([13, 10], in: bytes, from: index),
                let size = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self), radix: 16)
            else { return nil }
            let dataStart = lineEnd + 2
            if size == 0 { return body }
            guard bytes.count >= dataStart + size + 2 else { return nil }
            body += bytes[dataStart..<dataStart + size]
            index = dataStart + size + 2
        }
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        for index in start...(bytes.count - needle.count) where bytes[index] == needle[0] {
            if bytes[index..<index + needle.count].elementsEqual(needle) { return index }
        }
        return nil
    }
}
