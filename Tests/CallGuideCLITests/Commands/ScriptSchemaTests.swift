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
        // A node is one of the kinds, each with its own keys: together they
        // are the decoder's node keys, and each kind's are the decoder's.
        let kinds = ScriptSchema.kinds.map { keys(schema["definitions"]?[$0.name]?["properties"]) }
        XCTAssertEqual(kinds.reduce(into: Set<String>()) { $0.formUnion($1) }, Set(NodeDecoder.allKeys))
        let common = Set(NodeDecoder.commonKeys)
        XCTAssertEqual(kinds[0], common.union(["say"]))
        XCTAssertEqual(kinds[1], common.union(NodeDecoder.askKeys))
        XCTAssertEqual(kinds[2], common.union(NodeDecoder.offerKeys))
        XCTAssertEqual(kinds[3], common.union(["end", "say", "transfer"]))
        XCTAssertEqual(kinds[4], common.union(["return"]))
        XCTAssertEqual(kinds[5], common.union(["flow", "with"]))
        XCTAssertEqual(kinds[6], common)
        guard case .object(let answerType)? = schema["definitions"]?["answerType"],
              case .array(let types)? = answerType.first(where: { $0.0 == "enum" })?.1 else {
            return XCTFail("no answerType enum")
        }
        XCTAssertEqual(Set(types.compactMap { if case .string(let s) = $0 { return s } else { return nil } }),
                       Set(AnswerType.allCases.map(\.rawValue)))
        XCTAssertEqual(keys(schema["definitions"]?["task"]?["properties"]), Set(TaskDecoding.taskKeys))
        guard case .array(let transferShapes)? = schema["definitions"]?["transfer"]?["anyOf"] else { return XCTFail("no transfer") }
        XCTAssertEqual(keys(transferShapes.last?["properties"]), Set(TaskDecoding.transferKeys))
    }
}
