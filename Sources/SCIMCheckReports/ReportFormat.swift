/// A rendering of a ``RunReport`` that `scimcheck run --format` can write.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    /// The canonical JSON report (`report.json`).
    case json
    /// JUnit XML in the Surefire dialect GitHub and GitLab read (`junit.xml`).
    case junit

    /// The file name the format is written to inside a run's directory.
    public var fileName: String {
        switch self {
        case .json: "report.json"
        case .junit: "junit.xml"
        }
    }
}
