/// The schema and message URNs of SCIM 2.0 (RFC 7643 §8.7, RFC 7644 §3.1) and NinjaOne's extension.
///
/// Shared vocabulary only: both the reference server and the conformance kit spell URNs through
/// these constants, so a typo cannot make the two sides agree on a wrong name.
public enum SCIMURN {
    /// The core User schema, RFC 7643 §4.1.
    public static let coreUser = "urn:ietf:params:scim:schemas:core:2.0:User"
    /// The core Group schema, RFC 7643 §4.2.
    public static let coreGroup = "urn:ietf:params:scim:schemas:core:2.0:Group"
    /// The enterprise User extension, RFC 7643 §4.3.
    public static let enterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    /// NinjaOne's User extension carrying `userType` and `organizationId`.
    public static let ninjaOneUser = "urn:ietf:params:scim:schemas:extension:ninjaone:2.0:User"
    /// The ServiceProviderConfig schema, RFC 7643 §5.
    public static let serviceProviderConfig = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
    /// The ResourceType schema, RFC 7643 §6.
    public static let resourceType = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
    /// The Schema schema, RFC 7643 §7.
    public static let schema = "urn:ietf:params:scim:schemas:core:2.0:Schema"
    /// The list response message, RFC 7644 §3.4.2.
    public static let listResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    /// The error message, RFC 7644 §3.12.
    public static let error = "urn:ietf:params:scim:api:messages:2.0:Error"
    /// The PATCH request message, RFC 7644 §3.5.2.
    public static let patchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    /// The search request message, RFC 7644 §3.4.3.
    public static let searchRequest = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
    /// The bulk request message, RFC 7644 §3.7.
    public static let bulkRequest = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
    /// The bulk response message, RFC 7644 §3.7.
    public static let bulkResponse = "urn:ietf:params:scim:api:messages:2.0:BulkResponse"
}

/// The media types of SCIM, RFC 7644 §3.1 and §8.1.
public enum SCIMMediaType {
    /// `application/scim+json`, the SCIM media type.
    public static let scim = "application/scim+json"
    /// `application/json`, which RFC 7644 §3.8 says servers SHOULD accept too.
    public static let json = "application/json"
}

/// The `scimType` error keywords of RFC 7644 §3.12, Table 9.
public enum SCIMErrorType: String, Sendable, Codable, CaseIterable {
    case invalidFilter, tooMany, uniqueness, mutability, invalidSyntax, invalidPath, noTarget, invalidValue,
        invalidVers, sensitive
}
