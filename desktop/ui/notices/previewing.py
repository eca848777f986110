"""The page's live preview: rendered on the files lane 400 ms after typing stops, with what
will be masked and the characters no font can print; a result overtaken by newer typing is
dropped. A mixin of ``NoticesPage``."""

from __future__ import annotations

from shiboken6 import isValid

from desktop.core.errors import LinliError
from desktop.core.i18n import _
from desktop.ui.notices.rendering import Rendered, masked_text, spec_text
from desktop.ui.tasks import Failed, Lane


class NoticePreviewing:
    def schedule_preview(self, now: bool = False) -> None:
        self.generation += 1  # whatever is rendering now is stale
        if now:
            self._timer.stop()
            self.render_preview()
        else:
            self._timer.start()

    def current_spec(self):
        """The form as a NoticeSpec, or a ``Failed`` naming what is missing."""
        try:
            return self.form.spec()
        except (TypeError, ValueError) as exc:
            return Failed(str(exc))

    def render_preview(self):
        self._timer.stop()
        generation = self.generation
        spec = self.current_spec()
        if isinstance(spec, Failed):
            self.preview.show_message(spec.message)
            return None
        renderer, names = self.renderer, self.known_names
        office = self.office_contacts()
        self.preview.show_message(_("Updating…"))

        def work(task_ctx) -> Rendered:
            result = Rendered(generation)
            try:
                result.masked = renderer.masked(spec, names, office)
                result.unprintable = renderer.unprintable(spec_text(spec))
                result.pdf = renderer.render(spec, names, task_ctx, office)
            except LinliError as exc:
                result.problem = exc.message
            return result

        return self._runner.run(work, title=_("Preparing the preview"), lane=Lane.FILES,
                                parent=self, on_result=self._preview_ready, progress=False)

    def _preview_ready(self, result: Rendered) -> None:
        if not isValid(self) or result.generation != self.generation:
            return  # typing went on: a newer render is coming
        self.rendered = result
        self.masked_list.clear()
        for item in result.masked:
            self.masked_list.addItem(masked_text(item))
        mask_on = self.form.mask.isChecked()
        count = len(result.masked)
        if mask_on:
            self.masked_title.setText(_("Will be masked ({count})").format(count=count))
        elif count:  # ID numbers are left out of notices whether masking is on or not
            self.masked_title.setText(_("Masking is off; ID numbers are still left out "
                                        "({count})").format(count=count))
        else:
            self.masked_title.setText(_("Masking is off"))
        self.masked_list.setVisible(bool(count))
        if result.unprintable:
            chars = " ".join(sorted(result.unprintable))
            self.warning.setText(_("These characters cannot be printed with the installed "
                                   "fonts and will show as boxes: {chars}").format(chars=chars))
        else:
            self.warning.clear()
        self.warning.setVisible(bool(self.warning.text()))
        if result.problem:
            self.preview.show_message(result.problem)
        elif result.pdf:
            self.preview.set_pdf(result.pdf)
