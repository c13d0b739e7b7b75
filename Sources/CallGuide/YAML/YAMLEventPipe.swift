import CYAML
import Foundation

/// Runs libyaml on a thread of its own, handing chunks of events to the
/// thread that builds the tree, so that a large script's reading and
/// building overlap on two cores (libyaml alone is a third of a load).
///
/// The reading thread owns its libyaml parser from start to finish; the
/// input bytes are only borrowed, so `finish()` must be called (it waits
/// for the reader to stop) before they are released.
final class YAMLEventPipe: @unchecked Sendable {
    // @unchecked: every mutable field below is read and written only with
    // `condition` locked.
    private let condition = NSCondition()
    private var queue: [YAMLEventChunk] = []
    private var head = 0
    private var readerStopped = false
    private var cancelled = false
    /// Chunks the builder is done with, for the reader to fill again: fresh
    /// memory for every chunk would cost page faults on the reading thread,
    /// the one that bounds the whole read.
    private var spares: [YAMLEventChunk] = []

    /// The borrowed input, handed to the reading thread. Safe because
    /// `finish()` waits for that thread before the owner can release it.
    private struct Input: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
    }

    /// Starts reading `bytes` on a new thread.
    init(reading bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, chunkSize: Int) {
        let input = Input(bytes: bytes)
        let thread = Thread { [self] in
            let started = withLibYAMLParser(reading: input.bytes) { parser -> Bool in
                var reader = YAMLEventReader(parser: parser, input: input.bytes, maxDepth: maxDepth)
                while !reader.isDone {
                    guard send(reader.next(limit: chunkSize, reusing: takeSpare())) else { break }
                }
                return true
            }
            if started == nil {
                var chunk = YAMLEventChunk()
                chunk.failure = YAMLParser.outOfMemory
                _ = send(chunk)
            }
            stop()
        }
        thread.start()
    }

    /// The next chunk, waiting for the reader; nil once it has stopped and
    /// every chunk has been taken.
    func receive() -> YAMLEventChunk? {
        condition.lock()
        defer { condition.unlock() }
        while head == queue.count && !readerStopped { condition.wait() }
        guard head < queue.count else { return nil }
        let chunk = queue[head]
        queue[head] = YAMLEventChunk()
        head += 1
        return chunk
    }

    /// The next chunk if one is ready, without waiting: nil when none is
    /// (yet, or any more). Lets the builder do other work while it would wait.
    func tryReceive() -> YAMLEventChunk? {
        condition.lock()
        defer { condition.unlock() }
        guard head < queue.count else { return nil }
        let chunk = queue[head]
        queue[head] = YAMLEventChunk()
        head += 1
        return chunk
    }

    /// Gives a used chunk back for the reader to fill again.
    func recycle(_ chunk: consuming YAMLEventChunk) {
        condition.lock()
        defer { condition.unlock() }
        if spares.count < 4 { spares.append(chunk) }
    }

    private func takeSpare() -> YAMLEventChunk? {
        condition.lock()
        defer { condition.unlock() }
        return spares.popLast()
    }

    /// Tells the reader to stop (if it has not) and waits until it has.
    func finish() {
        condition.lock()
        cancelled = true
        while !readerStopped { condition.wait() }
        condition.unlock()
    }

    /// Queues a chunk; false when the builder no longer wants any.
    private func send(_ chunk: YAMLEventChunk) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !cancelled else { return false }
        queue.append(chunk)
        condition.signal()
        return true
    }

    private func stop() {
        condition.lock()
        readerStopped = true
        condition.broadcast()
        condition.unlock()
    }
}
