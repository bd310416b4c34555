import OktaSimulator
import SCIMCore
import Testing

@Suite struct OktaValueTests {
    @Test func convertsToAndFromJSON() {
        let value: OktaValue = ["a", 1, 2.5, true, .null, [1]]
        let json: JSONValue = .array([.string("a"), .int(1), .double(2.5), .bool(true), .null, .array([.int(1)])])
        #expect(value.jsonValue == json)
        #expect(OktaValue(jsonValue: json) == value)
        #expect(OktaValue(jsonValue: .object(JSONObject())) == nil)
        #expect(OktaValue(jsonValue: .array([.int(1), .object(JSONObject())])) == nil)
    }

    @Test func accessorsAndTypeNames() {
        #expect(OktaValue.string("x").stringValue == "x")
        #expect(OktaValue.bool(true).boolValue == true)
        #expect(OktaValue.int(3).intValue == 3)
        #expect(OktaValue.int(3).doubleValue == 3.0)
        #expect(OktaValue.double(1.5).doubleValue == 1.5)
        #expect(OktaValue.array([1]).arrayValue == [1])
        #expect(OktaValue.null.isNull)
        #expect(OktaValue.string("x").intValue == nil)
        #expect(
            [OktaValue.null, "", true, 1, 1.5, []].map(\.typeName)
                == ["null", "string", "boolean", "integer", "number", "array"])
    }

    @Test(arguments: [
        (OktaValue.string(#"say "hi""#), #""say ""hi""""#),
        (1, "1"),
        (-2.5, "-2.5"),
        (true, "true"),
        (.null, "null"),
        (OktaValue.array(["a", 1]), #"{"a", 1}"#),
    ])
    func describesItselfAsALiteral(value: OktaValue, text: String) throws {
        #expect(value.description == text)
        if case .array = value { return }
        #expect(try OktaExpression(text).evaluate(in: OktaExpressionContext()) == value)
    }

    /// Java's `Double.toString`, which `+` uses when it appends a decimal to a string.
    @Test(arguments: [
        (3.0, "3.0"), (0.1, "0.1"), (2.5, "2.5"), (100.0, "100.0"), (1234567.0, "1234567.0"),
        (1e7, "1.0E7"), (12345678.9, "1.23456789E7"), (0.001, "0.001"), (0.0001, "1.0E-4"),
        (1.5e-5, "1.5E-5"), (6.02e23, "6.02E23"), (-0.5, "-0.5"), (0.0, "0.0"), (-1e300, "-1.0E300"),
        (123.456, "123.456"),
    ])
    func decimalsConcatenateAsJavaPrintsThem(value: Double, text: String) throws {
        var context = OktaExpressionContext()
        context.user["n"] = .double(value)
        #expect(try OktaExpression("'' + user.n").evaluate(in: context) == .string(text))
    }
}
