// video-bench: 3 cameras × 640×480 @ 30 fps fed in real time for 10 s through
// StreamingVideoEncoder, once with the live settings (x264 ultrafast, g=2) and once with
// LeRobot's encoder settings (libsvtav1 preset 12, crf 30, g=2, yuv420p), same frames.
// Prints sustained fps, duplicated frames, CPU seconds (incl. ffmpeg children), finish time
// and peak RSS. Usage: video-bench [seconds] [cameras] [output-dir] [label-filter]. See docs/video.md.
import Foundation
import Video

let arguments = CommandLine.arguments
let seconds = arguments.count > 1 ? Int(arguments[1]) ?? 10 : 10
let cameras = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
let directory = arguments.count > 3 ? arguments[3] : NSTemporaryDirectory() + "video-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
let only = arguments.count > 4 ? arguments[4] : nil  // run only scenarios whose label contains this
let width = 640, height = 480, fps = 30

print("generating 60 synthetic \(width)x\(height) frames…")
let frames = SyntheticFrames(width: width, height: height, count: 60, seed: 1)

let scenarios: [(String, VideoEncoderConfig)] = [
    ("x264-ultrafast-g2", VideoEncoderConfig(width: width, height: height, fps: fps, codec: .h264, gop: 2, crf: 23, preset: "ultrafast")),
    ("x264-ultrafast-g2-no-faststart", VideoEncoderConfig(width: width, height: height, fps: fps, codec: .h264, gop: 2, crf: 23, preset: "ultrafast", faststart: false)),
    ("lerobot-svtav1-p12-crf30-g2", VideoEncoderConfig(width: width, height: height, fps: fps, codec: .av1, gop: 2, crf: 30, preset: "12")),
]

func ms(_ d: Duration) -> String {
    String(format: "%.0f ms", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15)
}

print("\(cameras) cameras, \(width)x\(height) @ \(fps) fps, \(seconds) s paced in real time, queue \(fps) slots, policy duplicatePrevious\n")
for (label, config) in scenarios where only.map({ label.contains($0) }) ?? true {
    let run = BenchRun(label: label, config: config, cameras: cameras, seconds: seconds, directory: directory)
    let result = try await run.run(frames: frames)
    let total = fps * seconds
    print("== \(label)")
    for (index, cam) in result.cameras.enumerated() {
        let c = cam.report.counters
        print(String(format: "  cam%d: %d/%d frames, sustained %.1f fps, duplicated %d (queueFull %d), max queue depth %d, max latency %@, feeder max lateness %@, %.2f MB",
                     index, cam.report.frameCount, total, cam.sustainedFPS, c.framesDuplicated, c.duplicates(.queueFull),
                     c.maxQueueDepth, ms(c.maxLatency), ms(cam.maxLateness), Double(cam.report.byteCount) / 1e6))
    }
    for (index, cam) in result.cameras.enumerated() {
        let t = cam.report.finishTiming
        print(String(format: "  cam%d finish: drain %@, ffmpeg exit %@, remux %@; ffmpeg peak RSS %.0f MiB",
                     index, ms(t.drain), ms(t.encoderExit), ms(t.remux), cam.encoderPeakRSS))
    }
    print(String(format: "  finish() for all cameras: %@; wall %@; CPU self %.2f s + ffmpeg %.2f s = %.2f s",
                 ms(result.finishTime), ms(result.wall), result.cpuSelf, result.cpuChildren, result.cpuSelf + result.cpuChildren))
}
let usage = ResourceUsage.now()
print(String(format: "peak RSS: bench process %.0f MiB (incl. 60 precomputed frames = %.0f MiB and %d × %d queue slots = %.0f MiB)",
             usage.selfPeakRSS, Double(60 * width * height * 3) / 1048576, cameras, fps + 1,
             Double(cameras * (fps + 1) * width * height * 3) / 1048576))
