/// The session's lifecycle as a value type: ``handle(_:)`` moves it to its next state and
/// returns the actions the owner must perform. No I/O, no clock, no threads inside, so every
/// transition is unit-tested with plain calls.
///
/// Threading: a value type; its owner serialises access (typically one actor or lock).
public struct SessionStateMachine: Sendable, Hashable {
    /// The current state.
    public private(set) var state: SessionState

    /// The index the first episode will get (non-zero when appending to an existing dataset).
    public let firstEpisodeIndex: Int

    /// Creates a machine in ``SessionState/idle``.
    /// - Parameter firstEpisodeIndex: the dataset's current episode count when resuming, else 0.
    public init(firstEpisodeIndex: Int = 0) {
        precondition(firstEpisodeIndex >= 0, "episode indices start at 0")
        self.firstEpisodeIndex = firstEpisodeIndex
        state = .idle
    }

    /// Applies `event`, returning the actions to perform in order.
    ///
    /// - Throws: ``RecordingError/Code/invalidTransition`` when the current state does not accept
    ///   `event`; the state is then unchanged.
    public mutating func handle(_ event: SessionEvent) throws(RecordingError) -> [SessionAction] {
        guard let (next, actions) = Self.transition(from: state, on: event, firstEpisodeIndex: firstEpisodeIndex) else {
            throw RecordingError(
                .invalidTransition, "event \(event) is not accepted in session state \(state)",
                hint: state.isTerminal
                    ? "the session has ended; start a new one"
                    : "check the order of calls (start, then save/discard, then reset, then stop)")
        }
        state = next
        return actions
    }

    /// The transition table: `nil` means invalid. Pure, so tests can enumerate it.
    static func transition(
        from state: SessionState, on event: SessionEvent, firstEpisodeIndex: Int
    ) -> (SessionState, [SessionAction])? {
        if case .fatal(let code, let message) = event {
            return fail(from: state, code: code, message: message)
        }
        switch (state, event) {
        case (.idle, .start):
            return (.pendingApproval, [.requestApproval])
        case (.idle, .stop):
            return (.stopped, [])

        case (.pendingApproval, .approvalGranted):
            return (.recording(episode: firstEpisodeIndex), [.openWriters, .beginEpisode(index: firstEpisodeIndex)])
        case (.pendingApproval, .approvalDenied(let reason)):
            return (.rejected(reason: reason), [])
        case (.pendingApproval, .stop):
            return (.stopped, [.cancelApproval])

        case (.recording(let episode), .episodeSaved):
            return (.resetting(nextEpisode: episode + 1), [.finalizeEpisode(index: episode)])
        case (.recording(let episode), .episodeDiscarded):
            return (.resetting(nextEpisode: episode), [.discardEpisode(index: episode)])
        case (.recording(let episode), .stop):
            // Stopping keeps what was recorded: the episode in progress is committed, not lost.
            return (.stopping, [.finalizeEpisode(index: episode), .closeWriters, .awaitCommits])

        case (.resetting(let next), .resetDone):
            return (.recording(episode: next), [.beginEpisode(index: next)])
        case (.resetting, .stop):
            return (.stopping, [.closeWriters, .awaitCommits])

        case (.stopping, .drained):
            return (.stopped, [])

        default:
            return nil
        }
    }

    /// Where a fatal event leads from each live state; terminal states reject it.
    private static func fail(
        from state: SessionState, code: RecordingError.Code, message: String
    ) -> (SessionState, [SessionAction])? {
        let failed = SessionState.failed(code: code, message: message)
        let report = SessionAction.reportFailure(code: code, message: message)
        switch state {
        case .idle:
            return (failed, [report])
        case .pendingApproval:
            return (failed, [.cancelApproval, report])
        case .recording(let episode):
            return (failed, [.failEpisode(index: episode, code: code), .closeWriters, report])
        case .resetting:
            return (failed, [.closeWriters, report])
        case .stopping:
            // Entering `stopping` already asked for `closeWriters`; closing twice is a bug
            // (the DoRobot V16 class: stopping a writer another step still uses).
            return (failed, [report])
        case .stopped, .rejected, .failed:
            return nil
        }
    }
}
