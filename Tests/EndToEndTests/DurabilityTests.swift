import CurlTransport
import Foundation
import SCIMCheckHTTP
import SCIMCheckTestSupport
import SCIMCore
import Synchronization
import Testing

/// `scimcheck serve` killed with SIGKILL in the middle of a write load keeps every write it acknowledged
/// (DESIGN §8.13: WAL with `synchronous=NORMAL` survives a killed process).
@Suite struct DurabilityTests {
    /// What the server acknowledged for one user: its creation (201), and the PATCH of its displayName (200).
    struct Acknowledged: Sendable {
        var id: String
        var userName: String
        var displayName: String?
    }

    /// How many creations the server has acknowledged so far, across the writers.
    final class Tally: Sendable {
        private let count = Mutex(0)

        func increment() { count.withLock { $0 += 1 } }

        var value: Int { count.withLock { $0 } }
    }

    /// Set once the server has been killed: the writers stop.
    final class KillSwitch: Sendable {
        private let thrown = Mutex(false)

        func throwSwitch() { thrown.withLock { $0 = true } }

        var isThrown: Bool { thrown.withLock { $0 } }
    }

    static let token = "durability-scim-token-5d2e"
    static let adminToken = "durability-admin-token-91ac"

    static func serve(database: String) async throws -> (Process, String) {
        let (process, port) = try await TestServers.start(try TestServers.scimcheck) { port in
            ["serve", "--db", database, "--port", "\(port)", "--token", token, "--admin-token", adminToken]
        }
        return (process, "http://127.0.0.1:\(port)/scim/v2")
    }

    static func request(_ method: String, _ url: String, json: JSONValue? = nil) -> HTTPRequest {
        HTTPRequest(
            method: method, url: url,
            headers: [
                HTTPHeader("Authorization", "Bearer \(token)"),
                HTTPHeader("Accept", SCIMMediaType.scim),
            ],
            body: json.map { Body(Array($0.serialized().utf8)) })
    }

    /// Okta's create body (okta-behavior.md §2.4) with the NinjaOne extension (§13).
    static func oktaUser(_ userName: String) -> JSONValue {
        [
            "schemas": [.string(SCIMURN.coreUser), .string(SCIMURN.ninjaOneUser)],
            "userName": .string(userName), "name": ["givenName": "Durable", "familyName": "User"],
            "emails": [["primary": true, "value": .string(userName), "type": "work"]],
            "displayName": "Durable User", "locale": "en-US", "externalId": "00udurable",
            "groups": [], "password": "1mz050nq", "active": true,
            SCIMURN.ninjaOneUser: ["userType": "endUser", "organizationId": "All"],
        ]
    }

    /// One writer: creates users and renames each once, until the server is killed.
    ///
    /// A request that fails before the kill (a timeout on a starved machine) is not acknowledged and the writer goes
    /// on; only 2xx answers count as acknowledged writes.
    static func writer(
        _ number: Int, base: String, transport: CurlTransport, tally: Tally, until killed: KillSwitch
    ) async -> [Acknowledged] {
        var acknowledged: [Acknowledged] = []
        var sequence = 0
        while !killed.isThrown {
            sequence += 1
            let userName = "durable-\(number)-\(sequence)@example.com"
            guard let created = try? await transport.send(request("POST", base + "/Users", json: oktaUser(userName))),
                created.response?.status == 201, let body = created.response?.body.bytes,
                let id = (try? JSONValue.parse(body))?["id"]?.stringValue
            else { continue }
            acknowledged.append(Acknowledged(id: id, userName: userName))
            tally.increment()
            let displayName = "Renamed \(number)-\(sequence)"
            let patch: JSONValue = [
                "schemas": [.string(SCIMURN.patchOp)],
                "Operations": [["op": "replace", "value": ["displayName": .string(displayName)]]],
            ]
            if let patched = try? await transport.send(request("PATCH", base + "/Users/\(id)", json: patch)),
                patched.response?.status == 200
            {
                acknowledged[acknowledged.count - 1].displayName = displayName
            }
        }
        return acknowledged
    }

    @Test("SIGKILL during concurrent POST and PATCH loses no acknowledged write (DESIGN §8.13)")
    func acknowledgedWritesSurviveSIGKILL() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("durability-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("scim.sqlite").path
        let transport = CurlTransport(
            options: TransportOptions(connectTimeoutMilliseconds: 2000, totalTimeoutMilliseconds: 5000))

        let (server, base) = try await Self.serve(database: database)
        let start = ContinuousClock.now
        let tally = Tally()
        let killed = KillSwitch()
        let load = Task {
            await withTaskGroup(of: [Acknowledged].self) { group in
                for number in 0..<8 {
                    group.addTask {
                        await Self.writer(number, base: base, transport: transport, tally: tally, until: killed)
                    }
                }
                return await group.reduce(into: []) { $0 += $1 }
            }
        }
        // Mid-load: once enough writes were acknowledged to prove something (or after 20 s on a starved machine).
        while tally.value < 60, ContinuousClock.now < start + .seconds(20) {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(server.processIdentifier, SIGKILL)
        killed.throwSwitch()
        server.waitUntilExit()
        let acknowledged = await load.value
        #expect(server.terminationReason == .uncaughtSignal, "the server was killed, not stopped")
        #expect(acknowledged.count >= 10, "the load acknowledged too few writes to prove anything")

        let (restarted, newBase) = try await Self.serve(database: database)
        defer { TestServers.stop(restarted) }
        for write in acknowledged {
            let response = try await transport.send(Self.request("GET", newBase + "/Users/\(write.id)")).response
            guard response?.status == 200, let user = try? JSONValue.parse(response?.body.bytes ?? []) else {
                Issue.record("acknowledged user \(write.userName) is gone: \(response?.status ?? 0)")
                continue
            }
            #expect(user["userName"]?.stringValue == write.userName)
            if let displayName = write.displayName {
                #expect(user["displayName"]?.stringValue == displayName, "acknowledged PATCH of \(write.userName)")
            }
        }
        // The acknowledged users are also found the way Okta looks them up (okta-behavior.md §2.2).
        for write in acknowledged.prefix(5) {
            let filter = "userName%20eq%20%22\(write.userName.replacingOccurrences(of: "@", with: "%40"))%22"
            let response = try await transport.send(
                Self.request("GET", newBase + "/Users?filter=\(filter)&startIndex=1&count=100")
            ).response
            let list = try JSONValue.parse(response?.body.bytes ?? [])
            #expect(list["totalResults"] == 1, "\(write.userName)")
        }
    }
}
