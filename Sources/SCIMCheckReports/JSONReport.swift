import Foundation
import SCIMCheckKit

/// The canonical JSON rendering of a run: pretty-printed, keys sorted, dates in ISO 8601 UTC.
public enum JSONReport {
    /// The report as JSON bytes.
    public static func render(_ report: RunReport) throws -> Data {
        try encoder.encode(report)
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
}
