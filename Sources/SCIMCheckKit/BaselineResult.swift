/// What applying a baseline (`scimcheck run --baseline FILE`) did to a run's outcomes.
///
/// Listed failures that failed again became ``Outcome/knownIssue``; failures the baseline does not list
/// are new and still fail the run; listed failures that now pass are fixed.
public struct BaselineResult: Sendable, Codable, Hashable {
    /// One scenario the baseline turned into a known issue.
    public struct KnownIssue: Sendable, Codable, Hashable {
        /// The scenario id.
        public var id: String
        /// The outcome the run gave it before the baseline applied (`failed` or `warning`).
        public var outcome: Outcome

        /// Creates a known issue record.
        public init(id: String, outcome: Outcome) {
            self.id = id
            self.outcome = outcome
        }
    }

    /// The baseline file as given on the command line.
    public var file: String
    /// How many scenarios the baseline lists.
    public var entries: Int
    /// Listed failures that failed again, now `knownIssue`.
    public var knownIssues: [KnownIssue]
    /// Failures the baseline does not list (or lists at a milder outcome), in run order.
    public var newFailures: [String]
    /// Listed scenarios that passed this time.
    public var fixed: [String]
    /// Listed scenarios that did not run or ended otherwise (skipped, unsupported, error, absent).
    public var unverified: [String]

    /// Creates a baseline result.
    public init(
        file: String, entries: Int, knownIssues: [KnownIssue] = [], newFailures: [String] = [], fixed: [String] = [],
        unverified: [String] = []
    ) {
        self.file = file
        self.entries = entries
        self.knownIssues = knownIssues
        self.newFailures = newFailures
        self.fixed = fixed
        self.unverified = unverified
    }
}
