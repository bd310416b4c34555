import Hummingbird
import SCIMCore

/// Entity tags of resources (RFC 7644 §3.14, RFC 7232): weak validators `W/"…"` equal to `meta.version`.
///
/// A user's tag covers its own version and its `groups` (derived from group memberships, RFC 7643 §4.1.2), so a
/// membership change gives the user a new tag without rewriting it. A group's tag is its version; `members.display`
/// is derived from the members and not versioned.
enum EntityTag {
    /// The tag of a user representation.
    static func of(_ user: UserRecord) -> String {
        guard !user.groups.isEmpty else { return "W/\"\(user.version)\"" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for membership in user.groups {
            for byte in membership.groupID.utf8 + [0] + membership.display.utf8 + [membership.direct ? 1 : 2] {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        return "W/\"\(user.version)-\(String(hash, radix: 36))\""
    }

    /// The tag of a group representation.
    static func of(_ group: GroupRecord) -> String {
        "W/\"\(group.version)\""
    }

    /// The opaque part of a tag: without `W/` and quotes, so weak and strong forms compare equal (ETAG-07, RFCX-14).
    static func opaque(_ tag: String) -> String {
        var text = Substring(tag.trimmingSpaces)
        if text.hasPrefix("W/") || text.hasPrefix("w/") { text = text.dropFirst(2) }
        if text.count >= 2, text.first == "\"", text.last == "\"" { text = text.dropFirst().dropLast() }
        return String(text)
    }

    /// The tags of an `If-Match` or `If-None-Match` value: `*`, or a comma-separated list of (weak or strong) tags.
    static func list(_ header: String) -> [String] {
        var tags: [String] = []
        var current = ""
        var quoted = false
        for character in header {
            if character == "\"" { quoted.toggle() }
            if character == ",", !quoted {
                tags.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        tags.append(current)
        return tags.map(\.trimmingSpaces).filter { !$0.isEmpty }
    }

    /// Whether a header's tag list matches `current` (`*` matches any existing resource, ETAG-06).
    static func header(_ header: String, matches current: String) -> Bool {
        let wanted = opaque(current)
        return list(header).contains { $0 == "*" || opaque($0) == wanted }
    }
}

/// The conditional headers of a request (RFC 7644 §3.14): `If-Match` and `If-None-Match`.
struct Preconditions: Sendable {
    var ifMatch: String?
    var ifNoneMatch: String?

    /// Reads the headers of `request`.
    init(_ request: Request) {
        ifMatch = request.headers[.ifMatch]
        ifNoneMatch = request.headers[.ifNoneMatch]
    }

    /// Whether the request is conditional on the current version (a lost race then becomes 412, not a retry).
    var isConditional: Bool { ifMatch != nil || ifNoneMatch != nil }

    /// Checks a write (PUT, PATCH, DELETE) against the resource's current tag.
    /// - Throws: 412 `preconditionFailed` when `If-Match` does not match or `If-None-Match` does (ETAG-05).
    func checkWrite(current: String) throws {
        if let ifMatch, !EntityTag.header(ifMatch, matches: current) {
            throw SCIMError.preconditionFailed(
                "If-Match \(SCIMError.excerpt(ifMatch)) does not match the current version \(current)")
        }
        if let ifNoneMatch, EntityTag.header(ifNoneMatch, matches: current) {
            throw SCIMError.preconditionFailed(
                "If-None-Match \(SCIMError.excerpt(ifNoneMatch)) matches the current version \(current)")
        }
    }

    /// Whether a GET may answer 304 Not Modified: `If-None-Match` matches the current tag (ETAG-04).
    func notModified(current: String) -> Bool {
        guard let ifNoneMatch else { return false }
        return EntityTag.header(ifNoneMatch, matches: current)
    }
}
