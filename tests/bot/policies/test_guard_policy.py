"""The guard policy predicts the guard action after a triggering message, then listens."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_DEACTIVATE_LOOP_NAME, ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.guard_policy import GuardPolicy

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet, opt_out, share_sensitive_number, buy_product, emergency, confirm_opt_out,
  keep_data, affirm, deny, inform]
actions: [action_opt_out, action_guard_sensitive_number, action_guard_product_sale]
forms:
  booking_form: {required_slots: []}
responses:
  utter_greet: [{text: hi}]
  utter_emergency: [{text: "call {emergency_numbers}"}]
  utter_ask_opt_out: [{text: "Stop and delete?"}]
  utter_opt_out_kept: [{text: "Nothing deleted."}]
  utter_refer_to_pharmacist: [{text: "Ask a pharmacist."}]
"""
)


@pytest.fixture
def policy(tmp_path) -> GuardPolicy:
    return GuardPolicy.create(
        GuardPolicy.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("guard"),
        ExecutionContext(None),
    )


def user(intent: str, findings: list[dict], text: str = "...") -> UserUttered:
    return UserUttered(
        text,
        {"name": intent, "confidence": 1.0},
        parse_data={"intent": {"name": intent}, "guard": {"findings": findings}},
    )


def tracker_after(
    intent: str,
    findings: list[dict],
    *actions: str,
    in_form: bool = False,
    text: str = "...",
    before: tuple[str, ...] = (),
) -> DialogueStateTracker:
    """A tracker whose latest user message is `text`, after the bot actions `before` and
    followed by the bot actions `actions`."""
    form = [ActiveLoop("booking_form")] if in_form else []
    events = [
        *form,
        *map(ActionExecuted, before),
        ActionExecuted(ACTION_LISTEN_NAME),
        user(intent, findings, text),
        *map(ActionExecuted, actions),
    ]
    return DialogueStateTracker.from_events("someone", events)


def predicted(policy: GuardPolicy, tracker: DialogueStateTracker) -> str | None:
    prediction = policy.predict_action_probabilities(tracker, DOMAIN)
    if max(prediction.probabilities) == 0:
        return None
    assert prediction.is_no_user_prediction and prediction.policy_priority == 7
    return DOMAIN.action_names_or_texts[prediction.max_confidence_index]


@pytest.mark.parametrize(
    "findings, intent, action",
    [
        ([{"kind": "opt_out"}], "greet", "action_opt_out"),
        ([{"kind": "opt_out", "certain": True}], "opt_out", "action_opt_out"),
        ([{"kind": "opt_out", "certain": False}], "opt_out", "utter_ask_opt_out"),
        ([], "opt_out", "utter_ask_opt_out"),  # the classifier alone: a guess
        ([], "buy_product", "utter_refer_to_pharmacist"),  # the classifier alone
        ([{"kind": "iban", "start": 0, "end": 27}], "greet", "action_guard_sensitive_number"),
        ([{"kind": "product_sale"}], "greet", "action_guard_product_sale"),
        # the library's model, not a rule: refer, never refuse on a score
        ([{"kind": "product_sale", "certain": False}], "greet", "utter_refer_to_pharmacist"),
        (
            [{"kind": "opt_out", "certain": False, "detail": "score 0.9"}],
            "greet",
            "utter_ask_opt_out",
        ),
        ([{"kind": "product_sale"}, {"kind": "opt_out"}], "greet", "action_opt_out"),
        ([{"kind": "emergency"}], "greet", "utter_emergency"),
        ([], "emergency", "utter_emergency"),  # the NLU alone recognised it
        ([{"kind": "opt_out"}, {"kind": "emergency"}], "opt_out", "utter_emergency"),
    ],
)
def test_when_the_latest_message_triggers_a_guard_then_its_action_comes_next(
    policy, findings, intent, action
):
    assert predicted(policy, tracker_after(intent, findings)) == action


def test_when_the_guard_action_ran_then_the_bot_listens(policy):
    tracker = tracker_after("opt_out", [{"kind": "opt_out"}], "action_opt_out")

    assert predicted(policy, tracker) == ACTION_LISTEN_NAME


def test_when_nothing_triggers_then_the_policy_stays_silent(policy):
    assert predicted(policy, tracker_after("greet", [])) is None
    assert predicted(policy, tracker_after("greet", [], "utter_greet")) is None


def test_when_an_emergency_interrupts_a_form_then_the_numbers_come_first_then_the_form_ends(
    policy,
):
    findings = [{"kind": "emergency", "detail": "breathing"}]

    assert predicted(policy, tracker_after("inform", findings, in_form=True)) == "utter_emergency"
    after_numbers = tracker_after("inform", findings, "utter_emergency", in_form=True)
    assert predicted(policy, after_numbers) == ACTION_DEACTIVATE_LOOP_NAME
    after_form = tracker_after(
        "inform", findings, "utter_emergency", ACTION_DEACTIVATE_LOOP_NAME, in_form=True
    )
    assert predicted(policy, after_form) == ACTION_LISTEN_NAME


def test_when_an_emergency_comes_outside_a_form_then_the_bot_listens_after_the_numbers(policy):
    tracker = tracker_after("greet", [{"kind": "emergency"}], "utter_emergency")

    assert predicted(policy, tracker) == ACTION_LISTEN_NAME


@pytest.mark.parametrize(
    "text, intent, action",
    [
        ("/opt_out", "opt_out", "action_opt_out"),  # "Stop & delete data"
        ("/confirm_opt_out", "confirm_opt_out", "action_opt_out"),  # "Yes" to the question
        ("/keep_data", "keep_data", "utter_opt_out_kept"),  # "No"
    ],
)
def test_when_a_button_is_tapped_then_its_intent_decides_not_the_words_of_its_payload(
    policy, text, intent, action
):
    likely = [{"kind": "opt_out", "certain": False, "detail": "keyword: opt out"}]

    assert predicted(policy, tracker_after(intent, likely, text=text)) == action


@pytest.mark.parametrize(
    "intent, findings, action",
    [
        ("affirm", [], "action_opt_out"),
        ("deny", [], "utter_opt_out_kept"),
        ("opt_out", [{"kind": "opt_out", "certain": False}], "utter_ask_opt_out"),
        ("opt_out", [{"kind": "opt_out", "certain": True}], "action_opt_out"),
        ("greet", [], None),
    ],
)
def test_when_the_user_types_an_answer_to_the_opt_out_question_then_only_yes_erases(
    policy, intent, findings, action
):
    tracker = tracker_after(intent, findings, before=("utter_ask_opt_out",))

    assert predicted(policy, tracker) == action


def test_when_yes_or_no_is_typed_without_the_question_then_the_guards_say_nothing(policy):
    assert predicted(policy, tracker_after("affirm", [], before=("utter_greet",))) is None
    assert predicted(policy, tracker_after("deny", [])) is None


def test_when_the_user_keeps_the_data_in_a_form_then_the_form_asks_its_question_again(policy):
    after_no = tracker_after("keep_data", [], "utter_opt_out_kept", in_form=True, text="/keep_data")
    after_no_outside = tracker_after("keep_data", [], "utter_opt_out_kept", text="/keep_data")

    assert predicted(policy, after_no) == "booking_form"
    assert predicted(policy, after_no_outside) == ACTION_LISTEN_NAME


def test_when_the_question_was_asked_in_a_form_then_the_bot_waits_for_the_answer(policy):
    likely = [{"kind": "opt_out", "certain": False}]
    tracker = tracker_after("opt_out", likely, "utter_ask_opt_out", in_form=True)

    assert predicted(policy, tracker) == ACTION_LISTEN_NAME


def test_when_a_referral_interrupts_a_form_then_the_form_goes_on(policy):
    tracker = tracker_after("buy_product", [], "utter_refer_to_pharmacist", in_form=True)

    assert predicted(policy, tracker) == "booking_form"


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("STOP", "action_opt_out"),
        ("no more messages please", "utter_ask_opt_out"),
        ("/opt_out", "action_opt_out"),
    ],
)
def test_when_the_annotator_never_saw_the_message_then_the_policy_checks_its_text(
    policy, text, action
):
    """`rasa test` rebuilds user turns from test stories without their parse data."""
    message = UserUttered(text, {"name": "opt_out", "confidence": 1.0})
    events = [ActionExecuted(ACTION_LISTEN_NAME), message]

    assert predicted(policy, DialogueStateTracker.from_events("someone", events)) == action
