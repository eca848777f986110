"""The look: Fusion (the same on every machine) and a light stylesheet built on the palette,
so a dark system theme stays readable."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

STYLESHEET = """
#sidebar { background: palette(alternate-base); border-right: 1px solid palette(midlight); }
#appTitle { font-size: 17pt; font-weight: bold; padding: 18px 18px 2px 18px;
            color: palette(highlight); }
#sidebarCommunity { color: palette(placeholder-text); padding: 2px 18px 14px 18px; }
#navigation { background: transparent; border: none; outline: 0; padding: 4px 10px;
              font-size: 11pt; }
#navigation::item { padding: 9px 12px; border-radius: 6px; margin: 1px 0; }
#navigation::item:hover:!selected { background: palette(midlight); }
#navigation::item:selected { background: palette(highlight); color: palette(highlighted-text); }
#pageHeader { background: palette(base); border-bottom: 1px solid palette(midlight); }
#pageFooter { background: palette(base); border-top: 1px solid palette(midlight); }
#pageTitle { font-size: 17pt; font-weight: bold; }
#pageSubtitle, #note, #statLabel { color: palette(placeholder-text); }
#pageScroll, #pageContent { background: palette(window); }
#card, #statCard { background: palette(base); border: 1px solid palette(midlight);
                   border-radius: 8px; }
#cardHeading { font-weight: bold; }
#statValue { font-size: 20pt; font-weight: bold; color: palette(highlight); }
#badge { background: #fff1c2; color: #6b4e00; border-radius: 4px; padding: 3px 9px; }
#demoBadge { background: #c2410c; color: #ffffff; font-weight: bold; padding: 3px 10px;
             border-radius: 4px; margin: 6px 10px; }
#fieldProblem { color: #c0262d; }
#success { color: #1a7f37; }
#dialogTitle { font-size: 14pt; font-weight: bold; }
QPushButton#primary { font-weight: bold; padding: 5px 18px; }
#taskTitle { font-weight: bold; }
QGroupBox { font-weight: bold; }
#statusBar QLabel { padding: 0 8px; border-right: 1px solid palette(midlight); }
#statusBar #demoBadge { border: none; }
"""


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setStyleSheet(STYLESHEET)
