import Testing
@testable import episodic

/// The live progress screen, as exact text (a pure function of the snapshot).
@Suite("record: progress renderer")
struct RecordProgressRendererTests {
    static let snapshot = ProgressSnapshot(
        phase: .recording, episode: 1, episodesTotal: 3, phaseElapsed: 4.25, phaseSeconds: 10, sessionElapsed: 17.31,
        sessionRemaining: 21.75,
        streams: [
            .init(name: "rows (state, action)", frames: 127, fps: 29.96, gaps: 0, queueDepth: 1, queueCapacity: 240),
            .init(name: "observation.images.cam0", frames: 127, fps: 29.96, gaps: 2, queueDepth: 3, queueCapacity: 30),
        ],
        queued: 0, committing: 1, committed: 1, failed: 0, diskFree: 13_207_024_435, rejectedStates: 4, showKeys: true)

    @Test("the screen shows live counters per stream, episodes, disk and keys")
    func screen() {
        #expect(ProgressRenderer.lines(Self.snapshot) == [
            "episode 2/3  recording  00:04.2 / 00:10.0  (elapsed 00:17.3, ~00:21.7 left)",
            "stream                    frames     fps   gaps      queue",
            "rows (state, action)         127    30.0      0      1/240",
            "observation.images.cam0      127    30.0      2       3/30",
            "episodes  queued 0  committing 1  committed 1  failed 0",
            "disk free 12.3 GiB  rejected state lines 4",
            "keys: n/→ save+next  r/← re-record  e/Esc save+exit  space pause",
        ])
    }

    @Test("the plain line for logs carries the same counters")
    func plain() {
        #expect(ProgressRenderer.plainLine(Self.snapshot)
                == "[00:17.3] episode 2/3 recording 00:04.2/00:10.0 rows (state, action)=127f/0g "
                + "observation.images.cam0=127f/2g committed 1 committing 1 queued 0 failed 0")
    }

    @Test("redraw moves up over the previous screen and clears each line; a shorter screen clears the rest")
    func redraw() {
        #expect(ProgressRenderer.redraw(["a", "b"], previousLineCount: 0) == "\u{1B}[2Ka\n\u{1B}[2Kb\n")
        #expect(ProgressRenderer.redraw(["a"], previousLineCount: 3)
                == "\u{1B}[3F\u{1B}[2Ka\n\u{1B}[2K\n\u{1B}[2K\n\u{1B}[2F")
    }

    @Test("clock and byte formats")
    func formats() {
        #expect(ProgressRenderer.clock(0) == "00:00.0")
        #expect(ProgressRenderer.clock(61.99) == "01:01.9")
        #expect(ProgressRenderer.clock(3725) == "1:02:05")
        #expect(ProgressRenderer.bytes(512) == "512 B")
        #expect(ProgressRenderer.bytes(1536) == "1.5 KiB")
    }

    @Test("keys decode from raw terminal bytes, arrows included")
    func keys() {
        #expect(KeyCommand.decode(Array("nre ".utf8)) == [.saveAndNext, .rerecord, .saveAndExit, .togglePause])
        #expect(KeyCommand.decode([0x1B, 0x5B, 0x43, 0x1B, 0x5B, 0x44, 0x1B]) == [.saveAndNext, .rerecord, .saveAndExit])
        #expect(KeyCommand.decode(Array("xyz".utf8)) == [])
    }
}
