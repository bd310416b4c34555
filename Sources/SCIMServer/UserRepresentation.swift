import SCIMCore

/// Turns stored users into their SCIM representation.
enum UserRepresentation {
    /// The case-folded key under which `userName` is unique and matched by `eq` filters.
    ///
    /// RFC 7643 §4.1.1 and §8.7.1: `userName` has `caseExact` false and `uniqueness` server, so case variants
    /// collide (checklist UNQ-02) and the filter finds exactly what a POST would collide with (UNQ-08).
    static func userNameKey(_ userName: String) -> String {
        userName.lowercased()
    }

    /// The full representation: `schemas`, `id`, the stored attributes, `groups` and `meta` (RFC 7643 §3.1, §4.1).
    ///
    /// `password` is never part of it (RFC 7643 §4.1.1, SCH-13): the store holds only its hash, apart.
    static func render(_ record: UserRecord, location: String) -> JSONValue {
        var object = JSONObject()
        object["schemas"] = record.resource["schemas"] ?? [.string(SCIMURN.coreUser)]
        object["id"] = .string(record.id)
        for (key, value) in record.resource where key != "schemas" {
            object[key] = value
        }
        // Group membership is readOnly and derived from Groups (RFC 7643 §4.1.2); there are no Groups yet.
        object["groups"] = []
        var meta = JSONObject()
        meta["resourceType"] = "User"
        meta["created"] = .string(record.created.rfc3339)
        meta["lastModified"] = .string(record.lastModified.rfc3339)
        meta["location"] = .string(location)
        // No `meta.version` while ServiceProviderConfig says etag.supported false (IOP-G14): the
        // stored version counter is kept for when ETags are implemented.
        object["meta"] = .object(meta)
        return .object(object)
    }
}
