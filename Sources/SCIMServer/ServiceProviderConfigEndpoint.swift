import Hummingbird
import SCIMCore

/// `GET /ServiceProviderConfig` (RFC 7643 §5, RFC 7644 §4): what this server supports, truthfully.
///
/// Readable without authentication (RFC 7643 §5, checklist SEC-11). Every capability it advertises is one the
/// server has now (DISC-03): no PATCH, bulk, sort, ETags or password change yet; `userName eq` filters with
/// at most `maxResults` results per page.
struct ServiceProviderConfigEndpoint: Sendable {
    let server: ServerContext

    func read(_ request: Request, context: some RequestContext) async throws -> Response {
        // RFC 7644 §4: filters are not allowed on this endpoint; the server SHOULD answer 403 (DISC-10).
        if QueryParameters(query: request.uri.query)["filter"] != nil {
            throw SCIMError(.forbidden, detail: "filters are not supported on /ServiceProviderConfig (RFC 7644 §4)")
        }
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
            "patch": ["supported": false],
            "bulk": ["supported": false, "maxOperations": 0, "maxPayloadSize": 0],
            "filter": ["supported": true, "maxResults": .int(server.configuration.maxPageSize)],
            "changePassword": ["supported": false],
            "sort": ["supported": false],
            "etag": ["supported": false],
            "authenticationSchemes": [scheme],
            "meta": [
                "resourceType": "ServiceProviderConfig",
                "location": .string("\(base)/ServiceProviderConfig"),
            ],
        ]
    }
}
