/// A short plain text that may be given per language, like any text of the
/// script (section 6): the script's `title`, handler labels and outcome
/// labels. `label: {ru: "Возражение по цене", en: "Price objection"}`.
/// Unlike `LocalizedText` it holds no `{...}` holes: a label is shown as
/// written, where no call may be at hand (graphs, `:help`, reports).
public struct LocalizedLabel: Sendable, Equatable, ExpressibleByStringLiteral {
    public struct Variant: Sendable, Equatable {
        /// nil for a label written as a plain string.
        public var language: String?
        public var text: String

        public init(language: String?, text: String) {
            self.language = language
            self.text = text
        }
    }

    /// Never empty.
    public let variants: [Variant]

    public init(_ text: String) {
        variants = [Variant(language: nil, text: text)]
    }

    public init(stringLiteral text: String) {
        self.init(text)
    }

    /// nil when `variants` is empty.
    public init?(variants: [Variant]) {
        guard !variants.isEmpty else { return nil }
        self.variants = variants
    }

    public var isLocalized: Bool { variants.contains { $0.language != nil } }

    /// The text for `language`, else `fallback` (the script's language),
    /// else the first given: the rule of section 6.
    public func text(for language: String?, fallback: String?) -> String {
        if let language, let hit = variants.first(where: { $0.language == language }) { return hit.text }
        if let fallback, let hit = variants.first(where: { $0.language == fallback }) { return hit.text }
        return variants[0].text
    }
}
