"""Exporting the roster to .xlsx and .csv: the current selection or filter, chosen columns,
personal data masked on request.

The columns use the import's keys and labels (desktop.roster.importing.fields), so an unmasked
export imports back with no changes. ``export.export_residents`` is the entry point; the
writers stream rows (200,000 residents in a few seconds) into a temporary file beside the target
that replaces it only when complete — a Cancel or a failure leaves an existing file untouched.

Two rules live here and are used by every writer and printout: ``disclosure`` (what a masked
output may carry beside its masks: no birth date beside a masked ID number, no notes) and
``cells`` (no cell a spreadsheet could run: OWASP CSV injection).
"""
