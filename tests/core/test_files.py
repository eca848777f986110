"""Writing a chosen file: all of it, or nothing and the old file untouched."""

from __future__ import annotations

import pytest

from desktop.core.files import FileWriteError, write_atomically, write_bytes_atomically


def test_a_file_is_replaced_whole(tmp_path):
    target = tmp_path / "公示.pdf"
    target.write_bytes(b"old")
    write_bytes_atomically(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    assert [p.name for p in tmp_path.iterdir()] == ["公示.pdf"]


def test_a_write_failing_half_way_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "errors.xlsx"
    target.write_bytes(b"old")

    def half_then_disk_full(tmp):
        tmp.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(FileWriteError, match="errors.xlsx"):
        write_atomically(target, half_then_disk_full)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["errors.xlsx"]


def test_an_impossible_folder_is_reported(tmp_path):
    (tmp_path / "not-a-folder").write_text("a file")
    with pytest.raises(FileWriteError, match="Cannot write"):
        write_bytes_atomically(tmp_path / "not-a-folder" / "x.pdf", b"%PDF-")
