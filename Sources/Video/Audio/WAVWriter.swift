#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sample encodings ``WAVWriter`` writes.
public enum WAVSampleFormat: String, Sendable, Hashable {
    /// 16-bit signed little-endian PCM (WAVE format 1).
    case s16le
    /// 32-bit IEEE float little-endian (WAVE format 3, with the `fact` chunk it requires).
    case f32le

    public var bytesPerSample: Int { self == .s16le ? 2 : 4 }
    var codecName: String { self == .s16le ? "pcm_s16le" : "pcm_f32le" }
}

/// Streams interleaved audio samples into a WAV file while recording.
///
/// The header is written first with zero sizes and patched by ``finish()`` (RIFF size, `fact`
/// frame count, `data` size), so memory stays constant whatever the length. The file is written
/// at `path + ".partial"` and renamed to `path` by `finish`, so a crash never leaves a WAV with
/// wrong sizes under the final name.
///
/// Threading: not thread-safe; use from one thread (an audio callback should hand samples to
/// a thread that owns the writer). Every method blocks on `write`.
public final class WAVWriter {
    public let path: String
    public let sampleRate: Int
    public let channels: Int
    public let format: WAVSampleFormat
    private let partialPath: String
    private var fd: Int32
    private var dataBytes = 0
    private var headerSize: Int

    /// Creates `path + ".partial"` and writes the placeholder header.
    /// - Throws: `ERR_VIDEO_INVALID_INPUT` for a bad rate/channel count, `ERR_VIDEO_IO`, `ERR_DISK_FULL`.
    public init(path: String, sampleRate: Int, channels: Int, format: WAVSampleFormat) throws {
        guard sampleRate > 0, sampleRate <= Int(UInt32.max) / 8, (1...64).contains(channels) else {
            throw VideoError(.invalidInput, "WAV \(path): sample rate \(sampleRate) / channels \(channels) not valid")
        }
        self.path = path
        self.sampleRate = sampleRate
        self.channels = channels
        self.format = format
        partialPath = path + ".partial"
        fd = open(partialPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw VideoError.fromErrno(errno, "create", path: partialPath) }
        let header = Self.header(sampleRate: sampleRate, channels: channels, format: format, dataBytes: 0)
        headerSize = header.count
        try writeAll(header)
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Bytes in one sample frame (one sample for every channel).
    public var blockAlign: Int { channels * format.bytesPerSample }

    /// Sample frames written so far.
    public var frameCount: Int { dataBytes / blockAlign }

    /// Appends interleaved little-endian samples in the writer's format; the byte count must be a
    /// whole number of sample frames.
    public func append(_ samples: UnsafeRawBufferPointer) throws {
        guard fd >= 0 else { throw VideoError(.closed, "WAV \(path) is finished") }
        guard samples.count % blockAlign == 0 else {
            throw VideoError(.invalidInput, "WAV \(path): \(samples.count) bytes is not a whole number of \(blockAlign)-byte frames")
        }
        try writeAll(samples)
        dataBytes += samples.count
    }

    /// Appends interleaved 16-bit samples (format must be `.s16le`).
    public func append(_ samples: [Int16]) throws {
        guard format == .s16le else { throw VideoError(.invalidInput, "WAV \(path) is \(format.rawValue), got Int16 samples") }
        try samples.map { $0.littleEndian }.withUnsafeBytes { try append($0) }
    }

    /// Appends interleaved float samples (format must be `.f32le`).
    public func append(_ samples: [Float]) throws {
        guard format == .f32le else { throw VideoError(.invalidInput, "WAV \(path) is \(format.rawValue), got Float samples") }
        try samples.map { $0.bitPattern.littleEndian }.withUnsafeBytes { try append($0) }
    }

    /// Patches the header sizes, fsyncs, closes and renames the file into place.
    public func finish() throws -> AudioFileReport {
        guard fd >= 0 else { throw VideoError(.closed, "WAV \(path) is already finished") }
        guard headerSize + dataBytes - 8 <= Int(UInt32.max) else {
            throw VideoError(.invalidInput, "WAV \(path) exceeds 4 GiB, the RIFF limit", hint: "split the audio per episode")
        }
        let header = Self.header(sampleRate: sampleRate, channels: channels, format: format, dataBytes: dataBytes)
        let written = header.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        guard written == header.count else { throw VideoError.fromErrno(written < 0 ? errno : EIO, "patch header of", path: partialPath) }
        guard fsync(fd) == 0 else { throw VideoError.fromErrno(errno, "fsync", path: partialPath) }
        let rc = close(fd)
        fd = -1
        guard rc == 0 else { throw VideoError.fromErrno(errno, "close", path: partialPath) }
        guard rename(partialPath, path) == 0 else { throw VideoError.fromErrno(errno, "rename to", path: path) }
        return AudioFileReport(path: path, codec: format.codecName, sampleRate: sampleRate, channels: channels,
                               frameCount: frameCount, byteCount: Int64(headerSize + dataBytes))
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try writeAll($0) }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n > 0 { offset += n; continue }
            if n < 0 && errno == EINTR { continue }
            throw VideoError.fromErrno(n < 0 ? errno : EIO, "write", path: partialPath)
        }
    }

    /// The RIFF/WAVE header for `dataBytes` bytes of samples: 44 bytes for PCM; 58 for float
    /// (18-byte `fmt ` with cbSize 0, plus `fact`).
    static func header(sampleRate: Int, channels: Int, format: WAVSampleFormat, dataBytes: Int) -> [UInt8] {
        var h: [UInt8] = []
        func u32(_ v: Int) { let x = UInt32(truncatingIfNeeded: v); h += [UInt8(x & 0xff), UInt8((x >> 8) & 0xff), UInt8((x >> 16) & 0xff), UInt8(x >> 24)] }
        func u16(_ v: Int) { h += [UInt8(v & 0xff), UInt8((v >> 8) & 0xff)] }
        let isFloat = format == .f32le
        let block = channels * format.bytesPerSample
        let headerSize = isFloat ? 58 : 44
        h += Array("RIFF".utf8); u32(headerSize - 8 + dataBytes); h += Array("WAVE".utf8)
        h += Array("fmt ".utf8); u32(isFloat ? 18 : 16)
        u16(isFloat ? 3 : 1); u16(channels); u32(sampleRate); u32(sampleRate * block); u16(block); u16(format.bytesPerSample * 8)
        if isFloat {
            u16(0)
            h += Array("fact".utf8); u32(4); u32(dataBytes / block)
        }
        h += Array("data".utf8); u32(dataBytes)
        return h
    }
}
