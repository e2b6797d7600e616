"""Texts of the batch-norm lab (lesson 4)."""

TEXT = {
    "batch_norm.title": {"en": "Batch normalization", "ru": "Батч-нормализация"},
    "batch_norm.intro": {
        "en": "Batch normalization ([Ioffe & Szegedy, 2015]({paper})) is a step between a layer's linear part and its activation. For every unit it takes the values $z$ of the current batch, subtracts their mean $\\mu_B$ and divides by their standard deviation, so that over the batch they have mean 0 and variance 1. Then it multiplies them by $\\gamma$ and adds $\\beta$, two numbers per unit that the network learns like its weights. Below: what this does to one layer, and how the layer keeps running averages of $\\mu_B$ and $\\sigma_B^2$ for use after training. Then: why one input gives different outputs in train and eval mode, and what batch norm changes for a deep network.",
        "ru": "Батч-нормализация ([Ioffe, Szegedy, 2015]({paper})) — это шаг между линейной частью слоя и его функцией активации. Для каждого нейрона она берёт значения $z$ на текущем батче, вычитает их среднее $\\mu_B$ и делит на стандартное отклонение: по батчу получаются среднее 0 и дисперсия 1. Затем значения умножаются на $\\gamma$ и сдвигаются на $\\beta$ — это два числа на нейрон, которые сеть обучает наравне с весами. Ниже мы посмотрим, что батч-нормализация делает с одним слоем и как слой копит скользящие средние $\\mu_B$ и $\\sigma_B^2$, чтобы пользоваться ими после обучения. Затем — почему один и тот же вход даёт разные выходы в режиме обучения и в режиме применения и что батч-нормализация меняет в глубокой сети.",
    },
    # ---------------------------------------------------------------- one layer
    "batch_norm.layer.title": {"en": "What batch norm does to one layer", "ru": "Что батч-нормализация делает с одним слоем"},
    "batch_norm.layer.intro": {
        "en": "A layer with three inputs and four units receives a batch of N random samples. Its values before the activation, $z = xW + b$, have a different mean and spread in every unit (top row). Batch norm normalises each unit over the batch (second row): every lane now has mean 0 and variance 1, whatever it had before. Then $y = \\gamma\\hat z + \\beta$ (third row) gives the units the spread and position the network wants. The bottom row shows what a sigmoid after the layer would make of $y$. The bias $b$ no longer matters: subtracting the batch mean removes it, and $\\beta$ takes its place.",
        "ru": "Слой с тремя входами и четырьмя нейронами получает батч из N случайных объектов. Его значения до активации, $z = xW + b$, у каждого нейрона имеют своё среднее и свой разброс (верхний ряд). Батч-нормализация нормирует значения каждого нейрона по батчу (второй ряд): на каждой дорожке теперь среднее 0 и дисперсия 1, что бы ни было раньше. Затем $y = \\gamma\\hat z + \\beta$ (третий ряд) задаёт нейронам тот разброс и то положение, которые нужны сети. Нижний ряд показывает, что из $y$ сделала бы сигмоида, стоящая после слоя. Смещение $b$ теперь ни на что не влияет: вычитание среднего по батчу убирает его, и его роль берёт на себя $\\beta$.",
    },
    "batch_norm.layer.batch": {"en": "Batch size N (one layer)", "ru": "Размер батча N (один слой)"},
    "batch_norm.layer.gamma_help": {
        "en": "The scale of every unit's normalised value (one γ for all four units here; in a network each unit learns its own).",
        "ru": "Масштаб нормированного значения каждого нейрона (здесь один γ на все четыре нейрона; в сети у каждого нейрона свой, обучаемый).",
    },
    "batch_norm.layer.beta_help": {
        "en": "The shift of every unit's normalised value (one β for all four units here; in a network each unit learns its own).",
        "ru": "Сдвиг нормированного значения каждого нейрона (здесь один β на все четыре нейрона; в сети у каждого нейрона свой, обучаемый).",
    },
    "batch_norm.layer.undo": {"en": "Undo it: $\\gamma = \\sqrt{\\sigma_B^2 + \\epsilon}$, $\\beta = \\mu_B$", "ru": "Отменить: $\\gamma = \\sqrt{\\sigma_B^2 + \\epsilon}$, $\\beta = \\mu_B$"},
    "batch_norm.layer.undo_help": {
        "en": "Give each unit the γ and β of its own batch statistics: batch norm then returns its input unchanged (Ioffe & Szegedy, section 3).",
        "ru": "Дать каждому нейрону γ и β из статистик его собственного батча: тогда батч-нормализация возвращает вход без изменений (раздел 3 статьи).",
    },
    "batch_norm.layer.caption": {
        "en": "Each dot is one sample of the batch in one unit (one lane per unit); black: the unit's mean ± one standard deviation over the batch. Rows: z before batch norm, ẑ after normalising, y after γ and β, σ(y) after a sigmoid.",
        "ru": "Каждая точка — один объект батча в одном нейроне (у каждого нейрона своя дорожка); чёрным — среднее нейрона ± одно стандартное отклонение по батчу. Ряды: z до батч-нормализации, ẑ после нормировки, y после γ и β, σ(y) после сигмоиды.",
    },
    "batch_norm.layer.undone": {
        "en": "With $\\gamma = \\sqrt{{\\sigma_B^2 + \\epsilon}}$ and $\\beta = \\mu_B$ the third row repeats the first: the largest difference |y − z| is {gap}, rounding alone. So batch norm takes nothing away from what the layer can express: if the original values were best, training can find the γ and β that give them back.",
        "ru": "При $\\gamma = \\sqrt{{\\sigma_B^2 + \\epsilon}}$ и $\\beta = \\mu_B$ третий ряд повторяет первый: наибольшая разница |y − z| равна {gap}, это лишь погрешность округления. Значит, батч-нормализация ничего не отнимает у слоя: если исходные значения были лучшими, обучение может найти γ и β, которые их вернут.",
    },
    "batch_norm.layer.straight": {
        "en": "With γ = {gamma:.2g}, {share:.0%} of the values y lie where a sigmoid is almost a straight line (|y| ≤ 1). After normalisation with γ = 1 a following sigmoid works mostly as a linear function. A larger γ lets the unit reach its bends, which is one reason a network may want a variance other than 1.",
        "ru": "Сейчас γ = {gamma:.2g}, и {share:.0%} значений y лежат там, где сигмоида почти прямая (|y| ≤ 1). После нормировки с γ = 1 сигмоида, стоящая за слоем, работает в основном как линейная функция. Бóльшее γ выводит нейрон на её изгибы — это одна из причин, по которым сети может понадобиться дисперсия, отличная от 1.",
    },
    "batch_norm.differs.fixed_says": {
        "en": "batch normalization brings each neuron's output to zero mean and a fixed variance.",
        "ru": "батч-нормализация приводит выход каждого нейрона к нулевому среднему и фиксированной дисперсии.",
    },
    "batch_norm.differs.fixed_measured": {
        "en": "that holds for ẑ, over the batch and up to ε: here the largest |mean| is {mean:.0e} and the smallest variance {var:.6f} (it is $\\sigma_B^2/(\\sigma_B^2 + \\epsilon)$, just under 1). The layer's output y = γẑ + β, however, has mean β and variance $\\gamma^2\\sigma_B^2/(\\sigma_B^2 + \\epsilon)$. And γ and β are learned: after training they are not fixed at all (see the learned γ and β below).",
        "ru": "это верно для ẑ — по батчу и с точностью до ε: здесь наибольшее |среднее| равно {mean:.0e}, а наименьшая дисперсия {var:.6f} (это $\\sigma_B^2/(\\sigma_B^2 + \\epsilon)$, чуть меньше 1). Но у выхода слоя y = γẑ + β среднее равно β, а дисперсия — $\\gamma^2\\sigma_B^2/(\\sigma_B^2 + \\epsilon)$. А γ и β обучаются, так что после обучения они вовсе не фиксированы (см. обученные γ и β ниже).",
    },
    # ---------------------------------------------------------------- running statistics
    "batch_norm.stream.title": {"en": "Running mean and variance: exponential smoothing", "ru": "Скользящие среднее и дисперсия: экспоненциальное сглаживание"},
    "batch_norm.stream.intro": {
        "en": "A trained network must answer for one input at a time, so it cannot rely on a batch's statistics. While training, each batch-norm layer therefore keeps running estimates of every unit's mean and variance and updates them after each batch. The lesson describes how: the batch's statistics are added with some weight, and the old value is discounted a little. Here one unit's values come from a known distribution N(μ, σ²), and each step draws a batch of N of them.",
        "ru": "Обученная сеть должна уметь отвечать на один объект, а у одного объекта нет статистик батча. Поэтому во время обучения каждый слой батч-нормализации ведёт скользящие оценки среднего и дисперсии каждого нейрона и обновляет их после каждого батча. Как именно, описано в уроке: статистики батча добавляются с некоторым весом, а старое значение немного дисконтируется. Здесь значения одного нейрона берутся из известного распределения N(μ; σ²), и на каждом шаге из него извлекается батч из N значений.",
    },
    "batch_norm.stream.names": {
        "en": "**Two names for one number.** PyTorch's `momentum` m (default 0.1) is the weight of the new batch; here m = {momentum:g}. The lesson's discount is the factor 1 − m = {discount:g} that multiplies the old value. Keras and TensorFlow call that factor their `momentum` (default 0.99, which is m = 0.01 in PyTorch's terms). The running variance takes the unbiased batch variance (divided by N − 1), while the batch itself is normalised with the biased one (divided by N).",
        "ru": "**Два названия одного числа.** `momentum` m в PyTorch (по умолчанию 0,1) — это вес нового батча; здесь m = {momentum:g}. Дисконт из урока — это множитель 1 − m = {discount:g}, на который умножается старое значение. В Keras и TensorFlow `momentum` называют как раз этот множитель (по умолчанию 0,99, то есть m = 0,01 в терминах PyTorch). В скользящую дисперсию идёт несмещённая дисперсия батча (делённая на N − 1), а сам батч нормируется смещённой (делённой на N).",
    },
    "batch_norm.stream.momentum": {"en": "Momentum m (PyTorch); discount 1 − m", "ru": "`momentum` m в PyTorch; дисконт 1 − m"},
    "batch_norm.stream.momentum_help": {
        "en": "The weight of each new batch in the running estimate, as torch.nn.BatchNorm1d(momentum=m). The old value is multiplied by 1 − m, the lesson's discount (Keras's momentum).",
        "ru": "Вес каждого нового батча в скользящей оценке, как в `torch.nn.BatchNorm1d(momentum=m)`. Старое значение умножается на 1 − m — это дисконт из урока (`momentum` в Keras).",
    },
    "batch_norm.stream.batch": {"en": "Batch size N (stream)", "ru": "Размер батча N (поток)"},
    "batch_norm.stream.steps": {"en": "Number of batches (steps)", "ru": "Число батчей (шагов)"},
    "batch_norm.stream.mean": {"en": "True mean μ", "ru": "Истинное среднее μ"},
    "batch_norm.stream.std": {"en": "True standard deviation σ", "ru": "Истинное стандартное отклонение σ"},
    "batch_norm.stream.m_help": {"en": "PyTorch's momentum: the weight of each new batch.", "ru": "Вес каждого нового батча в скользящей оценке (m в PyTorch)."},
    "batch_norm.stream.discount_help": {
        "en": "The lesson's discount: the share of the old value kept at each step. Keras and TensorFlow call this number momentum.",
        "ru": "Дисконт из урока: доля старого значения, которая остаётся на каждом шаге. В Keras и TensorFlow это число называется momentum.",
    },
    "batch_norm.stream.half_life": {"en": "Half-life, steps", "ru": "Период полураспада, шагов"},
    "batch_norm.stream.half_life_help": {
        "en": "After this many steps the start (or any one batch) weighs half as much in the estimate: ln 2 / (−ln(1 − m)).",
        "ru": "Через столько шагов вес старта (или любого одного батча) в оценке уменьшается вдвое: ln 2 / (−ln(1 − m)).",
    },
    "batch_norm.stream.forget": {"en": "Steps until the start weighs < 1%", "ru": "Шагов, пока вес старта не станет меньше 1%"},
    "batch_norm.stream.forget_help": {
        "en": "The first step at which the starting value (mean 0, variance 1) weighs at most 1% of the estimate: (1 − m)ᵗ ≤ 0.01.",
        "ru": "Первый шаг, на котором стартовое значение (среднее 0, дисперсия 1) весит в оценке не больше 1%: (1 − m)ᵗ ≤ 0,01.",
    },
    "batch_norm.stream.final_mean_help": {"en": "The running mean after the last batch; the true mean is {mean:g}.", "ru": "Скользящее среднее после последнего батча; истинное среднее равно {mean:g}."},
    "batch_norm.stream.final_var_help": {"en": "The running variance after the last batch; the true variance is {var:.3g}.", "ru": "Скользящая дисперсия после последнего батча; истинная дисперсия равна {var:.3g}."},
    "batch_norm.stream.debias": {"en": "Show the bias-corrected estimate", "ru": "Показать оценку с поправкой на старт"},
    "batch_norm.stream.debias_help": {
        "en": "(rₜ − (1 − m)ᵗ r₀) / (1 − (1 − m)ᵗ): the start's weight divided out, as Adam corrects its moments. Beyond the lesson: PyTorch and Keras do not do this.",
        "ru": "(rₜ − (1 − m)ᵗ r₀) / (1 − (1 − m)ᵗ): вес старта исключён — так Adam поправляет свои моменты. За пределами урока: PyTorch и Keras этого не делают.",
    },
    "batch_norm.stream.caption": {
        "en": "Grey dots: each batch's mean (first chart) and unbiased variance (second chart). Blue: the running estimate, starting at 0 and 1 as in PyTorch. Orange dashed: its expected value, which approaches the truth as (1 − m)ᵗ fades. The band around it: ±2 standard deviations of the estimate (theory for independent batches). Dotted: the true value.",
        "ru": "Серые точки — среднее (первый график) и несмещённая дисперсия (второй график) каждого батча. Синим — скользящая оценка; как в PyTorch, она стартует с 0 и 1. Оранжевый пунктир — её ожидаемое значение: оно приближается к истинному по мере того, как угасает (1 − m)ᵗ. Полоса вокруг него — ±2 стандартных отклонения оценки (теория для независимых батчей). Точечная линия — истинное значение.",
    },
    "batch_norm.stream.bias": {
        "en": "**The early bias.** The estimate starts at PyTorch's 0 and 1, not at the data's values, and forgets the start only gradually. After {steps} {steps:plural:step|steps} the start still weighs {weight:.0%}: the running mean is {mean:.3g} here, expected {expected:.3g}, true {truth:g}. The start weighs less than 1% only after {forget} {forget:plural:step|steps}. A network switched to eval mode earlier normalises with wrong numbers.",
        "ru": "**Старт забывается не сразу.** Оценка стартует с 0 и 1, как в PyTorch, а не со значений данных, и забывает старт постепенно. После {steps} {steps:plural:шага|шагов|шагов} вес старта ещё {weight:.0%}: скользящее среднее здесь {mean:.3g}, ожидаемое {expected:.3g}, истинное {truth:g}. Меньше 1% вес старта станет лишь через {forget} {forget:plural:шаг|шага|шагов}. Если перевести сеть в режим применения раньше, она будет нормировать неверными числами.",
    },
    "batch_norm.stream.unbiased": {
        "en": "**Why N − 1.** The batch variance that enters the running estimate is divided by N − 1, not N. With batches of N = {n} the biased variance would average σ²(N − 1)/N = {biased:.3g} instead of σ² = {var:.3g}. The factor N/(N − 1) puts the running variance on the right value (for small N the grey dots scatter widely, but their average is right).",
        "ru": "**Почему N − 1.** Дисперсия батча, которая входит в скользящую оценку, делится на N − 1, а не на N. Смещённая дисперсия (с делением на N) при батчах из N = {n} в среднем давала бы σ²(N − 1)/N = {biased:.3g}, а не σ² = {var:.3g}. Множитель N/(N − 1) выводит скользящую дисперсию на верное значение: при малых N серые точки сильно разбросаны, но в среднем они верны.",
    },
    # ---------------------------------------------------------------- train versus eval
    "batch_norm.modes.title": {"en": "Train mode versus eval mode", "ru": "Режим обучения и режим применения"},
    "batch_norm.modes.intro": {
        "en": "In train mode a batch-norm layer normalises each input with the statistics of its batch; in eval mode (after `model.eval()` in PyTorch) with the running ones. Take one value x₀ of the unit above and put it into many batches of N, its companions drawn from the same N(μ, σ²). In train mode its output depends on who else is in the batch; in eval mode it is one number. Here γ = 1 and β = 0, and eval mode uses the running statistics at the end of the stream above.",
        "ru": "В режиме обучения слой батч-нормализации нормирует каждое значение статистиками его батча, в режиме применения (после `model.eval()` в PyTorch) — скользящими. Возьмём одно значение x₀ того же нейрона и поместим его во множество батчей размера N, а соседей по батчу возьмём из того же N(μ; σ²). В режиме обучения выход для x₀ зависит от того, кто ещё попал в батч, а в режиме применения это одно число. Здесь γ = 1 и β = 0, а режим применения использует скользящие статистики, накопленные к концу потока из предыдущего раздела.",
    },
    "batch_norm.modes.batch": {"en": "Batch size N (train mode)", "ru": "Размер батча N (режим обучения)"},
    "batch_norm.modes.sample": {"en": "The input x₀", "ru": "Вход x₀"},
    "batch_norm.modes.one": {
        "en": "**A batch of one sample cannot be normalised in train mode.** Its mean is the sample itself, so $z - \\mu_B = 0$ and $\\sigma_B^2 = 0$: $\\hat z = 0/\\sqrt{{\\epsilon}} = 0$ for any input, and the layer would output β = {beta:g} whatever came in. The running variance, divided by N − 1 = 0, would be undefined. PyTorch stops with an error, and so does this app's engine, so the chart shows eval mode only. Single inputs are what eval mode is for; in training, use batches of at least two.",
        "ru": "**Батч из одного объекта в режиме обучения нормировать нельзя.** Его среднее — сам объект, поэтому $z - \\mu_B = 0$ и $\\sigma_B^2 = 0$: $\\hat z = 0/\\sqrt{{\\epsilon}} = 0$ для любого входа, и слой всегда выдавал бы β = {beta:g}. А скользящая дисперсия с делением на N − 1 = 0 была бы не определена. PyTorch в этом случае останавливается с ошибкой, движок этого приложения тоже, поэтому на графике только режим применения. Одиночные объекты — как раз задача режима применения; при обучении нужны батчи хотя бы из двух объектов.",
    },
    "batch_norm.modes.engine_says": {"en": "What the engine (dl_core) says", "ru": "Что сообщает движок (`dl_core`)"},
    "batch_norm.modes.two": {
        "en": "**A batch of two.** With N = 2 the two normalised values are $\\pm\\sqrt{\\sigma_B^2/(\\sigma_B^2 + \\epsilon)} \\approx \\pm 1$ whatever the inputs: train mode only tells which of the two is larger, so x₀'s output is almost always +1 or −1 (first chart).",
        "ru": "**Батч из двух.** При N = 2 нормированные значения равны $\\pm\\sqrt{\\sigma_B^2/(\\sigma_B^2 + \\epsilon)} \\approx \\pm 1$, каковы бы ни были входы: режим обучения сообщает лишь, какой из двух больше, поэтому выход для x₀ почти всегда +1 или −1 (первый график).",
    },
    "batch_norm.modes.caption": {
        "en": "First chart: the train-mode outputs of x₀ = {sample:g} in {trials} {trials:plural:batch|batches} (bars). Beside them, its eval-mode output (running mean {running_mean:.3g}, variance {running_var:.3g}) and the ideal (x₀ − μ)/σ with the true μ = {mean:g}, σ = {std:g}. Second chart: the 10th to 90th percentile and the median of its train-mode output for every batch size; they close in on the ideal as N grows.",
        "ru": "Первый график — x₀ = {sample:g} в {trials} {trials:plural:батче|батчах|батчах}. Столбцы — его выходы в режиме обучения; там же выход в режиме применения (скользящее среднее {running_mean:.3g}; скользящая дисперсия {running_var:.3g}) и идеал (x₀ − μ)/σ с истинными μ = {mean:g} и σ = {std:g}. Второй график — медиана и диапазон от 10-го до 90-го перцентиля выхода в режиме обучения для каждого размера батча; с ростом N они сходятся к идеалу.",
    },
    "batch_norm.modes.spread": {
        "en": "In train mode x₀ = {sample:g} comes out anywhere between {low:.3g} and {high:.3g} (10th to 90th percentile), depending on the other samples in its batch of N = {n}. In eval mode it is always {eval:.3g} (ideal: {ideal:.3g}).",
        "ru": "В режиме обучения выход для x₀ = {sample:g}, в зависимости от остальных объектов его батча из N = {n}, оказывается где угодно от {low:.3g} до {high:.3g} (от 10-го до 90-го перцентиля). В режиме применения он всегда равен {eval:.3g} (идеал: {ideal:.3g}).",
    },
    "batch_norm.table.unit": {"en": "Unit", "ru": "Нейрон"},
    "batch_norm.table.hat_help": {
        "en": "Mean (0 where rounding leaves less than 10⁻¹²) and biased variance (divided by N): σ²_B/(σ²_B + ε), just below 1.",
        "ru": "Среднее (показано как 0, если по модулю оно меньше 10⁻¹²: это след округления) и смещённая дисперсия (делённая на N): σ²_B/(σ²_B + ε), чуть меньше 1.",
    },
    "batch_norm.table.layer_caption": {
        "en": "Each cell: mean / variance of the unit over the batch (biased, divided by N, as batch norm computes it).",
        "ru": "В каждой клетке: среднее / дисперсия нейрона по батчу (смещённая, делённая на N, как её считает батч-нормализация).",
    },
    "batch_norm.table.sample": {"en": "Sample", "ru": "Объект"},
    "batch_norm.table.train": {"en": "Train mode", "ru": "Режим обучения"},
    "batch_norm.table.eval": {"en": "Eval mode", "ru": "Режим применения"},
    "batch_norm.table.more": {
        "en": "The first {shown} of the {total} samples of one batch.",
        "ru": "Первые {shown} из {total} {total:plural:объекта|объектов|объектов} одного батча.",
    },
    # ---------------------------------------------------------------- deep networks
    "batch_norm.deep.title": {"en": "Why it helps: a deep network with and without batch norm", "ru": "Зачем это нужно: глубокая сеть с батч-нормализацией и без неё"},
    "batch_norm.deep.intro": {
        "en": "Two networks of {depth} {depth:plural:hidden layer|hidden layers} with {width} units each (activation: {activation}; initialization: {init}) learn to separate two classes of {samples} points in the plane. Both train by minibatch SGD with batches of {batch}, at the same learning rate, from the same initial weights and on the same batches. The only difference: one has batch norm before every activation, where the paper puts it. The lesson allows it before or after the activation; both are used in practice.",
        "ru": "Две сети из {depth} {depth:plural:скрытого слоя|скрытых слоёв|скрытых слоёв} по {width} {width:plural:нейрону|нейрона|нейронов} (функция активации — {activation}, инициализация — {init}) учатся разделять на два класса {samples} {samples:plural:точку|точки|точек} на плоскости. Обе обучаются SGD на мини-батчах по {batch} {batch:plural:объекту|объекта|объектов}, с одной и той же скоростью обучения, из одних и тех же начальных весов и на одних и тех же батчах. Единственное отличие: в одной из них перед каждой активацией стоит батч-нормализация — там, где её ставит статья. Урок допускает её и до, и после активации; на практике встречается и то и другое.",
    },
    "batch_norm.deep.activation": {"en": "Activation", "ru": "Функция активации"},
    "batch_norm.deep.depth": {"en": "Hidden layers", "ru": "Скрытых слоёв"},
    "batch_norm.deep.data": {"en": "Data set", "ru": "Набор данных"},
    "batch_norm.act.sigmoid": {"en": "sigmoid", "ru": "сигмоида"},
    "batch_norm.act.tanh": {"en": "tanh", "ru": "tanh"},
    "batch_norm.act.relu": {"en": "ReLU", "ru": "ReLU"},
    "batch_norm.init.xavier_normal": {"en": "Xavier (Glorot), normal", "ru": "Xavier, нормальная"},
    "batch_norm.init.he_normal": {"en": "He, normal", "ru": "Хе, нормальная"},
    "batch_norm.data.moons": {"en": "moons", "ru": "полумесяцы"},
    "batch_norm.data.circles": {"en": "circles", "ru": "круги"},
    "batch_norm.data.xor": {"en": "XOR", "ru": "XOR"},
    "batch_norm.data.spirals": {"en": "spirals", "ru": "спирали"},
    "batch_norm.deep.training": {
        "en": "Training two networks for {steps} {steps:plural:step|steps}…",
        "ru": "Обучаем две сети: {steps} {steps:plural:шаг|шага|шагов}…",
    },
    "batch_norm.deep.predict": {
        "en": "After {steps} {steps:plural:step|steps} at η = {lr:g}, which network has the lower loss?",
        "ru": "У какой сети ошибка будет ниже после {steps} {steps:plural:шага|шагов|шагов} при η = {lr:g}?",
    },
    "batch_norm.outcome.with_bn": {"en": "the one with batch norm", "ru": "у сети с батч-нормализацией"},
    "batch_norm.outcome.without_bn": {"en": "the one without batch norm", "ru": "у сети без батч-нормализации"},
    "batch_norm.deep.loss_without": {"en": "Loss without BN", "ru": "Ошибка без батч-нормализации"},
    "batch_norm.deep.loss_with": {"en": "Loss with BN", "ru": "Ошибка с батч-нормализацией"},
    "batch_norm.deep.accuracy_without": {"en": "Accuracy without BN", "ru": "Точность без батч-нормализации"},
    "batch_norm.deep.accuracy_with": {"en": "Accuracy with BN", "ru": "Точность с батч-нормализацией"},
    "batch_norm.deep.loss_eval": {"en": "Loss with BN, eval mode", "ru": "Ошибка с батч-нормализацией, режим применения"},
    "batch_norm.deep.loss_eval_help": {
        "en": "The network with batch norm on the whole training set in eval mode, normalising with the running statistics it collected while training (what it would use after model.eval()).",
        "ru": "Ошибка сети с батч-нормализацией на всей обучающей выборке в режиме применения, то есть при нормировке скользящими статистиками, накопленными за обучение.",
    },
    "batch_norm.deep.lag": {
        "en": "Eval mode against the batch's statistics: with its running statistics the network with batch norm has a loss of {eval:.3g}; with the statistics of the whole training set, {population:.3g}. The running averages remember about the last 1/m = 10 batches, so when the weights change faster than that, eval mode lags behind and its loss is higher. After training, a pass over the training data with the weights fixed brings the running statistics up to date.",
        "ru": "Режим применения против статистик батча: со скользящими статистиками у сети с батч-нормализацией ошибка {eval:.3g}, со статистиками всей обучающей выборки — {population:.3g}. Скользящие средние помнят примерно последние 1/m = 10 батчей. Если веса меняются быстрее, режим применения отстаёт, и его ошибка выше. После обучения проход по обучающим данным с замороженными весами обновляет скользящие статистики.",
    },
    "batch_norm.deep.guess": {"en": "Constant guess", "ru": "Константный ответ"},
    "batch_norm.deep.guess_help": {
        "en": "The loss of always predicting the class frequencies (ln 2 for two equal classes): a network at this loss has learned nothing from its inputs.",
        "ru": "Ошибка ответа, который всегда равен долям классов в выборке (ln 2 для двух равных классов): сеть с такой ошибкой ничего не извлекла из входов.",
    },
    "batch_norm.deep.final_loss_help": {
        "en": "Mean cross-entropy on the whole training set after the last step; with batch norm, each layer normalised with the statistics of the whole set.",
        "ru": "Средняя кросс-энтропия на всей обучающей выборке после последнего шага; с батч-нормализацией каждый слой нормируется статистиками всей выборки.",
    },
    "batch_norm.deep.accuracy_help": {
        "en": "The share of training points classified correctly after the last step (normalised as for the loss).",
        "ru": "Точность: доля точек обучающей выборки, классифицированных верно после последнего шага (нормировка — как для ошибки).",
    },
    "batch_norm.deep.loss_caption": {
        "en": "Thin lines: the loss of each minibatch in train mode. Bold: the loss on the whole training set, measured every few steps (with batch norm, normalised with the statistics of the whole set). Dashed: the network with batch norm in eval mode, with its running statistics. Dotted: the loss of a constant guess. Log scale.",
        "ru": "Тонкие линии — ошибка каждого мини-батча в режиме обучения. Жирные — ошибка на всей обучающей выборке, измеренная каждые несколько шагов (с батч-нормализацией — при нормировке статистиками всей выборки). Штриховая — сеть с батч-нормализацией в режиме применения, со скользящими статистиками. Точечная линия — ошибка константного ответа. Шкала логарифмическая.",
    },
    "batch_norm.deep.spread_title": {"en": "How the values of each layer spread during training", "ru": "Как распределены значения каждого слоя во время обучения"},
    "batch_norm.deep.show": {"en": "Show", "ru": "Показать"},
    "batch_norm.show.outputs": {"en": "outputs of the activation", "ru": "выходы активации"},
    "batch_norm.show.inputs": {"en": "inputs of the activation (as in the paper's Figure 1)", "ru": "входы активации (как на рис. 1 статьи)"},
    "batch_norm.show_axis.outputs": {"en": "output of the activation", "ru": "выход активации"},
    "batch_norm.show_axis.inputs": {"en": "input of the activation", "ru": "вход активации"},
    "batch_norm.deep.spread_caption": {
        "en": "One ridge per hidden layer, layer 1 at the bottom: how the values of its units spread over a fixed batch of {probe} training {probe:plural:point|points}. Each ridge is scaled to its own peak; values beyond the axis are counted at its edge. A narrow spike is a unit that gives nearly the same value to every input. Play runs through training; the chart opens on the last step.",
        "ru": "Каждый гребень — один скрытый слой (слой 1 внизу): как распределены значения его нейронов на фиксированном батче из {probe} {probe:plural:точки|точек|точек} обучающей выборки. Каждый гребень масштабирован по своему пику; значения за пределами оси учтены у её края. Узкий пик — нейрон, который выдаёт почти одно и то же для любого объекта. Кнопка «Пуск» проигрывает обучение; график открывается на последнем шаге.",
    },
    "batch_norm.differs.grow_says": {
        "en": "after initialization, once backpropagation starts, nothing guarantees that the variance will not grow.",
        "ru": "после инициализации, когда запущено обратное распространение ошибки, ничто не гарантирует, что дисперсия не будет расти.",
    },
    "batch_norm.differs.grow_measured": {
        "en": "how much a unit's input varies from one sample to the next (its standard deviation over the probe batch, averaged over the layer's units). Without batch norm: {first:.2g} in layer 1 and {last:.2g} in layer {depth} before training, {first_end:.2g} and {last_end:.2g} after it. With batch norm it is about |γ| in every layer: between {bn_low:.2g} and {bn_high:.2g} here.",
        "ru": "разброс входа нейрона от объекта к объекту (стандартное отклонение по контрольному батчу, усреднённое по нейронам слоя). Без батч-нормализации до обучения он равен {first:.2g} в слое 1 и {last:.2g} в последнем, {depth}-м; после обучения — {first_end:.2g} и {last_end:.2g}. С батч-нормализацией он около |γ| в каждом слое: здесь от {bn_low:.2g} до {bn_high:.2g}.",
    },
    "batch_norm.differs.grow_seeds": {
        "en": "Over seeds 0 to {last_seed}, with these settings and no batch norm, the spread of layer {depth} collapsed (ended below 1% of layer 1's, so the output cannot tell the classes apart) in {collapsed} of {n} seeds, grew to more than 3 times its start during training in {grew} of {n}, and stayed within that in {steady} of {n}. Nothing in the network holds it in place.",
        "ru": "На зёрнах от 0 до {last_seed} при этих настройках без батч-нормализации разброс в последнем, {depth}-м слое схлопнулся (к концу обучения меньше 1% от разброса в слое 1 — выход сети уже не различает классы) в {collapsed} из {n} {n:plural:запуска|запусков|запусков}, вырос за время обучения больше чем втрое в {grew} из {n} и остался в этих пределах в {steady} из {n}. Ничто в самой сети его не удерживает.",
    },
    "batch_norm.deep.gamma_title": {"en": "The learned γ and β", "ru": "Обученные γ и β"},
    "batch_norm.deep.gamma_summary": {
        "en": "After training the γ of the network with batch norm range from {low:.3g} to {high:.3g} ({far:.0%} of the units moved more than 0.1 away from 1), and its β from {beta_low:.3g} to {beta_high:.3g}.",
        "ru": "После обучения γ сети с батч-нормализацией лежат от {low:.3g} до {high:.3g}, а β — от {beta_low:.3g} до {beta_high:.3g}. У {far:.0%} нейронов γ отошло от 1 больше чем на 0,1.",
    },
    "batch_norm.deep.gamma_moved": {
        "en": "The network used the freedom the lesson describes: many of its units now have a variance other than 1 and a mean other than 0.",
        "ru": "Сеть воспользовалась свободой, о которой говорит урок: у многих нейронов теперь дисперсия не 1 и среднее не 0.",
    },
    "batch_norm.deep.gamma_stayed": {
        "en": "At this learning rate and number of steps γ and β have barely left 1 and 0.",
        "ru": "При такой скорости обучения и таком числе шагов γ и β почти не отошли от 1 и 0.",
    },
    "batch_norm.chart.gamma_axis": {"en": "γ", "ru": "γ"},
    "batch_norm.chart.beta_axis": {"en": "β", "ru": "β"},
    "batch_norm.deep.sweep_title": {"en": "The range of learning rates that train", "ru": "При каких скоростях обучения сеть вообще обучается"},
    "batch_norm.deep.sweep_intro": {
        "en": "The same two networks, trained for {steps} {steps:plural:step|steps} at each of {rates} learning rates from 0.003 to 100, for ten seeds (0 to 9, each its own data and first weights; all rates and seeds of one network run side by side as one vectorised computation). A run counts as trained when its loss on the training set ends below half the loss of a constant guess. The paper's claim (section 3.3): batch norm lets a network train at higher learning rates.",
        "ru": "Те же две сети обучаются по {steps} {steps:plural:шагу|шага|шагов} при каждой из {rates} {rates:plural:скорости обучения|скоростей обучения|скоростей обучения} от 0,003 до 100, на десяти зёрнах генератора (от 0 до 9, у каждого свои данные и начальные веса; все скорости обучения и зёрна одной сети считаются параллельно, одним векторизованным вычислением). Запуск считается обучившимся, если в конце его ошибка на обучающей выборке меньше половины ошибки константного ответа. Утверждение из раздела 3 статьи: батч-нормализация позволяет обучать сеть с бóльшими скоростями обучения.",
    },
    "batch_norm.deep.sweeping": {
        "en": "Training {rates} short runs of each network…",
        "ru": "Обучаем по {rates} {rates:plural:короткому запуску|коротких запуска|коротких запусков} каждой сети…",
    },
    "batch_norm.deep.sweep_caption": {
        "en": 'The loss on the training set after the short run, for seeds 0 to 9, log scales: the line is the median over the seeds, the band their range. Filled dot: the rate trained (below the dashed line at {threshold:.3g}) in at least 8 of the 10 seeds; open dot: it did not; cross: most seeds diverged (stopped when the loss blew up). Dotted vertical line: the learning rate of the runs above.',
        "ru": 'Ошибка на обучающей выборке после короткого запуска на зёрнах от 0 до 9; обе шкалы логарифмические. Линия — медиана по запускам, полоса — их разброс. Закрашенная точка — при этой скорости обучения сеть обучилась (ниже пунктира на уровне {threshold:.3g}) не меньше чем в 8 запусках из 10; пустая — нет; крестик — большинство запусков разошлось (остановлено, когда ошибка взорвалась). Вертикальная точечная линия — скорость обучения запусков выше.',
    },
    "batch_norm.sweep.without": {"en": "Without batch norm the network", "ru": "Без батч-нормализации"},
    "batch_norm.sweep.with": {"en": "With batch norm the network", "ru": "С батч-нормализацией"},
    "batch_norm.sweep.trained": {
        "en": "{name} trained at {count} of {total} {total:plural:rate|rates} ({range}) in at least {holds} of {n} seeds.",
        "ru": "{name}: сеть обучилась при {count} из {total} {total:plural:скорости обучения|скоростей обучения|скоростей обучения} ({range}) — не меньше чем в {holds} из {n} {n:plural:запуска|запусков|запусков}.",
    },
    "batch_norm.sweep.none": {
        "en": "{name} trained at none of the {total} {total:plural:rate|rates}: none trained in {holds} of {n} seeds.",
        "ru": "{name}: сеть не обучилась ни при одной из {total} {total:plural:скорости обучения|скоростей обучения|скоростей обучения} — ни одна не дала обучения в {holds} из {n} {n:plural:запуска|запусков|запусков}.",
    },
    "batch_norm.sweep.only_with": {
        "en": "Without batch norm this network trains at no rate here; batch norm makes it trainable at all. The paper's claim, that it trains at higher rates, needs a network that trains without it too: try ReLU.",
        "ru": "Без батч-нормализации эта сеть здесь не обучается ни при какой скорости обучения; батч-нормализация вообще делает её обучаемой. Утверждение статьи — обучение при больших скоростях обучения — проверяется на сети, которая обучается и без неё: попробуйте ReLU.",
    },
    "batch_norm.sweep.higher": {
        "en": "Batch norm widened the range of learning rates that train towards higher rates, as the paper says.",
        "ru": "Батч-нормализация расширила диапазон скоростей обучения, при которых сеть обучается, в сторону больших значений — как и сказано в статье.",
    },
    "batch_norm.sweep.wider": {
        "en": "Batch norm widened the range of learning rates that train, but here at the low end, not towards the higher rates the paper speaks of.",
        "ru": "Батч-нормализация расширила диапазон скоростей обучения, при которых сеть обучается, но здесь — в сторону малых значений, а не больших, о которых говорит статья.",
    },
    "batch_norm.sweep.not_wider": {
        "en": "Here batch norm did not widen the range of learning rates that train.",
        "ru": "Здесь батч-нормализация не расширила диапазон скоростей обучения, при которых сеть обучается.",
    },
    # ---------------------------------------------------------------- chart words
    "batch_norm.chart.unit": {"en": "unit", "ru": "нейрон"},
    "batch_norm.chart.row_z": {"en": "z = xW + b: before batch norm", "ru": "z = xW + b: до батч-нормализации"},
    "batch_norm.chart.row_hat": {"en": "ẑ: mean 0, variance 1 over the batch", "ru": "ẑ: среднее 0, дисперсия 1 по батчу"},
    "batch_norm.chart.row_y": {"en": "y = γẑ + β", "ru": "y = γẑ + β"},
    "batch_norm.chart.row_sigmoid": {"en": "σ(y): after a sigmoid", "ru": "σ(y): после сигмоиды"},
    "batch_norm.chart.mean_sd": {"en": "mean %{x:.3~r}, sd %{customdata:.3~r}", "ru": "среднее %{x:.3~r}, ст. откл. %{customdata:.3~r}"},
    "batch_norm.chart.mean_panel": {"en": "Running mean μ<sub>run</sub>", "ru": "Скользящее среднее μ<sub>run</sub>"},
    "batch_norm.chart.var_panel": {"en": "Running variance σ<sup>2</sup><sub>run</sub>", "ru": "Скользящая дисперсия σ<sup>2</sup><sub>run</sub>"},
    "batch_norm.chart.batch_stat": {"en": "one batch", "ru": "один батч"},
    "batch_norm.chart.running": {"en": "running estimate", "ru": "скользящая оценка"},
    "batch_norm.chart.expected": {"en": "its expected value", "ru": "ожидаемое значение оценки"},
    "batch_norm.chart.band": {"en": "±2 sd (theory)", "ru": "±2 ст. откл. (теория)"},
    "batch_norm.chart.truth": {"en": "true value", "ru": "истинное значение"},
    "batch_norm.chart.debiased": {"en": "bias-corrected", "ru": "с поправкой на старт"},
    "batch_norm.chart.train_outputs": {"en": "train mode", "ru": "режим обучения"},
    "batch_norm.chart.eval_output": {"en": "eval mode", "ru": "режим применения"},
    "batch_norm.chart.ideal_output": {"en": "ideal (x₀ − μ)/σ", "ru": "идеал (x₀ − μ)/σ"},
    "batch_norm.chart.output_axis": {"en": "output for x₀", "ru": "выход для x₀"},
    "batch_norm.chart.batches_axis": {
        "en": "x₀ in {trials} {trials:plural:batch|batches} of N",
        "ru": "x₀ в {trials} {trials:plural:батче|батчах|батчах} размера N",
    },
    "batch_norm.chart.size_axis": {"en": "against the batch size N", "ru": "в зависимости от размера батча N"},
    "batch_norm.chart.median": {"en": "median, train mode", "ru": "медиана, режим обучения"},
    "batch_norm.chart.spread": {"en": "10th–90th percentile, train mode", "ru": "10–90-й перцентиль, режим обучения"},
    "batch_norm.chart.no_train_output": {"en": "N = 1: train mode gives no output", "ru": "N = 1: в режиме обучения выхода нет"},
    "batch_norm.chart.without_bn": {"en": "without batch norm", "ru": "без батч-нормализации"},
    "batch_norm.chart.with_bn": {"en": "with batch norm", "ru": "с батч-нормализацией"},
    "batch_norm.chart.without_short": {"en": "no BN", "ru": "без батч-нормализации"},
    "batch_norm.chart.with_short": {"en": "with BN", "ru": "с батч-нормализацией"},
    "batch_norm.chart.loss_axis": {"en": "loss (log scale)", "ru": "ошибка (лог. шкала)"},
    "batch_norm.chart.minibatch": {"en": "{name}: minibatch", "ru": "{name}: мини-батч"},
    "batch_norm.chart.whole_set": {"en": "{name}: training set", "ru": "{name}: обучающая выборка"},
    "batch_norm.chart.eval_mode": {"en": "{name}: eval mode", "ru": "{name}: режим применения"},
    "batch_norm.chart.constant_guess": {"en": "constant guess", "ru": "константный ответ"},
    "batch_norm.chart.layer_axis": {"en": "hidden layer", "ru": "скрытый слой"},
    "batch_norm.chart.lr_axis": {"en": "learning rate η", "ru": "скорость обучения η"},
    "batch_norm.chart.final_loss_axis": {"en": "loss after the run", "ru": "ошибка после запуска"},
    "batch_norm.chart.threshold": {"en": "trained below this line", "ru": "ниже линии — обучилась"},
    "batch_norm.chart.chosen_lr": {"en": " η of the runs above", "ru": " η графиков выше"},
    "batch_norm.chart.trained_in": {"en": "trained in {k} of {n} seeds", "ru": "обучилась в {k} из {n} {n:plural:запуска|запусков|запусков}"},
    # ---------------------------------------------------------------- experiments
    "batch_norm.experiment.undo": {
        "en": "Undo switched on: each unit gets γ and β from its own batch, and the third row repeats the first to rounding.",
        "ru": "Нормировка отменена: каждый нейрон получает γ = σ_B и β = μ_B своего батча, и третий ряд повторяет первый с точностью до округления.",
    },
    "batch_norm.experiment.wide_gamma": {
        "en": "γ = 3: the sigmoid row spreads towards 0 and 1, the unit uses the bends of the sigmoid.",
        "ru": "γ = 3: ряд сигмоиды растягивается к 0 и 1 — нейрон использует изгибы сигмоиды.",
    },
    "batch_norm.experiment.pytorch": {
        "en": "PyTorch's default m = 0.1 (discount 0.9): the start is forgotten within about 44 steps.",
        "ru": "m = 0,1, как по умолчанию в PyTorch (дисконт 0,9): старт забывается примерно за 44 шага.",
    },
    "batch_norm.experiment.keras": {
        "en": "Keras's default momentum 0.99, i.e. m = 0.01: smooth, but about 460 steps of bias towards the start.",
        "ru": "`momentum` = 0,99, как по умолчанию в Keras, то есть m = 0,01: кривая гладкая, но около 460 шагов оценка тянется к старту.",
    },
    "batch_norm.experiment.debias": {
        "en": "m = 0.01 with the bias correction on: the green curve is right from the first steps, the blue one lags.",
        "ru": "m = 0,01 с поправкой на старт: зелёная кривая верна с первых шагов, синяя отстаёт.",
    },
    "batch_norm.experiment.noisy": {
        "en": "m = 0.5 with batches of 4: no early bias, but the estimate jumps with every batch.",
        "ru": "m = 0,5 и батчи из 4: старт забывается сразу, зато оценка скачет с каждым батчем.",
    },
    "batch_norm.experiment.two_per_batch": {
        "en": "Batches of two: the batch variances scatter over a wide range, yet the running variance settles on σ² thanks to N/(N − 1).",
        "ru": "Батчи из двух: дисперсии батчей разбросаны очень широко, но скользящая дисперсия выходит на σ² благодаря N/(N − 1).",
    },
    "batch_norm.experiment.batch_of_one": {
        "en": "A batch of one in train mode: the page explains why it cannot be normalised, and shows eval mode only.",
        "ru": "Батч из одного в режиме обучения: страница объясняет, почему его нельзя нормировать, и показывает только режим применения.",
    },
    "batch_norm.experiment.batch_of_two": {
        "en": "A batch of two: in train mode x₀ comes out as +1 or −1, whatever its value.",
        "ru": "Батч из двух: в режиме обучения x₀ превращается в +1 или −1, каким бы ни было его значение.",
    },
    "batch_norm.experiment.large_batch": {
        "en": "Batches of 256: train mode is close to eval mode and to the ideal.",
        "ru": "Батчи из 256: режим обучения близок к режиму применения и к идеалу.",
    },
    "batch_norm.experiment.too_early": {
        "en": "Eval mode after only 50 steps with m = 0.01: the running statistics still lean towards 0 and 1, and eval mode gives a wrong answer.",
        "ru": "Режим применения всего после 50 шагов с m = 0,01: скользящие статистики ещё тянутся к 0 и 1, и режим применения ошибается.",
    },
    "batch_norm.experiment.same_lr": {
        "en": "10 sigmoid layers, η = 0.3: with batch norm the loss falls, without it stays at a constant guess.",
        "ru": "10 слоёв с сигмоидой, η = 0,3: с батч-нормализацией ошибка падает, без неё остаётся на уровне константного ответа.",
    },
    "batch_norm.experiment.paper_inputs": {
        "en": "The inputs of the sigmoids, as in Figure 1 of the paper: without batch norm they sit in narrow spikes near the sigmoid's middle, each deep unit getting nearly the same input for every sample.",
        "ru": "Входы сигмоид, как на рис. 1 статьи: без батч-нормализации они стоят узкими пиками около середины сигмоиды — каждый глубокий нейрон получает почти один и тот же вход для любого объекта.",
    },
    "batch_norm.experiment.relu_range": {
        "en": "ReLU: the network trains without batch norm too, at a narrow range of rates; with it the range widens on both sides, far beyond the highest rate that trains without it.",
        "ru": "ReLU: сеть обучается и без батч-нормализации, но в узком диапазоне скоростей обучения; с ней диапазон расширяется в обе стороны, далеко за самую большую скорость обучения, при которой сеть обучается без неё.",
    },
    "batch_norm.experiment.high_lr": {
        "en": "η = 3: the network with batch norm still trains, the one without does not (in every seed of the sweep).",
        "ru": "η = 3: сеть с батч-нормализацией всё ещё обучается, без неё — нет (во всех запусках перебора).",
    },
    "batch_norm.experiment.tanh": {
        "en": "tanh instead of the sigmoid: both networks train over a range of rates. With batch norm the losses are lower and the range a little wider, at least at the low end; at the highest rates neither trains.",
        "ru": "tanh вместо сигмоиды: обе сети обучаются в некотором диапазоне скоростей обучения. С батч-нормализацией ошибка ниже, а диапазон чуть шире — по крайней мере со стороны малых значений; при самых больших η не обучается ни одна.",
    },
    "batch_norm.experiment.shallow": {
        "en": "Two hidden layers: the network trains without batch norm too; batch norm matters most in deep networks.",
        "ru": "Два скрытых слоя: сеть обучается и без батч-нормализации; важнее всего батч-нормализация в глубоких сетях.",
    },
}
