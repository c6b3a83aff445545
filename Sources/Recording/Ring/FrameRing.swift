import Atomics
import Video

/// A single-producer, single-consumer ring of preallocated, fixed-size byte slots: the hand-off
/// from the control loop (`addFrame`) to one stream's writer or encoder.
///
/// All memory is allocated in ``init(slotCount:slotSize:policy:)`` and never again: a push copies
/// the frame into a free slot and publishes it with one atomic store. No lock is taken and no
/// system call is made on the hot path, except to wake a consumer that is parked because the
/// ring was empty (or, under ``BackpressurePolicy/block(maxWait:)``, to park the producer itself
/// when the ring is full).
///
/// Threading: exactly one thread at a time may act as the producer (``push(_:)``, ``finish()``)
/// and exactly one as the consumer (``consume(timeout:_:)``); they may be different threads and
/// may change over time only with a happens-before edge between the old and new owner (for
/// example a task join). ``counters``, ``slotStorageBaseAddress`` and the configuration
/// properties may be read from any thread.
public final class FrameRing: @unchecked Sendable {
    /// Bookkeeping kept beside each slot's bytes.
    struct SlotHeader {
        var length: Int
        var sequence: UInt64
        var duplicatesBefore: Int
    }

    /// Number of slots: the requested count rounded up to a power of two.
    public let slotCount: Int
    /// The largest frame, in bytes, that one slot holds.
    public let slotSize: Int
    /// What ``push(_:)`` does when every slot is taken.
    public let policy: BackpressurePolicy
    /// How many stored frames it takes for a push to wake a parked consumer (see
    /// ``init(slotCount:slotSize:policy:wakeBatch:)``).
    public let wakeBatch: Int

    let mask: Int
    /// Stride between slots: ``slotSize`` rounded up to a cache line, so neighbouring slots
    /// written by the producer and read by the consumer do not share one.
    let slotStride: Int
    let storage: UnsafeMutableRawPointer
    let headers: UnsafeMutablePointer<SlotHeader>

    /// Next position the consumer reads. Written only by the consumer.
    let head = ManagedAtomic<Int>(0)
    /// Next position the producer writes. Written only by the producer.
    let tail = ManagedAtomic<Int>(0)
    /// Set once by ``finish()``; read by the consumer.
    let finished = ManagedAtomic<Bool>(false)
    let consumerParked = ManagedAtomic<Bool>(false)
    let producerParked = ManagedAtomic<Bool>(false)
    /// Condition 0 wakes the consumer, condition 1 wakes the producer.
    let parking = ConditionLock(conditions: 2)

    // Counters: written only by the producer, readable anywhere (relaxed).
    let acceptedCount = ManagedAtomic<Int>(0)
    let acceptedAfterWaitCount = ManagedAtomic<Int>(0)
    let duplicatedCount = ManagedAtomic<Int>(0)
    let timedOutCount = ManagedAtomic<Int>(0)

    // Producer-only state (see the threading rule above).
    var producerTail = 0
    var producerCachedHead = 0
    var producerSequence: UInt64 = 0
    var pendingDuplicates = 0
    var producerFinished = false
    /// Gaps after the last stored frame; written by ``finish()`` before `finished` is published.
    var trailingDuplicates = 0

    // Consumer-only state.
    var consumerHead = 0
    var consumerCachedTail = 0

    /// Creates a ring and allocates all of its slot memory.
    ///
    /// - Parameters:
    ///   - slotCount: how many frames may wait; rounded up to a power of two. At least 1.
    ///   - slotSize: the largest frame in bytes (for a camera, `width × height × channels`).
    ///   - policy: what a push does when the ring is full.
    ///   - wakeBatch: a push wakes a parked consumer only once this many frames are stored
    ///     (``finish()`` always wakes it). 1, the default, wakes it on every push. A larger batch
    ///     spares the producer the wake-up system call on most pushes; the consumer must then
    ///     poll with a short `timeout` in ``consume(timeout:_:)``, which bounds how long a frame
    ///     can wait. Clamped to `1...slotCount`.
    /// - Throws: ``RecordingError/Code/invalidConfiguration`` for a zero or negative size/count.
    public init(slotCount: Int, slotSize: Int, policy: BackpressurePolicy, wakeBatch: Int = 1) throws(RecordingError) {
        guard slotCount >= 1, slotCount <= 1 << 24 else {
            throw RecordingError(
                .invalidConfiguration, "FrameRing slot count \(slotCount) is out of range",
                hint: "use between 1 and 16777216 slots")
        }
        guard slotSize >= 1 else {
            throw RecordingError(
                .invalidConfiguration, "FrameRing slot size \(slotSize) must be at least 1 byte",
                hint: "use the byte size of the stream's largest frame")
        }
        var count = 1
        while count < slotCount { count <<= 1 }
        self.slotCount = count
        self.slotSize = slotSize
        self.policy = policy
        self.wakeBatch = min(max(1, wakeBatch), count)
        mask = count - 1
        slotStride = (slotSize + 63) & ~63
        storage = .allocate(byteCount: count * slotStride, alignment: 64)
        storage.initializeMemory(as: UInt8.self, repeating: 0, count: count * slotStride)
        headers = .allocate(capacity: count)
        headers.initialize(repeating: SlotHeader(length: 0, sequence: 0, duplicatesBefore: 0), count: count)
    }

    deinit {
        headers.deallocate()
        storage.deallocate()
    }

    /// The address of the slot memory. It never changes for the life of the ring; tests assert
    /// that, as the visible half of the "no allocation in steady state" promise (the benchmark
    /// proves the other half).
    public var slotStorageBaseAddress: UInt { UInt(bitPattern: storage) }

    /// Exact totals of push outcomes so far. Any thread; a snapshot that may lag a concurrent push.
    public var counters: FrameRingCounters {
        FrameRingCounters(
            accepted: acceptedCount.load(ordering: .relaxed),
            acceptedAfterWait: acceptedAfterWaitCount.load(ordering: .relaxed),
            duplicated: duplicatedCount.load(ordering: .relaxed),
            timedOut: timedOutCount.load(ordering: .relaxed))
    }

    /// Frames stored and not yet consumed. Any thread; a snapshot.
    public var depth: Int {
        tail.load(ordering: .relaxed) - head.load(ordering: .relaxed)
    }

    /// Whether the producer is parked waiting for space (tests use this to sequence threads
    /// without sleeping).
    var isProducerParked: Bool { producerParked.load(ordering: .sequentiallyConsistent) }
    /// Whether the consumer is parked waiting for a frame.
    var isConsumerParked: Bool { consumerParked.load(ordering: .sequentiallyConsistent) }
}

extension ManagedAtomic where Value == Int {
    /// Adds one from the single thread that writes this counter: a relaxed load and store,
    /// cheaper than a read-modify-write, correct because no other thread writes it.
    @inline(__always)
    func bumpFromOwner() {
        store(load(ordering: .relaxed) &+ 1, ordering: .relaxed)
    }
}
