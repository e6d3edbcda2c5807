"""The article model and the shared types: what every other layer reads.

Lowest layer: imports nothing from the rest of `lint` (see the layer contract in
pyproject.toml, `[tool.importlinter]`)."""
