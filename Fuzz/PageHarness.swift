// libFuzzer harness: the page decoder and Dremel reassembly of one column chunk.
//
// Input layout: byte 0 picks a field shape and codec, bytes 1-2 the number of
// entries the column metadata announces (little-endian, < 65536), the rest is
// the column chunk (page headers and pages). Built by Fuzz/run.sh with the
// Parquet sources. ParquetErrors are expected; crashes and sanitizer reports are findings.

let fuzzFields: [ParquetField] = [
    ParquetField("a", .int64),
    ParquetField("a", .double, nullable: true),
    ParquetField("a", .string, nullable: true),
    ParquetField("a", .boolean, nullable: true),
    ParquetField("a", .list(element: .float, elementNullable: true), nullable: true),
    ParquetField("a", .list(element: .list(element: .list(element: .double, elementNullable: true)))),
    ParquetField("a", .struct([ParquetField("b", .binary, nullable: true), ParquetField("c", .int32)]), nullable: true),
    ParquetField("a", .list(element: .string, elementNullable: false), nullable: true),
]
let fuzzCodecs: [CompressionCodec] = [.uncompressed, .snappy, .zstd]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 3 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let field = fuzzFields[Int(bytes[0] & 7) % fuzzFields.count]
    let codec = fuzzCodecs[Int(bytes[0] >> 3) % fuzzCodecs.count]
    let entries = Int(bytes[1]) | Int(bytes[2]) << 8
    let chunk = Array(bytes[3...])
    let schema = ParquetSchema([field])
    guard let tree = try? SchemaElement.tree(schema.schemaElements()),
          let plan = try? FieldPlan(tree.children[0], firstColumn: 0)
    else { fatalError("fuzz schema \(field) does not plan") }
    for leaf in plan.leaves {
        switch leaf.column.logicalType {
        case .boolean: run(Bool.self, leaf, codec, entries, chunk)
        case .int32: run(Int32.self, leaf, codec, entries, chunk)
        case .int64: run(Int64.self, leaf, codec, entries, chunk)
        case .float: run(Float.self, leaf, codec, entries, chunk)
        case .double: run(Double.self, leaf, codec, entries, chunk)
        case .string: run(String.self, leaf, codec, entries, chunk)
        case .binary: run([UInt8].self, leaf, codec, entries, chunk)
        default: fatalError("nested leaf")
        }
    }
    return 0
}

func run<Value: PlainDecodable>(
    _ type: Value.Type, _ leaf: LeafPlan, _ codec: CompressionCodec, _ entries: Int, _ chunk: [UInt8]
) {
    var decoder = ColumnChunkDecoder<Value>(column: leaf.column, codec: codec, context: "fuzz", expectedEntries: entries)
    do {
        try decoder.decode(chunk: chunk, fileOffset: 4)
        let assembly = try LeafAssembler.assemble(decoder.leaf, plan: leaf, context: "fuzz")
        // Structural invariants the reader's callers rely on.
        for (step, offsets) in zip(leaf.steps, assembly.offsets) where step.kind == .list {
            precondition(offsets.first == 0 && zip(offsets, offsets.dropFirst()).allSatisfy { $0 <= $1 })
        }
        precondition(assembly.values.count == (assembly.validity.last ?? nil).map(\.count) ?? assembly.values.count)
    } catch {
        return  // a typed error is the expected outcome for corrupt input
    }
}
