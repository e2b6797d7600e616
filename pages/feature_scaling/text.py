"""Texts of the feature-scaling lab (lesson 3, and the Adam experiments of lesson 8)."""

TEXT = {
    "feature_scaling.title": {"en": "Feature scaling and the loss landscape", "ru": "Масштаб признаков и поверхность функции потерь"},
    "feature_scaling.intro": {
        "en": "A linear model $\\hat y = x_1w_1 + x_2w_2$ is fitted to data with two features by minimising "
        "the mean squared error. The chart shows the level lines of that error over the weights "
        "$(w_1, w_2)$ and the path an optimizer takes across them. Make feature $x_1$ larger and the "
        "bowl becomes a narrow valley: a small change of $w_1$ now moves the loss a lot. The two gradients "
        "then differ by orders of magnitude, and plain gradient descent starts to zig-zag.",
        "ru": "Линейную модель $\\hat y = x_1w_1 + x_2w_2$ обучают на данных с двумя признаками: подбирают "
        "веса, при которых среднеквадратичная ошибка меньше всего. На графике — линии уровня этой ошибки на "
        "плоскости весов $(w_1, w_2)$ и путь оптимизатора по ним. Увеличьте масштаб признака $x_1$ — и чаша "
        "превратится в узкую долину: малое изменение $w_1$ сильно меняет ошибку. Градиенты по двум весам "
        "тогда различаются на порядки, и обычный градиентный спуск начинает метаться от одного склона к другому.",
    },
    "feature_scaling.x_scale": {"en": "Scale of feature x₁", "ru": "Масштаб признака x₁"},
    "feature_scaling.x_scale_help": {
        "en": "x₁ is multiplied by this factor. The target is built from the scaled feature, so the best "
        "weights stay put and only the shape of the surface changes.",
        "ru": "Признак x₁ умножается на этот множитель. Целевая переменная строится по масштабированному "
        "признаку, поэтому оптимальные веса не сдвигаются — меняется только форма поверхности.",
    },
    "feature_scaling.standardize": {"en": "Standardize features", "ru": "Стандартизировать признаки"},
    "feature_scaling.standardize_help": {
        "en": "Subtract each feature's mean and divide by its standard deviation before fitting.",
        "ru": "Перед обучением вычесть из каждого признака среднее и разделить на стандартное отклонение.",
    },
    "feature_scaling.data": {"en": "Data and start point", "ru": "Данные и начальная точка"},
    "feature_scaling.noise": {"en": "Noise σ", "ru": "Шум σ"},
    "feature_scaling.diverged": {"en": "**Diverged at step {step}.**", "ru": "**Спуск разошёлся на шаге {step}.**"},
    "feature_scaling.diverged_limit": {
        "en": "The loss grew without bound: on this surface the learning rate of this optimizer must stay below "
        "{limit:.4g}, and it is {lr:g}.",
        "ru": "Ошибка неограниченно растёт: на этой поверхности скорость обучения этого оптимизатора должна быть "
        "меньше {limit:.4g}, а она равна {lr:g}.",
    },
    "feature_scaling.diverged_adaptive": {
        "en": "The loss grew without bound. An adaptive optimizer has no simple limit on the learning rate: "
        "its step depends on the gradients it has seen.",
        "ru": "Ошибка неограниченно растёт. У адаптивного оптимизатора нет простого предела скорости обучения: "
        "его шаг зависит от уже увиденных градиентов.",
    },
    "feature_scaling.settled": {
        "en": "Near the minimum from step {step} on: from then to the last step the loss stays within 1% of its "
        "starting distance L(w⁰) − L* to the minimum.",
        "ru": "У минимума с шага {step}: с этого шага и до последнего ошибка превышает минимум не больше чем на 1% "
        "от начального превышения L(w⁰) − L*.",
    },
    "feature_scaling.weights_far": {
        "en": "The loss is close, yet the weights are still {distance:.3g} away from the optimum. Along a flat "
        "direction a large change of a weight barely changes the loss.",
        "ru": "Ошибка уже близка к минимальной, а до оптимальных весов ещё далеко — {distance:.3g}. Вдоль "
        "пологого направления даже большое изменение веса почти не меняет ошибку.",
    },
    "feature_scaling.not_settled": {
        "en": "After {steps} {steps:plural:step|steps} the loss is still {gap} above the minimum "
        "(or has not stayed within 1% of its starting distance to it).",
        "ru": "После {steps} {steps:plural:шага|шагов|шагов} ошибка всё ещё на {gap} выше минимума "
        "(или не удержалась в пределах 1% от начального превышения над ним).",
    },
    "feature_scaling.eig_help": {
        "en": "Eigenvalues of the Hessian 2XᵀX/n: the curvature of the surface along its two axes.",
        "ru": "Собственные числа гессиана 2XᵀX/n: кривизна поверхности вдоль двух её главных осей.",
    },
    "feature_scaling.condition": {"en": "Condition number κ", "ru": "Число обусловленности κ"},
    "feature_scaling.condition_help": {
        "en": "λmax / λmin. Near 1 the level lines are circles; large κ means a long narrow valley.",
        "ru": "λmax / λmin. Около 1 линии уровня — окружности; большое κ — длинная узкая долина.",
    },
    "feature_scaling.limit": {"en": "Stability limit of {optimizer}", "ru": "Предел устойчивости: {optimizer}"},
    "feature_scaling.limit_help": {
        "en": "The largest learning rate at which this optimizer still converges on this surface. It is 2/λmax "
        "for gradient descent, 2(1 + μ)/λmax for heavy-ball Momentum (μ is the momentum coefficient) and "
        "2(1 + μ)/((1 + 2μ)λmax) for Nesterov. L2 regularization (weight decay) adds its coefficient δ to λmax.",
        "ru": "Наибольшая скорость обучения, при которой этот оптимизатор ещё сходится на этой поверхности. "
        "Для градиентного спуска это 2/λmax, для Momentum — 2(1 + μ)/λmax (μ — коэффициент инерции), "
        "для Nesterov — 2(1 + μ)/((1 + 2μ)λmax). L2-регуляризация (weight decay) прибавляет к λmax свой "
        "коэффициент δ.",
    },
    "feature_scaling.no_limit": {"en": "no simple limit", "ru": "нет простого предела"},
    "feature_scaling.no_limit_help": {
        "en": "AdaGrad, RMSProp, Adam and AdamW divide the step by a running size of the gradients, so no single "
        "number bounds their learning rate. Where they diverge is shown by the stability map of the optimizer lab.",
        "ru": "AdaGrad, RMSProp, Adam и AdamW делят шаг на накопленную величину градиентов, поэтому их скорость "
        "обучения не ограничена одним числом. Где они расходятся, показывает карта устойчивости в лаборатории "
        "оптимизаторов.",
    },
    "feature_scaling.ratio_help": {
        "en": "The learning rate as a share of this optimizer's stability limit: above 1 it diverges; plain "
        "gradient descent zig-zags across the valley between 0.5 and 1.",
        "ru": "Скорость обучения в долях предела устойчивости этого оптимизатора: выше 1 — расходимость; "
        "обычный градиентный спуск от 0,5 до 1 мечется поперёк долины.",
    },
    "feature_scaling.chart_caption": {
        "en": "Left: level lines of log₁₀(L − L*) (lighter is lower) with the path; the star marks the least-squares solution. "
        "Right: the distance of the loss from its minimum, on a log scale (a straight line means a "
        "constant rate of convergence). Press Play to replay, or drag the step slider.",
        "ru": "Слева: линии уровня log₁₀(L − L*) (светлее — ниже) и путь; звезда — решение методом наименьших квадратов. "
        "Справа: на сколько ошибка выше минимума, L − L*, в логарифмической шкале (прямая линия — "
        "сходимость с постоянным темпом). Кнопка «Пуск» проигрывает спуск, ползунок выбирает шаг.",
    },
    "feature_scaling.descent_title": {"en": "The descent, step by step", "ru": "Спуск шаг за шагом"},
    "feature_scaling.gradients_title": {"en": "Why the scale matters: the two gradients", "ru": "Почему важен масштаб: два градиента"},
    "feature_scaling.gradients_intro": {
        "en": "On one sample the loss and its two partial derivatives are below; the gradient of the mean "
        "error is their average over the data. Each derivative carries its own feature as a factor. So if "
        "$x_1$ is a hundred times larger, $\\partial L/\\partial w_1$ is too, and the curvature along "
        "$w_1$ is ten thousand times larger. One learning rate cannot suit both directions.",
        "ru": "Ниже — ошибка на одном объекте и две её частные производные; градиент средней ошибки — их "
        "среднее по данным. В каждую производную множителем входит свой признак. Если $x_1$ в сто раз "
        "больше, то и $\\partial L/\\partial w_1$ больше во столько же раз, а кривизна вдоль $w_1$ — в десять "
        "тысяч раз. Одна скорость обучения не может подойти обоим направлениям сразу.",
    },
    "feature_scaling.std_note": {
        "en": "Standard deviations of the features used here: x₁ {std1:.3g}, x₂ {std2:.3g}.",
        "ru": "Стандартные отклонения признаков в этом опыте: x₁ — {std1:.3g}; x₂ — {std2:.3g}.",
    },
    "feature_scaling.col_step": {"en": "Step", "ru": "Шаг"},
    "feature_scaling.compare_title": {"en": "Raw versus standardized features", "ru": "Исходные и стандартизированные признаки"},
    "feature_scaling.compare_intro": {
        "en": "The same optimizer with the same settings, on the same data before and after standardization. "
        "Standardizing makes the level lines nearly circular, so the negative gradient points at the minimum and "
        "the path goes straight. The optimum moves, because the weights now multiply rescaled features.",
        "ru": "Один и тот же оптимизатор с теми же настройками на тех же данных до и после стандартизации. "
        "После неё линии уровня почти круглые, антиградиент направлен прямо в минимум и путь идёт напрямик. "
        "Оптимум при этом сдвигается: веса теперь умножаются на признаки другого масштаба.",
    },
    "feature_scaling.raw_title": {"en": "Raw features", "ru": "Исходные признаки"},
    "feature_scaling.standardized_title": {"en": "Standardized features", "ru": "Стандартизированные признаки"},
    "feature_scaling.side_caption": {"en": "$\\kappa$ = {kappa:.3g}.", "ru": "$\\kappa$ = {kappa:.3g}."},
    "feature_scaling.side_diverged": {"en": "Diverged at step {step}.", "ru": "Спуск разошёлся на шаге {step}."},
    "feature_scaling.side_gap": {"en": "Final L − L* = {gap}.", "ru": "В конце L − L* = {gap}."},
    "feature_scaling.experiment.scale1": {
        "en": "Lesson 3, features on one scale: level lines are nearly circles and gradient descent goes straight in",
        "ru": "Урок 3, признаки одного масштаба: линии уровня — почти окружности, и градиентный спуск идёт прямо",
    },
    "feature_scaling.experiment.scale2": {
        "en": "Feature x₁ scaled ×2: the bowl stretches and the path starts to bend",
        "ru": "Признак x₁ увеличен в 2 раза: чаша вытягивается, путь начинает изгибаться",
    },
    "feature_scaling.experiment.zigzag": {
        "en": "Feature x₁ scaled ×3: gradient descent zig-zags across the narrow valley",
        "ru": "Признак x₁ увеличен в 3 раза: градиентный спуск мечется поперёк узкой долины",
    },
    "feature_scaling.experiment.diverge": {
        "en": "The same with η = 0.15, just above 2/λmax: gradient descent diverges",
        "ru": "То же при η = 0,15, чуть выше 2/λmax: градиентный спуск расходится",
    },
    "feature_scaling.experiment.standardized": {
        "en": "The zig-zag case with standardized features: a straight path",
        "ru": "Тот же случай со стандартизацией признаков: прямой путь",
    },
    "feature_scaling.experiment.adam_equal": {
        "en": "Lesson 8, Adam on features of one scale (η = 0.1, 25 steps): the baseline",
        "ru": "Урок 8, Adam на признаках одного масштаба (η = 0,1; 25 шагов): исходный опыт",
    },
    "feature_scaling.experiment.adam": {
        "en": "`plot_gd(x_scale=0.5, lr=0.1, steps=25, optimizer='adam')`: the valley is squashed, Adam goes as fast",
        "ru": "`plot_gd(x_scale=0.5, lr=0.1, steps=25, optimizer='adam')`: долина сплющена, а Adam идёт так же быстро",
    },
    "feature_scaling.experiment.adam_narrower": {
        "en": "An even narrower valley (x₁ scaled ×0.1): Adam's normalised step still moves in every direction",
        "ru": "Ещё более узкая долина (признак x₁ умножен на 0,1): Adam с его нормированным шагом всё так же "
        "движется по обоим весам",
    },
    "feature_scaling.experiment.adam_fast": {
        "en": "The learning rate ×20 (η = 2, 100 steps): Adam swings across the valley at first and still settles "
        "near the minimum in the end; the page says from which step",
        "ru": "Скорость обучения в 20 раз больше (η = 2; 100 шагов): сначала Adam раскачивается поперёк долины, "
        "но в конце всё равно приходит к минимуму; страница показывает, с какого шага",
    },
    "feature_scaling.experiment.adam_off_diagonal": {
        "en": "Adam from a start off the 45° line, (−2, 1.5): the path bends. From (−1, −1) it is straight only "
        "because the start and the optimum lie on one diagonal, where both coordinates take the same step",
        "ru": "Adam из точки не на диагонали, (−2; 1,5): путь изгибается. Из (−1; −1) он прямой лишь потому, что "
        "старт и оптимум лежат на одной диагонали, а обе координаты делают одинаковые шаги",
    },
    "feature_scaling.predict": {
        "en": "What will {optimizer} do in {steps} {steps:plural:step|steps}?",
        "ru": "Что сделает {optimizer} за {steps} {steps:plural:шаг|шага|шагов}?",
    },
    "feature_scaling.outcome.settles": {"en": "settle near the minimum", "ru": "придёт к минимуму и останется рядом"},
    "feature_scaling.outcome.on_its_way": {"en": "still be on its way", "ru": "будет ещё в пути"},
    "feature_scaling.outcome.diverges": {"en": "diverge", "ru": "разойдётся"},
    "feature_scaling.differs.grad_says": {
        "en": "the two derivatives are printed as $dl/dw_1 = 2(x_1w_1 + x_2w_2 - y)x_1$ twice.",
        "ru": "обе производные напечатаны как $dl/dw_1 = 2(x_1w_1 + x_2w_2 - y)x_1$.",
    },
    "feature_scaling.differs.grad_measured": {
        "en": "the second one is $dl/dw_2 = 2(x_1w_1 + x_2w_2 - y)\\,x_2$: each weight's derivative carries its own "
        "feature. That is exactly why the scale of $x_1$ matters only along $w_1$ (the table beside it shows both).",
        "ru": "вторая из них — $dl/dw_2 = 2(x_1w_1 + x_2w_2 - y)\\,x_2$: в производную по каждому весу входит свой "
        "признак. Поэтому масштаб $x_1$ влияет только на направление $w_1$ (значения обеих производных — в "
        "таблице рядом).",
    },
}
