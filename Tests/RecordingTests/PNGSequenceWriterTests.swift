// The PNG image writer under overload: every frame accounted for, every PNG a real frame's.

import Foundation
import LeRobot
@testable import Recording
import Testing
import Video

@Suite("PNG sequence writer")
struct PNGSequenceWriterTests {
    static let (width, height) = (32, 24)

    static func pixels(_ frame: Int) -> [UInt8] {
        (0..<(width * height * 3)).map { UInt8(truncatingIfNeeded: $0 &+ frame &* 31) }
    }

    @Test("a one-slot queue fed 250 frames unpaced: 250 PNGs, each a submitted frame's in order, duplicates exactly counted",
          arguments: [BackpressurePolicy.duplicatePrevious, .block(maxWait: .milliseconds(20))])
    func overloadIsAccountedFor(policy: BackpressurePolicy) async throws {
        let dir = try engineTempDirectory("png-writer")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        let take = TakeContext(take: 0, directory: dir + "/take-000000", fps: 30, expectedFrames: 250)
        let writer = try PNGSequenceWriter(name: "observation.images.wrist", width: Self.width, height: Self.height,
                                           settings: PNGImageSettings(compressionLevel: 9, queueCapacity: 1, backpressure: policy), take: take,
                                           finishTimeout: { _ in .seconds(60) })
        let frames = 250  // distinct content: pixels(i) repeats every 256 frames
        var outcomes: [SubmitOutcome] = []
        for i in 0..<frames {
            outcomes.append(Self.pixels(i).withUnsafeBytes { writer.submit($0, captureTime: .now) })
        }
        let part = try await writer.finish(TakeFinishContext(sessionEpisode: 0, datasetIndex: 0, frames: frames,
                                                             location: FileLocation(chunk: 0, file: 0), spoolDirectory: take.directory))
        guard case .png(let pngs) = try #require(part.columns["observation.images.wrist"]) else {
            Issue.record("no PNG column")
            return
        }
        #expect(pngs.count == frames)
        let encoded = try (0..<frames).map { i in
            try Self.pixels(i).withUnsafeBytes { try PNGEncoder.encode(width: Self.width, height: Self.height, format: .rgb8, pixels: $0, compressionLevel: 9) }
        }
        let indexOf = Dictionary(uniqueKeysWithValues: encoded.enumerated().map { ($1, $0) })
        let shown = pngs.map { indexOf[$0] ?? -1 }
        #expect(!shown.contains(-1), "a PNG that is no submitted frame")
        // Frame i shows itself when it was queued, else the latest queued frame before it.
        var latest = -1
        for (i, outcome) in outcomes.enumerated() {
            if outcome.isQueued { latest = i }
            #expect(shown[i] == latest, "frame \(i)")
        }
        let duplicated = outcomes.filter { $0.duplicateCause == .queueFull }.count
        #expect(duplicated + outcomes.filter(\.isQueued).count == frames)
        print("png overload (\(policy)): \(duplicated) of \(frames) frames duplicated")
        let entry = try #require(part.sidecar?.value)
        #expect(entry["duplicated_frames"]?.intValue == Int64(duplicated))
        #expect(entry["real_frames"]?.intValue == Int64(frames - duplicated))
        let gapFrames = (entry["gaps"]?.arrayValue ?? []).reduce(Int64(0)) { $0 + $1["to_frame"]!.intValue! - $1["from_frame"]!.intValue! }
        #expect(gapFrames == Int64(duplicated))
        #expect(part.cameraStats["observation.images.wrist"]?.count == ImageSampling.sampleCount(length: frames))
    }
}
