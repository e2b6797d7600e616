"""Texts of the initialization lab (lesson 2)."""

TEXT = {
    # Names
    "initialization.scheme.small_normal": {"en": "Normal, small σ", "ru": "Нормальная, малое σ"},
    "initialization.scheme.unit_normal": {"en": "Normal, σ = 1", "ru": "Нормальная, σ = 1"},
    "initialization.scheme.standard_uniform": {"en": "Uniform ±1/√n", "ru": "Равномерная ±1/√n"},
    "initialization.scheme.lecun_normal": {"en": "LeCun normal", "ru": "LeCun, нормальная"},
    "initialization.scheme.xavier_normal": {"en": "Xavier normal", "ru": "Xavier, нормальная"},
    "initialization.scheme.xavier_uniform": {"en": "Xavier uniform", "ru": "Xavier, равномерная"},
    "initialization.scheme.he_normal": {"en": "He normal", "ru": "Хе, нормальная"},
    "initialization.scheme.he_uniform": {"en": "He uniform", "ru": "Хе, равномерная"},
    "initialization.activation.linear": {"en": "linear (no activation)", "ru": "линейная (без активации)"},
    "initialization.activation.tanh": {"en": "tanh", "ru": "tanh"},
    "initialization.activation.sigmoid": {"en": "Sigmoid", "ru": "сигмоида"},
    "initialization.activation.relu": {"en": "ReLU", "ru": "ReLU"},
    "initialization.activation.leaky_relu": {"en": "Leaky ReLU", "ru": "Leaky ReLU"},
    "initialization.activation.elu": {"en": "ELU", "ru": "ELU"},
    "initialization.activation.gelu": {"en": "GELU", "ru": "GELU"},
    "initialization.data.circles": {"en": "circles", "ru": "круги"},
    "initialization.data.moons": {"en": "moons", "ru": "полумесяцы"},
    "initialization.data.xor": {"en": "XOR", "ru": "XOR"},
    "initialization.data.spirals": {"en": "spirals", "ru": "спирали"},
    "initialization.start.zeros": {"en": "All weights 0", "ru": "Все веса 0"},
    "initialization.start.constant": {"en": "All weights = {value:g}", "ru": "Все веса = {value:g}"},
    "initialization.start.random": {"en": "Random, N(0, {std:g}²)", "ru": "Случайные, N(0; {std:g}²)"},
    "initialization.glorot.forward": {"en": "1/nᵢₙ (forward)", "ru": "1/nᵢₙ (прямой проход)"},
    "initialization.glorot.backward": {"en": "1/nₒᵤₜ (backward)", "ru": "1/nₒᵤₜ (обратный проход)"},
    "initialization.glorot.average": {"en": "2/(nᵢₙ + nₒᵤₜ) (Xavier)", "ru": "2/(nᵢₙ + nₒᵤₜ) (Xavier)"},
    # Page
    "initialization.title": {"en": "Weight initialization", "ru": "Инициализация весов"},
    "initialization.intro": {
        "en": "Before the first step of training every weight needs a value. Lesson 2 makes two points. Zero "
        "weights trap a network in a symmetry that training never breaks. Random weights need the right variance, "
        "or the signal shrinks or grows from layer to layer. Each point is measured below. First comes the "
        "symmetry, then Bienaymé's formula for one layer. Then a deep network is followed layer by layer for each "
        "initializer, with the theory beside the measurement. Last come Glorot's compromise and the same network "
        "trained from each start.",
        "ru": "Перед первым шагом обучения каждому весу нужно начальное значение. Во втором уроке два главных тезиса. "
        "Нулевые веса загоняют сеть в симметрию, которую обучение уже не разрушит. Случайным весам нужна "
        "правильная дисперсия, иначе сигнал от слоя к слою затухает или растёт. Ниже каждый тезис проверен "
        "измерением. Сначала симметрия, затем формула Бьенеме для одного слоя. Затем глубокая сеть слой за слоем "
        "при каждой инициализации, измерение рядом с теорией. В конце — компромисс Xavier (Glorot и Bengio, 2010) и одна и та же сеть, "
        "обученная с разных стартов.",
    },
    "initialization.seed_help": {
        "en": "Draws every random number of the page: the data, the weights, the inputs of the deep network and the "
        "order of the batches.",
        "ru": "Задаёт все случайные числа страницы: данные, веса, входы глубокой сети и порядок батчей.",
    },
    "initialization.activation": {"en": "Activation", "ru": "Функция активации"},
    "initialization.data": {"en": "Data set", "ru": "Набор данных"},
    "initialization.schemes": {"en": "Initializers", "ru": "Инициализации"},
    "initialization.schemes_help": {
        "en": "Drawn in the deep network and trained in the last section.",
        "ru": "Эти инициализации показаны в разделе о глубокой сети, и с них же обучается сеть в последнем разделе.",
    },
    "initialization.none": {
        "en": "Choose at least one initializer in the sidebar.",
        "ru": "Выберите на боковой панели хотя бы одну инициализацию.",
    },
    # 1. The symmetry trap
    "initialization.symmetry.title": {"en": "The symmetry trap", "ru": "Ловушка симметрии"},
    "initialization.symmetry.units": {"en": "Hidden units n", "ru": "Нейронов в скрытом слое n"},
    "initialization.symmetry.constant": {"en": "Equal start: every weight = c", "ru": "Равный старт: каждый вес = c"},
    "initialization.symmetry.constant_help": {
        "en": "The second start sets every weight to c (biases 0). c = 0 is the same as the all-zero start.",
        "ru": "Второй старт задаёт всем весам значение c (смещения 0). При c = 0 он совпадает со стартом с нулевых "
        "весов.",
    },
    "initialization.symmetry.std": {"en": "Random start: σ", "ru": "Случайный старт: σ"},
    "initialization.symmetry.std_help": {
        "en": "The third start draws every weight from N(0, σ²) (biases 0).",
        "ru": "Третий старт берёт каждый вес из N(0; σ²) (смещения 0).",
    },
    "initialization.symmetry.steps": {"en": "Gradient descent steps", "ru": "Шагов градиентного спуска"},
    "initialization.symmetry.intro": {
        "en": "A network with one hidden layer of n units learns to separate two classes by gradient descent. It "
        "learns three times on the same data: from all-zero weights, from all weights equal to c, and from small "
        "random weights. The upper charts show the first layer's weights at every step, one row per weight: from "
        "x₁ to units 1…n, then from x₂. Units with equal weights compute the same thing. Below each chart: the "
        "boundary the network drew.",
        "ru": "Сеть с одним скрытым слоем из n нейронов учится разделять два класса градиентным спуском. Она "
        "обучается трижды на одних и тех же данных: с нулевых весов, с весов, равных c, и с малых случайных весов. "
        "На верхних графиках — веса первого слоя на каждом шаге, по строке на вес: сначала от x₁ к нейронам 1…n, "
        "затем от x₂. Нейроны с одинаковыми весами вычисляют одно и то же. Под каждым графиком — разделяющая "
        "граница, которую провела сеть.",
    },
    "initialization.symmetry.boundary": {"en": "Decision boundary", "ru": "Разделяющая граница"},
    "initialization.symmetry.exactly_zero": {"en": "0 (exactly)", "ru": "0 (ровно)"},
    "initialization.symmetry.result": {
        "en": "Distinct hidden units: **{distinct} of {units}** · largest difference between two units: **{spread}** "
        "· accuracy {accuracy:.0f}% · loss {loss:.3g}",
        "ru": "Различных нейронов: **{distinct} из {units}** · наибольшая разница между двумя нейронами: "
        "**{spread}** · точность {accuracy:.0f}% · ошибка {loss:.3g}",
    },
    "initialization.symmetry.caption": {
        "en": "{points} points, {steps} {steps:plural:step|steps} of full-batch gradient descent, biases start at 0. "
        "Weights: blue negative, white 0, red positive, on one scale for all three charts. Units count as distinct "
        "when their weights and biases differ in any bit.",
        "ru": "{points} {points:plural:точка|точки|точек}, {steps} {steps:plural:шаг|шага|шагов} градиентного "
        "спуска по всей выборке, начальные смещения равны 0. Цвет веса: синий — отрицательный, белый — 0, красный "
        "— положительный; шкала общая для всех трёх графиков. Нейроны считаются различными, если их веса и "
        "смещения отличаются хотя бы в одном бите.",
    },
    "initialization.symmetry.why": {
        "en": "**Why the units stay equal.** Units with equal weights compute equal values, so backpropagation "
        "sends each of them the same gradient, and every step moves them alike. Only different starting values "
        "tell the units apart, and that is what a random start gives. A layer of n equal units is one unit copied "
        "n times: the network can draw only what a single hidden unit can, a straight boundary.",
        "ru": "**Почему нейроны остаются одинаковыми.** Нейроны с одинаковыми весами вычисляют одинаковые "
        "значения. Поэтому обратное распространение ошибки даёт каждому из них один и тот же градиент, и каждый "
        "шаг сдвигает их одинаково. Различить нейроны могут только разные начальные значения — их и даёт случайный "
        "старт. Слой из n одинаковых нейронов — это один нейрон, повторённый n раз. Сеть может провести лишь ту же "
        "границу, что и один скрытый нейрон, — прямую.",
    },
    "initialization.symmetry.seed": {
        "en": "The data and the random start depend on the seed (now {seed}). The two equal starts draw nothing at "
        "random: their units stay equal on the data of every seed.",
        "ru": "Данные и случайный старт зависят от зерна генератора (сейчас {seed}). В двух стартах с равными "
        "весами нет ничего случайного: при любом зерне их нейроны остаются одинаковыми.",
    },
    # 2. Bienaymé
    "initialization.bienayme.title": {"en": "The variance before the activation", "ru": "Дисперсия до активации"},
    "initialization.bienayme.fan_in_help": {"en": "The number of inputs of each unit.",
                                            "ru": "Число входов каждого нейрона."},
    "initialization.bienayme.mean": {"en": "Inputs' mean μ", "ru": "Среднее входов μ"},
    "initialization.bienayme.mean_help": {
        "en": "The inputs are drawn from N(μ, Var(x)).",
        "ru": "Входы берутся из N(μ; Var(x)).",
    },
    "initialization.bienayme.intro": {
        "en": "A unit adds up $n_\\text{in}$ weighted inputs, $z = \\sum_i w_i x_i$. Take one unit, its weights fixed, and feed it the data: the terms are independent, so the variance of their sum is the sum of their variances (Bienaymé's formula), $\\mathrm{Var}(x)\\sum_i w_i^2$. Averaged over weights drawn with variance $\\mathrm{Var}(W)$ this is the lesson's $n_\\text{in}\\,\\mathrm{Var}(W)\\,\\mathrm{Var}(x)$, whatever the inputs' mean. The unit's mean is $\\mu\\sum_i w_i$: 0 only when the inputs have mean 0. Move $n_\\text{in}$: the variance grows with the number of inputs unless $\\mathrm{Var}(W)$ shrinks as $1/n_\\text{in}$.",
        "ru": 'Нейрон складывает $n_\\text{in}$ взвешенных входов: $z = \\sum_i w_i x_i$. Возьмём один нейрон с фиксированными весами и подадим ему данные. Слагаемые независимы, поэтому дисперсия суммы равна сумме дисперсий (формула Бьенеме): $\\mathrm{Var}(x)\\sum_i w_i^2$. В среднем по весам с дисперсией $\\mathrm{Var}(W)$ это формула урока $n_\\text{in}\\,\\mathrm{Var}(W)\\,\\mathrm{Var}(x)$ — каким бы ни было среднее входов. Среднее нейрона равно $\\mu\\sum_i w_i$: оно равно 0, только если у входов среднее 0. Подвигайте $n_\\text{in}$: дисперсия растёт с числом входов, если $\\mathrm{Var}(W)$ не уменьшать как $1/n_\\text{in}$.',
    },
    "initialization.bienayme.one_unit": {
        "en": "**One unit over the data:** its variance is **{within}** on average over the units, the lesson's formula nᵢₙ·Var(W)·Var(x) = **{lesson}**. Its mean μ·Σw differs from unit to unit (standard deviation **{means}** across the units).",
        "ru": "**Один нейрон на данных:** его дисперсия в среднем по нейронам **{within}** — это формула урока nᵢₙ·Var(W)·Var(x) = **{lesson}**. Его среднее μ·Σw у каждого нейрона своё (стандартное отклонение по нейронам **{means}**).",
    },
    "initialization.bienayme.numbers": {
        "en": "**All the layer's values together** (what the histogram shows): mean **{mean}**, variance **{variance}** = {within} within the units + {between} between their means. Counting the inputs' mean, nᵢₙ·Var(W)·(Var(x) + μ²) = **{predicted}**: the lesson's {lesson} describes the whole layer only when μ = 0. Sampling error of this measurement: ±{error} (two standard errors).",
        "ru": '**Все значения слоя вместе** (их показывает гистограмма): среднее **{mean}**, дисперсия **{variance}** = {within} (внутри нейронов) + {between} (между их средними). С учётом среднего входов nᵢₙ·Var(W)·(Var(x) + μ²) = **{predicted}**: формула урока ({lesson}) описывает весь слой, только если μ = 0. Случайная погрешность этого измерения: ±{error} (две стандартные ошибки).',
    },
    "initialization.bienayme.caption": {
        "en": "{batch} inputs through {units} units, every number drawn independently: the histogram of all values "
        "of z, and the normal density the formula predicts. For normal inputs and weights the ± follows exactly "
        "from the batch, the number of units and nᵢₙ. The measured variance lands within it in about 95 runs out "
        "of 100.",
        "ru": "Батч из {batch} {batch:plural:объекта|объектов|объектов} проходит через {units} "
        "{units:plural:нейрон|нейрона|нейронов}, все числа выбраны независимо. Гистограмма — все значения z, "
        "кривая — нормальная плотность, которую предсказывает формула. Для нормальных входов и весов погрешность ± "
        "точно определяется размером батча, числом нейронов и nᵢₙ. Измеренная дисперсия попадает в эти пределы "
        "примерно в 95 запусках из 100.",
    },
    # 3. The deep network
    "initialization.stack.title": {"en": "Layer by layer through a deep network",
                                   "ru": "Слой за слоем через глубокую сеть"},
    "initialization.stack.depth": {"en": "Layers L", "ru": "Слоёв L"},
    "initialization.stack.width": {"en": "Units per layer n", "ru": "Нейронов в слое n"},
    "initialization.stack.input_variance": {"en": "Var(x) of the inputs", "ru": "Var(x) входов"},
    "initialization.stack.small_std": {"en": "σ of the small normal", "ru": "σ малой нормальной инициализации"},
    "initialization.stack.small_std_help": {
        "en": "The fixed-scale start N(0, σ²); 0.01 is CS231n's example. Its variance ignores the size of the "
        "layer.",
        "ru": "Старт фиксированного масштаба N(0; σ²); 0,01 — значение из курса CS231n. Его дисперсия не зависит "
        "от размера слоя.",
    },
    "initialization.stack.intro": {
        "en": "A network of L layers of n units without biases, $z_l = a_{l-1}W_l$ and $a_l = f(z_l)$, gets inputs "
        "of variance Var(x). A gradient of variance 1 is sent back from the top. Left: the standard deviation of "
        "every layer's activations. Right: the size of the gradient $\\partial L/\\partial z_l$ that reaches every "
        "layer. Both axes are logarithmic, one colour per initializer. Solid lines are measured on one random "
        "network, dotted lines are the theory. A falling line is a signal that vanishes, a rising one explodes; a "
        "flat line is what an initializer aims for.",
        "ru": "Сеть из L слоёв по n нейронов без смещений, $z_l = a_{l-1}W_l$ и $a_l = f(z_l)$, получает входы с "
        "дисперсией Var(x). Сверху назад отправляется градиент с дисперсией 1. Слева — стандартное отклонение "
        "активаций каждого слоя. Справа — величина градиента $\\partial L/\\partial z_l$, дошедшего до каждого "
        "слоя. Обе шкалы логарифмические, у каждой инициализации свой цвет. Сплошные линии измерены на одной "
        "случайной сети, пунктирные — теория. Падающая линия означает, что сигнал затухает, растущая — что он "
        "взрывается; ровная линия — то, к чему стремится инициализация.",
    },
    "initialization.stack.caption": {
        "en": "One network of {depth} {depth:plural:layer|layers} × {width} units (seed {seed}); each point is "
        "measured over {samples} values, a batch of {batch} inputs. All layers have the same width, so nᵢₙ = nₒᵤₜ "
        "and LeCun's variance equals Xavier's; layers of different widths are in Glorot's compromise below.",
        "ru": "Одна сеть из {depth} {depth:plural:слоя|слоёв|слоёв} по {width} "
        "{width:plural:нейрону|нейрона|нейронов} (зерно {seed}). Каждая точка измерена по {samples} "
        "{samples:plural:значению|значениям|значениям} (батч из {batch} {batch:plural:объекта|объектов|объектов}). "
        "Все слои одной ширины, поэтому nᵢₙ = nₒᵤₜ и дисперсия LeCun совпадает с дисперсией Xavier; слои разной "
        "ширины — ниже, в компромиссе Xavier.",
    },
    "initialization.stack.theory": {
        "en": "**The theory.** Each layer multiplies the second moment of the signal by $n\\,\\mathrm{Var}(W)$ and by "
        "the share the activation keeps, $\\mathbb E[f(z)^2]/\\mathbb E[z^2]$: 1 for a linear layer and for tanh near "
        "0, exactly ½ for ReLU. Backwards the factor is $n\\,\\mathrm{Var}(W)\\,\\mathbb E[f'(z)^2]$. The "
        "pre-activations are taken to be normal, which wide layers make almost true (Glorot & Bengio 2010; He et al. "
        "2015).",
        "ru": "**Теория.** Каждый слой умножает второй момент сигнала на $n\\,\\mathrm{Var}(W)$ и на долю, которую "
        "сохраняет активация, $\\mathbb E[f(z)^2]/\\mathbb E[z^2]$: 1 для линейного слоя и для tanh около нуля, "
        "ровно ½ для ReLU. При обратном проходе множитель равен $n\\,\\mathrm{Var}(W)\\,\\mathbb E[f'(z)^2]$. Значения "
        "до активации считаются нормально распределёнными; в широких слоях это почти так (Glorot и Bengio, 2010; "
        "Хе и др., 2015).",
    },
    "initialization.stack.he": {
        "en": "**Why He has the 2.** For ReLU, $\\mathbb E[\\mathrm{{ReLU}}(z)^2] = \\mathbb E[z^2]/2$: half of the inputs "
        "become 0. To keep the signal, $n\\,\\mathrm{{Var}}(W)\\cdot\\frac12$ must be 1, so $\\mathrm{{Var}}(W) = 2/n$, "
        "twice LeCun's and Xavier's $1/n$. The share of the second moment that {activation} keeps in layer 1, "
        "measured here with {scheme}: $\\mathbb E[f(z)^2]/\\mathbb E[z^2]$ = **{ratio:.3f}**.",
        "ru": "**Откуда у Хе двойка.** Для ReLU $\\mathbb E[\\mathrm{{ReLU}}(z)^2] = \\mathbb E[z^2]/2$: половина "
        "значений обращается в 0. Чтобы сигнал сохранялся, $n\\,\\mathrm{{Var}}(W)\\cdot\\frac12$ должно равняться "
        "1, то есть $\\mathrm{{Var}}(W) = 2/n$ — вдвое больше, чем $1/n$ у LeCun и Xavier. Измерено здесь в слое 1 "
        "(функция активации — {activation}, инициализация «{scheme}»): активация сохраняет долю второго момента "
        "$\\mathbb E[f(z)^2]/\\mathbb E[z^2]$ = **{ratio:.3f}**.",
    },
    "initialization.stack.drift": {
        "en": "He keeps the *expected* second moment steady, but one network still wanders: every layer multiplies "
        "it by a random factor with mean 1 and a spread of about √(5/n). After {depth} layers of {width} units the "
        "usual range (two standard deviations) runs from ×{low:.2f} to ×{high:.2f}. A measured line that wanders "
        "within it is what the theory predicts, not a failure; the gain per layer in the table averages it out.",
        "ru": "Инициализация Хе сохраняет *ожидаемый* второй момент, но отдельная сеть всё равно блуждает: каждый "
        "слой умножает его на случайный множитель со средним 1 и разбросом около √(5/n). После {depth} "
        "{depth:plural:слоя|слоёв|слоёв} по {width} {width:plural:нейрону|нейрона|нейронов} обычный диапазон (два "
        "стандартных отклонения) — от ×{low:.2f} до ×{high:.2f}. Измеренная линия, блуждающая в этих пределах, — "
        "это предсказание теории, а не сбой; усиление на слой в таблице это блуждание усредняет.",
    },
    "initialization.predict": {
        "en": "With {activation}, which initializer best keeps the activations' spread from layer 1 to layer {depth}?",
        "ru": "Функция активации — {activation}. Какая инициализация лучше всех сохранит разброс активаций от слоя 1 "
        "до слоя {depth}?",
    },
    "initialization.hist.title": {"en": "The distribution in every layer", "ru": "Распределение в каждом слое"},
    "initialization.hist.scheme": {"en": "Initializer of the histograms", "ru": "Инициализация для гистограмм"},
    "initialization.hist.intro": {
        "en": "How the activations of every layer are spread, for one initializer. Left: a few layers as lines, as "
        "in the lesson's figure of a tanh network. Right: all layers at once, one row per layer, darker where more "
        "values lie. All layers share one value axis, so a distribution that narrows from layer to layer is seen "
        "narrowing.",
        "ru": "Как распределены активации каждого слоя при одной инициализации. Слева — несколько слоёв линиями, "
        "как на рисунке урока с tanh-сетью. Справа — все слои сразу, по строке на слой; чем больше значений, тем "
        "темнее. Ось значений у всех слоёв общая, поэтому сужение распределения от слоя к слою видно на глаз.",
    },
    "initialization.hist.zeros": {
        "en": "For {activation} the first bin also holds every value that is exactly 0: about half of them, the units "
        "switched off.",
        "ru": "У {activation} в первый столбец попадают и все значения, равные ровно 0, — примерно половина: это нейроны, "
        "выход которых обнулился.",
    },
    "initialization.hist.caption": {
        "en": "{scheme}, {activation}: the first {samples} values of each layer. The value axis covers every layer's "
        "values within four standard deviations of its mean.",
        "ru": "Инициализация «{scheme}», функция активации {activation}. Для каждого слоя взяты первые {samples} "
        "{samples:plural:значение|значения|значений}. Ось значений охватывает у каждого слоя значения в пределах "
        "четырёх стандартных отклонений от его среднего.",
    },
    # 4. Glorot's compromise
    "initialization.glorot.title": {"en": "Glorot's compromise", "ru": "Компромисс Xavier (Glorot и Bengio)"},
    "initialization.glorot.intro": {
        "en": "In a layer with $n_\\text{in}$ inputs and $n_\\text{out}$ outputs, the forward pass multiplies the "
        "variance by $n_\\text{in}\\mathrm{Var}(W)$. The backward pass multiplies the gradient's variance by "
        "$n_\\text{out}\\mathrm{Var}(W)$. The first is 1 for $\\mathrm{Var}(W) = 1/n_\\text{in}$, the second for "
        "$1/n_\\text{out}$: both hold only when $n_\\text{in} = n_\\text{out}$. Glorot and Bengio (2010) take the "
        "harmonic mean of the two, $2/(n_\\text{in}+n_\\text{out})$: a compromise that keeps each factor between "
        "the two extremes, exactly 1 for neither. Bars: the formulas; diamonds: measured on one layer.",
        "ru": "В слое с $n_\\text{in}$ входами и $n_\\text{out}$ выходами прямой проход умножает дисперсию на "
        "$n_\\text{in}\\mathrm{Var}(W)$. Обратный проход умножает дисперсию градиента на "
        "$n_\\text{out}\\mathrm{Var}(W)$. Первый множитель равен 1 при $\\mathrm{Var}(W) = 1/n_\\text{in}$, "
        "второй — при $1/n_\\text{out}$: оба сразу — только если $n_\\text{in} = n_\\text{out}$. Glorot и Bengio "
        "(2010) берут среднее гармоническое этих двух дисперсий, $2/(n_\\text{in}+n_\\text{out})$. Это компромисс: "
        "ни один множитель не равен 1 точно, оба лежат между крайними значениями. Столбики — формулы, ромбы — "
        "измерение на одном слое.",
    },
    "initialization.glorot.candidate": {"en": "Var(W) chosen by", "ru": "Var(W) выбрана по"},
    "initialization.glorot.forward_column": {
        "en": "Forward nᵢₙ·Var(W), nᵢₙ = {fan_in}",
        "ru": "Прямой проход: nᵢₙ·Var(W), nᵢₙ = {fan_in}",
    },
    "initialization.glorot.forward_help": {
        "en": "How much the layer multiplies the variance of its inputs: the formula / the measurement.",
        "ru": "Во сколько раз слой умножает дисперсию входов: формула / измерение.",
    },
    "initialization.glorot.backward_column": {
        "en": "Backward nₒᵤₜ·Var(W), nₒᵤₜ = {fan_out}",
        "ru": "Обратный проход: nₒᵤₜ·Var(W), nₒᵤₜ = {fan_out}",
    },
    "initialization.glorot.backward_help": {
        "en": "How much the layer multiplies the variance of the gradient it passes back: the formula / the "
        "measurement.",
        "ru": "Во сколько раз слой умножает дисперсию градиента, который передаёт назад: формула / измерение.",
    },
    "initialization.glorot.caption": {
        "en": "One layer {fan_in} → {fan_out}, a batch of {batch} inputs of variance 1 and gradients of variance 1. "
        "A gain above 1 compounds into an explosion over many such layers, a gain below 1 into vanishing.",
        "ru": "Один слой {fan_in} → {fan_out}, батч из {batch} {batch:plural:объекта|объектов|объектов}; входы и "
        "градиенты с дисперсией 1. Усиление больше 1, повторённое во многих слоях, приводит к взрыву, а меньше 1 — "
        "к затуханию.",
    },
    # 5. Training
    "initialization.train.title": {"en": "What it changes in training", "ru": "Что это меняет в обучении"},
    "initialization.train.depth": {"en": "Hidden layers", "ru": "Скрытых слоёв"},
    "initialization.train.epochs": {"en": "Epochs", "ru": "Эпох"},
    "initialization.train.intro": {
        "en": "The same network, {depth} hidden {depth:plural:layer|layers} of {width} units, is trained from each "
        "initializer. Everything else is shared: the data, the same batches in the same order, SGD with momentum "
        "{momentum:g}, a batch of {batch}, one learning rate and {epochs} {epochs:plural:epoch|epochs}. Only the "
        "first weights differ.",
        "ru": "Одна и та же сеть — {depth} {depth:plural:скрытый слой|скрытых слоя|скрытых слоёв} по {width} "
        "{width:plural:нейрону|нейрона|нейронов} — обучается с каждой инициализации. Всё остальное общее: данные, "
        "батчи и их порядок, SGD с инерцией (коэффициент инерции {momentum:g}), батч из {batch} "
        "{batch:plural:объекта|объектов|объектов}, одна скорость обучения и {epochs} "
        "{epochs:plural:эпоха|эпохи|эпох}. Различаются только начальные веса.",
    },
    "initialization.train.seed_note": {
        "en": "**These curves depend on the random seed** (now {seed}): it draws the data, the first weights and the "
        "order of the batches. One run can mislead: try other seeds and trust only what holds for all of them.",
        "ru": "**Эти кривые зависят от зерна генератора** (сейчас {seed}): от него зависят данные, начальные веса и "
        "порядок батчей. Один запуск может ввести в заблуждение: попробуйте другие зёрна и доверяйте только тому, "
        "что повторяется при всех.",
    },
    "initialization.train.another_seed": {"en": "Another seed", "ru": "Другое зерно"},
    "initialization.train.over_seeds": {"en": "Show the count for each of the {seeds} {seeds:plural:seed|seeds}",
                                        "ru": "Показать подсчёт по {seeds} {seeds:plural:зерну|зёрнам|зёрнам}"},
    "initialization.train.over_seeds_help": {
        "en": "The sentences above are counted over seeds 0 to 9, whatever seed is chosen, all trained side by side. This table "
        "shows the counts: how often each initializer got below the target, in how many epochs, and how often it "
        "diverged.",
        "ru": "Выводы выше подсчитаны на зёрнах от 0 до 9, какое бы зерно ни было выбрано: все запуски обучаются одновременно. Таблица "
        "показывает подсчёт: как часто каждая инициализация опустилась ниже цели, за сколько эпох и как часто "
        "обучение разошлось.",
    },
    "initialization.train.seeds_title": {
        "en": "Over seeds {first}–{last}: what holds, and what was luck",
        "ru": "На зёрнах {first}–{last}: что выполняется, а что было везением",
    },
    "initialization.train.this_seed": {"en": "This run alone (seed {seed})", "ru": "Только этот запуск (зерно {seed})"},
    "initialization.train.count": {"en": "{scheme} ({k} of {n})", "ru": "«{scheme}» ({k} из {n})"},
    "initialization.train.verdict_reach": {
        "en": "**Below a loss of {target:g} within {epochs} {epochs:plural:epoch|epochs}:** {schemes}.",
        "ru": "**Ошибка ниже {target:g} за {epochs} {epochs:plural:эпоху|эпохи|эпох}:** {schemes}.",
    },
    "initialization.train.verdict_never": {
        "en": "**Stays above {target:g}:** {schemes}.",
        "ru": "**Ошибка остаётся выше {target:g}:** {schemes}.",
    },
    "initialization.train.verdict_sometimes": {
        "en": "No rule, it depends on the seed: below {target:g} in some seeds only: {schemes}.",
        "ru": "Правила нет, всё зависит от зерна: ниже {target:g}, но лишь в части запусков: {schemes}.",
    },
    "initialization.train.verdict_diverged": {
        "en": "**Diverged:** {schemes}.",
        "ru": "**Обучение разошлось:** {schemes}.",
    },
    "initialization.train.verdict_first": {
        "en": "First below {target:g}: **{scheme}**, in {k} of {n} seeds.",
        "ru": "Раньше всех ниже {target:g} — **«{scheme}»**, в {k} из {n} {n:plural:запуска|запусков|запусков}.",
    },
    "initialization.train.verdict_first_varies": {
        "en": "Which initializer gets below {target:g} first changes with the seed: {schemes}.",
        "ru": "Какая инициализация первой опускается ниже {target:g}, зависит от зерна: {schemes}.",
    },
    "initialization.train.reached_count": {"en": "Runs with loss < 0.1", "ru": "Запусков с ошибкой < 0,1"},
    "initialization.train.median_epoch": {"en": "Median epoch", "ru": "Медианная эпоха"},
    "initialization.train.diverged_count": {"en": "Diverged", "ru": "Разошлось запусков"},
    "initialization.train.xavier_first": {
        "en": "Xavier's first layer has 2 inputs and {width} {width:plural:unit|units}. There 2/(nᵢₙ + nₒᵤₜ) gives "
        "a forward gain nᵢₙ·Var(W) of {gain:.2f}, so the inputs enter {times:.1f} times weaker in variance than "
        "with LeCun's 1/nᵢₙ. This is Glorot's compromise at its most uneven.",
        "ru": "У первого слоя 2 входа и {width} {width:plural:нейрон|нейрона|нейронов}. Для него 2/(nᵢₙ + nₒᵤₜ) из "
        "инициализации Xavier даёт прямое усиление nᵢₙ·Var(W) = {gain:.2f}: дисперсия на выходе первого слоя в "
        "{times:.1f} раза меньше, чем при 1/nᵢₙ у LeCun. Это компромисс Xavier в самом неравном случае.",
    },
    "initialization.train.progress": {"en": "Training the network from each initializer…",
                                      "ru": "Обучаю сеть с каждой инициализации…"},
    "initialization.train.caption": {
        "en": "The loss over the whole training set after each epoch (epoch 0: before training), log scale; {points} "
        "points, {share}% of them kept aside for the validation accuracy. A cross marks a run that diverged.",
        "ru": "Ошибка на всей обучающей выборке после каждой эпохи (эпоха 0 — до обучения), логарифмическая шкала. "
        "Всего {points} {points:plural:точка|точки|точек}; {share}% из них отложены в валидационную выборку, на "
        "ней считается точность. Крестик отмечает запуск, который разошёлся.",
    },
    "initialization.train.start_loss": {"en": "Loss at the start", "ru": "Ошибка в начале"},
    "initialization.train.end_loss": {"en": "Loss at the end", "ru": "Ошибка в конце"},
    "initialization.train.accuracy": {"en": "Validation accuracy", "ru": "Точность на валидационной выборке"},
    "initialization.train.reached": {"en": "Epoch of loss < 0.1", "ru": "Эпоха с ошибкой < 0,1"},
    "initialization.train.reached_help": {
        "en": "The first epoch after which the training loss was below 0.1; a dash if it never was.",
        "ru": "Первая эпоха, после которой ошибка на обучающей выборке стала меньше 0,1; прочерк, если этого не "
        "случилось.",
    },
    "initialization.train.diverged_cell": {"en": "diverged (epoch {epoch})", "ru": "расходимость (эпоха {epoch})"},
    # Tables
    "initialization.table.scheme": {"en": "Initializer", "ru": "Инициализация"},
    "initialization.table.gain_help": {
        "en": "What each layer multiplies the variance by, before the activation takes its share.",
        "ru": "Во сколько раз каждый слой умножает дисперсию — до того, как активация заберёт свою долю.",
    },
    "initialization.table.first": {"en": "Std, layer 1", "ru": "Ст. откл., слой 1"},
    "initialization.table.last": {"en": "Std, layer {depth}", "ru": "Ст. откл., слой {depth}"},
    "initialization.table.pair_help": {
        "en": "The standard deviation of the layer's activations: measured / theory.",
        "ru": "Стандартное отклонение активаций слоя: измерено / теория.",
    },
    "initialization.table.per_layer": {"en": "Gain per layer", "ru": "Усиление на слой"},
    "initialization.table.per_layer_help": {
        "en": "The factor by which one layer multiplies the second moment E[a²] of the activations, as the geometric "
        "mean over all layers: measured / theory. 1 keeps the signal.",
        "ru": "Множитель, на который один слой умножает второй момент активаций E[a²], — среднее геометрическое по "
        "всем слоям: измерено / теория. 1 означает, что сигнал сохраняется.",
    },
    "initialization.table.grad": {"en": "Gradient, layer 1", "ru": "Градиент, слой 1"},
    "initialization.table.grad_help": {
        "en": "The RMS of ∂L/∂z in the first layer, sent back from a gradient of RMS 1 at the top: measured / theory.",
        "ru": "Среднеквадратичное значение (RMS) ∂L/∂z в первом слое, когда сверху пришёл градиент с RMS = 1: "
        "измерено / теория.",
    },
    # Charts
    "initialization.chart.weight_row": {"en": "x{input}→{unit}", "ru": "x{input}→{unit}"},
    "initialization.chart.weight": {"en": "w", "ru": "w"},
    "initialization.chart.class0": {"en": "class 0", "ru": "класс 0"},
    "initialization.chart.class1": {"en": "class 1", "ru": "класс 1"},
    "initialization.chart.probability": {"en": "P(class 1)", "ru": "P(класс 1)"},
    "initialization.chart.layer": {"en": "Layer", "ru": "Слой"},
    "initialization.chart.layer_n": {"en": "layer {layer}", "ru": "слой {layer}"},
    "initialization.chart.forward_axis": {"en": "std", "ru": "ст. откл."},
    "initialization.chart.backward_axis": {"en": "RMS", "ru": "RMS"},
    "initialization.chart.forward_title": {"en": "Activations", "ru": "Активации"},
    "initialization.chart.backward_title": {"en": "Gradient ∂L/∂z", "ru": "Градиент ∂L/∂z"},
    "initialization.chart.measured": {"en": "measured", "ru": "измерено"},
    "initialization.chart.theory": {"en": "theory", "ru": "теория"},
    "initialization.chart.value_axis": {"en": "Activation a", "ru": "Активация a"},
    "initialization.chart.share": {"en": "Share of values", "ru": "Доля значений"},
    "initialization.chart.pre_axis": {"en": "z, before the activation", "ru": "z до активации"},
    "initialization.chart.formula": {"en": "N(0, n·Var(W)·E[x²])", "ru": "N(0; n·Var(W)·E[x²])"},
    "initialization.chart.lesson_formula": {
        "en": "N(0, n·Var(W)·Var(x)), the lesson's",
        "ru": "N(0; n·Var(W)·Var(x)), формула урока",
    },
    "initialization.chart.forward_gain": {"en": "forward nᵢₙ·Var(W)", "ru": "прямой проход nᵢₙ·Var(W)"},
    "initialization.chart.backward_gain": {"en": "backward nₒᵤₜ·Var(W)", "ru": "обратный проход nₒᵤₜ·Var(W)"},
    "initialization.chart.gain_axis": {"en": "Gain of the variance", "ru": "Усиление дисперсии"},
    "initialization.chart.epoch": {"en": "Epoch", "ru": "Эпоха"},
    "initialization.chart.loss": {"en": "Training loss (log scale)", "ru": "Ошибка на обучении (лог. шкала)"},
    "initialization.chart.target": {"en": "loss {target:g}", "ru": "ошибка {target:g}"},
    "initialization.chart.diverged": {"en": "diverged at epoch {epoch}", "ru": "расходимость на эпохе {epoch}"},
    # Where the lesson and the measurement differ
    "initialization.differs.symmetry_says": {
        "en": "a network must not be initialized with zero weights: that creates a symmetry, and as a result the "
        "network becomes less powerful.",
        "ru": "нейросеть нельзя инициализировать нулевыми весами: появляется симметрия, и в результате сеть "
        "становится менее мощной.",
    },
    "initialization.differs.symmetry_measured": {
        "en": "from equal weights the {units} hidden units stay exactly equal through all of training: {distinct} "
        "distinct, accuracy {accuracy:.0f}%. The random start ends with {random_distinct} distinct units and "
        "{random_accuracy:.0f}%. “Less powerful” means precisely this: n units act as one.",
        "ru": "с одинаковых весов {units} {units:plural:скрытый нейрон остаётся|скрытых нейрона остаются|скрытых "
        "нейронов остаются} в точности одинаковыми всё обучение: различных нейронов — {distinct}, точность "
        "{accuracy:.0f}%. Со случайного старта к концу обучения различных нейронов — {random_distinct}, точность "
        "{random_accuracy:.0f}%. «Менее мощная» означает именно это: n нейронов работают как один.",
    },
    "initialization.differs.symmetry_stuck": {
        "en": "And from all-zero weights this network does not learn at all. The output weights start at 0, so no "
        "gradient reaches the hidden layer. The hidden units' outputs are all equal, and on two balanced classes "
        "they give the output weights no direction either. Every weight gradient is 0, and the weights stay at 0.",
        "ru": "А с нулевых весов эта сеть не учится вовсе. Выходные веса стартуют с 0, поэтому градиент не доходит "
        "до скрытого слоя. Выходы скрытых нейронов одинаковы, а классы сбалансированы, так что и выходные веса не "
        "получают направления. Все градиенты по весам равны 0, и веса остаются нулевыми.",
    },
    "initialization.differs.symmetry_moves": {
        "en": "From all-zero weights the units move here too, but exactly alike.",
        "ru": "С нулевых весов нейроны здесь тоже сдвигаются, но в точности одинаково.",
    },
    "initialization.differs.mean_says": {
        "en": "if every input has mean 0 and the weights are generated independently, the mean of a neuron before "
        "the activation is guaranteed to be 0.",
        "ru": "если у каждого входа среднее 0 и веса генерируются независимо, то среднее нейрона до активации "
        "гарантированно равно 0.",
    },
    "initialization.differs.mean_measured": {
        "en": "with inputs of mean μ = {mu:g} it is not 0 for a given unit: its mean over the data is μ·Σw, and these means spread across the units with a standard deviation of {means}. Only averaged over the weights is the mean 0. Each unit's variance over the data is still about the lesson's {lesson} (measured {within}); the spread of the means adds to it when all the layer's values are pooled, which gives {predicted} = nᵢₙ·Var(W)·(Var(x) + μ²).",
        "ru": 'при среднем входов μ = {mu:g} у конкретного нейрона оно не 0: его среднее на данных равно μ·Σw, и эти средние разбросаны по нейронам со стандартным отклонением {means}. Нулю равно только среднее по весам. Дисперсия каждого нейрона на данных по-прежнему около {lesson} по формуле урока (измерено {within}); разброс средних добавляется к ней, когда все значения слоя берутся вместе, — получается {predicted} = nᵢₙ·Var(W)·(Var(x) + μ²).',
    },
    "initialization.differs.mean_measured_zero": {
        "en": "the expected mean is 0 because the *weights* have mean 0, whatever the inputs' mean. The inputs' "
        "mean changes the variance instead, to nᵢₙ·Var(W)·(Var(x) + μ²). Move μ above 0 to see it.",
        "ru": "математическое ожидание среднего равно 0, потому что нулевое среднее у *весов*, каким бы ни было среднее входов. "
        "Среднее входов меняет другое — дисперсию: она становится nᵢₙ·Var(W)·(Var(x) + μ²). Сдвиньте μ выше 0, "
        "чтобы это увидеть.",
    },
    "initialization.differs.tanh_says": {
        "en": "tanh is almost linear near 0, so the estimate holds roughly: with the same variance in every layer the "
        "outputs are spread about alike after the activation, the gradients are of about one scale, and this speeds "
        "up convergence.",
        "ru": "tanh около нуля почти линеен, поэтому оценка примерно верна: при одинаковой дисперсии в разных слоях "
        "выходы после активации распределены примерно одинаково, градиенты примерно одного масштаба, и это ускоряет "
        "сходимость.",
    },
    "initialization.differs.tanh_measured": {
        "en": "with Xavier and inputs of variance {variance:g}, the std of the tanh layers goes from {first} in "
        "layer 1 to {last} in layer {depth}. tanh(z)² < z², so each layer keeps a little less than the linear "
        "estimate, and the signal weakens more and more with depth (the dotted theory follows it). The estimate is "
        "exact only while z stays small: try Var(x) = 0.01.",
        "ru": "при инициализации Xavier стандартное отклонение tanh-слоёв меняется от {first} в слое 1 до {last} в "
        "слое {depth} (дисперсия входов {variance:g}). tanh(z)² < z², поэтому каждый слой сохраняет чуть меньше "
        "линейной оценки, и с глубиной сигнал всё сильнее ослабевает (пунктир теории это повторяет). Оценка точна, "
        "только пока z мало: попробуйте Var(x) = 0,01.",
    },
    # Experiments
    "initialization.experiment.zeros_tanh": {
        "en": "Lesson 2, zero weights (tanh, circles): the all-zero network never moves; from equal weights the 8 units "
        "move as one and draw a straight line; only the random start separates the circles",
        "ru": "Урок 2, нулевые веса (tanh, круги): сеть с нулевых весов вовсе не обучается; с одинаковых весов 8 "
        "нейронов движутся как один и проводят прямую; круги разделяет только случайный старт",
    },
    "initialization.experiment.tiny_random": {
        "en": "Even a tiny random start, σ = 0.001, breaks the symmetry: given 1000 steps the 8 units become "
        "different and separate the circles",
        "ru": "Даже крошечный случайный старт, σ = 0,001, разрушает симметрию: за 1000 шагов 8 нейронов становятся "
        "разными и разделяют круги",
    },
    "initialization.experiment.one_unit_xor": {
        "en": "16 ReLU units from equal weights on XOR: one distinct unit, a straight boundary, no better than a "
        "line can do; the random start solves it",
        "ru": "16 нейронов ReLU с одинаковых весов на XOR: все нейроны остаются одинаковыми, граница прямая, а "
        "прямой XOR не разделить; случайный старт задачу решает",
    },
    "initialization.experiment.moons_line": {
        "en": "On moons a straight line already gets 88%: there the equal start does as well as the random one; "
        "the symmetry costs power only where the task needs more than one unit",
        "ru": "На полумесяцах прямая граница уже даёт точность 88%: здесь равный старт не хуже случайного; "
        "симметрия мешает только там, где задаче нужно больше одного нейрона",
    },
    "initialization.experiment.bienayme": {
        "en": "Bienaymé's formula: nᵢₙ = 100, Var(W) = 0.01, Var(x) = 1; the measured variance is 100·0.01·1 = 1 "
        "within its sampling error",
        "ru": "Формула Бьенеме: nᵢₙ = 100, Var(W) = 0,01, Var(x) = 1; измеренная дисперсия совпадает со 100·0,01·1 "
        "= 1 в пределах погрешности",
    },
    "initialization.experiment.bienayme_grows": {
        "en": "Ten times the inputs with the same weights: the variance grows tenfold, to 10; why Var(W) must shrink "
        "as 1/nᵢₙ",
        "ru": "Входов в десять раз больше при тех же весах: дисперсия вырастает в десять раз, до 10; вот почему "
        "Var(W) должна уменьшаться как 1/nᵢₙ",
    },
    "initialization.experiment.bienayme_mean": {
        "en": "Inputs of mean 2: each unit's variance over the data is still about the lesson's 1, but the units' means μ·Σw spread out, so all the layer's values together have variance about 100·0.01·(1 + 2²) = 5",
        "ru": 'Входы со средним 2: дисперсия каждого нейрона на данных по-прежнему около 1 по формуле урока, но средние нейронов μ·Σw расходятся, и у всех значений слоя вместе дисперсия около 100·0,01·(1 + 2²) = 5',
    },
    "initialization.experiment.glorot_figure": {
        "en": "The lesson's figure (Glorot & Bengio 2010): 5 tanh layers of 500 units from U(±1/√n), the common "
        "start before 2010. The histograms narrow layer by layer, and the std falls about 10 times by layer 5",
        "ru": "Рисунок урока (Glorot и Bengio, 2010): 5 tanh-слоёв по 500 нейронов со старта U(±1/√n), обычного до "
        "2010 года. Гистограммы сужаются от слоя к слою, к слою 5 стандартное отклонение падает примерно в 10 раз",
    },
    "initialization.experiment.glorot_figure_xavier": {
        "en": "The same 5 layers from Xavier: the histograms narrow far less, the std only halves by layer 5 (tanh keeps a "
        "little less than the linear estimate in every layer)",
        "ru": "Те же 5 слоёв с Xavier: гистограммы сужаются гораздо меньше, к слою 5 стандартное отклонение "
        "уменьшается лишь вдвое (tanh в каждом слое сохраняет чуть меньше линейной оценки)",
    },
    "initialization.experiment.small_tanh": {
        "en": "10 tanh layers of 500 units from N(0, 0.01²) (CS231n): every layer shrinks the std about 4.5 times "
        "(√(500·0.01²) ≈ 0.22). By layer 10 the activations are all but 0, and the gradient vanishes on its way "
        "back",
        "ru": "10 tanh-слоёв по 500 нейронов со старта N(0; 0,01²), как в CS231n: каждый слой уменьшает "
        "стандартное отклонение примерно в 4,5 раза (√(500·0,01²) ≈ 0,22). К слою 10 активации почти нулевые, и на "
        "обратном пути затухает градиент",
    },
    "initialization.experiment.unit_tanh": {
        "en": "The same from N(0, 1): tanh saturates, and the activations pile up at −1 and +1 in every layer. Yet "
        "the gradient does not vanish: it grows about 3 times per layer on its way back. The few units still off "
        "the flat ends, times weights of σ = 1, more than make up for the rest",
        "ru": "То же со старта N(0; 1): tanh насыщается, и активации каждого слоя скапливаются у −1 и +1. Но "
        "градиент не затухает, а на обратном пути растёт примерно в 3 раза за слой. Немногие ненасыщенные нейроны, "
        "умноженные на веса с σ = 1, с лихвой перекрывают остальные",
    },
    "initialization.experiment.linear": {
        "en": "No activation, 50 layers of 512: LeCun keeps the variance; He's 2/n doubles it in every layer, "
        "U(±1/√n) divides it by 3",
        "ru": "50 слоёв по 512 нейронов без активации: LeCun сохраняет дисперсию; 2/n у Хе удваивает её в каждом "
        "слое, U(±1/√n) делит на 3",
    },
    "initialization.experiment.relu_xavier": {
        "en": "ReLU, 50 layers of 512 from Xavier: the second moment halves in every layer, and the histograms "
        "collapse onto 0",
        "ru": "ReLU, 50 слоёв по 512 нейронов, инициализация Xavier: второй момент в каждом слое уменьшается "
        "вдвое, гистограммы стягиваются к 0",
    },
    "initialization.experiment.relu_he": {
        "en": "The same with He's factor 2: the signal keeps its size through all 50 layers (one network wanders "
        "around the theory)",
        "ru": "То же с инициализацией Хе (множитель 2): сигнал сохраняет величину на всех 50 слоях (отдельная сеть "
        "блуждает вокруг теории)",
    },
    "initialization.experiment.glorot_layer": {
        "en": "A layer of 512 inputs and 64 outputs: 1/nᵢₙ keeps the forward variance but shrinks the gradient's 8 "
        "times, 1/nₒᵤₜ the other way round. Glorot's 2/(nᵢₙ + nₒᵤₜ) is between them both ways",
        "ru": "Слой с 512 входами и 64 выходами: 1/nᵢₙ сохраняет дисперсию при прямом проходе, но в 8 раз "
        "уменьшает дисперсию градиента, 1/nₒᵤₜ — наоборот. Компромисс Xavier 2/(nᵢₙ + nₒᵤₜ) лежит посередине в "
        "обоих направлениях",
    },
    "initialization.experiment.train_tanh": {
        "en": "Training, tanh, 8 hidden layers on circles, 40 epochs: σ = 0.01 and U(±1/√n) stay at the loss of random guessing (ln 2 ≈ 0.69) in every seed; Xavier and He go below 0.1, He sooner",
        "ru": "Обучение, tanh, 8 скрытых слоёв на кругах, 40 эпох: при σ = 0,01 и U(±1/√n) ошибка в каждом запуске остаётся на уровне случайного угадывания (ln 2 ≈ 0,69); с Xavier и Хе она опускается ниже 0,1, с Хе раньше",
    },
    "initialization.experiment.train_relu": {
        "en": "The same with ReLU: σ = 1 diverges; Xavier and He go below 0.1, He first",
        "ru": "То же с ReLU: при σ = 1 обучение расходится; с Xavier и Хе ошибка опускается ниже 0,1, с Хе раньше всех",
    },
    "initialization.experiment.train_seeds": {
        "en": "The tanh comparison with its count over ten seeds: the fixed-scale starts fail in every seed",
        "ru": "Сравнение с tanh и подсчёт по десяти зёрнам: старты фиксированного масштаба не справляются ни в одном запуске",
    },
}
