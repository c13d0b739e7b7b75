import CYAML

/// Loads YAML text through libyaml's event API into a located node tree.
public enum YAMLParser {
    /// Parses one document. An empty file gives a document with no root.
    public static func parse(_ bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) throws(YAMLError) -> YAMLDocument {
        // TODO(yaml helper): implement.
        throw YAMLError("not implemented", at: SourceLocation(line: 1, column: 1))
    }
}
