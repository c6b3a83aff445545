import Foundation
import Testing
@testable import Recording

@Suite struct RecordingErrorTests {
    @Test func descriptionShowsCodeMessageHintAndCauseChain() {
        let disk = RecordingError(.diskFull, "no space left writing /data/ds/videos/ep-3.mp4", hint: "free space")
        let wrapped = RecordingError.prerequisite("commit of episode 3", failedBecause: disk)
        #expect(wrapped.code == .prerequisiteFailed)
        #expect(wrapped.rootCode == .diskFull)
        #expect(wrapped.description == """
            ERR_PREREQ_FAILED: commit of episode 3 could not run because a stage it depends on failed \
            (fix the cause below first); caused by: ERR_DISK_FULL: no space left writing \
            /data/ds/videos/ep-3.mp4 (free space)
            """)
    }

    @Test func codesAreStableStrings() {
        let codes: [RecordingError.Code] = [
            .diskFull, .invalidTransition, .commitQueueFullTimeout, .commitFailed, .prerequisiteFailed,
            .approvalDenied, .frameTooLarge, .streamFinished, .commitQueueClosed, .duplicateEpisode,
            .diskStatFailed, .transientIO, .invalidConfiguration,
        ]
        #expect(codes.map(\.rawValue) == [
            "ERR_DISK_FULL", "ERR_INVALID_TRANSITION", "ERR_COMMIT_QUEUE_FULL_TIMEOUT", "ERR_COMMIT_FAILED",
            "ERR_PREREQ_FAILED", "ERR_APPROVAL_DENIED", "ERR_FRAME_TOO_LARGE", "ERR_STREAM_FINISHED",
            "ERR_COMMIT_QUEUE_CLOSED", "ERR_DUPLICATE_EPISODE", "ERR_DISK_STAT_FAILED", "ERR_TRANSIENT_IO",
            "ERR_RECORDING_INVALID_CONFIGURATION",
        ])
    }

    /// Every code is documented in docs/errors.md (the one place codes are listed).
    @Test func everyCodeIsDocumented() throws {
        let path = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let docs = try String(contentsOfFile: "/" + path + "/docs/errors.md", encoding: .utf8)
        for code in ["ERR_DISK_FULL", "ERR_INVALID_TRANSITION", "ERR_COMMIT_QUEUE_FULL_TIMEOUT", "ERR_COMMIT_FAILED",
                     "ERR_PREREQ_FAILED", "ERR_APPROVAL_DENIED", "ERR_FRAME_TOO_LARGE", "ERR_STREAM_FINISHED",
                     "ERR_COMMIT_QUEUE_CLOSED", "ERR_DUPLICATE_EPISODE", "ERR_DISK_STAT_FAILED", "ERR_TRANSIENT_IO",
                     "ERR_RECORDING_INVALID_CONFIGURATION"] {
            #expect(docs.contains("| `\(code)` |"), "\(code) is missing from docs/errors.md")
        }
    }
}
