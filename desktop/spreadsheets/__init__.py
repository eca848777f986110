"""Spreadsheet files in and out, shared by every feature that imports or exports tables.

Reading turns a file (xlsx, xls, CSV, or an HTML table saved as .xls) into sheets of plain
cell values, detecting the format from the bytes, the text encoding, and refusing sheets too
large to hold; writing streams rows to .xlsx or CSV with every text cell escaped so no
spreadsheet runs it as a formula. Nothing here knows a feature's fields or imports Qt.
"""
