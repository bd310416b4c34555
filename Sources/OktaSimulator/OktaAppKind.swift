/// Which kind of Okta app integration is simulated; it decides PUT versus PATCH (okta-behavior §0).
public enum OktaAppKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// An OIN catalog integration (NinjaOne's kind): PATCH for activate, deactivate, password and groups;
    /// GET-then-PUT for profile updates.
    case oin
    /// A custom App Integration Wizard app: PUT for every update.
    case aiw
}
