import SCIMCore
import SCIMServer
import Testing

@Suite("Server profiles")
struct ProfileTests {
    @Test("Profiles name the rfc-checklist §21.1 flags; compatible has all, rfc-strict only opCaseInsensitive")
    func flags() {
        #expect(ServerProfile.compatible.enabled == Set(ServerProfile.Flag.allCases))
        #expect(ServerProfile.rfcStrict.enabled == [.patchOpCaseInsensitive])
        #expect(ServerProfile.named("RFC-Strict") == .rfcStrict)
        #expect(ServerProfile.named("compatible") == .compatible)
        #expect(ServerProfile.named("loose") == nil)
        var profile = ServerProfile.rfcStrict
        profile[.patchBooleanStrings] = true
        #expect(profile.allows(.patchBooleanStrings))
        profile[.patchBooleanStrings] = false
        #expect(profile == .rfcStrict)
        #expect(ServerProfile.Flag(rawValue: "patch.removeMembersByValue") == .patchRemoveMembersByValue)
        #expect(ServerProfile.rfcStrict.description == "rfc-strict [patch.opCaseInsensitive]")
        #expect(SCIMServerConfiguration(scimToken: "t").profile == .compatible, "DESIGN §8.1")
    }

    @Test("Compatible POSTs: Entra's extra schema URI and meta, string booleans, manager as a string (IOP-E02-E09)")
    func compatiblePosts() async throws {
        try await TestServer.with { client in
            let group: JSONValue = [
                "schemas": [
                    .string(SCIMURN.coreGroup),
                    "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group",
                ],
                "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", "displayName": "Group1DisplayName",
                "meta": ["resourceType": "Group"],
            ]
            let created = try await client.post("/Groups", json: group)
            #expect(created.status == 201, "\(created.text)")
            #expect(created.json?["schemas"] == [.string(SCIMURN.coreGroup)], "the unknown URI is dropped")
            #expect(created.json?["externalId"] == "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159")

            let manager = try await client.createUser("boss")
            let core: JSONValue = [
                "schemas": [.string(SCIMURN.coreUser), .string(SCIMURN.enterpriseUser)],
                "UserName": "entra@example.com",
                "Active": "True", "favouriteColour": "red",
            ]
            let user = core.withKey(SCIMURN.enterpriseUser, ["manager": .string(manager.id)])
            let response = try await client.post("/Users", json: user)
            #expect(response.status == 201, "\(response.text)")
            #expect(response.json?["active"] == true)
            #expect(response.json?[SCIMURN.enterpriseUser]?["manager"] == ["value": .string(manager.id)])
            #expect(response.json?["favouriteColour"] == "red", "kept as provisioned (SCH-21, lenient)")
        }
    }

    @Test("Strict POSTs refuse unknown schema URIs and coercions, and drop unknown attributes (CRT-13, SCH-21)")
    func strictPosts() async throws {
        try await TestServer.with(configure: { $0.profile = .rfcStrict }) { client in
            let core = "\"schemas\":[\"\(SCIMURN.coreUser)\"]"
            let refused = [
                "{\"schemas\":[\"\(SCIMURN.coreUser)\",\"urn:example:unknown\"],\"userName\":\"x1\"}",
                "{\(core),\"userName\":\"x2\",\"active\":\"True\"}",
                "{\(core),\"userName\":\"x3\",\"urn:example:custom:2.0:User\":{\"a\":1}}",
                "{\(core),\"userName\":\"x4\",\"\(SCIMURN.enterpriseUser)\":{\"manager\":\"someone\"}}",
            ]
            for body in refused {
                let response = try await client.send("POST", "/Users", body: body)
                expectSCIMError(response, status: 400, scimType: "invalidValue")
            }
            let dropped = try await client.send(
                "POST", "/Users", body: "{\(core),\"userName\":\"x5\",\"colour\":\"red\"}")
            #expect(dropped.status == 201)
            #expect(dropped.json?["colour"] == nil)
            let json = try await client.send(
                "POST", "/Users", body: "{\(core),\"userName\":\"x6\"}", contentType: "application/json")
            #expect(json.status == 201, "application/json stays accepted: RFC 7644 §3.8 says SHOULD (GEN-03)")
        }
    }
}
