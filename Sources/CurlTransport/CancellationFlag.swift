import Synchronization

/// A one-way flag the calling task raises when it is cancelled, and libcurl's progress callback reads.
final class CancellationFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    /// Creates a lowered flag.
    init() {}

    /// Raises the flag; the transfer aborts at libcurl's next progress or data callback.
    func cancel() {
        raised.store(true, ordering: .releasing)
    }

    /// Whether the flag was raised.
    var isCancelled: Bool {
        raised.load(ordering: .acquiring)
    }
}
