import DurableIO

/// Writes PNG files: encode with ``PNGEncoder``, then write under a temporary name
/// (`.NAME.episodic-tmp`) and rename, with the shared `DurableIO.DurableWriter`, so a reader
/// (or a crash) never sees a half-written image.
/// Blocking (encode + write on the calling thread); use ``ImageWriteQueue`` to keep it off the
/// recording thread.
public struct PNGWriter: Sendable {
    /// zlib level 0–9 (6 = zlib's default balance).
    public var compressionLevel: Int32
    /// fsync each file before its rename (≈ 0.4 ms on the platform disk). The directory is not
    /// fsynced: the episode commit does that once for all files.
    public var durable: Bool

    public init(compressionLevel: Int32 = 6, durable: Bool = false) {
        self.compressionLevel = compressionLevel
        self.durable = durable
    }

    /// Encodes and writes `image` to `path`.
    /// - Throws: `ERR_VIDEO_INVALID_INPUT`, `ERR_VIDEO_IO` (with errno, e.g. read-only or missing
    ///   directory), `ERR_DISK_FULL`.
    public func write(_ image: PNGImage, to path: String) throws {
        let bytes = try PNGEncoder.encode(image, compressionLevel: compressionLevel)
        let writer = DurableWriter(options: .init(syncFile: durable, syncDirectory: false))
        do {
            try writer.write(bytes, to: path)
        } catch {
            throw VideoError.fromErrno(error.errno, error.call, path: error.path)
        }
    }
}
