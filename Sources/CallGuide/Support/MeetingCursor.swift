import Synchronization

/// Hands out the positions `0..<count` to two threads, one taking from the
/// front and one from the back, in small batches, until they meet. A fixed
/// split in halves leaves one thread idle whenever the other is slower (a
/// busier core, a later start, heavier items); taking from both ends keeps
/// both busy to the end, and each side still sees its positions in order.
final class MeetingCursor: Sendable {
    /// Front in the low 32 bits, back (exclusive) in the high 32 bits.
    private let state: Atomic<UInt64>
    private let batch: Int

    init(count: Int, batch: Int = 8) {
        precondition(count >= 0 && count <= Int(UInt32.max))
        state = Atomic(UInt64(count) << 32)
        self.batch = max(batch, 1)
    }

    /// The next positions from the front, in increasing order; empty once
    /// the two sides have met.
    func takeFromFront() -> Range<Int> {
        var current = state.load(ordering: .relaxed)
        while true {
            let front = Int(current & 0xFFFF_FFFF), back = Int(current >> 32)
            guard front < back else { return back..<back }
            let end = min(front + batch, back)
            let desired = UInt64(back) << 32 | UInt64(end)
            let (exchanged, original) = state.compareExchange(
                expected: current, desired: desired, ordering: .relaxed)
            if exchanged { return front..<end }
            current = original
        }
    }

    /// The next positions from the back, as a range whose items the caller
    /// takes in decreasing order; empty once the two sides have met.
    func takeFromBack() -> Range<Int> {
        var current = state.load(ordering: .relaxed)
        while true {
            let front = Int(current & 0xFFFF_FFFF), back = Int(current >> 32)
            guard front < back else { return front..<front }
            let start = max(back - batch, front)
            let desired = UInt64(start) << 32 | UInt64(front)
            let (exchanged, original) = state.compareExchange(
                expected: current, desired: desired, ordering: .relaxed)
            if exchanged { return start..<back }
            current = original
        }
    }
}
