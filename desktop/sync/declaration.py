"""What the sync layer declares about itself: the models of its own bookkeeping (what each
peer has seen, the bundles made and taken in, the conflicts kept for review). They never
travel, so it declares no synced tables."""

from __future__ import annotations

from desktop.core.features import FeatureDeclaration, register

FEATURE = register(FeatureDeclaration("sync", models=("desktop.sync.exchange.models",)))
