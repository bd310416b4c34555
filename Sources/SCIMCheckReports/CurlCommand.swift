import Foundation
import SCIMCheckHTTP
import SCIMCheckKit

/// An exchange's request as a `curl` command a reader can paste into a shell (DESIGN §6).
///
/// Credentials never appear: the `Authorization` header becomes a reference to an environment variable —
/// `-H "Authorization: Bearer $SCIM_TOKEN"` for bearer tokens, `-H "Authorization: $SCIM_HEADER_TOKEN"`
/// for Okta's raw header mode, `-u "$SCIM_BASIC"` for Basic — and everything else is already redacted in
/// the report (passwords as `********`).
public enum CurlCommand {
    /// The command for `request`: method and URL on the first line, then one option per line.
    /// `authentication` is the report's mode (`bearer`, `header`, `basic`, `none`) and decides which variable
    /// stands in for the secret.
    public static func render(_ request: HTTPRequest, authentication: String) -> String {
        var first = "curl"
        switch request.method {
        case "GET": break
        case "HEAD": first += " --head"
        default:
            first +=
                " -X "
                + (request.method.allSatisfy { $0.isLetter && $0.isASCII } ? request.method : quote(request.method))
        }
        if request.url.contains(where: { "[]{}".contains($0) }) { first += " --globoff" }
        var parts = [first + " " + quote(request.url)]
        for header in request.headers {
            if header.name.caseInsensitiveEquals("Authorization") {
                parts.append(authorization(header, authentication: authentication))
            } else {
                parts.append("-H " + quote("\(header.name): \(header.value)"))
            }
        }
        if let body = request.body, !body.isEmpty {
            if let text = body.text {
                parts.append("--data-raw " + quote(text))
            } else {
                parts.append("--data-binary @body.bin  # \(body.count) bytes that are not UTF-8; see report.json")
            }
        }
        return parts.joined(separator: " \\\n  ")
    }

    /// The option that sends `header` (an `Authorization` header, masked in the report) from a variable.
    static func authorization(_ header: HTTPHeader, authentication: String) -> String {
        let scheme = header.value.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        switch authentication {
        case "header":
            return "-H \"\(header.name): $SCIM_HEADER_TOKEN\""
        case "basic":
            return "-u \"$SCIM_BASIC\""
        default:
            if scheme.caseInsensitiveEquals("Basic") { return "-u \"$SCIM_BASIC\"" }
            if scheme.caseInsensitiveEquals("Bearer") || authentication == "bearer" {
                return "-H \"\(header.name): Bearer $SCIM_TOKEN\""
            }
            return "-H \"\(header.name): $SCIM_HEADER_TOKEN\""
        }
    }

    /// `text` as one POSIX shell word in single quotes.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
