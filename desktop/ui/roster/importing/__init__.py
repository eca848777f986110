"""The roster's Import wizard: file → columns → preview → policy and dry run → import, with
undo of a whole import afterwards (see ``wizard``)."""
