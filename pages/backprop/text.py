"""Texts of the backprop lab (lesson 9: the forward/backward interface, a layer as a matrix product, BLAS)."""

TEXT = {
    "backprop.title": {"en": "Backpropagation, step by step", "ru": "Обратное распространение ошибки по шагам"},
    "backprop.intro": {
        "en": "A layer has a simple interface. Forward: input in, output out, and the values it will need later are "
        "remembered. Backward: the gradient of the loss with respect to its output comes in, and the layer "
        "returns the gradients with respect to its input and its parameters, by the chain rule at the remembered "
        "point. Below, a network with 2 inputs, 3 hidden units and 1 output, with every number on the graph.",
        "ru": "У слоя простой интерфейс. Прямой проход: на входе данные, на выходе результат, а значения, нужные "
        "потом, запоминаются. Обратный проход: приходит градиент функции потерь по выходу слоя, а слой "
        "возвращает градиенты по своему входу и параметрам — по цепному правилу в запомненной точке. Ниже сеть "
        "с 2 входами, 3 скрытыми нейронами и 1 выходом, и на графе видно каждое число.",
    },
    "backprop.activation": {"en": "Activation of the hidden layer", "ru": "Активация скрытого слоя"},
    "backprop.x1": {"en": "Input x₁", "ru": "Вход x₁"},
    "backprop.x2": {"en": "Input x₂", "ru": "Вход x₂"},
    "backprop.y": {"en": "Target y", "ru": "Целевое значение y"},
    "backprop.seed": {"en": "Random weights (seed)", "ru": "Случайные веса (зерно)"},
    "backprop.scale": {"en": "Weight scale σ", "ru": "Масштаб весов σ"},
    "backprop.walk": {"en": "Step of the walk", "ru": "Шаг прохода"},
    "backprop.walk_help": {
        "en": "0-5: the forward pass, node by node; 6-9: the backward pass, from the loss back to the weights.",
        "ru": "0–5: прямой проход, вершина за вершиной; 6–9: обратный проход, от функции потерь назад к весам.",
    },
    "backprop.step.0": {"en": "0. The graph: weights on the edges", "ru": "0. Граф: веса на рёбрах"},
    "backprop.step.1": {"en": "1. Forward: the inputs", "ru": "1. Прямой проход: входы"},
    "backprop.step.2": {"en": "2. Forward: z = xW₁ + b₁ (kept for later)", "ru": "2. Прямой проход: z = xW₁ + b₁ (запоминается)"},
    "backprop.step.3": {"en": "3. Forward: h = f(z) (kept for later)", "ru": "3. Прямой проход: h = f(z) (запоминается)"},
    "backprop.step.4": {"en": "4. Forward: ŷ = hW₂ + b₂", "ru": "4. Прямой проход: ŷ = hW₂ + b₂"},
    "backprop.step.5": {"en": "5. Forward: the loss l = (ŷ − y)²", "ru": "5. Прямой проход: потери l = (ŷ − y)²"},
    "backprop.step.6": {"en": "6. Backward: ∂l/∂ŷ = 2(ŷ − y)", "ru": "6. Обратный проход: ∂l/∂ŷ = 2(ŷ − y)"},
    "backprop.step.7": {"en": "7. Backward: ∂l/∂h = ∂l/∂ŷ · v", "ru": "7. Обратный проход: ∂l/∂h = ∂l/∂ŷ · v"},
    "backprop.step.8": {"en": "8. Backward: ∂l/∂z = ∂l/∂h · f′(z), f′ at the remembered z", "ru": "8. Обратный проход: ∂l/∂z = ∂l/∂h · f′(z), f′ в запомненной точке z"},
    "backprop.step.9": {"en": "9. Backward: ∂l/∂w = input × ∂l/∂(its node), on every edge", "ru": "9. Обратный проход: ∂l/∂w = вход × ∂l/∂(вершина), на каждом ребре"},
    "backprop.loss_node": {"en": "l", "ru": "l"},
    "backprop.graph_caption": {
        "en": "Blue, below a node: its value on the forward pass. Vermillion, above it: the gradient of the loss "
        "arriving at it on the backward pass. On the edges: the weights and, at the last step, ∂l with respect "
        "to each. Change an input or the weights and every number follows.",
        "ru": "Синим, под вершиной: её значение на прямом проходе. Красным, над ней: градиент функции потерь, "
        "пришедший к ней на обратном проходе. На рёбрах: веса и на последнем шаге ∂l по каждому из них. "
        "Поменяйте вход или веса — все числа пересчитаются.",
    },
    "backprop.matrix_title": {"en": "A layer as one matrix product", "ru": "Полносвязный слой как произведение матриц"},
    "backprop.matrix_intro": {
        "en": "For a whole batch at once, a fully connected layer is one product: X (N × D) times W (D × M), plus b. "
        "Its backward pass is three more products, with the numbers of a small example below (N = 4, D = 3, "
        "M = 2; dOut is the gradient arriving from the layer above).",
        "ru": "Для целого батча сразу полносвязный слой — одно произведение: X (N × D) на W (D × M) плюс b. "
        "Обратный проход — ещё три произведения; ниже числа небольшого примера (N = 4, D = 3, M = 2; dOut — "
        "градиент, пришедший от следующего слоя).",
    },
    "backprop.matrix_seed": {"en": "Example (seed)", "ru": "Пример (зерно)"},
    "backprop.check_title": {"en": "Gradient check", "ru": "Проверка градиента"},
    "backprop.check_intro": {
        "en": "Each gradient from backprop against centred differences, (l(w + ε) − l(w − ε)) / 2ε, for every "
        "parameter of the small network. Plant a bug in the backward pass and watch the check catch it.",
        "ru": "Каждый градиент из обратного прохода сравнивается с центральной разностью "
        "(l(w + ε) − l(w − ε)) / 2ε для каждого параметра маленькой сети. Внесите ошибку в обратный проход — и "
        "проверка её поймает.",
    },
    "backprop.bug": {"en": "Plant a bug: forget f′(z) in the backward pass", "ru": "Внести ошибку: забыть f′(z) в обратном проходе"},
    "backprop.check_ok": {
        "en": "Every relative error is below 10⁻⁵ (largest {worst:.1e}): backprop is right.",
        "ru": "Все относительные ошибки меньше 10⁻⁵ (наибольшая {worst:.1e}): обратный проход верен.",
    },
    "backprop.check_failed": {
        "en": "The check fails: {bad} of {total} {total:plural:parameter|parameters} differ (largest relative error {worst:.2g}).",
        "ru": "Проверка не пройдена: расходятся {bad} из {total} {total:plural:параметра|параметров|параметров} (наибольшая относительная ошибка {worst:.2g}).",
    },
    "backprop.col.param": {"en": "Parameter", "ru": "Параметр"},
    "backprop.col.backprop": {"en": "Backprop", "ru": "Обратный проход"},
    "backprop.col.numeric": {"en": "Centred difference", "ru": "Центральная разность"},
    "backprop.col.error": {"en": "Relative error", "ru": "Относительная ошибка"},
    "backprop.blas_title": {"en": "Why NumPy: BLAS, measured on this server", "ru": "Почему NumPy: BLAS, замер на этом сервере"},
    "backprop.blas_intro": {
        "en": "The same n × n matrix product as three nested Python loops and as NumPy's `@`, which calls an "
        "optimised BLAS library using the processor's vector instructions and several cores.",
        "ru": "Одно и то же произведение матриц n × n — тремя вложенными циклами Python и оператором `@` NumPy, "
        "который вызывает оптимизированную библиотеку BLAS с векторными инструкциями процессора и несколькими ядрами.",
    },
    "backprop.blas_measuring": {"en": "Measuring matrix products…", "ru": "Замеряем произведения матриц…"},
    "backprop.blas.numpy": {"en": "NumPy (BLAS)", "ru": "NumPy (BLAS)"},
    "backprop.blas.python": {"en": "Python loops", "ru": "Циклы Python"},
    "backprop.blas.extrapolated": {"en": "Python loops, extrapolated as n³", "ru": "Циклы Python, экстраполяция n³"},
    "backprop.blas.cubic": {"en": "n³", "ru": "n³"},
    "backprop.blas.size_axis": {"en": "matrix size n", "ru": "размер матрицы n"},
    "backprop.blas.time_axis": {"en": "seconds per product", "ru": "секунд на произведение"},
    "backprop.blas_result": {
        "en": "At n = {n} NumPy takes {numpy:.3g} s ({gflops:.3g} GFLOP/s); the Python loops would take about "
        "{python:.3g} s, {ratio:.0f} times longer (extrapolated from n = {largest}). Library: {blas}; threads: "
        "{threads}. Error bars: the fastest and slowest of {repeats} runs; measured once when this server "
        "started, in {seconds:.1f} s.",
        "ru": "При n = {n} NumPy тратит {numpy:.3g} с ({gflops:.3g} GFLOP/s); циклам Python понадобилось бы около "
        "{python:.3g} с — в {ratio:.0f} раз дольше (экстраполяция от n = {largest}). Библиотека: {blas}; потоков: "
        "{threads}. Отрезки ошибок: самый быстрый и самый медленный из {repeats} прогонов; замер сделан один раз "
        "при запуске сервера и занял {seconds:.1f} с.",
    },
    "backprop.experiment.forward": {
        "en": "The forward pass stops at the loss: every node has a value, no gradient yet",
        "ru": "Прямой проход доходит до функции потерь: у каждой вершины есть значение, градиентов ещё нет",
    },
    "backprop.experiment.saturated": {
        "en": "Large weights with sigmoid: f′(z) is nearly 0 at saturated units and the gradient dies there",
        "ru": "Большие веса с сигмоидой: в насыщенных нейронах f′(z) почти 0, и градиент там затухает",
    },
    "backprop.experiment.bug": {
        "en": "A forgotten f′(z): the gradient check fails on the first layer's weights only",
        "ru": "Забытая f′(z): проверка градиента не проходит только на весах первого слоя",
    },
    "backprop.act.sigmoid": {"en": "Sigmoid", "ru": "Сигмоида"},
    "backprop.act.tanh": {"en": "tanh", "ru": "tanh"},
    "backprop.act.relu": {"en": "ReLU", "ru": "ReLU"},
    "backprop.act.leaky_relu": {"en": "Leaky ReLU", "ru": "Leaky ReLU"},
    "backprop.act.elu": {"en": "ELU", "ru": "ELU"},
    "backprop.act.gelu": {"en": "GELU", "ru": "GELU"},
    "backprop.act.silu": {"en": "SiLU (Swish)", "ru": "SiLU (Swish)"},
    "backprop.act.softplus": {"en": "Softplus", "ru": "Softplus"},
}
