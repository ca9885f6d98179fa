"""The catalogue: the sample file meets the issue, and mistakes get messages naming the entry."""

from __future__ import annotations

import datetime as dt

import pytest

from actions.booking.catalogue import (
    DEFAULT_PATH,
    CatalogueError,
    get_catalogue,
    load_catalogue,
    normalise,
    parse_catalogue,
)
from guards.api import check
from tests.actions.booking.conftest import catalogue_data


@pytest.fixture(scope="module")
def sample():
    return load_catalogue(DEFAULT_PATH)


def test_the_sample_has_two_clinics_and_two_pharmacies(sample):
    kinds = [site.kind for site in sample.sites.values()]

    assert kinds.count("clinic") >= 2
    assert kinds.count("pharmacy") >= 2


def test_the_sample_offers_every_service_the_issue_lists(sample):
    assert {
        "gp_consultation",
        "flu_vaccination",
        "covid_vaccination",
        "blood_test",
        "pharmacist_consultation",
        "medication_review",
        "screening_test",
    } <= set(sample.services)
    offered = {service for site in sample.sites.values() for service in site.places}
    assert offered == set(sample.services)


def test_the_sample_has_closed_days_and_lunch_breaks(sample):
    hours = [ranges for site in sample.sites.values() for ranges in site.hours.values()]

    assert any(ranges == () for ranges in hours)
    assert any(len(ranges) >= 2 for ranges in hours)


def test_the_sample_texts_ask_for_nothing_sensitive_and_sell_nothing(sample):
    texts = [
        text
        for service in sample.services.values()
        for text in [*service.names.values(), *service.bring.values()]
    ] + [text for site in sample.sites.values() for text in site.names.values()]

    assert [(text, check(text, "outbound")) for text in texts if check(text, "outbound")] == []


def test_get_catalogue_reads_the_file_named_by_the_environment(monkeypatch, tmp_path):
    path = tmp_path / "catalogue.yml"
    path.write_text(DEFAULT_PATH.read_text().replace("Villeclaire", "Autreville"))
    monkeypatch.setenv("VIGIE_CATALOGUE_PATH", str(path))

    assert "Autreville" in get_catalogue().site("clinique_pasteur").address
    assert get_catalogue() is get_catalogue()


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("I'd like a flu jab please", "flu_vaccination"),
        ("je voudrais le VACCIN GRIPPE", "flu_vaccination"),
        ("Vaccination grippe", "flu_vaccination"),
        ("flu_vaccination", "flu_vaccination"),
        ("a blood test", "blood_test"),
        ("nothing here", None),
    ],
)
def test_services_are_found_by_alias_name_or_id_ignoring_case_and_accents(catalogue, text, service):
    assert catalogue.match_service(text) == service


def test_the_longest_alias_wins(sample):
    assert sample.match_service("a covid vaccine") == "covid_vaccination"
    assert sample.match_service("a covid test") == "screening_test"
    assert sample.match_site("à la Pharmacie du Marché") == "pharmacie_du_marche"
    assert sample.match_site("pharmacie de la gare") == "pharmacie_de_la_gare"


def test_lookups_by_service_and_site(catalogue):
    assert [s.id for s in catalogue.sites_offering("blood_test")] == ["clinic_a"]
    assert [s.id for s in catalogue.services_at("pharmacy_b")] == ["flu_vaccination"]
    assert catalogue.service("flu_vaccination").name("fr") == "Vaccination grippe"
    assert catalogue.service("flu_vaccination").duration == dt.timedelta(minutes=15)
    assert catalogue.site("clinic_a").ranges(dt.date(2026, 11, 29)) == ()  # a Sunday


def test_normalise_folds_case_accents_and_punctuation():
    assert normalise("  Après-midi, l'ÉTÉ !") == "apres-midi l ete"


def _broken(change) -> str:
    data = catalogue_data()
    change(data)
    with pytest.raises(CatalogueError) as error:
        parse_catalogue(data)
    return str(error.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(timezone="Mars/Olympus"), "timezone: 'Mars/Olympus' is not a known"),
        (
            lambda d: d["sites"]["clinic_a"]["hours"].update(mon=[["9:00", "12:00"]]),
            "sites.clinic_a.hours.mon[0]: '9:00' is not a time written HH:MM",
        ),
        (
            lambda d: d["sites"]["clinic_a"]["hours"].update(mon=[["12:00", "09:00"]]),
            "sites.clinic_a.hours.mon[0]: opens at 12:00 but closes at 09:00",
        ),
        (
            lambda d: d["sites"]["clinic_a"]["hours"].pop("sun"),
            "sites.clinic_a.hours: missing sun",
        ),
        (
            lambda d: d["sites"]["clinic_a"]["services"].update(x_ray={"places": 1}),
            "sites.clinic_a.services.x_ray: unknown service",
        ),
        (
            lambda d: d["sites"]["clinic_a"]["services"].update(blood_test={"places": 0}),
            "sites.clinic_a.services.blood_test.places: must be a whole number",
        ),
        (
            lambda d: d["services"]["blood_test"]["names"].pop("fr"),
            "services.blood_test.names: needs a text for each language, missing: fr",
        ),
        (
            lambda d: d["services"]["blood_test"].update(duration_minutes="20"),
            "services.blood_test.duration_minutes: must be a whole number of minutes",
        ),
        (
            lambda d: d["sites"]["clinic_a"]["names"].update(en="A name far too long for a button"),
            "sites.clinic_a.names.en: 'A name far too long for a button' is longer than 20",
        ),
        (lambda d: d["sites"]["clinic_a"].update(kind="shop"), "sites.clinic_a.kind: must be one"),
    ],
)
def test_mistakes_are_reported_with_where_they_are(change, message):
    assert message in _broken(change)


def test_a_missing_or_invalid_file_says_so(tmp_path):
    with pytest.raises(CatalogueError, match="cannot read the catalogue"):
        load_catalogue(tmp_path / "nope.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("services: [\n")
    with pytest.raises(CatalogueError, match="is not valid YAML"):
        load_catalogue(bad)
