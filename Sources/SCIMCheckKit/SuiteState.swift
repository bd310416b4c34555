import SCIMCore
import Synchronization

/// Values the scenarios of one serialized suite hand to each other, such as a user id found in step 1.
public final class SuiteState: Sendable {
    private let values = Mutex<[String: JSONValue]>([:])

    /// Creates empty state.
    public init() {}

    /// The value stored under `key`.
    public subscript(key: String) -> JSONValue? {
        get { values.withLock { $0[key] } }
        set { values.withLock { $0[key] = newValue } }
    }
}
