import Dispatch

/// Runs two independent pieces of work at the same time: `first` on a pool
/// thread, `second` on the calling thread, and returns both results. A big
/// script's load splits its decoding and checking this way, so that a
/// trainer's `check` uses the machine's second core.
///
/// `parallel: false` runs both on the calling thread, one after the other:
/// for small inputs a thread hop costs more than it saves.
func inParallel<A: Sendable, B>(
    _ parallel: Bool = true,
    _ first: @escaping @Sendable () -> A,
    _ second: () -> B
) -> (A, B) {
    guard parallel else { return (first(), second()) }
    let slot = ResultSlot<A>()
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global(qos: .userInitiated).async {
        slot.value = first()
        done.signal()
    }
    let secondResult = second()
    done.wait()
    // The semaphore orders the write above before this read.
    return (slot.value!, secondResult)
}

/// Where the pool thread leaves its result.
private final class ResultSlot<Value>: @unchecked Sendable {
    // @unchecked: written once by the worker before it signals the
    // semaphore, read once by the caller after waiting on it.
    var value: Value?
}

/// A value one thread hands to another: `take` waits until `put` has run
/// (once). Lets two pieces of work running `inParallel` meet half-way.
final class HandOff<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is written once before the semaphore is signalled
    // and read only after waiting on it.
    private var value: Value?
    private let ready = DispatchSemaphore(value: 0)

    func put(_ value: Value) {
        self.value = value
        ready.signal()
    }

    func take() -> Value {
        ready.wait()
        return value!
    }
}

/// How a load may use threads. Results never depend on it: tests load the
/// same text both ways and compare.
enum LoadConcurrency: Sendable {
    /// A second thread for big inputs: libyaml reads while the tree is
    /// built, and decoding and checking split their work in two.
    case automatic
    /// Everything on the calling thread.
    case sequential
    /// As `automatic`, but while a big file is read the tree builder
    /// decodes every complete node before it takes each chunk of events,
    /// whatever the timing: tests use it to make that happen for sure.
    case automaticDecodingWhileReading

    /// Whether work on this many items (nodes, pairs) gets a second thread:
    /// below 1,000 the hop costs more than it saves.
    func splits(_ count: Int) -> Bool {
        self != .sequential && count >= 1_000
    }
}
