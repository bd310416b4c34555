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

    /// Writes `report` into `<directory>/<run id>/`, updates `latest`, and returns the files written.
    /// - Throws: ``HarnessError`` with code `reportOutput` when the directory or a file cannot be written.
    @discardableResult
    public func write(_ report: RunReport) throws(HarnessError) -> [URL] {
        let runDirectory = directory.appendingPathComponent(report.runID, isDirectory: true)
        let written = try Self.write(report, formats: formats, into: runDirectory)
        let latest = directory.appendingPathComponent("latest")
        try? FileManager.default.removeItem(at: latest)
        try? FileManager.default.createSymbolicLink(atPath: latest.path, withDestinationPath: report.runID)
        return written
    }

    /// Writes `report` in `formats` into `directory` itself (created when missing), named by
    /// ``ReportFormat/fileName``; returns the files written.
    /// - Throws: ``HarnessError`` with code `reportOutput` when the directory or a file cannot be written.
    public static func write(
        _ report: RunReport, formats: [ReportFormat], into directory: URL
    ) throws(HarnessError) -> [URL] {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var written: [URL] = []
            for format in formats {
                let file = directory.appendingPathComponent(format.fileName)
                try render(report, as: format).write(to: file, options: .atomic)
                written.append(file)
            }
            return written
        } catch let error as HarnessError {
            throw error
        } catch {
            throw HarnessError(
                .reportOutput, "cannot write reports to \(directory.path): \(error.localizedDescription)")
        }
    }

    /// The bytes of `report` in `format`.
    public static func render(_ report: RunReport, as format: ReportFormat) throws -> Data {
        switch format {
        case .json: try JSONReport.render(report)
        case .junit: Data(JUnitReport.render(report).utf8)
        case .html: Data(HTMLReport.render(report).utf8)
        case .md: Data(MarkdownReport.render(report).utf8)
        }
    }

    /// Appends the Markdown summary to the file GitHub Actions names in `$GITHUB_STEP_SUMMARY`.
    /// - Throws: ``HarnessError`` with code `reportOutput` when the file cannot be opened or written.
    public static func appendStepSummary(_ report: RunReport, to file: URL) throws(HarnessError) {
        do {
            if !FileManager.default.fileExists(atPath: file.path) {
                _ = FileManager.default.createFile(atPath: file.path, contents: nil)
            }
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(MarkdownReport.render(report).utf8))
        } catch {
            throw HarnessError(
                .reportOutput, "cannot append to GITHUB_STEP_SUMMARY \(file.path): \(error.localizedDescription)")
        }
    }
}
