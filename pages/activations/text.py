"""Texts of the activations lab (lesson 1)."""

TEXT = {
    # Names of the functions. The same in both languages on purpose: the chosen functions are written
    # to the URL by their names, so a shared link must not depend on the language.
    "activations.name.sigmoid": {"en": "Sigmoid", "ru": "Сигмоида"},
    "activations.name.tanh": {"en": "tanh", "ru": "tanh"},
    "activations.name.relu": {"en": "ReLU", "ru": "ReLU"},
    "activations.name.leaky_relu": {"en": "Leaky ReLU", "ru": "Leaky ReLU"},
    "activations.name.elu": {"en": "ELU", "ru": "ELU"},
    "activations.name.gelu": {"en": "GELU", "ru": "GELU"},
    "activations.name.silu": {"en": "SiLU (Swish)", "ru": "SiLU (Swish)"},
    "activations.name.softplus": {"en": "Softplus", "ru": "Softplus"},
    # Page
    "activations.title": {"en": "Activation functions", "ru": "Функции активации"},
    "activations.intro": {
        "en": "A neuron adds up its weighted inputs, $z = \\sum_i w_i x_i + b$, and passes the sum through an "
        "activation function, $a = f(z)$. Without that non-linear step a stack of layers would be one linear map. "
        "During training the gradient flows back through the same step and is multiplied by $f'(z)$, so the "
        "*derivative* decides how well a network learns. Each claim lesson 1 makes about sigmoid, tanh, ReLU, "
        "Leaky ReLU and ELU is measured below; the last table lists them one by one.",
        "ru": "Нейрон складывает взвешенные входы, $z = \\sum_i w_i x_i + b$, и пропускает сумму через функцию "
        "активации: $a = f(z)$. Без этой нелинейности сеть из многих слоёв была бы одним линейным преобразованием. "
        "При обучении градиент проходит через функцию активации в обратную сторону и умножается на $f'(z)$. "
        "Поэтому от её *производной* зависит, насколько хорошо учится сеть. Ниже измерено каждое утверждение "
        "урока 1 о сигмоиде, tanh, ReLU, Leaky ReLU и ELU; в последней таблице они собраны по пунктам.",
    },
    "activations.none": {
        "en": "Choose at least one function in the sidebar to see the curves, the table and the experiments.",
        "ru": "Выберите на боковой панели хотя бы одну функцию, чтобы увидеть графики, таблицу и опыты.",
    },
    # Controls
    "activations.fns": {"en": "Functions", "ru": "Функции"},
    "activations.x_range": {"en": "Range of x", "ru": "Диапазон x"},
    "activations.alpha_leaky": {"en": "Leaky ReLU: slope α for x < 0", "ru": "Leaky ReLU: наклон α при x < 0"},
    "activations.alpha_elu": {"en": "ELU: α (the level −α as x → −∞)", "ru": "ELU: α (уровень −α при x → −∞)"},
    "activations.threshold": {"en": "Saturation threshold", "ru": "Порог насыщения"},
    "activations.threshold_help": {
        "en": "A function counts as saturated where |f′(x)| is below this share of its largest derivative.",
        "ru": "Функция считается насыщенной там, где |f′(x)| меньше этой доли от её наибольшей производной.",
    },
    "activations.depth": {"en": "Layers L", "ru": "Число слоёв L"},
    "activations.width": {"en": "Units per layer n", "ru": "Число нейронов в слое n"},
    "activations.scale": {"en": "Weight scale s", "ru": "Масштаб весов s"},
    "activations.scale_help": {
        "en": "Weights are drawn from N(0, s²/n). s = 1 is LeCun's initialization; s ≈ 1.4 (√2) is He's, made for ReLU.",
        "ru": "Веса берутся из N(0; s²/n). s = 1 — инициализация LeCun; s ≈ 1,4 (√2) — инициализация Хе, предложенная для ReLU.",
    },
    "activations.bias": {"en": "Bias b of every unit", "ru": "Смещение b всех нейронов"},
    "activations.batch": {"en": "Batch size", "ru": "Размер батча"},
    "activations.mu": {"en": "Input mean μ", "ru": "Среднее входов μ"},
    "activations.mu_help": {"en": "The inputs of the histograms are x ~ N(μ, σ²).", "ru": "Входы гистограмм: x ~ N(μ; σ²)."},
    "activations.sigma": {"en": "Input spread σ", "ru": "Разброс входов σ"},
    "activations.sigma_help": {"en": "The inputs of the histograms are x ~ N(μ, σ²).", "ru": "Входы гистограмм: x ~ N(μ; σ²)."},
    "activations.seed_help": {
        "en": "Draws the random weights and inputs of the two layer experiments: vanishing gradients and dead units.",
        "ru": "Задаёт случайные веса и входы двух опытов со слоями: затухание градиента и «мёртвые» нейроны.",
    },
    "activations.yes": {"en": "yes", "ru": "да"},
    "activations.no": {"en": "no", "ru": "нет"},
    # The curves
    "activations.curves.title": {"en": "The functions and their derivatives", "ru": "Функции и их производные"},
    "activations.curves.lanes": {
        "en": "Saturated: |f′(x)| below {percent}<br>of its largest value",  # two lines: a phone has no room for one
        "ru": "Насыщение: |f′(x)| меньше {percent}<br>от наибольшего значения",
    },
    "activations.curves.caption": {
        "en": "Top: the functions. Middle: their derivatives, on the same x. Where |f′(x)| is below {percent} of the "
        "function's largest derivative, a unit passes back almost no gradient: it has saturated. Those stretches "
        "are shaded twice, as a broad band over the curve and as a bar in the function's lane at the bottom. "
        "On a computer, drag across a chart to zoom in; double-click to zoom out.",
        "ru": "Вверху — функции. Посередине — их производные при тех же x. Там, где |f′(x)| меньше {percent} от "
        "наибольшей производной функции, нейрон почти не пропускает градиент назад: он насыщен. Такие участки "
        "выделены дважды: широкой полосой поверх кривой и отрезком на дорожке функции внизу. "
        "На компьютере выделите мышью участок графика, чтобы его увеличить; двойной щелчок возвращает исходный масштаб.",
    },
    "activations.leaky_linear": {
        "en": "With α = 1 Leaky ReLU is f(x) = x: no longer an activation at all. A stack of layers with it is one "
        "linear map, however deep. This is why the lesson insists on α ≠ 1.",
        "ru": "При α = 1 Leaky ReLU — это f(x) = x, то есть уже никакая не нелинейность. Сеть из слоёв с такой "
        "функцией — одно линейное преобразование, сколько бы слоёв ни было. Поэтому в уроке и требуется α ≠ 1.",
    },
    # The properties table
    "activations.table.title": {"en": "Properties, measured", "ru": "Измеренные свойства"},
    "activations.table.intro": {
        "en": "Nothing in this table is typed in: each number is computed from the function itself. The range comes "
        "from its limits and extremes, the largest derivative from a search over x. The mean and the shares are "
        "integrals against the density of a standard normal input, x ~ N(0, 1).",
        "ru": "В этой таблице ничего не вписано вручную: каждое число вычислено по самой функции. Область значений "
        "найдена по пределам и экстремумам, наибольшая производная — перебором x, а среднее и доли — "
        "интегрированием по плотности стандартного нормального входа x ~ N(0; 1).",
    },
    "activations.table.fn": {"en": "Function", "ru": "Функция"},
    "activations.table.range": {"en": "Output range", "ru": "Область значений"},
    "activations.table.range_help": {
        "en": "The values f can take. A square bracket: the end is reached; a round one: only approached.",
        "ru": "Значения, которые принимает f. Квадратная скобка — граница достигается, круглая — не достигается "
        "(значения к ней только приближаются).",
    },
    "activations.table.mean": {"en": "Mean", "ru": "Среднее"},
    "activations.table.mean_help": {
        "en": "The mean of f(x) for x ~ N(0, 1).",
        "ru": "Среднее значение f(x) при x ~ N(0; 1).",
    },
    "activations.table.centred": {"en": "Centred?", "ru": "Центрирована?"},
    "activations.table.centred_help": {
        "en": "✓ if |mean| is below 0.1 of the output's standard deviation, ≈ if below 0.3, otherwise ✗.",
        "ru": "✓, если |среднее| меньше 0,1 стандартного отклонения выхода; ≈ — если меньше 0,3; иначе ✗.",
    },
    "activations.table.max_grad": {"en": "Max |f′|", "ru": "Макс. |f′|"},
    "activations.table.max_grad_help": {
        "en": "The largest |f′(x)| over all x. Through L layers the derivatives alone multiply a gradient by at most this to the power L.",
        "ru": "Наибольшее |f′(x)| по всем x. Через L слоёв одни только производные умножают градиент не больше чем на это число в степени L.",
    },
    "activations.table.where": {"en": "Saturated for", "ru": "Насыщена при"},
    "activations.table.where_help": {
        "en": "The values of x where |f′(x)| is below {percent} of the largest derivative.",
        "ru": "Значения x, при которых |f′(x)| меньше {percent} от наибольшей производной.",
    },
    "activations.table.saturated": {"en": "Share saturated", "ru": "Доля в насыщении"},
    "activations.table.saturated_help": {
        "en": "The share of inputs x ~ N(0, 1) for which |f′(x)| is below {percent} of the largest derivative.",
        "ru": "Доля входов x ~ N(0; 1), при которых |f′(x)| меньше {percent} от наибольшей производной.",
    },
    "activations.table.dead": {"en": "Share with f′ = 0", "ru": "Доля с f′ = 0"},
    "activations.table.dead_help": {
        "en": "The share of inputs x ~ N(0, 1) that pass no gradient back at all (the unit is off).",
        "ru": "Доля входов x ~ N(0; 1), которые совсем не пропускают градиент назад (нейрон выключен).",
    },
    "activations.table.cost": {"en": "ns per value", "ru": "нс на значение"},
    "activations.table.cost_help": {
        "en": "Time per value on this server, from the cost measurement below.",
        "ru": "Время на одно значение на этом сервере, из замера стоимости ниже.",
    },
    "activations.table.caption": {
        "en": "Read it like this: sigmoid's derivative is never above 0.25, so the derivatives alone shrink a "
        "gradient at least fourfold in every sigmoid layer (the weights may enlarge it again). ReLU switches off "
        "exactly half of standard normal inputs. Only tanh is truly centred on zero. Hover over a column's name for "
        "its definition.",
        "ru": "Как читать: производная сигмоиды нигде не больше 0,25, поэтому одни только производные уменьшают "
        "градиент как минимум вчетверо в каждом слое с сигмоидой (веса могут снова его увеличить). ReLU выключена "
        "ровно на половине входов из N(0; 1). По-настоящему центрирована относительно нуля только tanh. Наведите "
        "курсор на название столбца, чтобы увидеть его определение.",
    },
    # Vanishing gradients
    "activations.chain.title": {"en": "Vanishing gradients", "ru": "Затухание градиента"},
    "activations.chain.intro": {
        "en": "A gradient travels back from the output through $L$ dense layers $z_l = a_{l-1}W_l$, $a_l = f(z_l)$, "
        "with the same random weights for every function. Each layer multiplies it by $W^\\top$ and by $f'(z)$. "
        "For sigmoid $f' \\le 1/4$, so the derivatives alone shrink it at least $4^L$ times: $4^{20} \\approx 10^{12}$. "
        "The first layers then hardly learn. **Left:** the size of the gradient that reaches each layer. "
        "**Right:** how far each layer's outputs sit from zero mean.",
        "ru": "Градиент идёт от выхода назад через $L$ полносвязных слоёв $z_l = a_{l-1}W_l$, $a_l = f(z_l)$; "
        "случайные веса для всех функций одни и те же. Каждый слой умножает его на $W^\\top$ и на $f'(z)$. "
        "У сигмоиды $f' \\le 1/4$, так что одни только производные уменьшают его как минимум в $4^L$ раз; "
        "при $L = 20$ это $4^{20} \\approx 10^{12}$. Первые слои тогда почти не учатся. **Слева:** величина градиента, дошедшего до "
        "каждого слоя. **Справа:** насколько среднее выходов каждого слоя отличается от нуля.",
    },
    "activations.chain.reached": {
        "en": "Gradient reaching layer 1 (it is 1 at the output): {values}.",
        "ru": "Градиент, дошедший до первого слоя (на выходе он равен 1): {values}.",
    },
    "activations.chain.layer_axis": {"en": "Layer (1 = first, next to the input)", "ru": "Слой (1 — первый, у входа)"},
    "activations.chain.size_axis": {"en": "Gradient size (RMS, log scale)", "ru": "Величина градиента (RMS, лог. шкала)"},
    "activations.chain.off_centre_axis": {"en": "Mean ÷ RMS of outputs", "ru": "Среднее ÷ RMS выходов"},
    "activations.chain.caption": {
        "en": "{depth} {depth:plural:layer|layers} of {width} {width:plural:unit|units}, weights N(0, s²/n) with s = {scale:g}, a batch of {batch} {batch:plural:sample|samples} "
        "x ~ N(0, 1); the gradient arriving at the output has RMS 1. Left: the root mean square of ∂ℓ/∂z at "
        "each layer (values that are exactly 0 are drawn on the lower edge). Right: mean ÷ RMS of each layer's "
        "outputs: 0 when they are centred on zero, 1 when all are positive and equal. The seed is in the sidebar.",
        "ru": "{depth} {depth:plural:слой|слоя|слоёв} по {width} {width:plural:нейрону|нейрона|нейронов}, веса N(0; s²/n) при s = {scale:g}, батч из {batch} {batch:plural:объекта|объектов|объектов} "
        "x ~ N(0; 1); у градиента на выходе RMS равно 1. Слева — среднеквадратичное значение (RMS) ∂ℓ/∂z в каждом "
        "слое (ровно нулевые значения нарисованы на нижнем краю). Справа — отношение среднего к RMS для выходов "
        "слоя: 0, если выходы центрированы относительно нуля, и 1, если все они положительны и равны. Зерно "
        "генератора — на боковой панели.",
    },
    # Dead units
    "activations.dead.title": {"en": "Dead units", "ru": "«Мёртвые» нейроны"},
    "activations.dead.intro": {
        "en": "ReLU passes no gradient for $z \\le 0$. If a unit's bias drifts far below zero (one large update can do "
        "that), $z$ stays negative for every sample. The unit then never fires, its gradient is exactly 0, and no "
        "update can ever bring it back. Here every unit of the layer has the same bias $b$. "
        "**Left:** the share of units whose $f'(z)$ is 0 for every sample of the batch: for ReLU, the units that never fired. "
        "**Right:** the average $|f'(z)|$ a unit passes back. Leaky ReLU ($f' = \\alpha$) and ELU "
        "($f' = \\alpha e^z$) keep a gradient for $z < 0$ as long as $\\alpha > 0$, so their units never die completely. "
        "At $\\alpha = 0$, which the sliders allow, both become ReLU for negative inputs and die like it.",
        "ru": "ReLU не пропускает градиент при $z \\le 0$. Если смещение нейрона уйдёт далеко в минус (для этого "
        "хватит одного большого шага обучения), $z$ останется отрицательным на всех объектах. Тогда нейрон не "
        "активируется, его градиент равен ровно 0, и никакое обновление его уже не вернёт. Здесь у всех нейронов "
        "слоя одно и то же смещение $b$. **Слева:** доля нейронов, у которых $f'(z) = 0$ на всех объектах батча; "
        "у ReLU это нейроны, ни разу не активировавшиеся. "
        "**Справа:** среднее $|f'(z)|$ — какую долю градиента нейрон в среднем пропускает назад. Leaky ReLU ($f' = \\alpha$) и ELU "
        "($f' = \\alpha e^z$) сохраняют градиент при $z < 0$, пока $\\alpha > 0$, поэтому их нейроны не умирают полностью. "
        "При $\\alpha = 0$ (ползунки это позволяют) обе функции при отрицательных входах совпадают с ReLU, и их "
        "нейроны умирают так же.",
    },
    "activations.dead.now": {
        "en": "Units with f′ = 0 for every sample of the batch at b = {shift}: {values}.",
        "ru": "Доля нейронов, у которых f′ = 0 на всех объектах батча, при b = {shift}: {values}.",
    },
    "activations.dead.shift_axis": {"en": "Bias b of every unit", "ru": "Смещение b всех нейронов"},
    "activations.dead.share_axis": {"en": "Units with f′ = 0 on the whole batch", "ru": "Доля нейронов с f′ = 0 на всём батче"},
    "activations.dead.grad_axis": {"en": "Mean |f′(z)| (log scale)", "ru": "Среднее |f′(z)| (лог. шкала)"},
    "activations.dead.caption": {
        "en": "A layer of {units} {units:plural:unit|units} with 32 inputs, weights N(0, 1/32), a batch of {batch} {batch:plural:sample|samples} x ~ N(0, 1), "
        "so z ~ N(b, about 1). A larger batch gives every unit more chances to fire. The dashed line marks the "
        "bias chosen in the sidebar; exactly zero is drawn on the lower edge of the right chart.",
        "ru": "Слой из {units} {units:plural:нейрона|нейронов|нейронов} с 32 входами, веса N(0; 1/32), батч из {batch} {batch:plural:объекта|объектов|объектов} x ~ N(0; 1), "
        "так что z ~ N(b; примерно 1). Чем больше батч, тем больше у нейрона шансов активироваться. Пунктир — "
        "смещение b, выбранное на боковой панели; ровно нулевые значения нарисованы на нижнем краю правого графика.",
    },
    # Zero-centring
    "activations.centre.title": {"en": "Zero-centring", "ru": "Центрирование относительно нуля"},
    "activations.centre.intro": {
        "en": "If all outputs of a layer are positive, then within one step the gradients of all weights of a unit in "
        "the next layer share one sign. The weights can then only all grow or all shrink together, and the descent "
        "zig-zags. Outputs centred on zero avoid that. The authors of ELU argue that it also speeds up learning "
        "([Clevert et al., 2015]({paper})). Set the inputs' mean μ and spread σ in the sidebar.",
        "ru": "Если все выходы слоя положительны, то на каждом шаге градиенты по всем весам одного нейрона следующего "
        "слоя имеют один знак. Тогда веса могут только все вместе расти или все вместе уменьшаться, и спуск идёт "
        "зигзагом. С выходами, центрированными относительно нуля, этого не происходит. Авторы ELU утверждают, что это ещё и ускоряет обучение "
        "([Clevert и др., 2015]({paper})). Среднее μ и разброс σ входов задаются на боковой панели.",
    },
    "activations.centre.mean": {"en": "mean {mean}", "ru": "среднее {mean}"},
    "activations.centre.caption": {
        "en": "The distribution of f(x) for x ~ N({mu:g}, {sigma:g}²), computed exactly from the normal density: what "
        "a histogram of infinitely many draws would show. The extreme 0.1% on each side is left out. "
        "Solid line: the mean output. Dotted line: zero. A tall bar at the edge is a pile of equal outputs: "
        "ReLU's zeros, or a saturated sigmoid's zeros and ones.",
        "ru": "Распределение f(x) при x ~ N({mu:g}; {sigma:g}²), вычисленное точно по нормальной плотности: так "
        "выглядела бы гистограмма бесконечного числа значений. Крайние 0,1% с каждой стороны не показаны. "
        "Сплошная линия — среднее на выходе, пунктир — ноль. Высокий столбик на краю — скопление одинаковых "
        "выходов: нули ReLU или нули и единицы насыщенной сигмоиды.",
    },
    # Cost
    "activations.cost.title": {"en": "Cost", "ru": "Стоимость вычисления"},
    "activations.cost.intro": {
        "en": "How long each function takes in NumPy per value, on an array of 1,000,000 numbers. It is measured once, "
        "when this server has its first visitor, and reused for every page view until the server restarts.",
        "ru": "Сколько времени каждая функция тратит в NumPy на одно значение в массиве из 1\u00a0000\u00a0000 чисел. Замер "
        "делается один раз, при первом посещении этого сервера, и используется до его перезапуска.",
    },
    "activations.cost.axis": {"en": "Nanoseconds per value", "ru": "Наносекунд на значение"},
    "activations.cost.bar": {"en": "{ns:.3g} ns", "ru": "{ns:.3g}\u00a0нс"},
    "activations.cost.hover": {"en": "{ns:.3g} ns per value, the median of {runs} {runs:plural:run|runs}", "ru": "{ns:.3g}\u00a0нс на значение, медиана {runs} {runs:plural:прогона|прогонов|прогонов}"},
    "activations.cost.ratio": {
        "en": "Here sigmoid takes **{ratio:.1f} times** as long as ReLU. ReLU is one comparison per value; sigmoid "
        "needs an exponential and a division. GELU is the slowest because NumPy has no error function, so this "
        "app evaluates one from rational approximations.",
        "ru": "Здесь сигмоида считается в **{ratio:.1f} раза** дольше ReLU. ReLU — это одно сравнение на значение, "
        "а сигмоиде нужны экспонента и деление. GELU медленнее всех: в NumPy нет функции ошибок erf, и "
        "приложение вычисляет её через рациональные приближения.",
    },
    "activations.cost.spread": {
        "en": "Over the {rounds} {rounds:plural:round|rounds} of the measurement the ratio ranged from {low:.1f} to {high:.1f}.",
        "ru": "За {rounds} {rounds:plural:повтор|повтора|повторов} замера это отношение менялось от {low:.1f} до {high:.1f}.",
    },
    "activations.cost.machine": {
        "en": "These are this machine's figures, not yours: {arch}, {cores} {cores:plural:processor core|processor cores}, Python {python}, "
        "NumPy {numpy}. Each bar is the median of the function's runs in processor time. The functions take "
        "turns, round after round, so a busy moment of the machine hits them all alike. The whole measurement "
        "took {seconds:.2f} s. On another computer, or on a GPU, the numbers and even the order differ.",
        "ru": "Числа получены на этом сервере, а не на вашем компьютере: {arch}, ядер процессора: {cores}, "
        "Python {python}, NumPy {numpy}. Каждый столбик — медиана прогонов функции по процессорному времени. "
        "Функции запускаются по очереди, повтор за повтором, так что загруженность машины сказывается на всех "
        "одинаково. Весь замер занял {seconds:.2f}\u00a0с. На другом компьютере или на GPU числа и даже порядок "
        "функций будут другими.",
    },
    # Lesson 1, claim by claim
    "activations.elu.title": {"en": "Does ELU learn faster? Measured", "ru": "Учится ли сеть с ELU быстрее? Измерение"},
    "activations.elu.intro": {
        "en": "The ELU paper (Clevert, Unterthiner, Hochreiter 2015) reports that networks with ELU learn faster than with ReLU. Here the same network, {depth} hidden layers of {width} units (He initialization, SGD with momentum), learns {points} points of two circles with each function for {epochs} epochs. It does so for {n} seeds, each with its own data and first weights, the same for every function. The table counts the seeds in which the training loss got below {target:g}.",
        "ru": "Авторы ELU (Clevert, Unterthiner, Hochreiter, 2015) сообщают, что сети с ELU учатся быстрее, чем с ReLU. Здесь одна и та же сеть — {depth} {depth:plural:скрытый слой|скрытых слоя|скрытых слоёв} по {width} {width:plural:нейрону|нейрона|нейронов}, инициализация Хе, SGD с моментом — {epochs} {epochs:plural:эпоху|эпохи|эпох} учится разделять {points} {points:plural:точку|точки|точек} двух кругов с каждой функцией. Так делается на {n} {n:plural:зерне|зёрнах|зёрнах} генератора: у каждого свои данные и начальные веса, одни и те же для всех функций. Таблица считает запуски, в которых ошибка на обучающей выборке опустилась ниже {target:g}.",
    },
    "activations.elu.training": {"en": "Training {n} seeds with each function…", "ru": "Обучение {n} {n:plural:запуска|запусков|запусков} с каждой функцией…"},
    "activations.elu.activation": {"en": "Activation", "ru": "Функция активации"},
    "activations.elu.reached": {"en": "Loss below 0.1", "ru": "Ошибка ниже 0,1"},
    "activations.elu.of": {"en": "in {k} of {n}", "ru": "в {k} из {n}"},
    "activations.elu.epoch": {"en": "Epoch it got there: median (range)", "ru": "Эпоха, когда это случилось: медиана (разброс)"},
    "activations.elu.final": {"en": "Final training loss (median)", "ru": "Ошибка в конце (медиана)"},
    "activations.elu.verdict_holds": {
        "en": "**The claim holds here:** with ELU the training loss gets below {target:g} sooner than with ReLU in {sooner} of {n} seeds (ReLU sooner in {later}).",
        "ru": "**Здесь утверждение выполняется:** с ELU ошибка на обучающей выборке опускается ниже {target:g} раньше, чем с ReLU, в {sooner} из {n} {n:plural:запуска|запусков|запусков} (ReLU раньше — в {later}).",
    },
    "activations.elu.verdict_fails": {
        "en": "**Not here:** ReLU gets below {target:g} sooner in {later} of {n} seeds (ELU sooner in {sooner}).",
        "ru": "**Здесь — нет:** ReLU опускается ниже {target:g} раньше в {later} из {n} {n:plural:запуска|запусков|запусков} (ELU раньше — в {sooner}).",
    },
    "activations.elu.verdict_mixed": {
        "en": "No rule here: ELU gets below {target:g} sooner in {sooner} of {n} seeds, ReLU in {later}.",
        "ru": "Правила здесь нет: ELU опускается ниже {target:g} раньше в {sooner} из {n} {n:plural:запуска|запусков|запусков}, ReLU — в {later}.",
    },
    "activations.claims.title": {"en": "Lesson 1, claim by claim", "ru": "Урок 1 по пунктам"},
    "activations.claims.intro": {
        "en": "What the lesson says about each function, next to what this page measures at the current settings. "
        "Move a control and the numbers and verdicts follow. The paper behind ELU: Clevert, Unterthiner, "
        "Hochreiter, [Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs)]({paper}), 2015.",
        "ru": "Что урок говорит о каждой функции — и что эта страница измеряет при текущих настройках. "
        "Поменяйте настройку — числа и оценки изменятся вместе с ней. Статья об ELU: Clevert, Unterthiner, "
        "Hochreiter, [Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs)]({paper}), 2015.",
    },
    "activations.claims.fn": {"en": "Function", "ru": "Функция"},
    "activations.claims.says": {"en": "The lesson says", "ru": "В уроке"},
    "activations.claims.measured": {"en": "Measured here", "ru": "Измерено здесь"},
    "activations.claims.verdict": {"en": "Holds?", "ru": "Верно?"},
    "activations.claims.hidden": {
        "en": "Shown once the answer to the question on vanishing gradients is revealed.",
        "ru": "Появится, когда будет открыт ответ на вопрос о затухании градиента.",
    },
    "activations.claims.legend": {
        "en": "✓ holds here · ≈ partly, or only at some settings · ✗ does not hold here · — not measured on this page.",
        "ru": "✓ подтверждается · ≈ отчасти или только при некоторых настройках · ✗ здесь не подтверждается · — на этой странице не измеряется.",
    },
    "activations.claim.sigmoid_weak.says": {"en": "It is used because it amplifies weak signals.", "ru": "Её используют, потому что она усиливает слабые сигналы."},
    "activations.claim.sigmoid_weak.measured": {
        "en": "Its slope is largest for weak signals (x near 0), yet even there it is only {slope}: a small change comes out {shrink:g} {shrink:plural:time|times} smaller. What it does to strong signals is squash them into (0, 1).",
        "ru": "Наклон наибольший для слабых сигналов (x около 0), но и там он всего {slope}: малое изменение входа на выходе становится в {shrink:g} {shrink:plural:раз|раза|раз} меньше. Сильные же сигналы она сжимает в интервал (0; 1).",
    },
    "activations.claim.sigmoid_saturates.says": {"en": "Saturates, which makes gradients vanish.", "ru": "Насыщается и приводит к затуханию градиентов."},
    "activations.claim.sigmoid_saturates.measured": {
        "en": "f′ is below {percent} of its peak for {where}. Through {depth} {depth:plural:layer|layers} the gradient reaching layer 1 is {sigmoid_grad} of the output's (ReLU: {relu_grad}).",
        "ru": "f′ меньше {percent} от максимума при {where}. Через {depth} {depth:plural:слой|слоя|слоёв} до первого слоя доходит {sigmoid_grad} от градиента на выходе (у ReLU — {relu_grad}).",
    },
    "activations.claim.sigmoid_centre.says": {"en": "Not zero-centred.", "ru": "Не центрирована в нуле."},
    "activations.claim.sigmoid_centre.measured": {
        "en": "Mean output for x ~ N(0, 1): {mean}.",
        "ru": "Среднее на выходе при x ~ N(0; 1): {mean}.",
    },
    "activations.claim.sigmoid_cost.says": {"en": "Expensive to compute.", "ru": "Дорого вычислять."},
    "activations.claim.sigmoid_cost.measured": {
        "en": "{ns} ns per value, {ratio:g} {ratio:plural:time|times} ReLU's {relu_ns} ns (this machine, NumPy).",
        "ru": "{ns}\u00a0нс на значение — в {ratio:g} {ratio:plural:раз|раза|раз} больше, чем у ReLU ({relu_ns}\u00a0нс; на этом сервере, NumPy).",
    },
    "activations.claim.tanh_centre.says": {
        "en": "Zero-centred: negative inputs give negative outputs, and zero gives about zero.",
        "ru": "Центрирована в нуле: отрицательные входы дают отрицательные выходы, а ноль — около нуля.",
    },
    "activations.claim.tanh_centre.measured": {
        "en": "Mean output for x ~ N(0, 1): {mean}. The sign of tanh(x) equals the sign of x at every point tested, tanh(0) included: {sign}.",
        "ru": "Среднее на выходе при x ~ N(0; 1): {mean}. Знак tanh(x) совпадает со знаком x во всех проверенных точках (и tanh(0) = 0): {sign}.",
    },
    "activations.claim.tanh_saturates.says": {"en": "Still saturates, like the sigmoid.", "ru": "Всё так же насыщается, как сигмоида."},
    "activations.claim.tanh_saturates.measured": {
        "en": "f′ is below {percent} of its peak for {where} ({share} of inputs x ~ N(0, 1)). But its peak slope is {slope}, not ¼, so more survives {depth} {depth:plural:layer|layers}: {tanh_grad} at layer 1 (sigmoid: {sigmoid_grad}).",
        "ru": "f′ меньше {percent} от максимума при {where} ({share} входов x ~ N(0; 1)). Но её наибольший наклон — {slope}, а не ¼, поэтому через {depth} {depth:plural:слой|слоя|слоёв} проходит больше: {tanh_grad} в первом слое (у сигмоиды — {sigmoid_grad}).",
    },
    "activations.claim.relu_cost.says": {"en": "Fast to compute.", "ru": "Быстро считается."},
    "activations.claim.relu_cost.measured": {
        "en": "{ns} ns per value: number {rank} of {count} in speed.",
        "ru": "{ns}\u00a0нс на значение: {rank}-е место из {count} по быстроте.",
    },
    "activations.claim.relu_no_vanishing.says": {"en": "Gradients do not vanish for x > 0.", "ru": "Градиенты не затухают при x > 0."},
    "activations.claim.relu_no_vanishing.measured": {
        "en": "The smallest f′(x) over x > 0 is {slope}, so the derivative does not shrink the gradient there. Through {depth} {depth:plural:layer|layers} the gradient reaching layer 1 is {relu_grad}; that also depends on the weight scale.",
        "ru": "Наименьшее f′(x) при x > 0 равно {slope}, так что производная там градиент не уменьшает. Через {depth} {depth:plural:слой|слоя|слоёв} до первого слоя доходит {relu_grad}; это зависит и от масштаба весов.",
    },
    "activations.claim.relu_centre.says": {"en": "Not zero-centred.", "ru": "Не центрирована в нуле."},
    "activations.claim.relu_centre.measured": {
        "en": "Mean output for x ~ N(0, 1): {mean}.",
        "ru": "Среднее на выходе при x ~ N(0; 1): {mean}.",
    },
    "activations.claim.relu_dead.says": {"en": "No activation, no update.", "ru": "Нет активации — нет обновления."},
    "activations.claim.relu_dead.measured": {
        "en": "f′ = 0 for {dead} of inputs x ~ N(0, 1). With bias b = {shift}, {never} of the layer's {units} {units:plural:unit|units} fired for none of {batch} {batch:plural:sample|samples}, and their weights get exactly zero gradient.",
        "ru": "f′ = 0 для {dead} входов x ~ N(0; 1). При смещении b = {shift} ни на одном из {batch} {batch:plural:объекта|объектов|объектов} не активировались {never} нейронов слоя (всего в нём {units} {units:plural:нейрон|нейрона|нейронов}); их веса получают ровно нулевой градиент.",
    },
    "activations.claim.leaky_updates.says": {"en": "There are always updates.", "ru": "Обновления будут всегда."},
    "activations.claim.leaky_updates.measured": {
        "en": "For x < 0: f′ = α = {alpha}. Inputs x ~ N(0, 1) with zero gradient: {dead}. Units without any gradient at bias b = {shift}: {never}.",
        "ru": "При x < 0: f′ = α = {alpha}. Доля входов x ~ N(0; 1) с нулевым градиентом: {dead}. Доля нейронов совсем без градиента при b = {shift}: {never}.",
    },
    "activations.claim.leaky_centre.says": {"en": "Roughly zero-centred.", "ru": "Примерно центрирована в нуле."},
    "activations.claim.leaky_centre.measured": {
        "en": "Mean output for x ~ N(0, 1) at α = {alpha}: {mean}, next to ReLU's {relu_mean}. Only a large α moves it towards 0.",
        "ru": "Среднее на выходе при x ~ N(0; 1) и α = {alpha}: {mean} — почти как {relu_mean} у ReLU. К нулю его сдвигает только большое α.",
    },
    "activations.claim.leaky_not_one.says": {"en": "α ≠ 1.", "ru": "α ≠ 1."},
    "activations.claim.leaky_not_one.measured": {
        "en": "At α = {alpha} the largest |f(x) − x| on [−1, 1] is {gap}. At α = 1 it is 0: the function is the identity, and a stack of such layers is a single linear map.",
        "ru": "При α = {alpha} наибольшее |f(x) − x| на [−1; 1] равно {gap}. При α = 1 оно равно 0: функция тождественная, и сеть из таких слоёв — одно линейное преобразование.",
    },
    "activations.claim.elu_centre.says": {"en": "Roughly zero-centred.", "ru": "Примерно центрирована в нуле."},
    "activations.claim.elu_centre.measured": {
        "en": "Mean output for x ~ N(0, 1) at α = {alpha}: {mean} (ReLU: {relu_mean}). After {depth} {depth:plural:layer|layers} the outputs' mean ÷ RMS is {elu_off} (ReLU: {relu_off}).",
        "ru": "Среднее на выходе при x ~ N(0; 1) и α = {alpha}: {mean} (у ReLU — {relu_mean}). После {depth} {depth:plural:слоя|слоёв|слоёв} среднее ÷ RMS выходов равно {elu_off} (у ReLU — {relu_off}).",
    },
    "activations.claim.elu_exponential.says": {"en": "Uses an exponential for negative inputs.", "ru": "Для отрицательных аргументов использует экспоненту."},
    "activations.claim.elu_exponential.measured": {
        "en": "Its outputs fill {range}: as x → −∞ it levels off at −α, where Leaky ReLU keeps falling.",
        "ru": "Её значения заполняют {range}: при x → −∞ она выходит на уровень −α, тогда как Leaky ReLU продолжает убывать.",
    },
    "activations.claim.elu_faster.says": {
        "en": "Converges faster than ReLU and gives more accurate results.",
        "ru": "Сходится быстрее ReLU и даёт более точные результаты.",
    },
    "activations.claim.elu_faster.measured": {
        "en": "Not measured on this page: it is what [Clevert et al., 2015](https://arxiv.org/abs/1511.07289) report for deep networks on image benchmarks. Measured here is the reason they give: outputs closer to zero mean (above), and a gradient for negative inputs (units without any gradient at bias b = {shift}: {never}).",
        "ru": "На этой странице не измеряется: это результат [Clevert и др., 2015](https://arxiv.org/abs/1511.07289) для глубоких сетей на задачах с изображениями. Здесь измерена причина, которую они называют: выходы ближе к нулевому среднему (см. выше) и градиент при отрицательных входах (доля нейронов совсем без градиента при b = {shift}: {never}).",
    },
    "activations.predict": {
        "en": "Through {depth} {depth:plural:layer|layers}, which function passes the largest gradient back to layer 1?",
        "ru": "Какая функция через {depth} {depth:plural:слой|слоя|слоёв} донесёт до первого слоя самый большой градиент?",
    },
    "activations.differs.sigmoid_says": {
        "en": "sigmoid is used because it amplifies weak signals.",
        "ru": "сигмоиду используют, потому что она позволяет усиливать слабые сигналы.",
    },
    "activations.differs.sigmoid_measured": {
        "en": "its slope is at most {slope:.3g}, at 0: a small change of a weak signal near 0 comes out at least "
        "{shrink:g} {shrink:plural:time|times} smaller. Sigmoid squashes; it amplifies nothing.",
        "ru": "её наклон нигде не больше {slope:.3g} (наибольший он в нуле): малое изменение слабого сигнала около "
        "нуля проходит на выход уменьшенным как минимум в {shrink:g} {shrink:plural:раз|раза|раз}. Сигмоида сжимает "
        "сигнал, а не усиливает его.",
    },
    "activations.differs.leaky_says": {
        "en": "Leaky ReLU is roughly zero-centred.",
        "ru": "Leaky ReLU примерно центрирована в нуле.",
    },
    "activations.differs.leaky_measured": {
        "en": "for inputs from N(0, 1) and α = {alpha:g} its mean output is {leaky:.3f}, against ReLU's {relu:.3f}, "
        "with a standard deviation of {leaky_std:.3f}. It is no closer to zero in any useful sense unless α is large.",
        "ru": "при входах из N(0; 1) и α = {alpha:g} её среднее на выходе равно {leaky:.3f}, у ReLU — {relu:.3f}, а "
        "стандартное отклонение — {leaky_std:.3f}. Заметно ближе к нулю среднее становится только при большом α.",
    },
    "activations.experiment.saturation": {
        "en": "Saturation: through 30 layers the sigmoid's gradient fades almost to nothing; with the same weights "
        "(s = 1.5) tanh's and ReLU's do not",
        "ru": "Насыщение: через 30 слоёв градиент сигмоиды затухает почти до нуля, а у tanh и ReLU при тех же весах "
        "(s = 1,5) — нет",
    },
    "activations.experiment.dead_relu": {
        "en": "Dead ReLU: with every bias at −3 most ReLU units never fire; Leaky ReLU (α = 0.01) and ELU (α = 1) still pass a gradient",
        "ru": "«Мёртвые» ReLU: при смещении b = −3 большая часть нейронов ReLU ни разу не активируется, а Leaky ReLU (α = 0,01) и ELU (α = 1) градиент пропускают",
    },
    "activations.experiment.centring": {
        "en": "Zero-centring: the mean output of each function for inputs from N(0, 1)",
        "ru": "Центрирование: среднее на выходе каждой функции при входах из N(0; 1)",
    },
}
