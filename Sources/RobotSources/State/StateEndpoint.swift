/// Where another program sends its per-tick state: `stdin` (newline-delimited JSON) or
/// `udp://HOST:PORT` (one JSON object per datagram).
public enum StateEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// Newline-delimited JSON on a file descriptor (standard input by default).
    case lines(fd: Int32)
    /// One JSON object per UDP datagram, received on `host:port` (port 0 picks a free one).
    case udp(host: String, port: UInt16)

    /// Parses `stdin` or `udp://HOST:PORT`.
    /// - Throws: `ERR_STATE_ENDPOINT` naming the text.
    public init(parsing text: String) throws(SourceError) {
        if text == "stdin" || text == "-" {
            self = .lines(fd: 0)
            return
        }
        guard text.hasPrefix("udp://") else {
            throw SourceError(.stateEndpoint, "state source \"\(text)\" is neither stdin nor udp://HOST:PORT",
                              hint: "use --state-from stdin or --state-from udp://127.0.0.1:9000")
        }
        let rest = text.dropFirst("udp://".count)
        guard let colon = rest.lastIndex(of: ":"), let port = UInt16(rest[rest.index(after: colon)...]),
              !rest[..<colon].isEmpty else {
            throw SourceError(.stateEndpoint, "state source \"\(text)\" has no HOST:PORT",
                              hint: "e.g. udp://127.0.0.1:9000")
        }
        self = .udp(host: String(rest[..<colon]), port: port)
    }

    public var description: String {
        switch self {
        case .lines(let fd): fd == 0 ? "stdin" : "fd \(fd)"
        case .udp(let host, let port): "udp://\(host):\(port)"
        }
    }
}
