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
