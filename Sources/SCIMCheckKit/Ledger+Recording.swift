import Foundation
import SCIMCheckHTTP
import SCIMCore

extension Ledger {
    /// The creates a request is about to attempt, each recorded as an intent before it is sent.
    struct PendingCreates: Sendable {
        /// One create: its sequence number, type, and for `/Bulk` its `bulkId`.
        struct Create: Sendable {
            var sequence: Int
            var type: LedgerResourceType
            var bulkID: String?
        }

        var creates: [Create]
        var bulk: Bool
        /// A bulk request's `failOnErrors`: after that many errors the server stops processing (RFC 7644 §3.7.3).
        var failOnErrors: Int? = nil
    }

    /// Records the intents of `request` when it creates resources: `POST /Users`, `POST /Groups`, or
    /// the `POST` operations of a `POST /Bulk` (RFC 7644 §3.7). Other requests record nothing.
    func willSend(_ request: HTTPRequest, baseURL: String) throws(HarnessError) -> PendingCreates? {
        guard request.method == "POST", let path = LedgerPath(request.url, baseURL: baseURL) else { return nil }
        let body = request.body.flatMap { try? JSONValue.parse($0.bytes) }
        if path.segments.count == 1, let type = LedgerResourceType(rawValue: path.segments[0]) {
            let marker = body?[type.markerAttribute]?.stringValue
            return PendingCreates(
                creates: [.init(sequence: try recordIntent(type, marker: marker), type: type)], bulk: false)
        }
        guard path.segments == ["Bulk"], let operations = body?["Operations"]?.arrayValue else { return nil }
        var creates: [PendingCreates.Create] = []
        for operation in operations where operation["method"]?.stringValue?.uppercased() == "POST" {
            let target = operation["path"]?.stringValue ?? ""
            guard let type = LedgerResourceType(rawValue: target.trimmingCharacters(in: ["/"])) else { continue }
            let marker = operation["data"]?[type.markerAttribute]?.stringValue
            creates.append(
                .init(
                    sequence: try recordIntent(type, marker: marker), type: type,
                    bulkID: operation["bulkId"]?.stringValue))
        }
        return creates.isEmpty
            ? nil : PendingCreates(creates: creates, bulk: true, failOnErrors: body?["failOnErrors"]?.intValue)
    }

    /// Records what the response to `request` did: the ids of `pending` creates (or that they were
    /// refused), and removals by `DELETE` answered 2xx or 404.
    ///
    /// A create whose answer names no id stays an open intent, found later by its marker.
    func didSend(
        _ request: HTTPRequest, pending: PendingCreates?, response: HTTPResponse, baseURL: String
    ) throws(HarnessError) {
        if let pending {
            let body = try? JSONValue.parse(response.body.bytes)
            if pending.bulk {
                try recordBulk(pending, body: body, status: response.status)
            } else if let create = pending.creates.first {
                try recordOutcome(create, status: response.status, id: body?["id"]?.stringValue)
            }
            return
        }
        guard request.method == "DELETE", (200..<300).contains(response.status) || response.status == 404,
            let path = LedgerPath(request.url, baseURL: baseURL), path.segments.count == 2,
            let type = LedgerResourceType(rawValue: path.segments[0])
        else { return }
        try append(Entry(event: .removed, type: type, id: path.segments[1]))
    }

    private func recordOutcome(_ create: PendingCreates.Create, status: Int, id: String?) throws(HarnessError) {
        if (200..<300).contains(status) {
            guard let id else { return }
            try append(Entry(event: .created, sequence: create.sequence, type: create.type, id: id))
        } else if (400..<500).contains(status) {
            try append(Entry(event: .notCreated, sequence: create.sequence, type: create.type))
        }
    }

    /// Matches a BulkResponse's operations to the creates by `bulkId`, else by position among the POSTs.
    private func recordBulk(_ pending: PendingCreates, body: JSONValue?, status: Int) throws(HarnessError) {
        guard (200..<300).contains(status) else {
            if (400..<500).contains(status) {
                for create in pending.creates { try recordOutcome(create, status: status, id: nil) }
            }
            return
        }
        let results = body?["Operations"]?.arrayValue ?? []
        let posts = results.filter { $0["method"]?.stringValue?.uppercased() == "POST" }
        // A server that names its POST results by bulkId answers each create by it; one that does not answers
        // them in order. Once failOnErrors is reached the server stops (RFC 7644 §3.7.3): a create it did not
        // answer was never processed. Without failOnErrors reached, an unanswered create stays open (marker search).
        let errors = results.filter { (Self.status(of: $0) ?? 0) >= 400 }.count
        let stopped = pending.failOnErrors.map { $0 > 0 && errors >= $0 } ?? false
        let namesBulkIDs = posts.contains { $0["bulkId"]?.stringValue != nil }
        for (index, create) in pending.creates.enumerated() {
            let answer: JSONValue? =
                namesBulkIDs && create.bulkID != nil
                ? posts.first(where: { $0["bulkId"]?.stringValue == create.bulkID })
                : posts.indices.contains(index) ? posts[index] : Optional.none  // not JSON null
            guard let answer else {
                if stopped { try append(Entry(event: .notCreated, sequence: create.sequence, type: create.type)) }
                continue
            }
            guard let code = Self.status(of: answer) else { continue }
            let id = answer["location"]?.stringValue.flatMap { $0.split(separator: "/").last.map(String.init) }
            try recordOutcome(create, status: code, id: id.map { $0.removingPercentEncoding ?? $0 })
        }
    }

    /// A bulk result's `status`: a string per RFC 7644 §3.7.3, or a number from lenient servers.
    private static func status(of result: JSONValue) -> Int? {
        result["status"]?.stringValue.flatMap { Int($0) } ?? result["status"]?.intValue
    }
}

/// The path of a request URL below the run's base URL, split into decoded segments.
struct LedgerPath {
    /// The segments, such as `["Users", "2819c223"]`.
    let segments: [String]

    /// `nil` when `url` is not below `baseURL`.
    init?(_ url: String, baseURL: String) {
        guard url.hasPrefix(baseURL) else { return nil }
        let rest = url.dropFirst(baseURL.count)
        let path = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard path.isEmpty || path.hasPrefix("/") else { return nil }
        segments = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
    }
}
