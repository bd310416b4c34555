import Foundation
import Synchronization

/// An append-only record, on disk, of every resource a run creates on its target, so a run that was
/// interrupted can be cleaned up later with `scimcheck cleanup --ledger FILE` (DESIGN §6, §8.5).
///
/// The file holds JSON lines, each written and `fsync`ed before the next request goes out. A create is
/// recorded twice: its *intent* (resource type and run-unique marker) before the request is sent, then
/// its outcome once the response is in: *created* with the server's id, or *notCreated*. A crash
/// between the server's answer and the second line therefore leaves an intent whose resource can still
/// be found by its marker. Removals (a `DELETE` answered 2xx or 404) and deactivations (where `DELETE`
/// was refused) are recorded the same way. Credentials never reach the ledger: it holds markers, ids,
/// the target's base URL and the run id only.
public final class Ledger: Sendable {
    /// Where the ledger is written.
    public let url: URL
    private let state: Mutex<State>

    private struct State {
        var handle: FileHandle
        var sequence: Int
    }

    /// Opens `url` for appending, creating it (and its directory) when needed.
    /// - Throws: ``HarnessError`` with code `reportOutput` when the file cannot be created or opened.
    public init(url: URL) throws(HarnessError) {
        self.url = url
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: url.path) {
                guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                    throw HarnessError(.reportOutput, "cannot create the ledger \(url.path)")
                }
            }
            let handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
            let sequence = (try? Self.read(url).compactMap(\.sequence).max()) ?? 0
            state = Mutex(State(handle: handle, sequence: sequence))
        } catch let error as HarnessError {
            throw error
        } catch {
            throw HarnessError(.reportOutput, "cannot open the ledger \(url.path): \(error)")
        }
    }

    /// Opens `url` for a new run and writes the run's line: its id, its tag and the target.
    public static func start(url: URL, runID: String, runTag: String, target: String) throws(HarnessError) -> Ledger {
        let ledger = try Ledger(url: url)
        try ledger.append(
            Entry(
                event: .run, runID: runID, runTag: runTag, target: LedgerEntryTarget.strip(target),
                tool: RunContext.userAgent))
        return ledger
    }

    /// Records that a resource of `type` carrying `marker` is about to be created; returns the sequence
    /// number its outcome refers to.
    public func recordIntent(_ type: LedgerResourceType, marker: String?) throws(HarnessError) -> Int {
        try state.withLock { state throws(HarnessError) -> Int in
            state.sequence += 1
            try Self.write(
                Entry(event: .intent, sequence: state.sequence, type: type, marker: marker), to: state.handle)
            return state.sequence
        }
    }

    /// Appends one entry and flushes it to disk.
    /// - Throws: ``HarnessError`` with code `reportOutput` when the write fails.
    public func append(_ entry: Entry) throws(HarnessError) {
        try state.withLock { state throws(HarnessError) in try Self.write(entry, to: state.handle) }
    }

    private static func write(_ entry: Entry, to handle: FileHandle) throws(HarnessError) {
        do {
            var line = try encoder.encode(entry)
            line.append(0x0A)
            try handle.write(contentsOf: line)
            try handle.synchronize()
        } catch {
            throw HarnessError(.reportOutput, "cannot write the ledger: \(error)")
        }
    }

    /// The entries of the ledger at `url`, in order; a torn last line (a crash mid-write) is ignored.
    /// - Throws: ``HarnessError`` with code `configuration` when the file cannot be read or a complete
    ///   line is not a ledger entry.
    public static func read(_ url: URL) throws(HarnessError) -> [Entry] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw HarnessError(.configuration, "cannot read the ledger \(url.path): \(error.localizedDescription)")
        }
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: true)
        var entries: [Entry] = []
        for (number, line) in lines.enumerated() {
            do {
                entries.append(try decoder.decode(Entry.self, from: Data(line)))
            } catch {
                let torn = number == lines.count - 1 && data.last != 0x0A
                if torn { break }
                throw HarnessError(.configuration, "line \(number + 1) of \(url.path) is not a ledger entry")
            }
        }
        return entries
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

/// The kinds of resources the ledger tracks, named after their SCIM endpoints.
public enum LedgerResourceType: String, Sendable, Hashable, Codable, CaseIterable {
    /// `/Users`.
    case users = "Users"
    /// `/Groups`.
    case groups = "Groups"

    /// The attribute a run-unique marker is written to: `userName` or `displayName`.
    public var markerAttribute: String {
        switch self {
        case .users: "userName"
        case .groups: "displayName"
        }
    }

    /// The singular noun, such as `user`.
    public var noun: String {
        switch self {
        case .users: "user"
        case .groups: "group"
        }
    }

    /// The endpoint path, such as `/Users`.
    public var path: String { "/" + rawValue }
}

extension Ledger {
    /// One line of a ledger.
    public struct Entry: Sendable, Hashable, Codable {
        /// What a line records.
        public enum Event: String, Sendable, Hashable, Codable {
            /// The run that writes the following lines: run id, tag, target.
            case run
            /// A create is about to be sent.
            case intent
            /// The create answered with the server's id.
            case created
            /// The create was refused; nothing exists.
            case notCreated
            /// The resource is gone (DELETE answered 2xx or 404).
            case removed
            /// DELETE was refused and the resource was deactivated instead; it stays on the target.
            case deactivated
        }

        /// What the line records.
        public var event: Event
        /// The create this line belongs to (intent, created, notCreated).
        public var sequence: Int?
        /// The resource's type.
        public var type: LedgerResourceType?
        /// The run-unique value the create carries in `userName` or `displayName`.
        public var marker: String?
        /// The server-assigned id.
        public var id: String?
        /// The run id (run lines).
        public var runID: String?
        /// The run tag every marker of the run contains (run lines).
        public var runTag: String?
        /// The SCIM base URL of the target (run lines), without credentials or query.
        public var target: String?
        /// The tool and version that wrote the line (run lines).
        public var tool: String?
        /// When the line was written.
        public var time: Date

        /// Creates an entry stamped now.
        public init(
            event: Event, sequence: Int? = nil, type: LedgerResourceType? = nil, marker: String? = nil,
            id: String? = nil, runID: String? = nil, runTag: String? = nil, target: String? = nil,
            tool: String? = nil, time: Date = Date()
        ) {
            self.event = event
            self.sequence = sequence
            self.type = type
            self.marker = marker
            self.id = id
            self.runID = runID
            self.runTag = runTag
            self.target = target
            self.tool = tool
            self.time = time
        }
    }
}

/// How a target URL is written to a ledger: scheme, host, port and path only.
enum LedgerEntryTarget {
    /// `url` without user info, query or fragment, so no credential embedded in it is written down.
    static func strip(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "" }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? ""
    }
}
