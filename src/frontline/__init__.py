"""frontline: a mapped, dated, source-attributed record of conflict events from raw war reporting."""

__version__ = "0.1.0"
