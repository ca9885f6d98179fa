"""Names that the Rasa process and the action server must spell the same way.

Each is declared in `domain.yml`; `tests/core/test_names.py` fails when one of them is missing
there, so a rename in the domain cannot silently break the code that refers to it.
"""

from __future__ import annotations

# ---------------------------------------------------------------- slots
LANGUAGE_SLOT = "language"
#: Set by `action_opt_out` to a `core.erasure.ErasureRequest`; read by the tracker store.
ERASURE_REQUEST_SLOT = "erasure_request"
REQUESTED_SLOT = "requested_slot"

# ---------------------------------------------------------------- intents
OPT_OUT_INTENT = "opt_out"
OPT_IN_INTENT = "opt_in"
#: Messages that are, whole, the opt-in keyword (the counterpart of STOP): always `opt_in`.
OPT_IN_KEYWORDS = frozenset({"start", "unstop"})
SENSITIVE_NUMBER_INTENT = "share_sensitive_number"
PRODUCT_SALE_INTENT = "buy_product"
#: The payloads of the buttons of `ASK_OPT_OUT_RESPONSE`: "Yes" (certain: erase) and "No".
CONFIRM_OPT_OUT_INTENT = "confirm_opt_out"
KEEP_DATA_INTENT = "keep_data"
AFFIRM_INTENT = "affirm"
DENY_INTENT = "deny"
LOCATION_INTENT = "share_location"
#: "What data do you have about me?": the right of access.
MY_DATA_INTENT = "ask_my_data"
#: Set by the guard annotator when a message describes an emergency happening now.
EMERGENCY_INTENT = "emergency"
LANGUAGE_INTENTS = {"lang_en": "en", "lang_fr": "fr"}

# ---------------------------------------------------------------- parse data
#: Where `bot.nlu.language_detector` writes the language of a message ("en", "fr" or None),
#: read by `bot.policies.language_policy` to set the language slot.
LANGUAGE_PARSE_KEY = "language"
#: In a user message's metadata: the kinds of sensitive numbers a channel replaced by
#: placeholders before recording the message (e.g. ``["iban"]``); read by the guard annotator.
REDACTED_KINDS_KEY = "redacted_kinds"

# ---------------------------------------------------------------- actions
OPT_OUT_ACTION = "action_opt_out"
OPT_IN_ACTION = "action_opt_in"
SENSITIVE_NUMBER_ACTION = "action_guard_sensitive_number"
PRODUCT_SALE_ACTION = "action_guard_product_sale"
MY_DATA_ACTION = "action_my_data"
#: Not in the domain: Rasa calls it once at start-up to compare privacy registries.
PRIVACY_REGISTRY_ACTION = "action_privacy_registry"
#: The key of its answer (a `slot` event of that name, never applied to a conversation).
PRIVACY_REGISTRY_KEY = "privacy_registry"

#: The emergency numbers: a response, not a custom action, so they go out even when the action
#: server is down.
EMERGENCY_RESPONSE = "utter_emergency"
#: The apology when a custom action failed (action server down or erroring): a response, so
#: it goes out without the action server (bot/policies/action_failure.py).
ACTION_FAILED_RESPONSE = "utter_action_failed"

#: Opt-out on a guess: "Stop messages and delete your data?" with Yes / No buttons.
ASK_OPT_OUT_RESPONSE = "utter_ask_opt_out"
#: The answer "No" to that question: nothing was deleted, the conversation goes on.
OPT_OUT_KEPT_RESPONSE = "utter_opt_out_kept"
#: A product guess of the classifier alone (no guard finding): often a question about a
#: medicine's use, dose or side effects, or a device error; a pharmacist answers those.
PHARMACIST_REFERRAL_RESPONSE = "utter_refer_to_pharmacist"

#: The guard action each guard intent imposes when the evidence is certain (see
#: `bot.policies.guard_choice`, which asks first, or refers, when it is not).
GUARD_ACTIONS = {
    EMERGENCY_INTENT: EMERGENCY_RESPONSE,
    OPT_OUT_INTENT: OPT_OUT_ACTION,
    CONFIRM_OPT_OUT_INTENT: OPT_OUT_ACTION,
    KEEP_DATA_INTENT: OPT_OUT_KEPT_RESPONSE,
    SENSITIVE_NUMBER_INTENT: SENSITIVE_NUMBER_ACTION,
    PRODUCT_SALE_INTENT: PRODUCT_SALE_ACTION,
}

# ---------------------------------------------------------------- responses
#: The safe text that replaces a message the output guard blocks (both languages in the domain).
GUARD_BLOCKED_RESPONSE = "utter_guard_blocked"
#: What the WhatsApp channel answers to media, stickers and the like (text only, no turn).
UNSUPPORTED_MEDIA_RESPONSE = "utter_unsupported_media"
