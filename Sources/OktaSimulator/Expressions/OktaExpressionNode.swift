/// A node of a parsed Okta expression, with the position of the text it came from.
///
/// Chains of `+`/`-` and of `AND`/`OR` are stored flat (one node with many operands), so the tree is
/// never deeper than the parser's nesting limit, however long the expression is.
struct OktaExpressionNode: Sendable, Hashable {
    indirect enum Kind: Sendable, Hashable {
        /// A literal: string, number, boolean, `null`.
        case literal(OktaValue)
        /// `object.attribute`.
        case attribute(OktaAttributeReference)
        /// `{a, b, …}`.
        case array([OktaExpressionNode])
        /// A function call, resolved at parse time.
        case call(OktaExpressionFunction, [OktaExpressionNode])
        /// `!operand`.
        case not(OktaExpressionNode)
        /// `-operand`.
        case negate(OktaExpressionNode)
        /// `first (+|-) operand (+|-) operand …`, evaluated left to right.
        case additive(OktaExpressionNode, [AdditiveStep])
        /// `operand AND operand AND …` or `operand OR operand OR …`, short-circuiting.
        case logical(LogicalOperator, [OktaExpressionNode])
        /// `left op right` (comparisons do not chain, as in SpEL); the operator's position is kept for errors.
        case comparison(ComparisonOperator, OktaExpressionNode, OktaExpressionNode, operatorPosition: Int)
        /// `condition ? whenTrue : whenFalse`.
        case conditional(OktaExpressionNode, OktaExpressionNode, OktaExpressionNode)
    }

    /// One `+ operand` or `- operand` of an additive chain; `position` is the operator's.
    struct AdditiveStep: Sendable, Hashable {
        var isSubtraction: Bool
        var operand: OktaExpressionNode
        var position: Int
    }

    enum LogicalOperator: String, Sendable, Hashable {
        case and = "AND"
        case or = "OR"
    }

    enum ComparisonOperator: String, Sendable, Hashable {
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }

    var kind: Kind
    /// Where the node's text starts.
    var position: Int

    /// Every attribute the node reads, in order of appearance (with repeats).
    func collectReferences(into references: inout [OktaAttributeReference]) {
        switch kind {
        case .literal: break
        case .attribute(let reference): references.append(reference)
        case .array(let nodes), .call(_, let nodes), .logical(_, let nodes):
            for node in nodes { node.collectReferences(into: &references) }
        case .not(let node), .negate(let node): node.collectReferences(into: &references)
        case .additive(let first, let steps):
            first.collectReferences(into: &references)
            for step in steps { step.operand.collectReferences(into: &references) }
        case .comparison(_, let left, let right, _):
            left.collectReferences(into: &references)
            right.collectReferences(into: &references)
        case .conditional(let condition, let whenTrue, let whenFalse):
            condition.collectReferences(into: &references)
            whenTrue.collectReferences(into: &references)
            whenFalse.collectReferences(into: &references)
        }
    }

    /// Whether any call in the node reads group membership.
    var readsGroups: Bool {
        switch kind {
        case .literal, .attribute: false
        case .call(let function, let nodes): function.readsGroups || nodes.contains(where: \.readsGroups)
        case .array(let nodes), .logical(_, let nodes): nodes.contains(where: \.readsGroups)
        case .not(let node), .negate(let node): node.readsGroups
        case .additive(let first, let steps): first.readsGroups || steps.contains(where: \.operand.readsGroups)
        case .comparison(_, let left, let right, _): left.readsGroups || right.readsGroups
        case .conditional(let condition, let whenTrue, let whenFalse):
            condition.readsGroups || whenTrue.readsGroups || whenFalse.readsGroups
        }
    }
}
