import OktaSimulator
import Testing

/// The sample user of Okta's "Popular Expressions" table (S12: Winston Churchill), plus attributes the
/// conditional samples use, an app, an org and some group memberships.
enum Fixture {
    static let user: [String: OktaValue] = [
        "firstName": "Winston",
        "lastName": "Churchill",
        "email": "winston.churchill@gmail.com",
        "login": "winston.churchill@gmail.com",
        "middleInitial": "",
        "groupCode": 123,
        "salary": 1_500_000,
        "isContractor": false,
        "city": "San Francisco",
        "title": "Prime Minister",
        "department": "Finance",
        "roles": ["admin", "user"],
        "score": 2.5,
    ]

    static let context = OktaExpressionContext(
        user: user,
        appUser: ["userName": "wchurchill", "ninja_group_userType": "Technician"],
        app: ["subdomain": "acme", "domain": "acme.example.com"],
        org: ["name": "Acme", "subdomain": "acme"],
        groupNames: ["NinjaOne Technicians", "San Francisco", "Everyone", "admins-eu"],
        groupIDs: ["00g1tech", "00g2sf", "00g3all"]
    )

    /// Parses and evaluates `source` in `context`.
    static func evaluate(
        _ source: String, in context: OktaExpressionContext = context
    ) throws(OktaExpressionError)
        -> OktaValue
    {
        try OktaExpression(source).evaluate(in: context)
    }
}

/// An expression that must fail, where, with which words, and of which kind.
struct FailingCase: Sendable, CustomTestStringConvertible {
    var source: String
    var position: Int
    var fragment: String
    var kind: OktaExpressionError.Kind

    init(_ source: String, at position: Int, _ fragment: String, _ kind: OktaExpressionError.Kind) {
        self.source = source
        self.position = position
        self.fragment = fragment
        self.kind = kind
    }

    var testDescription: String { source }

    /// Checks that `error` matches this case.
    func check(_ error: OktaExpressionError, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        #expect(error.position == position, "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        #expect(error.description.hasSuffix(" at \(position)"), sourceLocation: sourceLocation)
    }

    /// Checks that the source parses, and that evaluating it in ``Fixture/context`` fails as this case says.
    func checkRefusedWhileEvaluating(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expression = try OktaExpression(source)
        do {
            let value = try expression.evaluate(in: Fixture.context)
            Issue.record("evaluated to \(value)", sourceLocation: sourceLocation)
        } catch {
            check(error, sourceLocation: sourceLocation)
        }
    }
}
