import Foundation
import SCIMCheckHTTP
import SCIMCore

/// Finishes the cleanup of an interrupted run from its ledger (`scimcheck cleanup --ledger FILE`).
///
/// Works through the ledger's outstanding resources newest first, like the run's own cleanups: a
/// resource with a recorded id is deleted (deactivated where DELETE is refused, DESIGN §8.5); a create
/// whose answer was never recorded is looked up by its run-unique marker (`userName` or `displayName`
/// equal to it, RFC 7644 §3.4.2.2) and each match is deleted. Markers without the run's tag are never
/// searched, so nothing the run did not create can be touched. Every removal is appended to the ledger,
/// so running it again does nothing more. A create found by nothing is written off as never created only
/// once it is older than the settle time: a server may still be finishing a create whose client was killed.
public struct LedgerCleanup: Sendable {
    /// What happened to one outstanding resource.
    public struct Action: Sendable, Hashable, CustomStringConvertible {
        /// The resource as the ledger listed it.
        public var item: LedgerBalance.Item
        /// The id acted on, when one was known or found.
        public var id: String?
        /// What came of it.
        public var result: Result

        /// The outcomes of one action.
        public enum Result: Sendable, Hashable {
            /// Removed (or already gone).
            case removed(Session.Removal)
            /// Deactivated or refused: still on the target.
            case left(Session.Removal)
            /// The create's marker matches nothing: it never took effect.
            case neverCreated
            /// The create's marker matches nothing yet, but the create is recent: look again later.
            case notFoundYet
            /// Neither an id nor a run-unique marker: it cannot be found safely.
            case unidentifiable
            /// The request failed.
            case failed(String)
        }

        public var description: String {
            let name = "\(item.type.noun) \(id ?? item.marker ?? "(unnamed)")"
            switch result {
            case .removed(.alreadyGone): return "\(name): already gone"
            case .removed: return "\(name): deleted"
            case .left(.deactivated(let status)):
                return "\(name): DELETE answered \(status); deactivated and left on the target"
            case .left(.refused(let status, let deactivation)):
                let tail = deactivation.map { ", deactivation \($0)" } ?? ""
                return "\(name): DELETE answered \(status)\(tail); left on the target"
            case .left: return "\(name): left on the target"
            case .neverCreated: return "\(name): not found by its marker; it was never created"
            case .notFoundYet: return "\(name): not found by its marker yet; run the cleanup again in a minute"
            case .unidentifiable: return "\(name): no id and no run-unique marker; find it by hand"
            case .failed(let message): return "\(name): \(message)"
            }
        }

        /// Whether the resource is accounted for (gone or never created).
        public var settled: Bool {
            switch result {
            case .removed, .neverCreated: true
            case .left, .notFoundYet, .unidentifiable, .failed: false
            }
        }
    }

    let ledger: Ledger
    let context: RunContext
    let settleTime: TimeInterval

    /// Creates a cleanup of `ledger` against the target of `context`; the context's own ledger is ignored.
    /// A create not found by its marker counts as never created once it is `settleTime` seconds old.
    public init(ledger: Ledger, context: RunContext, settleTime: TimeInterval = 60) {
        self.ledger = ledger
        self.settleTime = settleTime
        var context = context
        context.ledger = ledger
        self.context = context
    }

    /// Removes what the ledger lists as outstanding and returns one action per resource, in the order taken;
    /// with `skippingDeactivated`, resources already deactivated (DELETE refused) are not tried again.
    /// - Throws: ``HarnessError`` when the ledger cannot be read or written.
    public func run(skippingDeactivated: Bool = false) async throws(HarnessError) -> [Action] {
        let balance = LedgerBalance(try Ledger.read(ledger.url))
        let session = Session(context: context)
        let redactor = Redactor(secrets: context.credentials.secrets)
        var actions: [Action] = []
        for item in balance.items.reversed() where !(skippingDeactivated && item.deactivated) {
            do {
                actions += try await settle(item, session: session)
            } catch let error as HarnessError where error.code == .reportOutput {
                throw error
            } catch {
                let message = (error as? HarnessError)?.message ?? "\(error)"
                actions.append(Action(item: item, id: item.id, result: .failed(redactor.redact(message))))
            }
        }
        return actions
    }

    private func settle(_ item: LedgerBalance.Item, session: Session) async throws -> [Action] {
        if let id = item.id {
            let removal = try await session.removeCreated(item.type, id: id)
            return [Action(item: item, id: id, result: removal.isGone ? .removed(removal) : .left(removal))]
        }
        guard item.markerIsRunUnique, let marker = item.marker else {
            return [Action(item: item, id: nil, result: .unidentifiable)]
        }
        let ids = try await find(item.type, marker: marker, session: session)
        guard !ids.isEmpty else {
            guard Date().timeIntervalSince(item.time) >= settleTime else {
                return [Action(item: item, id: nil, result: .notFoundYet)]
            }
            try ledger.append(Ledger.Entry(event: .notCreated, sequence: item.sequence, type: item.type))
            return [Action(item: item, id: nil, result: .neverCreated)]
        }
        var actions: [Action] = []
        for id in ids {
            try ledger.append(Ledger.Entry(event: .created, sequence: item.sequence, type: item.type, id: id))
            let removal = try await session.removeCreated(item.type, id: id)
            actions.append(Action(item: item, id: id, result: removal.isGone ? .removed(removal) : .left(removal)))
        }
        return actions
    }

    /// The ids of resources whose marker attribute equals `marker` (compared without letter case, as
    /// `userName` is, RFC 7643 §4.1.1).
    private func find(_ type: LedgerResourceType, marker: String, session: Session) async throws -> [String] {
        let escaped = marker.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let response = try await session.get(
            type.path, query: URLQuery.string([("filter", "\(type.markerAttribute) eq \"\(escaped)\"")]))
        guard response.status == 200 else {
            throw HarnessError(.transport, "looking up \(marker) answered \(response.status)")
        }
        return (response.json?["Resources"]?.arrayValue ?? []).compactMap { resource in
            guard resource[type.markerAttribute]?.stringValue?.lowercased() == marker.lowercased() else { return nil }
            return resource["id"]?.stringValue
        }
    }
}
