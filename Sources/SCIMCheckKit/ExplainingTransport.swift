import Foundation
import SCIMCheckHTTP
import SCIMCore
import Synchronization

/// An offline transport that answers like a small, well-behaved SCIM server, so a scenario's own code
/// runs to its end and shows the requests it sends (`scimcheck explain`, DESIGN §8.16).
///
/// Nothing leaves the process. Created resources are echoed back with a stand-in id
/// (``placeholders`` maps each to a name such as `{user.id}`), kept, and found again by id or by an
/// `eq` filter; `/ServiceProviderConfig` advertises every capability; deletes answer 204, unknown ids 404.
/// The answers only steer the scenario: they are never judged.
final class ExplainingTransport: Transport {
    private struct Store {
        var resources: [LedgerResourceType: [(id: String, body: JSONObject)]] = [:]
        var placeholders: [(standIn: String, name: String)] = []
    }

    private let store = Mutex(Store())
    private let baseURL: String

    /// Creates a transport answering for `baseURL`.
    init(baseURL: String) {
        self.baseURL = baseURL
    }

    /// Each stand-in id given out so far and the placeholder it stands for, in order of creation.
    var placeholders: [(standIn: String, name: String)] { store.withLock { $0.placeholders } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> Exchange {
        let (status, body, location) = answer(request)
        var headerLines = ["Content-Type: application/scim+json"]
        if let location { headerLines.append("Location: \(location)") }
        let response = HTTPResponse(
            statusLine: "HTTP/1.1 \(status)", status: status, headerLines: headerLines,
            body: Body(body.map { $0.serializedBytes() } ?? []))
        return Exchange(request: request, response: response)
    }

    private func answer(_ request: HTTPRequest) -> (Int, JSONValue?, String?) {
        guard let path = LedgerPath(request.url, baseURL: baseURL) else { return Self.error(404) }
        let body = request.body.flatMap { try? JSONValue.parse($0.bytes) }
        let query = request.url.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        let segments = path.segments
        if segments == ["ServiceProviderConfig"] { return (200, Self.serviceProviderConfig, nil) }
        if segments == ["ResourceTypes"] || segments == ["Schemas"] { return (200, Self.list([]), nil) }
        if segments == ["Bulk"], request.method == "POST" { return (200, bulk(body), nil) }
        guard (1...2).contains(segments.count), let type = LedgerResourceType(rawValue: segments[0]) else {
            return Self.error(404)
        }
        switch (request.method, segments.count == 2 ? segments[1] : nil) {
        case ("POST", ".search"):
            return (200, list(type, filter: body?["filter"]?.stringValue), nil)
        case ("POST", nil):
            return create(type, body?.objectValue)
        case (_, nil):
            return (200, list(type, filter: Self.parameter("filter", in: query)), nil)
        case (let method, let id?):
            return update(type, id: id, method: method, body: body?.objectValue)
        }
    }

    private func create(_ type: LedgerResourceType, _ body: JSONObject?) -> (Int, JSONValue?, String?) {
        guard var resource = body, let marker = resource[type.markerAttribute]?.stringValue else {
            return Self.error(400, scimType: "invalidValue")
        }
        return store.withLock { store in
            let existing = store.resources[type, default: []]
            if existing.contains(where: {
                $0.body[type.markerAttribute]?.stringValue?.lowercased() == marker.lowercased()
            }) {
                return Self.error(409, scimType: "uniqueness")
            }
            let number = store.placeholders.count + 1
            let standIn = String(format: "5c1dc4ec-0000-4000-8000-%012d", number)
            let sameType = store.placeholders.filter { $0.name.hasPrefix("{\(type.noun)") }.count
            store.placeholders.append((standIn, "{\(type.noun)\(sameType == 0 ? "" : String(sameType + 1)).id}"))
            let location = "\(baseURL)\(type.path)/\(standIn)"
            resource["id"] = .string(standIn)
            resource["meta"] = [
                "resourceType": .string(type == .users ? "User" : "Group"), "location": .string(location),
            ]
            resource["password"] = nil
            store.resources[type, default: []].append((standIn, resource))
            return (201, .object(resource), location)
        }
    }

    private func update(
        _ type: LedgerResourceType, id: String, method: String, body: JSONObject?
    ) -> (Int, JSONValue?, String?) {
        store.withLock { store in
            guard let index = store.resources[type, default: []].firstIndex(where: { $0.id == id }) else {
                return Self.error(404)
            }
            var resource = store.resources[type]![index].body
            switch method {
            case "DELETE":
                store.resources[type]!.remove(at: index)
                return (204, nil, nil)
            case "PUT":
                if let body { resource = Self.merging(body, into: JSONObject(), id: id, meta: resource["meta"]) }
            case "PATCH":
                for operation in body?["Operations"]?.arrayValue ?? [] {
                    guard operation["path"] == nil, let value = operation["value"]?.objectValue else { continue }
                    resource = Self.merging(value, into: resource, id: id, meta: resource["meta"])
                }
            default:
                break
            }
            store.resources[type]![index].body = resource
            return (200, .object(resource), nil)
        }
    }

    private static func merging(
        _ values: JSONObject, into resource: JSONObject, id: String, meta: JSONValue?
    )
        -> JSONObject
    {
        var merged = resource
        for (key, value) in values where key != "password" { merged[key] = value }
        merged["id"] = .string(id)
        merged["meta"] = meta
        return merged
    }

    /// The stored resources of `type`, narrowed by an `attribute eq "value"` filter when one is given; any
    /// other filter matches nothing.
    private func list(_ type: LedgerResourceType, filter: String?) -> JSONValue {
        let resources = store.withLock { $0.resources[type, default: []].map(\.body) }
        guard let filter else { return Self.list(resources) }
        let parts = filter.split(separator: " ", maxSplits: 2)
        guard parts.count == 3, parts[1].lowercased() == "eq", parts[2].hasPrefix("\""), parts[2].hasSuffix("\"") else {
            return Self.list([])
        }
        let value = parts[2].dropFirst().dropLast().lowercased()
        return Self.list(
            resources.filter { $0.member(caseInsensitive: String(parts[0]))?.value.stringValue?.lowercased() == value })
    }

    private func bulk(_ body: JSONValue?) -> JSONValue {
        var answers: [JSONValue] = []
        for operation in body?["Operations"]?.arrayValue ?? [] {
            let method = operation["method"]?.stringValue?.uppercased() ?? ""
            let path = operation["path"]?.stringValue ?? ""
            var answer = JSONObject([("method", .string(method))])
            if let bulkID = operation["bulkId"] { answer["bulkId"] = bulkID }
            if method == "POST", let type = LedgerResourceType(rawValue: path.trimmingCharacters(in: ["/"])) {
                let (status, created, location) = create(type, operation["data"]?.objectValue)
                answer["status"] = .string(String(status))
                if let location { answer["location"] = .string(location) }
                if status >= 400 { answer["response"] = created }
            } else {
                answer["status"] = .string(method == "DELETE" ? "204" : "200")
                answer["location"] = .string(baseURL + path)
            }
            answers.append(.object(answer))
        }
        return ["schemas": [.string(SCIMURN.bulkResponse)], "Operations": .array(answers)]
    }

    private static func list(_ resources: [JSONObject]) -> JSONValue {
        [
            "schemas": [.string(SCIMURN.listResponse)], "totalResults": .int(resources.count), "startIndex": 1,
            "itemsPerPage": .int(resources.count), "Resources": .array(resources.map(JSONValue.object)),
        ]
    }

    private static func error(_ status: Int, scimType: String? = nil) -> (Int, JSONValue?, String?) {
        var body = JSONObject([("schemas", [.string(SCIMURN.error)]), ("status", .string(String(status)))])
        if let scimType { body["scimType"] = .string(scimType) }
        return (status, .object(body), nil)
    }

    private static func parameter(_ name: String, in query: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0] == name else { continue }
            return String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
        return nil
    }

    private static let serviceProviderConfig: JSONValue = [
        "schemas": [.string(SCIMURN.serviceProviderConfig)],
        "patch": ["supported": true], "bulk": ["supported": true, "maxOperations": 100, "maxPayloadSize": 1_048_576],
        "filter": ["supported": true, "maxResults": 200], "changePassword": ["supported": true],
        "sort": ["supported": true], "etag": ["supported": true],
        "authenticationSchemes": [
            ["type": "oauthbearertoken", "name": "OAuth Bearer Token", "description": "Bearer token", "primary": true]
        ],
    ]
}
