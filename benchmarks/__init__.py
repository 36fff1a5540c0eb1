"""Performance benchmarks: ``python -m benchmarks`` (see README.md here). Not tests: CI does
not run them; ``tests/benchmarks/test_smoke.py`` runs the quick mode of the cheap ones."""
