// libFuzzer harness: the whole reader on arbitrary files — open (magic,
// footer, schema, row-group checks), then read every readable column of every
// row group and check the shape of what comes back. The input is written to a
// per-process file in /dev/shm (the reader reads with pread). Built by
// Fuzz/run.sh with the Parquet sources. ParquetErrors are expected; crashes,
// sanitizer reports and shape violations are findings.

#if canImport(Glibc)
import Glibc
#endif

let fuzzPath = "/dev/shm/episodic-fuzz-file-\(getpid()).parquet"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let fd = open(fuzzPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    precondition(fd >= 0, "cannot create \(fuzzPath)")
    precondition(write(fd, data, size) == size, "short write to \(fuzzPath)")
    close(fd)
    guard let reader = try? ParquetFileReader(path: fuzzPath) else { return 0 }  // corrupt input: expected
    for group in 0..<reader.rowGroupCount {
        for field in reader.schema.fields {
            guard let column = try? reader.readColumn(field.name, rowGroup: group) else { continue }  // as above
            precondition(column.count == reader.rowCount(ofRowGroup: group), "row count of \(field.name)")
            checkShape(column, field.type)
        }
    }
    reader.close()
    return 0
}

/// The invariants ColumnData promises: validity and children sized to the slots,
/// list offsets from 0, non-decreasing, ending at the child's count.
func checkShape(_ data: ColumnData, _ type: ParquetType) {
    if let validity = data.validity { precondition(validity.count == data.count, "validity count") }
    switch (data.storage, type) {
    case (.list(let offsets, let child), .list(let element, _)):
        precondition(offsets.first == 0, "offsets start")
        precondition(zip(offsets, offsets.dropFirst()).allSatisfy { $0 <= $1 }, "offsets order")
        precondition(offsets.last == child.count, "offsets end")
        checkShape(child, element)
    case (.struct(let children), .struct(let fields)):
        precondition(children.count == fields.count, "struct fields")
        for (child, field) in zip(children, fields) {
            precondition(child.count == data.count, "struct child count")
            checkShape(child, field.type)
        }
    case (.list, _), (.struct, _):
        preconditionFailure("storage does not match \(type)")
    default:
        break
    }
}
