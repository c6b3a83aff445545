/// Everything buffered for one leaf column of the open row group: the Dremel
/// repetition and definition levels and the non-null values.
///
/// Levels are stored only when the leaf can have them (`maxRepetitionLevel > 0`,
/// `maxDefinitionLevel > 0`); otherwise every level is implicitly 0 and there is
/// exactly one value per level. Levels fit a byte: a schema 255 levels deep is
/// rejected as invalid.
struct LeafBuffer: Sendable {
    let leaf: LeafColumn
    var repetitionLevels: [UInt8] = []
    var definitionLevels: [UInt8] = []
    var values: LeafValues

    init(leaf: LeafColumn) {
        self.leaf = leaf
        values = LeafValues(physicalType: leaf.physicalType)
    }

    /// Number of level entries (values, nulls and empty lists).
    var levelCount: Int {
        if leaf.maxDefinitionLevel > 0 { return definitionLevels.count }
        if leaf.maxRepetitionLevel > 0 { return repetitionLevels.count }
        return values.count
    }

    /// Records a slot without a value (a null, or an empty or null list) at the given levels.
    mutating func appendEmpty(repetition: UInt8, definition: UInt8) {
        if leaf.maxRepetitionLevel > 0 { repetitionLevels.append(repetition) }
        if leaf.maxDefinitionLevel > 0 { definitionLevels.append(definition) }
    }

    /// Records `count` present values at the given levels (the first at
    /// `firstRepetition`, the rest at `repetition`); the caller appends the values.
    mutating func appendLevels(count: Int, firstRepetition: UInt8, repetition: UInt8, definition: UInt8) {
        guard count > 0 else { return }
        if leaf.maxRepetitionLevel > 0 {
            Self.append(&repetitionLevels, first: firstRepetition, rest: repetition, count: count)
        }
        if leaf.maxDefinitionLevel > 0 {
            Self.append(&definitionLevels, first: definition, rest: definition, count: count)
        }
    }

    /// Appends `first` then `count - 1` times `rest`, with two bulk copies
    /// (this runs once per list of every row: `repeatElement` was a per-byte loop).
    private static func append(_ levels: inout [UInt8], first: UInt8, rest: UInt8, count: Int) {
        if levels.capacity < levels.count + count {
            levels.reserveCapacity(Swift.max(levels.count + count, levels.capacity * 2))
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { scratch in
            scratch.initialize(repeating: rest)
            scratch[0] = first
            levels.append(contentsOf: scratch)
        }
    }

    mutating func removeAll() {
        repetitionLevels.removeAll(keepingCapacity: true)
        definitionLevels.removeAll(keepingCapacity: true)
        values.removeAll()
    }
}
