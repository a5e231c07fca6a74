"""The practice partner's form: rehearse a whole interview with a scripted persona.

A thin view over :mod:`helpers.conversation`: it shows what the persona says, offers the
replies, matches a typed reply to the nearest one, and at the end shows the debrief and a
replay. Driven from Python exactly as a learner drives it::

    form = forms.practice_form(persona="amina-pharmacist")
    form.controls["start"].click()
    form.controls["reply"].index = 0          # or type into form.controls["typed"] and click "match"
    form.controls["say"].click()
    ...
    form.extras["debrief"]                    # the debrief once the conversation has ended

Every text a learner typed is escaped before it is shown.
"""
from __future__ import annotations

import datetime as dt


import ipywidgets as widgets

from helpers import content, conversation as conv
from helpers.display import escape, message_html
from helpers.widgets import FULL, LABEL_STYLE, Form, button, guarded

__all__ = ["practice_form"]

# Radio labels one fixed line high would overlap; let long replies wrap, button first.
_STYLE = (
    "<style>"
    ".iiw-practice .widget-radio-box label, .iiw-practice .jupyter-widget-radio-box label"
    "{height:auto;line-height:1.35;padding:0.25em 0;display:flex;flex-direction:row-reverse;"
    "justify-content:flex-end;align-items:flex-start;white-space:normal}"
    ".iiw-practice .widget-radio-box input, .iiw-practice .jupyter-widget-radio-box input"
    "{float:none;flex:none;height:auto;margin:0.2em 0.6em 0 1px}"
    "</style>"
)
#: what the learner is told when the persona's mood changes from one turn to the next
_CHANGE = {("neutral", "warm"): "warms up", ("cool", "warm"): "warms up", ("cool", "neutral"): "relaxes a little",
           ("neutral", "cool"): "cools, and answers more briefly", ("warm", "cool"): "cools, and answers more briefly",
           ("warm", "neutral"): "is a little less warm"}
_BOX = "border-left:4px solid {c};padding:0.3em 0.7em;margin:0.35em 0;background:{b}"



def today() -> dt.date:
    """The practice day (:func:`helpers.conversation.today`, the one place the partner reads the clock)."""
    return conv.today()

def _line(speaker: str, text: str, who: str, change: str = "") -> str:
    colour, back = ("#0d47a1", "#f3f7fd") if who == "persona" else ("#1b5e20", "#f4faf4")
    tone = f" <em>({escape(change)})</em>" if change else ""
    return (f"<div style='{_BOX.format(c=colour, b=back)}'><strong>{escape(speaker)}</strong>{tone}: "
            f"{escape(text)}</div>")


def _card_html(p: conv.Persona) -> str:
    return (f"<p style='margin:0.2em 0'><strong>{escape(p.name)}</strong>, {escape(p.role)}, "
            f"{escape(p.organisation)}. {escape(p.summary)} You agreed {p.minutes} minutes.</p>")


def transcript_html(run: conv.Run, p: conv.Persona) -> str:
    """The conversation so far, then what the persona says now (all text escaped)."""
    parts = []
    before = conv._mood(p.warmth)
    for t in run.turns:
        parts.append(_line(p.name, t.said, "persona", _CHANGE.get((before, t.mood), "")))
        before = t.mood
        reply = t.reply + (f" (you typed: “{t.typed}”)" if t.typed else "")
        parts.append(_line("You", reply, "learner"))
    now = conv.step(run, p)
    parts.append(_line(p.name, now.says, "persona", _CHANGE.get((before, now.mood), "")))
    clock = f"Minute {now.minute} of the {now.agreed} agreed."
    if now.minute > now.agreed:
        clock += " You have gone over the agreed time."
    parts.append(f"<p style='color:#444;margin:0.2em 0'>{escape(clock)}</p>")
    return "".join(parts)


def debrief_html(d: conv.Debrief) -> str:
    """The debrief: the score, then each point with the moments that decided it."""
    rows = []
    for pt in d.points:
        moments = "".join(
            f"<li>Turn {m.turn} ({escape(m.how)}): you said “{escape(m.reply)}”"
            + (f"<br>A reply that would have done it: “{escape(m.better)}”" if m.better else "")
            + "</li>" for m in pt.moments)
        mark = "✔ yes" if pt.earned else "✖ not yet"
        rows.append(f"<tr><th scope='row' style='text-align:left;vertical-align:top;padding:4px 8px'>"
                    f"{escape(pt.label)}</th><td style='vertical-align:top;padding:4px 8px;"
                    f"color:{'#1b5e20' if pt.earned else '#b00020'}'>{mark}</td>"
                    f"<td style='vertical-align:top;padding:4px 8px'>{escape(pt.why)}"
                    f"{'<ul style=margin:0.2em 0>' + moments + '</ul>' if moments else ''}</td></tr>")
    flags = ""
    if d.flags:
        flags = "<p><strong>Worth a second look:</strong></p><ul>" + "".join(
            f"<li>Turn {t} ({escape(flag)}): {escape(note)}</li>" for t, flag, note in d.flags) + "</ul>"
    checkin = (f"<p><strong>Check-in day:</strong> {escape(d.checkin)}</p>" if d.checkin else "")
    return (f"<h4 style='margin:0.6em 0 0.2em 0'>Debrief</h4><p>{escape(d.summary())}</p>{checkin}"
            f"<table style='border-collapse:collapse'><caption style='text-align:left'>The close, point by "
            f"point</caption><thead><tr><th scope='col' style='text-align:left;padding:4px 8px'>Point</th>"
            f"<th scope='col' style='text-align:left;padding:4px 8px'>Done?</th><th scope='col' "
            f"style='text-align:left;padding:4px 8px'>What decided it</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{flags}")


def replay_html(s: conv.ReplayStep, total: int) -> str:
    """One turn of the replay: what was said, and why the reply worked or not."""
    moved = ""
    if s.earned:
        moved += message_html("Earned: " + "; ".join(s.earned), "ok")
    if s.lost:
        moved += message_html("Lost: " + "; ".join(s.lost), "error")
    stage = f" · {escape(s.stage)}" if s.stage else ""
    return (f"<p style='margin:0.2em 0'><strong>Turn {s.turn} of {total}</strong>{stage} · minute {s.minute}</p>"
            + _line(s.speaker, s.said, "persona") + _line("You", s.reply, "learner")
            + (f"<p style='margin:0.2em 0'><em>Why it matters:</em> {escape(s.note)}</p>" if s.note else "")
            + moved)


def _saved_html() -> str:
    found = conv._saved_debriefs()
    if not found:
        return "<p style='color:#444'>No practice saved yet: finish a conversation and it is kept here.</p>"
    items = "".join(f"<li>{escape(p.name)} ({escape(p.temperament)}), {escape(run.day)}: "
                    f"{d.score} of {len(d.points)} points</li>" for p, run, d in found)
    return f"<p style='margin:0.4em 0 0 0'><strong>Your saved practice (the latest with each persona)</strong></p><ul>{items}</ul>"


def _build(persona: str | None) -> Form:
    found = conv.personas()
    problems = conv.check_content()
    if not found:
        status = widgets.HTML(message_html("The practice partner cannot start: " + " ".join(problems), "error"))
        return Form(widget=widgets.VBox([status]), controls={}, messages={}, status=status,
                    output=widgets.Output())
    ids = [p.id for p in found]
    chosen = persona if persona in ids else ids[0]
    who = widgets.Dropdown(options=[(p.label, p.id) for p in found], value=chosen,
                           description="Practise with", style=LABEL_STYLE, layout=FULL)
    start = button("Start the conversation", "primary")
    revisit = button("Look at my saved run", "", "Show the debrief and the replay of your saved run with this persona")
    card = widgets.HTML("")
    talk = widgets.HTML("")
    reply = widgets.RadioButtons(options=[], description="Your reply", style=LABEL_STYLE,
                                 layout=widgets.Layout(width="100%", max_width="720px"))
    typed = widgets.Textarea(placeholder="Or say it your own way, then click Find the nearest reply",
                             description="Or type it", style=LABEL_STYLE,
                             layout=widgets.Layout(width="100%", max_width="720px", height="4.2em"))
    match = button("Find the nearest reply", "info")
    say = button("Say it", "success")
    replay = button("Replay from the start", "")
    previous = button("◀ Previous turn", "")
    nxt = button("Next turn ▶", "")
    reply_msg, typed_msg = widgets.HTML(""), widgets.HTML("")
    turn_box = widgets.VBox([reply, reply_msg, typed, typed_msg, widgets.HBox([match, say])])
    debrief = widgets.HTML("")
    replay_view = widgets.HTML("")
    replay_box = widgets.VBox([widgets.HTML("<h4 style='margin:0.6em 0 0.2em 0'>Replay</h4>"),
                               widgets.HBox([replay, previous, nxt]), replay_view])
    saved = widgets.HTML(_saved_html())
    status, output = widgets.HTML(""), widgets.Output()
    intro = ("Choose a persona and start. At each turn, pick your reply, or type it your own way and let the "
             "form find the nearest reply on offer (it compares words, not meaning, so check it). At the end "
             "a debrief scores your close, shows the moments that decided each point, and lets you replay "
             "the conversation. Finished conversations are saved; starting again does not add a copy.")
    rows = [widgets.HTML(_STYLE), widgets.HTML("<h3 style='margin:0.3em 0'>Practise the conversation</h3>"),
            widgets.HTML(f"<p style='margin:0 0 0.5em 0'>{escape(intro)}</p>"),
            who, widgets.HBox([start, revisit]), card, talk, turn_box, status, debrief, replay_box, saved, output]
    box = widgets.VBox(rows, layout=widgets.Layout(width="100%", max_width="760px"))
    box.add_class("iiw-practice")
    controls = {"persona": who, "start": start, "reply": reply, "typed": typed, "match": match, "say": say,
                "replay": replay, "previous": previous, "next": nxt, "saved_run": revisit}
    form = Form(widget=box, controls=controls, messages={"reply": reply_msg, "typed": typed_msg},
                status=status, output=output,
                extras={"run": None, "persona": None, "debrief": None, "replay": [], "replay_at": 0,
                        "talk": talk, "card": card, "debrief_view": debrief, "replay_view": replay_view,
                        "saved": saved, "result": None})
    turn_box.layout.display = "none"
    replay_box.layout.display = "none"

    def show_end(f: Form) -> None:
        p, run = f.extras["persona"], f.extras["run"]
        turn_box.layout.display = "none"
        d = conv.debrief(run, p)
        f.extras["debrief"] = d
        f.extras["replay"] = conv.replay(run, p)
        f.extras["replay_at"] = 0
        debrief.value = debrief_html(d)
        replay_box.layout.display = None
        show_replay(f)

    def show_turn(f: Form) -> None:
        p, run = f.extras["persona"], f.extras["run"]
        now = conv.step(run, p)
        if now.done:
            talk.value = transcript_html(run, p)
            show_end(f)
            result = conv.save_run(run)
            f.extras["result"] = result
            f.show_result(result)
            saved.value = _saved_html()
            return
        # the replies are in place before the persona's new words appear: whoever reads the words and
        # picks a reply (a learner, or a test) never picks from the last turn's list
        with reply.hold_sync():
            reply.options = [(text, i) for i, text in enumerate(now.options)]
            reply.value = None
        typed.value = ""
        turn_box.layout.display = None
        talk.value = transcript_html(run, p)

    def show_replay(f: Form) -> None:
        steps, at = f.extras["replay"], f.extras["replay_at"]
        if not steps:
            replay_view.value = ""
            return
        replay_view.value = replay_html(steps[at], len(steps))
        previous.disabled = at == 0
        nxt.disabled = at >= len(steps) - 1

    def begin(f: Form) -> None:
        f.clear_messages()
        try:
            p = conv.persona(who.value)
        except content.ContentError as exc:
            f.say(f"This persona cannot be used: {exc}", "error")
            return
        f.extras.update(persona=p, run=conv.start(p.id, today(), p=p), debrief=None, replay=[], replay_at=0, result=None)
        card.value = _card_html(p)
        debrief.value = ""
        replay_box.layout.display = "none"
        start.description = "Start again"
        show_turn(f)

    def look(f: Form) -> None:
        f.clear_messages()
        run = conv.saved_runs().get(who.value)
        try:
            p = conv.persona(who.value)
        except content.ContentError as exc:
            f.say(f"This persona cannot be used: {exc}", "error")
            return
        if run is None:
            f.say(f"You have no saved run with {p.name} yet: start the conversation, and it is saved when it ends.",
                  "info")
            return
        try:
            conv.debrief(run, p)
        except (KeyError, IndexError):
            f.say(f"Your saved run with {p.name} no longer fits the persona's script (it was changed since); "
                  f"start a new conversation to practise again.", "info")
            return
        f.extras.update(persona=p, run=run, result=None)
        card.value = _card_html(p)
        talk.value = transcript_html(run, p)
        show_end(f)
        f.say(f"Your saved run with {p.name}, from {run.day}.", "info")

    def find(f: Form) -> None:
        f.clear_messages()
        if f.extras["run"] is None:
            f.say("Start the conversation first.", "info")
            return
        m = conv.match(f.extras["run"], typed.value, f.extras["persona"])
        if m.index < 0 or not m.sure:
            typed_msg.value = message_html(
                "No reply on offer shares enough words with what you typed. Choose the reply closest to what "
                "you mean from the list above, or put it another way.", "tip")
            return
        reply.value = m.index
        typed_msg.value = message_html(
            f"Nearest reply: “{m.option}” (shared words: {', '.join(m.shared)}). It is selected above; if it "
            f"is what you meant, click Say it, or choose another.", "tip")

    def speak(f: Form) -> None:
        run = f.extras["run"]
        f.clear_messages()
        if run is None:
            f.say("Start the conversation first.", "info")
            return
        if reply.value is None:
            reply_msg.value = message_html("Choose a reply first (or type one and click Find the nearest reply).",
                                           "error")
            return
        words = typed.value if conv.match(run, typed.value, f.extras["persona"]).index == reply.value else ""
        f.extras["run"] = conv.choose(run, reply.value, typed=words, p=f.extras["persona"])
        show_turn(f)

    def rewind(f: Form) -> None:
        f.extras["replay_at"] = 0
        show_replay(f)

    def back(f: Form) -> None:
        f.extras["replay_at"] = max(0, f.extras["replay_at"] - 1)
        show_replay(f)

    def forward(f: Form) -> None:
        f.extras["replay_at"] = min(len(f.extras["replay"]) - 1, f.extras["replay_at"] + 1)
        show_replay(f)

    form.on_click("start", begin)
    form.on_click("saved_run", look)
    form.on_click("match", find)
    form.on_click("say", speak)
    form.on_click("replay", rewind)
    form.on_click("previous", back)
    form.on_click("next", forward)
    if problems:
        form.say("Some personas could not be loaded (the others work): " + " ".join(problems), "error")
    return form


def practice_form(persona: str | None = None, display: bool = False) -> Form:
    """The practice partner. ``persona`` picks who is chosen at first (an id such as
    ``"amina-pharmacist"``); ``display=True`` also shows it at once (in a notebook the form
    shows itself when it is a cell's last line)."""
    form = guarded(conv.STORES, lambda: _build(persona))
    if display:
        from IPython.display import display as show

        show(form)
    return form
