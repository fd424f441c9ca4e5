"""Analysing many files at once (`reader analyse`): one model load per worker process, results
in input order. spaCy holds the GIL, so only processes use both cores."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from reader.analysis.backend import Backend

# Fewer files than this are not worth a second model load.
PARALLEL_FROM = 16

_worker_backend: Backend | None = None


Outcome = tuple[str, Any, str | None]  # file, analysis JSON or None, error or None


def _results(path: Path, reference: date | None, backend: Backend) -> list[Outcome]:
    from reader.analysis.service import analyse_text
    from reader.models import parse_iso_day
    from reader.sources.files import LoadError, analysable_texts

    try:
        texts = analysable_texts(path)
    except LoadError as error:
        return [(str(path), None, str(error))]
    outcomes: list[Outcome] = []
    for piece in texts:
        try:
            # --date wins; else the file's own date (front matter, page metadata, feed entry)
            day = reference or parse_iso_day(piece.published)
            result = analyse_text(piece.text, day, backend).to_json()
        except Exception as error:  # one bad file must not stop a corpus run
            outcomes.append((str(path), None, f"{path}: analysis failed: {error}"))
            continue
        result["file"] = str(path)
        if not piece.whole_file:
            # the offsets point into the extracted text, not the file: say what it was
            result["title"] = piece.title
            result["text"] = piece.text
        outcomes.append((str(path), result, None))
    return outcomes


def _in_worker(job: tuple[Path, date | None, str]) -> list[Outcome]:
    global _worker_backend
    path, reference, backend_name = job
    if _worker_backend is None:
        from reader.analysis.service import make_backend

        _worker_backend = make_backend(backend_name)
    return _results(path, reference, _worker_backend)


def default_jobs(files: int) -> int:
    return min(os.cpu_count() or 1, 4) if files >= PARALLEL_FROM else 1


def analyse_files(
    paths: list[Path], reference: date | None, jobs: int = 0, backend_name: str = "spacy"
) -> Iterator[Outcome]:
    """(file, analysis JSON or None, error or None) for each article of each path, in order."""
    jobs = jobs or default_jobs(len(paths))
    if jobs <= 1:
        from reader.analysis.service import make_backend

        backend = make_backend(backend_name)
        for path in paths:
            yield from _results(path, reference, backend)
        return
    # fork before any model is loaded: each worker loads its own, no threads are inherited
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs) as pool:
        work = [(path, reference, backend_name) for path in paths]
        for outcomes in pool.imap(_in_worker, work, chunksize=4):
            yield from outcomes
