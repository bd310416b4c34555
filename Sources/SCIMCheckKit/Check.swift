/// A declarative expectation about one response: it knows its summary, level and spec, and says
/// what it expected and what came back.
///
/// Checks are values written inside a ``CheckBuilder`` block after a request. Modifiers adjust them:
/// `Header("Location").present().level(.should).spec(.rfc7644("3.3"))`.
public protocol Check: Sendable {
    /// What is checked, as a short sentence ("status is 201").
    var summary: String { get }
    /// Level, references, consequence, hint and source of the check.
    var metadata: CheckMetadata { get set }
    /// Judges `response`.
    func evaluate(_ response: Response) -> CheckEvaluation
    /// The fix hint a failure of this kind of check gives when the scenario wrote none.
    var defaultHint: String? { get }
}

extension Check {
    /// No generic hint unless the check type has one.
    public var defaultHint: String? { nil }
}

/// The facts every check carries beside its logic.
public struct CheckMetadata: Sendable, Hashable {
    /// The level; `nil` takes the scenario's level.
    public var level: RequirementLevel?
    /// Specification sections the check enforces.
    public var specs: [SpecReference] = []
    /// What goes wrong in Okta when this check fails, in one sentence.
    public var oktaConsequence: String?
    /// How to fix the target when this check fails.
    public var fixHint: String?
    /// Where the check was written.
    public var source: SourceLocation

    /// Creates metadata at a source location.
    public init(source: SourceLocation) {
        self.source = source
    }
}

/// A check's verdict: passed or failed, always with what was expected and what was seen.
public struct CheckEvaluation: Sendable, Hashable {
    /// Whether the expectation held.
    public var passed: Bool
    /// What the check expected, in words or JSON.
    public var expected: String
    /// What the response showed.
    public var actual: String

    /// A verdict.
    public init(passed: Bool, expected: String, actual: String) {
        self.passed = passed
        self.expected = expected
        self.actual = actual
    }
}

extension Check {
    /// The same check at another requirement level.
    public func level(_ level: RequirementLevel) -> Self {
        var copy = self
        copy.metadata.level = level
        return copy
    }

    /// The same check, citing a specification section.
    public func spec(_ reference: SpecReference) -> Self {
        var copy = self
        copy.metadata.specs.append(reference)
        return copy
    }

    /// The same check, saying what breaks in Okta when it fails.
    public func because(_ oktaConsequence: String) -> Self {
        var copy = self
        copy.metadata.oktaConsequence = oktaConsequence
        return copy
    }

    /// The same check, with advice on fixing the target.
    public func hint(_ fixHint: String) -> Self {
        var copy = self
        copy.metadata.fixHint = fixHint
        return copy
    }
}

/// Collects the checks written after a request, with `if` and `for`.
@resultBuilder
public enum CheckBuilder {
    public static func buildExpression(_ check: any Check) -> [any Check] { [check] }
    public static func buildExpression(_ checks: [any Check]) -> [any Check] { checks }
    public static func buildBlock(_ parts: [any Check]...) -> [any Check] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any Check]?) -> [any Check] { part ?? [] }
    public static func buildEither(first: [any Check]) -> [any Check] { first }
    public static func buildEither(second: [any Check]) -> [any Check] { second }
    public static func buildArray(_ parts: [[any Check]]) -> [any Check] { parts.flatMap { $0 } }
}
