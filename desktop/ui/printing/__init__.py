"""Showing and printing PDFs made by the core: a QtPdf preview, the system print dialog, Save
as PDF."""
