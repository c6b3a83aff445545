import PropertyBased
import Testing
@testable import Recording
import Video

/// Random single-threaded sequences of pushes and takes, checked step by step against a
/// trivially correct model: every push is stored or becomes a gap at its exact position, and
/// nothing is ever lost or invented.
@Suite struct FrameRingModelTests {
    /// The model: a FIFO of (value, gaps before it), plus gaps after the last stored value.
    private struct Model {
        let capacity: Int
        var stored: [(value: UInt64, gapsBefore: Int)] = []
        var pendingGaps = 0
        var counters = FrameRingCounters()

        mutating func push(_ value: UInt64, blocking: Bool) -> PushOutcome {
            if stored.count < capacity {
                stored.append((value, pendingGaps))
                pendingGaps = 0
                counters.accepted += 1
                return .accepted
            }
            pendingGaps += 1
            if blocking { counters.timedOut += 1 } else { counters.duplicated += 1 }
            return blocking ? .timedOut : .duplicated
        }
    }

    @Test func randomOperationSequencesMatchTheModel() async {
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...3), Gen.bool, Gen.int(in: 0...2).array(of: 0...120)
        ) { slotPower, blocking, operations in
            let capacity = 1 << slotPower
            // A zero wait keeps the blocking policy deterministic in a single thread.
            let policy: BackpressurePolicy = blocking ? .block(maxWait: .zero) : .duplicatePrevious
            guard let ring = try? FrameRing(slotCount: capacity, slotSize: 8, policy: policy) else {
                Issue.record("a ring of \(capacity) slots could not be made")
                return
            }
            var model = Model(capacity: capacity)
            var next: UInt64 = 0
            // Operations 0 and 1 push (pushes twice as likely as takes), 2 takes.
            for operation in operations {
                if operation < 2 {
                    let outcome = try? withUnsafeBytes(of: next) { bytes throws(RecordingError) in try ring.push(bytes) }
                    #expect(outcome == model.push(next, blocking: blocking))
                    next += 1
                } else {
                    let got = ring.consume(timeout: .zero) { ($0.bytes.loadUnaligned(as: UInt64.self), $0.duplicatesBefore) }
                    if model.stored.isEmpty {
                        guard case .timedOut = got else { Issue.record("an empty ring returned \(got)"); return }
                    } else {
                        let want = model.stored.removeFirst()
                        guard case .frame(let (value, gaps)) = got else { Issue.record("a frame was missing"); return }
                        #expect(value == want.value && gaps == want.gapsBefore)
                    }
                }
            }
            #expect(ring.counters == model.counters)
            ring.finish()
            var accounted = 0
            while true {
                let got = ring.consume(timeout: .zero) { $0.duplicatesBefore }
                switch got {
                case .frame(let gaps): accounted += 1 + gaps
                case .finished(let trailing):
                    #expect(trailing == model.pendingGaps)
                    accounted += trailing
                    // What the ring hands out after finish is exactly what the model still holds.
                    #expect(accounted == remaining(model))
                    return
                case .timedOut:
                    Issue.record("a finished ring timed out")
                    return
                }
            }
        }
    }

    /// Pushes the model has not handed out yet: stored values, the gaps before them, and trailing gaps.
    private func remaining(_ model: Model) -> Int {
        model.stored.reduce(0) { $0 + 1 + $1.gapsBefore } + model.pendingGaps
    }
}
