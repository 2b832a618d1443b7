"""The partner summary as one self-contained HTML file.

Safe to open anywhere, by construction:

* every user string goes through :func:`html.escape`; nothing user-typed is ever
  an attribute name, a tag or a comment, so a ``<!--`` in one entry cannot hide
  the next one;
* entry bodies are rendered by markdown-it's ``js-default`` preset, which has raw
  HTML switched off, with links limited to ``http``, ``https`` and ``mailto``
  (anything else stays plain text) and images shown as their alt text;
* a Content-Security-Policy meta blocks scripts, remote images, fonts and styles
  other than the inline sheet, and ``no-referrer`` keeps a clicked link from
  telling the other site where it was found.

The page reads well on a phone (viewport meta, one column that widens on larger
screens) and prints cleanly (``@media print``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from typing import Any

from careerjournal.export.summary import (
    CLOSING,
    EMPTY,
    HEADINGS,
    INTROS,
    SIGN_LABELS,
    SUBHEADINGS,
    TITLE,
    GoalView,
    Summary,
    join_and,
    long_date,
)
from careerjournal.textsafe import one_line, visible

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'"
_SAFE_SCHEME = re.compile(r"^(?:https?://|mailto:)[^\s\x00-\x1f\x7f]*$", re.IGNORECASE)


def safe_href(url: str) -> bool:
    """Only web and mail links survive; ``javascript:``, ``data:``, relative paths... do not."""
    return bool(_SAFE_SCHEME.match(url.strip())) and url.strip() == url


@lru_cache(maxsize=1)
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("js-default", {"breaks": True, "html": False, "linkify": False, "typographer": False})
    md.validateLink = safe_href  # type: ignore[method-assign]

    def image(renderer: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        alt = renderer.renderInlineAsText(tokens[idx].children or [], options, env)
        return f'<span class="alt">[{escape(alt or "image")}]</span>'

    def link_open(renderer: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        tokens[idx].attrSet("rel", "noopener noreferrer nofollow")
        return renderer.renderToken(tokens, idx, options, env)

    def demote_headings(state: Any) -> None:
        # A "# Heading" inside an entry must not look like a section of the summary.
        for token in state.tokens:
            if token.type in ("heading_open", "heading_close"):
                token.tag = f"h{min(6, int(token.tag[1]) + 3)}"

    md.add_render_rule("image", image)
    md.add_render_rule("link_open", link_open)
    md.core.ruler.push("careerjournal_demote_headings", demote_headings)
    return md


def render_body(text: str) -> str:
    """An entry body (user Markdown) as inert HTML."""
    return _markdown().render(visible(text.replace("\r\n", "\n").replace("\r", "\n")))


def _t(text: str) -> str:
    """One line of user text, escaped."""
    return escape(one_line(text))


def to_html(summary: Summary) -> str:
    """Render a :class:`Summary` as a complete HTML document (ends with a newline)."""
    opening = summary.opening()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>{escape(TITLE)} · {long_date(summary.today)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        '<header class="top">',
        f'<p class="date">{long_date(summary.today, weekday=True)}</p>',
        f"<h1>{escape(TITLE)}</h1>",
    ]
    parts += [f'<p class="{"lead" if i == 0 else "note" if i == len(opening) - 1 else "period"}">{escape(p)}</p>'
              for i, p in enumerate(opening)]
    parts.append("</header>")
    for section in summary.sections:
        parts.append(f'<section id="{section}">')
        parts.append(f"<h2>{escape(HEADINGS[section])}</h2>")
        if section in INTROS:
            parts.append(f'<p class="intro">{escape(INTROS[section])}</p>')
        if summary.is_empty(section):
            parts.append(f'<p class="empty">{escape(EMPTY[section])}</p>')
        else:
            parts += _WRITERS[section](summary)
        parts.append("</section>")
    parts += [f'<footer><p>{escape(CLOSING)}</p></footer>', "</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _goal(goal: GoalView) -> list[str]:
    status = f" {goal.status.value}" if goal.status.value != "active" else ""
    out = [f'<article class="card goal{status}">', f'<h4 dir="auto">{_t(goal.title)}</h4>',
           f'<p class="facts">{escape(goal.facts)}</p>']
    if goal.percent is not None:
        out.append(f'<div class="bar" role="img" aria-label="{goal.percent}% done">'
                   f'<span style="width:{goal.percent}%"></span></div>')
    if goal.why.strip():
        out.append(f'<p class="why" dir="auto"><span class="label">Why it matters</span> {_t(goal.why)}</p>')
    if goal.steps:
        out.append('<ul class="steps">')
        out += [f'<li class="{"done" if step.done else "todo"}" dir="auto">'
                f'<span class="mark" aria-hidden="true">{"✓" if step.done else "○"}</span> {_t(step.text)}</li>'
                for step in goal.steps]
        out.append("</ul>")
    for resource in goal.resources:
        title = _t(resource.title)
        link = resource.link.strip()
        if link and safe_href(link):
            title = f'<a href="{escape(link)}" rel="noopener noreferrer nofollow">{title}</a>'
        elif link:
            title += f" ({_t(link)})"
        out.append(f'<p class="resource" dir="auto"><span class="label">{escape(resource.label)}</span> {title}</p>')
    out += [f'<p class="win" dir="auto"><span class="label">Win</span> {_t(win)}</p>' for win in goal.wins]
    out.append("</article>")
    return out


def _goals(goals: tuple[GoalView, ...]) -> list[str]:
    return [line for goal in goals for line in _goal(goal)]


def _goals_shared(summary: Summary) -> list[str]:
    out: list[str] = []
    for key, goals in (("shared", summary.shared_goals), ("partner", summary.partner_goals)):
        if goals:
            out += [f"<h3>{escape(SUBHEADINGS[key])}</h3>"] + _goals(goals)
    return out


def _goals_mine(summary: Summary) -> list[str]:
    return _goals(summary.my_goals)


def _ledger(summary: Summary) -> list[str]:
    out = ['<div class="columns">']
    for column in summary.ledger:
        out += ['<div class="column">', f"<h3>{escape(column.heading)}</h3>"]
        if not column.items:
            out.append('<p class="empty">Nothing here yet.</p>')
        else:
            out.append("<ul>")
            for item in column.items:
                notes = f'<br><span class="notes" dir="auto">{_t(item.notes)}</span>' if item.notes.strip() else ""
                out.append(f'<li><span dir="auto">{_t(item.text)}</span><br>'
                           f'<span class="facts">{escape(item.facts)}</span>{notes}</li>')
            out.append("</ul>")
        out.append("</div>")
    return out + ["</div>"]


def _talk(summary: Summary) -> list[str]:
    out: list[str] = []
    if summary.concerns:
        out += [f"<h3>{escape(SUBHEADINGS['concerns'])}</h3>", '<ul class="plain">']
        out += [f'<li><span class="label">{escape(c.label)}</span><br><q dir="auto">{_t(c.heard)}</q></li>'
                for c in summary.concerns]
        out.append("</ul>")
    if summary.agenda:
        out += [f"<h3>{escape(SUBHEADINGS['agenda'])}</h3>", '<ul class="steps">']
        out += [f'<li class="{"done" if p.done else "todo"}" dir="auto">'
                f'<span class="mark" aria-hidden="true">{"✓" if p.done else "○"}</span> {_t(p.text)}</li>'
                for p in summary.agenda]
        out.append("</ul>")
    if summary.talk_days:
        days = join_and([long_date(day, weekday=True) for day in summary.talk_days])
        out += [f"<h3>{escape(SUBHEADINGS['talks'])}</h3>", f"<p>We talked on {escape(days)}.</p>"]
    return out


def _checkins(summary: Summary) -> list[str]:
    days = join_and([long_date(checkin.day) for checkin in summary.checkins])
    noun = "Check-in on" if len(summary.checkins) == 1 else "Check-ins on"
    out = [f'<p class="facts">{noun} {escape(days)}.</p>', '<ul class="signs">']
    trends = summary.trends
    for index, (_, label) in enumerate(SIGN_LABELS):
        chips = "".join(f'<span class="chip s{checkin.scores[index]}">{checkin.scores[index]}</span>'
                        for checkin in summary.checkins)
        trend = f'<span class="trend">{escape(trends[index].words)}</span>' if len(summary.checkins) > 1 else ""
        out.append(f'<li><span class="sign">{escape(label)}</span><span class="chips">{chips}</span>{trend}</li>')
    return out + ["</ul>"]


def _entries(summary: Summary) -> list[str]:
    out: list[str] = []
    for entry in summary.entries:
        out += ['<article class="card entry">', f'<p class="date">{long_date(entry.day, weekday=True)}</p>']
        if entry.title.strip():
            out.append(f'<h3 dir="auto">{_t(entry.title)}</h3>')
        if entry.tags:
            out.append('<p class="tags">' + " ".join(f'<span class="tag" dir="auto">{_t(tag)}</span>'
                                                     for tag in entry.tags) + "</p>")
        out += [f'<div class="body" dir="auto">{render_body(entry.body)}</div>', "</article>"]
    return out


_WRITERS = {
    "goals_shared": _goals_shared,
    "goals_mine": _goals_mine,
    "ledger": _ledger,
    "talk": _talk,
    "checkins": _checkins,
    "entries": _entries,
}

_CSS = """
:root{--bg:#faf6f0;--card:#fffdf9;--ink:#2e2a26;--soft:#6d655d;--line:#e8dfd3;--accent:#b0563a;--calm:#3f7d6e;
--chip:#efe6da;font-size:17px}
@media (prefers-color-scheme:dark){:root{--bg:#1f1c19;--card:#292521;--ink:#f1ebe3;--soft:#b9ada0;--line:#3d3731;
--accent:#e48a6c;--calm:#7cc0ae;--chip:#3a332d}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
overflow-wrap:anywhere}
main{max-width:42rem;margin:0 auto;padding:1.5rem 1.1rem 3rem}
h1,h2{font-family:Georgia,"Iowan Old Style","Times New Roman",serif;font-weight:600;line-height:1.25}
h1{font-size:2rem;margin:.2rem 0 1rem;color:var(--accent)}
h2{font-size:1.45rem;margin:2.4rem 0 .6rem;padding-bottom:.3rem;border-bottom:2px solid var(--line)}
h3{font-size:1.1rem;margin:1.4rem 0 .5rem}
h4{font-size:1.05rem;margin:0 0 .2rem}
.top .date,.entry .date{color:var(--soft);font-size:.9rem;margin:0;letter-spacing:.02em}
.lead{font-size:1.1rem}
.note{background:var(--card);border-left:4px solid var(--calm);padding:.7rem .9rem;border-radius:6px}
.intro,.empty{color:var(--soft)}
.empty{font-style:italic}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:1rem 1.1rem;margin:.8rem 0;
box-shadow:0 1px 3px rgba(60,40,20,.06)}
.facts{color:var(--soft);font-size:.9rem;margin:.1rem 0 .5rem}
.label{font-weight:600;color:var(--calm);margin-right:.3rem}
.bar{height:.5rem;background:var(--chip);border-radius:1rem;overflow:hidden;margin:.2rem 0 .7rem}
.bar span{display:block;height:100%;background:var(--calm);border-radius:1rem}
.why,.resource,.win{margin:.3rem 0}
ul{padding-left:1.2rem}
ul.steps,ul.plain,ul.signs{list-style:none;padding-left:0}
.steps li{margin:.15rem 0}
.steps .done{color:var(--soft)}
.mark{display:inline-block;width:1.2rem;color:var(--calm);font-weight:700}
.goal.dropped,.goal.paused{opacity:.75}
.columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.8rem}
.column{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:.2rem 1rem .6rem}
.column h3{font-size:1rem;color:var(--accent)}
.column li{margin:.5rem 0}
.notes{font-size:.9rem}
q{quotes:"“" "”" "‘" "’"}
ul.plain li{margin:.6rem 0}
.signs li{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem;margin:.55rem 0}
.sign{flex:1 1 14rem}
.chip{display:inline-block;min-width:1.7rem;text-align:center;border-radius:.9rem;padding:0 .45rem;
background:var(--chip);font-weight:600;margin-right:.2rem}
.chip.s4,.chip.s5{background:var(--calm);color:#fff}
.chip.s1,.chip.s2{background:var(--accent);color:#fff}
.trend{color:var(--soft);font-size:.9rem}
.tags{margin:.2rem 0 .4rem}
.tag{display:inline-block;background:var(--chip);border-radius:.8rem;padding:0 .55rem;font-size:.82rem;
margin:0 .25rem .25rem 0}
.entry h3{margin:.15rem 0 .35rem}
.body{margin-top:.3rem}
.body>:first-child{margin-top:0}.body>:last-child,.card>:last-child{margin-bottom:0}
.body pre{white-space:pre-wrap;background:var(--chip);padding:.6rem;border-radius:6px}
.body blockquote{margin:.5rem 0;padding-left:.8rem;border-left:3px solid var(--line);color:var(--soft)}
.alt{color:var(--soft);font-style:italic}
a{color:var(--calm)}
footer{margin-top:2.5rem;padding-top:1rem;border-top:2px solid var(--line);font-style:italic;color:var(--soft)}
@media print{:root{--bg:#fff;--card:#fff;--ink:#000;--soft:#444;--line:#bbb;font-size:12pt}
main{max-width:none;padding:0}.card,.column{box-shadow:none;break-inside:avoid}h2,h3{break-after:avoid}
a[href]::after{content:" (" attr(href) ")";font-size:.85em}}
"""
