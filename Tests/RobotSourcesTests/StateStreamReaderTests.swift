#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import RobotSources

/// Collects reported errors across threads.
final class ReportLog: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [SourceError] = []
    func add(_ e: SourceError) { lock.withLock { errors.append(e) } }
    var all: [SourceError] { lock.withLock { errors } }
}

@Suite("External state stream reader")
struct StateStreamReaderTests {
    let features: [ExternalStateParser.Feature] = [.init(name: "observation.state", count: 2), .init(name: "action", count: 2)]

    @Test("endpoints parse; bad ones are refused with ERR_STATE_ENDPOINT")
    func endpoints() throws {
        #expect(try StateEndpoint(parsing: "stdin") == .lines(fd: 0))
        #expect(try StateEndpoint(parsing: "udp://127.0.0.1:9000") == .udp(host: "127.0.0.1", port: 9000))
        for bad in ["tcp://x:1", "udp://127.0.0.1", "udp://:9", "udp://h:99999"] {
            #expect(throws: SourceError.self) { try StateEndpoint(parsing: bad) }
        }
    }

    @Test("lines on a pipe: good lines queue in order, bad lines are counted by code and reported once per code")
    func pipeLines() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let log = ReportLog()
        let reader = StateStreamReader(endpoint: .lines(fd: fds[0]), features: features) { log.add($0) }
        try reader.start()
        let text = """
            {"observation.state": [1, 2], "action": [3, 4]}
            not json
            {"observation.state": [5, 6], "action": [7]}
            also not json

            {"observation.state": [9, 10], "action": [11, 12]}
            """
        _ = text.withCString { write(fds[1], $0, strlen($0)) }
        close(fds[1])
        for _ in 0..<2000 where !reader.counters.ended { usleep(5_000) }
        let c = reader.counters
        #expect(c.ended && c.accepted == 2 && c.rejected == 3 && c.queued == 2)
        #expect(c.rejectedByCode == [.stateLineJSON: 2, .stateLineShape: 1])
        #expect(log.all.map(\.code) == [.stateLineJSON, .stateLineShape])
        #expect(log.all.first?.message.hasPrefix("line 2: invalid JSON") == true)
        #expect(reader.next() == [[1, 2], [3, 4]])
        #expect(reader.next() == [[9, 10], [11, 12]])
        #expect(reader.next() == [[9, 10], [11, 12]])
        let after = reader.counters
        #expect(after.consumed == 2 && after.repeated == 1 && after.queued == 0)
        close(fds[0])
    }

    @Test("a full queue drops the oldest state and counts it")
    func overflow() {
        let reader = StateStreamReader(endpoint: .lines(fd: -1), features: features, capacity: 2) { _ in }
        for i in 0..<5 { reader.accept("{\"observation.state\": [\(i), 0], \"action\": [0, 0]}") }
        #expect(reader.counters.dropped == 3 && reader.counters.queued == 2)
        #expect(reader.next()?.first == [3, 0])
        #expect(reader.next()?.first == [4, 0])
    }

    @Test("UDP datagrams on 127.0.0.1: one JSON object each, bad ones rejected")
    func udp() throws {
        let log = ReportLog()
        let reader = StateStreamReader(endpoint: .udp(host: "127.0.0.1", port: 0), features: features) { log.add($0) }
        let port = try #require(try reader.start())
        defer { reader.stop() }
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
        for message in [#"{"observation.state": [1, 2], "action": [3, 4]}"#, #"{"observation.state": [1, 2]}"#,
                        #"{"observation.state": [5, 6], "action": [7, 8]}"#] {
            let sent = message.withCString { text in
                withUnsafePointer(to: &addr) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, text, strlen(text), 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
            #expect(sent == message.utf8.count)
        }
        for _ in 0..<2000 where reader.counters.accepted + reader.counters.rejected < 3 { usleep(5_000) }
        let c = reader.counters
        #expect(c.accepted == 2 && c.rejectedByCode == [.stateLineMissingKey: 1])
        #expect(reader.next() == [[1, 2], [3, 4]])
        #expect(reader.next() == [[5, 6], [7, 8]])
        #expect(log.all.map(\.message) == [#"line 2: missing "action""#])
    }

    @Test("binding a port in use fails with ERR_STATE_ENDPOINT")
    func portInUse() throws {
        let first = StateStreamReader(endpoint: .udp(host: "127.0.0.1", port: 0), features: features) { _ in }
        let port = try #require(try first.start())
        defer { first.stop() }
        let second = StateStreamReader(endpoint: .udp(host: "127.0.0.1", port: port), features: features) { _ in }
        do {
            try second.start()
            Issue.record("expected a bind failure")
        } catch {
            #expect(error.code == .stateEndpoint)
            #expect(error.message.contains("bind failed"))
        }
    }
}
