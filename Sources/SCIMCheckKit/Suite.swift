/// A named set of scenarios selected with `--suite`, run in order, with optional shared setup.
///
/// A serialized suite runs its scenarios one after another and they may hand values to later ones
/// through ``Session/suite``; its `setUp` runs first (for example to create the user a precondition
/// asks for) and its cleanups run after the last scenario.
public struct Suite: Sendable {
    /// The suite's name, such as `okta-oin-spec`.
    public let name: String
    /// A one-line title.
    public let title: String
    /// Whether its scenarios depend on each other's order.
    public let serialized: Bool
    /// The scenarios, in order.
    public let scenarios: [Scenario]
    let setUp: (@Sendable (Session) async throws -> Void)?

    /// Creates a suite.
    public init(
        _ name: String, _ title: String, serialized: Bool = false,
        setUp: (@Sendable (Session) async throws -> Void)? = nil,
        @ScenarioBuilder scenarios: () -> [Scenario]
    ) {
        self.name = name
        self.title = title
        self.serialized = serialized
        self.setUp = setUp
        self.scenarios = scenarios()
    }
}

/// Collects suites written one after another.
@resultBuilder
public enum SuiteBuilder {
    public static func buildExpression(_ suite: Suite) -> [Suite] { [suite] }
    public static func buildExpression(_ suites: [Suite]) -> [Suite] { suites }
    public static func buildBlock(_ parts: [Suite]...) -> [Suite] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Suite]?) -> [Suite] { part ?? [] }
    public static func buildEither(first: [Suite]) -> [Suite] { first }
    public static func buildEither(second: [Suite]) -> [Suite] { second }
    public static func buildArray(_ parts: [[Suite]]) -> [Suite] { parts.flatMap { $0 } }
}

/// Every suite a run can choose from, in order: the built-in catalog, a user's own, or both.
public struct Catalog: Sendable {
    /// The suites, in run order.
    public let suites: [Suite]

    /// Creates a catalog from suites.
    public init(@SuiteBuilder suites: () -> [Suite]) {
        self.suites = suites()
    }

    /// Creates a catalog from a list of suites.
    public init(_ suites: [Suite]) {
        self.suites = suites
    }

    /// This catalog followed by `other`'s suites.
    public func merged(with other: Catalog) -> Catalog { Catalog(suites + other.suites) }

    /// Every scenario with its suite, in run order.
    public var scenarios: [(suite: Suite, scenario: Scenario)] {
        suites.flatMap { suite in suite.scenarios.map { (suite, $0) } }
    }

    /// The problems that make this catalog unusable: duplicate scenario ids or suite names.
    public func validate() -> [String] {
        var problems: [String] = []
        var seenSuites = Set<String>()
        var seenIDs = Set<String>()
        for suite in suites where !seenSuites.insert(suite.name).inserted {
            problems.append("suite '\(suite.name)' is declared twice")
        }
        for (_, scenario) in scenarios where !seenIDs.insert(scenario.id).inserted {
            problems.append("scenario id '\(scenario.id)' is declared twice")
        }
        return problems
    }
}
