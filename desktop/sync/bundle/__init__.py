"""Bundles: one signed, passphrase-encrypted file that carries records from one copy to another.

``keys`` holds this device's signing key; ``container`` reads and writes the file format. What
goes inside (the records, the scope, what was already imported) is the exchange layer's business.
"""
