"""Texts of the live class: start, join, follow, the class's answers, and what goes wrong."""

TEXT = {
    "class.title": {"en": "Live class", "ru": "Совместное занятие"},
    "class.start": {"en": "Start a class", "ru": "Начать занятие"},
    "class.start_help": {
        "en": "Students join with a short code, a link or a QR code; their screens then follow your page and "
        "settings, and their predictions come to you as a live chart.",
        "ru": "Студенты подключаются по короткому коду, ссылке или QR-коду. После этого их экраны следуют за вашей "
        "страницей и настройками, а их предсказания собираются у вас в диаграмму, которая обновляется на глазах.",
    },
    "class.code": {"en": "Class code", "ru": "Код занятия"},
    "class.join": {"en": "Join", "ru": "Присоединиться"},
    "class.running": {
        "en": "Class **{code}** is running. Students join with this code or this link:",
        "ru": "Идёт занятие **{code}**. Студенты подключаются по этому коду или по ссылке:",
    },
    "class.running_short": {"en": "Class {code}", "ru": "Занятие {code}"},
    "class.show_qr": {"en": "Show the QR code", "ru": "Показать QR-код"},
    "class.join_at": {"en": "Join the class:", "ru": "Подключиться к занятию:"},
    "class.qr_alt": {"en": "QR code of the link {link}", "ru": "QR-код ссылки {link}"},
    "class.end": {"en": "End the class", "ru": "Завершить занятие"},
    "class.ended": {
        "en": "The teacher has ended the class. The page is yours now.",
        "ru": "Преподаватель завершил занятие. Теперь страница в вашем распоряжении.",
    },
    "class.following": {
        "en": "Your screen follows the teacher (class {code}).",
        "ru": "Ваш экран следует за преподавателем (занятие {code}).",
    },
    "class.explore": {"en": "Explore on my own", "ru": "Исследовать самостоятельно"},
    "class.exploring": {
        "en": "You are exploring on your own; the class goes on without you (code {code}).",
        "ru": "Вы исследуете самостоятельно, а занятие идёт без вас (код {code}).",
    },
    "class.rejoin": {"en": "Follow the teacher again", "ru": "Снова следовать за преподавателем"},
    "class.leave": {"en": "Leave the class", "ru": "Покинуть занятие"},
    "class.unknown": {
        "en": "There is no class with the code “{code}”: it may have ended, or a character is mistyped. The page "
        "works on its own.",
        "ru": "Занятия с кодом «{code}» нет: возможно, оно завершилось или в коде опечатка. Страница работает "
        "самостоятельно.",
    },
    "class.too_many": {
        "en": "Too many wrong codes in the last minute. Wait a minute and try again.",
        "ru": "За последнюю минуту введено слишком много неверных кодов. Подождите минуту и попробуйте снова.",
    },
    "class.wrong_token": {
        "en": "This teacher link is not valid for the class: you have joined it as a student.",
        "ru": "Эта ссылка преподавателя недействительна для занятия: вы подключились как студент.",
    },
    "class.store_down": {
        "en": "The class cannot be reached just now: you are working on your own. Following resumes by itself.",
        "ru": "Связи с занятием сейчас нет: вы работаете самостоятельно. Следование возобновится само.",
    },
    "class.store_down_teacher": {
        "en": "Your class cannot be reached just now: the students work on their own until it returns.",
        "ru": "Связи с занятием сейчас нет: пока она не восстановится, студенты работают самостоятельно.",
    },
    "class.reveal_all": {"en": "Reveal for everyone", "ru": "Открыть результат для всех"},
    "class.revealed": {"en": "Revealed: the answer is {answer}.", "ru": "Результат открыт: правильный ответ — {answer}."},
    "class.wait_reveal": {
        "en": "Your answer goes to the class. The teacher reveals the outcome for everyone.",
        "ru": "Ваш ответ уходит преподавателю. Результат он откроет для всех сразу.",
    },
    "class.answered": {"en": "Answers so far: {count}", "ru": "Ответов пока: {count}"},
    "class.answers_axis": {"en": "students", "ru": "студентов"},
}
