import SCIMCheckCLI
import SCIMCheckScenarios

await SCIMCheckCommand.main(catalog: .builtIn)
