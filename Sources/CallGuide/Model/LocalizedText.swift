/// A text shown to the operator: one template, or one per language
/// (script language, section 6). Templates are parsed at load time.
public struct LocalizedText: Sendable {
    public struct Variant: Sendable {
        /// nil for a plain (unlocalized) text.
        public var language: String?
        public var template: Template
        public var position: ScalarPosition

        public init(language: String?, template: Template, position: ScalarPosition) {
            self.language = language
            self.template = template
            self.position = position
        }
    }

    public var variants: [Variant]
    public var location: SourceLocation

    public init(variants: [Variant], location: SourceLocation) {
        self.variants = variants
        self.location = location
    }

    public var isLocalized: Bool { variants.contains { $0.language != nil } }

    /// Picks the text for a call's language: that language, else the
    /// script's default language, else the first entry.
    public func variant(for language: String?, fallback: String?) -> Variant? {
        if let language, let v = variants.first(where: { $0.language == language }) { return v }
        if let fallback, let v = variants.first(where: { $0.language == fallback }) { return v }
        return variants.first
    }
}

/// An expression written in the file, with what is needed to turn an offset
/// inside it back into a line and column.
public struct LocatedExpression: Sendable {
    public var expression: Expression
    public var position: ScalarPosition

    public init(expression: Expression, position: ScalarPosition) {
        self.expression = expression
        self.position = position
    }

    public var location: SourceLocation { position.start }

    public func location(ofOffset offset: Int) -> SourceLocation {
        position.location(ofOffset: offset)
    }
}

/// Maps a character offset within a scalar's text to a file location. Exact
/// for scalars written on one line; a multi-line scalar points at its start.
public struct ScalarPosition: Sendable, Hashable {
    public var start: SourceLocation
    /// Column of the scalar's first text character, when the scalar sits on
    /// one line and offsets map one to one onto columns.
    public var textColumn: Int?

    public init(start: SourceLocation, textColumn: Int?) {
        self.start = start
        self.textColumn = textColumn
    }

    public func location(ofOffset offset: Int) -> SourceLocation {
        guard let textColumn else { return start }
        return SourceLocation(line: start.line, column: textColumn + offset)
    }
}
