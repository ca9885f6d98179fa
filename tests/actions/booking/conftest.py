"""Fixtures of the booking tests: a small catalogue that does not change when a deployer edits
data/catalogue.yml, a fixed "now", and appointment stores on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
import yaml

from actions.booking.catalogue import Catalogue, parse_catalogue
from actions.booking.store import AppointmentStore
from tests.services import require_postgres

# Thursday 26 November 2026, 15:00, local time of the sites.
NOW = dt.datetime(2026, 11, 26, 15, 0)

CATALOGUE_YAML = """
timezone: Europe/Paris
services:
  flu_vaccination:
    names: {en: "Flu vaccination", fr: "Vaccination grippe"}
    aliases: {en: [flu jab, flu], fr: [vaccin grippe, grippe]}
    duration_minutes: 15
    bring: {en: "your vaccination record", fr: "votre carnet de vaccination"}
  blood_test:
    names: {en: "Blood test", fr: "Prise de sang"}
    aliases: {en: [blood test], fr: [prise de sang]}
    duration_minutes: 20
    bring: {en: "your prescription", fr: "votre ordonnance"}
  gp_consultation:
    names: {en: "GP consultation", fr: "Consultation médecin"}
    aliases: {en: [doctor], fr: [médecin]}
    duration_minutes: 20
    bring: {en: "your health record", fr: "votre carnet de santé"}
sites:
  clinic_a:
    kind: clinic
    names: {en: "Clinic A", fr: "Clinique A"}
    aliases: [clinic a, clinique a]
    address: "1 rue A, Villeclaire"
    hours:
      mon: [["09:00", "12:30"], ["14:00", "18:00"]]
      tue: [["09:00", "12:30"], ["14:00", "18:00"]]
      wed: [["09:00", "12:30"]]
      thu: [["09:00", "12:30"], ["14:00", "18:00"]]
      fri: [["09:00", "12:30"], ["14:00", "18:00"]]
      sat: [["09:00", "12:00"]]
      sun: []
    services:
      flu_vaccination: {places: 2}
      blood_test: {places: 1}
      gp_consultation: {places: 1}
  pharmacy_b:
    kind: pharmacy
    names: {en: "Pharmacy B", fr: "Pharmacie B"}
    aliases: [pharmacy b, pharmacie b]
    address: "2 place B, Villeclaire"
    hours:
      mon: []
      tue: [["09:00", "19:00"]]
      wed: [["09:00", "19:00"]]
      thu: [["09:00", "19:00"]]
      fri: [["09:00", "19:00"]]
      sat: [["09:00", "19:00"]]
      sun: []
    services:
      flu_vaccination: {places: 1}
"""


def catalogue_data() -> dict:
    return yaml.safe_load(CATALOGUE_YAML)


@pytest.fixture
def catalogue() -> Catalogue:
    return parse_catalogue(catalogue_data())


@pytest.fixture
def now() -> dt.datetime:
    return NOW


def _sqlite_store(directory) -> AppointmentStore:
    return AppointmentStore(f"sqlite:///{directory / 'appointments.db'}")


def _postgres_store() -> AppointmentStore:
    url = require_postgres()
    store = AppointmentStore(url, table_name=f"test_appointments_{uuid.uuid4().hex[:12]}")
    store.engine  # noqa: B018 - creates the table now, where a failure is easy to read
    return store


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path) -> Iterator[AppointmentStore]:
    """An empty appointment store on a SQLite file, and on the real PostgreSQL."""
    made = _sqlite_store(tmp_path) if request.param == "sqlite" else _postgres_store()
    try:
        yield made
    finally:
        if request.param == "postgres":
            made.drop()
        made.dispose()


@pytest.fixture
def booking(monkeypatch, tmp_path, catalogue) -> Iterator[AppointmentStore]:
    """The booking actions on the small catalogue, at NOW, with an empty SQLite store."""
    from actions.booking import common
    from actions.booking import store as store_module

    monkeypatch.setattr(common, "now", lambda: NOW)
    monkeypatch.setattr(common, "catalogue", lambda: catalogue)
    monkeypatch.setenv(store_module.URL_VARIABLE, f"sqlite:///{tmp_path / 'appointments.db'}")
    monkeypatch.setattr(store_module, "_stores", {})
    monkeypatch.setenv("VIGIE_REMINDERS_DB_URL", f"sqlite:///{tmp_path / 'reminders.db'}")
    made = store_module.get_store()
    yield made
    made.dispose()


@pytest.fixture(scope="session")
def domain() -> dict:
    from actions.booking.catalogue import ROOT

    return yaml.safe_load((ROOT / "domain.yml").read_text())
