import Foundation
import SCIMCheckHTTP
import SCIMCheckKit

/// The run's first call made as Okta makes it: "Test API Credentials" (okta-behavior §1).
///
/// A target that answers 401 or 403, or cannot be reached, aborts the run (exit 2) with Okta's
/// "Error authenticating" text; any other wrong answer lets the run go on so scenarios show the details.
public struct OktaCredentialsPreflight: Preflight {
    /// Creates the preflight.
    public init() {}

    public var name: String { "Okta Test API Credentials" }

    public func run(_ session: Session) async -> PreflightOutcome {
        do {
            let task = try await session.okta.testAPICredentials()
            if task.succeeded { return .passed(task.message) }
            if task.httpStatus == 401 || task.httpStatus == 403 {
                return .abort(HarnessError(.authenticationRejected, task.message, exchange: session.exchanges.last))
            }
            return .failed(task.message)
        } catch let error as HarnessError {
            let url = URLComponents(string: session.context.baseURL)
            let host = url?.host ?? session.context.baseURL
            let port = url?.port ?? (url?.scheme == "http" ? 80 : 443)
            return .abort(
                HarnessError(
                    .transport,
                    OktaMessages.credentialsConnectFailed(hostAndPort: "\(host):\(port)", detail: error.message),
                    exchange: error.exchange))
        } catch {
            return .abort(HarnessError(.transport, "Error authenticating: \(error)"))
        }
    }
}
