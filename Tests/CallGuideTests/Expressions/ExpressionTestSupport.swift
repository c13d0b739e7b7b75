import Foundation
@testable import CallGuide

/// A call with fixed values, for evaluating expressions in tests.
struct TestContext: EvaluationContext {
    var values: [QualifiedName: Value] = [:]
    var answered: Set<String> = []
    var today = "2024-03-15"

    func value(of name: QualifiedName) -> Value { values[name] ?? .null }
    func isAnswered(_ node: String) -> Bool { answered.contains(node) }
}

/// A small script's names: questions `budget` (number), `plan` (choice),
/// `extras` (multi), `age` (integer), `email` (text), `birthday` (date),
/// `agree` (yesno); variable `discount` (number); card `name`, `status`.
struct TestEnvironment: TypeEnvironment {
    var types: [QualifiedName: ValueType] = [
        .plain("budget"): .number,
        .plain("plan"): .choice(node: "plan", keys: ["basic", "premium", "pro"]),
        .plain("extras"): .list(.choice(node: "extras", keys: ["sms", "tv", "cloud"])),
        .plain("age"): .integer,
        .plain("email"): .string,
        .plain("birthday"): .date,
        .plain("agree"): .bool,
        .plain("discount"): .number,
        .card("name"): .string,
        .card("status"): .string,
        .call("operator"): .string,
        .call("started"): .string,
    ]
    var questions: Set<String> = ["budget", "plan", "extras", "age", "email", "birthday", "agree"]
    var answerType: ValueType?

    func type(of name: QualifiedName) -> ValueType? {
        if name == .answer { return answerType }
        return types[name]
    }

    func isQuestion(_ name: String) -> Bool { questions.contains(name) }

    func candidates(for name: QualifiedName) -> [String] {
        switch name {
        case .plain: return types.keys.compactMap { if case .plain(let n) = $0 { return n } else { return nil } }.sorted()
        case .card: return ["name", "status", "phone"]
        case .call: return QualifiedName.callFields
        case .answer: return []
        case .last, .task: return []
        }
    }
}

func decimal(_ text: String) -> Decimal {
    Decimal(plainText: text) ?? .nan
}

func number(_ text: String) -> Value {
    .number(decimal(text))
}

func evaluate(_ source: String, _ context: TestContext = TestContext()) throws -> Value {
    try ExpressionParser.parse(source).evaluate(in: context)
}

func syntaxError(_ source: String) -> ExpressionSyntaxError? {
    do {
        _ = try ExpressionParser.parse(source)
        return nil
    } catch {
        return error
    }
}

func evaluationError(_ source: String, _ context: TestContext = TestContext()) -> EvaluationError? {
    do {
        _ = try ExpressionParser.parse(source).evaluate(in: context)
        return nil
    } catch let error as EvaluationError {
        return error
    } catch {
        return nil
    }
}
