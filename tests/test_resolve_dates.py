"""Tests for conflictcoder.resolve.dates on short sentences written for these tests."""
from __future__ import annotations

import sys
from datetime import date

import pytest

from conflictcoder.records import ResolvedDate
from conflictcoder.resolve.dates import find_dates, find_publication_date, resolve_date

TUESDAY = date(2019, 3, 12)  # a Tuesday
SUNDAY = date(2019, 3, 17)


def only(text: str, anchor: date | None) -> ResolvedDate:
    """The single date found in `text`; fails if there is not exactly one."""
    found = find_dates(text, anchor)
    assert len(found) == 1, found
    return found[0]


def d(iso: str) -> date:
    return date.fromisoformat(iso)


# --------------------------------------------------------------------------- weekdays


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"),
    [
        ("Rebels shelled the town Tuesday.", "Tuesday", "2019-03-12"),  # the anchor day itself
        ("Rebels shelled the town on Tuesday.", "Tuesday", "2019-03-12"),
        ("Rebels shelled the town on Monday.", "Monday", "2019-03-11"),
        ("The convoy was hit late Monday.", "late Monday", "2019-03-11"),
        ("The convoy was hit early Tuesday.", "early Tuesday", "2019-03-12"),
        ("The convoy was hit Monday night.", "Monday night", "2019-03-11"),
        ("Gunmen struck late on Saturday near the river.", "late on Saturday", "2019-03-09"),
        ("Gunmen struck Saturday evening.", "Saturday evening", "2019-03-09"),
        ("Gunmen struck on Wednesday.", "Wednesday", "2019-03-06"),  # six days back, not tomorrow
        ("Gunmen struck last Tuesday.", "last Tuesday", "2019-03-05"),
        ("Talks resume next Friday.", "next Friday", "2019-03-15"),
    ],
)
def test_weekdays_lean_past_and_include_the_anchor(sentence, expression, expected):
    found = only(sentence, TUESDAY)
    assert found.text == expression
    assert sentence[found.start_char:found.end_char] == expression
    assert (found.best, found.start, found.end, found.precision) == (d(expected), d(expected), d(expected), 1)


def test_weekday_names_that_are_not_dates():
    assert find_dates("Shops close early every Friday.", TUESDAY) == []
    assert find_dates("The Sunday Times reported the clash.", TUESDAY) == []
    assert find_dates("Markets are held on Mondays.", TUESDAY) == []
    assert find_dates("They marked Good Friday quietly.", TUESDAY) == []


def test_weekday_with_a_full_date_is_one_expression():
    found = only("Police said on Tuesday, Nov. 29, 2011 that two men died.", TUESDAY)
    assert found.text == "Tuesday, Nov. 29, 2011"
    assert found.best == d("2011-11-29")


def test_a_day_written_out_beats_a_longer_weekday_phrase_it_overlaps():
    # "the night of Monday" would leave "June 2023" a month
    found = find_dates("On the night of Monday 12 June 2023, gunmen attacked the post.", d("2023-06-14"))
    assert [(f.best, f.precision) for f in found] == [(d("2023-06-12"), 1)]


# --------------------------------------------------------------------------- relative words


@pytest.mark.parametrize(
    ("sentence", "best", "start", "end", "precision"),
    [
        ("Two soldiers died today.", "2019-03-12", "2019-03-12", "2019-03-12", 1),
        ("Two soldiers died yesterday.", "2019-03-11", "2019-03-11", "2019-03-11", 1),
        # The night that ended on the anchor day: it began the evening before.
        ("Two soldiers died overnight.", "2019-03-11", "2019-03-11", "2019-03-12", 1),
        ("Two soldiers died last night.", "2019-03-11", "2019-03-11", "2019-03-12", 1),
        # A roundup of the day up to the report is dated the report's day.
        ("Troops killed nine fighters over the past 24 hours.", "2019-03-12", "2019-03-11", "2019-03-12", 1),
        ("Nine fighters died in the last twenty-four hours.", "2019-03-12", "2019-03-11", "2019-03-12", 1),
        ("Two soldiers died the previous day.", "2019-03-11", "2019-03-11", "2019-03-11", 1),
        # A few nights up to the report: the first began that many days back.
        ("Troops detained six men over the past two nights.", "2019-03-11", "2019-03-10", "2019-03-12", 2),
        ("Police held 40 people in the last three days.", "2019-03-11", "2019-03-10", "2019-03-12", 2),
        ("Two soldiers died a day earlier.", "2019-03-11", "2019-03-11", "2019-03-11", 1),
        ("Two soldiers died two days ago.", "2019-03-10", "2019-03-10", "2019-03-10", 1),
        ("A week ago two soldiers died.", "2019-03-05", "2019-03-03", "2019-03-07", 2),
        # Calendar week Monday-Sunday before the anchor's; best is its midpoint (Thursday).
        ("Two soldiers died last week.", "2019-03-07", "2019-03-04", "2019-03-10", 2),
        ("Two soldiers died earlier this week.", "2019-03-11", "2019-03-11", "2019-03-11", 2),
        ("Two soldiers died this week.", "2019-03-11", "2019-03-11", "2019-03-12", 2),
        # Weekend: best is the Saturday.
        ("Two soldiers died last weekend.", "2019-03-09", "2019-03-09", "2019-03-10", 2),
        ("Two soldiers died over the weekend.", "2019-03-09", "2019-03-09", "2019-03-10", 2),
        ("A rally is planned this weekend.", "2019-03-16", "2019-03-16", "2019-03-17", 2),
        ("Two soldiers died earlier this month.", "2019-03-06", "2019-03-01", "2019-03-11", 3),
        ("Two soldiers died this month.", "2019-03-06", "2019-03-01", "2019-03-12", 3),
        ("Two soldiers died last month.", "2019-02-14", "2019-02-01", "2019-02-28", 3),
        ("Two soldiers died late last month.", "2019-02-24", "2019-02-21", "2019-02-28", 3),
        ("Two soldiers died earlier this year.", "2019-02-04", "2019-01-01", "2019-03-11", 3),
        ("Two soldiers died last year.", "2018-07-02", "2018-01-01", "2018-12-31", 3),
    ],
)
def test_relative_expressions(sentence, best, start, end, precision):
    found = only(sentence, TUESDAY)
    assert (found.best, found.start, found.end, found.precision) == (d(best), d(start), d(end), precision)


def test_weekend_seen_from_a_sunday():
    assert only("Clashes broke out over the weekend.", SUNDAY).start == d("2019-03-16")
    assert only("Clashes broke out last weekend.", SUNDAY).start == d("2019-03-09")


def test_chained_expressions_count_from_the_previous_date_in_the_text():
    found = find_dates("Gunmen struck on 3 March and police arrived the next day.", TUESDAY)
    assert [r.best for r in found] == [d("2019-03-03"), d("2019-03-04")]
    found = find_dates("Gunmen struck on 3 March; two days later the army moved in.", TUESDAY)
    assert found[1].best == d("2019-03-05")


def test_chained_expressions_count_from_a_day_given_before_this_sentence():
    # read sentence by sentence: "that day" refers to the last day of the sentences before
    found = only("Later that day the rebels withdrew to the hills.", TUESDAY)
    assert found.best == TUESDAY
    found = find_dates("Later that day the rebels withdrew to the hills.", TUESDAY, last_day=d("2019-03-10"))
    assert [r.best for r in found] == [d("2019-03-10")]
    found = find_dates("The next day the bridge reopened.", TUESDAY, last_day=d("2019-03-10"))
    assert [r.best for r in found] == [d("2019-03-11")]


def test_day_after_an_event_is_not_counted_from_the_anchor():
    assert find_dates("A day after troops left, the market reopened.", TUESDAY) == []


def test_vague_counts_give_ranges():
    found = only("Three people were seized a few days ago.", TUESDAY)
    assert found.precision == 2
    assert found.start < found.best < found.end < TUESDAY


# --------------------------------------------------------------------------- months and years


@pytest.mark.parametrize(
    ("sentence", "expression", "best", "start", "end"),
    [
        ("Fighting resumed in mid-October.", "mid-October", "2018-10-15", "2018-10-11", "2018-10-20"),
        ("Fighting resumed in late August.", "late August", "2018-08-26", "2018-08-21", "2018-08-31"),
        ("Fighting resumed in early May.", "early May", "2018-05-05", "2018-05-01", "2018-05-10"),
        # The most recent May not after the anchor; a month's best day is its midpoint.
        ("Fighting resumed in May.", "May", "2018-05-16", "2018-05-01", "2018-05-31"),
        ("Fighting resumed in February.", "February", "2019-02-14", "2019-02-01", "2019-02-28"),
        # The anchor's own month stops at the anchor.
        ("Fighting resumed in March.", "March", "2019-03-06", "2019-03-01", "2019-03-12"),
        ("Fighting resumed in August 1999.", "August 1999", "1999-08-16", "1999-08-01", "1999-08-31"),
        ("Fighting resumed in 2010.", "2010", "2010-07-02", "2010-01-01", "2010-12-31"),
        ("The group has been active since 2005.", "2005", "2005-07-02", "2005-01-01", "2005-12-31"),
        ("Fighting resumed in early 2011.", "early 2011", "2011-03-01", "2011-01-01", "2011-04-30"),
    ],
)
def test_months_and_years(sentence, expression, best, start, end):
    found = only(sentence, TUESDAY)
    assert found.text == expression
    assert (found.best, found.start, found.end, found.precision) == (d(best), d(start), d(end), 3)


def test_year_range_is_one_expression():
    found = only("The group was active in 1999-2000 in the valley.", TUESDAY)
    assert (found.start, found.end, found.precision) == (d("1999-01-01"), d("2000-12-31"), 3)


@pytest.mark.parametrize(
    "sentence",
    [
        "The rebels may attack again.",
        "He said the army may withdraw.",
        "Thousands joined a protest march through the capital.",
        "They will march on the palace.",
        "The 1997 truce between the two clans still holds.",
        "Police said the blast happened at 6:08 AM.",
        "A 34-year-old man opened fire.",
        "Gunmen killed 10 militants and 2010 people fled.",
        "THE GUERRILLAS MAY ATTACK THE CAPITAL.",
        "THIS MAY BE THE LARGEST MARCH SO FAR.",
    ],
)
def test_non_dates(sentence):
    assert find_dates(sentence, TUESDAY) == []


def test_count_after_a_date_is_not_a_two_digit_year():
    found = only("On 3 May 20 people died in the clashes.", TUESDAY)
    assert (found.text, found.best) == ("3 May", d("2018-05-03"))


def test_full_stop_after_a_month_is_not_part_of_it():
    found = only("The town fell in June.", TUESDAY)
    assert found.text == "June"


# --------------------------------------------------------------------------- day and month


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"),
    [
        ("Four men died on November 29 in the city.", "November 29", "2018-11-29"),
        ("Four men were killed November 29.", "November 29", "2018-11-29"),
        ("Four men were killed on 29 November.", "29 November", "2018-11-29"),
        ("Four men were killed on Oct. 25 in the city.", "Oct. 25", "2018-10-25"),
        ("Four men were killed Aug 23 in the city.", "Aug 23", "2018-08-23"),
        ("Four men were killed on October 31.", "October 31", "2018-10-31"),
        ("Four men were killed on March 10.", "March 10", "2019-03-10"),
        ("Four men were killed on March 12.", "March 12", "2019-03-12"),  # the anchor day
        ("Four men were killed on March 14.", "March 14", "2018-03-14"),  # no future slack
        ("Four men were killed on the 5th of March.", "the 5th of March", "2019-03-05"),
    ],
)
def test_day_month_takes_the_most_recent_year(sentence, expression, expected):
    found = only(sentence, TUESDAY)
    assert found.text == expression
    assert (found.best, found.precision) == (d(expected), 1)


def test_year_inference_across_new_year():
    found = only("The attack took place on December 30.", date(2011, 1, 3))
    assert found.best == d("2010-12-30")
    assert only("The attack took place on January 2.", date(2011, 1, 3)).best == d("2011-01-02")


def test_leap_day_without_a_year():
    assert only("It happened on February 29.", TUESDAY).best == d("2016-02-29")


@pytest.mark.parametrize(
    ("sentence", "start", "end", "best", "precision"),
    [
        ("Leaders met in Nairobi on October 25-26.", "2018-10-25", "2018-10-26", "2018-10-25", 2),
        ("Leaders met in Moscow on 22-23 August.", "2018-08-22", "2018-08-23", "2018-08-22", 2),
        ("Raids took place between August 1-20.", "2018-08-01", "2018-08-20", "2018-08-10", 3),
    ],
)
def test_day_ranges(sentence, start, end, best, precision):
    found = only(sentence, TUESDAY)
    assert (found.start, found.end, found.best, found.precision) == (d(start), d(end), d(best), precision)


def test_year_less_dates_need_an_anchor():
    assert find_dates("Four men died on November 29.", None) == []
    assert find_dates("Four men were killed on Tuesday.", None) == []
    assert only("Four men were killed on July 16, 2015.", None).best == d("2015-07-16")


# --------------------------------------------------------------------------- absolute dates


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"),
    [
        ("The bombing of July 16, 2015 killed nine.", "July 16, 2015", "2015-07-16"),
        ("The bombing of 16 July 2015 killed nine.", "16 July 2015", "2015-07-16"),
        ("The bombing of Dec 04, 2011 killed nine.", "Dec 04, 2011", "2011-12-04"),
        ("The bombing of 2015-07-16 killed nine.", "2015-07-16", "2015-07-16"),
        ("The bombing of 07/27/2016 killed nine.", "07/27/2016", "2016-07-27"),
        ("The bombing of 27/07/2016 killed nine.", "27/07/2016", "2016-07-27"),  # day first when forced
        ("The bombing of July 16th 2015 killed nine.", "July 16th 2015", "2015-07-16"),
    ],
)
def test_absolute_dates(sentence, expression, expected):
    found = only(sentence, TUESDAY)
    assert found.text == expression
    assert sentence[found.start_char:found.end_char] == expression
    assert (found.best, found.start, found.end, found.precision) == (d(expected),) * 3 + (1,)


# --------------------------------------------------------------------------- upper and lower case


def test_upper_case_wire_text():
    text = "ON 12 JAN 90 GUERRILLAS ATTACKED A POST. THE ARMY SAID TODAY THAT 2 DAYS AGO IT LOST 3 MEN."
    found = find_dates(text, date(1990, 1, 20))
    assert [(r.text, r.best) for r in found] == [
        ("12 JAN 90", d("1990-01-12")),
        ("TODAY", d("1990-01-20")),
        ("2 DAYS AGO", d("1990-01-18")),
    ]


def test_upper_case_month_after_preposition():
    found = only("THE OFFENSIVE BEGAN IN MARCH.", date(1990, 5, 2))
    assert (found.start, found.end) == (d("1990-03-01"), d("1990-03-31"))


def test_lower_case_text():
    found = find_dates("the army denied today that rebels attacked the farm on 3 february.", date(1990, 2, 4))
    assert [r.best for r in found] == [d("1990-02-04"), d("1990-02-03")]
    assert only("the army said the offensive began in march.", date(1990, 5, 2)).start == d("1990-03-01")


def test_lower_case_may_in_mixed_case_text_is_a_verb():
    assert find_dates("Officials said fighting in may continue.", TUESDAY) == []


# --------------------------------------------------------------------------- resolve_date


def test_resolve_date_single_expressions():
    assert resolve_date("last weekend", TUESDAY).start == d("2019-03-09")
    assert resolve_date("Oct. 25", TUESDAY).best == d("2018-10-25")
    assert resolve_date("12 JAN 90", TUESDAY).best == d("1990-01-12")
    assert resolve_date("in May", TUESDAY).precision == 3
    assert resolve_date("he may attack", TUESDAY) is None


def test_resolve_date_falls_back_to_dateparser_for_odd_absolute_forms():
    found = resolve_date("2015/07/16", TUESDAY)
    assert (found.best, found.precision, found.text) == (d("2015-07-16"), 1, "2015/07/16")


def test_offsets_point_into_the_text():
    text = "Late on Saturday, 14 people were killed; on 2 March a bomb went off."
    for found in find_dates(text, TUESDAY):
        assert text[found.start_char:found.end_char] == found.text
    assert [r.text for r in find_dates(text, TUESDAY)] == ["Late on Saturday", "2 March"]


def test_import_does_not_load_dateparser():
    import importlib.util
    import subprocess

    code = "import sys, conflictcoder.resolve.dates; print('dateparser' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env_with_src())
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
    assert importlib.util.find_spec("dateparser") is not None


def _env_with_src() -> dict:
    import os
    from pathlib import Path

    import conflictcoder.records

    env = dict(os.environ)
    src = str(Path(conflictcoder.records.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    return env


# --------------------------------------------------------------------------- publication dates


@pytest.mark.parametrize(
    ("text", "expected", "label"),
    [
        ("Clashes in the north\nNews Desk Posted: Mar 05, 2012 7:15 PM\nTwo soldiers died.", "2012-03-05", "posted"),
        ("Published: 16 July 2015\nTwo soldiers died.", "2015-07-16", "posted"),
        ("Published on 16 July 2015\nTwo soldiers died.", "2015-07-16", "posted"),
        ("GAO, Mali (March 3, 2013)\nTwo soldiers died in an ambush.", "2013-03-03", "dateline"),
        ("   QUITO, 20 AUG 88 (EFE) -- [TEXT] TWO SOLDIERS DIED.", "1988-08-20", "dateline"),
        ("   LA PAZ, 3 JAN 90 -- [REPORT] TWO SOLDIERS DIED.", "1990-01-03", "dateline"),
        ("   LA PAZ (BOLIVIA), 3 JAN 90 -- [REPORT] TWO SOLDIERS DIED.", "1990-01-03", "dateline"),
        ("Regional Command Update, Feb. 7, 2012\nTwo soldiers died today.", "2012-02-07", "header"),
    ],
)
def test_publication_date_from_the_head(text, expected, label):
    assert find_publication_date(text) == (d(expected), label)


def test_publication_date_prefers_anything_to_an_update_stamp():
    text = "Menu\nLast Updated: 07/27/2016\nTwo Die In Raid\nGAO, Mali (March 3, 2013)\nTwo soldiers died."
    assert find_publication_date(text) == (d("2013-03-03"), "dateline")


def test_lone_update_stamp_is_a_weak_fallback():
    text = "Menu\nLast Updated: 07/27/2016\nTwo Die In Raid\nGAO, Mali -- Two soldiers died on Tuesday."
    assert find_publication_date(text) == (d("2016-07-27"), "updated")


def test_publication_date_ignores_body_dates_and_copyright():
    text = "Two Die In Raid\nSince July 1, 2024, we have changed our site.\nHostages were released on May 5, 2011 near the border.\nCopyright (c) 2003-2019 Example News"
    assert find_publication_date(text) is None


def test_year_less_dateline_takes_a_year_from_the_head():
    text = "Release No. 2012/114\nMinistry of Interior\nDODOMA, Tanzania (June 14) - Two soldiers died today."
    assert find_publication_date(text) == (d("2012-06-14"), "dateline_inferred_year")


def test_datelines_are_only_read_from_the_head():
    text = "x" * 2000 + "\nGAO, Mali (March 3, 2013)\nTwo soldiers died."
    assert find_publication_date(text) is None


@pytest.mark.parametrize(("text", "expression", "reports"), [
    ("Officials confirmed yesterday that a commander had died.", "yesterday", True),
    ("The ministry, today, confirmed the arrest of two men.", "today", True),
    ("Police said on Tuesday that two men died.", "Tuesday", True),
    ("Two men died on Tuesday, police said.", "Tuesday", False),
    ("Gunmen killed two men yesterday.", "yesterday", False),
])
def test_a_day_beside_a_reporting_verb_dates_the_report(text, expression, reports):
    from conflictcoder.resolve.assign import dates_the_report

    (found,) = [r for r in find_dates(text, TUESDAY) if r.text == expression]
    assert dates_the_report(text, found) is reports


def test_a_day_that_dates_only_the_report_gives_the_event_a_weeks_precision():
    """'officials said on Wednesday': the report's day, not the event's; the event happened
    then or in the days before."""
    from conflictcoder.pipeline import code_documents
    from conflictcoder.records import Document

    (result,) = code_documents([Document(doc_id="d", published=date(2024, 3, 20), text=(
        "Gunmen killed four police officers at a checkpoint in Maiduguri, officials said on Wednesday."))])
    assert [(e.event_date, e.time_precision) for e in result.events] == [(date(2024, 3, 20), 2)]
    (result,) = code_documents([Document(doc_id="d", published=date(2024, 3, 20), text=(
        "Gunmen killed four police officers at a checkpoint in Maiduguri on Monday, officials said on Wednesday."))])
    assert [(e.event_date, e.time_precision) for e in result.events] == [(date(2024, 3, 18), 1)]
