"""The sync layer names tables and fields as their features declare them."""

from __future__ import annotations

from desktop.sync.labels import counts_text, field_label, table_label


def test_tables_and_fields_are_named_from_the_declarations():
    assert table_label("dwelling_owner") == "Owners"
    assert table_label("notice_print") == "Printed notices"
    assert table_label("no_such_table") == "no_such_table"
    assert field_label("resident", "id_number") == "ID number"
    assert field_label("household", "notes") == "notes"  # declared for residents only
    assert field_label("notice", "deleted") == "Deleted"


def test_counts_follow_the_features_order():
    assert counts_text({"notice": 1, "resident": 4, "community": 1}) == \
        "Community 1, Residents 4, Notices 1"
