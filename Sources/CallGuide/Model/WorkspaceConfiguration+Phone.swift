/// `phone: {country, trunk, national_digits}` in callguide.yaml: how the
/// centre writes its phones, so the store keeps one form of each number
/// (store.md section 4).
extension WorkspaceConfiguration {
    static func decodePhoneFormat(_ node: YAMLNode, context: inout DecodingContext) -> PhoneFormat? {
        guard let pairs = context.mapping(node, "'phone'") else { return nil }
        context.checkKeys(pairs, allowed: ["country", "trunk", "national_digits"], in: "'phone'")
        guard let countryNode = node["country"] else {
            context.report(.E002, "'phone' needs 'country', the country calling code (380)", at: node.start)
            return nil
        }
        guard let country = context.text(countryNode, "the country calling code") else { return nil }
        guard isDigits(country, count: 1...3) else {
            context.report(.E002, "'country' must be a country calling code of 1 to 3 digits (380), not '\(country)'", at: countryNode.start)
            return nil
        }
        var trunk = ""
        if let trunkNode = node["trunk"] {
            guard let text = context.text(trunkNode, "the trunk prefix") else { return nil }
            guard isDigits(text, count: 1...2) else {
                context.report(.E002, "'trunk' must be the national prefix, 1 or 2 digits (\"0\"), not '\(text)'", at: trunkNode.start)
                return nil
            }
            trunk = text
        }
        var nationalDigits: Int?
        if let digitsNode = node["national_digits"] {
            guard let text = context.text(digitsNode, "national_digits") else { return nil }
            guard isDigits(text, count: 1...2), let count = Int(text), (4...14).contains(count) else {
                context.report(.E002, "'national_digits' must be a number of digits from 4 to 14 (9), not '\(text)'", at: digitsNode.start)
                return nil
            }
            nationalDigits = count
        }
        return PhoneFormat(country: country, trunk: trunk, nationalDigits: nationalDigits)
    }

    private static func isDigits(_ text: String, count: ClosedRange<Int>) -> Bool {
        count.contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
