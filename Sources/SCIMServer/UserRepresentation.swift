import SCIMCore

/// Turns stored users into their SCIM representation.
enum UserRepresentation {
    /// The case-folded key under which `userName` is unique and matched by `eq` filters.
    ///
    /// RFC 7643 §4.1.1 and §8.7.1: `userName` has `caseExact` false and `uniqueness` server, so case variants
    /// collide (checklist UNQ-02) and the filter finds exactly what a POST would collide with (UNQ-08).
    /// The ``Quirk/caseSensitiveUserName`` quirk keeps it as sent.
    static func userNameKey(_ userName: String) -> String {
        Quirk.active.contains(.caseSensitiveUserName) ? userName : userName.lowercased()
    }

    /// The full representation: `schemas`, `id`, the stored attributes, `groups` and `meta` (RFC 7643 §3.1, §4.1).
    ///
    /// `password` is never part of it (RFC 7643 §4.1.1, SCH-13): the store holds only its hash, apart. `groups` is
    /// derived from group memberships (RFC 7643 §4.1.2, SCH-15) and `meta.version` is the entity tag (ETAG-01).
    static func render(_ record: UserRecord, base: String) -> JSONObject {
        var object = JSONObject()
        object["schemas"] = record.resource["schemas"] ?? [.string(SCIMURN.coreUser)]
        object["id"] = .string(record.id)
        for (key, value) in record.resource where key != "schemas" {
            object[key] = value
        }
        object["groups"] = .array(
            record.groups.map { membership in
                [
                    "value": .string(membership.groupID),
                    "$ref": .string(SCIMResourceType.group.location(base: base, id: membership.groupID)),
                    "display": .string(membership.display),
                    "type": membership.direct ? "direct" : "indirect",
                ]
            })
        object["meta"] = .object(SCIMResourceType.user.meta(of: record, base: base))
        return object
    }
}
