"""Texts shared by every page: the frame, lesson names, optimizer names, controls and chart labels."""

TEXT = {
    # What every lesson page has (ui/course.py)
    "course.experiments_title": {"en": "Experiments from the lesson", "ru": "Опыты из урока"},
    "course.experiments_intro": {
        "en": "Each link sets every control to reproduce one figure or claim of the lesson.",
        "ru": "Каждая ссылка выставляет все настройки так, чтобы повторить рисунок или утверждение урока.",
    },
    "course.lesson_says": {"en": "The lesson says:", "ru": "В уроке сказано:"},
    "course.measured_here": {"en": "Measured here:", "ru": "Измерено здесь:"},
    # Frame
    "frame.about_title": {"en": "About", "ru": "О проекте"},
    "frame.about_body": {
        "en": "An open-source companion to a deep-learning course: every claim of a lesson is something "
        "you can change and watch happen. All maths runs live in NumPy on the server this page comes from; nothing is sent anywhere else.",
        "ru": "Приложение с открытым исходным кодом к курсу глубокого обучения: каждое утверждение урока можно "
        "проверить самому — поменять настройку и увидеть, что произойдёт. Все вычисления идут на лету в NumPy "
        "на сервере, с которого открыта эта страница; больше никуда ничего не отправляется.",
    },
    # Lessons, in the course's order
    "lesson.activations.title": {"en": "Activation functions", "ru": "Функции активации"},
    "lesson.activations.line": {
        "en": "Sigmoid, tanh, ReLU and their relatives: saturation, dead units, zero-centring, cost.",
        "ru": "Сигмоида, tanh, ReLU и родственные им функции: насыщение, «мёртвые» нейроны, центрирование, стоимость вычисления.",
    },
    "lesson.initialization.title": {"en": "Weight initialization", "ru": "Инициализация весов"},
    "lesson.initialization.line": {
        "en": "Why not zeros, and how Xavier and He keep the variance steady through deep stacks.",
        "ru": "Почему не нулями и как инициализации Xavier и Хе сохраняют дисперсию от слоя к слою.",
    },
    "lesson.feature_scaling.title": {"en": "Feature scaling", "ru": "Масштаб признаков"},
    "lesson.feature_scaling.line": {
        "en": "How the scale of one feature stretches the loss surface and makes gradient descent zig-zag.",
        "ru": "Как масштаб одного признака вытягивает поверхность функции потерь и заставляет градиентный спуск "
        "метаться.",
    },
    "lesson.batch_norm.title": {"en": "Batch normalization", "ru": "Батч-нормализация"},
    "lesson.batch_norm.line": {
        "en": "Normalising each unit over the batch, running averages, and the learned γ and β.",
        "ru": "Нормировка выходов нейронов по батчу, скользящие средние и обучаемые γ и β.",
    },
    "lesson.dropout.title": {"en": "Dropout", "ru": "Dropout"},
    "lesson.dropout.line": {
        "en": "Switching units off at random while training, and what it does to overfitting.",
        "ru": "Случайное отключение нейронов при обучении и его влияние на переобучение.",
    },
    "lesson.learning_rate.title": {"en": "Learning rate", "ru": "Скорость обучения"},
    "lesson.learning_rate.line": {
        "en": "Too small, not large enough, good, too large; and schedules that lower it over time.",
        "ru": "Слишком маленькая, недостаточная, хорошая и слишком большая скорость обучения; расписания, "
        "которые снижают её со временем.",
    },
    "lesson.sgd.title": {"en": "SGD and adaptive steps", "ru": "SGD и адаптивный шаг"},
    "lesson.sgd.line": {
        "en": "Minibatch noise, escaping local minima, Momentum and RMSProp.",
        "ru": "Шум мини-батчей, выход из локальных минимумов, Momentum и RMSProp.",
    },
    "lesson.adam.title": {"en": "Adam", "ru": "Adam"},
    "lesson.adam.line": {
        "en": "Momentum plus an adaptive step: why Adam copes with narrow valleys.",
        "ru": "Инерция плюс адаптивный шаг: почему Adam справляется с узкими долинами.",
    },
    "lesson.backprop.title": {
        "en": "Backpropagation as matrix operations",
        "ru": "Обратное распространение ошибки в матричном виде",
    },
    "lesson.backprop.line": {
        "en": "Forward and backward passes of a layer as matrix products, and why BLAS makes them fast.",
        "ru": "Прямой и обратный проход слоя как произведения матриц — и почему BLAS их ускоряет.",
    },
    # Optimizers. Their names are the same in both languages on purpose: a choice bound to the URL
    # is written there as its label, so a shared link must not depend on the language.
    "optimizer.gd": {"en": "GD", "ru": "GD"},
    "optimizer.momentum": {"en": "Momentum", "ru": "Momentum"},
    "optimizer.nesterov": {"en": "Nesterov", "ru": "Nesterov"},
    "optimizer.adagrad": {"en": "AdaGrad", "ru": "AdaGrad"},
    "optimizer.rmsprop": {"en": "RMSProp", "ru": "RMSProp"},
    "optimizer.adam": {"en": "Adam", "ru": "Adam"},
    "optimizer.adamw": {"en": "AdamW", "ru": "AdamW"},
    # Controls
    "control.header": {"en": "Controls", "ru": "Настройки"},
    "control.link_value": {
        "en": "The link asks {name} = {given}, which this page does not offer: it shows {used}.",
        "ru": "Ссылка задаёт {name} = {given}, такого значения на странице нет: показано {used}.",
    },
    "control.optimizer": {"en": "Optimizer", "ru": "Оптимизатор"},
    "control.lr": {"en": "Learning rate η", "ru": "Скорость обучения η"},
    "control.steps": {"en": "Steps", "ru": "Число шагов"},
    "control.seed": {"en": "Random seed", "ru": "Зерно генератора"},
    "control.hyperparameters": {"en": "{optimizer}: hyperparameters", "ru": "{optimizer}: гиперпараметры"},
    "hyper.momentum": {"en": "Momentum μ", "ru": "Коэффициент инерции μ"},
    "hyper.beta1": {"en": "β₁ (first moment)", "ru": "β₁ (первый момент)"},
    "hyper.beta2": {"en": "β₂ (second moment)", "ru": "β₂ (второй момент)"},
    "hyper.alpha": {"en": "α (smoothing of g²)", "ru": "α (сглаживание g²)"},
    "hyper.eps": {"en": "ε", "ru": "ε"},
    "hyper.weight_decay": {"en": "L2 regularization (weight decay) δ", "ru": "L2-регуляризация (weight decay) δ"},
    # Charts
    "chart.loss_above_min": {"en": "L − L* (log scale)", "ru": "L − L* (лог. шкала)"},
    "chart.step": {"en": "Step", "ru": "Шаг"},
    "chart.minimum": {"en": "Minimum", "ru": "Минимум"},
    "chart.play": {"en": "Play", "ru": "Пуск"},
    "chart.pause": {"en": "Pause", "ru": "Пауза"},
    "chart.live": {
        "en": "step {step}: L = {loss:.4g}, ∂L/∂w₁ = {grad1:.3g}, ∂L/∂w₂ = {grad2:.3g}",
        "ru": "шаг {step}: L = {loss:.4g}; ∂L/∂w₁ = {grad1:.3g}; ∂L/∂w₂ = {grad2:.3g}",
    },
    "chart.diverged": {"en": "diverged at step {step}", "ru": "расходимость на шаге {step}"},
    "chart.coming": {"en": "coming", "ru": "скоро"},
}
