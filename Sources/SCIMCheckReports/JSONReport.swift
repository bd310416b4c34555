import Foundation
import SCIMCheckKit

/// The canonical JSON rendering of a run: pretty-printed, keys sorted, dates in ISO 8601 UTC, a final
/// newline. Its schema is `Reports/schema/report-v1.schema.json`; every other format renders from it.
public enum JSONReport {
    /// The report as JSON bytes.
    public static func render(_ report: RunReport) throws -> Data {
        let text = String(decoding: try encoder.encode(report), as: UTF8.self)
        return Data((sortingCapabilities(in: text) + "\n").utf8)
    }

    /// Reads a report written by ``render(_:)``.
    public static func parse(_ data: Data) throws -> RunReport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(RunReport.self, from: data)
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// `capabilities.supported` is a set, which encodes in a per-process order; this puts its elements in
    /// declaration order so equal reports give equal bytes.
    static func sortingCapabilities(in text: String) -> String {
        guard let capabilities = text.range(of: "\n  \"capabilities\" : {"),
            let open = text.range(of: "\"supported\" : [", range: capabilities.upperBound..<text.endIndex),
            let close = text.range(of: "]", range: open.upperBound..<text.endIndex)
        else { return text }
        let order = Capability.allCases.map { "\"\($0.rawValue)\"" }
        let lines = text[open.upperBound..<close.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 2 else { return text }
        let items = lines.dropFirst().dropLast()
        let indent = String(items.first?.prefix { $0 == " " } ?? "")
        let values = items.map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: [","]) }
            .sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
        let body = values.map { indent + $0 }.joined(separator: ",\n")
        return text.replacingCharacters(
            in: open.upperBound..<close.lowerBound, with: "\n" + body + "\n" + (lines.last.map(String.init) ?? ""))
    }
}
