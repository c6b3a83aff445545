/// One data page's share of a leaf buffer.
struct PageSlice: Sendable, Equatable {
    var levels: Range<Int>
    var values: Range<Int>
    var rows: Int
}

/// Cuts a leaf buffer into data pages of about `targetSize` value bytes.
///
/// Pages end only at row boundaries (repetition level 0), as data page v1
/// readers expect a record not to span pages. Stateless.
enum PageSplitter {
    /// - Parameter valueSize: encoded size of values `range` (PLAIN, or estimated dictionary indices).
    static func split(
        _ buffer: LeafBuffer, targetSize: Int, valueSize: (Range<Int>) -> Int
    ) -> [PageSlice] {
        let levelCount = buffer.levelCount
        guard levelCount > 0 else { return [] }
        let leaf = buffer.leaf
        let target = max(targetSize, 1)
        if leaf.maxDefinitionLevel == 0 && leaf.maxRepetitionLevel == 0 {
            // One value per level and row: cut by bytes directly.
            var pages: [PageSlice] = []
            var start = 0
            while start < levelCount {
                let end = fixedEnd(start: start, count: levelCount, target: target, valueSize: valueSize)
                pages.append(PageSlice(levels: start..<end, values: start..<end, rows: end - start))
                start = end
            }
            return pages
        }
        var pages: [PageSlice] = []
        let maxDefinition = UInt8(leaf.maxDefinitionLevel)
        let repeated = leaf.maxRepetitionLevel > 0
        var levelStart = 0
        var valueStart = 0
        var valueIndex = 0
        var rows = 0
        buffer.definitionLevels.withUnsafeBufferPointer { definitions in
            buffer.repetitionLevels.withUnsafeBufferPointer { repetitions in
                for level in 0..<levelCount {
                    let rowStart = !repeated || repetitions[level] == 0
                    if rowStart {
                        // Levels cost about 2 bits each after RLE; count them as a quarter byte.
                        if level > levelStart
                            && valueSize(valueStart..<valueIndex) + (level - levelStart) / 4 >= target
                        {
                            pages.append(
                                PageSlice(levels: levelStart..<level, values: valueStart..<valueIndex, rows: rows))
                            levelStart = level
                            valueStart = valueIndex
                            rows = 0
                        }
                        rows += 1
                    }
                    if leaf.maxDefinitionLevel == 0 || definitions[level] == maxDefinition { valueIndex += 1 }
                }
            }
        }
        pages.append(PageSlice(levels: levelStart..<levelCount, values: valueStart..<valueIndex, rows: rows))
        return pages
    }

    /// The end of a page of fixed rows starting at `start`: grows until `target` bytes.
    private static func fixedEnd(start: Int, count: Int, target: Int, valueSize: (Range<Int>) -> Int) -> Int {
        let whole = valueSize(start..<count)
        if whole <= target { return count }
        // Estimate from the average size, then correct (byte arrays vary).
        let remaining = count - start
        var end = start + max(1, Int(Double(remaining) * Double(target) / Double(whole)))
        while end < count && valueSize(start..<end) < target { end = min(count, end + max(1, (end - start) / 8)) }
        return end
    }
}
