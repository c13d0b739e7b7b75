import CYAML

/// Runs `body` with a libyaml parser reading `bytes`.
///
/// libyaml's parser keeps pointers into itself, so it must not move: it is
/// heap-allocated here and always deleted. The input buffer stays pinned for
/// the whole of `body`. Returns nil only when libyaml cannot allocate.
func withLibYAMLParser<R, E: Error>(
    reading bytes: UnsafeBufferPointer<UInt8>,
    _ body: (UnsafeMutablePointer<yaml_parser_t>) throws(E) -> R
) throws(E) -> R? {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) != 0 else { return nil }
    defer { yaml_parser_delete(parser) }
    // libyaml asserts a non-null input even when it is empty.
    let empty = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    defer { empty.deallocate() }
    yaml_parser_set_input_string(parser, bytes.baseAddress ?? UnsafePointer(empty), bytes.count)
    return try body(parser)
}

extension SourceLocation {
    /// libyaml's 0-based mark as a 1-based location.
    init(_ mark: yaml_mark_t) {
        self.init(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}
