// A cheap snapshot of a session for terminal UIs and dashboards.

import Video

/// Where a session is right now: the open episode, each stream's counts, the queues, the disk.
public struct RecordingProgress: Sendable {
    /// One camera stream of the open episode.
    public struct Stream: Sendable, Hashable {
        public var name: String
        /// Output frames so far (real + duplicated).
        public var frames: Int
        public var duplicates: Int
        /// Runs of duplicates (gap records).
        public var gaps: Int
        /// The most frames ever waiting between `addFrame` and ffmpeg in this episode.
        public var maxQueueDepth: Int
        /// Frames written to ffmpeg.
        public var written: Int
    }

    public var state: SessionState
    /// The open episode's number, if one is open.
    public var episode: Int?
    public var episodeFrames: Int
    /// Frames per second over the open episode so far (0 before the second frame).
    public var episodeFPS: Double
    public var streams: [Stream]
    /// Row ring counters (session-wide) and depth now.
    public var rowRing: FrameRingCounters
    public var rowRingDepth: Int
    public var commits: CommitCounts
    public var commitQueueDepth: Int
    public var episodesSaved: Int
    public var episodesDiscarded: Int
    public var framesAdded: Int
    public var framesRejected: Int
    /// Free bytes on the dataset's file system, nil if unreadable.
    public var diskFreeBytes: UInt64?
}

extension RecordingSession {
    /// A snapshot for UIs. Cheap (a few locks and one `statvfs`); any thread; never waits for
    /// the control loop for more than its short lock.
    public func progress() -> RecordingProgress {
        let (snapshot, encoders, queue, ring, guardValue) = lock.withLock {
            (open.map { ($0.index, $0.frames, $0.started, $0.streams.names) }, open?.streams.imageWriters ?? [],
             self.queue, self.ring, diskGuard)
        }
        let streams = zip(snapshot?.3 ?? [], encoders).map { name, encoder -> RecordingProgress.Stream in
            let c = encoder.counters
            return RecordingProgress.Stream(name: name, frames: c.framesHandedIn, duplicates: c.framesDuplicated,
                                            gaps: c.gaps.count, maxQueueDepth: c.maxQueueDepth, written: c.framesWritten)
        }
        var fps = 0.0
        if let (_, frames, started, _) = snapshot, frames > 1 {
            let elapsed = ContinuousClock.now - started
            let seconds = elapsed.timeInterval
            if seconds > 0 { fps = Double(frames) / seconds }
        }
        let free: UInt64?
        do {
            free = try guardValue.space().availableBytes
        } catch {
            free = nil  // reported as unknown; the disk monitor publishes the error itself
        }
        let tallies = lock.withLock { self.tallies }
        return RecordingProgress(
            state: state, episode: snapshot?.0, episodeFrames: snapshot?.1 ?? 0, episodeFPS: fps, streams: streams,
            rowRing: ring?.counters ?? FrameRingCounters(), rowRingDepth: ring?.depth ?? 0,
            commits: queue?.counts ?? CommitCounts(committed: 0, failed: 0, pending: 0), commitQueueDepth: queue?.depth ?? 0,
            episodesSaved: tallies.episodesSaved, episodesDiscarded: tallies.episodesDiscarded,
            framesAdded: tallies.framesAdded, framesRejected: tallies.framesRejected, diskFreeBytes: free)
    }
}
