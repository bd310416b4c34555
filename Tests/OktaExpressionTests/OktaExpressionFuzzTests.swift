import OktaSimulator
import Testing

/// Random input never crashes or hangs the parser or the evaluator, and every error points inside the text.
@Suite struct OktaExpressionFuzzTests {
    /// SplitMix64: a small seeded generator, so failures reproduce.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let characters: [Character] = Array(
        "abcuserStringArraysConvert.()[]{},?:!=<>+-*/%&|'\"\\ \t\n0123456789eE_$#@~^é😀\u{0}\u{301}")

    static let tokens: [String] = [
        "user.firstName", "user.email", "user.missing", "appuser.userName", "app.subdomain", "org.name",
        "source.lastName", "user.roles", "user.salary", "foo.bar", "user", "String", "(", ")", "{", "}", ",", "?",
        ":", "!", "-", "+", "==", "!=", "<", "<=", ">", ">=", "AND", "OR", "&&", "||", "and", "or", "true",
        "FALSE", "null", "0", "1", "-1", "123", "2.5", "1e3", "9223372036854775807", "'a'", "\"b\"", "'It''s'", "''",
        "'@'", "String.toUpperCase(", "String.len(", "String.substring(", "String.substringBefore(",
        "String.stringSwitch(", "String.join(", "String.replace(", "Arrays.flatten(", "Arrays.get(",
        "Arrays.size(", "Convert.toInt(", "Convert.toNum(", "isMemberOfGroupName(", "isMemberOfAnyGroup(",
        "isMemberOfGroupNameContains(", "toLowerCase(", "substring(", "Time.now(", ".", "=", "*", "[", "?:",
    ]

    /// 20,000 cases: half random characters, half token soup.
    @Test func randomInputNeverCrashes() {
        var generator = SeededGenerator(state: 0x5EED_0F0C_7A11)
        var parsed = 0
        var evaluated = 0
        for round in 0..<20_000 {
            let source: String
            if round.isMultiple(of: 2) {
                let length = Int.random(in: 0...40, using: &generator)
                source = String((0..<length).map { _ in Self.characters.randomElement(using: &generator) ?? " " })
            } else {
                let count = Int.random(in: 1...24, using: &generator)
                source = (0..<count).map { _ in Self.tokens.randomElement(using: &generator) ?? "" }
                    .joined(separator: Bool.random(using: &generator) ? " " : "")
            }
            let length = source.unicodeScalars.count
            do {
                let expression = try OktaExpression(source)
                parsed += 1
                do {
                    _ = try expression.evaluate(in: Fixture.context)
                    evaluated += 1
                } catch {
                    #expect((0...length).contains(error.position), "\(source.debugDescription): \(error)")
                    #expect(!error.message.isEmpty)
                }
            } catch {
                #expect((0...length).contains(error.position), "\(source.debugDescription): \(error)")
                #expect(!error.message.isEmpty)
            }
        }
        // The soup is not all garbage: some of it parses and evaluates.
        #expect(parsed > 100)
        #expect(evaluated > 50)
    }

    /// Well-formed random expressions built from the grammar evaluate or fail with a positioned error.
    @Test func randomWellFormedExpressionsEvaluateOrFailCleanly() throws {
        var generator = SeededGenerator(state: 42)
        var evaluated = 0
        for _ in 0..<5_000 {
            let source = Self.expression(depth: 0, using: &generator)
            let expression = try OktaExpression(source)
            do {
                _ = try expression.evaluate(in: Fixture.context)
                evaluated += 1
            } catch {
                #expect((0...source.unicodeScalars.count).contains(error.position))
                #expect([.type, .value].contains(error.kind), "\(source): \(error)")
            }
        }
        #expect(evaluated > 500)
    }

    static func expression(depth: Int, using generator: inout SeededGenerator) -> String {
        let leaves = [
            "user.firstName", "user.missing", "user.salary", "user.isContractor", "user.roles", "'x'", "\"@\"", "1",
            "2.5", "true", "false", "null", "{1, 'a'}", "appuser.userName",
        ]
        if depth > 4 || Int.random(in: 0..<3, using: &generator) == 0 {
            return leaves.randomElement(using: &generator) ?? "1"
        }
        let a = expression(depth: depth + 1, using: &generator)
        let b = expression(depth: depth + 1, using: &generator)
        let c = expression(depth: depth + 1, using: &generator)
        // Operands of operators are parenthesised: an unparenthesised comparison inside `+` would chain.
        let (p, q, r) = ("(\(a))", "(\(b))", "(\(c))")
        let forms = [
            "\(p) + \(q)", "\(p) - \(q)", "\(p) == \(q)", "\(p) != \(q)", "\(p) < \(q)", "\(p) >= \(q)",
            "\(p) AND \(q)", "\(p) OR \(q)", "!\(p)", "-\(p)", "\(p) ? \(q) : \(r)", "{\(a), \(b)}",
            "String.len(\(a))", "String.toUpperCase(\(a))", "String.substring(\(a), \(b), \(c))",
            "String.substringBefore(\(a), \(b))", "String.stringSwitch(\(a), \(b), \(c), \(a))",
            "String.replace(\(a), \(b), \(c))", "String.join(\(a), \(b), \(c))", "Arrays.size(\(a))",
            "Arrays.contains(\(a), \(b))", "Arrays.flatten(\(a), \(b))", "Arrays.get(\(a), \(b))",
            "Convert.toInt(\(a))", "Convert.toNum(\(a))", "isMemberOfGroupName(\(a))", "isMemberOfAnyGroup(\(a), \(b))",
        ]
        return forms.randomElement(using: &generator) ?? a
    }
}
