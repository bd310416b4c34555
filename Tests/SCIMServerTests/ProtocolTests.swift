import Foundation
import SCIMCore
import SCIMServer
import SCIMServerSQLite
import Testing

/// General protocol rules over HTTP: media types, base URI, versions, body order and null, server errors
/// (rfc-checklist §2 GEN, §4 ERR).
@Suite("General protocol and errors")
struct ProtocolTests {
    @Test("Accept application/scim+json, application/json, */* or none: 200 in SCIM's media type (GEN-02 to GEN-05)")
    func mediaTypes() async throws {
        try await TestServer.with { client in
            let user = try await client.createUser("media.user")
            for accept in [SCIMMediaType.scim, SCIMMediaType.json, "*/*", "application/scim+json; charset=utf-8"] {
                let response = try await client.send("GET", "/Users", headers: ["Accept": accept])
                #expect(response.status == 200, "Accept: \(accept)")
                #expect(response.header("Content-Type") == SCIMMediaType.scim, "Accept: \(accept)")
                #expect(response.json?["totalResults"] == 1)
            }
            // Without an Accept header at all (URLSession always sends one; an empty value removes it).
            let none = try await client.send("GET", "/Users/\(user.id)", headers: ["Accept": ""])
            #expect(none.status == 200)
            #expect(none.header("Content-Type") == SCIMMediaType.scim)
            // Every body the server sends is SCIM JSON: resources, lists, discovery, errors (GEN-05).
            let paths = [
                "/Users/\(user.id)", "/Users", "/ServiceProviderConfig", "/ResourceTypes", "/Schemas",
                "/Users/nope", "/Widgets",
            ]
            for path in paths {
                let response = try await client.get(path)
                #expect(response.header("Content-Type") == SCIMMediaType.scim, "\(path)")
                #expect(response.json != nil, "\(path)")
            }
        }
    }

    @Test("Locations never carry a query, even when the request has one (GEN-07, GEN-08)")
    func baseWithoutQuery() async throws {
        try await TestServer.with { client in
            let created = try await client.post("/Users?aadOptscim062020", json: Fixtures.u2Body("query.user"))
            #expect(created.status == 201)
            let location = try #require(created.header("Location"))
            #expect(URLComponents(string: location)?.query == nil)
            #expect(created.json?["meta"]?["location"] == .string(location))
            let id = try #require(created.json?["id"]?.stringValue)
            let read = try await client.get("/Users/\(id)?foo=bar&aadOptscim062020")
            #expect(read.status == 200)
            #expect(read.json?["meta"]?["location"] == .string(location))
            let listed = try await client.get("/Users?aadOptscim062020&count=5")
            #expect(listed.json?["Resources"]?[0]?["meta"]?["location"] == .string(location))
            let group = try await client.post(
                "/Groups?x=1", json: ["schemas": [.string(SCIMURN.coreGroup)], "displayName": "Q"])
            #expect(group.header("Location").flatMap { URLComponents(string: $0)?.query } == nil)
        }
    }

    @Test("The version is in the base path: /scim/v2 works, another version is 400 invalidVers (GEN-09, ERR-13)")
    func versions() async throws {
        try await TestServer.with { client in
            #expect(try await client.get("/Users").status == 200)
            let root = client.serverRoot
            for path in ["/scim/v9/Users", "/scim/v1/Groups/x", "/scim/v10/ServiceProviderConfig"] {
                expectSCIMError(
                    try await client.get(root + path), status: 400, scimType: "invalidVers", detailContains: "/scim/v2")
            }
            let post = try await client.send("POST", root + "/scim/v1/Users", body: "{}")
            expectSCIMError(post, status: 400, scimType: "invalidVers")
            expectSCIMError(try await client.get(root + "/scim/v1/Users", authorized: false), status: 401)
            expectSCIMError(try await client.get("/Users/x/y"), status: 404, detailContains: "/scim/v2/Users/x/y")
            expectSCIMError(try await client.get(root + "/scim/vx/Users"), status: 404)
            expectSCIMError(try await client.get(root + "/scim/Users"), status: 404)
        }
    }

    @Test("Attribute order is free: schemas last, sub-attributes shuffled (GEN-12)")
    func anyOrder() async throws {
        try await TestServer.with { client in
            let body = #"""
                {"emails":[{"primary":true,"type":"work","value":"o@example.com"}],
                 "name":{"givenName":"Or","familyName":"Der"},"userName":"order.user",
                 "schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}
                """#
            let response = try await client.send("POST", "/Users", body: body)
            #expect(response.status == 201, "\(response.text)")
            #expect(response.json?["name"]?["familyName"] == "Der")
            #expect(response.json?["emails"]?[0]?["value"] == "o@example.com")
        }
    }

    @Test("null and [] are the same as unassigned: gone from the resource and from filters (GEN-13)")
    func nullIsUnassigned() async throws {
        try await TestServer.with { client in
            let user = try await client.createUser(
                "null.user", fields: ["title": "Boss", "phoneNumbers": [["value": "+1 555 0100", "type": "work"]]])
            let replaced = try await client.put(
                "/Users/\(user.id)",
                json: [
                    "schemas": [.string(SCIMURN.coreUser)], "userName": "null.user", "title": .null,
                    "phoneNumbers": [],
                ])
            #expect(replaced.status == 200)
            let read = try await client.resource("/Users/\(user.id)")
            #expect(read["title"] == nil)
            #expect(read["phoneNumbers"] == nil)
            let present = try await client.resource("/Users?filter=" + queryEncoded("title pr"))
            #expect(present["totalResults"] == 0)
            let created = try await client.createUser("null.user2", fields: ["nickName": .null, "emails": []])
            #expect(created["nickName"] == nil)
            #expect(created["emails"] == nil)
        }
    }

    @Test(
        "Error bodies: the Error URN at the root, status a string equal to the HTTP code, scimType from Table 9 (ERR-01 to ERR-04)"
    )
    func errorBodies() async throws {
        try await TestServer.with { client in
            let user = try await client.createUser("error.user")
            let scimTypes: Set<String> = [
                "invalidFilter", "tooMany", "uniqueness", "mutability", "invalidSyntax", "invalidPath", "noTarget",
                "invalidValue", "invalidVers", "sensitive",
            ]
            let responses = [
                try await client.get("/Users/does-not-exist"),
                try await client.send("POST", "/Users", body: "{"),
                try await client.post("/Users", json: ["schemas": [.string(SCIMURN.coreUser)]]),
                try await client.post("/Users", json: Fixtures.u2Body("error.user")),
                try await client.get("/Users?filter=" + queryEncoded("userName regex \"j\"")),
                try await client.patch("/Users/\(user.id)", [["op": "replace", "path": "id", "value": "x"]]),
                try await client.patch("/Users/\(user.id)", [["op": "remove"]]),
                try await client.patch(
                    "/Users/\(user.id)", [["op": "replace", "path": "name..familyName", "value": "x"]]),
                try await client.delete("/Users"),
                try await client.get("/Users", authorized: false),
            ]
            for response in responses {
                #expect((400...599).contains(response.status), "never 2xx with an error body (ERR-04)")
                let json = try #require(response.json)
                #expect(json["schemas"] == [.string(SCIMURN.error)], "at the root, not nested (ERR-01)")
                #expect(json["status"] == .string(String(response.status)), "a string equal to the code (ERR-02)")
                if let scimType = json["scimType"]?.stringValue {
                    #expect(scimTypes.contains(scimType), "\(scimType) is in Table 9 (ERR-03)")
                }
            }
            #expect(responses.map(\.status) == [404, 400, 400, 409, 400, 400, 400, 400, 405, 401])
            #expect(
                responses[3...7].map { $0.json?["scimType"]?.stringValue } == [
                    "uniqueness", "invalidFilter", "mutability", "noTarget", "invalidPath",
                ])
        }
    }

    @Test("An unknown operator is 400 invalidFilter whose detail names it (ERR-07, FILT-33)")
    func unknownOperator() async throws {
        try await TestServer.with { client in
            for op in ["like", "regex"] {
                let response = try await client.get("/Users?filter=" + queryEncoded("userName \(op) \"b%\""))
                expectSCIMError(response, status: 400, scimType: "invalidFilter", detailContains: op)
            }
        }
    }

    @Test("A failure inside the server is 500 with a SCIM body that reveals nothing internal (ERR-18, SEC-12)")
    func serverError() async throws {
        let store = FailingStore(inner: try SQLiteSCIMStore(path: ":memory:"))
        try await TestServer.with(store: store) { client in
            let response = try await client.get("/Users/\(FailingStore.failingID)")
            expectSCIMError(response, status: 500)
            #expect(!response.text.contains("FailingStore"))
            #expect(!response.text.contains(TestServer.token))
            #expect(try await client.get("/Users/another").status == 404, "the server keeps serving")
        }
    }
}

/// A store that fails with a non-SCIM error when user ``failingID`` is read, to provoke a 500.
struct FailingStore: SCIMStore {
    /// The user id whose read fails.
    static let failingID = "explodes"
    let inner: any SCIMStore

    struct Failure: Error {}

    func insertUser(_ user: UserRecord) async throws { try await inner.insertUser(user) }
    func user(id: String) async throws -> UserRecord? {
        if id == Self.failingID { throw Failure() }
        return try await inner.user(id: id)
    }
    func replaceUser(_ user: UserRecord, expectedVersion: Int) async throws {
        try await inner.replaceUser(user, expectedVersion: expectedVersion)
    }
    func deleteUser(id: String, expectedVersion: Int?) async throws -> Bool {
        try await inner.deleteUser(id: id, expectedVersion: expectedVersion)
    }
    func users(matching query: UserQuery) async throws -> UserPage { try await inner.users(matching: query) }
    func insertGroup(_ group: GroupRecord) async throws -> GroupRecord { try await inner.insertGroup(group) }
    func group(id: String, includeMembers: Bool) async throws -> GroupRecord? {
        try await inner.group(id: id, includeMembers: includeMembers)
    }
    func replaceGroup(_ group: GroupRecord, expectedVersion: Int) async throws -> GroupRecord {
        try await inner.replaceGroup(group, expectedVersion: expectedVersion)
    }
    func deleteGroup(id: String, expectedVersion: Int?) async throws -> Bool {
        try await inner.deleteGroup(id: id, expectedVersion: expectedVersion)
    }
    func groups(matching query: GroupQuery) async throws -> GroupPage { try await inner.groups(matching: query) }
}

extension TestHTTPClient {
    /// Creates user `userName` with the members of the JSON object `fields` added; requires 201.
    func createUser(_ userName: String, fields: JSONValue) async throws -> JSONValue {
        try await createUser(userName, extra: fields.objectValue ?? JSONObject())
    }
}
