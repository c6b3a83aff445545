#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Video

/// A tiny tmpfs mounted for one test (needs root or CAP_SYS_ADMIN; the test is skipped otherwise,
/// as docs/platform.md §4 recommends).
struct TinyDisk {
    let path: String
    init?(kilobytes: Int) {
        path = NSTemporaryDirectory() + "episodic-full-\(UUID().uuidString)"
        guard (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)) != nil,
              let out = try? ChildProcess.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path]),
              out.termination.isSuccess
        else { return nil }
    }
    func unmount() {
        _ = try? ChildProcess.run("/bin/umount", [path])  // best effort: leaves an empty tmpfs at worst
        rmdir(path)
    }
    static let canMount: Bool = {
        guard let disk = TinyDisk(kilobytes: 64) else { return false }
        disk.unmount()
        return true
    }()
}

@Suite struct DiskFullTests {
    @Test(.enabled(if: TinyDisk.canMount, "needs permission to mount a tmpfs"))
    func aFullDiskIsReportedAsDiskFull() async throws {
        let disk = try #require(TinyDisk(kilobytes: 300))
        defer { disk.unmount() }
        let width = 320, height = 240
        let enc = StreamingVideoEncoder(config: VideoEncoderConfig(width: width, height: height, fps: 30,
                                                                   backpressure: .block(maxWait: .seconds(5))),
                                        outputPath: disk.path + "/full.mp4")
        try enc.start()
        var rng = SplitMix64(seed: 7)
        var frame = [UInt8](repeating: 0, count: width * height * 3)
        var submitError: VideoError?
        for _ in 0..<120 {
            for i in frame.indices { frame[i] = UInt8(truncatingIfNeeded: rng.next()) }
            if let error = enc.submit(frame).error { submitError = error; break }
        }
        var finishError: VideoError?
        do { _ = try await enc.finish() } catch let error as VideoError { finishError = error }
        let error = try #require(submitError ?? finishError, "encoding 120 noise frames into 300 KiB must fail")
        #expect(error.code == .diskFull, "\(error)")
        #expect(error.stderrTail.contains { $0.contains("No space left on device") })
    }
}

/// A tiny seeded generator so test content is the same every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
