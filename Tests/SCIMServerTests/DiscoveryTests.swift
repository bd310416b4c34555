import SCIMCore
import Testing

@Suite("Discovery: ResourceTypes and Schemas")
struct DiscoveryTests {
    static let types: Set<String> = [
        "string", "boolean", "decimal", "integer", "dateTime", "reference", "binary", "complex",
    ]

    /// Checks one attribute definition against RFC 7643 §7 (DISC-11, SCH-22), recursing into sub-attributes.
    static func checkAttribute(_ attribute: JSONValue, nested: Bool = false) {
        let name = attribute["name"]?.stringValue ?? "?"
        #expect(attribute["name"]?.stringValue?.isEmpty == false)
        #expect(attribute["type"]?.stringValue.map(types.contains) == true, "\(name) type")
        #expect(attribute["multiValued"]?.boolValue != nil, "\(name) multiValued")
        #expect(attribute["description"]?.stringValue?.isEmpty == false, "\(name) description")
        #expect(attribute["required"]?.boolValue != nil, "\(name) required")
        #expect(
            ["readOnly", "readWrite", "immutable", "writeOnly"].contains(attribute["mutability"]?.stringValue ?? ""),
            "\(name) mutability")
        #expect(
            ["always", "never", "default", "request"].contains(attribute["returned"]?.stringValue ?? ""),
            "\(name) returned")
        #expect(
            ["none", "server", "global"].contains(attribute["uniqueness"]?.stringValue ?? ""), "\(name) uniqueness")
        if attribute["type"] == "string" { #expect(attribute["caseExact"]?.boolValue != nil, "\(name) caseExact") }
        if attribute["type"] == "reference" { #expect(attribute["referenceTypes"]?.arrayValue != nil, "\(name)") }
        if attribute["type"] == "complex" {
            #expect(!nested, "no complex sub-attributes (SCH-22): \(name)")
            let subs = attribute["subAttributes"]?.arrayValue ?? []
            #expect(!subs.isEmpty, "\(name) subAttributes")
            for sub in subs { checkAttribute(sub, nested: true) }
        }
    }

    @Test("Every ResourceType's schema and extensions resolve in /Schemas, and the documents are complete (DISC-05-13)")
    func consistent() async throws {
        try await TestServer.with { client in
            let types = try await client.resource("/ResourceTypes")
            #expect(types["schemas"] == [.string(SCIMURN.listResponse)])
            let resources = try #require(types["Resources"]?.arrayValue)
            #expect(Set(resources.compactMap { $0["name"]?.stringValue }) == ["User", "Group"])
            #expect(types["totalResults"] == .int(resources.count))
            var referenced: Set<String> = []
            for type in resources {
                #expect(type["schemas"] == [.string(SCIMURN.resourceType)])
                let name = try #require(type["name"]?.stringValue)
                #expect(type["endpoint"] == .string("/\(name)s"))
                #expect(type["meta"]?["resourceType"] == "ResourceType")
                #expect(type["meta"]?["location"] == .string("\(client.base)/ResourceTypes/\(name)"))
                #expect(try await client.resource("/ResourceTypes/\(name)") == type, "DISC-08")
                referenced.insert(try #require(type["schema"]?.stringValue))
                for ext in type["schemaExtensions"]?.arrayValue ?? [] {
                    referenced.insert(try #require(ext["schema"]?.stringValue))
                    #expect(ext["required"] == false)
                }
            }
            #expect(
                referenced == [
                    SCIMURN.coreUser, SCIMURN.enterpriseUser, SCIMURN.ninjaOneUser, SCIMURN.coreGroup,
                ])
            let schemas = try await client.resource("/Schemas")
            let listed = try #require(schemas["Resources"]?.arrayValue)
            #expect(Set(listed.compactMap { $0["id"]?.stringValue }) == referenced, "DISC-06, DISC-09")
            for urn in referenced {
                let schema = try await client.resource("/Schemas/\(urn)")
                #expect(schema["id"] == .string(urn))
                #expect(schema["schemas"] == [.string(SCIMURN.schema)])
                #expect(schema["meta"]?["resourceType"] == "Schema")
                #expect(schema["meta"]?["location"] == .string("\(client.base)/Schemas/\(urn)"))
                #expect(schema["name"]?.stringValue?.isEmpty == false)
                for attribute in schema["attributes"]?.arrayValue ?? [] { Self.checkAttribute(attribute) }
                #expect(listed.contains(schema))
            }
            #expect(try await client.get("/Schemas/\(SCIMURN.coreUser.uppercased())").status == 200, "URNs ignore case")
            #expect(try await client.get("/ResourceTypes/user").status == 200)
        }
    }

    @Test("Schemas tell the truth: userName, password, groups, members, NinjaOne attributes (DISC-12, DESIGN §8.3)")
    func truthful() async throws {
        try await TestServer.with { client in
            func attribute(_ schema: JSONValue, _ name: String) -> JSONValue? {
                schema["attributes"]?.arrayValue?.first { $0["name"] == .string(name) }
            }
            let user = try await client.resource("/Schemas/\(SCIMURN.coreUser)")
            let userName = attribute(user, "userName")
            #expect(userName?["required"] == true)
            #expect(userName?["caseExact"] == false)
            #expect(userName?["uniqueness"] == "server")
            #expect(attribute(user, "password")?["mutability"] == "writeOnly")
            #expect(attribute(user, "password")?["returned"] == "never")
            #expect(attribute(user, "groups")?["mutability"] == "readOnly")
            let group = try await client.resource("/Schemas/\(SCIMURN.coreGroup)")
            let members = try #require(attribute(group, "members"))
            let value = members["subAttributes"]?.arrayValue?.first { $0["name"] == "value" }
            #expect(value?["mutability"] == "immutable")
            let ninja = try await client.resource("/Schemas/\(SCIMURN.ninjaOneUser)")
            for name in ["userType", "organizationId"] {
                let definition = try #require(attribute(ninja, name))
                #expect(definition["type"] == "string")
                #expect(definition["multiValued"] == false)
            }
            let enterprise = try await client.resource("/Schemas/\(SCIMURN.enterpriseUser)")
            #expect(attribute(enterprise, "manager")?["type"] == "complex")
        }
    }

    @Test("Message schemas are not discoverable; filter is 403; other parameters ignored; writes 405 (GEN-11, DISC-10)")
    func rules() async throws {
        try await TestServer.with { client in
            for urn in [SCIMURN.listResponse, SCIMURN.patchOp, SCIMURN.error, "urn:nope"] {
                expectSCIMError(try await client.get("/Schemas/\(urn)"), status: 404)
            }
            let schemas = try await client.resource("/Schemas")
            #expect(
                schemas["Resources"]?.arrayValue?.allSatisfy {
                    $0["id"]?.stringValue?.hasPrefix("urn:ietf:params:scim:api:") == false
                } == true)
            expectSCIMError(try await client.get("/ResourceTypes/Widget"), status: 404)
            for path in ["/Schemas", "/ResourceTypes", "/ResourceTypes/User", "/Schemas/\(SCIMURN.coreUser)"] {
                expectSCIMError(try await client.get("\(path)?filter=" + queryEncoded("id eq \"x\"")), status: 403)
            }
            let counted = try await client.get("/ResourceTypes?count=1&startIndex=2")
            #expect(counted.json?["Resources"]?.arrayValue?.count == 2, "count and startIndex are ignored")
            for (method, path) in [("POST", "/Schemas"), ("PUT", "/ResourceTypes/User"), ("DELETE", "/Schemas")] {
                let response = try await client.send(method, path, body: "{}")
                expectSCIMError(response, status: 405)
                #expect(response.header("Allow") == "GET")
            }
            expectSCIMError(try await client.get("/Schemas", authorized: false), status: 401)
        }
    }
}
