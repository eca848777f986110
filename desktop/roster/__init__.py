"""The roster (台账): places, households, residents, tags and owners."""
