// Reading one field of one row group: fetch each leaf's column chunk, decode
// its pages, reassemble the levels, and join the leaves into the field's shape.

extension ParquetFileReader {
    /// A column chunk may not announce more entries than this many per file byte
    /// (beyond a floor), which bounds what a small corrupt file can make us allocate.
    static let entriesPerByte = 64
    static let entryFloor = 1 << 24

    func read(_ plan: FieldPlan, rowGroup: Int) throws(ParquetError) -> ColumnData {
        let group = metadata.rowGroups[rowGroup]
        var assemblies: [LeafAssembly] = []
        for leaf in plan.leaves {
            let assembly = try readLeaf(leaf, rowGroup: rowGroup)
            guard assembly.rowCount == Int(group.numRows) else {
                throw ParquetError(
                    .corruptPage,
                    "\(file.path): column \(leaf.column.dottedPath) has \(assembly.rowCount) rows in row group \(rowGroup), the footer says \(group.numRows)",
                    hint: "the file is corrupt; restore it from its source")
            }
            assemblies.append(assembly)
        }
        return try Self.build(plan.node, depth: 0, assemblies, plan: plan, context: "\(file.path): row group \(rowGroup)")
    }

    /// Joins the leaves' slots into the field's shape. Leaves that share a list
    /// or struct must agree on its offsets and validity (they describe the same
    /// slots); a disagreement is a corrupt file, reported rather than returned as
    /// an inconsistent `ColumnData`.
    private static func build(
        _ node: PlanNode, depth: Int, _ assemblies: [LeafAssembly], plan: FieldPlan, context: String
    ) throws(ParquetError) -> ColumnData {
        let first = assemblies[node.firstLeaf]
        for other in node.leafIndices.dropFirst() {
            guard assemblies[other].validity[depth] == first.validity[depth],
                  assemblies[other].offsets[depth] == first.offsets[depth]
            else {
                throw ParquetError(
                    .corruptPage,
                    "\(context): columns \(plan.leaves[node.firstLeaf].column.dottedPath) and \(plan.leaves[other].column.dottedPath) disagree about their shared parent's slots",
                    hint: "the file is corrupt; restore it from its source")
            }
        }
        switch node {
        case .leaf(let index):
            return assemblies[index].values
        case .list(let element):
            let offsets = first.offsets[depth]
            let child = try build(element, depth: depth + 1, assemblies, plan: plan, context: context)
            guard child.count == offsets.last ?? 0 else {
                throw ParquetError(
                    .corruptPage, "\(context): a list of \(plan.field.name) holds \(offsets.last ?? 0) elements, its column \(child.count)")
            }
            return ColumnData(.list(offsets: offsets, child: child), validity: first.validity[depth])
        case .group(let children):
            var built: [ColumnData] = []
            for child in children {
                built.append(try build(child, depth: depth + 1, assemblies, plan: plan, context: context))
            }
            return ColumnData(.struct(built), validity: first.validity[depth])
        }
    }

    private func readLeaf(_ leaf: LeafPlan, rowGroup: Int) throws(ParquetError) -> LeafAssembly {
        let context = "\(file.path): row group \(rowGroup), column \(leaf.column.dottedPath)"
        let chunk = metadata.rowGroups[rowGroup].columns[leaf.columnIndex]
        guard let meta = chunk.metaData else {
            throw SchemaElement.invalid("\(context): the column chunk has no metadata")
        }
        guard chunk.filePath == nil else {
            throw ParquetError(.unsupported, "\(context): the column chunk lives in another file (\(chunk.filePath!))")
        }
        guard meta.pathInSchema == leaf.column.path, meta.type == leaf.column.physicalType else {
            throw SchemaElement.invalid(
                "\(context): the chunk's metadata names \(meta.pathInSchema.joined(separator: ".")) of type \(meta.type)")
        }
        var start = Int(meta.dataPageOffset)
        if let dictionary = meta.dictionaryPageOffset, dictionary > 0, dictionary < meta.dataPageOffset {
            start = Int(dictionary)
        }
        let length = Int(meta.totalCompressedSize)
        guard meta.numValues == 0 || start >= 4, length >= 0, start <= dataEnd, length <= dataEnd - start else {
            throw SchemaElement.invalid(
                "\(context): the column chunk (\(length) bytes at \(start)) lies outside the data section (4..<\(dataEnd))")
        }
        let budget = max(Self.entryFloor, file.size.multipliedReportingOverflow(by: Self.entriesPerByte).partialValue)
        guard meta.numValues >= 0, meta.numValues <= Int64(budget) else {
            throw ParquetError(
                .corruptPage, "\(context): the column chunk claims \(meta.numValues) values, implausible for a \(file.size)-byte file",
                hint: "the file is corrupt")
        }
        guard PageCodec.supported.contains(meta.codec) else {
            throw ParquetError(
                .unsupported, "\(context): pages are compressed with \(meta.codec)",
                hint: "rewrite the file with snappy, zstd or no compression")
        }
        let entries = Int(meta.numValues)
        // An empty chunk has no pages to read (pyarrow writes offset 0 for them).
        let bytes = entries == 0 ? [] : try file.read(at: start, count: length)
        switch leaf.column.logicalType {
        case .boolean: return try decode(Bool.self, bytes, at: start, leaf, meta, entries, context)
        case .int32: return try decode(Int32.self, bytes, at: start, leaf, meta, entries, context)
        case .int64: return try decode(Int64.self, bytes, at: start, leaf, meta, entries, context)
        case .float: return try decode(Float.self, bytes, at: start, leaf, meta, entries, context)
        case .double: return try decode(Double.self, bytes, at: start, leaf, meta, entries, context)
        case .string: return try decode(String.self, bytes, at: start, leaf, meta, entries, context)
        case .binary: return try decode([UInt8].self, bytes, at: start, leaf, meta, entries, context)
        case .list, .struct:
            throw ParquetError(.unsupported, "\(context): a nested type as a leaf")  // FieldPlan never builds this
        }
    }

    private func decode<Value: PlainDecodable>(
        _ type: Value.Type, _ bytes: [UInt8], at offset: Int, _ leaf: LeafPlan, _ meta: ColumnMetaData,
        _ entries: Int, _ context: String
    ) throws(ParquetError) -> LeafAssembly {
        var decoder = ColumnChunkDecoder<Value>(
            column: leaf.column, codec: meta.codec, context: context, expectedEntries: entries)
        try decoder.decode(chunk: bytes, fileOffset: offset)
        return try LeafAssembler.assemble(decoder.leaf, plan: leaf, context: context)
    }
}
