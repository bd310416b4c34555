import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

extension Suite {
    /// `okta-push-groups`: Okta's Push Groups against the target (okta-behavior §7; DESIGN §4).
    public static let oktaPushGroups = Suite("okta-push-groups", "Okta Push Groups") {
        Scenario(
            "okta.groups.push-create", "Pushing a new group: lookup, POST with members [], membership and rename PATCH",
            .spec(.okta("7.2")), .spec(.okta("7.3")), .spec(.okta("7.4")), .spec(.okta("7.5")),
            .spec(.rfc7644("3.3")), .tags("okta", "groups", "push"), .requires(.patch), .writes,
            .oktaInferred("the group lookup's encoding and paging follow the user lookup's")
        ) { s in
            let (user, id) = try await OktaPushGroups.provisionedUser(s, "member")
            let group = s.okta.createGroup(name: s.unique("group"))
            await s.okta.addToGroup(user, group)
            let task = await s.okta.pushGroup(group)
            let groupID = try OktaPushGroups.requirePushed(s, group, task)
            try s.checkLast("GET", "/Groups") {
                Status(200).because("Okta's link-or-create lookup needs filter=displayName eq on /Groups")
                ListResponse(totalResults: 0)
            }
            try s.checkLast("POST", "/Groups") {
                Status(201)
                JSON("/id").nonEmpty()
                JSON("/displayName", equals: .string(group.name))
            }
            // Members follow in a PATCH (OIN) or PUT (AIW), unless they went inline in the POST (2018 sample).
            if !s.okta.settings.groupCreateMembersInline {
                try s.checkLast(s.okta.settings.app == .oin ? "PATCH" : "PUT", "/Groups/\(groupID)") {
                    Status(oneOf: 200, 204)
                        .hint("accept the rename PATCH whose value carries id and displayName, name unchanged or not")
                }
            }
            try await s.get("/Groups/\(URLPathSegment.encode(groupID))") {
                Status(200)
                JSON("/displayName", equals: .string(group.name))
                JSON("/members/0/value", equals: .string(id))
                    .because("Okta believes the member was pushed; the app would not grant the group's roles")
            }
        }
        Scenario(
            "okta.groups.link-existing", "A group that exists in the app is linked, not created again",
            .spec(.okta("7.2")), .tags("okta", "groups", "push"), .writes
        ) { s in
            let name = s.unique("existing-group")
            let created = try await s.post(
                "/Groups", json: ["schemas": [.string(SCIMURN.coreGroup)], "displayName": .string(name), "members": []]
            ) { Status(in: 200..<300) }
            let existingID = try s.require(created.json?["id"]?.stringValue, "the existing group has an id")
            s.onCleanup { try await $0.removeCreatedGroup(id: existingID) }
            s.okta.configure { $0.provisioning.pushMembershipsImmediately = false }
            let group = s.okta.createGroup(name: name)
            let task = await s.okta.pushGroup(group)
            s.verify("Okta links the group", task.succeeded, expected: "a succeeded task", actual: task.message)
            try s.checkLast("GET", "/Groups") {
                Status(200)
                ListResponse(totalResults: 1)
                    .because("a lookup that misses makes Okta create a duplicate group")
                    .hint("support filter=displayName eq \"…\" on /Groups (okta-developer-docs PR #3506)")
            }
            s.verify(
                "the pushed group is the existing one", s.okta.pushedGroupID(group) == existingID,
                expected: existingID, actual: s.okta.pushedGroupID(group) ?? "none")
        }
        Scenario(
            "okta.groups.membership-remove", "Removing a member sends remove members[value eq \"…\"] and the rename",
            .spec(.okta("7.5")), .spec(.rfc7644("3.5.2.2")), .tags("okta", "groups", "patch"), .requires(.patch),
            .writes
        ) { s in
            let (staying, stayingID) = try await OktaPushGroups.provisionedUser(s, "staying")
            let (leaving, leavingID) = try await OktaPushGroups.provisionedUser(s, "leaving")
            let group = s.okta.createGroup(name: s.unique("group"))
            await s.okta.addToGroup(staying, group)
            await s.okta.addToGroup(leaving, group)
            let groupID = try OktaPushGroups.requirePushed(s, group, await s.okta.pushGroup(group))
            let tasks = await s.okta.removeFromGroup(leaving, group)
            s.verify(
                "Okta pushes the removal", tasks.allSatisfy(\.succeeded), expected: "succeeded tasks",
                actual: tasks.map(\.message).joined(separator: "; "))
            let response = try await s.get("/Groups/\(URLPathSegment.encode(groupID))") { Status(200) }
            let members = response.json?["members"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? []
            s.verify(
                "only the staying member remains", members == [stayingID], expected: stayingID,
                actual: members.joined(separator: ", "), specs: [.okta("7.5")],
                oktaConsequence: "the removed user keeps the group's roles in the app")
            _ = leavingID
        }
        Scenario(
            "okta.groups.rename", "Renaming a pushed group sends the rename PATCH carrying id",
            .spec(.okta("7.4")), .tags("okta", "groups", "patch"), .requires(.patch), .writes
        ) { s in
            s.okta.configure { $0.provisioning.pushMembershipsImmediately = false }
            let group = s.okta.createGroup(name: s.unique("before"))
            let groupID = try OktaPushGroups.requirePushed(s, group, await s.okta.pushGroup(group))
            let newName = s.unique("after")
            let task = await s.okta.renameGroup(group, to: newName)
            s.verifySucceeded(task, "Okta renames the group")
            try await s.get("/Groups/\(URLPathSegment.encode(groupID))") {
                JSON("/displayName", equals: .string(newName))
                    .hint("apply displayName from a path-less replace whose value also carries id")
            }
        }
        Scenario(
            "okta.groups.push-now-replace", "Push Now replaces the member list (replace path members)",
            .spec(.okta("7.5")), .tags("okta", "groups", "patch"), .requires(.patch), .writes
        ) { s in
            let (user, id) = try await OktaPushGroups.provisionedUser(s, "member")
            s.okta.configure { $0.provisioning.pushMembershipsImmediately = false }
            let group = s.okta.createGroup(name: s.unique("group"))
            let groupID = try OktaPushGroups.requirePushed(s, group, await s.okta.pushGroup(group))
            await s.okta.addToGroup(user, group)
            let task = await s.okta.pushNow(group)
            s.verifySucceeded(task, "Okta pushes the full list")
            try await s.get("/Groups/\(URLPathSegment.encode(groupID))") {
                JSON("/members/0/value", equals: .string(id))
                JSON("/members/1").absent()
            }
        }
        Scenario(
            "okta.groups.unlink-delete", "Unlinking with \"Delete the group in the target app\" sends DELETE",
            .spec(.okta("7.7")), .spec(.rfc7644("3.6")), .tags("okta", "groups", "delete"), .writes
        ) { s in
            s.okta.configure { $0.provisioning.pushMembershipsImmediately = false }
            let group = s.okta.createGroup(name: s.unique("doomed"))
            let groupID = try OktaPushGroups.requirePushed(s, group, await s.okta.pushGroup(group))
            let task = await s.okta.unlinkPushedGroup(group, deleteInTarget: true)
            s.verifySucceeded(task, "Okta deletes the group")
            try s.checkLast("DELETE", "/Groups/\(groupID)") {
                Status(204).spec(.rfc7644("3.6"))
            }
            try await s.get("/Groups/\(URLPathSegment.encode(groupID))") {
                Status(404)
            }
        }
    }
}

/// Helpers of the Push Groups scenarios.
enum OktaPushGroups {
    /// A new Okta user, assigned and provisioned; returns it with its server id.
    static func provisionedUser(_ s: Session, _ name: String) async throws -> (OktaUser, String) {
        let user = OktaUserLifecycle.newUser(s, name)
        return (user, try await OktaUserLifecycle.provision(s, user))
    }

    /// The target id of a pushed group, registering its removal; fails the scenario when the push failed.
    static func requirePushed(_ s: Session, _ group: OktaGroup, _ task: OktaTask) throws -> String {
        s.verify("Okta pushes the group", task.succeeded, expected: "a succeeded task", actual: task.message)
        let id = try s.require(s.okta.pushedGroupID(group), "Okta linked the pushed group to a target id")
        s.onCleanup { try await $0.removeCreatedGroup(id: id) }
        return id
    }
}
