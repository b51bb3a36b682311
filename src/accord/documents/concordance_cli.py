"""`accord check-concordance`: the concordance check from the command line.

    accord check-concordance DOCUMENT_SLUG [--version N] [--left CODE]
        [--right CODE ...] [--format text|json]

Compares the left language (default: the working language) with each right
language (repeatable; default: every other authentic language) in one version
(default: the latest), and lists stale translations. Exit status: 0 when
every pair is concordant, 1 when a discrepancy was found, 2 when the check
could not run (no such document, version or language). Stale translations
are reported but do not change the exit status.

This module imports nothing from Django at import time, so the command-line
parser can add its arguments before Django is set up.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("document", metavar="DOCUMENT_SLUG")
    parser.add_argument("--version", type=int, help="version number (default: the latest)")
    parser.add_argument("--left", help="reference language (default: the working language)")
    parser.add_argument(
        "--right",
        action="append",
        help="language to check, repeatable (default: every other authentic language)",
    )
    parser.add_argument("--format", choices=["text", "json"], default="text")


def check_concordance_command(
    args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the check described in the module docstring (Django must be set up)."""
    from accord.core import languages
    from accord.documents.concordance import describe, version_report
    from accord.documents.models import Document
    from accord.documents.views import document_languages

    out = out or sys.stdout
    err = err or sys.stderr

    def fail(message: str) -> int:
        print(f"accord check-concordance: {message}", file=err)
        return 2

    document = Document.objects.filter(slug=args.document).first()
    if document is None:
        return fail(f"no document with the slug {args.document!r}.")
    versions = document.versions.order_by("-number")
    version = versions.filter(number=args.version).first() if args.version else versions.first()
    if version is None:
        return fail(f"{document.slug} has no version {args.version}.")
    available = document_languages(document)
    left = args.left or document.working_language
    rights = args.right or [code for code in available if code != left]
    unknown = [code for code in [left, *rights] if code not in available]
    if unknown:
        return fail(
            f"{', '.join(unknown)}: not a language of {document.slug} ({', '.join(available)})."
        )
    rights = [code for code in dict.fromkeys(rights) if code != left]
    if not rights:
        return fail(f"{document.slug} has no other language to compare {left} with.")

    results = [version_report(version, left=left, right=right) for right in rights]
    stale = {s.translation_id: s for r in results for s in r.stale}
    discordant = any(not r.report.concordant for r in results)
    if args.format == "json":
        payload: dict[str, Any] = {
            "document": document.slug,
            "version": version.number,
            "label": version.label,
            "left": left,
            "concordant": not discordant,
            "pairs": [
                {
                    "right": r.report.right,
                    "compared": r.report.compared,
                    "concordant": r.report.concordant,
                    "counts": r.report.counts(),
                    "discrepancies": [
                        {
                            "kind": d.kind.value,
                            "uid": d.uid,
                            "eid": r.eids.get(d.uid, ""),
                            "label": d.label,
                            "left": list(d.left),
                            "right": list(d.right),
                        }
                        for d in r.report.discrepancies
                    ],
                }
                for r in results
            ],
            "stale": [
                {
                    "eid": s.eid,
                    "language": s.language,
                    "made_from": s.made_from_number,
                    "source_written_in": s.source_written_in_number,
                }
                for s in stale.values()
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        return 1 if discordant else 0

    print(f"{document.slug} {version.label} (version {version.number})", file=out)
    for r in results:
        report = r.report
        pair = (
            f"{languages.label(left)} ({left}) / {languages.label(report.right)} ({report.right})"
        )
        if report.concordant:
            print(f"{pair}: concordant ({report.compared} provisions compared).", file=out)
            continue
        print(
            f"{pair}: {len(report.discrepancies)} discrepancies "
            f"in {report.compared} provisions compared:",
            file=out,
        )
        for d in report.discrepancies:
            print(f"  [{d.kind.value}] {describe(d, left=left, right=report.right)}", file=out)
    for s in stale.values():
        print(
            f"stale: {s.eid} [{s.language}] made from {s.made_from}; "
            f"the source text changed in {s.source_written_in or 'a later version'}.",
            file=out,
        )
    return 1 if discordant else 0
