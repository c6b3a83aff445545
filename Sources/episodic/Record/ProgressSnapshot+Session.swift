import Recording

extension ProgressSnapshot {
    /// The screen's values from the session's progress and the loop's own position.
    init(progress p: RecordingProgress, phase: Phase, episode: Int, plan: RecordPlan, phaseElapsed: Double,
         phaseSeconds: Double, sessionElapsed: Double, rejectedStates: Int?, showKeys: Bool) {
        let remainingEpisodes = max(plan.episodes - episode - 1, 0)
        let remaining = max(phaseSeconds - phaseElapsed, 0)
            + Double(remainingEpisodes) * (plan.episodeSeconds + plan.resetSeconds)
            + (phase == .recording || phase == .paused ? (remainingEpisodes > 0 ? plan.resetSeconds : 0) : 0)
        var streams = [Stream(name: "rows (state, action)", frames: p.episodeFrames, fps: p.episodeFPS, gaps: 0,
                              queueDepth: p.rowRingDepth, queueCapacity: plan.rowRingCapacity)]
        streams += p.streams.map {
            Stream(name: $0.name, frames: $0.frames, fps: p.episodeFPS, gaps: $0.duplicates,
                   queueDepth: max($0.frames - $0.written, 0), queueCapacity: plan.fps)
        }
        self.init(
            phase: phase, episode: episode, episodesTotal: plan.episodes, phaseElapsed: phaseElapsed,
            phaseSeconds: phaseSeconds, sessionElapsed: sessionElapsed, sessionRemaining: remaining, streams: streams,
            queued: max(p.commits.pending - 1, 0),
            committing: min(p.commits.pending, 1), committed: p.commits.committed, failed: p.commits.failed,
            diskFree: p.diskFreeBytes.map { Int64(clamping: $0) }, rejectedStates: rejectedStates, showKeys: showKeys)
    }
}

extension RecordPlan {
    /// Row ring slots the engine uses by default (8 seconds of frames, at least 64).
    var rowRingCapacity: Int { max(64, fps * 8) }
}
