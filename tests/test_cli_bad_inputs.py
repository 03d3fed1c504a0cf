"""One bad document never stops a run (issue 16): a corpus mixing good articles with every kind
of input that once crashed a run or was lost silently is coded through the real command, in a
process of its own. Every good article is coded, every bad input is reported by name and
reason, the run exits 1, and no traceback is printed.

The articles are short texts written for this test.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = {
    "ambush": "Gunmen killed four soldiers in an ambush near Gao, Mali, on Tuesday, the army said.\n",
    "bombing": "A roadside bomb killed two police officers in Quetta, Pakistan, on Sunday, officials said.\n",
    "raid": "Militants attacked a village near Maiduguri, Nigeria, on Friday, killing six farmers, "
            "residents said.\n",
    "clash": "Soldiers and rebels clashed near Beni, Congo, on Monday; three rebels were killed, "
             "the army said.\n",
    "riot": "Protesters clashed with police in Nairobi, Kenya, on Wednesday, and one man was shot "
            "dead, witnesses said.\n",
}
HUGE_TOLL = ("A car bomb exploded in Mogadishu, Somalia, on Saturday, killing 2,147,483,648 people, "
             "a spokesman said.\n")


def warc_bytes() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i, text in enumerate((GOOD["ambush"], GOOD["raid"])):
        body = f"<html><body><article><p>{text * 3}</p></article></body></html>".encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(f"http://example.org/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
    return buf.getvalue()


def build_corpus(root: Path) -> tuple[list[Path], dict[str, str]]:
    """The inputs, and what the summary must say of each bad one (a name, a code)."""
    good = root / "good"
    good.mkdir(parents=True)
    for name, text in GOOD.items():
        (good / f"{name}.txt").write_text(text, encoding="utf-8")
    # two files of one name in different folders: both coded, under different doc_ids
    for folder in ("a", "b"):
        (good / folder).mkdir()
        (good / folder / "index.html").write_text(
            f"<html><head><title>Report {folder}</title></head><body><article><p>"
            f"{GOOD['bombing'] if folder == 'a' else GOOD['clash']}</p><p>{GOOD['riot']}</p>"
            f"</article></body></html>", encoding="utf-8")
    # UTF-16 with and without a BOM; CP1251 lines inside UTF-8; a name that is not UTF-8
    (good / "utf16bom.txt").write_bytes(GOOD["raid"].encode("utf-16"))
    (good / "utf16le.txt").write_bytes(GOOD["ambush"].encode("utf-16-le"))
    (good / "mixed.txt").write_bytes(("Gunmen killed three guards in Kharkiv, Ukraine, on Monday — "
                                      "officials said.\n").encode("utf-8")
                                     + "Сообщение агентства: боевики убили трёх охранников.\n".encode("cp1251"))
    (good / b"caf\xe9-report.txt".decode("utf-8", "surrogateescape")).write_text(GOOD["bombing"], encoding="utf-8")
    (good / "toll.txt").write_text(HUGE_TOLL, encoding="utf-8")
    # over spaCy's 1,000,000 characters, with a violent word: parsed in pieces
    (good / "long.txt").write_text(GOOD["raid"] + "\n" * 1_100_000 + GOOD["clash"], encoding="utf-8")
    # a symbolic link loop and a directory reached twice: reported, the rest walked
    (good / "loop").symlink_to(good, target_is_directory=True)
    # JSONL with a BOM, a lone surrogate in text and doc_id, dates out of range, a repeated doc_id
    rows = [
        {"doc_id": "j-first", "text": GOOD["ambush"], "published": "2024-01-10"},
        {"doc_id": "j-surrogate\ud800", "text": "Gunmen killed two guards \ud800 in Gao, Mali, on Tuesday.",
         "published": "2024-01-10"},
        {"doc_id": "j-go-zero", "text": GOOD["raid"], "published": "0001-01-01T00:00:00Z"},
        {"doc_id": "j-max", "text": GOOD["clash"], "published": "9999-12-31"},
        {"doc_id": "j-year50", "text": "Rebels killed five villagers 99 years ago in Beni, Congo.",
         "published": "0050-06-01"},
        {"doc_id": "j-first", "text": GOOD["riot"], "published": "2024-01-11"},
    ]
    lines = "".join(json.dumps(r) + "\n" for r in rows)
    (root / "wire.jsonl").write_bytes(b"\xef\xbb\xbf" + lines.encode("utf-8", "surrogatepass"))
    # HTML the date library asserts on (an 80-byte MathML page)
    (root / "mathml.html").write_text('<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>'
                                      "<p>killed</p>", encoding="utf-8")
    # WARC files: one whole, one cut at 60 bytes, one cut inside its second record
    (root / "whole.warc").write_bytes(warc_bytes())
    (root / "cut60.warc").write_bytes(warc_bytes()[:60])
    data = warc_bytes()
    (root / "cutmid.warc").write_bytes(data[: len(data) - 100])  # inside the second record's body
    data = warc_bytes()
    (root / "cuthead.warc").write_bytes(data[: len(data) // 2 + 300])  # inside the second record's header
    # a FIFO inside a directory (it would block a reader forever), a broken link, a gzip cut short
    bad = root / "bad"
    bad.mkdir()
    os.mkfifo(bad / "pipe.txt")
    (bad / "gone.txt").symlink_to(bad / "nowhere.txt")
    (bad / "cut.jsonl.gz").write_bytes(gzip.compress(lines.encode("utf-8", "surrogatepass"))[:40])
    (bad / "empty.txt").write_text("", encoding="utf-8")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "line\nbreak.txt").write_text(GOOD["ambush"], encoding="utf-8")  # coded; its name escaped
    expected = {
        "j-first": "E108", "cut60.warc": "E109", "cutmid.warc": "E109", "cuthead.warc": "E109", "loop": "E110",
        "pipe.txt": "E110", "gone.txt": "E110", "cut.jsonl.gz": "E106", "empty.txt": "E101",
        "binary.txt": "E102",
    }
    if os.geteuid() != 0:  # root reads whatever the mode says
        locked = bad / "locked"
        locked.mkdir()
        (locked / "x.txt").write_text(GOOD["raid"], encoding="utf-8")
        locked.chmod(0)
        (bad / "secret.txt").write_text(GOOD["raid"], encoding="utf-8")
        (bad / "secret.txt").chmod(0)
        expected.update({"locked": "E110", "secret.txt": "E110"})
    return [good, root / "wire.jsonl", root / "mathml.html", root / "whole.warc", root / "cut60.warc",
            root / "cutmid.warc", root / "cuthead.warc", bad], expected


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-c", "from conflictcoder.cli import main; main()", *args],
                          cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    inputs, expected = build_corpus(root)
    db = root / "store.duckdb"
    out = root / "events.jsonl"
    proc = run_cli("code", *map(str, inputs), "--db", str(db), "-o", str(out), "-w", "1", cwd=root)
    yield proc, expected, db, out
    for p in (root / "bad" / "locked", root / "bad" / "secret.txt"):
        if p.exists():
            p.chmod(0o700)


def test_cli_bad_inputs_exit_1_without_traceback(corpus_run):
    proc, _, _, out = corpus_run
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    assert out.exists()


def test_cli_bad_inputs_every_bad_input_reported_by_name_and_code(corpus_run):
    proc, expected, _, _ = corpus_run
    lines = proc.stderr.splitlines()
    for name, code in expected.items():
        assert any(name in line and f"[{code}]" in line for line in lines), (name, code, proc.stderr[-3000:])
    # a newline in a file name cannot fake a line of the summary
    assert not any(line.startswith("break.txt") for line in lines)


def test_cli_bad_inputs_every_good_article_coded(corpus_run):
    _, _, db, out = corpus_run
    from conflictcoder.store import open_store

    with open_store(db) as store:
        docs = {r[0] for r in store.con.execute("SELECT doc_id FROM documents").fetchall()}
        failures = store.con.execute("SELECT location, code, stage FROM failures").fetchall()
    wanted = set(GOOD) | {"index", "a/index", "b/index", "utf16bom", "utf16le", "mixed", "toll", "long",
                          "j-first", "j-go-zero", "j-max", "j-year50", "line\\nbreak"}
    # one of the two index.html keeps the name, the other takes its folder
    assert {"index", "b/index"} <= docs or {"a/index", "b/index"} & docs, docs
    missing = {d for d in wanted - {"index", "a/index", "b/index", "line\\nbreak"} if d not in docs}
    assert not missing, (missing, docs)
    assert any(d.startswith("j-surrogate") for d in docs)
    assert any(d.startswith("caf") for d in docs)
    assert any(d.startswith("line") for d in docs)
    assert len([d for d in docs if d.endswith("index")]) == 2
    # the whole WARC's two records, and the first record of each cut one
    assert sum(1 for d in docs if len(d) == 36 and d.count("-") == 4) == 4
    assert all(stage for _, _, stage in failures)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(0 <= (r["fatalities"] or 0) <= 1_000_000 for r in records)


def test_cli_bad_inputs_warnings_counted(corpus_run):
    proc, _, _, _ = corpus_run
    assert "W01" in proc.stderr and "W02" in proc.stderr and "W03" in proc.stderr, proc.stderr[-3000:]


def test_cli_refuses_impossible_arguments_before_coding(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(GOOD["ambush"], encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for args, words in [
        (["-o", str(tmp_path)], "is a directory"),
        (["--format", "parquet"], "needs -o"),
        ([str(fifo)], "not a regular file"),
        (["--time-limit", "-1"], "time-limit"),
    ]:
        proc = run_cli("code", str(article), "--no-db", *args, cwd=tmp_path)
        assert proc.returncode == 2, (args, proc.stderr)
        assert words in proc.stderr and "E601" in proc.stderr and "Traceback" not in proc.stderr
        assert "coded" not in proc.stderr  # refused before any coding
