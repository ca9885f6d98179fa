"""Outbound kinds: sensitive_request, promotion and product_sale (sale offers) in the bot's
messages. Tables side by side: positives, then near misses and hard negatives."""

from __future__ import annotations

import pytest

import guards
from guards import check


def kinds(text: str) -> set[str]:
    return {f.kind for f in check(text, "outbound")}


SENSITIVE_REQUESTS = [
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
    "Send your routing and account numbers so we can set up direct debit.",
    # by description
    "Please type the long number on the front of your card.",
    "And the 3 digits on the back?",
    "Reply with the code you use to log in to your bank.",
    "You will receive a one-time code from your bank by SMS. Please forward it to us here.",
    "Payment step: card number, expiry (MM/YY), CVC. Reply in one message.",
    "Envoyez votre numéro de carte bancaire",
    "Quel est votre cryptogramme ?",
    "Indiquez votre code PIN",
    "Merci de nous communiquer votre RIB",
    "Quel est votre IBAN ?",
    "Donnez-nous votre numéro de sécurité sociale",
    "Pouvez-vous nous indiquer votre numéro d'assuré social ?",
    "Envoyez une photo de votre carte vitale",
    "Saisissez votre mot de passe",
    "Pouvez-vous me donner le numéro de votre passeport ?",
    "Un code à 6 chiffres vient d'être envoyé sur votre appli bancaire. Quel est-il ?",
    "Paiement : numéro de carte, date d'expiration, code de sécurité. Tout en un message.",
]

NOT_SENSITIVE_REQUESTS = [
    "Never share your card number.",
    "Do not send your PIN to anyone.",
    "We will never ask for your PIN",
    "We will never ask you to send your card number",
    "Ne communiquez jamais votre numéro de carte.",
    "N'envoyez jamais votre code PIN.",
    "Nous ne vous demanderons jamais votre mot de passe.",
    "Please confirm your appointment and bring your passport.",
    "Apportez votre carte vitale et votre pièce d'identité au rendez-vous.",
    "Pensez à apporter votre carte d'identité et votre carte Vitale le jour du rendez-vous.",
    "Grâce au tiers payant, présentez simplement votre carte Vitale à l'accueil.",
    "Send us the last 4 digits of your card",
    "Indiquez les 4 derniers chiffres de votre carte",
    "Your card number is not needed here.",
    "Please send your question. Bring your ID card to the desk.",
    "Drop a location pin to find the nearest clinic.",
    "Please send your name, date of birth and phone number.",
    "Quel est votre code postal ?",
]

PROMOTIONS = [
    "Get 20% off this week!",
    "25% off all vitamins until Sunday",
    "Special offer: 2 for 1 on vitamins",
    "Use promo code SPRING for a discount",
    "Summer sale: everything must go",
    "Free shipping on every order",
    "Limited time offer, hurry!",
    "This week only: compression socks starting at €19",
    "Bundle deal: thermometer + masks",
    "Just arrived: the new SPF 50 range",
    "Don't miss our Black Friday deals on health products",
    "Profitez de -30 % sur toute la gamme",
    "Offre spéciale ce week-end",
    "Soldes : jusqu'à 50 % de réduction",
    "Ne manquez pas notre offre exceptionnelle",
    "Code promo BIENVENUE",
    "Livraison gratuite dès 30 €",
    "Prix cassés sur les tensiomètres !",
    "Achetez votre kit spécial hiver pour seulement 14,99 €",
]

NOT_PROMOTIONS = [
    "We never send promotions or advertising.",
    "Nous n'envoyons jamais de promotions.",
    "The grant can reach up to 5,000 EUR.",
    "La subvention peut aller jusqu'à 5 000 EUR.",
    "Vaccination is free for children under 12.",
    "The flu vaccination is free this year.",
    "Feel free to ask another question.",
    "Deal with a fever: rest and drink water.",
    "Au moins 3 jours de repos.",
    "Opening hours: 9:00 to 12:00.",
    "This week only, the vaccination centre is open until 8pm because of high demand.",
    "Don't miss your appointment tomorrow at 10:00.",
    "Ne manquez pas votre rendez-vous de demain.",
    "La mammographie est prise en charge à 100 %.",
    "A consultation costs 25 EUR.",
]

SALE_OFFERS = [
    "We deliver medicines to your home",
    "Order your paracetamol now",
    "Buy now: blood pressure monitors in stock",
    "Order our immune-boost pack today",
    "Have your prescription medicines brought to your home tonight",
    "Out of paracetamol? We bring it to you.",
    "Want me to put a box aside for you?",
    "Would you like to add a thermometer to your order?",
    "Your contraceptive pill is running low. Reply YES and we'll prepare your next box.",
    "Need a COVID self-test? Reply TEST and we'll have one ready at the counter.",
    "Discreet delivery of condoms and lubricant, just reply with your address.",
    "Nous livrons vos médicaments à domicile",
    "Commandez vos masques en ligne",
    "Achetez maintenant votre tensiomètre",
    "Thermomètres en stock !",
    "Voulez-vous que je vous mette une boîte de côté ?",
    "Plus de Doliprane ? On vous l'apporte.",
    "Je repasse commande de votre Ventoline habituelle et on vous la dépose ?",
    "Lunettes de lecture disponibles à la commande, de +1 à +3,5.",
]

NOT_SALE_OFFERS = [
    "We do not sell medicines on WhatsApp; please visit a pharmacy.",
    "Nous ne vendons pas de médicaments.",
    "Nous ne livrons pas de médicaments. Demandez conseil à votre pharmacien.",
    "Sorry, we can't deliver medicines. The pharmacy on Rue Gambetta may offer home delivery.",
    "Paracetamol relieves pain and fever. Ask your pharmacist.",
    "Take only 2 tablets a day.",
    "A consultation costs 25 EUR.",
    "Book your vaccination online.",
    "Réservez votre rendez-vous en ligne.",
    "Prenez rendez-vous pour votre vaccin.",
    "Would you like us to send you a reminder the day before?",
    "Bring your medication list to your appointment.",
    "Blood pressure monitors starting at €19, the best prices in town.",  # a promotion only
]


@pytest.mark.parametrize("text", SENSITIVE_REQUESTS)
def test_when_the_bot_asks_for_sensitive_data_then_sensitive_request_is_found(text):
    assert "sensitive_request" in kinds(text)


@pytest.mark.parametrize("text", NOT_SENSITIVE_REQUESTS)
def test_when_the_bot_warns_or_asks_for_nothing_sensitive_then_no_request_is_found(text):
    assert "sensitive_request" not in kinds(text)


@pytest.mark.parametrize("text", PROMOTIONS)
def test_when_the_bot_markets_then_promotion_is_found(text):
    assert "promotion" in kinds(text)


@pytest.mark.parametrize("text", NOT_PROMOTIONS)
def test_when_the_bot_informs_then_no_promotion_is_found(text):
    assert "promotion" not in kinds(text)


@pytest.mark.parametrize("text", SALE_OFFERS)
def test_when_the_bot_offers_health_products_then_product_sale_is_found(text):
    assert "product_sale" in kinds(text)


@pytest.mark.parametrize("text", NOT_SALE_OFFERS)
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
