/// A recursive-descent parser for Okta's expression subset, with SpEL's precedence.
///
/// Grammar (lowest precedence first; it mirrors SpEL's `InternalSpelExpressionParser`):
///
/// ```
/// expression  := logicalOr ( "?" expression ":" expression )?      right-associative
/// logicalOr   := logicalAnd ( ( "OR" | "||" ) logicalAnd )*
/// logicalAnd  := comparison ( ( "AND" | "&&" ) comparison )*
/// comparison  := additive ( ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) additive )?   does not chain
/// additive    := unary ( ( "+" | "-" ) unary )*
/// unary       := ( "!" | "-" ) unary | primary
/// primary     := literal | "(" expression ")" | "{" [ expression ( "," expression )* ] "}"
///              | object "." attribute | function "(" [ expression ( "," expression )* ] ")"
/// ```
///
/// `AND`, `OR`, `true`, `false` and `null` are matched case-insensitively, as SpEL does (Okta's own
/// samples write `AND`, `OR`, `True` and `NULL`).
struct OktaExpressionParser {
    private let tokens: [OktaExpressionToken]
    private var index = 0
    private let maximumDepth: Int

    /// Object names before a dot. `source` is "the object on the left" (S31), the Okta user in the Okta →
    /// app mappings simulated here; Okta writes `appuser` (S12) and `appUser` (S31).
    private static let objects: [String: OktaExpressionObject] = [
        "user": .user, "source": .user, "appuser": .appUser, "appUser": .appUser, "app": .app, "org": .org,
    ]

    /// Objects Okta documents for other contexts (S12), refused with the reason.
    private static let unsupportedObjects: [String: String] = [
        "idpuser": "idpuser is only available in IdP username transforms, not in app mappings",
        "session": "session properties are only available in SAML assertions, not in app mappings",
    ]

    /// Function namespaces, so `String.toUpperCase` without parentheses gets a precise error.
    private static let namespaces: Set<String> = ["String", "Arrays", "Convert", "Iso3166Convert", "Time", "Groups"]

    init(tokens: [OktaExpressionToken], maximumDepth: Int) {
        self.tokens = tokens
        self.maximumDepth = maximumDepth
    }

    /// Parses a whole expression.
    static func parse(_ source: String, maximumDepth: Int) throws(OktaExpressionError) -> OktaExpressionNode {
        var parser = OktaExpressionParser(
            tokens: try OktaExpressionLexer.tokenize(source), maximumDepth: maximumDepth)
        if parser.current.kind == .end {
            throw OktaExpressionError(kind: .syntax, message: "empty expression", position: 0)
        }
        let node = try parser.parseExpression(depth: 0)
        guard parser.current.kind == .end else {
            var hint = ""
            if parser.isComparisonOperator(parser.current.kind) {
                hint = "; comparisons do not chain (add parentheses or AND)"
            }
            throw parser.unexpected(hint)
        }
        return node
    }

    // MARK: Tokens

    private var current: OktaExpressionToken { tokens[index] }

    private func peek(_ offset: Int) -> OktaExpressionToken {
        tokens[min(index + offset, tokens.count - 1)]
    }

    private mutating func advance() -> OktaExpressionToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func isKeyword(_ token: OktaExpressionToken, _ keyword: String) -> Bool {
        if case .identifier(let name) = token.kind { return name.lowercased() == keyword }
        return false
    }

    private func isComparisonOperator(_ kind: OktaExpressionToken.Kind) -> Bool {
        switch kind {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: true
        default: false
        }
    }

    private func describe(_ token: OktaExpressionToken) -> String {
        token.kind == .end ? "end of expression" : "'\(token.text)'"
    }

    private func unexpected(_ hint: String = "") -> OktaExpressionError {
        let token = current
        return OktaExpressionError(
            kind: .syntax, message: "unexpected \(describe(token))\(hint)", position: token.position,
            token: token.kind == .end ? nil : token.text)
    }

    private mutating func expect(_ kind: OktaExpressionToken.Kind, _ what: String) throws(OktaExpressionError) {
        guard current.kind == kind else { throw unexpected("; expected \(what)") }
        _ = advance()
    }

    private func checkDepth(_ depth: Int) throws(OktaExpressionError) {
        guard depth <= maximumDepth else {
            throw OktaExpressionError(
                kind: .tooDeep, message: "expression nests deeper than \(maximumDepth) levels",
                position: current.position, token: current.kind == .end ? nil : current.text)
        }
    }

    // MARK: Grammar

    private mutating func parseExpression(depth: Int) throws(OktaExpressionError) -> OktaExpressionNode {
        try checkDepth(depth)
        let condition = try parseOr(depth: depth)
        guard current.kind == .question else { return condition }
        _ = advance()
        let whenTrue = try parseExpression(depth: depth + 1)
        try expect(.colon, "':' of the conditional")
        let whenFalse = try parseExpression(depth: depth + 1)
        return OktaExpressionNode(kind: .conditional(condition, whenTrue, whenFalse), position: condition.position)
    }

    private mutating func parseOr(depth: Int) throws(OktaExpressionError) -> OktaExpressionNode {
        let first = try parseAnd(depth: depth)
        var operands = [first]
        while current.kind == .pipes || isKeyword(current, "or") {
            _ = advance()
            operands.append(try parseAnd(depth: depth))
        }
        return operands.count == 1 ? first : OktaExpressionNode(kind: .logical(.or, operands), position: first.position)
    }

    private mutating func parseAnd(depth: Int) throws(OktaExpressionError) -> OktaExpressionNode {
        let first = try parseComparison(depth: depth)
        var operands = [first]
        while current.kind == .ampersands || isKeyword(current, "and") {
            _ = advance()
            operands.append(try parseComparison(depth: depth))
        }
        return operands.count == 1
            ? first : OktaExpressionNode(kind: .logical(.and, operands), position: first.position)
    }

    private mutating func parseComparison(depth: Int) throws(OktaExpressionError) -> OktaExpressionNode {
        let left = try parseAdditive(depth: depth)
        let comparison: OktaExpressionNode.ComparisonOperator
        switch current.kind {
        case .equal: comparison = .equal
        case .notEqual: comparison = .notEqual
        case .less: comparison = .less
        case .lessOrEqual: comparison = .lessOrEqual
        case .greater: comparison = .greater
        case .greaterOrEqual: comparison = .greaterOrEqual
        default: return left
        }
        let token = advance()
        let right = try parseAdditive(depth: depth)
        return OktaExpressionNode(
            kind: .comparison(comparison, left, right, operatorPosition: token.position), position: left.position)
    }

    private mutating func parseAdditive(depth: Int) throws(OktaExpressionError) -> OktaExpressionNode {
        let first = try parseUnary(depth: depth)
        var steps: [OktaExpressionNode.AdditiveStep] = []
        while current.kind == .plus || current.kind == .minus {
            let token = advance()
            let operand = try parseUnary(depth: depth)
            steps.append(.init(isSubtraction: token.kind == .minus, operand: operand, position: token.position))
        }
        return steps.isEmpty ? first : OktaExpressionNode(kind: .additive(first, steps), position: first.position)
    }

    private mutating func parseUnary(depth: Int) throws(OktaExpressionError) -> OktaExpressionNode {
        switch current.kind {
        case .bang:
            try checkDepth(depth + 1)
            let token = advance()
            return OktaExpressionNode(kind: .not(try parseUnary(depth: depth + 1)), position: token.position)
        case .minus:
            try checkDepth(depth + 1)
            let token = advance()
            return OktaExpressionNode(kind: .negate(try parseUnary(depth: depth + 1)), position: token.position)
        default:
            let node = try parsePrimary(depth: depth)
            if current.kind == .dot {
                throw OktaExpressionError(
                    kind: .unsupported,
                    message: "unsupported: '.' after a value or function result (only object.attribute is supported)",
                    position: current.position, token: ".")
            }
            if current.kind == .leftParen {
                throw unexpected("; only functions can be called")
            }
            return node
        }
    }

    private mutating func parsePrimary(depth: Int) throws(OktaExpressionError) -> OktaExpressionNode {
        let token = current
        switch token.kind {
        case .integer(let value):
            _ = advance()
            return OktaExpressionNode(kind: .literal(.int(value)), position: token.position)
        case .decimal(let value):
            _ = advance()
            return OktaExpressionNode(kind: .literal(.double(value)), position: token.position)
        case .string(let value):
            _ = advance()
            return OktaExpressionNode(kind: .literal(.string(value)), position: token.position)
        case .leftParen:
            try checkDepth(depth + 1)
            _ = advance()
            let inner = try parseExpression(depth: depth + 1)
            try expect(.rightParen, "')'")
            return inner
        case .leftBrace:
            try checkDepth(depth + 1)
            _ = advance()
            let elements = try parseList(closing: .rightBrace, closingText: "'}'", depth: depth + 1)
            return OktaExpressionNode(kind: .array(elements.map(\.node)), position: token.position)
        case .identifier(let name):
            return try parseName(name, token: token, depth: depth)
        default:
            throw unexpected()
        }
    }

    /// Comma-separated expressions up to the closing token (already past the opening one).
    private mutating func parseList(
        closing: OktaExpressionToken.Kind, closingText: String, depth: Int
    ) throws(OktaExpressionError) -> [(node: OktaExpressionNode, position: Int)] {
        var elements: [(node: OktaExpressionNode, position: Int)] = []
        if current.kind == closing {
            _ = advance()
            return elements
        }
        while true {
            let position = current.position
            elements.append((try parseExpression(depth: depth), position))
            if current.kind == .comma {
                _ = advance()
                continue
            }
            guard current.kind == closing else { throw unexpected("; expected ',' or \(closingText)") }
            _ = advance()
            return elements
        }
    }

    private mutating func parseName(
        _ name: String, token: OktaExpressionToken, depth: Int
    ) throws(OktaExpressionError) -> OktaExpressionNode {
        switch name.lowercased() {
        case "true": return literal(.bool(true), token)
        case "false": return literal(.bool(false), token)
        case "null": return literal(.null, token)
        case "and", "or": throw unexpected("; expected an operand")
        default: break
        }
        _ = advance()
        var parts = [name]
        while current.kind == .dot {
            guard case .identifier(let part) = peek(1).kind else {
                _ = advance()
                throw unexpected("; expected a name after '.'")
            }
            _ = advance()
            _ = advance()
            parts.append(part)
        }
        let fullName = parts.joined(separator: ".")
        if parts.count == 1 && Self.namespaces.contains(name) && current.kind != .leftParen {
            throw OktaExpressionError(
                kind: .syntax, message: "expected '.' and a function name after '\(name)'", position: token.position,
                token: name)
        }
        if current.kind == .leftParen {
            return try parseCall(fullName, parts: parts, token: token, depth: depth)
        }
        if let object = Self.objects[name] {
            guard parts.count == 2 else {
                if parts.count == 1 {
                    throw OktaExpressionError(
                        kind: .syntax, message: "expected '.' and an attribute name after '\(name)'",
                        position: token.position, token: name)
                }
                throw OktaExpressionError(
                    kind: .unsupported,
                    message: "unsupported: nested attribute \(fullName) (Okta profile attributes are flat)",
                    position: token.position, token: fullName)
            }
            let reference = OktaAttributeReference(object: object, name: parts[1])
            return OktaExpressionNode(kind: .attribute(reference), position: token.position)
        }
        if let reason = Self.unsupportedObjects[name] {
            throw OktaExpressionError(
                kind: .unsupported, message: "unsupported: \(reason)", position: token.position, token: fullName)
        }
        if OktaExpressionFunction.named(fullName) != nil || OktaExpressionFunction.unsupported[fullName] != nil {
            throw OktaExpressionError(
                kind: .syntax, message: "function \(fullName) must be called with '(' … ')'",
                position: token.position, token: fullName)
        }
        if parts.count == 1 {
            throw OktaExpressionError(
                kind: .unknownName,
                message: "unknown name '\(name)'; attributes are written with their object, as in user.\(name)",
                position: token.position, token: name)
        }
        if Self.namespaces.contains(name) {
            throw OktaExpressionError(
                kind: .unknownName, message: "unknown function \(fullName)", position: token.position,
                token: fullName)
        }
        throw OktaExpressionError(
            kind: .unknownName,
            message: "unknown object '\(name)' in \(fullName); Okta expressions here read user.*, appuser.*, "
                + "app.* and org.* (explicit app references such as zendesk.firstName are not simulated)",
            position: token.position, token: fullName)
    }

    private mutating func parseCall(
        _ fullName: String, parts: [String], token: OktaExpressionToken, depth: Int
    ) throws(OktaExpressionError) -> OktaExpressionNode {
        guard let function = OktaExpressionFunction.named(fullName) else {
            if let reason = OktaExpressionFunction.unsupported[fullName] {
                throw OktaExpressionError(
                    kind: .unsupported, message: "unsupported: \(reason)", position: token.position, token: fullName)
            }
            if parts.count > 1, Self.objects[parts[0]] != nil || Self.unsupportedObjects[parts[0]] != nil {
                throw OktaExpressionError(
                    kind: .unsupported, message: "unsupported: method call \(fullName)(…) on an object",
                    position: token.position, token: fullName)
            }
            var message = "unknown function \(fullName)"
            if let suggestion = OktaExpressionFunction.nameDiffering(inCaseFrom: fullName) {
                message += " (did you mean \(suggestion)?)"
            }
            throw OktaExpressionError(kind: .unknownName, message: message, position: token.position, token: fullName)
        }
        try checkDepth(depth + 1)
        _ = advance()  // "("
        let arguments = try parseList(closing: .rightParen, closingText: "')'", depth: depth + 1)
        if let problem = function.arityProblem(count: arguments.count) {
            throw OktaExpressionError(kind: .arity, message: problem, position: token.position, token: fullName)
        }
        return OktaExpressionNode(kind: .call(function, arguments.map(\.node)), position: token.position)
    }

    private mutating func literal(_ value: OktaValue, _ token: OktaExpressionToken) -> OktaExpressionNode {
        _ = advance()
        return OktaExpressionNode(kind: .literal(value), position: token.position)
    }
}
