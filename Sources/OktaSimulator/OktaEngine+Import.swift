import SCIMCheckKit
import SCIMCore

extension OktaEngine {
    /// What an import read from the app: the resources of every page, and the task.
    public struct ImportResult: Sendable {
        /// The resources, in the order the pages returned them.
        public var resources: [JSONValue]
        /// The import's task.
        public var task: OktaTask
    }

    /// Imports users ("Import Now"): `GET /Users?startIndex=N&count=100` for N = 1, 101, 201, … until
    /// `totalResults` is covered (okta-behavior §3, simulator requirement 19). An app without import
    /// (``OktaApp/Provisioning/importEnabled``, off for NinjaOne) gets a failed task and no request.
    public func importUsers() async -> ImportResult { await importPages("/Users", action: "Import users") }

    /// Imports groups the same way from `/Groups`.
    public func importGroups() async -> ImportResult { await importPages("/Groups", action: "Import groups") }

    private func importPages(_ path: String, action: String) async -> ImportResult {
        guard app.provisioning.importEnabled else {
            let task = OktaTask(
                action: action, status: .failed, message: OktaMessages.importNotSupported(app: app.name))
            return ImportResult(resources: [], task: record(task))
        }
        var resources: [JSONValue] = []
        var startIndex = 1
        let prefix = "Import from app \(app.name) failed"
        while true {
            let page = await perform(
                client.request("GET", path, query: [("startIndex", String(startIndex)), ("count", "100")]))
            let response: Response
            switch page {
            case .failure(let error):
                return ImportResult(
                    resources: resources, task: record(Self.failedTask(action, prefix: prefix, error: error)))
            case .success(let answer): response = answer
            }
            guard (200..<300).contains(response.status), let body = response.json?.objectValue else {
                return ImportResult(
                    resources: resources, task: record(Self.failedTask(action, prefix: prefix, response: response)))
            }
            guard let total = body.member(caseInsensitive: "totalResults")?.value.intValue else {
                let task = OktaTask(
                    action: action, status: .failed, message: "\(prefix): totalResults is missing or not a number",
                    httpStatus: response.status)
                return ImportResult(resources: resources, task: record(task))
            }
            let items = body.member(caseInsensitive: "Resources")?.value.arrayValue ?? []
            resources += items
            startIndex += 100
            if items.isEmpty || startIndex > total || Task.isCancelled {
                let task = OktaTask(
                    action: action, status: .succeeded, message: "imported \(resources.count) of \(total)",
                    httpStatus: response.status)
                return ImportResult(resources: resources, task: record(task))
            }
        }
    }
}
