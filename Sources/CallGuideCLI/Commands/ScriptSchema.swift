import CallGuide
import Foundation

/// The JSON Schema (draft-07) of the script language, version 1, for
/// editors. Portable: its patterns use no `\p{...}` classes, so Python's
/// `jsonschema`, JavaScript and ICU all read them. Tight: a node is exactly
/// one kind (`oneOf` over the kinds, each with its own keys), and per-type
/// rules of questions refuse what `check` refuses (options on a text,
/// a choice without options, a scale without bounds, reserved names).
///
/// Built from parts: the top level, shared definitions, and one definition
/// per node kind (`nodeKinds`). A new kind is one more entry there; a new
/// answer type comes from `AnswerType` itself. Tests hold the keys to the
/// decoder's and validate every example and fixture with `jsonschema`.
enum ScriptSchema {
    static var json: String {
        let kinds = nodeKinds.map { "\"\($0.name)\": \($0.definition)" }.joined(separator: ",\n")
        let oneOf = nodeKinds.map { "{\"$ref\": \"#/definitions/\($0.name)\"}" }.joined(separator: ", ")
        return indented("""
            {
              "$schema": "http://json-schema.org/draft-07/schema#",
              "$id": "https://callguide.example/schema/script-1.json",
              "title": "callguide call script, language version 1",
              \(topLevel),
              "definitions": {
            \(definitions),
            "node": {"type": "object", "oneOf": [\(oneOf)]},
            \(kinds)
              }
            }
            """)
    }

    /// Re-indents the assembled parts by their nesting, two spaces a level,
    /// so the printed schema reads evenly (no JSON string holds a newline).
    static func indented(_ text: String) -> String {
        var depth = 0
        var lines: [String] = []
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            var opens = 0, closes = 0, leadingCloses = 0
            var inString = false, escaped = false, leading = true
            for character in line {
                if inString {
                    if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                    continue
                }
                switch character {
                case "\"": inString = true; leading = false
                case "{", "[": opens += 1; leading = false
                case "}", "]":
                    closes += 1
                    if leading { leadingCloses += 1 }
                default: leading = false
                }
            }
            lines.append(String(repeating: "  ", count: max(0, depth - leadingCloses)) + line)
            depth += opens - closes
        }
        return lines.joined(separator: "\n")
    }

    /// A letter or `_`, then letters, digits or `_`. Any character past
    /// ASCII counts as a letter here (patterns with `\p{L}` are not
    /// portable); `check` then refuses what is not one.
    static let identifierPattern = #"^[A-Za-z_\\u0080-\\uFFFF][A-Za-z0-9_\\u0080-\\uFFFF]*$"#

    static var reservedWords: String {
        Identifier.reservedWords.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
    }

    static var answerTypes: String {
        AnswerType.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
    }

    static let topLevel = #"""
      "type": "object",
      "required": ["callguide", "id", "nodes"],
      "additionalProperties": false,
      "patternProperties": {"^x-": {}},
      "properties": {
        "callguide": {"const": 1, "description": "The language version."},
        "id": {"$ref": "#/definitions/name", "description": "The script's identifier."},
        "version": {"type": ["integer", "string"], "description": "Recorded in every transcript."},
        "title": {"$ref": "#/definitions/label"},
        "language": {"type": "string", "description": "Default language of localized texts."},
        "start": {"$ref": "#/definitions/identifier", "description": "The first node; default: the first in nodes."},
        "use": {
          "type": "object",
          "description": "Modules (script language 9.1): alias -> path of a script file, relative to this file.",
          "propertyNames": {"$ref": "#/definitions/name"},
          "additionalProperties": {"type": "string", "minLength": 1}
        },
        "module": {"type": "boolean", "description": "The file is a module: checked as one on its own, refused by run."},
        "variables": {
          "type": "object",
          "propertyNames": {"$ref": "#/definitions/name"},
          "additionalProperties": {
            "anyOf": [{"$ref": "#/definitions/scalar"}, {"type": "array", "items": {"$ref": "#/definitions/scalar"}}]
          }
        },
        "card": {"$ref": "#/definitions/cardFields"},
        "outcomes": {
          "type": "object",
          "propertyNames": {"$ref": "#/definitions/name"},
          "additionalProperties": {
            "anyOf": [
              {"type": "string", "description": "The label."},
              {
                "type": "object",
                "additionalProperties": false,
                "properties": {"label": {"$ref": "#/definitions/label"}, "converted": {"type": "boolean"}}
              }
            ]
          }
        },
        "handlers": {
          "type": "object",
          "propertyNames": {"$ref": "#/definitions/name"},
          "additionalProperties": {
            "type": "object",
            "required": ["start"],
            "additionalProperties": false,
            "properties": {"label": {"$ref": "#/definitions/label"}, "start": {"$ref": "#/definitions/identifier"}}
          }
        },
        "faq": {
          "type": "array",
          "description": "Typical questions with their answers; ?WORDS at any question looks them up (section 9.2).",
          "items": {
            "type": "object",
            "required": ["q", "a"],
            "additionalProperties": false,
            "patternProperties": {"^x-": {}},
            "properties": {
              "id": {"$ref": "#/definitions/name"},
              "q": {"$ref": "#/definitions/label"},
              "a": {"$ref": "#/definitions/label"},
              "tags": {"type": "array", "items": {"type": ["string", "number", "boolean"]}}
            }
          }
        },
        "nodes": {
          "type": "object",
          "minProperties": 1,
          "propertyNames": {"$ref": "#/definitions/name"},
          "additionalProperties": {"$ref": "#/definitions/node"}
        }
      }
    """#

    static var definitions: String {
        #"""
            "identifier": {"type": "string", "pattern": "\#(identifierPattern)"},
            "name": {
              "description": "An identifier that is not a reserved word.",
              "allOf": [{"$ref": "#/definitions/identifier"}, {"not": {"enum": [\#(reservedWords)]}}]
            },
            "scalar": {"type": ["number", "string", "boolean", "null"]},
            "expression": {"type": ["string", "number", "boolean"], "description": "An expression (script language, section 3)."},
            "text": {
              "description": "A text, or a mapping language -> text. May contain {EXPR}.",
              "anyOf": [
                {"type": ["string", "number", "boolean"]},
                {"type": "object", "minProperties": 1, "additionalProperties": {"type": ["string", "number", "boolean"]}}
              ]
            },
            "label": {
              "description": "A plain text, or a mapping language -> text.",
              "anyOf": [
                {"type": ["string", "number", "boolean"]},
                {"type": "object", "minProperties": 1, "additionalProperties": {"type": ["string", "number", "boolean"]}}
              ]
            },
            "target": {"type": "string", "pattern": "^(card\\.)?[A-Za-z_\\u0080-\\uFFFF][A-Za-z0-9_\\u0080-\\uFFFF]*$"},
            "answerType": {"enum": [\#(answerTypes)]},
            "cardFields": {
              "type": "object",
              "propertyNames": {"$ref": "#/definitions/name"},
              "additionalProperties": {
                "anyOf": [
                  {"enum": ["text", "number", "integer", "yesno", "choice", "date", "phone", "email"]},
                  {
                    "type": "object",
                    "required": ["type"],
                    "additionalProperties": false,
                    "properties": {
                      "type": {"enum": ["text", "number", "integer", "yesno", "choice", "date", "phone", "email"]},
                      "options": {"type": "array", "items": {"$ref": "#/definitions/name"}}
                    }
                  }
                ]
              }
            },
            "next": {
              "anyOf": [
                {"$ref": "#/definitions/identifier"},
                {
                  "type": "array",
                  "minItems": 1,
                  "items": {
                    "type": "object",
                    "required": ["goto"],
                    "additionalProperties": false,
                    "properties": {"if": {"$ref": "#/definitions/expression"}, "goto": {"$ref": "#/definitions/identifier"}}
                  }
                }
              ]
            },
            "options": {
              "anyOf": [
                {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/name"}},
                {
                  "type": "object",
                  "minProperties": 1,
                  "propertyNames": {"$ref": "#/definitions/name"},
                  "additionalProperties": {
                    "anyOf": [
                      {"$ref": "#/definitions/text"},
                      {
                        "type": "object",
                        "additionalProperties": false,
                        "properties": {"label": {"$ref": "#/definitions/text"}, "goto": {"$ref": "#/definitions/identifier"}}
                      }
                    ]
                  }
                }
              ]
            },
            "validate": {
              "type": "array",
              "items": {
                "type": "object",
                "required": ["require"],
                "additionalProperties": false,
                "properties": {
                  "require": {"$ref": "#/definitions/expression"},
                  "message": {"$ref": "#/definitions/text"},
                  "soft": {"type": "boolean"}
                }
              }
            },
            "item": {
              "type": "object",
              "properties": {"price": {"type": "number"}},
              "additionalProperties": {"anyOf": [{"$ref": "#/definitions/scalar"}, {"type": "array", "items": {"$ref": "#/definitions/scalar"}}]}
            },
            "task": {
              "type": "object",
              "description": "A task the node makes when it completes (workflow, section 2.1).",
              "required": ["due"],
              "additionalProperties": false,
              "patternProperties": {"^x-": {}},
              "properties": {
                "kind": {"enum": ["callback", "transfer", "todo"], "description": "Default: callback."},
                "due": {"$ref": "#/definitions/expression", "description": "A date or datetime, e.g. answer or add_days(today(), 1)."},
                "to": {"$ref": "#/definitions/expression", "description": "The operator; default call.operator."},
                "group": {"$ref": "#/definitions/identifier", "description": "A group of operators, instead of 'to'."},
                "script": {"$ref": "#/definitions/identifier", "description": "The script to run for the task."},
                "note": {"$ref": "#/definitions/text"}
              },
              "not": {"required": ["to", "group"]}
            },
            "transfer": {
              "description": "On an end node: hand the call to a group of operators (workflow, section 2.2).",
              "anyOf": [
                {"$ref": "#/definitions/identifier"},
                {
                  "type": "object",
                  "required": ["group"],
                  "additionalProperties": false,
                  "properties": {"group": {"$ref": "#/definitions/identifier"}, "script": {"$ref": "#/definitions/identifier"}}
                }
              ]
            }
        """#
    }

    /// The keys every kind of node may have, as schema properties.
    static let commonProperties = #"""
        "when": {"$ref": "#/definitions/expression"},
        "next": {"$ref": "#/definitions/next"},
        "set": {"type": "object", "propertyNames": {"$ref": "#/definitions/target"}, "additionalProperties": {"$ref": "#/definitions/expression"}},
        "hint": {"$ref": "#/definitions/text"},
        "tags": {"type": "array", "items": {"$ref": "#/definitions/identifier"}},
        "task": {"$ref": "#/definitions/task"}
    """#

    /// A kind of node: its definition's name, its required keys, its own
    /// properties (beside `commonProperties`), and further rules.
    struct Kind {
        var name: String
        var required: [String]
        var properties: String
        var rules: String = ""

        var definition: String {
            let requiredList = required.map { "\"\($0)\"" }.joined(separator: ", ")
            let properties = self.properties.isEmpty ? ScriptSchema.commonProperties : self.properties + ",\n" + ScriptSchema.commonProperties
            return """
                {
                  "type": "object",
                  "required": [\(requiredList)],
                  "additionalProperties": false,
                  "patternProperties": {"^x-": {}},
                  "properties": {
                \(properties)
                  }\(rules.isEmpty ? "" : ",\n" + rules)
                }
                """
        }
    }

    /// One definition per kind of node (script language, section 2).
    static let kinds: [Kind] = [
        Kind(name: "sayNode", required: ["say"], properties: ##""say": {"$ref": "#/definitions/text"}"##),
        Kind(name: "askNode", required: ["ask"], properties: #"""
            "ask": {"$ref": "#/definitions/text"},
            "type": {"$ref": "#/definitions/answerType"},
            "options": {"$ref": "#/definitions/options"},
            "min": {"type": "number"},
            "max": {"type": "number"},
            "pattern": {"type": "string", "format": "regex"},
            "message": {"$ref": "#/definitions/text"},
            "optional": {"type": "boolean"},
            "validate": {"$ref": "#/definitions/validate"},
            "save": {"$ref": "#/definitions/target"}
            """#, rules: askRules),
        Kind(name: "offerNode", required: ["offer"], properties: #"""
            "offer": {"$ref": "#/definitions/text"},
            "save": {"$ref": "#/definitions/target"},
            "optional": {"type": "boolean"},
            "item": {"$ref": "#/definitions/item"}
            """#),
        Kind(name: "endNode", required: ["end"], properties: #"""
            "end": {"$ref": "#/definitions/identifier", "description": "The outcome."},
            "say": {"$ref": "#/definitions/text", "description": "The closing line."},
            "transfer": {"$ref": "#/definitions/transfer"}
            """#),
        Kind(name: "returnNode", required: ["return"], properties: ##""return": {"const": true}"##),
        Kind(name: "flowNode", required: ["flow"], properties: #"""
            "flow": {
              "type": "string",
              "description": "Runs a module of use: from its start (ALIAS) or a node (ALIAS.NODE) until its return.",
              "pattern": "^[A-Za-z_\\u0080-\\uFFFF][A-Za-z0-9_\\u0080-\\uFFFF]*(\\.[A-Za-z_\\u0080-\\uFFFF][A-Za-z0-9_\\u0080-\\uFFFF]*)?$"
            },
            "with": {
              "type": "object",
              "description": "The module's variables set on entry, from expressions read in this script.",
              "propertyNames": {"$ref": "#/definitions/name"},
              "additionalProperties": {"$ref": "#/definitions/expression"}
            }
            """#),
        Kind(name: "silentNode", required: [], properties: "", rules: #"""
            "anyOf": [{"required": ["when"]}, {"required": ["next"]}, {"required": ["set"]}]
            """#),
    ]

    static var nodeKinds: [(name: String, definition: String)] { kinds.map { ($0.name, $0.definition) } }

    /// Per type of question, as `check` has them: options only on (and
    /// required by) choice and multi, no `goto` on those of a multi; bounds only on number, integer and
    /// scale (both required by scale); a pattern only on text.
    static let askRules = #"""
        "allOf": [
          {
            "if": {"required": ["type"], "properties": {"type": {"enum": ["choice", "multi"]}}},
            "then": {"required": ["options"]},
            "else": {"not": {"required": ["options"]}}
          },
          {
            "if": {"required": ["type"], "properties": {"type": {"const": "multi"}}},
            "then": {"properties": {"options": {"additionalProperties": {"not": {"type": "object", "required": ["goto"]}}}}}
          },
          {
            "if": {"required": ["type"], "properties": {"type": {"const": "scale"}}},
            "then": {"required": ["min", "max"]}
          },
          {
            "if": {"required": ["type"], "properties": {"type": {"enum": ["number", "integer", "scale"]}}},
            "else": {"not": {"anyOf": [{"required": ["min"]}, {"required": ["max"]}]}}
          },
          {
            "if": {"anyOf": [{"not": {"required": ["type"]}}, {"properties": {"type": {"const": "text"}}}]},
            "else": {"not": {"required": ["pattern"]}}
          }
        ]
    """#
}
