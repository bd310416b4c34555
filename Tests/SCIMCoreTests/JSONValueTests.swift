import SCIMCore
import Testing

@Suite struct JSONValueTests {
    @Test func parsesEveryKindAndKeepsKeyOrder() throws {
        let value = try JSONValue.parse(#"{"b":1,"a":[true,false,null,1.5,-2,"x\u00e9\ud83d\ude00"],"c":{}}"#)
        #expect(value.objectValue?.keys == ["b", "a", "c"])
        #expect(value["b"] == .int(1))
        #expect(value["a"]?[3] == .double(1.5))
        #expect(value["a"]?[4] == .int(-2))
        #expect(value["a"]?[5] == .string("xé😀"))
        #expect(value["c"] == .object(JSONObject()))
    }

    @Test func integersStayApartFromStringsAndEqualNumerically() throws {
        #expect(try JSONValue.parse("1") == .int(1))
        #expect(try JSONValue.parse("1.0") == .int(1))
        #expect(try JSONValue.parse("\"1\"") != .int(1))
        #expect(try JSONValue.parse("1e2").intValue == 100)
    }

    @Test(arguments: [
        ("{", JSONParseError.Kind.syntax), ("{\"a\":1}x", .syntax), ("[1,]", .syntax), ("01", .syntax),
        ("{\"a\":1,\"a\":2}", .duplicateKey), ("\"\u{01}\"", .syntax), ("\"\\ud800\"", .syntax), ("nul", .syntax),
        ("", .syntax), ("1e999", .syntax),
    ])
    func rejectsMalformedText(text: String, kind: JSONParseError.Kind) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch {
            #expect(error.kind == kind)
        }
    }

    @Test func refusesAbsurdNestingWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try JSONValue.parse(deep, limits: JSONParseLimits(maxDepth: 64))
            Issue.record("expected a depth error")
        } catch {
            #expect(error.kind == .tooDeep)
        }
    }

    @Test func refusesOversizedInput() {
        do {
            _ = try JSONValue.parse(String(repeating: " ", count: 100) + "1", limits: JSONParseLimits(maxBytes: 50))
            Issue.record("expected a size error")
        } catch {
            #expect(error.kind == .tooLarge)
        }
    }

    @Test func refusesInvalidUTF8() {
        do {
            _ = try JSONValue.parse([0x22, 0xFF, 0x22])
            Issue.record("expected a UTF-8 error")
        } catch {
            #expect(error.kind == .invalidUTF8)
        }
    }

    @Test func serializesCompactPrettyAndSortedAndRoundTrips() throws {
        let value: JSONValue = ["z": 1, "a": ["s": "q\"\n\u{1}"], "n": nil, "d": 2.5, "l": [true]]
        #expect(value.serialized() == #"{"z":1,"a":{"s":"q\"\n\u0001"},"n":null,"d":2.5,"l":[true]}"#)
        #expect(value.serialized(.sortedKeys).hasPrefix(#"{"a":"#))
        #expect(try JSONValue.parse(value.serialized(.pretty)) == value)
    }

    @Test func objectLookupIgnoresCaseWhenAsked() throws {
        let object = try #require(try JSONValue.parse(#"{"UserName":"x"}"#).objectValue)
        #expect(object["userName"] == nil)
        #expect(object.member(caseInsensitive: "userName")?.value == "x")
    }
}
