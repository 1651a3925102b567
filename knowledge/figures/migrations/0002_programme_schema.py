"""The programme's evaluation schema, and the coordinators' right to manage it.

Coordinators edit the schema afterwards in the admin (Snippets → Key figures).
"""

import datetime

from django.db import migrations

GROUPS = [
    ("besuche", "Besuche nach Anliegen", 10),
    ("personal", "Personal", 20),
    ("oeffnungszeiten", "Öffnungszeiten", 30),
    ("wartezeiten", "Wartezeiten", 40),
]
# (group, key, label, unit, kind, check, help text, required, order)
DEFINITIONS = [
    ("besuche", "besuche_gesamt", "Besuche am ServicePoint insgesamt", "Besuche", "count",
     "visits", "Alle Vorsprachen am ServicePoint im Monat.", True, 10),
    ("besuche", "anliegen_unterlagen", "Unterlagen abgeben", "Besuche", "count", "concern",
     "", False, 20),
    ("besuche", "anliegen_formulare", "Formulare abholen", "Besuche", "count", "concern", "",
     False, 30),
    ("besuche", "anliegen_termin", "Termin buchen", "Besuche", "count", "concern", "", False, 40),
    ("besuche", "anliegen_auskunft", "Einfache Auskunft", "Besuche", "count", "concern", "",
     False, 50),
    ("besuche", "anliegen_sonstiges", "Sonstiges", "Besuche", "count", "concern", "", False, 60),
    ("besuche", "weiterleitungen_termin", "Weiterleitungen in einen Sachbearbeitungstermin",
     "Besuche", "count", "", "Vorsprachen, die einen Termin in der Sachbearbeitung brauchten.",
     False, 70),
    ("personal", "personalstunden", "Personalstunden am ServicePoint", "Stunden", "hours", "",
     "Summe der Stunden aller Mitarbeitenden am ServicePoint.", True, 10),
    ("oeffnungszeiten", "oeffnungsstunden_woche", "Öffnungsstunden pro Woche", "Stunden",
     "hours", "", "", True, 10),
    ("wartezeiten", "wartezeit_median", "Wartezeit (Median)", "Minuten", "minutes", "waiting",
     "Die Hälfte der Besuchenden wartete höchstens so lange.", False, 10),
    ("wartezeiten", "wartezeit_p90", "Wartezeit (90. Perzentil)", "Minuten", "minutes",
     "waiting", "Neun von zehn Besuchenden warteten höchstens so lange.", False, 20),
]
PERMISSIONS = ("add", "change", "view")


def create(apps, schema_editor):
    FigureGroup = apps.get_model("figures", "FigureGroup")
    FigureDefinition = apps.get_model("figures", "FigureDefinition")
    groups = {}
    for key, label, order in GROUPS:
        groups[key], _ = FigureGroup.objects.get_or_create(
            key=key, defaults={"label": label, "sort_order": order}
        )
    for group, key, label, unit, kind, check, help_text, required, order in DEFINITIONS:
        FigureDefinition.objects.get_or_create(
            key=key,
            defaults={
                "group": groups[group],
                "label": label,
                "unit": unit,
                "kind": kind,
                "check_as": check,
                "help_text": help_text,
                "required": required,
                "sort_order": order,
                "valid_from": datetime.date(2020, 1, 1),
            },
        )
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    RoleGroup = apps.get_model("accounts", "RoleGroup")
    role = RoleGroup.objects.filter(slug="coordinator").first()
    if role is None:
        return
    for model in ("figuregroup", "figuredefinition"):
        content_type, _ = ContentType.objects.get_or_create(app_label="figures", model=model)
        for action in PERMISSIONS:
            perm, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            role.group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("figures", "0001_initial"),
        ("accounts", "0003_role_groups"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
