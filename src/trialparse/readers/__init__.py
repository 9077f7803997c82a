"""Readers: one module per input format, all filling the same `Study` via the v2 mapping."""
