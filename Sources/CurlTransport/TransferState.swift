import CCurl
import Foundation
import SCIMCheckHTTP

/// What one transfer captured, filled in by libcurl's callbacks on the worker thread.
///
/// The callbacks reach it through an `Unmanaged` context pointer. It is deliberately not `Sendable`:
/// only the ``Exchange`` built from it leaves the worker.
final class TransferState {
    /// The largest response body accepted, in bytes.
    let maxResponseBytes: Int
    /// Raised when the calling task is cancelled.
    let cancellation: CancellationFlag
    /// libcurl's `CURLOPT_ERRORBUFFER`, `CURL_ERROR_SIZE` bytes, owned by this object.
    let errorBuffer: UnsafeMutablePointer<CChar>

    /// The request head as written (`CURLINFO_HEADER_OUT`), request line through the blank line.
    private(set) var headOut: [UInt8] = []
    /// The request body as written (`CURLINFO_DATA_OUT`).
    private(set) var dataOut: [UInt8] = []
    /// The status line of the latest response block.
    private(set) var statusLine: String?
    /// The header lines of the latest response block.
    private(set) var headerLines: [String] = []
    /// The response body received so far.
    private(set) var body: [UInt8] = []
    /// Whether the body went over ``maxResponseBytes`` and the write callback aborted the transfer.
    private(set) var exceededLimit = false

    /// Bytes of a header line whose line ending has not arrived yet.
    private var pendingHeaderBytes: [UInt8] = []
    /// Whether the latest response block's blank line arrived (later lines are trailers, not headers).
    private var headerBlockEnded = false

    /// Creates the state of a transfer that accepts bodies up to `maxResponseBytes`.
    init(maxResponseBytes: Int, cancellation: CancellationFlag) {
        self.maxResponseBytes = maxResponseBytes
        self.cancellation = cancellation
        let size = Int(CURL_ERROR_SIZE)
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
    }

    deinit {
        errorBuffer.deinitialize(count: Int(CURL_ERROR_SIZE))
        errorBuffer.deallocate()
    }

    /// The text libcurl left in the error buffer, or `nil` when it is empty.
    var errorText: String? {
        let text = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// The request as written, once its head was captured.
    var sentRequest: SentRequest? {
        guard !headOut.isEmpty else { return nil }
        var lines = Self.lines(in: headOut)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { return nil }
        return SentRequest(
            requestLine: requestLine, headerLines: Array(lines.dropFirst()),
            body: dataOut.isEmpty ? nil : Body(dataOut))
    }

    // MARK: Callbacks

    /// `CURLOPT_WRITEFUNCTION`: keeps body bytes; returns fewer than given (an abort) over the limit or on cancel.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        if cancellation.isCancelled { return 0 }
        guard body.count + bytes.count <= maxResponseBytes else {
            exceededLimit = true
            return 0
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    /// `CURLOPT_HEADERFUNCTION`: splits the bytes into lines and keeps the latest response block.
    func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        if cancellation.isCancelled { return 0 }
        pendingHeaderBytes.append(contentsOf: bytes)
        while let newline = pendingHeaderBytes.firstIndex(of: UInt8(ascii: "\n")) {
            var line = pendingHeaderBytes[..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            receiveHeaderLine(String(decoding: line, as: UTF8.self))
            pendingHeaderBytes.removeSubrange(...newline)
        }
        return bytes.count
    }

    private func receiveHeaderLine(_ line: String) {
        if line.hasPrefix("HTTP/") {
            statusLine = line
            headerLines = []
            headerBlockEnded = false
        } else if line.isEmpty {
            headerBlockEnded = true
        } else if statusLine != nil, !headerBlockEnded {
            headerLines.append(line)
        }
    }

    /// `CURLOPT_DEBUGFUNCTION`: keeps the request head and body exactly as libcurl wrote them.
    func receiveDebug(_ type: curl_infotype, _ bytes: UnsafeRawBufferPointer) {
        switch type {
        case CURLINFO_HEADER_OUT:
            // A complete head followed by another one means libcurl re-sent the request (for example
            // on a fresh connection after a stale reused one): keep only the last attempt.
            if headOut.suffix(4).elementsEqual("\r\n\r\n".utf8) {
                headOut = []
                dataOut = []
            }
            headOut.append(contentsOf: bytes)
        case CURLINFO_DATA_OUT:
            dataOut.append(contentsOf: bytes)
        default:
            break
        }
    }

    /// `CURLOPT_XFERINFOFUNCTION`: whether to abort the transfer because the calling task was cancelled.
    func shouldAbort() -> Bool {
        cancellation.isCancelled
    }

    private static func lines(in bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\r"), index + 1 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "\n") {
                lines.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.endIndex {
            lines.append(String(decoding: bytes[start...], as: UTF8.self))
        }
        return lines
    }
}

@available(*, unavailable)
extension TransferState: Sendable {}
