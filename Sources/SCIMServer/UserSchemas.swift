import SCIMCore

/// The User schemas the server knows: core User (RFC 7643 §4.1, §8.7.1), the enterprise extension (§4.3)
/// and NinjaOne's extension (DESIGN §5).
enum UserSchemas {
    /// The core User schema.
    static let core = ResourceSchema(
        id: SCIMURN.coreUser, name: "User", description: "User Account",
        attributes: [
            SchemaAttribute(
                name: "userName", kind: .string,
                description: "Unique identifier for the User, typically used by the user to directly authenticate.",
                required: true, uniqueness: .server),
            SchemaAttribute(
                name: "name", kind: .complex, description: "The components of the user's real name.",
                subAttributes: [
                    string("formatted", "The full name, formatted for display."),
                    string("familyName", "The family name of the User."),
                    string("givenName", "The given name of the User."),
                    string("middleName", "The middle name(s) of the User."),
                    string("honorificPrefix", "The honorific prefix(es) of the User."),
                    string("honorificSuffix", "The honorific suffix(es) of the User."),
                ]),
            string("displayName", "The name of the User, suitable for display to end-users."),
            string("nickName", "The casual way to address the user in real life."),
            SchemaAttribute(
                name: "profileUrl", kind: .reference, description: "A fully qualified URL to the User's profile.",
                referenceTypes: ["external"]),
            string("title", "The user's title, such as \"Vice President\"."),
            string("userType", "Identifies the relationship between the organization and the user."),
            string("preferredLanguage", "The User's preferred written or spoken language."),
            string("locale", "The User's default location for localization."),
            string("timezone", "The User's time zone in the IANA Time Zone database format."),
            SchemaAttribute(name: "active", kind: .boolean, description: "The User's administrative status."),
            SchemaAttribute(
                name: "password", kind: .string, description: "The User's cleartext password, never returned.",
                mutability: .writeOnly, returned: .never),
            multiValued("emails", "Email addresses for the user.", types: ["work", "home", "other"]),
            multiValued(
                "phoneNumbers", "Phone numbers for the User.",
                types: ["work", "home", "mobile", "fax", "pager", "other"]),
            multiValued(
                "ims", "Instant messaging addresses for the User.",
                types: ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
            multiValued("photos", "URLs of images of the user.", types: ["photo", "thumbnail"], valueKind: .reference),
            SchemaAttribute(
                name: "addresses", kind: .complex, multiValued: true, description: "A physical mailing address.",
                subAttributes: [
                    string("formatted", "The full mailing address, formatted for display."),
                    string("streetAddress", "The full street address component."),
                    string("locality", "The city or locality component."),
                    string("region", "The state or region component."),
                    string("postalCode", "The zip code or postal code component."),
                    string("country", "The country name component."),
                    SchemaAttribute(
                        name: "type", kind: .string, description: "A label indicating the attribute's function.",
                        canonicalValues: ["work", "home", "other"]),
                    SchemaAttribute(
                        name: "primary", kind: .boolean,
                        description: "Whether this is the primary address; at most one is."),
                ]),
            SchemaAttribute(
                name: "groups", kind: .complex, multiValued: true,
                description: "A list of groups to which the user belongs.", mutability: .readOnly,
                subAttributes: [
                    SchemaAttribute(
                        name: "value", kind: .string, description: "The identifier of the User's group.",
                        caseExact: true, mutability: .readOnly),
                    SchemaAttribute(
                        name: "$ref", kind: .reference, description: "The URI of the Group resource.",
                        mutability: .readOnly, referenceTypes: ["User", "Group"]),
                    SchemaAttribute(
                        name: "display", kind: .string, description: "A human-readable name of the group.",
                        mutability: .readOnly),
                    SchemaAttribute(
                        name: "type", kind: .string, description: "How the membership was derived.",
                        mutability: .readOnly, canonicalValues: ["direct", "indirect"]),
                ]),
            multiValued("entitlements", "A list of entitlements for the User.", types: []),
            multiValued("roles", "A list of roles for the User.", types: []),
            multiValued(
                "x509Certificates", "A list of certificates issued to the User.", types: [], valueKind: .binary),
        ])

    /// The enterprise User extension (RFC 7643 §4.3).
    static let enterprise = ResourceSchema(
        id: SCIMURN.enterpriseUser, name: "EnterpriseUser", description: "Enterprise User",
        attributes: [
            string("employeeNumber", "Numeric or alphanumeric identifier assigned to a person."),
            string("costCenter", "Identifies the name of a cost center."),
            string("organization", "Identifies the name of an organization."),
            string("division", "Identifies the name of a division."),
            string("department", "Identifies the name of a department."),
            SchemaAttribute(
                name: "manager", kind: .complex, description: "The User's manager.",
                subAttributes: [
                    SchemaAttribute(name: "value", kind: .string, description: "The id of the SCIM resource."),
                    SchemaAttribute(
                        name: "$ref", kind: .reference, description: "The URI of the manager's resource.",
                        referenceTypes: ["User"]),
                    SchemaAttribute(
                        name: "displayName", kind: .string, description: "The displayName of the User's manager.",
                        mutability: .readOnly),
                ],
                acceptsBareValue: true),
        ])

    /// NinjaOne's User extension: `userType` and `organizationId`, kept exactly as provisioned (DESIGN §5, §8.3).
    static let ninjaOne = ResourceSchema(
        id: SCIMURN.ninjaOneUser, name: "NinjaOneUser", description: "NinjaOne User",
        attributes: [
            SchemaAttribute(
                name: "userType", kind: .string,
                description: "\"technician\" (any case) creates a technician; anything else an end user.",
                caseExact: true),
            SchemaAttribute(
                name: "organizationId", kind: .string,
                description: "\"All\" or missing for a global end user; organization ids, comma-separated.",
                caseExact: true, acceptsStringArray: true),
        ])

    /// The extension schemas a User may carry.
    static let extensions = [enterprise, ninjaOne]

    /// The known extension whose URN equals `urn`, ignoring case.
    static func knownExtension(_ urn: String) -> ResourceSchema? {
        let lowered = urn.lowercased()
        return extensions.first { $0.id.lowercased() == lowered }
    }

    private static func string(_ name: String, _ description: String) -> SchemaAttribute {
        SchemaAttribute(name: name, kind: .string, description: description)
    }

    /// A multi-valued complex attribute with `value`, `display`, `type` and `primary` (RFC 7643 §2.4).
    private static func multiValued(
        _ name: String, _ description: String, types: [String], valueKind: SchemaAttribute.Kind = .string
    ) -> SchemaAttribute {
        SchemaAttribute(
            name: name, kind: .complex, multiValued: true, description: description,
            subAttributes: [
                SchemaAttribute(
                    name: "value", kind: valueKind, description: "The attribute's value.",
                    referenceTypes: valueKind == .reference ? ["external"] : []),
                SchemaAttribute(name: "display", kind: .string, description: "A human-readable name."),
                SchemaAttribute(
                    name: "type", kind: .string, description: "A label indicating the attribute's function.",
                    canonicalValues: types),
                SchemaAttribute(
                    name: "primary", kind: .boolean, description: "Whether this is the primary value; at most one is."),
            ])
    }
}
