"""``python -m guards lint``: problems with their lines, exit status, unknown YAML skipped."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from guards.lint import run

DOMAIN = """\
version: "3.1"
responses:
  utter_ok:
    - text: "Hello! How can I help?"
      buttons:
        - {title: "Health", payload: "/menu_health"}
    - condition: [{type: slot, name: language, value: fr}]
      text: "Bonjour ! Comment puis-je vous aider ?"
  utter_card:
    - text: "Please send your card number."
    - condition: [{type: slot, name: language, value: fr}]
      text: "Indiquez votre numéro de carte bancaire."
  utter_promo:
    - text: "Get 20% off this week!"
  utter_sale:
    - text: "We deliver medicines to your home."
  utter_warn:
    - text: "Never share your card number or PIN."
  utter_long:
    - text: "{long}"
  utter_buttons:
    - text: "Choose"
      buttons:
        - {title: "A title far too long for a button", payload: "/a"}
        - {title: "B", payload: '/order{"item": "20% off coupon"}'}
  utter_list:
    - text: "Choose a topic"
      buttons:
        - {title: "One", payload: "/one"}
        - {title: "Two", payload: "/two"}
        - {title: "Three", payload: "/three"}
        - {title: "A list row title that is too long", payload: "/four"}
  utter_eleven:
    - text: "Too many"
      buttons:
{eleven}
  utter_custom:
    - custom:
        type: interactive
        body: {text: "Use promo code SPRING"}
forms:
  pay_form:
    required_slots:
      - card_number
      - appointment_date
  id_form:
    required_slots:
      - user_iban
      - ssn
"""
STORIES = """\
version: "3.1"
stories:
  - story: asks for a PIN
    steps:
      - intent: greet
      - action: utter_ok
      - bot: "What is your PIN?"
rules:
  - rule: clean
    steps:
      - intent: greet
      - bot: "Hello"
"""
NLU = """\
version: "3.1"
nlu:
  - intent: greet
    examples: |
      - my card number is 4111 1111 1111 1111
      - send your card number
"""


def _domain() -> str:
    eleven = "\n".join(f'        - {{title: "B{i}", payload: "/b{i}"}}' for i in range(11))
    return DOMAIN.replace("{long}", "x" * 4097).replace("{eleven}", eleven)


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "domain.yml").write_text(_domain(), encoding="utf-8")
    data = tmp_path / "data"
    (data / "stories").mkdir(parents=True)
    (data / "stories" / "stories.yml").write_text(STORIES, encoding="utf-8")
    (data / "nlu.yml").write_text(NLU, encoding="utf-8")
    (data / "catalogue.yaml").write_text("- just: [a, list]\n- 42\n", encoding="utf-8")
    (data / "notes.txt").write_text("Please send your card number", encoding="utf-8")
    return tmp_path


def lint(*paths: Path, notes: bool = False) -> tuple[int, list[str]]:
    out = io.StringIO()
    status = run([str(p) for p in paths], out, notes=notes)
    return status, out.getvalue().splitlines()


def test_when_content_breaks_the_policy_then_each_problem_is_reported_at_its_line(project):
    domain = project / "domain.yml"
    text = domain.read_text(encoding="utf-8")
    status, lines = lint(domain)
    assert status == 1
    expected = {
        (_line(text, "Please send your card number"), "sensitive_request"),
        (_line(text, "Indiquez votre"), "sensitive_request"),
        (_line(text, "Get 20% off"), "promotion"),
        (_line(text, "We deliver medicines"), "product_sale"),
        (_line(text, "x" * 50), "text_length"),
        (_line(text, "A title far too long"), "button_title"),
        (_line(text, "A list row title"), "list_row_title"),
        (_line(text, "20% off coupon"), "promotion"),
        (_line(text, "utter_eleven") + 2, "buttons"),  # the "buttons:" line
        (_line(text, "promo code SPRING"), "promotion"),
        (_line(text, "- card_number"), "sensitive_slot"),
        (_line(text, "- user_iban"), "sensitive_slot"),
        (_line(text, "- ssn"), "sensitive_slot"),
    }
    found = set()
    for line in lines:
        path, number, kind, message = line.split(":", 3)
        assert path == str(domain) and message.startswith(" ") and message.strip()
        found.add((int(number), kind.strip()))
    assert found == expected


def test_when_a_story_bot_step_asks_for_a_pin_then_it_is_reported(project):
    stories = project / "data" / "stories" / "stories.yml"
    status, lines = lint(stories)
    assert status == 1
    line = _line(stories.read_text(encoding="utf-8"), "What is your PIN")
    assert lines == [f"{stories}:{line}: sensitive_request: " + lines[0].split(": ", 2)[2]]


def test_when_folders_are_given_then_nlu_and_non_rasa_yaml_are_skipped(project):
    status, lines = lint(project / "data")
    assert status == 1
    assert all("stories.yml" in line for line in lines)


def test_when_content_is_clean_then_nothing_is_printed_and_exit_is_0(tmp_path):
    clean = tmp_path / "domain.yml"
    clean.write_text(
        'responses:\n  utter_hi:\n    - text: "Hi! Never share your PIN."\n'
        '      buttons:\n        - {title: "Menu", payload: "/menu"}\n',
        encoding="utf-8",
    )
    assert lint(clean) == (0, [])


def test_when_buttons_become_a_list_then_it_is_a_note_only_with_notes(tmp_path):
    domain = tmp_path / "domain.yml"
    buttons = "".join(f'        - {{title: "Item {i}", payload: "/i{i}"}}\n' for i in range(5))
    domain.write_text(
        f'responses:\n  utter_menu:\n    - text: "Menu"\n      buttons:\n{buttons}',
        encoding="utf-8",
    )
    assert lint(domain) == (0, [])
    status, lines = lint(domain, notes=True)
    assert status == 0
    assert lines == [
        f"{domain}:4: list_message: utter_menu: 5 buttons will be sent as a list, not reply buttons"
    ]


def test_when_yaml_is_invalid_then_a_yaml_problem_is_reported(tmp_path):
    broken = tmp_path / "domain.yml"
    broken.write_text("responses:\n  utter_x:\n    - text: [unclosed\n", encoding="utf-8")
    status, lines = lint(broken)
    assert status == 1
    assert len(lines) == 1 and lines[0].startswith(f"{broken}:") and ": yaml: " in lines[0]


def test_when_run_from_the_command_line_then_default_paths_are_linted(project):
    result = subprocess.run(
        [sys.executable, "-m", "guards", "lint"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert result.returncode == 1
    assert "domain.yml:" in result.stdout
    assert "data/stories/stories.yml:" in result.stdout


def test_when_there_is_nothing_to_lint_by_default_then_usage_exits_2(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "guards", "lint"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert result.returncode == 2
    assert "no domain.yml" in result.stderr


def test_when_a_named_path_is_missing_then_it_is_reported_and_exit_is_1(tmp_path):
    status, lines = lint(tmp_path / "nope.yml")
    assert status == 1
    assert lines[0].startswith(f"{tmp_path / 'nope.yml'}:1: yaml: cannot read")
