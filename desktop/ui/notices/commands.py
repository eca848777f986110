"""The page's archive commands: save a draft, post & print, save as PDF, the phone image (for
Copy as image and Save image…), withdraw, and show what was printed. A mixin of ``NoticesPage``, kept apart so the page module holds the layout,
the list and the preview."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from shiboken6 import isValid

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.ui.notices.printed import PrintedDialog
from desktop.ui.operations import Operations
from desktop.ui.printing.pdf_dialog import print_audited, save_audited
from desktop.ui.tasks import Failed, Lane
from desktop.ui.widgets.pictures import Picture, PictureError
from desktop.ui.widgets.status import tell


class NoticeCommands:
    def _status(self, text: str) -> None:
        tell(self, text)

    def _write(self, work, on_done):
        """A write through the window's one write path, its problems said in the page. Not on
        the undo stack (as before): undoing a post would take a printed notice off the record."""
        def done(result, changes) -> None:
            # The broadcast of these changes follows: on_done reloads the list itself (and
            # selects the notice), so refresh() need not load it a second time.
            self._own_changes = changes
            on_done(result)

        return Operations.of(self._runner).write(
            self._ctx, work, label="", parent=self, undoable=False, progress=False,
            on_done=done,
            on_refused=lambda exc: self.show_problem(exc.message, getattr(exc, "field", "")))

    # -- commands --------------------------------------------------------------------------

    def save_draft(self):
        spec = self.checked_spec()
        if spec is None:
            return None
        notice_id = self.notice_id

        def work(uow):
            from desktop.notices.archive import save_notice

            return save_notice(uow, spec, notice_id)

        return self._write(work, self._saved)

    def _saved(self, notice_id: str) -> None:
        self.notice_id = notice_id
        self.dirty = False
        if not self.notice_status:
            self.notice_status = "draft"
        self._status(_("Notice saved."))
        self.load_list(notice_id)

    def post_and_print(self):
        """Render afresh → print dialog → keep the printed bytes in the archive (posted)."""
        spec = self.checked_spec()
        if spec is None:
            return None
        renderer, names = self.renderer, self.known_names
        office = self.office_contacts()
        return self._task(lambda task_ctx: renderer.render(spec, names, task_ctx, office),
                          lambda pdf: self._print_then_post(spec, pdf), lane=Lane.FILES,
                          title=_("Preparing the notice for printing"), progress=True)

    def _print_then_post(self, spec, pdf: bytes) -> None:
        def not_posted() -> None:
            if isValid(self):
                self.message.setText(_("Not printed; the notice was not posted."))

        def failed(message: str) -> None:
            if isValid(self):
                self.show_problem(message)

        try:
            started = print_audited(self._ctx.db, self._runner, pdf, self,
                                    choose=self.choose_printer,
                                    on_printed=lambda _pages: self._post(spec, pdf),
                                    on_failed=failed, on_cancelled=not_posted)
        except LinliError as exc:
            self.show_problem(exc.message)
            return
        if not started:
            not_posted()

    def _post(self, spec, pdf: bytes) -> None:
        """Keep what was just printed in the archive: the notice is posted from now on."""
        if not isValid(self):
            return
        notice_id = self.notice_id

        def work(uow):
            from desktop.notices.archive import post_notice, save_notice

            return post_notice(uow, save_notice(uow, spec, notice_id), pdf)

        self._write(work, self._posted)

    def _posted(self, record) -> None:
        self.last_record = record
        self.notice_id = record.notice_id
        self.dirty = False
        self._status(_("Printed and posted. Fingerprint (SHA-256) {hash}.").format(
            hash=record.sha256[:16] + "…"))

        def done() -> None:
            row = self.row_for(record.notice_id)
            self.notice_status = row.status if row is not None else "posted"
            self._update_buttons()
            self.posted.emit(record)

        self.load_list(record.notice_id, done)

    def save_as_pdf(self):
        spec = self.current_spec()
        if isinstance(spec, Failed):
            self.show_problem(spec.message)
            return None
        renderer, names = self.renderer, self.known_names
        office = self.office_contacts()

        def save(pdf: bytes) -> None:
            try:
                path = save_audited(self._ctx.db, self._runner, pdf, self,
                                    suggested_name=spec.title or _("Notice"),
                                    ask_path=self.ask_pdf_path)
            except LinliError as exc:
                self.show_problem(exc.message)
                return
            if path is not None:
                self.saved_path = path
                self._status(_("Saved {path}.").format(path=path))

        return self._task(lambda task_ctx: renderer.render(spec, names, task_ctx, office),
                          save,
                          lane=Lane.FILES, title=_("Preparing the PDF"), progress=True)

    # -- the phone image (Copy as image, Save image…: desktop.ui.widgets.pictures) ------

    def picture(self):
        """The phone image of the notice being edited, masked as the printed one (rendered off
        the UI thread by ``self.pictures``); None, with the problem said, when it cannot be."""
        spec = self.current_spec()
        if isinstance(spec, Failed):
            self.show_problem(spec.message)
            return None
        names, office = self.known_names, self.office_contacts()
        community, today = self.community_name, self.today()

        def render(pages: bool) -> list[bytes]:
            from desktop.notices.phone import ImageTooTall, render_notice_image

            try:
                return render_notice_image(spec, known_names=names, office=office,
                                           community=community, pages=pages, today=today)
            except ImageTooTall as exc:  # said next to the buttons: pages always work
                raise PictureError(str(exc)) from exc

        return Picture(spec.title or _("Notice"), spec.title or _("Notice"), render=render,
                       can_split=True)

    def _say_picture(self, text: str) -> None:
        self.message.setText(text)

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def withdraw(self):
        if self.notice_id is None:
            return None
        if not self.confirm(_("Withdraw notice"),
                            _("Withdraw “{title}”? It stays in the archive with what was "
                              "printed, but can no longer be changed or posted.").format(
                                title=self.form.title.text())):
            return None
        notice_id = self.notice_id

        def work(uow):
            from desktop.notices.archive import withdraw_notice

            withdraw_notice(uow, notice_id)
            return notice_id

        def done(_notice_id) -> None:
            self.notice_status = "withdrawn"
            self.form.set_read_only(True)
            self._update_buttons()
            self.load_list(notice_id)

        return self._write(work, done)

    def show_printed(self):
        """The exact PDF kept when the notice was printed (its hash checked on reading)."""
        if self.notice_id is None:
            return None
        db, notice_id = self._ctx.db, self.notice_id
        row = self.row_for(notice_id)

        def work(_task_ctx):
            from desktop.notices.archive import read_printed_pdf

            return read_printed_pdf(db, notice_id)

        def done(pdf) -> None:
            if pdf is None:
                self.message.setText(_("This notice has not been printed yet."))
                return
            self.printed_dialog = PrintedDialog(pdf, row, self)
            self.printed_dialog.open()

        return self._task(work, done)
