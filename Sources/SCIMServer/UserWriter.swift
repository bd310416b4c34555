/// Writes SCIM users with NinjaOne's account semantics when the store keeps accounts (DESIGN §5, §8.3, §8.4).
///
/// - A POST whose `userName` or primary email matches a console account adopts it: the user gets the account's
///   id and the account becomes SCIM-managed (okta-behavior.md §13).
/// - A POST, PUT or PATCH whose `userName` or primary email matches a system administrator's console account is
///   refused with 403 and the account is untouched: system administrators cannot be provisioned.
/// - Every write derives the account from the resource (``NinjaOneAccountPolicy``), in the user's transaction.
/// - DELETE removes the SCIM user; the account stays, deprovisioned.
///
/// Over a store without accounts it writes the users only.
struct UserWriter: Sendable {
    let store: any SCIMStore
    let accounts: (any NinjaOneStore)?

    /// Stores a new user and returns it as stored (with an adopted console account's id).
    func insert(_ record: UserRecord) async throws -> UserRecord {
        guard let accounts else {
            try await store.insertUser(record)
            return record
        }
        var record = record
        let matches = try await matchingAccounts(record)
        try refuseSystemAdministrator(matches, userID: nil)
        let adopted = matches.first { $0.origin == .console && !$0.scimManaged && $0.status != .deprovisioned }
        if let adopted { record.id = adopted.id }
        let account = NinjaOneAccountPolicy.account(
            for: record, previous: adopted, knownOrganizations: try await knownOrganizations(), now: record.created)
        try await accounts.insertUser(record, account: account)
        return record
    }

    /// Replaces a user if its version is still `expectedVersion`, and re-derives its account.
    func replace(_ record: UserRecord, expectedVersion: Int) async throws {
        guard let accounts else {
            try await store.replaceUser(record, expectedVersion: expectedVersion)
            return
        }
        try refuseSystemAdministrator(try await matchingAccounts(record), userID: record.id)
        let previous = try await accounts.account(id: record.id)
        let account = NinjaOneAccountPolicy.account(
            for: record, previous: previous, knownOrganizations: try await knownOrganizations(),
            now: record.lastModified)
        try await accounts.replaceUser(record, expectedVersion: expectedVersion, account: account)
    }

    /// Removes a user; its account stays, deprovisioned. Returns whether the user existed.
    func delete(id: String, expectedVersion: Int?) async throws -> Bool {
        guard let accounts else { return try await store.deleteUser(id: id, expectedVersion: expectedVersion) }
        return try await accounts.deleteUser(id: id, expectedVersion: expectedVersion, deprovisionedAt: .now())
    }

    private func matchingAccounts(_ record: UserRecord) async throws -> [NinjaOneAccount] {
        guard let accounts else { return [] }
        let email = NinjaOneAccountPolicy.primaryEmail(of: record.resource)
        return try await accounts.accounts(userNameKey: record.userName.lowercased(), emailKey: email?.lowercased())
    }

    private func knownOrganizations() async throws -> Set<String> {
        guard let accounts else { return [] }
        return Set(try await accounts.organizations().map(\.id))
    }

    /// Throws 403 when a match other than the user itself is a system administrator (okta-behavior.md §13).
    private func refuseSystemAdministrator(_ matches: [NinjaOneAccount], userID: String?) throws {
        guard
            let administrator = matches.first(where: {
                $0.systemAdministrator && $0.id != userID && $0.status != .deprovisioned
            })
        else { return }
        throw SCIMError(
            .forbidden,
            detail: "the userName or primary email matches the NinjaOne system administrator account "
                + "\(administrator.id); system administrators cannot be provisioned through SCIM")
    }
}
