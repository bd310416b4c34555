import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

extension OktaEngine {
    /// Pushes `group` (okta-behavior §7.2–7.5, simulator requirements 15–17): looks it up by
    /// `displayName`, links it or creates it with `members: []`, then pushes memberships when "Push group
    /// memberships immediately" is on. With `group-create-members=inline` a created group carries its
    /// members in the POST (the 2018 sample) and no membership PATCH follows.
    @discardableResult
    public func pushGroup(_ group: OktaGroup) async -> OktaTask {
        let (group, app) = state.withLock { ($0.org.groups[group.id] ?? group, $0.app) }
        let action = "Push group"
        let prefix = "Pushing group \(group.name) to app \(app.name) failed"
        guard app.provisioning.pushGroups else {
            return record(OktaTask(action: action, status: .failed, message: "\(prefix): Push Groups is not enabled"))
        }
        guard !app.groupAssignments.contains(where: { $0.groupID == group.id }) else {
            return record(
                OktaTask(action: action, status: .failed, message: "\(prefix): \(OktaMessages.assignedAndPushed)"))
        }
        let lookup = await perform(
            client.request(
                "GET", "/Groups",
                query: [("filter", "displayName eq \"\(group.name)\""), ("startIndex", "1"), ("count", "100")]))
        let targetID: String
        switch lookup {
        case .failure(let error):
            return record(Self.failedTask(action, prefix: prefix, error: error))
        case .success(let response):
            switch Self.lookupResult(response) {
            case .found(let id):
                targetID = id
            case .absent:
                let inline =
                    settings.groupCreateMembersInline && app.provisioning.pushMembershipsImmediately
                    ? eligibleMembers(of: group) : []
                let body: JSONValue = [
                    "schemas": [.string(SCIMURN.coreGroup)], "displayName": .string(group.name),
                    "members": .array(inline.map { .object($0.json) }),
                ]
                switch await perform(client.request("POST", "/Groups", json: body)) {
                case .failure(let error):
                    return record(
                        Self.failedTask(action, prefix: "\(prefix): Error while creating group", error: error))
                case .success(let created):
                    guard (200..<300).contains(created.status),
                        let id = created.json?.objectValue?.member(caseInsensitive: "id")?.value.stringValue,
                        !id.isEmpty
                    else {
                        return record(
                            Self.failedTask(action, prefix: "\(prefix): Error while creating group", response: created))
                    }
                    if settings.groupCreateMembersInline {
                        // Okta's 2018 sample: the members went with the POST, no membership PATCH follows.
                        state.withLock { $0.pushedGroups[group.id] = id }
                        return record(
                            OktaTask(
                                action: action, status: .succeeded,
                                message: "pushed as \(id) with \(inline.count) members inline",
                                httpStatus: created.status))
                    }
                    targetID = id
                }
            case .malformed(let reason):
                return record(
                    OktaTask(
                        action: action, status: .failed, message: "\(prefix): \(reason)", httpStatus: response.status))
            case .failed:
                return record(Self.failedTask(action, prefix: prefix, response: response))
            }
        }
        state.withLock { $0.pushedGroups[group.id] = targetID }
        guard app.provisioning.pushMembershipsImmediately else {
            return record(OktaTask(action: action, status: .succeeded, message: "pushed as \(targetID)"))
        }
        let members = eligibleMembers(of: group)
        if members.isEmpty {
            return record(
                OktaTask(action: action, status: .succeeded, message: "pushed as \(targetID) without members"))
        }
        return await syncMembership(group, targetID: targetID, added: members, removed: [])
    }

    /// Adds `user` to `group` in Okta; pushes the change if the group is pushed, provisions the user if the
    /// group is assigned to the app.
    @discardableResult
    public func addToGroup(_ user: OktaUser, _ group: OktaGroup) async -> [OktaTask] {
        let (assigned, targetID) = state.withLock { state in
            if state.org.groups[group.id]?.memberIDs.contains(user.id) == false {
                state.org.groups[group.id]?.memberIDs.append(user.id)
            }
            return (state.app.groupAssignments.contains { $0.groupID == group.id }, state.pushedGroups[group.id])
        }
        var tasks: [OktaTask] = []
        if assigned { tasks.append(await provision(user)) }
        if let targetID, let member = eligibleMembers(of: group).first(where: { $0.userID == user.id }) {
            tasks.append(await syncMembership(group, targetID: targetID, added: [member], removed: []))
        }
        return tasks
    }

    /// Removes `user` from `group` in Okta; pushes the removal if the group is pushed, and deactivates the
    /// app user if that group was its last assignment (okta-behavior §11).
    @discardableResult
    public func removeFromGroup(_ user: OktaUser, _ group: OktaGroup) async -> [OktaTask] {
        let (targetID, externalID, stillAssigned) = state.withLock { state in
            state.org.groups[group.id]?.memberIDs.removeAll { $0 == user.id }
            return (
                state.pushedGroups[group.id], state.appUsers[user.id]?.externalID, Self.isAssigned(user.id, in: state)
            )
        }
        var tasks: [OktaTask] = []
        if let targetID, let externalID {
            tasks.append(await syncMembership(group, targetID: targetID, added: [], removed: [externalID]))
        }
        if !stillAssigned, let task = await deprovision(user) { tasks.append(task) }
        return tasks
    }

    /// Applies several membership changes of a pushed group at once and pushes them in one PATCH, as Okta
    /// batches the changes since its last push (okta-behavior §7.5: removes first, then one add).
    @discardableResult
    public func changeMembers(of group: OktaGroup, adding: [OktaUser], removing: [OktaUser]) async -> OktaTask? {
        let (targetID, removedIDs) = state.withLock { state in
            for user in adding where state.org.groups[group.id]?.memberIDs.contains(user.id) == false {
                state.org.groups[group.id]?.memberIDs.append(user.id)
            }
            let removing = Set(removing.map(\.id))
            state.org.groups[group.id]?.memberIDs.removeAll { removing.contains($0) }
            return (
                state.pushedGroups[group.id],
                removing.sorted().compactMap { state.appUsers[$0]?.externalID }
            )
        }
        guard let targetID else { return nil }
        let addedIDs = Set(adding.map(\.id))
        let added = eligibleMembers(of: group).filter { addedIDs.contains($0.userID) }
        return await syncMembership(group, targetID: targetID, added: added, removed: removedIDs)
    }

    /// Renames `group` in Okta and pushes the new name (`oin`: the rename PATCH carrying `id`; `aiw`: PUT).
    @discardableResult
    public func renameGroup(_ group: OktaGroup, to name: String) async -> OktaTask? {
        let targetID = state.withLock { state in
            state.org.groups[group.id]?.name = name
            return state.pushedGroups[group.id]
        }
        guard let targetID else { return nil }
        let group = current(group)
        switch settings.app {
        case .oin: return record(await renamePatch(group, targetID: targetID))
        case .aiw: return record(await putGroup(group, targetID: targetID, action: "Rename group"))
        }
    }

    /// Pushes the full member list, replacing the target's (Okta's "Push Now"; okta-behavior §7.5).
    @discardableResult
    public func pushNow(_ group: OktaGroup) async -> OktaTask? {
        guard let targetID = pushedGroupID(group) else { return nil }
        let group = current(group)
        guard settings.app == .oin else {
            return record(await putGroup(group, targetID: targetID, action: "Push group members"))
        }
        let members = eligibleMembers(of: group).map { JSONValue.object($0.json) }
        let task = await patchGroup(
            targetID, operations: [["op": "replace", "path": "members", "value": .array(members)]],
            action: "Push group members", prefix: "Pushing group \(group.name) to app \(app.name) failed")
        guard task.succeeded else { return record(task) }
        return record(await renamePatch(group, targetID: targetID))
    }

    /// Unlinks a pushed group; with `deleteInTarget`, sends `DELETE /Groups/{id}` (okta-behavior §7.7).
    @discardableResult
    public func unlinkPushedGroup(_ group: OktaGroup, deleteInTarget: Bool) async -> OktaTask? {
        let targetID = state.withLock { $0.pushedGroups.removeValue(forKey: group.id) }
        guard deleteInTarget, let targetID else { return nil }
        let action = "Delete group"
        let prefix = "Deleting group \(group.name) in app \(app.name) failed"
        return record(
            await task(for: client.request("DELETE", Self.path("Groups", targetID)), action: action, prefix: prefix))
    }

    // MARK: Membership machinery

    /// A member as Okta pushes it: the server's user id and the app username as `display`.
    struct PushedMember: Sendable {
        let userID: String
        let value: String
        let display: String
        var json: JSONObject { JSONObject([("value", .string(value)), ("display", .string(display))]) }
    }

    /// Members Okta pushes: in the group, assigned, provisioned and active (okta-behavior §7.1).
    func eligibleMembers(of group: OktaGroup) -> [PushedMember] {
        state.withLock { state in
            (state.org.groups[group.id]?.memberIDs ?? []).compactMap { userID in
                guard state.org.users[userID]?.status == .active, let appUser = state.appUsers[userID],
                    appUser.status == .active, let id = appUser.externalID
                else { return nil }
                return PushedMember(userID: userID, value: id, display: appUser.userName)
            }
        }
    }

    /// One membership change: `oin` sends one PATCH (a `remove` per removed member, one `add`), then the
    /// rename PATCH; `aiw` sends a PUT with the full list (okta-behavior §7.5, §7.6).
    func syncMembership(
        _ group: OktaGroup, targetID: String, added: [PushedMember], removed: [String]
    ) async -> OktaTask {
        let group = current(group)
        guard settings.app == .oin else {
            return record(await putGroup(group, targetID: targetID, action: "Push group members"))
        }
        var operations: [JSONValue] = removed.map { id in
            ["op": "remove", "path": .string("members[value eq \"\(id)\"]")]
        }
        if !added.isEmpty {
            operations.append(["op": "add", "path": "members", "value": .array(added.map { .object($0.json) })])
        }
        let task = await patchGroup(
            targetID, operations: operations, action: "Push group members",
            prefix: "Pushing group \(group.name) to app \(app.name) failed")
        guard task.succeeded else { return record(task) }
        record(task)
        return record(await renamePatch(group, targetID: targetID))
    }

    /// The rename PATCH Okta sends after every membership change, name unchanged or not, carrying `id`
    /// (okta-behavior §7.4); optionally preceded by `GET /Groups/{id}` (`group-rename-get`).
    func renamePatch(_ group: OktaGroup, targetID: String) async -> OktaTask {
        let prefix = "Pushing group \(group.name) to app \(app.name) failed"
        if settings.groupRenameGet {
            if case .failure(let error) = await perform(client.request("GET", Self.path("Groups", targetID))) {
                return Self.failedTask("Update group name", prefix: prefix, error: error)
            }
        }
        return await patchGroup(
            targetID,
            operations: [["op": "replace", "value": ["id": .string(targetID), "displayName": .string(group.name)]]],
            action: "Update group name", prefix: prefix)
    }

    func patchGroup(_ targetID: String, operations: [JSONValue], action: String, prefix: String) async -> OktaTask {
        let body: JSONValue = ["schemas": [.string(SCIMURN.patchOp)], "Operations": .array(operations)]
        return await task(
            for: client.request("PATCH", Self.path("Groups", targetID), json: body), action: action, prefix: prefix)
    }

    /// `PUT /Groups/{id}` with the full member list (AIW apps, okta-behavior §7.6).
    func putGroup(_ group: OktaGroup, targetID: String, action: String) async -> OktaTask {
        let members = eligibleMembers(of: group).map { JSONValue.object($0.json) }
        let body: JSONValue = [
            "schemas": [.string(SCIMURN.coreGroup)], "displayName": .string(group.name), "members": .array(members),
        ]
        return await task(
            for: client.request("PUT", Self.path("Groups", targetID), json: body), action: action,
            prefix: "Pushing group \(group.name) to app \(app.name) failed")
    }
}
