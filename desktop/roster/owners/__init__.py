"""The owner register (业主名册): each dwelling's areas and owners, the developer's unsold or
undelivered units, the property company's owners' list imported, and the gaps a vote cannot
start with."""
