"""Importing rosters from the spreadsheets offices already keep (xlsx, xls, csv, HTML-as-xls).

sources (read a file's sheets as cell values; formats tells what the bytes are, extent and
xls_extent measure a workbook sheet before calamine builds it) → headers (find the header row,
skip title and instruction rows) → mapping (columns to fields, remembered per header set) → rows
(each cell cleaned (cleaning) and checked into field values and problems) → plan (matched
against the roster under a policy: the dry run) → apply (one unit of work; one batch that can
be undone as a whole).
"""

# How an import treats rows that match a resident already on the roster (see plan.py).
POLICIES = ("add", "update", "skip")
