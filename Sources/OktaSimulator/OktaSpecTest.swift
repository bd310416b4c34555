import Foundation
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

/// Okta's "SCIM 2.0 SPEC Test" (the Runscope/BlazeMeter suite an OIN submission runs), replayed with
/// the harness's headers and variables (okta-behavior §14.1, DESIGN §8.10).
///
/// The replay sends what the harness sends, without its 5- and 10-second pauses.
public enum OktaSpecTest {
    /// `InvalidUserEmail`: a user name that must not exist.
    public static let invalidUserEmail = "abcdefgh@atko.com"
    /// `UserIdThatDoesNotExist`: an id that must not exist (step 4).
    public static let userIDThatDoesNotExist = "010101001010101011001010101011"
    /// The unknown id of step 12.
    public static let unknownUserID = "00919288221112222"

    /// The random values of the harness's initial script (okta-behavior §14.1, source S5).
    public struct Variables: Sendable, Hashable {
        /// `"Runscope"` and three digits.
        public var givenName: String
        /// One uppercase letter, eight lowercase letters and three digits.
        public var familyName: String
        /// Given name, family name and `@atko.com`: the email and the user name.
        public var email: String { "\(givenName)\(familyName)@atko.com" }
        /// The email uppercased, for the case-sensitivity step.
        public var emailUppercased: String { email.uppercased() }

        /// Values chosen by the caller (a replay that must mark its user, a test).
        public init(givenName: String, familyName: String) {
            self.givenName = givenName
            self.familyName = familyName
        }

        /// Draws new values with `generator`.
        public static func random(using generator: inout some RandomNumberGenerator) -> Variables {
            let digits = "0123456789"
            let lower = "abcdefghijklmnopqrstuvwxyz"
            func draw(_ alphabet: String, _ count: Int) -> String {
                String((0..<count).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            }
            return Variables(
                givenName: "Runscope" + draw(digits, 3),
                familyName: draw(lower.uppercased(), 1) + draw(lower, 8) + draw(digits, 3))
        }
    }

    /// A harness request: `GET`s carry the harness header set, `POST`s its POST variant.
    public static func request(
        _ method: String, _ path: String, query: [(name: String, value: String)] = [], json: JSONValue? = nil,
        context: RunContext, authorization: String? = nil
    ) -> HTTPRequest {
        let queryString = query.isEmpty ? nil : URLQuery.string(query)
        return HTTPRequest(
            method: method, url: context.url(path, query: queryString),
            headers: OktaHeaders.specTest(
                credentials: context.credentials, post: method == "POST", authorization: authorization),
            body: json.map { Body($0.serializedBytes()) })
    }
}
