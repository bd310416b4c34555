import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckTestSupport
import Testing

/// Golden wire shapes from okta-behavior.md (§1.1, §2.2, §8, §14.1).
@Suite struct OktaClientTests {
    @Test func testAPICredentialsSendsOktasConstantQueryAndHeaders() async throws {
        let transport = ScriptedTransport { _ in (200, [], #"{"totalResults":0,"Resources":[]}"#) }
        let session = Session(context: context(transport))
        let task = try await session.okta.testAPICredentials()
        #expect(task.succeeded)
        let request = try #require(transport.sent.first)
        #expect(transport.sent.count == 1)
        #expect(request.method == "GET")
        #expect(request.url == "http://127.0.0.1:9/scim/v2/Users?startIndex=1&count=2")
        #expect(
            request.headers == [
                HTTPHeader("Accept", "application/scim+json"), HTTPHeader("Accept-Charset", "utf-8"),
                HTTPHeader("User-Agent", "Okta SCIM Client 1.0.0"), HTTPHeader("Authorization", "Bearer s3cr3t-token"),
                HTTPHeader("Connection", "Keep-Alive"),
            ])
        #expect(request.body == nil)
    }

    @Test func testAPICredentialsListsGroupsWhenSwitchedOn() async throws {
        let transport = ScriptedTransport { _ in (200, [], #"{"totalResults":0,"Resources":[]}"#) }
        let session = Session(context: context(transport, settings: ["test-credentials-groups": "on"]))
        try await session.okta.testAPICredentials()
        #expect(transport.sent.map(\.url).last == "http://127.0.0.1:9/scim/v2/Groups?startIndex=1&count=100")
    }

    @Test(arguments: [(401, "Unauthorized"), (403, "Forbidden"), (500, "Internal Server Error")])
    func failedCredentialsUseOktasWords(status: Int, reason: String) async throws {
        let transport = ScriptedTransport { _ in (status, [], "{}") }
        let task = try await Session(context: context(transport)).okta.testAPICredentials()
        #expect(!task.succeeded)
        #expect(
            task.message
                == "Error authenticating: \(reason). The connector configuration could not be tested. Make sure that "
                + "the URL, Authentication Parameters are correct and that there is an implementation available at "
                + "the URL provided.")
    }

    @Test func stringPagingNumbersFailTheCheck() async throws {
        let transport = ScriptedTransport { _ in (200, [], #"{"totalResults":"0","Resources":[]}"#) }
        let task = try await Session(context: context(transport)).okta.testAPICredentials()
        #expect(!task.succeeded)
    }

    @Test func authorizationModesMatchOkta() {
        #expect(Credentials.bearer("t").authorizationValue == "Bearer t")
        #expect(Credentials.header("raw-t").authorizationValue == "raw-t")
        #expect(Credentials.basic(user: "u", password: "p").authorizationValue == "Basic dTpw")
    }

    @Test func filterQueryIsEncodedAsOktaEncodesIt() {
        let query = [
            (name: "filter", value: "userName eq \"test.user@okta.local\""), (name: "startIndex", value: "1"),
            (name: "count", value: "100"),
        ]
        #expect(URLQuery.string(query) == "filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100")
        let legacy = [
            (name: "filter", value: "userName eq \"jane.doe@example.com\""), (name: "startIndex", value: "1"),
            (name: "count", value: "100"),
        ]
        #expect(
            URLQuery.string(legacy, spaces: .plus)
                == "filter=userName+eq+%22jane.doe%40example.com%22&startIndex=1&count=100")
    }

    @Test func specTestHarnessHeadersDifferFromProduction() {
        let get = OktaHeaders.specTest(credentials: .bearer("t"), post: false)
        #expect(get.first(named: "User-Agent") == "OKTA SCIM Integration")
        #expect(get.first(named: "Content-Type") == "application/scim+json; charset=utf-8")
        let post = OktaHeaders.specTest(credentials: .bearer("t"), post: true)
        #expect(post.first(named: "Content-Type") == "application/json")
        #expect(post.first(named: "Accept") == "application/scim+json; charset=utf-8")
        #expect(
            OktaHeaders.specTest(credentials: .bearer("t"), post: false, authorization: "non-token").first(
                named: "Authorization") == "non-token")
    }

    @Test func specVariablesFollowTheInitialScript() {
        var generator = SystemRandomNumberGenerator()
        let variables = OktaSpecTest.Variables.random(using: &generator)
        #expect(variables.givenName.hasPrefix("Runscope") && variables.givenName.count == 11)
        #expect(variables.familyName.count == 12 && variables.familyName.first?.isUppercase == true)
        #expect(variables.email.hasSuffix("@atko.com"))
        #expect(variables.emailUppercased == variables.email.uppercased())
    }

    @Test func unknownOktaOptionsAreRefused() {
        #expect(throws: OktaSettingsError.self) { try OktaSettings(["nope": "x"]) }
        #expect(throws: OktaSettingsError.self) { try OktaSettings(["filter-spaces": "%2B"]) }
        #expect(OktaSettings.effective(["app": "aiw"])["filter-spaces"] == "%20")
    }
}
