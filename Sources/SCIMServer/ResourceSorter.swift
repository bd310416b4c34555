import SCIMCore

/// Orders representations by a `sortBy` attribute (RFC 7644 §3.4.2.3).
///
/// Strings compare by the attribute's `caseExact` (lowercased when false) in code point order, with no locale
/// (SORT-05); dateTimes as instants, numbers numerically. A multi-valued attribute sorts by its primary value, else
/// its first (SORT-06). Resources without a value sort last when ascending and first when descending (SORT-07);
/// ties keep their order (creation order), so pages stay stable.
struct ResourceSorter: Sendable {
    /// The value a resource sorts by.
    enum Key: Comparable, Sendable {
        case boolean(Bool)
        case number(Double)
        case time(SCIMDateTime)
        case text([UInt8])

        static func < (lhs: Key, rhs: Key) -> Bool {
            switch (lhs, rhs) {
            case (.boolean(let a), .boolean(let b)): !a && b
            case (.number(let a), .number(let b)): a < b
            case (.time(let a), .time(let b)): a < b
            case (.text(let a), .text(let b)): a.lexicographicallyPrecedes(b)
            default: false
            }
        }
    }

    private var selector: ValueSelector
    private var kind: SchemaAttribute.Kind
    private var caseExact: Bool
    /// Whether the order is reversed.
    var descending: Bool

    /// A sorter for `path` on `type`; with `unknownAsAbsent`, an attribute the type lacks sorts as unassigned.
    /// - Throws: 400 `invalidValue` for a path that names no sortable attribute (SORT-09).
    init(
        path: AttributePath, descending: Bool, type: SCIMResourceType, profile: ServerProfile, unknownAsAbsent: Bool
    )
        throws
    {
        self.descending = descending
        guard let target = type.resolve(path, profile: profile) else {
            guard unknownAsAbsent else {
                throw SCIMError.invalidValue(
                    "sortBy '\(SCIMError.excerpt(path.description))' is not an attribute of \(type.name) resources")
            }
            (selector, kind, caseExact) = (.absent, .string, false)
            return
        }
        guard case .attribute(let resolved) = target, resolved.leaf.returned != .never else {
            throw SCIMError.invalidValue("sortBy '\(SCIMError.excerpt(path.description))' cannot be sorted by")
        }
        var leaf = resolved.leaf
        var selector = ValueSelector(
            container: resolved.container, attribute: resolved.attribute.name, subAttribute: resolved.subAttribute?.name
        )
        if leaf.isComplex {
            guard leaf.multiValued, let value = leaf.subAttribute(named: "value") else {
                throw SCIMError.invalidValue(
                    "sortBy '\(resolved)' is complex; name one of its sub-attributes, such as \(resolved).value")
            }
            selector.subAttribute = value.name
            leaf = value
        }
        self.selector = selector
        self.kind = leaf.kind
        self.caseExact = leaf.caseExact
    }

    /// Whether the sorter orders by exactly this attribute of the core schema (for SQL push-down).
    func sorts(byCore name: String) -> Bool {
        selector.container == nil && selector.attribute == name && selector.subAttribute == nil
    }

    /// `items` in order; `resource` gives each item's representation.
    func sorted<Item>(_ items: [Item], resource: (Item) -> JSONObject) -> [Item] {
        Self.sorted(items, descending: descending) { key(resource($0)) }
    }

    /// `items` ordered by `key` (unassigned last when ascending, first when descending; ties keep their order).
    static func sorted<Item>(_ items: [Item], descending: Bool, key: (Item) -> Key?) -> [Item] {
        let keyed = items.enumerated().map { (offset: $0.offset, key: key($0.element), item: $0.element) }
        return keyed.sorted { lhs, rhs in
            switch (lhs.key, rhs.key) {
            case (nil, nil): return lhs.offset < rhs.offset
            case (nil, _): return descending
            case (_, nil): return !descending
            case (let a?, let b?):
                if a == b { return lhs.offset < rhs.offset }
                return descending ? b < a : a < b
            }
        }.map(\.item)
    }

    /// The value a resource sorts by: the primary value of a multi-valued attribute, else its first (SORT-06).
    func key(_ resource: JSONObject) -> Key? {
        guard let slot = selector.slot(in: resource) else { return nil }
        var chosen = slot
        if case .array(let elements) = slot {
            guard !elements.isEmpty else { return nil }
            chosen = elements.first { $0["primary"] == .bool(true) } ?? elements[0]
        }
        if let sub = selector.subAttribute {
            guard case .object(let object) = chosen, let value = object.value(forAttribute: sub) else { return nil }
            chosen = value
        }
        switch (kind, chosen) {
        case (.boolean, .bool(let flag)): return .boolean(flag)
        case (.integer, _), (.decimal, _): return SCIMValue.number(chosen).map(Key.number)
        case (.dateTime, .string(let text)): return SCIMDateTime(text).map(Key.time)
        case (_, .string(let text)): return .text(Array(SCIMValue.folded(text, caseExact: caseExact).utf8))
        default: return nil
        }
    }
}
