"""Export: everything, chosen compounds and buildings, or what one visitor of a campaign needs
on their laptop; for any device or only what a known one has not received, ID numbers left out
of a scoped bundle, a passphrase, a file.

The bundle is written on the database lane with progress and Cancel; problems are said under
the button. Tests set ``path_edit`` instead of using the file chooser.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.features import chosen_scope_keys
from desktop.core.files import with_suffix_added
from desktop.core.i18n import _, ngettext
from desktop.roster.views import PLACE_KINDS
from desktop.sync.bundle.container import SUFFIX
from desktop.ui.security.recovery_prompt import recovery_code_typed
from desktop.ui.sync.common import (
    counts_text,
    hint_label,
    kind_label,
    size_text,
)
from desktop.ui.sync.passphrase_fields import PassphraseFields
from desktop.ui.tasks import Failed, Lane, TaskRunner, inline
from desktop.ui.widgets.file_row import file_row
from desktop.ui.widgets.labels import message_label
from desktop.ui.widgets.place_tree import ID_ROLE, KIND_ROLE, PlaceTree
from desktop.visits.campaigns.bundle_labels import visitor_scope

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


class ExportPanel(QWidget):
    exported = Signal(object)  # ExportSummary

    def __init__(self, ctx: AppContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._runner = ctx, runner
        # The kinds of place a person can tick, and the scope key each goes to, as declared.
        # (Only the kinds the place tree shows: a visitor's bundle chooses its places otherwise.)
        self._scope_keys = {kind: key for kind, key in chosen_scope_keys().items()
                            if kind in PLACE_KINDS}
        self.summary = None
        self.task = None
        self.community_name = ""

        what = QGroupBox(_("What to send"))
        what_layout = QVBoxLayout(what)
        self.everything_radio = QRadioButton(_("Everything on this computer"))
        self.scoped_radio = QRadioButton(_("Only the places ticked below"))
        self._scope_group = QButtonGroup(self)
        # A volunteer's laptop for a campaign: the campaign's form and that visitor's doors only.
        self.visitor_radio = QRadioButton(_("For a visitor of a campaign"))
        self._scope_group.addButton(self.everything_radio)
        self._scope_group.addButton(self.visitor_radio)
        self._scope_group.addButton(self.scoped_radio)
        self.everything_radio.setChecked(True)
        self.tree = PlaceTree()
        self.tree.setMinimumHeight(140)
        self.tree.setEnabled(False)
        self.tree.itemChanged.connect(lambda *_args: self.message.clear())
        self.campaign_combo = self._small_combo(_("Campaign"))
        self.visitor_combo = self._small_combo(_("Visitor"))
        self.campaign_combo.currentIndexChanged.connect(self._campaign_chosen)
        self.visitor_combo.currentIndexChanged.connect(self._visitor_chosen)
        self._campaigns: list = []
        # One under the other, indented under their radio button: side by side they would
        # widen the page past a small screen (910 points at 150 %).
        visitor_rows = QVBoxLayout()
        visitor_rows.setContentsMargins(20, 0, 0, 0)
        visitor_rows.addWidget(self.campaign_combo)
        visitor_rows.addWidget(self.visitor_combo)
        what_layout.addWidget(self.everything_radio)
        what_layout.addWidget(self.visitor_radio)  # above the tree, which takes what is left
        what_layout.addLayout(visitor_rows)
        what_layout.addWidget(self.scoped_radio)
        what_layout.addWidget(self.tree, 1)
        self._set_visitor_enabled(False)

        self.device_combo = QComboBox()
        self.device_combo.setAccessibleName(_("For device"))
        self.device_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.device_combo.setMinimumContentsLength(14)
        self.device_combo.addItem(_("Any device (send everything chosen)"), None)
        self.minimise_box = QCheckBox(_("Leave out ID numbers"))
        self.minimise_box.setToolTip(_("ID numbers stay on this computer; the other one keeps "
                                       "a placeholder and never overwrites a real number."))
        self.withdraw_box = QCheckBox(_("Take the ticked places back from the device"))
        self.withdraw_box.setToolTip(_("The bundle carries no data: importing it removes the "
                                       "ticked places from that computer only. Nothing is "
                                       "deleted here or anywhere else."))
        self.withdraw_box.setEnabled(False)
        self.passphrase = PassphraseFields()
        note = hint_label(_("Tell the other person the passphrase separately, for example by "
                            "phone — never with the file. Without it the file cannot be "
                            "opened."))
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(_("File"))
        path_row, browse = file_row(self.path_edit)
        browse.clicked.connect(self.choose_file)

        form = QFormLayout()
        form.addRow(_("For device"), self.device_combo)
        form.addRow("", hint_label(_("For a device this computer has exchanged with before, "
                                     "only what it has not received yet is sent.")))
        form.addRow("", self.minimise_box)
        form.addRow("", self.withdraw_box)
        form.addRow(_("Passphrase"), self.passphrase.row)
        form.addRow(_("Repeat"), self.passphrase.again)
        form.addRow("", note)
        form.addRow(_("File"), path_row)

        self.export_button = QPushButton(_("Export bundle"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.message = message_label()
        self.result_label = QLabel()
        self.result_label.setObjectName("cardHeading")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)

        how = QGroupBox(_("How to send it"))
        how.setLayout(form)
        top = QHBoxLayout()
        top.addWidget(what, 2)
        top.addWidget(how, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.result_label)
        self.scoped_radio.toggled.connect(self._scope_toggled)
        self.visitor_radio.toggled.connect(self._visitor_toggled)
        self._shown_default = str(self.default_path())
        self.path_edit.setText(self._shown_default)

    @staticmethod
    def _small_combo(name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        # Long campaign names must not widen the page past a small screen.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    # -- what the page loaded ---------------------------------------------------------------

    def set_places(self, root) -> None:
        chosen = set(self.chosen_ids())
        self.tree.blockSignals(True)
        try:
            self.tree.set_root(root)
            for item in self.tree.items():
                if item.data(0, KIND_ROLE) in self._scope_keys:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(0, Qt.CheckState.Checked
                                       if item.data(0, ID_ROLE) in chosen
                                       else Qt.CheckState.Unchecked)
        finally:
            self.tree.blockSignals(False)
        self.community_name = root.name
        self._offer_default_path()

    def set_campaigns(self, campaigns) -> None:
        """The campaigns (``bundle_labels.CampaignChoice``) whose visitors a bundle can be for;
        the choice made stays when it is still there."""
        campaign, visitor = self.campaign_combo.currentData(), self.visitor_combo.currentData()
        self._campaigns = list(campaigns)
        self.campaign_combo.blockSignals(True)
        self.campaign_combo.clear()
        for choice in self._campaigns:
            self.campaign_combo.addItem(choice.name, choice.id)
        if not self._campaigns:
            self.campaign_combo.addItem(_("No campaigns yet"), None)
        self.campaign_combo.setCurrentIndex(max(self.campaign_combo.findData(campaign), 0))
        self.campaign_combo.blockSignals(False)
        self._campaign_chosen()
        index = self.visitor_combo.findData(visitor)
        if visitor is not None and index >= 0:
            self.visitor_combo.setCurrentIndex(index)
        self._set_visitor_enabled(self.visitor_radio.isChecked())

    def _campaign_chosen(self, _index: int = 0) -> None:
        chosen = next((c for c in self._campaigns if c.id == self.campaign_combo.currentData()),
                      None)
        self.visitor_combo.clear()
        for visitor in chosen.visitors if chosen is not None else ():
            self.visitor_combo.addItem(ngettext("{name} ({count} door)", "{name} ({count} doors)",
                                                visitor.doors).format(name=visitor.name,
                                                                      count=visitor.doors),
                                       visitor.id)
        self.message.clear()

    def _visitor_chosen(self, _index: int = 0) -> None:
        self.message.clear()
        self._offer_default_path()

    def choose_visitor(self, campaign_id: str, visitor_id: str) -> None:
        """Choose "for a visitor" with this campaign and visitor (tests, and a page that
        sends a visitor here)."""
        self.visitor_radio.setChecked(True)
        self.campaign_combo.setCurrentIndex(max(self.campaign_combo.findData(campaign_id), 0))
        self.visitor_combo.setCurrentIndex(max(self.visitor_combo.findData(visitor_id), 0))

    def _chosen_visitor(self):
        """The visitor chosen for a bundle (``bundle_labels.VisitorChoice``), or None."""
        if not self.visitor_radio.isChecked():
            return None
        visitor_id = self.visitor_combo.currentData()
        return next((v for c in self._campaigns for v in c.visitors if v.id == visitor_id),
                    None)

    def set_peers(self, peers) -> None:
        current = self.device_combo.currentData()
        self.device_combo.clear()
        self.device_combo.addItem(_("Any device (send everything chosen)"), None)
        for peer in peers:
            label = peer.name or peer.device_id
            if peer.fingerprint:
                label = _("{name} ({fingerprint})").format(name=label,
                                                           fingerprint=peer.fingerprint)
            self.device_combo.addItem(label, peer.device_id)
        index = self.device_combo.findData(current)
        self.device_combo.setCurrentIndex(max(index, 0))

    # -- choices -----------------------------------------------------------------------------

    def _set_visitor_enabled(self, enabled: bool) -> None:
        self.campaign_combo.setEnabled(enabled and bool(self._campaigns))
        self.visitor_combo.setEnabled(enabled and bool(self._campaigns))

    def _visitor_toggled(self, chosen: bool) -> None:
        self._set_visitor_enabled(chosen)
        self._offer_default_path()
        # A visitor's bundle never carries ID numbers, and is not one to take back.
        self.minimise_box.setEnabled(not chosen)
        # Back to another choice: ID numbers left out as that choice leaves them out.
        self.minimise_box.setChecked(chosen or self.scoped_radio.isChecked())
        self.message.clear()

    def _scope_toggled(self, scoped: bool) -> None:
        self.tree.setEnabled(scoped)
        self.minimise_box.setChecked(scoped)
        self.withdraw_box.setEnabled(scoped)
        if not scoped:
            self.withdraw_box.setChecked(False)
        self.message.clear()

    def check_place(self, item_id: str, checked: bool = True) -> None:
        for item in self.tree.items():
            if item.data(0, ID_ROLE) == item_id and item.data(0, KIND_ROLE) in self._scope_keys:
                item.setCheckState(0, Qt.CheckState.Checked if checked
                                   else Qt.CheckState.Unchecked)

    def _checked_items(self) -> list[QTreeWidgetItem]:
        out = []
        for item in self.tree.items():
            if (item.data(0, KIND_ROLE) in self._scope_keys
                    and item.checkState(0) == Qt.CheckState.Checked):
                out.append(item)
        return out

    def chosen_ids(self) -> list[str]:
        return [item.data(0, ID_ROLE) for item in self._checked_items()]

    def scope(self) -> dict | None:
        if not self.scoped_radio.isChecked():
            return None
        scope: dict[str, list[str]] = {key: [] for key in self._scope_keys.values()}
        for item in self._checked_items():
            scope[self._scope_keys[item.data(0, KIND_ROLE)]].append(item.data(0, ID_ROLE))
        return scope

    def default_path(self) -> Path:
        folder = Path.home() / "Documents"
        folder = folder if folder.is_dir() else Path.home()
        name = self.community_name
        visitor = self._chosen_visitor()
        if visitor is not None:  # the file says whose laptop it is for
            name = f"{self.campaign_combo.currentText()}-{visitor.name}"
        name = _UNSAFE.sub("_", name).strip("_") or _("Linli Desk")
        return folder / f"{name}-{dt.date.today().isoformat()}{SUFFIX}"

    def _offer_default_path(self) -> None:
        """Put the default file name in the file field, unless the user typed another."""
        if self.path_edit.text().strip() in ("", self._shown_default):
            self._shown_default = str(self.default_path())
            self.path_edit.setText(self._shown_default)

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export bundle"), self.path_edit.text(),
            _("Linli Desk bundles (*{suffix})").format(suffix=SUFFIX))
        if path:
            self.path_edit.setText(path)

    # -- running -----------------------------------------------------------------------------

    def start(self):
        from desktop.sync.transfer import ExportRequest, export_bundle

        text = self.path_edit.text().strip()
        if not text:
            return self._complain(_("Choose a file to export to."))
        path = Path(text).expanduser()
        if (added := with_suffix_added(path, SUFFIX)) != path:
            path = added
            self.path_edit.setText(str(path))
        scope = self.scope()
        if scope is not None and not any(scope.values()):
            return self._complain(_("Tick at least one compound or building to send."))
        visitor_id = self.visitor_combo.currentData() if self.visitor_radio.isChecked() else None
        if self.visitor_radio.isChecked():
            if visitor_id is None:
                return self._complain(_("Choose a campaign and one of its visitors."))
            if not self._chosen_visitor().doors:
                return self._complain(_("This visitor has no doors in the campaign: hand them "
                                        "some doors first."))
        problem = self.passphrase.problem()
        if problem:
            return self._complain(problem)
        if (scope is not None or visitor_id is not None) and not self.withdraw_box.isChecked() \
                and not recovery_code_typed(self, self._ctx, self._complain):
            return None
        if visitor_id is not None:  # that visitor's doors, never with ID numbers
            request = ExportRequest(path, self.passphrase.first.text(),
                                    scope=visitor_scope(visitor_id), minimise=True,
                                    recipient_device_id=self.device_combo.currentData())
        else:
            request = ExportRequest(path=path, passphrase=self.passphrase.first.text(),
                                    scope=scope, minimise=self.minimise_box.isChecked(),
                                    recipient_device_id=self.device_combo.currentData(),
                                    withdraw=self.withdraw_box.isChecked())
        self.message.clear()
        self.result_label.hide()
        self.export_button.setEnabled(False)
        db = self._ctx.db
        self.task = self._runner.run(
            inline(lambda task_ctx: export_bundle(db, request, task_ctx)),
            title=_("Exporting a bundle"), lane=Lane.DATABASE, parent=self,
            on_result=self._done,
            on_cancelled=lambda: self._complain(_("The export was cancelled; no file was "
                                                  "written.")))
        self.task.finished.connect(lambda: self.export_button.setEnabled(True))
        return self.task

    def _complain(self, message: str) -> None:
        self.message.setText(message)

    def _done(self, value) -> None:
        if isinstance(value, Failed):
            self._complain(value.message)
            return
        self.summary = value
        lines = [_("Saved {file} ({size}).").format(file=value.path,
                                                    size=size_text(value.size_bytes)),
                 _("Contents: {kind} — {counts}").format(
                     kind=kind_label(value.header.kind),
                     counts=counts_text(value.counts) or _("no records"))]
        places = value.header.summary.get("places")
        if places:  # exactly the ticked places, as the receiver's screen will name them
            lines.append(_("Places: {places}").format(places=_(", ").join(places)))
        self.result_label.setText("\n".join(lines))
        self.result_label.show()
        self.passphrase.set_passphrase("")
        self.exported.emit(value)
