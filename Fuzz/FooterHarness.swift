// libFuzzer harness: the footer decoder (Thrift compact FileMetaData, the
// schema tree and field plans) and the page-header decoder on arbitrary bytes.
// Built by Fuzz/run.sh together with the Parquet module's sources, so internal
// API is visible. Any ParquetError is an expected outcome; only a crash, a
// sanitizer report, a hang or an out-of-memory is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFooter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var reader = ThriftCompactReader(bytes, context: "fuzz footer")
    // Errors are the expected result for random input; the harness only looks for crashes.
    if let metadata = try? FileMetaData(thrift: &reader), let tree = try? SchemaElement.tree(metadata.schema) {
        var column = 0
        for child in tree.children {
            _ = try? FieldPlan(child, firstColumn: column)  // unsupported or invalid fields are fine
            column += child.leafCount
        }
    }
    var pageReader = ThriftCompactReader(bytes, context: "fuzz page header")
    _ = try? PageHeader(thrift: &pageReader)  // as above: only crashes matter
    return 0
}
