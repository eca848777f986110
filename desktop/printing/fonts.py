"""Fonts for printed output: the official Chinese fonts when the PC has them, else the bundled
WenQuanYi Micro Hei, and a per-character fallback so a rare character in a name still prints.

Government offices print notices in 方正小标宋 (title), 仿宋 (body), 黑体 (headings) and
楷体; Windows ships 仿宋/宋体/黑体/楷体 as simfang.ttf, simsun.ttc, simhei.ttf, simkai.ttf.
reportlab embeds TrueType outlines only (OpenType/CFF fonts raise "postscript outlines are not
supported"), so only .ttf/.ttc files are considered, and each is loaded to prove it works.
Every font is embedded as a subset (reportlab always subsets TrueType fonts).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from desktop.core.paths import resources_dir

log = logging.getLogger(__name__)

BUNDLED = "LinliWqyMicroHei"
BUNDLED_FILE = "wqy-microhei.ttc"

# Official fonts by role, best first: (reportlab name, file-name pattern in lower case).
_OFFICIAL = {
    "title": (("LinliFZXBS", "fzxbsjw"), ("LinliSimHei", "simhei.ttf")),
    "body": (("LinliSimFang", "simfang.ttf"), ("LinliSimSun", "simsun.ttc")),
    "heading": (("LinliSimHei", "simhei.ttf"),),
    "kai": (("LinliSimKai", "simkai.ttf"), ("LinliSimFang", "simfang.ttf")),
    "plain": (("LinliSimSun", "simsun.ttc"),),
}
_TRUETYPE_SUFFIXES = (".ttf", ".ttc")
_MAX_DEPTH = 4


def font_dirs() -> list[Path]:
    """Where installed fonts live on Windows, Linux and macOS (existing folders only)."""
    dirs: list[Path] = []
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    home = Path.home()
    dirs += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
             home / ".local" / "share" / "fonts", home / ".fonts",
             Path("/Library/Fonts"), home / "Library" / "Fonts"]
    if sys.platform == "darwin":
        dirs.append(Path("/System/Library/Fonts"))
    return [d for d in dirs if d.is_dir()]


@lru_cache(maxsize=1)
def installed_truetype_files() -> tuple[Path, ...]:
    """Every .ttf/.ttc under the font folders (sorted, so choices are reproducible)."""
    found: list[Path] = []
    for root in font_dirs():
        base_depth = len(root.parts)
        for dirpath, dirnames, filenames in os.walk(root):
            if len(Path(dirpath).parts) - base_depth >= _MAX_DEPTH:
                dirnames[:] = []
            for name in filenames:
                if name.lower().endswith(_TRUETYPE_SUFFIXES):
                    found.append(Path(dirpath) / name)
    return tuple(sorted(dict.fromkeys(found)))


def _to_unicode_cmap(fontname: str, subset) -> str:
    """reportlab's ToUnicode CMap, with characters beyond the BMP (𠮷 U+20BB7, common in rare
    name characters) written as UTF-16 surrogate pairs: reportlab writes "<20BB7>", which
    viewers and pdftotext read as U+20BB, so search and copy-paste found the wrong text."""

    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be").hex().upper()

    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap

_lock = threading.RLock()
_registered: dict[str, frozenset[int]] = {}  # reportlab name → code points it has


def _register(name: str, path: Path) -> bool:
    """Register ``path`` under ``name`` once; False when reportlab cannot use it."""
    with _lock:
        if name in _registered:
            return True
        try:
            font = TTFont(name, str(path), subfontIndex=0)
        except Exception as exc:  # noqa: BLE001 - CFF outlines, broken files, odd tables
            log.info("font %s not usable: %s", path, exc)
            return False
        pdfmetrics.registerFont(font)
        _registered[name] = frozenset(font.face.charToGlyph)
        return True


def covered(name: str) -> frozenset[int]:
    """The code points font ``name`` (registered here) has glyphs for."""
    return _registered.get(name, frozenset())


def has_glyphs(name: str, text: str) -> bool:
    chars = _registered.get(name)
    if chars is None:
        return False
    return all(ord(ch) in chars for ch in text)


@dataclass
class FontSet:
    """reportlab font names by role; ``fallback_for`` finds a font for a rare character."""

    title: str
    body: str
    heading: str
    plain: str
    kai: str
    bundled: str = BUNDLED
    _fallbacks: dict[str, str | None] = field(default_factory=dict, repr=False)
    _candidates: list[Path] | None = field(default=None, repr=False)
    _loaded: list[str] = field(default_factory=list, repr=False)

    def fallback_for(self, char: str) -> str | None:
        """A font that has ``char``: the bundled one, else any installed TrueType font (loaded
        lazily, first in CJK-looking file names), else None. Whitespace needs none."""
        if char in self._fallbacks:
            return self._fallbacks[char]
        with _lock:
            code = ord(char)
            found = None
            if code in covered(self.bundled):
                found = self.bundled
            else:
                for name in self._loaded:
                    if code in covered(name):
                        found = name
                        break
                else:
                    found = self._search(code)
            self._fallbacks[char] = found
            return found

    def _search(self, code: int) -> str | None:
        if self._candidates is None:
            taken = {str(p) for p in _official_paths()} | {str(_bundled_path())}
            files = [p for p in installed_truetype_files() if str(p) not in taken]
            files.sort(key=_cjk_first)
            self._candidates = files
        while self._candidates:
            path = self._candidates.pop(0)
            name = "LinliFallback" + "".join(ch for ch in path.stem if ch.isalnum())[:40]
            if _register(name, path):
                self._loaded.append(name)
                if code in covered(name):
                    return name
        return None

    def font_for_text(self, text: str, font: str) -> str | None:
        """``font`` when it has every character of ``text``, else None."""
        return font if has_glyphs(font, text) else None


_CJK_HINTS = ("hanamin", "simsun", "mingliu", "kaiu", "hana", "han", "cjk", "song", "ming",
              "kai", "hei", "fang", "sun", "zh", "cn", "jp", "tw", "hk", "goth", "ext")


def _cjk_first(path: Path) -> tuple[int, str]:
    name = path.name.lower()
    for rank, hint in enumerate(_CJK_HINTS):
        if hint in name:
            return rank, name
    return len(_CJK_HINTS), name


def _bundled_path() -> Path:
    return resources_dir() / "fonts" / BUNDLED_FILE


def _official_paths() -> list[Path]:
    paths = []
    for choices in _OFFICIAL.values():
        for _name, pattern in choices:
            path = _find_official(pattern)
            if path is not None:
                paths.append(path)
    return paths


def _find_official(pattern: str) -> Path | None:
    for path in installed_truetype_files():
        name = path.name.lower()
        if name == pattern or (not pattern.endswith(_TRUETYPE_SUFFIXES)
                               and name.startswith(pattern)):
            return path
    return None


def _choose(role: str) -> str:
    for name, pattern in _OFFICIAL[role]:
        path = _find_official(pattern)
        if path is not None and _register(name, path):
            return name
    return BUNDLED


@lru_cache(maxsize=1)
def font_set() -> FontSet:
    """The fonts for every printout, registered with reportlab once per process."""
    if not _register(BUNDLED, _bundled_path()):
        raise RuntimeError(f"the bundled font {_bundled_path()} cannot be loaded")
    return FontSet(title=_choose("title"), body=_choose("body"), heading=_choose("heading"),
                   plain=_choose("plain"), kai=_choose("kai"))


def unprintable(text: str) -> set[str]:
    """The characters of ``text`` that no font on this PC (nor the bundled one) can print."""
    fonts = font_set()
    return {ch for ch in set(text)
            if not ch.isspace() and ord(ch) >= 0x20 and fonts.fallback_for(ch) is None}
