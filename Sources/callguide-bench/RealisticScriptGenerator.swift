import CallGuide

/// Writes scripts the way a call centre's trainers write them, for the
/// load benchmark: most texts in Russian, Ukrainian and English (real
/// Cyrillic words), `<<: *defaults` merged into every question and offer,
/// text answers checked by patterns, handlers, and every answer type
/// (text, number, integer, yesno, choice, multi, scale, nps, date, phone,
/// email). The same text for the same size; it checks clean.
struct RealisticScriptGenerator {
    static let nodesPerBlock = 13
    /// Nodes outside the blocks: the NPS question, the close and the two
    /// handlers' flows.
    static let extraNodes = 7

    var seed: UInt64 = 7

    /// A script of about `nodes` nodes (whole blocks, at least one).
    func generate(nodes: Int) -> ScriptGenerator.Generated {
        var random = SeededRandom(seed: seed)
        let blocks = max(1, (nodes - Self.extraNodes + Self.nodesPerBlock - 1) / Self.nodesPerBlock)
        var out = """
            # A realistic script for callguide-bench (seed \(seed)): \(blocks) blocks of \(Self.nodesPerBlock) nodes.
            callguide: 1
            id: realistic_order
            version: 12
            title: "Входящий заказ — пылесосы"
            language: ru

            x-defaults:
              question: &defaults
                hint:
                  ru: "Дайте клиенту договорить, отметьте ключевые слова."
                  uk: "Дайте клієнтові договорити, позначте ключові слова."
                  en: "Let the customer finish; note the key words."
                tags: [discovery]
              offer: &offer_defaults
                optional: true
                tags: [upsell]

            variables:
              total: 0
              units: 1
              discount: 0
              steps: 0

            card:
              budget: number
              city: text

            outcomes:
              sale: {label: Продажа, converted: true}
              no_sale: {label: Без продажи, converted: false}

            handlers:
              price:
                label: "Клиент возражает по цене"
                start: h_price
              help:
                label: "Клиенту нужна помощь"
                start: h_help

            nodes:

            """
        out.reserveCapacity(blocks * 5_200)
        for block in 0..<blocks {
            out += Self.block(block, last: block == blocks - 1, random: &random)
        }
        out += """
              nps:
                <<: *defaults
                ask:
                  ru: "Последний вопрос: от 0 до 10, насколько вероятно, что вы порекомендуете нас друзьям?"
                  uk: "Останнє питання: від 0 до 10, наскільки ймовірно, що ви порекомендуєте нас друзям?"
                  en: "Last question: from 0 to 10, how likely are you to recommend us to friends?"
                type: nps
              close:
                end: sale
                say:
                  ru: "Спасибо за заказ! Сумма {total}, хорошего дня."
                  uk: "Дякуємо за замовлення! Сума {total}, гарного дня."
                  en: "Thank you for your order! The total is {total}; have a good day."
              h_price:
                say:
                  ru: "Понимаю. Давайте посмотрим, какую скидку я могу предложить."
                  uk: "Розумію. Погляньмо, яку знижку я можу запропонувати."
                  en: "I understand. Let me see what discount I can offer."
                set: {discount: "discount + 5"}
              h_price_done:
                say: {ru: "Скидка {discount}% уже в заказе.", uk: "Знижка {discount}% вже в замовленні.", en: "A {discount}% discount is in the order."}
              h_price_back:
                return: true
              h_help:
                say: {ru: "Объясню, как это работает.", uk: "Поясню, як це працює.", en: "Let me explain how it works."}
              h_help_back:
                return: true

            """
        return ScriptGenerator.Generated(
            yaml: out, nodeCount: blocks * Self.nodesPerBlock + Self.extraNodes, firstQuestion: "")
    }

    private static let greetings: [(ru: String, uk: String, en: String)] = [
        ("Добрый день! Меня зовут {call.operator}, магазин «ДомТехника». Чем могу помочь?",
         "Добрий день! Мене звати {call.operator}, магазин «ДімТехніка». Чим можу допомогти?",
         "Good afternoon! My name is {call.operator}, HomeTech store. How can I help?"),
        ("Спасибо, что подождали. Продолжим: сейчас сумма заказа {total}.",
         "Дякую, що зачекали. Продовжимо: зараз сума замовлення {total}.",
         "Thank you for waiting. Let us go on: the order total is {total} now."),
        ("Хорошо. Теперь несколько вопросов о заказе, шаг {steps}.",
         "Добре. Тепер кілька запитань про замовлення, крок {steps}.",
         "Right. Now a few questions about the order, step {steps}."),
    ]

    private static let reasons: [(key: String, ru: String, uk: String, en: String)] = [
        ("order", "Оформить заказ", "Оформити замовлення", "Place an order"),
        ("question", "Вопрос о товаре", "Питання про товар", "A question about a product"),
        ("delivery", "Узнать о доставке", "Дізнатися про доставку", "Ask about delivery"),
        ("complaint", "Жалоба", "Скарга", "A complaint"),
        ("callback", "Перезвонить позже", "Передзвонити пізніше", "Call back later"),
    ]

    private static func block(_ b: Int, last: Bool, random: inout SeededRandom) -> String {
        let n = { (k: Int) in "b\(b)_\(k)" }
        let greeting = greetings[b == 0 ? 0 : random.below(greetings.count)]
        let optionCount = 3 + random.below(3)
        var options = ""
        for index in 0..<optionCount {
            let reason = reasons[index]
            if index == 1 {
                options += "      \(reason.key):\n        label: {ru: \"\(reason.ru)\", uk: \"\(reason.uk)\", en: \"\(reason.en)\"}\n        goto: \(n(4))\n"
            } else {
                options += "      \(reason.key): {ru: \"\(reason.ru)\", uk: \"\(reason.uk)\", en: \"\(reason.en)\"}\n"
            }
        }
        let maximum = 1_000 + random.below(100_000)
        let next = last ? "nps" : "b\(b + 1)_0"
        return """
              \(n(0)):
                say:
                  ru: "\(greeting.ru)"
                  uk: "\(greeting.uk)"
                  en: "\(greeting.en)"
              \(n(1)):
                <<: *defaults
                ask:
                  ru: "Как к вам можно обращаться?"
                  uk: "Як до вас можна звертатися?"
                  en: "How may I address you?"
                pattern: '[\\p{L} .''-]{2,40}'
                message: {ru: "Только буквы, от 2 до 40.", uk: "Лише літери, від 2 до 40.", en: "Letters only, 2 to 40."}
              \(n(2)):
                <<: *defaults
                ask:
                  ru: "Чем я могу помочь, {\(n(1))}?"
                  uk: "Чим я можу допомогти, {\(n(1))}?"
                  en: "How can I help, {\(n(1))}?"
                type: choice
                options:
            \(options)  \(n(3)):
                <<: *defaults
                ask: {ru: "Что вы убираете чаще всего?", uk: "Що ви прибираєте найчастіше?", en: "What do you clean most?"}
                type: multi
                options:
                  carpets: {ru: Ковры, uk: Килими, en: Carpets}
                  floors: {ru: Полы, uk: Підлоги, en: Hard floors}
                  pets: {ru: Шерсть животных, uk: Шерсть тварин, en: Pet hair}
              \(n(4)):
                <<: *defaults
                ask:
                  ru: "На какой бюджет вы рассчитываете?"
                  uk: "На який бюджет ви розраховуєте?"
                  en: "What budget do you have in mind?"
                type: number
                min: 0
                max: \(maximum)
                save: card.budget
                validate:
                  - require: "answer >= 100"
                    message: {ru: "До 100 есть только ручные модели: скажите об этом.", uk: "До 100 є лише ручні моделі: скажіть про це.", en: "Below 100 we have only hand-held models: mention that."}
                    soft: true
              \(n(5)):
                <<: *defaults
                ask: {ru: "Сколько штук оформить?", uk: "Скільки штук оформити?", en: "How many units?"}
                type: integer
                min: 1
                max: 100
                save: units
              \(n(6)):
                <<: *defaults
                ask:
                  ru: "Оформляю заказ на сумму {\(n(4)) * units}, верно?"
                  uk: "Оформлюю замовлення на суму {\(n(4)) * units}, правильно?"
                  en: "I am placing the order for {\(n(4)) * units}, right?"
                type: yesno
                set: {total: "total + \(n(4)) * units"}
                next:
                  - if: "\(n(6)) and total > 100"
                    goto: \(n(7))
                  - goto: \(n(8))
              \(n(7)):
                <<: *offer_defaults
                offer:
                  ru: "Многие берут запасные фильтры: 12.90 вместо 15. Добавить?"
                  uk: "Багато хто бере запасні фільтри: 12.90 замість 15. Додати?"
                  en: "Most customers take spare filters: 12.90 instead of 15. Shall I add them?"
                item: {sku: "FLT-\(b)", price: 12.90}
              \(n(8)):
                <<: *defaults
                ask: {ru: "Какой день удобен для доставки?", uk: "Який день зручний для доставки?", en: "Which day suits you for delivery?"}
                type: date
                validate:
                  - require: "days_between(today(), answer) >= 1"
                    message: {ru: "Доставка возможна с завтрашнего дня.", uk: "Доставка можлива з завтрашнього дня.", en: "Delivery is possible from tomorrow on."}
              \(n(9)):
                <<: *defaults
                ask: {ru: "Какой номер телефона для курьера?", uk: "Який номер телефону для кур'єра?", en: "Which phone number should the courier call?"}
                type: phone
                save: card.phone
              \(n(10)):
                <<: *defaults
                ask: {ru: "Куда прислать чек?", uk: "Куди надіслати чек?", en: "Where shall we send the receipt?"}
                type: email
                optional: true
              \(n(11)):
                when: "total >= 0 and units >= 1"
                set: {steps: "steps + 1"}
              \(n(12)):
                <<: *defaults
                ask: {ru: "Оцените разговор от 1 до 5.", uk: "Оцініть розмову від 1 до 5.", en: "Rate this call from 1 to 5."}
                type: scale
                min: 1
                max: 5
                next: \(next)

            """
    }
}
