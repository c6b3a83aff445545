import Foundation
import Synchronization
import Testing
import DurableIO
@testable import LeRobot

#if canImport(Glibc)
import Glibc
#endif

/// Real file system that fails `rename` onto a path with a given suffix, while armed.
final class ArmedRenameFailure: FileSystemOps {
    private let real = PosixFileSystem()
    let suffix: String
    let armed = Mutex(false)

    init(suffix: String) { self.suffix = suffix }

    func openForWriting(_ path: String) throws(DurableIOError) -> Int32 { try real.openForWriting(path) }
    func openForReading(_ path: String) throws(DurableIOError) -> Int32 { try real.openForReading(path) }
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(DurableIOError) { try real.write(fd, bytes, path: path) }
    func fsync(_ fd: Int32, path: String) throws(DurableIOError) { try real.fsync(fd, path: path) }
    func close(_ fd: Int32, path: String) throws(DurableIOError) { try real.close(fd, path: path) }
    func rename(_ from: String, _ to: String) throws(DurableIOError) {
        if armed.withLock({ $0 }) && to.hasSuffix(suffix) { throw DurableIOError.posix("rename", path: to, errno: ENOSPC) }
        try real.rename(from, to)
    }
    func unlink(_ path: String) throws(DurableIOError) { try real.unlink(path) }
    func makeDirectory(_ path: String) throws(DurableIOError) { try real.makeDirectory(path) }
    func exists(_ path: String) -> Bool { real.exists(path) }
}

@Suite struct WriterFaultTests {
    static func episode(_ length: Int, _ task: String) -> EpisodeInput {
        EpisodeInput(length: length, task: task, columns: ["s": .float32((0..<(2 * length)).map { Float($0) })])
    }

    @Test func diskFullAtManifestKeepsPreviousManifestAndRetrySucceeds() throws {
        let dir = try TempDir("writer-fault"); defer { dir.remove() }
        let fs = ArmedRenameFailure(suffix: "meta/info.json")
        let writer = try DatasetWriter(root: dir.path + "/ds", info: DatasetInfo(fps: 30, features: try Features([.vector("s", names: ["a", "b"])])),
                                       durable: DurableFile(fs: fs), inspector: nil)
        try writer.addEpisode(Self.episode(10, "first"))
        fs.armed.withLock { $0 = true }
        do {
            try writer.addEpisode(Self.episode(5, "second"))
            Issue.record("no error")
        } catch {
            #expect(error.code == .diskFull)
        }
        // The manifest still describes exactly the committed episode; the writer state too.
        let info = try DatasetInfo.parse(try String(contentsOfFile: dir.path + "/ds/meta/info.json", encoding: .utf8))
        #expect(info.totalEpisodes == 1 && info.totalFrames == 10 && info.totalTasks == 1)
        #expect(writer.episodes.count == 1 && writer.tasks.tasks == ["first"])
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/ds/meta/.info.json.episodic-tmp"))
        // The episode's own files were placed before the manifest: verify shows them as not committed.
        let before = try Verifier(inspector: nil).verify(root: dir.path + "/ds")
        #expect(before.problems.map(\.code) == [.infoMismatch])
        // Retry once space is back: same episode index, files replaced, dataset valid.
        fs.armed.withLock { $0 = false }
        let record = try writer.addEpisode(Self.episode(5, "second"))
        #expect(record.episodeIndex == 1 && record.datasetFromIndex == 10)
        let after = try Verifier(inspector: nil).verify(root: dir.path + "/ds")
        #expect(after.problems == [])
        #expect(after.frames == 15)
    }
}
