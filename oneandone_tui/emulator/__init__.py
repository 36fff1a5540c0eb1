"""The emulator of the 1&1 Cloud Server API: state (``store``), rules (``validate``), answers
(``views``) and one handler module per category (``handlers/``), served over HTTP (``http``),
as an httpx transport (``transport``) or directly in-process (``direct``).

It imports neither the client nor Textual (``[tool.importlinter]`` in pyproject.toml); nothing
is imported here, so importing a submodule loads only what it needs.
"""
