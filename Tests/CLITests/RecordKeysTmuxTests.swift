#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

/// Drives `episodic record` in a real terminal (tmux): live counters on screen, `r` re-records,
/// `n` saves and goes on, `e` saves and exits with the right committed count.
@Suite("episodic record: keys in a terminal (tmux)")
struct RecordKeysTmuxTests {
    /// Runs `tmux ARGUMENTS` with posix_spawn and waitpid (stdio on /dev/null, or stdout into a
    /// file for capture-pane) and returns capture-pane's text. Not Foundation's Process: its
    /// pipe and reaping handling was seen to hang here when the tmux server daemonizes from a
    /// client it starts.
    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        let capture = arguments.first == "capture-pane"
        let outputPath = temporaryPath("tmux-out")
        defer {
            // Test scratch file; may not exist.
            try? FileManager.default.removeItem(atPath: outputPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture ? outputPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["tmux"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, nil, argv, environ)
        try #require(spawned == 0, "cannot run tmux (errno \(spawned)) — is tmux installed? (scripts/setup.sh --test installs it)")
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        try #require(status == 0, "tmux \(arguments.first ?? "") failed with status \(status)")
        return capture ? try String(contentsOfFile: outputPath, encoding: .utf8) : ""
    }

    /// Polls the pane (every 100 ms, up to 60 s) until `condition` holds; returns the last screen.
    static func waitForScreen(_ session: String, _ what: String, _ condition: (String) -> Bool) throws -> String {
        var screen = ""
        for _ in 0..<600 {
            screen = try tmux(["capture-pane", "-p", "-t", session])
            if condition(screen) { return screen }
            usleep(100_000)
        }
        Issue.record("timed out waiting for \(what); screen:\n\(screen)")
        return screen
    }

    /// The frame count on the screen's `rows` line, or nil.
    static func rowFrames(_ screen: String) -> Int? {
        for line in screen.split(separator: "\n") where line.hasPrefix("rows (state, action)") {
            let fields = line.dropFirst("rows (state, action)".count).split(separator: " ")
            return fields.first.flatMap { Int($0) }
        }
        return nil
    }

    @Test("progress shows non-zero counters; r re-records, n saves and goes on, e saves and exits (2 committed)")
    func keys() throws {
        let out = temporaryPath("rec-tmux")
        defer { removeTree(out) }
        let session = "episodic-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let binary = try EpisodicBinary.url.path
        try Self.tmux(["new-session", "-d", "-s", session, "-x", "160", "-y", "40",
                       "\(binary) record --output \(out) --episodes 3 --episode-seconds 120 --cameras 1 --width 64 --height 48; "
                       + "echo EXIT=$?; sleep 120"])
        defer {
            // The test's own tmux session; it may already be gone.
            _ = try? Self.tmux(["kill-session", "-t", session])
        }
        var screen = try Self.waitForScreen(session, "10 frames in episode 1") {
            $0.contains("episode 1/3  recording") && (Self.rowFrames($0) ?? 0) >= 10
        }
        let before = Self.rowFrames(screen) ?? 0
        #expect(screen.contains("observation.images.cam0"))
        #expect(screen.contains("keys: n/→ save+next"))
        try Self.tmux(["send-keys", "-t", session, "r"])
        screen = try Self.waitForScreen(session, "episode 1 restarted") {
            $0.contains("episode 1/3  recording") && (Self.rowFrames($0) ?? Int.max) < before && (Self.rowFrames($0) ?? 0) >= 3
        }
        try Self.tmux(["send-keys", "-t", session, "n"])
        screen = try Self.waitForScreen(session, "episode 2 recording") {
            $0.contains("episode 2/3  recording") && (Self.rowFrames($0) ?? 0) >= 3
        }
        try Self.tmux(["send-keys", "-t", session, "e"])
        screen = try Self.waitForScreen(session, "exit") { $0.contains("EXIT=") }
        #expect(screen.contains("episode(s) saved, 1 discarded"), "\(screen)")
        #expect(screen.contains("2 episode(s) saved"), "\(screen)")
        #expect(screen.contains("commits: 2 committed, 0 failed, 0 pending"), "\(screen)")
        #expect(screen.contains("EXIT=0"), "\(screen)")
        let v = try EpisodicBinary.run(["verify", out])
        #expect(v.stdout.contains("2 episodes"), "\(v.stdout)")
    }
}
