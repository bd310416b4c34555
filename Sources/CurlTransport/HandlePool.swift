import CCurl
import Synchronization

/// Idle easy handles kept between transfers, so sequential requests reuse a handle's open connections.
///
/// libcurl keeps its connection cache in the easy handle, and `curl_easy_reset` keeps that cache, so a
/// transfer that takes the most recently parked handle finds its keep-alive connection (and TLS session)
/// still open. Concurrent transfers each take their own handle; at most `capacity` idle handles are kept.
final class HandlePool: Sendable {
    private let parked = Mutex<[ParkedHandle]>([])
    private let capacity: Int

    /// Creates an empty pool that keeps at most `capacity` idle handles.
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Takes the most recently used idle handle, or creates one; `nil` only when libcurl cannot allocate.
    func take() -> EasyHandle? {
        if let handle = parked.withLock({ $0.popLast() }) {
            return EasyHandle(unparking: handle)
        }
        return EasyHandle()
    }

    /// Resets `handle` and keeps it for the next transfer, or cleans it up when the pool is full.
    func put(_ handle: consuming EasyHandle) {
        handle.reset()
        let resting = handle.park()
        let overflow: ParkedHandle? = parked.withLock { idle in
            guard idle.count < capacity else { return resting }
            idle.append(resting)
            return nil
        }
        if let overflow {
            curl_easy_cleanup(overflow.raw)
        }
    }

    deinit {
        for handle in parked.withLock({ $0 }) {
            curl_easy_cleanup(handle.raw)
        }
    }
}
