import CallGuide

/// Answers a prompt the way an operator would: a valid answer for its type,
/// or, when asked for variety, a wrong one, a command or a handler.
enum Answers {
    static func valid(for prompt: Prompt, random: inout SeededRandom) -> String {
        if prompt.isOffer { return random.chance(50) ? "yes" : "no" }
        switch prompt.type {
        case .choice?, .multi?:
            guard !prompt.options.isEmpty else { return "1" }
            let choice = prompt.options[random.below(prompt.options.count)]
            return random.chance(50) ? String(choice.number) : choice.key
        case .number?: return String(10 + random.below(900))
        case .integer?: return String(random.below(100))
        case .yesno?: return random.chance(50) ? "y" : "n"
        case .nps?: return String(random.below(11))
        case .scale?: return String(1 + random.below(5))
        case .date?: return "2030-01-15"
        case .phone?: return "+44 20 7946 0" + String(100 + random.below(900))
        case .email?: return "client\(random.below(1000))@example.com"
        default: return ["Alice", "Bosch BGL3", "quiet and light", "12 High Street, flat 3"][random.below(4)]
        }
    }

    /// Mostly valid answers, with the odd mistake, note, `:back` or handler.
    static func varied(for prompt: Prompt, random: inout SeededRandom) -> String {
        switch random.below(100) {
        case 0..<5: return prompt.type == .text || prompt.type == nil && !prompt.isOffer ? ":skip" : "???"
        case 5..<9: return ":back"
        case 9..<12: return ":note the customer sounds in a hurry"
        case 12..<15: return random.chance(50) ? "!help" : "!price"
        default: return valid(for: prompt, random: &random)
        }
    }
}
