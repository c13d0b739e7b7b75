import CYAML

/// A run of libyaml events, handed from the thread that reads YAML to the
/// thread that builds the tree. The events keep their own buffers (scalar
/// texts, anchors, tags): whoever holds the chunk owns them and deletes each
/// event once it is used (`yaml_event_delete`), so the reading thread does
/// nothing but parse, and no text is copied twice.
struct YAMLEventChunk: @unchecked Sendable {
    // @unchecked: the events' buffers are plain heap memory that libyaml no
    // longer references; the chunk is moved between threads, never shared,
    // and every event is deleted exactly once (`deleteEvents(from:)`).
    var events: [yaml_event_t] = []
    /// Why reading stopped after the last event, when libyaml failed.
    var failure: YAMLError?

    init(capacity: Int = 0) {
        events.reserveCapacity(capacity)
    }

    /// Frees the events from `first` on: those the builder will not use
    /// (it stopped at an error, or the reading was cancelled).
    mutating func deleteEvents(from first: Int) {
        guard first < events.count else { return }
        for index in first..<events.count { yaml_event_delete(&events[index]) }
        events.removeSubrange(first...)
    }
}
