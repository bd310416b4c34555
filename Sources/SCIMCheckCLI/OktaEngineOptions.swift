import ArgumentParser
import OktaSimulator

/// The Okta engine options of `scimcheck run` and `scimcheck explain`: app kind and switches.
struct OktaEngineOptions: ParsableArguments {
    @Option(name: .customLong("okta-app"), help: "Okta app kind: oin (PATCH for status and groups) or aiw (PUT).")
    var oktaApp: OktaAppKind = .oin

    @Option(
        name: .customLong("okta-option"),
        help: ArgumentHelp(
            "Okta engine switch NAME=VALUE (repeatable); see `scimcheck list --okta-options`.",
            valueName: "NAME=VALUE"))
    var oktaOptions: [String] = []

    func validate() throws {
        _ = try settings()
    }

    /// The engine settings from `--okta-app` and `--okta-option`, validated.
    func settings() throws -> [String: String] {
        var values = ["app": oktaApp.rawValue]
        for option in oktaOptions {
            guard let equals = option.firstIndex(of: "=") else {
                throw ValidationError("--okta-option takes NAME=VALUE, not '\(option)'")
            }
            values[String(option[..<equals])] = String(option[option.index(after: equals)...])
        }
        do {
            _ = try OktaSettings(values)
        } catch {
            throw ValidationError(error.message)
        }
        return OktaSettings.effective(values)
    }
}

extension OktaAppKind: ExpressibleByArgument {}
