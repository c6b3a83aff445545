// Dremel shredding: turns the Arrow-like `ColumnData` of one top-level field
// into (repetition level, definition level, value) streams, one per leaf.
//
// For a slot at some nesting level, with `definition` the level reached by the
// ancestors and `repetition` the level at which this slot repeats:
//   - a null slot of a nullable node writes (repetition, definition) to every
//     leaf below it and stops;
//   - a present node adds 1 to the definition level when nullable;
//   - a list adds 1 more for its repeated group; an empty list writes
//     (repetition, that level − 1) to every leaf below; element i > 0 repeats
//     at the list's own repetition depth;
//   - a struct passes the same levels to each of its children (each child is a
//     different set of leaves, so children are shredded one after the other).

/// Shreds validated columns into leaf buffers. A pure function of its input;
/// called by the writer's owner thread only.
struct ColumnShredder {
    /// Appends rows `rows` of `column` (the value of top-level `field`) to the
    /// leaf buffers starting at `firstLeaf`.
    static func shred(
        _ column: ColumnData, field: ParquetField, rows: Range<Int>,
        into leaves: inout [LeafBuffer], firstLeaf: Int
    ) {
        var shredder = ColumnShredder()
        shredder.node(
            column, type: field.type, nullable: field.nullable, slots: rows, firstRepetition: 0,
            repetition: 0, depth: 0, definition: 0, leaves: &leaves, leaf: firstLeaf)
    }

    /// Number of leaf columns under a type.
    static func leafCount(_ type: ParquetType) -> Int {
        switch type {
        case .list(let element, _): leafCount(element)
        case .struct(let fields): fields.reduce(0) { $0 + leafCount($1.type) }
        default: 1
        }
    }

    // swiftlint:disable:next function_parameter_count
    private mutating func node(
        _ data: ColumnData, type: ParquetType, nullable: Bool, slots: Range<Int>, firstRepetition: UInt8,
        repetition: UInt8, depth: UInt8, definition: UInt8, leaves: inout [LeafBuffer], leaf: Int
    ) {
        guard !slots.isEmpty else { return }
        let present = definition + (nullable ? 1 : 0)
        switch type {
        case .list(let element, let elementNullable):
            guard case .list(let offsets, let child) = data.storage else { return }
            let leafEnd = leaf + Self.leafCount(element)
            for slot in slots {
                let rep = slot == slots.lowerBound ? firstRepetition : repetition
                if nullable && !data.isValid(slot) {
                    for index in leaf..<leafEnd { leaves[index].appendEmpty(repetition: rep, definition: definition) }
                    continue
                }
                let range = offsets[slot]..<offsets[slot + 1]
                if range.isEmpty {
                    for index in leaf..<leafEnd { leaves[index].appendEmpty(repetition: rep, definition: present) }
                    continue
                }
                node(
                    child, type: element, nullable: elementNullable, slots: range, firstRepetition: rep,
                    repetition: depth + 1, depth: depth + 1, definition: present + 1, leaves: &leaves, leaf: leaf)
            }
        case .struct(let fields):
            guard case .struct(let children) = data.storage else { return }
            if nullable, data.validity != nil {
                // Null structs cut every child at this slot: go slot by slot.
                let leafEnd = leaf + Self.leafCount(type)
                for slot in slots {
                    let rep = slot == slots.lowerBound ? firstRepetition : repetition
                    if data.isValid(slot) {
                        structChildren(
                            children, fields, slots: slot..<(slot + 1), firstRepetition: rep, repetition: rep,
                            depth: depth, definition: present, leaves: &leaves, leaf: leaf)
                    } else {
                        for index in leaf..<leafEnd {
                            leaves[index].appendEmpty(repetition: rep, definition: definition)
                        }
                    }
                }
            } else {
                structChildren(
                    children, fields, slots: slots, firstRepetition: firstRepetition, repetition: repetition,
                    depth: depth, definition: present, leaves: &leaves, leaf: leaf)
            }
        default:
            primitive(
                data, nullable: nullable, slots: slots, firstRepetition: firstRepetition, repetition: repetition,
                definition: definition, buffer: &leaves[leaf])
        }
    }

    // swiftlint:disable:next function_parameter_count
    private mutating func structChildren(
        _ children: [ColumnData], _ fields: [ParquetField], slots: Range<Int>, firstRepetition: UInt8,
        repetition: UInt8, depth: UInt8, definition: UInt8, leaves: inout [LeafBuffer], leaf: Int
    ) {
        var leaf = leaf
        for (child, field) in zip(children, fields) {
            node(
                child, type: field.type, nullable: field.nullable, slots: slots, firstRepetition: firstRepetition,
                repetition: repetition, depth: depth, definition: definition, leaves: &leaves, leaf: leaf)
            leaf += Self.leafCount(field.type)
        }
    }

    // swiftlint:disable:next function_parameter_count
    private func primitive(
        _ data: ColumnData, nullable: Bool, slots: Range<Int>, firstRepetition: UInt8, repetition: UInt8,
        definition: UInt8, buffer: inout LeafBuffer
    ) {
        let present = definition + (nullable ? 1 : 0)
        if let validity = data.validity, nullable, validity[slots].contains(false) {
            for slot in slots {
                let rep = slot == slots.lowerBound ? firstRepetition : repetition
                if validity[slot] {
                    buffer.appendLevels(count: 1, firstRepetition: rep, repetition: rep, definition: present)
                    appendValues(data.storage, slot..<(slot + 1), to: &buffer.values)
                } else {
                    buffer.appendEmpty(repetition: rep, definition: definition)
                }
            }
            return
        }
        buffer.appendLevels(
            count: slots.count, firstRepetition: firstRepetition, repetition: repetition, definition: present)
        appendValues(data.storage, slots, to: &buffer.values)
    }

    private func appendValues(_ storage: ColumnData.Storage, _ slots: Range<Int>, to values: inout LeafValues) {
        switch storage {
        case .boolean(let v): values.booleans.append(contentsOf: v[slots])
        case .int32(let v): values.int32s.append(contentsOf: v[slots])
        case .int64(let v): values.int64s.append(contentsOf: v[slots])
        case .float(let v): values.floats.append(contentsOf: v[slots])
        case .double(let v): values.doubles.append(contentsOf: v[slots])
        case .string(let v): for slot in slots { values.byteArrays.append(v[slot]) }
        case .binary(let v): for slot in slots { values.byteArrays.append(v[slot]) }
        case .list, .struct: break  // validated before shredding: cannot happen
        }
    }
}
