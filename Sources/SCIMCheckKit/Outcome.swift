/// The verdict on one scenario.
public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every check held.
    case passed
    /// A MUST-level check failed, or a requirement did not hold.
    case failed
    /// A SHOULD-level check failed; a failure only under `--strict`.
    case warning
    /// A MAY-level check did not hold; reported, never a failure.
    case informational
    /// The target does not advertise a capability the scenario needs.
    case unsupported
    /// Not run: excluded by a filter, a missing prerequisite, or the write guard.
    case skipped
    /// A failure listed in the baseline.
    case knownIssue
    /// The harness could not complete the scenario (transport, timeout, scenario code).
    case error
}
