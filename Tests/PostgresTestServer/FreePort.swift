import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP port nobody listens on at 127.0.0.1, found by letting the kernel
/// pick one (binding port 0) and releasing it for the server.
public enum FreePort {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String { "no free TCP port on 127.0.0.1 for the test PostgreSQL server (errno \(errno))" }
    }

    public static func onLoopback() throws -> Int {
        let socketHandle = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketHandle >= 0 else { throw Failure() }
        defer { close(socketHandle) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(socketHandle, address, length) == 0 && getsockname(socketHandle, address, &length) == 0
            }
        }
        guard bound else { throw Failure() }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
