import Foundation
import Hummingbird
import Logging
import SCIMCore

/// `/Users` and `/Users/{id}`: list with the `userName eq` filter and paging, create, read and delete.
struct UsersEndpoint: Sendable {
    let server: ServerContext

    /// `GET /Users` (RFC 7644 §3.4.2): a ListResponse page (checklist LST-01 to LST-13).
    func list(_ request: Request, context: some RequestContext) async throws -> Response {
        let parameters = QueryParameters(query: request.uri.query)
        let configuration = server.configuration
        let pagination = try Pagination(
            parameters: parameters, defaultCount: configuration.defaultPageSize, maxCount: configuration.maxPageSize)
        var criterion = UserQuery.Criterion.all
        if let found = parameters["filter"] {
            guard let text = found else { throw SCIMError.invalidFilter("the filter is not valid UTF-8") }
            criterion = try UserFilterSupport.criterion(for: text)
        }
        let page = try await server.store.users(
            matching: UserQuery(criterion: criterion, offset: pagination.offset, limit: pagination.count))
        let base = server.baseURL(for: request)
        var body = JSONObject()
        body["schemas"] = [.string(SCIMURN.listResponse)]
        body["totalResults"] = .int(page.totalResults)
        body["itemsPerPage"] = .int(page.users.count)
        body["startIndex"] = .int(pagination.startIndex)
        body["Resources"] = .array(page.users.map { UserRepresentation.render($0, location: location(base, $0.id)) })
        return SCIMResponse.json(.object(body))
    }

    /// `POST /Users` (RFC 7644 §3.3): 201 with the full resource and its `Location` (CRT-01 to CRT-17).
    func create(_ request: Request, context: some RequestContext) async throws -> Response {
        let body = try await server.bodyReader.readObject(from: request)
        let input = try UserInput(body: body)
        let now = SCIMTimestamp.now()
        let record = UserRecord(
            id: UUID().uuidString.lowercased(), userName: input.userName,
            userNameKey: UserRepresentation.userNameKey(input.userName), externalId: input.externalId,
            displayName: input.displayName, active: input.active, created: now, lastModified: now, version: 1,
            resource: input.resource, passwordHash: input.password.map { server.passwordHasher.hash($0) })
        do {
            try await server.store.insertUser(record)
        } catch SCIMStoreError.uniqueness {
            // RFC 7644 §3.3: a duplicate create MUST be 409 with scimType uniqueness (UNQ-01, UNQ-02).
            throw SCIMError(
                .conflict, scimType: .uniqueness,
                detail: "a User with userName \"\(SCIMError.excerpt(input.userName))\" already exists "
                    + "(userName is unique regardless of letter case)")
        }
        context.logger.debug("Created a user", metadata: ["id": "\(record.id)"])
        let location = location(server.baseURL(for: request), record.id)
        return SCIMResponse.json(
            UserRepresentation.render(record, location: location), status: .created,
            headers: [.location: location])
    }

    /// `GET /Users/{id}` (RFC 7644 §3.4.1): 200 with the resource, or 404 (GET-01, GET-02).
    func read(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let record = try await server.store.user(id: id) else { throw Self.notFound(id) }
        let location = location(server.baseURL(for: request), record.id)
        return SCIMResponse.json(
            UserRepresentation.render(record, location: location))
    }

    /// `DELETE /Users/{id}` (RFC 7644 §3.6): 204 without a body, then 404 for good (DEL-01, DEL-02).
    func delete(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard try await server.store.deleteUser(id: id) else { throw Self.notFound(id) }
        context.logger.debug("Deleted a user", metadata: ["id": "\(id)"])
        return Response(status: .noContent)
    }

    private func location(_ base: String, _ id: String) -> String {
        "\(base)/Users/\(id)"
    }

    static func notFound(_ id: String) -> SCIMError {
        SCIMError.notFound("User \(SCIMError.excerpt(id)) not found")
    }
}

/// The filters `GET /Users` evaluates in this version: `userName eq "…"`, matched case-insensitively.
enum UserFilterSupport {
    /// The store criterion for a filter text.
    /// - Throws: 400 `invalidFilter` for a malformed filter and for one this version cannot evaluate, saying which.
    static func criterion(for text: String) throws -> UserQuery.Criterion {
        let filter: SCIMFilter
        do {
            filter = try SCIMFilter.parse(text)
        } catch {
            throw SCIMError.invalidFilter("the filter is malformed: \(error.description)")
        }
        switch filter {
        case .compare(let path, .eq, .string(let value)) where path.names("userName", in: SCIMURN.coreUser):
            // userName is caseExact false (RFC 7643 §4.1.1), so eq ignores case (FILT-06, UNQ-08).
            return .userNameKey(UserRepresentation.userNameKey(value))
        case .compare(let path, .eq, let value) where path.names("userName", in: SCIMURN.coreUser):
            throw SCIMError.invalidFilter(
                "userName is a string; compare it with a string in double quotes, not \(value.typeName)")
        case .compare(let path, let op, _) where path.names("userName", in: SCIMURN.coreUser):
            throw SCIMError.invalidFilter("the operator '\(op.rawValue)' is not supported; \(supported)")
        case .compare(let path, _, _), .present(let path), .valuePath(let path, _):
            let attribute = SCIMError.excerpt(path.description)
            throw SCIMError.invalidFilter(
                "filtering on '\(attribute)' with '\(filter.summary)' is not supported; \(supported)")
        case .and, .or, .not:
            throw SCIMError.invalidFilter("the logical operator '\(filter.summary)' is not supported; \(supported)")
        }
    }

    private static let supported = "this server supports only filters of the form userName eq \"value\""
}
