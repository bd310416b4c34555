import Foundation

/// The requirement IDs of the project's RFC checklist (`Tests/Fixtures/rfc-checklist.md`, a copy of
/// `research/rfc-checklist.md`), read from its `- **ID** level · …` lines.
public enum RFCChecklist {
    /// One requirement line: its ID, the RFC 2119 keywords of its level tag, and whether it is a Table 8/9 status
    /// entry (such as `ERR-05 400 invalidSyntax`).
    public struct Requirement: Sendable, Equatable {
        /// The ID, such as `LST-04`.
        public var id: String
        /// The back-quoted level keywords, such as `MUST` or `SHALL NOT`, `IMPL`, `REC`.
        public var keywords: [String]
        /// Whether the level is an HTTP status (`ERR-05` … `ERR-18`), which the checklist treats as a MUST.
        public var isStatusEntry: Bool

        /// MUST-level: MUST, SHALL (and their NOT forms), REQUIRED, IMPL (the checklist treats it as MUST), or a
        /// status entry; `MUST / SHOULD` mixes count as MUST.
        public var isMust: Bool { isStatusEntry || keywords.contains(where: RFCChecklist.mustLevels.contains) }

        /// Normative: MUST-level, or SHOULD / SHOULD NOT; REC, MAY and OPTIONAL entries are not.
        public var isNormative: Bool { isMust || keywords.contains { $0 == "SHOULD" || $0 == "SHOULD NOT" } }
    }

    /// Level keywords read as MUST.
    public static let mustLevels: Set<String> = ["MUST", "MUST NOT", "SHALL", "SHALL NOT", "REQUIRED", "IMPL"]

    /// The checklist copy in `Tests/Fixtures`.
    public static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/rfc-checklist.md")

    /// The requirements of `text`, in order.
    public static func requirements(in text: String) -> [Requirement] {
        text.split(separator: "\n").compactMap { line -> Requirement? in
            guard let match = line.wholeMatch(of: #/- \*\*([A-Z]+-[0-9]+)\*\*(.*)/#) else { return nil }
            let level = match.output.2.split(separator: "·", maxSplits: 1).first.map(String.init) ?? ""
            let keywords = level.matches(of: #/`([A-Z ]+)`/#).map { String($0.output.1) }
            let firstWord = level.split(separator: " ").first ?? ""
            let isStatusEntry = firstWord.count == 3 && firstWord.allSatisfy(\.isNumber)
            return Requirement(id: String(match.output.1), keywords: keywords, isStatusEntry: isStatusEntry)
        }
    }

    /// The requirements of the fixture copy.
    public static func load() throws -> [Requirement] {
        requirements(in: try String(contentsOf: fixture, encoding: .utf8))
    }
}
