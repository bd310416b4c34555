import SCIMCore

/// The `attributes` and `excludedAttributes` of a request, applied to representations (RFC 7644 §3.4.2.5, §3.9).
///
/// `id` and `schemas` are always returned (`returned: always`, ATTR-02, ATTR-06); attributes whose `returned` is
/// `never` never are (ATTR-08) and those whose `returned` is `request` only when named (ATTR-09). Names are
/// case-insensitive and may be URN-qualified or name a whole extension (ATTR-04, ATTR-05); unknown names are
/// ignored (ATTR-12). The same projection applies to every type in a search across types.
struct AttributeProjection: Sendable {
    /// Which attributes a request selects.
    enum Mode: Sendable {
        /// The default set.
        case all
        /// Only these (plus the always-returned ones).
        case only([AttributePath])
        /// The default set without these.
        case excluding([AttributePath])
    }

    var mode: Mode

    /// "Left out" (`JSONValue` is expressible by `nil`, so a bare `nil` in a conditional could mean `null`).
    private static let omitted: JSONValue? = .none

    /// The default set.
    static let all = AttributeProjection(mode: .all)

    /// Reads the comma-separated lists (from a query) or arrays (from a search body).
    /// - Throws: 400 `invalidValue` when both are given: RFC 7644 §3.9 calls them mutually exclusive (ATTR-11).
    init(attributes: [String]?, excludedAttributes: [String]?) throws {
        let included = (attributes ?? []).flatMap(Self.names)
        let excluded = (excludedAttributes ?? []).flatMap(Self.names)
        if !included.isEmpty, !excluded.isEmpty {
            throw SCIMError.invalidValue("attributes and excludedAttributes cannot be used together (RFC 7644 §3.9)")
        }
        if !included.isEmpty {
            mode = .only(included.compactMap(AttributePath.parse))
        } else if !excluded.isEmpty {
            mode = .excluding(excluded.compactMap(AttributePath.parse))
        } else {
            mode = .all
        }
    }

    private init(mode: Mode) {
        self.mode = mode
    }

    private static func names(_ list: String) -> [String] {
        list.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// Whether the projection asks for anything but the default set.
    var isDefault: Bool {
        if case .all = mode { return true }
        return false
    }

    /// Whether the projection leaves `attribute` (a top-level core attribute of `type`) out entirely, so the
    /// server need not load it (Entra's `excludedAttributes=members`, ATTR-07).
    func omits(_ attribute: String, of type: SCIMResourceType, profile: ServerProfile) -> Bool {
        let target = attribute.lowercased()
        func names(_ path: AttributePath) -> Bool {
            guard case .attribute(let resolved)? = type.resolve(path, profile: profile) else { return false }
            return resolved.container == nil && resolved.attribute.name.lowercased() == target
        }
        switch mode {
        case .all: return false
        case .only(let paths): return !paths.contains(where: names)
        case .excluding(let paths): return paths.contains { names($0) && $0.subAttribute == nil }
        }
    }

    /// The projected representation of `resource`, a full representation of `type`.
    func apply(_ resource: JSONObject, type: SCIMResourceType, profile: ServerProfile) -> JSONObject {
        // The projectionIgnored quirk answers with the default set whatever was asked.
        let mode = Quirk.active.contains(.projectionIgnored) ? Mode.all : self.mode
        var selection = Selection()
        switch mode {
        case .all:
            break
        case .only(let paths):
            for path in paths { selection.add(path, type: type, profile: profile) }
        case .excluding(let paths):
            for path in paths { selection.add(path, type: type, profile: profile) }
        }
        let including: Bool
        if case .only = mode { including = true } else { including = false }
        var output = JSONObject()
        for (key, value) in resource {
            let lowered = key.lowercased()
            if lowered == "schemas" || lowered == "id" {
                output[key] = value
                continue
            }
            if let ext = type.extensionSchema(key) {
                guard case .object(let container) = value else { continue }
                let projected = project(
                    container, attributes: ext.attributes, selection: selection.containers[ext.id.lowercased()],
                    including: including)
                if !projected.isEmpty { output[key] = .object(projected) }
                continue
            }
            let attribute = CommonAttributes.named(key) ?? type.core.attribute(named: key)
            if let projected = projectAttribute(
                key: key, value: value, attribute: attribute, rules: selection.core[lowered], including: including)
            {
                output[key] = projected
            }
        }
        return output
    }

    /// Projects the attributes of an extension object.
    private func project(
        _ container: JSONObject, attributes: [SchemaAttribute], selection: ContainerSelection?, including: Bool
    ) -> JSONObject {
        if selection?.whole == true { return including ? container : JSONObject() }
        var output = JSONObject()
        for (key, value) in container {
            let attribute = attributes.first { $0.name.lowercased() == key.lowercased() }
            if let projected = projectAttribute(
                key: key, value: value, attribute: attribute, rules: selection?.attributes[key.lowercased()],
                including: including)
            {
                output[key] = projected
            }
        }
        return output
    }

    /// One attribute's projected value, or `nil` when it is left out.
    private func projectAttribute(
        key: String, value: JSONValue, attribute: SchemaAttribute?, rules: AttributeSelection?, including: Bool
    ) -> JSONValue? {
        switch attribute?.returned {
        case .never: return nil
        case .always: return value
        case .request: guard including, rules != nil else { return nil }
        default: break
        }
        guard let rules else { return including ? Self.omitted : value }
        if rules.whole { return including ? value : Self.omitted }
        // Only some sub-attributes are named: keep (or drop) just those, in each value (ATTR-03).
        func filterObject(_ object: JSONObject) -> JSONObject {
            var result = JSONObject()
            for (subKey, subValue) in object {
                let named = rules.subAttributes.contains(subKey.lowercased())
                if named == including { result[subKey] = subValue }
            }
            return result
        }
        switch value {
        case .object(let object):
            let result = filterObject(object)
            return result.isEmpty ? Self.omitted : .object(result)
        case .array(let elements):
            let result = elements.compactMap { element -> JSONValue? in
                guard case .object(let object) = element else { return including ? Self.omitted : element }
                let filtered = filterObject(object)
                return filtered.isEmpty ? Self.omitted : .object(filtered)
            }
            return result.isEmpty && including ? Self.omitted : .array(result)
        default:
            return including ? Self.omitted : value
        }
    }

    /// The named attributes, grouped by where they live.
    private struct Selection {
        var core: [String: AttributeSelection] = [:]
        var containers: [String: ContainerSelection] = [:]

        mutating func add(_ path: AttributePath, type: SCIMResourceType, profile: ServerProfile) {
            switch type.resolve(path, profile: profile) {
            case .extensionContainer(let schema):
                containers[schema.id.lowercased(), default: ContainerSelection()].whole = true
            case .attribute(let resolved):
                let name = resolved.attribute.name.lowercased()
                let sub = resolved.subAttribute?.name.lowercased()
                if let container = resolved.container?.lowercased() {
                    containers[container, default: ContainerSelection()].attributes[name, default: .init()].add(sub)
                } else {
                    core[name, default: AttributeSelection()].add(sub)
                }
            case nil:
                // Not in the schemas: an attribute kept as provisioned, named as stored (compatible profile).
                guard path.schema == nil else { return }
                core[path.name.lowercased(), default: AttributeSelection()].add(
                    path.subAttribute?.lowercased())
            }
        }
    }

    /// What is named of one attribute: all of it, or some sub-attributes.
    private struct AttributeSelection {
        var whole = false
        var subAttributes: Set<String> = []

        mutating func add(_ sub: String?) {
            if let sub {
                subAttributes.insert(sub)
            } else {
                whole = true
            }
        }
    }

    /// What is named of one extension object: all of it, or some attributes.
    private struct ContainerSelection {
        var whole = false
        var attributes: [String: AttributeSelection] = [:]
    }
}
