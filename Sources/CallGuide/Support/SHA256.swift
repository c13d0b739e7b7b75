import CCrypto

/// SHA-256, for the `script_sha256` a transcript records: QA can tell
/// exactly which script text a call was made with.
///
/// The digest comes from libcrypto (OpenSSL), not from code of our own: a
/// hash is a primitive where a widely reviewed implementation is worth the
/// system library (Foundation on Linux has no digest API, and the project
/// takes no Swift packages).
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { result in
                // One-shot SHA256 never fails for in-memory input; it returns
                // its output pointer, which is not needed here.
                _ = CCrypto.SHA256(input.baseAddress, input.count, result.baseAddress)
            }
        }
        return output
    }

    /// Lower-case hex digest.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(digest(bytes).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }
}
