/// The worked example of multi-contact work (Docs/examples/proposal/,
/// written by `init` into a new workspace): an inbound call that books a
/// callback for a proposal (or hands a special case to the `senior`
/// group), and the follow-up script the callback runs, reading `last.*`.
/// A test keeps these texts equal to the files in Docs/.
enum ProposalExample {
    static let inbound = #"""
        callguide: 1
        id: inbound_proposal
        version: 1
        title: Inbound call that books a callback for a proposal
        language: en
        outcomes:
          proposal_sent: {label: "Proposal sent, callback booked", converted: false}
          transferred: {label: Passed to a senior colleague, converted: false}

        nodes:
          greeting:
            say: "Good afternoon, HomeTech business line, {call.operator} speaking."

          customer_name:
            ask: "May I have your name?"
            save: card.name

          needs:
            ask: "What do you need the equipment for?"
            type: choice
            options:
              office: Office cleaning
              warehouse: Warehouse floors
              special: {label: "Something special (a tender, a custom contract)", goto: escalate}

          budget:
            ask: "What budget do you have in mind?"
            type: number
            min: 0
            save: card.budget

          proposal_number:
            ask: "Proposal number (from the CRM)?"

          send_proposal:
            say: "I'll e-mail you proposal {proposal_number} today."
            task: {kind: todo, due: today(), note: "E-mail proposal {proposal_number}"}

          when_to_call:
            ask: "When shall we call you back to discuss the proposal?"
            type: datetime
            task:
              kind: callback
              due: answer
              to: call.operator
              script: proposal_follow_up
              note: "Proposal {proposal_number} sent {today()}"

          close:
            end: proposal_sent
            say: "Thank you, {customer_name}. Talk to you then!"

          escalate:
            end: transferred
            say: "I'm passing you to a senior colleague who handles special contracts."
            transfer: {group: senior, script: proposal_follow_up}
        """#

    static let followUp = #"""
        callguide: 1
        id: proposal_follow_up
        version: 1
        title: Calling back about a proposal
        language: en
        outcomes:
          agreed: {label: Agreed to start, converted: true}
          thinking: {label: Still thinking, converted: false}

        nodes:
          greeting:
            say: "Hello {card.name}, it's {call.operator} from HomeTech, about our proposal. ({task.note})"

          recall_budget:
            when: "last.budget != null"
            say: "Last time you mentioned a budget of {last.budget}."

          budget:
            when: "last.budget == null"
            ask: "What budget do you have in mind?"
            type: number
            min: 0
            save: card.budget

          read_it:
            ask: "Have you had a chance to read the proposal?"
            type: yesno

          decision:
            ask: "Shall we start?"
            type: yesno
            next:
              - if: decision
                goto: agreed
              - goto: call_again

          call_again:
            ask: "When shall I call you again?"
            type: datetime
            task: {due: answer, script: proposal_follow_up, note: "Still thinking (call {card.calls} + 1)"}

          thinking:
            end: thinking
            say: "Of course. Talk to you then."

          agreed:
            end: agreed
            say: "Wonderful, I'll send the contract today."
        """#
}
