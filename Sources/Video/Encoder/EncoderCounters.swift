/// Exact accounting of one camera stream: every frame handed in is either a real frame
/// (`framesSubmitted`) or a counted duplicate (`framesDuplicated`, listed in `gaps`).
///
/// Invariant once the encoder has finished: `framesWritten == framesSubmitted + framesDuplicated`
/// and the output file has exactly `framesWritten` frames. While running, `framesWritten` only
/// counts frames whose bytes were fully written to ffmpeg's stdin.
public struct EncoderCounters: Sendable, Hashable {
    /// Real frames copied into the queue.
    public var framesSubmitted = 0
    /// Output frames that repeat the previous frame (sum of all gap lengths).
    public var framesDuplicated = 0
    /// Frames fully written to the encoder's stdin.
    public var framesWritten = 0
    /// Runs of duplicated frames with their cause, in output order (adjacent frames with the
    /// same cause are merged, so this grows with the number of incidents, not frames).
    public var gaps: [GapRecord] = []
    /// The most output frames ever waiting between submit and the pipe.
    public var maxQueueDepth = 0
    /// Total time producers spent blocked waiting for a slot (`.block` policy only).
    public var timeBlocked: Duration = .zero
    /// The longest time from a frame's `captureTime` to the end of its write to the pipe.
    public var maxLatency: Duration = .zero

    public init() {}

    /// Frames handed in so far (real + duplicates) = the number of output frames promised.
    public var framesHandedIn: Int { framesSubmitted + framesDuplicated }

    /// Duplicates with a given cause.
    public func duplicates(_ cause: GapCause) -> Int {
        gaps.filter { $0.cause == cause }.reduce(0) { $0 + $1.frames.count }
    }

    /// Records output frame `index` as a duplicate caused by `cause`.
    mutating func recordGap(at index: Int, cause: GapCause) {
        framesDuplicated += 1
        if let last = gaps.last, last.cause == cause, last.frames.upperBound == index {
            gaps[gaps.count - 1].frames = last.frames.lowerBound..<(index + 1)
        } else {
            gaps.append(GapRecord(frames: index..<(index + 1), cause: cause))
        }
    }
}
