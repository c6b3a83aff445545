// The unlinked, append-only file a CameraStatsLog keeps its per-frame histograms in.

import Foundation
import LeRobot

/// Fixed-size records appended to a file that has no name, read back by record number.
///
/// Why a file: a camera's per-frame histograms are needed only at commit (lerobot samples
/// frames from the whole episode, whose length is known only then), so holding them in memory
/// made the recorder grow by ~92 KB/s per 30 fps camera. On disk they cost nothing in RSS.
///
/// Why unlinked: the file is created exclusively and its name removed at once, so it never
/// shows in the take's spool directory (``EpisodeStreams/cancel()`` only removes the files it
/// knows, then `rmdir`s the directory) and a crash leaves nothing behind: the kernel frees the
/// space when the descriptor closes, in ``close()`` or `deinit`.
///
/// Why buffered: appends go to a ~64 KB memory buffer, written with one `pwrite` when full, so
/// the writer thread makes one system call per ~40 frames. The file is opened lazily by the
/// first write, on that thread: the take directory need not exist when the log is made.
///
/// Errors: the first failing system call is kept in ``failure`` (ENOSPC/EDQUOT as
/// `ERR_DISK_FULL`, anything else as `ERR_IO`); later appends are dropped, so a failed spool
/// stays small, and the owner reports the failure when it reads. Never crashes.
///
/// Not thread-safe: the owner serialises every call (``CameraStatsLog`` under its lock).
final class HistogramSpool {
    /// Bytes per record.
    let recordSize: Int
    /// Records appended (written or buffered), failed or not.
    private(set) var recordCount = 0
    /// The first error, kept until the owner reads.
    private(set) var failure: LeRobotError?
    /// The path to create (then unlink): the owner's, or a unique name in the temporary directory.
    private let path: String
    private var descriptor: Int32 = -1
    private var closed = false
    /// Bytes already in the file; the buffer continues from here.
    private var written = 0
    private var buffer: [UInt8] = []
    /// Buffered bytes that trigger a write.
    static let flushThreshold = 64 * 1024

    init(recordSize: Int, path: String?) {
        self.recordSize = recordSize
        self.path = path ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("episodic-stats-\(getpid())-\(UUID().uuidString)").path
    }

    deinit { close() }

    /// Appends one record (`recordSize` bytes); writes the buffer out once it holds ≥ 64 KB.
    func append(_ record: UnsafeRawBufferPointer) {
        precondition(record.count == recordSize, "spool record of \(record.count) bytes, expected \(recordSize)")
        recordCount += 1
        guard failure == nil, !closed else { return }
        if buffer.capacity == 0 { buffer.reserveCapacity(Self.flushThreshold + recordSize) }
        buffer.append(contentsOf: record)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    /// Writes the buffered records to the file (opening it first if needed). Errors go to ``failure``.
    func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        guard !closed else { return fail(LeRobotError(.io, "camera statistics spool was closed")) }
        if descriptor < 0 {
            guard open() else { return }
        }
        let error: LeRobotError? = buffer.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let n = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(written + done))
                if n > 0 {
                    done += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    return Self.error(errno: n < 0 ? errno : EIO, call: "pwrite", path: path)
                }
            }
            return nil
        }
        if let error { return fail(error) }
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Reads record `index` (which must have been flushed) into `into` (`recordSize` bytes).
    func read(record index: Int, into: UnsafeMutableRawBufferPointer) throws(LeRobotError) {
        precondition(into.count == recordSize && index >= 0 && index < recordCount, "bad spool read of record \(index)")
        if let failure { throw failure }
        let offset = index * recordSize
        guard descriptor >= 0, offset + recordSize <= written else {
            throw LeRobotError(.io, "camera statistics spool \(path) lacks record \(index) (\(written) bytes written)",
                               hint: "the spool was closed or not flushed; this is a bug, please report it")
        }
        var done = 0
        while done < recordSize {
            let n = pread(descriptor, into.baseAddress! + done, recordSize - done, off_t(offset + done))
            if n > 0 {
                done += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                // n == 0: the file is shorter than what was written to it.
                throw Self.error(errno: n < 0 ? errno : EIO, call: "pread", path: path)
            }
        }
    }

    /// Bytes in the file (what the disk holds, without the buffer); `nil` before the first write
    /// or after ``close()``.
    var fileSize: Int? {
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// Closes the descriptor (which frees the file's space) and drops the buffer. Idempotent.
    func close() {
        closed = true
        buffer = []
        if descriptor >= 0 {
            // Nothing to recover from a failed close of a file nobody will read again.
            _ = Foundation.close(descriptor)
            descriptor = -1
        }
    }

    /// `ERR_DISK_FULL` for ENOSPC/EDQUOT, else `ERR_IO`, naming the call, path and errno.
    static func error(errno code: Int32, call: String, path: String) -> LeRobotError {
        let reason = String(cString: strerror(code))
        let message = "camera statistics spool: \(call) \(path) failed: \(reason) (errno \(code))"
        if code == ENOSPC || code == EDQUOT {
            return LeRobotError(.diskFull, message, hint: "free space on the spool disk and re-record the episode")
        }
        return LeRobotError(.io, message, hint: "check the spool directory, its permissions and the disk")
    }

    private func fail(_ error: LeRobotError) {
        failure = failure ?? error
        buffer = []
    }

    /// Creates the file exclusively (never truncating someone else's; close-on-exec, so the
    /// ffmpeg children spawned meanwhile do not inherit it) and unlinks its name at once.
    private func open() -> Bool {
        let fd = Foundation.open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            fail(Self.error(errno: errno, call: "open", path: path))
            return false
        }
        // Fails only if someone removed the name meanwhile, which leaves nothing to clean either.
        _ = unlink(path)
        descriptor = fd
        return true
    }
}
