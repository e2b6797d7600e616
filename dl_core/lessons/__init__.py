"""Each lesson's own mathematics, built on the engine (``dl_core``'s layers, network and training loop); the engine
knows no lesson.

- activations: ``activation_stats`` (the properties of every activation, variance through a layer);
- initialization: ``variance`` (variance theory per layer, the schemes, Bienaymé), ``symmetry`` (the symmetry trap);
- backpropagation: ``graph`` (the small network's graph node by node), ``matmul`` (why the matrix form is fast);
- optimizers: ``race`` (optimizers racing on a surface), ``minima`` (the surfaces' minima), ``learning_rates``
  (the lesson's four rates);
- batch norm: ``batch_norm`` (running statistics, train and eval modes, deep networks with and without it);
- dropout: ``dropout`` (mask statistics, several rates side by side, Monte-Carlo dropout);
- the sandbox: ``playground`` (a training recorded for playback, its layer statistics).
"""
