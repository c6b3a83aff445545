// engine-bench: LeRobot's recorder benchmark workload (2 cameras 640×480, 3 × 10 s at 30 fps,
// paced loop) through RecordingSession. Prints one JSON object: addFrame p50/p99/max, calls over
// 1 ms and over the frame period, saveEpisode p50/p99/max, episode end → durable per episode,
// peak RSS (process tree, with ffmpeg), gaps/duplicates.
//
// Not a test: speed is reported, never asserted. Run a release build:
//   swift build -c release --product engine-bench && .build/release/engine-bench [--out FILE]
//   options: --episodes 3 --seconds 10 --fps 30 --root DIR --no-pace --codec h264|hevc|av1 --encoder-threads N
//            --camera-mode inplace|borrow (add_frame_us times addFrame alone; fill_plus_add_frame_us
//            includes writing the camera frames: the memcpy in-place, or nothing extra with borrow)

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import LeRobot
import Recording
import Video

/// Commit times per episode, filled from the session's events.
final class CommitClock: @unchecked Sendable {
    let lock = NSLock()
    var committed: [Int: UInt64] = [:]
    var failed: [Int: String] = [:]
}

let options = BenchOptions(arguments: Array(CommandLine.arguments.dropFirst()))
let n = options.framesPerEpisode
try? FileManager.default.removeItem(atPath: options.root)  // ok: a previous run's dataset; absent is fine
try? FileManager.default.removeItem(atPath: options.root + ".spool")  // ok: best-effort cleanup or measurement, see comment above
let workload = Workload(framesPerEpisode: n, fps: options.fps)
let cameraNames = (0..<Workload.cameras).map { "observation.images.cam\($0)" }
let joints = (0..<6).map { "j\($0)" }
let codec = VideoCodec(rawValue: options.codec) ?? .h264
let configuration = RecordingConfiguration(
    root: options.root, fps: options.fps, robotType: "bench",
    features: [.vector("observation.state", names: joints), .vector("action", names: joints)]
        + cameraNames.map { .video($0, height: Workload.height, width: Workload.width) },
    defaultCameraEncoding: CameraEncoding(codec: codec, threads: options.threads))

let sampler = TreeRSSSampler()
sampler.start()
let session = try RecordingSession(configuration: configuration)
let clock = CommitClock()
let stream = session.events.subscribe(bufferSize: 4096)
let listener = Task.detached {
    for await envelope in stream {
        if case .episodeStatus(let episode, let status) = envelope.event {
            switch status {
            case .committed: clock.lock.withLock { clock.committed[episode] = nanos() }
            case .failed(let code, let message): clock.lock.withLock { clock.failed[episode] = "\(code): \(message)" }
            default: break
            }
        }
    }
}
try await session.start(task: "bench")
let frame = session.makeFrame()
let stateKey = try frame.key("observation.state")
let actionKey = try frame.key("action")
let cameraKeys = try cameraNames.map { try frame.key($0) }
let period = UInt64(1_000_000_000 / options.fps)

var addLatencies: [UInt64] = []
addLatencies.reserveCapacity(options.episodes * n)
var fillAndAddLatencies: [UInt64] = []
var saveLatencies: [UInt64] = []
var savedAt: [UInt64] = []
var overruns = 0
var streamsAtSave: [[RecordingProgress.Stream]] = []
let started = nanos()
for episode in 0..<options.episodes {
    try session.startEpisode(task: "bench task")
    var deadline = nanos()
    for i in 0..<n {
        if options.paced {
            sleep(until: deadline)
            deadline += period
        }
        try workload.states[i].withUnsafeBufferPointer { try frame.set(stateKey, $0) }
        try workload.states[i + 1].withUnsafeBufferPointer { try frame.set(actionKey, $0) }
        let images = workload.frames
        let k = i % Workload.cycle
        let fillStart = nanos()
        var t0 = fillStart
        if options.cameraMode == "inplace" {
            // The "camera" writes its frame into the encoder's queue slot (here: a memcpy of the
            // pre-generated frame), then addFrame only queues the slot.
            for c in 0..<Workload.cameras {
                try frame.withCameraBuffer(cameraKeys[c]) { slot in
                    images[c][k].withUnsafeBytes { slot.copyMemory(from: $0) }
                }
            }
            t0 = nanos()
            try session.addFrame(frame)
        } else {
            try images[0][k].withUnsafeBytes { cam0 in
                try images[1][k].withUnsafeBytes { cam1 in
                    try frame.setCamera(cameraKeys[0], cam0)
                    try frame.setCamera(cameraKeys[1], cam1)
                    try session.addFrame(frame)
                }
            }
        }
        let end = nanos()
        addLatencies.append(end - t0)
        fillAndAddLatencies.append(end - fillStart)
        if options.paced && nanos() > deadline { overruns += 1 }
    }
    streamsAtSave.append(session.progress().streams)
    let s0 = nanos()
    _ = try session.saveEpisode()
    let s1 = nanos()
    saveLatencies.append(s1 - s0)
    savedAt.append(s1)
    print("episode \(episode) saved in \(Double(s1 - s0) / 1000) µs", to: &standardError)
}
let f0 = nanos()
let summary = await session.stop(timeout: .seconds(600))
let finalize = nanos() - f0
let total = nanos() - started
let peakTree = sampler.stop()
session.events.finish()
await listener.value

func us(_ ns: UInt64) -> Double { (Double(ns) / 1000 * 10).rounded() / 10 }
let sortedAdd = addLatencies.sorted()
let sortedSave = saveLatencies.sorted()
let sortedFill = fillAndAddLatencies.sorted()
let durable: [Any] = (0..<options.episodes).map { e -> Any in
    clock.lock.withLock { clock.committed[e].map { (Double($0 - savedAt[e]) / 1e6 * 10).rounded() / 10 } } ?? NSNull()
}
var cpu = rusage()
getrusage(RUSAGE_SELF.rawValue, &cpu)
var childCPU = rusage()
getrusage(RUSAGE_CHILDREN.rawValue, &childCPU)
func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
let result: [String: Any] = [
    "tool": "engine-bench",
    "episodes": options.episodes, "frames_per_episode": n, "fps": options.fps, "paced": options.paced,
    "cameras": Workload.cameras, "resolution": "\(Workload.width)x\(Workload.height)",
    "codec": codec.rawValue, "encoder_threads": options.threads as Any? ?? NSNull(),
    "add_frame_us": ["p50": us(percentile(sortedAdd, 0.5)), "p90": us(percentile(sortedAdd, 0.9)),
                     "p99": us(percentile(sortedAdd, 0.99)), "p999": us(percentile(sortedAdd, 0.999)),
                     "max": us(sortedAdd.last ?? 0), "n": sortedAdd.count,
                     "over_1ms": sortedAdd.filter { $0 > 1_000_000 }.count,
                     "over_frame_period": sortedAdd.filter { $0 > period }.count],
    "camera_mode": options.cameraMode,
    "fill_plus_add_frame_us": ["p50": us(percentile(sortedFill, 0.5)), "p99": us(percentile(sortedFill, 0.99)),
                               "max": us(sortedFill.last ?? 0)],
    "loop_overruns": overruns,
    "save_episode_us": ["p50": us(percentile(sortedSave, 0.5)), "p99": us(percentile(sortedSave, 0.99)),
                        "max": us(sortedSave.last ?? 0), "each": saveLatencies.map(us)],
    "episode_end_to_durable_ms": durable,
    "stop_finalize_ms": (Double(finalize) / 1e6 * 10).rounded() / 10,
    "total_wall_s": (Double(total) / 1e9 * 100).rounded() / 100,
    "cpu_s": ["self": seconds(cpu.ru_utime) + seconds(cpu.ru_stime),
              "children": seconds(childCPU.ru_utime) + seconds(childCPU.ru_stime)],
    "peak_rss_tree_mb": (Double(peakTree) / 1_048_576 * 10).rounded() / 10,
    "peak_rss_self_mb": (Double(TreeRSSSampler.selfPeak()) / 1_048_576 * 10).rounded() / 10,
    "commits": ["committed": summary.commits.committed, "failed": summary.commits.failed, "pending": summary.commits.pending],
    "failures": clock.lock.withLock { clock.failed.map { "\($0.key): \($0.value)" } },
    "streams": streamsAtSave.enumerated().flatMap { e, streams in
        streams.map { ["episode": e, "stream": $0.name, "frames": $0.frames, "duplicates": $0.duplicates, "gaps": $0.gaps,
                       "max_queue_depth": $0.maxQueueDepth] as [String: Any] }
    },
    "rows": summary.framesAdded,
]
let json = try JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys])
let text = String(decoding: json, as: UTF8.self)
print(text)
if let out = options.out { try text.write(toFile: out, atomically: true, encoding: .utf8) }
do {
    let report = try Verifier().verify(root: options.root)
    print("verify: \(report.problems.count) problem(s), \(report.episodes) episodes, \(report.frames) frames", to: &standardError)
}

/// stderr as a text stream, for progress lines that must not mix with the JSON on stdout.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}
nonisolated(unsafe) var standardError = StandardError()
