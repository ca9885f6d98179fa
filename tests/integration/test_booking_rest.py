"""Booking through Rasa's REST channel: the trained model, a real action server and a real
(temporary SQLite) appointments database. Book in French end to end, list, cancel; book in
English with a digression and a change of mind."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
from rasa.core.channels.rest import RestInput
from rasa.core.run import configure_app

from actions.booking.catalogue import DEFAULT_PATH, load_catalogue
from actions.booking.messages import MONTHS
from actions.booking.store import URL_VARIABLE, AppointmentStore
from scripts.processes import free_port, running_action_server

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def booking_agent(model_path, tmp_path_factory) -> Iterator[tuple[object, AppointmentStore]]:
    """The model with its own action server, started on a temporary appointments database
    (the shared session action server uses the default one)."""
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    url = f"sqlite:///{tmp_path_factory.mktemp('booking') / 'appointments.db'}"
    port = free_port()
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv(URL_VARIABLE, url)  # the action server copies it when it starts
        server = running_action_server(port)
        server.__enter__()
    try:
        agent = Agent.load(
            str(model_path),
            action_endpoint=EndpointConfig(url=f"http://127.0.0.1:{port}/webhook"),
        )
        store = AppointmentStore(url)
        yield agent, store
        store.dispose()
    finally:
        server.__exit__(None, None, None)


@pytest.fixture
def rest_app(booking_agent):
    app = configure_app([RestInput()], enable_api=False, port=0)
    app.ctx.agent = booking_agent[0]
    return app


@pytest.fixture
def store(booking_agent) -> AppointmentStore:
    return booking_agent[1]


class User:
    def __init__(self, app) -> None:
        self.app = app
        self.sender = f"rest-{uuid.uuid4().hex}"

    async def says(self, message: str) -> list[dict]:
        _, response = await self.app.asgi_client.post(
            "/webhooks/rest/webhook", json={"sender": self.sender, "message": message}
        )
        assert response.status == 200
        return response.json


def texts(replies: list[dict]) -> str:
    return " ".join(reply.get("text", "") for reply in replies)


def buttons(replies: list[dict]) -> list[dict]:
    return [button for reply in replies for button in reply.get("buttons", [])]


def next_weekday(days_ahead: int = 2) -> dt.date:
    """A day at least `days_ahead` ahead, Monday to Saturday (the market pharmacy's days)."""
    day = load_catalogue(DEFAULT_PATH).now().date() + dt.timedelta(days=days_ahead)
    return day + dt.timedelta(days=1) if day.weekday() == 6 else day


async def test_book_in_french_then_list_then_cancel(rest_app, store):
    user = User(rest_app)
    day = next_weekday()

    asked_site = await user.says("Je voudrais prendre rendez-vous pour un vaccin contre la grippe")
    assert "Où souhaitez-vous faire votre Vaccination grippe" in texts(asked_site)
    assert '/inform{"site":"pharmacie_du_marche"}' in [b["payload"] for b in buttons(asked_site)]

    asked_time = await user.says('/inform{"site":"pharmacie_du_marche"}')
    assert "Quand souhaitez-vous venir à Pharmacie du Marché" in texts(asked_time)
    assert 1 <= len(buttons(asked_time)) <= 3

    asked_name = await user.says(f"le {day.day} {MONTHS['fr'][day.month - 1]} à 10h")
    assert "Pour qui est le rendez-vous" in texts(asked_name)

    summary = await user.says("c'est pour Jeanne Martin")
    assert "Vérifiez : Vaccination grippe à Pharmacie du Marché" in texts(summary)
    assert "pour Jeanne Martin" in texts(summary)
    assert [b["payload"] for b in buttons(summary)] == ["/affirm", "/deny"]

    booked = await user.says("oui")
    assert "C'est réservé" in texts(booked)
    assert "2 place du Marché" in texts(booked)
    assert "carnet de vaccination" in texts(booked)
    [appointment] = store.list_upcoming(user.sender, dt.datetime(2000, 1, 1))
    assert (appointment.site_id, appointment.starts_at, appointment.patient_name) == (
        "pharmacie_du_marche",
        dt.datetime.combine(day, dt.time(10, 0)),
        "Jeanne Martin",
    )

    listed = await user.says("mes rendez-vous")
    assert "Vaccination grippe, Pharmacie du Marché" in texts(listed)
    assert f'/cancel_appointment{{"appointment_id":"{appointment.id}"}}' in [
        b["payload"] for b in buttons(listed)
    ]

    asked = await user.says("je voudrais annuler mon rendez-vous")
    assert "Annuler le rendez-vous Vaccination grippe pour Jeanne Martin" in texts(asked)

    cancelled = await user.says("oui")
    assert "C'est annulé" in texts(cancelled)
    assert store.list_upcoming(user.sender, dt.datetime(2000, 1, 1)) == []

    assert "aucun rendez-vous" in texts(await user.says("mes rendez-vous"))


async def test_book_in_english_with_a_question_in_the_middle_then_change_of_mind(rest_app, store):
    user = User(rest_app)

    asked_service = await user.says("I want to book an appointment")
    assert "Which service would you like to book?" in texts(asked_service)
    assert len(buttons(asked_service)) == 7

    asked_site = await user.says('/inform{"service":"blood_test"}')
    assert "Where would you like your Blood test?" in texts(asked_site)
    assert {b["payload"] for b in buttons(asked_site)} == {
        '/inform{"site":"clinique_pasteur"}',
        '/inform{"site":"clinique_des_lilas"}',
    }

    digression = await user.says("when are the bins collected?")
    assert "Waste collection" in texts(digression)
    assert "Where would you like your Blood test?" in texts(digression)

    asked_time = await user.says("at Pasteur clinic")
    assert "When would you like to come to Pasteur Clinic?" in texts(asked_time)

    refused = await user.says("sunday at 10")
    assert "Pasteur Clinic is closed on Sundays" in texts(refused)
    assert "nearest free times" in texts(refused)

    stopped = await user.says("I changed my mind")
    assert "nothing was booked" in texts(stopped)
    assert store.list_upcoming(user.sender, dt.datetime(2000, 1, 1)) == []
