import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

extension OktaEngine {
    /// Clicks "Test API Credentials" (okta-behavior §1); see ``OktaClient/testAPICredentials(users:groups:)``.
    @discardableResult
    public func testAPICredentials(
        @CheckBuilder users: () -> [any Check] = { [] }, @CheckBuilder groups: () -> [any Check] = { [] }
    ) async throws -> OktaTask {
        record(try await client.testAPICredentials(users: users, groups: groups))
    }

    // MARK: Assignment

    /// Assigns `user` to the app directly, with per-assignment `overrides` by app variable name
    /// (okta-behavior §2, §11; simulator requirements 6–10).
    ///
    /// A user never provisioned is looked up by `userName` and created (POST) or linked (GET + PUT); a user
    /// deactivated earlier is reactivated (`oin`: PATCH `active:true`; `aiw`: GET + PUT) [I].
    @discardableResult
    public func assign(_ user: OktaUser, overrides: [String: JSONValue] = [:]) async -> OktaTask {
        state.withLock { $0.app.userAssignments[user.id] = overrides }
        return await provision(user)
    }

    /// Assigns `group` to the app with values for its group-scoped attributes, at the lowest priority;
    /// provisions every member (okta-behavior §11). A pushed group is not assigned: Okta does not support
    /// one group for both (okta-behavior §7.1), so a failed task is recorded and nothing is sent.
    @discardableResult
    public func assign(group: OktaGroup, values: [String: JSONValue] = [:]) async -> [OktaTask] {
        if pushedGroupID(group) != nil {
            return [
                record(
                    OktaTask(
                        action: "Assign group", status: .failed,
                        message: "Assigning group \(current(group).name) to app \(app.name) failed: "
                            + OktaMessages.assignedAndPushed))
            ]
        }
        let members = state.withLock { state in
            state.app.groupAssignments.removeAll { $0.groupID == group.id }
            state.app.groupAssignments.append(OktaApp.GroupAssignment(groupID: group.id, values: values))
            return state.org.groups[group.id]?.memberIDs ?? []
        }
        return await provisionAll(members)
    }

    /// Removes the direct assignment of `user`; deactivates it unless a group assignment remains.
    @discardableResult
    public func unassign(_ user: OktaUser) async -> OktaTask? {
        let stillAssigned = state.withLock { state in
            state.app.userAssignments[user.id] = nil
            return Self.isAssigned(user.id, in: state)
        }
        return stillAssigned ? await provision(user) : await deprovision(user)
    }

    /// Deactivates `user` in Okta: the app user is deactivated (okta-behavior §5.1).
    @discardableResult
    public func deactivate(_ user: OktaUser) async -> OktaTask? {
        state.withLock { $0.org.users[user.id]?.status = .deactivated }
        return await deprovision(user)
    }

    /// Suspends `user` in Okta: nothing is sent (okta-behavior §5.1, newest S1).
    public func suspend(_ user: OktaUser) {
        state.withLock { $0.org.users[user.id]?.status = .suspended }
    }

    /// Reactivates (or unsuspends) `user` in Okta; an assigned app user is reactivated (okta-behavior §5.2).
    @discardableResult
    public func reactivate(_ user: OktaUser) async -> OktaTask? {
        let assigned = state.withLock { state in
            state.org.users[user.id]?.status = .active
            return Self.isAssigned(user.id, in: state)
        }
        return assigned ? await provision(user) : nil
    }

    /// Changes `user`'s Okta profile; with "Update User Attributes" on, pushes changed mapped values with
    /// GET then PUT (okta-behavior §4.1, simulator requirement 11).
    @discardableResult
    public func updateProfile(_ user: OktaUser, _ changes: JSONObject) async -> OktaTask? {
        state.withLock { state in
            for (key, value) in changes { state.org.users[user.id]?.profile[key] = value }
        }
        return await pushProfile(of: user)
    }

    /// Sets `user`'s Okta password; with "Sync Password" on, sends it (`oin`: PATCH, shape per the
    /// `password-patch` option [I]; `aiw`: GET + PUT with `password`) (okta-behavior §6).
    @discardableResult
    public func resetPassword(_ user: OktaUser, to password: String) async -> OktaTask? {
        let (sync, appUser) = state.withLock { ($0.app.provisioning.syncPassword, $0.appUsers[user.id]) }
        guard sync, let appUser, appUser.status == .active, let id = appUser.externalID else { return nil }
        let action = "Sync password"
        let prefix = "Automatic password push of user \(appUser.userName) to app \(app.name) failed"
        switch settings.app {
        case .oin:
            let operation: JSONValue =
                settings.passwordPatchUsesPath
                ? ["op": "replace", "path": "password", "value": .string(password)]
                : ["op": "replace", "value": ["password": .string(password)]]
            return record(await patchUser(id: id, operations: [operation], action: action, prefix: prefix))
        case .aiw:
            return record(
                await getThenPut(id: id, action: action, prefix: prefix) { $0["password"] = .string(password) })
        }
    }

    // MARK: Flows

    static func isAssigned(_ userID: String, in state: State) -> Bool {
        state.app.userAssignments[userID] != nil
            || state.app.groupAssignments.contains { state.org.groups[$0.groupID]?.memberIDs.contains(userID) == true }
    }

    func provisionAll(_ userIDs: [String]) async -> [OktaTask] {
        let users = state.withLock { state in userIDs.compactMap { state.org.users[$0] } }
        var tasks: [OktaTask] = []
        var index = 0
        while index < users.count {
            let batch = users[index..<min(index + pacing.concurrency, users.count)]
            index += batch.count
            let results = await withTaskGroup(of: (Int, OktaTask).self) { group in
                for (position, user) in batch.enumerated() {
                    group.addTask { (position, await self.provision(user)) }
                }
                var collected: [(Int, OktaTask)] = []
                for await result in group { collected.append(result) }
                return collected.sorted { $0.0 < $1.0 }.map(\.1)
            }
            tasks += results
        }
        return tasks
    }

    /// Brings the app user of an assigned, active Okta user to the state Okta wants.
    func provision(_ user: OktaUser) async -> OktaTask {
        let (user, appUser, app) = state.withLock { ($0.org.users[user.id] ?? user, $0.appUsers[user.id], $0.app) }
        let displayName = user.profile["displayName"]?.stringValue ?? user.login
        guard user.status == .active else {
            return record(
                OktaTask(
                    action: "Provision user", status: .succeeded, message: "user is not active in Okta; nothing sent"))
        }
        if let appUser, let id = appUser.externalID {
            if appUser.status == .deactivated { return await reactivateAppUser(user, id: id) }
            return await pushProfile(of: user)
                ?? record(
                    OktaTask(
                        action: "Provision user", status: .succeeded, message: "already provisioned; nothing changed"))
        }
        let login = user.login
        let prefix = OktaMessages.provisioningFailed(login: login, app: app.name)
        let action = "Provision user"
        let lookup = await perform(
            client.request(
                "GET", "/Users",
                query: [("filter", "userName eq \"\(login)\""), ("startIndex", "1"), ("count", "100")]))
        switch lookup {
        case .failure(let error):
            return record(
                Self.failedTask(
                    action, prefix: "\(prefix): Error while verifying if user \(login) exists", error: error))
        case .success(let response):
            switch Self.lookupResult(response) {
            case .absent:
                guard app.provisioning.createUsers else {
                    return record(
                        OktaTask(
                            action: action, status: .failed,
                            message: OktaMessages.matchingUserNotFound(login: login, app: app.name)))
                }
                return await create(user, displayName: displayName, prefix: prefix)
            case .found(let id):
                return await link(user, id: id, prefix: prefix)
            case .malformed(let reason):
                return record(
                    OktaTask(
                        action: action, status: .failed,
                        message: "System Log: application.provision.user.sync FAILURE (\(reason)); no task is shown "
                            + "and no user is created",
                        httpStatus: response.status))
            case .failed:
                return record(
                    Self.failedTask(
                        action, prefix: "\(prefix): Error while verifying if user \(login) exists", response: response))
            }
        }
    }

    enum LookupResult {
        case absent, found(String), malformed(String), failed
    }

    /// Reads an existence-check answer as Okta does (okta-behavior §2.3, simulator requirement 7): 200 with
    /// zero results or 404 means absent; paging numbers must be JSON numbers; lowercase keys are accepted.
    static func lookupResult(_ response: Response) -> LookupResult {
        if response.status == 404 { return .absent }
        guard (200..<300).contains(response.status) else { return .failed }
        guard let body = response.json?.objectValue else { return .malformed("the answer is not a JSON object") }
        for name in ["totalResults", "startIndex", "itemsPerPage"] {
            if let value = body.member(caseInsensitive: name)?.value, value.intValue == nil {
                return .malformed("\(name) is \(value.serialized()), not a number")
            }
        }
        let resources = body.member(caseInsensitive: "Resources")?.value.arrayValue ?? []
        guard let first = resources.first else { return .absent }
        guard let id = first.objectValue?.member(caseInsensitive: "id")?.value.stringValue, !id.isEmpty else {
            return .malformed("Resources[0] has no id")
        }
        return .found(id)
    }

    /// `POST /Users` with Okta's body (okta-behavior §2.4, simulator requirements 8–9).
    func create(_ user: OktaUser, displayName: String, prefix: String) async -> OktaTask {
        let values: [String: JSONValue]
        do throws(OktaMappingError) {
            values = try mapper.values(for: user, creating: true)
        } catch {
            return record(OktaTask(action: "Provision user", status: .failed, message: "\(prefix): \(error)"))
        }
        let body = mapper.createBody(for: user, values: values, password: randomness.password())
        let action = "Provision user"
        switch await perform(client.request("POST", "/Users", json: .object(body))) {
        case .failure(let error):
            return record(
                Self.failedTask(action, prefix: "\(prefix): Error while creating user \(displayName)", error: error))
        case .success(let response):
            guard (200..<300).contains(response.status) else {
                return record(
                    Self.failedTask(
                        action, prefix: "\(prefix): Error while creating user \(displayName)", response: response))
            }
            guard let id = response.json?.objectValue?.member(caseInsensitive: "id")?.value.stringValue, !id.isEmpty
            else {
                return record(
                    OktaTask(
                        action: action, status: .failed,
                        message: OktaMessages.emptyUser(login: user.login, app: app.name, displayName: displayName),
                        httpStatus: response.status))
            }
            state.withLock {
                $0.appUsers[user.id] = OktaAppUser(
                    userID: user.id, userName: user.login, externalID: id, status: .active, profile: values)
            }
            return record(
                OktaTask(action: action, status: .succeeded, message: "created user \(id)", httpStatus: response.status)
            )
        }
    }

    /// Links an existing server user: stores its id, then GET + PUT the full profile (okta-behavior §2.6).
    func link(_ user: OktaUser, id: String, prefix: String) async -> OktaTask {
        let values: [String: JSONValue]
        do throws(OktaMappingError) {
            values = try mapper.values(for: user, creating: true)
        } catch {
            return record(OktaTask(action: "Link user", status: .failed, message: "\(prefix): \(error)"))
        }
        state.withLock {
            $0.appUsers[user.id] = OktaAppUser(
                userID: user.id, userName: user.login, externalID: id, status: .active, profile: values)
        }
        let mapper = self.mapper
        let task = await getThenPut(id: id, action: "Link user", prefix: prefix) { resource in
            mapper.write(values, into: &resource)
            resource["active"] = true
        }
        return record(task)
    }

    func reactivateAppUser(_ user: OktaUser, id: String) async -> OktaTask {
        let prefix = OktaMessages.provisioningFailed(login: user.login, app: app.name)
        let task: OktaTask
        switch settings.app {
        case .oin:
            task = await patchUser(
                id: id, operations: [["op": "replace", "value": ["active": true]]], action: "Reactivate user",
                prefix: prefix)
        case .aiw:
            task = await getThenPut(id: id, action: "Reactivate user", prefix: prefix) { $0["active"] = true }
        }
        if task.succeeded { state.withLock { $0.appUsers[user.id]?.status = .active } }
        return record(task)
    }

    /// Deactivates the app user (okta-behavior §5.1, simulator requirement 12): `oin` sends Okta's path-less
    /// PATCH, `aiw` GET + PUT with `active:false`. Never `DELETE /Users`.
    func deprovision(_ user: OktaUser) async -> OktaTask? {
        let (appUser, enabled, appName) = state.withLock {
            ($0.appUsers[user.id], $0.app.provisioning.deactivateUsers, $0.app.name)
        }
        guard enabled, let appUser, appUser.status == .active, let id = appUser.externalID else { return nil }
        let prefix = "Automatic deactivation of user \(appUser.userName) in app \(appName) failed"
        let task: OktaTask
        switch settings.app {
        case .oin:
            task = await patchUser(
                id: id, operations: [["op": "replace", "value": ["active": false]]], action: "Deactivate user",
                prefix: prefix)
        case .aiw:
            task = await getThenPut(id: id, action: "Deactivate user", prefix: prefix) { $0["active"] = false }
        }
        if task.succeeded { state.withLock { $0.appUsers[user.id]?.status = .deactivated } }
        return record(task)
    }

    /// Pushes changed mapped values of a provisioned user: GET, apply onto the returned resource, PUT.
    func pushProfile(of user: OktaUser) async -> OktaTask? {
        let (enabled, appUser, user) = state.withLock {
            ($0.app.provisioning.updateUserAttributes, $0.appUsers[user.id], $0.org.users[user.id] ?? user)
        }
        guard enabled, let appUser, appUser.status == .active, let id = appUser.externalID else { return nil }
        let prefix = "Automatic profile push of user \(appUser.userName) to app \(app.name) failed"
        let values: [String: JSONValue]
        do throws(OktaMappingError) {
            values = try mapper.values(for: user, creating: false, previous: appUser.profile)
        } catch {
            return record(OktaTask(action: "Update user", status: .failed, message: "\(prefix): \(error)"))
        }
        let changed = Set(values.keys.filter { values[$0] != appUser.profile[$0] })
            .union(appUser.profile.keys.filter { values[$0] == nil })
        guard !changed.isEmpty else { return nil }
        let mapper = self.mapper
        let task = await getThenPut(id: id, action: "Update user", prefix: prefix) { resource in
            mapper.write(values, into: &resource, only: changed)
        }
        if task.succeeded { state.withLock { $0.appUsers[user.id]?.profile = values } }
        return record(task)
    }

    /// `PATCH /Users/{id}` with Okta's PatchOp body; 200 or 204 succeed; 501 fails with no PUT fallback.
    func patchUser(id: String, operations: [JSONValue], action: String, prefix: String) async -> OktaTask {
        let body: JSONValue = ["schemas": [.string(SCIMURN.patchOp)], "Operations": .array(operations)]
        return await task(
            for: client.request("PATCH", Self.path("Users", id), json: body), action: action, prefix: prefix)
    }

    /// `GET /Users/{id}`, `change` applied to the returned resource, `PUT /Users/{id}` (okta-behavior §4.1).
    func getThenPut(
        id: String, action: String, prefix: String, change: @Sendable (inout JSONObject) -> Void
    ) async -> OktaTask {
        let path = Self.path("Users", id)
        let fetched: Response
        switch await perform(client.request("GET", path)) {
        case .failure(let error): return Self.failedTask(action, prefix: prefix, error: error)
        case .success(let response): fetched = response
        }
        guard fetched.status == 200, var resource = fetched.json?.objectValue else {
            return Self.failedTask(action, prefix: prefix, response: fetched)
        }
        change(&resource)
        switch await perform(client.request("PUT", path, json: .object(resource))) {
        case .failure(let error):
            return Self.failedTask(action, prefix: prefix, error: error)
        case .success(let response):
            guard response.status == 200, response.json?.objectValue != nil else {
                return Self.failedTask(action, prefix: prefix, response: response)
            }
            return OktaTask(action: action, status: .succeeded, message: "PUT answered 200", httpStatus: 200)
        }
    }
}
