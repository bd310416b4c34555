/// What Okta records for one admin action: a task that succeeded, or failed with the admin-facing text.
public struct OktaTask: Sendable, Hashable, Codable {
    /// How the task ended.
    public enum Status: String, Sendable, Hashable, Codable {
        case succeeded, failed
    }

    /// The action, such as "Test API Credentials".
    public var action: String
    /// How it ended.
    public var status: Status
    /// The text Okta shows the admin.
    public var message: String
    /// The HTTP status that decided it, when one did.
    public var httpStatus: Int?

    /// Creates a task record.
    public init(action: String, status: Status, message: String, httpStatus: Int? = nil) {
        self.action = action
        self.status = status
        self.message = message
        self.httpStatus = httpStatus
    }

    /// Whether the task succeeded.
    public var succeeded: Bool { status == .succeeded }
}
