import SCIMCore

/// A filter checked against a resource type's schemas and ready to evaluate on resource representations.
///
/// Compiling resolves every attribute path (names and URNs ignoring case, FILT-03, FILT-27), takes each
/// attribute's type and `caseExact` from the schema (FILT-06, FILT-07, FILT-13 to FILT-15), and refuses what
/// cannot be evaluated with 400 `invalidFilter`: unknown attributes (FILT-34), `gt`/`lt` on booleans and binary
/// (FILT-14), a single-valued complex attribute without a sub-attribute (FILT-22), values of the wrong JSON type
/// (FILT-31). Evaluation runs on the representation returned to clients, so defaulted attributes compare as
/// returned (FILT-35).
indirect enum CompiledFilter: Sendable {
    case present(ValueSelector)
    case compare(ValueSelector, SCIMFilter.ComparisonOperator, Operand)
    case and(CompiledFilter, CompiledFilter)
    case or(CompiledFilter, CompiledFilter)
    case not(CompiledFilter)
    /// Some value of the selected multi-valued (or complex) attribute satisfies the element filter (FILT-23).
    case valuePath(ValueSelector, CompiledFilter)

    /// A comparison value, already converted to the attribute's type.
    enum Operand: Sendable {
        case null
        case string(String, caseExact: Bool)
        case boolean(Bool)
        case number(Double)
        case dateTime(SCIMDateTime, text: String)
    }

    /// Whether `resource` (a representation as returned to clients) matches.
    func matches(_ resource: JSONObject) -> Bool {
        switch self {
        case .present(let selector):
            return selector.values(in: resource).contains(where: SCIMValue.isPresent)
        case .compare(let selector, let op, let operand):
            return Self.compare(selector.values(in: resource), op, operand)
        case .and(let left, let right):
            return left.matches(resource) && right.matches(resource)
        case .or(let left, let right):
            return left.matches(resource) || right.matches(resource)
        case .not(let inner):
            return !inner.matches(resource)
        case .valuePath(let selector, let inner):
            return selector.elements(in: resource).contains { inner.matches($0) }
        }
    }

    /// Whether any of `values` satisfies `op operand`; `ne` is the negation of `eq`, so an unassigned attribute
    /// matches `ne` (FILT-09, RFCX-13), and `eq null` means unassigned (FILT-32).
    static func compare(_ values: [JSONValue], _ op: SCIMFilter.ComparisonOperator, _ operand: Operand) -> Bool {
        if case .null = operand {
            let present = values.contains(where: SCIMValue.isPresent)
            return op == .eq ? !present : present
        }
        if op == .ne { return !compare(values, .eq, operand) }
        return values.contains { satisfies($0, op, operand) }
    }

    private static func satisfies(_ value: JSONValue, _ op: SCIMFilter.ComparisonOperator, _ operand: Operand) -> Bool {
        switch operand {
        case .null:
            return false
        case .boolean(let expected):
            guard case .bool(let actual) = value else { return false }
            return op == .eq && actual == expected
        case .number(let expected):
            guard let actual = SCIMValue.number(value) else { return false }
            return Self.ordered(actual, op, expected)
        case .dateTime(let expected, let text):
            guard case .string(let actualText) = value else { return false }
            switch op {
            case .co: return actualText.contains(text)
            case .sw: return actualText.hasPrefix(text)
            case .ew: return actualText.hasSuffix(text)
            default: break
            }
            guard let actual = SCIMDateTime(actualText) else { return false }
            return Self.ordered(actual, op, expected)
        case .string(let expected, let caseExact):
            guard case .string(let text) = value else { return false }
            let actual = SCIMValue.folded(text, caseExact: caseExact)
            switch op {
            case .eq: return actual == expected
            case .ne: return actual != expected
            case .co: return expected.isEmpty || actual.contains(expected)
            case .sw: return actual.hasPrefix(expected)
            case .ew: return actual.hasSuffix(expected)
            case .gt: return SCIMValue.precedes(expected, actual)
            case .ge: return !SCIMValue.precedes(actual, expected)
            case .lt: return SCIMValue.precedes(actual, expected)
            case .le: return !SCIMValue.precedes(expected, actual)
            }
        }
    }

    /// `actual op expected` for ordered values (numbers, FILT-13; dates, FILT-15): `eq` and the orderings; other
    /// operators do not apply.
    private static func ordered<Value: Comparable>(
        _ actual: Value, _ op: SCIMFilter.ComparisonOperator, _ expected: Value
    ) -> Bool {
        switch op {
        case .eq: actual == expected
        case .gt: actual > expected
        case .ge: actual >= expected
        case .lt: actual < expected
        case .le: actual <= expected
        default: false
        }
    }
}

/// Where an attribute's values are in a resource representation.
struct ValueSelector: Sendable, Hashable {
    /// The extension URN whose object holds the attribute, or `nil`.
    var container: String?
    /// The top-level attribute's canonical name; `nil` selects nothing (an attribute the type does not define,
    /// in a search across resource types: it evaluates as unassigned, RFC 7644 §3.4.2.1).
    var attribute: String?
    /// The sub-attribute, if any; for a multi-valued complex attribute without one, `value` (FILT-21).
    var subAttribute: String?

    /// A selector that finds nothing.
    static let absent = ValueSelector(container: nil, attribute: nil, subAttribute: nil)

    /// The attribute's raw value, if assigned.
    func slot(in resource: JSONObject) -> JSONValue? {
        guard let attribute else { return nil }
        if let container {
            guard case .object(let object)? = resource.value(forAttribute: container) else { return nil }
            return object.value(forAttribute: attribute)
        }
        return resource.value(forAttribute: attribute)
    }

    /// Every value the path selects, flattened across multi-valued attributes (FILT-20).
    func values(in resource: JSONObject) -> [JSONValue] {
        guard let slot = slot(in: resource) else { return [] }
        var result: [JSONValue] = []
        func flatten(_ value: JSONValue) {
            if case .array(let elements) = value {
                for element in elements { flatten(element) }
            } else {
                result.append(value)
            }
        }
        guard let subAttribute else {
            flatten(slot)
            return result
        }
        for element in slot.arrayValue ?? [slot] {
            if case .object(let object) = element, let value = object.value(forAttribute: subAttribute) {
                flatten(value)
            }
        }
        return result
    }

    /// The elements of a multi-valued attribute (or the single complex value) as objects, for value filters;
    /// simple values appear as `{"value": …}` so that `value` names them.
    func elements(in resource: JSONObject) -> [JSONObject] {
        guard let slot = slot(in: resource) else { return [] }
        let values = slot.arrayValue ?? [slot]
        return values.map { value in
            if case .object(let object) = value { return object }
            return JSONObject([("value", value)])
        }
    }
}

/// Compiles parsed filters for one resource type (or for several, in a search across types).
struct FilterCompiler: Sendable {
    /// The resource type whose schemas resolve attribute paths.
    var type: SCIMResourceType
    /// The profile: `patch.booleanStrings` also lets filters compare booleans with `"true"` (FILT-31, lenient).
    var profile: ServerProfile
    /// When true, an attribute the type does not define evaluates as unassigned instead of failing
    /// (searches across resource types, RFC 7644 §3.4.2.1); its name is recorded in ``unknownPaths``.
    var unknownAsAbsent = false

    /// Compiles `filter`.
    /// - Throws: ``SCIMError`` 400 `invalidFilter` saying what cannot be evaluated.
    func compile(_ filter: SCIMFilter) throws -> CompiledFilter {
        switch filter {
        case .and(let left, let right): return .and(try compile(left), try compile(right))
        case .or(let left, let right): return .or(try compile(left), try compile(right))
        case .not(let inner): return .not(try compile(inner))
        case .present(let path):
            guard let target = try resolve(path) else { return .present(.absent) }
            switch target {
            case .extensionContainer(let schema):
                return .present(ValueSelector(container: nil, attribute: schema.id, subAttribute: nil))
            case .attribute(let resolved):
                return .present(selector(resolved))
            }
        case .compare(let path, let op, let value):
            guard let target = try resolve(path) else {
                // Unassigned: eq is false, ne true, eq null true (RFC 7644 §3.4.2.1).
                return .compare(.absent, op, value.isNull ? .null : .string("", caseExact: true))
            }
            guard case .attribute(let resolved) = target else {
                throw SCIMError.invalidFilter(
                    "\(SCIMError.excerpt(path.description)) is an extension object; compare one of its attributes")
            }
            let (selector, leaf) = try comparable(resolved, path: path)
            return .compare(selector, op, try operand(value, op: op, attribute: leaf, path: path))
        case .valuePath(let path, let inner):
            guard let target = try resolve(path) else { return .valuePath(.absent, .present(.absent)) }
            guard case .attribute(let resolved) = target, resolved.subAttribute == nil else {
                let name = SCIMError.excerpt(path.description)
                throw SCIMError.invalidFilter("a value filter needs a multi-valued or complex attribute, not \(name)")
            }
            let attribute = resolved.attribute
            guard attribute.multiValued || attribute.isComplex else {
                throw SCIMError.invalidFilter(
                    "a value filter needs a multi-valued or complex attribute; \(attribute.name) is single-valued")
            }
            try checkFilterable(attribute, path: path)
            let selector = ValueSelector(container: resolved.container, attribute: attribute.name, subAttribute: nil)
            return .valuePath(selector, try compileElement(inner, parent: attribute))
        }
    }

    /// Compiles the filter inside `attr[...]`: its paths name sub-attributes of `parent`.
    func compileElement(_ filter: SCIMFilter, parent: SchemaAttribute) throws -> CompiledFilter {
        func leaf(_ path: AttributePath) throws -> SchemaAttribute {
            guard path.schema == nil, path.subAttribute == nil else {
                throw SCIMError.invalidFilter(
                    "inside \(parent.name)[...], name a sub-attribute of \(parent.name), "
                        + "not \(SCIMError.excerpt(path.description))")
            }
            if parent.isComplex {
                guard let sub = parent.subAttribute(named: path.name) else {
                    throw SCIMError.invalidFilter(
                        "\(parent.name) has no sub-attribute '\(SCIMError.excerpt(path.name))'")
                }
                try checkFilterable(sub, path: path)
                return sub
            }
            guard path.name.lowercased() == "value" else {
                throw SCIMError.invalidFilter("inside \(parent.name)[...], the only name is 'value'")
            }
            var element = parent
            element.multiValued = false
            element.name = "value"
            return element
        }
        switch filter {
        case .and(let left, let right):
            return .and(try compileElement(left, parent: parent), try compileElement(right, parent: parent))
        case .or(let left, let right):
            return .or(try compileElement(left, parent: parent), try compileElement(right, parent: parent))
        case .not(let inner):
            return .not(try compileElement(inner, parent: parent))
        case .present(let path):
            let sub = try leaf(path)
            return .present(ValueSelector(container: nil, attribute: sub.name, subAttribute: nil))
        case .compare(let path, let op, let value):
            let sub = try leaf(path)
            guard !sub.isComplex else {
                throw SCIMError.invalidFilter("\(parent.name).\(sub.name) is complex; it cannot be compared")
            }
            let selector = ValueSelector(container: nil, attribute: sub.name, subAttribute: nil)
            return .compare(selector, op, try operand(value, op: op, attribute: sub, path: path))
        case .valuePath:
            throw SCIMError.invalidFilter("a value filter cannot contain another value filter")
        }
    }

    /// Resolves a path; `nil` only when unknown attributes evaluate as unassigned.
    private func resolve(_ path: AttributePath) throws -> ResolvedPath? {
        guard let resolved = type.resolve(path, profile: profile) else {
            if unknownAsAbsent { return nil }
            throw SCIMError.invalidFilter(
                "'\(SCIMError.excerpt(path.description))' is not an attribute of \(type.name) resources; "
                    + "see /Schemas")
        }
        if case .attribute(let attribute) = resolved {
            try checkFilterable(attribute.attribute, path: path)
            if let sub = attribute.subAttribute { try checkFilterable(sub, path: path) }
        }
        return resolved
    }

    /// Refuses attributes that are never returned: filtering on them would disclose them (SCH-14, SEC-08).
    private func checkFilterable(_ attribute: SchemaAttribute, path: AttributePath) throws {
        guard attribute.returned != .never else {
            throw SCIMError.invalidFilter(
                "'\(SCIMError.excerpt(path.description))' is never returned, so it cannot be filtered on")
        }
    }

    /// The selector and the compared attribute of a comparison; a multi-valued complex attribute without a
    /// sub-attribute compares its `value` (FILT-21), a single-valued complex one cannot be compared (FILT-22).
    private func comparable(
        _ resolved: ResolvedAttribute, path: AttributePath
    ) throws -> (
        ValueSelector, SchemaAttribute
    ) {
        let leaf = resolved.leaf
        let selector = ValueSelector(
            container: resolved.container, attribute: resolved.attribute.name, subAttribute: resolved.subAttribute?.name
        )
        guard leaf.isComplex else { return (selector, leaf) }
        guard leaf.multiValued, let value = leaf.subAttribute(named: "value") else {
            let example = leaf.subAttributes.first?.name ?? "value"
            throw SCIMError.invalidFilter(
                "\(resolved) is complex; compare one of its sub-attributes, such as \(resolved).\(example)")
        }
        var implicit = selector
        implicit.subAttribute = value.name
        return (implicit, value)
    }

    /// Converts a comparison value to the attribute's type, refusing combinations Table 3 rules out.
    private func operand(
        _ value: JSONValue, op: SCIMFilter.ComparisonOperator, attribute: SchemaAttribute, path: AttributePath
    ) throws -> CompiledFilter.Operand {
        let name = SCIMError.excerpt(path.description)
        if value.isNull {
            guard op == .eq || op == .ne else {
                throw SCIMError.invalidFilter("'\(op.rawValue) null' is not a comparison; use eq null or ne null")
            }
            return .null
        }
        let ordering: Set<SCIMFilter.ComparisonOperator> = [.gt, .ge, .lt, .le]
        let substring: Set<SCIMFilter.ComparisonOperator> = [.co, .sw, .ew]
        switch attribute.kind {
        case .boolean:
            guard op == .eq || op == .ne else {
                throw SCIMError.invalidFilter("'\(op.rawValue)' cannot compare the boolean attribute \(name) (FILT-14)")
            }
            if case .bool(let flag) = value { return .boolean(flag) }
            if profile.allows(.patchBooleanStrings), let flag = SCIMValue.booleanString(value) { return .boolean(flag) }
            throw SCIMError.invalidFilter("\(name) is a boolean; compare it with true or false, not \(value.typeName)")
        case .integer, .decimal:
            guard !substring.contains(op) else {
                throw SCIMError.invalidFilter("'\(op.rawValue)' cannot compare the number attribute \(name)")
            }
            guard let number = SCIMValue.number(value) else {
                throw SCIMError.invalidFilter("\(name) is a number; compare it with a number, not \(value.typeName)")
            }
            return .number(number)
        case .dateTime:
            guard case .string(let text) = value else {
                throw SCIMError.invalidFilter(
                    "\(name) is a dateTime; compare it with a quoted xsd:dateTime, not \(value.typeName)")
            }
            if substring.contains(op) { return .string(text, caseExact: true) }
            guard let time = SCIMDateTime(text) else {
                throw SCIMError.invalidFilter(
                    "\"\(SCIMError.excerpt(text))\" is not an xsd:dateTime such as 2024-05-01T10:20:30Z")
            }
            return .dateTime(time, text: text)
        case .binary:
            guard !ordering.contains(op) else {
                throw SCIMError.invalidFilter("'\(op.rawValue)' cannot compare the binary attribute \(name) (FILT-14)")
            }
            guard case .string(let text) = value else {
                throw SCIMError.invalidFilter("\(name) is binary; compare it with a base64 string")
            }
            return .string(text, caseExact: true)
        case .string, .reference, .complex:
            guard case .string(let text) = value else {
                throw SCIMError.invalidFilter(
                    "\(name) is a string; compare it with a string in double quotes, not \(value.typeName)")
            }
            return .string(SCIMValue.folded(text, caseExact: attribute.caseExact), caseExact: attribute.caseExact)
        }
    }

    /// A selector for a resolved attribute (for `pr`).
    private func selector(_ resolved: ResolvedAttribute) -> ValueSelector {
        ValueSelector(
            container: resolved.container, attribute: resolved.attribute.name, subAttribute: resolved.subAttribute?.name
        )
    }
}
