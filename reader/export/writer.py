"""Writing exports to disk: safe names inside the output folder, atomic writes, and never
overwriting a file the user edited since we wrote it."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from reader.config import EXPORT_NAME_FIELDS, file_name_problem
from reader.export.markdown import ExportItem, render_article, render_digest
from reader.storage.keeping import ExportTable

SLUG_LENGTH = 60


class ExportError(Exception):
    """A problem that stops the export (bad pattern, unwritable folder)."""


@dataclass(slots=True)
class ExportReport:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    # (the edited file we kept, where the new export went instead)
    kept: list[tuple[Path, Path]] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # the file, why


def slugify(text: str, fallback: str) -> str:
    """Letters and digits of any script joined by dashes; never a path part, never empty."""
    normal = unicodedata.normalize("NFKC", text).lower()
    slug = ""
    for word in re.findall(r"[^\W_]+", normal):
        if slug and len(slug) + 1 + len(word) > SLUG_LENGTH:
            break  # whole words only
        slug = f"{slug}-{word}" if slug else word[:SLUG_LENGTH]
    return slug or fallback


def file_name(pattern: str, item: ExportItem) -> str:
    problem = file_name_problem(pattern)
    if problem:
        raise ExportError(f"export.file_name {pattern!r}: {problem}")
    article = item.article
    values = {
        "date": (article.published or "")[:10] or "undated",
        "slug": slugify(article.title, f"article-{article.id}"),
        "id": str(article.id),
        "source": slugify(article.source_title, "source"),
    }
    try:
        name = pattern.format(**values)
    except (KeyError, IndexError, ValueError) as error:
        raise ExportError(
            f"export.file_name {pattern!r}: unknown field {error}; use {', '.join(EXPORT_NAME_FIELDS)}"
        ) from None
    # The pattern is the user's, the values are the feed's: neither may leave the folder.
    name = name.replace("/", "-").replace("\\", "-").replace("\0", "")
    name = name.lstrip(".") or f"article-{article.id}.md"
    if not name.endswith(".md"):
        name += ".md"
    return name


def file_name_safe(stem: str) -> str:
    """A file name from a name of ours: a slug, never a path part."""
    return slugify(stem, "export") + ".md"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _mode_for_new_files() -> int:
    """What open() would give a new file: 0666 less the umask (mkstemp's 0600 is for secrets;
    an export is a file the user reads, syncs and shares like any other)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(path: Path, data: bytes) -> None:
    """A reader of `path` sees the old file or the new one, never half of either."""
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as temp:
            os.fchmod(temp.fileno(), _mode_for_new_files())
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


class SkipFile(Exception):
    """This one file is not written (the others are); the message says why."""


def _inside(folder: Path, name: str) -> Path:
    """`name` in `folder`, not resolved: a symbolic link there is the link, not its target."""
    path = folder / name
    if Path(name).name != name or name in ("", ".", "..") or path.parent != folder:
        raise ExportError(f"refusing to write outside {folder}: {name}")
    if path.is_symlink():
        raise SkipFile(f"{path} is a symbolic link; reader does not write through links")
    return path


def _same_apart_from_stamp(current: bytes, new: bytes) -> bool:
    """Only the `exported` time differs: nothing to write."""
    stamp = re.compile(rb"^exported: .*$", re.M)
    return stamp.sub(b"", current, count=1) == stamp.sub(b"", new, count=1)


@dataclass(slots=True)
class Exporter:
    folder: Path
    records: ExportTable
    pattern: str = "{date}-{slug}.md"
    force: bool = False

    def __post_init__(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ExportError(f"cannot create {self.folder}: {error.strerror}") from None
        self.folder = self.folder.resolve()

    def export(self, items: list[ExportItem], exported: str) -> ExportReport:
        report = ExportReport()
        taken: set[Path] = set()
        for item in items:
            try:
                path = self._path_for(item, taken)
                taken.add(path)
                self._write(path, item.article.id, render_article(item, exported), report)
            except SkipFile as skip:
                report.skipped.append((self.folder / file_name(self.pattern, item), str(skip)))
        return report

    def export_single(self, name: str, items: list[ExportItem], exported: str) -> ExportReport:
        report = ExportReport()
        target = Path(name if name.endswith(".md") else name + ".md").expanduser()
        if target.parent == Path("."):
            path = _inside(self.folder, target.name)  # a bare name goes into the folder
        else:  # a path the user typed is taken as typed
            path = target.resolve()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise ExportError(f"cannot create {path.parent}: {error.strerror}") from None
        try:
            self._write(path, None, render_digest(items, exported), report)
        except SkipFile as skip:
            report.skipped.append((path, str(skip)))
        return report

    def export_document(self, name: str, text: str) -> ExportReport:
        """One Markdown file of our own making (an entity's dossier), as safely as the rest."""
        report = ExportReport()
        path = _inside(self.folder, file_name_safe(name))
        self._write(path, None, text, report)
        return report

    def _path_for(self, item: ExportItem, taken: set[Path]) -> Path:
        """The pattern's name, unless another article already has it (now or in a past
        export): then the article id goes into the name."""
        path = _inside(self.folder, file_name(self.pattern, item))
        owner = self.records.owner(str(path))
        if path in taken or (owner is not None and owner != item.article.id):
            path = _inside(self.folder, f"{path.stem}-{item.article.id}.md")
        return path

    def _write(self, path: Path, article_id: int | None, text: str, report: ExportReport) -> None:
        data = text.encode("utf-8")
        if path.exists() and not self.force:
            current = path.read_bytes()
            if digest(current) != self.records.digest(str(path)):
                new_path = self._beside(path)
                self._store(new_path, article_id, data)
                report.kept.append((path, new_path))
                return
            if _same_apart_from_stamp(current, data):
                report.unchanged.append(path)
                return
        self._store(path, article_id, data)
        report.written.append(path)

    def _beside(self, path: Path) -> Path:
        """Where the export goes when the user edited `path`: notes.new.md (ours to replace
        while the user leaves it alone), else notes.new-2.md and so on."""
        candidate = _inside(self.folder, f"{path.stem}.new.md")
        counter = 2
        while candidate.exists() and not self._unedited(candidate):
            candidate = _inside(self.folder, f"{path.stem}.new-{counter}.md")
            counter += 1
        return candidate

    def _unedited(self, path: Path) -> bool:
        return digest(path.read_bytes()) == self.records.digest(str(path))

    def _store(self, path: Path, article_id: int | None, data: bytes) -> None:
        try:
            write_atomically(path, data)
        except OSError as error:
            raise ExportError(f"cannot write {path}: {error.strerror}") from None
        self.records.record(str(path), article_id, digest(data))
