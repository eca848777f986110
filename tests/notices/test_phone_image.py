"""A notice as PNG images for a phone: their size, their bytes, the command, and hostile
input (a 5,000-character line, a 200-row table, a spec that is not JSON)."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from desktop.notices import demo
from desktop.notices.phone import ImageTooTall, notice_layout, render_notice_image
from desktop.notices.phone.layout import SCREEN_HEIGHT
from desktop.notices.spec import NoticeSpec

DAY = dt.date(2026, 11, 23)
ISSUER = "翠苑一区社区居民委员会"


def _spec(body: str = demo._WATER_BODY, kind: str = "notice",
          title: str = "关于11月28日小区停水的通知", **kw) -> NoticeSpec:
    return NoticeSpec(kind, title, body, ISSUER, DAY, **kw)


def _image(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def _chunks(png: bytes) -> list[bytes]:
    out, at = [], 8
    while at < len(png):
        length = int.from_bytes(png[at:at + 4], "big")
        out.append(png[at + 4:at + 8])
        at += 12 + length
    return out


def test_a_one_screen_notice_is_one_small_png_1080_wide():
    [png] = render_notice_image(_spec(), community="翠苑一区社区", today=DAY)
    image = _image(png)
    layout = notice_layout(_spec(), community="翠苑一区社区", today=DAY)
    assert image.size == (1080, layout.height)
    assert image.height <= SCREEN_HEIGHT
    assert len(png) < 300 * 1024
    grey = image.convert("L")
    assert grey.getpixel((5, 5)) == 255  # white paper
    assert grey.getextrema()[0] < 60  # and dark text on it


def test_the_same_notice_gives_the_same_bytes_and_no_metadata():
    first = render_notice_image(_spec(), known_names=["张三明"], today=DAY)
    assert render_notice_image(_spec(), known_names=["张三明"], today=DAY) == first
    assert set(_chunks(first[0])) <= {b"IHDR", b"PLTE", b"IDAT", b"IEND"}  # no tIME, no text


def test_pages_are_screen_sized_pngs():
    body = "\n".join([demo._DISCLOSURE_BODY] * 6)
    spec = _spec(body, "disclosure", posted_from=DAY, posted_until=DAY + dt.timedelta(days=7),
                 contact_phone="0571-88886666")
    [long_png] = render_notice_image(spec, today=DAY)
    pages = render_notice_image(spec, pages=True, today=DAY)
    assert len(pages) >= 2
    sizes = [_image(p).size for p in pages]
    assert all(w == 1080 and h <= SCREEN_HEIGHT for w, h in sizes)
    assert all(h == SCREEN_HEIGHT for _w, h in sizes[:-1])
    assert _image(long_png).height > SCREEN_HEIGHT


def test_a_5000_character_line_makes_a_long_image():
    spec = _spec("停" * 5000)
    [png] = render_notice_image(spec, today=DAY)
    assert _image(png).width == 1080 and _image(png).height > 8 * SCREEN_HEIGHT
    layout = notice_layout(spec, today=DAY)
    assert layout.text.count("停") >= 5000


def test_a_200_row_table_is_a_long_image_or_a_clear_message():
    rows = "\n".join(f"住户{k}|{k % 30}幢{k}室|1380000{k:04d}|备注{k}" for k in range(200))
    spec = _spec("姓名|房号|电话|备注\n" + rows)
    try:
        pngs = render_notice_image(spec, today=DAY)
    except ImageTooTall as exc:
        assert "pages" in str(exc)
    else:
        assert len(pngs) == 1 and _image(pngs[0]).width == 1080
    pages = render_notice_image(spec, pages=True, today=DAY)
    assert len(pages) > 10 and all(_image(p).height <= SCREEN_HEIGHT for p in pages)


def test_too_tall_for_one_image_says_to_use_pages():
    with pytest.raises(ImageTooTall, match="pages"):
        render_notice_image(_spec("停" * 60_000), today=DAY)


def linli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", "--lang", "en", *args],
                          capture_output=True, text=True, timeout=120, check=False)


def _write(tmp_path: Path, data, name: str = "n.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False),
                    encoding="utf-8")
    return path


SPEC = {"kind": "notice", "title": "停水通知", "issuing_body": ISSUER, "issued_on": "2026-11-22",
        "body": "因管网改造停水。联系人张三明，电话13812345678，身份证110101199003071234。"}


def test_the_command_writes_the_png(tmp_path):
    out = tmp_path / "n.png"
    result = linli("notice", "image", str(_write(tmp_path, SPEC)), "--out", str(out),
                   "--data-dir", str(tmp_path / "empty"))
    assert result.returncode == 0, result.stderr
    assert "n.png" in result.stdout
    assert _image(out.read_bytes()).width == 1080


def test_the_command_writes_pages(tmp_path):
    spec = dict(SPEC, body="\n".join([demo._DISCLOSURE_BODY] * 8))
    out = tmp_path / "n.png"
    result = linli("notice", "image", str(_write(tmp_path, spec)), "--out", str(out), "--pages",
                   "--data-dir", str(tmp_path / "empty"))
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in tmp_path.glob("n-*.png"))
    assert written[:2] == ["n-1.png", "n-2.png"] and not out.exists()


def test_the_command_masks_phones_and_withholds_ids_unless_told(tmp_path):
    from desktop.notices.cli import page_paths

    assert page_paths(tmp_path / "a.png", 2) == [tmp_path / "a-1.png", tmp_path / "a-2.png"]
    # The text of the image is its layout's: the command and the layout take the same path.
    masked = notice_layout(NoticeSpec.from_json(SPEC), today=DAY).text
    assert "13812345678" not in masked and "110101199003071234" not in masked
    unmasked = notice_layout(NoticeSpec.from_json(dict(SPEC, mask=False)), today=DAY).text
    assert "13812345678" in unmasked and "110101199003071234" not in unmasked


@pytest.mark.parametrize(("data", "message"), [
    ("{not json", "is not valid JSON"),
    (dict(SPEC, body="  "), "Body: Enter the text of the notice."),
    ("[1, 2]", "A notice must be a JSON object."),
])
@pytest.mark.parametrize("command", ["image", "render"])
def test_bad_input_is_a_clear_message_and_no_file(tmp_path, data, message, command):
    out = tmp_path / "n.out"
    result = linli("notice", command, str(_write(tmp_path, data)), "--out", str(out),
                   "--data-dir", str(tmp_path / "empty"))
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("command", ["image", "render"])
def test_a_spec_that_is_not_utf8_is_a_clear_message(tmp_path, command):
    path = tmp_path / "n.json"
    path.write_bytes(b'{"title": "\xff\xfe"}')  # not UTF-8 (a GBK file can be, by chance)
    result = linli("notice", command, str(path), "--out", str(tmp_path / "n.out"))
    assert result.returncode == 2 and "is not valid JSON" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant"])
def test_look_at_the_demo_notices(language):
    """The demo's notices as phone images beside their PDF pages, for a person to look at
    (kept in /tmp/shots/phone); every character drawn has a glyph in the bundled font."""
    from desktop.core.i18n import set_language
    from desktop.notices.phone.wrap import font
    from desktop.notices.render import render_notice

    set_language(language)
    shots = Path("/tmp/shots/phone")
    shots.mkdir(parents=True, exist_ok=True)
    table = "\n姓名|房号|联系电话\n张三明|3-2-501|13812345678\n李小红|5-1-302|13900001111\n"
    specs = {
        "disclosure": _spec(demo._DISCLOSURE_BODY + table, "disclosure",
                            "关于2026年度最低生活保障复核结果的公示", posted_from=DAY,
                            posted_until=DAY + dt.timedelta(days=7), contact_phone="0571-88886666",
                            objection="如有异议，请于公示期内以书面形式向社区居委会反映。",
                            attachments=("低保复核家庭名单",)),
        "water": _spec(demo._WATER_BODY),
        "lift": _spec(demo._LIFT_BODY, "announcement", "关于3幢加装电梯表决结果的公告"),
        "fire": _spec(demo._FIRE_BODY, title="关于开展冬季消防安全入户检查的通知"),
    }
    def glyph(char: str) -> bytes:
        image = Image.new("L", (64, 64), 0)
        ImageDraw.Draw(image).text((4, 4), char, font=font(44), fill=255)
        return image.tobytes()

    missing = glyph("\U0010fffd")  # what a character without a glyph gets: a box
    for key, spec in specs.items():
        layout = notice_layout(spec, known_names=["张三明", "李小红"], community="翠苑一区社区",
                               today=DAY)
        for char in set(layout.text) - {"\n", " "}:
            assert glyph(char) != missing, char
        for number, png in enumerate(render_notice_image(
                spec, known_names=["张三明", "李小红"], community="翠苑一区社区", today=DAY,
                pages=key == "disclosure"), 1):
            (shots / f"{language}-{key}-{number}.png").write_bytes(png)
        pdf = shots / f"{language}-{key}.pdf"
        pdf.write_bytes(render_notice(spec, known_names=["张三明", "李小红"]))
        if not subprocess.run(["which", "pdftoppm"], capture_output=True, check=False).returncode:
            subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf),
                            str(shots / f"{language}-{key}-pdf")], check=True)
    assert (shots / f"{language}-disclosure-2.png").exists()


def test_a_rare_character_in_a_name_is_drawn_not_a_box():
    from desktop.printing.fonts import font_set

    fonts = font_set()
    if fonts.fallback_for("䶮") in (None, fonts.bundled) or fonts.fallback_for("\U0010fffd"):
        pytest.skip("no installed font has 䶮, or one has every character")

    def drawn(name: str) -> bytes:
        spec = _spec(f"居民刘{name}同志，请到社区领取证件。", mask=False)
        return render_notice_image(spec, today=DAY)[0]

    # The bundled font lacks 䶮: drawn in it, it would be the same box as a character no font has.
    assert drawn("䶮") != drawn("\U0010fffd")
    shots = Path("/tmp/shots/phone")
    shots.mkdir(parents=True, exist_ok=True)
    (shots / "rare-name.png").write_bytes(drawn("䶮、𠮷田"))
