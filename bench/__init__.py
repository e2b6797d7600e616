"""Benchmarks a person can run: ``python -m bench <name>`` (``python -m bench`` lists them)."""
