import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into the cancellation of one task, so a run stops starting scenarios and
/// still runs its cleanups, newest first, before it exits (DESIGN §6). A second signal exits at once
/// with 130, leaving the rest to `scimcheck cleanup --ledger FILE`.
final class Interruption: @unchecked Sendable {
    // Mutable state is touched only on `queue`.
    private let queue = DispatchQueue(label: "scimcheck.interruption")
    private var sources: [any DispatchSourceSignal] = []
    private var received: Int32?

    /// Runs `operation` in a task that SIGINT or SIGTERM cancels; `onFirst` is told which signal came, and
    /// `onSecond` just before the process exits on a second one.
    func run<T: Sendable>(
        _ operation: @escaping @Sendable () async -> T, onFirst: @escaping @Sendable (Int32) -> Void,
        onSecond: @escaping @Sendable () -> Void
    ) async -> (value: T, signal: Int32?) {
        let task = Task { await operation() }
        queue.sync {
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { [unowned self] in
                    if received != nil {
                        onSecond()
                        exit(128 + number)
                    }
                    received = number
                    onFirst(number)
                    task.cancel()
                }
                source.resume()
                sources.append(source)
            }
        }
        Self.unblock([SIGINT, SIGTERM])
        let value = await task.value
        return queue.sync {
            for source in sources { source.cancel() }
            sources.removeAll()
            return (value, received)
        }
    }

    /// Unblocks `signals` in this thread's mask: a parent (a test runner, a CI agent) may have started us
    /// with them blocked, and a blocked signal would never reach the handler.
    private static func unblock(_ signals: [Int32]) {
        var set = sigset_t()
        sigemptyset(&set)
        for number in signals { sigaddset(&set, number) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
