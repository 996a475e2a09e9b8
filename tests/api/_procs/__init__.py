"""Helpers that run beside the concurrency and crash tests: server processes and writer threads (never collected)."""
