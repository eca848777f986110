"""The 数据同步 page: export and import bundles, their history, the review list and devices."""
