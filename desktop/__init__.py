"""Linli Desk (邻里): the offline desktop app of a neighbourhood community office."""

__version__ = "0.1.0"
