/// The run's first call, made before any scenario: it proves the target is reachable and accepts the
/// credentials, in the words of the client the run imitates.
///
/// The kit knows no identity provider; a simulator supplies the preflight (Okta's is "Test API
/// Credentials"). A target that refuses the credentials here aborts the run as a harness error (exit 2).
public protocol Preflight: Sendable {
    /// What the preflight does, as reports name it.
    var name: String { get }
    /// Runs the first call through `session`.
    func run(_ session: Session) async -> PreflightOutcome
}

/// What a preflight concluded.
public enum PreflightOutcome: Sendable {
    /// The target answered as expected.
    case passed(String)
    /// The target answered wrongly but the run can go on; scenarios will show the details.
    case failed(String)
    /// The run cannot go on.
    case abort(HarnessError)
}

/// Something that happened during a run, for progress displays.
public enum RunEvent: Sendable {
    /// The run is about to start `scenarioCount` scenarios against `baseURL`.
    case started(baseURL: String, scenarioCount: Int)
    /// The preflight finished.
    case preflight(name: String, passed: Bool, message: String)
    /// A scenario is starting.
    case scenarioStarted(id: String, index: Int, total: Int)
    /// A scenario finished.
    case scenarioFinished(ScenarioResult, index: Int, total: Int)
    /// The run finished.
    case finished(RunReport)
}
