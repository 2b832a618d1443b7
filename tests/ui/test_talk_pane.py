"""The Talk pane: concerns, the self-check, the agenda, talks and check-ins, driven by keys.

Every key is checked against the store (not only the screen), user text must render
literally, and the agenda and check-ins must look the same after quitting and reopening.
"""

from __future__ import annotations

import datetime as dt

from textual import events
from textual.widgets import Input, Select, Static

from careerjournal.db.store import Store
from careerjournal.guidance import BALANCE_SIGNS, DOS_AND_DONTS, SELF_CHECK_QUESTIONS, get_topic
from careerjournal.models import AgendaPoint, ConcernReason, LedgerColumn, LedgerStatus, Owner
from careerjournal.ui.panes.talk import TalkList, TalkPane
from careerjournal.ui.widgets.talk_rows import SIGN_SHORT, sparkline
from careerjournal.ui.screens.goal_forms import TextForm
from careerjournal.ui.screens.talk_forms import CheckInForm, ConcernForm, StartTalkForm
from tests.conftest import FROZEN_NOW
from tests.ui.conftest import settle

SIZE = (140, 40)
TODAY = FROZEN_NOW.date()
HOSTILE = ["[/]", "[bold]x[/bold]", "[@click=app.quit]x[/]", "<b>html</b> 🎉 \u05e9\u05dc\u05d5\u05dd"]
SCORES = {"heard": 4, "part_of_plan": 3, "no_winner": 2, "respected": 5}


def pane(app) -> TalkPane:  # type: ignore[no-untyped-def]
    return app.query_one(TalkPane)


def section(app, name: str) -> TalkList:  # type: ignore[no-untyped-def]
    return app.query_one(f"#talk-{name}", TalkList)


def lines(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


def shown(app, name: str) -> str:  # type: ignore[no-untyped-def]
    """Everything a section's list draws, joined (rows wrap, so compare with words in one line)."""
    option_list = section(app, name)
    option_list.scroll_home(animate=False)
    return "\n".join(lines(option_list))


def flat(text: str) -> str:
    return " ".join(text.split())


def notes(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [notification.message for notification in app._notifications]  # noqa: SLF001


def footer_keys(app) -> set[str]:  # type: ignore[no-untyped-def]
    return {key for key, active in app.screen.active_bindings.items()
            if active.binding.show and active.enabled and active.binding.id and active.binding.id.startswith("talk.")}


async def open_talk(pilot) -> TalkPane:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    return pane(pilot.app)


async def go_to(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(4):
        if pane(pilot.app).section == name:
            return
        await pilot.press("tab")
        await pilot.pause()
    assert pane(pilot.app).section == name


def send_at_once(app, keys: str) -> None:  # type: ignore[no-untyped-def]
    """Queue every key before the app handles the first, as a fast typist's (or a paste's) arrive."""
    for char in keys:
        key = {" ": "space", "\r": "enter"}.get(char, char)
        app.post_message(events.Key(key, None if key == "enter" else char))


async def save_form(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+s")
    await settle(pilot)


def fill_plans(store: Store) -> None:
    """Something for every source of the agenda, plus things it must leave out."""
    store.talk.add_concern(ConcernReason.SAFETY, "Night shifts scare me")
    done = store.talk.add_concern(ConcernReason.JEALOUS, "Already talked through")
    store.talk.update_concern(done.id, addressed=True)
    store.ledger.add("Travel two nights a week", LedgerColumn.COMPROMISE, status=LedgerStatus.DISCUSSED)
    store.ledger.add("Friday drinks", LedgerColumn.GIVE_UP, status=LedgerStatus.AGREED)
    store.goals.add("Lead a team", owner=Owner.ME)
    store.goals.add("Pottery course", owner=Owner.PARTNER)


# -- opening, layout and keys ------------------------------------------------------------------------


async def test_opens_on_concerns_with_every_section(store, make_app):  # type: ignore[no-untyped-def]
    store.talk.add_concern(ConcernReason.INCONVENIENCED, "The school runs would fall on me")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        talk = await open_talk(pilot)
        assert app.focused is section(app, "concerns")
        assert talk.section == "concerns"
        concerns = flat(shown(app, "concerns"))
        assert get_topic("why.inconvenienced").title in concerns
        assert "The school runs would fall on me" in concerns and "open" in concerns
        selfcheck = flat(shown(app, "selfcheck"))
        for _, question in SELF_CHECK_QUESTIONS:
            assert flat(question) in selfcheck
        assert "No points yet" in shown(app, "agenda")
        assert "No check-ins yet" in shown(app, "checkins")
        dos = "\n".join(lines(app.query_one("#talk-dos", Static)))
        for _, text in DOS_AND_DONTS:
            assert text in dos


async def test_tab_moves_between_the_four_sections_and_footer_follows(store, make_app):  # type: ignore[no-untyped-def]
    store.talk.add_concern(ConcernReason.SAFETY, "worry")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        talk = await open_talk(pilot)
        assert {"a", "e", "space", "d", "c"} <= footer_keys(app)
        assert not {"y", "n", "g", "p", "s"} & footer_keys(app)
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            await pilot.pause()
            seen.append(talk.section)
        assert seen == ["selfcheck", "agenda", "checkins", "concerns"]
        await pilot.press("shift+tab")
        await pilot.pause()
        assert talk.section == "checkins"
        assert footer_keys(app) == {"c"}
        await pilot.press("shift+tab")
        await pilot.pause()
        assert talk.section == "agenda"
        assert {"g", "p", "s", "c"} <= footer_keys(app)
        assert not {"a", "e", "space", "d", "u"} & footer_keys(app)  # no point yet, nothing to undo
        await go_to(pilot, "selfcheck")
        assert {"y", "n", "a", "c"} <= footer_keys(app)


async def test_j_and_k_move_in_a_list(store, make_app):  # type: ignore[no-untyped-def]
    for text in ("one", "two", "three"):
        store.talk.add_concern(ConcernReason.SAFETY, text)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_talk(pilot)
        concerns = section(app, "concerns")
        assert concerns.highlighted == 0
        await pilot.press("j", "j")
        assert concerns.highlighted == 2
        await pilot.press("k")
        assert concerns.highlighted == 1


async def test_readable_at_100_by_30(store, make_app):  # type: ignore[no-untyped-def]
    fill_plans(store)
    store.talk.add_checkin(TODAY, **SCORES)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_talk(pilot)
        await go_to(pilot, "agenda")
        await pilot.press("g")
        await settle(pilot)
        for name in ("concerns", "selfcheck", "agenda", "checkins"):
            box = app.query_one(f"#talk-{name}-box")
            assert box.region.height >= 5, name
            assert box.region.right <= 100 and box.region.bottom <= 29, name
        assert section(app, "agenda").region.height >= 3
        assert "Listen first" in "\n".join(lines(app.query_one("#talk-dos", Static)))


# -- concerns -----------------------------------------------------------------------------------------


async def test_add_concern_with_inline_validation(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_talk(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ConcernForm)
        await save_form(pilot)
        assert isinstance(app.screen, ConcernForm)  # still open, with one sentence
        assert "Write what you heard" in str(app.screen.query_one(".form-error", Static).render())
        reasons = app.screen.query_one("#concern-reason", Select)
        assert [value for _, value in reasons._options] == list(ConcernReason)  # noqa: SLF001
        reasons.value = ConcernReason.SAFETY
        heard = app.screen.query_one("#concern-heard", Input)
        heard.value = "x" * 2001  # too long for the store: refused inline, the text stays in the box
        await save_form(pilot)
        assert isinstance(app.screen, ConcernForm) and heard.value == "x" * 2001
        assert "2000 characters" in str(app.screen.query_one(".form-error", Static).render())
        heard.value = ""
        await pilot.press(*"nights")
        await save_form(pilot)
        assert not isinstance(app.screen, ConcernForm)
        [concern] = store.talk.concerns()
        assert concern.reason is ConcernReason.SAFETY and concern.heard == "nights"
        assert get_topic("why.safety").title in flat(shown(app, "concerns"))


async def test_edit_toggle_delete_and_undo(store, make_app):  # type: ignore[no-untyped-def]
    concern = store.talk.add_concern(ConcernReason.THREATENED, "Work comes first")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_talk(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ConcernForm)
        assert form.query_one("#concern-heard", Input).value == "Work comes first"
        form.query_one("#concern-heard", Input).value = "Work always comes first"
        form.query_one("#concern-reason", Select).value = ConcernReason.DISMISSIVE
        await save_form(pilot)
        edited = store.talk.get_concern(concern.id)
        assert edited.heard == "Work always comes first" and edited.reason is ConcernReason.DISMISSIVE

        await pilot.press("space")
        await settle(pilot)
        assert store.talk.get_concern(concern.id).addressed
        assert "addressed" in shown(app, "concerns")
        await pilot.press("space")
        await settle(pilot)
        assert not store.talk.get_concern(concern.id).addressed

        await pilot.press("d")
        await settle(pilot)
        assert store.talk.concerns() == []
        assert [c.id for c in store.talk.concerns(deleted=True)] == [concern.id]
        assert "Nothing noted yet" in shown(app, "concerns")
        assert "e" not in footer_keys(app) and "u" in footer_keys(app)
        await pilot.press("u")
        await settle(pilot)
        assert [c.id for c in store.talk.concerns()] == [concern.id]
        assert "Work always comes first" in flat(shown(app, "concerns"))
        assert "u" not in footer_keys(app)


# -- self-check ---------------------------------------------------------------------------------------


async def test_self_check_answers_move_down_and_a_yes_points_to_guidance(store, make_app, clock):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        talk = await open_talk(pilot)
        await go_to(pilot, "selfcheck")
        await pilot.press("y")
        await settle(pilot)
        assert section(app, "selfcheck").highlighted == 1
        await pilot.press("n")
        await settle(pilot)
        answers = store.talk.self_check()
        assert answers[SELF_CHECK_QUESTIONS[0][0]].answer is True
        assert answers[SELF_CHECK_QUESTIONS[1][0]].answer is False
        rows = flat(shown(app, "selfcheck"))
        assert "yes " + flat(SELF_CHECK_QUESTIONS[0][1]) in rows
        assert "no " + flat(SELF_CHECK_QUESTIONS[1][1]) in rows
        assert TODAY.strftime("%d %b") in rows
        note = flat(str(app.query_one("#talk-selfcheck-note", Static).render()))
        assert get_topic("why.threatened").title in note and "press a" in note.lower()
        assert any("press a to note a concern" in message for message in notes(app))

        await pilot.press("a")  # from the self-check, the reason is already chosen
        await settle(pilot)
        assert isinstance(app.screen, ConcernForm)
        assert app.screen.query_one("#concern-reason", Select).value is ConcernReason.THREATENED
        await pilot.press("escape")
        await settle(pilot)
        assert talk.section == "selfcheck"

        section(app, "selfcheck").highlighted = 0
        clock.advance(days=2)
        await pilot.press("n")
        await settle(pilot)
        latest = store.talk.self_check()[SELF_CHECK_QUESTIONS[0][0]]
        assert latest.answer is False and latest.answered_at == FROZEN_NOW + dt.timedelta(days=2)


# -- the agenda ---------------------------------------------------------------------------------------


async def test_agenda_keys_change_and_persist_it(store, make_app):  # type: ignore[no-untyped-def]
    fill_plans(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        talk = await open_talk(pilot)
        await go_to(pilot, "agenda")
        await pilot.press("g")
        await settle(pilot)
        expected = ["Their worry: Night shifts scare me", "Talk about: Travel two nights a week (compromise)",
                    "My goal: Lead a team"]
        assert [p.text for p in store.talk.agenda()] == expected
        assert [p.source for p in store.talk.agenda()] == ["concern", "ledger", "goal"]
        assert "Night shifts scare me" in flat(shown(app, "agenda"))

        await pilot.press("p")
        await settle(pilot)
        assert app.screen.query_one("#text-value", Input)
        app.screen.query_one("#text-value", Input).value = "Ask about her week"
        await save_form(pilot)
        assert store.talk.agenda()[-1] == AgendaPoint("Ask about her week", "mine")
        assert section(app, "agenda").highlighted == 3

        await pilot.press("K")
        await settle(pilot)
        assert [p.text for p in store.talk.agenda()][2:] == ["Ask about her week", "My goal: Lead a team"]
        await pilot.press("J")
        await settle(pilot)
        assert store.talk.agenda()[3].text == "Ask about her week"

        section(app, "agenda").highlighted = 0
        await pilot.pause()
        await pilot.press("space")
        await settle(pilot)
        assert store.talk.agenda()[0].done
        assert "☑" in shown(app, "agenda")

        await pilot.press("j", "d")
        await settle(pilot)
        assert [p.text for p in store.talk.agenda()] == [expected[0], expected[2], "Ask about her week"]
        await pilot.press("u")
        await settle(pilot)
        assert [p.text for p in store.talk.agenda()] == [*expected, "Ask about her week"]

        await pilot.press("g")  # gathering again adds nothing twice and keeps the tick
        await settle(pilot)
        assert len(store.talk.agenda()) == 4 and store.talk.agenda()[0].done
        assert "already has everything" in notes(app)[-1]
        assert talk.agenda == store.talk.agenda()


async def test_gather_merges_with_points_already_there(store, make_app):  # type: ignore[no-untyped-def]
    store.talk.save_agenda([AgendaPoint("My own first", "mine", True)])
    store.talk.add_concern(ConcernReason.SAFETY, "Nights")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_talk(pilot)
        assert "My own first" in shown(app, "agenda")
        await go_to(pilot, "agenda")
        await pilot.press("g")
        await settle(pilot)
        assert store.talk.agenda() == [AgendaPoint("My own first", "mine", True),
                                       AgendaPoint("Their worry: Nights", "concern")]


async def test_edit_point_and_refuse_a_duplicate(store, make_app):  # type: ignore[no-untyped-def]
    store.talk.save_agenda([AgendaPoint("First", "mine"), AgendaPoint("Second", "mine")])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_talk(pilot)
        await go_to(pilot, "agenda")
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#text-value", Input).value = "First, said kindly"
        await save_form(pilot)
        assert store.talk.agenda()[0] == AgendaPoint("First, said kindly", "mine")
        await pilot.press("p")
        await settle(pilot)
        app.screen.query_one("#text-value", Input).value = "  second "
        await save_form(pilot)
        assert len(store.talk.agenda()) == 2
        assert "already on the agenda" in notes(app)[-1]


async def test_start_talk_records_it_and_clears_the_agenda(store, make_app):  # type: ignore[no-untyped-def]
    points = [AgendaPoint("Nights", "concern", True), AgendaPoint("Mine", "mine")]
    store.talk.save_agenda(points)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_talk(pilot)
        await go_to(pilot, "agenda")
        await pilot.press("s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, StartTalkForm)
        day = form.query_one("#talk-day", Input)
        assert day.value == TODAY.isoformat()
        day.value = "the day after never"
        await save_form(pilot)
        assert isinstance(app.screen, StartTalkForm)
        assert "not a date" in str(form.query_one(".form-error", Static).render())
        day.value = "yesterday"
        form.query_one("#talk-notes", Input).value = "[b]kitchen[/b] table"
        await save_form(pilot)
        [talk] = store.talk.talks()
        assert talk.day == TODAY - dt.timedelta(days=1)
        assert talk.agenda == tuple(points) and talk.notes == "[b]kitchen[/b] table"
        assert store.talk.agenda() == []
        assert "No points yet" in shown(app, "agenda")
        assert "last talk" in str(app.query_one("#talk-checkins-box").border_subtitle)


# -- check-ins ----------------------------------------------------------------------------------------


async def test_checkin_form_validates_and_links_to_the_latest_talk(store, make_app):  # type: ignore[no-untyped-def]
    store.talk.start_talk(TODAY - dt.timedelta(days=9), [])
    latest = store.talk.start_talk(TODAY - dt.timedelta(days=2), [])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_talk(pilot)
        await pilot.press("c")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CheckInForm)
        for key, label in BALANCE_SIGNS:
            assert label in [str(w.render()) for w in form.query("Label")]
        form.query_one("#checkin-heard", Select).value = 4
        await save_form(pilot)
        assert isinstance(app.screen, CheckInForm)
        assert "We both feel part of the plan" in str(form.query_one(".form-error", Static).render())
        for key, score in SCORES.items():
            form.query_one(f"#checkin-{key}", Select).value = score
        form.query_one("#checkin-note", Input).value = "[@click=app.quit]x[/]"
        await save_form(pilot)
        [checkin] = store.talk.checkins()
        assert (checkin.heard, checkin.part_of_plan, checkin.no_winner, checkin.respected) == (4, 3, 2, 5)
        assert checkin.talk_id == latest.id and checkin.day == TODAY
        assert checkin.note == "[@click=app.quit]x[/]"
        rows = flat(shown(app, "checkins"))
        assert "[@click=app.quit]x[/]" in rows
        assert "gentle talk" in rows  # no_winner is 2
        assert app.is_running


async def test_checkin_can_be_typed_with_digits(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_talk(pilot)
        await go_to(pilot, "checkins")
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)
        assert app.screen.focused is app.screen.query_one("#checkin-heard", Select)
        await pilot.press("4", "3", "1", "5")
        assert app.screen.focused is app.screen.query_one("#checkin-note", Input)
        await pilot.press("o", "k")
        await save_form(pilot)
        [checkin] = store.talk.checkins()
        assert (checkin.heard, checkin.part_of_plan, checkin.no_winner, checkin.respected) == (4, 3, 1, 5)
        assert checkin.note == "ok" and checkin.talk_id is None
        assert sparkline([1]) in shown(app, "checkins")


async def test_enter_edits_a_concern(store, make_app):  # type: ignore[no-untyped-def]
    store.talk.add_concern(ConcernReason.SAFETY, "Nights")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_talk(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConcernForm)
        assert app.screen.query_one("#concern-heard", Input).value == "Nights"


async def test_sparkline_reflects_every_recorded_score(store, make_app, clock):  # type: ignore[no-untyped-def]
    history = [(1, 2, 3, 4), (3, 3, 3, 3), (5, 4, 1, 2)]
    for offset, scores in enumerate(history):
        store.talk.add_checkin(TODAY - dt.timedelta(days=10 - offset),
                               **dict(zip([key for key, _ in BALANCE_SIGNS], scores)))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_talk(pilot)
        rows = shown(app, "checkins").splitlines()
        for index, (key, label) in enumerate(BALANCE_SIGNS):
            scores = [row[index] for row in history]
            spark = sparkline(scores)
            assert spark == "".join("▁▂▃▅▇"[s - 1] for s in scores)
            name = label if any(label in line for line in rows) else SIGN_SHORT[key]  # short when narrow
            row = next(line for line in rows if name in line)
            assert spark in row and f"{scores[-1]}/5" in row
        low = [line for line in rows if "gentle talk" in line]
        assert len(low) == 2  # no_winner ends on 1 and respected on 2


# -- any text is safe ---------------------------------------------------------------------------------


async def test_hostile_text_renders_literally(store, make_app):  # type: ignore[no-untyped-def]
    for text in HOSTILE:
        store.talk.add_concern(ConcernReason.DISMISSIVE, text)
    store.talk.save_agenda([AgendaPoint(text, "mine") for text in HOSTILE])
    store.talk.add_checkin(TODAY, note="[bold]x[/bold] and [/]", **SCORES)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_talk(pilot)
        concerns, agenda = shown(app, "concerns"), shown(app, "agenda")
        for text in HOSTILE:
            assert text in concerns, text
            assert text in agenda, text
        assert "[bold]x[/bold] and [/]" in shown(app, "checkins")
        await pilot.press("e")  # the form shows the text as typed, too
        await settle(pilot)
        assert app.screen.query_one("#concern-heard", Input).value in HOSTILE
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running


# -- nothing lost ---------------------------------------------------------------------------------------


async def test_agenda_and_checkins_look_the_same_after_reopening(store, make_app):  # type: ignore[no-untyped-def]
    fill_plans(store)
    store.talk.add_checkin(TODAY - dt.timedelta(days=30), heard=2, part_of_plan=3, no_winner=4, respected=5)
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        await open_talk(pilot)
        await go_to(pilot, "agenda")
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("space", "J")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        for key, score in SCORES.items():
            first.screen.query_one(f"#checkin-{key}", Select).value = score
        await save_form(pilot)
        agenda_before, checkins_before = shown(first, "agenda"), shown(first, "checkins")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not first.is_running
    saved = store.talk.agenda()
    assert saved[1].done and saved[1].text == "Their worry: Night shifts scare me"

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await open_talk(pilot)
        assert pane(again).agenda == saved
        assert shown(again, "agenda") == agenda_before
        assert shown(again, "checkins") == checkins_before
        assert sparkline([2, 4]) in checkins_before


async def test_an_unsaved_agenda_change_is_flushed_before_exit(store, make_app):  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        talk = await open_talk(pilot)
        # As if the background save had not run yet when the terminal closed.
        talk.agenda = [AgendaPoint("Said at the last second", "mine")]
        talk._agenda_version += 1  # noqa: SLF001
        app.save_everything()
        assert store.talk.agenda() == [AgendaPoint("Said at the last second", "mine")]


# -- type-ahead: the keys after one that opens a form go into the form -----------------------------------


async def test_words_sent_with_a_form_key_land_in_the_form(store, make_app):  # type: ignore[no-untyped-def]
    store.talk.add_concern(ConcernReason.SAFETY, "Nights")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_talk(pilot)
        # a: the words (d deletes, e edits, space ticks...) go into "What did you hear?"
        send_at_once(app, "aEvenings and weekends")
        await settle(pilot)
        heard = app.screen.query_one("#concern-heard", Input)
        assert isinstance(app.screen, ConcernForm) and app.focused is heard
        assert heard.value == "Evenings and weekends"
        await pilot.press("space", "a", "e", "c")  # letters in the form, not new forms
        assert heard.value == "Evenings and weekends aec" and len(app.screen_stack) == 2
        await save_form(pilot)
        # enter edits the highlighted concern: the "d" after it used to delete it
        await pilot.press("k")
        send_at_once(app, "\rdad drives")
        await settle(pilot)
        assert app.screen.query_one("#concern-heard", Input).value == "dad drives"
        await save_form(pilot)
        assert sorted(c.heard for c in store.talk.concerns()) == ["Evenings and weekends aec", "dad drives"]
        assert store.talk.concerns(deleted=True) == []

        # p in the agenda
        await go_to(pilot, "agenda")
        send_at_once(app, "pAsk about Leeds")
        await settle(pilot)
        assert isinstance(app.screen, TextForm)
        assert app.screen.query_one("#text-value", Input).value == "Ask about Leeds"
        await save_form(pilot)
        assert [point.text for point in pane(app).agenda] == ["Ask about Leeds"]

        # c, four scores and a note, all in one go: each digit moves on before the next is read
        send_at_once(app, "c4315ok and 2 more")
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)
        assert app.screen.query_one("#checkin-note", Input).value == "ok and 2 more"
        await save_form(pilot)
        [checkin] = store.talk.checkins()
        assert (checkin.heard, checkin.part_of_plan, checkin.no_winner, checkin.respected) == (4, 3, 1, 5)
        assert checkin.note == "ok and 2 more"
