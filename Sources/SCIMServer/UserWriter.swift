/// Writes SCIM users with NinjaOne's account semantics when the store keeps accounts (DESIGN §5, §8.3, §8.4).
///
/// - A POST whose `userName` or primary email matches a console account adopts it: the user gets the account's
///   id and the account becomes SCIM-managed (okta-behavior.md §13).
/// - A POST, PUT or PATCH whose `userName` or primary email matches a system administrator's console account is
///   refused with 403 and the account is untouched: system administrators cannot be provisioned.
/// - Every write derives the account from the resource (``NinjaOneAccountPolicy``) and the accounts it matches, all
///   read and written in the user's transaction.
/// - DELETE removes the SCIM user; the account stays, deprovisioned.
///
/// Over a store without accounts it writes the users only.
struct UserWriter: Sendable {
    let store: any SCIMStore
    let accounts: (any NinjaOneStore)?

    /// Stores a new user and returns it as stored (with an adopted console account's id).
    ///
    /// The accounts it adopts or refuses are read in the insert's own transaction, so a console account created
    /// meanwhile cannot slip between the check and the write.
    func insert(_ record: UserRecord) async throws -> UserRecord {
        guard let accounts else {
            try await store.insertUser(record)
            return record
        }
        return try await accounts.insertUser(record, keys: Self.keys(record)) { record, context in
            try Self.refuseSystemAdministrator(context.matches, userID: nil)
            var record = record
            let adopted = context.matches.first {
                $0.origin == .console && !$0.scimManaged && $0.status != .deprovisioned
            }
            if let adopted { record.id = adopted.id }
            let account = NinjaOneAccountPolicy.account(
                for: record, previous: adopted, knownOrganizations: context.organizationIDs, now: record.created)
            return (record, account)
        }
    }

    /// Replaces a user if its version is still `expectedVersion`, and re-derives its account.
    func replace(_ record: UserRecord, expectedVersion: Int) async throws {
        guard let accounts else {
            try await store.replaceUser(record, expectedVersion: expectedVersion)
            return
        }
        try await accounts.replaceUser(record, expectedVersion: expectedVersion, keys: Self.keys(record)) { context in
            try Self.refuseSystemAdministrator(context.matches, userID: record.id)
            return NinjaOneAccountPolicy.account(
                for: record, previous: context.current, knownOrganizations: context.organizationIDs,
                now: record.lastModified)
        }
    }

    /// Removes a user; its account stays, deprovisioned. Returns whether the user existed.
    func delete(id: String, expectedVersion: Int?) async throws -> Bool {
        guard let accounts else { return try await store.deleteUser(id: id, expectedVersion: expectedVersion) }
        return try await accounts.deleteUser(id: id, expectedVersion: expectedVersion, deprovisionedAt: .now())
    }

    /// The keys of the accounts a write of `record` concerns: its case-folded userName and primary email.
    private static func keys(_ record: UserRecord) -> AccountKeys {
        AccountKeys(
            userName: record.userName.lowercased(),
            email: NinjaOneAccountPolicy.primaryEmail(of: record.resource)?.lowercased())
    }

    /// Throws 403 when a match other than the user itself is a system administrator (okta-behavior.md §13).
    private static func refuseSystemAdministrator(_ matches: [NinjaOneAccount], userID: String?) throws {
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
