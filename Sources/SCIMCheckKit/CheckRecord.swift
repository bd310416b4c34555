/// One evaluated check as the report keeps it: verdict, expectations, references and evidence.
///
/// A failed record is a finding: it says what was expected, what came back, the spec reference, the
/// Okta consequence and a fix hint where known, and points at the exchange that shows it.
public struct CheckRecord: Sendable, Hashable, Codable {
    /// What was checked.
    public var summary: String
    /// The level it was judged at.
    public var level: RequirementLevel
    /// Whether it held.
    public var passed: Bool
    /// What was expected.
    public var expected: String
    /// What came back.
    public var actual: String
    /// Specification sections it enforces.
    public var specs: [SpecReference]
    /// What goes wrong in Okta when it fails.
    public var oktaConsequence: String?
    /// How to fix the target.
    public var fixHint: String?
    /// The index of the exchange it judged, in the scenario's exchanges.
    public var exchangeIndex: Int?
    /// Where the check was written.
    public var source: SourceLocation

    /// Creates a record.
    public init(
        summary: String, level: RequirementLevel, passed: Bool, expected: String, actual: String,
        specs: [SpecReference] = [], oktaConsequence: String? = nil, fixHint: String? = nil,
        exchangeIndex: Int? = nil, source: SourceLocation
    ) {
        self.summary = summary
        self.level = level
        self.passed = passed
        self.expected = expected
        self.actual = actual
        self.specs = specs
        self.oktaConsequence = oktaConsequence
        self.fixHint = fixHint
        self.exchangeIndex = exchangeIndex
        self.source = source
    }
}
