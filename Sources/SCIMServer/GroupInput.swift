import SCIMCore

/// A Group request body read against the Group schema (see ``ResourceInput``), with its members apart.
struct GroupInput: Sendable {
    /// The resource to store, without `members`.
    var resource: JSONObject
    /// `displayName`, exactly as sent.
    var displayName: String
    /// `externalId`, exactly as sent.
    var externalId: String?
    /// The members by `value`, in order, without duplicates; `type`, `display` and `$ref` are derived by the server
    /// from the member itself (RFCX-7, IOP-O03: Okta sends no `type`).
    var members: [GroupMember]

    /// Reads a POST or PUT body, or the result of a PATCH; a body without `members` has none (PUT-10).
    /// - Throws: ``SCIMError`` 400 `invalidValue` for a missing `displayName` (CRT-11), a member without a
    ///   `value`, or a `type` other than User or Group.
    init(body: JSONObject, profile: ServerProfile = .compatible) throws {
        let input = try ResourceInput(body: body, type: .group, profile: profile)
        var resource = input.resource
        guard case .string(let displayName)? = resource["displayName"] else {
            throw SCIMError.invalidValue("attribute 'displayName' is required (RFC 7643 §4.2)")
        }
        var members: [GroupMember] = []
        var seen = Set<String>()
        for element in resource["members"]?.arrayValue ?? [] {
            guard case .string(let value)? = element["value"], !value.isEmpty else {
                throw SCIMError.invalidValue("each member must have a value: the id of a User or a Group")
            }
            var kind = GroupMember.Kind.user
            if let type = element["type"] {
                guard case .string(let text) = type,
                    let parsed = [GroupMember.Kind.user, .group].first(where: {
                        $0.rawValue.lowercased() == text.lowercased()
                    })
                else {
                    throw SCIMError.invalidValue(
                        "a member's type must be \"User\" or \"Group\", not \(type.serialized())")
                }
                kind = parsed
            }
            if seen.insert(value).inserted { members.append(GroupMember(value: value, kind: kind)) }
        }
        resource["members"] = nil
        self.resource = resource
        self.displayName = displayName
        self.externalId = resource["externalId"]?.stringValue
        self.members = members
    }
}
