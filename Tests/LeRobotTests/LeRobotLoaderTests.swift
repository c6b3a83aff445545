import Foundation
import Testing
@testable import LeRobot

/// Cross-check with the real lerobot 0.6.1 (~/.lerobot-venv, see /work/shared/tools/lerobot).
/// Skips with a printed reason when the venv is absent (CI may not have it).
@Suite struct LeRobotLoaderTests {
    static var venvPython: String? {
        let path = (ProcessInfo.processInfo.environment["LEROBOT_VENV"]
            ?? (NSHomeDirectory() + "/.lerobot-venv")) + "/bin/python"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    @Test func lerobotLoadsOurV30DatasetAndEveryFrame() throws {
        guard let python = Self.venvPython else {
            print("SKIPPED lerobotLoadsOurV30DatasetAndEveryFrame: no lerobot venv at ~/.lerobot-venv (set LEROBOT_VENV); run /work/shared/tools/lerobot/setup.sh")
            return
        }
        let dir = try TempDir("lerobot-load"); defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path + "/src", withIntermediateDirectories: true)
        let root = dir.path + "/ds"
        try Synthetic.write(root: root, image: true, videoDir: dir.path + "/src")
        let script = """
        import sys, json, warnings, logging
        logging.disable(logging.WARNING)
        warnings.filterwarnings('ignore')
        from lerobot.datasets.lerobot_dataset import LeRobotDataset
        ds = LeRobotDataset('local/episodic', root=sys.argv[1], video_backend='pyav')
        out = {'len': len(ds), 'episodes': ds.meta.total_episodes, 'tasks': [], 'shapes': {}, 'index': []}
        for i in range(len(ds)):
            item = ds[i]
            out['index'].append(int(item['index']))
            if i in (0, 44, 45, 74):
                out['tasks'].append(item['task'])
                out['shapes'] = {k: list(v.shape) for k, v in item.items() if hasattr(v, 'shape')}
        out['stats_keys'] = sorted(ds.meta.stats['action'].keys())
        out['front_mean_shape'] = list(ds.meta.stats['observation.images.front']['mean'].shape)
        print(json.dumps(out))
        """
        let out = try JSONValue.parse(try Tool.run(python, ["-c", script, root]).split(separator: "\n").last.map(String.init) ?? "")
        #expect(out["len"] == .int(75))
        #expect(out["episodes"] == .int(2))
        #expect(out["index"] == .array((0..<75).map { .int(Int64($0)) }))
        #expect(out["tasks"] == .array(["pick the cube", "pick the cube", "place the cube", "place the cube"].map { .string($0) }))
        #expect(out["shapes"]?["observation.images.front"] == .array([.int(3), .int(64), .int(96)]))
        #expect(out["shapes"]?["observation.images.wrist"] == .array([.int(3), .int(8), .int(8)]))
        #expect(out["shapes"]?["observation.state"] == .array([.int(6)]))
        #expect(out["stats_keys"] == .array(["count", "max", "mean", "min", "q01", "q10", "q50", "q90", "q99", "std"].map { .string($0) }))
        #expect(out["front_mean_shape"] == .array([.int(3), .int(1), .int(1)]))
    }
}
