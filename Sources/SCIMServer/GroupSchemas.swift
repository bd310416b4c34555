import SCIMCore

/// The Group schema the server knows: core Group (RFC 7643 §4.2, §8.7.1).
enum GroupSchemas {
    /// The core Group schema. `members.display` is served (RFCX-7) and derived from the member, so read-only.
    static let core = ResourceSchema(
        id: SCIMURN.coreGroup, name: "Group", description: "Group",
        attributes: [
            SchemaAttribute(
                name: "displayName", kind: .string, description: "A human-readable name for the Group.",
                required: true),
            SchemaAttribute(
                name: "members", kind: .complex, multiValued: true, description: "A list of members of the Group.",
                subAttributes: [
                    SchemaAttribute(
                        name: "value", kind: .string, description: "The id of the member (a User or a Group).",
                        caseExact: true, mutability: .immutable),
                    SchemaAttribute(
                        name: "$ref", kind: .reference, description: "The URI of the member's resource.",
                        caseExact: true, mutability: .immutable, referenceTypes: ["User", "Group"]),
                    SchemaAttribute(
                        name: "type", kind: .string, description: "The type of the member: User or Group.",
                        mutability: .immutable, canonicalValues: ["User", "Group"]),
                    SchemaAttribute(
                        name: "display", kind: .string,
                        description: "The member's displayName (else userName), derived by the server.",
                        mutability: .readOnly),
                ]),
        ])
}
