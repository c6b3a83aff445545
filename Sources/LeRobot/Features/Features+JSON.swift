// The `features` block of `meta/info.json`.

extension Feature {
    /// The feature's entry in `info.json`: `dtype`, `shape`, `names`, then `info` if any,
    /// in the key order lerobot writes.
    public var infoJSON: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("dtype", .string(dtype.rawValue)),
            ("shape", .array(shape.map { .int(Int64($0)) })),
            ("names", names),
        ]
        if let info { pairs.append(("info", info)) }
        return .object(pairs)
    }

    /// Reads one entry of the `features` block. Unknown keys are ignored (lerobot does too).
    public static func fromInfoJSON(name: String, _ json: JSONValue) throws(LeRobotError) -> Feature {
        guard let dtypeText = json["dtype"]?.stringValue else {
            throw LeRobotError(.info, "feature '\(name)' has no string 'dtype'", hint: "add a dtype such as \"float32\"")
        }
        let dtype = try FeatureDType.parse(dtypeText, feature: name)
        guard let shapeItems = json["shape"]?.arrayValue else {
            throw LeRobotError(.featureShape, "feature '\(name)' has no 'shape' list", hint: "add a shape such as [6]")
        }
        var shape: [Int] = []
        for item in shapeItems {
            guard let v = item.intValue else {
                throw LeRobotError(.featureShape, "feature '\(name)' shape \(shapeItems) has a non-integer entry",
                                   hint: "shape entries are integers")
            }
            shape.append(Int(v))
        }
        var feature = Feature(name, dtype: dtype, shape: shape, info: json["info"])
        feature.names = json["names"] ?? .null
        return feature
    }
}

extension Features {
    /// The `features` object of `info.json`.
    public var infoJSON: JSONValue {
        .object(all.map { ($0.name, $0.infoJSON) })
    }

    /// Reads the `features` object of `info.json` (defaults included) and validates it.
    public static func fromInfoJSON(_ json: JSONValue) throws(LeRobotError) -> Features {
        guard let pairs = json.objectValue else {
            throw LeRobotError(.info, "'features' is not an object", hint: "info.json must map feature names to entries")
        }
        var features: [Feature] = []
        for (name, entry) in pairs {
            features.append(try Feature.fromInfoJSON(name: name, entry))
        }
        return try Features(complete: features)
    }

    /// Units declared on features, as stored in the `episodic` block of `info.json`.
    var unitsJSON: JSONValue {
        .object(all.compactMap { f in f.unit.map { (f.name, JSONValue.string($0)) } })
    }
}
