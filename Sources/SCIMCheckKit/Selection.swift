/// Which scenarios a run includes: suites by name, then `--only` and `--skip` globs over whole ids.
///
/// In a glob `*` matches any run of characters, dots included (DESIGN §8.9), and `?` one character:
/// `okta.credentials.*` selects `okta.credentials.test-api-credentials`, `*deactivate*` any id with it.
public struct Selection: Sendable, Hashable, Codable {
    /// Suite names to include; empty means every suite.
    public var suites: [String]
    /// Globs of ids to include; empty means every id.
    public var only: [String]
    /// Globs of ids to exclude.
    public var skip: [String]

    /// Creates a selection; the default selects everything.
    public init(suites: [String] = [], only: [String] = [], skip: [String] = []) {
        self.suites = suites
        self.only = only
        self.skip = skip
    }

    /// Whether the suite named `name` is part of the run.
    public func includes(suite name: String) -> Bool { suites.isEmpty || suites.contains(name) }

    /// Why the scenario `id` is left out, or `nil` when it runs.
    public func exclusionReason(for id: String) -> String? {
        if !only.isEmpty, !only.contains(where: { Self.matches(id, glob: $0) }) {
            return "not selected by --only \(only.joined(separator: ","))"
        }
        if let glob = skip.first(where: { Self.matches(id, glob: $0) }) {
            return "excluded by --skip \(glob)"
        }
        return nil
    }

    /// Whether `text` matches `glob` as a whole.
    public static func matches(_ text: String, glob: String) -> Bool {
        let text = Array(text.unicodeScalars)
        let pattern = Array(glob.unicodeScalars)
        var textIndex = 0
        var patternIndex = 0
        var starPattern = -1
        var starText = 0
        while textIndex < text.count {
            if patternIndex < pattern.count, pattern[patternIndex] == "?" || pattern[patternIndex] == text[textIndex] {
                textIndex += 1
                patternIndex += 1
            } else if patternIndex < pattern.count, pattern[patternIndex] == "*" {
                starPattern = patternIndex
                starText = textIndex
                patternIndex += 1
            } else if starPattern >= 0 {
                patternIndex = starPattern + 1
                starText += 1
                textIndex = starText
            } else {
                return false
            }
        }
        while patternIndex < pattern.count, pattern[patternIndex] == "*" { patternIndex += 1 }
        return patternIndex == pattern.count
    }
}
