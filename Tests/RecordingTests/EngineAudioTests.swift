// The optional audio stream: one WAV per committed episode, sample-accurate, in the sidecar.

import Foundation
import LeRobot
import Recording
import RobotSources
import Testing

/// A WAV file's format and samples, parsed from its bytes (16-bit PCM only).
struct ParsedWAV: Equatable {
    var formatTag: Int
    var channels: Int
    var sampleRate: Int
    var bitsPerSample: Int
    var samples: [Int16]

    init(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func u32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        try #require(bytes.count >= 44 && String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF"
                     && String(decoding: bytes[8..<12], as: UTF8.self) == "WAVE", "\(path) is not a RIFF/WAVE file")
        #expect(u32(4) == bytes.count - 8, "RIFF size of \(path)")
        try #require(String(decoding: bytes[12..<16], as: UTF8.self) == "fmt " && u32(16) == 16)
        formatTag = u16(20)
        channels = u16(22)
        sampleRate = u32(24)
        bitsPerSample = u16(34)
        try #require(String(decoding: bytes[36..<40], as: UTF8.self) == "data")
        let dataBytes = u32(40)
        try #require(dataBytes == bytes.count - 44, "data size \(dataBytes) of \(path) for \(bytes.count - 44) bytes")
        samples = stride(from: 44, to: bytes.count, by: 2).map { Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8) }
    }
}

/// The tone's samples of frames `0..<frames`.
func toneSamples(_ tone: ToneGenerator, frames: Int) -> [Int16] {
    var all: [Int16] = []
    var buffer = [Int16](repeating: 0, count: tone.maxSamplesPerFrame)
    for f in 0..<frames {
        let n = buffer.withUnsafeMutableBufferPointer { tone.samples(ofFrame: f, into: $0) }
        all += buffer[0..<n]
    }
    return all
}

/// Every file under `dir` (relative paths), recursively; empty if it does not exist.
func filesUnder(_ dir: String) -> [String] {
    (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? [])
        .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: dir + "/" + $0, isDirectory: &d) && !d.boolValue }
        .sorted()
}

@Suite("Recording engine audio stream")
struct EngineAudioTests {
    static let stream = RecordingConfiguration.AudioStream(name: "microphone", sampleRate: 48_000, channels: 1)

    /// Adds `count` demo frames with the tone's samples of each tick.
    func record(_ rig: DemoRig, _ session: RecordingSession, _ frame: FrameBuilder, episode: Int, count: Int,
                tone: ToneGenerator) throws {
        var buffer = [Int16](repeating: 0, count: tone.maxSamplesPerFrame)
        let robot = DemoRobot(config: rig.robotConfig, episodeIndex: episode)
        for i in 0..<count {
            try frame.set("observation.state", robot.state(atFrame: i))
            try frame.set("action", robot.action(atFrame: i))
            try buffer.withUnsafeMutableBufferPointer { b in
                let n = tone.samples(ofFrame: i, into: b)
                try frame.setAudio(samples: UnsafeBufferPointer(rebasing: b[0..<n]))
            }
            #expect(try session.addFrame(frame) == i)
        }
    }

    @Test("2 tone episodes (a discarded take between): one WAV each with frames×48000/30 tone samples, in the sidecar; verify clean",
          arguments: [CodebaseVersion.v3_0, .v2_1])
    func toneEpisodes(version: CodebaseVersion) async throws {
        try requireFFmpeg()
        let dir = try engineTempDirectory("audio")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        let rig = DemoRig()
        let root = dir + "/ds"
        var config = rig.configuration(root: root, version: version)
        config.audio = Self.stream
        let session = try RecordingSession(configuration: config)
        try await session.start(task: "pick")
        let frame = session.makeFrame()
        let tone = ToneGenerator(sampleRate: 48_000, fps: 30, frequency: 440)

        try session.startEpisode(task: "pick the cube")
        try record(rig, session, frame, episode: 0, count: 31, tone: tone)
        try session.saveEpisode()

        try session.startEpisode(task: "place the cube")
        try record(rig, session, frame, episode: 99, count: 12, tone: tone)
        let discardedTake = filesUnder(root + ".spool").filter { $0.hasSuffix(".wav.partial") }
        #expect(!discardedTake.isEmpty, "the open take writes its WAV in the spool")
        try session.discardEpisode()

        try session.startEpisode(task: "place the cube")
        try record(rig, session, frame, episode: 1, count: 17, tone: tone)
        try session.saveEpisode()
        let summary = await session.stop(timeout: .seconds(60))
        #expect(summary.commits == CommitCounts(committed: 2, failed: 0, pending: 0))

        let report = try Verifier().verify(root: root)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.episodes == 2 && report.frames == 48)
        let info = try String(contentsOfFile: root + "/meta/info.json", encoding: .utf8)
        #expect(!info.contains("microphone") && !info.contains("pcm_s16le"), "info.json features are unchanged")

        #expect(filesUnder(root + "/audio") == ["microphone/chunk-000/file-000.wav", "microphone/chunk-000/file-001.wav"])
        for (episode, frames) in [(0, 31), (1, 17)] {
            let relative = "audio/microphone/chunk-000/file-" + String(format: "%03d", episode) + ".wav"
            let wav = try ParsedWAV(path: root + "/" + relative)
            #expect(wav.samples.count == frames * 48_000 / 30)
            #expect(wav.formatTag == 1 && wav.channels == 1 && wav.sampleRate == 48_000 && wav.bitsPerSample == 16)
            #expect(wav.samples == toneSamples(tone, frames: frames))

            let sidecar = try JSONValue.parse(String(contentsOfFile: root + String(format: "/meta/episodic/episode-%06d.json", episode),
                                                     encoding: .utf8))
            let audio = try #require(sidecar["audio"]?.arrayValue)
            #expect(audio.count == 1)
            #expect(audio[0]["stream"]?.stringValue == "microphone")
            #expect(audio[0]["path"]?.stringValue == relative)
            #expect(audio[0]["codec"]?.stringValue == "pcm_s16le")
            #expect(audio[0]["sample_rate"]?.intValue == 48_000 && audio[0]["channels"]?.intValue == 1)
            #expect(audio[0]["sample_count"]?.intValue == Int64(frames * 1600))
            #expect(audio[0]["duration_s"]?.doubleValue == Double(frames) / 30)
        }
        // The discarded take's WAV is removed (by a background thread; bounded wait for it).
        var leftover = filesUnder(root + ".spool").filter { $0.contains(".wav") }
        for _ in 0..<100 where !leftover.isEmpty {
            try await Task.sleep(for: .milliseconds(100))
            leftover = filesUnder(root + ".spool").filter { $0.contains(".wav") }
        }
        #expect(leftover.isEmpty, "\(leftover)")
    }

    @Test("python's wave module reads the WAV: mono, 16-bit, 48 kHz, exactly 30×1600 frames")
    func pythonReadsWAV() async throws {
        try requireFFmpeg()
        let dir = try engineTempDirectory("audio-py")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        let rig = DemoRig()
        let root = dir + "/ds"
        var config = rig.configuration(root: root)
        config.audio = Self.stream
        let session = try RecordingSession(configuration: config)
        try await session.start(task: "pick")
        let frame = session.makeFrame()
        try session.startEpisode(task: "pick")
        try record(rig, session, frame, episode: 0, count: 30, tone: ToneGenerator(sampleRate: 48_000, fps: 30, frequency: 440))
        _ = await session.stop(timeout: .seconds(60))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let path = root + "/audio/microphone/chunk-000/file-000.wav"
        process.arguments = ["python3", "-c",
                             "import wave,sys; w=wave.open(sys.argv[1]); print(w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes())",
                             path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(text == "1 2 48000 48000\n")
    }

    @Test("setAudio refuses: no audio stream, a partial channel frame, more than the per-tick bound")
    func setAudioRefusals() throws {
        let rig = DemoRig()
        let plain = try RecordingSession(configuration: rig.configuration(root: "/tmp/unused-audio-a"))
        let samples: [Int16] = [1, 2, 3]
        #expect(throws: RecordingError.self) {
            try samples.withUnsafeBufferPointer { try plain.makeFrame().setAudio(samples: $0) }
        }
        var config = rig.configuration(root: "/tmp/unused-audio-b")
        config.audio = RecordingConfiguration.AudioStream(name: "mic", sampleRate: 48_000, channels: 2, maxFramesPerTick: 4)
        let stereo = try RecordingSession(configuration: config).makeFrame()
        let codes = [[Int16](repeating: 0, count: 3), [Int16](repeating: 0, count: 10)].map { values in
            do {
                try values.withUnsafeBufferPointer { try stereo.setAudio(samples: $0) }
                return "none"
            } catch {
                return (error as? RecordingError)?.code.description ?? "\(error)"
            }
        }
        #expect(codes == ["ERR_INVALID_FRAME", "ERR_INVALID_FRAME"])
        try [Int16](repeating: 5, count: 8).withUnsafeBufferPointer { try stereo.setAudio(samples: $0) }
        try [Int16]().withUnsafeBufferPointer { try stereo.setAudio(samples: $0) }

        config.audio?.name = "../escape"
        #expect(throws: RecordingError.self) { try RecordingSession(configuration: config) }
    }
}
