import Foundation
import SCIMCore
import SCIMServer
import SCIMServerSQLite

/// Fills a database file quickly with Okta-shaped users, while no server has it open.
///
/// The users are clones of a template user that was created over HTTP (so each is stored exactly as the server
/// stores a POST), varied in `id`, `userName`, primary email and `externalId`, with the NinjaOne account the
/// server would derive. They are written through ``SQLiteSCIMStore/insertUsers(_:)``, 10,000 per transaction:
/// seeding is a bulk insert through the store, not a measurement of the HTTP create path.
struct Seeder {
    /// The database file.
    let path: String

    /// The userName of seeded user `number`.
    static func userName(_ number: Int) -> String { "seed-\(number)@example.com" }

    /// Adds users `range` (by number) cloned from the user `templateID`; returns how long it took.
    func seed(_ range: Range<Int>, templateID: String) async throws -> Duration {
        let start = ContinuousClock.now
        let store = try SQLiteSCIMStore(path: path)
        guard let template = try await store.user(id: templateID) else {
            throw BenchClient.Failure(description: "the template user \(templateID) is not in \(path)")
        }
        let now = SCIMTimestamp.now()
        var batchStart = range.lowerBound
        while batchStart < range.upperBound {
            let batch = batchStart..<min(batchStart + 10_000, range.upperBound)
            let entries = batch.map { number in
                let user = Self.clone(template, number: number, now: now)
                return (
                    user: user,
                    account: NinjaOneAccountPolicy.account(
                        for: user, previous: nil, knownOrganizations: [], now: now)
                )
            }
            try await store.insertUsers(entries)
            batchStart = batch.upperBound
        }
        return ContinuousClock.now - start
    }

    private static func clone(_ template: UserRecord, number: Int, now: SCIMTimestamp) -> UserRecord {
        let userName = userName(number)
        var user = template
        user.id = UUID().uuidString.lowercased()
        user.userName = userName
        user.userNameKey = userName  // seeded names are lowercase already
        user.externalId = "00useed\(number)"
        user.created = now
        user.lastModified = now
        user.version = 1
        user.groups = []
        user.resource["userName"] = .string(userName)
        user.resource["externalId"] = .string("00useed\(number)")
        user.resource["emails"] = [["primary": true, "value": .string(userName), "type": "work"]]
        return user
    }
}
