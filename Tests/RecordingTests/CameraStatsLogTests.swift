// The spooled CameraStatsLog gives exactly the statistics of the old in-memory one, stores one
// record per distinct frame, reports spool failures and leaves no file behind.

import Foundation
import LeRobot
import Testing
@testable import Recording

private func spoolDirectory(_ label: String) throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("episodic-statsspool-\(label)-\(getpid())-\(UInt32.random(in: 0 ... .max))").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Records flushed by the writer thread after `records` appends (a write per ≥ 64 KB buffered).
private func flushedRecords(_ records: Int, recordSize: Int) -> Int {
    let perFlush = (HistogramSpool.flushThreshold + recordSize - 1) / recordSize
    return records / perFlush * perFlush
}

@Suite("CameraStatsLog spooled histograms")
struct CameraStatsLogTests {
    @Test("short episodes: identical statistics to the in-memory algorithm, one record per distinct frame",
          arguments: [(8, 6, 1536), (320, 240, 1536), (299, 220, 3072)])
    func shortEpisode(width: Int, height: Int, recordSize: Int) throws {
        let feed = StatsFeed(width: width, height: height, frames: 60, seed: 11, badFrameEvery: 13)
        let log = CameraStatsLog(width: width, height: height, expectedFrames: 60)
        feed.feed(log)
        #expect(log.frameCount == 60)
        #expect(feed.calls.count < 60)  // the feed has duplicated runs
        let reference = feed.reference(width: width, height: height)
        let spilled = try log.statistics(length: 60)
        #expect(spilled == (try reference.statistics(length: 60)))
        #expect(spilled.count == 60)
        #expect(log.spoolFileSize == feed.calls.count * recordSize)
        // A second read (nothing left to flush) gives the same result.
        #expect(try log.statistics(length: 60) == spilled)
        #expect(try log.statistics(length: 41) == (try reference.statistics(length: 41)))
        log.close()
    }

    @Test("5,000 frames with duplicated runs: identical to the in-memory algorithm and to the accumulator fed the frames")
    func longEpisode() throws {
        let dir = try spoolDirectory("long")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // ok: best-effort cleanup of a temp dir
        let feed = StatsFeed(width: 8, height: 6, frames: 5_000, seed: 5)
        let log = CameraStatsLog(width: 8, height: 6, expectedFrames: 5_000, spoolPath: dir + "/cam.stats")
        feed.feed(log)
        #expect(log.frameCount == 5_000)
        let reference = feed.reference(width: 8, height: 6)

        var direct = ImageStatsAccumulator(height: 6, width: 8, episodeLength: 5_000)
        for call in feed.calls {
            for i in call.first ..< call.first + call.count { try direct.add(frameIndex: i, rgb: call.pixels) }
        }
        let spilled = try log.statistics(length: 5_000)
        #expect(spilled == (try reference.statistics(length: 5_000)))
        #expect(spilled == direct.statistics())
        #expect(spilled.count == 594)  // lerobot's int(5000 ** 0.75) sampled frames
        #expect(try log.statistics(length: 4_321) == (try reference.statistics(length: 4_321)))
        // One 1536-byte record (768 UInt16 counts) per observed run, not per output frame.
        #expect(feed.calls.count < 4_000)
        #expect(log.spoolFileSize == feed.calls.count * 1536)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [])
        log.close()
    }

    @Test("a named spool is unlinked at once, written in 64 KB blocks, and freed by close")
    func namedSpoolLeavesNoFile() throws {
        let dir = try spoolDirectory("named")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // ok: best-effort cleanup of a temp dir
        let feed = StatsFeed(width: 8, height: 6, frames: 80, seed: 2)
        let log = CameraStatsLog(width: 8, height: 6, expectedFrames: 80, spoolPath: dir + "/cam.stats")
        #expect(log.spoolFileSize == nil)  // nothing opened before the first full buffer
        feed.feed(log)
        let flushed = flushedRecords(feed.calls.count, recordSize: 1536)
        #expect(flushed == 43)
        #expect(log.spoolFileSize == flushed * 1536)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [])
        _ = try log.statistics(length: 80)
        #expect(log.spoolFileSize == feed.calls.count * 1536)
        log.close()
        #expect(log.spoolFileSize == nil)
        do {
            _ = try log.statistics(length: 80)
            Issue.record("statistics succeeded after close")
        } catch {
            #expect(error.code == .io)
        }
    }

    @Test("an unwritable spool path makes statistics throw ERR_IO naming the call and path",
          arguments: [10, 60])
    func unwritableSpool(frames: Int) throws {
        let dir = try spoolDirectory("unwritable")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // ok: best-effort cleanup of a temp dir
        // A path below a regular file: ENOTDIR, even for root (who ignores permissions).
        let blocker = dir + "/not-a-directory"
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
        let path = blocker + "/cam.stats"
        let log = CameraStatsLog(width: 8, height: 6, expectedFrames: frames, spoolPath: path)
        StatsFeed(width: 8, height: 6, frames: frames, seed: 3).feed(log)
        #expect(log.frameCount == frames)
        do {
            _ = try log.statistics(length: frames)
            Issue.record("statistics succeeded without a spool file")
        } catch {
            #expect(error.code == .io)
            #expect(error.message == "camera statistics spool: open \(path) failed: \(String(cString: strerror(ENOTDIR))) (errno \(ENOTDIR))")
        }
    }

    @Test("an existing file at the spool path is neither truncated nor removed")
    func existingFileIsKept() throws {
        let dir = try spoolDirectory("existing")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // ok: best-effort cleanup of a temp dir
        let path = dir + "/cam.stats"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("keep".utf8)))
        let log = CameraStatsLog(width: 8, height: 6, expectedFrames: 3, spoolPath: path)
        StatsFeed(width: 8, height: 6, frames: 3, seed: 4).feed(log)
        do {
            _ = try log.statistics(length: 3)
            Issue.record("statistics succeeded over an existing file")
        } catch {
            #expect(error.code == .io)
            #expect(error.message.contains("errno \(EEXIST)"))
        }
        #expect(FileManager.default.contents(atPath: path) == Data("keep".utf8))
    }

    @Test("too few frames is still ERR_STATS, checked before the spool")
    func tooFewFrames() throws {
        let log = CameraStatsLog(width: 8, height: 6, expectedFrames: 5)
        StatsFeed(width: 8, height: 6, frames: 5, seed: 9).feed(log)
        do {
            _ = try log.statistics(length: 6)
            Issue.record("statistics of 6 frames from 5")
        } catch {
            #expect(error.code == .stats)
            #expect(error.message == "camera statistics saw 5 frames of an episode of 6")
        }
    }

    @Test("ENOSPC and EDQUOT are ERR_DISK_FULL, other errno values ERR_IO")
    func errnoMapping() {
        #expect(HistogramSpool.error(errno: ENOSPC, call: "pwrite", path: "/s").code == .diskFull)
        #expect(HistogramSpool.error(errno: EDQUOT, call: "pwrite", path: "/s").code == .diskFull)
        let io = HistogramSpool.error(errno: EIO, call: "pread", path: "/s")
        #expect(io.code == .io)
        #expect(io.message == "camera statistics spool: pread /s failed: \(String(cString: strerror(EIO))) (errno \(EIO))")
    }

    @Test("duplicated runs map every output frame to its run's record")
    func duplicateRunIndex() {
        // Frames 0, 1 alone; 2…4 one run; 5 alone; 6…7 one run; 8 alone.
        var runs = DuplicateRuns()
        runs.append(first: 2, count: 3, record: 2)
        runs.append(first: 6, count: 2, record: 4)
        #expect((0...8).map { runs.record(of: $0) } == [0, 1, 2, 2, 2, 3, 4, 4, 5])
        #expect((0...3).map { DuplicateRuns().record(of: $0) } == [0, 1, 2, 3])
    }
}
