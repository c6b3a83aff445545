// Reassembling Dremel levels into Arrow-like slots (ColumnData) for one leaf.
//
// A leaf's path is a list of steps (lists, groups, the leaf). Steps are
// grouped into "slot levels": level 0 holds one slot per row; each list step
// ends a level, and its elements are the slots of the next one. For every
// entry (definition d, repetition r):
//   * r > 0 adds an element to the current list of level r-1, r == 0 starts a row;
//   * then, from level r down, every step gets one new slot, valid when
//     d ≥ its `definedFrom`; a list with d ≥ definedFrom + 1 gets an element and
//     the walk descends; a null or an empty list stops it, and the remaining
//     steps of that level get null placeholder slots.
// Inconsistent levels (a continuation of a null list, a first entry with
// r > 0, more present values than decoded) are `.corruptPage`. Pure; any thread.

/// The slots one leaf contributes: validity and offsets for every step of its path, and the leaf values.
struct LeafAssembly {
    /// Per step: one flag per slot, `nil` when every slot is valid.
    var validity: [[Bool]?]
    /// Per step: list offsets (`[0]` then one per slot); empty for non-list steps.
    var offsets: [[Int]]
    /// The leaf's values with nulls as placeholders, and its validity.
    var values: ColumnData
    /// Slots at level 0 (rows).
    var rowCount: Int
}

enum LeafAssembler {
    static func assemble<Value: PlainDecodable>(
        _ decoded: DecodedLeaf<Value>, plan: LeafPlan, context: String
    ) throws(ParquetError) -> LeafAssembly {
        let steps = plan.steps
        let column = plan.column
        if column.maxDefinitionLevel == 0 && column.maxRepetitionLevel == 0 {
            // Required all the way down: every entry is one row with a value.
            guard decoded.values.count == decoded.entryCount else {
                throw corrupt(context, "\(decoded.values.count) values for \(decoded.entryCount) rows")
            }
            return LeafAssembly(
                validity: Array(repeating: nil, count: steps.count),
                offsets: Array(repeating: [], count: steps.count),
                values: ColumnData(Value.storage(decoded.values)), rowCount: decoded.entryCount)
        }
        if column.maxRepetitionLevel == 0 {
            let flat = assembleFlat(
                definitions: decoded.definitionLevels, entryCount: decoded.entryCount, steps: steps)
            let leafValidity = flat.validity[steps.count - 1]
            let values = try expand(decoded.values, validity: leafValidity, slots: decoded.entryCount, context: context)
            return LeafAssembly(
                validity: flat.validity, offsets: Array(repeating: [], count: steps.count),
                values: ColumnData(Value.storage(values), validity: leafValidity), rowCount: flat.rowCount)
        }
        if steps.count == 2 && steps[0].kind == .list {
            let single = try assembleSingleList(
                definitions: decoded.definitionLevels, repetitions: decoded.repetitionLevels,
                entryCount: decoded.entryCount, list: steps[0], leaf: steps[1], context: context)
            let elementCount = single.offsets.last ?? 0
            let values = try expand(decoded.values, validity: single.leafValidity, slots: elementCount, context: context)
            return LeafAssembly(
                validity: [single.listValidity, single.leafValidity], offsets: [single.offsets, []],
                values: ColumnData(Value.storage(values), validity: single.leafValidity), rowCount: single.rowCount)
        }
        var state = State(steps: steps)
        let definitions = decoded.definitionLevels
        let repetitions = decoded.repetitionLevels
        for entry in 0..<decoded.entryCount {
            let definition = column.maxDefinitionLevel > 0 ? Int(definitions[entry]) : 0
            let repetition = column.maxRepetitionLevel > 0 ? Int(repetitions[entry]) : 0
            try state.add(definition: definition, repetition: repetition, entry: entry, context: context)
        }
        let leafStep = steps.count - 1
        let leafValidity = state.validity[leafStep]
        let values = try expand(decoded.values, validity: leafValidity, slots: leafValidity.count, context: context)
        return LeafAssembly(
            validity: zip(state.validity, state.sawNull).map { $1 ? $0 : nil },
            offsets: state.offsets,
            values: ColumnData(Value.storage(values), validity: state.sawNull[leafStep] ? leafValidity : nil),
            rowCount: state.rowCount)
    }

    /// Spreads the present `values` over the valid slots, with placeholders in
    /// null ones; `validity == nil` means all `slots` are valid.
    private static func expand<Value: PlainDecodable>(
        _ values: [Value], validity: [Bool]?, slots: Int, context: String
    ) throws(ParquetError) -> [Value] {
        guard let validity else {
            guard values.count == slots else {
                throw corrupt(context, "levels mark \(slots) values present but the pages hold \(values.count)")
            }
            return values
        }
        var validCount = 0
        for flag in validity where flag { validCount += 1 }
        guard validCount == values.count else {
            throw corrupt(context, "levels mark \(validCount) values present but the pages hold \(values.count)")
        }
        if validCount == validity.count { return values }
        var result: [Value] = []
        result.reserveCapacity(validity.count)
        var next = 0
        for flag in validity {
            if flag {
                result.append(values[next])
                next += 1
            } else {
                result.append(Value.placeholder)
            }
        }
        return result
    }

    static func corrupt(_ context: String, _ what: String) -> ParquetError {
        ParquetError(.corruptPage, "\(context): \(what)", hint: "the file is corrupt; restore it from its source")
    }

    /// Slot-building state for one leaf.
    private struct State {
        let steps: [PathStep]
        /// Step index ranges of each slot level.
        let levels: [Range<Int>]
        var validity: [[Bool]]
        var sawNull: [Bool]
        var offsets: [[Int]]
        /// Whether the list ending each level currently accepts more elements.
        var open: [Bool]
        var rowCount = 0

        init(steps: [PathStep]) {
            self.steps = steps
            var levels: [Range<Int>] = []
            var start = 0
            for (index, step) in steps.enumerated() where step.kind == .list {
                levels.append(start..<index + 1)
                start = index + 1
            }
            levels.append(start..<steps.count)
            self.levels = levels
            validity = Array(repeating: [], count: steps.count)
            sawNull = Array(repeating: false, count: steps.count)
            offsets = steps.map { $0.kind == .list ? [0] : [] }
            open = Array(repeating: false, count: levels.count)
        }

        mutating func add(definition: Int, repetition: Int, entry: Int, context: String) throws(ParquetError) {
            if repetition > 0 {
                guard repetition < levels.count, open[repetition - 1] else {
                    throw LeafAssembler.corrupt(
                        context, "entry \(entry) continues a list (repetition \(repetition)) that is not open")
                }
                let listStep = levels[repetition - 1].upperBound - 1
                offsets[listStep][offsets[listStep].count - 1] += 1
            } else {
                rowCount += 1
            }
            for level in repetition..<levels.count { open[level] = false }
            var alive = true
            var level = repetition
            while level < levels.count {
                for index in levels[level] {
                    let step = steps[index]
                    let valid = alive && definition >= step.definedFrom
                    validity[index].append(valid)
                    if !valid {
                        sawNull[index] = true
                        alive = false
                    }
                    if step.kind == .list {
                        let end = offsets[index].last!
                        if valid && definition > step.definedFrom {
                            offsets[index].append(end + 1)
                            open[level] = true
                        } else {
                            offsets[index].append(end)
                            alive = false
                        }
                    }
                }
                guard alive else { return }
                level += 1
            }
        }
    }
}
