import SCIMCore

/// The persistence the reference server needs; the server holds one and never touches SQL itself.
///
/// Implementations store what the server hands them and enforce what the records declare: `userName` uniqueness
/// (`userNameKey`), version checks for conditional writes, and referential integrity of group members. SCIM
/// semantics (validation, case folding, hashing, PATCH, filters, representation) stay in the server, so every
/// store behaves the same. All methods may be called concurrently; each is atomic.
public protocol SCIMStore: Sendable {
    /// Stores a new user.
    /// - Throws: ``SCIMStoreError/uniqueness(attribute:)`` when another user has the same `userNameKey` or `id`.
    func insertUser(_ user: UserRecord) async throws

    /// The user with exactly this `id` (ids are case-sensitive, RFC 7643 §3.1) and its group memberships, or `nil`.
    func user(id: String) async throws -> UserRecord?

    /// Replaces the stored user `user.id` if its version is still `expectedVersion` (an atomic compare-and-set,
    /// so concurrent writers never lose an update, ETAG-08). `groups` is not written: memberships belong to groups.
    /// - Throws: ``SCIMStoreError/notFound``, ``SCIMStoreError/versionMismatch(current:)``,
    ///   ``SCIMStoreError/uniqueness(attribute:)``.
    func replaceUser(_ user: UserRecord, expectedVersion: Int) async throws

    /// Removes the user with this `id` (if its version is `expectedVersion`, when given) and its memberships in
    /// every group (DEL-05); returns whether one existed.
    /// - Throws: ``SCIMStoreError/versionMismatch(current:)`` when the version differs.
    func deleteUser(id: String, expectedVersion: Int?) async throws -> Bool

    /// One page of the users that match `query`, in the query's order, with the total match count.
    ///
    /// The order is stable across calls (ties in creation order), so pages never overlap or skip (LST-13).
    func users(matching query: UserQuery) async throws -> UserPage

    /// Stores a new group and returns it as stored: members get their `type` and `display` from the resources
    /// they reference.
    /// - Throws: ``SCIMStoreError/unknownMember(id:)`` when a member id is neither a user nor a group,
    ///   ``SCIMStoreError/uniqueness(attribute:)`` when the `id` is taken.
    func insertGroup(_ group: GroupRecord) async throws -> GroupRecord

    /// The group with exactly this `id`, with its members when `includeMembers`, or `nil`.
    func group(id: String, includeMembers: Bool) async throws -> GroupRecord?

    /// Replaces the stored group `group.id` (members included) if its version is still `expectedVersion`, and
    /// returns it as stored. Users whose membership changes get a new version (their `groups` changed).
    /// - Throws: ``SCIMStoreError/notFound``, ``SCIMStoreError/versionMismatch(current:)``,
    ///   ``SCIMStoreError/unknownMember(id:)``.
    func replaceGroup(_ group: GroupRecord, expectedVersion: Int) async throws -> GroupRecord

    /// Removes the group with this `id` (if its version is `expectedVersion`, when given), its memberships and its
    /// membership in other groups; returns whether one existed.
    /// - Throws: ``SCIMStoreError/versionMismatch(current:)`` when the version differs.
    func deleteGroup(id: String, expectedVersion: Int?) async throws -> Bool

    /// One page of the groups that match `query`, in the query's order, with the total match count.
    func groups(matching query: GroupQuery) async throws -> GroupPage
}

extension SCIMStore {
    /// Removes the user with this `id` unconditionally; returns whether one existed.
    public func deleteUser(id: String) async throws -> Bool {
        try await deleteUser(id: id, expectedVersion: nil)
    }

    /// The group with exactly this `id` and its members, or `nil`.
    public func group(id: String) async throws -> GroupRecord? {
        try await group(id: id, includeMembers: true)
    }
}

/// Why a store refused a write; other failures are thrown as the store's own errors.
public enum SCIMStoreError: Error, Sendable, Hashable {
    /// A value that must be unique is already taken; `attribute` is its SCIM name, such as `userName`.
    case uniqueness(attribute: String)
    /// The resource does not exist (any more).
    case notFound
    /// The resource changed since it was read: its version is now `current`.
    case versionMismatch(current: Int)
    /// A group member references `id`, which is neither a user nor a group.
    case unknownMember(id: String)
    /// A group would contain itself.
    case selfMembership(id: String)
}
