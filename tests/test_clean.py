"""Tests for conflictcoder.clean on texts and pages written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from conflictcoder import errors
from conflictcoder.clean import clean_document, find_boilerplate, normalise_text
from conflictcoder.records import Document

# --------------------------------------------------------------------------- normalise_text


def test_clean_normalise_non_breaking_and_thin_spaces():
    assert normalise_text("five\u00a0soldiers and 1\u202f200 people\u2009fled") == "five soldiers and 1 200 people fled"


def test_clean_normalise_curly_quotes():
    text = "\u201cWe will not leave,\u201d the soldiers\u2019 commander said of \u2018the valley\u2019."
    assert normalise_text(text) == '"We will not leave," the soldiers\' commander said of \'the valley\'.'


def test_clean_normalise_a_figure_repeated_in_digits_is_read_once():
    assert normalise_text("three (3) soldiers killed and twenty-one (21) wounded") == \
        "three soldiers killed and twenty-one wounded"
    assert normalise_text("under article (2) of the law, (3) men") == "under article (2) of the law, (3) men"


def test_clean_normalise_glued_em_dash_splits_words():
    assert normalise_text("the convoy\u2014three trucks\u2014was hit") == "the convoy - three trucks - was hit"
    assert normalise_text("pages 10\u201312 of the report") == "pages 10 - 12 of the report"
    # spaced dashes do not leave double spaces
    assert normalise_text("rebels \u2014 who had fled \u2014 returned") == "rebels - who had fled - returned"


def test_clean_normalise_markdown_links_keep_their_text():
    text = "See [the army's statement](https://example.org/statement?id=4) and <https://example.org/map>."
    assert normalise_text(text) == "See the army's statement and https://example.org/map."


def test_clean_normalise_invisible_characters_and_line_ends():
    assert normalise_text("mili\u00adtants\u200b attacked\r\nthe base\rat dawn") == "militants attacked\nthe base\nat dawn"


def test_clean_normalise_leaves_plain_ascii_alone():
    text = "Gunmen killed 5 people in the market on Tuesday, police said.\nNo group claimed it."
    assert normalise_text(text) == text


# --------------------------------------------------------------------------- find_boilerplate

ARTICLE_SENTENCES = [
    "Gunmen killed five soldiers in an ambush near the town on Tuesday, officials said.",
    "The attack came a week after the army launched an offensive against the group in the region.",
    "Residents said they heard explosions for more than an hour before the fighting stopped.",
    "The government has deployed additional troops to protect the main road to the capital.",
    "Police arrested twelve people after protesters set fire to tyres outside the governor's office.",
    "The militants, who arrived on motorcycles, burned three houses and stole cattle, villagers said.",
]


def marked(text: str) -> dict[str, str]:
    """Each boilerplate span's text -> its label."""
    return {s.text: s.label for s in find_boilerplate(text)}


def labels_for(line: str, before: str = ARTICLE_SENTENCES[0]) -> list[str]:
    """Labels of spans covering `line` when it sits after an ordinary article sentence."""
    text = before + "\n" + line + "\n" + ARTICLE_SENTENCES[1]
    start = text.index(line)
    return [s.label for s in find_boilerplate(text) if s.start <= start and start + len(line) <= s.end]


@pytest.mark.parametrize("line", [
    "Sign up for our weekly newsletter to receive the best stories in your inbox.",
    "Please donate today: your support keeps our reporting independent.",
    "Our journalism depends on readers like you. Make a donation to support independent reporting.",
    "Get the latest updates on the conflict delivered straight to you.",
])
def test_clean_boilerplate_marks_appeals(line):
    assert labels_for(line) == ["furniture"]


def test_clean_boilerplate_marks_last_updated_line():
    assert labels_for("Last Updated: 07/27/2016") == ["metadata"]


@pytest.mark.parametrize("line", ["By Amina Yusuf", "By John Paul Okafor"])
def test_clean_boilerplate_marks_byline(line):
    # "By <Name>" is web furniture whatever the length of the name (label: byline or furniture)
    found = labels_for(line)
    assert len(found) == 1 and found[0] in ("byline", "furniture")


def test_clean_boilerplate_marks_author_bio():
    bio = "Amina Yusuf is a freelance journalist based in Nairobi who covers security in East Africa."
    assert labels_for(bio) == ["byline"]


def test_clean_boilerplate_marks_photo_caption():
    assert labels_for("A soldier stands guard near the border, Somalia.") == ["caption"]


def test_clean_boilerplate_dateline_covers_only_the_dateline():
    text = ("KABUL, Afghanistan (Reuters) - A roadside bomb killed four police officers on Monday, "
            "officials said.\n" + ARTICLE_SENTENCES[1])
    spans = find_boilerplate(text)
    assert len(spans) == 1
    [span] = spans
    assert span.label == "dateline"
    assert span.start == 0
    assert text[span.start:span.end] == span.text
    assert span.text.startswith("KABUL, Afghanistan (Reuters)")
    # the news after the dash is article text
    assert "roadside bomb" not in span.text
    assert text[span.end:].startswith("A roadside bomb")


def test_clean_boilerplate_dateline_without_agency():
    text = "MOGADISHU, Somalia - Militants stormed a hotel in the capital on Sunday, police said."
    [span] = find_boilerplate(text)
    assert span.label == "dateline"
    assert span.text.rstrip(" -") == "MOGADISHU, Somalia"


def test_clean_boilerplate_leaves_ordinary_sentences_alone():
    text = "\n".join(ARTICLE_SENTENCES)
    assert find_boilerplate(text) == []


def test_clean_boilerplate_leaves_a_sentence_with_a_caption_verb_alone():
    # "standing" and a place at the end, but it reports: article text, not a caption
    line = "Troops standing at the checkpoint opened fire on the crowd, police said in Mogadishu, Somalia."
    assert labels_for(line) == []


def test_clean_boilerplate_spans_index_the_text():
    lines = [ARTICLE_SENTENCES[0], "Sign up for our newsletter.", ARTICLE_SENTENCES[2], "Last Updated: 07/27/2016"]
    text = "\n".join(lines)
    spans = find_boilerplate(text)
    assert [text[s.start:s.end] for s in spans] == [lines[1], lines[3]]
    assert all(s.text == text[s.start:s.end] for s in spans)


# --------------------------------------------------------------------------- clean_document

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Militants attack border post - The Daily Ledger</title></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<div class="ad-banner">Advertisement: Buy cheap flights now! Click here for deals.</div>
<main><article>
<h1>Militants attack border post</h1>
<p>Militants attacked a police post near the northern border late on Saturday, killing four officers
and wounding two others, the provincial governor said.</p>
<p>The attackers arrived in two pickup trucks and opened fire on the post before setting a patrol
vehicle alight, according to a police spokesman who spoke on condition of anonymity.</p>
<p>No group has said it carried out the assault, the third on security forces in the province
this month.</p>
<p>Local elders called on the government to send more troops to protect villages along the frontier road.</p>
</article></main>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Celebrity chef opens new restaurant</a></li>
<li><a href="/b">Ten tips for summer gardens</a></li></ul></aside>
<footer><p>{footer}</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def page(footer: str = "Contact the newsroom.", head_extra: str = "") -> str:
    return HTML_PAGE.replace("{footer}", footer).replace("<title>", head_extra + "<title>")


def test_clean_document_html_extracts_article_body():
    doc = Document(doc_id="border", html=page())
    clean = clean_document(doc)
    assert "Militants attacked a police post near the northern border" in clean.text
    assert "opened fire on the post" in clean.text
    assert "frontier road" in clean.text
    for junk in ("cheap flights", "Celebrity chef", "Ten tips", "Privacy policy", "Sport"):
        assert junk not in clean.text
    assert doc.title and "Militants attack border post" in doc.title
    assert clean.doc is doc


def test_clean_document_html_meta_date_is_used():
    head = '<meta property="article:published_time" content="2021-06-12T08:00:00Z">'
    clean = clean_document(Document(doc_id="border", html=page(head_extra=head)))
    assert (clean.published, clean.published_from) == (date(2021, 6, 12), "html")


def test_clean_document_html_copyright_year_is_not_a_publication_date():
    # the page says nothing about when it was published; a footer copyright year is not that
    clean = clean_document(Document(doc_id="border", html=page("Copyright 2021 The Daily Ledger. All rights reserved.")))
    assert clean.published is None, (clean.published, clean.published_from)


def test_clean_document_meta_date_wins():
    doc = Document(doc_id="x", text="Posted: Dec 04, 2011\n" + ARTICLE_SENTENCES[0], published=date(2011, 12, 5))
    clean = clean_document(doc)
    assert (clean.published, clean.published_from) == (date(2011, 12, 5), "meta")


def test_clean_document_posted_stamp_gives_publication_date():
    doc = Document(doc_id="x", text="Posted: Dec 04, 2011\n" + "\n".join(ARTICLE_SENTENCES[:3]))
    clean = clean_document(doc)
    assert clean.published == date(2011, 12, 4)
    assert clean.published_from.startswith("text")


def test_clean_document_lone_last_updated_is_not_taken():
    doc = Document(doc_id="x", text="Last Updated: 07/27/2016\n" + "\n".join(ARTICLE_SENTENCES[:3]))
    clean = clean_document(doc)
    assert clean.published is None
    assert clean.published_from == ""
    # but the stamp is still marked as furniture
    assert any(b.label == "metadata" and b.start == 0 for b in clean.boilerplate)


def test_clean_document_text_is_normalised_and_boilerplate_found():
    doc = Document(doc_id="x", text="Troops\u00a0clashed with rebels\u2014officials said.\nSign up for our newsletter.")
    clean = clean_document(doc)
    assert clean.text == "Troops clashed with rebels - officials said.\nSign up for our newsletter."
    [span] = clean.boilerplate
    assert clean.is_boilerplate(span.start, span.end)
    assert not clean.is_boilerplate(0, 10)


def test_clean_document_whitespace_only_is_empty_input():
    with pytest.raises(errors.EmptyInput):
        clean_document(Document(doc_id="x", text=" \u00a0\u200b\n "))


def test_clean_document_html_without_article_is_broken_html():
    with pytest.raises(errors.BrokenHTML):
        clean_document(Document(doc_id="x", html="<html><head><title>x</title></head><body><div> </div></body></html>"))


def test_datelines_of_other_presses_are_found():
    from conflictcoder.clean import find_boilerplate

    for text, dateline in [("Maputo, 24 Nov 2022 (Lusa) - Insurgents attacked a patrol.", "Maputo, 24 Nov 2022 (Lusa) - "),
                           ("NAIROBI, Sept. 10, 2020 - Four officers were killed.", "NAIROBI, Sept. 10, 2020 - "),
                           ("RAIPUR: Six jawans were killed.", "RAIPUR: "),
                           # a news agency's name in brackets ends the dateline, dash or not
                           ("Kohima, Sept 12 (UNI) Three cadres were held.", "Kohima, Sept 12 (UNI) "),
                           ("Agartala, 4 May (IANS): A bomb went off.", "Agartala, 4 May (IANS): "),
                           # filed from two places at once
                           ("GOMA/KINSHASA, March 3 (AFP) - Rebels shelled a camp.", "GOMA/KINSHASA, March 3 (AFP) - "),
                           ("ADEN/SANAA (Reuters) - Jets struck a port.", "ADEN/SANAA (Reuters) - "),
                           # a place written with its accents
                           ("LOMÉ (AFP) - Police fired tear gas.", "LOMÉ (AFP) - ")]:
        assert [(b.label, b.text) for b in find_boilerplate(text)] == [("dateline", dateline)]
    # a sentence's first words are no dateline without a day, nor a heading without a capital after it
    assert find_boilerplate("Police said on Monday - in a statement - that two men died.") == []
    assert find_boilerplate("UPDATE: the toll rose to four.") == []

