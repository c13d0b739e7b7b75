/// The scalar keys of one large mapping being built, found by the exact
/// UTF-8 bytes of their text, so that a repeated key is reported (libyaml
/// does not). YAML compares keys by their characters, which bytes give;
/// Swift's `String ==` would also join canonically equivalent spellings.
///
/// Open addressing over a power-of-two table of small slots, with a seeded
/// multiplicative hash: a `[String: SourceLocation]` hashed every key with
/// SipHash and rehashed its Strings each time it grew, the largest part of
/// building the tree of a big `nodes` mapping. The seed is drawn once per
/// process, so keys cannot be chosen in advance to collide.
struct YAMLKeyTable {
    private struct Slot {
        /// Index into the builder's scalars; -1 for an empty slot.
        var scalar: Int32
        var hash: UInt32
        var location: SourceLocation
    }

    private static let seed = UInt64.random(in: 1...UInt64.max)
    private var slots: [Slot]
    private var count = 0

    /// Room for `capacity` keys before the table first grows.
    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = Array(repeating: Slot(scalar: -1, hash: 0, location: SourceLocation(line: 0, column: 0)), count: size)
    }

    /// Where a key with `text`'s bytes was recorded, or nil after recording
    /// this one (scalar `scalar` of `scalars`, at `location`).
    mutating func firstLocation(
        of text: String, scalar: Int32, at location: SourceLocation, in scalars: [YAMLScalar]
    ) -> SourceLocation? {
        let hash = Self.hash(text)
        let mask = slots.count - 1
        var position = Int(hash) & mask
        while slots[position].scalar >= 0 {
            if slots[position].hash == hash, scalars[Int(slots[position].scalar)].text.hasSameUTF8(as: text) {
                return slots[position].location
            }
            position = (position + 1) & mask
        }
        slots[position] = Slot(scalar: scalar, hash: hash, location: location)
        count += 1
        if 2 * count > slots.count { grow() }
        return nil
    }

    /// Doubles the table, placing each slot again by its stored hash.
    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(scalar: -1, hash: 0, location: SourceLocation(line: 0, column: 0)), count: 2 * old.count)
        let mask = slots.count - 1
        for slot in old where slot.scalar >= 0 {
            var position = Int(slot.hash) & mask
            while slots[position].scalar >= 0 { position = (position + 1) & mask }
            slots[position] = slot
        }
    }

    private static func hash(_ text: String) -> UInt32 {
        var hash = seed
        if let done = text.utf8.withContiguousStorageIfAvailable({ bytes -> UInt64 in
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return hash
        }) {
            hash = done
        } else {
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        // Murmur3's finaliser: the table indexes by the low bits, which the
        // multiplications alone leave weak.
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return UInt32(truncatingIfNeeded: hash)
    }
}

extension String {
    /// The same UTF-8 bytes: the same characters, not merely canonically
    /// equivalent ones (which `==` also accepts).
    func hasSameUTF8(as other: String) -> Bool {
        let mine = utf8, theirs = other.utf8
        guard mine.count == theirs.count else { return false }
        let same = mine.withContiguousStorageIfAvailable { a in
            theirs.withContiguousStorageIfAvailable { b in a.elementsEqual(b) }
        }
        return (same ?? nil) ?? mine.elementsEqual(theirs)
    }
}
