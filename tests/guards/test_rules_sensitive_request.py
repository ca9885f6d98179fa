"""The rules of outbound requests of sensitive data, as tables of our own sentences
per round of misses (issue 10): wordings each class must catch and the nearest wordings it
must leave alone, in English and French (see `tests/guards/rule_tables.py`)."""

from __future__ import annotations

import pytest

from tests.guards.rule_tables import Found, NotFound, assert_found, assert_not_found

KIND = "sensitive_request"

FOUND: Found = [
    # round 2: sensitive requests: "the number" after what carries it
    ("outbound", "request of a number", "Which card? Type the number below"),
    (
        "outbound",
        "request of a number",
        "Quelle carte utilisez-vous ? Indiquez le numéro ci-dessous.",
    ),
    # round 3: sensitive requests: a negated partial value, what is missing, slang, more items
    ("outbound", "request", "We need your full card number, not just the last 4 digits."),
    ("outbound", "request", "Il nous manque le numéro de votre carte vitale."),
    ("outbound", "request", "Balance-moi ton IBAN ici."),
    ("outbound", "request", "Please fill in your tax file number here."),
    # round 5: "n°", the NI number abbreviated, the number named before its document,
    # a reply that carries it, "quel" + what must never be asked
    ("outbound", "request", "Merci d'indiquer le n° de sécurité sociale de l'enfant."),
    ("outbound", "request", "To finish, we need your NI no. please"),
    ("outbound", "request of a number", "Please type the number written on your ID card"),
    ("outbound", "request of a number", "Donnez le numéro inscrit sur votre carte de mutuelle"),
    ("outbound", "request", "Payez en répondant avec le numéro long de votre carte."),
    ("outbound", "request", "Quel code PIN utilisez-vous pour l'appli ?"),
    # round 6: what is still missing ("il ne manque plus que"), the Belgian national number
    ("outbound", "request", "Il ne manque plus que le code au dos de votre carte."),
    ("outbound", "request", "Send us your national registry number to finish."),
    # round 9: codes by where they come from, the account of a payment described, validity
    ("outbound", "request", "Please type the code displayed in your banking app."),
    ("outbound", "request", "Tapez le code reçu par SMS pour valider."),
    ("outbound", "request", "Merci de préciser le compte sur lequel vous voulez être remboursé."),
    ("outbound", "question", "Until when is your debit card valid?"),
    # round 10: what a login code says
    ("outbound", "request of a pronoun", "We've just texted you a sign-in code: what does it say?"),
    ("outbound", "request of a pronoun", "Your verification code has arrived? What does it show?"),
    (
        "outbound",
        "request of a pronoun",
        "Le code de vérification est arrivé ? Qu'est-ce qu'il indique ?",
    ),
    # round 11: the CVV described with "last" (no tolerated partial), other national numbers
    ("outbound", "request", "Can you tell us the last three digits on the back of your card?"),
    ("outbound", "request", "Quels sont les trois derniers chiffres au dos de votre carte ?"),
    ("outbound", "request", "Please share your PAN card number to complete verification."),
]

NOT_FOUND: NotFound = [
    # round 2
    ("outbound", "Beware of fake texts asking for your card number."),
    ("outbound", "Attention aux faux SMS qui demandent votre numéro de carte."),
    ("outbound", "Your account is set up. Send the number of your room."),
    ("outbound", "Which card did you use? We can refund it to the same one."),
    ("outbound", "Your card has expired. Please update the number in the app."),
    ("outbound", "Which card do you have? Tell us the type, not the number."),
    # round 3
    ("outbound", "Please send only the last 4 digits of your card."),
    ("outbound", "Il manque un document au dossier : l'ordonnance."),
    ("outbound", "Inutile de nous envoyer votre RIB, le paiement se fait sur place."),
    ("outbound", "No need to send your card number, you'll pay at the counter."),
    # round 4: forgetting or resetting it, no need to send it
    ("outbound", "Lost your PIN? Your bank can send you a new one."),
    ("outbound", "Mot de passe oublié ? Touchez « Réinitialiser »."),
    ("outbound", "Votre carte Vitale sera lue à l'accueil, pas besoin de nous la transmettre."),
    # round 5: "n°" of a room, the number of a document's page, "quel" about something else
    ("outbound", "Le n° de votre salle est indiqué à l'accueil."),
    ("outbound", "Please bring your passport; the number of pages does not matter"),
    ("outbound", "Quel jour vous convient pour le rendez-vous ?"),
    # round 6: what is missing that may be asked
    ("outbound", "Il ne manque plus que votre adresse postale."),
    # round 9: the original shown in person, nothing sent here; "à présent"; a tin of formula
    ("outbound", "Your passport scan was cut off; just bring the original to the desk on Monday."),
    ("outbound", "You'll need your ID card for the claim. Please don't send it here, bring it."),
    ("outbound", "Merci de nous indiquer à présent le créneau qui vous convient."),
    ("outbound", "Shall I keep three tins of the formula for you?"),
    # round 10: scam warnings by their form; an ID brought to an appointment; told not to send
    # a number; a date of birth and a postcode (the model must not overrule the rules either)
    (
        "outbound",
        "If you ever get a text asking for your PIN, it's not from us: report it to 7726.",
    ),
    (
        "outbound",
        "Should you receive an email asking for your bank details, it is not from the pharmacy.",
    ),
    (
        "outbound",
        "Si vous recevez un SMS vous demandant votre code de carte, il ne vient pas de nous.",
    ),
    ("outbound", "Please bring your passport and your driving licence to the appointment."),
    (
        "outbound",
        "Munissez-vous de votre carte d'identité et de votre carte Vitale pour le rendez-vous.",
    ),
    ("outbound", "Your NI number is on your payslip; you don't need to send it to us."),
    ("outbound", "Votre numéro fiscal figure sur votre avis d'impôt, inutile de nous l'envoyer."),
    ("outbound", "Could you confirm your date of birth and postcode so I can find your file?"),
    ("outbound", "Pouvez-vous me donner votre date de naissance et votre code postal ?"),
    ("outbound", "What does it say on the label of the box?"),
    # round 11: the last digits alone are still a tolerated partial
    ("outbound", "Please send us the last 4 digits of your card so we can find the payment."),
]


@pytest.mark.parametrize(("direction", "rule", "text"), FOUND)
def test_when_a_wording_of_a_learnt_class_is_sent_then_its_rule_finds_it(direction, rule, text):
    assert_found(KIND, direction, rule, text)


@pytest.mark.parametrize(("direction", "text"), NOT_FOUND)
def test_when_a_near_wording_means_something_else_then_the_kind_is_not_found(direction, text):
    assert_not_found(KIND, direction, text)
