/// The JSON Schema of the script language, version 1. Kept beside the
/// decoder's key lists; a test checks that both name the same keys.
enum ScriptSchema {
    static let json = #"""
    {
      "$schema": "http://json-schema.org/draft-07/schema#",
      "$id": "https://callguide.example/schema/script-1.json",
      "title": "callguide call script, language version 1",
      "type": "object",
      "required": ["callguide", "id", "nodes"],
      "additionalProperties": false,
      "patternProperties": {"^x-": {}},
      "properties": {
        "callguide": {"const": 1, "description": "The language version."},
        "id": {"$ref": "#/definitions/identifier", "description": "The script's identifier."},
        "version": {"type": ["integer", "string"], "description": "Recorded in every transcript."},
        "title": {"type": "string"},
        "language": {"type": "string", "description": "Default language of localized texts."},
        "start": {"$ref": "#/definitions/identifier", "description": "The first node; default: the first in nodes."},
        "variables": {
          "type": "object",
          "propertyNames": {"$ref": "#/definitions/identifier"},
          "additionalProperties": {
            "anyOf": [{"$ref": "#/definitions/scalar"}, {"type": "array", "items": {"$ref": "#/definitions/scalar"}}]
          }
        },
        "card": {"$ref": "#/definitions/cardFields"},
        "outcomes": {
          "type": "object",
          "propertyNames": {"$ref": "#/definitions/identifier"},
          "additionalProperties": {
            "type": "object",
            "additionalProperties": false,
            "properties": {"label": {"type": "string"}, "converted": {"type": "boolean"}}
          }
        },
        "handlers": {
          "type": "object",
          "propertyNames": {"$ref": "#/definitions/identifier"},
          "additionalProperties": {
            "type": "object",
            "required": ["start"],
            "additionalProperties": false,
            "properties": {"label": {"type": "string"}, "start": {"$ref": "#/definitions/identifier"}}
          }
        },
        "nodes": {
          "type": "object",
          "minProperties": 1,
          "propertyNames": {"$ref": "#/definitions/identifier"},
          "additionalProperties": {"$ref": "#/definitions/node"}
        }
      },
      "definitions": {
        "identifier": {"type": "string", "pattern": "^[\\p{L}_][\\p{L}\\p{N}_]*$"},
        "scalar": {"type": ["number", "string", "boolean", "null"]},
        "expression": {"type": ["string", "number", "boolean"], "description": "An expression (script language, section 3)."},
        "text": {
          "description": "A text, or a mapping language -> text. May contain {EXPR}.",
          "anyOf": [{"type": ["string", "number", "boolean"]}, {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean"]}}]
        },
        "target": {"type": "string", "pattern": "^(card\\.)?[\\p{L}_][\\p{L}\\p{N}_]*$"},
        "answerType": {"enum": ["text", "number", "integer", "yesno", "choice", "multi", "scale", "nps", "date", "phone", "email"]},
        "cardFields": {
          "type": "object",
          "propertyNames": {"$ref": "#/definitions/identifier"},
          "additionalProperties": {
            "anyOf": [
              {"enum": ["text", "number", "integer", "yesno", "choice", "date", "phone", "email"]},
              {
                "type": "object",
                "required": ["type"],
                "additionalProperties": false,
                "properties": {
                  "type": {"enum": ["text", "number", "integer", "yesno", "choice", "date", "phone", "email"]},
                  "options": {"type": "array", "items": {"$ref": "#/definitions/identifier"}}
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
        "node": {
          "type": "object",
          "patternProperties": {"^x-": {}},
          "additionalProperties": false,
          "properties": {
            "say": {"$ref": "#/definitions/text"},
            "ask": {"$ref": "#/definitions/text"},
            "offer": {"$ref": "#/definitions/text"},
            "end": {"$ref": "#/definitions/identifier", "description": "The outcome."},
            "return": {"const": true},
            "when": {"$ref": "#/definitions/expression"},
            "next": {"$ref": "#/definitions/next"},
            "set": {"type": "object", "propertyNames": {"$ref": "#/definitions/target"}, "additionalProperties": {"$ref": "#/definitions/expression"}},
            "hint": {"$ref": "#/definitions/text"},
            "tags": {"type": "array", "items": {"$ref": "#/definitions/identifier"}},
            "type": {"$ref": "#/definitions/answerType"},
            "options": {
              "anyOf": [
                {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/identifier"}},
                {
                  "type": "object",
                  "minProperties": 1,
                  "propertyNames": {"$ref": "#/definitions/identifier"},
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
            "min": {"type": "number"},
            "max": {"type": "number"},
            "pattern": {"type": "string", "format": "regex"},
            "message": {"$ref": "#/definitions/text"},
            "optional": {"type": "boolean"},
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
            "save": {"$ref": "#/definitions/target"},
            "item": {
              "type": "object",
              "properties": {"price": {"type": "number"}},
              "additionalProperties": {"anyOf": [{"$ref": "#/definitions/scalar"}, {"type": "array", "items": {"$ref": "#/definitions/scalar"}}]}
            }
          }
        }
      }
    }
    """#
}
