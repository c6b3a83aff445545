/// Where a recording session is in its life.
///
/// ```
/// idle → pendingApproval → recording ⇄ resetting → stopping → stopped
///              ↘ rejected          (any live state) → failed
/// ```
/// `stopped`, `rejected` and `failed` are terminal: a session is not reused.
public enum SessionState: Sendable, Hashable, CustomStringConvertible {
    /// Created; nothing is open.
    case idle
    /// Waiting for the ``ApprovalGate``. No writer is open yet.
    case pendingApproval
    /// Recording `episode` (its index in the dataset); frames are accepted.
    case recording(episode: Int)
    /// Between episodes (the operator resets the scene); `nextEpisode` is the index the next
    /// episode will get (the same index again after a discard).
    case resetting(nextEpisode: Int)
    /// Stop requested: writers are closing and queued commits are finishing.
    case stopping
    /// Stopped cleanly. Terminal.
    case stopped
    /// The approval gate refused. Terminal; nothing was opened.
    case rejected(reason: String)
    /// A fatal error ended the session. Terminal. Episodes committed before stay valid.
    case failed(code: RecordingError.Code, message: String)

    /// Whether no event is accepted any more.
    public var isTerminal: Bool {
        switch self {
        case .stopped, .rejected, .failed: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .idle: "idle"
        case .pendingApproval: "pendingApproval"
        case .recording(let episode): "recording(episode: \(episode))"
        case .resetting(let next): "resetting(nextEpisode: \(next))"
        case .stopping: "stopping"
        case .stopped: "stopped"
        case .rejected(let reason): "rejected(\(reason))"
        case .failed(let code, let message): "failed(\(code): \(message))"
        }
    }
}

/// Something that happened to the session, fed to ``SessionStateMachine/handle(_:)``.
public enum SessionEvent: Sendable, Hashable, CustomStringConvertible {
    /// The operator asked to start recording.
    case start
    /// The approval gate said yes.
    case approvalGranted
    /// The approval gate said no, with its reason.
    case approvalDenied(reason: String)
    /// The operator saved the current episode.
    case episodeSaved
    /// The operator discarded the current episode (to re-record it).
    case episodeDiscarded
    /// The scene is reset; the next episode begins.
    case resetDone
    /// The operator asked to stop.
    case stop
    /// Writers are closed and every queued commit has finished (or timed out) after a stop.
    case drained
    /// Something failed that the session cannot continue after (disk full, encoder died, …).
    case fatal(code: RecordingError.Code, message: String)

    /// A fatal event carrying `error`'s root code, so the state shows what really went wrong.
    public static func fatal(_ error: RecordingError) -> SessionEvent {
        .fatal(code: error.rootCode, message: error.message)
    }

    public var description: String {
        switch self {
        case .start: "start"
        case .approvalGranted: "approvalGranted"
        case .approvalDenied(let reason): "approvalDenied(\(reason))"
        case .episodeSaved: "episodeSaved"
        case .episodeDiscarded: "episodeDiscarded"
        case .resetDone: "resetDone"
        case .stop: "stop"
        case .drained: "drained"
        case .fatal(let code, let message): "fatal(\(code): \(message))"
        }
    }
}

/// Work the owner of a ``SessionStateMachine`` must perform after a transition, in order.
/// The state machine itself does no I/O.
public enum SessionAction: Sendable, Hashable {
    /// Ask the ``ApprovalGate``; feed its answer back as `approvalGranted` or `approvalDenied`.
    case requestApproval
    /// Withdraw a pending approval request (stop or failure before the answer).
    case cancelApproval
    /// Open the session's writers and encoders (only ever after approval).
    case openWriters
    /// Start a new episode with this index: fresh spool, frame counters at zero.
    case beginEpisode(index: Int)
    /// Hand the episode to the commit queue (returns at once; the commit runs elsewhere).
    case finalizeEpisode(index: Int)
    /// Drop the episode's spool; its index is reused for the next episode.
    case discardEpisode(index: Int)
    /// Mark the episode in progress as failed, keeping its spool for `episodic recover`.
    case failEpisode(index: Int, code: RecordingError.Code)
    /// Close the writers and encoders opened by ``openWriters``.
    case closeWriters
    /// Wait (with a bound) for queued commits, then feed back ``SessionEvent/drained``.
    case awaitCommits
    /// Publish the failure to the event stream and logs.
    case reportFailure(code: RecordingError.Code, message: String)
}
