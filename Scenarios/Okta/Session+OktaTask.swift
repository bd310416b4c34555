import OktaSimulator
import SCIMCheckKit

extension Session {
    /// Verifies that an Okta action's task succeeded, showing Okta's message when it did not.
    func verifySucceeded(
        _ task: OktaTask?, _ summary: String, specs: [SpecReference] = [], fileID: String = #fileID,
        line: Int = #line
    ) {
        verify(
            summary, task?.succeeded == true, expected: "a succeeded task", actual: task?.message ?? "no task",
            specs: specs, fileID: fileID, line: line)
    }
}
