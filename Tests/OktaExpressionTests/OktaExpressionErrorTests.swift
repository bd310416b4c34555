import OktaSimulator
import Testing

/// Expressions that fail, with the position, a fragment of the message and the kind of each failure.
@Suite struct OktaExpressionErrorTests {
    /// Refused while parsing: `OktaExpression.init` throws.
    static let parseFailures: [FailingCase] = [
        FailingCase("", at: 0, "empty expression", .syntax),
        FailingCase("   ", at: 0, "empty expression", .syntax),
        FailingCase("user.firstName + ", at: 17, "unexpected end of expression", .syntax),
        FailingCase("String.toLowerCase(user.email))", at: 30, "unexpected ')'", .syntax),
        FailingCase(")", at: 0, "unexpected ')'", .syntax),
        FailingCase("1 +", at: 3, "unexpected end of expression", .syntax),
        FailingCase("1 + * 2", at: 4, "arithmetic operator '*'", .unsupported),
        FailingCase(#""a" "b""#, at: 4, #"unexpected '"b"'"#, .syntax),
        FailingCase("12abc", at: 2, "unexpected 'abc'", .syntax),
        FailingCase("AND true", at: 0, "unexpected 'AND'; expected an operand", .syntax),
        FailingCase("true OR", at: 7, "unexpected end of expression", .syntax),
        FailingCase("1 == 1 == 1", at: 7, "comparisons do not chain", .syntax),
        FailingCase("1 < 2 > 0", at: 6, "unexpected '>'", .syntax),
        FailingCase("true ? 'a'", at: 10, "expected ':' of the conditional", .syntax),
        FailingCase("true ? 'a' , 'b'", at: 11, "unexpected ','", .syntax),
        FailingCase("true : 'a'", at: 5, "unexpected ':'", .syntax),
        FailingCase("(1 + 2", at: 6, "expected ')'", .syntax),
        FailingCase("(1 + 2))", at: 7, "unexpected ')'", .syntax),
        FailingCase("()", at: 1, "unexpected ')'", .syntax),
        FailingCase("{1, 2", at: 5, "expected ',' or '}'", .syntax),
        FailingCase("{1,}", at: 3, "unexpected '}'", .syntax),
        FailingCase(#"String.join(",", )"#, at: 17, "unexpected ')'", .syntax),
        FailingCase("String.len('a' 'b')", at: 15, "expected ',' or ')'", .syntax),
        FailingCase("'abc", at: 0, "unterminated string literal", .syntax),
        FailingCase(#"user.a + "abc"#, at: 9, "unterminated string literal", .syntax),
        FailingCase("'It''s", at: 0, "unterminated string literal", .syntax),
        FailingCase("user.a = 'x'", at: 7, "assignment '=' is not allowed", .syntax),
        FailingCase("user.a & user.b", at: 7, "unexpected '&'", .syntax),
        FailingCase("user.a | user.b", at: 7, "unexpected '|'", .syntax),
        FailingCase("~user.a", at: 0, "unexpected character '~'", .syntax),
        FailingCase("user.a\u{0}", at: 6, "unexpected character U+0000", .syntax),
        FailingCase("user", at: 0, "expected '.' and an attribute name after 'user'", .syntax),
        FailingCase("user.", at: 5, "expected a name after '.'", .syntax),
        FailingCase("user.1", at: 5, "expected a name after '.'", .syntax),
        FailingCase("String", at: 0, "expected '.' and a function name after 'String'", .syntax),
        FailingCase("String.toUpperCase", at: 0, "function String.toUpperCase must be called", .syntax),
        FailingCase("1.foo", at: 1, "'.' after a value", .unsupported),
        FailingCase(#"String.len("a").x"#, at: 15, "'.' after a value or function result", .unsupported),
        FailingCase("'a'(1)", at: 3, "only functions can be called", .syntax),
        FailingCase("String.frobnicate(user.email)", at: 0, "unknown function String.frobnicate", .unknownName),
        FailingCase("toUppercase(user.firstName)", at: 0, "did you mean toUpperCase?", .unknownName),
        FailingCase("Arrays.frob", at: 0, "unknown function Arrays.frob", .unknownName),
        FailingCase("frobnicate()", at: 0, "unknown function frobnicate", .unknownName),
        FailingCase("foo.bar", at: 0, "unknown object 'foo'", .unknownName),
        FailingCase("zendesk.firstName", at: 0, "explicit app references", .unknownName),
        FailingCase("1 + firstName", at: 4, "unknown name 'firstName'", .unknownName),
        FailingCase("user.a.b", at: 0, "nested attribute user.a.b", .unsupported),
        FailingCase("user.firstName(1)", at: 0, "method call user.firstName", .unsupported),
        FailingCase(#"user.getLinkedObject("manager").lastName"#, at: 0, "linked objects", .unsupported),
        FailingCase("idpuser.firstName", at: 0, "IdP username transforms", .unsupported),
        FailingCase("session.amr", at: 0, "session properties", .unsupported),
        FailingCase("Time.now()", at: 0, "Time.now is not simulated", .unsupported),
        FailingCase(#"Time.now("EST", "YYYY-MM-dd HH:mm:ss")"#, at: 0, "Time.now", .unsupported),
        FailingCase(#"isMemberOfGroupNameRegex("/.*admin.*")"#, at: 0, "regex dialect", .unsupported),
        FailingCase(#"Iso3166Convert.toAlpha2("IND")"#, at: 0, "country-code", .unsupported),
        FailingCase(
            #"getFilteredGroups({"00gml2xHE3RYRx7cM0g3"}, "group.name", 40)"#, at: 0, "getFilteredGroups",
            .unsupported),
        FailingCase(#"Groups.startsWith("okta", "Sales", 10)"#, at: 0, "only in group claims", .unsupported),
        FailingCase("hasWorkdayUser() ? findWorkdayUser().employeeID : null", at: 0, "Workday", .unsupported),
        FailingCase(#"getManagerUser("active_directory").firstName"#, at: 0, "manager", .unsupported),
        FailingCase("user.a ?: 'x'", at: 7, "Elvis operator", .unsupported),
        FailingCase("user?.a", at: 4, "safe navigation", .unsupported),
        FailingCase("user.roles[0]", at: 10, "indexing", .unsupported),
        FailingCase("2 / 1", at: 2, "arithmetic operator '/'", .unsupported),
        FailingCase("5 % 2", at: 2, "arithmetic operator '%'", .unsupported),
        FailingCase("#root", at: 0, "SpEL variables", .unsupported),
        FailingCase("@bean", at: 0, "bean references", .unsupported),
        FailingCase(
            "String.substringBefore(user.email)", at: 0, "String.substringBefore takes 2 arguments, got 1", .arity),
        FailingCase("String.len()", at: 0, "String.len takes 1 argument, got 0", .arity),
        FailingCase("1 + String.substring('a', 1)", at: 4, "takes 3 arguments, got 2", .arity),
        FailingCase("isMemberOfAnyGroup()", at: 0, "takes at least 1 argument, got 0", .arity),
        FailingCase("String.join()", at: 0, "takes at least 1 argument, got 0", .arity),
        FailingCase(#"String.stringSwitch("a", "b", "c")"#, at: 0, "key/value pairs", .arity),
        FailingCase(#"String.stringSwitch("a")"#, at: 0, "got 1", .arity),
        FailingCase("99999999999999999999", at: 0, "integer 99999999999999999999 is out of range", .value),
        FailingCase("1 + 1e999", at: 4, "number 1e999 is out of range", .value),
    ]

    /// Parsed, then refused while evaluating: `evaluate(in:)` throws with the offending node's position.
    static let evaluationFailures: [FailingCase] = [
        FailingCase("!user.title", at: 1, "'!' needs a boolean, got string", .type),
        FailingCase("user.firstName AND true", at: 0, "AND needs boolean operands, got string", .type),
        FailingCase("false OR 1", at: 9, "OR needs boolean operands, got integer", .type),
        FailingCase("true && 'x'", at: 8, "AND needs boolean operands", .type),
        FailingCase("user.firstName ? 1 : 2", at: 0, "condition before '?' must be a boolean, got string", .type),
        FailingCase("'a' < 1", at: 4, "cannot compare string with integer using '<'", .type),
        FailingCase("{1} >= {1}", at: 4, "cannot compare array with array", .type),
        FailingCase("'a' - 1", at: 0, "'-' needs numbers, got string", .type),
        FailingCase("1 - 'a'", at: 4, "'-' needs numbers, got string", .type),
        FailingCase("1 + 2 - true", at: 8, "'-' needs numbers, got boolean", .type),
        FailingCase("true + 1", at: 5, "'+' is not supported between boolean and integer", .type),
        FailingCase("{1} + {2}", at: 4, "between array and array", .type),
        FailingCase("-'a'", at: 1, "'-' needs a number, got string", .type),
        FailingCase("9223372036854775807 + 1", at: 20, "integer overflow", .value),
        FailingCase("-9223372036854775807 - 2", at: 23, "integer overflow", .value),
        FailingCase("1e308 + 1e308", at: 6, "number overflow", .value),
        FailingCase(#"Convert.toInt("abc")"#, at: 14, #"cannot convert "abc" to an Integer"#, .value),
        FailingCase(#"Convert.toInt("12.5")"#, at: 14, "cannot convert", .value),
        FailingCase("Convert.toInt(3000000000)", at: 14, "outside the Integer range", .value),
        FailingCase("Convert.toInt(1e10)", at: 14, "outside the Integer range", .value),
        FailingCase("Convert.toInt(true)", at: 14, "needs a string or a number, got boolean", .type),
        FailingCase("Convert.toNum('3,14')", at: 14, "cannot convert", .value),
        FailingCase("Convert.toNum('NaN')", at: 14, "cannot convert", .value),
        FailingCase("Arrays.get({1}, 5)", at: 16, "position 5 is out of range", .value),
        FailingCase("Arrays.get({1}, -1)", at: 16, "out of range", .value),
        FailingCase("Arrays.add('x', 1)", at: 11, "Arrays.add needs an array for argument 1, got string", .type),
        FailingCase("Arrays.size('x')", at: 12, "needs an array", .type),
        FailingCase("String.len({1})", at: 11, "String.len needs a string for argument 1, got array", .type),
        FailingCase("String.substring('abc', 'x', 2)", at: 24, "needs an integer for argument 2, got string", .type),
        FailingCase("String.substring('abc', 0.5, 2)", at: 24, "needs an integer", .type),
        FailingCase("Arrays.flatten(1, null)", at: 18, "null element", .value),
        FailingCase("isMemberOfGroupName({'a'})", at: 20, "needs a string", .type),
    ]

    @Test(arguments: parseFailures)
    func refusedWhileParsing(_ failing: FailingCase) {
        do {
            let expression = try OktaExpression(failing.source)
            Issue.record("parsed \(expression.source.debugDescription)")
        } catch {
            failing.check(error)
        }
    }

    @Test(arguments: evaluationFailures)
    func refusedWhileEvaluating(_ failing: FailingCase) throws {
        try failing.checkRefusedWhileEvaluating()
    }

    @Test func errorsCarryTheOffendingToken() {
        #expect(
            throws: OktaExpressionError(
                kind: .syntax, message: "unexpected ')'", position: 14, token: ")")
        ) {
            try OktaExpression("user.firstName)")
        }
        #expect(
            throws: OktaExpressionError(
                kind: .unknownName, message: "unknown function String.frobnicate", position: 0,
                token: "String.frobnicate")
        ) {
            try OktaExpression("String.frobnicate('x')")
        }
        let error = OktaExpressionError(kind: .syntax, message: "unexpected ')'", position: 14, token: ")")
        #expect(error.description == "unexpected ')' at 14")
    }

    @Test func positionsCountUnicodeScalars() {
        do {
            _ = try OktaExpression("'é😀' + )")
            Issue.record("expected an error")
        } catch {
            #expect(error.position == 7)
        }
    }

    @Test func nestingIsLimitedWithAClearError() throws {
        let limit = OktaExpression.maximumDepth
        let deepest = String(repeating: "(", count: limit) + "1" + String(repeating: ")", count: limit)
        #expect(try OktaExpression(deepest).evaluate(in: Fixture.context) == 1)
        let tooDeep = String(repeating: "(", count: limit + 1) + "1" + String(repeating: ")", count: limit + 1)
        do {
            _ = try OktaExpression(tooDeep)
            Issue.record("expected a depth error")
        } catch {
            #expect(error.kind == .tooDeep)
            #expect(error.position == limit)
            #expect(error.message == "expression nests deeper than 64 levels")
        }
    }

    @Test(arguments: [
        String(repeating: "(", count: 100_000),
        String(repeating: "!", count: 100_000) + "true",
        String(repeating: "-", count: 100_000) + "1",
        String(repeating: "{", count: 100_000),
        String(repeating: "String.len(", count: 10_000),
        String(repeating: "true ? 1 : ", count: 10_000) + "0",
        String(repeating: "'a' + (", count: 10_000),
    ])
    func absurdNestingFailsWithoutCrashing(source: String) {
        do {
            _ = try OktaExpression(source)
            Issue.record("expected a depth error")
        } catch {
            #expect(error.kind == .tooDeep)
        }
    }

    @Test func longFlatChainsEvaluateWithoutDeepRecursion() throws {
        let sum = Array(repeating: "1", count: 100_000).joined(separator: " + ")
        #expect(try OktaExpression(sum).evaluate(in: Fixture.context) == 100_000)
        let ors = Array(repeating: "false", count: 50_000).joined(separator: " OR ") + " OR true"
        #expect(try OktaExpression(ors).evaluate(in: Fixture.context) == true)
        let text = Array(repeating: "'ab'", count: 50_000).joined(separator: "+")
        #expect(try OktaExpression(text).evaluate(in: Fixture.context).stringValue?.count == 100_000)
    }
}
