/// How strongly a specification asks for a behaviour (RFC 2119): it decides what a failed check means.
///
/// A failed MUST check fails its scenario; a failed SHOULD check makes it a warning (a failure only
/// under `--strict`); a failed MAY check is informational.
public enum RequirementLevel: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case must = "MUST"
    case should = "SHOULD"
    case may = "MAY"

    private var rank: Int {
        switch self {
        case .must: 0
        case .should: 1
        case .may: 2
        }
    }

    public static func < (lhs: RequirementLevel, rhs: RequirementLevel) -> Bool { lhs.rank < rhs.rank }
}
