/// The persistence of NinjaOne's model: accounts, organizations, roles, group → role mappings and the identity
/// provider's SCIM settings (DESIGN §5, §8.2 to §8.4).
///
/// A store that also conforms to this protocol gets the NinjaOne semantics and the admin API; the server writes
/// SCIM users through it so a user and its account always change together, in one transaction.
public protocol NinjaOneStore: Sendable {
    /// Stores a new SCIM user and its account (inserted, or replacing a console account with the same id), in one
    /// transaction that also reads what `derive` needs.
    ///
    /// `derive` runs inside the transaction with the ``AccountContext`` of `user` (accounts matching `keys`, known
    /// organizations) and returns the user as it is to be stored (with an adopted console account's id) and its
    /// account; what it throws aborts the write. Returns the stored user.
    /// - Throws: ``SCIMStoreError/uniqueness(attribute:)`` as ``SCIMStore/insertUser(_:)`` does.
    func insertUser(
        _ user: UserRecord, keys: AccountKeys,
        deriving derive: @Sendable (UserRecord, AccountContext) throws -> (UserRecord, NinjaOneAccount)
    ) async throws -> UserRecord

    /// Replaces a SCIM user as ``SCIMStore/replaceUser(_:expectedVersion:)`` does, and writes the account `derive`
    /// returns from the ``AccountContext`` of `user` (its current account included), in one transaction.
    func replaceUser(
        _ user: UserRecord, expectedVersion: Int, keys: AccountKeys,
        deriving derive: @Sendable (AccountContext) throws -> NinjaOneAccount
    ) async throws

    /// Removes a SCIM user as ``SCIMStore/deleteUser(id:expectedVersion:)`` does; its account stays, marked
    /// deprovisioned at `time`.
    func deleteUser(id: String, expectedVersion: Int?, deprovisionedAt time: SCIMTimestamp) async throws -> Bool

    /// The account with this id, or `nil`.
    func account(id: String) async throws -> NinjaOneAccount?

    /// Every account, in creation order.
    func accounts() async throws -> [NinjaOneAccount]

    /// The accounts whose case-folded `userName` is `userNameKey` or whose case-folded email is `emailKey`.
    func accounts(userNameKey: String, emailKey: String?) async throws -> [NinjaOneAccount]

    /// Stores a new console account.
    /// - Throws: ``SCIMStoreError/uniqueness(attribute:)`` when the id is taken.
    func insertAccount(_ account: NinjaOneAccount) async throws

    /// Stores a new organization with `id`, or the next free numeric id when `nil`.
    /// - Throws: ``SCIMStoreError/uniqueness(attribute:)`` (`id` or `name`) when either is taken.
    func insertOrganization(id: String?, name: String, created: SCIMTimestamp) async throws -> NinjaOneOrganization

    /// Every organization, in creation order.
    func organizations() async throws -> [NinjaOneOrganization]

    /// Removes the organization; returns whether it existed.
    func deleteOrganization(id: String) async throws -> Bool

    /// Stores a new role with the next free numeric id.
    /// - Throws: ``SCIMStoreError/uniqueness(attribute:)`` when a role of that kind has that name.
    func insertRole(
        name: String, kind: NinjaOneAccount.AccountType, created: SCIMTimestamp
    ) async throws
        -> NinjaOneRole

    /// Every role, in creation order.
    func roles() async throws -> [NinjaOneRole]

    /// Sets the mapping of `mapping.groupID`, replacing any earlier one.
    func saveGroupRoleMapping(_ mapping: GroupRoleMapping) async throws

    /// Every group → role mapping, in the order they were first set.
    func groupRoleMappings() async throws -> [GroupRoleMapping]

    /// Removes the mapping of a group; returns whether there was one.
    func deleteGroupRoleMapping(groupID: String) async throws -> Bool

    /// The identity provider's SCIM settings (``IdentityProviderState/initial`` until first saved).
    func identityProvider() async throws -> IdentityProviderState

    /// Saves the identity provider's SCIM settings.
    func saveIdentityProvider(_ state: IdentityProviderState) async throws
}

/// The case-folded `userName` and primary email by which a SCIM user's write finds the accounts it concerns.
public struct AccountKeys: Sendable, Hashable {
    /// The case-folded `userName`.
    public var userName: String
    /// The case-folded primary email, if any.
    public var email: String?

    /// Creates keys.
    public init(userName: String, email: String?) {
        self.userName = userName
        self.email = email
    }
}

/// What the write of a SCIM user sees of the NinjaOne model, read in the write's own transaction.
public struct AccountContext: Sendable, Hashable {
    /// The accounts whose case-folded `userName` or email matches the user's ``AccountKeys``, in creation order.
    public var matches: [NinjaOneAccount]
    /// The account with the user's id, if there is one.
    public var current: NinjaOneAccount?
    /// The ids of the known organizations.
    public var organizationIDs: Set<String>

    /// Creates a context.
    public init(matches: [NinjaOneAccount], current: NinjaOneAccount?, organizationIDs: Set<String>) {
        self.matches = matches
        self.current = current
        self.organizationIDs = organizationIDs
    }
}

/// The identity provider's SCIM settings: whether SCIM is enabled and which bearer token it accepts.
///
/// A generated token is kept only as its SHA-256 digest. Until the admin API generates one, the server accepts
/// its configured token (`serve --token`); generating, rotating or revoking replaces that for good.
public struct IdentityProviderState: Sendable, Hashable {
    /// Which token the identity provider's SCIM requests must carry.
    public enum TokenSource: String, Sendable, Hashable, CaseIterable {
        /// The token of the server's configuration (``SCIMServerConfiguration/scimToken``).
        case configured
        /// A token generated through the admin API, known by its digest.
        case generated
        /// No token: the last one was revoked.
        case revoked
    }

    /// Whether SCIM provisioning is enabled; when not, every SCIM request is refused.
    public var scimEnabled: Bool
    /// Which token is accepted.
    public var tokenSource: TokenSource
    /// The SHA-256 digest of the generated token, when ``tokenSource`` is `generated`.
    public var tokenDigest: [UInt8]?
    /// When the current token was generated.
    public var tokenGenerated: SCIMTimestamp?
    /// When the current token expires (six months after generation).
    public var tokenExpires: SCIMTimestamp?
    /// When the last token was revoked.
    public var tokenRevoked: SCIMTimestamp?

    /// Creates a state.
    public init(
        scimEnabled: Bool, tokenSource: TokenSource, tokenDigest: [UInt8]? = nil, tokenGenerated: SCIMTimestamp? = nil,
        tokenExpires: SCIMTimestamp? = nil, tokenRevoked: SCIMTimestamp? = nil
    ) {
        self.scimEnabled = scimEnabled
        self.tokenSource = tokenSource
        self.tokenDigest = tokenDigest
        self.tokenGenerated = tokenGenerated
        self.tokenExpires = tokenExpires
        self.tokenRevoked = tokenRevoked
    }

    /// SCIM enabled, with the configured token.
    public static let initial = IdentityProviderState(scimEnabled: true, tokenSource: .configured)
}
