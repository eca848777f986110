"""What a campaign's visits add up to, for the office: coverage (which doors are done, building
by building), results per question, the follow-up list, the visits as a spreadsheet, the
results report and the campaign's walk list. Qt-free: sessions in, plain data (or bytes) out.
"""
