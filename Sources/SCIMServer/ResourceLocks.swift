import Synchronization

/// Lets the read-modify-write cycles of one resource take turns, in arrival order.
///
/// PUT and PATCH read a resource, transform it and write it back with a compare-and-set on its version
/// (ETAG-08). Without turns, concurrent requests to one resource race: each lost race is a retry, and under a
/// burst (Okta pushing the membership of a large group, one PATCH per change, okta-behavior.md §7.5 and §9.3)
/// requests run out of retries and fail. With turns, requests of this server never lose to each other; the
/// version check still guards against everything else (other processes on the database, a user's DELETE that
/// changes the groups it was in).
final class ResourceLocks: Sendable {
    /// The held keys, each with the requests waiting for it, first come first served.
    private let held = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    /// Runs `body` once no other `body` holds `key`, and releases `key` after it, even when it throws.
    func withLock<T>(_ key: String, _ body: () async throws -> T) async throws -> T {
        await acquire(key)
        do {
            let result = try await body()
            release(key)
            return result
        } catch {
            release(key)
            throw error
        }
    }

    private func acquire(_ key: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let free = held.withLock { held in
                guard held[key] != nil else {
                    held[key] = []
                    return true
                }
                held[key]?.append(continuation)
                return false
            }
            if free { continuation.resume() }
        }
    }

    private func release(_ key: String) {
        let next = held.withLock { held -> CheckedContinuation<Void, Never>? in
            guard let waiting = held[key], !waiting.isEmpty else {
                held[key] = nil
                return nil
            }
            held[key] = Array(waiting.dropFirst())
            return waiting[0]
        }
        next?.resume()
    }
}
