import GRDB

/// The SQL of one paged list query over a table: the count of all matches, and one page of them.
///
/// The user and group queries are both built as one: a condition the criterion chose, an order by an
/// indexed key with creation order (`seq`) breaking ties, and `LIMIT ? OFFSET ?` last. Every criterion and
/// order has an index (migrations v1, v4), so a lookup is one index probe and a page one index walk at any
/// size (FILT-02, LST-13).
struct PagedSelect {
    /// `SELECT COUNT(*)` over every match.
    let count: String
    /// `SELECT *` of one page; its last two arguments are the limit and the offset.
    let page: String
    /// The condition's arguments, shared by both statements.
    let arguments: StatementArguments

    /// Builds the statements over `table`, matching `condition` (every row when `nil`), ordered by `key`
    /// (creation order when `nil`) ascending or descending; ties stay in creation order.
    init(
        from table: String, where condition: String?, _ arguments: StatementArguments = [], orderedBy key: String?,
        descending: Bool
    ) {
        let direction = descending ? "DESC" : "ASC"
        let order = key.map { "\($0) \(direction), seq ASC" } ?? "seq \(direction)"
        let filter = condition.map { "WHERE \($0)" } ?? ""
        count = "SELECT COUNT(*) FROM \(table) \(filter)"
        page = "SELECT * FROM \(table) \(filter) ORDER BY \(order) LIMIT ? OFFSET ?"
        self.arguments = arguments
    }

    /// Runs both statements in `db` — call it inside one read transaction, so the total and the page come from
    /// the same snapshot — and returns how many rows match and the page's rows (none past the end or for a
    /// limit of 0).
    func fetch(_ db: Database, limit: Int, offset: Int) throws -> (total: Int, rows: [Row]) {
        let total = try Int.fetchOne(db.cachedStatement(sql: count), arguments: arguments) ?? 0
        guard limit > 0, offset < total else { return (total, []) }
        return (total, try Row.fetchAll(db.cachedStatement(sql: page), arguments: arguments + [limit, offset]))
    }
}
