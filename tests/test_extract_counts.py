from conflictcoder.extract.counts import parse_number, quantity_of_words


def test_counts_number_words_and_digits():
    assert parse_number("10") == 10
    assert parse_number("1,100") == 1100
    assert parse_number("twenty-six") == 26
    assert parse_number("two hundred") == 200
    assert parse_number("a dozen") == 12
    assert parse_number("several") is None


def test_counts_bounds():
    q = quantity_of_words("400", "more than")
    assert (q.best, q.low, q.high) == (400, 400, None)
    q = quantity_of_words("10", "up to")
    assert (q.best, q.low, q.high) == (10, None, 10)
    q = quantity_of_words("30", "about")
    assert q.best == 30 and q.low is None


def test_one_person_killed_is_counted_once_whatever_the_triggers():
    """'was shot dead': 'shot' and 'dead' both tell the killing of the one victim."""
    from conflictcoder.pipeline import code_documents
    from conflictcoder.records import Document

    (result,) = code_documents([Document(doc_id="d", text=(
        "A village headman was shot dead by two gunmen outside his home on Monday, police said."))])
    assert [e.fatalities for e in result.events] == [1]


def test_a_second_counted_group_after_a_partitive_adds_to_the_toll():
    """'Six of the attackers and three soldiers': the parser hangs the soldiers on 'attackers';
    with a number of their own they are counted apart."""
    from conflictcoder.pipeline import code_documents
    from conflictcoder.records import Document

    (result,) = code_documents([Document(doc_id="d", text=(
        "Militants raided an army base near Diffa in south-eastern Niger on Monday. Six of the "
        "attackers and three soldiers were killed in the fighting, an army spokesman said."))])
    assert [e.fatalities for e in result.events] == [9]
    # those the sentence counts among them are not added
    (result,) = code_documents([Document(doc_id="d", text=(
        "Militants stormed a police post near Diffa in south-eastern Niger on Monday. Six of the "
        "assailants, including two commanders, were killed in the gunfight, the interior ministry "
        "said."))])
    assert [e.fatalities for e in result.events] == [6]


def test_protesters_killed_in_police_firing_are_one_event_of_the_police():
    """A number before people ('three protesters') counts people, not events; the force named on
    the deed a passive casualty happened in ('in police firing') is the one that did it."""
    from datetime import date

    from conflictcoder.pipeline import code_documents
    from conflictcoder.records import Document

    (result,) = code_documents([Document(doc_id="d", published=date(2024, 5, 20), text=(
        "Three protesters were killed in police firing in Dhaka's Mirpur area on Sunday, "
        "witnesses said."))])
    assert [(e.sub_event_type, e.fatalities, e.actor2) for e in result.events] == [
        ("Excessive force against protesters", 3, "Police Forces of Bangladesh")]


def test_the_day_of_an_agency_dateline_is_no_count_of_the_dead():
    """'Kohima, Sept 12 (UNI) Three ...': the day before the agency's name counts no one."""
    from conflictcoder.pipeline import code_documents
    from conflictcoder.records import Document

    (result,) = code_documents([Document(doc_id="d", text=(
        "Kohima, Sept 12 (UNI) Three Assam Rifles personnel were killed and two others injured when militants "
        "ambushed their patrol in Mon district of Nagaland on Tuesday, officials said."))])
    assert [e.fatalities for e in result.events] == [3]


def test_a_tally_of_recent_years_or_half_a_year_is_no_events_toll():
    from conflictcoder.extract.modality import is_aggregate_clause

    assert is_aggregate_clause("feuds over grazing land have killed hundreds of people in recent years")
    assert is_aggregate_clause("more than 900 people were killed in the first half of the year")
    assert not is_aggregate_clause("gunmen killed nine people in the market on Tuesday")


def test_the_bomb_that_killed_is_not_counted_among_the_dead():
    """'A car bomb killed at least 12 people': the tagger may read 'killed' as a participle, with
    the bomb as its subject; the bomb is what killed, not one of the dead."""
    from conflictcoder.pipeline import code_documents
    from conflictcoder.records import Document

    (result,) = code_documents([Document(doc_id="d", text=(
        "A car bomb killed at least 12 people in a market in Baidoa, Somalia, on Friday, officials said."))])
    assert [e.fatalities for e in result.events] == [12]
