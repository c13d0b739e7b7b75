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

    /// A plain text (one template, no language, starting where the text
    /// starts) is by far the most common, and is kept inline with its
    /// position packed into 32-bit numbers: no variants array to make at
    /// load and free with the model, and a text stays small to copy. Any
    /// other text (languages, or numbers that do not fit) keeps an array.
    fileprivate enum Storage: Sendable {
        case plain(Template, PackedPosition)
        case variants([Variant], location: SourceLocation)
    }

    private var storage: Storage

    /// Every variant, as an array. A plain text builds the array on each
    /// read, so hot paths use `forEachHole`, `variant(for:fallback:)` or
    /// `allVariants` instead.
    public var variants: [Variant] {
        get {
            switch storage {
            case .plain(let template, let packed): return [Variant(language: nil, template: template, position: packed.position)]
            case .variants(let variants, _): return variants
            }
        }
        set { storage = Self.storage(newValue, location: location) }
    }

    public var location: SourceLocation {
        get {
            switch storage {
            case .plain(_, let packed): return packed.position.start
            case .variants(_, let location): return location
            }
        }
        set { storage = Self.storage(variants, location: newValue) }
    }

    public init(variants: [Variant], location: SourceLocation) {
        self.storage = Self.storage(variants, location: location)
    }

    /// A plain text: one template in no particular language, starting at
    /// `position.start`. Builds no `Variant` on the way (decoding makes
    /// thousands of these).
    public init(template: Template, position: ScalarPosition) {
        if let packed = PackedPosition(position) {
            self.storage = .plain(template, packed)
        } else {
            self.storage = .variants([Variant(language: nil, template: template, position: position)], location: position.start)
        }
    }

    /// A text with one variant (a plain text, or one language).
    public init(_ variant: Variant, location: SourceLocation) {
        self.storage = Self.storage(variant, location: location)
    }

    private static func storage(_ variants: [Variant], location: SourceLocation) -> Storage {
        variants.count == 1 ? storage(variants[0], location: location) : .variants(variants, location: location)
    }

    private static func storage(_ variant: Variant, location: SourceLocation) -> Storage {
        if variant.language == nil, variant.position.start == location, let packed = PackedPosition(variant.position) {
            return .plain(variant.template, packed)
        }
        return .variants([variant], location: location)
    }

    /// Every variant in order, without building an array for a plain text.
    public var allVariants: Variants { Variants(storage: storage) }

    public var isLocalized: Bool {
        switch storage {
        case .plain: return false
        case .variants(let variants, _): return variants.contains { $0.language != nil }
        }
    }

    /// Calls `body` with the language of every variant that has one, in
    /// order, reading them in place (no variant is copied).
    func forEachLanguage(_ body: (String) -> Void) {
        guard case .variants(let variants, _) = storage else { return }
        for index in variants.indices {
            if let language = variants[index].language { body(language) }
        }
    }

    /// Whether a variant is in `language`.
    func hasLanguage(_ language: String) -> Bool {
        guard case .variants(let variants, _) = storage else { return false }
        return variants.indices.contains { variants[$0].language == language }
    }

    /// Calls `body` with every `{EXPR}` hole of every variant: the
    /// expression, its offset within the variant's text, and the variant's
    /// position. A plain text without holes (most texts) costs a switch.
    public func forEachHole(_ body: (_ expression: Expression, _ offset: Int, _ position: ScalarPosition) throws -> Void) rethrows {
        switch storage {
        case .plain(let template, let packed):
            try template.forEachHole { expression, offset in try body(expression, offset, packed.position) }
        case .variants(let variants, _):
            for variant in variants {
                try variant.template.forEachHole { expression, offset in try body(expression, offset, variant.position) }
            }
        }
    }

    /// The same text with each template changed by `transform` (a module's
    /// names qualified when it is linked, 9.1); positions stay.
    func mapTemplates(_ transform: (Template) -> Template) -> LocalizedText {
        var copy = self
        switch storage {
        case .plain(let template, let packed):
            if template.isPlain { return self }
            copy.storage = .plain(transform(template), packed)
        case .variants(let variants, let location):
            copy.storage = .variants(variants.map { Variant(language: $0.language, template: transform($0.template), position: $0.position) }, location: location)
        }
        return copy
    }

    /// Picks the text for a call's language: that language, else the
    /// script's default language, else the first entry.
    public func variant(for language: String?, fallback: String?) -> Variant? {
        switch storage {
        case .plain(let template, let packed):
            return Variant(language: nil, template: template, position: packed.position)
        case .variants(let variants, _):
            if let language, let v = variants.first(where: { $0.language == language }) { return v }
            if let fallback, let v = variants.first(where: { $0.language == fallback }) { return v }
            return variants.first
        }
    }

    /// The variants of a text, in order.
    public struct Variants: RandomAccessCollection, Sendable {
        fileprivate let storage: Storage

        public var startIndex: Int { 0 }

        public var endIndex: Int {
            switch storage {
            case .plain: return 1
            case .variants(let variants, _): return variants.count
            }
        }

        public subscript(position: Int) -> Variant {
            switch storage {
            case .plain(let template, let packed):
                precondition(position == 0, "LocalizedText.Variants index out of range")
                return Variant(language: nil, template: template, position: packed.position)
            case .variants(let variants, _): return variants[position]
            }
        }
    }
}

/// A `ScalarPosition` in 12 bytes rather than 25; nil when a number does
/// not fit (never for a file a script loader accepts).
private struct PackedPosition: Sendable {
    private let line: Int32
    private let column: Int32
    /// `Int32.min` for no text column.
    private let textColumn: Int32

    init?(_ position: ScalarPosition) {
        guard let line = Int32(exactly: position.start.line),
              let column = Int32(exactly: position.start.column) else { return nil }
        if let textColumn = position.textColumn {
            guard let packed = Int32(exactly: textColumn), packed != .min else { return nil }
            self.textColumn = packed
        } else {
            self.textColumn = .min
        }
        self.line = line
        self.column = column
    }

    var position: ScalarPosition {
        ScalarPosition(
            start: SourceLocation(line: Int(line), column: Int(column)),
            textColumn: textColumn == .min ? nil : Int(textColumn))
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
