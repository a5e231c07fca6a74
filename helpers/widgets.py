"""What every form shares: a handle with named controls, messages beside fields, safe output.

A form builder returns a :class:`Form`. In a notebook it displays itself; in a test its
controls are set and its buttons clicked from Python::

    form = forms.question_form()
    form.controls["text"].value = "What surprised you most in your first year?"
    form.controls["save"].click()
    form.status.value   # what the learner was told

Callbacks never let an exception vanish into the browser's log: anything unexpected is
shown in the form's status line, and nothing saved is lost.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import ipywidgets as widgets

from helpers.display import escape, message_html

FULL = widgets.Layout(width="100%", max_width="720px")
LABEL_STYLE = {"description_width": "initial"}


def text(label: str, placeholder: str = "", value: str = "", area: bool = False, rows: int = 3) -> widgets.Widget:
    """A labelled text field (the label is what a screen reader reads)."""
    if area:
        return widgets.Textarea(value=value, placeholder=placeholder, description=label,
                                style=LABEL_STYLE, layout=widgets.Layout(width="100%", max_width="720px",
                                                                         height=f"{1.6 * rows + 0.8:.1f}em"))
    return widgets.Text(value=value, placeholder=placeholder, description=label,
                        style=LABEL_STYLE, layout=FULL)


def choice(label: str, options: Iterable[Any], value: Any = None) -> widgets.Dropdown:
    """A labelled dropdown; options are values or (label, value) pairs."""
    opts = list(options)
    if value is None and opts:
        first = opts[0]
        value = first[1] if isinstance(first, tuple) and len(first) == 2 else first
    return widgets.Dropdown(options=opts, value=value, description=label, style=LABEL_STYLE, layout=FULL)


def button(label: str, style: str = "primary", tooltip: str = "") -> widgets.Button:
    return widgets.Button(description=label, button_style=style, tooltip=tooltip or label,
                          layout=widgets.Layout(width="auto"))


@dataclass
class Form:
    """A form's handle: the whole widget, its named controls, a message beside each field."""

    widget: widgets.Widget
    controls: dict[str, widgets.Widget]
    messages: dict[str, widgets.HTML]
    status: widgets.HTML
    output: widgets.Output
    extras: dict[str, Any] = field(default_factory=dict)

    def _ipython_display_(self) -> None:  # shown when it is a cell's last expression
        from IPython.display import display

        display(self.widget)

    def values(self) -> dict[str, Any]:
        """Current values of every field (not buttons)."""
        return {k: c.value for k, c in self.controls.items() if hasattr(c, "value") and not isinstance(c, widgets.Button)}

    def clear_messages(self) -> None:
        for m in self.messages.values():
            m.value = ""
        self.status.value = ""

    def show_problems(self, problems: Iterable[Any], intro: str = "Not saved yet: please fix the field(s) marked above.") -> None:
        """Put each problem's text beside its field (escaped); unknown fields go to the status line."""
        self.clear_messages()
        leftovers: list[str] = []
        for p in problems:
            column = getattr(p, "column", None) or getattr(p, "field", None)
            msg = _problem_text(p)
            if column in self.messages:
                existing = self.messages[column].value
                self.messages[column].value = existing + message_html(msg, "error")
            else:
                leftovers.append(msg)
        self.say(intro + ("\n" + "\n".join(leftovers) if leftovers else ""), "error")

    def say(self, text: str, kind: str = "ok") -> None:
        self.status.value = message_html(text, kind)

    def show_result(self, result: Any, saved_text: str | None = None) -> None:
        """The one way a form shows a :class:`helpers.core.result.Result`: problems beside their
        fields, advice under them, and one status line (saved, unchanged or not saved)."""
        self.clear_messages()
        if result.problems:
            self.show_problems(result.problems, intro=result.message if not any(
                (getattr(p, "field", None) in self.messages) for p in result.problems)
                else "Not saved yet: please fix the field(s) marked above.")
            damaged = [p for p in result.problems if getattr(p, "code", "") in RECOVERABLE]
            if damaged and "move_aside" in self.extras:
                self.extras["move_aside"].layout.display = None
        else:
            kind = "ok" if result.changed else "info"
            self.say(saved_text or result.message, kind)
        tips = [a for a in getattr(result, "advice", [])]
        if tips:
            self.status.value += "".join(message_html(str(a), "tip") for a in tips)

    def on_click(self, name: str, handler: Callable[["Form"], None]) -> None:
        """Wire a button to a handler; unexpected errors are shown, never swallowed."""
        def run(_button: widgets.Button) -> None:
            try:
                handler(self)
            except Exception as exc:  # a bug: say so plainly, keep what was saved
                self.say(f"Something went wrong and nothing new was saved ({type(exc).__name__}: {exc}). "
                         f"Your earlier work is safe. Please tell your instructor.", "error")
                with self.output:
                    traceback.print_exc()
        self.controls[name].on_click(run)


RECOVERABLE = {"damaged_file", "wrong_shape"}


def unavailable(problem: Any, store: Any = None) -> Form:
    """A form that stands in for an activity whose saved file or workspace cannot be used.

    It says plainly what is wrong and how to fix it; when the cause is a damaged or
    wrong-shaped file (``store`` given), a button moves that file aside (kept in backups/) so
    the learner can re-run the cell and start the activity fresh. Nothing is overwritten.
    """
    rows: list[widgets.Widget] = [widgets.HTML(message_html(f"This activity cannot start yet: {problem}", "error"))]
    controls: dict[str, widgets.Widget] = {}
    status = widgets.HTML("")
    if store is not None and getattr(problem, "code", "") in RECOVERABLE:
        move = button("Move it aside", "warning", "Keep the damaged file in backups/ and start this activity fresh")
        controls["move_aside"] = move

        def aside(_b: widgets.Button) -> None:
            result = store.move_aside()
            status.value = message_html(result.message + (" Run this cell again to start." if result.ok else ""),
                                        "ok" if result.ok else "error")
        move.on_click(aside)
        rows.append(move)
    rows.append(status)
    output = widgets.Output()
    return Form(widget=widgets.VBox(rows), controls=controls, messages={}, status=status, output=output,
                extras={"problem": problem})


def guarded(stores: Iterable[Any], build_form: Callable[[], Form]) -> Form:
    """Build a form only when the workspace and its files can be used; else :func:`unavailable`."""
    from helpers import workspace

    problem = workspace.problem()
    if problem is not None:
        return unavailable(problem)
    for store in stores:
        problem = store.health()
        if problem is not None:
            return unavailable(problem, store)
    return build_form()


def _problem_text(p: Any) -> str:
    if hasattr(p, "sentence"):
        return p.sentence()
    what = getattr(p, "what", None)
    fix = getattr(p, "fix", None)
    if what is None:
        return str(p)
    value = getattr(p, "value", "")
    shown = f"“{value}” " if value and len(str(value)) <= 60 else "This field "
    fix = "" if not fix else (fix if fix.endswith((".", "?", "!")) else fix + ".")
    return f"{shown}{what}. {fix}".strip()


def build(fields: list[tuple[str, widgets.Widget]], buttons: list[tuple[str, widgets.Button]],
          title: str | None = None, intro: str | None = None, after: Iterable[widgets.Widget] = ()) -> Form:
    """Lay out labelled fields (each with its message line), a row of buttons and a status line."""
    controls: dict[str, widgets.Widget] = {}
    messages: dict[str, widgets.HTML] = {}
    rows: list[widgets.Widget] = []
    if title:
        rows.append(widgets.HTML(f"<h3 style='margin:0.3em 0'>{escape(title)}</h3>"))
    if intro:
        rows.append(widgets.HTML(f"<p style='margin:0 0 0.5em 0'>{escape(intro)}</p>"))
    for name, control in fields:
        controls[name] = control
        messages[name] = widgets.HTML("")
        rows.append(widgets.VBox([control, messages[name]]))
    for name, btn in buttons:
        controls[name] = btn
    if buttons:
        rows.append(widgets.HBox([b for _, b in buttons]))
    status = widgets.HTML("")
    output = widgets.Output()
    rows.append(status)
    rows.extend(after)
    rows.append(output)
    box = widgets.VBox(rows, layout=widgets.Layout(width="100%", max_width="760px"))
    return Form(widget=box, controls=controls, messages=messages, status=status, output=output)
