/// A language the operator's screen speaks: prompts, answer errors, `:help`,
/// the card header (issue 16). Each has one table of every `UIMessage`
/// (`UITables`); adding a language is a case here and a table there, and a
/// test fails while the table lacks a key.
public enum UILanguage: String, CaseIterable, Sendable {
    case en
    case ru
    case uk

    /// The language's own name, for messages that list what exists.
    public var name: String {
        switch self {
        case .en: return "English"
        case .ru: return "русский"
        case .uk: return "українська"
        }
    }

    /// The codes that exist, `en, ru, uk`, for messages.
    public static var codeList: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// The language of a POSIX locale name as `LANG` holds it:
    /// `ru_RU.UTF-8` and `ru` are Russian, `uk_UA@euro` Ukrainian; nil for
    /// `C`, `POSIX` and languages without a table.
    public init?(locale: String) {
        let code = locale.prefix { $0 != "_" && $0 != "." && $0 != "@" && $0 != "-" }
        guard let language = UILanguage(rawValue: code.lowercased()) else { return nil }
        self = language
    }

    /// The table of this language.
    var table: [UIMessage: String] {
        switch self {
        case .en: return UITables.english
        case .ru: return UITables.russian
        case .uk: return UITables.ukrainian
        }
    }
}

/// The tables, one per language, each in a file of its own.
enum UITables {}
