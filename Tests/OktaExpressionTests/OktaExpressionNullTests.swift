import OktaSimulator
import Testing

/// Null handling: missing attributes, null literals, null in concatenation, comparisons and functions.
@Suite struct OktaExpressionNullTests {
    static let nullCases: [(String, OktaValue)] = [
        ("user.middleName", .null),
        ("appuser.missing", .null),
        ("app.missing", .null),
        ("org.missing", .null),
        ("user.middleName == null", true),
        ("user.middleName != null", false),
        ("user.firstName == null", false),
        ("null == null", true),
        ("null != false", true),
        ("null == ''", false),
        ("null == 0", false),
        ("user.middleName < 1", true),
        ("user.middleName > 1", false),
        ("user.salary >= user.middleName", true),
        ("null <= null", true),
        ("'' > null", true),
        ("user.middleName + 'x'", "nullx"),
        ("'x' + user.middleName", "xnull"),
        (#"user.firstName + " " + user.middleName + " " + user.lastName"#, "Winston null Churchill"),
        ("user.middleName == null ? 'none' : user.middleName", "none"),
        ("(user.secondEmail != null && user.secondEmail != '') ? 'work' : ''", ""),
        ("user.secondEmail != null AND String.len(user.secondEmail) > 0", false),
        ("true ? null : 'x'", .null),
        ("String.len(user.middleName)", 0),
        ("String.len(null) == 0", true),
        ("String.toUpperCase(user.middleName)", .null),
        ("String.toLowerCase(null)", .null),
        ("toLowerCase(user.middleName)", .null),
        ("String.removeSpaces(null)", .null),
        ("String.substringBefore(user.middleName, '@')", .null),
        ("String.substringBefore('a@b', null)", "a@b"),
        ("String.substringAfter(null, '@')", .null),
        ("String.substringAfter('a@b', null)", ""),
        ("String.substring(user.middleName, 0, 1)", .null),
        ("String.stringContains(user.middleName, 'a')", false),
        ("String.stringContains('abc', null)", false),
        ("String.append(user.middleName, 'x')", "x"),
        ("String.append('x', null)", "x"),
        ("String.join(' ', user.firstName, user.middleName, user.lastName)", "Winston  Churchill"),
        ("String.join(null, 'a', 'b')", "ab"),
        ("String.replace(null, 'a', 'b')", .null),
        ("String.replace('abc', null, 'x')", "abc"),
        ("String.replace('abc', 'b', null)", "abc"),
        ("String.stringSwitch(user.middleName, 'dflt', 'a', 'b')", "dflt"),
        ("String.stringSwitch('abc', 'dflt', null, 'x', 'b', 'y')", "y"),
        ("String.stringSwitch('abc', null, 'z', 'y')", .null),
        ("Arrays.size(user.missing)", 0),
        ("Arrays.isEmpty(user.missing)", true),
        ("Arrays.contains({1, null}, null)", true),
        ("Arrays.add({}, null)", [.null]),
        ("Arrays.remove({null, 1}, null)", [1]),
        ("Arrays.toCsvString({'a', null})", "a,null"),
        ("isMemberOfGroupName(null)", false),
        ("isMemberOfGroup(user.missing)", false),
        ("isMemberOfAnyGroup(null, '00g3all')", true),
        ("isMemberOfGroupNameStartsWith(null)", false),
        ("isMemberOfGroupNameContains(null)", false),
        ("false AND !user.missing", false),
        ("{null} == {null}", true),
    ]

    static let nullFailures: [FailingCase] = [
        FailingCase("!user.middleName", at: 1, "'!' needs a boolean, got null", .type),
        FailingCase("user.middleName AND true", at: 0, "AND needs boolean operands, got null", .type),
        FailingCase("false OR null", at: 9, "OR needs boolean operands, got null", .type),
        FailingCase("user.middleName ? 1 : 2", at: 0, "must be a boolean, got null", .type),
        FailingCase("user.middleName + user.nickName", at: 16, "'+' is not supported between null and null", .type),
        FailingCase("null + 1", at: 5, "between null and integer", .type),
        FailingCase("user.salary - user.missing", at: 14, "'-' needs numbers, got null", .type),
        FailingCase("-user.missing", at: 1, "'-' needs a number, got null", .type),
        FailingCase("Convert.toInt(user.middleName)", at: 14, "needs a string or a number, got null", .type),
        FailingCase("Convert.toNum(null)", at: 14, "got null", .type),
        FailingCase("Arrays.add(user.missing, 1)", at: 11, "needs an array for argument 1, got null", .type),
        FailingCase("Arrays.get(null, 0)", at: 11, "got null", .type),
        FailingCase("Arrays.get({1}, null)", at: 16, "needs an integer for argument 2, got null", .type),
        FailingCase("Arrays.flatten(user.missing)", at: 15, "null element", .value),
        FailingCase("String.substring('abc', null, 1)", at: 24, "needs an integer", .type),
    ]

    @Test(arguments: nullCases)
    func nullHandling(source: String, expected: OktaValue) throws {
        #expect(try Fixture.evaluate(source) == expected)
    }

    @Test(arguments: nullFailures)
    func nullIsRefusedWhereABooleanNumberOrArrayIsNeeded(_ failing: FailingCase) throws {
        try failing.checkRefusedWhileEvaluating()
    }

    @Test(arguments: [
        ("user.middleName + 'x'", "x"),
        ("'x' + user.middleName", "x"),
        (#"user.firstName + " " + user.middleName + " " + user.lastName"#, "Winston  Churchill"),
        ("Arrays.toCsvString({'a', null})", "a,"),
        ("'r=' + {1, null}", "r=[1, ]"),
    ])
    func nullConcatenatesAsEmptyWhenSwitched(source: String, expected: String) throws {
        var context = Fixture.context
        context.nullConcatenation = .emptyString
        #expect(try Fixture.evaluate(source, in: context) == .string(expected))
    }

    @Test func anEmptyContextReadsNullEverywhere() throws {
        let empty = OktaExpressionContext()
        #expect(try Fixture.evaluate("user.firstName", in: empty) == .null)
        #expect(try Fixture.evaluate("isMemberOfGroupName('Everyone')", in: empty) == false)
        #expect(try Fixture.evaluate("String.len(user.login)", in: empty) == 0)
    }

    @Test func anExplicitNullAttributeReadsLikeAMissingOne() throws {
        var context = Fixture.context
        context.user["middleName"] = .null
        #expect(try Fixture.evaluate("user.middleName == null", in: context) == true)
        #expect(context.value(of: .user, "middleName") == .null)
        #expect(context.value(of: .user, "nothing") == .null)
    }
}
