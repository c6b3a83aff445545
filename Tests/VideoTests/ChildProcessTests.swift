#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Video

@Suite struct ChildProcessTests {
    @Test func childrenInheritOnlyTheirStandardStreams() throws {
        // A descriptor opened without O_CLOEXEC, as other code in the recorder might.
        let leaky = open("/etc/hostname", O_RDONLY)
        #expect(leaky >= 3)
        defer { close(leaky) }
        let out = try ChildProcess.run("/bin/sh", ["-c", "ls /proc/$$/fd"])
        #expect(out.termination == .exited(0))
        let fds = String(decoding: out.stdout, as: UTF8.self).split(separator: "\n").compactMap { Int($0) }.sorted()
        #expect(fds == [0, 1, 2], "child had \(fds), leaked \(leaky)?")
    }

    @Test func exitStatusAndSignalAreReported() throws {
        #expect(try ChildProcess.run("/bin/sh", ["-c", "exit 3"]).termination == .exited(3))
        #expect(try ChildProcess.run("/bin/sh", ["-c", "kill -9 $$"]).termination == .signaled(9))
        let out = try ChildProcess.run("/bin/sh", ["-c", "echo out; echo err >&2"])
        #expect(String(decoding: out.stdout, as: UTF8.self) == "out\n")
        #expect(out.stderrLines == ["err"])
    }
}
