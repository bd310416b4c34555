import Foundation

/// Okta's rules for a SCIM base URL (DESIGN §8.14, okta-behavior §1.2): HTTPS only, and no `_` in the host.
///
/// Plain HTTP is allowed to loopback hosts, so the embedded server and local development work, and
/// anywhere with `allowHTTP`.
public enum TargetPolicy {
    /// Checks `url` against the rules.
    /// - Throws: ``TransportError`` with code `invalidURL` or `insecureURL`, saying which rule failed.
    public static func check(_ url: String, allowHTTP: Bool) throws(TransportError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw TransportError(.invalidURL, "'\(url)' is not an absolute http(s) URL")
        }
        guard scheme == "https" || scheme == "http" else {
            throw TransportError(.invalidURL, "'\(url)' uses scheme '\(scheme)'; only https (and http) are supported")
        }
        if host.contains("_") {
            throw TransportError(
                .insecureURL, "host '\(host)' contains '_', which Okta refuses in a SCIM base URL")
        }
        if scheme == "http", !allowHTTP, !isLoopback(host: host) {
            throw TransportError(
                .insecureURL,
                "'\(url)' is plain HTTP; Okta only connects over HTTPS. Use https, or --allow-http to test anyway")
        }
    }

    /// Whether `host` names this machine: `localhost`, `127.0.0.0/8` or `::1`.
    public static func isLoopback(host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare.hasSuffix(".localhost") || bare == "::1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
