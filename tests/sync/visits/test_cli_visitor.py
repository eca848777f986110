"""``linli bundle export --campaign NAME --visitor NAME``: the visitor's bundle from the command
line, and a clear message — before any passphrase is asked for — for a campaign or a visitor
that is unknown, a name two visitors share, or only one of the two names."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.sync.transfer import import_bundle, inspect_bundle
from desktop.visits.campaigns.service import VisitorPlan, add_visitor
from tests.sync.visits.conftest import PASS, ids, make_office, open_copy


@pytest.fixture(scope="module")
def office_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli") / "office"
    office = make_office(root, residents=300)
    with office.db.unit_of_work("王社工") as uow:  # two visitors of one name, one with no doors
        add_visitor(uow, office.campaign_id, VisitorPlan("王五"))
        add_visitor(uow, office.campaign_id, VisitorPlan("王五"))
        add_visitor(uow, office.campaign_id, VisitorPlan("赵六"))
    office.close()
    return root


def _export(office_root, out, *args):
    return main(["bundle", "export", "--out", str(out), "--data-dir", str(office_root), *args])


def test_a_bundle_for_a_visitor_from_the_command_line(office_root, tmp_path, monkeypatch,
                                                      capsys):
    monkeypatch.setenv("LINLI_BUNDLE_PASSPHRASE", PASS)
    out = tmp_path / "张三.linli"
    assert _export(office_root, out, "--campaign", "外墙维修走访", "--visitor", "张三") == 0
    said = capsys.readouterr().out
    assert "Places: 外墙维修走访 · 张三" in said
    header = inspect_bundle(out)
    assert header.summary["places"] == ["外墙维修走访 · 张三"]
    assert "resident.id_number" in header.summary["minimised"]
    assert list(header.summary["scope"]) == ["campaign_visitors"]  # no places besides
    laptop = open_copy(tmp_path / "laptop", "张三的笔记本")
    try:
        import_bundle(laptop, out, PASS, trust_signer=True)
        assert len(ids(laptop, "campaign_visitor")) == 1
        assert ids(laptop, "campaign_door")
    finally:
        laptop.close()


@pytest.mark.parametrize(("args", "message"), [
    (("--campaign", "冬季走访", "--visitor", "张三"),
     "No campaign is named 冬季走访. Campaigns: 外墙维修走访."),
    (("--campaign", "外墙维修走访", "--visitor", "张叁"),
     "外墙维修走访 has no visitor named 张叁. Its visitors: 张三、李四、王五、王五、赵六."),
    (("--campaign", "外墙维修走访", "--visitor", "王五"),
     "2 visitors of 外墙维修走访 are named 王五: rename one in the window first."),
    (("--campaign", "外墙维修走访", "--visitor", "赵六"),
     "赵六 has no doors in 外墙维修走访: hand them some doors first."),
    (("--visitor", "张三"), "Name both the campaign and the visitor"),
    (("--campaign", "外墙维修走访", "--visitor", "张三", "--withdraw"),
     "A bundle for a visitor holds that visitor's doors only"),
])
def test_unknown_or_ambiguous_names_are_said_and_nothing_is_written(
        office_root, tmp_path, monkeypatch, capsys, args, message):
    # No passphrase anywhere: a wrong name must be said before one is asked for.
    monkeypatch.delenv("LINLI_BUNDLE_PASSPHRASE", raising=False)
    out = tmp_path / "x.linli"
    assert _export(office_root, out, *args) == 2
    said = capsys.readouterr().err
    assert message in said, said
    assert "passphrase" not in said.lower()
    assert not out.exists()
