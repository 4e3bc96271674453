"""manage.py load_catalog [--file PATH]: sync the provider rows with the versioned data file.

Idempotent: a second run changes nothing; an edited file updates the rows it changes; a
provider removed from the file is marked inactive (never deleted).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from payments.catalog.schema import PROVIDERS_FILE, CatalogError
from payments.services.catalog import catalog_load


class Command(BaseCommand):
    help = "Load payments/catalog/providers.json into the provider catalog (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=PROVIDERS_FILE)

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        assert isinstance(path, Path)
        try:
            report = catalog_load(path=path)
        except CatalogError as exc:
            raise CommandError(str(exc)) from None
        if not report.changed:
            self.stdout.write(f"Catalog unchanged ({len(report.unchanged)} providers).")
            return
        for label, slugs in (
            ("created", report.created),
            ("updated", report.updated),
            ("deactivated", report.deactivated),
        ):
            if slugs:
                self.stdout.write(f"{label}: {', '.join(slugs)}")
        self.stdout.write(self.style.SUCCESS(f"Catalog loaded from {path.name}."))
