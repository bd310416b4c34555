/// Where the engine's random values come from: Okta ids and the create POST's placeholder password.
///
/// Injectable so golden wire tests are deterministic (DESIGN §8.11).
public protocol OktaRandomness: Sendable {
    /// A new Okta user id (`00u` and 17 alphanumerics).
    func userID() -> String
    /// A new Okta group id (`00g` and 17 alphanumerics).
    func groupID() -> String
    /// The placeholder password of a create POST: 8 alphanumerics (okta-behavior §2.4).
    func password() -> String
}

/// Randomness from the system generator.
public struct SystemOktaRandomness: OktaRandomness {
    static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// Creates the system source.
    public init() {}

    static func draw(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphanumerics.randomElement(using: &generator) ?? "a" })
    }

    public func userID() -> String { "00u" + Self.draw(17) }
    public func groupID() -> String { "00g" + Self.draw(17) }
    public func password() -> String { Self.draw(8) }
}
