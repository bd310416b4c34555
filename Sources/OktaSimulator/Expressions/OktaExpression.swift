/// A parsed Okta Expression Language expression, ready to evaluate against users.
///
/// The language is the subset of Okta's Expression Language in okta-behavior.md §10.3 (Okta's reference,
/// S12), which Okta describes as "based on SpEL" using "a subset of functionalities offered by SpEL":
///
/// - References: `user.attr` (alias `source.attr`), `appuser.attr` (or `appUser.attr`), `app.attr`,
///   `org.attr`. A missing attribute of these objects is `null`; any other object is an error.
/// - Literals: `'text'` or `"text"` (a quote is doubled inside; backslash is literal), integers, decimals,
///   `true`, `false`, `null` (case-insensitive), arrays `{a, b}`.
/// - Operators, lowest precedence first: `c ? a : b` (right-associative); `OR`/`||`; `AND`/`&&`;
///   `==` `!=` `<` `<=` `>` `>=` (not chainable); `+` `-`; prefix `!` and `-`. Parentheses group.
/// - Functions: the `String.*`, deprecated bare string functions, `Arrays.*`, `Convert.toInt`,
///   `Convert.toNum` and the `isMemberOf…` group functions (see `OktaExpressionFunctions.swift` for each
///   one's semantics and source). Other documented functions fail with an `unsupported:` error.
///
/// Parsing never crashes or hangs: nesting deeper than ``maximumDepth`` is refused.
public struct OktaExpression: Sendable, Hashable, CustomStringConvertible {
    /// The deepest nesting accepted (parentheses, arrays, call arguments, conditional branches, `!`/`-`).
    public static let maximumDepth = 64

    /// The expression's text, exactly as given.
    public let source: String
    let root: OktaExpressionNode

    /// Parses `source`.
    /// - Throws: ``OktaExpressionError`` for malformed text (`.syntax`), an unknown object or function
    ///   (`.unknownName`), a documented feature that is not simulated (`.unsupported`), a wrong argument
    ///   count (`.arity`), an out-of-range literal (`.value`), or too deep nesting (`.tooDeep`).
    public init(_ source: String) throws(OktaExpressionError) {
        self.source = source
        root = try OktaExpressionParser.parse(source, maximumDepth: Self.maximumDepth)
    }

    /// Evaluates the expression for one user.
    /// - Throws: ``OktaExpressionError`` of kind `.type` (an operand or argument of the wrong type, such as
    ///   `!null` or `'-'` on a string) or `.value` (overflow, unconvertible text, index out of range), with
    ///   the position of the offending part of the expression.
    public func evaluate(in context: OktaExpressionContext) throws(OktaExpressionError) -> OktaValue {
        try OktaExpressionEvaluator(context: context).evaluate(root)
    }

    /// The attributes the expression reads, without repeats, in order of first appearance.
    ///
    /// A mapping uses this to know which profile changes call for an update (okta-behavior.md §10.2).
    public var referencedAttributes: [OktaAttributeReference] {
        var all: [OktaAttributeReference] = []
        root.collectReferences(into: &all)
        var seen: Set<OktaAttributeReference> = []
        return all.filter { seen.insert($0).inserted }
    }

    /// Whether the expression reads the user's group memberships (`isMemberOfGroupName` and friends).
    public var readsGroupMembership: Bool { root.readsGroups }

    /// The source text.
    public var description: String { source }

    /// Two expressions are equal when their source texts are (the parse is a function of the text).
    public static func == (lhs: OktaExpression, rhs: OktaExpression) -> Bool {
        lhs.source == rhs.source
    }

    /// Hashes the source text.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
    }
}
