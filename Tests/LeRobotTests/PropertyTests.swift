import Foundation
import PropertyBased
import Testing
@testable import LeRobot

@Suite struct PropertyTests {
    @Test func pythonFloatReprRoundTripsEveryDouble() async {
        await propertyCheck(count: 500, input: Gen.double(in: -1e300...1e300)) { x in
            let text = JSONValue.pythonFloatRepr(x)
            #expect(Double(text) == x, "\(x) → \(text)")
            let parsed = try JSONValue.parse(text)
            #expect(parsed == .double(x))
        }
        await propertyCheck(count: 500, input: Gen.double(in: -1e-3...1e-3)) { x in
            #expect(Double(JSONValue.pythonFloatRepr(x)) == x)
        }
    }

    @Test func aggregatingEpisodesEqualsStatisticsOfAllFrames() async {
        await propertyCheck(count: 60, input: Gen.double(in: -100...100).array(of: 2...200), Gen.int(in: 1...199)) { values, cut in
            let split = min(max(cut, 1), values.count - 1)
            func stats(_ v: ArraySlice<Double>) throws -> FeatureStatistics {
                var acc = VectorStatsAccumulator(width: 1)
                for x in v { try acc.add([x]) }
                return acc.statistics()!
            }
            let whole = try stats(values[...])
            let combined = try FeatureStatistics.aggregate([try stats(values[..<split]), try stats(values[split...])])
            #expect(combined.count == values.count)
            #expect(combined.min == whole.min && combined.max == whole.max)
            #expect(abs(combined.mean[0] - whole.mean[0]) <= 1e-9)
            #expect(abs(combined.std[0] - whole.std[0]) <= 1e-9)
        }
    }
}
