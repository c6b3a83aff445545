import Foundation

/// Writes images on its own thread so the recording thread never encodes or touches the disk.
///
/// Bounded: at most `capacity` images wait; ``enqueue(_:to:)`` blocks the caller while the queue
/// is full (documented back-pressure; image streams are small and rare next to video). The
/// first write error is kept and surfaced: every later `enqueue` throws it and ``finish()``
/// throws it — errors are never only logged. Images after a failure are not written.
///
/// Threading: `enqueue` and `finish` may be called from any thread; files are written by the
/// queue's thread, each under a temporary name and renamed into place. Always call `finish()`:
/// the thread (and the queue object it references) lives until then.
public final class ImageWriteQueue: @unchecked Sendable {
    public let capacity: Int
    private let writer: PNGWriter
    private let cond = NSCondition()
    private var pending: [(PNGImage, String)] = []
    private var closed = false
    private var threadDone = false
    private var failure: VideoError?
    private var written = 0

    /// Starts the writer thread.
    public init(capacity: Int = 64, writer: PNGWriter = PNGWriter()) {
        self.capacity = max(capacity, 1)
        self.writer = writer
        let thread = Thread { [self] in run() }
        thread.name = "episodic.images"
        thread.start()
    }

    /// Queues `image` for `path`. Blocks while `capacity` images are waiting.
    /// - Throws: the first write error of this queue, or `ERR_VIDEO_CLOSED` after `finish()`.
    public func enqueue(_ image: PNGImage, to path: String) throws {
        cond.lock()
        defer { cond.unlock() }
        while pending.count >= capacity && failure == nil && !closed { cond.wait() }
        if let failure { throw failure }
        if closed { throw VideoError(.closed, "image queue is finished; \(path) not written") }
        pending.append((image, path))
        cond.broadcast()
    }

    /// Waits until every queued image is written and stops the thread.
    /// - Returns: the number of images written.
    /// - Throws: the first write error (the images queued after it were not written).
    @discardableResult
    public func finish() throws -> Int {
        cond.lock()
        defer { cond.unlock() }
        closed = true
        cond.broadcast()
        while !threadDone { cond.wait() }
        if let failure { throw failure }
        return written
    }

    private func run() {
        cond.lock()
        while true {
            while pending.isEmpty && !closed { cond.wait() }
            if pending.isEmpty || failure != nil { break }
            let (image, path) = pending.removeFirst()
            cond.broadcast()
            cond.unlock()
            var writeError: VideoError?
            do { try writer.write(image, to: path) } catch let e as VideoError { writeError = e } catch let other {
                writeError = VideoError(.io, "writing \(path) failed: \(other)")
            }
            cond.lock()
            if let error = writeError {
                failure = error
                pending.removeAll()
                cond.broadcast()
            } else {
                written += 1
            }
        }
        threadDone = true
        cond.broadcast()
        cond.unlock()
    }
}
