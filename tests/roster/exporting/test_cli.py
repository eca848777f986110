from __future__ import annotations

import openpyxl

from desktop.cli import main


def test_linli_roster_export(roster, data_dir, tmp_path, capsys):
    roster.close()  # the command opens the database itself
    out = tmp_path / "cli.xlsx"
    code = main(["roster", "export", "--data-dir", str(data_dir.root), "--out", str(out),
                 "--columns", "name,id_number,phone", "--mask", "--sheet-per-compound"])
    assert code == 0
    assert "Exported" in capsys.readouterr().out
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert [c.value for c in ws[1]] == ["Name", "ID number", "Phone"]
    assert all("*" in (r[1] or "*") for r in ws.iter_rows(min_row=2, values_only=True))


def test_cli_csv_gbk_and_place(roster, data_dir, tmp_path, capsys):
    from desktop.roster.models import Building, Compound

    with roster.reading() as session:
        compound = session.query(Compound).first().name
        building = session.query(Building).first().name
    roster.close()
    out = tmp_path / "b.csv"
    code = main(["roster", "export", "--data-dir", str(data_dir.root), "--out", str(out),
                 "--encoding", "gbk", "--compound", compound, "--building", building,
                 "--columns", "name,building"])
    assert code == 0
    lines = out.read_bytes().decode("gb18030").splitlines()
    assert len(lines) > 1 and {line.split(",")[1] for line in lines[1:]} == {building}


def test_cli_errors(roster, data_dir, tmp_path, capsys):
    roster.close()
    base = ["roster", "export", "--data-dir", str(data_dir.root)]
    assert main([*base, "--out", str(tmp_path / "x.txt")]) == 2
    assert ".xlsx or .csv" in capsys.readouterr().err
    assert main([*base, "--out", str(tmp_path / "x.csv"), "--columns", "name,shoe_size"]) == 2
    assert "shoe_size" in capsys.readouterr().err
    assert main([*base, "--out", str(tmp_path / "x.csv"), "--compound", "无此小区"]) == 2
    assert main(["roster", "export", "--data-dir", str(tmp_path / "empty"),
                 "--out", str(tmp_path / "x.csv")]) == 2
    assert "no database" in capsys.readouterr().err
