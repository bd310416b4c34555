import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

/// The header sets Okta sends: the production client's (okta-behavior §8) and the SPEC-test
/// harness's (§14.1), which must never be mixed.
public enum OktaHeaders {
    /// Okta's production `User-Agent`.
    public static let userAgent = "Okta SCIM Client 1.0.0"
    /// The Runscope/BlazeMeter SPEC-test harness's `User-Agent`.
    public static let specTestUserAgent = "OKTA SCIM Integration"

    /// Okta's `Accept-Encoding` value (okta-behavior §8, S3 2018 capture).
    public static let acceptEncoding = "gzip,deflate"

    /// The production set, in the order of Okta's 2018 capture: `Accept`, `Accept-Charset`,
    /// `Content-Type` (with a body), `User-Agent`, `Authorization`, `Connection: Keep-Alive`, and with
    /// `acceptEncoding` (the `accept-encoding` option; off by default, DESIGN §8.12) `Accept-Encoding:
    /// gzip,deflate`, which also makes the transport decode compressed answers. `Host` and
    /// `Content-Length` come from the transport.
    public static func production(
        credentials: Credentials, hasBody: Bool, acceptEncoding: Bool = false
    )
        -> [HTTPHeader]
    {
        var headers = [HTTPHeader("Accept", SCIMMediaType.scim), HTTPHeader("Accept-Charset", "utf-8")]
        if hasBody { headers.append(HTTPHeader("Content-Type", "\(SCIMMediaType.scim); charset=utf-8")) }
        headers.append(HTTPHeader("User-Agent", userAgent))
        if let authorization = credentials.authorizationValue {
            headers.append(HTTPHeader("Authorization", authorization))
        }
        headers.append(HTTPHeader("Connection", "Keep-Alive"))
        if acceptEncoding { headers.append(HTTPHeader("Accept-Encoding", Self.acceptEncoding)) }
        return headers
    }

    /// The SPEC-test harness set (okta-behavior §14.1). Its POST steps send `Content-Type:
    /// application/json` and `Accept: application/scim+json; charset=utf-8` instead; `authorization`
    /// overrides the run's credentials (step 11 sends `non-token`).
    public static func specTest(
        credentials: Credentials, post: Bool, authorization: String? = nil
    )
        -> [HTTPHeader]
    {
        var headers: [HTTPHeader] =
            post
            ? [
                HTTPHeader("Accept", "\(SCIMMediaType.scim); charset=utf-8"), HTTPHeader("Accept-Charset", "utf-8"),
                HTTPHeader("Content-Type", SCIMMediaType.json),
            ]
            : [
                HTTPHeader("Accept", SCIMMediaType.scim), HTTPHeader("Accept-Charset", "utf-8"),
                HTTPHeader("Content-Type", "\(SCIMMediaType.scim); charset=utf-8"),
            ]
        if let value = authorization ?? credentials.authorizationValue {
            headers.append(HTTPHeader("Authorization", value))
        }
        headers.append(HTTPHeader("User-Agent", specTestUserAgent))
        return headers
    }
}
