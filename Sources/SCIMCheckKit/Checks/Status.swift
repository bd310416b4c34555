/// The response status is one of the expected codes (RFC 7644 §3.12, Table 8).
public struct Status: Check {
    let accepted: [Int]
    public var metadata: CheckMetadata

    /// The status is exactly `code`.
    public init(_ code: Int, fileID: String = #fileID, line: Int = #line) {
        self.accepted = [code]
        self.metadata = CheckMetadata(source: SourceLocation(fileID: fileID, line: line))
    }

    /// The status is any of `codes`.
    public init(oneOf codes: Int..., fileID: String = #fileID, line: Int = #line) {
        self.accepted = codes
        self.metadata = CheckMetadata(source: SourceLocation(fileID: fileID, line: line))
    }

    /// The status is in `range`, such as `200..<300`.
    public init(in range: Range<Int>, fileID: String = #fileID, line: Int = #line) {
        self.accepted = Array(range)
        self.metadata = CheckMetadata(source: SourceLocation(fileID: fileID, line: line))
    }

    var expectedText: String {
        if accepted.count > 5, let first = accepted.first, let last = accepted.last { return "\(first)–\(last)" }
        return accepted.map(String.init).joined(separator: " or ")
    }

    public var summary: String { "status is \(expectedText)" }

    public var defaultHint: String? {
        "answer this request with \(expectedText), as RFC 7644 §3.12 (Table 8) and the cited section say"
    }

    public func evaluate(_ response: Response) -> CheckEvaluation {
        let statusLine = response.exchange.response?.statusLine ?? "no response"
        return CheckEvaluation(
            passed: accepted.contains(response.status), expected: expectedText, actual: statusLine)
    }
}
