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

    @Test func lerobotResumesOurV30DatasetAndRecordsAnotherEpisode() throws {
        guard let python = Self.venvPython else {
            print("SKIPPED lerobotResumesOurV30DatasetAndRecordsAnotherEpisode: no lerobot venv at ~/.lerobot-venv (set LEROBOT_VENV)")
            return
        }
        let dir = try TempDir("lerobot-resume"); defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path + "/src", withIntermediateDirectories: true)
        let root = dir.path + "/ds"
        try Synthetic.write(root: root, videoDir: dir.path + "/src")
        let script = """
        import sys, json, warnings, logging
        import numpy as np
        logging.disable(logging.WARNING)
        warnings.filterwarnings('ignore')
        from lerobot.datasets.lerobot_dataset import LeRobotDataset
        root = sys.argv[1]
        ds = LeRobotDataset.resume('local/episodic', root=root, video_backend='pyav')
        for i in range(12):
            ds.add_frame({'observation.state': np.full(6, i, dtype=np.float32), 'action': np.zeros(6, dtype=np.float32),
                          'observation.images.front': np.full((64, 96, 3), 128, dtype=np.uint8), 'task': 'pick the cube'})
        ds.save_episode()
        ds.finalize()
        ds = LeRobotDataset('local/episodic', root=root, video_backend='pyav')
        tasks = [ds[i]['task'] for i in range(len(ds))]
        print(json.dumps({'len': len(ds), 'episodes': ds.meta.total_episodes, 'last_task': tasks[-1],
                          'last_index': int(ds[len(ds) - 1]['index']), 'stats_count': int(ds.meta.stats['index']['count'][0])}))
        """
        let out = try JSONValue.parse(try Tool.run(python, ["-c", script, root]).split(separator: "\n").last.map(String.init) ?? "")
        #expect(out["len"] == .int(87))
        #expect(out["episodes"] == .int(3))
        #expect(out["last_task"] == .string("pick the cube"))
        #expect(out["last_index"] == .int(86))
        #expect(out["stats_count"] == .int(87))
        // lerobot appended its own files next to ours; our verifier accepts the result.
        let report = try Verifier().verify(root: root)
        #expect(report.problems == [], "\(report.problems)")
    }
}
