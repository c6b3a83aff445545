import Foundation
import Testing

/// `episodic record --audio-tone`: the demo's tone lands beside each episode, sample-accurate.
@Suite("episodic record --audio-tone", .serialized)
struct RecordCommandAudioTests {
    @Test("the demo with --audio-tone writes one 48 kHz mono WAV per episode with exactly fps×seconds ticks of samples")
    func audioTone() throws {
        let out = temporaryPath("rec-audio")
        defer { removeTree(out) }
        let r = try EpisodicBinary.run(["record", "--output", out, "--audio-tone", "--episodes", "2", "--episode-seconds", "0.5",
                                        "--fps", "30", "--cameras", "1", "--width", "64", "--height", "48"])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        let v = try EpisodicBinary.run(["verify", out])
        #expect(v.status == 0, "\(v.stdout)\n\(v.stderr)")
        for episode in 0..<2 {
            let path = out + "/audio/microphone/chunk-000/file-00\(episode).wav"
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            func u32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
            func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
            // 15 frames at 30 fps → 15 × 1600 samples of 2 bytes after the 44-byte PCM header.
            #expect(bytes.count == 44 + 15 * 1600 * 2)
            #expect(u16(22) == 1 && u32(24) == 48_000 && u16(34) == 16 && u32(40) == 15 * 1600 * 2)
            // The 440 Hz tone at amplitude 0.25 is not silence: its peak is 0.25 × 32767 ≈ 8192.
            let peak = stride(from: 44, to: bytes.count, by: 2).map { abs(Int(Int16(bitPattern: UInt16(u16($0))))) }.max()
            #expect(peak == 8192)
            let sidecar = try String(contentsOfFile: out + "/meta/episodic/episode-00000\(episode).json", encoding: .utf8)
            #expect(sidecar.contains("\"path\": \"audio/microphone/chunk-000/file-00\(episode).wav\""), "\(sidecar.prefix(600))")
            #expect(sidecar.contains("\"sample_count\": 24000"))
        }
    }

    @Test("a kill after episode 1's data file (its WAV and sidecar already placed): recover keeps episode 0's WAV, quarantines episode 1's; verify clean")
    func killAfterAudioPlacement() throws {
        let out = temporaryPath("rec-audio-crash")
        defer { removeTree(out) }
        let run = try RecorderProcess.run(["record", "--output", out, "--audio-tone"] + RecordCrashTests.flags(episodes: 2),
                                          crashAt: "dataFile:1", killAfter: nil)
        #expect(run.killedBySIGKILL, "expected death by SIGKILL, got \(run.status)\n\(run.stderr)")
        #expect(run.committed == [0], "\(run.stderr)")
        let wav0 = "audio/microphone/chunk-000/file-000.wav", wav1 = "audio/microphone/chunk-000/file-001.wav"
        let kept = try Data(contentsOf: URL(fileURLWithPath: out + "/" + wav0))
        let placed = try Data(contentsOf: URL(fileURLWithPath: out + "/" + wav1))
        // 15 frames at 30 fps → 15 × 1600 samples of 2 bytes after the 44-byte header, for both.
        #expect(kept.count == 44 + 15 * 1600 * 2 && placed.count == kept.count)
        let recover = try EpisodicBinary.run(["recover", out])
        #expect(recover.status == 0, "\(recover.stdout)\n\(recover.stderr)")
        #expect(recover.stdout.contains("quarantined episode 1 [\(wav1)]: audio placed for an episode the manifest does not count"),
                "\(recover.stdout)")
        #expect(recover.stdout.contains("quarantined episode 1 [meta/episodic/episode-000001.json]"), "\(recover.stdout)")
        // A second recover (inside) changes nothing; verify is clean; episode 0 is intact.
        #expect(try RecordCrashTests.recoverAndCheck(out, committed: [0], context: "audio dataFile:1") == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/" + wav0)) == kept)
        #expect(!FileManager.default.fileExists(atPath: out + "/" + wav1))
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/.episodic/quarantine/episode-000001/" + wav1)) == placed)
    }

    @Test("--audio-tone is refused with a real state source, and nothing is written")
    func audioToneNeedsDemo() throws {
        let out = temporaryPath("rec-audio-refused")
        defer { removeTree(out) }
        let r = try EpisodicBinary.run(["record", "--output", out, "--audio-tone", "--state-from", "stdin"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--audio-tone only works with the demo robot"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
