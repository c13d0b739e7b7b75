import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A report page read back as an XML tree (the HTML pages are well-formed
/// XHTML), so tests can compare a chart's shapes with its table's numbers.
final class XMLElementNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLElementNode] = []
    var text = ""
    weak var parent: XMLElementNode?

    init(name: String, attributes: [String: String], parent: XMLElementNode?) {
        self.name = name
        self.attributes = attributes
        self.parent = parent
    }

    /// Every element below (depth first, in document order) that passes `test`.
    func all(_ test: (XMLElementNode) -> Bool) -> [XMLElementNode] {
        var found: [XMLElementNode] = []
        for child in children {
            if test(child) { found.append(child) }
            found += child.all(test)
        }
        return found
    }

    func all(named name: String) -> [XMLElementNode] { all { $0.name == name } }

    func element(id: String) -> XMLElementNode? { all { $0.attributes["id"] == id }.first }

    /// The text of this element and all below it.
    var allText: String { text + children.map(\.allText).joined() }

    func number(_ attribute: String) -> Double { Double(attributes[attribute] ?? "") ?? .nan }

    var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }

    /// A table's body rows as cell texts.
    var tableRows: [[String]] {
        (all(named: "tbody").first?.children ?? []).filter { $0.name == "tr" }.map { $0.children.map(\.allText) }
    }
}

enum XMLTree {
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ text: String) throws -> XMLElementNode {
        let builder = Builder()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = builder
        guard parser.parse() else {
            throw ParseError(description: "not well-formed at line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "?")")
        }
        return builder.root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        let root = XMLElementNode(name: "#document", attributes: [:], parent: nil)
        lazy var current = root

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let node = XMLElementNode(name: elementName, attributes: attributes, parent: current)
            current.children.append(node)
            current = node
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            current = current.parent ?? root
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { current.text += string }
    }
}
