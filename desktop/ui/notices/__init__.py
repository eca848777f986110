"""The 公示公告 page: the notice archive, the editor with its live preview, printing."""
