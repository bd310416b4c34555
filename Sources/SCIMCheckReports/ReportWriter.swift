import Foundation
import SCIMCheckKit

/// Writes a run's reports into `<directory>/<run id>/` and points `<directory>/latest` at it.
public struct ReportWriter: Sendable {
    /// The parent directory, such as `Reports/runs`.
    public let directory: URL
    /// The formats to write.
    public let formats: [ReportFormat]

    /// Creates a writer.
    public init(directory: URL, formats: [ReportFormat]) {
        self.directory = directory
        self.formats = formats
    }

    /// Writes `report` and returns the files written.
    /// - Throws: ``HarnessError`` with code `reportOutput` when the directory or a file cannot be written.
    @discardableResult
    public func write(_ report: RunReport) throws(HarnessError) -> [URL] {
        let runDirectory = directory.appendingPathComponent(report.runID, isDirectory: true)
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: runDirectory, withIntermediateDirectories: true)
            var written: [URL] = []
            for format in formats {
                let file = runDirectory.appendingPathComponent(format.fileName)
                let data: Data =
                    switch format {
                    case .json: try JSONReport.render(report)
                    case .junit: Data(JUnitReport.render(report).utf8)
                    }
                try data.write(to: file, options: .atomic)
                written.append(file)
            }
            let latest = directory.appendingPathComponent("latest")
            try? fileManager.removeItem(at: latest)
            try? fileManager.createSymbolicLink(atPath: latest.path, withDestinationPath: report.runID)
            return written
        } catch {
            throw HarnessError(
                .reportOutput, "cannot write reports to \(runDirectory.path): \(error.localizedDescription)")
        }
    }
}
