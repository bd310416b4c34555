/// One behaviour checked against a target: the unit that gets a verdict.
///
/// ```swift
/// Scenario("rfc.users.get-unknown", "An unknown user id answers 404", .spec(.rfc7644("3.12"))) { s in
///     try await s.get("/Users/does-not-exist") {
///         Status(404)
///         SCIMError(status: 404)
///     }
/// }
/// ```
public struct Scenario: Sendable, Identifiable {
    /// The stable dotted id, area first, such as `okta.credentials.test-api-credentials`.
    public let id: String
    /// A one-line title.
    public let title: String
    /// The resolved traits.
    public let traits: ScenarioTraits
    /// Where the scenario was written.
    public let source: SourceLocation
    let body: @Sendable (Session) async throws -> Void

    /// Creates a scenario.
    public init(
        _ id: String, _ title: String, _ traits: ScenarioTrait..., fileID: String = #fileID, line: Int = #line,
        body: @escaping @Sendable (Session) async throws -> Void
    ) {
        self.id = id
        self.title = title
        self.traits = ScenarioTraits(traits)
        self.source = SourceLocation(fileID: fileID, line: line)
        self.body = body
    }
}

/// Collects scenarios written one after another, with `if` and `for`.
@resultBuilder
public enum ScenarioBuilder {
    public static func buildExpression(_ scenario: Scenario) -> [Scenario] { [scenario] }
    public static func buildExpression(_ scenarios: [Scenario]) -> [Scenario] { scenarios }
    public static func buildBlock(_ parts: [Scenario]...) -> [Scenario] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Scenario]?) -> [Scenario] { part ?? [] }
    public static func buildEither(first: [Scenario]) -> [Scenario] { first }
    public static func buildEither(second: [Scenario]) -> [Scenario] { second }
    public static func buildArray(_ parts: [[Scenario]]) -> [Scenario] { parts.flatMap { $0 } }
}
