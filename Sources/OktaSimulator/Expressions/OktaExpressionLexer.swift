/// One token of an Okta expression, with its 0-based position (in Unicode scalars) and its source text.
struct OktaExpressionToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case identifier(String)
        case integer(Int)
        case decimal(Double)
        case string(String)
        case leftParen, rightParen, leftBrace, rightBrace, comma, dot, question, colon
        case plus, minus, bang
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        case ampersands, pipes
        case end
    }

    var kind: Kind
    var position: Int
    var text: String
}

/// Splits an expression into tokens, following SpEL's lexical rules where Okta relies on them.
///
/// - String literals use single or double quotes; a quote is written inside a literal of the same
///   quote by doubling it (`'It''s'`). There are **no backslash escapes**: Okta's own example
///   `"\" + substringBefore(user.email, "@")` yields `GMAIL\winston.churchill` (S12, Popular
///   Expressions), and SpEL's literal rules say the same (Spring "Literal Expressions").
/// - Numbers: digits, an optional fraction (`3.141`) and an optional exponent (`6.02E23`). Integers
///   become `.int`, anything with a fraction or exponent `.double`. A leading `-` is an operator.
/// - Identifiers: ASCII letters, digits, `_` and `$`, not starting with a digit. Keywords (`AND`, `OR`,
///   `true`, `false`, `null`) are recognised by the parser, case-insensitively as SpEL does.
/// - Operators: `+ - ! == != < <= > >= && || ? :` and `( ) { } , .`. Operators SpEL has but Okta does
///   not document (`* / % ^`, `[ ]`, `?:`, `?.`, `#`, `@`, single `=`) are refused with a clear error.
struct OktaExpressionLexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    /// All tokens, ending with `.end`.
    static func tokenize(_ source: String) throws(OktaExpressionError) -> [OktaExpressionToken] {
        var lexer = OktaExpressionLexer(source)
        var tokens: [OktaExpressionToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let target = index + offset
        return target < scalars.count ? scalars[target] : nil
    }

    private func text(from start: Int) -> String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[start..<index])
        return String(result)
    }

    private mutating func next() throws(OktaExpressionError) -> OktaExpressionToken {
        while let scalar = peek(), scalar.properties.isWhitespace { index += 1 }
        let start = index
        guard let scalar = peek() else { return OktaExpressionToken(kind: .end, position: start, text: "") }
        if Self.isIdentifierStart(scalar) { return lexIdentifier() }
        if Self.isDigit(scalar) { return try lexNumber() }
        if scalar == "'" || scalar == "\"" { return try lexString(quote: scalar) }
        return try lexOperator(scalar)
    }

    private mutating func lexIdentifier() -> OktaExpressionToken {
        let start = index
        while let scalar = peek(), Self.isIdentifierStart(scalar) || Self.isDigit(scalar) { index += 1 }
        let name = text(from: start)
        return OktaExpressionToken(kind: .identifier(name), position: start, text: name)
    }

    private mutating func lexNumber() throws(OktaExpressionError) -> OktaExpressionToken {
        let start = index
        var isDecimal = false
        while let scalar = peek(), Self.isDigit(scalar) { index += 1 }
        if peek() == ".", let after = peek(1), Self.isDigit(after) {
            isDecimal = true
            index += 1
            while let scalar = peek(), Self.isDigit(scalar) { index += 1 }
        }
        if let marker = peek(), marker == "e" || marker == "E" {
            var offset = 1
            if let sign = peek(1), sign == "+" || sign == "-" { offset = 2 }
            if let digit = peek(offset), Self.isDigit(digit) {
                isDecimal = true
                index += offset
                while let scalar = peek(), Self.isDigit(scalar) { index += 1 }
            }
        }
        let literal = text(from: start)
        if isDecimal {
            guard let value = Double(literal), value.isFinite else {
                throw OktaExpressionError(
                    kind: .value, message: "number \(literal) is out of range", position: start, token: literal)
            }
            return OktaExpressionToken(kind: .decimal(value), position: start, text: literal)
        }
        guard let value = Int(literal) else {
            throw OktaExpressionError(
                kind: .value, message: "integer \(literal) is out of range", position: start, token: literal)
        }
        return OktaExpressionToken(kind: .integer(value), position: start, text: literal)
    }

    private mutating func lexString(quote: Unicode.Scalar) throws(OktaExpressionError) -> OktaExpressionToken {
        let start = index
        index += 1
        var value = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else {
                throw OktaExpressionError(
                    kind: .syntax, message: "unterminated string literal", position: start,
                    token: String(Character(quote)))
            }
            index += 1
            if scalar == quote {
                if peek() == quote {
                    value.append(quote)
                    index += 1
                    continue
                }
                return OktaExpressionToken(kind: .string(String(value)), position: start, text: text(from: start))
            }
            value.append(scalar)
        }
    }

    private mutating func lexOperator(_ scalar: Unicode.Scalar) throws(OktaExpressionError) -> OktaExpressionToken {
        let start = index
        let next = peek(1)
        func token(_ kind: OktaExpressionToken.Kind, length: Int) -> OktaExpressionToken {
            index += length
            return OktaExpressionToken(kind: kind, position: start, text: text(from: start))
        }
        switch scalar {
        case "(": return token(.leftParen, length: 1)
        case ")": return token(.rightParen, length: 1)
        case "{": return token(.leftBrace, length: 1)
        case "}": return token(.rightBrace, length: 1)
        case ",": return token(.comma, length: 1)
        case ".": return token(.dot, length: 1)
        case ":": return token(.colon, length: 1)
        case "+": return token(.plus, length: 1)
        case "-": return token(.minus, length: 1)
        case "?":
            if next == ":" {
                throw unsupported("the Elvis operator '?:' is not part of Okta's documented language", "?:", start)
            }
            if next == "." {
                throw unsupported("safe navigation '?.' is not part of Okta's documented language", "?.", start)
            }
            return token(.question, length: 1)
        case "!": return next == "=" ? token(.notEqual, length: 2) : token(.bang, length: 1)
        case "<": return next == "=" ? token(.lessOrEqual, length: 2) : token(.less, length: 1)
        case ">": return next == "=" ? token(.greaterOrEqual, length: 2) : token(.greater, length: 1)
        case "=":
            if next == "=" { return token(.equal, length: 2) }
            throw OktaExpressionError(
                kind: .syntax,
                message: "assignment '=' is not allowed in Okta expressions; compare with '=='",
                position: start, token: "=")
        case "&":
            if next == "&" { return token(.ampersands, length: 2) }
            throw OktaExpressionError(
                kind: .syntax, message: "unexpected '&'; the AND operator is 'AND' or '&&'", position: start,
                token: "&")
        case "|":
            if next == "|" { return token(.pipes, length: 2) }
            throw OktaExpressionError(
                kind: .syntax, message: "unexpected '|'; the OR operator is 'OR' or '||'", position: start,
                token: "|")
        case "*", "/", "%", "^":
            let symbol = String(Character(scalar))
            throw unsupported("arithmetic operator '\(symbol)' (Okta documents only '+' and '-')", symbol, start)
        case "[", "]":
            let symbol = String(Character(scalar))
            throw unsupported("indexing with '\(symbol)' is not part of Okta's documented language", symbol, start)
        case "#":
            throw unsupported("SpEL variables and functions ('#') are not part of Okta's language", "#", start)
        case "@":
            throw unsupported("SpEL bean references ('@') are not part of Okta's language", "@", start)
        default:
            let symbol = String(Character(scalar))
            throw OktaExpressionError(
                kind: .syntax, message: "unexpected character \(Self.quoted(scalar))", position: start, token: symbol)
        }
    }

    private func unsupported(_ what: String, _ token: String, _ position: Int) -> OktaExpressionError {
        OktaExpressionError(kind: .unsupported, message: "unsupported: \(what)", position: position, token: token)
    }

    /// A scalar for an error message: printable ones in quotes, others as `U+XXXX`.
    private static func quoted(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if scalar.properties.generalCategory == .control || scalar.properties.isWhitespace {
            return code
        }
        return "'\(Character(scalar))' (\(code))"
    }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar == "$"
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }
}
