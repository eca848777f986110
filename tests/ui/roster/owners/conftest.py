"""The app's fonts for the screenshots, as the small-screen layout test applies them."""

from tests.ui.test_layout_small_screen import app_fonts  # noqa: F401 - a fixture
