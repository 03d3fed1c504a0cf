"""The field codebook: every column of the exports, its type and its codes (`conflictcoder codebook`).

One entry a column of the `csv` export (ACLED's 31, then the record's own) and of the UCDP
export; the `test_codebook_*` tests fail when an exported column has no entry.
"""
from __future__ import annotations

from dataclasses import dataclass

INTER = "1 State forces, 2 Rebel groups, 3 Political militias, 4 Identity militias, 5 Rioters, " \
        "6 Protesters, 7 Civilians, 8 External/other forces, 0 no such actor"
SUB_TYPES = ("Battles: Armed clash; Government regains territory; Non-state actor overtakes territory. "
             "Explosions/Remote violence: Chemical weapon; Air/drone strike; Suicide bomb; "
             "Shelling/artillery/missile attack; Remote explosive/landmine/IED; Grenade. "
             "Violence against civilians: Sexual violence; Attack; Abduction/forced disappearance. "
             "Protests: Peaceful protest; Protest with intervention; Excessive force against protesters. "
             "Riots: Violent demonstration; Mob violence. Strategic developments: Agreement; Arrests; "
             "Change to group/activity; Disrupted weapons use; Headquarters or base established; "
             "Looting/property destruction; Non-violent transfer of territory; Other")


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str
    meaning: str
    codes: str = ""


ACLED_FIELDS = [
    Field("event_id_cnty", "text", "ACLED-style id: the ISO3 code and a number derived from event_id (stable)"),
    Field("event_date", "date", "best estimate of the day of the event (YYYY-MM-DD)"),
    Field("year", "integer", "year of event_date"),
    Field("time_precision", "integer", "how well the date is known", "1 the day; 2 the week or a few days; 3 the month or vaguer"),
    Field("disorder_type", "text", "ACLED disorder type", "Political violence; Demonstrations; Strategic developments"),
    Field("event_type", "text", "ACLED event type", "Battles; Explosions/Remote violence; Violence against civilians; Protests; Riots; Strategic developments"),
    Field("sub_event_type", "text", "ACLED sub-event type", SUB_TYPES),
    Field("actor1", "text", "the first actor, ACLED-style name ('Military Forces of Mali (2021-)')"),
    Field("assoc_actor_1", "text", "actors acting with actor1"),
    Field("inter1", "integer", "actor1's type", INTER),
    Field("actor2", "text", "the second actor (no direction implied)"),
    Field("assoc_actor_2", "text", "actors acting with actor2"),
    Field("inter2", "integer", "actor2's type", INTER),
    Field("interaction", "integer", "the two inter codes as a two-digit number, smaller first (10: one actor alone)"),
    Field("civilian_targeting", "text", "whether civilians were the target", "'Civilian targeting' or empty"),
    Field("iso", "integer", "ISO 3166 numeric country code"),
    Field("region", "text", "ACLED region of the country", "Western/Middle/Eastern/Southern/Northern Africa; Middle East; "
          "Caucasus and Central Asia; South Asia; Southeast Asia; East Asia; Europe; North America; Central America; "
          "Caribbean; South America; Oceania; Antarctica"),
    Field("country", "text", "country name (GeoNames)"),
    Field("admin1", "text", "first-order administrative region"),
    Field("admin2", "text", "second-order administrative region"),
    Field("admin3", "text", "third-order administrative region (not resolved: empty)"),
    Field("location", "text", "the place named (GeoNames)"),
    Field("latitude", "decimal", "WGS84 latitude of the location"),
    Field("longitude", "decimal", "WGS84 longitude of the location"),
    Field("geo_precision", "integer", "how well the place is known", "1 the town itself; 2 near a town or part of a region; 3 a region or only the country"),
    Field("source", "text", "the outlets that reported it, '; '-separated (Parquet: a list)"),
    Field("source_scale", "text", "ACLED source scale (not known from an article: empty)"),
    Field("notes", "text", "a one-sentence plain summary"),
    Field("fatalities", "integer", "reported deaths, the most conservative figure (ACLED's rule)"),
    Field("tags", "text", "ACLED tags (none are coded: empty)"),
    Field("timestamp", "integer", "Unix seconds: the latest publication day of its sources (midnight UTC)"),
]
OWN_FIELDS = [
    Field("event_id", "text", "conflictcoder's stable event id; ids merged into another resolve to it"),
    Field("iso3", "text", "ISO 3166 alpha-3 country code"),
    Field("geonameid", "integer", "GeoNames id of the location"),
    Field("date_start", "date", "earliest day the event may have happened"),
    Field("date_end", "date", "latest day the event may have happened"),
    Field("fatalities_low", "integer", "lowest reported death toll (UCDP low)"),
    Field("fatalities_high", "integer", "highest reported death toll (UCDP high)"),
    Field("injured", "integer", "reported injured"),
    Field("abducted", "integer", "reported abducted or kidnapped"),
    Field("arrested", "integer", "reported arrested or detained"),
    Field("perpetrators", "list of text", "who acted, as the text names them (CSV: '; '-separated)"),
    Field("victims", "list of text", "who was hurt, killed or taken, by name"),
    Field("targets", "list of text", "things attacked (buildings, vehicles, installations)"),
    Field("weapons", "list of text", "arms the event was carried out with"),
    Field("confidence", "decimal", "the coder's confidence, 0 to 1"),
    Field("type_of_violence", "integer", "UCDP type of violence", "1 state-based; 2 non-state; 3 one-sided; empty: not organised violence"),
    Field("plover_event", "text", "PLOVER event type", "AGREE ... ASSAULT (16 types)"),
    Field("plover_mode", "text", "PLOVER mode (firearms, explosives, abduct, arrest, demo, riot, ...)"),
    Field("doc_ids", "text", "the documents that report it, '; '-separated (Parquet: in `sources`)"),
    Field("source_sentences", "text", "the evidence sentences, ' | '-separated (Parquet: in `sources`)"),
    Field("sources", "list of records", "Parquet, JSONL and GeoJSON: {doc_id, source, url, published, sentence, start, end} per report"),
]
UCDP_NOTES = {
    "id": Field("id", "integer", "a number derived from event_id (stable)"),
    "relid": Field("relid", "text", "conflictcoder's event_id"),
    "best": Field("best", "integer", "best estimate of deaths (fatalities); only events with best >= 1 are exported"),
    "type_of_violence": Field("type_of_violence", "integer", "UCDP type of violence; events without one are not exported",
                              "1 state-based; 2 non-state; 3 one-sided"),
    "where_prec": Field("where_prec", "integer", "UCDP place precision", "1 exact place; 2 within 25 km; 4 first-order admin; 6 country"),
    "date_prec": Field("date_prec", "integer", "UCDP date precision", "1 day; 3 week; 4 month"),
    "deaths_unknown": Field("deaths_unknown", "integer", "deaths not split by side (all of best: the sides' split is not coded)"),
    "priogrid_gid": Field("priogrid_gid", "integer", "PRIO-GRID cell of the coordinates"),
}


def fields() -> list[Field]:
    return ACLED_FIELDS + OWN_FIELDS


def ucdp_fields() -> list[Field]:
    from .export import UCDP_COLUMNS

    return [UCDP_NOTES.get(c, Field(c, "", "UCDP GED column (what an article cannot tell stays empty)"))
            for c in UCDP_COLUMNS]
