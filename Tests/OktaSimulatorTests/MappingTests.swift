import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckTestSupport
import SCIMCore
import Testing

/// Mapping kinds, overrides and group priority as they reach the wire (okta-behavior §10–§11, §13).
@Suite struct MappingTests {
    static let userType = "ninja_group_userType"
    static let organization = "ninja_group_organizationId"

    func created(_ transport: ScriptedTransport) throws -> JSONValue {
        try json(transport.sent.last { $0.method == "POST" }?.body)
    }

    func ninjaTarget() -> ScriptedTransport {
        target([
            ("GET /Users?filter", 200, emptyList), ("POST /Users", 201, createdUser), ("GET /Users/", 200, createdUser),
            ("PUT /Users/", 200, createdUser),
        ])
    }

    @Test("Same value for all users lands under the NinjaOne URN, which joins schemas")
    func sameValue() async throws {
        let transport = ninjaTarget()
        let okta = engine(transport, app: .ninjaOne)
        okta.configure { $0.mappings[Self.userType] = OktaMapping(.sameValue("technician")) }
        await okta.assign(okta.createUser(login: "a@example.com", firstName: "A", lastName: "B"))
        let body = try created(transport)
        #expect(body[SCIMURN.ninjaOneUser]?["userType"] == "technician")
        #expect(body["schemas"] == [.string(SCIMURN.coreUser), .string(SCIMURN.ninjaOneUser)])
    }

    @Test("Map from Okta profile and expressions, with group functions")
    func profileAndExpression() async throws {
        let transport = ninjaTarget()
        let okta = engine(transport, app: .ninjaOne)
        okta.configure { app in
            app.mappings[Self.organization] = OktaMapping(.profile("ninjaOrg"))
            app.mappings[Self.userType] = OktaMapping(
                .expression("isMemberOfGroupName('Technicians') ? 'technician' : 'endUser'"))
        }
        let user = okta.createUser(
            login: "t@example.com", firstName: "T", lastName: "U", extra: JSONObject([("ninjaOrg", "12,31")]))
        let group = okta.createGroup(name: "Technicians")
        await okta.addToGroup(user, group)
        await okta.assign(user)
        let body = try created(transport)
        #expect(body[SCIMURN.ninjaOneUser]?["organizationId"] == "12,31")
        #expect(body[SCIMURN.ninjaOneUser]?["userType"] == "technician")
    }

    @Test("A user override beats a group assignment value, which beats the mapping; group priority decides")
    func overridesAndPriority() async throws {
        let transport = ninjaTarget()
        let okta = engine(transport, app: .ninjaOne)
        okta.configure { $0.mappings[Self.userType] = OktaMapping(.sameValue("endUser")) }
        let high = okta.createGroup(name: "High")
        let low = okta.createGroup(name: "Low")
        let member = okta.createUser(login: "m@example.com", firstName: "M", lastName: "N")
        let direct = okta.createUser(login: "d@example.com", firstName: "D", lastName: "N")
        await okta.addToGroup(member, low)
        await okta.addToGroup(member, high)
        await okta.addToGroup(direct, low)
        await okta.assign(group: high, values: [Self.userType: "technician", Self.organization: "All"])
        await okta.assign(group: low, values: [Self.userType: "endUser", Self.organization: "7"])
        let memberBody = try json(transport.sent.first { $0.method == "POST" }?.body)
        #expect(memberBody[SCIMURN.ninjaOneUser]?["userType"] == "technician")
        #expect(memberBody[SCIMURN.ninjaOneUser]?["organizationId"] == "All")
        await okta.assign(direct, overrides: [Self.userType: "technician"])
        let directPush = try json(transport.sent.last?.body)
        #expect(directPush[SCIMURN.ninjaOneUser]?["userType"] == "technician")
    }

    @Test("Combine values across groups sends the union in priority order; group priority sends the first")
    func combineAcrossGroups() async throws {
        let transport = ninjaTarget()
        let okta = engine(transport, app: .ninjaOne)
        okta.configure { app in
            app.profile.attributes.removeAll { $0.variableName == Self.organization }
            app.profile.attributes.append(
                OktaAppAttribute(
                    Self.organization, externalName: "organizationId", namespace: SCIMURN.ninjaOneUser,
                    scope: .group, groupValues: .combine))
        }
        let first = okta.createGroup(name: "First")
        let second = okta.createGroup(name: "Second")
        let user = okta.createUser(login: "c@example.com", firstName: "C", lastName: "N")
        await okta.addToGroup(user, first)
        await okta.addToGroup(user, second)
        await okta.assign(group: first, values: [Self.organization: ["1", "2"]])
        #expect(try created(transport)[SCIMURN.ninjaOneUser]?["organizationId"] == ["1", "2"])
        await okta.assign(group: second, values: [Self.organization: ["2", "3"]])
        let pushed = try json(transport.sent.last { $0.method == "PUT" }?.body)
        #expect(pushed[SCIMURN.ninjaOneUser]?["organizationId"] == ["1", "2", "3"])
    }

    @Test("Create-only mappings are not pushed again; create-and-update ones are")
    func applyOn() async throws {
        let transport = ninjaTarget()
        let okta = engine(transport)
        okta.configure { app in
            app.mappings["givenName"] = OktaMapping(.profile("firstName"), applyOn: .create)
        }
        let user = okta.createUser(login: "c@example.com", firstName: "First", lastName: "Last")
        await okta.assign(user)
        let unchanged = await okta.updateProfile(user, JSONObject([("firstName", "Second")]))
        #expect(unchanged == nil)
        #expect(transport.sent.last?.method == "POST")
        await okta.updateProfile(user, JSONObject([("lastName", "Later")]))
        let put = try json(transport.sent.last?.body)
        #expect(put["name"]?["familyName"] == "Later")
        #expect(put["name"]?["givenName"] == "Test")
    }

    @Test("A failing expression fails the task with its position; nothing is sent")
    func failingExpression() async {
        let transport = ninjaTarget()
        let okta = engine(transport, app: .ninjaOne)
        okta.configure { $0.mappings[Self.userType] = OktaMapping(.expression("user.firstName +")) }
        let task = await okta.assign(okta.createUser(login: "x@example.com", firstName: "X", lastName: "Y"))
        #expect(!task.succeeded)
        #expect(task.message.contains("the mapping of ninja_group_userType failed"))
        #expect(!transport.sent.contains { $0.method == "POST" })
    }

    @Test("Attributes without a namespace are never sent")
    func noNamespace() async throws {
        let transport = ninjaTarget()
        let okta = engine(transport)
        okta.configure { app in
            app.profile.attributes.append(OktaAppAttribute("costCenter", externalName: "costCenter", namespace: nil))
            app.mappings["costCenter"] = OktaMapping(.sameValue("42"))
        }
        await okta.assign(okta.createUser(login: "n@example.com", firstName: "N", lastName: "S"))
        #expect(try created(transport)["costCenter"] == nil)
    }

    @Test("Preview shows the value and the exact body per test user")
    func preview() {
        let rows = OktaPreview.run(
            attribute: OktaAppAttribute("userType", externalName: "userType", namespace: SCIMURN.ninjaOneUser),
            mapping: OktaMapping(.expression("isMemberOfGroupName('Technicians') ? 'technician' : 'endUser'")),
            users: [
                JSONObject([("login", "t@example.com"), ("firstName", "T"), ("groups", ["Technicians"])]),
                JSONObject([("login", "e@example.com"), ("firstName", "E")]),
            ])
        #expect(rows.map(\.value) == ["technician", "endUser"])
        #expect(rows[0].body?[SCIMURN.ninjaOneUser]?["userType"] == "technician")
        #expect(rows[0].body?["password"] == "********")
        let broken = OktaPreview.run(
            attribute: OktaAppAttribute("x", externalName: "x"), mapping: OktaMapping(.expression("user.a ==")),
            users: [JSONObject([("login", "b@example.com")])])
        #expect(broken[0].error?.contains("failed") == true)
    }

    @Test("Filtered external names write into the matching element")
    func attributePaths() throws {
        var object = JSONObject()
        try #require(OktaAttributePath("emails.^[primary==true].value")).write("a@b.c", into: &object)
        try #require(OktaAttributePath("emails.^[primary==true].type")).write("work", into: &object)
        try #require(OktaAttributePath("roles.^[type=='base'].value")).write("admin", into: &object)
        try #require(OktaAttributePath("name.givenName")).write("G", into: &object)
        #expect(
            JSONValue.object(object)
                == (try JSONValue.parse(
                    #"{"emails":[{"primary":true,"value":"a@b.c","type":"work"}],"roles":[{"type":"base","value":"admin"}],"name":{"givenName":"G"}}"#
                )))
        #expect(OktaAttributePath("emails.[2].value") == nil)
        #expect(OktaAttributePath("a..b") == nil)
    }
}
