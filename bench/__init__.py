"""Benchmarks for the fact bot: `python -m bench` runs them all (see BENCHMARKS.md)."""
