import Foundation

/// Tells a store that is away for a while (the network, a restarting
/// server, a lock held too long) from one that is set up wrong (a refused
/// password, another program's database, another schema).
///
/// A call never waits for the first (store.md 2): it goes on without its
/// card and `callguide sync` stores it later. The second is refused before
/// the call starts, in one sentence, since no amount of waiting fixes it and
/// every call of the day would otherwise pile up unstored.
public enum StoreAvailability {
    /// Whether `error` means the store is away for now and may be back.
    public static func isAway(_ error: any Error) -> Bool {
        switch error {
        case let error as PostgresError:
            switch error {
            case .unreachable, .connectionLost, .locked: return true
            default: return false
            }
        case let error as StoreError:
            if case .locked = error { return true }
            return false
        default:
            return false
        }
    }
}
