@testable import CallGuide
@testable import CallGuideCLI
import XCTest

/// The editor schema and the loader must name the same keys, or editors
/// would accept what `check` refuses (or the other way round).
final class ScriptSchemaTests: XCTestCase {
    private func keys(_ value: JSONValue?) -> Set<String> {
        guard case .object(let pairs)? = value else { return [] }
        return Set(pairs.map(\.0))
    }

    func testSchemaNamesTheLoadersKeys() throws {
        let schema = try JSONParser.parse(ScriptSchema.json)
        XCTAssertEqual(keys(schema["properties"]), Set(ScriptDecoder.topLevelKeys))
        let node = schema["definitions"]?["node"]?["properties"]
        XCTAssertEqual(keys(node), Set(NodeDecoder.allKeys))
        guard case .object(let answerType)? = schema["definitions"]?["answerType"],
              case .array(let types)? = answerType.first(where: { $0.0 == "enum" })?.1 else {
            return XCTFail("no answerType enum")
        }
        XCTAssertEqual(Set(types.compactMap { if case .string(let s) = $0 { return s } else { return nil } }),
                       Set(AnswerType.allCases.map(\.rawValue)))
    }
}
