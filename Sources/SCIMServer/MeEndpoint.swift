import Hummingbird
import SCIMCore

/// `/Me` (RFC 7644 §3.11): 501 Not Implemented with a SCIM error, for every method.
///
/// RFC 7644 §3.11 gives a service provider three answers: process the request on the resource of the authenticated
/// subject (with `Location` set to that resource), redirect to it with 308, or — when it does not support `/Me` —
/// answer 501 (SHOULD; checklist ME-01). The first two need a subject that *is* a SCIM resource. This server
/// authenticates the identity provider's provisioning client with a bearer token that belongs to no User (DESIGN
/// §5, §8.2), so there is no resource to alias or redirect to. Answering another user's data is out of the question
/// (ME-04), and a 404 would claim the alias exists but found nothing; 501 states the truth: this server does not
/// support `/Me` for its only kind of subject. Authentication still applies first (401 without a token).
struct MeEndpoint: Sendable {
    /// Answers any request on `/Me` with 501 and a SCIM error body.
    func refuse(_ request: Request, context: some RequestContext) async throws -> Response {
        throw SCIMError.notImplemented(
            "/Me is not supported: the authenticated subject is the identity provider's SCIM token, not a User, "
                + "so there is no resource for /Me to alias (RFC 7644 §3.11)")
    }
}
