import SCIMCore

/// Turns stored groups into their SCIM representation.
enum GroupRepresentation {
    /// The case-folded key under which `displayName eq` finds a group (`caseExact` false, RFC 7643 §8.7.1).
    static func displayNameKey(_ displayName: String) -> String {
        displayName.lowercased()
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
                            ? SCIMResourceType.user.location(base: base, id: member.value)
                            : SCIMResourceType.group.location(base: base, id: member.value))
                    entry["type"] = .string(member.kind.rawValue)
                    if let display = member.display { entry["display"] = .string(display) }
                    return .object(entry)
                })
        }
        object["meta"] = .object(SCIMResourceType.group.meta(of: record, base: base))
        return object
    }
}
