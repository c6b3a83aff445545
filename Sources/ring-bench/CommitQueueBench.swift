import CAllocationCounter
import Recording

/// A job with the size of a real episode descriptor: an index and a few paths.
struct BenchJob: EpisodeCommitJob {
    var episodeIndex: Int
    var spool: String
}

/// A committer that does nothing, so the measurement is the queue's own cost.
struct NoOpCommitter: EpisodeCommitting {
    func commit(_ job: BenchJob, attempt: Int) async throws {}
}

/// Measures `tryEnqueue` (the non-blocking half of `saveEpisode`) while the committer drains the
/// queue concurrently, and prints one JSON line.
func runCommitQueueBench(episodes: Int) async throws -> String {
    let queue = try EpisodeCommitQueue(capacity: episodes, committer: NoOpCommitter(), events: RecordingEvents())
    let worker = Task.detached { await queue.run() }
    var latencies = [UInt64](repeating: 0, count: episodes)
    var full = 0
    let allocationsBefore = episodic_allocation_count()
    for index in 0..<episodes {
        let job = BenchJob(episodeIndex: index, spool: "/data/ds/.episodic/spool/episode-\(index)")
        let start = now()
        if try queue.tryEnqueue(job) == nil { full += 1 }
        latencies[index] = now() &- start
    }
    let allocations = episodic_allocation_count() - allocationsBefore
    let counts = await queue.waitForCommits(timeout: .seconds(120))
    queue.close()
    await worker.value
    latencies.sort()
    return """
        {"scenario":"commit-queue-tryEnqueue","episodes":\(episodes),"p50_ns":\(percentile(latencies, 0.5)),\
        "p99_ns":\(percentile(latencies, 0.99)),"p999_ns":\(percentile(latencies, 0.999)),"max_ns":\(latencies.last ?? 0),\
        "queue_full":\(full),"committed":\(counts.committed),"pending":\(counts.pending),\
        "allocations_per_save_incl_job_string":\(Double(allocations) / Double(episodes))}
        """
}
