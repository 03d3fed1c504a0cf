"""Write a duplicate-stress corpus: the same events told by several outlets, and near misses.

    .venv/bin/python benchmarks/make_dupe_corpus.py [OUT_DIR] [--seed N]

OUT_DIR (default benchmarks/out/dupe_corpus, regenerated each time, not committed) gets
docs/ with one .txt a document, meta.jsonl ({doc_id, file, published, source}) and truth.jsonl ({doc_id,
events: [base event ids]}). Every article is written here from the base events below: each base
event is retold by 7-9 "outlets" with other wording, relative or absolute dates ("on Tuesday",
"last weekend", "on March 3"), place spellings (Kiev/Kyiv, Mogadishu/Muqdisho, Kandahar city /
Kandahar province) and tolls that differ as early and later reports do. Near misses are base
events of their own: another attack in the same city on the same day, the same kind of attack
in the same place a week later. A few articles tell two events.
"""
from __future__ import annotations

import json
import random
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

OUTLETS = ["Global Wire", "Daily Monitor", "The Observer", "Regional Times", "Radio Horizon",
           "Frontline News", "Capital Post", "Evening Herald", "World Report", "News Agency 24"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


@dataclass
class Base:
    key: str
    kind: str  # template family
    day: date
    places: list[str]  # ways outlets name where it happened ("in Kyiv", "in the capital Kiev")
    country: str  # the country's name, for context sentences
    killed: int = 0
    count: int = 0  # abducted / arrested / people, by kind
    who: list[str] | None = None  # how outlets name the perpetrators
    target: str = ""


def bases() -> list[Base]:
    d = date
    B = Base
    return [
        B("kabul-mosque", "suicide", d(2024, 3, 8), ["in Kabul", "in the Afghan capital Kabul", "in Kabul city"], "Afghanistan", 14, who=["a suicide bomber"], target="a Shiite mosque"),
        B("kabul-police", "roadside", d(2024, 3, 8), ["in Kabul", "in western Kabul"], "Afghanistan", 2, who=["a roadside bomb"], target="a police vehicle"),
        B("kandahar-ied", "roadside", d(2024, 4, 14), ["in Kandahar city", "in Kandahar province", "in the southern city of Kandahar"], "Afghanistan", 5, target="an army truck"),
        B("kandahar-ied-2", "roadside", d(2024, 4, 22), ["in Kandahar city", "in the southern city of Kandahar"], "Afghanistan", 3, target="a police patrol"),
        B("mogadishu-hotel", "siege", d(2024, 2, 10), ["in Mogadishu", "in Muqdisho", "in the Somali capital, Mogadishu"], "Somalia", 21, who=["al-Shabaab militants", "al-Shabaab fighters"], target="a hotel"),
        B("mogadishu-market", "car_bomb", d(2024, 2, 24), ["in Mogadishu", "in Muqdisho"], "Somalia", 9, target="a busy market"),
        B("baidoa-clash", "clash", d(2024, 5, 5), ["near Baidoa", "outside Baidoa"], "Somalia", 11, who=["al-Shabaab fighters"]),
        B("kyiv-strike", "missile", d(2024, 1, 2), ["in Kyiv", "in Kiev", "in the Ukrainian capital"], "Ukraine", 4, who=["Russian missiles"]),
        B("kharkiv-strike", "missile", d(2024, 1, 2), ["in Kharkiv", "in Kharkov"], "Ukraine", 12, who=["Russian missiles"]),
        B("odesa-drone", "drone", d(2024, 3, 2), ["in Odesa", "in Odessa", "in the port city of Odesa"], "Ukraine", 7),
        B("odesa-drone-2", "drone", d(2024, 3, 9), ["in Odesa", "in Odessa"], "Ukraine", 3),
        B("maiduguri-bomb", "suicide", d(2024, 6, 29), ["in Maiduguri", "in the northeastern city of Maiduguri"], "Nigeria", 18, who=["a female suicide bomber"], target="a wedding"),
        B("gusau-kidnap", "kidnap", d(2024, 5, 18), ["in Gusau", "near Gusau in Zamfara state"], "Nigeria", 0, count=23, who=["gunmen", "armed bandits"]),
        B("kaduna-kidnap", "kidnap", d(2024, 3, 7), ["in Kuriga", "in Kuriga, Kaduna state"], "Nigeria", 0, count=137, who=["gunmen"]),
        B("mopti-ambush", "ambush", d(2024, 3, 11), ["near Mopti", "near the town of Mopti"], "Mali", 8, who=["gunmen", "jihadists"]),
        B("gao-protest", "protest", d(2024, 4, 3), ["in Gao"], "Mali", 0, count=0),
        B("aleppo-airstrike", "airstrike", d(2023, 10, 6), ["in Aleppo", "in the city of Aleppo"], "Syria", 15, who=["warplanes"]),
        B("idlib-shelling", "shelling", d(2023, 10, 7), ["in Idlib", "in the city of Idlib"], "Syria", 6),
        B("mosul-arrests", "arrests", d(2023, 11, 14), ["in Mosul", "in the northern city of Mosul"], "Iraq", 0, count=12),
        B("peshawar-blast", "suicide", d(2023, 1, 30), ["in Peshawar", "in the northwestern city of Peshawar"], "Pakistan", 59, who=["a suicide bomber"], target="a mosque inside a police compound"),
        B("quetta-clash", "clash", d(2023, 8, 19), ["in Quetta", "near Quetta"], "Pakistan", 6, who=["militants"]),
        B("goma-protest", "protest", d(2023, 8, 30), ["in Goma"], "Democratic Republic of the Congo", 0),
        B("beni-massacre", "massacre", d(2023, 6, 16), ["near Beni", "outside the town of Beni"], "Democratic Republic of the Congo", 26, who=["ADF rebels", "militants"]),
        B("beni-massacre-2", "massacre", d(2023, 6, 23), ["near Beni"], "Democratic Republic of the Congo", 9, who=["ADF rebels"]),
        B("mandalay-airstrike", "airstrike", d(2023, 4, 11), ["in Pazigyi village in Sagaing region", "in Sagaing region"], "Myanmar", 100, who=["military jets"]),
        B("djibo-attack", "massacre", d(2023, 11, 26), ["in Djibo", "near Djibo"], "Burkina Faso", 40, who=["jihadists"]),
        B("aden-blast", "car_bomb", d(2023, 12, 12), ["in Aden", "in the southern port city of Aden"], "Yemen", 5, target="a checkpoint"),
        B("mandera-ied", "roadside", d(2023, 6, 13), ["in Mandera", "in Mandera county"], "Kenya", 8, target="a police vehicle"),
        B("srinagar-grenade", "grenade", d(2023, 9, 4), ["in Srinagar", "in the city of Srinagar"], "India", 0, count=11),
    ]


def killed_phrase(rng: random.Random, n: int) -> str:
    if n == 0:
        return ""
    return rng.choice([f"{n}", f"at least {n}", f"{n}"])


def toll(rng: random.Random, n: int, early: bool) -> int:
    """An early report may give a lower toll; a later one the final toll."""
    if n >= 5 and early and rng.random() < 0.35:
        return max(1, n - rng.randint(1, max(1, n // 4)))
    return n


def when_phrase(rng: random.Random, day: date, published: date) -> str:
    gap = (published - day).days
    choices = [f"on {MONTHS[day.month - 1]} {day.day}"]
    if 0 < gap <= 6:
        choices += [f"on {WEEKDAYS[day.weekday()]}"] * 2
    if gap == 1:
        choices.append("yesterday")
    if gap == 0:
        choices.append("on " + WEEKDAYS[day.weekday()])
    if day.weekday() >= 5 and 1 <= gap <= 7 and published.weekday() < 5:
        choices.append("last weekend")
    return rng.choice(choices)


def sentence(rng: random.Random, b: Base, where: str, when: str, n: int) -> tuple[str, str]:
    """A headline and a lead sentence for one telling of `b`."""
    who = rng.choice(b.who) if b.who else ""
    k = b.kind
    if k == "suicide":
        lead = rng.choice([
            f"{who.capitalize()} killed {n} people at {b.target} {where} {when}, officials said.",
            f"{n} people were killed when {who} blew himself up at {b.target} {where} {when}, police said.",
            f"A suicide bombing at {b.target} {where} killed {n} worshippers {when}, a spokesman said.",
        ])
        head = rng.choice(["Suicide bomber kills worshippers", "Deadly suicide attack", "Suicide blast kills dozens"])
    elif k == "roadside":
        lead = rng.choice([
            f"A roadside bomb struck {b.target} {where} {when}, killing {n} people, officials said.",
            f"{n} people were killed when an improvised explosive device hit {b.target} {where} {when}.",
            f"An IED blast killed {n} people travelling in {b.target} {where} {when}, police said.",
        ])
        head = rng.choice(["Roadside bomb kills officers", "IED blast hits vehicle", "Bomb attack on patrol"])
    elif k == "car_bomb":
        lead = rng.choice([
            f"A car bomb exploded at {b.target} {where} {when}, killing {n} people, officials said.",
            f"{n} people were killed when a car bomb went off near {b.target} {where} {when}.",
        ])
        head = rng.choice(["Car bomb kills civilians", "Car bomb blast"])
    elif k == "siege":
        lead = rng.choice([
            f"{who.capitalize()} stormed {b.target} {where} {when}, killing {n} people before security forces ended the siege.",
            f"At least {n} people were killed when {who} attacked {b.target} {where} {when}, police said.",
        ])
        head = rng.choice(["Militants storm hotel", "Deadly hotel siege"])
    elif k == "clash":
        lead = rng.choice([
            f"{n} soldiers were killed in clashes with {who} {where} {when}, the army said.",
            f"Soldiers fought {who} {where} {when}; {n} soldiers were killed in the fighting, officials said.",
        ])
        head = rng.choice(["Soldiers killed in clashes", "Heavy fighting with militants"])
    elif k == "missile":
        lead = rng.choice([
            f"{who.capitalize()} struck residential buildings {where} {when}, killing {n} civilians, officials said.",
            f"A Russian missile attack {where} killed {n} civilians {when}, the mayor said.",
        ])
        head = rng.choice(["Missile strike kills civilians", "Russia strikes city"])
    elif k == "drone":
        lead = rng.choice([
            f"A Russian drone attack {where} killed {n} civilians {when}, regional officials said.",
            f"Russian drones hit an apartment block {where} {when}, killing {n} people.",
        ])
        head = rng.choice(["Drone attack kills residents", "Drone strike hits apartment block"])
    elif k == "kidnap":
        lead = rng.choice([
            f"{who.capitalize()} kidnapped {b.count} students from a school {where} {when}, police said.",
            f"{b.count} pupils were abducted by {who} from their school {where} {when}, officials said.",
        ])
        head = rng.choice(["Students kidnapped", "Gunmen abduct pupils"])
    elif k == "ambush":
        lead = rng.choice([
            f"{who.capitalize()} killed {n} soldiers in an ambush {where} {when}, the army said.",
            f"{n} soldiers were killed when {who} ambushed a military convoy {where} {when}.",
        ])
        head = rng.choice(["Soldiers killed in ambush", "Army convoy ambushed"])
    elif k == "protest":
        lead = rng.choice([
            f"Thousands of people protested {where} {when} against rising fuel prices, witnesses said.",
            f"Hundreds of demonstrators marched peacefully {where} {when} to protest against the price of fuel.",
        ])
        head = rng.choice(["Protest against fuel prices", "Demonstrators march"])
    elif k == "airstrike":
        lead = rng.choice([
            f"An air strike by {who} killed {n} civilians {where} {when}, residents said.",
            f"{n} civilians were killed when {who} bombed a market {where} {when}, rescuers said.",
        ])
        head = rng.choice(["Air strike kills civilians", "Warplanes bomb market"])
    elif k == "shelling":
        lead = rng.choice([
            f"Artillery shelling killed {n} civilians {where} {when}, rescuers said.",
            f"{n} civilians were killed by government shelling {where} {when}.",
        ])
        head = rng.choice(["Shelling kills civilians", "Artillery pounds city"])
    elif k == "arrests":
        lead = rng.choice([
            f"Police arrested {b.count} suspected militants in a raid {where} {when}, officials said.",
            f"Security forces detained {b.count} suspected militants {where} {when}.",
        ])
        head = rng.choice(["Suspected militants arrested", "Police detain suspects"])
    elif k == "massacre":
        lead = rng.choice([
            f"{who.capitalize()} killed {n} villagers in an attack {where} {when}, local officials said.",
            f"{n} civilians were killed when {who} attacked a village {where} {when}.",
        ])
        head = rng.choice(["Villagers massacred", "Attack on village kills civilians"])
    elif k == "grenade":
        lead = rng.choice([
            f"A grenade attack on a market {where} wounded {b.count} people {when}, police said.",
            f"{b.count} people were injured when militants hurled a grenade at a market {where} {when}.",
        ])
        head = rng.choice(["Grenade attack wounds shoppers", "Grenade hurled at market"])
    else:
        raise ValueError(k)
    return head, lead[0].upper() + lead[1:]


CLOSERS = [
    "No group immediately claimed responsibility.",
    "The area was sealed off by security forces.",
    "Hospitals in the area appealed for blood donations.",
    "The government of {country} condemned the violence and promised an investigation.",
    "Witnesses described scenes of panic.",
    "Violence has risen across {country} in recent months.",
]


def write(out: Path, seed: int = 7, per_event: tuple[int, int] = (7, 9)) -> int:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "docs").mkdir(parents=True)
    docs: list[tuple[str, str, date, str, list[str]]] = []
    all_bases = bases()
    for b in all_bases:
        for i in range(rng.randint(*per_event)):
            published = b.day + timedelta(days=rng.choice([0, 1, 1, 1, 2, 2, 3, 4, 5]))
            where = rng.choice(b.places)
            when = when_phrase(rng, b.day, published)
            early = i < 3
            head, lead = sentence(rng, b, where, when, toll(rng, b.killed, early))
            body = [head, "", lead, "", rng.choice(CLOSERS).format(country=b.country)]
            truth = [b.key]
            docs.append((f"{b.key}-{i:02d}", "\n".join(body) + "\n", published, rng.choice(OUTLETS), truth))
    # a few round-up articles that tell two events (from two different bases)
    pairs = [("kabul-mosque", "kabul-police"), ("kyiv-strike", "kharkiv-strike"),
             ("aleppo-airstrike", "idlib-shelling"), ("odesa-drone", "mogadishu-market")]
    by_key = {b.key: b for b in all_bases}
    for j, (ka, kb) in enumerate(pairs):
        a, b = by_key[ka], by_key[kb]
        published = max(a.day, b.day) + timedelta(days=1)
        _, la = sentence(rng, a, a.places[0], when_phrase(rng, a.day, published), a.killed)
        _, lb = sentence(rng, b, b.places[0], when_phrase(rng, b.day, published), b.killed)
        body = ["News roundup", "", la, "", "In a separate attack, " + lb[0].lower() + lb[1:], ""]
        docs.append((f"roundup-{j:02d}", "\n".join(body) + "\n", published, rng.choice(OUTLETS), [ka, kb]))
    rng.shuffle(docs)
    with open(out / "meta.jsonl", "w", encoding="utf-8") as meta, \
            open(out / "truth.jsonl", "w", encoding="utf-8") as truth:
        for doc_id, text, published, outlet, events in docs:
            (out / "docs" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
            meta.write(json.dumps({"doc_id": doc_id, "file": f"{doc_id}.txt",
                                   "published": published.isoformat(), "source": outlet}) + "\n")
            truth.write(json.dumps({"doc_id": doc_id, "events": events}) + "\n")
    return len(docs)


def main(argv: list[str]) -> None:
    seed = 7
    if "--seed" in argv:
        i = argv.index("--seed")
        seed = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    out = Path(argv[0]) if argv else Path(__file__).resolve().parent / "out" / "dupe_corpus"
    n = write(out, seed)
    print(f"wrote {n} documents to {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
