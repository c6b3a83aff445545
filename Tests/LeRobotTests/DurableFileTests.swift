import Foundation
import Synchronization
import Testing
import DurableIO
@testable import LeRobot

#if canImport(Glibc)
import Glibc
#endif

/// A file system that fails one chosen call with ENOSPC, delegating the rest to the real disk.
final class FaultyFileSystem: FileSystemOps {
    enum Point: String, CaseIterable, Sendable { case open, write, fsync, close, rename, directorySync }
    let failAt: Point
    private let real = PosixFileSystem()
    private let fileFsyncs = Mutex(0)

    init(failAt: Point) { self.failAt = failAt }

    private func fail(_ p: Point, _ path: String) throws(DurableIOError) {
        if p == failAt { throw DurableIOError.posix("\(p)", path: path, errno: ENOSPC) }
    }
    func openForWriting(_ path: String) throws(DurableIOError) -> Int32 {
        try fail(.open, path); return try real.openForWriting(path)
    }
    func openForReading(_ path: String) throws(DurableIOError) -> Int32 { try real.openForReading(path) }
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(DurableIOError) {
        // Write half, then fail: a real ENOSPC leaves a partial file behind.
        if failAt == .write {
            try real.write(fd, UnsafeRawBufferPointer(rebasing: bytes[0..<bytes.count / 2]), path: path)
        }
        try fail(.write, path); try real.write(fd, bytes, path: path)
    }
    func fsync(_ fd: Int32, path: String) throws(DurableIOError) {
        if path.hasSuffix(".episodic-tmp") { try fail(.fsync, path) } else { try fail(.directorySync, path) }
        try real.fsync(fd, path: path)
    }
    func close(_ fd: Int32, path: String) throws(DurableIOError) {
        if path.hasSuffix(".episodic-tmp") && failAt == .close {
            try real.close(fd, path: path)
            try fail(.close, path)
        }
        try real.close(fd, path: path)
    }
    func rename(_ from: String, _ to: String) throws(DurableIOError) { try fail(.rename, to); try real.rename(from, to) }
    func unlink(_ path: String) throws(DurableIOError) { try real.unlink(path) }
    func makeDirectory(_ path: String) throws(DurableIOError) { try real.makeDirectory(path) }
    func exists(_ path: String) -> Bool { real.exists(path) }
}

@Suite struct DurableFileTests {
    @Test func writesContentAndCreatesDirectories() throws {
        let dir = try TempDir("durable"); defer { dir.remove() }
        let path = dir.path + "/meta/episodes/chunk-000/info.json"
        try DurableFile().write(text: "{\"a\": 1}", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"a\": 1}")
        #expect(!FileManager.default.fileExists(atPath: DurableFile.temporaryPath(for: path)))
        try DurableFile().write(text: "second", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
    }

    @Test(arguments: [FaultyFileSystem.Point.open, .write, .fsync, .close, .rename])
    func failureLeavesOldContentAndNoTemporary(point: FaultyFileSystem.Point) throws {
        let dir = try TempDir("durable-fault"); defer { dir.remove() }
        let path = dir.path + "/info.json"
        try DurableFile().write(text: "old", to: path)
        let durable = DurableFile(fs: FaultyFileSystem(failAt: point))
        do {
            try durable.write(text: String(repeating: "new content ", count: 1000), to: path)
            Issue.record("no error at \(point)")
        } catch {
            #expect(error.code == .diskFull, "\(point): \(error)")
            #expect(error.message.contains(point == .rename ? path : ".info.json.episodic-tmp"), "\(error.message)")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old", "\(point)")
        #expect(!FileManager.default.fileExists(atPath: DurableFile.temporaryPath(for: path)), "\(point)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["info.json"])
    }

    @Test func failureOnNewFileLeavesNothingUnderFinalName() throws {
        let dir = try TempDir("durable-new"); defer { dir.remove() }
        let path = dir.path + "/data.parquet"
        for point in [FaultyFileSystem.Point.write, .fsync, .rename] {
            #expect(throws: LeRobotError.self) {
                try DurableFile(fs: FaultyFileSystem(failAt: point)).write([1, 2, 3, 4], to: path)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "\(point)")
        }
    }

    @Test func directorySyncFailureIsReportedAfterRename() throws {
        // The rename already happened: the content is complete under its name, but the
        // caller must not report the file committed. The error says so with ERR_DISK_FULL.
        let dir = try TempDir("durable-dirsync"); defer { dir.remove() }
        let path = dir.path + "/x.json"
        #expect(throws: LeRobotError.self) {
            try DurableFile(fs: FaultyFileSystem(failAt: .directorySync)).write(text: "complete", to: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "complete")
    }

    @Test func placeCopiesAFileDurably() throws {
        let dir = try TempDir("durable-place"); defer { dir.remove() }
        let source = dir.path + "/encoded.mp4"
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(FileManager.default.createFile(atPath: source, contents: Data(bytes)))
        let target = dir.path + "/videos/cam/chunk-000/file-000.mp4"
        try DurableFile().place(copyOf: source, at: target, chunkSize: 1 << 16)
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data(bytes))
        #expect(FileManager.default.fileExists(atPath: source))
        #expect(throws: LeRobotError.self) {
            try DurableFile(fs: FaultyFileSystem(failAt: .write)).place(copyOf: source, at: dir.path + "/other.mp4")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/other.mp4"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/.other.mp4.episodic-tmp"))
    }
}
