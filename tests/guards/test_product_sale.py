"""product_sale inbound: buying, ordering, delivery, price or stock of a medical product.

Decision: services are not products. Consultations, vaccinations, screening and
appointments are what the policy allows clinics to offer, so asking their price or booking
them is not a product sale; vaccines are therefore not in the product lexicon.
"""

from __future__ import annotations

import pytest

from guards import check


def sale(text: str, direction: str = "inbound") -> bool:
    return any(f.kind == "product_sale" for f in check(text, direction))


@pytest.mark.parametrize(
    "text",
    [
        "I want to buy paracetamol",
        "Can I order ibuprofen online?",
        "How much is Doliprane?",
        "how much does a blood pressure monitor cost",
        "Do you have insulin in stock?",
        "Do you sell glucometers?",
        "Can you deliver my Ventolin inhaler?",
        "what's the price of a box of masks",
        "Is amoxicillin available?",
        "I need 2 boxes of masks, how much are they?",
        "Can you send me some paracetamol",
        "Je voudrais acheter du Doliprane",
        "combien coûte un tensiomètre ?",
        "Vous avez du Doliprane en stock ?",
        "est-ce que vous livrez les médicaments à domicile",
        "Je peux commander des masques chirurgicaux ?",
        "Quel est le prix d'un lecteur de glycémie ?",
        "vendez-vous des thermomètres ?",
        "Avez-vous de l'insuline ?",
        "LIVRAISON de bandelettes possible ?",
    ],
)
def test_when_the_user_wants_to_buy_a_medical_product_then_product_sale_is_found(text):
    assert sale(text)


@pytest.mark.parametrize(
    "text",
    [
        "what is paracetamol used for",
        "can I take ibuprofen with paracetamol?",
        "How much paracetamol can I give my child?",
        "book a vaccination",
        "how much does a GP consultation cost",
        "what is the price of a consultation?",
        "prendre rendez-vous pour un vaccin",
        "combien coûte une consultation ?",
        "Le médecin est-il disponible demain ?",
        "I take insulin. Can I book an appointment?",  # product and intent in two sentences
        "in order to take my medicine I need water",
        "Quels sont les effets secondaires du Doliprane ?",
        "Is the flu vaccine available?",
        "Can I buy a bus ticket at the town hall?",
    ],
)
def test_when_the_user_asks_about_use_or_services_then_no_product_sale_is_found(text):
    assert not sale(text)
