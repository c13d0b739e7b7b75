import CYAML

/// libyaml's bare event loop, as a yardstick: benchmarks compare the loader
/// against it to show what the tree, typing and checks cost on top.
public enum YAMLEventLoop {
    /// Parses `bytes` and deletes every event, doing nothing else. Returns the
    /// number of events, stopping at the first libyaml error.
    public static func countEvents(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            withLibYAMLParser(reading: buffer) { parser in
                var event = yaml_event_t()
                var count = 0
                while yaml_parser_parse(parser, &event) != 0 {
                    count += 1
                    let done = event.type == YAML_STREAM_END_EVENT
                    yaml_event_delete(&event)
                    if done { break }
                }
                return count
            } ?? 0
        }
    }
}
