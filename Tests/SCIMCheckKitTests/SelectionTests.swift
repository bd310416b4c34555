import SCIMCheckKit
import SCIMCheckTestSupport
import Testing

@Suite struct SelectionTests {
    @Test(arguments: [
        ("okta.credentials.test-api-credentials", "okta.credentials.*", true),
        ("okta.credentials.test-api-credentials", "okta.*", true),
        ("okta.credentials.test-api-credentials", "*credentials*", true),
        ("okta.credentials.test-api-credentials", "okta.credentials", false),
        ("okta.oin-spec.01-test-users-endpoint", "okta.oin-spec.0?-*", true),
        ("rfc.users.x", "okta.*", false),
        ("a", "*", true),
    ])
    func globsMatchWholeIDsAndStarsCrossDots(id: String, glob: String, matches: Bool) {
        #expect(Selection.matches(id, glob: glob) == matches)
    }

    @Test func onlyAndSkipCombine() {
        let selection = Selection(only: ["okta.*"], skip: ["*spec*"])
        #expect(selection.exclusionReason(for: "okta.credentials.test-api-credentials") == nil)
        #expect(selection.exclusionReason(for: "okta.oin-spec.01-test-users-endpoint")?.contains("--skip") == true)
        #expect(selection.exclusionReason(for: "rfc.core.x")?.contains("--only") == true)
        #expect(Selection(suites: ["okta-oin-spec"]).includes(suite: "okta-oin-spec"))
        #expect(!Selection(suites: ["okta-oin-spec"]).includes(suite: "okta-lifecycle"))
    }
}
