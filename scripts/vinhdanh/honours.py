"""Who honoured whom: references between units resolved, for pages, downloads and documents.

A record lives in one unit's file; an upper level refers to it (``tu:``). These
functions only look the records up both ways, over the modelled submissions of
one build; the model itself keeps references apart from records, so each
person is counted once.
"""

from __future__ import annotations

from dataclasses import replace

from vinhdanh.model import Collective, Person, Reference, Submission

Honoree = Person | Collective


def records_index(submissions: list[Submission]) -> dict[tuple[str, str], Honoree]:
    """(unit, id) → the record, for resolving references."""
    index: dict[tuple[str, str], Honoree] = {}
    for sub in submissions:
        for h in (*sub.people, *sub.collectives):
            index[sub.unit.id, h.id] = h
    return index


def with_references(sub: Submission, records: dict[tuple[str, str], Honoree]) -> Submission:
    """The submission as its documents list it: its own records, then the lower units'
    honorees it refers to (their records, keyed ``<unit>/<id>`` as the file names them),
    with what this level adds: its words after the record's, the awards it gave that
    the record does not already hold."""
    people, groups = list(sub.people), list(sub.collectives)
    for ref in sub.references:
        record = records.get((ref.unit, ref.id))
        if record is None:
            continue
        held = {(a.form, a.year) for a in record.awards}
        awards = record.awards + tuple(a for a in ref.awards if (a.form, a.year) not in held)
        record = replace(record, id=f"{ref.unit}/{ref.id}", awards=awards)
        if isinstance(record, Person):
            if ref.achievements:
                words = f"{record.achievements}\n\n{sub.unit.name}: {ref.achievements}"
                record = replace(record, achievements=words)
            people.append(record)
        else:
            groups.append(record)
    return replace(sub, people=tuple(people), collectives=tuple(groups))


def honoured_above(
    submissions: list[Submission],
) -> dict[tuple[str, str], list[tuple[Submission, Reference]]]:
    """(unit, id) of a record → the upper units that refer to it, with what they add."""
    above: dict[tuple[str, str], list[tuple[Submission, Reference]]] = {}
    for sub in submissions:
        for ref in sub.references:
            above.setdefault((ref.unit, ref.id), []).append((sub, ref))
    return above
