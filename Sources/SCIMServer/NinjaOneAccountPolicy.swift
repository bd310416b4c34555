import SCIMCore

/// NinjaOne's rules for turning a SCIM user into an account (DESIGN §5, §8.3; okta-behavior.md §13).
///
/// - `userType` "technician" in any letter case makes a technician; "endUser" (exactly), a missing value or
///   anything else makes an end user, and a value that is neither is recorded as a fallback reason.
/// - `organizationId` "All" or missing makes a global end user; organization ids (one, comma-separated
///   "12,31", or a JSON array of strings) make an end user of those organizations. Ids that are not known
///   organizations are dropped with a reason; when none is left the account is a global end user.
/// - Technicians ignore `organizationId`.
public enum NinjaOneAccountPolicy {
    /// The effective type for a provisioned `userType`, and why the value was not accepted as sent, if it was not.
    public static func accountType(userType: JSONValue?) -> (NinjaOneAccount.AccountType, reason: String?) {
        switch userType {
        case nil, .null?:
            return (.endUser, nil)
        case .string(let text)?:
            if text.lowercased() == "technician" { return (.technician, nil) }
            if text == "endUser" { return (.endUser, nil) }
            return (
                .endUser,
                "userType \"\(SCIMError.excerpt(text, limit: 40))\" is not an accepted value (technician in any "
                    + "letter case, or endUser); the account is an end user"
            )
        case let other?:
            return (.endUser, "userType is a JSON \(other.typeName), not a string; the account is an end user")
        }
    }

    /// The organizations of an end user for a provisioned `organizationId`, and why values were not accepted.
    ///
    /// An empty result is a global end user.
    public static func organizations(
        organizationID: JSONValue?, known: Set<String>
    ) -> (ids: [String], reasons: [String]) {
        var tokens: [String] = []
        var reasons: [String] = []
        switch organizationID {
        case nil, .null?:
            return ([], [])
        case .string(let text)?:
            tokens = text.split(separator: ",").map { String($0).trimmingWhitespace }
        case .array(let elements)?:
            for element in elements {
                switch element {
                case .string(let text): tokens.append(text.trimmingWhitespace)
                case .int(let number): tokens.append(String(number))
                default: reasons.append("organizationId holds a JSON \(element.typeName), not an organization id")
                }
            }
        case .int(let number)?:
            tokens = [String(number)]
        case let other?:
            reasons.append("organizationId is a JSON \(other.typeName), not a string")
        }
        var ids: [String] = []
        var sawAll = false
        var sawUnknown = !reasons.isEmpty
        for token in tokens where !token.isEmpty {
            if token.lowercased() == "all" {
                sawAll = true
            } else if known.contains(token) {
                if !ids.contains(token) { ids.append(token) }
            } else {
                sawUnknown = true
                reasons.append("organizationId \(SCIMError.excerpt(token, limit: 40)) is not a known organization")
            }
        }
        if ids.isEmpty, sawUnknown {
            reasons.append("no accepted organizationId value; the account falls back to a global end user")
        } else if !ids.isEmpty, sawAll {
            reasons.append("organizationId mixes All with organization ids; All is ignored")
        }
        return (ids, reasons)
    }

    /// The NinjaOne extension's `userType` and `organizationId` of a stored resource, exactly as provisioned.
    public static func extensionValues(of resource: JSONObject) -> (userType: JSONValue?, organizationID: JSONValue?) {
        guard case .object(let values)? = resource.member(caseInsensitive: SCIMURN.ninjaOneUser)?.value else {
            return (nil, nil)
        }
        return (
            values.member(caseInsensitive: "userType")?.value,
            values.member(caseInsensitive: "organizationId")?.value
        )
    }

    /// The primary email of a resource: the one marked `primary`, else the first; `nil` when there is none.
    public static func primaryEmail(of resource: JSONObject) -> String? {
        guard case .array(let emails)? = resource.member(caseInsensitive: "emails")?.value else { return nil }
        let values = emails.compactMap { email -> (String, Bool)? in
            guard let object = email.objectValue,
                let value = object.member(caseInsensitive: "value")?.value.stringValue, !value.isEmpty
            else { return nil }
            return (value, object.member(caseInsensitive: "primary")?.value.boolValue == true)
        }
        return (values.first { $0.1 } ?? values.first)?.0
    }

    /// The account of a SCIM user: derived from its resource, keeping what `previous` knew (origin, creation).
    public static func account(
        for user: UserRecord, previous: NinjaOneAccount?, knownOrganizations: Set<String>, now: SCIMTimestamp
    ) -> NinjaOneAccount {
        let values = extensionValues(of: user.resource)
        let (type, typeReason) = accountType(userType: values.userType)
        var reasons = typeReason.map { [$0] } ?? []
        var organizationIDs: [String] = []
        if type == .endUser {
            let derived = organizations(organizationID: values.organizationID, known: knownOrganizations)
            organizationIDs = derived.ids
            reasons += derived.reasons
        }
        var account = NinjaOneAccount(
            id: user.id, origin: previous?.origin ?? .scim, userName: user.userName,
            email: primaryEmail(of: user.resource), displayName: user.displayName,
            status: user.active ? .active : .inactive, scimManaged: true,
            systemAdministrator: previous?.systemAdministrator ?? false, provisionedUserType: values.userType,
            provisionedOrganizationID: values.organizationID, accountType: type, organizationIDs: organizationIDs,
            fallbackReasons: reasons, created: previous?.created ?? now, lastModified: now)
        if let previous, previous.withoutTimes == account.withoutTimes { account.lastModified = previous.lastModified }
        return account
    }

    /// The roles an account gets from the mappings of the groups it belongs to, by its type, without repeats.
    public static func roles(
        accountType: NinjaOneAccount.AccountType, groupIDs: [String], mappings: [GroupRoleMapping],
        roles: [NinjaOneRole]
    ) -> [NinjaOneRole] {
        let byGroup = Dictionary(mappings.map { ($0.groupID, $0) }, uniquingKeysWith: { first, _ in first })
        let byID = Dictionary(roles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var result: [NinjaOneRole] = []
        for groupID in groupIDs {
            guard let mapping = byGroup[groupID] else { continue }
            let roleID = accountType == .technician ? mapping.technicianRoleID : mapping.endUserRoleID
            guard let roleID, let role = byID[roleID], !result.contains(role) else { continue }
            result.append(role)
        }
        return result
    }
}

extension NinjaOneAccount {
    /// The account with fixed timestamps, to tell whether anything but the times changed.
    fileprivate var withoutTimes: NinjaOneAccount {
        var copy = self
        copy.created = SCIMTimestamp(millisecondsSince1970: 0)
        copy.lastModified = copy.created
        return copy
    }
}

extension String {
    /// The string without leading and trailing white space and newlines.
    var trimmingWhitespace: String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view = view.dropFirst() }
        while let last = view.last, last.isWhitespace { view = view.dropLast() }
        return String(view)
    }
}
