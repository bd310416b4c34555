/// Evaluates a parsed expression against a context, with SpEL's operator semantics.
///
/// Operators (SpEL, which Okta's language is based on, S12; spring-framework `spel/ast`):
/// - `+`: two numbers add (integer overflow is an error); when either side is a string, the other side's
///   text is appended (`"a" + 1` is `"a1"`; `null` as ``OktaNullConcatenation`` says); any other pair
///   (`null + null`, `true + 1`) is an error, as SpEL's `OpPlus` refuses it.
/// - `-`: numbers only (Okta's example `String.len(s)-20`, help page "Smart card expressions").
/// - `==`, `!=`: numbers compare numerically (`1 == 1.0`), strings by code units, booleans and arrays
///   structurally, `null` equals only `null`; other mixed types are unequal (SpEL `equalityCheck`).
/// - `<`, `<=`, `>`, `>=`: numbers numerically, strings by UTF-16 code units (Java `compareTo`), booleans
///   `false < true`; `null` is less than any value (SpEL `StandardTypeComparator`); other pairs are errors.
/// - `AND`, `OR`, `!` and the condition of `?:` need booleans; `null` is an error, as SpEL's `OpAnd`,
///   `OpOr`, `OperatorNot` and `Ternary` refuse it. `AND`/`OR` short-circuit left to right.
struct OktaExpressionEvaluator {
    let context: OktaExpressionContext

    func evaluate(_ node: OktaExpressionNode) throws(OktaExpressionError) -> OktaValue {
        switch node.kind {
        case .literal(let value):
            return value
        case .attribute(let reference):
            return context.value(of: reference.object, reference.name)
        case .array(let elements):
            var values: [OktaValue] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try evaluate(element)) }
            return .array(values)
        case .call(let function, let argumentNodes):
            var arguments: [OktaValue] = []
            arguments.reserveCapacity(argumentNodes.count)
            for argument in argumentNodes { arguments.append(try evaluate(argument)) }
            return try function.apply(
                arguments, positions: argumentNodes.map(\.position), at: node.position, in: context)
        case .not(let operand):
            let value = try evaluate(operand)
            guard case .bool(let flag) = value else {
                throw typeError("'!' needs a boolean, got \(value.typeName)", at: operand.position)
            }
            return .bool(!flag)
        case .negate(let operand):
            return try negate(try evaluate(operand), at: operand.position)
        case .additive(let first, let steps):
            var result = try evaluate(first)
            var resultPosition = first.position
            for step in steps {
                let operand = try evaluate(step.operand)
                result =
                    step.isSubtraction
                    ? try subtract(result, operand, left: resultPosition, right: step.operand.position)
                    : try add(result, operand, at: step.position)
                resultPosition = step.position
            }
            return result
        case .logical(let logical, let operands):
            let shortCircuit = logical == .or
            for operand in operands {
                let value = try evaluate(operand)
                guard case .bool(let flag) = value else {
                    throw typeError(
                        "\(logical.rawValue) needs boolean operands, got \(value.typeName)", at: operand.position)
                }
                if flag == shortCircuit { return .bool(shortCircuit) }
            }
            return .bool(!shortCircuit)
        case .comparison(let comparison, let leftNode, let rightNode, let operatorPosition):
            let left = try evaluate(leftNode)
            let right = try evaluate(rightNode)
            return .bool(try compare(comparison, left, right, at: operatorPosition))
        case .conditional(let conditionNode, let whenTrue, let whenFalse):
            let condition = try evaluate(conditionNode)
            guard case .bool(let flag) = condition else {
                throw typeError(
                    "the condition before '?' must be a boolean, got \(condition.typeName)", at: conditionNode.position)
            }
            return try evaluate(flag ? whenTrue : whenFalse)
        }
    }

    private func typeError(_ message: String, at position: Int) -> OktaExpressionError {
        OktaExpressionError(kind: .type, message: message, position: position)
    }

    private func negate(_ value: OktaValue, at position: Int) throws(OktaExpressionError) -> OktaValue {
        switch value {
        case .int(let number):
            let (result, overflow) = Int(0).subtractingReportingOverflow(number)
            guard !overflow else {
                throw OktaExpressionError(kind: .value, message: "integer overflow in '-'", position: position)
            }
            return .int(result)
        case .double(let number): return .double(-number)
        default: throw typeError("'-' needs a number, got \(value.typeName)", at: position)
        }
    }

    private func add(_ left: OktaValue, _ right: OktaValue, at position: Int) throws(OktaExpressionError) -> OktaValue {
        switch (left, right) {
        case (.int(let a), .int(let b)):
            let (sum, overflow) = a.addingReportingOverflow(b)
            guard !overflow else {
                throw OktaExpressionError(kind: .value, message: "integer overflow in '+'", position: position)
            }
            return .int(sum)
        case (.int, .double), (.double, .int), (.double, .double):
            return try finite((left.doubleValue ?? 0) + (right.doubleValue ?? 0), "+", at: position)
        case (.string(let a), _):
            return .string(a + right.javaText(null: context.nullConcatenation.text))
        case (_, .string(let b)):
            return .string(left.javaText(null: context.nullConcatenation.text) + b)
        default:
            throw typeError("'+' is not supported between \(left.typeName) and \(right.typeName)", at: position)
        }
    }

    private func subtract(
        _ left: OktaValue, _ right: OktaValue, left leftPosition: Int, right rightPosition: Int
    ) throws(OktaExpressionError) -> OktaValue {
        guard left.doubleValue != nil else {
            throw typeError("'-' needs numbers, got \(left.typeName)", at: leftPosition)
        }
        switch (left, right) {
        case (.int(let a), .int(let b)):
            let (difference, overflow) = a.subtractingReportingOverflow(b)
            guard !overflow else {
                throw OktaExpressionError(kind: .value, message: "integer overflow in '-'", position: rightPosition)
            }
            return .int(difference)
        case (_, .int), (_, .double):
            return try finite((left.doubleValue ?? 0) - (right.doubleValue ?? 0), "-", at: rightPosition)
        default:
            throw typeError("'-' needs numbers, got \(right.typeName)", at: rightPosition)
        }
    }

    private func finite(_ value: Double, _ symbol: String, at position: Int) throws(OktaExpressionError) -> OktaValue {
        guard value.isFinite else {
            throw OktaExpressionError(kind: .value, message: "number overflow in '\(symbol)'", position: position)
        }
        return .double(value)
    }

    private func compare(
        _ comparison: OktaExpressionNode.ComparisonOperator, _ left: OktaValue, _ right: OktaValue, at position: Int
    ) throws(OktaExpressionError) -> Bool {
        switch comparison {
        case .equal: return Self.equal(left, right)
        case .notEqual: return !Self.equal(left, right)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let order = Self.order(left, right) else {
                throw typeError(
                    "cannot compare \(left.typeName) with \(right.typeName) using '\(comparison.rawValue)'",
                    at: position)
            }
            switch comparison {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            default: return order >= 0
            }
        }
    }

    /// SpEL's `==`: numbers numerically, strings by code units, arrays element by element.
    static func equal(_ left: OktaValue, _ right: OktaValue) -> Bool {
        switch (left, right) {
        case (.null, .null): return true
        case (.int(let a), .int(let b)): return a == b
        case (.int, .double), (.double, .int), (.double, .double): return left.doubleValue == right.doubleValue
        case (.string(let a), .string(let b)): return UTF16Text.same(a, b)
        case (.bool(let a), .bool(let b)): return a == b
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        default: return false
        }
    }

    /// SpEL's `StandardTypeComparator`: negative, zero or positive; `nil` when the types do not compare.
    static func order(_ left: OktaValue, _ right: OktaValue) -> Int? {
        switch (left, right) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.int(let a), .int(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.int, .double), (.double, .int), (.double, .double):
            let a = left.doubleValue ?? 0
            let b = right.doubleValue ?? 0
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a), .string(let b)):
            if a.utf16.elementsEqual(b.utf16) { return 0 }
            return a.utf16.lexicographicallyPrecedes(b.utf16) ? -1 : 1
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (a ? 1 : -1)
        default: return nil
        }
    }
}
