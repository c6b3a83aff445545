// Reading and writing `meta/info.json` with lerobot's key order.

extension DatasetInfo {
    /// Our own block: schema version and feature units. lerobot ignores unknown
    /// top-level keys (with a warning), so it is safe to add.
    private var episodicJSON: JSONValue {
        var block: JSONValue = episodicBlock ?? .object([])
        block = block.setting("schema_version", .int(Self.episodicSchemaVersion))
        let units = features.unitsJSON
        if case .object(let u) = units, !u.isEmpty { block = block.setting("units", units) }
        return block
    }

    private var splitsJSON: JSONValue {
        .object([("train", .string("0:\(totalEpisodes)"))])
    }

    /// The document, keys in the order lerobot writes for ``version``.
    public var json: JSONValue {
        var pairs: [(String, JSONValue)]
        let videoPath: JSONValue = videoPathTemplate.map { .string($0) } ?? .null
        let robot: JSONValue = robotType.map { .string($0) } ?? .null
        switch version {
        case .v3_0:
            pairs = [
                ("codebase_version", .string(version.rawValue)),
                ("fps", .int(Int64(fps))),
                ("features", features.infoJSON),
                ("total_episodes", .int(Int64(totalEpisodes))),
                ("total_frames", .int(Int64(totalFrames))),
                ("total_tasks", .int(Int64(totalTasks))),
                ("chunks_size", .int(Int64(chunksSize))),
                ("data_files_size_in_mb", .int(Int64(dataFilesSizeInMB))),
                ("video_files_size_in_mb", .int(Int64(videoFilesSizeInMB))),
                ("data_path", .string(dataPathTemplate)),
                ("video_path", videoPath),
                ("robot_type", robot),
                ("splits", splitsJSON),
            ]
        case .v2_1:
            pairs = [
                ("codebase_version", .string(version.rawValue)),
                ("robot_type", robot),
                ("total_episodes", .int(Int64(totalEpisodes))),
                ("total_frames", .int(Int64(totalFrames))),
                ("total_tasks", .int(Int64(totalTasks))),
                ("total_videos", .int(Int64(totalVideos))),
                ("total_chunks", .int(Int64(totalChunks))),
                ("chunks_size", .int(Int64(chunksSize))),
                ("fps", .int(Int64(fps))),
                ("splits", splitsJSON),
                ("data_path", .string(dataPathTemplate)),
                ("video_path", videoPath),
                ("features", features.infoJSON),
            ]
        }
        pairs.append(contentsOf: extra)
        if writesEpisodicBlock { pairs.append(("episodic", episodicJSON)) }
        return .object(pairs)
    }

    /// The bytes of `meta/info.json` (`json.dump(info, f, indent=4)`).
    public var fileText: String { json.pythonJSON(indent: 4) }

    private static let knownKeys: Set<String> = [
        "codebase_version", "fps", "features", "total_episodes", "total_frames", "total_tasks",
        "chunks_size", "data_files_size_in_mb", "video_files_size_in_mb", "data_path", "video_path",
        "robot_type", "splits", "total_videos", "total_chunks", "episodic",
    ]

    /// Parses `info.json` text.
    ///
    /// - Throws: `ERR_JSON` for invalid JSON, `ERR_DATASET_VERSION` for an unsupported
    ///   version, `ERR_INFO_INVALID` for missing or wrong required keys, feature errors.
    public static func parse(_ text: String, source: String = "meta/info.json") throws(LeRobotError) -> DatasetInfo {
        let json = try JSONValue.parse(text, source: source)
        guard json.objectValue != nil else {
            throw LeRobotError(.info, "\(source) is not a JSON object", hint: "restore info.json")
        }
        guard let versionText = json["codebase_version"]?.stringValue else {
            throw LeRobotError(.info, "\(source) has no 'codebase_version'", hint: "add \"codebase_version\": \"v3.0\"")
        }
        let version = try CodebaseVersion.parse(versionText)
        guard let fps = json["fps"]?.intValue, fps > 0 else {
            throw LeRobotError(.info, "\(source) has no positive integer 'fps'", hint: "set fps to the recording rate")
        }
        guard let featuresJSON = json["features"] else {
            throw LeRobotError(.info, "\(source) has no 'features'", hint: "restore info.json")
        }
        let features = try Features.fromInfoJSON(featuresJSON)
        var info = DatasetInfo(version: version, fps: Int(fps), features: features,
                               robotType: json["robot_type"]?.stringValue)
        func int(_ key: String, default value: Int) throws(LeRobotError) -> Int {
            guard let v = json[key] else { return value }
            guard let i = v.intValue, i >= 0 else {
                throw LeRobotError(.info, "\(source) key '\(key)' is not a non-negative integer", hint: "fix the value")
            }
            return Int(i)
        }
        info.totalEpisodes = try int("total_episodes", default: 0)
        info.totalFrames = try int("total_frames", default: 0)
        info.totalTasks = try int("total_tasks", default: 0)
        info.chunksSize = try int("chunks_size", default: 1000)
        info.dataFilesSizeInMB = try int("data_files_size_in_mb", default: 100)
        info.videoFilesSizeInMB = try int("video_files_size_in_mb", default: 200)
        info.totalVideos = try int("total_videos", default: 0)
        info.totalChunks = try int("total_chunks", default: 0)
        if info.chunksSize <= 0 {
            throw LeRobotError(.info, "\(source) has chunks_size \(info.chunksSize)", hint: "chunks_size must be > 0")
        }
        // Units live in our block; restore them onto the features.
        info.episodicBlock = json["episodic"]
        info.writesEpisodicBlock = json["episodic"] != nil
        if let units = json["episodic"]?["units"]?.objectValue {
            var all = info.features.all
            for (name, unit) in units {
                if let i = all.firstIndex(where: { $0.name == name }) { all[i].unit = unit.stringValue }
            }
            info.features = try Features(complete: all)
        }
        for (key, value) in json.objectValue! where !knownKeys.contains(key) {
            info.extra.append((key, value))
        }
        return info
    }
}
