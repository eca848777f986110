"""Import: choose a bundle, see who sent it (no passphrase needed), type the passphrase, preview
what it would change, trust a new device after comparing fingerprints, import.

Reading the header runs on the files lane; the preview and the import on the database lane
(the preview writes nothing; the import is one transaction). Every refusal — not a bundle,
newer version, cut short, wrong passphrase, damaged, unknown device, already imported — is
said under the buttons. Tests set ``path_edit`` instead of using the file chooser.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.i18n import _, format_number, ngettext
from desktop.sync.bundle.container import SUFFIX
from desktop.ui.sync.common import (
    CountsTable,
    counts_text,
    hint_label,
    kind_label,
    when_text,
)
from desktop.ui.tasks import Failed, Lane, TaskRunner, inline
from desktop.ui.widgets.file_row import file_row
from desktop.ui.widgets.labels import message_label


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ImportPanel(QWidget):
    imported = Signal(object)  # ImportSummary

    def __init__(self, ctx: AppContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        self.header = None
        self.incoming = None
        self.summary = None
        self.task = None

        # -- 1. the file ---------------------------------------------------------------------
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(_("File"))
        self.path_edit.setPlaceholderText(_("A .linli file from another computer"))
        self.read_button = QPushButton(_("Read the file"))
        self.read_button.clicked.connect(self.read_header)
        path_row, browse = file_row(self.path_edit, self.read_button)
        browse.clicked.connect(self.choose_file)

        self.header_box = QGroupBox(_("Who sent it"))
        header_form = QFormLayout(self.header_box)
        self.sender_label = _value_label()
        self.fingerprint_label = _value_label()
        self.fingerprint_label.setObjectName("fingerprint")
        self.made_label = _value_label()
        self.kind_label = _value_label()
        self.contents_label = _value_label()
        self.places_label = _value_label()
        header_form.addRow(_("Sender"), self.sender_label)
        header_form.addRow(_("Device fingerprint"), self.fingerprint_label)
        header_form.addRow(_("Made at"), self.made_label)
        header_form.addRow(_("Bundle kind"), self.kind_label)
        header_form.addRow(_("Contents"), self.contents_label)
        header_form.addRow(_("Places"), self.places_label)
        self.header_box.hide()

        # -- 2. the passphrase and the preview -----------------------------------------------
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(_("Passphrase"))
        self.passphrase_edit.returnPressed.connect(self.start_preview)
        self.show_box = QCheckBox(_("Show"))
        self.show_box.toggled.connect(lambda shown: self.passphrase_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password))
        self.preview_button = QPushButton(_("Preview"))
        self.preview_button.clicked.connect(self.start_preview)
        self.passphrase_row = QWidget()
        pass_row = QHBoxLayout(self.passphrase_row)
        pass_row.setContentsMargins(0, 0, 0, 0)
        pass_row.addWidget(QLabel(_("Passphrase")))
        pass_row.addWidget(self.passphrase_edit, 1)
        pass_row.addWidget(self.show_box)
        pass_row.addWidget(self.preview_button)
        self.passphrase_row.hide()

        self.preview_box = QGroupBox(_("What the import would change"))
        preview_layout = QVBoxLayout(self.preview_box)
        self.counts_table = CountsTable()
        self.conflicts_label = _value_label()
        self.left_out_label = _value_label()
        preview_layout.addWidget(self.counts_table)
        preview_layout.addWidget(self.conflicts_label)
        preview_layout.addWidget(self.left_out_label)
        self.preview_box.hide()

        # -- 3. trusting a new device --------------------------------------------------------
        self.trust_box = QFrame()
        self.trust_box.setObjectName("card")
        trust_layout = QVBoxLayout(self.trust_box)
        trust_layout.setContentsMargins(16, 12, 16, 12)
        self.trust_heading = QLabel(_("This computer has not received data from this device "
                                      "before."))
        self.trust_heading.setObjectName("cardHeading")
        self.trust_heading.setWordWrap(True)
        self.trust_fingerprint = QLabel()
        self.trust_fingerprint.setObjectName("fingerprintLarge")
        self.trust_fingerprint.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.trust_fingerprint.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setFamilies(["Consolas", "DejaVu Sans Mono", "monospace"])
        self.trust_fingerprint.setFont(font)
        self.trust_check = QCheckBox(_("Trust this device"))
        self.trust_check.toggled.connect(lambda _on: self._update_buttons())
        trust_layout.addWidget(self.trust_heading)
        trust_layout.addWidget(self.trust_fingerprint)
        trust_layout.addWidget(hint_label(_(
            "Compare the fingerprint with the one on the other computer's Devices tab (for "
            "example by phone). Trust the device only if they are the same.")))
        trust_layout.addWidget(self.trust_check)
        self.trust_box.hide()

        # -- 4. another community's data: only on an explicit yes ---------------------------
        self.other_box = QFrame()
        self.other_box.setObjectName("card")
        other_layout = QVBoxLayout(self.other_box)
        other_layout.setContentsMargins(16, 12, 16, 12)
        self.other_heading = QLabel()
        self.other_heading.setObjectName("cardHeading")
        self.other_heading.setWordWrap(True)
        self.other_check = QCheckBox(_("Yes, keep this other community's data in this copy "
                                       "too"))
        self.other_check.toggled.connect(lambda _on: self._update_buttons())
        other_layout.addWidget(self.other_heading)
        other_layout.addWidget(hint_label(_(
            "A bundle is normally from your own community's office or volunteers. Import "
            "another community's data only if both communities belong on this computer.")))
        other_layout.addWidget(self.other_check)
        self.other_box.hide()

        self.import_button = QPushButton(_("Import"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.import_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        self.message = message_label()
        self.result_label = QLabel()
        self.result_label.setObjectName("cardHeading")
        self.result_label.setWordWrap(True)
        self.result_label.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(path_row)
        layout.addWidget(self.header_box)
        layout.addWidget(self.passphrase_row)
        layout.addWidget(self.preview_box)
        layout.addWidget(self.trust_box)
        layout.addWidget(self.other_box)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        self.path_edit.textChanged.connect(lambda _text: self.reset())

    # -- state ------------------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.running

    def reset(self) -> None:
        """A new file: forget the last one's header, preview and result."""
        self.header = self.incoming = None
        self.header_box.hide()
        self.passphrase_row.hide()
        self._clear_preview()
        self.message.clear()
        self.result_label.hide()

    def _clear_preview(self) -> None:
        self.incoming = None
        self.preview_box.hide()
        self.preview_box.setTitle(_("What the import would change"))
        self.trust_box.hide()
        self.trust_check.setChecked(False)
        self.other_box.hide()
        self.other_check.setChecked(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.incoming is not None and not self.incoming.already_imported
        trusted = ready and (self.incoming.signer_trusted or self.trust_check.isChecked())
        accepted = ready and (not self.incoming.other_community or self.other_check.isChecked())
        self.import_button.setEnabled(bool(trusted and accepted) and not self.busy)
        self.read_button.setEnabled(not self.busy)
        self.preview_button.setEnabled(not self.busy)

    def _run(self, fn, *, lane: Lane, title: str, on_result, progress: bool = True):
        self.message.clear()

        def done(value) -> None:
            if isinstance(value, Failed):
                self.message.setText(value.message)
                return
            on_result(value)

        def cancelled() -> None:
            self.message.setText(_("Cancelled; nothing was changed."))

        self.task = self._runner.run(inline(fn), title=title, lane=lane, parent=self,
                                     on_result=done, on_cancelled=cancelled,
                                     progress=progress)
        self.task.finished.connect(self._update_buttons)
        self._update_buttons()
        return self.task

    # -- 1. the header ------------------------------------------------------------------------

    def choose_file(self) -> None:
        start = str(self.path.parent if self.path else Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import bundle"), start,
            _("Linli Desk bundles (*{suffix})").format(suffix=SUFFIX))
        if path:
            self.path_edit.setText(path)
            self.read_header()

    def open_file(self, path: str | Path):
        """Show ``path``'s header (File ▸ Import bundle…, tests)."""
        self.path_edit.setText(str(path))
        return self.read_header()

    def read_header(self):
        from desktop.sync.transfer import inspect_bundle

        path = self.path
        if path is None:
            self.message.setText(_("Choose a bundle file to import."))
            return None
        self.reset()
        return self._run(lambda _task_ctx: inspect_bundle(path), lane=Lane.FILES,
                         title=_("Reading {file}").format(file=path.name),
                         on_result=self._show_header, progress=False)

    def _show_header(self, header) -> None:
        self.header = header
        self.sender_label.setText(header.sender_name or header.sender_device_id)
        self.fingerprint_label.setText(header.signer_fingerprint)
        self.made_label.setText(when_text(header.created_at))
        self.kind_label.setText(kind_label(header.kind))
        counts = header.summary.get("counts") if isinstance(header.summary, dict) else None
        self.contents_label.setText(counts_text(counts) if isinstance(counts, dict)
                                    and counts else _("no records"))
        summary = header.summary if isinstance(header.summary, dict) else {}
        places = [p for p in summary.get("places") or () if isinstance(p, str)]
        community = summary.get("community") if isinstance(summary.get("community"), str) else ""
        self.places_label.setText(_(", ").join(places) if places else (
            community or _("Everything")))
        self.header_box.show()
        self.passphrase_row.show()
        self.passphrase_edit.setFocus()

    # -- 2. the preview -----------------------------------------------------------------------

    def start_preview(self):
        from desktop.sync.transfer import open_incoming

        path, passphrase, db = self.path, self.passphrase_edit.text(), self._ctx.db
        if path is None or self.header is None:
            self.message.setText(_("Choose a bundle file to import."))
            return None
        if not passphrase:
            self.message.setText(_("Type the passphrase the sender gave you."))
            return None
        self._clear_preview()
        self.result_label.hide()
        return self._run(lambda task_ctx: open_incoming(db, path, passphrase, task_ctx),
                         lane=Lane.DATABASE, title=_("Opening {file}").format(file=path.name),
                         on_result=self._show_preview)

    def _show_preview(self, incoming) -> None:
        self.incoming = incoming
        preview = incoming.preview
        self.counts_table.show_counts(preview.per_table)
        if preview.conflicts:
            self.conflicts_label.setText(_(
                "{count} values were changed here and there at the same time; one side's "
                "value is kept and the other goes to the Review tab.").format(
                count=format_number(preview.conflicts)))
        else:
            self.conflicts_label.setText(_("No value was changed on both sides."))
        if preview.fields_left_out:
            self.left_out_label.setText(_("Left out by the sender: {fields}").format(
                fields=_(", ").join(preview.fields_left_out)))
            self.left_out_label.show()
        else:
            self.left_out_label.hide()
        self.preview_box.show()
        if incoming.already_imported:
            self.message.setText(_("This bundle was already imported on this computer; "
                                   "importing it again would change nothing."))
        elif not incoming.signer_trusted:
            self.trust_fingerprint.setText(incoming.header.signer_fingerprint)
            self.trust_heading.setText(_(
                "This computer has not received data from {sender} before.").format(
                sender=incoming.header.sender_name or incoming.header.sender_device_id))
            self.trust_box.show()
        if incoming.other_community and not incoming.already_imported:
            self.other_heading.setText(_(
                "This bundle holds the data of another community: {name}.").format(
                name=incoming.other_community))
            self.other_box.show()
        self._update_buttons()

    # -- 3. the import ------------------------------------------------------------------------

    def start_import(self):
        from desktop.sync.transfer import import_bundle

        path, passphrase, db = self.path, self.passphrase_edit.text(), self._ctx.db
        if path is None:
            self.message.setText(_("Choose a bundle file to import."))
            return None
        trust, other = self.trust_check.isChecked(), self.other_check.isChecked()
        return self._run(
            lambda task_ctx: import_bundle(db, path, passphrase, trust_signer=trust,
                                           accept_other_community=other, ctx=task_ctx),
            lane=Lane.DATABASE, title=_("Importing {file}").format(file=path.name),
            on_result=self._imported)

    def _imported(self, summary) -> None:
        self.summary = summary
        self.incoming = None
        self.trust_box.hide()
        self.other_box.hide()
        self.counts_table.show_counts(summary.per_table)
        self.preview_box.setTitle(_("What the import changed"))
        new = sum(c.new for c in summary.per_table.values())
        changed = sum(c.changed for c in summary.per_table.values())
        text = _("Imported from {sender}: {new} new and {changed} changed records.").format(
            sender=summary.header.sender_name or summary.header.sender_device_id,
            new=format_number(new), changed=format_number(changed))
        if summary.conflicts:
            text += " " + ngettext("{count} value that lost is on the Review tab.",
                                   "{count} values that lost are on the Review tab.",
                                   summary.conflicts).format(
                count=format_number(summary.conflicts))
        self.result_label.setText(text)
        self.result_label.show()
        self.passphrase_edit.clear()
        self._update_buttons()
        self.imported.emit(summary)
