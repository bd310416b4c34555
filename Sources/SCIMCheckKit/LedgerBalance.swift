import Foundation

/// What a ledger says is still on the target: every create not followed by its removal, oldest first.
public struct LedgerBalance: Sendable, Hashable {
    /// One resource the kit created (or may have created) and has not removed.
    public struct Item: Sendable, Hashable {
        /// The create's sequence number in the ledger, when it was recorded as an intent.
        public var sequence: Int?
        /// The resource's type.
        public var type: LedgerResourceType
        /// The server-assigned id, when the create's answer was recorded.
        public var id: String?
        /// The run-unique value the create carried (`userName` or `displayName`).
        public var marker: String?
        /// The run tag of the run that created it.
        public var runTag: String?
        /// Whether DELETE was refused and the resource was deactivated instead.
        public var deactivated: Bool
        /// When the create was recorded.
        public var time: Date

        /// Whether `marker` carries its run's tag as the kit writes it (`scimcheck-<tag>-`), so a search by
        /// marker can only find resources this run created.
        public var markerIsRunUnique: Bool {
            guard let marker, let runTag, !runTag.isEmpty else { return false }
            return marker.contains("scimcheck-\(runTag)-")
        }
    }

    /// The target the ledger's last run line names.
    public let target: String?
    /// The resources still outstanding, in creation order.
    public let items: [Item]

    /// Folds `entries` into what remains.
    public init(_ entries: [Ledger.Entry]) {
        var target: String?
        var runTag: String?
        var items: [Item] = []
        for entry in entries {
            switch entry.event {
            case .run:
                target = entry.target ?? target
                runTag = entry.runTag
            case .intent:
                guard let type = entry.type else { continue }
                items.append(
                    Item(
                        sequence: entry.sequence, type: type, id: nil, marker: entry.marker, runTag: runTag,
                        deactivated: false, time: entry.time))
            case .created:
                if let index = items.firstIndex(where: { $0.sequence != nil && $0.sequence == entry.sequence }) {
                    items[index].id = entry.id
                }
            case .notCreated:
                items.removeAll { $0.sequence != nil && $0.sequence == entry.sequence }
            case .removed:
                items.removeAll { $0.type == entry.type && $0.id != nil && $0.id == entry.id }
            case .deactivated:
                for index in items.indices where items[index].type == entry.type && items[index].id == entry.id {
                    items[index].deactivated = true
                }
            }
        }
        self.target = target
        self.items = items
    }
}
