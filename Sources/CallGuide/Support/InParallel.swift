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

/// Whether a piece of work of this size is worth a second thread: below
/// this many items (nodes, pairs) the hop costs more than it saves.
func worthSplitting(_ count: Int) -> Bool {
    count >= 1_000
}
