#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Receives per-tick state from another program — newline-delimited JSON on stdin, or one JSON
/// object per UDP datagram — validates it with ``ExternalStateParser`` and queues it for the
/// control loop.
///
/// Each control tick calls ``next()``: it pops the oldest queued state, or repeats the previous
/// one when none arrived (counted as `repeated`, a gap). The queue holds at most `capacity`
/// states; a sender running ahead drops the oldest (counted). A bad message is rejected and
/// counted, and its error is reported once per error code through `report` (so a sender
/// stuck on one mistake does not flood the terminal); recording goes on.
///
/// Threading: one reader thread per stream, started by ``start()``; ``next()``/``counters``
/// from any thread (short lock); `report` is called on the reader thread.
public final class StateStreamReader: @unchecked Sendable {
    public let endpoint: StateEndpoint
    public let features: [ExternalStateParser.Feature]
    public let capacity: Int

    private let report: @Sendable (SourceError) -> Void
    private let lock = NSLock()
    private var parser: ExternalStateParser
    private var queue: [[[Float]]] = []
    private var previous: [[Float]]?
    private var state = StateCounters()
    private var reportedCodes: Set<SourceError.Code> = []
    private var socketFD: Int32 = -1
    private var stopping = false

    /// - Parameters:
    ///   - capacity: states kept waiting for ticks before the oldest is dropped.
    ///   - report: called with the first error of each code (on the reader thread).
    public init(endpoint: StateEndpoint, features: [ExternalStateParser.Feature], capacity: Int = 256,
                report: @escaping @Sendable (SourceError) -> Void) {
        self.endpoint = endpoint
        self.features = features
        self.capacity = max(capacity, 1)
        self.report = report
        parser = ExternalStateParser(features: features)
    }

    deinit {
        if socketFD >= 0 { close(socketFD) }
    }

    /// Opens the endpoint and starts the reader thread.
    /// - Returns: the UDP port actually bound (useful with port 0), or `nil` for a line stream.
    /// - Throws: `ERR_STATE_ENDPOINT` when the UDP address cannot be bound.
    @discardableResult
    public func start() throws(SourceError) -> UInt16? {
        switch endpoint {
        case .lines(let fd):
            let thread = Thread { [self] in readLines(fd: fd) }
            thread.name = "episodic.state.lines"
            thread.start()
            return nil
        case .udp(let host, let port):
            let (fd, bound) = try Self.bindUDP(host: host, port: port)
            socketFD = fd
            let thread = Thread { [self] in readDatagrams(fd: fd) }
            thread.name = "episodic.state.udp"
            thread.start()
            return bound
        }
    }

    /// The state for this control tick: the oldest queued one, or the previous one repeated
    /// (`nil` before the first state ever arrived — also counted as repeated).
    public func next() -> [[Float]]? {
        lock.withLock {
            if queue.isEmpty {
                state.repeated += 1
                return previous
            }
            let values = queue.removeFirst()
            state.consumed += 1
            state.queued = queue.count
            previous = values
            return values
        }
    }

    /// A consistent copy of the counters.
    public var counters: StateCounters { lock.withLock { state } }

    /// Asks the reader to stop (a UDP reader stops within 100 ms; a stdin reader ends at EOF).
    public func stop() {
        lock.withLock { stopping = true }
    }

    /// Validates one message and queues it; a rejection is counted and reported once per code.
    /// Called by the reader thread (internal so tests can feed messages directly).
    func accept(_ text: String) {
        var firstOfCode: SourceError?
        lock.withLock {
            do throws(SourceError) {
                guard let values = try parser.parse(line: text) else { return }
                state.accepted += 1
                queue.append(values)
                if queue.count > capacity {
                    queue.removeFirst()
                    state.dropped += 1
                }
                state.queued = queue.count
            } catch {
                state.rejectedByCode[error.code, default: 0] += 1
                if reportedCodes.insert(error.code).inserted { firstOfCode = error }
            }
        }
        if let firstOfCode { report(firstOfCode) }
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    private func readLines(fd: Int32) {
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while !isStopping {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            pending.append(contentsOf: chunk[0..<n])
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                accept(String(decoding: pending[..<newline], as: UTF8.self))
                pending.removeSubrange(...newline)
            }
        }
        if !pending.isEmpty { accept(String(decoding: pending, as: UTF8.self)) }
        lock.withLock { state.ended = true }
    }

    private func readDatagrams(fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !isStopping {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
                break
            }
            accept(String(decoding: buffer[0..<n], as: UTF8.self))
        }
        lock.withLock { state.ended = true }
    }

    /// Binds a UDP socket on an IPv4 `host` (a dotted address or `localhost`) with a 100 ms
    /// receive timeout, so the reader notices ``stop()``.
    private static func bindUDP(host: String, port: UInt16) throws(SourceError) -> (Int32, UInt16) {
        let address = host == "localhost" ? "127.0.0.1" : host
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        guard inet_pton(AF_INET, address, &addr.sin_addr) == 1 else {
            throw SourceError(.stateEndpoint, "udp://\(host):\(port): \(host) is not an IPv4 address",
                              hint: "use a dotted address such as 127.0.0.1 or 0.0.0.0")
        }
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_DGRAM, 0)
        #endif
        guard fd >= 0 else {
            throw SourceError(.stateEndpoint, "udp://\(host):\(port): socket() failed (errno \(errno))")
        }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw SourceError(.stateEndpoint, "udp://\(host):\(port): bind failed (\(String(cString: strerror(code))))",
                              hint: "pick a free port, or stop the program that uses it")
        }
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, UInt16(bigEndian: bound.sin_port))
    }
}
