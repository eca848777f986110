"""What is wrong with a form, said where it is: the spreadsheet row (header = 1) and column,
or the question, with a message in the user's language."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    message: str
    severity: str = ERROR  # ERROR: the form cannot be used; WARNING: it can, said once
    row: int | None = None
    column: str = ""
    question: str = ""  # the question's name, where the problem is one question's

    def as_report(self) -> dict:
        data = asdict(self)
        data.pop("question")
        return {"row": data["row"], "column": data["column"], "severity": data["severity"],
                "message": data["message"]}


def errors(problems) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]
