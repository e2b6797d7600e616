"""Texts of the feature-scaling lab (lesson 3, and the Adam experiments of lesson 8)."""

TEXT = {
    "feature_scaling.title": {"en": "Feature scaling and the loss landscape", "ru": "Масштаб признаков и ландшафт потерь"},
    "feature_scaling.intro": {
        "en": "A linear model $\\hat y = x_1w_1 + x_2w_2$ is fitted to data with two features by minimising "
        "the mean squared error. The chart shows the level lines of that error over the weights "
        "$(w_1, w_2)$ and the path an optimizer takes across them. Make feature $x_1$ larger and the "
        "bowl becomes a narrow valley: a small change of $w_1$ now moves the loss a lot, the two "
        "gradients differ by orders of magnitude, and plain gradient descent starts to zig-zag.",
        "ru": "Линейная модель $\\hat y = x_1w_1 + x_2w_2$ подбирается по данным с двумя признаками, "
        "минимизируя среднеквадратичную ошибку. На графике — линии уровня этой ошибки над весами "
        "$(w_1, w_2)$ и путь оптимизатора по ним. Увеличьте признак $x_1$ — и чаша превратится в узкую "
        "долину: малое изменение $w_1$ сильно меняет ошибку, градиенты по двум весам отличаются на "
        "порядки, и обычный градиентный спуск начинает метаться из стороны в сторону.",
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
    "feature_scaling.diverged": {
        "en": "**Diverged at step {step}.** The loss grew without bound. For plain gradient descent the "
        "learning rate must stay below $2/\\lambda_{{\\max}}$ = {limit:.4g}; it is {lr:g}.",
        "ru": "**Расходимость на шаге {step}.** Ошибка неограниченно растёт. Для обычного градиентного "
        "спуска скорость обучения должна быть меньше $2/\\lambda_{{\\max}}$ = {limit:.4g}; сейчас {lr:g}.",
    },
    "feature_scaling.converged": {
        "en": "Reached the neighbourhood of the minimum (1% of the initial gap) at step {step}.",
        "ru": "Окрестность минимума (1% начального отрыва) достигнута на шаге {step}.",
    },
    "feature_scaling.not_converged": {
        "en": "After {steps} steps the loss is still {gap:.3g} above the minimum.",
        "ru": "После {steps} шагов ошибка всё ещё на {gap:.3g} выше минимума.",
    },
    "feature_scaling.eig_help": {
        "en": "Eigenvalues of the Hessian 2XᵀX/n: the curvature of the surface along its two axes.",
        "ru": "Собственные числа гессиана 2XᵀX/n: кривизна поверхности вдоль двух её осей.",
    },
    "feature_scaling.condition": {"en": "Condition number κ", "ru": "Обусловленность κ"},
    "feature_scaling.condition_help": {
        "en": "λmax / λmin. Near 1 the level lines are circles; large κ means a long narrow valley.",
        "ru": "λmax / λmin. Около 1 линии уровня — окружности; большое κ — длинная узкая долина.",
    },
    "feature_scaling.limit_help": {
        "en": "The largest learning rate at which plain gradient descent still converges on this surface.",
        "ru": "Наибольшая скорость обучения, при которой обычный градиентный спуск ещё сходится.",
    },
    "feature_scaling.ratio_help": {
        "en": "The learning rate as a fraction of the stability limit: gradient descent diverges above 1 "
        "and zig-zags across the valley between 0.5 and 1.",
        "ru": "Скорость обучения в долях предела устойчивости: выше 1 градиентный спуск расходится, "
        "от 0,5 до 1 — мечется поперёк долины.",
    },
    "feature_scaling.chart_caption": {
        "en": "Left: level lines of log₁₀(L − L*) (lighter is lower) with the path; the star marks the least-squares solution. "
        "Right: the distance of the loss from its minimum, on a log scale (a straight line means a "
        "constant rate of convergence). Press Play to replay, or drag the step slider.",
        "ru": "Слева: линии уровня log₁₀(L − L*) (светлее — ниже) и путь; звезда — решение методом наименьших квадратов. "
        "Справа: отрыв ошибки от минимума в логарифмической шкале (прямая линия — постоянная скорость "
        "сходимости). Кнопка «Пуск» проигрывает спуск, ползунок выбирает шаг.",
    },
    "feature_scaling.gradients_title": {"en": "Why the scale matters: the two gradients", "ru": "Почему важен масштаб: два градиента"},
    "feature_scaling.gradients_intro": {
        "en": "On one sample the loss and its two partial derivatives are below; the gradient of the mean "
        "error is their average over the data. Each derivative carries its own feature as a factor, so if "
        "$x_1$ is a hundred times larger, $\\partial L/\\partial w_1$ is too, and the curvature along "
        "$w_1$ is ten thousand times larger. One learning rate cannot suit both directions.",
        "ru": "Ниже — ошибка на одном объекте и две её частные производные; градиент средней ошибки — их "
        "среднее по данным. В каждую производную множителем входит свой признак: если $x_1$ в сто раз "
        "больше, то и $\\partial L/\\partial w_1$ больше, а кривизна вдоль $w_1$ больше в десять тысяч раз. "
        "Один шаг не может подойти обоим направлениям.",
    },
    "feature_scaling.std_note": {
        "en": "Standard deviations of the features used here: x₁ {std1:.3g}, x₂ {std2:.3g}.",
        "ru": "Стандартные отклонения признаков в этом опыте: x₁ {std1:.3g}, x₂ {std2:.3g}.",
    },
    "feature_scaling.col_step": {"en": "Step", "ru": "Шаг"},
    "feature_scaling.compare_title": {"en": "Raw versus standardized features", "ru": "Исходные и стандартизированные признаки"},
    "feature_scaling.compare_intro": {
        "en": "The same optimizer with the same settings, on the same data before and after standardization. "
        "Standardizing makes the level lines nearly circular, so the gradient points at the minimum and "
        "the path goes straight (the optimum moves, because the weights now multiply rescaled features).",
        "ru": "Один и тот же оптимизатор с теми же настройками на тех же данных до и после стандартизации. "
        "После неё линии уровня почти круглые, градиент смотрит прямо на минимум и путь идёт напрямик "
        "(оптимум сдвигается, потому что веса теперь умножаются на перемасштабированные признаки).",
    },
    "feature_scaling.raw_title": {"en": "Raw features", "ru": "Исходные признаки"},
    "feature_scaling.standardized_title": {"en": "Standardized features", "ru": "Стандартизированные признаки"},
    "feature_scaling.side_caption": {
        "en": "$\\kappa$ = {kappa:.3g}, $2/\\lambda_{{\\max}}$ = {limit:.3g}.",
        "ru": "$\\kappa$ = {kappa:.3g}, $2/\\lambda_{{\\max}}$ = {limit:.3g}.",
    },
    "feature_scaling.side_diverged": {"en": "Diverged at step {step}.", "ru": "Расходимость на шаге {step}."},
    "feature_scaling.side_gap": {"en": "Final L − L* = {gap:.3g}.", "ru": "Итоговый отрыв L − L* = {gap:.3g}."},
    "feature_scaling.experiments_title": {"en": "Experiments from the lesson", "ru": "Опыты из урока"},
    "feature_scaling.experiment.zigzag": {
        "en": "Gradient descent on a feature scaled ×3 zig-zags across the valley",
        "ru": "Градиентный спуск при признаке, увеличенном в 3 раза, мечется поперёк долины",
    },
    "feature_scaling.experiment.adam": {
        "en": "Adam at scale 0.5, η = 0.1, 25 steps: straight to the minimum despite the narrow valley",
        "ru": "Adam при масштабе 0,5, η = 0,1, 25 шагов: прямо к минимуму, несмотря на узкую долину",
    },
    "feature_scaling.experiment.adam_fast": {
        "en": "A learning rate 20 times larger (50 steps): Adam swings across the valley, yet still settles at the minimum",
        "ru": "Скорость в 20 раз больше (50 шагов): Adam раскачивается поперёк долины, но всё равно приходит в минимум",
    },
    "feature_scaling.experiment.diverge": {
        "en": "Gradient descent just above $2/\\lambda_{\\max}$: it diverges",
        "ru": "Градиентный спуск чуть выше $2/\\lambda_{\\max}$: расходится",
    },
    "feature_scaling.experiment.standardized": {
        "en": "The zig-zag case with standardized features: a straight path",
        "ru": "Тот же случай со стандартизацией признаков: прямой путь",
    },
}
