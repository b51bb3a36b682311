"""The `accord` command: demo, serve, manage and audit."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path


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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
