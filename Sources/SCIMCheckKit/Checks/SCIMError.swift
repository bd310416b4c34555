import SCIMCore

/// The body is a SCIM error (RFC 7644 §3.12): the Error URN, `status` as a string equal to the HTTP
/// code, and the expected `scimType` when one is given.
public struct SCIMError: Check {
    let status: Int
    let scimType: SCIMErrorType?
    let requireDetail: Bool
    public var metadata: CheckMetadata

    /// A SCIM error with `status`, optionally `scimType`, and optionally a non-empty `detail`.
    public init(
        status: Int, scimType: SCIMErrorType? = nil, requireDetail: Bool = false, fileID: String = #fileID,
        line: Int = #line
    ) {
        self.status = status
        self.scimType = scimType
        self.requireDetail = requireDetail
        self.metadata = CheckMetadata(source: SourceLocation(fileID: fileID, line: line))
    }

    public var summary: String {
        var text = "body is a SCIM error with status \"\(status)\""
        if let scimType { text += " and scimType \(scimType.rawValue)" }
        if requireDetail { text += " and a detail" }
        return text
    }

    public var defaultHint: String? {
        "answer errors with Content-Type application/scim+json and {\"schemas\":[\"\(SCIMURN.error)\"],"
            + "\"status\":\"\(status)\"\(scimType.map { ",\"scimType\":\"\($0.rawValue)\"" } ?? ""),\"detail\":\"…\"}"
    }

    public func evaluate(_ response: Response) -> CheckEvaluation {
        let problem = problem(in: response)
        return CheckEvaluation(passed: problem == nil, expected: summary, actual: problem ?? "as expected")
    }

    private func problem(in response: Response) -> String? {
        guard let body = response.json?.objectValue else { return "no JSON object body: \(response.bodyExcerpt)" }
        let schemas = body.member(caseInsensitive: "schemas")?.value.arrayValue ?? []
        guard schemas.contains(.string(SCIMURN.error)) else {
            return "schemas is \(body.member(caseInsensitive: "schemas")?.value.serialized() ?? "missing")"
        }
        switch body.member(caseInsensitive: "status")?.value {
        case .string(let text) where text == String(status): break
        case let value?:
            return "status is \(value.serialized()) (\(value.typeName)); RFC 7644 §3.12 wants the string \"\(status)\""
        case nil: return "status is missing"
        }
        if let scimType {
            let actual = body.member(caseInsensitive: "scimType")?.value
            guard actual == .string(scimType.rawValue) else {
                return "scimType is \(actual?.serialized() ?? "missing")"
            }
        }
        if requireDetail, !JSON.isNonEmpty(body.member(caseInsensitive: "detail")?.value ?? .null) {
            return "detail is missing or empty"
        }
        return nil
    }
}
