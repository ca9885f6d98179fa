import logging

from core.privacy.logs import install_log_redaction

CARD = "4970 1012 3456 7893"


def test_when_a_log_line_contains_a_card_number_then_it_is_redacted_at_every_level(caplog):
    install_log_redaction()
    logger = logging.getLogger("rasa.core.processor")
    with caplog.at_level(logging.DEBUG):
        logger.debug("Received user message '%s'", f"my card {CARD}")
        logger.info(f"text={CARD.replace(' ', '')}")
        logger.warning("iban %s", "FR76 3000 6000 0112 3456 7890 189")
        logger.info("NI %s", "jk457821b")

    assert [r.getMessage() for r in caplog.records] == [
        "Received user message 'my card [payment_card]'",
        "text=[payment_card]",
        "iban [iban]",
        "NI [national_id]",
    ]


def test_when_installed_twice_then_lines_are_redacted_once(caplog):
    install_log_redaction()
    install_log_redaction()
    with caplog.at_level(logging.INFO):
        logging.getLogger("x").info("plain text stays %s", "as it is")
    assert caplog.records[-1].getMessage() == "plain text stays as it is"
