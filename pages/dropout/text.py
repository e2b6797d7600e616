"""Texts of the dropout lab (lesson 5)."""

TEXT = {
    "dropout.title": {"en": "Dropout", "ru": "Dropout"},
    "dropout.intro": {
        "en": "Dropout ([Srivastava et al., 2014]({paper})) fights overfitting with noise. At every training step it switches off a random part of the hidden units, anew for every example of the batch, so the step trains a *thinned* network: what is left of the full one. A unit cannot count on particular neighbours being there and has to be useful on its own (the paper calls this breaking up co-adaptation). After training nothing is switched off, and the full network acts roughly as an average of the many thinned ones. Below: the thinned networks of a few training steps, and why the kept units are scaled up. Then a network that overfits, trained without and with dropout, and what dropout left on after training says about how sure a model is.",
        "ru": "Dropout ([Srivastava и др., 2014]({paper})) борется с переобучением с помощью шума. На каждом шаге обучения он выключает случайную часть скрытых нейронов, причём для каждого объекта батча заново, и шаг обучает *прореженную* сеть — то, что осталось от полной. Нейрон не может рассчитывать на то, что определённые соседи окажутся на месте, и должен быть полезен сам по себе (в статье это называют разрушением коадаптации). После обучения ничего не выключается, и полная сеть работает примерно как усреднение множества прореженных. Ниже — прореженные сети нескольких шагов обучения и объяснение, зачем сохранённые нейроны умножают на коэффициент. Затем — сеть, которая переобучается, с dropout и без него, и то, что dropout, оставленный включённым после обучения, говорит об уверенности модели.",
    },
    "dropout.convention": {
        "en": "**Two meanings of p.** The lesson, like the paper, calls $p$ the probability of **keeping** a unit. PyTorch's `nn.Dropout(p)`, and this app's engine, call $p$ the probability of **dropping** it. So the lesson's $p = 0.8$ is `nn.Dropout(p=0.2)`. To keep them apart, this page never writes a bare $p$: it writes $p_\\text{drop}$ (PyTorch's $p$) and $p_\\text{keep} = 1 - p_\\text{drop}$ (the lesson's $p$), and gives both wherever a probability appears.",
        "ru": "**Два смысла p.** В уроке, как и в статье, $p$ — вероятность **сохранить** нейрон. В PyTorch `nn.Dropout(p)` и в движке этого приложения $p$ — вероятность его **выключить**. Поэтому $p = 0{,}8$ из урока — это `nn.Dropout(p=0.2)`. Чтобы их не путать, на этой странице нет «голого» $p$: везде написано $p_\\text{drop}$ ($p$ в PyTorch) и $p_\\text{keep} = 1 - p_\\text{drop}$ ($p$ из урока), и каждая вероятность дана в обоих видах.",
    },
    # ---------------------------------------------------------------- controls
    "dropout.control.p": {"en": "Drop probability $p_\\text{drop}$ (PyTorch's p)", "ru": "Вероятность выключить нейрон $p_\\text{drop}$ (p в PyTorch)"},
    "dropout.control.p_help": {
        "en": "The probability that a hidden unit is switched off at a training step: the p of nn.Dropout(p). The lesson's p is the probability of keeping it, 1 minus this.",
        "ru": "Вероятность, что скрытый нейрон выключится на шаге обучения: p в `nn.Dropout(p)`. В уроке p — вероятность сохранить нейрон, то есть 1 минус это число.",
    },
    "dropout.control.p_keep": {
        "en": "$p_\\text{{keep}} = 1 - p_\\text{{drop}}$ = **{keep:.2f}**: the lesson's p",
        "ru": "$p_\\text{{keep}} = 1 - p_\\text{{drop}}$ = **{keep:.2f}** — это p из урока",
    },
    "dropout.control.units": {"en": "Units per hidden layer (drawing)", "ru": "Нейронов в скрытом слое (рисунок)"},
    "dropout.control.steps": {"en": "Training steps shown", "ru": "Сколько шагов обучения показать"},
    "dropout.control.masks": {"en": "Masks drawn", "ru": "Число масок"},
    "dropout.control.data": {"en": "Data set", "ru": "Набор данных"},
    "dropout.control.noise": {"en": "Noise (std of each coordinate)", "ru": "Шум (стандартное отклонение по каждой координате)"},
    "dropout.control.size": {"en": "Training points", "ru": "Точек в обучающей выборке"},
    "dropout.control.width": {"en": "Units per hidden layer (network)", "ru": "Нейронов в скрытом слое (сеть)"},
    "dropout.control.epochs": {"en": "Epochs", "ru": "Число эпох"},
    "dropout.control.lr_help": {"en": "Adam's learning rate, the same for every network.", "ru": "Скорость обучения Adam, одна для всех сетей."},
    "dropout.control.rates": {"en": "Rates $p_\\text{drop}$ to compare (up to 4)", "ru": "Вероятности $p_\\text{drop}$ для сравнения (до 4)"},
    "dropout.control.rates_help": {
        "en": "Each chosen rate trains its own copy of the network; a copy without dropout always trains too. All copies start from the same weights and see the same minibatches.",
        "ru": "Для каждой выбранной вероятности обучается своя копия сети; копия без dropout обучается всегда. Все копии начинают с одних и тех же весов и видят одни и те же мини-батчи.",
    },
    "dropout.control.mc_rate": {"en": "Network to ask (trained with)", "ru": "Какую обученную сеть спрашивать"},
    "dropout.control.passes": {"en": "Passes with dropout on", "ru": "Число проходов с включённым dropout"},
    "dropout.data.moons": {"en": "moons", "ru": "полумесяцы"},
    "dropout.data.circles": {"en": "circles", "ru": "круги"},
    "dropout.data.xor": {"en": "XOR", "ru": "XOR"},
    "dropout.data.spirals": {"en": "spirals", "ru": "спирали"},
    "dropout.rate_option": {"en": "p_drop = {drop:.2g} (p_keep = {keep:.2g})", "ru": "p_drop = {drop:.2g} (p_keep = {keep:.2g})"},
    "dropout.rate_name": {"en": "p<sub>drop</sub> = {drop:.2g} (p<sub>keep</sub> = {keep:.2g})", "ru": "p<sub>drop</sub> = {drop:.2g} (p<sub>keep</sub> = {keep:.2g})"},
    "dropout.no_dropout": {"en": "no dropout", "ru": "без dropout"},
    # ---------------------------------------------------------------- charts
    "dropout.chart.inputs": {"en": "inputs", "ru": "входы"},
    "dropout.chart.hidden1": {"en": "hidden<br>layer 1", "ru": "скрытый<br>слой 1"},
    "dropout.chart.hidden2": {"en": "hidden<br>layer 2", "ru": "скрытый<br>слой 2"},
    "dropout.chart.outputs": {"en": "outputs", "ru": "выходы"},
    "dropout.chart.kept": {"en": "kept unit", "ru": "сохранённый нейрон"},
    "dropout.chart.dropped": {"en": "dropped unit", "ru": "выключенный нейрон"},
    "dropout.chart.fixed": {"en": "input or output (never dropped)", "ru": "вход или выход (не выключается)"},
    "dropout.chart.share_axis": {"en": "share of units kept", "ru": "доля сохранённых нейронов"},
    "dropout.chart.example": {"en": "this example's network ({units} {units:plural:unit|units})", "ru": "сеть этого объекта ({units} {units:plural:нейрон|нейрона|нейронов})"},
    "dropout.chart.batch": {"en": "whole batch ({units} {units:plural:unit|units})", "ru": "весь батч ({units} {units:plural:нейрон|нейрона|нейронов})"},
    "dropout.chart.band": {"en": "p<sub>keep</sub> ± 2σ for one network", "ru": "p<sub>keep</sub> ± 2σ для одной сети"},
    "dropout.chart.expected": {"en": "expected: p<sub>keep</sub> = {keep:.2f}", "ru": "ожидаемая доля: p<sub>keep</sub> = {keep:.2f}"},
    "dropout.chart.masks_axis": {"en": "masks drawn K (log scale)", "ru": "число масок K (лог. шкала)"},
    "dropout.chart.output_axis": {"en": "mean output of the unit", "ru": "средний выход нейрона"},
    "dropout.chart.scaled": {"en": "with scaling: m·a / p<sub>keep</sub>", "ru": "с масштабированием: m·a / p<sub>keep</sub>"},
    "dropout.chart.unscaled": {"en": "zeros only: m·a", "ru": "только обнуление: m·a"},
    "dropout.chart.eval": {"en": "a = {value:.3g} (no dropout)", "ru": "a = {value:.3g} (без dropout)"},
    "dropout.chart.shrunk": {"en": "p<sub>keep</sub>·a = {value:.3g}", "ru": "p<sub>keep</sub>·a = {value:.3g}"},
    "dropout.chart.error_band": {"en": "±2 standard errors", "ru": "±2 стандартные ошибки"},
    "dropout.chart.unit_axis": {"en": "output a without dropout", "ru": "выход a без dropout"},
    "dropout.chart.mean_axis": {"en": "mean over all masks", "ru": "среднее по всем маскам"},
    "dropout.chart.diagonal": {"en": "mean = a", "ru": "среднее = a"},
    "dropout.chart.shrunk_line": {"en": "mean = p<sub>keep</sub>·a", "ru": "среднее = p<sub>keep</sub>·a"},
    "dropout.chart.epoch_axis": {"en": "epoch", "ru": "эпоха"},
    "dropout.chart.loss_axis": {"en": "cross-entropy (log scale)", "ru": "кросс-энтропия (лог. шкала)"},
    "dropout.chart.accuracy_axis": {"en": "accuracy", "ru": "точность"},
    "dropout.chart.train_panel": {"en": "training set", "ru": "обучающая выборка"},
    "dropout.chart.val_panel": {"en": "validation set", "ru": "валидационная выборка"},
    "dropout.chart.lowest": {"en": "lowest validation loss", "ru": "минимум на валидационной выборке"},
    "dropout.chart.probability": {"en": "P(class 1)", "ru": "P(класс 1)"},
    "dropout.chart.class0": {"en": "class 0", "ru": "класс 0"},
    "dropout.chart.class1": {"en": "class 1", "ru": "класс 1"},
    "dropout.chart.train_points": {"en": "training points", "ru": "точки обучающей выборки"},
    "dropout.chart.val_points": {"en": "validation points", "ru": "точки валидационной выборки"},
    "dropout.chart.spread": {"en": "spread (sd)", "ru": "разброс (ст. откл.)"},
    "dropout.chart.mean_title": {"en": "Mean of the passes: P(class 1)", "ru": "Среднее по проходам: P(класс 1)"},
    "dropout.chart.spread_title": {"en": "Spread of the passes (sd)", "ru": "Разброс по проходам (ст. откл.)"},
    # ---------------------------------------------------------------- the thinned network
    "dropout.thinned.title": {"en": "The thinned network", "ru": "Прореженная сеть"},
    "dropout.thinned.intro": {
        "en": "A small network: two inputs, two hidden layers, two outputs. At each training step dropout tosses a coin for every hidden unit of every example: the unit stays with probability $p_\\text{{keep}}$ and is switched off otherwise. The drawing shows what is left for the first of the {batch} {batch:plural:example|examples} of the batch: on that example the step trains only the kept units and their connections. Press Play to see the steps one after another. Inputs and outputs are never dropped here: PyTorch drops only where an `nn.Dropout` layer stands (the paper also dropped input units, with $p_\\text{{keep}} = 0.8$).",
        "ru": "Маленькая сеть: два входа, два скрытых слоя, два выхода. На каждом шаге обучения dropout бросает монетку для каждого скрытого нейрона каждого объекта: нейрон сохраняется с вероятностью $p_\\text{{keep}}$, а иначе выключается. Рисунок показывает, что осталось от сети для первого из {batch} {batch:plural:объекта|объектов|объектов} батча: на этом объекте шаг обучает только сохранённые нейроны и их связи. Нажмите «Пуск», чтобы увидеть шаги один за другим. Входы и выходы здесь не выключаются: PyTorch выключает нейроны только там, где стоит слой `nn.Dropout` (в статье выключали и входы, с $p_\\text{{keep}} = 0{{,}}8$).",
    },
    "dropout.thinned.caption": {
        "en": "Every hidden unit of each of the {batch} {batch:plural:example|examples} gets its own coin toss at each step. So within one step the batch trains {batch} different thinned networks at once; the drawing shows one of them. The kept units pass on their value multiplied by $1/p_\\text{{keep}}$ = {scale:.3g} (see the next section).",
        "ru": "Каждый скрытый нейрон каждого из {batch} {batch:plural:объекта|объектов|объектов} получает на каждом шаге свой бросок монетки. Так что за один шаг батч обучает сразу {batch} {batch:plural:разную прореженную сеть|разные прореженные сети|разных прореженных сетей}; на рисунке одна из них. Сохранённые нейроны передают дальше своё значение, умноженное на $1/p_\\text{{keep}}$ = {scale:.3g} (см. следующий раздел).",
    },
    "dropout.thinned.binomial": {
        "en": "How many of the {units} hidden {units:plural:unit|units} stay is a binomial count: on average a share $p_\\text{{keep}}$ = {keep:.2f} of them, give or take σ = {sigma:.2f} ($\\sigma = \\sqrt{{p_\\text{{keep}}\\,p_\\text{{drop}}/n}}$). The shaded band $p_\\text{{keep}} \\pm 2\\sigma$ held the drawn network's share in {inside:.0%} of the {steps} {steps:plural:step|steps}. About 95% is expected when n is large; a network this small is coarse. Over the whole batch ({batch_units} {batch_units:plural:unit|units}) the share varies far less: between {batch_low:.1%} and {batch_high:.1%}.",
        "ru": "Сколько из {units} {units:plural:скрытого нейрона|скрытых нейронов|скрытых нейронов} сохранится — биномиальная величина: в среднем это доля $p_\\text{{keep}}$ = {keep:.2f}, с разбросом σ = {sigma:.2f} ($\\sigma = \\sqrt{{p_\\text{{keep}}\\,p_\\text{{drop}}/n}}$). Доля сохранённых нейронов нарисованной сети попадала в закрашенную полосу $p_\\text{{keep}} \\pm 2\\sigma$ в {inside:.0%} из {steps} {steps:plural:шага|шагов|шагов} (при большом n ожидается около 95%, но у такой маленькой сети доля меняется крупными скачками). По всему батчу ({batch_units} {batch_units:plural:нейрон|нейрона|нейронов}) доля колеблется гораздо меньше: от {batch_low:.1%} до {batch_high:.1%}.",
    },
    "dropout.metric.drop_help": {"en": "PyTorch's p: the probability of dropping a unit.", "ru": "p в PyTorch: вероятность выключить нейрон."},
    "dropout.metric.keep_help": {"en": "The lesson's p: the probability of keeping a unit, 1 − p_drop.", "ru": "p из урока: вероятность сохранить нейрон; равна 1 минус p в PyTorch."},
    "dropout.metric.units": {"en": "hidden units n", "ru": "скрытых нейронов n"},
    "dropout.metric.units_help": {"en": "Both hidden layers of the drawn network.", "ru": "Оба скрытых слоя нарисованной сети."},
    "dropout.metric.expected_kept": {"en": "kept on average", "ru": "сохраняется в среднем"},
    "dropout.metric.expected_kept_help": {"en": "n · p_keep", "ru": "Число скрытых нейронов n, умноженное на вероятность сохранить нейрон."},
    "dropout.metric.band": {"en": "band ± 2σ", "ru": "полоса ±2σ"},
    "dropout.metric.band_help": {
        "en": "p_keep ± 2σ: where the kept share of one network lies about 95% of the time (binomial count, normal approximation).",
        "ru": "Вероятность сохранить нейрон ±2σ: в этих пределах доля сохранённых нейронов одной сети лежит примерно в 95% случаев (биномиальная величина, нормальное приближение).",
    },
    "dropout.metric.measured_share": {"en": "kept, measured", "ru": "сохранено, измерено"},
    "dropout.metric.measured_share_help": {
        "en": "The mean share of the drawn network's hidden units kept over the {steps} {steps:plural:step|steps}.",
        "ru": "Средняя доля сохранённых скрытых нейронов нарисованной сети за {steps} {steps:plural:шаг|шага|шагов}.",
    },
    "dropout.metric.distinct": {"en": "thinned networks per step", "ru": "прореженных сетей за шаг"},
    "dropout.metric.distinct_help": {
        "en": "How many different masks the {batch} {batch:plural:example|examples} of a batch had, on average over the steps (examples with identical masks count once).",
        "ru": "Сколько разных масок было у {batch} {batch:plural:объекта|объектов|объектов} батча, в среднем по шагам (объекты с одинаковыми масками считаются один раз).",
    },
    "dropout.differs.step_says": {
        "en": "at each step of back-propagation dropout samples the network: every neuron stays with probability p and is replaced by 0 with probability 1 − p.",
        "ru": "на каждом шаге обратного распространения ошибки dropout выбирает случайную прореженную сеть: каждый нейрон сохраняется с вероятностью p и заменяется нулём с вероятностью 1 − p.",
    },
    "dropout.differs.step_measured": {
        "en": "the network is sampled not once per step but for every example. In a batch of {batch} the drawn {units}-unit network took {distinct:.3g} different forms per step on average (out of $2^{{{units}}}$ possible). In PyTorch the mask has the shape of the layer's output, one row per example. And the lesson's p is the probability of keeping: PyTorch's p is 1 minus it.",
        "ru": "прореженная сеть выбирается не один раз за шаг, а для каждого объекта. В батче из {batch} {batch:plural:объекта|объектов|объектов} число разных прореженных сетей за шаг в среднем равно {distinct:.3g}, а всего у нарисованной сети из {units} {units:plural:нейрона|нейронов|нейронов} их $2^{{{units}}}$. В PyTorch маска имеет форму выхода слоя — по строке на объект. И p в уроке — это вероятность сохранить нейрон: p в PyTorch равно 1 минус это число.",
    },
    # ---------------------------------------------------------------- inverted dropout
    "dropout.inverted.title": {"en": "Inverted dropout: the same output on average", "ru": "Инвертированный dropout: в среднем тот же выход"},
    "dropout.inverted.intro": {
        "en": "Switching units off means the next layer receives less. With nothing else done, its input during training would be $p_\\text{{keep}}$ times what it gets after training, when nothing is dropped. Inverted dropout, PyTorch's and this app's, divides the kept values by $p_\\text{{keep}}$ while training, so every unit's output keeps its mean, and eval mode simply switches dropout off. Here a hidden layer of {units} ReLU units, at one input, goes through many masks (the rate and the seed are set in the sidebar). Each unit's output is averaged over them.",
        "ru": "Когда нейроны выключаются, следующий слой получает меньше. Если больше ничего не делать, его вход при обучении составлял бы в среднем лишь долю $p_\\text{{keep}}$ от того, что он получает после обучения, когда ничего не выключается. Инвертированный dropout (так он устроен в PyTorch и в этом приложении) во время обучения делит сохранённые значения на $p_\\text{{keep}}$. Поэтому среднее выхода каждого нейрона не меняется, а в режиме применения dropout просто выключается. Здесь скрытый слой из {units} {units:plural:нейрона|нейронов|нейронов} с ReLU получает один и тот же вход и проходит через много масок (вероятность и зерно задаются на боковой панели); выход каждого нейрона усредняется по маскам.",
    },
    "dropout.inverted.caption": {
        "en": "Left: the unit with the largest output a. With the scaling (blue), the mean of its output over the first K masks settles on a, inside the band of ±2 standard errors, $2\\,a\\sqrt{{p_\\text{{drop}}/p_\\text{{keep}}}}/\\sqrt{{K}}$. With zeros only (orange) it settles on $p_\\text{{keep}}\\,a$. Right: all {units} units after all masks against their eval-mode outputs: the scaled means lie on the diagonal.",
        "ru": "Слева — нейрон с наибольшим выходом a. Синяя кривая — среднее его выхода по первым K маскам с масштабированием: оно приходит к a и остаётся в полосе ±2 стандартные ошибки, $2\\,a\\sqrt{{p_\\text{{drop}}/p_\\text{{keep}}}}/\\sqrt{{K}}$. Оранжевая — одно лишь обнуление: среднее приходит к $p_\\text{{keep}}\\,a$. Справа — все {units} {units:plural:нейрон|нейрона|нейронов} после всех масок в сравнении с их выходами в режиме применения: средние с масштабированием лежат на диагонали.",
    },
    "dropout.inverted.result": {
        "en": "After {masks} {masks:plural:mask|masks} the unit's mean output is {mean:.4g} against its eval-mode output a = {value:.4g}: the difference is {errors:.1f} standard errors of the mean ({se:.2g}). Over all units the largest difference is {worst:.2g}. Without the scaling the mean would be {unscaled:.4g}, next to $p_\\text{{keep}}\\,a$ = {shrunk:.4g}.",
        "ru": "После {masks} {masks:plural:маски|масок|масок} средний выход нейрона равен {mean:.4g}, а его выход в режиме применения a = {value:.4g}. Разница — {errors:.1f} стандартной ошибки среднего ({se:.2g}); по всем нейронам наибольшая разница {worst:.2g}. Без масштабирования среднее было бы {unscaled:.4g}, то есть около $p_\\text{{keep}}\\,a$ = {shrunk:.4g}.",
    },
    "dropout.differs.scale_says": {
        "en": "with probability 1 − p a neuron is replaced by 0 (nothing is said about the neurons that stay).",
        "ru": "с вероятностью 1 − p нейрон заменяется нулём (о нейронах, которые сохраняются, ничего не сказано).",
    },
    "dropout.differs.scale_measured": {
        "en": "zeros alone shrink a unit's mean output to $p_\\text{{keep}}$ = {keep:.2f} of its value ({unscaled:.3g} instead of {value:.3g} here), so a network trained that way would get larger inputs after training than during it. PyTorch therefore multiplies the kept units by $1/p_\\text{{keep}}$ = {scale:.3g} while training. The paper did the same at test time instead, multiplying the outgoing weights by its p (which keeps). Both give the same mean.",
        "ru": "одно обнуление уменьшает средний выход нейрона до доли $p_\\text{{keep}}$ = {keep:.2f} от его значения (здесь {unscaled:.3g}, а не {value:.3g}). Сеть, обученная так, после обучения получала бы бóльшие входы, чем во время него. Поэтому PyTorch во время обучения умножает сохранённые нейроны на $1/p_\\text{{keep}}$ = {scale:.3g}. В статье вместо этого при применении сети умножали исходящие веса на своё p (вероятность сохранить). Среднее в обоих случаях одинаковое.",
    },
    # ---------------------------------------------------------------- against overfitting
    "dropout.fit.title": {"en": "Against overfitting", "ru": "Против переобучения"},
    "dropout.fit.intro": {
        "en": "A network large enough to memorise noise: two hidden layers of {width} ReLU units for {size} noisy training points ({data}, noise {noise:.2g}); {val} fresh points from the same distribution check what it has learned. {networks} copies train side by side: one without dropout and one for each chosen rate. All start from the same initial weights and see the same minibatches of {batch} and the same random numbers for their masks (a unit dropped at a lower rate is dropped at every higher rate too). All train with Adam at learning rate {lr:g} for {epochs} {epochs:plural:epoch|epochs}. Losses and accuracies are measured in eval mode, with nothing dropped.",
        "ru": "Сеть, достаточно большая, чтобы запомнить шум: два скрытых слоя по {width} {width:plural:нейрону|нейрона|нейронов} с ReLU на {size} {size:plural:зашумлённую обучающую точку|зашумлённые обучающие точки|зашумлённых обучающих точек} ({data}, шум {noise:.2g}). Валидационная выборка — {val} {val:plural:новая точка|новые точки|новых точек} из того же распределения: на ней видно, чему сеть научилась. Бок о бок учатся {networks} {networks:plural:копия|копии|копий}: одна без dropout и по одной на каждую выбранную вероятность. Все копии начинают с одних и тех же весов, видят одни и те же мини-батчи по {batch} {batch:plural:объекту|объекта|объектов} и используют одни и те же случайные числа для масок (нейрон, выключенный при меньшей вероятности, выключен и при любой большей). Все они обучаются методом Adam со скоростью обучения {lr:g} в течение {epochs} {epochs:plural:эпохи|эпох|эпох}. Ошибка и точность измеряются в режиме применения, когда ничего не выключено.",
    },
    "dropout.fit.training": {
        "en": "Training {networks} {networks:plural:network|networks} for {epochs} {epochs:plural:epoch|epochs}…",
        "ru": "Обучение {networks} {networks:plural:сети|сетей|сетей}: {epochs} {epochs:plural:эпоха|эпохи|эпох}…",
    },
    "dropout.fit.predict": {
        "en": "Over ten seeds, which network most often ends with the lowest validation loss after {epochs} {epochs:plural:epoch|epochs}?",
        "ru": "У какой сети на десяти запусках чаще всего будет наименьшая ошибка на валидационной выборке после {epochs} {epochs:plural:эпохи|эпох|эпох}?",
    },
    "dropout.fit.show": {"en": "Show", "ru": "Показать"},
    "dropout.show.loss": {"en": "loss", "ru": "ошибку"},
    "dropout.show.accuracy": {"en": "accuracy", "ru": "точность"},
    "dropout.fit.curves_caption": {
        "en": "Measured in eval mode every few epochs. A loss that keeps falling on the training set while it rises on the validation set is overfitting: the network fits the noise of its few points. A diamond marks each network's lowest validation loss, where early stopping would have stopped it.",
        "ru": "Измерено в режиме применения через каждые несколько эпох. Если ошибка на обучающей выборке продолжает падать, а на валидационной растёт, — это переобучение: сеть подстраивается под шум своих немногих точек. Ромбом отмечена наименьшая ошибка каждой сети на валидационной выборке — там, где обучение прервала бы ранняя остановка.",
    },
    "dropout.fit.boundaries_title": {"en": "Decision boundaries", "ru": "Разделяющие границы"},
    "dropout.fit.show_val": {"en": "Show the validation points", "ru": "Показать точки валидационной выборки"},
    "dropout.fit.show_val_help": {
        "en": "The {val} validation points, hollow; the filled ones are the training points.",
        "ru": "Точки валидационной выборки ({val}) показаны полыми кружками, закрашенные — точки обучающей выборки.",
    },
    "dropout.fit.boundary_caption": {
        "en": "training loss {train:.3f} · validation loss {val:.3f} · validation accuracy {accuracy:.0%}",
        "ru": "ошибка на обучающей выборке {train:.3f} · на валидационной {val:.3f} · точность на валидационной {accuracy:.0%}",
    },
    "dropout.fit.boundaries_caption": {
        "en": "Background: each network's probability of class 1 in eval mode (blue: class 0, orange: class 1, white: undecided). Line: where it is 1/2. Look for a boundary that bends around single noisy points, and for one too smooth to follow the data.",
        "ru": "Фон — вероятность класса 1 у каждой сети в режиме применения (синий — класс 0, оранжевый — класс 1, белый — сеть не уверена). Линия — разделяющая граница, где эта вероятность равна 1/2. Ищите границу, которая огибает отдельные зашумлённые точки, и границу, слишком гладкую, чтобы следовать за данными.",
    },
    "dropout.table.network": {"en": "Network: p_drop (PyTorch) · p_keep (lesson)", "ru": "Сеть"},
    "dropout.table.train_loss": {"en": "training loss", "ru": "ошибка на обучающей выборке"},
    "dropout.table.val_loss": {"en": "validation loss", "ru": "ошибка на валидационной выборке"},
    "dropout.table.lowest": {"en": "lowest validation loss (epoch)", "ru": "минимум ошибки на валидационной выборке (эпоха)"},
    "dropout.table.lowest_help": {
        "en": "The lowest validation loss during training and the epoch it was reached: where early stopping would have stopped.",
        "ru": "Наименьшая ошибка на валидационной выборке за время обучения и эпоха, когда она достигнута: здесь обучение прервала бы ранняя остановка.",
    },
    "dropout.table.train_accuracy": {"en": "training accuracy", "ru": "точность на обучающей выборке"},
    "dropout.table.val_accuracy": {"en": "validation accuracy", "ru": "точность на валидационной выборке"},
    "dropout.seeds.title": {"en": "Over ten seeds", "ru": "На десяти запусках"},
    "dropout.seeds.intro": {
        "en": "One run is not a law. The same comparison was trained {n} times, for seeds 0 to {last}, whatever seed is chosen above: each run draws its own data, initial weights, minibatches and masks, and the page's conclusions never change with the seed. The table gives the median of the {n} runs and, in brackets, their range; the sentences below say in how many runs each statement holds.",
        "ru": "Один запуск — ещё не закон. То же сравнение обучено {n} {n:plural:раз|раза|раз}, с зёрнами генератора от 0 до {last}, какое бы зерно ни было выбрано выше: в каждом запуске свои данные, начальные веса, мини-батчи и маски, и выводы страницы от зерна не зависят. В таблице — медиана по {n} {n:plural:запуску|запускам|запускам} и в скобках их разброс. Ниже сказано, в скольких запусках выполняется каждое утверждение.",
    },
    "dropout.seeds.val_loss": {"en": "validation loss at the end", "ru": "ошибка на валидационной выборке в конце"},
    "dropout.seeds.lowest": {"en": "lowest validation loss", "ru": "минимум ошибки на валидационной выборке"},
    "dropout.seeds.val_accuracy": {"en": "validation accuracy", "ru": "точность на валидационной выборке"},
    "dropout.seeds.train_accuracy": {"en": "training accuracy", "ru": "точность на обучающей выборке"},
    "dropout.seeds.lower": {"en": "ends below no dropout", "ru": "в конце ниже, чем без dropout"},
    "dropout.seeds.of": {"en": "{k} of {n}", "ru": "{k} из {n}"},
    "dropout.seeds.one_run": {"en": "This run alone (seed {seed})", "ru": "Только этот запуск (зерно {seed})"},
    "dropout.verdict.overfit": {
        "en": "**Without dropout the network overfits, in {k} of {n} seeds.** Its validation loss was lowest around epoch {epoch} (median {lowest:.3f}) and then rose to {final:.3f}: it learns the noise of its {size} training points.",
        "ru": "**Без dropout сеть переобучается — в {k} из {n} {n:plural:запуска|запусков|запусков}.** Ошибка на валидационной выборке была наименьшей около эпохи {epoch} (медиана {lowest:.3f}), а затем выросла до {final:.3f}: сеть выучивает шум своих {size} {size:plural:обучающей точки|обучающих точек|обучающих точек}.",
    },
    "dropout.verdict.no_overfit": {
        "en": "**Without dropout the network hardly overfits here:** its validation loss rose well above its minimum in only {k} of {n} seeds (median: lowest {lowest:.3f} around epoch {epoch}, {final:.3f} at the end). There is little overfitting to prevent.",
        "ru": "**Без dropout сеть здесь почти не переобучается:** ошибка на валидационной выборке заметно выросла после минимума только в {k} из {n} {n:plural:запуска|запусков|запусков} (медиана: минимум {lowest:.3f} около эпохи {epoch}, в конце {final:.3f}). Предотвращать почти нечего.",
    },
    "dropout.verdict.some_overfit": {
        "en": "**Without dropout the network overfits in {k} of {n} seeds:** sometimes, not as a rule (median: lowest {lowest:.3f} around epoch {epoch}, {final:.3f} at the end).",
        "ru": "**Без dropout сеть переобучается в {k} из {n} {n:plural:запуска|запусков|запусков}:** иногда, но не как правило (медиана: минимум {lowest:.3f} около эпохи {epoch}, в конце {final:.3f}).",
    },
    "dropout.verdict.helped": {
        "en": "**{name} helps:** its validation loss ends below the network without dropout in {k} of {n} seeds (median {value:.3f} against {without:.3f}); its validation accuracy is no more than a point lower in {accurate} of {n}.",
        "ru": "**С {name} dropout помогает:** в конце ошибка на валидационной выборке ниже, чем без dropout, в {k} из {n} {n:plural:запуска|запусков|запусков} (медиана {value:.3f} против {without:.3f}). Точность на валидационной выборке не ниже больше чем на пункт в {accurate} из {n}.",
    },
    "dropout.verdict.not_helped": {
        "en": "**{name} does not help here:** its validation loss ends above the network without dropout in {k} of {n} seeds (median {value:.3f} against {without:.3f}).",
        "ru": "**С {name} dropout здесь не помогает:** в конце ошибка на валидационной выборке выше, чем без dropout, в {k} из {n} {n:plural:запуска|запусков|запусков} (медиана {value:.3f} против {without:.3f}).",
    },
    "dropout.verdict.mixed": {
        "en": "{name}: no rule. Its validation loss ends below the network without dropout in {k} of {n} seeds only (median {value:.3f} against {without:.3f}).",
        "ru": "{name}: правила нет. Ошибка на валидационной выборке в конце ниже, чем без dropout, только в {k} из {n} {n:plural:запуска|запусков|запусков} (медиана {value:.3f} против {without:.3f}).",
    },
    "dropout.verdict.underfit": {
        "en": "**{name} is too much, in {k} of {n} seeds.** With so few units left the network cannot even fit its training set: training accuracy {train:.0%} (median) against {best:.0%} for the best network. It underfits.",
        "ru": "**{name} — это слишком много, в {k} из {n} {n:plural:запуска|запусков|запусков}.** Когда сохраняется так мало нейронов, сеть не может описать даже обучающую выборку: точность на ней {train:.0%} (медиана) против {best:.0%} у лучшей сети. Это недообучение.",
    },
    "dropout.verdict.lowest_not_best": {
        "en": "**The lowest final validation loss is not the best network.** {name} ends lowest in {k} of {n} seeds, yet it underfits: validation accuracy {accuracy:.0%} against {best:.0%}. A network that is unsure everywhere pays little cross-entropy for its mistakes. Judge overfitting by the validation curve, where its minimum lies and how far it rises, and look at accuracy next to the loss.",
        "ru": "**Наименьшая ошибка на валидационной выборке в конце — не у лучшей сети.** Сеть с {name} — ниже всех в {k} из {n} {n:plural:запуска|запусков|запусков}, но недообучается: точность на валидационной выборке {accuracy:.0%} против {best:.0%}. Сеть, которая везде не уверена, платит за свои ошибки малой кросс-энтропией. О переобучении судят по валидационной кривой: где её минимум и насколько она потом растёт. И рядом с ошибкой смотрят на точность.",
    },
    # ---------------------------------------------------------------- Monte-Carlo dropout
    "dropout.mc.title": {"en": "Beyond the lesson: dropout left on after training", "ru": "За рамками урока: dropout, оставленный включённым после обучения"},
    "dropout.mc.intro": {
        "en": "Normally dropout is off after training. Leave it on, and every pass through the network is another thinned network with its own answer. The mean of many passes is a prediction, and their spread shows where the thinned networks disagree: a rough measure of how unsure the model is (Monte-Carlo dropout, [Gal & Ghahramani, 2016]({paper})). Which trained network to ask, and how many passes, is set in the sidebar.",
        "ru": "Обычно после обучения dropout выключают. Если оставить его включённым, каждый проход через сеть — это очередная прореженная сеть со своим ответом. Среднее многих проходов — это предсказание, а их разброс показывает, где прореженные сети не согласны друг с другом. Это грубая мера неуверенности модели (dropout Монте-Карло, [Gal, Ghahramani, 2016]({paper})). Какую обученную сеть спрашивать и сколько проходов делать, задаётся на боковой панели.",
    },
    "dropout.mc.no_rate": {
        "en": "Choose at least one dropout rate under «Against overfitting»: a network without dropout gives the same answer on every pass.",
        "ru": "Выберите хотя бы одну вероятность dropout в разделе «Против переобучения»: сеть без dropout на каждом проходе отвечает одно и то же.",
    },
    "dropout.mc.running": {
        "en": "{passes} {passes:plural:pass|passes} over the plane…",
        "ru": "{passes} {passes:plural:проход|прохода|проходов} по плоскости…",
    },
    "dropout.mc.caption": {
        "en": "The network trained with {name}, {passes} {passes:plural:pass|passes} with dropout on at every point of the plane. Left: the mean probability of class 1 and its 1/2 line. Right: the standard deviation of the probability over the passes (darker: the answers of the thinned networks differ more).",
        "ru": "Сеть, обученная с {name}: по {passes} {passes:plural:проходу|прохода|проходов} с включённым dropout в каждой точке плоскости. Слева — средняя вероятность класса 1 и её линия уровня 1/2. Справа — стандартное отклонение вероятности по проходам: чем темнее, тем сильнее различаются ответы прореженных сетей.",
    },
    "dropout.mc.largest": {"en": "largest spread", "ru": "наибольший разброс"},
    "dropout.mc.largest_help": {
        "en": "The largest standard deviation of P(class 1) over the passes, anywhere on the plane.",
        "ru": "Наибольшее стандартное отклонение P(класс 1) по проходам во всей плоскости.",
    },
    "dropout.mc.unsure": {"en": "spread where unsure", "ru": "разброс, где сеть не уверена"},
    "dropout.mc.unsure_help": {
        "en": "The mean spread where the mean probability is between 0.3 and 0.7.",
        "ru": "Средний разброс там, где средняя вероятность от 0,3 до 0,7.",
    },
    "dropout.mc.sure": {"en": "spread where sure", "ru": "разброс, где сеть уверена"},
    "dropout.mc.sure_help": {
        "en": "The mean spread where the mean probability is below 0.1 or above 0.9.",
        "ru": "Средний разброс там, где средняя вероятность ниже 0,1 или выше 0,9.",
    },
    "dropout.mc.far": {"en": "spread far from the data", "ru": "разброс вдали от данных"},
    "dropout.mc.far_help": {
        "en": "The mean spread at points {distance:g} or more from every training point.",
        "ru": "Средний разброс в точках, удалённых от всех обучающих точек на {distance:g} и больше.",
    },
    "dropout.mc.gap": {"en": "passes' mean − eval pass", "ru": "разница: среднее проходов и проход в режиме применения"},
    "dropout.mc.gap_help": {
        "en": "The largest difference between the mean of the passes and the single eval-mode pass (nothing dropped, nothing scaled). It is not 0 because the network is not linear: averaging thinned networks and scaling the weights agree only approximately.",
        "ru": "Наибольшая разница между средним проходов и одним проходом в режиме применения (ничего не выключено и не масштабировано). Она не равна 0, потому что сеть нелинейна: усреднение прореженных сетей и масштабирование весов совпадают лишь приближённо.",
    },
    "dropout.mc.verdict": {
        "en": "The mean spread is {unsure:.3f} where the mean probability is between 0.3 and 0.7 and {sure:.3f} where it is below 0.1 or above 0.9. The mean of the passes differs from the eval-mode pass by at most {gap:.3f}.",
        "ru": "Средний разброс равен {unsure:.3f} там, где средняя вероятность от 0,3 до 0,7, и {sure:.3f} там, где она ниже 0,1 или выше 0,9. Среднее проходов отличается от прохода в режиме применения не больше чем на {gap:.3f}.",
    },
    "dropout.mc.far_near": {
        "en": "Far from the training points ({distance:g} or more away) the mean spread is {far:.3f}, against {near:.3f} near them. Whether it grows away from the data depends on the network: far out, the outputs of a ReLU network's thinned versions can all grow in the same direction and agree, so this spread is no sure alarm for inputs unlike anything seen in training.",
        "ru": "Вдали от обучающих точек (на {distance:g} и дальше) средний разброс равен {far:.3f}, рядом с ними — {near:.3f}. Растёт ли он с удалением от данных, зависит от сети: далеко от данных выходы прореженных версий сети с ReLU могут все расти в одну сторону и совпадать, поэтому этот разброс — не надёжный сигнал для входов, непохожих на обучающие.",
    },
    # ---------------------------------------------------------------- experiments
    "dropout.experiment.thinned": {
        "en": "The lesson's picture, a network and its thinned versions at keep probability 0.5: press Play, another thinned network at every step.",
        "ru": "Картинка из урока — сеть и её прореженные версии при вероятности сохранить 0,5: нажмите «Пуск», на каждом шаге новая прореженная сеть.",
    },
    "dropout.experiment.lesson_p": {
        "en": "The lesson's p = 0.8 is PyTorch's p = 0.2: about 80% of the units stay at each step.",
        "ru": "p = 0,8 из урока — это p = 0,2 в PyTorch: на каждом шаге сохраняется около 80% нейронов.",
    },
    "dropout.experiment.half_gone": {
        "en": "Drop probability 0.8: most units are gone, and the kept share jumps around its expected 20%.",
        "ru": "Вероятность выключить 0,8: большинство нейронов выключено, а доля сохранённых скачет вокруг ожидаемых 20%.",
    },
    "dropout.experiment.expected": {
        "en": "Inverted dropout: after 100,000 masks the mean output equals the eval-mode output; zeros alone give half of it.",
        "ru": "Инвертированный dropout: после 100\u00a0000 масок средний выход равен выходу в режиме применения, а одно обнуление даёт лишь половину.",
    },
    "dropout.experiment.few_masks": {
        "en": "Ten masks at drop probability 0.8: each output is 0 or 5a, and their mean is still far from a.",
        "ru": "Десять масок при вероятности выключить 0,8: каждый выход равен 0 или 5a, и их среднее ещё далеко от a.",
    },
    "dropout.experiment.overfit": {
        "en": "Against overfitting, the paper's claim. Without dropout the validation loss climbs after its minimum; drop 0.5 keeps it lower; drop 0.9 underfits, though its final loss is the lowest. The page counts the seeds.",
        "ru": "Главное утверждение статьи — dropout против переобучения. Без dropout ошибка на валидационной выборке растёт после минимума; с вероятностью выключить 0,5 она остаётся ниже; с 0,9 сеть недообучается, хотя её ошибка в конце самая низкая. Страница считает, в скольких запусках это так.",
    },
    "dropout.experiment.too_much": {
        "en": "Too much dropout, in accuracy: at drop 0.9 and 0.95 the network is wrong more often, even on its training set.",
        "ru": "Слишком много dropout — видно по точности: при вероятности выключить 0,9 и 0,95 сеть ошибается чаще, даже на обучающей выборке.",
    },
    "dropout.experiment.more_data": {
        "en": "Twice the data: drop 0.2 and 0.5 now end below the network without dropout in every seed.",
        "ru": "Вдвое больше данных: с вероятностью выключить 0,2 и 0,5 сеть теперь в конце лучше сети без dropout в каждом запуске.",
    },
    "dropout.experiment.small_network": {
        "en": "8 units per hidden layer overfit much less, and drop 0.5 and 0.9 leave too few of them: the network underfits.",
        "ru": "8 нейронов в скрытом слое переобучаются гораздо меньше, а вероятность выключить 0,5 и 0,9 оставляет их слишком мало: сеть недообучается.",
    },
    "dropout.experiment.other_seed": {
        "en": "Another seed: this one run looks different; the conclusions, over seeds 0 to 9, do not change.",
        "ru": "Другое зерно генератора: этот один запуск выглядит иначе, а выводы — по зёрнам от 0 до 9 — не меняются.",
    },
    "dropout.experiment.uncertainty": {
        "en": "Beyond the lesson: 100 passes with dropout on, and where the thinned networks disagree.",
        "ru": "За рамками урока: 100 проходов с включённым dropout — где прореженные сети не согласны друг с другом.",
    },
}
