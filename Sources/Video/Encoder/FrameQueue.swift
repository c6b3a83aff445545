/// The bookkeeping of a stream's frame ring: which slot holds which output frame, which slots
/// are free, and the counters. A value type with no I/O and no clock, so tests drive it with
/// plain calls; ``StreamingVideoEncoder`` keeps it under a lock and does the copying and writing
/// (so does the recording engine's PNG image writer, which is why it is public).
///
/// There are `capacity + 1` slots. One slot is always *retained*: it holds the frame most
/// recently taken by the writer, so a duplicate can be made of it even after it was written
/// (a gap before the first frame duplicates the retained zero-filled slot: black).
/// `entries` lists slots in output order, each with how many more times it must be written;
/// a duplicate increments the last entry's count, so duplicates never need a slot of their own.
public struct FrameQueue: Sendable {
    public struct Entry: Equatable, Sendable {
        public var slot: Int
        /// Output frames still to be written from this slot (≥ 1 when queued, 0 once taken).
        public var pending: Int
    }

    /// A unit of work for the writer: write `slot`'s bytes `count` times.
    public struct Job: Equatable, Sendable {
        public var slot: Int
        public var count: Int
        /// Output index of the first of these frames.
        public var firstIndex: Int
    }

    public let capacity: Int
    /// Gap runs the log always has room for when the producer records a duplicate.
    static let gapHeadroom = 64
    private(set) var entries: [Entry]
    private(set) var free: [Int]
    public private(set) var counters = EncoderCounters()
    /// Output frames promised so far (next output index).
    public private(set) var handedIn = 0
    /// Output frames given to the writer so far.
    public private(set) var taken = 0

    /// Slots are numbered 0...capacity; slot `capacity` starts retained (zero-filled by the owner).
    public init(capacity: Int) {
        precondition(capacity >= 1)
        self.capacity = capacity
        entries = [Entry(slot: capacity, pending: 0)]
        entries.reserveCapacity(capacity + 1)
        counters.gaps.reserveCapacity(Self.gapHeadroom * 2)
        free = Array((0..<capacity).reversed())
    }

    /// Output frames waiting to be taken by the writer.
    public var depth: Int { handedIn - taken }

    /// Whether a producer can reserve a slot now.
    public var hasFreeSlot: Bool { !free.isEmpty }

    /// Whether the writer has something to do.
    public var hasWork: Bool { depth > 0 }

    /// Takes a free slot for the producer to copy a frame into (nil when full). The slot is
    /// owned by the producer until ``commit(slot:)``.
    public mutating func reserveSlot() -> Int? { free.popLast() }

    /// Queues a reserved, filled slot as the next output frame.
    public mutating func commit(slot: Int) {
        entries.append(Entry(slot: slot, pending: 1))
        counters.framesSubmitted += 1
        handedIn += 1
        counters.maxQueueDepth = max(counters.maxQueueDepth, depth)
    }

    /// Gives back a reserved slot that will not be committed.
    public mutating func unreserve(slot: Int) { free.append(slot) }

    /// Makes the next output frame a duplicate of the latest frame, counted under `cause`.
    public mutating func duplicateLatest(cause: GapCause) {
        entries[entries.count - 1].pending += 1
        counters.recordGap(at: handedIn, cause: cause)
        handedIn += 1
        counters.maxQueueDepth = max(counters.maxQueueDepth, depth)
    }

    /// The writer's next job, or nil when there is nothing to write. Frees slots of entries
    /// that are fully written and no longer the latest frame.
    public mutating func takeJob() -> Job? {
        // Grow the gap log here, on the writer's thread, before the producer needs the room:
        // a duplicate on the producer's thread then appends without allocating (unless more
        // than `gapHeadroom` separate gap runs arrive between two jobs).
        if counters.gaps.capacity - counters.gaps.count < Self.gapHeadroom {
            counters.gaps.reserveCapacity(max(counters.gaps.capacity * 2, Self.gapHeadroom * 2))
        }
        while entries.count >= 2 && entries[0].pending == 0 {
            free.append(entries.removeFirst().slot)
        }
        guard entries[0].pending > 0 else { return nil }
        let job = Job(slot: entries[0].slot, count: entries[0].pending, firstIndex: taken)
        entries[0].pending = 0
        taken += job.count
        return job
    }

    /// Records that the writer finished writing one more frame.
    public mutating func recordWritten(latency: Duration?) {
        counters.framesWritten += 1
        if let latency, latency > counters.maxLatency { counters.maxLatency = latency }
    }

    /// Adds producer blocking time to the counters.
    public mutating func recordBlocked(_ duration: Duration) { counters.timeBlocked += duration }
}
