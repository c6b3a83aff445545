/// One data page's share of a leaf buffer.
struct PageSlice: Sendable, Equatable {
    var levels: Range<Int>
    var values: Range<Int>
    var rows: Int
}

/// Cuts a leaf buffer into data pages of about `targetSize` encoded bytes.
///
/// Pages end only at row boundaries (repetition level 0): data page v1 readers
/// expect a record not to span pages. Stateless.
enum PageSplitter {
    /// How large values encode, so the splitter can bound a page's size cheaply.
    enum ValueSize {
        /// Every value takes this many bits (fixed-width PLAIN, dictionary indices).
        case bits(Int)
        /// PLAIN byte arrays: 4 + length bytes each.
        case byteArrays(ByteArrayBuffer)

        func bytes(_ values: Range<Int>) -> Int {
            switch self {
            case .bits(let bits): (values.count * bits + 7) / 8
            case .byteArrays(let buffer):
                values.count * 4 + buffer.offsets[values.upperBound] - buffer.offsets[values.lowerBound]
            }
        }
    }

    static func split(_ buffer: LeafBuffer, targetSize: Int, valueSize: ValueSize) -> [PageSlice] {
        let levelCount = buffer.levelCount
        guard levelCount > 0 else { return [] }
        let leaf = buffer.leaf
        let target = max(targetSize, 1)
        if leaf.maxDefinitionLevel == 0 && leaf.maxRepetitionLevel == 0 {
            return splitFlat(count: levelCount, target: target, valueSize: valueSize)
        }
        let maxDefinition = UInt8(leaf.maxDefinitionLevel)
        let hasDefinitions = leaf.maxDefinitionLevel > 0
        let repeated = leaf.maxRepetitionLevel > 0
        // Upper bound of a value's size, to skip exact counting far from a page end.
        let boundBits: Int? = if case .bits(let bits) = valueSize { bits } else { nil }
        var pages: [PageSlice] = []
        var levelStart = 0
        var valueStart = 0
        var counted = 0  // levels [0, counted) have been counted into valueIndex
        var valueIndex = 0
        var rows = 0
        buffer.definitionLevels.withUnsafeBufferPointer { definitions in
            func countValues(upTo end: Int) {
                guard hasDefinitions else {
                    valueIndex += end - counted
                    counted = end
                    return
                }
                var present = 0
                for level in counted..<end where definitions[level] == maxDefinition { present += 1 }
                valueIndex += present
                counted = end
            }
            buffer.repetitionLevels.withUnsafeBufferPointer { repetitions in
                for level in 0..<levelCount where !repeated || repetitions[level] == 0 {
                    rows += 1
                    guard level > levelStart else { continue }
                    // Levels cost about 2 bits each after RLE: count them as a quarter byte.
                    let levelBytes = (level - levelStart) / 4
                    if let boundBits, ((level - levelStart) * boundBits + 7) / 8 + levelBytes < target { continue }
                    countValues(upTo: level)
                    if valueSize.bytes(valueStart..<valueIndex) + levelBytes >= target {
                        pages.append(
                            PageSlice(levels: levelStart..<level, values: valueStart..<valueIndex, rows: rows - 1))
                        levelStart = level
                        valueStart = valueIndex
                        rows = 1
                    }
                }
                countValues(upTo: levelCount)
            }
        }
        pages.append(PageSlice(levels: levelStart..<levelCount, values: valueStart..<valueIndex, rows: rows))
        return pages
    }

    /// One value per level and row: cut by bytes directly.
    private static func splitFlat(count: Int, target: Int, valueSize: ValueSize) -> [PageSlice] {
        var pages: [PageSlice] = []
        var start = 0
        while start < count {
            var end: Int
            switch valueSize {
            case .bits(let bits):
                end = min(count, start + max(1, (target * 8) / max(bits, 1)))
            case .byteArrays:
                end = start + 1
                // Grow in steps of the remaining budget divided by a guess of 16 bytes a value.
                while end < count {
                    let used = valueSize.bytes(start..<end)
                    if used >= target { break }
                    end = min(count, end + max(1, (target - used) / 16))
                }
            }
            pages.append(PageSlice(levels: start..<end, values: start..<end, rows: end - start))
            start = end
        }
        return pages
    }
}
