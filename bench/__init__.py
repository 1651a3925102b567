"""The HTTP benchmark and the load and fault scenarios (make bench; docs/performance.md)."""
