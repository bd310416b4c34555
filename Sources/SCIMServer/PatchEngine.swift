import SCIMCore

/// Applies PATCH operations (RFC 7644 §3.5.2) to a copy of a stored resource, structurally; the caller then reads
/// the result as it reads a PUT body, which checks types, required attributes and `primary` (ERR-06, SCH-08).
///
/// The engine works on a copy, so a failing operation leaves nothing behind: a PATCH is all or nothing
/// (PATCH-06). What it accepts beyond the RFC follows the ``ServerProfile`` flags: path-less values with dotted or
/// URN keys (IOP-E04), read-only attributes in path-less values such as the `id` in Okta's group rename (IOP-O02),
/// removal by value (IOP-E03), and element creation on a value-path miss (IOP-E05). The engine is the server's own;
/// the kit never uses it to decide a verdict (DESIGN §3 rule 1).
struct PatchEngine {
    /// What a PATCH did to the password, which is never part of the document (RFC 7643 §4.1.1).
    enum PasswordChange: Sendable, Equatable {
        case unchanged
        case set(String)
        case removed
    }

    /// The resource type being patched.
    let type: SCIMResourceType
    /// The profile whose lenient flags apply.
    let profile: ServerProfile
    /// Unassigned (`JSONValue` is expressible by `nil`, so a bare `nil` in a conditional could mean `null`).
    private static let unassigned: JSONValue? = .none

    /// The current representation, for read-only values a path-less `replace` repeats.
    let current: JSONObject
    /// The editable resource: `schemas` and the attributes (with `members` for a group).
    private(set) var document: JSONObject
    /// The password change, if any.
    private(set) var password = PasswordChange.unchanged

    /// An engine for `document`, whose current representation is `current`.
    init(type: SCIMResourceType, profile: ServerProfile, document: JSONObject, current: JSONObject) {
        self.type = type
        self.profile = profile
        self.document = document
        self.current = current
    }

    /// Applies `operations` in order, each on the result of the previous one (PATCH-05).
    mutating func apply(_ operations: [PatchRequest.Operation]) throws {
        for operation in operations { try apply(operation) }
    }

    /// Applies one operation.
    mutating func apply(_ operation: PatchRequest.Operation) throws {
        guard let path = operation.path else {
            // A path-less add or replace: the value's members are the attributes to change (PATCH-09, PATCH-23).
            guard case .object(let object)? = operation.value else {
                throw SCIMError.noTarget("operation \(operation.number) has no path")
            }
            try pathless(operation, object)
            return
        }
        try apply(operation, target: try target(for: path, number: operation.number), value: operation.value)
    }

    // MARK: - Targets

    /// Where an operation applies.
    private enum Target {
        /// An attribute, maybe a sub-attribute (`name.givenName`).
        case attribute(ResolvedAttribute)
        /// The values of a multi-valued (or complex) attribute that match a filter, maybe one sub-attribute of them.
        case valuePath(ResolvedAttribute, CompiledFilter, SCIMFilter, SchemaAttribute?)
        /// A whole extension object (PATCH-38).
        case container(ResourceSchema)
        /// An attribute the schemas do not define, kept as provisioned (compatible profile).
        case raw(container: String?, name: String)
    }

    private func target(for path: PatchPath, number: Int) throws -> Target {
        guard let resolved = type.resolve(path.attribute, profile: profile) else {
            if let schema = path.attribute.schema, type.core.isNamed("\(schema):\(path.attribute.name)") {
                // The core schema URN alone reads as an attribute "User" of a schema "…:core:2.0"; it names no
                // attribute (RFC 7644 §3.10), and keeping it as unknown would add a bogus URN to `schemas`.
                throw SCIMError.invalidPath(
                    "operation \(number): \(type.core.id) is the \(type.name) schema, not an attribute; name an "
                        + "attribute in path, or omit path to change several")
            }
            if path.filter == nil, path.attribute.subAttribute == nil, profile.allows(.schemaKeepUnknownAttributes),
                path.attribute.schema == nil || profile.allows(.schemaIgnoreUnknownSchemaURIs),
                !(path.attribute.schema.map { type.core.isNamed($0) || type.extensionSchema($0) != nil } ?? false)
            {
                return .raw(container: path.attribute.schema, name: path.attribute.name)
            }
            throw SCIMError.invalidPath(
                "operation \(number): '\(SCIMError.excerpt(path.attribute.description))' is not an attribute of "
                    + "\(type.name) resources; see /Schemas")
        }
        switch resolved {
        case .extensionContainer(let schema):
            guard path.filter == nil else {
                throw SCIMError.invalidPath("operation \(number): a value filter cannot follow an extension URN")
            }
            return .container(schema)
        case .attribute(let attribute):
            guard let filter = path.filter else { return .attribute(attribute) }
            guard attribute.attribute.multiValued || attribute.attribute.isComplex else {
                throw SCIMError.invalidPath(
                    "operation \(number): \(attribute) is single-valued; a value filter needs a multi-valued attribute")
            }
            let compiled = try FilterCompiler(type: type, profile: profile)
                .compileElement(filter, parent: attribute.attribute)
            var sub: SchemaAttribute?
            if let name = path.subAttribute {
                guard let found = attribute.attribute.subAttribute(named: name) else {
                    throw SCIMError.invalidPath(
                        "operation \(number): \(attribute) has no sub-attribute '\(SCIMError.excerpt(name))'")
                }
                sub = found
            }
            return .valuePath(attribute, compiled, filter, sub)
        }
    }

    private mutating func apply(_ operation: PatchRequest.Operation, target: Target, value: JSONValue?) throws {
        let number = operation.number
        switch target {
        case .raw(let container, let name):
            if operation.kind == .remove {
                setSlot(container, name, nil)
            } else {
                setSlot(container, name, value)
            }
        case .container(let schema):
            if operation.kind == .remove || value?.isNull == true {
                document[document.storedKey(forAttribute: schema.id)] = nil
                return
            }
            guard case .object(let object)? = value else {
                throw SCIMError.invalidValue(
                    "operation \(number): the value for \(schema.id) must be an object of its attributes")
            }
            try applyContainer(operation, schema: schema, object: object)
        case .attribute(let resolved):
            try checkMutability(resolved.attribute, resolved.subAttribute, operation)
            if isPassword(resolved.attribute) {
                try setPassword(operation, value: value)
                return
            }
            switch operation.kind {
            case .remove: try remove(resolved, value: value, number: number)
            case .add: try addOrReplace(resolved, value: value ?? .null, replace: false, number: number)
            case .replace: try addOrReplace(resolved, value: value ?? .null, replace: true, number: number)
            }
        case .valuePath(let resolved, let filter, let source, let sub):
            try checkMutability(resolved.attribute, sub, operation)
            try applyValuePath(operation, resolved, filter, source, sub, value: value)
        }
    }

    // MARK: - Path-less add and replace

    private mutating func pathless(_ operation: PatchRequest.Operation, _ object: JSONObject) throws {
        let number = operation.number
        for (key, value) in object {
            let lowered = key.lowercased()
            if lowered == "schemas" {
                let resolved = ResolvedAttribute(container: nil, attribute: CommonAttributes.schemas, subAttribute: nil)
                try addOrReplace(resolved, value: value, replace: operation.kind == .replace, number: number)
                continue
            }
            if let attribute = CommonAttributes.named(key) ?? type.core.attribute(named: key),
                attribute.mutability == .readOnly
            {
                try readOnlyInValue(attribute, value, number: number)
                continue
            }
            if lowered.hasPrefix("urn:") {
                if let schema = type.extensionSchema(key) {
                    if value.isNull {
                        if operation.kind == .replace { document[document.storedKey(forAttribute: schema.id)] = nil }
                        continue
                    }
                    guard case .object(let container) = value else {
                        throw SCIMError.invalidValue(
                            "operation \(number): the value for \(schema.id) must be an object of its attributes")
                    }
                    try applyContainer(operation, schema: schema, object: container)
                    continue
                }
                if type.core.isNamed(key), case .object(let core) = value,
                    profile.allows(.patchDottedKeysInPathlessValue)
                {
                    try pathless(operation, core)
                    continue
                }
            }
            guard let path = AttributePath.parse(key) else {
                throw SCIMError.invalidPath(
                    "operation \(number): \"\(SCIMError.excerpt(key))\" is not an attribute name")
            }
            if path.schema != nil || path.subAttribute != nil {
                // `name.givenName` or `urn:…:User:employeeNumber` as a key (IOP-E04).
                let known = type.resolve(path, profile: profile) != nil
                guard profile.allows(.patchDottedKeysInPathlessValue) || !known else {
                    throw SCIMError.invalidPath(
                        "operation \(number): \"\(SCIMError.excerpt(key))\" is a path; without a path, the value's "
                            + "keys must be attribute names (or set the operation's path)")
                }
            }
            let target = try target(for: PatchPath(attribute: path, filter: nil, subAttribute: nil), number: number)
            try apply(operation, target: target, value: value)
        }
    }

    /// A read-only attribute inside a path-less value: ignored when equal to the current value, or always with
    /// `patch.ignoreReadOnlyEqual` (Okta's group rename carries `id`, IOP-O02, PATCH-42); else 400 mutability.
    private func readOnlyInValue(_ attribute: SchemaAttribute, _ value: JSONValue, number: Int) throws {
        if profile.allows(.patchIgnoreReadOnlyEqual) { return }
        if current.value(forAttribute: attribute.name) == value { return }
        throw SCIMError.mutability(
            "operation \(number): attribute '\(attribute.name)' is readOnly and cannot be changed (RFC 7643 §7)")
    }

    /// Applies each attribute of an extension object, as `add` or `replace` of that attribute.
    private mutating func applyContainer(
        _ operation: PatchRequest.Operation, schema: ResourceSchema, object: JSONObject
    ) throws {
        for (key, value) in object {
            guard let attribute = schema.attribute(named: key) else {
                guard profile.allows(.schemaKeepUnknownAttributes) else {
                    throw SCIMError.invalidPath(
                        "operation \(operation.number): \(schema.id) has no attribute '\(SCIMError.excerpt(key))'")
                }
                setSlot(schema.id, key, value)
                continue
            }
            if attribute.mutability == .readOnly {
                try readOnlyInValue(attribute, value, number: operation.number)
                continue
            }
            let resolved = ResolvedAttribute(container: schema.id, attribute: attribute, subAttribute: nil)
            try addOrReplace(resolved, value: value, replace: operation.kind == .replace, number: operation.number)
        }
    }

    // MARK: - Attributes

    private func isPassword(_ attribute: SchemaAttribute) -> Bool {
        attribute.mutability == .writeOnly && attribute.name == "password"
    }

    private mutating func setPassword(_ operation: PatchRequest.Operation, value: JSONValue?) throws {
        switch (operation.kind, value) {
        case (.remove, _), (.replace, .null?):
            password = .removed
        case (_, .string(let text)?):
            password = .set(text)
        default:
            throw SCIMError.invalidValue("operation \(operation.number): password must be a string")
        }
    }

    /// 400 mutability for read-only and immutable targets (PATCH-33) and for removing required attributes
    /// (PATCH-17).
    private func checkMutability(
        _ attribute: SchemaAttribute, _ sub: SchemaAttribute?, _ operation: PatchRequest.Operation
    ) throws {
        let number = operation.number
        if attribute.mutability == .readOnly {
            throw SCIMError.mutability("operation \(number): attribute '\(attribute.name)' is readOnly")
        }
        if let sub, sub.mutability == .readOnly || sub.mutability == .immutable {
            throw SCIMError.mutability(
                "operation \(number): '\(attribute.name).\(sub.name)' is \(sub.mutability.rawValue); "
                    + "\(operation.kind.rawValue) the whole value instead")
        }
        if operation.kind == .remove, sub == nil, attribute.required || attribute == CommonAttributes.schemas {
            throw SCIMError.mutability(
                "operation \(number): attribute '\(attribute.name)' is required and cannot be removed")
        }
    }

    /// `add` or `replace` on an attribute or on a sub-attribute of every value.
    private mutating func addOrReplace(
        _ resolved: ResolvedAttribute, value: JSONValue, replace: Bool, number: Int
    ) throws {
        let attribute = resolved.attribute
        let existing = slot(resolved.container, attribute.name)
        if let sub = resolved.subAttribute {
            try Self.checkShape(value, of: sub, path: "\(attribute.name).\(sub.name)", number: number)
            if attribute.multiValued {
                // `emails.type` without a filter: every value's sub-attribute.
                guard case .array(var elements)? = existing, !elements.isEmpty else {
                    throw SCIMError.noTarget("operation \(number): \(attribute.name) has no values to change")
                }
                for index in elements.indices { elements[index] = Self.setting(sub.name, value, in: elements[index]) }
                setSlot(resolved.container, attribute.name, .array(elements))
            } else {
                // `name.givenName`: creates `name` when absent (PATCH-11, PATCH-26).
                let object = existing ?? .object(JSONObject())
                setSlot(resolved.container, attribute.name, Self.setting(sub.name, value, in: object))
            }
            return
        }
        if attribute.multiValued {
            let incoming = value.isNull ? [] : (value.arrayValue ?? [value])
            if replace {
                // Replaces all values (PATCH-23, PATCH-27); two primaries in them stay an error (SCH-08).
                setSlot(
                    resolved.container, attribute.name, .array(appended([], incoming, attribute, clearsPrimary: false)))
            } else {
                // Appends; a value already present is a no-op (PATCH-10).
                let current = existing?.arrayValue ?? (existing.map { [$0] } ?? [])
                setSlot(resolved.container, attribute.name, .array(appended(current, incoming, attribute)))
            }
            return
        }
        try Self.checkShape(value, of: attribute, path: attribute.name, number: number)
        if attribute.isComplex, case .object(let incoming) = value, case .object(var merged)? = existing {
            // Sub-attributes not given are left unchanged (PATCH-12, PATCH-28).
            for (key, subValue) in incoming {
                merged[merged.storedKey(forAttribute: key)] = subValue.isNull ? Self.unassigned : subValue
            }
            setSlot(resolved.container, attribute.name, .object(merged))
            return
        }
        setSlot(resolved.container, attribute.name, value)
    }

    /// Refuses an array for a single-valued attribute and an object for a simple one (ERR-06): `setSlot` would
    /// otherwise read `[]` or `{}` as unassigned, which RFC 7643 §2.5 allows for multi-valued attributes only.
    private static func checkShape(
        _ value: JSONValue, of attribute: SchemaAttribute, path: String, number: Int
    ) throws {
        switch value {
        case .array where !attribute.multiValued:
            throw SCIMError.invalidValue("operation \(number): \(path) is single-valued; its value cannot be an array")
        case .object where !attribute.isComplex:
            throw SCIMError.invalidValue(
                "operation \(number): \(path) is a \(attribute.kind.rawValue); its value cannot be an object")
        default:
            return
        }
    }

    /// `remove` of an attribute or of a sub-attribute of every value (PATCH-16, PATCH-18, PATCH-22).
    private mutating func remove(_ resolved: ResolvedAttribute, value: JSONValue?, number: Int) throws {
        let attribute = resolved.attribute
        let existing = slot(resolved.container, attribute.name)
        if let sub = resolved.subAttribute {
            guard let existing else { return }
            if case .array(let elements) = existing {
                let kept = elements.compactMap { Self.removing(sub.name, from: $0) }
                setSlot(resolved.container, attribute.name, .array(kept))
            } else {
                setSlot(resolved.container, attribute.name, Self.removing(sub.name, from: existing))
            }
            return
        }
        if let value, !value.isNull {
            // Entra's `{"op":"remove","path":"members","value":[{"value":"<id>"}]}` (IOP-E03): never a wipe.
            guard profile.allows(.patchRemoveMembersByValue) else {
                throw SCIMError.invalidValue(
                    "operation \(number): remove takes no value; to remove some values of \(attribute.name), "
                        + "use a path such as \(attribute.name)[value eq \"…\"] (RFC 7644 §3.5.2.2)")
            }
            let items = value.arrayValue ?? [value]
            guard attribute.multiValued else {
                // A single value (`manager`) goes only if the value names it, or names nothing in particular.
                guard let existing else { return }
                let named = items.contains { $0.objectValue?.value(forAttribute: "value").map { !$0.isNull } ?? false }
                if !named || items.contains(where: { Self.item($0, matches: existing, attribute) }) {
                    setSlot(resolved.container, attribute.name, nil)
                }
                return
            }
            let elements = existing?.arrayValue ?? []
            let kept = elements.filter { element in !items.contains { Self.item($0, matches: element, attribute) } }
            setSlot(resolved.container, attribute.name, .array(kept))
            return
        }
        setSlot(resolved.container, attribute.name, nil)
    }

    // MARK: - Value paths

    private mutating func applyValuePath(
        _ operation: PatchRequest.Operation, _ resolved: ResolvedAttribute, _ filter: CompiledFilter,
        _ source: SCIMFilter, _ sub: SchemaAttribute?, value: JSONValue?
    ) throws {
        let number = operation.number
        let attribute = resolved.attribute
        let existing = slot(resolved.container, attribute.name)
        var elements = existing?.arrayValue ?? (existing.map { [$0] } ?? [])
        let matches = elements.indices.filter { index in
            if case .object(let object) = elements[index] { return filter.matches(object) }
            return filter.matches(JSONObject([("value", elements[index])]))
        }
        switch operation.kind {
        case .remove:
            // A filter that matches nothing removes nothing, successfully (PATCH-20, RFCX-12).
            if let sub {
                for index in matches.reversed() {
                    if let kept = Self.removing(sub.name, from: elements[index]) {
                        elements[index] = kept
                    } else {
                        elements.remove(at: index)
                    }
                }
            } else {
                for index in matches.reversed() { elements.remove(at: index) }
            }
        case .add, .replace:
            let value = value ?? .null
            var changed: [Int] = []
            if matches.isEmpty {
                // RFC 7644 §3.5.2.3: a replace whose filter matches nothing is noTarget (PATCH-31); Entra expects
                // the element to be created (IOP-E05, lenient).
                guard profile.allows(.patchUpsertOnValuePathMiss), let seed = Self.equalities(source, attribute) else {
                    throw SCIMError.noTarget(
                        "operation \(number): no value of \(attribute.name) matches the filter in the path")
                }
                var element = seed
                if let sub {
                    element[sub.name] = value.isNull ? Self.unassigned : value
                } else {
                    guard case .object(let object) = value else {
                        throw SCIMError.invalidValue("operation \(number): the value must be an object")
                    }
                    for (key, subValue) in object where !subValue.isNull {
                        element[element.storedKey(forAttribute: key)] = subValue
                    }
                }
                elements.append(.object(element))
                changed = [elements.count - 1]
            } else {
                for index in matches {
                    if let sub {
                        elements[index] = Self.setting(sub.name, value, in: elements[index])
                    } else {
                        guard case .object(let object) = value else {
                            throw SCIMError.invalidValue(
                                "operation \(number): the value for \(attribute.name)[…] must be an object")
                        }
                        if operation.kind == .add, case .object(var merged) = elements[index] {
                            for (key, subValue) in object {
                                merged[merged.storedKey(forAttribute: key)] =
                                    subValue.isNull ? Self.unassigned : subValue
                            }
                            elements[index] = .object(merged)
                        } else {
                            try Self.checkImmutable(attribute, old: elements[index], new: value, number: number)
                            elements[index] = value  // the matching values are replaced (PATCH-29)
                        }
                    }
                }
                changed = matches
            }
            // Setting primary on one value clears it on the others (PATCH-32).
            if let last = changed.last(where: { elements[$0]["primary"] == .bool(true) }) {
                for index in elements.indices where index != last {
                    elements[index] = Self.clearingPrimary(elements[index])
                }
            }
        }
        if attribute.multiValued {
            setSlot(resolved.container, attribute.name, .array(elements))
        } else {
            setSlot(resolved.container, attribute.name, elements.first)
        }
    }

    /// The `attr eq value` tests of a filter made only of `eq` and `and`, as the element they describe.
    private static func equalities(_ filter: SCIMFilter, _ attribute: SchemaAttribute) -> JSONObject? {
        switch filter {
        case .compare(let path, .eq, let value) where path.schema == nil && path.subAttribute == nil && !value.isNull:
            let name = attribute.subAttribute(named: path.name)?.name ?? path.name
            return JSONObject([(name, value)])
        case .and(let left, let right):
            guard var merged = equalities(left, attribute), let other = equalities(right, attribute) else { return nil }
            for (key, value) in other {
                guard merged[key] == nil || merged[key] == value else { return nil }
                merged[key] = value
            }
            return merged
        default:
            return nil
        }
    }

    /// Refuses a replacement that changes an immutable sub-attribute (Group `members.value`, PATCH-33).
    private static func checkImmutable(
        _ attribute: SchemaAttribute, old: JSONValue, new: JSONValue, number: Int
    ) throws {
        for sub in attribute.subAttributes where sub.mutability == .immutable {
            let before = old.objectValue?.value(forAttribute: sub.name)
            let after = new.objectValue?.value(forAttribute: sub.name)
            guard before == nil || after == nil || before == after else {
                throw SCIMError.mutability(
                    "operation \(number): '\(attribute.name).\(sub.name)' is immutable; remove the value and add "
                        + "another instead")
            }
        }
    }

    // MARK: - Multi-valued attributes

    /// `incoming` appended to `existing`: a value already present is merged into it (so re-adding a member or an
    /// email is a no-op, PATCH-10, SCH-10), and a new primary value clears the others' (PATCH-32).
    private func appended(
        _ existing: [JSONValue], _ incoming: [JSONValue], _ attribute: SchemaAttribute, clearsPrimary: Bool = true
    ) -> [JSONValue] {
        var result = existing
        var positions: [JSONValue: Int] = [:]  // identity → index, so large member lists stay linear
        for (index, element) in result.enumerated() where positions[Self.identity(element, attribute)] == nil {
            positions[Self.identity(element, attribute)] = index
        }
        for item in incoming where !item.isNull {
            let identity = Self.identity(item, attribute)
            var position: Int
            if let index = positions[identity] {
                if case .object(let object) = item, case .object(var merged) = result[index] {
                    for (key, value) in object {
                        merged[merged.storedKey(forAttribute: key)] = value.isNull ? merged[key] : value
                    }
                    result[index] = .object(merged)
                }
                position = index
            } else {
                result.append(item)
                position = result.count - 1
                positions[identity] = position
            }
            if clearsPrimary, item["primary"] == .bool(true) {
                for index in result.indices where index != position {
                    result[index] = Self.clearingPrimary(result[index])
                }
            }
        }
        return result
    }

    /// What makes two values of a multi-valued attribute the same value: for complex values with a `value`, that
    /// `value` (and `type`, unless immutable), folded by `caseExact`; otherwise the whole value. Group members are
    /// thus identified by `value` alone.
    private static func identity(_ element: JSONValue, _ attribute: SchemaAttribute) -> JSONValue {
        guard attribute.isComplex, case .object(let object) = element,
            let value = object.value(forAttribute: "value")
        else { return ["whole", element] }
        func folded(_ value: JSONValue, _ caseExact: Bool) -> JSONValue {
            guard !caseExact, case .string(let text) = value else { return value }
            return .string(text.lowercased())
        }
        let valueKey = folded(value, attribute.subAttribute(named: "value")?.caseExact ?? true)
        guard let typeAttribute = attribute.subAttribute(named: "type"), typeAttribute.mutability != .immutable else {
            return ["value", valueKey]
        }
        let type = object.value(forAttribute: "type") ?? .null
        return ["value", valueKey, folded(type, typeAttribute.caseExact)]
    }

    /// Whether a removal item (`{"value": "<id>", "$ref": null}`) names `element`: by `value` when it has one,
    /// else by every non-null member.
    private static func item(_ item: JSONValue, matches element: JSONValue, _ attribute: SchemaAttribute) -> Bool {
        guard case .object(let wanted) = item, case .object(let object) = element else { return item == element }
        let caseExact = attribute.subAttribute(named: "value")?.caseExact ?? true
        if let value = wanted.value(forAttribute: "value"), !value.isNull {
            return object.value(forAttribute: "value").map { equalFolded($0, value, caseExact: caseExact) } ?? false
        }
        return wanted.allSatisfy { key, value in value.isNull || object.value(forAttribute: key) == value }
    }

    private static func equalFolded(_ lhs: JSONValue, _ rhs: JSONValue, caseExact: Bool) -> Bool {
        if !caseExact, case .string(let left) = lhs, case .string(let right) = rhs {
            return left.lowercased() == right.lowercased()
        }
        return lhs == rhs
    }

    private static func clearingPrimary(_ value: JSONValue) -> JSONValue {
        guard case .object(var object) = value, object["primary"] != nil else { return value }
        object["primary"] = nil
        return .object(object)
    }

    // MARK: - The document

    /// `value` with its sub-attribute `name` set (removed for `null`).
    private static func setting(_ name: String, _ value: JSONValue, in target: JSONValue) -> JSONValue {
        var object = target.objectValue ?? JSONObject()
        object[object.storedKey(forAttribute: name)] = value.isNull ? Self.unassigned : value
        return .object(object)
    }

    /// `value` without its sub-attribute `name`, or `nil` when nothing is left.
    private static func removing(_ name: String, from value: JSONValue) -> JSONValue? {
        guard case .object(var object) = value else { return value }
        object[object.storedKey(forAttribute: name)] = nil
        return object.isEmpty ? Self.unassigned : .object(object)
    }

    private func slot(_ container: String?, _ name: String) -> JSONValue? {
        guard let container else { return document.value(forAttribute: name) }
        guard case .object(let object)? = document.value(forAttribute: container) else { return nil }
        return object.value(forAttribute: name)
    }

    /// Sets (or, for `nil`, `null`, `[]` and `{}`, unassigns: RFC 7643 §2.5) an attribute of the document.
    private mutating func setSlot(_ container: String?, _ name: String, _ value: JSONValue?) {
        var stored = value
        switch value {
        case .null?: stored = nil
        case .array(let elements)? where elements.isEmpty: stored = nil
        case .object(let object)? where object.isEmpty: stored = nil
        default: break
        }
        guard let container else {
            document[document.storedKey(forAttribute: name)] = stored
            return
        }
        let key = document.storedKey(forAttribute: container)
        var object = document[key]?.objectValue ?? JSONObject()
        object[object.storedKey(forAttribute: name)] = stored
        document[key] = object.isEmpty ? Self.unassigned : .object(object)
    }
}
