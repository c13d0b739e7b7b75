/// Decodes a node's `task:` and an `end` node's `transfer:` (workflow,
/// sections 2.1 and 2.2). Kept apart from `NodeDecoder`: it is a key of
/// its own with a shape of its own.
enum TaskDecoding {
    static let taskKeys = ["kind", "due", "to", "group", "script", "note"]
    static let transferKeys = ["group", "script"]

    static func decodeTask(_ node: YAMLNode, nodeID: String, context: inout DecodingContext) -> TaskSpec? {
        guard let pairs = context.mapping(node, "'task'") else { return nil }
        context.checkKeys(pairs, allowed: taskKeys, in: "the task of '\(nodeID)'")
        var task = TaskSpec(location: node.start)
        if let kindNode = node["kind"], let name = context.text(kindNode, "the task's kind") {
            if let kind = TaskKind(rawValue: name) {
                task.kind = kind
            } else {
                context.report(.E002, "unknown task kind '\(name)'; a task is a callback, a transfer or a todo", at: kindNode.start,
                               hint: Suggestions.hint(for: name, among: TaskKind.allCases.map(\.rawValue)))
            }
        }
        if let dueNode = node["due"] {
            task.due = context.expression(dueNode, "the task's 'due'")
        } else {
            context.report(.E002, "the task of '\(nodeID)' has no 'due': say when it is due, e.g. due: add_days(today(), 1) or due: answer", at: node.start)
        }
        let toNode = node["to"], groupNode = node["group"]
        if let toNode { task.to = context.expression(toNode, "the task's 'to'") }
        if let groupNode {
            task.group = context.identifier(groupNode, "group name")
            task.groupLocation = groupNode.start
            if toNode != nil {
                context.report(.E002, "the task of '\(nodeID)' has both 'to' and 'group': give one of them", at: groupNode.start)
            }
        }
        if let scriptNode = node["script"] {
            task.script = context.identifier(scriptNode, "script id")
            task.scriptLocation = scriptNode.start
        }
        if let noteNode = node["note"] { task.note = context.localizedText(noteNode, "the task's note") }
        return task
    }

    static func decodeTransfer(_ node: YAMLNode, context: inout DecodingContext) -> TransferSpec? {
        if node.scalarIndex != nil {
            guard let group = context.identifier(node, "group name") else { return nil }
            return TransferSpec(group: group, groupLocation: node.start)
        }
        guard let pairs = context.mapping(node, "'transfer' (a group name, or {group, script})") else { return nil }
        context.checkKeys(pairs, allowed: transferKeys, in: "'transfer'")
        guard let groupNode = node["group"] else {
            context.report(.E002, "'transfer' needs 'group': the group of operators the call is handed to", at: node.start)
            return nil
        }
        guard let group = context.identifier(groupNode, "group name") else { return nil }
        var transfer = TransferSpec(group: group, groupLocation: groupNode.start)
        if let scriptNode = node["script"] {
            transfer.script = context.identifier(scriptNode, "script id")
            transfer.scriptLocation = scriptNode.start
        }
        return transfer
    }
}
