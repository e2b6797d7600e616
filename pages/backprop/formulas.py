"""The formula of each step of the walk through the small network's graph, with its numbers, for ``st.latex``; and
the symbols of its nodes and parameters."""

from __future__ import annotations

from dl_core.activations import ACTIVATIONS
from dl_core.lessons import graph
from ui.numbers import latex_in_language, latex_number
from ui.numbers import number as ui_number

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
NODE_LATEX = {"x1": "x_1", "x2": "x_2", "z1": "z_1", "z2": "z_2", "z3": "z_3", "h1": "h_1", "h2": "h_2",
              "h3": "h_3", "y_hat": r"\hat y", "y": "y", "loss": "L"}
NODE_TEXT = {"x1": "x₁", "x2": "x₂", "z1": "z₁", "z2": "z₂", "z3": "z₃", "h1": "h₁", "h2": "h₂", "h3": "h₃",
             "y_hat": "ŷ", "y": "y", "loss": "L"}


def parameter_latex(parameter: graph.Parameter) -> str:
    """w_{ij} (hidden weights), b_j, v_j (output weights), c."""
    key, index = parameter
    if key == "W1":
        return f"w_{{{index[0] + 1}{index[1] + 1}}}"
    return {"b1": f"b_{index[0] + 1}", "W2": f"v_{index[0] + 1}", "b2": "c"}[key]


def parameter_text(parameter: graph.Parameter) -> str:
    """The same symbol in plain text: w₁₂, b₁, v₃, c."""
    key, index = parameter
    if key == "W1":
        return f"w{index[0] + 1}{index[1] + 1}".translate(SUBSCRIPTS)
    return {"b1": f"b{index[0] + 1}", "W2": f"v{index[0] + 1}", "b2": "c"}[key].translate(SUBSCRIPTS)


def activation_latex(name: str) -> str:
    r"""The activation's symbol as its formula writes it: ``\sigma``, ``\tanh``, ``\operatorname{ReLU}``."""
    return ACTIVATIONS[name].latex.split("(x)")[0]


def activation_text(name: str) -> str:
    """The activation's symbol in plain text (σ, tanh, ReLU, ...)."""
    symbol = activation_latex(name)
    return {r"\sigma": "σ", r"\tanh": "tanh"}.get(symbol, symbol.removeprefix(r"\operatorname{").rstrip("}"))


def number(value: float, language: str) -> str:
    """A number for LaTeX in the language's style (a decimal comma in Russian, written ``{,}`` in LaTeX)."""
    return latex_in_language(latex_number(value, 3), language)


def _term(value: float, language: str) -> str:
    """A factor in a product: negative numbers in brackets."""
    text = number(value, language)
    return f"({text})" if value < 0 else text


def _partial(name: str) -> str:
    return rf"\frac{{\partial L}}{{\partial {name}}}"


def _sum_lines(terms: list[str]) -> str:
    """A sum of terms, two per line after the first, for a narrow screen."""
    rows = [" + ".join(terms[start:start + 2]) for start in range(0, len(terms), 2)]
    return r" \\ &\quad + ".join(rows)


def forward_latex(name: str, passed: graph.GraphPass, activation: str, language: str) -> str:
    """How the forward pass computes node ``name`` from the values it already has."""
    node, values = graph.NODE[name], passed.values
    symbol = NODE_LATEX[name]
    if node.kind == "sum":
        symbols = [f"{parameter_latex(weight)}{NODE_LATEX[parent]}" for parent, weight in
                   zip(node.parents, node.weights, strict=True)] + [parameter_latex(node.bias)]
        numbers = [f"{_term(passed.local[parent, name], language)} \\cdot {_term(values[parent], language)}"
                   for parent in node.parents] + [_term(passed.params[node.bias[0]][node.bias[1]], language)]
        return (rf"\begin{{aligned}}{symbol} &= {' + '.join(symbols)} \\ &= {_sum_lines(numbers)} \\ "
                rf"&= {number(values[name], language)}\end{{aligned}}")
    if node.kind == "activation":
        parent, f = node.parents[0], activation_latex(activation)
        return (rf"{symbol} = {f}({NODE_LATEX[parent]}) = {f}({number(values[parent], language)}) = "
                rf"{number(values[name], language)}")
    return (rf"L = (\hat y - y)^2 = ({number(values['y_hat'], language)} - {_term(values['y'], language)})^2 = "
            rf"{number(values['loss'], language)}")


def backward_latex(name: str, passed: graph.GraphPass, activation: str, language: str) -> str:
    """The gradient arriving at node ``name`` (the sum over its children of their gradient times the local
    derivative of the edge) and what the node passes on: its local derivative, its parameters' gradients."""
    node, grads, local, values = graph.NODE[name], passed.grads, passed.local, passed.values
    symbol = NODE_LATEX[name]
    if name == "loss":
        return (rf"{_partial('L')} = 1,\qquad 2(\hat y - y) = 2({number(values['y_hat'], language)} - "
                rf"{_term(values['y'], language)}) = {number(local['y_hat', 'loss'], language)}")
    arriving_symbols = []
    arriving_numbers = []
    for child in graph.children(name):
        edge = local[name, child]
        if graph.NODE[child].kind == "sum":
            weight = parameter_latex(graph.parameter_of_edge(name, child))
        elif graph.NODE[child].kind == "activation":
            weight = rf"{activation_latex(activation)}'({symbol})"
        else:
            weight = r"2(\hat y - y)"
        arriving_symbols.append(rf"{_partial(NODE_LATEX[child])}\,{weight}")
        arriving_numbers.append(rf"{_term(grads[child], language)} \cdot {_term(edge, language)}")
    lines = [rf"{_partial(symbol)} &= {' + '.join(arriving_symbols)}",
             rf"&= {_sum_lines(arriving_numbers)} = {number(grads[name], language)}"]
    if node.kind == "activation":
        parent = node.parents[0]
        f = activation_latex(activation)
        lines.append(rf"{f}'({NODE_LATEX[parent]}) &= {f}'({number(values[parent], language)}) = "
                     rf"{number(local[parent, name], language)}")
    if node.kind == "sum":
        for parent, weight in zip(node.parents, node.weights, strict=True):
            key, index = weight
            lines.append(rf"{_partial(parameter_latex(weight))} &= {_partial(symbol)}\,{NODE_LATEX[parent]} = "
                         rf"{_term(grads[name], language)} \cdot {_term(values[parent], language)} = "
                         rf"{number(passed.param_grads[key][index], language)}")
        key, index = node.bias
        lines.append(rf"{_partial(parameter_latex(node.bias))} &= {_partial(symbol)} = "
                     rf"{number(passed.param_grads[key][index], language)}")
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


def local_text(name: str, passed: graph.GraphPass, activation: str, language: str) -> str | None:
    """A node's local derivative for the table: f'(z) of an activation, 2(y_hat - y) of the loss; None for a sum,
    whose local derivatives are its weights (on the graph's edges); a dash for an input."""
    node = graph.NODE[name]
    if node.kind == "activation":
        parent = node.parents[0]
        value = ui_number(passed.local[parent, name], 3, language)
        return f"{activation_text(activation)}′({NODE_TEXT[parent]}) = {value}"
    if node.kind == "loss":
        return f"2(ŷ − y) = {ui_number(passed.local['y_hat', name], 3, language)}"
    return None if node.kind == "sum" else "—"


def start_latex(passed: graph.GraphPass, language: str) -> str:
    values, comma = passed.values, ";" if language == "ru" else ","  # a decimal comma needs a semicolon between
    return (rf"x_1 = {number(values['x1'], language)}{comma}\quad x_2 = {number(values['x2'], language)}{comma}\quad "
            rf"y = {number(values['y'], language)}")


def step_latex(step: int, passed: graph.GraphPass, activation: str, language: str) -> str:
    """The formula of ``step`` of ``dl_core.lessons.graph.WALK`` with its numbers."""
    direction, name = graph.WALK[step]
    if direction == "start":
        return start_latex(passed, language)
    if direction == "forward":
        return forward_latex(name, passed, activation, language)
    return backward_latex(name, passed, activation, language)


BUG_FIX = {  # the right formula next to the bug planted in it
    "no_activation_grad": r"\frac{\partial L}{\partial z_j} = \frac{\partial L}{\partial h_j}\,f'(z_j)",
    "loss_factor": r"\frac{\partial L}{\partial \hat y} = 2(\hat y - y)",
    "reshaped_dw": r"dW = X^\top dZ \quad (2\times 1 \cdot 1\times 3 = 2\times 3)",
}
