import Hummingbird
import SCIMCore

/// `POST /Bulk` (RFC 7644 §3.7): many writes on users and groups in one request, answered with a BulkResponse.
///
/// The limits are advertised in `/ServiceProviderConfig` and enforced with 413 naming the limit (§3.7.4,
/// BULK-12): `maxOperations` is ``SCIMServerConfiguration/bulkMaxOperations``, `maxPayloadSize` the server's body
/// limit. A processed job is 200 even when operations fail (BULK-03); the operations run in ``BulkJob``.
struct BulkEndpoint: Sendable {
    let server: ServerContext
    /// The writes bulk operations go through: the same as `/Users` and `/Groups` (BULK-13).
    let endpoints: [any ResourceOperations]

    /// `POST /Bulk`: 200 with a BulkResponse whose `Operations` report every operation that ran (BULK-02, BULK-06).
    ///
    /// - Throws: 413 for a body over `maxPayloadSize` or more than `maxOperations` operations; 400 for a malformed
    ///   envelope (``BulkRequest``); 415 for a media type other than SCIM's or JSON.
    func process(_ request: Request, context: some RequestContext) async throws -> Response {
        let body: JSONObject
        do {
            body = try await server.bodyReader.readObject(from: request)
        } catch let error as SCIMError where error.status == .contentTooLarge {
            throw SCIMError(
                .contentTooLarge,
                detail: "the bulk request exceeds maxPayloadSize (\(server.configuration.maxBodyBytes) bytes) "
                    + "advertised in /ServiceProviderConfig")
        }
        let bulk = try BulkRequest(body: body, maxOperations: server.configuration.bulkMaxOperations)
        var job = BulkJob(
            request: bulk, endpoints: endpoints, base: server.baseURL(for: request), logger: context.logger)
        let results = try await job.run()
        return SCIMResponse.json(["schemas": [.string(SCIMURN.bulkResponse)], "Operations": .array(results)])
    }
}
