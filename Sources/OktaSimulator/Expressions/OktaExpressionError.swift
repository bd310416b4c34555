/// Why an Okta expression could not be parsed or evaluated, and where.
///
/// `position` is a 0-based offset into the expression's source, counted in Unicode scalars (for ASCII
/// text, characters). `description` reads like "unexpected ')' at 14".
public struct OktaExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of failure.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The text is not a well-formed expression (bad token, missing operand, unbalanced brackets).
        case syntax
        /// A name is not part of Okta's language: an unknown object (`foo.bar`) or function.
        case unknownName
        /// A documented Okta feature this simulator does not implement (`Time.now`, regex groups, …).
        case unsupported
        /// A function was called with the wrong number of arguments.
        case arity
        /// An operand or argument has the wrong type for the operation at evaluation time.
        case type
        /// A value is out of range or unconvertible (integer overflow, `Convert.toInt("abc")`, index).
        case value
        /// The expression nests deeper than ``OktaExpression/maximumDepth``.
        case tooDeep
    }

    /// What kind of failure this is.
    public var kind: Kind
    /// A sentence saying what was found and what was expected.
    public var message: String
    /// The 0-based offset (in Unicode scalars) of the offending token or expression node.
    public var position: Int
    /// The offending token's text, when there is one (`")"`, `"String.frobnicate"`).
    public var token: String?

    /// Creates an error.
    public init(kind: Kind, message: String, position: Int, token: String? = nil) {
        self.kind = kind
        self.message = message
        self.position = position
        self.token = token
    }

    /// The message followed by the position: "unknown function String.frobnicate at 0".
    public var description: String { "\(message) at \(position)" }
}
