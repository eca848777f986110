"""The security feature in the window: the Security page (operators and the audit log)."""

from __future__ import annotations

from desktop.core.i18n import N_
from desktop.ui.features import FeatureUI, PageDeclaration


def security_page(ctx, runner):
    from desktop.ui.security.page import SecurityPage

    return SecurityPage(ctx, runner)


FEATURE = FeatureUI("security", pages=(PageDeclaration("security", N_("Security"),
                                                       security_page),))
