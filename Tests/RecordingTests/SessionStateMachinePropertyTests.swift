import PropertyBased
import Testing
@testable import Recording

/// Random event sequences, including invalid ones, against the invariants the owner relies on.
@Suite struct SessionStateMachinePropertyTests {
    static let events: [SessionEvent] = [
        .start, .approvalGranted, .approvalDenied(reason: "no"), .episodeSaved, .episodeDiscarded, .resetDone,
        .stop, .drained, .fatal(code: .diskFull, message: "full"),
    ]

    @Test func randomEventSequencesKeepTheEpisodeBookkeepingSound() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...8).array(of: 0...60), Gen.int(in: 0...5)) { picks, first in
            var machine = SessionStateMachine(firstEpisodeIndex: first)
            var openWriters = 0
            var closeWriters = 0
            var openEpisode: Int?
            var nextIndex = first
            var finalized: [Int] = []
            for pick in picks {
                let before = machine.state
                let actions: [SessionAction]
                do throws(RecordingError) {
                    actions = try machine.handle(Self.events[pick])
                } catch {
                    #expect(error.code == .invalidTransition)
                    #expect(machine.state == before, "a refused event changed the state")
                    continue
                }
                #expect(!before.isTerminal, "a terminal state accepted \(Self.events[pick])")
                for action in actions {
                    switch action {
                    case .openWriters:
                        openWriters += 1
                    case .closeWriters:
                        closeWriters += 1
                        #expect(openWriters == 1, "writers closed that were never opened")
                        #expect(openEpisode == nil, "writers closed under an open episode")
                    case .beginEpisode(let index):
                        #expect(openWriters == 1 && closeWriters == 0, "an episode began without open writers")
                        #expect(openEpisode == nil, "an episode began while another was open")
                        #expect(index == nextIndex)
                        openEpisode = index
                    case .finalizeEpisode(let index):
                        #expect(openEpisode == index)
                        finalized.append(index)
                        openEpisode = nil
                        nextIndex = index + 1
                    case .discardEpisode(let index):
                        #expect(openEpisode == index)
                        openEpisode = nil
                    case .failEpisode(let index, let code):
                        #expect(openEpisode == index && code == .diskFull)
                        openEpisode = nil
                    case .requestApproval, .cancelApproval, .awaitCommits, .reportFailure:
                        break
                    }
                }
            }
            #expect(openWriters <= 1 && closeWriters <= openWriters)
            // Saved episodes get consecutive indices from the first one: none skipped, none reused.
            #expect(finalized == Array(first..<(first + finalized.count)))
            if machine.state.isTerminal {
                #expect(openEpisode == nil, "the session ended with an episode neither saved, discarded nor failed")
            }
        }
    }
}
