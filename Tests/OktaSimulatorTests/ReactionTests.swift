import CurlTransport
import Foundation
import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckTestSupport
import SCIMCore
import Synchronization
import Testing

/// How the engine reads answers, as Okta does (okta-behavior §2.3, §2.5, §5.1, §9.2).
@Suite struct ReactionTests {
    func assignTestUser(_ transport: ScriptedTransport) async -> (OktaEngine, OktaUser, OktaTask) {
        let okta = engine(transport)
        let user = okta.createUser(login: "test.user@okta.local", firstName: "Test", lastName: "User")
        let task = await okta.assign(user)
        return (okta, user, task)
    }

    @Test("409 on create fails the task with Okta's words and does not link")
    func conflict() async {
        let transport = target([
            ("GET /Users?filter", 200, emptyList),
            (
                "POST /Users", 409,
                #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"User already exists in the database.","status":409}"#
            ),
        ])
        let (okta, user, task) = await assignTestUser(transport)
        #expect(!task.succeeded)
        #expect(
            task.message
                == "Automatic provisioning of user test.user@okta.local to app SCIM App failed: Error while creating user "
                + "Test User: Conflict. Errors reported by remote server: User already exists in the database.")
        #expect(okta.appUser(user)?.externalID == nil)
        #expect(transport.sent.count == 2)
    }

    @Test("A 201 without a user fails with \"Create new user returned empty user.\"")
    func emptyCreateBody() async {
        let transport = target([("GET /Users?filter", 200, emptyList), ("POST /Users", 201, "")])
        let (_, _, task) = await assignTestUser(transport)
        #expect(
            task.message
                == "Automatic provisioning of user test.user@okta.local to app SCIM App failed: Error while creating user "
                + "Test User: Create new user returned empty user.")
    }

    @Test("A 404 on the existence check means absent: Okta creates")
    func notFoundLookup() async {
        let transport = target([
            ("GET /Users?filter", 404, #"{"detail":"User not found","status":404}"#), ("POST /Users", 201, createdUser),
        ])
        let (_, _, task) = await assignTestUser(transport)
        #expect(task.succeeded)
        #expect(transport.sent.map(\.method) == ["GET", "POST"])
    }

    @Test("String paging numbers fail silently: no POST")
    func stringPaging() async {
        let transport = target([
            ("GET /Users?filter", 200, #"{"totalResults":0,"startIndex":"1","itemsPerPage":0,"Resources":[]}"#),
            ("POST /Users", 201, createdUser),
        ])
        let (_, _, task) = await assignTestUser(transport)
        #expect(!task.succeeded)
        #expect(task.message.contains("application.provision.user.sync FAILURE"))
        #expect(!transport.sent.contains { $0.method == "POST" })
    }

    @Test("Lowercase resources and totalresults are accepted: a hit links with GET then PUT")
    func lowercaseKeysLink() async {
        let transport = target([
            ("GET /Users?filter", 200, #"{"totalresults":1,"resources":[{"id":"\#(userID)"}]}"#),
            ("GET /Users/", 200, createdUser), ("PUT /Users/", 200, createdUser),
        ])
        let (okta, user, task) = await assignTestUser(transport)
        #expect(task.succeeded)
        #expect(transport.sent.map(\.method) == ["GET", "GET", "PUT"])
        #expect(okta.appUser(user)?.externalID == userID)
    }

    @Test("429 waits Retry-After, then retries by itself")
    func rateLimited() async {
        let attempts = Mutex(0)
        let transport = ScriptedTransport { request in
            if request.method == "GET" { return (200, [], emptyList) }
            let attempt = attempts.withLock { count in
                count += 1
                return count
            }
            return attempt == 1 ? (429, ["Retry-After: 1"], "{}") : (201, [], createdUser)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let (_, _, task) = await assignTestUser(transport)
        #expect(task.succeeded)
        #expect(transport.sent.filter { $0.method == "POST" }.count == 2)
        #expect(clock.now - start >= .seconds(1))
    }

    @Test("501 on the deactivation PATCH fails the task with no PUT fallback")
    func patchNotImplemented() async {
        let transport = target([
            ("GET /Users?filter", 200, emptyList), ("POST /Users", 201, createdUser),
            ("PATCH /Users/", 501, #"{"detail":"PATCH is not supported","status":"501"}"#),
        ])
        let (okta, user, _) = await assignTestUser(transport)
        let task = await okta.unassign(user)
        #expect(task?.succeeded == false)
        #expect(
            task?.message.contains("Not Implemented. Errors reported by remote server: PATCH is not supported") == true)
        #expect(!transport.sent.contains { $0.method == "PUT" })
        #expect(okta.appUser(user)?.status == .active)
    }

    @Test("401 during provisioning fails the task with Unauthorized and the remote detail")
    func unauthorized() async {
        let transport = target([("GET /Users?filter", 401, #"{"detail":"invalid token","status":"401"}"#)])
        let (_, _, task) = await assignTestUser(transport)
        #expect(
            task.message
                == "Automatic provisioning of user test.user@okta.local to app SCIM App failed: Error while verifying if "
                + "user test.user@okta.local exists: Unauthorized. Errors reported by remote server: invalid token")
    }

    @Test("5xx fails the task with the reason phrase and detail; Okta does not retry by itself")
    func serverError() async {
        let transport = target([
            ("GET /Users?filter", 200, emptyList),
            (
                "POST /Users", 503,
                #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"maintenance","status":"503"}"#
            ),
        ])
        let (okta, user, task) = await assignTestUser(transport)
        #expect(
            task
                == OktaTask(
                    action: "Provision user", status: .failed,
                    message: "Automatic provisioning of user test.user@okta.local to app SCIM App failed: Error while "
                        + "creating user Test User: Service Unavailable. Errors reported by remote server: maintenance",
                    httpStatus: 503))
        #expect(transport.sent.map(\.method) == ["GET", "POST"])
        #expect(okta.appUser(user)?.externalID == nil)
    }

    @Test("A timeout fails the task with the transport's message; nothing more is sent")
    func timeout() async throws {
        // A loopback listener that accepts connections and never answers.
        let (listener, port) = try await TestServers.start(URL(fileURLWithPath: "/usr/bin/python3")) { port in
            [
                "-c",
                "import socket, sys, time\ns = socket.socket()\ns.bind(('127.0.0.1', int(sys.argv[1])))\n"
                    + "s.listen(16)\ntime.sleep(60)",
                String(port),
            ]
        }
        defer { TestServers.stop(listener) }
        let transport = CurlTransport(options: TransportOptions(totalTimeoutMilliseconds: 300))
        let session = Session(context: context(transport, baseURL: "http://127.0.0.1:\(port)/scim/v2"))
        let okta = OktaEngine(session: session, app: OktaApp(name: "SCIM App"), randomness: FixedRandomness())
        let task = await okta.assign(
            okta.createUser(login: "test.user@okta.local", firstName: "Test", lastName: "User"))
        #expect(task.status == .failed && task.httpStatus == nil)
        #expect(
            task.message.hasPrefix(
                "Automatic provisioning of user test.user@okta.local to app SCIM App failed: Error while verifying if "
                    + "user test.user@okta.local exists: "))
        #expect(task.message.contains("timed out"), "\(task.message)")
        #expect(session.exchanges.count == 1)
    }

    @Test("No answer at all fails the task with the transport's message")
    func unreachable() async {
        let (_, _, task) = await assignTestUser(ScriptedTransport { _ in nil })
        #expect(!task.succeeded)
        #expect(task.message.contains("connection refused"))
    }

    @Test("Suspending sends nothing; deactivating in Okta deactivates the app user")
    func suspendAndDeactivate() async {
        let transport = target([
            ("GET /Users?filter", 200, emptyList), ("POST /Users", 201, createdUser),
            ("PATCH /Users/", 200, createdUser),
        ])
        let (okta, user, _) = await assignTestUser(transport)
        let before = transport.sent.count
        okta.suspend(user)
        #expect(transport.sent.count == before)
        await okta.reactivate(user)
        await okta.deactivate(user)
        #expect(transport.sent.last?.method == "PATCH")
        #expect(okta.appUser(user)?.status == .deactivated)
    }

    @Test("Reassigning a deactivated user reactivates it with PATCH active:true (OIN) [I]")
    func reassign() async throws {
        let transport = target([
            ("GET /Users?filter", 200, emptyList), ("POST /Users", 201, createdUser), ("PATCH /Users/", 204, ""),
        ])
        let (okta, user, _) = await assignTestUser(transport)
        await okta.unassign(user)
        await okta.assign(user)
        #expect(
            try json(transport.sent.last?.body)
                == JSONValue.parse(
                    #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":true}}]}"#
                ))
        #expect(okta.appUser(user)?.status == .active)
    }

    @Test("One group for assignment and Group Push is refused either way, with nothing sent (okta-behavior §7.1)")
    func assignedAndPushedGroup() async {
        let transport = target([
            ("GET /Groups?filter", 200, emptyList), ("POST /Groups", 201, #"{"id":"\#(groupID)"}"#),
        ])
        let okta = engine(transport)
        let assigned = okta.createGroup(name: "Assigned")
        await okta.assign(group: assigned)
        let refusedPush = await okta.pushGroup(assigned)
        #expect(
            refusedPush.message
                == "Pushing group Assigned to app SCIM App failed: Okta doesn't support using the same group for app "
                + "assignment and Group Push.")
        #expect(transport.sent.isEmpty)

        let pushed = okta.createGroup(name: "Pushed")
        #expect(await okta.pushGroup(pushed).succeeded)
        let sent = transport.sent.count
        let refusedAssignment = await okta.assign(group: pushed)
        #expect(refusedAssignment.map(\.status) == [.failed])
        #expect(refusedAssignment.first?.message.hasSuffix(OktaMessages.assignedAndPushed) == true)
        #expect(transport.sent.count == sent)
        #expect(!okta.app.groupAssignments.contains { $0.groupID == pushed.id })
    }

    @Test("Import on an app without import (NinjaOne) sends nothing and fails (okta-behavior §13)")
    func importNotSupported() async {
        let transport = target([("GET /Users", 200, emptyList)])
        let result = await engine(transport, app: .ninjaOne).importUsers()
        #expect(transport.sent.isEmpty)
        #expect(result.task.status == .failed)
        #expect(result.task.message == OktaMessages.importNotSupported(app: "NinjaOne"))
    }

    @Test("Create Users off: a user the lookup misses is not created")
    func createUsersOff() async {
        let transport = target([("GET /Users?filter", 200, emptyList)])
        let okta = engine(transport)
        okta.configure { $0.provisioning.createUsers = false }
        let task = await okta.assign(okta.createUser(login: "a@b.c", firstName: "A", lastName: "B"))
        #expect(task.message == "Automatic provisioning of user a@b.c to app SCIM App failed: Matching user not found.")
    }

    @Test("Password sync (OIN): PATCH with a password value object, or a password path by option")
    func passwordSync() async throws {
        for (settings, expected) in [
            ([String: String](), #"{"op":"replace","value":{"password":"n3w-Secret"}}"#),
            (["password-patch": "path"], #"{"op":"replace","path":"password","value":"n3w-Secret"}"#),
        ] {
            let transport = target([
                ("GET /Users?filter", 200, emptyList), ("POST /Users", 201, createdUser), ("PATCH /Users/", 204, ""),
            ])
            let okta = engine(transport, settings: settings)
            okta.configure { $0.provisioning.syncPassword = true }
            let user = okta.createUser(login: "test.user@okta.local", firstName: "Test", lastName: "User")
            await okta.assign(user)
            await okta.resetPassword(user, to: "n3w-Secret")
            #expect(try json(transport.sent.last?.body)["Operations"]?[0] == JSONValue.parse(expected))
        }
    }
}
