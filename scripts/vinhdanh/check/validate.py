"""Stage 2 — validate: every file, every rule, every finding, in one pass.

Order per file: load (``yaml``) → schema (``schema``) → field rules → plan rules;
then cross-file checks. A file that fails to load or breaks its schema still
gets every check that can safely run on it, and one bad file never hides
another's findings. Unexpected failures become findings, never tracebacks.

Files are independent until the cross-file checks, so from ``PARALLEL_FROM``
files on, half of them are checked in a forked process on the other core
(see ``background``). What comes back is small on purpose: findings, the data
of accepted files, and the few positions the cross-file checks quote; the
line-and-column maps of whole files stay in the process that made them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from vinhdanh.background import Background, paused_gc
from vinhdanh.check.comments import one_story
from vinhdanh.check.files import find_named, find_submissions, path_key, shown
from vinhdanh.check.findings import ERROR, WARNING, Finding, sort_findings
from vinhdanh.check.load import Document, JsonPath, load_file
from vinhdanh.check.privacy import outside_retired
from vinhdanh.check.references import KINDS, Link, links, resolve, unreceived
from vinhdanh.check.registry import Registry, load_registry
from vinhdanh.check.rules import Context, check_fields, check_plan, honorees
from vinhdanh.check.schema import DATE_REF, SchemaChecker, fields_with_ref
from vinhdanh.check.schema_messages import show_path
from vinhdanh.project import Project
from vinhdanh.values import show_value

PARALLEL_FROM = 64  # files; below this a second process costs more than it saves


class Accepted(NamedTuple):
    """A submission that passed its schema: its data, for the model."""

    file: str
    data: dict[str, Any]


class Mention(NamedTuple):
    """Where a file names an individual honoree, for the cross-file checks."""

    file: str
    path: JsonPath
    line: int
    column: int
    identity: tuple[str, ...]
    name: str
    workplace: str


class Outcome(NamedTuple):
    """All that checking one file gives: what the run keeps of it."""

    findings: list[Finding]
    accepted: Accepted | None = None
    mentions: tuple[Mention, ...] = ()
    links: tuple[Link, ...] = ()
    honorees_at: tuple[tuple[int, int], ...] = ()  # where each honorees list is (KINDS)


@dataclass
class Result:
    """What validation found, and which submissions are fit to publish."""

    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    accepted: list[Accepted] = field(default_factory=list)
    registry: Registry | None = None

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self.findings)


def validate(project: Project, paths: list[Path] | None = None) -> Result:
    """Validate the named files (default: the registry and every submission)."""
    registry_path = project.registry_path
    if paths:
        files, layout = find_named(paths, project.submissions_dir)
    else:
        files, layout = find_submissions(project.submissions_dir)
        files = [registry_path, *files]
    registry_key = path_key(registry_path)
    submissions = [f for f in files if path_key(f) != registry_key]
    named_registry = len(submissions) < len(files)

    result = Result(files_checked=len(submissions) + (1 if named_registry else 0))
    result.files_checked += len({f.file for f in layout})
    result.findings += layout
    registry_findings, result.registry = load_registry(project)
    result.findings += [f for f in registry_findings if named_registry or f.is_error]

    checker, ctx = prepare(project, result.registry)
    mentions: list[Mention] = []
    found: list[Link] = []
    places: dict[str, tuple[tuple[int, int], ...]] = {}
    with paused_gc():
        outcomes = _check_files(submissions, checker, ctx)
    for outcome in outcomes:
        result.findings += outcome.findings
        if outcome.accepted is not None:
            result.accepted.append(outcome.accepted)
            mentions += outcome.mentions
            found += outcome.links
            places[outcome.accepted.file] = outcome.honorees_at
    result.findings += cross_file(mentions)
    erred = {f.file for f in result.findings if f.is_error}
    valid = {d.data["don_vi"]["ma"]: d.data for d in result.accepted if d.file not in erred}
    if found:
        result.findings += resolve(found, valid, project)
    if result.registry:
        parents = {
            d.data["don_vi"]["ma"]: (d.file, places[d.file])
            for d in result.accepted
            if d.file not in erred
        }
        result.findings += unreceived(parents, valid, result.registry, project)
    errored = {f.file for f in result.findings if f.is_error}
    result.accepted = [
        _as_registered(doc, result.registry) for doc in result.accepted if doc.file not in errored
    ]
    result.findings = sort_findings(result.findings)
    return result


def _as_registered(doc: Accepted, registry: Registry | None) -> Accepted:
    """The unit's name, level and parent as the registry has them (SPEC §9.2).

    An accepted file already agrees with the registry (else ``ma-don-vi``); this
    also fills in a parent the file left out, so pages never take them from the file.
    """
    entry = registry.get(doc.data["don_vi"]["ma"]) if registry else None
    if entry is not None:
        unit = doc.data["don_vi"]
        unit["ten"], unit["cap"] = entry["ten"], entry["cap"]
        unit.pop("cap_tren", None)
        if entry.get("cap_tren") is not None:
            unit["cap_tren"] = entry["cap_tren"]
    return doc


def prepare(project: Project, registry: Registry | None) -> tuple[SchemaChecker, Context]:
    """The compiled schema and the rule context, built once per run."""
    checker = SchemaChecker(project.schemas, "submission")
    ctx = Context(
        project.plan,
        project.vocabulary,
        registry,
        checker.money_fields,
        fields_with_ref(checker.schema, DATE_REF),
        checker.fraction_fields,
    )
    return checker, ctx


def check_document(
    doc: Document, checker: SchemaChecker, ctx: Context, stem: str
) -> tuple[list[Finding], bool]:
    """All single-file checks of a parsed document; says whether it passed its schema.

    Unguarded on purpose: the property tests call it directly, so a crash here is
    a test failure, not a finding.
    """
    findings = checker.check(doc)
    conforms = not findings
    findings += check_fields(doc, ctx, stem)
    if conforms:
        findings += check_plan(doc, ctx)
    return findings, conforms


def _check_files(paths: list[Path], checker: SchemaChecker, ctx: Context) -> list[Outcome]:
    """Every file's outcome, in order; half of a large batch on the other core."""
    if len(paths) < PARALLEL_FROM:
        return _check_all(paths, checker, ctx)
    half = len(paths) // 2
    first = Background(_check_all, paths[:half], checker, ctx)
    rest = _check_all(paths[half:], checker, ctx)
    return first.result() + rest


def _check_all(paths: list[Path], checker: SchemaChecker, ctx: Context) -> list[Outcome]:
    return [_one_file(path, checker, ctx) for path in paths]


def _one_file(path: Path, checker: SchemaChecker, ctx: Context) -> Outcome:
    file = shown(path)
    try:
        doc, findings = load_file(path, file)
        if doc is None:
            return Outcome(findings)
        findings = outside_retired(doc, findings)
        more, conforms = check_document(doc, checker, ctx, path.stem)
        if not conforms:
            return Outcome(one_story(findings + more))
        accepted = Accepted(doc.file, doc.data)
        place = tuple(doc.where(("dien_hinh", kind), key=True) for kind in KINDS)
        return Outcome(findings + more, accepted, tuple(_mentions(doc)), links(doc), place)
    except Exception as exc:  # noqa: BLE001 - the user must get a finding, not a traceback
        message = (
            f"vinhdanh gặp lỗi nội bộ khi kiểm tra tệp này ({type(exc).__name__}). "
            "Tệp chưa được chấp nhận; hãy báo lỗi cho nhóm phát triển kèm tệp."
        )
        return Outcome([Finding(file, 1, 1, "loi-noi-bo", ERROR, message)])


def _mentions(doc: Document) -> list[Mention]:
    """Individuals only: collectives' names ("Phòng Kỹ thuật") repeat across units."""
    people = doc.data["dien_hinh"]["ca_nhan"]  # honorees() yields records only
    return [
        Mention(
            doc.file,
            path,
            *doc.where(path),
            identity,
            people[path[2]]["ho_ten"],
            people[path[2]]["noi_cong_tac"],
        )
        for path, _ma, identity in honorees(doc.data)
        if len(identity) >= 2
    ]


def cross_file(mentions: list[Mention]) -> list[Finding]:
    """The same person honoured by two units is worth a reviewer's look (a warning).

    Often it is right (an exemplar sent up from a grassroots union), so it never
    blocks; the reviewer decides.
    """
    first_seen: dict[tuple[str, ...], Mention] = {}
    findings = []
    for mention in sorted(mentions, key=lambda m: m.file):
        other = first_seen.setdefault(mention.identity, mention)
        if other.file == mention.file:
            continue
        findings.append(
            Finding(
                mention.file,
                mention.line,
                mention.column,
                "trung-lap",
                WARNING,
                f"'{show_value(mention.name)}' ({show_value(mention.workplace)}) "
                "cũng có trong hồ sơ "
                f"{other.file} (dòng {other.line}, {show_path(other.path)}). "
                "Nếu là cùng một người được giới thiệu lên từ cấp dưới thì không cần sửa; "
                "nếu là hai người khác nhau, hãy ghi rõ nơi công tác để phân biệt.",
            )
        )
    return findings
