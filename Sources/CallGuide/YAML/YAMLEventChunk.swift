import CYAML

/// A run of libyaml events, read on one thread and built into the tree on
/// another. The events keep their own buffers (scalar texts, anchors,
/// tags), so nothing is copied on the reading thread, which bounds the whole
/// read. They are deleted by `release()` on the reading thread when the
/// chunk comes back to be filled again (or when reading ends), never on the
/// building thread: freeing memory another thread allocated costs both
/// threads a lock.
struct YAMLEventChunk: @unchecked Sendable {
    // @unchecked: the events' buffers are plain heap memory that libyaml no
    // longer references; a chunk is moved between threads, never shared,
    // and `release()` deletes each event once.
    private(set) var events: [yaml_event_t] = []
    /// Why reading stopped after the last event, when libyaml failed.
    var failure: YAMLError?

    init(capacity: Int = 0) {
        events.reserveCapacity(capacity)
    }

    mutating func append(_ event: yaml_event_t) {
        events.append(event)
    }

    /// Deletes the events and empties the chunk, keeping its buffer for the
    /// next events.
    mutating func release() {
        for index in events.indices { yaml_event_delete(&events[index]) }
        events.removeAll(keepingCapacity: true)
        failure = nil
    }
}
