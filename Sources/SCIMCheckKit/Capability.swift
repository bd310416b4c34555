/// An optional SCIM feature a service provider advertises in `/ServiceProviderConfig` (RFC 7643 §5).
public enum Capability: String, Sendable, Hashable, Codable, CaseIterable {
    case patch, bulk, filter, sort, etag, changePassword
}

/// What a target advertised in `/ServiceProviderConfig`; a capability not advertised is unsupported.
public struct Capabilities: Sendable, Hashable, Codable {
    /// The capabilities advertised as supported.
    public var supported: Set<Capability>
    /// Whether `/ServiceProviderConfig` could be read at all.
    public var discovered: Bool

    /// Creates a capability set.
    public init(supported: Set<Capability> = [], discovered: Bool = false) {
        self.supported = supported
        self.discovered = discovered
    }

    /// Whether `capability` was advertised.
    public func supports(_ capability: Capability) -> Bool { supported.contains(capability) }

    private enum CodingKeys: String, CodingKey { case supported, discovered }

    /// Encodes `supported` in a stable order (declaration order), so reports diff cleanly.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Capability.allCases.filter(supported.contains), forKey: .supported)
        try container.encode(discovered, forKey: .discovered)
    }
}
