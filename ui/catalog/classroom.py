"""Texts of the classroom tools every page has: presenter mode, predict then reveal, reset."""

TEXT = {
    "classroom.present": {"en": "Presenter mode", "ru": "Режим презентации"},
    "classroom.present_help": {
        "en": "For a projector: fonts grow, long explanations fold, charts fill the screen, and the sidebar beside "
        "them shows only the controls of the section on the screen (fold it away for a chart the full width). The "
        "address keeps it (?present=1), so a link opens the page ready to show.",
        "ru": "Для проектора: шрифт крупнее, длинные пояснения свёрнуты, графики во весь экран, а боковая панель рядом "
        "с ними показывает только настройки раздела, который сейчас на экране (её можно свернуть, чтобы график занял "
        "всю ширину). Режим сохраняется в адресе (?present=1): ссылка сразу открывает страницу для показа.",
    },
    "classroom.explanation": {"en": "Explanation", "ru": "Пояснение"},
    "classroom.reset": {"en": "Reset to the lesson's defaults", "ru": "Вернуть настройки урока"},
    "classroom.reset_help": {
        "en": "Every control of this page goes back to the value the lesson starts with.",
        "ru": "Все настройки этой страницы возвращаются к значениям, с которых начинается урок.",
    },
    "classroom.predict": {"en": "Predict first, then reveal", "ru": "Сначала предсказать, потом проверить"},
    "classroom.predict_help": {
        "en": "Hides the outcome until you have chosen a prediction: think before you watch.",
        "ru": "Скрывает результат, пока не выбрано предсказание: сначала подумать, потом смотреть.",
    },
    "classroom.reveal": {"en": "Reveal", "ru": "Показать результат"},
    "classroom.hidden": {
        "en": "The outcome is hidden until you choose a prediction and tick “Reveal”.",
        "ru": "Результат скрыт, пока вы не выберете предсказание и не отметите «Показать результат».",
    },
    "classroom.right": {"en": "Your prediction was right.", "ru": "Предсказание верное."},
    "classroom.wrong": {"en": "Not this time: the answer is {answer}.", "ru": "На этот раз нет: правильный ответ — {answer}."},
}
