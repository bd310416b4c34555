import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

extension Suite {
    /// `okta-mappings`: Okta's attribute mappings, per-assignment overrides and group priority, judged on the
    /// request bodies Okta sends and on the user the target reads back (okta-behavior §10, §11; simulator
    /// requirements 22–24).
    public static let oktaMappings = Suite("okta-mappings", "Okta attribute mappings and assignments") {
        Scenario(
            "okta.mappings.same-value", "\"Same value for all users\" is sent on create and stored",
            .spec(.okta("10.2")), .tags("okta", "mappings"), .writes
        ) { s in
            s.okta.configure { $0.mappings["locale"] = OktaMapping(.sameValue("fr-CA")) }
            let user = OktaUserLifecycle.newUser(s, "samevalue")
            let id = try await OktaUserLifecycle.provision(s, user)
            OktaMappingChecks.sent(s, "POST", "/Users", "/locale", equals: "fr-CA")
            try await OktaLifecycleReplays.read(s, id) {
                JSON("/locale", equals: "fr-CA").because("the app would not show the value Okta says it set")
            }
        }
        Scenario(
            "okta.mappings.from-profile", "\"Map from Okta Profile\" sends the profile attribute and stores it",
            .spec(.okta("10.2")), .tags("okta", "mappings"), .writes
        ) { s in
            s.okta.configure { $0.mappings["displayName"] = OktaMapping(.profile("nickName")) }
            let user = OktaUserLifecycle.newUser(s, "fromprofile", extra: JSONObject([("nickName", "Jo")]))
            let id = try await OktaUserLifecycle.provision(s, user)
            OktaMappingChecks.sent(s, "POST", "/Users", "/displayName", equals: "Jo")
            try await OktaLifecycleReplays.read(s, id) { JSON("/displayName", equals: "Jo") }
        }
        Scenario(
            "okta.mappings.expression", "An Expression Language mapping is evaluated and its result stored",
            .spec(.okta("10.3")), .tags("okta", "mappings"), .writes
        ) { s in
            s.okta.configure {
                $0.mappings["displayName"] = OktaMapping(
                    .expression("String.toLowerCase(user.firstName) + \".\" + String.toLowerCase(user.lastName)"))
            }
            let user = OktaUserLifecycle.newUser(s, "expression")
            let id = try await OktaUserLifecycle.provision(s, user)
            OktaMappingChecks.sent(s, "POST", "/Users", "/displayName", equals: "okta.expression")
            try await OktaLifecycleReplays.read(s, id) { JSON("/displayName", equals: "okta.expression") }
        }
        Scenario(
            "okta.mappings.create-only", "A create-only mapping is not pushed again when the profile changes",
            .spec(.okta("10.2")), .spec(.okta("4.1")), .tags("okta", "mappings", "put"), .writes
        ) { s in
            s.okta.configure { $0.mappings["displayName"] = OktaMapping(.profile("nickName"), applyOn: .create) }
            let user = OktaUserLifecycle.newUser(s, "createonly", extra: JSONObject([("nickName", "First")]))
            let id = try await OktaUserLifecycle.provision(s, user)
            let task = await s.okta.updateProfile(user, JSONObject([("nickName", "Second"), ("firstName", "Changed")]))
            s.verifySucceeded(task, "Okta pushes the profile change", specs: [.okta("4.1")])
            OktaMappingChecks.sent(s, "PUT", "/Users/\(id)", "/displayName", equals: "First")
            try await OktaLifecycleReplays.read(s, id) {
                JSON("/displayName", equals: "First")
                    .because("an app that resets create-only values on update loses what its admins changed")
                    .hint("keep attributes a PUT carries unchanged as they are; store what the PUT sends")
                JSON("/name/givenName", equals: "Changed")
            }
        }
        Scenario(
            "okta.mappings.create-and-update", "A create-and-update mapping is pushed with GET then PUT",
            .spec(.okta("10.2")), .spec(.okta("4.1")), .tags("okta", "mappings", "put"), .writes
        ) { s in
            s.okta.configure { $0.mappings["displayName"] = OktaMapping(.profile("nickName")) }
            let user = OktaUserLifecycle.newUser(s, "createupdate", extra: JSONObject([("nickName", "First")]))
            let id = try await OktaUserLifecycle.provision(s, user)
            let task = await s.okta.updateProfile(user, JSONObject([("nickName", "Second")]))
            s.verifySucceeded(task, "Okta pushes the new value", specs: [.okta("4.1")])
            OktaMappingChecks.sent(s, "PUT", "/Users/\(id)", "/displayName", equals: "Second")
            try await OktaLifecycleReplays.read(s, id) {
                JSON("/displayName", equals: "Second").hint("apply every attribute of Okta's PUT")
            }
        }
        Scenario(
            "okta.mappings.assignment-override", "A per-assignment override wins, and resetting it pushes the mapping",
            .spec(.okta("11")), .tags("okta", "mappings", "assignments"), .writes
        ) { s in
            let user = OktaUserLifecycle.newUser(s, "override")
            let created = await s.okta.assign(user, overrides: ["displayName": "Overridden Name"])
            s.verify(
                "Okta provisions the user", created.succeeded, expected: "a succeeded task", actual: created.message)
            let id = try s.require(s.okta.appUser(user)?.externalID, "Okta stored the server's id")
            OktaMappingChecks.sent(s, "POST", "/Users", "/displayName", equals: "Overridden Name")
            try await OktaLifecycleReplays.read(s, id) { JSON("/displayName", equals: "Overridden Name") }
            let reset = await s.okta.assign(user, overrides: [:])
            s.verify(
                "Okta pushes the mapped value after the override is reset", reset.succeeded,
                expected: "a succeeded task", actual: reset.message, specs: [.okta("11")])
            try await OktaLifecycleReplays.read(s, id) {
                JSON("/displayName", equals: .string("Okta Override"))
                    .because("the user keeps the overridden value in the app although Okta shows the default")
            }
        }
        Scenario(
            "okta.mappings.group-priority",
            "Group-scoped values come from the highest-priority group; reordering pushes the other value",
            .spec(.okta("11")), .tags("okta", "mappings", "assignments"), .writes,
            .note(
                "uses a group-scoped app attribute mapped to title, so it holds for any app; the NinjaOne "
                    + "attributes are the ninjaone suite's")
        ) { s in
            s.okta.configure {
                $0.provisioning.pushGroups = false
                $0.profile.attributes.append(OktaAppAttribute("groupTitle", externalName: "title", scope: .group))
            }
            let user = OktaUserLifecycle.newUser(s, "priority")
            let first = s.okta.createGroup(name: s.unique("first"))
            let second = s.okta.createGroup(name: s.unique("second"))
            await s.okta.addToGroup(user, first)
            await s.okta.addToGroup(user, second)
            await s.okta.assign(group: first, values: ["groupTitle": "First Group Title"])
            await s.okta.assign(group: second, values: ["groupTitle": "Second Group Title"])
            let id = try s.require(s.okta.appUser(user)?.externalID, "Okta provisioned the group member")
            OktaMappingChecks.sent(s, "POST", "/Users", "/title", equals: "First Group Title")
            try await OktaLifecycleReplays.read(s, id) { JSON("/title", equals: "First Group Title") }
            s.okta.configure { $0.groupAssignments.reverse() }
            let task = await s.okta.updateProfile(user, JSONObject())
            s.verifySucceeded(task, "Okta pushes the value of the new first group", specs: [.okta("11")])
            OktaMappingChecks.sent(s, "PUT", "/Users/\(id)", "/title", equals: "Second Group Title")
            try await OktaLifecycleReplays.read(s, id) {
                JSON("/title", equals: "Second Group Title")
                    .because("the user keeps the old group's value after the admin reordered the groups")
            }
        }
    }
}

/// Checks on what Okta sent, as opposed to what the target answered.
enum OktaMappingChecks {
    /// Verifies that the last `method` request to a path ending in `suffix` carried `expected` at `pointer`
    /// in its JSON body.
    static func sent(
        _ s: Session, _ method: String, _ suffix: String, _ pointer: String, equals expected: JSONValue,
        fileID: String = #fileID, line: Int = #line
    ) {
        let request = s.exchanges.last { exchange in
            let path = exchange.request.url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
            return exchange.request.method == method && path.hasSuffix(suffix)
        }?.request
        let body = request?.body.flatMap { try? JSONValue.parse($0.bytes) }
        let actual = body.flatMap { JSONPointer(pointer).resolve(in: $0).value }
        s.verify(
            "Okta's \(method) body carries \(pointer) = \(expected.serialized())", actual == expected,
            expected: expected.serialized(), actual: actual?.serialized() ?? (request == nil ? "no request" : "absent"),
            specs: [.okta("10.1")], fileID: fileID, line: line)
    }
}
