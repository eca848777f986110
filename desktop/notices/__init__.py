"""Public notices (通知, 公示, 公告): what they say, how they print, and the archive of what was
posted. Qt-free."""
