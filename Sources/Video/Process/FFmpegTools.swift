#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where the `ffmpeg` and `ffprobe` executables are, and what this ffmpeg build can encode.
///
/// Thread-safe: lookups are cached under a lock, so the `ffmpeg -encoders` probe (≈ 50 ms)
/// runs once per process and executable.
public struct FFmpegTools: Sendable, Hashable {
    /// The ffmpeg executable: an absolute path or a name looked up on `PATH`.
    public var ffmpeg: String
    /// The ffprobe executable: an absolute path or a name looked up on `PATH`.
    public var ffprobe: String

    public init(ffmpeg: String = "ffmpeg", ffprobe: String = "ffprobe") {
        self.ffmpeg = ffmpeg
        self.ffprobe = ffprobe
    }

    /// The tools found on `PATH` (the default).
    public static let system = FFmpegTools()

    /// Resolves `name` to an executable path (itself if it contains a slash), or throws
    /// `ERR_FFMPEG_MISSING`.
    static func resolve(_ name: String) throws -> String {
        if name.contains("/") {
            guard access(name, X_OK) == 0 else { throw missing(name) }
            return name
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw missing(name)
    }

    private static func missing(_ name: String) -> VideoError {
        VideoError(.ffmpegMissing, "\(name) was not found (PATH or given path)",
                   hint: "install ffmpeg 5.1+ with libx264 (scripts/setup.sh does it on Debian)")
    }

    /// The names of all encoders this ffmpeg lists in `ffmpeg -encoders` (e.g. "libx264").
    /// Cached per executable. Throws `ERR_FFMPEG_MISSING` or `ERR_ENCODER_FAILED`.
    public func encoders() throws -> Set<String> {
        let path = try Self.resolve(ffmpeg)
        if let cached = encoderCache.withLock({ $0[path] }) { return cached }
        let output = try ChildProcess.run(path, ["-hide_banner", "-encoders"], timeout: .seconds(20))
        guard output.termination.isSuccess else {
            throw VideoError(.encoderFailed, "\(path) -encoders failed (\(output.termination))",
                             stderrTail: Array(output.stderrLines.suffix(20)))
        }
        var names = Set<String>()
        var pastHeader = false
        for line in String(decoding: output.stdout, as: UTF8.self).split(separator: "\n") {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("------") { pastHeader = true; continue }
            guard pastHeader else { continue }
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 2, fields[0].first == "V" || fields[0].first == "A" || fields[0].first == "S" {
                names.insert(String(fields[1]))
            }
        }
        encoderCache.withLock { $0[path] = names }
        return names
    }
}

/// A value guarded by an `NSLock`; the closure runs with the lock held and must not block.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

private let encoderCache = LockedBox<[String: Set<String>]>([:])
