import SCIMCore

/// A list request compiled for one collection: what the store selects by index, and what is left to do in memory.
///
/// The whole filter is compiled first, so a bad filter is refused before any lookup (FILT-05, ERR-07). ``QueryPlanner``
/// splits off the part the store answers with an index (the criterion); a residual filter, or a sort the store
/// has no index for, is evaluated over the representations and then paged (FILT-35, FILT-40).
struct CollectionQuery<Criterion: Sendable>: Sendable {
    /// What the store selects itself.
    let criterion: Criterion
    /// The part of the filter the store cannot evaluate, if any.
    let residual: CompiledFilter?
    /// The requested order, if any.
    let sorter: ResourceSorter?
    /// The requested page.
    let pagination: Pagination

    /// Compiles `query` for the resource `type`, splitting its filter with `planner`.
    init(
        _ query: ListRequest, type: SCIMResourceType, profile: ServerProfile,
        planner: (SCIMFilter?, ServerProfile) -> (Criterion, SCIMFilter?)
    ) throws {
        let compiler = FilterCompiler(type: type, profile: profile)
        if let filter = query.filter { _ = try compiler.compile(filter) }
        sorter = try query.sortBy.map {
            try ResourceSorter(
                path: $0, descending: query.descending, type: type, profile: profile, unknownAsAbsent: false)
        }
        let (criterion, residualFilter) = planner(query.filter, profile)
        self.criterion = criterion
        residual = try residualFilter.map(compiler.compile)
        pagination = query.pagination
    }

    /// Whether the order is reversed.
    var descending: Bool { sorter?.descending ?? false }

    /// The order the store pages in when it can answer the whole query, else `nil`: `creation` without a sort,
    /// `indexed` for a sort by the core attribute `attribute`; any other sort, or a residual filter, runs in memory.
    func storeOrder<Order>(_ creation: Order, sortedBy attribute: String, _ indexed: Order) -> Order? {
        guard residual == nil else { return nil }
        guard let sorter else { return creation }
        return sorter.sorts(byCore: attribute) ? indexed : nil
    }

    /// Filters, sorts and pages every candidate's representation in memory: how many match, and the page.
    func evaluate(_ candidates: [JSONObject]) -> (Int, [JSONObject]) {
        var resources = candidates
        if let residual { resources = resources.filter(residual.matches) }
        if let sorter { resources = sorter.sorted(resources) { $0 } }
        return (resources.count, Array(resources.dropFirst(pagination.offset).prefix(pagination.count)))
    }
}
