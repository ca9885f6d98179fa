import io

import pytest

from bot.channels.whatsapp import outbound as o
from guards import limits
from guards.lint import run as lint_run
from tests.fakes.graph_api import LOCAL_SCHEMA_PATH, SPEC_PATH, schema_errors, spec_available

TO = "33612345678"
# Every body is checked against the local schema, and against Meta's spec when it is checked
# out next to the repository (the fake Graph API warns loudly when it is not).
SCHEMAS = [
    pytest.param(str(LOCAL_SCHEMA_PATH), id="local-schema"),
    *([pytest.param(str(SPEC_PATH), id="meta-spec")] if spec_available() else []),
]


def buttons(n: int, title: str = "Option {i}") -> list[dict]:
    return [{"title": title.format(i=i), "payload": f'/choose{{"n":{i}}}'} for i in range(n)]


def test_when_text_is_short_then_one_body():
    assert o.text_bodies(TO, "Bonjour") == [
        {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": TO,
            "type": "text",
            "text": {"body": "Bonjour"},
        }
    ]


def test_when_text_is_long_then_split_on_paragraphs_and_sentences():
    paragraph = "Une phrase assez longue pour remplir la page. " * 40
    text = "\n\n".join([paragraph.strip()] * 5)
    chunks = o.split_text(text)
    assert len(chunks) > 1 and all(len(c) <= 4096 for c in chunks)
    assert all(c.endswith(".") for c in chunks)
    assert " ".join(" ".join(chunks).split()) == " ".join(text.split())


def test_when_a_word_is_longer_than_the_limit_then_cut_inside_it():
    chunks = o.split_text("x" * 10000)
    assert [len(c) for c in chunks] == [4096, 4096, 1808]


def test_when_text_is_blank_then_nothing_is_sent():
    assert o.text_bodies(TO, "  \n ") == []


def test_when_up_to_three_short_buttons_then_reply_buttons_with_payload_ids():
    (body,) = o.buttons_bodies(TO, "Choose", buttons(3))
    interactive = body["interactive"]
    assert interactive["type"] == "button"
    assert [b["reply"]["id"] for b in interactive["action"]["buttons"]] == [
        '/choose{"n":0}',
        '/choose{"n":1}',
        '/choose{"n":2}',
    ]


@pytest.mark.parametrize("n", [4, 10])
def test_when_four_to_ten_buttons_then_a_list(n):
    (body,) = o.buttons_bodies(TO, "Choose", buttons(n))
    assert body["interactive"]["type"] == "list"
    assert len(body["interactive"]["action"]["sections"][0]["rows"]) == n


def test_when_a_title_is_too_long_for_a_button_then_a_list_with_the_full_title():
    (body,) = o.buttons_bodies(TO, "Choose", buttons(2, "A rather long option title {i}"))
    rows = body["interactive"]["action"]["sections"][0]["rows"]
    assert all(len(r["title"]) <= 24 for r in rows)
    assert rows[0]["description"] == "A rather long option title 0"


def test_when_more_than_ten_buttons_then_numbered_text():
    (body,) = o.buttons_bodies(TO, "Choose", buttons(11))
    assert body["type"] == "text"
    assert body["text"]["body"].startswith("Choose\n\n1. Option 0\n2. Option 1")


def test_when_text_is_too_long_for_the_interactive_body_then_text_goes_first():
    bodies = o.buttons_bodies(TO, "Long sentence here. " * 100, buttons(2))
    assert [b["type"] for b in bodies] == ["text", "interactive"]
    assert len(bodies[1]["interactive"]["body"]["text"]) <= 1024


def test_when_custom_json_then_passed_through_with_the_envelope():
    template = {
        "name": "appointment_reminder",
        "language": {"policy": "deterministic", "code": "fr"},
    }
    body = o.custom_body(TO, {"type": "template", "template": template})
    assert body == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": TO,
        "type": "template",
        "template": template,
    }
    assert o.custom_body(TO, {"whatsapp": {"type": "template", "template": template}}) == body
    assert o.custom_body(TO, {"slack": {"blocks": []}}) is None
    assert not o.is_free_form(body)


@pytest.mark.parametrize(
    "bodies",
    [
        o.text_bodies(TO, "Bonjour " * 1200),
        o.buttons_bodies(TO, "Choose", buttons(3)),
        o.buttons_bodies(TO, "", buttons(2)),
        o.buttons_bodies(TO, "Choose", buttons(10, "Very long option title number {i}")),
        o.buttons_bodies(TO, "Choose " * 300, buttons(12)),
        [o.image_body(TO, "https://example.org/map.png")],
        [o.template_body(TO, "hello_world", "en_US")],
        [o.text_bodies(TO, "Sorry, I only read text.\nDésolé, je ne lis que le texte.")[0]],
    ],
    ids=["text", "buttons", "buttons-no-text", "list", "numbered", "image", "template", "media"],
)
@pytest.mark.parametrize("schema", SCHEMAS)
def test_when_any_response_then_every_body_follows_the_schema(bodies, schema):
    assert bodies
    for body in bodies:
        assert schema_errors(body, schema) == []


@pytest.mark.parametrize("schema", SCHEMAS)
def test_when_a_body_breaks_the_schema_then_the_validator_says_where(schema):
    body = o.buttons_bodies(TO, "Choose", buttons(2))[0]
    body["interactive"]["action"]["buttons"][0]["reply"]["title"] = "x" * 21
    assert any("title" in error for error in schema_errors(body, schema))
    assert schema_errors({**o.text_bodies(TO, "a")[0], "extra": 1}, schema)


def lint_problems(tmp_path, buttons_yaml: str) -> list[str]:
    """The lint's output for one response with these buttons."""
    domain = tmp_path / "domain.yml"
    domain.write_text(
        'version: "3.1"\nresponses:\n  utter_pick:\n    - text: "Pick one."\n'
        f"      buttons:\n{buttons_yaml}"
    )
    out = io.StringIO()
    lint_run([str(domain)], out)
    return out.getvalue().splitlines()


@pytest.mark.parametrize(
    ("count", "id_length", "title_length", "kind"),
    [
        (3, limits.BUTTON_ID, limits.BUTTON_TITLE, "button"),
        (4, limits.ROW_ID, limits.ROW_TITLE, "list"),
        (limits.LIST_ROWS, limits.ROW_ID, limits.ROW_TITLE, "list"),
    ],
)
def test_when_the_lint_accepts_buttons_then_they_are_sent_as_designed(
    tmp_path, count, id_length, title_length, kind
):
    options = [
        {"title": f"{i}".ljust(title_length, "t"), "payload": f"/{i}".ljust(id_length, "p")}
        for i in range(count)
    ]
    yaml_lines = "".join(
        f'        - {{title: "{b["title"]}", payload: "{b["payload"]}"}}\n' for b in options
    )

    assert lint_problems(tmp_path, yaml_lines) == []
    [body] = o.buttons_bodies(TO, "Pick one.", options)
    assert body["type"] == "interactive" and body["interactive"]["type"] == kind


@pytest.mark.parametrize(
    ("count", "id_length", "title_length"),
    [
        (3, limits.BUTTON_ID + 1, 5),
        (4, limits.ROW_ID + 1, 5),
        (3, 5, limits.BUTTON_TITLE + 1),
        (4, 5, limits.ROW_TITLE + 1),
    ],
)
def test_when_an_option_would_not_be_sent_as_designed_then_the_lint_reports_it(
    tmp_path, count, id_length, title_length
):
    yaml_lines = "".join(
        f'        - {{title: "{str(i).ljust(title_length, "t")}", '
        f'payload: "{f"/{i}".ljust(id_length, "p")}"}}\n'
        for i in range(count)
    )

    assert lint_problems(tmp_path, yaml_lines) != []


def test_when_the_list_button_label_is_used_then_it_fits():
    assert len(o.LIST_BUTTON_LABEL) <= limits.LIST_BUTTON
