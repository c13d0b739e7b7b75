/// How many Characters a text has, counted on its UTF-8 bytes when every
/// scalar in it is sure to be a Character of its own: ASCII but CR (CR LF
/// is one Character), Latin-1, Cyrillic letters (not the combining marks
/// U+0483-U+0489), the common punctuation of U+2000-U+203F (not the
/// zero-width and direction marks) and the currency signs. That is the text of almost every
/// script, in English, Russian or Ukrainian; breaking it into Characters
/// (grapheme clusters) costs a Unicode table walk per scalar.
///
/// nil when some scalar is outside those ranges: then only `String.count`
/// knows.
func simpleCharacterCount(_ utf8: UnsafeBufferPointer<UInt8>) -> Int? {
    var count = 0
    var i = 0
    let end = utf8.count
    while i < end {
        let lead = utf8[i]
        switch lead {
        case 0x0D:
            return nil
        case 0x00..<0x80:
            i += 1
        case 0xC2, 0xC3:
            // U+0080-U+00FF: controls and Latin-1, none combining.
            i += 2
        case 0xD0, 0xD1, 0xD3:
            i += 2
        case 0xD2:
            // U+0480-U+04BF: U+0483-U+0489 are combining marks.
            guard i + 1 < end, !(0x83...0x89).contains(utf8[i + 1]) else { return nil }
            i += 2
        case 0xE2:
            // U+2000-U+203F, but U+200B-U+200F and U+2028-U+202E; and the
            // currency signs U+20A0-U+20BF.
            guard i + 2 < end else { return nil }
            let second = utf8[i + 1], third = utf8[i + 2]
            if second == 0x80 {
                guard !(0x8B...0x8F).contains(third), !(0xA8...0xAE).contains(third) else { return nil }
            } else {
                guard second == 0x82, (0xA0...0xBF).contains(third) else { return nil }
            }
            i += 3
        default:
            return nil
        }
        count += 1
    }
    // A sequence cut short at the end is not well-formed UTF-8 (a String
    // never holds one); counted as above it could only overcount.
    return i == end ? count : nil
}
