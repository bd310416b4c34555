import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckTestSupport
import SCIMCore
import Synchronization
import Testing

/// Deterministic ids and passwords, as the dossier's examples show them.
struct FixedRandomness: OktaRandomness {
    var userIDs: [String] = ["00ujl29u0le5T6Aj10h7"]
    var groupIDs: [String] = ["00gabcdefGHIJKLMNOP"]
    var fixedPassword = "1mz050nq"
    let counter = Counter()

    final class Counter: Sendable {
        let users = Mutex(0)
        let groups = Mutex(0)
    }

    func userID() -> String {
        counter.users.withLock { index in
            defer { index += 1 }
            return index < userIDs.count ? userIDs[index] : "00uGenerated\(index)abcdef"
        }
    }

    func groupID() -> String {
        counter.groups.withLock { index in
            defer { index += 1 }
            return index < groupIDs.count ? groupIDs[index] : "00gGenerated\(index)abcdef"
        }
    }

    func password() -> String { fixedPassword }
}

/// A scripted SCIM target: answers by method and path prefix, in order of the rules.
func target(_ rules: [(String, Int, String)]) -> ScriptedTransport {
    ScriptedTransport { request in
        let path = request.url.replacingOccurrences(of: "https://scim.example.com/scim/v2", with: "")
        for (prefix, status, body) in rules where "\(request.method) \(path)".hasPrefix(prefix) {
            return (status, ["Content-Type: text/json;charset=UTF-8"], body)
        }
        return (
            404, [], #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"no rule","status":404}"#
        )
    }
}

func engine(
    _ transport: ScriptedTransport, app: OktaApp = OktaApp(name: "SCIM App"), settings: [String: String] = [:]
)
    -> OktaEngine
{
    let session = Session(context: context(transport, settings: settings, baseURL: "https://scim.example.com/scim/v2"))
    return OktaEngine(session: session, app: app, randomness: FixedRandomness())
}

func json(_ body: Body?) throws -> JSONValue {
    try JSONValue.parse(try #require(body).bytes)
}

let emptyList =
    #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"startIndex":1,"itemsPerPage":0,"Resources":[]}"#
let createdUser = #"""
    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"23a35c27-23d3-4c03-b4c5-6443c09e7173",
    "userName":"test.user@okta.local","name":{"givenName":"Test","familyName":"User"},
    "emails":[{"primary":true,"value":"test.user@okta.local","type":"work","display":"test.user@okta.local"}],
    "displayName":"Test User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","active":true,"groups":[],
    "meta":{"resourceType":"User"}}
    """#
let userID = "23a35c27-23d3-4c03-b4c5-6443c09e7173"
let groupID = "abf4dd94-a4c0-4f67-89c9-76b03340cb9b"

/// Every request example the dossier copies from Okta (Tests/OktaSimulatorTests/README.md lists them),
/// reproduced by driving the engine to the same situation.
@Suite struct GoldenWireTests {
    func provisionedTestUser(_ transport: ScriptedTransport) async -> (OktaEngine, OktaUser) {
        let okta = engine(transport)
        let user = okta.createUser(login: "test.user@okta.local", firstName: "Test", lastName: "User")
        await okta.assign(user)
        return (okta, user)
    }

    @Test("§2.2 existence check and §2.4 create: query byte for byte, body canonical, production headers")
    func createUser() async throws {
        let transport = target([("GET /Users?filter", 200, emptyList), ("POST /Users", 201, createdUser)])
        let (okta, user) = await provisionedTestUser(transport)
        let sent = transport.sent
        #expect(sent.count == 2)
        #expect(
            sent[0].url
                == "https://scim.example.com/scim/v2/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100"
        )
        #expect(sent[0].method == "GET" && sent[0].body == nil)
        #expect(sent[1].method == "POST")
        #expect(sent[1].url == "https://scim.example.com/scim/v2/Users")
        let expected = try JSONValue.parse(
            #"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"test.user@okta.local",
             "name":{"givenName":"Test","familyName":"User"},
             "emails":[{"primary":true,"value":"test.user@okta.local","type":"work"}],
             "displayName":"Test User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],
             "password":"1mz050nq","active":true}
            """#)
        #expect(try json(sent[1].body) == expected)
        #expect(
            sent[1].headers == [
                HTTPHeader("Accept", "application/scim+json"), HTTPHeader("Accept-Charset", "utf-8"),
                HTTPHeader("Content-Type", "application/scim+json; charset=utf-8"),
                HTTPHeader("User-Agent", "Okta SCIM Client 1.0.0"), HTTPHeader("Authorization", "Bearer s3cr3t-token"),
                HTTPHeader("Connection", "Keep-Alive"),
            ])
        #expect(okta.appUser(user)?.externalID == userID)
        #expect(okta.tasks.last?.succeeded == true)
    }

    @Test("§2.2 with Okta's 2018 form encoding (filter-spaces=+)")
    func legacyFilterEncoding() async throws {
        let transport = target([("GET /Users?filter", 200, emptyList), ("POST /Users", 201, createdUser)])
        let okta = engine(transport, settings: ["filter-spaces": "+"])
        await okta.assign(okta.createUser(login: "jane.doe@example.com", firstName: "Jane", lastName: "Doe"))
        #expect(
            transport.sent[0].url
                == "https://scim.example.com/scim/v2/Users?filter=userName+eq+%22jane.doe%40example.com%22&startIndex=1&count=100"
        )
    }

    @Test("§4.1 profile update: GET, then PUT of the returned resource with only the change applied")
    func profileUpdate() async throws {
        // The server's resource as S1's PUT example shows it before the change.
        let fetched = #"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"23a35c27-23d3-4c03-b4c5-6443c09e7173",
             "userName":"test.user@okta.local","name":{"givenName":"Test","familyName":"User"},
             "emails":[{"primary":true,"value":"test.user@okta.local","type":"work","display":"test.user@okta.local"}],
             "active":true,"groups":[],"meta":{"resourceType":"User"}}
            """#
        let transport = target([
            ("GET /Users?filter", 200, emptyList), ("POST /Users", 201, createdUser), ("GET /Users/", 200, fetched),
            ("PUT /Users/", 200, createdUser),
        ])
        let (okta, user) = await provisionedTestUser(transport)
        okta.configure { app in
            app.profile.attributes.append(OktaAppAttribute("middleName", externalName: "name.middleName"))
            app.mappings["middleName"] = OktaMapping(.profile("middleName"))
        }
        await okta.updateProfile(user, JSONObject([("firstName", "Another"), ("middleName", "Excited")]))
        let sent = transport.sent
        #expect(sent.map(\.method) == ["GET", "POST", "GET", "PUT"])
        #expect(sent[2].url == "https://scim.example.com/scim/v2/Users/\(userID)")
        #expect(sent[3].url == "https://scim.example.com/scim/v2/Users/\(userID)")
        let expected = try JSONValue.parse(
            #"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"23a35c27-23d3-4c03-b4c5-6443c09e7173",
             "userName":"test.user@okta.local","name":{"givenName":"Another","middleName":"Excited","familyName":"User"},
             "emails":[{"primary":true,"value":"test.user@okta.local","type":"work","display":"test.user@okta.local"}],
             "active":true,"groups":[],"meta":{"resourceType":"User"}}
            """#)
        #expect(try json(sent[3].body) == expected)
        #expect(okta.tasks.last?.succeeded == true)
    }

    @Test("§5.1 deactivate (OIN): path-less PATCH with lowercase op")
    func deactivate() async throws {
        let transport = target([
            ("GET /Users?filter", 200, emptyList), ("POST /Users", 201, createdUser), ("PATCH /Users/", 204, ""),
        ])
        let (okta, user) = await provisionedTestUser(transport)
        await okta.unassign(user)
        let patch = try #require(transport.sent.last)
        #expect(patch.method == "PATCH")
        #expect(patch.url == "https://scim.example.com/scim/v2/Users/\(userID)")
        #expect(
            try json(patch.body)
                == JSONValue.parse(
                    #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}"#
                ))
        #expect(patch.headers.first(named: "Content-Type") == "application/scim+json; charset=utf-8")
        #expect(okta.appUser(user)?.status == .deactivated)
        #expect(!transport.sent.contains { $0.method == "DELETE" })
    }

    @Test("§7.3 create group with members: [] and §7.4 rename PATCH carrying id")
    func pushGroup() async throws {
        let transport = target([
            ("GET /Groups?filter", 200, emptyList),
            (
                "POST /Groups", 201,
                #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"\#(groupID)","displayName":"Test SCIMv2","members":[],"meta":{"resourceType":"Group"}}"#
            ),
            ("PATCH /Groups/", 204, ""),
        ])
        let okta = engine(transport)
        let group = okta.createGroup(name: "Test SCIMv2")
        await okta.pushGroup(group)
        await okta.renameGroup(group, to: "Test SCIMv2")
        let sent = transport.sent
        #expect(
            sent[0].url
                == "https://scim.example.com/scim/v2/Groups?filter=displayName%20eq%20%22Test%20SCIMv2%22&startIndex=1&count=100"
        )
        #expect(
            try json(sent[1].body)
                == JSONValue.parse(
                    #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Test SCIMv2","members":[]}"#
                ))
        #expect(sent[2].url == "https://scim.example.com/scim/v2/Groups/\(groupID)")
        #expect(
            try json(sent[2].body)
                == JSONValue.parse(
                    #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"id":"\#(groupID)","displayName":"Test SCIMv2"}}]}"#
                ))
    }

    @Test("§7.5 membership PATCH: one remove per member, one add with value and display, then the rename")
    func membership() async throws {
        let other = "89bb1940-b905-4575-9e7f-6f887cfb368e"
        let transport = ScriptedTransport { request in
            switch (request.method, request.url) {
            case ("GET", let url) where url.contains("filter=userName%20eq%20%22old"):
                return (200, [], #"{"totalResults":1,"Resources":[{"id":"\#(other)"}]}"#)
            case ("GET", let url) where url.contains("/Users?filter"): return (200, [], emptyList)
            case ("GET", let url) where url.contains("/Groups?filter"):
                return (200, [], #"{"totalResults":1,"Resources":[{"id":"\#(groupID)"}]}"#)
            case ("GET", _), ("PUT", _): return (200, [], createdUser)
            case ("POST", _): return (201, [], createdUser)
            default: return (204, [], "")
            }
        }
        let okta = engine(transport)
        okta.configure { $0.provisioning.pushMembershipsImmediately = false }
        let leaving = okta.createUser(login: "old.user@okta.local", firstName: "Old", lastName: "User")
        let joining = okta.createUser(login: "test.user@okta.local", firstName: "Test", lastName: "User")
        await okta.assign(leaving)
        await okta.assign(joining)
        let group = okta.createGroup(name: "Test SCIMv2")
        await okta.pushGroup(group)
        let before = transport.sent.count
        await okta.changeMembers(of: group, adding: [leaving], removing: [])
        let afterFirst = transport.sent.count
        await okta.changeMembers(of: group, adding: [joining], removing: [leaving])
        let sent = Array(transport.sent[afterFirst...])
        #expect(afterFirst - before == 2)
        #expect(sent.map(\.method) == ["PATCH", "PATCH"])
        #expect(
            try json(sent[0].body)
                == JSONValue.parse(
                    #"""
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                     {"op":"remove","path":"members[value eq \"89bb1940-b905-4575-9e7f-6f887cfb368e\"]"},
                     {"op":"add","path":"members","value":[{"value":"23a35c27-23d3-4c03-b4c5-6443c09e7173","display":"test.user@okta.local"}]}]}
                    """#))
        #expect(try json(sent[1].body)["Operations"]?[0]?["value"]?["id"] == .string(groupID))
    }

    @Test("§7.5 full push replaces all members; §7.7 unlink with delete sends DELETE /Groups/{id}")
    func fullPushAndDelete() async throws {
        let transport = target([
            ("GET /Users?filter", 200, emptyList), ("POST /Users", 201, createdUser),
            ("GET /Groups?filter", 200, #"{"totalResults":1,"Resources":[{"id":"\#(groupID)"}]}"#),
            ("PATCH /Groups/", 200, #"{"id":"\#(groupID)","displayName":"Test SCIMv2","members":null}"#),
            ("DELETE /Groups/", 204, ""),
        ])
        let (okta, user) = await provisionedTestUser(transport)
        let group = okta.createGroup(name: "Test SCIMv2")
        okta.configure { $0.provisioning.pushMembershipsImmediately = false }
        await okta.addToGroup(user, group)
        await okta.pushGroup(group)
        await okta.pushNow(group)
        let replace = transport.sent.last {
            $0.method == "PATCH" && (try? json($0.body))?["Operations"]?[0]?["path"] == "members"
        }
        #expect(
            try json(replace?.body)
                == JSONValue.parse(
                    #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"members","value":[{"value":"\#(userID)","display":"test.user@okta.local"}]}]}"#
                ))
        await okta.unlinkPushedGroup(group, deleteInTarget: true)
        #expect(transport.sent.last?.method == "DELETE")
        #expect(transport.sent.last?.url == "https://scim.example.com/scim/v2/Groups/\(groupID)")
        #expect(transport.sent.last?.body == nil)
    }

    @Test("§7.6 AIW apps push groups with PUT and the full member list")
    func aiwGroupPut() async throws {
        let transport = target([
            ("GET /Users?filter", 200, emptyList), ("POST /Users", 201, createdUser),
            ("GET /Groups?filter", 200, #"{"totalResults":1,"Resources":[{"id":"\#(groupID)"}]}"#),
            ("PUT /Groups/", 200, #"{"id":"\#(groupID)"}"#),
        ])
        let okta = engine(transport, settings: ["app": "aiw"])
        let user = okta.createUser(login: "test.user@okta.local", firstName: "Test", lastName: "User")
        await okta.assign(user)
        let group = okta.createGroup(name: "Test SCIMv2")
        await okta.addToGroup(user, group)
        await okta.pushGroup(group)
        let put = try #require(transport.sent.last)
        #expect(put.method == "PUT" && put.url == "https://scim.example.com/scim/v2/Groups/\(groupID)")
        #expect(
            try json(put.body)
                == JSONValue.parse(
                    #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Test SCIMv2","members":[{"value":"\#(userID)","display":"test.user@okta.local"}]}"#
                ))
    }

    @Test("§2.4 and §5.1 as Okta's 2018 captures show them: full headers with Accept-Encoding (accept-encoding=on)")
    func fullHeaders2018() async throws {
        let transport = ScriptedTransport { request in
            switch request.method {
            case "GET": (200, [], emptyList)
            case "POST": (201, [], createdUser)
            default: (204, [], "")
            }
        }
        var randomness = FixedRandomness()
        randomness.userIDs = ["00uv931EiyRsnwOGa0g3"]
        randomness.fixedPassword = "4a9XuKkx"
        let session = Session(
            context: context(
                transport, credentials: .bearer("{token}"), settings: ["accept-encoding": "on"],
                baseURL: "https://scimapp.okta1.com:1910/v2"))
        let okta = OktaEngine(session: session, app: OktaApp(name: "SCIM App"), randomness: randomness)
        let jane = okta.createUser(
            login: "jane.doe@example.com", firstName: "Jane", lastName: "Doe", extra: JSONObject([("locale", "en_US")]))
        await okta.assign(jane)
        await okta.unassign(jane)
        let sent = transport.sent
        try #require(sent.map(\.method) == ["GET", "POST", "PATCH"])
        let withBody = [
            HTTPHeader("Accept", "application/scim+json"), HTTPHeader("Accept-Charset", "utf-8"),
            HTTPHeader("Content-Type", "application/scim+json; charset=utf-8"),
            HTTPHeader("User-Agent", "Okta SCIM Client 1.0.0"), HTTPHeader("Authorization", "Bearer {token}"),
            HTTPHeader("Connection", "Keep-Alive"), HTTPHeader("Accept-Encoding", "gzip,deflate"),
        ]
        #expect(sent[1].url == "https://scimapp.okta1.com:1910/v2/Users")
        #expect(sent[1].headers == withBody)
        #expect(
            try json(sent[1].body)
                == JSONValue.parse(
                    #"""
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"jane.doe@example.com",
                     "name":{"givenName":"Jane","familyName":"Doe"},
                     "emails":[{"primary":true,"value":"jane.doe@example.com","type":"work"}],
                     "displayName":"Jane Doe","locale":"en_US","externalId":"00uv931EiyRsnwOGa0g3","groups":[],
                     "password":"4a9XuKkx","active":true}
                    """#))
        #expect(sent[2].url == "https://scimapp.okta1.com:1910/v2/Users/\(userID)")
        #expect(sent[2].headers == withBody)
        #expect(sent[0].headers == withBody.filter { $0.name != "Content-Type" })
    }

    @Test("§4.1/§6 the 2018 AIW PUT: the returned resource, meta and externalId echoed, with the synced password")
    func aiwPasswordPut2018() async throws {
        let fetched = #"""
            {"id":"\#(userID)","externalId":"00uq2kqg7YTkFo3cY0g3",
             "meta":{"resourceType":"User","created":"04-12-2018 00:00:00","lastModified":"04-12-2018 00:00:00",
                     "version":"v1.0"},
             "schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"test.user@okta.local","active":true}
            """#
        let transport = target([
            ("GET /Users?filter", 200, emptyList), ("POST /Users", 201, createdUser), ("GET /Users/", 200, fetched),
            ("PUT /Users/", 200, fetched),
        ])
        let okta = engine(transport, settings: ["app": "aiw"])
        okta.configure { $0.provisioning.syncPassword = true }
        let user = okta.createUser(login: "test.user@okta.local", firstName: "Test", lastName: "User")
        await okta.assign(user)
        let task = await okta.resetPassword(user, to: "TkdFNVdIVkxhM2c9")
        let sent = transport.sent
        try #require(sent.map(\.method) == ["GET", "POST", "GET", "PUT"])
        #expect(sent[3].url == "https://scim.example.com/scim/v2/Users/\(userID)")
        var expected = try #require(try JSONValue.parse(fetched).objectValue)
        expected["password"] = "TkdFNVdIVkxhM2c9"
        #expect(try json(sent[3].body) == .object(expected))
        #expect(task?.succeeded == true)
    }

    @Test("§7.3 the 2018 group create with members inline (group-create-members=inline); no PATCH follows")
    func inlineMembers2018() async throws {
        let transport = target([
            ("GET /Users?filter", 200, emptyList), ("POST /Users", 201, createdUser),
            ("GET /Groups?filter", 200, emptyList),
            ("POST /Groups", 201, #"{"id":"\#(groupID)","displayName":"Example Group","members":[]}"#),
        ])
        let okta = engine(transport, settings: ["group-create-members": "inline"])
        let user = okta.createUser(login: "test.user@okta.local", firstName: "Test", lastName: "User")
        await okta.assign(user)
        let group = okta.createGroup(name: "Example Group")
        await okta.addToGroup(user, group)
        let task = await okta.pushGroup(group)
        #expect(transport.sent.map(\.method) == ["GET", "POST", "GET", "POST"])
        #expect(
            try json(transport.sent[3].body)
                == JSONValue.parse(
                    #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Example Group","members":[{"value":"\#(userID)","display":"test.user@okta.local"}]}"#
                ))
        #expect(task.succeeded)
        #expect(okta.pushedGroupID(group) == groupID)
    }

    @Test("§3 import of groups: GET /Groups?startIndex=1&count=100")
    func importGroups() async throws {
        let transport = target([("GET /Groups", 200, emptyList)])
        let result = await engine(transport).importGroups()
        #expect(transport.sent.map(\.url) == ["https://scim.example.com/scim/v2/Groups?startIndex=1&count=100"])
        #expect(transport.sent[0].headers.first(named: "Accept-Encoding") == nil)
        #expect(result.task.succeeded && result.resources.isEmpty)
    }

    @Test("§3 import pages with count=100 until totalResults is covered")
    func importPaging() async throws {
        let transport = ScriptedTransport { request in
            let start = request.url.contains("startIndex=101") ? 101 : 1
            let count = start == 1 ? 100 : 50
            let resources = (0..<count).map { #"{"id":"u\#(start + $0)"}"# }.joined(separator: ",")
            return (
                200, [],
                #"{"totalResults":150,"startIndex":\#(start),"itemsPerPage":\#(count),"Resources":[\#(resources)]}"#
            )
        }
        let result = await engine(transport).importUsers()
        #expect(
            transport.sent.map(\.url) == [
                "https://scim.example.com/scim/v2/Users?startIndex=1&count=100",
                "https://scim.example.com/scim/v2/Users?startIndex=101&count=100",
            ])
        #expect(result.resources.count == 150)
        #expect(result.task.succeeded)
    }
}
