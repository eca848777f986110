"""Printed output: fonts, pages, tables and PDF building with reportlab (Qt-free)."""
