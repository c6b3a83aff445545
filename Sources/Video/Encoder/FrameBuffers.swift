/// The preallocated frame slots of one stream: `count` buffers of `frameBytes` each, zeroed
/// (and so touched) at creation, so no allocation or page fault happens per frame.
///
/// Not thread-safe by itself: ``FrameQueue`` decides who owns each slot at any time (the
/// producer between reserve and commit, the writer while a job is written), and that owner is
/// the only one touching the slot's bytes. Public so other frame streams (the recording engine's
/// PNG image writer) share the encoder's slot discipline instead of a second ring.
public final class FrameBuffers: @unchecked Sendable {
    public let frameBytes: Int
    public let count: Int
    private let base: UnsafeMutableRawPointer
    /// The capture time of each slot's frame, for latency accounting (owner rules as above;
    /// raw memory, not an array, so two threads touching different slots never share a CoW buffer).
    public let captureTimes: UnsafeMutablePointer<ContinuousClock.Instant?>

    public init(count: Int, frameBytes: Int) {
        self.count = count
        self.frameBytes = frameBytes
        base = UnsafeMutableRawPointer.allocate(byteCount: max(count * frameBytes, 1), alignment: 64)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: count * frameBytes)
        captureTimes = .allocate(capacity: count)
        captureTimes.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deallocate()
        captureTimes.deinitialize(count: count)
        captureTimes.deallocate()
    }

    /// The bytes of `slot`.
    public func slot(_ index: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: base + index * frameBytes, count: frameBytes)
    }
}
