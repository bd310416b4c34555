import CurlTransport
import OktaSimulator
import SCIMCheckCLI
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckTestSupport
import SCIMCore
import Testing

/// The Okta engine provisioning into the reference NinjaOne server over real loopback HTTP (libcurl), with
/// the server's admin API beside it to read the resulting accounts (DESIGN §4: wire, tasks, target state).
struct ReferenceTarget: Sendable {
    /// The engine, on a session whose transport is ``CurlTransport``.
    let okta: OktaEngine
    /// The server's SCIM base URL, such as `http://127.0.0.1:PORT/scim/v2`.
    let base: String
    /// The server's admin API (`/admin/v1`).
    let admin: AdminClient

    /// Starts a reference server, runs `body` with an engine for `app` (ids and passwords from
    /// ``FixedRandomness``), `settings` (`--okta-option` values) and `credentials`, then stops the server.
    static func with(
        app: OktaApp = .ninjaOne, settings: [String: String] = [:],
        credentials: Credentials = .bearer(ReferenceServerFixture.scimToken),
        _ body: @Sendable (ReferenceTarget) async throws -> Void
    ) async throws {
        try await ReferenceServerFixture.with { base in
            let context = RunContext(
                baseURL: base, credentials: credentials, transport: CurlTransport(),
                runTag: "flow", settings: settings, writesAllowed: true)
            let okta = OktaEngine(session: Session(context: context), app: app, randomness: FixedRandomness())
            let admin = AdminClient(server: base, token: ReferenceServerFixture.adminToken, allowHTTP: false)
            try await body(ReferenceTarget(okta: okta, base: base, admin: admin))
        }
    }

    /// The exchanges sent so far.
    var exchanges: [Exchange] { okta.client.session.exchanges }

    /// The requests sent from exchange `start` on, as `METHOD /path?query` with the base URL stripped.
    func wire(from start: Int = 0) -> [String] {
        exchanges.dropFirst(start).map { "\($0.request.method) \($0.request.url.dropFirst(base.count))" }
    }

    /// Okta's profile push to `user`'s resource as ``wire(from:)`` shows it: GET, then PUT (okta-behavior §4.1).
    func profilePush(_ user: OktaUser) throws -> [String] {
        let id = try #require(okta.appUser(user)?.externalID)
        return ["GET /Users/\(id)", "PUT /Users/\(id)"]
    }

    /// Every answer was a success: what the engine sent, the server took.
    func expectAllAnswered(from start: Int = 0, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let failed = exchanges.dropFirst(start).filter { !(200..<300).contains($0.response?.status ?? 0) }
        #expect(failed.isEmpty, "failed exchanges: \(failed.map(\.request.url))", sourceLocation: sourceLocation)
    }

    /// The JSON body of the request at `index` of ``exchanges``.
    func body(_ index: Int) throws -> JSONValue {
        try JSONValue.parse(try #require(exchanges[index].request.body).bytes)
    }

    /// The NinjaOne extension object of the request body at `index`.
    func ninjaOneValues(_ index: Int) throws -> JSONValue? {
        try body(index)[SCIMURN.ninjaOneUser]
    }

    /// The tasks recorded so far as `action: status`.
    var taskSummary: [String] { okta.tasks.map { "\($0.action): \($0.status.rawValue)" } }

    /// The admin API's account behind `user`'s app user (its External ID is the account id).
    func account(_ user: OktaUser) async throws -> Account {
        let id = try #require(okta.appUser(user)?.externalID, "\(user.login) has no External ID")
        return Account(try await admin.send("GET", "/accounts/\(id)"))
    }

    /// Creates NinjaOne organization `id` through the admin API.
    func createOrganization(_ id: String, _ name: String) async throws {
        try await admin.send("POST", "/organizations", body: ["id": .string(id), "name": .string(name)])
    }
}

/// An account as the admin API shows it: the effective type, organizations, roles and status.
struct Account: Sendable {
    /// The admin API's JSON.
    let json: JSONValue

    init(_ json: JSONValue) { self.json = json }

    /// `technician` or `endUser`.
    var accountType: String? { json["accountType"]?.stringValue }
    /// Whether the account is an end user of every organization.
    var globalEndUser: Bool? { json["globalEndUser"]?.boolValue }
    /// Organization ids.
    var organizations: [String] { json["organizations"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
    /// Names of the roles granted through group mappings.
    var roles: [String] { json["roles"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [] }
    /// Whether the account is active (deactivation keeps it, inactive).
    var active: Bool? { json["active"]?.boolValue }
    /// `active`, `inactive` or `deprovisioned`.
    var status: String? { json["status"]?.stringValue }
    /// Why provisioned values fell back to the defaults.
    var fallbackReasons: [String] { json["fallbackReasons"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
}
