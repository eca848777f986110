"""The security feature in the window (pages come with the operators and audit tabs)."""

from __future__ import annotations

from desktop.ui.features import FeatureUI

FEATURE = FeatureUI("security", pages=())
