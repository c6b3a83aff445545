import Foundation
import Testing

/// Runs the built `episodic` binary, as a user would.
@Suite("episodic --help")
struct HelpTests {
    @Test("the root help names the parquet subcommand")
    func rootHelp() throws {
        let result = try EpisodicBinary.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("parquet"))
        #expect(result.stdout.contains("LeRobot"))
    }

    @Test("an unknown subcommand fails with a non-zero exit and a message on stderr")
    func unknownCommand() throws {
        let result = try EpisodicBinary.run(["no-such-command"])
        #expect(result.status != 0)
        #expect(!result.stderr.isEmpty)
    }
}
