"""Storage commands, for operators and cron:

    python -m service.storage upgrade            apply the migrations (the service also does)
    python -m service.storage purge [--days N]   delete revisions older than N days
                                                 (default NEWSMETRICS_RETENTION_DAYS; 0 keeps all)

The database is NEWSMETRICS_DATABASE_URL's, as for the service.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import timedelta

from service import config
from service.storage import Database, StorageUnavailable
from service.storage import articles as stored_articles


def _url() -> str:
    url = os.environ.get(config.PREFIX + "DATABASE_URL")
    return url or f"sqlite:///{os.path.abspath(config.DEFAULT_SQLITE)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service.storage", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("upgrade", help="apply the migrations")
    purge = commands.add_parser("purge", help="delete revisions past the retention period")
    purge.add_argument("--days", type=float, default=None, help="override RETENTION_DAYS")
    args = parser.parse_args(argv)
    try:
        db = Database(_url())
        if args.command == "upgrade":
            db.migrate()
            print(f"migrated {db.describe()}")
            return 0
        days = args.days if args.days is not None else config.from_environment("RETENTION_DAYS")
        if days <= 0:
            print("retention is 0 days: nothing is purged (pass --days N)")
            return 0
        revisions, emptied = stored_articles.purge(db, timedelta(days=days))
    except StorageUnavailable as err:
        sys.stderr.write(f"error: {err}\n")
        return 1
    print(f"purged {revisions} revisions older than {days:g} days and {emptied} empty articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
