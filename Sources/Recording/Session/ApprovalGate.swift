/// What a session asks an ``ApprovalGate`` before it opens anything.
public struct ApprovalRequest: Sendable, Hashable {
    /// The dataset's repository id or path.
    public var dataset: String
    /// The task description of the episodes to record.
    public var task: String
    /// The operator or robot asking, as the owner identifies it.
    public var requester: String

    public init(dataset: String, task: String, requester: String) {
        self.dataset = dataset
        self.task = task
        self.requester = requester
    }
}

/// The answer of an ``ApprovalGate``.
public enum ApprovalDecision: Sendable, Hashable {
    case granted
    case denied(reason: String)
}

/// Decides whether a session may start recording. No writer opens before it says yes.
///
/// The default, ``ImmediateApproval``, approves at once; a hub client (a later issue) will
/// implement this to ask a remote reviewer. Implementations may suspend for as long as a human
/// takes; the session stays in ``SessionState/pendingApproval`` meanwhile and can be stopped.
public protocol ApprovalGate: Sendable {
    /// Returns the decision for `request`. Throwing fails the session with the error's code
    /// (wrapped as ``RecordingError/Code/prerequisiteFailed`` if it is not a ``RecordingError``).
    func requestApproval(_ request: ApprovalRequest) async throws -> ApprovalDecision
}

/// An ``ApprovalGate`` that approves every request at once: recording on a local machine needs
/// nobody's permission.
public struct ImmediateApproval: ApprovalGate {
    public init() {}

    public func requestApproval(_ request: ApprovalRequest) async throws -> ApprovalDecision {
        .granted
    }
}

extension ApprovalGate {
    /// Asks the gate and turns the answer into the event to feed the ``SessionStateMachine``:
    /// `approvalGranted`, `approvalDenied(reason:)`, or — if the gate itself failed — `fatal`
    /// with the gate's own code (a foreign error becomes ``RecordingError/Code/prerequisiteFailed``),
    /// never a silent approval.
    public func sessionEvent(for request: ApprovalRequest) async -> SessionEvent {
        do {
            switch try await requestApproval(request) {
            case .granted: return .approvalGranted
            case .denied(let reason): return .approvalDenied(reason: reason)
            }
        } catch let error as RecordingError {
            return .fatal(error)
        } catch {
            return .fatal(code: .prerequisiteFailed, message: "approval for \(request.dataset) could not be obtained: \(error)")
        }
    }
}
