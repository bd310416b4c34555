import Foundation
import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckReports
import SCIMCheckTestSupport
import SCIMCore

/// A scripted run that ends in every outcome, with secrets on the wire, for the report tests.
enum RichReport {
    static let token = "tok-Sup3rSecret-4242"
    static let password = "hunter2-Pw-9x"

    static let config =
        #"{"schemas":["\#(SCIMURN.serviceProviderConfig)"],"patch":{"supported":false},"filter":{"supported":true},"#
        + #""sort":{"supported":true},"etag":{"supported":true}}"#
    static let list =
        #"{"schemas":["\#(SCIMURN.listResponse)"],"totalResults":1,"startIndex":1,"itemsPerPage":1,"#
        + #""Resources":[{"id":"u1"}]}"#

    /// Answers like a SCIM server with a few faults; `preflightStatus` other than 200 rejects the credentials.
    static func transport(preflightStatus: Int = 200) -> ScriptedTransport {
        ScriptedTransport { request in
            let url = request.url
            if url.hasSuffix("/ServiceProviderConfig") { return (200, [], config) }
            if url.hasSuffix("/Users?startIndex=1&count=2") {
                return preflightStatus == 200
                    ? (200, ["Content-Type: application/scim+json"], list)
                    : (
                        preflightStatus, [],
                        #"{"schemas":["\#(SCIMURN.error)"],"status":"\#(preflightStatus)","detail":"bad token"}"#
                    )
            }
            if url.contains("/Users?") { return (200, ["Content-Type: application/scim+json"], list) }
            if request.method == "POST", url.hasSuffix("/Users") {
                // A server that echoes the password and the token: the report must mask both.
                let body =
                    #"{"schemas":["\#(SCIMURN.coreUser)"],"#
                    + #""id":"5caa089d-bc6f-4db4-b5a7-c8bc1fb45545","userName":"ann","#
                    + #""password":"\#(password)","meta":{"created":"2026-11-29T20:40:51.879Z"}}"#
                return (201, ["Location: http://127.0.0.1:9/scim/v2/Users/u2", "X-Echo: Bearer \(token)"], body)
            }
            if url.hasSuffix("/Users/does-not-exist") { return (200, [], "{}") }
            if url.hasSuffix("/Echo") { return (200, ["Content-Type: text/plain"], "your token is \(token)") }
            return (404, [], #"{"schemas":["\#(SCIMURN.error)"],"status":"404","detail":"not found"}"#)
        }
    }

    static let catalog = Catalog {
        Suite("okta-oin-spec", "Okta SCIM 2.0 SPEC Test (OIN submission)") {
            Scenario(
                "okta.oin-spec.01-list", "Required Test: Test Users endpoint", .tags("okta", "oin-spec", "users"),
                .spec(.oktaSpecTest(step: 1))
            ) { s in
                try await s.get("/Users", query: "startIndex=1&count=1") {
                    Status(200)
                    JSON("/totalResults").integer()
                }
            }
            Scenario(
                "okta.oin-spec.04-unknown-id", "Required Test: <invalid> User by ID & friends",
                .tags("okta", "oin-spec", "errors"), .spec(.oktaSpecTest(step: 4))
            ) { s in
                try await s.get("/Users/does-not-exist") {
                    Status(404)
                        .hint("answer 404 with a SCIM error body for an unknown id")
                        .because("Okta reads a 200 as an existing user and links to it")
                        .spec(.rfc7644("3.12"))
                    JSON("/schemas").contains(.string(SCIMURN.error))
                }
            }
        }
        Suite("okta-lifecycle", "Okta provisioning lifecycle") {
            Scenario("okta.users.create", "Create with a password", .tags("okta", "users"), .writes) { s in
                try await s.post(
                    "/Users",
                    json: ["schemas": [.string(SCIMURN.coreUser)], "userName": "ann", "password": .string(password)]
                ) {
                    Status(201)
                }
            }
            Scenario("okta.users.should", "A SHOULD that does not hold", .level(.should), .tags("users")) { s in
                try await s.get("/Users/missing") { Status(200).hint("return the user") }
            }
            Scenario("okta.users.may", "A MAY that does not hold", .tags("users")) { s in
                try await s.get("/Users/missing") { Status(200).level(.may) }
            }
            Scenario("okta.users.patch", "Needs PATCH", .requires(.patch), .tags("patch")) { s in
                try await s.get("/Users") { Status(200) }
            }
            Scenario("okta.users.skip", "Skips itself") { s in try s.skip("no prerequisite user") }
        }
        Suite("rfc-core", "SCIM 2.0 core requirements") {
            Scenario("rfc.errors.nothing", "Checks nothing (a harness error)") { _ in }
            Scenario("rfc.echo", "Echo | pipes `ticks` *stars*", .tags("rfc")) { s in
                try await s.get("/Echo") { Status(200) }
            }
        }
    }

    /// The ids that end failed or in error, which `skipErrors` leaves out.
    static let errorID = "rfc.errors.nothing"

    static func run(
        strict: Bool = false, selection: Selection = Selection(), preflightStatus: Int = 200,
        transport: ScriptedTransport? = nil
    ) async -> RunReport {
        let context = RunContext(
            baseURL: "http://127.0.0.1:9/scim/v2", credentials: .bearer(token),
            transport: transport ?? self.transport(preflightStatus: preflightStatus), runTag: "t3st",
            writesAllowed: true)
        let options = Runner.Options(
            selection: selection, strict: strict, preflight: OktaCredentialsPreflight(), runID: "20261129-204050-12e3")
        return await Runner(catalog: catalog, context: context, options: options).run()
    }

    /// The report without the harness-error scenario (so exit codes are about failures only).
    static func withoutErrors(strict: Bool = false) async -> RunReport {
        await run(strict: strict, selection: Selection(skip: [errorID]))
    }
}
