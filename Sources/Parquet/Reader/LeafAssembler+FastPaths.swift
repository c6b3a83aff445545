// Specialised reassembly for the two shapes that dominate LeRobot files, with
// the same results as the general walk in LeafAssembler.swift:
//   * no repetition (scalars, possibly inside structs): every entry is one row,
//     and a step is valid exactly when d ≥ its definedFrom (definedFrom never
//     decreases along a path, so validity needs no walk);
//   * one list of primitives (`list<float>` vectors): one tight loop with
//     local arrays instead of the per-level bookkeeping.
// Pure; any thread.

extension LeafAssembler {
    /// Slots for a leaf without repetition: one row per entry.
    static func assembleFlat(
        definitions: [UInt8], entryCount: Int, steps: [PathStep]
    ) -> (validity: [[Bool]?], rowCount: Int) {
        let validity: [[Bool]?] = steps.map { step in
            let threshold = UInt8(clamping: step.definedFrom)
            guard threshold > 0, definitions.contains(where: { $0 < threshold }) else { return nil }
            return definitions.map { $0 >= threshold }
        }
        return (validity, entryCount)
    }

    /// Slots for `[list, leaf]` paths: returns list validity and offsets, leaf validity, row count.
    static func assembleSingleList(
        definitions: [UInt8], repetitions: [UInt8], entryCount: Int, list: PathStep, leaf: PathStep,
        context: String
    ) throws(ParquetError) -> (listValidity: [Bool]?, offsets: [Int], leafValidity: [Bool]?, rowCount: Int) {
        let listDefined = list.definedFrom
        let leafDefined = leaf.definedFrom
        var offsets = [0]
        var listValidity: [Bool] = []
        var leafValidity: [Bool] = []
        leafValidity.reserveCapacity(entryCount)
        var listNull = false
        var leafNull = false
        var open = false
        var elements = 0
        for entry in 0..<entryCount {
            let definition = Int(definitions[entry])
            if repetitions[entry] == 0 {
                let valid = definition >= listDefined
                listValidity.append(valid)
                listNull = listNull || !valid
                if definition > listDefined {
                    elements += 1
                    open = true
                    let present = definition >= leafDefined
                    leafValidity.append(present)
                    leafNull = leafNull || !present
                } else {
                    open = false
                }
                offsets.append(elements)
            } else {
                guard open else {
                    throw corrupt(context, "entry \(entry) continues a list (repetition 1) that is not open")
                }
                elements += 1
                offsets[offsets.count - 1] = elements
                let present = definition >= leafDefined
                leafValidity.append(present)
                leafNull = leafNull || !present
            }
        }
        return (listNull ? listValidity : nil, offsets, leafNull ? leafValidity : nil, listValidity.count)
    }
}
