import SCIMCore

/// A parsed SCIM filter expression (RFC 7644 §3.4.2.2, Figure 1).
///
/// The parser accepts the whole grammar so that a malformed filter and a well-formed one the server cannot
/// evaluate yet are told apart; both are 400 `invalidFilter`, with a detail saying which (checklist FILT-05).
indirect enum SCIMFilter: Sendable, Hashable {
    /// `attrPath pr`.
    case present(AttributePath)
    /// `attrPath compareOp compValue`.
    case compare(AttributePath, ComparisonOperator, JSONValue)
    /// `FILTER and FILTER`.
    case and(SCIMFilter, SCIMFilter)
    /// `FILTER or FILTER`.
    case or(SCIMFilter, SCIMFilter)
    /// `not (FILTER)`.
    case not(SCIMFilter)
    /// `attrPath [valFilter]`: every expression in brackets applies to the same value (RFC 7644 §3.4.2.2).
    case valuePath(AttributePath, SCIMFilter)

    /// The comparison operators of RFC 7644 §3.4.2.2 Table 3.
    enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
        case eq, ne, co, sw, ew, gt, lt, ge, le
    }

    /// The operator or construct at the root of the expression, for error messages.
    var summary: String {
        switch self {
        case .present: "pr"
        case .compare(_, let op, _): op.rawValue
        case .and: "and"
        case .or: "or"
        case .not: "not"
        case .valuePath: "a value filter ([...])"
        }
    }
}

/// An attribute path: an optional schema URN, an attribute name and an optional sub-attribute.
struct AttributePath: Sendable, Hashable, CustomStringConvertible {
    /// The schema URN prefix, as written (RFC 7644 §3.10), or `nil`.
    var schema: String?
    /// The attribute name, as written.
    var name: String
    /// The sub-attribute name, as written, or `nil`.
    var subAttribute: String?

    var description: String {
        (schema.map { "\($0):" } ?? "") + name + (subAttribute.map { ".\($0)" } ?? "")
    }

    /// Whether this path names `attribute` of `schemaURN` (names and URNs compare case-insensitively).
    func names(_ attribute: String, in schemaURN: String) -> Bool {
        subAttribute == nil && name.lowercased() == attribute.lowercased()
            && (schema == nil || schema?.lowercased() == schemaURN.lowercased())
    }
}

/// Why a filter could not be parsed: the message and the character offset.
struct FilterSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    var message: String
    var offset: Int
    var description: String { "\(message) at character \(offset + 1)" }
}

extension SCIMFilter {
    /// The longest filter accepted, in characters; longer ones are refused before parsing.
    static let maxLength = 4096
    /// The deepest nesting of parentheses, brackets and `not` accepted.
    static let maxDepth = 32

    /// Parses a filter; keywords and operators are case-insensitive (RFC 7644 §3.4.2.2, checklist FILT-03).
    static func parse(_ text: String) throws(FilterSyntaxError) -> SCIMFilter {
        guard text.unicodeScalars.count <= maxLength else {
            throw FilterSyntaxError(message: "the filter is longer than \(maxLength) characters", offset: maxLength)
        }
        var parser = FilterParser(text)
        parser.skipSpaces()
        guard !parser.atEnd else { throw FilterSyntaxError(message: "the filter is empty", offset: 0) }
        let filter = try parser.parseOr(depth: 0, insideValuePath: false)
        parser.skipSpaces()
        guard parser.atEnd else { throw parser.error("unexpected text after the end of the filter") }
        return filter
    }
}

/// A recursive-descent parser for the RFC 7644 filter grammar.
///
/// Precedence, lowest first: `or`, `and`, `not` and grouping (RFC 7644 §3.4.2.2, checklist FILT-17). Both `not (`
/// and `not(` are accepted (erratum EID 7319); a value filter inside a value filter is refused (EID 4690).
private struct FilterParser {
    let scalars: [Unicode.Scalar]
    var index = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    var atEnd: Bool { index >= scalars.count }
    var current: Unicode.Scalar? { atEnd ? nil : scalars[index] }

    func error(_ message: String) -> FilterSyntaxError {
        FilterSyntaxError(message: message, offset: index)
    }

    mutating func skipSpaces() {
        while let scalar = current, scalar == " " || scalar == "\t" { index += 1 }
    }

    /// Whether the next word (letters only) equals `keyword`, ignoring case, followed by a non-name character.
    func peekKeyword(_ keyword: String) -> Bool {
        let word = Array(keyword.unicodeScalars)
        guard index + word.count <= scalars.count else { return false }
        for (offset, expected) in word.enumerated()
        where scalars[index + offset].properties.lowercaseMapping != String(expected) {
            return false
        }
        let end = index + word.count
        return end == scalars.count || !Self.isNameCharacter(scalars[end])
    }

    mutating func parseOr(depth: Int, insideValuePath: Bool) throws(FilterSyntaxError) -> SCIMFilter {
        var left = try parseAnd(depth: depth, insideValuePath: insideValuePath)
        while true {
            let save = index
            skipSpaces()
            guard index > save, peekKeyword("or") else {
                index = save
                return left
            }
            index += 2
            try requireSpace(after: "or")
            left = .or(left, try parseAnd(depth: depth, insideValuePath: insideValuePath))
        }
    }

    mutating func parseAnd(depth: Int, insideValuePath: Bool) throws(FilterSyntaxError) -> SCIMFilter {
        var left = try parseUnary(depth: depth, insideValuePath: insideValuePath)
        while true {
            let save = index
            skipSpaces()
            guard index > save, peekKeyword("and") else {
                index = save
                return left
            }
            index += 3
            try requireSpace(after: "and")
            left = .and(left, try parseUnary(depth: depth, insideValuePath: insideValuePath))
        }
    }

    mutating func requireSpace(after keyword: String) throws(FilterSyntaxError) {
        let save = index
        skipSpaces()
        guard index > save, !atEnd else { throw error("expected an expression after '\(keyword)'") }
    }

    mutating func parseUnary(depth: Int, insideValuePath: Bool) throws(FilterSyntaxError) -> SCIMFilter {
        guard depth < SCIMFilter.maxDepth else { throw error("the filter nests deeper than \(SCIMFilter.maxDepth)") }
        if peekKeyword("not") {
            let save = index
            index += 3
            skipSpaces()
            if current == "(" {
                return .not(try parseGroup(depth: depth + 1, insideValuePath: insideValuePath))
            }
            index = save  // an attribute called "not"
        }
        if current == "(" {
            return try parseGroup(depth: depth + 1, insideValuePath: insideValuePath)
        }
        return try parseAttributeExpression(depth: depth, insideValuePath: insideValuePath)
    }

    mutating func parseGroup(depth: Int, insideValuePath: Bool) throws(FilterSyntaxError) -> SCIMFilter {
        index += 1  // "("
        skipSpaces()
        let inner = try parseOr(depth: depth, insideValuePath: insideValuePath)
        skipSpaces()
        guard current == ")" else { throw error("expected ')'") }
        index += 1
        return inner
    }

    mutating func parseAttributeExpression(
        depth: Int,
        insideValuePath: Bool
    ) throws(FilterSyntaxError) -> SCIMFilter {
        let path = try parseAttributePath()
        if current == "[" {
            guard !insideValuePath else { throw error("a value filter cannot contain another value filter") }
            guard path.subAttribute == nil else { throw error("a value filter must follow an attribute name") }
            index += 1
            skipSpaces()
            let inner = try parseOr(depth: depth + 1, insideValuePath: true)
            skipSpaces()
            guard current == "]" else { throw error("expected ']'") }
            index += 1
            return .valuePath(path, inner)
        }
        let save = index
        skipSpaces()
        guard index > save, !atEnd else { throw error("expected an operator after '\(path)'") }
        let operatorStart = index
        var word = ""
        while let scalar = current, scalar.properties.isAlphabetic {
            word.unicodeScalars.append(scalar)
            index += 1
        }
        let keyword = word.lowercased()
        if keyword == "pr" { return .present(path) }
        guard let op = SCIMFilter.ComparisonOperator(rawValue: keyword) else {
            index = operatorStart
            let found = word.isEmpty ? "" : "'\(word.prefix(20))' is not a filter operator; "
            throw error("\(found)expected eq, ne, co, sw, ew, gt, lt, ge, le or pr after '\(path)'")
        }
        let beforeValue = index
        skipSpaces()
        guard index > beforeValue, !atEnd else { throw error("expected a value after '\(keyword)'") }
        return .compare(path, op, try parseValue())
    }

    mutating func parseAttributePath() throws(FilterSyntaxError) -> AttributePath {
        let start = index
        guard let first = current, first.isASCII, first.properties.isAlphabetic else {
            throw error("expected an attribute name")
        }
        while let scalar = current, Self.isNameCharacter(scalar) || scalar == ":" || scalar == "." { index += 1 }
        var text = String(String.UnicodeScalarView(scalars[start..<index]))
        var schema: String?
        if text.lowercased().hasPrefix("urn:") {
            guard let colon = text.lastIndex(of: ":"), colon != text.index(before: text.endIndex) else {
                throw FilterSyntaxError(message: "expected an attribute name after the schema URN", offset: index)
            }
            schema = String(text[..<colon])
            text = String(text[text.index(after: colon)...])
        } else if text.contains(":") {
            throw FilterSyntaxError(message: "'\(text)' is not an attribute path", offset: start)
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ Self.isAttributeName($0) }) else {
            throw FilterSyntaxError(message: "'\(text)' is not an attribute path", offset: start)
        }
        return AttributePath(
            schema: schema, name: String(parts[0]), subAttribute: parts.count > 1 ? String(parts[1]) : nil)
    }

    /// `compValue = false / null / true / number / string` (RFC 7644 §3.4.2.2), read as JSON.
    mutating func parseValue() throws(FilterSyntaxError) -> JSONValue {
        let start = index
        guard let first = current else { throw error("expected a value") }
        if first == "\"" {
            index += 1
            while let scalar = current, scalar != "\"" {
                index += scalar == "\\" ? 2 : 1
            }
            guard current == "\"" else {
                throw FilterSyntaxError(message: "unterminated string", offset: start)
            }
            index += 1
        } else {
            while let scalar = current, scalar != " ", scalar != "\t", scalar != ")", scalar != "]" { index += 1 }
        }
        let token = String(String.UnicodeScalarView(scalars[start..<min(index, scalars.count)]))
        if first != "\"" {
            let lowered = token.lowercased()
            if lowered == "true" { return .bool(true) }
            if lowered == "false" { return .bool(false) }
            if lowered == "null" { return .null }
        }
        guard let value = try? JSONValue.parse(token), first == "\"" || value.isNumber else {
            throw FilterSyntaxError(
                message: "expected a JSON string in double quotes, a number, true, false or null, not \(token)",
                offset: start)
        }
        return value
    }

    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-"
                || scalar == "_" || scalar == "$")
    }

    /// `ATTRNAME = ALPHA *(nameChar)`, with `$` allowed as in RFC 7643 §2.1 (`$ref`, RFCX-8).
    static func isAttributeName(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII,
            first.properties.isAlphabetic || first == "$"
        else { return false }
        return text.unicodeScalars.allSatisfy(isNameCharacter)
    }
}

extension JSONValue {
    /// Whether this value is a JSON number.
    fileprivate var isNumber: Bool {
        switch self {
        case .int, .double: true
        default: false
        }
    }
}
