"""Printed lists from the roster (花名册, walk list, sign-in sheet) as PDF."""
