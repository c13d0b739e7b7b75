import CallGuide
import Foundation

/// A client's card. Card ids are `C` followed by at least six digits
/// (`C000123`), given in order of creation: short enough to read out on a
/// call. An import may bring its own ids, but only of that form: an id
/// ends up in file names and commands, so `../../etc/passwd` is refused.
public struct Card: Equatable, Sendable {
    public var id: String
    /// The phone as entered; matching compares `phoneDigits`.
    public var phone: String?
    public var name: String?
    public var email: String?
    public var company: String?
    public var region: String?
    public var status: String
    /// Custom fields (configuration and scripts' `card:` sections), typed.
    public var fields: [String: Value]
    public var createdAt: Date
    public var updatedAt: Date
    /// Bumped on every change, so a call can tell whether someone else
    /// changed the card while it was on the line.
    public var revision: Int

    public init(
        id: String, phone: String? = nil, name: String? = nil, email: String? = nil,
        company: String? = nil, region: String? = nil, status: String, fields: [String: Value] = [:],
        createdAt: Date = Date(), updatedAt: Date = Date(), revision: Int = 1
    ) {
        self.id = id
        self.phone = phone
        self.name = name
        self.email = email
        self.company = company
        self.region = region
        self.status = status
        self.fields = fields
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.revision = revision
    }

    /// The names of the built-in fields, in display order.
    public static let builtInFields = ["id", "phone", "name", "email", "company", "region", "status"]

    /// Any field by name, built-in or custom; null when unset.
    public subscript(field: String) -> Value {
        get {
            switch field {
            case "id": return .string(id)
            case "phone": return phone.map(Value.string) ?? .null
            case "name": return name.map(Value.string) ?? .null
            case "email": return email.map(Value.string) ?? .null
            case "company": return company.map(Value.string) ?? .null
            case "region": return region.map(Value.string) ?? .null
            case "status": return .string(status)
            default: return fields[field] ?? .null
            }
        }
        set {
            switch field {
            case "id": if case .string(let s) = newValue { id = s }
            case "phone": phone = newValue.textValue
            case "name": name = newValue.textValue
            case "email": email = newValue.textValue
            case "company": company = newValue.textValue
            case "region": region = newValue.textValue
            case "status": if let s = newValue.textValue { status = s }
            default: fields[field] = newValue.isNull ? nil : newValue
            }
        }
    }

    /// Every field with a value: what a call sees as `card.FIELD` at its start.
    public var allFields: [String: Value] {
        var result = fields
        for name in Card.builtInFields where !self[name].isNull { result[name] = self[name] }
        return result
    }

    /// Whether `text` is an id of the store's own form: `C` and six ASCII
    /// digits or more.
    public static func isStoreID(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        return utf8.count >= 7 && utf8.count <= 20 && utf8[0] == UInt8(ascii: "C")
            && utf8.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The phone's digits alone: "+7 (900) 123-45-67" -> "79001234567".
    public var phoneDigits: String { Card.digits(of: phone ?? "") }

    public static func digits(of text: String) -> String {
        String(text.unicodeScalars.filter { $0.properties.numericType == .decimal && $0.isASCII }.map(Character.init))
    }
}

extension Value {
    /// The text a built-in (text) field stores; nil for null.
    var textValue: String? {
        switch self {
        case .null: return nil
        case .string(let s): return s
        case .bool(let b): return b ? "yes" : "no"
        case .number(let d): return "\(d)"
        case .list(let items): return items.compactMap(\.textValue).joined(separator: ", ")
        }
    }
}

/// Allowed status changes (the workspace's `card.transitions`): from a
/// status to the statuses it may become. A status with no entry may not
/// change at all. Setting the status a card already has is always allowed.
public struct StatusTransitions: Equatable, Sendable {
    public var allowed: [String: [String]]

    public init(allowed: [String: [String]]) {
        self.allowed = allowed
    }

    public func permits(from: String, to: String) -> Bool {
        from == to || (allowed[from] ?? []).contains(to)
    }
}

/// What the store knows of the workspace configuration: the custom card
/// fields (typed) and the statuses. Built-in fields are always known.
public struct CardSchema: Sendable {
    public var fields: [CardFieldDeclaration]
    /// The first is the status of a new card; empty means "new" and any status.
    public var statuses: [String]
    public var transitions: StatusTransitions?
    /// How the centre writes its phones (`phone:` in callguide.yaml): with
    /// it a card's phone is stored in international form, so one client
    /// keeps one card however the number is typed (store.md 4).
    public var phoneFormat: PhoneFormat?
    /// `unique_phones: true` in callguide.yaml: `card set` and `card
    /// import` refuse a phone that another card has (store.md 4).
    public var uniquePhones: Bool

    public init(fields: [CardFieldDeclaration] = [], statuses: [String] = [], transitions: StatusTransitions? = nil,
                phoneFormat: PhoneFormat? = nil, uniquePhones: Bool = false) {
        self.uniquePhones = uniquePhones
        self.fields = fields
        self.statuses = statuses
        self.transitions = transitions
        self.phoneFormat = phoneFormat
    }

    /// A card's phone in the form it is stored: international with a
    /// `phone` setting, else as typed (`+` and digits stay as entered).
    public func storedPhone(_ typed: String) -> String {
        guard let phoneFormat else { return typed }
        return phoneFormat.normalize(typed).text
    }

    public var initialStatus: String { statuses.first ?? "new" }

    /// The declaration of a field, built-in or custom.
    public func declaration(_ name: String) -> CardFieldDeclaration? {
        CardFieldDeclaration.builtIn.first { $0.name == name } ?? fields.first { $0.name == name }
    }
}
