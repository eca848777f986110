"""The 公示公告 page: the notice archive on the left (with filters: posted now, expiring soon,
drafts, withdrawn), the editor in the middle, the live preview on the right.

The preview is rendered on the files lane 400 ms after typing stops; a result overtaken by
newer typing is dropped. "Post & print" renders the notice afresh, opens the print dialog and,
once printed, keeps those very bytes in the archive with their hash. Problems are shown in the
page, under the buttons, never as a crash.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.context import AppContext
from desktop.core.i18n import _
from desktop.storage.changes import ChangeSet
from desktop.ui.notices.commands import NoticeCommands
from desktop.ui.notices.editor import NoticeForm
from desktop.ui.notices.previewing import NoticePreviewing
from desktop.ui.notices.rendering import CoreRenderer, Rendered
from desktop.ui.notices.rows import FILTERS, NoticeListing, status_label
from desktop.ui.printing.preview import PdfPreview
from desktop.ui.printing.printing import ask_printer
from desktop.ui.tasks import Failed, Lane, TaskRunner, inline
from desktop.ui.widgets.flow import FlowLayout
from desktop.ui.widgets.labels import message_label
from desktop.ui.widgets.page import Page
from desktop.ui.widgets.pictures import PictureActions
from desktop.ui.widgets.splitter import SharingSplitter
from desktop.ui.widgets.timers import pause_timer
from desktop.ui.widgets.wrapping import WrappingDelegate

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 400
NOTICE_TABLES = {"notice", "notice_print"}
NAME_TABLES = {"resident"}


class NoticesPage(NoticeListing, NoticeCommands, NoticePreviewing, Page):
    key = "notices"
    posted = Signal(object)  # PrintRecord

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None, *,
                 renderer: Any = None) -> None:
        super().__init__(_("Notices"), _("Notices, disclosures and announcements for the "
                                         "notice board: write, preview, print and keep what "
                                         "was posted."), parent)
        self._ctx, self._runner = ctx, runner
        self.renderer = renderer or CoreRenderer()
        self.choose_printer = ask_printer  # tests print to a file without the dialog
        self.ask_pdf_path = None  # tests save without the file chooser
        self.confirm: Callable[[str, str], bool] = self._confirm
        self.today = dt.date.today
        self.loaded = False
        self._own_changes: ChangeSet | None = None  # of this page's last write
        self.notice_id: str | None = None
        self.notice_status = ""
        self.rows: list = []
        self.known_names: frozenset[str] = frozenset()
        self.issuing_body_default = ""
        self.community_name = ""  # at the foot of the phone image
        self.generation = 0
        self.rendered: Rendered | None = None
        self.last_record = None
        self.dirty = False  # edited since opened, saved or printed

        # -- the archive -------------------------------------------------------------------
        self.filter_combo = QComboBox()
        for code, label in FILTERS:
            self.filter_combo.addItem(_(label), code)
        self.filter_combo.setAccessibleName(_("Show"))
        self.notice_list = QTreeWidget()
        self.notice_list.setObjectName("noticeList")
        self.notice_list.setAccessibleName(_("Notices"))
        self.notice_list.setHeaderLabels([_("Title"), _("Status")])
        self.notice_list.setRootIsDecorated(False)
        # Long titles wrap (Chinese titles run to 20 characters and more) rather than be cut.
        self.notice_list.setItemDelegate(WrappingDelegate(self.notice_list))
        self.notice_list.setAlternatingRowColors(True)
        header = self.notice_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.list_hint = QLabel()
        self.list_hint.setObjectName("hint")
        self.list_hint.setWordWrap(True)
        self.new_button = QPushButton(_("New notice"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(self.filter_combo)
        left_layout.addWidget(self.notice_list, 1)
        left_layout.addWidget(self.list_hint)

        # -- the editor --------------------------------------------------------------------
        self.form = NoticeForm()
        self.state_label = QLabel()
        self.state_label.setObjectName("badge")
        self.state_label.setWordWrap(True)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 8, 0)
        editor_layout.addWidget(self.state_label)
        editor_layout.addWidget(self.form, 1)
        editor_scroll = QScrollArea()
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        editor_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        editor_scroll.setWidget(editor)
        # Never narrower than the form needs beside its scroll bar (it does not scroll sideways).
        editor_scroll.setMinimumWidth(max(260, editor.minimumSizeHint().width()
                                          + editor_scroll.verticalScrollBar().sizeHint().width()
                                          + 2))

        # -- the preview -------------------------------------------------------------------
        self.preview = PdfPreview()
        self.preview.setMinimumWidth(200)
        self.masked_title = QLabel(_("Will be masked"))
        self.masked_title.setWordWrap(True)  # "Masking is off; ID numbers are still left out"
        self.masked_list = QListWidget()
        self.masked_list.setObjectName("maskedList")
        self.masked_list.setAccessibleName(_("Will be masked"))
        self.masked_list.setMaximumHeight(110)
        self.warning = message_label()
        # The phone image for the residents' WeChat groups, masked as the printed notice: Copy
        # as image (Ctrl+Shift+C anywhere on the page), Save image… (or as phone-screen pages).
        # Under the preview: the footer has no room left at 910 px.
        self.pictures = PictureActions(self, self.picture, runner, say=self._say_picture)
        self.pictures.set_splittable(True)
        picture_row = FlowLayout(spacing=6, line_spacing=6)
        picture_row.addWidget(self.pictures.copy_button)
        picture_row.addWidget(self.pictures.save_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.preview, 1)
        right_layout.addLayout(picture_row)
        right_layout.addWidget(self.masked_title)
        right_layout.addWidget(self.masked_list)
        right_layout.addWidget(self.warning)

        # The list takes a quarter of the width (150–260 px) until the user drags the handle.
        self.splitter = SharingSplitter.between([left, editor_scroll, right], 0.25, 150, 260)
        self.splitter.setSizes([230, 380, 400])
        left.setMinimumWidth(150)
        self.body.addWidget(self.splitter, 1)
        self.body.setContentsMargins(16, 12, 16, 12)

        # -- the actions -------------------------------------------------------------------
        self.save_button = QPushButton(_("Save draft"))
        self.post_button = QPushButton(_("Post && print…"))
        self.post_button.setDefault(True)
        self.pdf_button = QPushButton(_("Save as PDF…"))
        self.withdraw_button = QPushButton(_("Withdraw"))
        self.printed_button = QPushButton(_("Show printed PDF"))
        self.message = message_label()
        self.add_footer(self.save_button, self.post_button, self.pdf_button,
                        self.withdraw_button, self.printed_button, self.message)

        self._timer = pause_timer(self, PREVIEW_DELAY_MS, self.render_preview)
        self.form.changed.connect(self._form_changed)
        self.filter_combo.currentIndexChanged.connect(lambda _i: self.show_rows())
        self.notice_list.currentItemChanged.connect(self._item_chosen)
        self.new_button.clicked.connect(self.new_notice)
        self.save_button.clicked.connect(self.save_draft)
        self.post_button.clicked.connect(self.post_and_print)
        self.pdf_button.clicked.connect(self.save_as_pdf)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.printed_button.clicked.connect(self.show_printed)
        self._update_buttons()

    # -- the page protocol -----------------------------------------------------------------

    def activated(self) -> None:
        if not self.loaded:
            self.load()

    def refresh(self, changes: ChangeSet | None = None) -> None:
        if not self.loaded:
            return
        if changes is not None and changes is self._own_changes:
            self._own_changes = None  # this page's own write: its command reloaded the list
            return
        if changes is None or changes.tables & NAME_TABLES:
            self._load_names()
        if changes is None or changes.tables & NOTICE_TABLES:
            self.load_list()

    def load(self) -> None:
        self.loaded = True
        db = self._ctx.db

        def work(_task_ctx):
            from desktop.notices.reading import default_issuing_body
            from desktop.roster.reading import community

            summary = community(db)
            return default_issuing_body(db), summary.name if summary is not None else ""

        self._task(work, self._defaults_loaded)
        self._load_names()
        self.load_list()

    @property
    def task_runner(self) -> TaskRunner:
        return self._runner

    def _task(self, fn, on_result, *, lane: Lane = Lane.DATABASE, title: str = "",
              progress: bool = False):
        return self._runner.run(inline(fn), title=title, lane=lane, parent=self,
                                on_result=lambda result: self._deliver(result, on_result),
                                progress=progress)

    def _deliver(self, result, on_result) -> None:
        if not isValid(self):
            return  # the page closed while the work ran
        if isinstance(result, Failed):
            self.show_problem(result.message, result.field)
        else:
            on_result(result)

    def _defaults_loaded(self, defaults: tuple[str, str]) -> None:
        issuing_body, self.community_name = defaults
        self.issuing_body_default = issuing_body
        if self.notice_id is None and not self.form.issuing_body.text():
            self.form.issuing_body.setText(issuing_body)

    def office_contacts(self):
        """The office's staff and phones as the settings say now: never masked."""
        from desktop.core.masking import OfficeContacts

        return OfficeContacts.from_settings(self._ctx.settings)

    def _load_names(self) -> None:
        db = self._ctx.db

        def work(_task_ctx):
            from desktop.notices.reading import roster_names

            return roster_names(db)

        self._task(work, self._names_loaded)

    def _names_loaded(self, names) -> None:
        self.known_names = frozenset(names)
        self.schedule_preview(now=True)

    def open_notice(self, notice_id: str) -> None:
        db = self._ctx.db

        def work(_task_ctx):
            from desktop.notices.reading import notice_spec

            return notice_spec(db, notice_id)

        self._task(work, lambda spec: self._notice_loaded(notice_id, spec))

    def _notice_loaded(self, notice_id: str, spec) -> None:
        self.notice_id = notice_id
        row = self.row_for(notice_id)
        self.notice_status = row.status if row is not None else "draft"
        self.form.load(spec)
        self.dirty = False
        self.form.set_read_only(self.notice_status == "withdrawn")
        self.message.clear()
        self._update_buttons()
        self.schedule_preview(now=True)

    def new_notice(self) -> None:
        if not self.may_discard():
            return
        self.notice_id = None
        self.notice_status = ""
        self.notice_list.blockSignals(True)
        self.notice_list.clearSelection()
        self.notice_list.setCurrentItem(None)
        self.notice_list.blockSignals(False)
        self.form.clear(self.issuing_body_default, self.today())
        self.form.set_read_only(False)
        self.dirty = False
        self.message.clear()
        self._update_buttons()
        self.form.title.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_buttons(self) -> None:
        status = self.notice_status
        row = self.row_for(self.notice_id)
        withdrawn = status == "withdrawn"
        self.save_button.setEnabled(not withdrawn)
        self.post_button.setEnabled(not withdrawn)
        self.post_button.setText(_("Print again…") if status in ("posted", "expired")
                                 else _("Post && print…"))
        self.withdraw_button.setEnabled(self.notice_id is not None and not withdrawn)
        self.printed_button.setEnabled(row is not None and row.sha256 is not None)
        if not self.notice_id:
            state = _("New notice — not saved yet.")
        elif row is not None and row.printed_at is not None:
            state = _("{status} · printed {time}").format(
                status=status_label(status), time=row.printed_at.strftime("%Y-%m-%d %H:%M"))
        else:
            state = status_label(status)
        if withdrawn:
            state = _("Withdrawn — kept in the archive, no longer changed.")
        self.state_label.setText(state)

    # -- the live preview ------------------------------------------------------------------

    def _form_changed(self) -> None:
        self.dirty = True
        self.schedule_preview()

    def may_discard(self) -> bool:
        """True if there are no unsaved edits, or the user agrees to drop them."""
        if not self.dirty or self.notice_status == "withdrawn":
            return True
        return self.confirm(_("Unsaved changes"),
                            _("The notice you are editing has unsaved changes. Discard them?"))

    # -- problems --------------------------------------------------------------------------

    def show_problem(self, message: str, field: str = "") -> None:
        label = self.form.label_for(field) if field else ""
        self.message.setText(_("{field}: {message}").format(field=label, message=message)
                             if label else message)
        widget = self.form.widget_for(field) if field else None
        if widget is not None and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def checked_spec(self):
        """The spec if the core finds nothing missing; else None, with the problems shown."""
        spec = self.current_spec()
        if isinstance(spec, Failed):
            self.show_problem(spec.message)
            return None
        from desktop.notices.spec import check_spec

        problems = check_spec(spec)
        if problems:
            lines = []
            for name, text in problems.items():
                label = self.form.label_for(name)
                lines.append(_("{field}: {message}").format(field=label, message=text)
                             if label else text)
            self.message.setText("\n".join(lines))
            widget = self.form.widget_for(next(iter(problems)))
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        self.message.clear()
        return spec
