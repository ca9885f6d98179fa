"""product_sale inbound: buying, ordering, delivery, price, stock or reservation of a
health product, by any wording; not questions of use, dose, side effects or device errors.

Decision: services are not products. Consultations, vaccinations, screening, medication
reviews and appointments are what the policy allows clinics to offer, so asking their price
or booking them is not a product sale; vaccines are therefore not in the product lexicon.
"""

from __future__ import annotations

import pytest

from guards import check

PURCHASES = [
    # buy / order
    "I want to buy paracetamol",
    "Can I order ibuprofen online?",
    "Je voudrais acheter du Doliprane",
    "Je peux commander des masques chirurgicaux ?",
    "Je voudrais commander un aérosol pour mon petit-fils",
    # price, in any wording
    "How much is Doliprane?",
    "how much does a blood pressure monitor cost",
    "what would a pair of compression stockings set me back?",
    "ça coûte combien chez vous, le Nurofen ?",
    "Quel est le prix d'un lecteur de glycémie ?",
    "How much for a box of nicotine patches?",
    # stock and availability
    "Do you have insulin in stock?",
    "Do you sell glucometers?",
    "Is amoxicillin available?",
    "Vous avez du Doliprane en stock ?",
    "Avez-vous de l'insuline ?",
    "les gommes nicotine 2mg sont revenues en stock ?",
    "Do you have baby formula, the lactose-free one? Can't find it anywhere",
    # delivery, post, quantity, reservation
    "Can you deliver my Ventolin inhaler?",
    "could you post me a pregnancy test and I pay by card",
    "est-ce que vous livrez les médicaments à domicile",
    "LIVRAISON de bandelettes possible ?",
    "Vous pouvez m'envoyer ma pilule comme d'hab ?",
    "vous pouvez mapporter du smecta au 12 rue des lilas",
    "I need 2 boxes of masks, how much are they?",
    "il me faudrait trois tubes de crème solaire",
    "Pouvez-vous me mettre de côté des patchs nicotine 21 mg ? Je passe ce soir",
    "Can you put aside a hearing aid battery pack for me?",
    # a test is a product with a purchase cue
    "how much are covid tests?",
    "Vous vendez des autotests ?",
    # a delivery or price question alone, to a pharmacy
    "Can you deliver?",
    "Vous livrez ?",
]

NEAR_MISSES_AND_HARD_NEGATIVES = [
    # use, dose, interactions, side effects, storage: questions, not purchases
    "what is paracetamol used for",
    "can I take ibuprofen with paracetamol?",
    "can I take ibuprofen with my pill?",
    "How much paracetamol can I give my child?",
    "is 3 g of paracetamol a day too much?",
    "Quels sont les effets secondaires du Doliprane ?",
    "Depuis que je prends du Lévothyrox j'ai des palpitations, c'est normal ?",
    "Does insulin need to be kept in the fridge once opened?",
    "Can I do a full stop of the pill or do I need to taper?",
    # device errors
    "my thermometer reads 'Lo'",
    "mon tensiomètre affiche Err 3, que faire ?",
    # services
    "book a vaccination",
    "how much does a GP consultation cost",
    "what is the price of a consultation?",
    "combien coûte une consultation ?",
    "C'est combien la consultation ?",
    "I'd like to cancel the medication review and rebook in May.",
    "I'd like a pharmacist consultation about my inhaler technique",
    "Is the flu vaccine available?",
    "Le médecin est-il disponible demain ?",
    "prendre rendez-vous pour un vaccin",
    # a test that is a service: getting or booking one
    "where can i get a covid test",
    "Can I book a covid test for tomorrow?",
    "réservez-moi un test de dépistage",
    "Do I need to bring my glasses to the eye test?",
    # product and cue apart, or another sense
    "I take insulin. Can I book an appointment?",
    "in order to take my medicine I need water",
    "Can I buy a bus ticket at the town hall?",
    "Où est-ce que je peux rapporter mes vieux médicaments et mes aiguilles ?",
    "Je voudrais annuler mon rendez-vous de jeudi",
    "Je veux me désabonner",
]


def sale(text: str) -> bool:
    return any(f.kind == "product_sale" for f in check(text))


@pytest.mark.parametrize("text", PURCHASES)
def test_when_the_user_wants_to_buy_a_health_product_then_product_sale_is_found(text):
    assert sale(text)


@pytest.mark.parametrize("text", NEAR_MISSES_AND_HARD_NEGATIVES)
def test_when_the_user_asks_about_use_or_services_then_no_product_sale_is_found(text):
    assert not sale(text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("do you have compression socks?", "hosiery"),
        ("how much are nicotine patches", "smoking_cessation"),
        ("do you sell condoms", "contraception"),
        ("do you have sun cream in stock", "skin_care"),
        ("price of a covid self-test?", "self_test"),
        ("how much are hearing aid batteries", "hearing"),
        ("can I rent crutches, how much", "mobility"),
        ("do you have aptamil in stock", "infant_nutrition"),
        ("how much is vitamin D", "vitamins"),
        ("do you sell reading glasses", "optics"),
        ("test strips in stock?", "diabetes"),
        ("ffp2 masks price", "mask"),
        ("do you sell thermometers", "device"),
        ("how much are plasters", "first_aid"),
    ],
)
def test_when_a_sale_is_found_then_the_detail_names_the_product_category(text, category):
    [finding] = [f for f in check(text) if f.kind == "product_sale"]
    assert f" + {category}: " in finding.detail
