import OktaSimulator
import SCIMCheckKit
import SCIMCore

extension Suite {
    /// `okta-lifecycle`: what Okta does across an app user's life, starting with the connection check.
    public static let oktaLifecycle = Suite("okta-lifecycle", "Okta provisioning lifecycle") {
        Scenario(
            "okta.credentials.test-api-credentials", "Okta's Test API Credentials succeeds",
            .spec(.okta("1.1")), .spec(.okta("1.2")), .spec(.rfc7644("3.4.2")), .spec(.checklist("LST-04")),
            .tags("okta", "credentials", "users"),
            .oktaInferred(
                "what Okta validates in the answer beyond a 2xx is undocumented; scimcheck wants a ListResponse"),
            .oktaInferred("the extra GET /Groups is verified for SCIM 1.1 only (option test-credentials-groups)")
        ) { s in
            let task = try await s.okta.testAPICredentials(
                users: {
                    Status(in: 200..<300)
                        .because("Okta shows \"Error authenticating\" and the admin cannot enable provisioning")
                        .hint("answer GET /Users?startIndex=1&count=2 with 200 and a ListResponse for a valid token")
                    ListResponse(maxItems: 2)
                        .spec(.rfc7644("3.4.2.4"))
                        .because("Okta pages with startIndex/count and needs integer paging numbers")
                        .hint("honour count, and write totalResults, startIndex and itemsPerPage as JSON integers")
                    Header("Content-Type", contains: SCIMMediaType.scim)
                        .level(.should)
                        .spec(.rfc7644("8.1"))
                        .hint("answer with Content-Type: application/scim+json")
                },
                groups: {
                    Status(in: 200..<300)
                        .because("with Push Groups on, Okta also lists groups when testing the credentials")
                    ListResponse()
                })
            s.verify(
                "Okta accepts the connector configuration", task.succeeded,
                expected: OktaMessages.credentialsVerified, actual: task.message, specs: [.okta("1.2")],
                oktaConsequence: "the admin sees the message above and cannot save the provisioning settings")
        }
        OktaUserLifecycle.scenarios
        OktaLifecycleReplays.scenarios
    }
}
