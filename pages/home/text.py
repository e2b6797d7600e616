"""Texts of the home page."""

TEXT = {
    "home.menu": {"en": "Overview", "ru": "Обзор"},
    "home.title": {"en": "Optimizer Lab: watch neural networks learn", "ru": "Лаборатория оптимизаторов: как учатся нейросети"},
    "home.intro": {
        "en": "Training a neural network is a walk downhill on a loss surface. This app lets you take that "
        "walk yourself. Change the learning rate or the scale of a feature and watch gradient descent "
        "zig-zag, diverge or glide to the minimum. Compare optimizers on the same surface, and see where "
        "activations saturate. Every chart is computed live from the maths as you move a control; nothing is "
        "drawn in advance.",
        "ru": "Обучение нейросети — это спуск по поверхности функции потерь. Здесь по ней можно "
        "спуститься самому. Поменяйте скорость обучения или масштаб признака и посмотрите, как "
        "градиентный спуск мечется, расходится или плавно приходит в минимум. Сравните оптимизаторы "
        "на одной поверхности и найдите, где насыщаются функции активации. Каждый график "
        "пересчитывается при каждом движении ползунка: ничего не нарисовано заранее.",
    },
    "home.how_title": {"en": "How to use it", "ru": "Как пользоваться"},
    "home.how": {
        "en": "- Controls are in the sidebar; every chart follows them at once.\n"
        "- Press **Play** under an animated chart to replay the descent step by step.\n"
        "- The address bar always holds the current settings: copy it to share an exact experiment "
        "with a class.\n"
        "- Switch between English and Russian at the top of the sidebar.",
        "ru": "- Настройки — на боковой панели; графики перестраиваются сразу.\n"
        "- Кнопка **Пуск** под анимированным графиком проигрывает спуск шаг за шагом.\n"
        "- В адресной строке всегда записаны текущие настройки: скопируйте ссылку, чтобы показать группе "
        "тот же эксперимент.\n"
        "- Язык переключается в верхней части боковой панели.",
    },
    "home.map_title": {"en": "The lessons", "ru": "Уроки"},
    "home.open": {"en": "Open the lab", "ru": "Открыть урок"},
    "home.map_intro": {
        "en": "In the order of the course.",
        "ru": "В порядке курса.",
    },
}
