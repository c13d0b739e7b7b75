/// Decodes the script's `faq:` list (script language 9.2): a list of
/// mappings `{id?, q, a, tags?}`. Kept apart from `ScriptDecoder`: a key
/// of its own with a shape of its own.
enum FAQDecoding {
    static let entryKeys = ["id", "q", "a", "tags"]

    static func decode(_ node: YAMLNode, context: inout DecodingContext) -> [FAQEntry] {
        guard let items = node.sequence else {
            context.report(.E002, "'faq' must be a list of entries (- q: QUESTION, a: ANSWER), not \(node.shapeName)", at: node.start)
            return []
        }
        var entries: [FAQEntry] = []
        entries.reserveCapacity(items.count)
        for (position, item) in items.enumerated() {
            let fallbackID = FAQEntry.positionalID(position)
            guard let pairs = context.mapping(item, "faq entry \(fallbackID)") else { continue }
            context.checkKeys(pairs, allowed: entryKeys, in: "faq entry \(fallbackID)")
            var id = fallbackID
            if let idNode = item["id"] {
                guard let name = context.identifier(idNode, "faq entry id") else { continue }
                id = name
            }
            guard let questionNode = item["q"] else {
                context.report(.E002, "faq entry \(id) has no 'q' (the customer's question)", at: item.start)
                continue
            }
            guard let answerNode = item["a"] else {
                context.report(.E002, "faq entry \(id) has no 'a' (the answer to read out)", at: item.start)
                continue
            }
            guard let question = context.localizedLabel(questionNode, "the question of faq entry \(id)"),
                  let answer = context.localizedLabel(answerNode, "the answer of faq entry \(id)") else { continue }
            var tags: [String] = []
            if let tagsNode = item["tags"] {
                if let tagItems = tagsNode.sequence {
                    tags = tagItems.compactMap { context.text($0, "a tag of faq entry \(id)") }
                } else {
                    context.report(.E002, "the tags of faq entry \(id) must be a list", at: tagsNode.start)
                }
            }
            entries.append(FAQEntry(id: id, question: question, answer: answer, tags: tags, location: item.start))
        }
        return entries
    }
}
