import Foundation

/// A runtime value of the script language: what answers, variables, card
/// fields and expressions hold. Numbers are decimal, not binary floating
/// point, so prices and discounts show as people write them.
public enum Value: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case list([Value])

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
