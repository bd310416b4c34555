import Foundation
import SCIMCore

extension Session {
    /// Removes a user the kit created, with the kit's own User-Agent (DESIGN §8.5).
    ///
    /// Sends `DELETE /Users/{id}`; a 2xx or 404 ends it. Where DELETE is refused, deactivates the user with
    /// a path-less PATCH instead and throws, so the report says the id was left on the target.
    /// - Throws: ``HarnessError`` naming the id when the user could not be deleted.
    public func removeCreatedUser(id: String) async throws {
        let path = "/Users/\(URLPathSegment.encode(id))"
        let deletion = try await delete(path)
        if (200..<300).contains(deletion.status) || deletion.status == 404 { return }
        let deactivation = try await patch(
            path,
            json: [
                "schemas": [.string(SCIMURN.patchOp)],
                "Operations": [["op": "replace", "value": ["active": false]]],
            ])
        let outcome =
            (200..<300).contains(deactivation.status)
            ? "deactivated it instead" : "deactivation answered \(deactivation.status) too"
        throw HarnessError(
            .scenario, "DELETE /Users/\(id) answered \(deletion.status); \(outcome); user \(id) is left on the target")
    }
}

extension Session {
    /// Removes a group the kit created (`DELETE /Groups/{id}` with the kit's own User-Agent); a 2xx or 404
    /// ends it.
    /// - Throws: ``HarnessError`` naming the id when the group is left on the target.
    public func removeCreatedGroup(id: String) async throws {
        let deletion = try await delete("/Groups/\(URLPathSegment.encode(id))")
        guard (200..<300).contains(deletion.status) || deletion.status == 404 else {
            throw HarnessError(
                .scenario, "DELETE /Groups/\(id) answered \(deletion.status); group \(id) is left on the target")
        }
    }
}

/// Percent-encoding of one path segment (RFC 3986 §3.3), for ids the server chose.
public enum URLPathSegment {
    /// `segment` with everything outside unreserved characters and `@:!$&'()*+,;=` percent-encoded.
    public static func encode(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    private static let allowed: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        set.insert(charactersIn: "-._~@:!$&'()*+,;=")
        return set
    }()
}
