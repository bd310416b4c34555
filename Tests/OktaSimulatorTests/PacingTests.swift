import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckTestSupport
import SCIMCore
import Synchronization
import Testing

/// Concurrency and rate-limit handling are parameters (okta-behavior §9.3, simulator requirement 21).
@Suite struct PacingTests {
    /// A target that answers after a pause and remembers how many requests were in flight at once.
    final class SlowTarget: Transport {
        let inFlight = Mutex((now: 0, most: 0))
        let scripted = target([("GET /Users?filter", 200, emptyList), ("POST /Users", 201, createdUser)])

        func send(_ request: HTTPRequest) async throws(TransportError) -> Exchange {
            inFlight.withLock { $0 = (now: $0.now + 1, most: max($0.most, $0.now + 1)) }
            try? await Task.sleep(for: .milliseconds(40))
            inFlight.withLock { $0.now -= 1 }
            return try await scripted.send(request)
        }
    }

    func assignGroup(of size: Int, pacing: OktaPacing) async -> (SlowTarget, [OktaTask]) {
        let transport = SlowTarget()
        let session = Session(context: context(transport, baseURL: "https://scim.example.com/scim/v2"))
        let okta = OktaEngine(
            session: session, app: OktaApp(name: "SCIM App"), randomness: FixedRandomness(), pacing: pacing)
        let group = okta.createGroup(name: "Everyone")
        for index in 0..<size {
            await okta.addToGroup(
                okta.createUser(login: "user\(index)@example.com", firstName: "U", lastName: "\(index)"), group)
        }
        return (transport, await okta.assign(group: group))
    }

    @Test("A group assignment provisions one member at a time by default, N at a time with concurrency N")
    func concurrency() async {
        let (serial, serialTasks) = await assignGroup(of: 4, pacing: OktaPacing())
        #expect(serial.inFlight.withLock { $0.most } == 1)
        #expect(serialTasks.count == 4 && serialTasks.allSatisfy(\.succeeded))

        let (parallel, parallelTasks) = await assignGroup(of: 4, pacing: OktaPacing(concurrency: 2))
        #expect(parallel.inFlight.withLock { $0.most } == 2)
        #expect(parallelTasks.count == 4 && parallelTasks.allSatisfy(\.succeeded))
        #expect(parallel.scripted.sent.filter { $0.method == "POST" }.count == 4)
    }

    @Test("429 past the retry limit fails the task; a long Retry-After is cut to the pacing's maximum")
    func retryLimit() async {
        let transport = ScriptedTransport { request in
            request.method == "GET" ? (200, [], emptyList) : (429, ["Retry-After: 3600"], #"{"detail":"slow down"}"#)
        }
        let session = Session(context: context(transport, baseURL: "https://scim.example.com/scim/v2"))
        let okta = OktaEngine(
            session: session, app: OktaApp(name: "SCIM App"), randomness: FixedRandomness(),
            pacing: OktaPacing(retryLimit: 2, maxRetryAfterSeconds: 0))
        let task = await okta.assign(okta.createUser(login: "a@example.com", firstName: "A", lastName: "B"))
        #expect(transport.sent.filter { $0.method == "POST" }.count == 3)
        #expect(task.status == .failed && task.httpStatus == 429)
        #expect(task.message.hasSuffix("Too Many Requests. Errors reported by remote server: slow down"))
    }
}
