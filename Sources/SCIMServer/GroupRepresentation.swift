import SCIMCore

/// Turns stored groups into their SCIM representation.
enum GroupRepresentation {
    /// The case-folded key under which `displayName eq` finds a group (`caseExact` false, RFC 7643 §8.7.1).
    static func displayNameKey(_ displayName: String) -> String {
        displayName.lowercased()
    }

    /// The URI of the group `id` under `base`.
    static func location(base: String, id: String) -> String {
        "\(base)/Groups/\(id)"
    }

    /// The full representation: `schemas`, `id`, the stored attributes, `members` and `meta` (RFC 7643 §4.2).
    ///
    /// Each member has `value`, `$ref`, `type` and `display` (SCH-16, RFCX-7); `members` is `[]` when empty, as in
    /// Okta's examples. Without `includeMembers` (the members were not loaded) it is left out.
    static func render(_ record: GroupRecord, base: String, includeMembers: Bool = true) -> JSONObject {
        var object = JSONObject()
        object["schemas"] = record.resource["schemas"] ?? [.string(SCIMURN.coreGroup)]
        object["id"] = .string(record.id)
        for (key, value) in record.resource where key != "schemas" {
            object[key] = value
        }
        if includeMembers {
            object["members"] = .array(
                record.members.map { member in
                    var entry = JSONObject()
                    entry["value"] = .string(member.value)
                    entry["$ref"] = .string(
                        member.kind == .user
                            ? UserRepresentation.location(base: base, id: member.value)
                            : location(base: base, id: member.value))
                    entry["type"] = .string(member.kind.rawValue)
                    if let display = member.display { entry["display"] = .string(display) }
                    return .object(entry)
                })
        }
        var meta = JSONObject()
        meta["resourceType"] = "Group"
        meta["created"] = .string(record.created.rfc3339)
        meta["lastModified"] = .string(record.lastModified.rfc3339)
        meta["location"] = .string(location(base: base, id: record.id))
        meta["version"] = .string(EntityTag.of(record))
        object["meta"] = .object(meta)
        return object
    }
}
