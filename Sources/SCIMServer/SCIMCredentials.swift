import Foundation
import Synchronization

/// The tokens the server accepts and whether SCIM is enabled: the in-memory copy of ``IdentityProviderState``,
/// consulted on every request without touching the store.
///
/// Tokens are compared through their SHA-256 digests in constant time (every candidate is compared, whatever
/// matched), and no token is ever kept in clear (DESIGN §5, rfc-checklist SEC-06).
final class SCIMCredentials: Sendable {
    /// What a SCIM bearer token is worth.
    enum Verdict: Sendable, Hashable {
        /// The token opens the SCIM endpoints.
        case accepted
        /// The token is not (or no longer) valid.
        case rejected
        /// The token was valid until `expiry`.
        case expired(SCIMTimestamp)
    }

    private let configuredDigest: [UInt8]?
    private let adminDigest: [UInt8]?
    private let state: Mutex<IdentityProviderState>
    /// The lifecycle's clock.
    let clock: @Sendable () -> SCIMTimestamp

    /// Creates the credentials for `configuration`, starting from `state`.
    init(configuration: SCIMServerConfiguration, state: IdentityProviderState) {
        configuredDigest = configuration.scimToken.isEmpty ? nil : SHA256.hash(Array(configuration.scimToken.utf8))
        adminDigest = configuration.adminToken.flatMap { $0.isEmpty ? nil : SHA256.hash(Array($0.utf8)) }
        self.state = Mutex(state)
        clock = configuration.clock
    }

    /// The current state.
    var current: IdentityProviderState { state.withLock { $0 } }

    /// Replaces the state (after the store saved it).
    func update(_ newState: IdentityProviderState) {
        state.withLock { $0 = newState }
    }

    /// Whether SCIM provisioning is enabled.
    var scimEnabled: Bool { state.withLock { $0.scimEnabled } }

    /// Whether the admin API has a token at all.
    var adminEnabled: Bool { adminDigest != nil }

    /// What `token` is worth on the SCIM endpoints.
    func verifySCIM(_ token: String) -> Verdict {
        let digest = SHA256.hash(Array(token.utf8))
        let snapshot = current
        let matchesConfigured = configuredDigest.map { ConstantTime.equal(digest, $0) } ?? false
        let matchesGenerated = snapshot.tokenDigest.map { ConstantTime.equal(digest, $0) } ?? false
        guard !token.isEmpty else { return .rejected }
        switch snapshot.tokenSource {
        case .configured:
            return matchesConfigured ? .accepted : .rejected
        case .generated:
            guard matchesGenerated else { return .rejected }
            if let expiry = snapshot.tokenExpires, clock() >= expiry { return .expired(expiry) }
            return .accepted
        case .revoked:
            return .rejected
        }
    }

    /// Whether `token` is the admin token (never a SCIM token, DESIGN §8.2).
    func verifyAdmin(_ token: String) -> Bool {
        guard let adminDigest, !token.isEmpty else { return false }
        return ConstantTime.equal(SHA256.hash(Array(token.utf8)), adminDigest)
    }
}

/// Generates SCIM secret tokens: 256 random bits, base64url without padding (43 characters).
enum SecretTokenGenerator {
    /// A new token from the system's cryptographic random source.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Six calendar months after `time`, in UTC: when a token generated at `time` expires (okta-behavior.md §13).
    static func expiry(after time: SCIMTimestamp) -> SCIMTimestamp {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let date = Date(timeIntervalSince1970: Double(time.millisecondsSince1970) / 1000)
        let later = calendar.date(byAdding: .month, value: 6, to: date) ?? date.addingTimeInterval(183 * 86_400)
        return SCIMTimestamp(millisecondsSince1970: Int64((later.timeIntervalSince1970 * 1000).rounded()))
    }
}
