/// One typical question of a script's `faq:` list (script language 9.2):
/// a question the customer asks often, with the answer the operator reads
/// out. Both are localizable like any text (section 6); they hold no
/// `{...}` holes, because a lookup shows them by themselves, outside the
/// flow of the call, where no answer is at hand to fill one.
public struct FAQEntry: Sendable, Equatable {
    /// The entry's `id:`, else `#N` (N counting from 1 in file order): the
    /// name transcripts (`shown`) and `report faq` know it by. A module's
    /// entries will carry their alias in front (`objections#2`,
    /// `objections.warranty`) once modules join (Docs/decisions.md).
    public var id: String
    public var question: LocalizedLabel
    public var answer: LocalizedLabel
    /// Extra words to find the entry by (`tags: [delivery]`).
    public var tags: [String]
    public var location: SourceLocation

    public init(id: String, question: LocalizedLabel, answer: LocalizedLabel, tags: [String] = [], location: SourceLocation = .unknown) {
        self.id = id
        self.question = question
        self.answer = answer
        self.tags = tags
        self.location = location
    }

    /// The name of the entry at `position` (0-based) without an `id:`.
    public static func positionalID(_ position: Int, alias: String? = nil) -> String {
        "\(alias ?? "")#\(position + 1)"
    }
}
