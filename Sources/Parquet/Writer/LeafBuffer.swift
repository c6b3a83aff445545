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
            repetitionLevels.append(firstRepetition)
            if count > 1 { repetitionLevels.append(contentsOf: repeatElement(repetition, count: count - 1)) }
        }
        if leaf.maxDefinitionLevel > 0 {
            definitionLevels.append(contentsOf: repeatElement(definition, count: count))
        }
    }

    mutating func removeAll() {
        repetitionLevels.removeAll(keepingCapacity: true)
        definitionLevels.removeAll(keepingCapacity: true)
        values.removeAll()
    }
}
