"""The `accord` command: demo, serve, manage, audit, import and export."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

from accord.documents.concordance_cli import add_arguments as add_concordance_arguments
from accord.documents.enums import DocumentKind
from accord.documents.exchange import EXPORT_FORMATS, IMPORT_FORMATS


def _data_dir() -> Path:
    from accord.config.settings_paths import data_dir

    return data_dir()


def _ensure_secret_key_file() -> None:
    """`accord demo` runs on a laptop with nothing configured: keep a random
    key in the data directory rather than a well-known one."""
    if os.environ.get("ACCORD_SECRET_KEY"):
        return
    path = _data_dir() / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.config.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        print(f"accord: configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc
    from django.conf import settings

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    if settings.STATIC_ROOT:
        # WhiteNoise serves from the apps; an empty collected folder keeps it quiet.
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def cmd_demo(args: argparse.Namespace) -> int:
    _ensure_secret_key_file()
    # The demo accounts share a published password: a second factor would
    # protect nothing, and would stand between a visitor and the demo.
    os.environ.setdefault("ACCORD_TWO_FACTOR_ROLES", "")
    _setup()
    _migrate()
    from accord.demo.loader import DEMO_PASSWORD, load_demo

    result = load_demo()
    print(f"Demo scenario loaded: {result.summary()}")
    print()
    print("Demo accounts (development only; the password is the same for all):")
    for username, description in result.accounts:
        print(f"  {username:<22} {description}")
    print(f"  password: {DEMO_PASSWORD}")
    from django.conf import settings

    if not settings.ACCORD_TWO_FACTOR_ROLES:
        print(
            "  (two-factor sign-in is not required in the demo; `accord serve` asks it of the "
            "secretariat, signatories and staff)"
        )
    if args.no_serve:
        return 0
    print()
    return _serve(host=args.host, port=args.port, workers=1)


def _serve(*, host: str, port: int, workers: int) -> int:
    import uvicorn

    shown = "localhost" if host in {"127.0.0.1", "0.0.0.0"} else host
    print(f"Accord is serving at http://{shown}:{port}/  (Ctrl-C to stop)", flush=True)
    uvicorn.run(
        "accord.config.asgi:application",
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        lifespan="off",
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    _setup()
    return _serve(host=args.host, port=args.port, workers=args.workers)


def cmd_manage(args: argparse.Namespace) -> int:
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["accord manage", *args.rest])
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    _setup()
    from accord.record.audit import verify_chain

    result = verify_chain()
    if result.ok:
        print(f"Audit chain intact: {result.checked} events verified.")
        return 0
    print(f"Audit chain BROKEN at event #{result.bad_seq}: {result.reason}", file=sys.stderr)
    print(f"({result.checked} events verified before it.)", file=sys.stderr)
    return 1


# Export and import ----------------------------------------------------------
#
# The formats, their checks and their messages live in
# accord.documents.exchange, shared with the pages and the API.


def _fail(command: str, message: str) -> int:
    print(f"accord {command}: {message}", file=sys.stderr)
    return 1


def cmd_export(args: argparse.Namespace) -> int:
    _setup()
    from accord.core.actors import SYSTEM
    from accord.core.errors import AccordError
    from accord.documents.exchange import export_file
    from accord.documents.models import Document

    document = Document.objects.filter(slug=args.document).first()
    if document is None:
        return _fail("export", f"no document with the slug {args.document!r}.")
    versions = document.versions.order_by("-number")
    version = versions.filter(number=args.version).first() if args.version else versions.first()
    if version is None:
        return _fail("export", f"{document.slug} has no version {args.version}.")
    wanted = args.lang or [document.working_language]
    codes = list(document.authentic_languages) if "all" in wanted else wanted
    if len(codes) > 1 and (args.output is None or args.output == "-"):
        return _fail("export", "several languages make several files: give -o DIRECTORY.")
    old = None
    if args.compare is not None:
        old = document.versions.filter(number=args.compare).first()
        if old is None:
            return _fail("export", f"{document.slug} has no version {args.compare}.")
    try:
        files = [
            export_file(
                version,
                actor=SYSTEM,
                format=args.format,
                language=code,
                beside=args.side_by_side,
                compare=old,
            )
            for code in codes
        ]
    except AccordError as exc:
        return _fail("export", exc.message)
    state = "published" if version.is_published else "working copy, exported as a draft"
    if args.output is None or args.output == "-":
        sys.stdout.buffer.write(files[0].data)
        sys.stdout.flush()
    else:
        target = Path(args.output)
        if len(files) > 1 or target.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            paths = [target / file.filename for file in files]
        else:
            paths = [target]
        for file, path in zip(files, paths, strict=True):
            path.write_bytes(file.data)
            print(f"Wrote {path}")
    print(
        f"Exported {document.slug} {version.label} (version {version.number}, {state}) "
        f"in {', '.join(codes)} as {args.format}.",
        file=sys.stderr,
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    _setup()
    from accord.core.actors import SYSTEM
    from accord.core.errors import AccordError
    from accord.documents.akn.safexml import check_size
    from accord.documents.exchange import import_documents
    from accord.processes.models import Process

    paths = [Path(name) for name in args.files]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        return _fail("import", f"no such file: {', '.join(missing)}.")
    if args.process:
        process = Process.objects.filter(slug=args.process).first()
        if process is None:
            return _fail("import", f"no process with the slug {args.process!r}.")
    else:
        processes = list(Process.objects.all()[:2])
        if len(processes) != 1:
            names = ", ".join(Process.objects.values_list("slug", flat=True)) or "none yet"
            return _fail("import", f"name the process with --process (processes: {names}).")
        process = processes[0]
    try:
        files = []
        for path in paths:
            check_size(path.stat().st_size, name=path.name)  # before reading it
            files.append((path.name, path.read_bytes()))
        results = import_documents(
            files,
            actor=SYSTEM,
            process=process,
            format=args.format,
            slug=args.slug,
            kind=args.kind,
        )
    except AccordError as exc:
        return _fail("import", f"{exc.message} Nothing was imported.")
    for result in results:
        document = result.document
        version = document.versions.get()
        print(
            f"Imported {document.slug}: {version.provisions.count()} provisions in "
            f"{', '.join(document.authentic_languages)} ({version.label}, working copy)."
        )
        for warning in result.warnings:
            print(f"  warning: {warning}")
    return 0


def cmd_check_concordance(args: argparse.Namespace) -> int:
    _setup()
    from accord.documents.concordance_cli import check_concordance_command

    return check_concordance_command(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="accord", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="migrate, load the demo scenario, print accounts, serve")
    demo.add_argument("--no-serve", action="store_true", help="load and exit")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--host", default="127.0.0.1")
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help="serve HTTP and websockets with uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(func=cmd_serve)

    manage = sub.add_parser("manage", help="Django management commands (migrate, ...)")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)

    audit = sub.add_parser("audit", help="the audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser("verify", help="check the hash chain of the audit log")
    verify.set_defaults(func=cmd_audit_verify)

    export = sub.add_parser("export", help="export a version of a document")
    export.add_argument("document", metavar="DOCUMENT_SLUG")
    export.add_argument("--version", type=int, help="version number (default: the latest)")
    export.add_argument(
        "--lang",
        action="append",
        help="language code, repeatable, or 'all' (default: the working language)",
    )
    export.add_argument("--format", required=True, choices=sorted(EXPORT_FORMATS))
    export.add_argument(
        "-o", "--output", help="file, or directory for several languages (default: stdout)"
    )
    export.add_argument(
        "--compare",
        type=int,
        metavar="N",
        help="a redline from version N to the exported version (docx)",
    )
    export.add_argument(
        "--side-by-side",
        metavar="LANG",
        help="pdf: the exported language beside LANG, provision by provision",
    )
    export.set_defaults(func=cmd_export)

    check = sub.add_parser("check-concordance", help="compare the language versions of a document")
    add_concordance_arguments(check)
    check.set_defaults(func=cmd_check_concordance)

    imports = sub.add_parser("import", help="import documents from files")
    imports.add_argument("files", nargs="+", metavar="FILE")
    imports.add_argument("--process", help="slug of the process (needed when there are several)")
    imports.add_argument(
        "--format", choices=sorted(IMPORT_FORMATS), help="default: recognised from the file"
    )
    imports.add_argument("--slug", help="slug of the new document (default: from its title)")
    imports.add_argument(
        "--kind",
        choices=DocumentKind.values,
        help="kind of the new document (default: as the files say, else a charter)",
    )
    imports.set_defaults(func=cmd_import)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
