"""Outbound kinds: sensitive_request, promotion and product_sale in the bot's messages."""

from __future__ import annotations

import pytest

import guards
from guards import check


def kinds(text: str) -> set[str]:
    return {f.kind for f in check(text, "outbound")}


@pytest.mark.parametrize(
    "text",
    [
        "Please send your card number.",
        "What is your CVV?",
        "Please enter your PIN",
        "Could you confirm your bank account number?",
        "Share your IBAN so we can refund you",
        "Please provide your ID number",
        "Send us a photo of your passport",
        "What's your social security number?",
        "Type your tax number below",
        "Please give me your password",
        "We need your credit card to confirm the booking",
        "Envoyez votre numéro de carte bancaire",
        "Quel est votre cryptogramme ?",
        "Indiquez votre code PIN",
        "Merci de nous communiquer votre RIB",
        "Quel est votre IBAN ?",
        "Donnez-nous votre numéro de sécurité sociale",
        "Envoyez une photo de votre carte vitale",
        "Saisissez votre mot de passe",
        "Pouvez-vous me donner le numéro de votre passeport ?",
    ],
)
def test_when_the_bot_asks_for_sensitive_data_then_sensitive_request_is_found(text):
    assert "sensitive_request" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Never share your card number.",
        "Do not send your PIN to anyone.",
        "We will never ask for your PIN",
        "We will never ask you to send your card number",
        "Ne communiquez jamais votre numéro de carte.",
        "N'envoyez jamais votre code PIN.",
        "Nous ne vous demanderons jamais votre mot de passe.",
        "Please confirm your appointment and bring your passport.",
        "Apportez votre carte vitale et votre pièce d'identité au rendez-vous.",
        "Send us the last 4 digits of your card",
        "Indiquez les 4 derniers chiffres de votre carte",
        "Your card number is not needed here.",
        "Please send your question. Bring your ID card to the desk.",
        "Drop a location pin to find the nearest clinic.",
    ],
)
def test_when_the_bot_warns_or_asks_for_nothing_sensitive_then_no_request_is_found(text):
    assert "sensitive_request" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Get 20% off this week!",
        "Special offer: 2 for 1 on vitamins",
        "Use promo code SPRING for a discount",
        "Summer sale: everything must go",
        "Free shipping on every order",
        "Limited time offer, hurry!",
        "Profitez de -30 % sur toute la gamme",
        "Offre spéciale ce week-end",
        "Soldes : jusqu'à 50 % de réduction",
        "Ne manquez pas notre offre exceptionnelle",
        "Code promo BIENVENUE",
        "Livraison gratuite dès 30 €",
    ],
)
def test_when_the_bot_markets_then_promotion_is_found(text):
    assert "promotion" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "We never send promotions or advertising.",
        "Nous n'envoyons jamais de promotions.",
        "The grant can reach up to 5,000 EUR.",
        "La subvention peut aller jusqu'à 5 000 EUR.",
        "Vaccination is free for children under 12.",
        "Feel free to ask another question.",
        "Deal with a fever: rest and drink water.",
        "Au moins 3 jours de repos.",
        "Opening hours: 9:00 to 12:00.",
    ],
)
def test_when_the_bot_informs_then_no_promotion_is_found(text):
    assert "promotion" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "We deliver medicines to your home",
        "Order your paracetamol now",
        "Buy now: blood pressure monitors in stock",
        "Doliprane costs 2 euros",
        "Nous livrons vos médicaments à domicile",
        "Commandez vos masques en ligne",
        "Achetez maintenant votre tensiomètre",
        "Thermomètres en stock !",
    ],
)
def test_when_the_bot_offers_medical_products_then_product_sale_is_found(text):
    assert "product_sale" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "We do not sell medicines on WhatsApp; please visit a pharmacy.",
        "Nous ne vendons pas de médicaments.",
        "Nous ne livrons pas de médicaments. Demandez conseil à votre pharmacien.",
        "Paracetamol relieves pain and fever. Ask your pharmacist.",
        "A consultation costs 25 EUR.",
        "Book your vaccination online.",
        "Prenez rendez-vous pour votre vaccin.",
    ],
)
def test_when_the_bot_informs_about_medicines_or_services_then_no_sale_is_found(text):
    assert "product_sale" not in kinds(text)


def test_when_outbound_text_has_numbers_then_only_outbound_kinds_are_reported():
    assert kinds("Your reference is 4111 1111 1111 1111") == set()
    assert {f.kind for f in check("STOP", "outbound")} == set()


def test_when_the_direction_is_unknown_then_invalid_direction_is_raised():
    with pytest.raises(guards.InvalidDirection):
        check("hello", "sideways")  # type: ignore[arg-type]
    with pytest.raises(guards.GuardsError):
        check("hello", "")  # type: ignore[arg-type]


def test_when_text_is_not_a_string_then_type_error_is_raised():
    with pytest.raises(TypeError):
        check(None)  # type: ignore[arg-type]
