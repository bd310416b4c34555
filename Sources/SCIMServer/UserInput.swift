import SCIMCore

/// A User request body read against the User schemas (see ``ResourceInput``), with its indexed values.
struct UserInput: Sendable {
    /// The resource to store: `schemas` first, then the attributes in request order.
    var resource: JSONObject
    /// `userName`, exactly as sent.
    var userName: String
    /// `externalId`, exactly as sent.
    var externalId: String?
    /// `displayName`, if any.
    var displayName: String?
    /// `active` (true when not sent: the server default, re-applied on PUT as PUT-04 recommends).
    var active: Bool
    /// The cleartext password, to be hashed at once and never stored or logged.
    var password: String?

    /// Reads a POST or PUT body, or the result of a PATCH.
    /// - Throws: ``SCIMError`` 400 `invalidValue` for missing required values and wrong types (ERR-06, CRT-10),
    ///   400 `invalidSyntax` for names that are not attribute names or repeat in another letter case.
    init(body: JSONObject, profile: ServerProfile = .compatible) throws {
        let input = try ResourceInput(body: body, type: .user, profile: profile)
        var resource = input.resource
        guard case .string(let userName)? = resource["userName"] else {
            throw SCIMError.invalidValue("attribute 'userName' is required (RFC 7643 §4.1.1)")
        }
        if resource["active"] == nil { resource["active"] = true }
        self.resource = resource
        self.userName = userName
        self.externalId = resource["externalId"]?.stringValue
        self.displayName = resource["displayName"]?.stringValue
        self.active = resource["active"]?.boolValue ?? true
        self.password = input.password
    }
}
