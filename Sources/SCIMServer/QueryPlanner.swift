import SCIMCore

/// Splits a filter into what the store evaluates with an index and what the server evaluates in memory.
///
/// An `eq` on an indexed attribute (`userName`, `externalId`, `id`, `displayName`; a group's member id),
/// alone or as one side of a top-level `and`, becomes a store criterion; the rest is the residual filter. With no
/// residual, the store also sorts (by creation, `userName` or `displayName`) and pages, so Okta's
/// `userName eq "…"` lookup stays one index probe at any number of users.
enum QueryPlanner {
    /// The store criterion and the residual filter for a user query.
    static func users(_ filter: SCIMFilter?, profile: ServerProfile) -> (UserQuery.Criterion, SCIMFilter?) {
        split(filter) { leaf in
            guard case .compare(let path, .eq, .string(let value)) = leaf,
                case .attribute(let resolved)? = SCIMResourceType.user.resolve(path, profile: profile),
                resolved.container == nil, resolved.subAttribute == nil
            else { return nil }
            switch resolved.attribute.name {
            case "userName":
                // The caseSensitiveUserNameFilter quirk forgets to fold the value looked for.
                let key =
                    Quirk.active.contains(.caseSensitiveUserNameFilter) ? value : UserRepresentation.userNameKey(value)
                return .userNameKey(key)
            case "externalId": return .externalId(value)
            case "id": return .id(value)
            case "displayName": return .displayNameKey(UserRecord.displayNameKey(value))
            default: return nil
            }
        }
    }

    /// The store criterion and the residual filter for a group query.
    static func groups(_ filter: SCIMFilter?, profile: ServerProfile) -> (GroupQuery.Criterion, SCIMFilter?) {
        split(filter) { leaf in
            switch leaf {
            case .compare(let path, .eq, .string(let value)):
                guard case .attribute(let resolved)? = SCIMResourceType.group.resolve(path, profile: profile),
                    resolved.container == nil
                else { return nil }
                switch (resolved.attribute.name, resolved.subAttribute?.name) {
                case ("displayName", nil): return .displayNameKey(GroupRepresentation.displayNameKey(value))
                case ("externalId", nil): return .externalId(value)
                case ("id", nil): return .id(value)
                case ("members", nil), ("members", "value"): return .member(value)  // Entra's check (IOP-E10)
                default: return nil
                }
            case .valuePath(let path, .compare(let inner, .eq, .string(let value))):
                guard case .attribute(let resolved)? = SCIMResourceType.group.resolve(path, profile: profile),
                    resolved.attribute.name == "members", inner.schema == nil, inner.subAttribute == nil,
                    inner.name.lowercased() == "value"
                else { return nil }
                return .member(value)
            default:
                return nil
            }
        }
    }

    private static func split<Criterion>(
        _ filter: SCIMFilter?, indexable: (SCIMFilter) -> Criterion?
    ) -> (Criterion, SCIMFilter?) where Criterion: AllCriterion {
        guard let filter else { return (.all, nil) }
        if let criterion = indexable(filter) { return (criterion, nil) }
        if case .and(let left, let right) = filter {
            if let criterion = indexable(left) { return (criterion, right) }
            if let criterion = indexable(right) { return (criterion, left) }
        }
        return (.all, filter)
    }
}

/// A store criterion with a case that selects everything.
protocol AllCriterion {
    static var all: Self { get }
}

extension UserQuery.Criterion: AllCriterion {}
extension GroupQuery.Criterion: AllCriterion {}
