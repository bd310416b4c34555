import Hummingbird
import SCIMCore

/// `GET /ServiceProviderConfig` (RFC 7643 §5, RFC 7644 §4): what this server supports, truthfully.
///
/// Readable without authentication (RFC 7643 §5, checklist SEC-11). Every capability it advertises is one the
/// server has (DISC-03): PATCH, bulk with its limits (RFC 7644 §3.7.4, BULK-01, BULK-12), the full filter grammar
/// with at most `maxResults` results per page, sorting, ETags, and password changes through PUT and PATCH.
struct ServiceProviderConfigEndpoint: Sendable {
    let server: ServerContext

    func read(_ request: Request, context: some RequestContext) async throws -> Response {
        // RFC 7644 §4: filters are not allowed on this endpoint; the server SHOULD answer 403 (DISC-10).
        try DiscoveryEndpoint.refuseFilter(request, "/ServiceProviderConfig")
        return SCIMResponse.json(body(base: server.baseURL(for: request)))
    }

    func body(base: String) -> JSONValue {
        let scheme: JSONValue = [
            "type": "oauthbearertoken",
            "name": "OAuth Bearer Token",
            "description": "Authentication with the SCIM token as a bearer token: Authorization: Bearer <token>",
            "specUri": "https://www.rfc-editor.org/info/rfc6750",
            "primary": true,
        ]
        return [
            "schemas": [.string(SCIMURN.serviceProviderConfig)],
            "documentationUri": "https://www.rfc-editor.org/info/rfc7644",
            "patch": ["supported": true],
            "bulk": [
                "supported": true, "maxOperations": .int(server.configuration.bulkMaxOperations),
                "maxPayloadSize": .int(server.configuration.maxBodyBytes),
            ],
            "filter": ["supported": true, "maxResults": .int(server.configuration.maxPageSize)],
            "changePassword": ["supported": true],
            "sort": ["supported": true],
            "etag": ["supported": true],
            "authenticationSchemes": [scheme],
            "meta": [
                "resourceType": "ServiceProviderConfig",
                "location": .string("\(base)/ServiceProviderConfig"),
            ],
        ]
    }
}
