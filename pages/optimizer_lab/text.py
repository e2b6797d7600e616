"""Texts of the optimizer lab (lessons 6, 7 and 8: learning rate, SGD, Momentum, RMSProp, Adam)."""

TEXT = {
    "optimizer_lab.menu": {"en": "Optimizer lab", "ru": "Лаборатория оптимизаторов"},
    "optimizer_lab.title": {"en": "Optimizer lab", "ru": "Лаборатория оптимизаторов"},
    "optimizer_lab.intro": {
        "en": "Pick a loss surface, pick optimizers, and race them: every one starts at the same point and gets the "
        "same number of steps. Press Play to watch them move, or click on the surface to start somewhere else. "
        "The other sections hold the lessons on the learning rate, on stochastic gradients and on where each "
        "method is stable. Every setting is in the page's address, so a copied link brings back exactly this race.",
        "ru": "Выберите поверхность функции потерь и оптимизаторы — и устройте гонку: все стартуют из одной точки "
        "и делают одинаковое число шагов. Нажмите «Пуск», чтобы увидеть движение, или щёлкните по поверхности, "
        "чтобы начать в другом месте. В других разделах — уроки о скорости обучения, о стохастическом "
        "градиентном спуске и о том, где каждый метод устойчив. Все настройки хранятся в адресе страницы: "
        "скопированная ссылка воспроизводит именно эту гонку.",
    },
    "optimizer_lab.section": {"en": "Section", "ru": "Раздел"},
    # Sections. Their labels are the same in every language: a bound choice is written to the URL as its label.
    "optimizer_lab.section.race": {"en": "The race: GD · Momentum · RMSProp · Adam", "ru": "Гонка: GD · Momentum · RMSProp · Adam"},
    "optimizer_lab.section.learning_rate": {"en": "Learning rate", "ru": "Скорость обучения"},
    "optimizer_lab.section.sgd": {"en": "Stochastic descent (SGD)", "ru": "Стохастический спуск (SGD)"},
    "optimizer_lab.section.map": {"en": "Stability map", "ru": "Карта устойчивости"},
    # Surfaces: names of mathematicians or formulas, the same in every language (they go into the URL).
    "optimizer_lab.surface.beale": {"en": "Beale function", "ru": "Функция Била"},
    "optimizer_lab.surface.quadratic": {"en": "Quadratic bowl ½wᵀHw", "ru": "Квадратичная чаша ½wᵀHw"},
    "optimizer_lab.surface.regression": {"en": "MSE of the course regression", "ru": "MSE регрессии из курса"},
    "optimizer_lab.surface.rosenbrock": {"en": "Rosenbrock function", "ru": "Функция Розенброка"},
    "optimizer_lab.surface.himmelblau": {"en": "Himmelblau function", "ru": "Функция Химмельблау"},
    "optimizer_lab.surface.saddle": {"en": "Saddle w₁² + ¼w₂⁴ − ½w₂²", "ru": "Седло w₁² + ¼w₂⁴ − ½w₂²"},
    "optimizer_lab.surface.styblinski_tang": {"en": "Styblinski–Tang function (local minima)", "ru": "Функция Стыблинского–Танга (локальные минимумы)"},
    "optimizer_lab.about.beale": {
        "en": "Beale's function: flat plateaus and steep walls, one minimum at (3, 0.5) at the end of a curved valley.",
        "ru": "Функция Била: плоские плато и крутые стены, единственный минимум (3; 0,5) в конце изогнутой долины.",
    },
    "optimizer_lab.about.quadratic": {
        "en": "An ill-conditioned bowl: curvature 1 along one axis and κ along the other, turned by an angle. Its "
        "Hessian is constant, so the stability limits of the theory hold exactly here.",
        "ru": "Плохо обусловленная чаша: кривизна 1 вдоль одной оси и κ вдоль другой, оси повёрнуты на угол. "
        "Гессиан постоянен, поэтому пределы устойчивости из теории здесь выполняются точно.",
    },
    "optimizer_lab.about.regression": {
        "en": "The mean squared error of the linear regression from the feature-scaling lesson. Make feature x₁ "
        "larger and the bowl turns into a narrow valley.",
        "ru": "Среднеквадратичная ошибка линейной регрессии из урока о масштабе признаков. Увеличьте масштаб "
        "признака x₁ — и чаша превратится в узкую долину.",
    },
    "optimizer_lab.about.rosenbrock": {
        "en": "Rosenbrock's banana: finding the curved valley is easy, following its almost flat floor to the "
        "minimum at (1, 1) is hard.",
        "ru": "«Банан» Розенброка: найти изогнутую долину легко, а пройти по её почти плоскому дну до минимума "
        "(1; 1) трудно.",
    },
    "optimizer_lab.about.himmelblau": {
        "en": "Himmelblau's function: four minima of the same height. Which one a run reaches depends on where "
        "it starts and how it moves.",
        "ru": "Функция Химмельблау: четыре минимума одной высоты. В какой из них придёт спуск, зависит от "
        "начальной точки и от оптимизатора.",
    },
    "optimizer_lab.about.saddle": {
        "en": "A saddle point at the origin between two minima at (0, ±1). Started on the ridge, plain gradient "
        "descent stalls where the gradient almost vanishes.",
        "ru": "Седловая точка в начале координат между двумя минимумами (0; ±1). Стартовав на гребне, обычный "
        "градиентный спуск застревает там, где градиент почти исчезает.",
    },
    "optimizer_lab.about.styblinski_tang": {
        "en": "Styblinski–Tang: four minima, only one of them global (bottom left). A local minimum catches "
        "whatever falls into its basin.",
        "ru": "Функция Стыблинского–Танга: четыре минимума, глобальный только один (слева внизу). Локальный "
        "минимум удерживает всё, что попало в его чашу.",
    },
    # Sidebar
    "optimizer_lab.rates": {"en": "Learning rates of the race", "ru": "Скорости обучения в гонке"},
    "optimizer_lab.rates_help": {
        "en": "A race compares optimizers only if their rates are chosen alike. Best on this surface: each optimizer at the rate that gets it close to the minimum soonest, found by trying many. One for all: the same rate for every optimizer. By hand: your own rates, one per optimizer.",
        "ru": "Гонка сравнивает оптимизаторы, только если их скорости обучения выбраны одинаковым способом. Лучшая на этой поверхности: у каждого оптимизатора та скорость обучения, с которой он быстрее всех подходит к минимуму, — её находит перебор. Одна для всех: у всех оптимизаторов одна скорость обучения. Вручную: своя скорость обучения для каждого.",
    },
    "optimizer_lab.rates.best": {"en": "best on this surface", "ru": "лучшая на этой поверхности"},
    "optimizer_lab.rates.same": {"en": "one for all", "ru": "одна для всех"},
    "optimizer_lab.rates.own": {"en": "by hand", "ru": "вручную"},
    "optimizer_lab.same_lr": {"en": "Learning rate η of every optimizer", "ru": "Скорость обучения η всех оптимизаторов"},
    "optimizer_lab.rates_said.best": {
        "en": "A fair race: each optimizer runs at its best rate on this surface, the one of {tried} tried ({low} to {high}) that gets within {tolerance} of the minimum soonest: {rates}.",
        "ru": "Честная гонка: каждый оптимизатор идёт со своей лучшей скоростью обучения на этой поверхности — той из {tried} {tried:plural:опробованной|опробованных|опробованных} (от {low} до {high}), с которой он быстрее всех подходит к минимуму ближе чем на {tolerance}: {rates}.",
    },
    "optimizer_lab.rates_said.same": {
        "en": "Every optimizer at the same rate: {rates}. One rate suits some optimizers better than others; choose best on this surface for a fair race.",
        "ru": "У всех оптимизаторов одна скорость обучения: {rates}. Одна и та же скорость обучения одним оптимизаторам подходит лучше, чем другим; для честной гонки выберите лучшую на этой поверхности.",
    },
    "optimizer_lab.rates_said.own": {
        "en": "Rates set by hand: {rates}. The race then compares your choices as much as the optimizers.",
        "ru": "Скорости обучения заданы вручную: {rates}. Тогда гонка сравнивает ваш выбор не меньше, чем сами оптимизаторы.",
    },
    "optimizer_lab.surface": {"en": "Loss surface", "ru": "Поверхность функции потерь"},
    "optimizer_lab.kappa": {"en": "Condition number κ", "ru": "Число обусловленности κ"},
    "optimizer_lab.kappa_help": {
        "en": "The ratio of the largest to the smallest curvature: the larger, the narrower the valley.",
        "ru": "Отношение наибольшей кривизны к наименьшей: чем больше, тем у́же долина.",
    },
    "optimizer_lab.angle": {"en": "Valley angle, °", "ru": "Угол долины, °"},
    "optimizer_lab.angle_help": {
        "en": "At 0° the valley follows the axes; turned, the two weights no longer separate, which takes away "
        "part of the advantage of per-coordinate steps (RMSProp, Adam).",
        "ru": "При 0° долина идёт вдоль осей; при повороте оси долины уже не совпадают с осями весов, и покоординатный шаг "
        "(RMSProp, Adam) теряет часть своего преимущества.",
    },
    "optimizer_lab.x_scale": {"en": "Scale s of feature x₁", "ru": "Масштаб s признака x₁"},
    "optimizer_lab.noise": {"en": "Noise σ in the data", "ru": "Шум σ в данных"},
    "optimizer_lab.data_seed": {"en": "Data seed", "ru": "Зерно данных"},
    "optimizer_lab.data": {"en": "Regression data", "ru": "Данные регрессии"},
    "optimizer_lab.start": {"en": "Start point", "ru": "Начальная точка"},
    "optimizer_lab.start_help": {
        "en": "Or click anywhere on the surface in the race chart.",
        "ru": "Или щёлкните в любом месте поверхности на графике гонки.",
    },
    "optimizer_lab.steps": {"en": "Steps (the same for every optimizer)", "ru": "Число шагов (одно для всех)"},
    "optimizer_lab.optimizers": {"en": "Optimizers in the race", "ru": "Оптимизаторы в гонке"},
    "optimizer_lab.no_optimizer": {
        "en": "Pick at least one optimizer in the sidebar to start a race.",
        "ru": "Выберите на боковой панели хотя бы один оптимизатор, чтобы начать гонку.",
    },
    "optimizer_lab.seed": {"en": "Noise seed", "ru": "Зерно шума"},
    "optimizer_lab.seed_help": {
        "en": "Draws the minibatches and the gradient noise of the learning-rate and SGD sections.",
        "ru": "Задаёт мини-батчи и шум градиента в разделах «Скорость обучения» и «Стохастический спуск (SGD)».",
    },
    # Race
    "optimizer_lab.race_title": {"en": "The race", "ru": "Гонка"},
    "optimizer_lab.race_caption": {
        "en": "Left: the surface, shaded by log₁₀(L − L*) (lighter is lower), stars at the known minima, and "
        "every optimizer's path. Right: how far each loss is above the minimum, on a log scale, with a dot "
        "riding along each curve. Play runs all paths together (▶ 0.25× and ▶ 0.5× in slow motion, ▶ 2× fast; "
        "a speed can be changed while playing); ✕ marks a run that diverged. "
        "The arrows break down one update of the optimizer chosen under “Inside the optimizer”: they start "
        "from the point before it, move with the race and stay where it stops. "
        "All arrows share one scale. −η∇L is the step plain gradient descent would take, −ημb is what Momentum "
        "adds from past gradients (its step is the sum of these two), and Δθ is the step taken. "
        "For Adam, −ηm̂ is η times the averaged gradient (the current one included), which Adam then divides "
        "coordinate by coordinate by √v̂ + ε. Compare the lengths of Δθ and −η∇L.",
        "ru": "Слева: поверхность в оттенках log₁₀(L − L*) (светлее — ниже), звёзды в известных минимумах и "
        "пути всех оптимизаторов. Справа: на сколько ошибка каждого оптимизатора выше минимума, в "
        "логарифмической шкале; по каждой кривой движется точка. «Пуск» проигрывает все пути вместе "
        "(▶ 0,25× и ▶ 0,5× — замедленно, ▶ 2× — быстрее; темп можно менять прямо во время показа); "
        "✕ отмечает расходимость. "
        "Стрелки показывают, из чего складывается шаг оптимизатора, выбранного в разделе «Внутри оптимизатора»: "
        "они выходят из точки перед этим шагом, движутся вместе с показом и остаются там, где он остановился. "
        "Масштаб у всех стрелок один: −η∇L — шаг обычного градиентного спуска, −ημb — добавка Momentum от "
        "прошлых градиентов (шаг Momentum — сумма этих двух стрелок), Δθ — сделанный шаг. "
        "У Adam стрелка −ηm̂ — это усреднённый градиент (вместе с текущим), умноженный на η; затем Adam делит "
        "его по каждой координате на √v̂ + ε. Сравните длины Δθ и −η∇L.",
    },
    "optimizer_lab.click": {"en": "click: start here", "ru": "щелчок: старт здесь"},
    "optimizer_lab.all_diverged": {
        "en": "**Every optimizer diverged.** The learning rates are too large for this surface: lower them in "
        "the sidebar (the stability map shows where each method is stable).",
        "ru": "**Все оптимизаторы разошлись.** Скорости обучения слишком велики для этой поверхности: уменьшите их "
        "на боковой панели (раздел «Карта устойчивости» показывает, где каждый метод устойчив).",
    },
    "optimizer_lab.some_diverged": {"en": "Diverged: {names}.", "ru": "Разошлись: {names}."},
    "optimizer_lab.results": {"en": "Results after {steps} {steps:plural:step|steps}", "ru": "Итоги после {steps} {steps:plural:шага|шагов|шагов}"},
    "optimizer_lab.tolerance": {"en": "Tolerance for “reached”: L − L* ≤", "ru": "Считать дошедшим, если L − L* ≤"},
    "optimizer_lab.col.optimizer": {"en": "Optimizer", "ru": "Оптимизатор"},
    "optimizer_lab.col.lr": {"en": "η", "ru": "η"},
    "optimizer_lab.col.final_loss": {"en": "Final loss L", "ru": "Итоговая ошибка L"},
    "optimizer_lab.col.gap": {"en": "L − L*", "ru": "L − L*"},
    "optimizer_lab.col.distance": {"en": "Distance to nearest minimum", "ru": "Расстояние до ближайшего минимума"},
    "optimizer_lab.col.reached": {"en": "Reached tolerance at step", "ru": "Порог достигнут на шаге"},
    "optimizer_lab.col.diverged": {"en": "Diverged at step", "ru": "Разошёлся на шаге"},
    "optimizer_lab.never": {"en": "—", "ru": "—"},
    "optimizer_lab.download": {"en": "Download the paths (CSV)", "ru": "Скачать траектории (CSV)"},
    "optimizer_lab.inside_title": {"en": "Inside the optimizer", "ru": "Внутри оптимизатора"},
    "optimizer_lab.inside_intro": {
        "en": "One update taken apart, with the numbers of this run put into the formula. Pick the optimizer "
        "and the step; the race chart opens at that step and its arrows show the same update.",
        "ru": "Один шаг в разобранном виде: в формулу подставлены числа этого запуска. Выберите оптимизатор и "
        "шаг — график гонки откроется на этом шаге, а стрелки на нём покажут тот же шаг.",
    },
    "optimizer_lab.inspect": {"en": "Optimizer to look inside", "ru": "Какой оптимизатор разобрать"},
    "optimizer_lab.inspect_step": {"en": "Update t", "ru": "Шаг t"},
    "optimizer_lab.inside_diverged": {
        "en": "This run diverged at step {step}; its numbers from there on are not meaningful.",
        "ru": "Этот запуск разошёлся на шаге {step}; числа после него не имеют смысла.",
    },
    "optimizer_lab.inside.gd": {
        "en": "Plain gradient descent: the step is the gradient times the learning rate, nothing is remembered.",
        "ru": "Обычный градиентный спуск: шаг — это градиент, умноженный на скорость обучения; ничего не запоминается.",
    },
    "optimizer_lab.inside.momentum": {
        "en": "Momentum keeps a velocity b: each step adds the new gradient to μ times the old velocity. Along a "
        "valley the gradients agree and the velocity grows; across it they alternate and cancel.",
        "ru": "Momentum хранит накопленный градиент b: на каждом шаге старое b умножается на μ и к нему "
        "прибавляется новый градиент. Вдоль долины градиенты направлены одинаково, и b растёт; поперёк долины "
        "они меняют знак и гасят друг друга.",
    },
    "optimizer_lab.inside.nesterov": {
        "en": "Nesterov momentum updates the velocity like Momentum but steps along g + μb: it looks one step of "
        "the velocity ahead, which brakes earlier before an overshoot.",
        "ru": "Nesterov обновляет накопленный градиент b так же, как Momentum, но шагает вдоль g + μb: он "
        "заглядывает на шаг вперёд по инерции и раньше тормозит, когда вот-вот проскочит минимум.",
    },
    "optimizer_lab.inside.adagrad": {
        "en": "AdaGrad divides each coordinate's step by the root of the sum of all its squared gradients so far. "
        "Steep directions get small steps, flat ones large steps, and every step keeps shrinking.",
        "ru": "AdaGrad делит шаг по каждой координате на корень из суммы квадратов всех её прошлых градиентов. "
        "По крутым направлениям шаг получается маленьким, по пологим — большим, и со временем он только "
        "уменьшается.",
    },
    "optimizer_lab.inside.rmsprop": {
        "en": "RMSProp keeps a running average v of each coordinate's squared gradient and divides by its root. "
        "So every coordinate moves at a similar pace whatever the scale of its gradient.",
        "ru": "RMSProp хранит скользящее среднее v квадрата градиента по каждой координате и делит шаг на корень из "
        "него. Так все координаты движутся в похожем темпе, каков бы ни был масштаб их градиентов.",
    },
    "optimizer_lab.inside.adam": {
        "en": "Adam combines both: a running average m of the gradients (momentum) and v of their squares "
        "(adaptive step), both corrected for starting at zero. The effective step size of each coordinate is "
        "η / (√v̂ + ε).",
        "ru": "Adam объединяет оба приёма: скользящее среднее m градиентов (инерция) и v их квадратов (адаптивный "
        "шаг), оба с поправкой на старт с нуля. Эффективная скорость обучения по каждой координате — "
        "η / (√v̂ + ε).",
    },
    "optimizer_lab.inside.adamw": {
        "en": "AdamW is Adam with weight decay taken out of the gradient. Every update first multiplies the "
        "weights by (1 − ηδ), then takes the adaptive step, which no longer sees the decay.",
        "ru": "AdamW — это Adam, у которого L2-регуляризация (weight decay) вынесена из градиента. Каждое "
        "обновление сначала умножает веса на (1 − ηδ), а затем делает адаптивный шаг, который регуляризацию "
        "уже не видит.",
    },
    "optimizer_lab.effective_lr": {
        "en": "Effective step size per coordinate: w₁ {lr1:.3g}, w₂ {lr2:.3g} (η = {lr:g}).",
        "ru": "Эффективная скорость обучения по координатам: w₁ — {lr1:.3g}; w₂ — {lr2:.3g} (η = {lr:g}).",
    },
    "optimizer_lab.arrow.gradient": {"en": "−η∇L", "ru": "−η∇L"},
    "optimizer_lab.arrow.velocity": {"en": "−ημb", "ru": "−ημb"},
    "optimizer_lab.arrow.moment": {"en": "−ηm̂", "ru": "−ηm̂"},
    "optimizer_lab.arrow.step": {"en": "Δθ", "ru": "Δθ"},
    "optimizer_lab.arrows_title": {"en": "Arrows: {name}, update {step}",
                         "ru": "Стрелки: {name}, шаг {step}"},
    "optimizer_lab.arrows_magnified": {"en": "scale ×{factor}", "ru": "масштаб ×{factor}"},
    # Learning rate
    "optimizer_lab.lr_title": {"en": "Four learning rates", "ru": "Четыре скорости обучения"},
    "optimizer_lab.lr_intro": {
        "en": "Minibatch SGD on the course's regression (features on one scale) from the same start, at four "
        "learning rates, as in the figure of Stanford's CS231n notes. The rates are set as shares of gradient "
        "descent's stability limit 2/λmax. Low: the loss falls slowly from the first step. Good: it falls fast and keeps "
        "falling. High: it falls fastest at first, then stalls on a plateau above the minimum, because the noise "
        "of the minibatches keeps it bouncing. Very high: it diverges.",
        "ru": "Стохастический градиентный спуск по мини-батчам на регрессии из курса (признаки одного масштаба) из "
        "одной точки при четырёх скоростях обучения, как на рисунке из конспекта стэнфордского курса CS231n. "
        "Они заданы в долях предела устойчивости градиентного спуска 2/λmax. Низкая: ошибка медленно падает с первого шага. Хорошая: "
        "падает быстро и продолжает падать. Высокая: сначала падает быстрее всех, а потом застревает на плато выше "
        "минимума — шум мини-батчей не даёт ей успокоиться. Очень высокая: обучение расходится.",
    },
    "optimizer_lab.lr.low": {"en": "low", "ru": "низкая"},
    "optimizer_lab.lr.good": {"en": "good", "ru": "хорошая"},
    "optimizer_lab.lr.high": {"en": "high", "ru": "высокая"},
    "optimizer_lab.lr.very_high": {"en": "very high", "ru": "очень высокая"},
    "optimizer_lab.lr_panel": {"en": "{kind}<br>η = {lr:g}", "ru": "{kind}<br>η = {lr:g}"},
    "optimizer_lab.lr_caption": {
        "en": "Top: L − L* against step (log scale), computed on all the data; each update used a minibatch of "
        "{batch} {batch:plural:sample|samples}; a ✕ marks divergence. Bottom: the four paths on the surface.",
        "ru": "Сверху: L − L* по шагам в логарифмической шкале (ошибка считается по всем данным, а каждый шаг "
        "делается по мини-батчу из {batch} {batch:plural:объекта|объектов|объектов}); ✕ — расходимость. Снизу: "
        "четыре пути на поверхности.",
    },
    "optimizer_lab.lr_says": {
        "en": "with a learning rate that is not large enough, training goes well at first and then gets stuck.",
        "ru": "если скорость обучения (learning rate) недостаточно большая, поначалу обучение идёт отлично, а "
        "потом застревает.",
    },
    "optimizer_lab.lr_measured": {
        "en": "on this convex loss a small rate never gets stuck: it is slow from the start and keeps going down. "
        "The curve that starts well and then stalls is the *high* rate's: with noisy minibatch gradients its "
        "steps are too coarse to settle (CS231n's figure shows the same).",
        "ru": "на этой выпуклой функции потерь маленькая скорость обучения не застревает: ошибка с самого начала "
        "падает медленно и продолжает падать. Хорошо начинает, а потом застревает кривая *высокой* скорости "
        "обучения: с шумными градиентами по мини-батчам её шаги слишком велики, чтобы успокоиться у минимума "
        "(как и на рисунке CS231n).",
    },
    "optimizer_lab.schedule_title": {"en": "Learning-rate schedules", "ru": "Расписания скорости обучения"},
    "optimizer_lab.schedule_intro": {
        "en": "When the loss stops falling because the steps are too coarse for the noise of the minibatches, "
        "lowering the rate lets the model learn a little more. The same minibatch SGD as above, on the same "
        "minibatches: at a constant rate, and with a schedule that starts at the same rate and decays.",
        "ru": "Когда ошибка перестаёт падать, потому что при шуме мини-батчей шаги слишком крупные, снижение "
        "скорости обучения позволяет модели доучиться ещё немного. Тот же стохастический спуск на тех же "
        "мини-батчах — с постоянной скоростью обучения и с расписанием, которое начинает с того же значения и "
        "постепенно её снижает.",
    },
    "optimizer_lab.schedule": {"en": "Schedule", "ru": "Расписание"},
    "optimizer_lab.schedule_lr": {"en": "Starting learning rate η", "ru": "Начальная скорость обучения η"},
    "optimizer_lab.gamma": {"en": "Factor γ", "ru": "Множитель γ"},
    "optimizer_lab.step_size": {"en": "…every s steps", "ru": "…каждые s шагов"},
    "optimizer_lab.decay_rate": {"en": "Decay constant r", "ru": "Коэффициент убывания r"},
    "optimizer_lab.constant": {"en": "constant η", "ru": "постоянная η"},
    "optimizer_lab.scheduled": {"en": "with the schedule", "ru": "с расписанием"},
    "optimizer_lab.rate_axis": {"en": "learning rate ηₜ", "ru": "скорость обучения ηₜ"},
    "optimizer_lab.schedule_result": {
        "en": "Over the last 20 of {steps} {steps:plural:step|steps} the loss stays on average {constant:.3g} above the minimum at a "
        "constant rate and {scheduled:.3g} with the schedule.",
        "ru": "За последние 20 из {steps} {steps:plural:шага|шагов|шагов} ошибка в среднем на {constant:.3g} выше минимума при постоянной "
        "скорости обучения и на {scheduled:.3g} — с расписанием.",
    },
    # SGD
    "optimizer_lab.sgd_per_epoch": {"en": "Count the work: loss against epochs", "ru": "Учесть стоимость шагов: ошибка по эпохам"},
    "optimizer_lab.sgd_per_epoch_help": {
        "en": "An epoch is one pass over the data: as many per-sample gradients as there are samples, n. A "
        "full-batch step costs one epoch, a step on a minibatch of B samples only B/n of one.",
        "ru": "Эпоха — один проход по данным: столько градиентов по отдельным объектам, сколько всего объектов, n. "
        "Шаг по всей выборке стоит целую эпоху, шаг по мини-батчу из B объектов — лишь B/n эпохи.",
    },
    "optimizer_lab.epochs_axis": {"en": "epochs (gradient evaluations / n)", "ru": "эпохи (вычисления градиента / n)"},
    "optimizer_lab.sgd_title": {"en": "Minibatch gradients on the regression", "ru": "Градиенты по мини-батчам на регрессии"},
    "optimizer_lab.sgd_intro": {
        "en": "Stochastic gradient descent computes each gradient on a small random batch of samples instead of the "
        "whole data set. Every step is much cheaper and points the right way only on average. Below, full-batch "
        "gradient descent (thick) and several SGD runs with different random batches (thin), on the MSE of the "
        "regression with the data settings of the sidebar. Against steps, full-batch descent looks better; switch "
        "to epochs to count the work each step costs: per pass over the data, SGD gets much further.",
        "ru": "Стохастический градиентный спуск считает каждый градиент по маленькому случайному батчу объектов, а не "
        "по всей выборке. Каждый шаг намного дешевле и направлен верно лишь в среднем. Ниже — градиентный спуск по всей "
        "выборке (толстая линия) и несколько запусков SGD с разными случайными батчами (тонкие), на MSE "
        "регрессии с настройками данных из боковой панели. По шагам спуск по всей выборке выглядит лучше; переключитесь на "
        "эпохи, чтобы учесть стоимость шага: за один проход по данным SGD уходит гораздо дальше.",
    },
    "optimizer_lab.batch_size": {"en": "Batch size", "ru": "Размер батча"},
    "optimizer_lab.seeds": {"en": "Runs (random seeds)", "ru": "Число запусков (зёрен)"},
    "optimizer_lab.sgd_lr": {"en": "Learning rate η", "ru": "Скорость обучения η"},
    "optimizer_lab.full_batch": {"en": "full batch", "ru": "вся выборка"},
    "optimizer_lab.minibatch": {"en": "batch of {size}", "ru": "батч из {size}"},
    "optimizer_lab.sgd_caption": {
        "en": "Smaller batches give noisier paths that still drift to the minimum, then jitter around it. The "
        "jitter shrinks with a larger batch or a smaller learning rate.",
        "ru": "Чем меньше батч, тем шумнее путь: он всё равно движется к минимуму, а потом дрожит вокруг него. "
        "Дрожь уменьшается с ростом батча или уменьшением скорости обучения.",
    },
    "optimizer_lab.escape_title": {"en": "Escaping a local minimum", "ru": "Выход из локального минимума"},
    "optimizer_lab.escape_intro": {
        "en": "On the Styblinski–Tang surface gradient descent from this start rolls into the nearest basin, a "
        "local minimum, and stays there. Noise in the gradient shakes some runs over the ridge into a deeper "
        "basin; momentum can carry a run over it too. Every run lowers its learning rate along a cosine to "
        "zero, so that by the end each one has settled in some basin.",
        "ru": "На поверхности Стыблинского–Танга градиентный спуск из этой точки скатывается в ближайшую чашу — "
        "локальный минимум — и остаётся в ней. Шум в градиенте перебрасывает часть запусков через гребень в "
        "более глубокую чашу; инерция тоже может перенести запуск через него. Каждый запуск снижает скорость "
        "обучения по косинусу до нуля, чтобы к концу успокоиться в какой-то чаше.",
    },
    "optimizer_lab.escape_lr": {"en": "Learning rate η", "ru": "Скорость обучения η"},
    "optimizer_lab.escape_noise": {"en": "Gradient noise σ", "ru": "Шум градиента σ"},
    "optimizer_lab.escape_momentum": {"en": "Momentum μ", "ru": "Коэффициент инерции μ"},
    "optimizer_lab.escape_runs": {"en": "Noisy runs", "ru": "Число шумных запусков"},
    "optimizer_lab.noisy_gd": {"en": "GD + noise", "ru": "GD + шум"},
    "optimizer_lab.escape_result": {
        "en": "**Noisy runs that left the basin where GD stays for a deeper one: {left} of {runs}**; of these, in the "
        "global minimum: {reached}. Without noise — GD: {gd}; Momentum: {momentum}.",
        "ru": "**Ушли из чаши, где остаётся GD, в более глубокую: {left} из {runs} "
        "{runs:plural:шумного запуска|шумных запусков|шумных запусков}**; из них до глобального минимума дошли: "
        "{reached}. Без шума GD {gd}, а Momentum {momentum}.",
    },
    "optimizer_lab.basin.global": {"en": "ended in the global minimum", "ru": "остановился в глобальном минимуме"},
    "optimizer_lab.basin.local": {"en": "ended in a local minimum", "ru": "остановился в локальном минимуме"},
    "optimizer_lab.basin.diverged": {"en": "diverged", "ru": "разошёлся"},
    # Stability map
    "optimizer_lab.map_title": {"en": "Stability map", "ru": "Карта устойчивости"},
    "optimizer_lab.map_intro": {
        "en": "Every cell is a whole run of {steps} {steps:plural:step|steps} from the start point, with the learning rate of its "
        "column and the setting of its row. All {cells} {cells:plural:run|runs} are computed at once, as one vectorised computation. Blue: the loss fell by many "
        "orders of magnitude; white: little progress; orange: it went up; dark: it diverged.",
        "ru": "Каждая клетка — целый запуск на {steps} {steps:plural:шаг|шага|шагов} из начальной точки со скоростью обучения своего "
        "столбца и настройкой своей строки. Все {cells} {cells:plural:запуск считается|запуска считаются|запусков считаются} разом, одним векторным вычислением. Синий: ошибка упала на "
        "много порядков; белый: почти без продвижения; оранжевый: ошибка выросла; тёмный: расходимость.",
    },
    "optimizer_lab.map_optimizer": {"en": "Optimizer", "ru": "Оптимизатор"},
    "optimizer_lab.map_axis": {"en": "Second axis", "ru": "Вторая ось"},
    "optimizer_lab.map_steps": {"en": "Steps per run", "ru": "Шагов в каждом запуске"},
    "optimizer_lab.axis.momentum": {"en": "momentum μ", "ru": "коэффициент инерции μ"},
    "optimizer_lab.axis.beta1": {"en": "β₁ (first moment)", "ru": "β₁ (первый момент)"},
    "optimizer_lab.axis.alpha": {"en": "α (smoothing of g²)", "ru": "α (сглаживание g²)"},
    "optimizer_lab.axis.eps": {"en": "ε (in the denominator)", "ru": "ε (в знаменателе)"},
    "optimizer_lab.axis.kappa": {"en": "condition number κ", "ru": "число обусловленности κ"},
    "optimizer_lab.axis.x_scale": {"en": "scale s of feature x₁", "ru": "масштаб s признака x₁"},
    "optimizer_lab.map_progress": {"en": "log₁₀ of (L − L*) end / start", "ru": "log₁₀ отношения L − L*: конец / начало"},
    "optimizer_lab.map_diverged": {"en": "diverged", "ru": "расходимость"},
    "optimizer_lab.map_theory": {"en": "theory: largest stable η", "ru": "теория: наибольшая устойчивая η"},
    "optimizer_lab.map_local_theory": {"en": "theory at the minimum (local)", "ru": "теория в минимуме (локально)"},
    "optimizer_lab.map_current": {"en": "settings of the race", "ru": "настройки гонки"},
    "optimizer_lab.map_gd_note": {
        "en": "Plain GD has no momentum; on this axis the map runs heavy-ball Momentum, whose bottom row μ = 0 is GD itself.",
        "ru": "У обычного GD нет инерции, поэтому по этой оси карта считает метод тяжёлого шарика (Momentum); "
        "её нижняя строка (μ = 0) и есть GD.",
    },
    "optimizer_lab.theory.gd": {
        "en": "Gradient descent on a quadratic converges exactly when $0 < \\eta\\lambda_{\\max} < 2$, so the "
        "line is $\\eta = 2/\\lambda_{\\max}$.",
        "ru": "Градиентный спуск на квадратичной функции сходится ровно при $0 < \\eta\\lambda_{\\max} < 2$, "
        "поэтому линия — это $\\eta = 2/\\lambda_{\\max}$.",
    },
    "optimizer_lab.theory.momentum": {
        "en": "Heavy-ball momentum on a quadratic converges exactly when $0 < \\eta\\lambda_{\\max} < 2 + 2\\mu$: "
        "momentum lets the learning rate go almost twice as high.",
        "ru": "Метод тяжёлого шарика на квадратичной функции сходится ровно при $0 < \\eta\\lambda_{\\max} < 2 + "
        "2\\mu$: инерция позволяет поднять скорость обучения почти вдвое.",
    },
    "optimizer_lab.theory.nesterov": {
        "en": "Nesterov momentum (PyTorch's form) on a quadratic converges exactly when "
        "$0 < \\eta\\lambda_{\\max} < (2 + 2\\mu)/(1 + 2\\mu)$.",
        "ru": "Метод Нестерова (в форме PyTorch) на квадратичной функции сходится ровно при "
        "$0 < \\eta\\lambda_{\\max} < (2 + 2\\mu)/(1 + 2\\mu)$.",
    },
    "optimizer_lab.theory.none": {
        "en": "No simple stability limit is known for this method: its step adapts to the gradients, so the map is the only guide.",
        "ru": "Простого предела устойчивости для этого метода нет: его шаг подстраивается под градиенты, и карта — единственный ориентир.",
    },
    "optimizer_lab.theory.local": {
        "en": "This surface is not a quadratic: the dashed line applies the limit to the curvature at the lowest "
        "minimum ($\\lambda_{{\\max}}$ = {curvature:.3g}). It holds near the minimum, not on the way there.",
        "ru": "Эта поверхность не квадратичная: пунктир — предел, посчитанный по кривизне в самом глубоком минимуме "
        "($\\lambda_{{\\max}}$ = {curvature:.3g}). Он верен вблизи минимума, а не на пути к нему.",
    },
    "optimizer_lab.map_caption": {
        "en": "The ◆ marks the learning rate (and setting) this optimizer has in the race, when it takes part.",
        "ru": "◆ отмечает скорость обучения (и настройку), с которой этот оптимизатор участвует в гонке.",
    },
    "optimizer_lab.predict": {
        "en": "Which optimizer first gets within {tolerance} of the minimum loss?",
        "ru": "Какой оптимизатор первым подойдёт к минимуму ошибки ближе чем на {tolerance}?",
    },
    "optimizer_lab.nobody": {"en": "none of them", "ru": "ни один"},
    "optimizer_lab.experiment.four_rates": {
        "en": "Lesson 6: the four learning rates of CS231n's figure (low, good, high, very high)",
        "ru": "Урок 6: четыре скорости обучения с рисунка CS231n (низкая, хорошая, высокая, очень высокая)",
    },
    "optimizer_lab.experiment.schedule": {
        "en": "Lesson 6: lowering the rate lets noisy training settle closer to the minimum",
        "ru": "Урок 6: снижение скорости обучения позволяет шумному обучению подойти ближе к минимуму",
    },
    "optimizer_lab.experiment.sgd_epochs": {
        "en": "Lesson 7: per pass over the data, SGD gets much further than full-batch descent",
        "ru": "Урок 7: за один проход по данным SGD уходит гораздо дальше, чем спуск по всей выборке",
    },
    "optimizer_lab.experiment.escape": {
        "en": "Lesson 7: a noisy trajectory jumps out of local minima where gradient descent stays",
        "ru": "Урок 7: шумная траектория выпрыгивает из локальных минимумов, где градиентный спуск остаётся",
    },
    "optimizer_lab.experiment.narrow_valley": {
        "en": "Lesson 8: the race in the narrow valley of the course's regression (feature scaled ×3)",
        "ru": "Урок 8: гонка в узкой долине регрессии из курса (признак увеличен в 3 раза)",
    },
    "optimizer_lab.experiment.equal_scale": {
        "en": "Lesson 8: the same race with features of one scale, where every method goes straight in",
        "ru": "Урок 8: та же гонка на признаках одного масштаба, где все методы идут прямо",
    },
    "optimizer_lab.experiment.adam_wins": {
        "en": "Lesson 8: an even narrower valley (feature scaled ×10): GD must take η = 0.005, below its stability "
        "limit, and crawls; Momentum and Adam reach the minimum, Adam first",
        "ru": "Урок 8: ещё более узкая долина (признак увеличен в 10 раз): для GD приходится брать η\u00a0=\u00a00,005, ниже "
        "предела устойчивости, и он ползёт; Momentum и Adam доходят до минимума, Adam — первым",
    },
}
