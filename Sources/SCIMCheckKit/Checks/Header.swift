/// A response header is present, absent, equal to a value or contains a text.
public struct Header: Check {
    enum Expectation: Sendable, Hashable {
        case present, absent
        case equals(String)
        case contains(String)
    }

    let name: String
    let expectation: Expectation
    public var metadata: CheckMetadata

    /// The header `name` is present.
    public init(_ name: String, fileID: String = #fileID, line: Int = #line) {
        self.init(name, .present, SourceLocation(fileID: fileID, line: line))
    }

    /// The header `name` equals `value` exactly.
    public init(_ name: String, equals value: String, fileID: String = #fileID, line: Int = #line) {
        self.init(name, .equals(value), SourceLocation(fileID: fileID, line: line))
    }

    /// The header `name` contains `text`, compared without regard to case (media types, tokens).
    public init(_ name: String, contains text: String, fileID: String = #fileID, line: Int = #line) {
        self.init(name, .contains(text), SourceLocation(fileID: fileID, line: line))
    }

    private init(_ name: String, _ expectation: Expectation, _ source: SourceLocation) {
        self.name = name
        self.expectation = expectation
        self.metadata = CheckMetadata(source: source)
    }

    /// The same header must be present.
    public func present() -> Header { Header(name, .present, metadata.source).withMetadata(metadata) }

    /// The same header must be absent.
    public func absent() -> Header { Header(name, .absent, metadata.source).withMetadata(metadata) }

    private func withMetadata(_ metadata: CheckMetadata) -> Header {
        var copy = self
        copy.metadata = metadata
        return copy
    }

    public var summary: String {
        switch expectation {
        case .present: "header \(name) is present"
        case .absent: "header \(name) is absent"
        case .equals(let value): "header \(name) is \"\(value)\""
        case .contains(let text): "header \(name) contains \"\(text)\""
        }
    }

    public var defaultHint: String? {
        switch expectation {
        case .absent: "do not send the \(name) header here"
        default: "send the \(name) header on this response, as the cited section says"
        }
    }

    public func evaluate(_ response: Response) -> CheckEvaluation {
        let values = response.exchange.response?.headers.all(named: name) ?? []
        let actual = values.isEmpty ? "no \(name) header" : values.map { "\(name): \($0)" }.joined(separator: "; ")
        switch expectation {
        case .present:
            return CheckEvaluation(passed: !values.isEmpty, expected: "a \(name) header", actual: actual)
        case .absent:
            return CheckEvaluation(passed: values.isEmpty, expected: "no \(name) header", actual: actual)
        case .equals(let value):
            return CheckEvaluation(passed: values.first == value, expected: "\(name): \(value)", actual: actual)
        case .contains(let text):
            let passed = values.contains { $0.lowercased().contains(text.lowercased()) }
            return CheckEvaluation(passed: passed, expected: "\(name) containing \"\(text)\"", actual: actual)
        }
    }
}
