"""The outbound gate against the fake Graph API (which validates every body against Meta's
schema): suppression, purpose, window and template, output guard, pacing, metrics, reasons."""

from __future__ import annotations

import time

import pytest
from prometheus_client import REGISTRY

from bot.channels.whatsapp import WhatsAppInput, outbound
from bot.channels.whatsapp.gate import (
    APPOINTMENT_REMINDER,
    HOLD,
    REFUSE,
    SEND,
    OutboundGate,
    Pacing,
)
from core.privacy.registry import privacy_registry
from tests.bot.channels import whatsapp_payloads as p

BUTTONS = [{"title": "Cancel", "payload": '/cancel_appointment{"appointment_id":"1"}'}]


async def agreed(_user: str, purpose: str) -> bool:
    return purpose == APPOINTMENT_REMINDER


async def nothing_agreed(_user: str, _purpose: str) -> bool:
    return False


def make_gate(channel, consent=agreed, pacing=None) -> OutboundGate:
    runtime = channel.runtime
    return OutboundGate(
        runtime.client, runtime.inbox, runtime.window, consent, pacing or Pacing(), runtime.metrics
    )


def message(sender: str, text: str = "Reminder: flu jab tomorrow at 10:00."):
    free_form = outbound.buttons_bodies(sender, text, BUTTONS)
    template = outbound.reminder_template_body(
        sender, "vigie_appointment_reminder", "en", [text], [BUTTONS[0]["payload"]]
    )
    return free_form, template


def counted(decision: str, reason: str) -> float:
    labels = {"purpose": APPOINTMENT_REMINDER, "decision": decision, "reason": reason}
    return REGISTRY.get_sample_value("vigie_outbound_decisions_total", labels) or 0.0


async def test_when_the_window_is_open_then_the_interactive_message_goes(channel, fake, sender):
    channel.runtime.window.note_inbound(sender, int(time.time()))
    before = counted(SEND, "free_form_in_window")

    decision = await make_gate(channel).send(sender, APPOINTMENT_REMINDER, *message(sender))

    assert (decision.verdict, decision.reason) == (SEND, "free_form_in_window")
    [body] = fake.sent
    assert body["type"] == "interactive" and body["to"] == sender
    assert fake.schema_violations == []
    assert counted(SEND, "free_form_in_window") == before + 1


async def test_when_the_window_is_closed_then_the_template_validated_by_metas_schema(
    channel, fake, sender
):
    decision = await make_gate(channel).send(sender, APPOINTMENT_REMINDER, *message(sender))

    assert (decision.verdict, decision.reason) == (SEND, "template_outside_window")
    [body] = fake.sent
    assert body["template"]["components"][1] == {
        "type": "button",
        "sub_type": "quick_reply",
        "index": "0",
        "parameters": [{"type": "payload", "payload": BUTTONS[0]["payload"]}],
    }
    assert fake.schema_violations == []


async def test_when_the_window_is_closed_and_no_template_then_refused(channel, fake, sender):
    free_form, _ = message(sender)

    decision = await make_gate(channel).send(sender, APPOINTMENT_REMINDER, free_form, None)

    assert (decision.verdict, decision.reason) == (REFUSE, "outside_window_no_template")
    assert fake.requests == []


async def test_when_the_user_opted_out_then_nothing_whatever_the_window(
    channel, fake, sender, caplog
):
    channel.runtime.window.note_inbound(sender, int(time.time()))
    privacy_registry().suppress(sender)
    before = counted(REFUSE, "suppressed")

    decision = await make_gate(channel).send(sender, APPOINTMENT_REMINDER, *message(sender))

    assert (decision.verdict, decision.reason) == (REFUSE, "suppressed")
    assert fake.requests == []
    assert counted(REFUSE, "suppressed") == before + 1
    assert "refuse (suppressed), purpose appointment_reminder" in caplog.text
    assert sender not in caplog.text  # the reason is logged, never who


@pytest.mark.parametrize("purpose, consent", [("newsletter", agreed), (APPOINTMENT_REMINDER, None)])
async def test_when_the_purpose_was_not_agreed_then_refused(
    channel, fake, sender, purpose, consent
):
    gate = make_gate(channel, consent or nothing_agreed)

    decision = await gate.send(sender, purpose, *message(sender))

    assert (decision.verdict, decision.reason) == (REFUSE, "purpose_not_agreed")
    assert fake.requests == []


@pytest.mark.parametrize("window_open", [True, False])
async def test_when_the_message_breaks_the_output_guard_then_refused(
    channel, fake, sender, window_open
):
    text = "Reminder: please send us your full card number to confirm."
    if window_open:
        channel.runtime.window.note_inbound(sender, int(time.time()))

    decision = await make_gate(channel).send(sender, APPOINTMENT_REMINDER, *message(sender, text))

    assert (decision.verdict, decision.reason) == (REFUSE, "output_guard")
    assert fake.requests == []


def test_pacing_holds_a_second_message_to_a_user_for_6_seconds_and_spaces_the_number():
    now = [100.0]
    pacing = Pacing(user_interval=6, number_rate=2, clock=lambda: now[0])

    assert pacing.reserve("a") is None
    reason, wait = pacing.reserve("a")
    assert reason == "paced_user" and wait == pytest.approx(6)
    reason, wait = pacing.reserve("b")
    assert reason == "paced_number" and wait == pytest.approx(0.5)
    now[0] += 0.5
    assert pacing.reserve("b") is None
    now[0] += 6
    assert pacing.reserve("a") is None


async def test_when_paced_then_held_not_sent_and_not_lost(channel, fake, sender):
    gate = make_gate(channel)
    await gate.send(sender, APPOINTMENT_REMINDER, *message(sender))

    decision = await gate.send(sender, APPOINTMENT_REMINDER, *message(sender))

    assert decision.verdict == HOLD and decision.reason == "paced_user"
    assert 5 < decision.retry_after <= 6
    assert len(fake.sent) == 1


async def test_when_meta_says_the_window_closed_meanwhile_then_the_template(channel, fake, sender):
    channel.runtime.window.note_inbound(sender, int(time.time()))
    fake.fail_next("131047")

    decision = await make_gate(channel).send(sender, APPOINTMENT_REMINDER, *message(sender))

    assert (decision.verdict, decision.reason) == (SEND, "template_after_131047")
    assert [b["type"] for b in fake.sent] == ["template"]


def test_the_channel_has_one_gate_and_its_reminders_use_it(channel):
    assert channel.runtime.reminders.gate is channel.runtime.outbound_gate
    assert p.PHONE_NUMBER_ID in channel.client.media_url


async def test_what_rasa_sends_on_its_own_passes_the_gate_as_a_follow_up(make_config, fake, sender):
    channel = WhatsAppInput(make_config(template_name="vigie_reopen"))
    try:
        output = channel.get_output_channel()  # Rasa's trigger_intent and scheduled events
        await output.send_text_message(sender, "Your results are ready at the clinic.")
        assert fake.requests == []  # the user has not written for 24 hours: not agreed, no template

        channel.runtime.window.note_inbound(sender, int(time.time()))
        await output.send_text_message(sender, "Your results are ready at the clinic.")
        [body] = fake.sent
        assert body["text"]["body"] == "Your results are ready at the clinic."

        privacy_registry().suppress(sender)
        await channel.get_output_channel().send_text_message(sender, "One more thing.")
        assert len(fake.requests) == 1
        assert channel.metrics["suppressed_dropped"] == 1
        assert channel.metrics["outbound_refuse_purpose_not_agreed"] == 1
    finally:
        await channel.shutdown()
