"""fzbg: 法治政府建设年度报告 generator for public security organs (GB/T 9704-2012)."""

__version__ = "0.1.0"
__all__ = ["__version__"]
