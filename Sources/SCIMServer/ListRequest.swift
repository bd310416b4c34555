import SCIMCore

/// The parameters of a query (RFC 7644 §3.4.2): from a GET query string or a POST `.search` body (§3.4.3).
struct ListRequest: Sendable {
    /// The parsed filter, if any.
    var filter: SCIMFilter?
    /// The `sortBy` path, if any (SORT-02, SORT-08).
    var sortBy: AttributePath?
    /// Whether `sortOrder` is `descending` (SORT-03, SORT-04).
    var descending: Bool
    /// `startIndex` and `count`.
    var pagination: Pagination
    /// `attributes` / `excludedAttributes`.
    var projection: AttributeProjection

    /// Reads a GET query.
    /// - Throws: 400 `invalidFilter` for a malformed filter (FILT-05), 400 `invalidValue` for bad paging or sorting.
    init(parameters: QueryParameters, configuration: SCIMServerConfiguration) throws {
        pagination = try Pagination(
            parameters: parameters, defaultCount: configuration.defaultPageSize, maxCount: configuration.maxPageSize)
        if let found = parameters["filter"] {
            guard let text = found else { throw SCIMError.invalidFilter("the filter is not valid UTF-8") }
            filter = try Self.parseFilter(text, profile: configuration.profile)
        }
        (sortBy, descending) = try Self.sorting(
            sortBy: try Self.text(parameters, "sortBy"), sortOrder: try Self.text(parameters, "sortOrder"))
        projection = try AttributeProjection(
            attributes: try Self.text(parameters, "attributes").map { [$0] },
            excludedAttributes: try Self.text(parameters, "excludedAttributes").map { [$0] })
    }

    /// Reads a `.search` body (SRCH-01 to SRCH-04).
    /// - Throws: 400 `invalidSyntax` without the SearchRequest schema (SRCH-03), `invalidValue` for wrong types.
    init(searchBody body: JSONObject, configuration: SCIMServerConfiguration) throws {
        func member(_ name: String) -> JSONValue? {
            guard let value = body.member(caseInsensitive: name)?.value, !value.isNull else { return nil }
            return value
        }
        guard case .array(let schemas)? = member("schemas"),
            schemas.contains(where: { $0.stringValue?.lowercased() == SCIMURN.searchRequest.lowercased() })
        else {
            throw SCIMError.invalidSyntax("a search request must have \"schemas\": [\"\(SCIMURN.searchRequest)\"]")
        }
        func string(_ name: String) throws -> String? {
            guard let value = member(name) else { return nil }
            guard case .string(let text) = value else {
                throw SCIMError.invalidValue("\(name) must be a string, not \(value.typeName)")
            }
            return text
        }
        func strings(_ name: String) throws -> [String]? {
            guard let value = member(name) else { return nil }
            if case .string(let text) = value { return [text] }
            guard case .array(let elements) = value, elements.allSatisfy({ $0.stringValue != nil }) else {
                throw SCIMError.invalidValue("\(name) must be an array of attribute names, not \(value.typeName)")
            }
            return elements.compactMap(\.stringValue)
        }
        func integer(_ name: String) throws -> Int? {
            guard let value = member(name) else { return nil }
            guard let number = value.intValue else {
                throw SCIMError.invalidValue("\(name) must be an integer, not \(value.typeName)")
            }
            return number
        }
        pagination = Pagination(
            startIndex: try integer("startIndex") ?? 1, count: try integer("count") ?? configuration.defaultPageSize,
            maxCount: configuration.maxPageSize)
        if let text = try string("filter") {
            filter = try Self.parseFilter(text, profile: configuration.profile)
        }
        (sortBy, descending) = try Self.sorting(sortBy: try string("sortBy"), sortOrder: try string("sortOrder"))
        projection = try AttributeProjection(
            attributes: try strings("attributes"), excludedAttributes: try strings("excludedAttributes"))
    }

    /// Parses a filter, naming a malformed one as such (FILT-05, FILT-33).
    static func parseFilter(_ text: String, profile: ServerProfile) throws -> SCIMFilter {
        do {
            return try SCIMFilter.parse(
                text, allowValuePathComparison: profile.allows(.filterValuePathSubAttrCompare))
        } catch {
            throw SCIMError.invalidFilter("the filter is malformed: \(error.description)")
        }
    }

    private static func text(_ parameters: QueryParameters, _ name: String) throws -> String? {
        guard let found = parameters[name] else { return nil }
        guard let text = found else { throw SCIMError.invalidValue("the query parameter \(name) is not valid UTF-8") }
        return text.trimmingSpaces.isEmpty ? nil : text
    }

    private static func sorting(sortBy: String?, sortOrder: String?) throws -> (AttributePath?, Bool) {
        // The sortIgnored quirk drops the sort parameters, as some servers wrongly do.
        if Quirk.active.contains(.sortIgnored) { return (nil, false) }
        var descending = false
        if let sortOrder {
            switch sortOrder.trimmingSpaces.lowercased() {
            case "ascending": descending = false
            case "descending": descending = true
            default:
                throw SCIMError.invalidValue(
                    "sortOrder must be ascending or descending, not \"\(SCIMError.excerpt(sortOrder))\" (SORT-09)")
            }
        }
        guard let sortBy else { return (nil, descending) }
        guard let path = AttributePath.parse(sortBy) else {
            throw SCIMError.invalidValue("sortBy \"\(SCIMError.excerpt(sortBy))\" is not an attribute path")
        }
        return (path, descending)
    }
}

extension Pagination {
    /// Normalises explicit values, as from a `.search` body (same rules as the query form).
    init(startIndex: Int, count: Int, maxCount: Int) {
        self.startIndex = max(1, startIndex)
        self.count = min(max(0, count), maxCount)
    }
}
