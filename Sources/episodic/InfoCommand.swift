import ArgumentParser
import Foundation
import LeRobot

/// `episodic info DATASET`: a short summary of a LeRobot dataset.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Summarise a LeRobot dataset: episodes, frames, duration, features, tasks, size.",
        discussion: "Exit status: 0 on success, 2 when the path is not a readable dataset."
    )

    @Argument(help: "The dataset root (the directory that holds meta/).")
    var dataset: String

    func run() throws {
        let reader: DatasetReader
        do {
            reader = try DatasetReader(root: dataset)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let info = reader.info
        let frames = reader.episodes.reduce(0) { $0 + $1.length }
        let seconds = Double(frames) / Double(info.fps)
        print("dataset:   \(dataset)")
        print("format:    LeRobot \(info.version.rawValue)\(info.robotType.map { ", robot \($0)" } ?? "")")
        print("episodes:  \(reader.episodes.count)")
        print("frames:    \(frames) at \(info.fps) fps")
        print("duration:  \(String(format: "%.2f", seconds)) s")
        print("features:")
        for f in info.features.all {
            let shape = "[" + f.shape.map(String.init).joined(separator: ", ") + "]"
            var line = "  \(f.name): \(f.dtype.rawValue) \(shape)"
            if let unit = f.unit { line += " (\(unit))" }
            if let codec = f.info?["video.codec"]?.stringValue { line += " codec \(codec)" }
            print(line)
        }
        print("tasks:")
        for (i, t) in reader.tasks.tasks.enumerated() { print("  \(i): \(t)") }
        print("size:      \(Self.size(of: dataset)) bytes")
    }

    /// Total bytes of regular files under `root`.
    static func size(of root: String) -> Int {
        let fm = FileManager.default
        guard let paths = fm.subpaths(atPath: root) else { return 0 }
        var total = 0
        for p in paths {
            // An entry vanishing or unreadable while summing only makes the total approximate.
            if let attrs = try? fm.attributesOfItem(atPath: root + "/" + p),  // ok: best-effort cleanup or measurement, see comment above
               attrs[.type] as? FileAttributeType == .typeRegular,
               let size = attrs[.size] as? Int {
                total += size
            }
        }
        return total
    }
}
