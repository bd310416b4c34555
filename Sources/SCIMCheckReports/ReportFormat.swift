import Foundation

/// A rendering of a ``RunReport`` that `scimcheck run --format` and `scimcheck report --format` write.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    /// The canonical JSON report (`report.json`); every other format renders from it.
    case json
    /// JUnit XML in the Surefire/Jenkins dialect GitHub, GitLab and Jenkins read (`junit.xml`).
    case junit
    /// A single-file HTML report with filters and the full evidence (`report.html`).
    case html
    /// A Markdown summary for pull requests and CI job summaries (`summary.md`).
    case md

    /// The file name the format is written to inside a run's directory.
    public var fileName: String {
        switch self {
        case .json: "report.json"
        case .junit: "junit.xml"
        case .html: "report.html"
        case .md: "summary.md"
        }
    }

    /// The formats of a comma-separated list such as `json,junit,html`, in the order given, without repeats.
    /// - Throws: ``UnknownFormat`` naming the first unknown entry.
    public static func list(_ text: String) throws(UnknownFormat) -> [ReportFormat] {
        var formats: [ReportFormat] = []
        for name in text.split(separator: ",") {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let format = ReportFormat(rawValue: trimmed) else { throw UnknownFormat(name: trimmed) }
            if !formats.contains(format) { formats.append(format) }
        }
        guard !formats.isEmpty else { throw UnknownFormat(name: text) }
        return formats
    }

    /// A format name ``list(_:)`` does not know.
    public struct UnknownFormat: Error, Sendable, CustomStringConvertible {
        /// The unknown name.
        public var name: String

        public var description: String {
            let known = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown report format '\(name)'; available: \(known)"
        }
    }
}
