import Testing
@testable import Recording

/// The session table, checked for every (state, event) pair: each pair either moves to the
/// expected state with the expected actions, or throws ERR_INVALID_TRANSITION and leaves the
/// state unchanged.
@Suite struct SessionStateMachineTests {
    static let states: [SessionState] = [
        .idle, .pendingApproval, .recording(episode: 4), .resetting(nextEpisode: 5), .stopping, .stopped,
        .rejected(reason: "no"), .failed(code: .diskFull, message: "full"),
    ]
    static let events: [SessionEvent] = [
        .start, .approvalGranted, .approvalDenied(reason: "busy"), .episodeSaved, .episodeDiscarded,
        .resetDone, .stop, .drained, .fatal(code: .diskFull, message: "disk"),
    ]

    /// The expected table; pairs not listed must be invalid.
    static func expected(_ state: SessionState, _ event: SessionEvent) -> (SessionState, [SessionAction])? {
        let fatal = SessionState.failed(code: .diskFull, message: "disk")
        let report = SessionAction.reportFailure(code: .diskFull, message: "disk")
        switch (state, event) {
        case (.idle, .start): return (.pendingApproval, [.requestApproval])
        case (.idle, .stop): return (.stopped, [])
        case (.idle, .fatal): return (fatal, [report])
        case (.pendingApproval, .approvalGranted): return (.recording(episode: 2), [.openWriters, .beginEpisode(index: 2)])
        case (.pendingApproval, .approvalDenied): return (.rejected(reason: "busy"), [])
        case (.pendingApproval, .stop): return (.stopped, [.cancelApproval])
        case (.pendingApproval, .fatal): return (fatal, [.cancelApproval, report])
        case (.recording, .episodeSaved): return (.resetting(nextEpisode: 5), [.finalizeEpisode(index: 4)])
        case (.recording, .episodeDiscarded): return (.resetting(nextEpisode: 4), [.discardEpisode(index: 4)])
        case (.recording, .stop): return (.stopping, [.finalizeEpisode(index: 4), .closeWriters, .awaitCommits])
        case (.recording, .fatal): return (fatal, [.failEpisode(index: 4, code: .diskFull), .closeWriters, report])
        case (.resetting, .resetDone): return (.recording(episode: 5), [.beginEpisode(index: 5)])
        case (.resetting, .stop): return (.stopping, [.closeWriters, .awaitCommits])
        case (.resetting, .fatal): return (fatal, [.closeWriters, report])
        case (.stopping, .drained): return (.stopped, [])
        case (.stopping, .fatal): return (fatal, [report])
        default: return nil
        }
    }

    @Test func everyStateEventPairMatchesTheTable() {
        var valid = 0
        var invalid = 0
        for state in Self.states {
            for event in Self.events {
                let result = SessionStateMachine.transition(from: state, on: event, firstEpisodeIndex: 2)
                let want = Self.expected(state, event)
                #expect(result?.0 == want?.0, "state after \(event) in \(state)")
                #expect(result?.1 == want?.1, "actions for \(event) in \(state)")
                if want == nil { invalid += 1 } else { valid += 1 }
            }
        }
        #expect(valid == 16)
        #expect(invalid == Self.states.count * Self.events.count - 16)
    }

    @Test func invalidEventThrowsAndKeepsTheState() throws {
        var machine = SessionStateMachine()
        _ = try machine.handle(.start)
        #expect(throws: RecordingError.self) { try machine.handle(.episodeSaved) }
        do {
            _ = try machine.handle(.episodeSaved)
            Issue.record("episodeSaved was accepted while waiting for approval")
        } catch {
            #expect(error.code == .invalidTransition)
            #expect(error.message == "event episodeSaved is not accepted in session state pendingApproval")
        }
        #expect(machine.state == .pendingApproval)
    }

    @Test func terminalStatesRejectEveryEventWithTheEndedHint() {
        for state in Self.states where state.isTerminal {
            for event in Self.events {
                #expect(SessionStateMachine.transition(from: state, on: event, firstEpisodeIndex: 0) == nil)
            }
        }
        var machine = SessionStateMachine()
        #expect(throws: Never.self) { _ = try machine.handle(.stop) }
        do {
            _ = try machine.handle(.start)
        } catch {
            #expect(error.hint == "the session has ended; start a new one")
        }
    }

    /// A whole session: three episodes, one discarded and re-recorded, then stop.
    @Test func fullSessionProducesTheExactActionSequence() throws {
        var machine = SessionStateMachine(firstEpisodeIndex: 10)
        var actions: [SessionAction] = []
        for event: SessionEvent in [
            .start, .approvalGranted, .episodeSaved, .resetDone, .episodeDiscarded, .resetDone, .episodeSaved,
            .resetDone, .stop, .drained,
        ] {
            actions += try machine.handle(event)
        }
        #expect(actions == [
            .requestApproval, .openWriters, .beginEpisode(index: 10), .finalizeEpisode(index: 10),
            .beginEpisode(index: 11), .discardEpisode(index: 11), .beginEpisode(index: 11),
            .finalizeEpisode(index: 11), .beginEpisode(index: 12), .finalizeEpisode(index: 12), .closeWriters,
            .awaitCommits,
        ])
        #expect(machine.state == .stopped)
    }

    @Test func noWriterOpensBeforeApprovalOrAfterDenial() throws {
        var machine = SessionStateMachine()
        let first = try machine.handle(.start)
        let denied = try machine.handle(.approvalDenied(reason: "hub says no"))
        #expect(!(first + denied).contains(.openWriters))
        #expect(machine.state == .rejected(reason: "hub says no"))
    }

    @Test func fatalCarriesTheRootCodeOfAWrappedError() throws {
        var machine = SessionStateMachine()
        _ = try machine.handle(.start)
        _ = try machine.handle(.approvalGranted)
        let disk = RecordingError(.diskFull, "no space on /data")
        let actions = try machine.handle(.fatal(RecordingError.prerequisite("episode 0", failedBecause: disk)))
        #expect(actions == [
            .failEpisode(index: 0, code: .diskFull), .closeWriters,
            .reportFailure(code: .diskFull, message: "episode 0 could not run because a stage it depends on failed"),
        ])
    }

    private struct FixedGate: ApprovalGate {
        enum Answer { case decision(ApprovalDecision), recordingError(RecordingError), otherError }
        struct Unreachable: Error, CustomStringConvertible { var description: String { "hub unreachable" } }
        let answer: Answer
        func requestApproval(_ request: ApprovalRequest) async throws -> ApprovalDecision {
            switch answer {
            case .decision(let decision): return decision
            case .recordingError(let error): throw error
            case .otherError: throw Unreachable()
            }
        }
    }

    @Test func gateAnswersBecomeSessionEvents() async {
        let request = ApprovalRequest(dataset: "lab/pick", task: "pick", requester: "arm-1")
        #expect(await FixedGate(answer: .decision(.granted)).sessionEvent(for: request) == .approvalGranted)
        #expect(await FixedGate(answer: .decision(.denied(reason: "quota"))).sessionEvent(for: request)
            == .approvalDenied(reason: "quota"))
        #expect(await FixedGate(answer: .recordingError(RecordingError(.diskFull, "no room"))).sessionEvent(for: request)
            == .fatal(code: .diskFull, message: "no room"))
        #expect(await FixedGate(answer: .otherError).sessionEvent(for: request)
            == .fatal(code: .prerequisiteFailed, message: "approval for lab/pick could not be obtained: hub unreachable"))
    }

    @Test func immediateApprovalGrants() async throws {
        let decision = try await ImmediateApproval().requestApproval(
            ApprovalRequest(dataset: "lab/pick", task: "pick the cube", requester: "arm-1"))
        #expect(decision == .granted)
    }
}
