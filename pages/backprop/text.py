"""Texts of the backprop lab (lesson 9: the forward/backward interface, a layer as a matrix product, BLAS)."""

TEXT = {
    "backprop.title": {"en": "Backpropagation as matrix operations", "ru": "Обратное распространение ошибки в матричном виде"},
    "backprop.intro": {
        "en": "A layer's forward pass takes an input and returns an output, keeping what its backward pass will need. "
        "The backward pass runs the chain rule from the loss back to every weight, one node at a time, at the values "
        "kept on the way forward. Below you walk through both on a small network and see a layer as one matrix "
        "product for a whole batch. Then you check the gradients against finite differences and measure why those "
        "products are handed to BLAS.",
        "ru": "Прямой проход слоя получает вход и выдаёт выход, запоминая то, что понадобится обратному проходу. "
        "Обратный проход применяет цепное правило от функции потерь назад к каждому весу, вершина за вершиной, "
        "в точках, запомненных на прямом проходе. Ниже можно пройти оба прохода по шагам на маленькой сети и "
        "увидеть слой как одно произведение матриц для целого батча. Затем — сверить градиенты с конечными "
        "разностями и на замерах увидеть, почему такие произведения поручают библиотеке BLAS.",
    },
    # Controls
    "backprop.network.title": {"en": "The small network", "ru": "Маленькая сеть"},
    "backprop.activation": {"en": "Activation of the hidden layer", "ru": "Функция активации скрытого слоя"},
    "backprop.x1": {"en": "Input x₁", "ru": "Вход x₁"},
    "backprop.x2": {"en": "Input x₂", "ru": "Вход x₂"},
    "backprop.y": {"en": "Target y", "ru": "Целевое значение y"},
    "backprop.seed": {"en": "Random weights (seed)", "ru": "Случайные веса (зерно)"},
    "backprop.seed_help": {
        "en": "Draws all 13 weights and biases from N(0, 1); set any of them by hand under Weights.",
        "ru": "Случайно выбирает все 13 весов и смещений из N(0; 1); любой из них можно задать вручную в разделе "
        "«Веса».",
    },
    "backprop.weights": {"en": "Weights", "ru": "Веса"},
    "backprop.batch": {"en": "Batch size N", "ru": "Размер батча N"},
    "backprop.features": {"en": "Input features D", "ru": "Признаков на входе D"},
    "backprop.outputs": {"en": "Outputs M", "ru": "Выходов M"},
    "backprop.layer.seed": {"en": "Matrix entries (seed)", "ru": "Числа в матрицах (зерно)"},
    # 1. The graph
    "backprop.graph.title": {"en": "The chain rule on a graph, node by node", "ru": "Цепное правило на графе, вершина за вершиной"},
    "backprop.graph.intro": {
        "en": "Two inputs, three hidden units h = f(z) and one output ŷ, with the squared error L = (ŷ − y)². "
        "Press **Next**: the forward pass computes the nodes from the inputs to the loss, then the backward pass "
        "sends ∂L back from the loss to the inputs. Every edge carries a local derivative. On a weighted edge it is "
        "the weight itself (∂z/∂x = w), on the edge into an activation it is f′(z), and on the edge into the loss "
        "2(ŷ − y).",
        "ru": "Два входа, три скрытых нейрона h = f(z) и один выход ŷ; функция потерь — квадрат ошибки "
        "L = (ŷ − y)². Нажимайте **Далее**: прямой проход вычисляет значения вершин от входов к функции потерь, "
        "затем обратный проход передаёт градиент от функции потерь назад ко входам. На каждом ребре стоит "
        "локальная производная. На ребре с весом это сам вес (∂z/∂x = w), на ребре в активацию — f′(z), на ребре "
        "в функцию потерь — 2(ŷ − y).",
    },
    "backprop.back": {"en": "Back", "ru": "Назад"},
    "backprop.next": {"en": "Next", "ru": "Далее"},
    "backprop.step": {"en": "Step of the walk", "ru": "Шаг прохода"},
    "backprop.step_help": {
        "en": "0: only the inputs and weights are known; 1–8: the forward pass; 9–18: the backward pass.",
        "ru": "0: известны только входы и веса; 1–8: прямой проход; 9–18: обратный проход.",
    },
    "backprop.where.start": {
        "en": "Step {step} of {last}: the inputs, the target and the weights are given",
        "ru": "Шаг {step} из {last}: даны входы, целевое значение и веса",
    },
    "backprop.where.forward": {
        "en": "Step {step} of {last} · forward pass: {name}",
        "ru": "Шаг {step} из {last} · прямой проход: {name}",
    },
    "backprop.where.backward": {
        "en": "Step {step} of {last} · backward pass: {name}",
        "ru": "Шаг {step} из {last} · обратный проход: {name}",
    },
    "backprop.graph.gradient": {"en": "∂L/∂{name} = {value}", "ru": "∂L/∂{name} = {value}"},
    "backprop.graph.weight_gradient": {"en": "∂L/∂{name} = {value}", "ru": "∂L/∂{name} = {value}"},
    "backprop.graph.hover": {"en": "<b>{name}</b> = {value}<br>{gradient}", "ru": "<b>{name}</b> = {value}<br>{gradient}"},
    "backprop.graph.not_yet": {"en": "no gradient yet", "ru": "градиента пока нет"},
    "backprop.graph.caption": {
        "en": "Above a node: its value (? until the forward pass reaches it). Below, in vermillion: the gradient of "
        "the loss arriving at it, once the backward pass has been there. On the edges: the weights, which are also "
        "the local derivatives of the sums, then each weight's gradient. {f}′(z) stands on the edges into the "
        "activations and 2(ŷ − y) on the edge into the loss. Point at a node (on a phone, tap it) to read its numbers.",
        "ru": "Над вершиной — её значение («?», пока прямой проход до неё не дошёл). Под ней красным — градиент "
        "функции потерь, пришедший к ней на обратном проходе. На рёбрах — веса (они же локальные производные сумм), "
        "а затем градиент каждого веса. На рёбрах в активации стоит {f}′(z), на ребре в функцию потерь — "
        "2(ŷ − y). Числа вершины появляются, если навести на неё курсор (на телефоне — коснуться её).",
    },
    "backprop.say.start": {
        "en": "Nothing is computed yet: the graph knows only its inputs, the target and the weights (the seed draws "
        "them; set any of them by hand under *Weights*). Press **Next**.",
        "ru": "Пока ничего не вычислено: известны только входы, целевое значение и веса (их выбирает зерно; любой "
        "вес можно задать вручную в разделе «Веса»). Нажмите **Далее**.",
    },
    "backprop.say.forward.sum": {
        "en": "{name} adds up its weighted inputs and its bias. The inputs stay in memory: the backward pass needs "
        "them for the gradients of this node's weights.",
        "ru": "Вершина {name} — взвешенная сумма входов плюс смещение. Входы остаются в памяти: по ним на "
        "обратном проходе считаются градиенты весов этой вершины.",
    },
    "backprop.say.forward.activation": {
        "en": "{name} applies {f} to its input. The input stays in memory: the backward pass evaluates {f}′ exactly "
        "there.",
        "ru": "В вершине {name} к входу применяется функция активации {f}. Вход остаётся в памяти: на обратном "
        "проходе {f}′ вычисляется именно в этой точке.",
    },
    "backprop.say.forward.loss": {
        "en": "The loss compares the output with the target. The forward pass ends here: every node has its value, "
        "none has a gradient yet.",
        "ru": "Функция потерь сравнивает выход с целевым значением. Здесь прямой проход заканчивается: у каждой "
        "вершины есть значение, но ни у одной ещё нет градиента.",
    },
    "backprop.say.backward.loss": {
        "en": "The backward pass starts at the loss with ∂L/∂L = 1. Its local derivative with respect to ŷ is "
        "2(ŷ − y), computed from the values kept on the way forward.",
        "ru": "Обратный проход начинается с функции потерь: ∂L/∂L = 1. Её локальная производная по ŷ равна "
        "2(ŷ − y) и считается по значениям, запомненным на прямом проходе.",
    },
    "backprop.say.backward.sum": {
        "en": "The gradient arriving at {name} is the gradient of the node it feeds times the local derivative of "
        "the edge between them: the chain rule. From it every weight into {name} gets its gradient: the arriving "
        "gradient times that weight's input. The bias gets the arriving gradient itself.",
        "ru": "Градиент, пришедший в {name}, равен градиенту следующей вершины (той, в которую подаётся {name}), "
        "умноженному на локальную производную ребра между ними: это цепное правило. Отсюда каждый вес, входящий "
        "в {name}, получает свой градиент: пришедший градиент, умноженный на вход этого веса. Смещение получает "
        "сам пришедший градиент.",
    },
    "backprop.say.backward.activation": {
        "en": "{name} receives ∂L/∂{name} from the output through its weight and multiplies it by its local "
        "derivative {f}′, taken at the input kept from the forward pass. The product goes down to the sum below.",
        "ru": "К вершине {name} от выхода через её вес приходит ∂L/∂{name}. Вершина умножает его на локальную "
        "производную {f}′ в точке, запомненной на прямом проходе, и произведение уходит вниз, к сумме.",
    },
    "backprop.say.backward.input": {
        "en": "{name} feeds all three hidden sums, so three gradients arrive at it and add up. The network itself "
        "has no use for ∂L/∂x (inputs are data), but a layer below would: this is the dX a layer hands down.",
        "ru": "Вход {name} — общий для всех трёх скрытых сумм, поэтому к нему приходят три градиента, и они "
        "складываются. Самой сети ∂L/∂x не нужен (вход — это данные), но слою ниже он понадобился бы: это тот "
        "самый dX, который слой передаёт вниз.",
    },
    "backprop.nodes.title": {"en": "Every number of the graph", "ru": "Все числа графа"},
    "backprop.nodes.node": {"en": "Node", "ru": "Вершина"},
    "backprop.nodes.value": {"en": "Value", "ru": "Значение"},
    "backprop.nodes.local": {"en": "Local derivative", "ru": "Локальная производная"},
    "backprop.nodes.gradient": {"en": "∂L/∂(node)", "ru": "∂L/∂(вершина)"},
    "backprop.nodes.on_edges": {"en": "its weights, on the edges", "ru": "её веса, на рёбрах"},
    "backprop.nodes.caption": {
        "en": "Loss L = {loss:.4g}. The gradient of a node is the sum, over the nodes it feeds, of their gradient "
        "times the local derivative of the edge. A sum's local derivatives are its weights (on the edges).",
        "ru": "Ошибка L = {loss:.4g}. Градиент вершины — это сумма по вершинам, в которые она подаётся: градиент "
        "каждой из них, умноженный на локальную производную ребра. Локальные производные суммы — её веса (они "
        "стоят на рёбрах).",
    },
    "backprop.differs.interface_says": {
        "en": "the forward interface is a function with one input and one output.",
        "ru": "интерфейс прямого прохода — это функция с одним входом и одним выходом.",
    },
    "backprop.differs.interface_measured": {
        "en": "that holds for an activation, h = f(z). A linear node reads x, W and b, and its backward step returns "
        "a gradient for each of them (dX, dW, db). Every forward pass also hands its backward pass a cache of what "
        "it saw. The node z₁ above reads x₁, x₂, w₁₁, w₂₁ and b₁, and its backward step returns five gradients.",
        "ru": "так устроена функция активации: h = f(z). Линейная вершина читает x, W и b, и её обратный шаг "
        "возвращает градиент по каждому из них (dX, dW, db). Кроме того, прямой проход всегда передаёт обратному "
        "кэш — то, что он видел. Вершина z₁ выше читает x₁, x₂, w₁₁, w₂₁ и b₁, и её обратный шаг возвращает пять "
        "градиентов.",
    },
    # 2. A layer as a matrix product
    "backprop.layer.title": {"en": "A layer as one matrix product", "ru": "Полносвязный слой как произведение матриц"},
    "backprop.layer.intro": {
        "en": "The hidden layer above is z = xW + b for one sample. Stack a batch of N samples as the rows of X and "
        "the whole layer is one product: X (N×D) times W (D×M), plus b added to every row. Its backward pass is "
        "three more products, and the shapes tell which: every gradient has the shape of what it is the gradient "
        "of. Here N = {n}, D = {d}, M = {m}. `dOut` is the gradient arriving from the layer above; it holds small "
        "integers, so any entry can be checked by hand.",
        "ru": "Скрытый слой выше для одного объекта — это z = xW + b. Если записать N объектов батча строками "
        "матрицы X, весь слой станет одним произведением: X (N×D) на W (D×M) плюс b, прибавленное к каждой "
        "строке. Обратный проход — ещё три произведения, и какие именно, подсказывают размеры: у каждого "
        "градиента та же форма, что у величины, по которой он берётся. Здесь N = {n}, D = {d}, M = {m}. `dOut` — "
        "градиент, пришедший от следующего слоя; в нём небольшие целые числа, чтобы любой элемент можно было "
        "проверить вручную.",
    },
    "backprop.layer.product.0": {"en": "Forward: Out = XW + b", "ru": "Прямой проход: Out = XW + b"},
    "backprop.layer.product.1": {"en": "Backward: dX = dOut Wᵀ", "ru": "Обратный проход: dX = dOut Wᵀ"},
    "backprop.layer.product.2": {"en": "Backward: dW = Xᵀ dOut", "ru": "Обратный проход: dW = Xᵀ dOut"},
    "backprop.layer.product.3": {
        "en": "Backward: db = dOut summed over the batch",
        "ru": "Обратный проход: db = сумма dOut по батчу",
    },
    "backprop.layer.entries": {
        "en": "One entry of each by hand. `Out₁₁` is row 1 of X times column 1 of W, plus b₁: {out:.4g}. dW₁₁ is "
        "column 1 of X times column 1 of `dOut`: {dw:.4g}. That is a sum of {batch} {batch:plural:product|products}, "
        "one per sample: this is how dW adds up the whole batch. db₁ is the sum of column 1 of `dOut`: {db:.4g}.",
        "ru": "По одному элементу каждой матрицы вручную. `Out₁₁` — скалярное произведение строки 1 матрицы X на "
        "столбец 1 матрицы W плюс b₁, это {out:.4g}. dW₁₁ — скалярное произведение столбца 1 матрицы X на столбец 1 "
        "матрицы `dOut`, это {dw:.4g}. Это сумма {batch} {batch:plural:произведения|произведений|произведений}, по "
        "одному на объект: так dW собирает вклад всего батча. db₁ — сумма столбца 1 матрицы `dOut`, это {db:.4g}.",
    },
    "backprop.layer.check": {
        "en": "dX, dW and db from the linear layer of `dl_core` agree with centred differences of "
        "`L = Σ Out ⊙ dOut`, a loss whose gradient is `dOut`: largest relative error {error}.",
        "ru": "dX, dW и db линейного слоя, как их считает это приложение (модуль `dl_core`), совпадают с центральными разностями функции потерь "
        "`L = Σ Out ⊙ dOut`, градиент которой равен `dOut`. Наибольшая относительная погрешность — {error}.",
    },
    # 3. Gradient check
    "backprop.predict": {
        "en": "Before you look: will the gradient check pass for every parameter?",
        "ru": "Прежде чем смотреть: пройдёт ли проверка градиента по всем параметрам?",
    },
    "backprop.predict.pass": {"en": "It passes", "ru": "Пройдёт"},
    "backprop.predict.fail": {"en": "It fails: a gradient is wrong", "ru": "Не пройдёт: какой-то градиент неверен"},
    "backprop.check.title": {"en": "Gradient check, live", "ru": "Проверка градиента на лету"},
    "backprop.check.intro": {
        "en": "Each of the 13 gradients of the backward pass against a centred difference, "
        "(L(θ + h) − L(θ − h)) / 2h, with one parameter moved at a time. Plant a bug in one backward formula and "
        "watch the check catch it. Then try the same bug with ReLU, where a single point can hide it.",
        "ru": "Каждый из 13 градиентов обратного прохода сравнивается с центральной разностью "
        "(L(θ + h) − L(θ − h)) / 2h; параметры сдвигаются по одному. Внесите ошибку в одну из формул обратного "
        "прохода и посмотрите, как проверка её поймает. Затем попробуйте ту же ошибку с ReLU: там проверка в "
        "одной точке может её не заметить.",
    },
    "backprop.bug": {"en": "A bug in the backward pass", "ru": "Ошибка в обратном проходе"},
    "backprop.bug.none": {"en": "None: the right backward pass", "ru": "Нет: верный обратный проход"},
    "backprop.bug.no_activation_grad": {"en": "Forget f′(z): ∂L/∂z = ∂L/∂h", "ru": "Забыть f′(z): ∂L/∂z = ∂L/∂h"},
    "backprop.bug.loss_factor": {"en": "Lose the 2: ∂L/∂ŷ = ŷ − y", "ru": "Забыть двойку: ∂L/∂ŷ = ŷ − y"},
    "backprop.bug.reshaped_dw": {
        "en": "Reshape instead of transpose: dW = reshape(dZᵀX)",
        "ru": "reshape вместо транспонирования: dW = reshape(dZᵀX)",
    },
    "backprop.check.passed": {
        "en": "All {total} gradients agree with the centred differences (largest relative error {worst}): the "
        "backward pass is right.",
        "ru": "Все {total} {total:plural:градиент|градиента|градиентов} совпадают с центральными разностями "
        "(наибольшая относительная погрешность {worst}): обратный проход верен.",
    },
    "backprop.check.failed": {
        "en": "The check fails for {bad} of {total} {total:plural:parameter|parameters} (largest relative error "
        "{worst}): a backward formula is wrong.",
        "ru": "Проверка не пройдена для {bad} из {total} {total:plural:параметра|параметров|параметров} "
        "(наибольшая относительная погрешность {worst}): одна из формул обратного прохода неверна.",
    },
    "backprop.check.missed": {
        "en": "The check passes although a bug is planted (largest relative error {worst}). At this point the "
        "mistake changes no number: with ReLU and every unit active, the forgotten f′ is 1. A check at one point "
        "can miss a bug: move an input or a weight and check again.",
        "ru": "Проверка пройдена, хотя ошибка внесена (наибольшая относительная погрешность {worst}). В этой "
        "точке ошибка не меняет ни одного числа: с ReLU, когда все нейроны активны, забытая f′ равна 1. Проверка "
        "в одной точке может пропустить ошибку — сдвиньте вход или вес и проверьте снова.",
    },
    "backprop.check.flat": {
        "en": "Every gradient is (almost) zero here: ŷ equals the target, so the check cannot tell a right formula "
        "from a wrong one. Move the target y.",
        "ru": "Здесь все градиенты (почти) нулевые: ŷ совпадает с целевым значением, и проверка не отличит верную "
        "формулу от неверной. Сдвиньте целевое значение y.",
    },
    "backprop.check.kink": {
        "en": "For {count} {count:plural:parameter|parameters} the step of the centred difference moves a unit's "
        "input across ReLU's kink at 0. The difference then averages the two slopes and cannot be compared "
        "(marked «kink»). This is not a bug of the backward pass.",
        "ru": "У {count} {count:plural:параметра|параметров|параметров} шаг центральной разности переводит вход "
        "нейрона через излом ReLU в нуле. Тогда разность усредняет два наклона, и сравнивать её нельзя (такие "
        "параметры отмечены словом «излом»). Это не ошибка обратного прохода.",
    },
    "backprop.check.kink_mark": {"en": "kink", "ru": "излом"},
    "backprop.check.parameter": {"en": "Parameter", "ru": "Параметр"},
    "backprop.check.backprop": {"en": "Backprop", "ru": "Обр. проход"},
    "backprop.check.numeric": {"en": "Centred diff.", "ru": "Центр. разность"},
    "backprop.check.error": {"en": "Rel. error", "ru": "Отн. погрешность"},
    "backprop.check.error_help": {
        "en": "|a − b| / max(|a| + |b|, floor): below the floor the difference itself is compared.",
        "ru": "|a − b| / max(|a| + |b|; порог): когда |a| + |b| меньше порога, с порогом сравнивается сама "
        "разность.",
    },
    "backprop.check.planted": {"en": "Planted:", "ru": "Внесено:"},
    "backprop.check.right": {"en": "Right:", "ru": "Верно:"},
    "backprop.check.caption": {
        "en": "A parameter passes when its relative error is below {tolerance}. The step is h = 10⁻⁶·max(1, |θ|). "
        "Rounding leaves a centred difference an error of about 10⁻¹⁰·max(1, L), so gradients smaller than "
        "{floor}·max(1, L) are judged by their difference against that floor.",
        "ru": "Параметр проходит проверку, если его относительная погрешность меньше {tolerance}. Шаг "
        "h = 10⁻⁶·max(1; |θ|). Из-за округлений центральная разность сама неточна примерно на "
        "10⁻¹⁰·max(1; L), поэтому градиенты меньше {floor}·max(1; L) сравниваются по разности с этим порогом.",
    },
    # 4. BLAS
    "backprop.timing.title": {"en": "Why NumPy: BLAS, measured on this server", "ru": "Почему NumPy: BLAS, замер на этом сервере"},
    "backprop.timing.intro": {
        "en": "The same n × n product is computed two ways. The first is three nested Python loops, one "
        "multiply-add per step of the inner loop. The second is NumPy's `@`, which hands the whole product to a "
        "BLAS library (compiled code with the processor's vector instructions, blocks sized to its caches, several "
        "threads). Timed once when this server started. Python is timed only up to n = 128; beyond that its time "
        "is extrapolated as a·n³ from its largest sizes.",
        "ru": "Одно и то же произведение матриц n × n считается двумя способами. Первый — три вложенных цикла "
        "Python, по одному умножению со сложением на шаг внутреннего цикла. Второй — оператор `@` из NumPy: он "
        "отдаёт всё произведение библиотеке BLAS (скомпилированный код с векторными инструкциями процессора, "
        "блоки под размер кэшей, несколько потоков). Замер сделан один раз при запуске сервера. Циклы Python "
        "измерены только до n = 128; дальше их время экстраполировано как a·n³ по наибольшим размерам.",
    },
    "backprop.timing.measuring": {
        "en": "Timing matrix products on this server (a few seconds, once)…",
        "ru": "Замеряем произведения матриц на этом сервере (несколько секунд, один раз)…",
    },
    "backprop.timing.size": {"en": "Size n to read off", "ru": "Размер n для чисел ниже"},
    "backprop.timing.numpy": {"en": "NumPy @ (BLAS)", "ru": "NumPy @ (BLAS)"},
    "backprop.timing.python": {"en": "Python loops", "ru": "Циклы Python"},
    "backprop.timing.extrapolated": {"en": "Python loops, extrapolated", "ru": "Циклы Python, экстраполяция"},
    "backprop.timing.cubic": {"en": "a·n³ (the O(n³) line)", "ru": "a·n³ (прямая O(n³))"},
    "backprop.timing.size_axis": {"en": "matrix size n", "ru": "размер матрицы n"},
    "backprop.timing.time_axis": {"en": "seconds per product", "ru": "секунд на произведение"},
    "backprop.timing.rate_axis": {"en": "GFLOP/s, fastest run", "ru": "Гфлоп/с, лучший прогон"},
    "backprop.timing.hover_time": {"en": "n = %{x}<br>%{y:.3~r} s", "ru": "n = %{x}<br>%{y:.3~r}\u00a0с"},
    "backprop.timing.hover_rate": {"en": "n = %{x}<br>%{y:.3~r} GFLOP/s", "ru": "n = %{x}<br>%{y:.3~r}\u00a0Гфлоп/с"},
    "backprop.timing.at_size": {
        "en": "At n = {n}: NumPy takes {numpy} ms per product (median), reaching {rate} GFLOP/s; the Python loops "
        "take {python} s, {ratio:g} times longer.",
        "ru": "При n = {n} NumPy тратит на произведение {numpy}\u00a0мс (медиана) и достигает {rate}\u00a0Гфлоп/с; "
        "циклам Python нужно {python}\u00a0с — в {ratio:g} {ratio:plural:раз|раза|раз} больше.",
    },
    "backprop.timing.measured": {"en": "(Python measured at this size.)", "ru": "(Python измерен при этом размере.)"},
    "backprop.timing.extrapolated_note": {
        "en": "(Python extrapolated from n ≤ {largest}: too slow to wait for here.)",
        "ru": "(Python — экстраполяция от n ≤ {largest}: ждать его здесь слишком долго.)",
    },
    "backprop.timing.library": {
        "en": "NumPy {numpy} hands the product to **{library}**, the library it was built with (as "
        "`np.show_config()` reports). The library chose its code for this processor, **{kernel}**. {threads_note} "
        "This server process may use {cores} {cores:plural:core|cores}.",
        "ru": "NumPy (версия {numpy}) передаёт произведение библиотеке **{library}**: с ней NumPy собран, так "
        "сообщает `np.show_config()`. Библиотека выбрала код под этот процессор — **{kernel}**. {threads_note} "
        "Процессу сервера доступно {cores} {cores:plural:ядро|ядра|ядер}.",
    },
    "backprop.timing.threads": {
        "en": "It runs **{threads}** {threads:plural:thread|threads}, as it reports itself while running.",
        "ru": "Она работает в **{threads}** {threads:plural:потоке|потоках|потоках} — так она сама сообщает о себе во "
        "время работы.",
    },
    "backprop.timing.threads_unknown": {
        "en": "How many threads it runs, it does not report.",
        "ru": "Сколько потоков она использует, библиотека не сообщает.",
    },
    "backprop.timing.unknown": {"en": "not reported", "ru": "не сообщается"},
    "backprop.timing.peak": {"en": "NumPy, GFLOP/s at best", "ru": "Пик NumPy, Гфлоп/с"},
    "backprop.timing.peak_help": {
        "en": "The highest rate over the sizes measured: 2n³ floating-point operations over the fastest run.",
        "ru": "Наибольшая производительность по измеренным размерам: 2n³ операций с плавающей точкой, делённые "
        "на время самого быстрого прогона.",
    },
    "backprop.timing.ratio": {"en": "Python / NumPy at n = {n}", "ru": "Python / NumPy при n = {n}"},
    "backprop.timing.ratio_help": {
        "en": "How many times longer the Python loops take than NumPy (median runs).",
        "ru": "Во сколько раз дольше считают циклы Python, чем NumPy (по медианам прогонов).",
    },
    "backprop.timing.python_rate": {"en": "Python loops, MFLOP/s", "ru": "Циклы Python, Мфлоп/с"},
    "backprop.timing.python_rate_help": {
        "en": "The same count for the Python loops, in millions of operations per second.",
        "ru": "То же для циклов Python, в миллионах операций в секунду.",
    },
    "backprop.timing.caption": {
        "en": "Error bars: the fastest and the slowest of {repeats} runs of NumPy and {python_repeats} of Python at "
        "each size (at n = {n} NumPy ranged from {low:.3g} to {high:.3g} ms). A small product is repeated within a "
        "run until the run lasts 2 ms. Measured once when this server process started, in {seconds:.1f} s; other "
        "work on the machine shows up as spread.",
        "ru": "Отрезки: самый быстрый и самый медленный из {repeats} {repeats:plural:прогона|прогонов|прогонов} "
        "NumPy и из {python_repeats} {python_repeats:plural:прогона|прогонов|прогонов} Python на каждом размере "
        "(при n = {n} NumPy — от {low:.3g} до {high:.3g}\u00a0мс). Маленькое произведение повторяется внутри "
        "прогона, пока прогон не займёт 2\u00a0мс. Замер сделан один раз при запуске процесса сервера и занял "
        "{seconds:.1f}\u00a0с; другая работа на машине видна как разброс.",
    },
    "backprop.gpu": {
        "en": "**And on a GPU?** The lesson names cuBLAS, the BLAS of NVIDIA's graphics processors. This server has no GPU, so nothing here measures one. What changes is the hardware, not the mathematics: the same matrix product, split over thousands of simple cores with their own fast memory. A large product (thousands of rows and columns) then typically runs tens of times faster than on a few processor cores, which here reach {peak} GFLOP/s; a small one can be slower, because the data must first travel to the GPU's memory and each call has a fixed cost. That is why training frameworks keep the data and the weights on the GPU for the whole training, and why batches are made large.",
        "ru": "**А на видеокарте?** В уроке упомянута cuBLAS — BLAS для графических процессоров NVIDIA. На этом сервере видеокарты нет, поэтому здесь ничего на ней не измерено. Меняется железо, а не математика: то же матричное произведение раскладывается на тысячи простых ядер со своей быстрой памятью. Большое произведение (тысячи строк и столбцов) тогда обычно считается в десятки раз быстрее, чем на нескольких ядрах процессора, которые здесь дают {peak} Гфлоп/с. Маленькое может выйти даже медленнее: данные сначала нужно переслать в память видеокарты, и у каждого вызова есть постоянная цена. Поэтому библиотеки обучения держат данные и веса на видеокарте всё обучение и берут большие батчи.",
    },
    "backprop.differs.blas_says": {
        "en": "BLAS computes fast by using the processor's vector operations.",
        "ru": "BLAS считает быстро, потому что использует векторные операции процессора.",
    },
    "backprop.differs.blas_measured": {
        "en": "at n = {n} NumPy is {ratio:g} times faster than the Python loops. Vector instructions explain only a "
        "part: an AVX2 instruction handles 4 `float64` numbers, an AVX-512 one 8. Running on {threads} "
        "{threads:plural:thread|threads} explains another part. Most of the rest is the interpreter: the Python "
        "loop pays about {python_ns:.3g} ns per multiply-add, NumPy {numpy_ns:.2g} ns (compiled code, blocks sized "
        "to the caches).",
        "ru": "при n = {n} NumPy быстрее циклов Python в {ratio:g} {ratio:plural:раз|раза|раз}. Векторные "
        "инструкции объясняют лишь часть ускорения: инструкция AVX2 обрабатывает 4 числа `float64` за раз, "
        "AVX-512 — 8. Ещё часть даёт работа в {threads} {threads:plural:поток|потока|потоков}. Остальное почти "
        "целиком — интерпретатор: цикл Python тратит на одно умножение со сложением около "
        "{python_ns:.3g}\u00a0нс, а NumPy — {numpy_ns:.2g}\u00a0нс (скомпилированный код, блоки под размер "
        "кэшей).",
    },
    # Experiments
    "backprop.experiment.forward": {
        "en": "The forward pass done (step 8): every node has a value, none has a gradient yet",
        "ru": "Прямой проход завершён (шаг 8): у каждой вершины есть значение, градиентов ещё нет",
    },
    "backprop.experiment.remembered": {
        "en": "Backward at h₁ (step 11): σ′ is taken at the z₁ remembered from the forward pass",
        "ru": "Обратный проход в h₁ (шаг 11): σ′ берётся в точке z₁, запомненной на прямом проходе",
    },
    "backprop.experiment.paths_add": {
        "en": "At x₁ (step 17) the gradients of three paths add up: the dX a layer hands down",
        "ru": "В x₁ (шаг 17) складываются градиенты трёх путей: это dX, который слой передаёт вниз",
    },
    "backprop.experiment.saturated": {
        "en": "A saturated sigmoid (step 14): z₁ = 18, σ′(z₁) ≈ 10⁻⁸, and almost no gradient reaches w₁₁ and w₂₁",
        "ru": "Насыщенная сигмоида (шаг 14): z₁ = 18, σ′(z₁) ≈ 10⁻⁸, и до w₁₁ и w₂₁ градиент почти не доходит",
    },
    "backprop.experiment.dead_relu": {
        "en": "ReLU (step 16): a unit with z < 0 sends no gradient back, so its weights get exactly 0",
        "ru": "ReLU (шаг 16): нейрон с z < 0 не пропускает градиент назад, и его веса получают ровно 0",
    },
    "backprop.experiment.batch": {
        "en": "A batch of 4 samples: X is 4×3, W is 3×2, and `dW = XᵀdOut` adds up all 4 samples",
        "ru": "Батч из 4 объектов: X — 4×3, W — 3×2, и `dW = XᵀdOut` складывает вклады всех 4 объектов",
    },
    "backprop.experiment.single": {
        "en": "One sample, 2 inputs, 3 outputs: the hidden layer of the graph above, where db equals `dOut`",
        "ru": "Один объект, 2 входа, 3 выхода: скрытый слой графа выше; здесь db совпадает с `dOut`",
    },
    "backprop.experiment.bug": {
        "en": "A forgotten f′(z): the check fails on the hidden layer's weights and biases only",
        "ru": "Забытая f′(z): проверка не проходит только на весах и смещениях скрытого слоя",
    },
    "backprop.experiment.bug_missed": {
        "en": "The same bug with ReLU and every unit active: f′ = 1, so the check passes and misses the bug",
        "ru": "Та же ошибка с ReLU, когда все нейроны активны: f′ = 1, проверка проходит и ошибку пропускает",
    },
    "backprop.experiment.loss_factor": {
        "en": "A lost factor 2: every gradient is half the right one, a relative error of exactly 1/3",
        "ru": "Забытая двойка: каждый градиент вдвое меньше верного, относительная погрешность ровно 1/3",
    },
    "backprop.experiment.reshaped": {
        "en": "dZᵀX reshaped instead of transposed: the right numbers in the wrong places of dW",
        "ru": "dZᵀX через `reshape` вместо транспонирования: верные числа не на своих местах в dW",
    },
    "backprop.experiment.blas": {
        "en": "BLAS against Python loops at n = 1024, where Python is extrapolated",
        "ru": "BLAS против циклов Python при n = 1024, где Python экстраполирован",
    },
    # Activations, as the menu shows them
    "backprop.act.sigmoid": {"en": "Sigmoid", "ru": "Сигмоида"},
    "backprop.act.tanh": {"en": "tanh", "ru": "tanh"},
    "backprop.act.relu": {"en": "ReLU", "ru": "ReLU"},
    "backprop.act.leaky_relu": {"en": "Leaky ReLU", "ru": "Leaky ReLU"},
    "backprop.act.elu": {"en": "ELU", "ru": "ELU"},
    "backprop.act.gelu": {"en": "GELU", "ru": "GELU"},
    "backprop.act.silu": {"en": "SiLU (Swish)", "ru": "SiLU (Swish)"},
    "backprop.act.softplus": {"en": "Softplus", "ru": "Softplus"},
}
