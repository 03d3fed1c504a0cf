"""Tests for conflictcoder.ingest: files, directories and JSONL in; Documents or Failures out.

Every article text here was written for these tests.
"""
from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from conflictcoder.ingest import InputItem, iter_documents, load_meta
from conflictcoder.settings import Options

ARTICLE = "Rebels attacked an army checkpoint outside the town on Monday, killing two soldiers.\n"
HTML_PAGE = (
    "<html><head><title>Checkpoint attacked</title></head><body>"
    "<p>Rebels attacked an army checkpoint outside the town on Monday.</p></body></html>"
)


def items(paths, meta=None, options=None, exclude=()) -> list[InputItem]:
    found = list(iter_documents([Path(p) for p in paths], meta, options, exclude=exclude))
    for item in found:
        # exactly one of the two is set, never neither, never both
        assert (item.document is None) != (item.failure is None), item
    return found


def docs(found: list[InputItem]):
    return [i.document for i in found if i.document is not None]


def failures(found: list[InputItem]):
    return [i.failure for i in found if i.failure is not None]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- plain inputs


def test_ingest_txt_file_becomes_document(tmp_path):
    path = tmp_path / "checkpoint.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [item] = items([path])
    doc = item.document
    assert doc.doc_id == "checkpoint"
    assert doc.text == ARTICLE
    assert doc.html is None
    assert doc.path == str(path)
    assert doc.published is None


def test_ingest_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    [item] = items([path])
    assert item.document.text == ARTICLE


def test_ingest_html_file_keeps_html_not_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    [item] = items([path])
    assert item.document.html == HTML_PAGE
    assert item.document.text is None
    assert item.document.doc_id == "page"


def test_ingest_directory_is_walked_sorted_and_recursively(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "z.txt").write_text("Troops shelled a village near the river.", encoding="utf-8")
    (tmp_path / "b" / "m.html").write_text(HTML_PAGE, encoding="utf-8")
    (tmp_path / "a" / "deep" / "k.txt").write_text("Police fired tear gas at marchers.", encoding="utf-8")
    (tmp_path / "a" / "c.txt").write_text("A bomb exploded at a bus station.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")  # not an input: passed over
    found = items([tmp_path])
    assert not failures(found)
    paths = [Path(d.path).relative_to(tmp_path).as_posix() for d in docs(found)]
    assert paths == ["a/c.txt", "a/deep/k.txt", "b/m.html", "z.txt"]


def test_ingest_directory_order_is_stable_between_runs(tmp_path):
    for name in ("delta", "alpha", "charlie", "bravo"):
        (tmp_path / f"{name}.txt").write_text(f"Gunmen attacked {name} village.", encoding="utf-8")
    first = [d.doc_id for d in docs(items([tmp_path]))]
    second = [d.doc_id for d in docs(items([tmp_path]))]
    assert first == second == ["alpha", "bravo", "charlie", "delta"]


def test_ingest_jsonl_lines_become_documents(tmp_path):
    path = write_jsonl(tmp_path / "batch.jsonl", [
        {"doc_id": "one", "text": "Soldiers clashed with rebels in the hills.", "published": "2018-05-02",
         "source": "Wire A", "url": "https://example.org/one", "title": "Clash"},
        {"id": "two", "html": HTML_PAGE},
        {"text": "Police arrested six protesters outside parliament."},
    ])
    found = items([path])
    assert not failures(found)
    one, two, three = docs(found)
    assert (one.doc_id, one.published, one.source, one.url, one.title) == (
        "one", date(2018, 5, 2), "Wire A", "https://example.org/one", "Clash")
    assert one.text.startswith("Soldiers clashed")
    assert two.doc_id == "two" and two.html == HTML_PAGE and two.text is None
    assert three.doc_id == "batch-3"  # no id: file stem and line number
    assert three.path == f"{path}:3"


def test_ingest_jsonl_gz_is_read(tmp_path):
    path = tmp_path / "batch.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"doc_id": "g1", "text": "Militants bombed a bridge."}) + "\n")
        fh.write(json.dumps({"doc_id": "g2", "text": "Troops retook the airport."}) + "\n")
    found = items([path])
    assert [d.doc_id for d in docs(found)] == ["g1", "g2"]
    assert docs(found)[1].text == "Troops retook the airport."


def test_ingest_jsonl_gz_in_directory_is_found(tmp_path):
    with gzip.open(tmp_path / "batch.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"doc_id": "g1", "text": "Militants bombed a bridge."}) + "\n")
    assert [d.doc_id for d in docs(items([tmp_path]))] == ["g1"]


def test_ingest_truncated_gzip_is_failure_not_exception(tmp_path):
    good = gzip.compress((json.dumps({"doc_id": "g1", "text": "Militants bombed a bridge."}) + "\n").encode() * 50)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(good[: len(good) // 2])
    found = items([path])
    assert failures(found), found
    assert failures(found)[-1].where.startswith(str(path))


# --------------------------------------------------------------------------- metadata


def test_ingest_meta_by_file_name_and_by_doc_id(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "kabul.txt").write_text(ARTICLE, encoding="utf-8")
    (articles / "gao.txt").write_text(ARTICLE, encoding="utf-8")
    (articles / "bare.txt").write_text(ARTICLE, encoding="utf-8")
    meta_path = write_jsonl(tmp_path / "meta.jsonl", [
        {"file": "kabul.txt", "published": "2012-11-03", "source": "Wire K", "url": "https://example.org/k",
         "title": "Attack in Kabul"},
        {"doc_id": "gao", "published": "2013-01-20T08:30:00Z", "source": "Wire G"},
    ])
    meta = load_meta(meta_path)
    by_id = {d.doc_id: d for d in docs(items([articles], meta))}
    k, g, b = by_id["kabul"], by_id["gao"], by_id["bare"]
    assert (k.published, k.source, k.url, k.title) == (date(2012, 11, 3), "Wire K", "https://example.org/k",
                                                         "Attack in Kabul")
    assert (g.published, g.source, g.url, g.title) == (date(2013, 1, 20), "Wire G", None, None)
    assert (b.published, b.source) == (None, None)


def test_ingest_meta_fills_jsonl_gaps_but_line_values_win(tmp_path):
    path = write_jsonl(tmp_path / "batch.jsonl", [
        {"doc_id": "one", "text": "Rebels shelled the town.", "source": "Line Source"},
    ])
    meta = {"one": {"doc_id": "one", "published": "2017-07-07", "source": "Meta Source", "title": "T"}}
    [doc] = docs(items([path], meta))
    assert doc.published == date(2017, 7, 7)
    assert doc.source == "Line Source"
    assert doc.title == "T"


def test_ingest_bad_published_in_meta_is_ignored(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    meta = {"a": {"file": "a.txt", "published": "sometime last spring", "source": "S"}}
    [doc] = docs(items([tmp_path / "a.txt"], meta))
    assert doc.published is None and doc.source == "S"


def test_ingest_meta_file_excluded_from_directory_walk(tmp_path):
    (tmp_path / "kabul.txt").write_text(ARTICLE, encoding="utf-8")
    meta_path = write_jsonl(tmp_path / "meta.jsonl", [{"file": "kabul.txt", "published": "2012-11-03"}])
    meta = load_meta(meta_path)
    found = items([tmp_path], meta, exclude=[meta_path])
    assert not failures(found)
    assert [d.doc_id for d in docs(found)] == ["kabul"]
    # without the exclusion the metadata lines would be read as (textless) articles
    unexcluded = items([tmp_path], meta)
    assert [f.code for f in failures(unexcluded)] == ["E101"]


def test_ingest_load_meta_none_is_empty():
    assert load_meta(None) == {}


def test_ingest_load_meta_malformed_raises_input_error(tmp_path):
    from conflictcoder import errors

    path = tmp_path / "meta.jsonl"
    path.write_text('{"file": "a.txt"}\n{"file": \n', encoding="utf-8")
    with pytest.raises(errors.MalformedJSONL) as info:
        load_meta(path)
    assert ":2:" in str(info.value)


# --------------------------------------------------------------------------- bad inputs


def test_ingest_empty_file_is_e101(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    [item] = items([path])
    assert item.failure.code == "E101"
    assert item.failure.where == str(path)
    assert "empty" in item.failure.reason
    assert item.failure.doc_id == "empty"


def test_ingest_binary_file_with_nul_bytes_is_e102(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    [item] = items([path])
    assert item.failure.code == "E102"
    assert "binary" in item.failure.reason


def test_ingest_binary_beside_good_files_does_not_stop_the_walk(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "c.txt").write_text(ARTICLE, encoding="utf-8")
    found = items([tmp_path])
    assert [d.doc_id for d in docs(found)] == ["a", "c"]
    assert [(Path(f.where).name, f.code) for f in failures(found)] == [("b.txt", "E102")]


def test_ingest_cp1252_text_decodes(tmp_path):
    # curly quotes and an en dash as Windows-1252 bytes: not UTF-8
    text = ("Soldiers fired on marchers in the capital on Monday, witnesses said. "
            "\u201cThey shot at us,\u201d one man said \u2013 he asked not to be named.\n")
    path = tmp_path / "windows.txt"
    path.write_bytes(text.encode("cp1252"))
    [item] = items([path])
    assert item.failure is None
    assert item.document.text == text


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_ingest_latin1_text_decodes_without_mojibake(tmp_path, encoding):
    # Western European legacy bytes: the accented letters must come through as themselves.
    text = ("Protesters marched through the city centre on Friday. "
            "The na\u00efve r\u00e9gime spokesman said nothing about the caf\u00e9 fire.\n")
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    [item] = items([path])
    assert item.failure is None
    assert item.document.text == text


def test_ingest_short_latin1_text_keeps_accents(tmp_path):
    text = "Caf\u00e9 attacked in S\u00e3o Paulo: gunmen killed three people, police said.\n"
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode("latin-1"))
    [item] = items([path])
    assert item.document.text == text


def test_ingest_file_over_size_limit_is_e104(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(ARTICLE * 10, encoding="utf-8")
    [item] = items([path], options=Options(max_text_bytes=100))
    assert item.failure.code == "E104"
    assert "100" in item.failure.reason
    # the same file is fine under the default limit
    [ok] = items([path])
    assert ok.document is not None


def test_ingest_jsonl_line_over_size_limit_is_e104_and_others_pass(tmp_path):
    path = write_jsonl(tmp_path / "batch.jsonl", [
        {"doc_id": "short", "text": "Troops retook the airport."},
        {"doc_id": "long", "text": ARTICLE * 10},
    ])
    found = items([path], options=Options(max_text_bytes=100))
    assert [d.doc_id for d in docs(found)] == ["short"]
    [fail] = failures(found)
    assert (fail.code, fail.where, fail.doc_id) == ("E104", f"{path}:2", "long")


def test_ingest_malformed_jsonl_lines_are_e105_and_good_lines_come_through(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"doc_id": "a", "text": "Rebels attacked a base."}) + "\n"
        + "{this is not json}\n"
        + "\n"  # blank lines are skipped, not failures
        + json.dumps(["a", "list"]) + "\n"
        + json.dumps({"doc_id": "b", "text": "Police arrested ten people."}) + "\n"
        + '{"doc_id": "c", "text": "Gunmen ambushed a conv',  # truncated last line
        encoding="utf-8",
    )
    found = items([path])
    assert [d.doc_id for d in docs(found)] == ["a", "b"]
    fails = failures(found)
    assert [(f.where, f.code) for f in fails] == [
        (f"{path}:2", "E105"), (f"{path}:4", "E105"), (f"{path}:6", "E105")]
    assert "not JSON" in fails[0].reason
    assert "not a JSON object" in fails[1].reason
    assert "truncated" in fails[2].reason


def test_ingest_jsonl_undecodable_line_does_not_lose_good_lines(tmp_path):
    # one line holds a Latin-1 byte (not UTF-8): that line fails, its neighbours are read
    path = tmp_path / "bytes.jsonl"
    path.write_bytes(
        json.dumps({"doc_id": "a", "text": "Rebels attacked a base."}).encode() + b"\n"
        + b'{"doc_id": "b", "text": "Caf\xe9 bombed."}\n'
        + json.dumps({"doc_id": "c", "text": "Police arrested ten people."}).encode() + b"\n"
    )
    found = items([path])
    assert [d.doc_id for d in docs(found)] == ["a", "c"]
    [fail] = failures(found)
    assert fail.where == f"{path}:2"
    assert fail.code in ("E103", "E105")


def test_ingest_jsonl_line_without_text_is_e101(tmp_path):
    path = write_jsonl(tmp_path / "batch.jsonl", [
        {"doc_id": "notext", "title": "Only a title"},
        {"doc_id": "blank", "text": "   "},
        {"doc_id": "ok", "text": "Militants bombed a bridge."},
    ])
    found = items([path])
    assert [d.doc_id for d in docs(found)] == ["ok"]
    assert [(f.code, f.doc_id, f.where) for f in failures(found)] == [
        ("E101", "notext", f"{path}:1"), ("E101", "blank", f"{path}:2")]


def test_ingest_unsupported_suffix_is_e106(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04 a word file")
    [item] = items([path])
    assert item.failure.code == "E106"
    assert ".docx" in item.failure.reason


def test_ingest_missing_path_is_failure(tmp_path):
    path = tmp_path / "nowhere.txt"
    [item] = items([path])
    assert item.failure.code == "E106"
    assert item.failure.where == str(path)
    assert "no such file" in item.failure.reason


def test_ingest_never_raises_on_a_mix_of_bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "nul.html").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "bad.jsonl").write_text("nope\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    found = items([tmp_path, tmp_path / "missing.md"], options=Options(max_text_bytes=10_000))
    assert [d.doc_id for d in docs(found)] == ["ok"]
    assert sorted(f.code for f in failures(found)) == ["E101", "E102", "E105", "E106"]
