import OktaSimulator
import Testing

/// Valid expressions and their values in ``Fixture/context``. Okta's own examples (S12) come first.
@Suite struct OktaExpressionEvaluationTests {
    /// S12's first profile-mapping sample, with `user.` added to its bare attribute names.
    static let middleInitialSample =
        #"user.firstName + " " + (String.len(user.middleInitial) == 0 ? "" : "#
        + #"(String.substring(user.middleInitial, 0, 1) + ". ")) + user.lastName"#

    /// Okta's "Popular Expressions" and "Constants and Operators" (S12), verbatim.
    static let oktaExamples: [(String, OktaValue)] = [
        ("user.firstName", "Winston"),
        ("user.firstName + user.lastName", "WinstonChurchill"),
        (#"user.firstName + "." + user.lastName"#, "Winston.Churchill"),
        ("substring(user.firstName, 0, 1) + user.lastName", "WChurchill"),
        ("substring(user.firstName, 0, 1) + substring(user.lastName, 0, 6)", "WChurch"),
        (#"toLowerCase(substring( user.firstName, 0, 1)) + "." + toLowerCase(user.lastName)"#, "w.churchill"),
        (
            #"toUpperCase(substringBefore( substringAfter(user.email, "@"), ".")) + "\" "#
                + #"+ substringBefore( user.email, "@")"#,
            #"GMAIL\winston.churchill"#
        ),
        (
            #"toUpperCase(substringBefore( substringAfter(user.email, "@"), ".")) + "\" "#
                + #"+ toLowerCase(substring( user.firstName, 0, 1)) + toLowerCase(user.lastName)"#,
            #"GMAIL\wchurchill"#
        ),
        (
            #""XDOMAIN\" + toLowerCase(substring( user.firstName, 0, 1)) + toLowerCase(user.lastName)"#,
            #"XDOMAIN\wchurchill"#
        ),
        ("'Hello world'", "Hello world"),
        ("1234", 1234),
        ("3.141", 3.141),
        ("true", true),
        (#"user.firstName + " " + user.lastName"#, "Winston Churchill"),
        ("user.groupCode == 123 ? 'Sales' : 'Other'", "Sales"),
        (#"String.stringContains(user.firstName, "dummy")"#, false),
        (#"user.city == "San Francisco""#, true),
        ("user.salary >= 1000000", true),
        ("!user.isContractor", true),
        ("user.salary > 1000000 AND !user.isContractor", true),
        (middleInitialSample, "Winston Churchill"),
        ("String.len(user.email2) > 0 OR String.len(user.email3) > 0 ? True : False", false),
        ("'https://' + app.subdomain + '.example.com/scim2/'", "https://acme.example.com/scim2/"),
        ("(user.email != null && user.email != '') ? 'work' : ''", "work"),
        ("isMemberOfGroupName('Pinecone Owners') ? 'pinecone:OrgOwner' : ''", ""),
    ]

    /// The function tables of S12, verbatim, with their documented outputs.
    static let functionTable: [(String, OktaValue)] = [
        (#"String.append("This is", " a test")"#, "This is a test"),
        (#"String.join(",", "This", "is", "a", "test")"#, "This,is,a,test"),
        (#"String.join("", "This", "is", "a", "test")"#, "Thisisatest"),
        (#"String.len("This")"#, 4),
        (#"String.removeSpaces("This is a test")"#, "Thisisatest"),
        (#"String.replace("This is a test", "is", "at")"#, "That at a test"),
        (#"String.replaceFirst("This is a test", "is", "at")"#, "That is a test"),
        (#"String.stringContains("This is a test", "test")"#, true),
        (#"String.stringContains("This is a test", "doesn'tExist")"#, false),
        (#"String.stringSwitch("This is a test", "default", "key1", "value1")"#, "default"),
        (#"String.stringSwitch("This is a test", "default", "test", "value1")"#, "value1"),
        (
            #"String.stringSwitch("First match wins", "default", "absent", "value1", "wins", "value2", "#
                + #""match", "value3")"#,
            "value2"
        ),
        (#"String.stringSwitch("Substrings count", "default", "ring", "value1")"#, "value1"),
        (#"String.substring("This is a test", 2, 9)"#, "is is a"),
        (#"String.substringAfter("abc@okta.com", "@")"#, "okta.com"),
        (#"String.substringBefore("abc@okta.com", "@")"#, "abc"),
        (#"String.toUpperCase("This")"#, "THIS"),
        (#"String.toLowerCase("ThiS")"#, "this"),
        (#"toUpperCase("Alexander")"#, "ALEXANDER"),
        (#"toLowerCase("AlexANDER")"#, "alexander"),
        ("substringBefore('alex@okta.com', '@')", "alex"),
        ("substringAfter('alex@okta.com', '@')", "okta.com"),
        (#"substring("Alexander", 1, 4)"#, "lex"),
        ("Arrays.add({10, 20, 30}, 40)", [10, 20, 30, 40]),
        ("Arrays.remove({10, 20, 30}, 20)", [10, 30]),
        ("Arrays.clear({10, 20, 30})", []),
        ("Arrays.get({0, 1, 2}, 0)", 0),
        ("Arrays.flatten(10, {20, 30}, 40)", [10, 20, 30, 40]),
        ("Arrays.contains({10, 20, 30}, 10)", true),
        ("Arrays.contains({10, 20, 30}, 50)", false),
        ("Arrays.size({10, 20, 30})", 3),
        ("Arrays.size(NULL)", 0),
        ("Arrays.isEmpty({10, 20})", false),
        ("Arrays.isEmpty(NULL)", true),
        (#"Arrays.toCsvString({"This", "is", " a ", "test"})"#, "This,is, a ,test"),
        ("Convert.toInt('1234')", 1234),
        ("Convert.toInt(123.4)", 123),
        ("Convert.toInt(123.6)", 124),
        ("Convert.toNum('3.141')", 3.141),
        (#"isMemberOfGroupName("San Francisco")"#, true),
        (#"isMemberOfGroup("00g2sf")"#, true),
        (#"isMemberOfAnyGroup("00gNope", "00g3all", "00gOther")"#, true),
        (#"isMemberOfGroupNameStartsWith("San Fr")"#, true),
        (#"isMemberOfGroupNameContains("admin")"#, true),
    ]

    /// Literals, references, operators and precedence.
    static let language: [(String, OktaValue)] = [
        (#""double quoted""#, "double quoted"),
        ("'It''s'", "It's"),
        (#""say ""hi""""#, #"say "hi""#),
        (#"'a"b'"#, #"a"b"#),
        (#""a'b""#, "a'b"),
        (#"'\n'"#, #"\n"#),
        ("6.02E23", 6.02e23),
        ("1e3", 1000.0),
        ("2.5e-3", 0.0025),
        ("TRUE", true),
        ("False", false),
        ("null", .null),
        ("{}", []),
        ("{'a', 1, true, null, {2}}", ["a", 1, true, .null, [2]]),
        ("-5", -5),
        ("- 2.5", -2.5),
        ("--5", 5),
        ("source.lastName", "Churchill"),
        ("appuser.userName", "wchurchill"),
        ("appUser.userName", "wchurchill"),
        ("org.name + '/' + org.subdomain", "Acme/acme"),
        ("app.domain", "acme.example.com"),
        ("user.roles", ["admin", "user"]),
        ("user.score", 2.5),
        ("user.nickName", .null),
        ("1 + 2", 3),
        ("1 + 2.5", 3.5),
        ("10 - 3 - 2", 5),
        ("- 2 + 3", 1),
        (#""n=" + 5"#, "n=5"),
        (#"5 + "x""#, "5x"),
        (#""v" + 2.5"#, "v2.5"),
        (#""v" + 1e7"#, "v1.0E7"),
        (#""b" + true"#, "btrue"),
        (#"1 + 2 + "x""#, "3x"),
        (#""x" + 1 + 2"#, "x12"),
        (#""r=" + user.roles"#, "r=[admin, user]"),
        (#"String.len("abcdef") - 2"#, 4),
        ("1 == 1.0", true),
        ("'123' == 123", false),
        ("'a' < 'b'", true),
        ("'B' < 'a'", true),
        ("'abc' >= 'abc'", true),
        ("false < true", true),
        ("2 <= 2", true),
        ("2.5 > 2", true),
        ("3 != 3", false),
        ("{1, 2} == {1, 2.0}", true),
        ("{1, 2} != {2, 1}", true),
        ("true and false", false),
        ("true && true", true),
        ("false || true", true),
        ("false OR false OR true", true),
        ("true AND true AND false", false),
        ("true OR 1", true),
        ("false AND user.nothing", false),
        ("true OR false AND false", true),
        ("(true OR false) AND false", false),
        ("!false AND false", false),
        ("!(false AND false)", true),
        ("!!true", true),
        ("1 + 2 == 3", true),
        ("'a' + 'b' == 'ab'", true),
        ("1 == 1 ? 'y' : 'n'", "y"),
        ("false OR true ? 'x' : 'y'", "x"),
        ("true ? 'a' : false ? 'b' : 'c'", "a"),
        ("false ? 'a' : false ? 'b' : 'c'", "c"),
        ("false ? 'a' : true ? 'b' : 'c'", "b"),
        ("true ? false ? 1 : 2 : 3", 2),
        ("false ? 1 : 2 + 3", 5),
        ("(false ? 1 : 2) + 3", 5),
        ("((((1))))", 1),
        ("  user.firstName\n\t+ '!'  ", "Winston!"),
    ]

    /// Edge cases of the functions, where the semantics come from `StringUtils` or Java.
    static let functionEdges: [(String, OktaValue)] = [
        (#"String.substringBefore("abc", "@")"#, "abc"),
        (#"String.substringBefore("abc", "")"#, ""),
        (#"String.substringAfter("abc", "@")"#, ""),
        (#"String.substringAfter("abc", "")"#, "abc"),
        (#"String.substringAfter("a@b@c", "@")"#, "b@c"),
        (#"String.substring("abc", 0, 10)"#, "abc"),
        (#"String.substring("abcdef", -3, 6)"#, "def"),
        (#"String.substring("abc", 2, 1)"#, ""),
        (#"String.substring("short", String.len("short") - 20, String.len("short"))"#, "short"),
        (#"String.substring("abcdef", 1.0, 3)"#, "bc"),
        (#"String.len("😀")"#, 2),
        (#"String.len("é")"#, 1),
        (#"String.len(12345)"#, 5),
        (#"String.toUpperCase("straße")"#, "STRASSE"),
        (#"String.replace("aaa", "aa", "b")"#, "ba"),
        (#"String.replace("abc", "", "x")"#, "abc"),
        (#"String.replace("a.b.c", ".", "")"#, "abc"),
        (#"String.replaceFirst("a.b.c", ".", "-")"#, "a-b.c"),
        (#"String.stringContains("abc", "")"#, true),
        (#"String.stringContains("Abc", "a")"#, false),
        ("String.removeSpaces(\" a\tb \")", "a\tb"),
        (#"String.join("-")"#, ""),
        (#"String.join(", ", "a", 1, true)"#, "a, 1, true"),
        (#"String.stringSwitch("x", "default")"#, "default"),
        (#"String.stringSwitch("abc", 0, "b", 1)"#, 1),
        ("Arrays.remove({1, 2, 1}, 1)", [2, 1]),
        ("Arrays.remove({1, 2}, 3)", [1, 2]),
        ("Arrays.contains({1, 2}, 2.0)", true),
        ("Arrays.contains(user.roles, 'admin')", true),
        ("Arrays.get(user.roles, 1)", "user"),
        ("Arrays.flatten({1, {2, {3}}}, {})", [1, 2, 3]),
        ("Arrays.flatten(user.missing != null ? user.missing : {}, {1})", [1]),
        ("Arrays.toCsvString({1, 2.5, true})", "1,2.5,true"),
        ("Convert.toInt(-2.5)", -2),
        ("Convert.toInt(2.5)", 3),
        ("Convert.toInt('-42')", -42),
        ("Convert.toInt('+7')", 7),
        ("Convert.toInt(42)", 42),
        ("Convert.toNum('12')", 12.0),
        ("Convert.toNum(' 1e2 ')", 100.0),
        ("Convert.toNum(3)", 3.0),
        (#"isMemberOfGroupName("everyone")"#, false),
        (#"isMemberOfGroup("00g9none")"#, false),
        (#"isMemberOfAnyGroup("00gNope")"#, false),
        (#"isMemberOfGroupNameStartsWith("san")"#, false),
        (#"isMemberOfGroupNameContains("")"#, true),
    ]

    /// Every case of the four tables above (Okta's examples, its function table, the language constructs, the
    /// functions' edge cases), each evaluated on its own.
    @Test(arguments: oktaExamples + functionTable + language + functionEdges)
    func evaluatesToItsValue(source: String, expected: OktaValue) throws {
        #expect(try Fixture.evaluate(source) == expected)
    }

    @Test func middleInitialSampleUsesTheInitialWhenPresent() throws {
        var context = Fixture.context
        context.user["middleInitial"] = "Leonard"
        #expect(try Fixture.evaluate(Self.middleInitialSample, in: context) == "Winston L. Churchill")
    }

    @Test func referencesAreListedOnceInOrder() throws {
        let expression = try OktaExpression(
            "user.email != null ? String.toLowerCase(source.email) + appuser.x + org.name : user.login")
        #expect(
            expression.referencedAttributes.map(\.description) == ["user.email", "appuser.x", "org.name", "user.login"])
        #expect(!expression.readsGroupMembership)
        #expect(try OktaExpression("!isMemberOfGroup('00g1')").readsGroupMembership)
    }

    @Test func expressionsCompareBySource() throws {
        #expect(try OktaExpression("1 + 1") == OktaExpression("1 + 1"))
        #expect(try OktaExpression("1 + 1") != OktaExpression("1+1"))
        #expect(try OktaExpression("user.a").description == "user.a")
    }

    @Test func evaluationIsRepeatableAcrossContexts() throws {
        let expression = try OktaExpression("isMemberOfGroupName('Everyone') ? user.firstName : 'nobody'")
        #expect(try expression.evaluate(in: Fixture.context) == "Winston")
        #expect(try expression.evaluate(in: OktaExpressionContext()) == "nobody")
    }
}
