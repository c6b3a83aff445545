import Foundation
import Video

/// One benchmark scenario: `cameras` streams fed in real time at `fps` for `seconds`.
struct BenchRun {
    var label: String
    var config: VideoEncoderConfig
    var cameras: Int
    var seconds: Int
    var directory: String

    struct CameraResult {
        var report: VideoFileReport
        var sustainedFPS: Double
        var maxLateness: Duration
        /// ffmpeg's peak RSS (VmHWM from /proc just before finish), MiB.
        var encoderPeakRSS: Double
    }

    struct Result {
        var cameras: [CameraResult]
        var wall: Duration
        var finishTime: Duration
        var cpuSelf: Double
        var cpuChildren: Double
    }

    /// VmHWM of a live process in MiB (0 if unreadable).
    static func peakRSS(pid: Int32) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }  // 0 = unknown, printed as such  // ok: best-effort cleanup or measurement, see comment above
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }

    func run(frames: SyntheticFrames) async throws -> Result {
        let total = config.fps * seconds
        let encoders = (0..<cameras).map {
            StreamingVideoEncoder(config: config, outputPath: "\(directory)/\(label)-cam\($0).mp4")
        }
        let before = ResourceUsage.now()
        let startWall = ContinuousClock.now
        for encoder in encoders { try encoder.start() }
        let clock = ContinuousClock()
        let t0 = clock.now + .milliseconds(50)
        let period = Duration.seconds(1) / config.fps
        let feedResults = try await withThrowingTaskGroup(of: (Int, Duration, Duration).self) { group in
            for (index, encoder) in encoders.enumerated() {
                group.addTask {
                    // A dedicated thread per camera, like a capture callback; the task just waits for it.
                    try await withCheckedThrowingContinuation { (cont: CheckedContinuation<(Int, Duration, Duration), any Error>) in
                        let thread = Thread {
                            var lateness = Duration.zero
                            for k in 0..<total {
                                let due = t0 + period * k
                                let now = clock.now
                                if now < due { Thread.sleep(forTimeInterval: (due - now).timeInterval) }
                                lateness = max(lateness, clock.now - due)
                                let frame = frames.frames[(k + index * 7) % frames.frames.count]
                                let outcome = frame.withUnsafeBytes { encoder.submit($0, captureTime: clock.now) }
                                if let error = outcome.error { cont.resume(throwing: error); return }
                            }
                            // Poll until everything is in ffmpeg's stdin: the stream's sustained rate.
                            while encoder.counters.framesWritten < total && encoder.counters.framesWritten < encoder.counters.framesHandedIn {
                                usleep(1_000)
                            }
                            cont.resume(returning: (index, clock.now - t0, lateness))
                        }
                        thread.start()
                    }
                }
            }
            var results = [(Duration, Duration)](repeating: (.zero, .zero), count: encoders.count)
            for try await (index, drained, lateness) in group { results[index] = (drained, lateness) }
            return results
        }
        let encoderRSS = encoders.map { encoder in encoder.processID.map(Self.peakRSS(pid:)) ?? 0 }
        let finishStart = clock.now
        let reports = try await withThrowingTaskGroup(of: (Int, VideoFileReport).self) { group in
            for (index, encoder) in encoders.enumerated() { group.addTask { (index, try await encoder.finish()) } }
            var out = [VideoFileReport?](repeating: nil, count: encoders.count)
            for try await (index, report) in group { out[index] = report }
            return out.map { $0! }
        }
        let finishTime = clock.now - finishStart
        let after = ResourceUsage.now()
        let cams = reports.enumerated().map { index, report in
            let drained = feedResults[index].0
            let secs = drained.timeInterval
            return CameraResult(report: report, sustainedFPS: Double(total) / secs, maxLateness: feedResults[index].1,
                                encoderPeakRSS: encoderRSS[index])
        }
        return Result(cameras: cams, wall: ContinuousClock.now - startWall, finishTime: finishTime,
                      cpuSelf: after.selfCPU - before.selfCPU, cpuChildren: after.childrenCPU - before.childrenCPU)
    }
}
