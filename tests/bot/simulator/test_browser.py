"""The simulator page in a real browser: headless Chromium driven by Selenium.

`make run`'s own processes (action server, Graph API stand-in, Rasa with the simulator) run on
free ports with their databases in a temporary folder. The journey: greet in French, pick from
a list, tap a reply button, book an appointment, send a card number and see it redacted in the
panel, send STOP and see the erasure receipt. A screenshot of each step goes to
results/simulator/.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from bot.channels.whatsapp import outbound
from scripts.processes import MODEL, ROOT, bot_environment, free_port, stop
from scripts.run import STOP_TIMEOUT_SECONDS

pytestmark = [pytest.mark.model, pytest.mark.process]

SCREENSHOTS = ROOT / "results" / "simulator"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,860",
)
START_TIMEOUT = 300.0  # Rasa loads in 2.5 min on a machine busy with other tests
TURN_TIMEOUT = 30.0
CARD = "4111 1111 1111 1111"
WHATSAPP_VARIABLES = (
    "WHATSAPP_VERIFY_TOKEN",
    "WHATSAPP_APP_SECRET",
    "WHATSAPP_ACCESS_TOKEN",
    "WHATSAPP_PHONE_NUMBER_ID",
)


def _status(url: str) -> dict | None:
    try:
        with urllib.request.urlopen(f"{url}api/status", timeout=2) as answer:
            return json.loads(answer.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError):
        return None


@pytest.fixture(scope="module")
def simulator_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`python -m scripts.run` (as `make run`) on free ports, until the model is loaded."""
    assert MODEL.exists(), "no trained model: run `make train` first"
    data = tmp_path_factory.mktemp("simulator-data")
    port = free_port()
    env = bot_environment()
    for name in WHATSAPP_VARIABLES:
        env.pop(name, None)  # the simulator makes up its own, local credentials
    env.update(
        VIGIE_TRACKER_STORE_URL=f"sqlite:///{data}/tracker.db",
        VIGIE_APPOINTMENTS_DB_URL=f"sqlite:///{data}/appointments.db",
        VIGIE_PRIVACY_DB_URL=f"sqlite:///{data}/privacy.db",
        VIGIE_SIMULATOR_INBOX_URL=f"sqlite:///{data}/inbox.db",
    )
    log = (data / "run.log").open("w")
    args = [sys.executable, "-m", "scripts.run", "--port", str(port)]
    args += ["--actions-port", str(free_port()), "--simulator-port", str(free_port())]
    process = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}/simulator/"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not (_status(url) or {}).get("bot_ready"):
            assert process.poll() is None, Path(log.name).read_text()[-3000:]
            assert time.monotonic() < deadline, "the simulator did not start in time"
            time.sleep(0.5)
        yield url
    finally:
        # Longer than the supervisor's own stop, so it can SIGKILL its children (each in its
        # own session) before it is killed itself: else they would outlive the test.
        stop(process, timeout=STOP_TIMEOUT_SECONDS + 15)
        log.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    """Debian's headless Chromium with a fresh profile."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver, "install chromium and chromium-driver (scripts/ensure-services)"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    session = webdriver.Chrome(options=options, service=Service(driver))
    try:
        yield session
    finally:
        session.quit()


class Page:
    """The simulator page, seen the way a designer uses it."""

    def __init__(self, browser: WebDriver, first_step: int = 1) -> None:
        self.browser = browser
        self.steps = first_step - 1  # screenshots are numbered across the tests

    def wait(self, condition: Callable[[], object], timeout: float = TURN_TIMEOUT) -> object:
        return WebDriverWait(self.browser, timeout, poll_frequency=0.1).until(lambda _: condition())

    def bot_messages(self) -> list[WebElement]:
        return self.browser.find_elements(By.CSS_SELECTOR, "#chat .msg.bot")

    def turns(self) -> list[WebElement]:
        return self.browser.find_elements(By.CSS_SELECTOR, "#turns .turn")

    def finished_turns(self) -> int:
        return len(self.browser.find_elements(By.CSS_SELECTOR, "#turns .turn:not(.pending)"))

    def act(self, do: Callable[[], None]) -> WebElement:
        """Does something, waits until its turn's panel is filled in, returns that panel."""
        done = self.finished_turns()
        do()
        self.wait(lambda: self.finished_turns() > done)
        return self.turns()[-1]

    def type(self, text: str) -> WebElement:
        def typing() -> None:
            box = self.browser.find_element(By.ID, "composer-input")
            box.send_keys(text, Keys.ENTER)

        return self.act(typing)

    def pick(self, title: str) -> WebElement:
        """Opens the latest list message and sends the row titled ``title``."""

        def picking() -> None:
            self.bot_messages()[-1].find_element(By.CSS_SELECTOR, ".list-open").click()
            row = self.wait(lambda: self._row(title))
            assert isinstance(row, WebElement)
            row.click()
            self.browser.find_element(By.ID, "list-send").click()

        return self.act(picking)

    def _row(self, title: str) -> WebElement | None:
        for row in self.browser.find_elements(By.CSS_SELECTOR, "#list-rows .list-row"):
            if row.is_displayed() and row.find_element(By.CSS_SELECTOR, ".row-title").text == title:
                return row
        return None

    def tap(self, title: str | None = None) -> WebElement:
        """Taps a reply button of the latest bot message (the first one by default)."""
        buttons = self.bot_messages()[-1].find_elements(By.CSS_SELECTOR, ".reply-button")
        assert buttons, "the latest bot message has no reply button"
        chosen = next(b for b in buttons if title is None or b.text == title)
        return self.act(chosen.click)

    def last_bot_text(self) -> str:
        return self.bot_messages()[-1].find_element(By.CSS_SELECTOR, ".text").text

    def screenshot(self, name: str) -> None:
        self.steps += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.browser.save_screenshot(str(SCREENSHOTS / f"{self.steps:02d}-{name}.png"))


def fields(panel: WebElement) -> dict[str, str]:
    """A turn's panel as {row name: what it shows}."""
    names = panel.find_elements(By.CSS_SELECTOR, "dt")
    values = panel.find_elements(By.CSS_SELECTOR, "dd")
    return {name.text: value.text for name, value in zip(names, values, strict=True)}


def said(panel: WebElement) -> str:
    return panel.find_element(By.CSS_SELECTOR, ".said").text


def test_a_designer_books_then_is_guarded_then_erased(
    simulator_url: str, browser: WebDriver
) -> None:
    browser.get(simulator_url)
    page = Page(browser)
    page.wait(lambda: browser.find_element(By.ID, "status").text == "online")
    before = browser.find_element(By.ID, "user-id").text
    page.browser.find_element(By.ID, "new-user").click()
    assert browser.find_element(By.ID, "user-id").text != before

    panel = page.type("Bonjour")
    assert fields(panel)["language"] == "fr"
    assert fields(panel)["intent"].startswith("greet (")
    assert page.last_bot_text().startswith("Que puis-je faire")
    page.screenshot("greeting-in-french")

    panel = page.pick("Prendre rendez-vous")
    assert fields(panel)["intent"] == "book_appointment (1)"
    page.screenshot("picked-from-the-list")

    page.pick("Vaccination grippe")
    page.pick("Pharmacie du Marché")
    slots = page.bot_messages()[-1].find_elements(By.CSS_SELECTOR, ".reply-button")
    assert 1 <= len(slots) <= 3
    page.tap()
    assert "Pour qui" in page.last_bot_text()
    page.screenshot("tapped-a-reply-button")

    page.type("Camille Martin")
    assert page.last_bot_text().startswith("Vérifiez")
    page.tap("Confirmer")
    # The confirmation, then the appointment as a calendar file (issue 13).
    page.wait(lambda: page.last_bot_text().startswith("Ajoutez-le à votre agenda"))
    confirmation = page.bot_messages()[-2].find_element(By.CSS_SELECTOR, ".text").text
    assert confirmation.startswith("C'est réservé : Vaccination grippe")
    page.screenshot("appointment-booked")

    panel = page.type(f"Ma carte bancaire est {CARD}")
    assert said(panel) == "Ma carte bancaire est [payment_card]"
    assert fields(panel)["guard findings"] == "payment_card"
    assert fields(panel)["guard action"] == "action_guard_sensitive_number (GuardPolicy)"
    assert "4111" not in browser.find_element(By.ID, "turns").text
    page.screenshot("card-number-redacted")

    panel = page.type("STOP")
    assert "erasure" in panel.get_attribute("class")
    receipt = fields(panel)["erasure receipt"]
    assert "appointments_cancelled: 1" in receipt and "tracker_events:" in receipt
    page.screenshot("erased-after-stop")


def test_the_page_draws_what_the_connector_sends_as_whatsapp_does(
    simulator_url: str, browser: WebDriver
) -> None:
    """Bodies built by the connector's own `outbound` functions, drawn by the page, then a
    location request answered for real."""
    browser.get(simulator_url)
    page = Page(browser, first_step=7)
    page.wait(lambda: browser.find_element(By.ID, "status").text == "online")
    switch = browser.find_element(By.ID, "switch-language")
    assert fields(page.act(switch.click))["language"] == "fr"
    assert fields(page.act(switch.click))["language"] == "en"
    user = "33611111111"
    four = [{"title": f"Option numéro {i} avec un long titre", "payload": f"/x{i}"} for i in "1234"]
    location_request = {
        "type": "interactive",
        "interactive": {
            "type": "location_request_message",
            "body": {"text": "Où êtes-vous ?"},
            "action": {"name": "send_location"},
        },
    }
    bodies = [
        *outbound.buttons_bodies(user, "Quatre choix", four),
        outbound.template_body(user, "rappel_rendez_vous", "fr"),
        outbound.media_body(user, "document", "https://example.org/guide.pdf", "Le guide"),
        outbound.custom_body(user, location_request),
    ]
    for body in bodies:
        browser.execute_script("showBotBody(arguments[0], 'wamid.TEST', [])", body)
    drawn = page.bot_messages()[-4:]

    list_message, template, document, request = drawn
    assert not list_message.find_elements(By.CSS_SELECTOR, ".reply-button")  # a 4th: a list
    list_message.find_element(By.CSS_SELECTOR, ".list-open").click()
    rows = page.wait(lambda: browser.find_elements(By.CSS_SELECTOR, "#list-rows .row-title"))
    assert isinstance(rows, list)
    titles = [row.text for row in rows]
    assert len(titles) == 4 and all(len(title) <= 24 and title.endswith("…") for title in titles)
    browser.find_element(By.ID, "list-close").click()
    assert "template" in template.text and "rappel_rendez_vous (fr)" in template.text
    assert "guide.pdf" in document.text and "Le guide" in document.text
    page.screenshot("whatsapp-kinds")

    panel = page.act(request.find_element(By.CSS_SELECTOR, ".location-send").click)
    assert fields(panel)["intent"] == "share_location (1)"
