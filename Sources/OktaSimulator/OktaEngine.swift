import Foundation
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore
import Synchronization

/// The Okta org and one app instance, driven by admin actions that the engine turns into Okta's requests.
///
/// Reach it from a scenario as `s.okta` (one engine per scenario). Admin actions (`assign`, `unassign`,
/// `updateProfile`, `deactivate`, `reactivate`, `suspend`, `resetPassword`, `pushGroup`, `addToGroup`,
/// `removeFromGroup`, `renameGroup`, `unlinkPushedGroup`, `testAPICredentials`) change the model, send
/// the requests in Okta's order with Okta's headers and bodies, read the answers as Okta does, and
/// record ``OktaTask``s. Scenarios then assert on the exchanges, the tasks and the target's state.
public final class OktaEngine: Sendable {
    /// The wire layer.
    public let client: OktaClient
    /// Where ids and passwords come from.
    public let randomness: any OktaRandomness
    /// Concurrency and rate-limit handling.
    public let pacing: OktaPacing
    let state: Mutex<State>

    struct State {
        var org = OktaOrg()
        var app: OktaApp
        var appUsers: [String: OktaAppUser] = [:]
        var pushedGroups: [String: String] = [:]
        var tasks: [OktaTask] = []
        var sequence = 0
    }

    /// Creates an engine for `app` on `session`'s target.
    public init(
        session: Session, app: OktaApp = .ninjaOne, randomness: any OktaRandomness = SystemOktaRandomness(),
        pacing: OktaPacing = OktaPacing()
    ) {
        self.client = OktaClient(
            session: session, settings: (try? OktaSettings(session.context.settings)) ?? OktaSettings())
        self.randomness = randomness
        self.pacing = pacing
        self.state = Mutex(State(app: app))
    }

    /// The engine's settings (`--okta-app`, `--okta-option`).
    public var settings: OktaSettings { client.settings }

    /// The tasks recorded so far, oldest first.
    public var tasks: [OktaTask] { state.withLock { $0.tasks } }

    /// The org as it is now.
    public var org: OktaOrg { state.withLock { $0.org } }

    /// The app as it is now.
    public var app: OktaApp { state.withLock { $0.app } }

    /// What Okta knows of `user` in the app, if it is assigned.
    public func appUser(_ user: OktaUser) -> OktaAppUser? { state.withLock { $0.appUsers[user.id] } }

    /// The target's group id of a pushed group.
    public func pushedGroupID(_ group: OktaGroup) -> String? { state.withLock { $0.pushedGroups[group.id] } }

    /// Changes the app's configuration (toggles, profile, mappings).
    public func configure(_ change: (inout OktaApp) -> Void) {
        state.withLock { change(&$0.app) }
    }

    // MARK: Org administration (no wire traffic)

    /// Adds an active user to the org. `login` is the Okta username and the default app username.
    @discardableResult
    public func createUser(
        login: String, firstName: String, lastName: String, email: String? = nil, extra: JSONObject = JSONObject()
    ) -> OktaUser {
        var profile = JSONObject([
            ("login", .string(login)), ("firstName", .string(firstName)), ("lastName", .string(lastName)),
            ("email", .string(email ?? login)), ("displayName", .string("\(firstName) \(lastName)")),
            ("locale", "en-US"),
        ])
        for (key, value) in extra { profile[key] = value }
        let user = OktaUser(id: randomness.userID(), profile: profile)
        state.withLock { $0.org.users[user.id] = user }
        return user
    }

    /// Adds a group to the org.
    @discardableResult
    public func createGroup(name: String) -> OktaGroup {
        state.withLock { state in
            state.sequence += 1
            let group = OktaGroup(id: randomness.groupID(), name: name, memberIDs: [], created: state.sequence)
            state.org.groups[group.id] = group
            return group
        }
    }

    /// A mapper over the app and org as they are now.
    var mapper: OktaProfileMapper {
        state.withLock { OktaProfileMapper(app: $0.app, org: $0.org, settings: settings) }
    }

    /// The current record of `user` (profile and status may have changed since it was created).
    public func current(_ user: OktaUser) -> OktaUser { state.withLock { $0.org.users[user.id] } ?? user }

    /// The current record of `group`.
    public func current(_ group: OktaGroup) -> OktaGroup { state.withLock { $0.org.groups[group.id] } ?? group }

    // MARK: Shared machinery

    @discardableResult
    func record(_ task: OktaTask) -> OktaTask {
        state.withLock { $0.tasks.append(task) }
        return task
    }

    /// Sends `request`, honouring 429 `Retry-After` up to the pacing's retry limit (okta-behavior §9.2,
    /// simulator requirement 21); returns the final response or the transport failure's message.
    func perform(_ request: HTTPRequest) async -> Result<Response, HarnessError> {
        var attempt = 0
        while true {
            let response: Response
            do {
                response = try await client.session.send(request)
            } catch let error as HarnessError {
                return .failure(error)
            } catch {
                return .failure(HarnessError(.transport, "\(error)"))
            }
            guard response.status == 429, attempt < pacing.retryLimit, !Task.isCancelled else {
                return .success(response)
            }
            attempt += 1
            let seconds = response.header("Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            let wait = min(seconds ?? pacing.defaultRetryAfterSeconds, pacing.maxRetryAfterSeconds)
            try? await Task.sleep(for: .seconds(wait))
        }
    }

    /// Sends `request` and turns the answer into a task: any 2xx succeeds, anything else (or no answer)
    /// fails with Okta's message pattern.
    func task(for request: HTTPRequest, action: String, prefix: String) async -> OktaTask {
        switch await perform(request) {
        case .failure(let error):
            return Self.failedTask(action, prefix: prefix, error: error)
        case .success(let response):
            guard (200..<300).contains(response.status) else {
                return Self.failedTask(action, prefix: prefix, response: response)
            }
            return OktaTask(
                action: action, status: .succeeded, message: "\(request.method) answered \(response.status)",
                httpStatus: response.status)
        }
    }

    /// The SCIM error `detail` of a response, else a short excerpt of its body.
    static func detail(of response: Response) -> String? {
        if let detail = response.json?.objectValue?.member(caseInsensitive: "detail")?.value.stringValue {
            return detail
        }
        guard let body = response.exchange.response?.body, !body.isEmpty else { return nil }
        return response.bodyExcerpt
    }

    /// A failed task for a non-success `response` to step `what` of an action.
    static func failedTask(
        _ action: String, prefix: String, response: Response
    ) -> OktaTask {
        OktaTask(
            action: action, status: .failed,
            message: OktaMessages.failure(
                prefix, reason: OktaMessages.reasonPhrase(response.status), detail: detail(of: response)),
            httpStatus: response.status)
    }

    /// A failed task for a transfer that got no response (timeout, refused connection).
    static func failedTask(_ action: String, prefix: String, error: HarnessError) -> OktaTask {
        OktaTask(action: action, status: .failed, message: "\(prefix): \(error.message)")
    }

    /// The path of a resource on the target, with the id percent-encoded as one segment.
    static func path(_ collection: String, _ id: String) -> String {
        "/\(collection)/\(URLPathSegment.encode(id))"
    }
}

extension Session {
    /// The scenario's Okta engine (created on first use with the NinjaOne OIN app and the run's settings).
    public var okta: OktaEngine {
        attachment(OktaEngine.self) { OktaEngine(session: self) }
    }
}
