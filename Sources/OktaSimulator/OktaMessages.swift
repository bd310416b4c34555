/// The texts Okta shows an admin, word for word where okta-behavior §1.2 and §9 quote Okta.
public enum OktaMessages {
    /// Test API Credentials failed with an HTTP status, such as `Error authenticating: Unauthorized. …`
    /// (okta-behavior §1.2, Okta support "Error authenticating: Unauthorized").
    public static func credentialsRejected(reason: String) -> String {
        "Error authenticating: \(reason). The connector configuration could not be tested. Make sure that the URL, "
            + "Authentication Parameters are correct and that there is an implementation available at the URL provided."
    }

    /// Test API Credentials could not connect (okta-behavior §1.2: "Connect to <domain>:443 … failed: Connect
    /// timed out").
    public static func credentialsConnectFailed(hostAndPort: String, detail: String) -> String {
        "Error authenticating: Connect to \(hostAndPort) failed: \(detail)"
    }

    /// Test API Credentials succeeded. Okta's exact success banner is not in the research; this is ours.
    public static let credentialsVerified = "The connector configuration was verified successfully."

    /// The HTTP reason phrase Okta puts in its messages for `status` (RFC 9110 §15).
    public static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 409: "Conflict"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "HTTP \(status)"
        }
    }
}

extension OktaMessages {
    /// The admin-facing text of a failed provisioning step: `<Okta message>: <Reason>. Errors reported by
    /// remote server: <detail>` (okta-behavior §9.1; the pattern is verified, per-action wording partly [I]).
    public static func failure(_ prefix: String, reason: String, detail: String?) -> String {
        guard let detail, !detail.isEmpty else { return "\(prefix): \(reason)." }
        return "\(prefix): \(reason). Errors reported by remote server: \(detail)"
    }

    /// "Automatic provisioning of user <login> to app <App> failed" (okta-behavior §9.1).
    public static func provisioningFailed(login: String, app: String) -> String {
        "Automatic provisioning of user \(login) to app \(app) failed"
    }

    /// The text when the provisioning toggles keep Okta from creating a user (okta-behavior §9.1).
    public static func matchingUserNotFound(login: String, app: String) -> String {
        "\(provisioningFailed(login: login, app: app)): Matching user not found."
    }

    /// The text when a create answers without a user (okta-behavior §2.5, S1).
    public static func emptyUser(login: String, app: String, displayName: String) -> String {
        "\(provisioningFailed(login: login, app: app)): Error while creating user \(displayName): Create new user "
            + "returned empty user."
    }

    /// Okta's rule for a group both assigned to the app and pushed (okta-behavior §7.1, S27), quoted.
    public static let assignedAndPushed =
        "Okta doesn't support using the same group for app assignment and Group Push."

    /// The text when an import is asked of an app that does not support it (ours; Okta does not offer
    /// "Import Now" then; NinjaOne does not support import, okta-behavior §13).
    public static func importNotSupported(app: String) -> String {
        "Import from app \(app) is not available: the app does not support importing users and groups."
    }
}
