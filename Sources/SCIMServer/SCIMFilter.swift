import SCIMCore

/// A parsed SCIM filter expression (RFC 7644 §3.4.2.2, Figure 1).
///
/// A malformed filter is 400 `invalidFilter` saying "malformed" and where (FILT-05); a well-formed one is then
/// checked against the schemas by ``FilterCompiler``, which names what cannot be evaluated.
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

    /// Parses a bare attribute path, as in `attributes`, `excludedAttributes` and `sortBy`; `nil` when malformed.
    static func parse(_ text: String) -> AttributePath? {
        var parser = FilterParser(text.trimmingSpaces, allowValuePathComparison: false)
        guard let path = try? parser.parseAttributePath(), parser.atEnd else { return nil }
        return path
    }
}

/// Why a filter could not be parsed: the message and the character offset.
struct FilterSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    var message: String
    var offset: Int
    /// Whether the error is inside the `[...]` of a PATCH path (a filter error) rather than in the path itself.
    var inValueFilter = false
    var description: String { "\(message) at character \(offset + 1)" }
}

/// A PATCH operation's `path` (RFC 7644 §3.5.2: `PATH = attrPath / valuePath [subAttr]`).
struct PatchPath: Sendable, Hashable, CustomStringConvertible {
    /// The attribute, possibly URN-qualified, possibly with a sub-attribute when there is no filter.
    var attribute: AttributePath
    /// The value filter in brackets, if any.
    var filter: SCIMFilter?
    /// The sub-attribute after the brackets (`emails[type eq "work"].value`), if any.
    var subAttribute: String?

    var description: String {
        attribute.description + (filter.map { _ in "[…]" } ?? "") + (subAttribute.map { ".\($0)" } ?? "")
    }

    /// Parses a PATCH path; names are case-insensitive and `$` is allowed in them (RFCX-8).
    static func parse(_ text: String) throws(FilterSyntaxError) -> PatchPath {
        guard text.unicodeScalars.count <= SCIMFilter.maxLength else {
            throw FilterSyntaxError(
                message: "the path is longer than \(SCIMFilter.maxLength) characters", offset: SCIMFilter.maxLength)
        }
        var parser = FilterParser(text, allowValuePathComparison: false)
        let path = try parser.parsePatchPath()
        guard parser.atEnd else { throw parser.error("unexpected text after the end of the path") }
        return path
    }
}

extension SCIMFilter {
    /// The longest filter accepted, in characters; longer ones are refused before parsing.
    static let maxLength = 4096
    /// The deepest nesting of parentheses, brackets and `not` accepted.
    static let maxDepth = 32

    /// Parses a filter; keywords and operators are case-insensitive (RFC 7644 §3.4.2.2, checklist FILT-03).
    ///
    /// With `allowValuePathComparison`, Entra's `emails[type eq "work"].value eq "x"` (outside the ABNF, RFCX-5)
    /// is read as `emails[type eq "work" and value eq "x"]` (FILT-38).
    static func parse(
        _ text: String, allowValuePathComparison: Bool = false
    ) throws(FilterSyntaxError) -> SCIMFilter {
        guard text.unicodeScalars.count <= maxLength else {
            throw FilterSyntaxError(message: "the filter is longer than \(maxLength) characters", offset: maxLength)
        }
        var parser = FilterParser(text, allowValuePathComparison: allowValuePathComparison)
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
    let allowValuePathComparison: Bool
    var index = 0

    init(_ text: String, allowValuePathComparison: Bool) {
        scalars = Array(text.unicodeScalars)
        self.allowValuePathComparison = allowValuePathComparison
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
        try parseChain("or", SCIMFilter.or) { parser throws(FilterSyntaxError) in
            try parser.parseAnd(depth: depth, insideValuePath: insideValuePath)
        }
    }

    mutating func parseAnd(depth: Int, insideValuePath: Bool) throws(FilterSyntaxError) -> SCIMFilter {
        try parseChain("and", SCIMFilter.and) { parser throws(FilterSyntaxError) in
            try parser.parseUnary(depth: depth, insideValuePath: insideValuePath)
        }
    }

    /// A left-associative chain `operand *(SP keyword SP operand)`; `and` chains inside `or` chains, so `and`
    /// binds tighter (RFC 7644 §3.4.2.2, FILT-17).
    private mutating func parseChain(
        _ keyword: String, _ combine: (SCIMFilter, SCIMFilter) -> SCIMFilter,
        operand: (inout Self) throws(FilterSyntaxError) -> SCIMFilter
    ) throws(FilterSyntaxError) -> SCIMFilter {
        var left = try operand(&self)
        while true {
            let save = index
            skipSpaces()
            guard index > save, peekKeyword(keyword) else {
                index = save
                return left
            }
            index += keyword.count
            try requireSpace(after: keyword)
            left = combine(left, try operand(&self))
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
            guard current == "." else { return .valuePath(path, inner) }
            guard allowValuePathComparison else {
                throw error(
                    "a value filter cannot be followed by a sub-attribute and a comparison "
                        + "(the form attr[filter].sub op value is outside RFC 7644's grammar)")
            }
            index += 1
            let subStart = index
            while let scalar = current, Self.isNameCharacter(scalar) { index += 1 }
            let sub = String(String.UnicodeScalarView(scalars[subStart..<index]))
            guard Self.isAttributeName(Substring(sub)) else {
                throw FilterSyntaxError(message: "expected a sub-attribute name after ']'", offset: subStart)
            }
            let comparison = try parseComparison(AttributePath(schema: nil, name: sub, subAttribute: nil))
            return .valuePath(path, .and(inner, comparison))
        }
        return try parseComparison(path)
    }

    /// `attrPath SP "pr"` or `attrPath SP compareOp SP compValue`, after the path.
    mutating func parseComparison(_ path: AttributePath) throws(FilterSyntaxError) -> SCIMFilter {
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

    /// `PATH = attrPath / valuePath [subAttr]` (RFC 7644 §3.5.2).
    mutating func parsePatchPath() throws(FilterSyntaxError) -> PatchPath {
        let attribute = try parseAttributePath()
        guard current == "[" else { return PatchPath(attribute: attribute, filter: nil, subAttribute: nil) }
        guard attribute.subAttribute == nil else { throw error("a value filter must follow an attribute name") }
        index += 1
        skipSpaces()
        let filter: SCIMFilter
        do throws(FilterSyntaxError) {
            filter = try parseOr(depth: 1, insideValuePath: true)
            skipSpaces()
            guard current == "]" else { throw error("expected ']'") }
        } catch {
            var marked = error
            marked.inValueFilter = true
            throw marked
        }
        index += 1
        var subAttribute: String?
        if current == "." {
            index += 1
            let start = index
            while let scalar = current, Self.isNameCharacter(scalar) { index += 1 }
            let name = String(String.UnicodeScalarView(scalars[start..<index]))
            guard Self.isAttributeName(Substring(name)) else {
                throw FilterSyntaxError(message: "expected a sub-attribute name after ']'", offset: start)
            }
            subAttribute = name
        }
        return PatchPath(attribute: attribute, filter: filter, subAttribute: subAttribute)
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
