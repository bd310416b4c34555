import SCIMCore

/// The body is a well-formed SCIM ListResponse (RFC 7644 §3.4.2), optionally with a given size.
///
/// Holds when `schemas` contains the ListResponse URN, `totalResults` is a JSON integer, `startIndex`
/// and `itemsPerPage` are JSON integers when present, `Resources` is an array (required when
/// `totalResults` > 0), and the optional count expectations hold.
public struct ListResponse: Check {
    let totalResults: Int?
    let maxItems: Int?
    let nonEmpty: Bool
    public var metadata: CheckMetadata

    /// A ListResponse; `totalResults` and `maxItems` (at most this many `Resources`) are optional.
    public init(
        totalResults: Int? = nil, maxItems: Int? = nil, nonEmpty: Bool = false, fileID: String = #fileID,
        line: Int = #line
    ) {
        self.totalResults = totalResults
        self.maxItems = maxItems
        self.nonEmpty = nonEmpty
        self.metadata = CheckMetadata(source: SourceLocation(fileID: fileID, line: line))
    }

    public var summary: String {
        var parts = ["body is a ListResponse"]
        if let totalResults { parts.append("with totalResults \(totalResults)") }
        if let maxItems { parts.append("with at most \(maxItems) Resources") }
        if nonEmpty { parts.append("with Resources not empty") }
        return parts.joined(separator: " ")
    }

    public var defaultHint: String? {
        "answer queries with a ListResponse: the ListResponse URN in schemas, totalResults, startIndex and "
            + "itemsPerPage as JSON integers, Resources as an array of at most count items (RFC 7644 §3.4.2)"
    }

    public func evaluate(_ response: Response) -> CheckEvaluation {
        CheckEvaluation(
            passed: problem(in: response) == nil, expected: summary,
            actual: problem(in: response) ?? "a ListResponse as expected")
    }

    private func problem(in response: Response) -> String? {
        guard let parsed = response.parsedBody else { return "the body is empty" }
        guard case .success(let body) = parsed else {
            return "the body is not valid JSON: \(String(describing: parsed))"
        }
        guard let object = body.objectValue else { return "the body is a JSON \(body.typeName), not an object" }
        let schemas = object.member(caseInsensitive: "schemas")?.value.arrayValue ?? []
        guard schemas.contains(.string(SCIMURN.listResponse)) else {
            return "schemas is \(object.member(caseInsensitive: "schemas")?.value.serialized() ?? "missing")"
        }
        guard let total = object.member(caseInsensitive: "totalResults")?.value else {
            return "totalResults is missing"
        }
        guard case .int(let count) = total else { return "totalResults is \(total.serialized()) (\(total.typeName))" }
        for name in ["startIndex", "itemsPerPage"] {
            if let value = object.member(caseInsensitive: name)?.value, case .int = value {
                continue
            } else if let value = object.member(caseInsensitive: name)?.value {
                return "\(name) is \(value.serialized()) (\(value.typeName)), not a JSON integer"
            }
        }
        let resources = object.member(caseInsensitive: "Resources")?.value
        if let resources, resources.arrayValue == nil {
            return "Resources is a JSON \(resources.typeName), not an array"
        }
        let items = resources?.arrayValue ?? []
        if count > 0, resources == nil, maxItems != 0 { return "totalResults is \(count) but Resources is missing" }
        if let totalResults, count != totalResults { return "totalResults is \(count)" }
        if let maxItems, items.count > maxItems { return "Resources holds \(items.count) items" }
        if nonEmpty, items.isEmpty { return "Resources is empty" }
        return nil
    }
}
