/// Where in Swift source a scenario or check was written, so reports link back to it.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file, as `#fileID` gives it (`Module/File.swift`).
    public var fileID: String
    /// The line.
    public var line: Int

    /// Creates a location; the defaults capture the caller's.
    public init(fileID: String = #fileID, line: Int = #line) {
        self.fileID = fileID
        self.line = line
    }

    public var description: String { "\(fileID):\(line)" }
}
