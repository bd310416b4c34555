import Foundation
import Hummingbird
import SCIMCore

/// Reads and parses a request's JSON body within the server's limits.
struct RequestBodyReader: Sendable {
    /// The largest body accepted, in bytes.
    var maxBytes: Int
    /// Limits for the JSON parser (depth, size, duplicate member names).
    var limits: JSONParseLimits
    /// Whether media-type parameters such as `charset=utf-8` are accepted (`http.lenientContentType`, GEN-06).
    var acceptsParameters: Bool

    /// Creates a reader accepting at most `maxBytes`.
    init(maxBytes: Int, acceptsParameters: Bool = true) {
        self.maxBytes = maxBytes
        self.limits = JSONParseLimits(maxDepth: 32, maxBytes: maxBytes, rejectDuplicateKeys: true)
        self.acceptsParameters = acceptsParameters
    }

    /// Checks the media type, reads the body and parses it as one JSON object.
    ///
    /// - Throws: ``SCIMError`` 415 for a media type other than SCIM's or JSON (GEN-06) or a compressed body, 413 for
    ///   a body over the limit, 400 `invalidSyntax` for an empty or malformed body or one that is not an object
    ///   (ERR-05, GEN-14).
    func readObject(from request: Request) async throws -> JSONObject {
        try Self.checkContentType(request.headers[.contentType], acceptsParameters: acceptsParameters)
        try Self.checkContentEncoding(request.headers[.contentEncoding])
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maxBytes {
            throw Self.tooLarge(maxBytes)
        }
        var collected: [UInt8] = []
        for try await chunk in request.body {
            guard collected.count + chunk.readableBytes <= maxBytes else { throw Self.tooLarge(maxBytes) }
            chunk.withUnsafeReadableBytes { collected.append(contentsOf: $0) }
        }
        guard !collected.isEmpty else {
            throw SCIMError.invalidSyntax("the request body is empty; expected a JSON object")
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(collected, limits: limits)
        } catch {
            throw SCIMError.invalidSyntax("the request body is not valid JSON: \(error.description)")
        }
        guard case .object(let object) = value else {
            throw SCIMError.invalidSyntax("the request body must be a JSON object, not \(value.typeName)")
        }
        return object
    }

    /// Accepts `application/scim+json` and `application/json`, with any parameters but a non-UTF-8 charset.
    ///
    /// RFC 7644 §3.8 and §8.1; Okta sends `application/scim+json; charset=utf-8` (checklist GEN-06, IOP-O10).
    /// Without `acceptsParameters` (the strict profile) a parameter is refused: the media type registration lists
    /// none. A request without `Content-Type` is read as SCIM JSON, as Okta's documented examples omit it.
    static func checkContentType(_ header: String?, acceptsParameters: Bool = true) throws {
        guard let header else { return }
        let parts = header.split(separator: ";", omittingEmptySubsequences: false)
        let mediaType = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == SCIMMediaType.scim || mediaType == SCIMMediaType.json else {
            throw SCIMError(
                .unsupportedMediaType,
                detail: "Content-Type \(mediaType.isEmpty ? "(empty)" : mediaType) is not supported; "
                    + "send \(SCIMMediaType.scim) or \(SCIMMediaType.json)")
        }
        if !acceptsParameters, parts.count > 1 {
            throw SCIMError(
                .unsupportedMediaType,
                detail: "Content-Type parameters are not accepted by this server's rfc-strict profile; "
                    + "send \(SCIMMediaType.scim) without parameters")
        }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else {
                continue
            }
            let charset = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["\""]).lowercased()
            guard charset == "utf-8" || charset == "utf8" else {
                throw SCIMError(
                    .unsupportedMediaType, detail: "charset \(charset) is not supported; SCIM bodies are UTF-8")
            }
        }
    }

    /// Refuses a `Content-Encoding` other than `identity`: the body would be read as plain JSON while it claims to be
    /// compressed (RFC 9110 §8.4 and §15.5.16: 415 for a content coding the server does not accept).
    static func checkContentEncoding(_ header: String?) throws {
        guard let header else { return }
        let codings = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard codings.allSatisfy({ $0 == "identity" || $0.isEmpty }) else {
            throw SCIMError(
                .unsupportedMediaType,
                detail: "Content-Encoding \(SCIMError.excerpt(header)) is not supported; send the body uncompressed")
        }
    }

    private static func tooLarge(_ limit: Int) -> SCIMError {
        SCIMError(.contentTooLarge, detail: "the request body exceeds the limit of \(limit) bytes")
    }
}
