"""The rules of inbound opt-out requests, as tables of our own sentences
per round of misses (issue 10): wordings each class must catch and the nearest wordings it
must leave alone, in English and French (see `tests/guards/rule_tables.py`)."""

from __future__ import annotations

import pytest

from guards.phrases import detect_rules
from tests.guards import test_rules_product_sale
from tests.guards.rule_tables import (
    Found,
    NotFound,
    assert_found,
    assert_not_found,
    certain_opt_out,
)

KIND = "opt_out"

FOUND: Found = [
    # round 2: a word spelt out, a spaced dash as a pause
    ("inbound", "command", "S T O P"),
    ("inbound", "command", "s.t.o.p"),
    ("inbound", "keyword", "STOP - I moved to another town and never shop there now"),
    ("inbound", "keyword", "Stop — I changed pharmacy last year and I'm fine with it"),
    # round 2: formal, non-native, on someone's behalf, as a question
    ("inbound", "indirect", "Please cease any further contact with this number."),
    ("inbound", "indirect", "Kindly discontinue all SMS correspondence."),
    ("inbound", "indirect", "I want not get any more reminders"),
    ("inbound", "indirect", "My father is in hospital, please unsubscribe him"),
    ("inbound", "indirect", "She doesn't want these reminders any more"),
    ("inbound", "indirect", "where can I switch off all your notifications?"),
    ("inbound", "indirect", "je veux plus recevoir vos sms"),
    ("inbound", "indirect", "je veux plus être dans votre fichier"),
    ("inbound", "indirect", "je voudrais plus qu'on m'envoie des rappels"),
    ("inbound", "indirect", "Merci de mettre fin à toutes les communications."),
    ("inbound", "indirect", "ras le bol de vos relances"),
    ("inbound", "command", "plus de sms"),
    # round 3: someone else's number, negated requests, leaving a list, stop receiving
    ("inbound", "indirect", "Remove this number from your system, he passed away"),
    ("inbound", "indirect", "Can you not send me reminders again please"),
    ("inbound", "indirect", "How do I get off your mailing list?"),
    ("inbound", "indirect", "I would like to stop getting these updates"),
    ("inbound", "indirect", "Please stop to send me messages"),
    ("inbound", "indirect", "I want these reminders to stop"),
    ("inbound", "indirect", "Elle ne veut plus recevoir de messages."),
    ("inbound", "indirect", "Enlevez mon numéro svp"),
    ("inbound", "indirect", "Mon père est décédé, merci de le retirer de la liste."),
    # round 4: a carer, the medium named, this number, SMS and dialect, emoji, spoken French
    ("inbound", "indirect", "Can you take my mum off your texting list? She's in a care home now"),
    ("inbound", "indirect", "He doesn't want the SMS reminders any more, thank you"),
    ("inbound", "indirect", "Please unsubscribe this mobile number"),
    ("inbound", "indirect", "pls stp texting me"),
    ("inbound", "indirect", "nae more texts please"),
    ("inbound", "soft command", "🛑"),
    ("inbound", "command", "STOP ⛔"),
    ("inbound", "indirect", "Pourriez-vous ne plus leur écrire sur ce numéro ?"),
    ("inbound", "indirect", "tu m'envoies plus jamais de rappels stp"),
    ("inbound", "indirect", "Veuillez désinscrire cette ligne, merci"),
    ("inbound", "indirect", "Je vous prie de cesser l'envoi de notifications."),
    ("inbound", "indirect", "arete de m'écrire"),
    ("inbound", "command", "plu d sms"),
    # round 5: singular and "communication", "I not want", no subject, "of" for "off", "stp",
    # consent withdrawn, a carer's "take her off", French without article or "ne", the question
    # of what to do to stop being contacted, "plus aucun"
    ("inbound", "indirect", "No more reminder to this number please"),
    ("inbound", "indirect", "no further correspondence thanks"),
    ("inbound", "indirect", "we not want these reminders, my wife is the patient"),
    ("inbound", "indirect", "don't want any more texts from the surgery"),
    ("inbound", "indirect", "pls get me of the mailing list"),
    ("inbound", "indirect", "stp these reminders pls"),
    ("inbound", "indirect", "I am revoking my permission to be messaged by the pharmacy."),
    ("inbound", "indirect", "My consent has been withdrawn, as of today."),
    ("inbound", "indirect", "Mum gets your texts but she cannot read them, could you take her off"),
    ("inbound", "indirect", "Merci de désabonner mon tel"),
    ("inbound", "indirect", "je veux plus rappel de votre part"),
    ("inbound", "indirect", "moi plus vouloir les messages merci"),
    ("inbound", "indirect", "Comment faire pour ne plus recevoir de sms ?"),
    ("inbound", "indirect", "Aucun autre message s'il vous plaît"),
    ("inbound", "indirect", "Nous retirons notre accord pour les rappels par SMS."),
    ("inbound", "phrase", "Oops stop messaging me please"),
    # round 6: the number named instead of "me", a formal erasure request (certain), the right
    # to erasure by its article (likely: the bot asks), French with no pronoun towards a number
    ("inbound", "phrase", "please never whatsapp my number again"),
    ("inbound", "phrase", "We are requesting the erasure of all our personal data."),
    ("inbound", "phrase", "Je sollicite la suppression de mes informations personnelles."),
    ("inbound", "indirect", "RGPD article 17 svp"),
    ("inbound", "indirect", "le portable de papa : veuillez ne plus adresser de rappels ici"),
    # round 7: struck off a list in the infinitive, a noun as an order, on someone's behalf,
    # a third person who wants no more, Quebec "pu", Belgian "savez-vous", "ne" dropped
    ("inbound", "phrase", "Pourriez-vous nous enlever de vos listes de diffusion ?"),
    ("inbound", "phrase", "Radiation immédiate svp, je ne suis plus patiente chez vous"),
    ("inbound", "indirect", "Désabonnez mon mari, c'est son téléphone mais il ne lit pas"),
    ("inbound", "indirect", "Mon père ne veut plus de vos messages, il est malvoyant."),
    ("inbound", "indirect", "vous pouvez la retirer ? elle est à l'hôpital"),
    ("inbound", "indirect", "comment faire pour pu avoir vos messages"),
    ("inbound", "indirect", "Sauriez-vous me désinscrire ?"),
    ("inbound", "indirect", "nous relancez plus merci"),
    ("inbound", "indirect", "could you opt out my mum too, she shares my phone"),
    # after blind-l: an account or a file, maybe another service's, is likely (the bot asks)
    ("inbound", "indirect", "je veux supprimer mon dossier sur l'appli de la mutuelle"),
    # round 8: leaving the list in so many words, "stahp", SMS "désabo" (a guess: never certain)
    ("inbound", "indirect", "We don't want to stay on your broadcast list any more"),
    ("inbound", "indirect", "nous ne voulons plus être inscrits sur votre liste"),
    ("inbound", "indirect", "je veux plus faire partie de la liste de diffusion"),
    ("inbound", "command", "stahp"),
    ("inbound", "command", "desabo svp"),
    # round 9: consent withdrawn, unenrolling, wanting out, not being on a list, radier,
    # "basta", "il faut me retirer", unplugging from the mailings
    ("inbound", "phrase", "We hereby revoke our consent to be contacted on WhatsApp."),
    ("inbound", "indirect", "Please unenrol me from the SMS reminders, thanks"),
    ("inbound", "indirect", "My dad wants out of these weekly alerts, it's his phone I'm using"),
    ("inbound", "indirect", "I'd rather not be on your mailing list at all"),
    ("inbound", "indirect", "mute this number please"),
    ("inbound", "indirect", "I do not want the clinic keeping my details after today"),
    ("inbound", "phrase", "Je retire mon consentement pour les messages WhatsApp."),
    ("inbound", "command", "I withdraw my consent."),
    ("inbound", "indirect", "Merci de mettre fin à mes inscriptions chez vous"),
    ("inbound", "indirect", "Radiez-moi de vos listes s'il vous plaît"),
    ("inbound", "phrase", "Bon, basta les notifications maintenant"),
    ("inbound", "phrase", "je vais me désabonner, trop de relances"),
    ("inbound", "indirect", "Les messages là c'est trop, faut me retirer hein"),
    ("inbound", "phrase", "Sortez-moi de votre liste de diffusion svp"),
    ("inbound", "phrase", "Merci de mettre fin à vos envois de notifications"),
    ("inbound", "indirect", "Je ne veux plus figurer dans votre base de données."),
    # round 10: no need to go on, non-native, no more need of the messages with words
    # between, a bare "remove": all likely (the bot asks)
    ("inbound", "indirect", "There's no need to keep sending me reminders, I've changed pharmacy"),
    ("inbound", "indirect", "No further need for these texts, thanks"),
    ("inbound", "indirect", "me not want receive these reminder more"),
    ("inbound", "indirect", "Ce n'est plus la peine de m'envoyer des rappels, j'ai déménagé"),
    ("inbound", "indirect", "plus besoin de m'écrire, merci"),
    ("inbound", "unwanted", "We don't need any of the pharmacy's WhatsApp reminders any more"),
    ("inbound", "unwanted", "My mum no longer wants all those automatic texts from you"),
    ("inbound", "unwanted", "je n'ai plus besoin de tous ces rappels de la pharmacie"),
    ("inbound", "unwanted", "Elle ne veut plus aucun de ces fichus SMS"),
    ("inbound", "soft command", "Remove"),
    ("inbound", "soft command", "remove please"),
    ("inbound", "soft command", "Retirez svp"),
    # round 11: an adverb between the verb and its object, rather not "to" get them, someone
    # else "to receive", deregistering, "l'envoie", "me désabonner ici"
    ("inbound", "phrase", "Please stop right now messaging me"),
    ("inbound", "phrase", "Cessez tout de suite de me relancer svp"),
    ("inbound", "phrase", "Arrêtez immédiatement de m'écrire, merci"),
    ("inbound", "indirect", "I would prefer not to receive any more reminders, thanks"),
    ("inbound", "indirect", "My father does not want to receive any more texts from you"),
    ("inbound", "indirect", "Can you deregister my number please"),
    ("inbound", "indirect", "Please unregister me, I've moved abroad"),
    ("inbound", "indirect", "Merci de cesser l'envoie des rappels"),
    ("inbound", "keyword", "On m'a dit que je pouvais me désabonner ici, alors voilà, c'est fait"),
]

NOT_FOUND: NotFound = [
    # round 2
    ("inbound", "Can I unsubscribe my son from the school canteen online?"),
    ("inbound", "Please unsubscribe her from the football club"),
    ("inbound", "Je veux plus de détails sur le vaccin"),
    ("inbound", "je veux plus d'informations sur les effets secondaires"),
    ("inbound", "A B C D"),
    ("inbound", "how do I stop the bleeding from a small cut?"),
    ("inbound", "Marre de ces maux de tête, que faire ?"),
    # round 3
    ("inbound", "my cough won't stop, I want it to stop"),
    ("inbound", "Could you remove it from the photo?"),
    ("inbound", "Je voudrais le stop tabac"),
    ("inbound", "Vous avez des patchs pour arrêter de fumer, genre stop tabac ?"),
    # round 4: another service left, a question of when, "plus de" meaning more
    ("inbound", "How can I opt out of the organ donor register?"),
    ("inbound", "Can I unsubscribe from the library newsletter here?"),
    ("inbound", "How long until the reminders stop? I like them"),
    ("inbound", "Quand est-ce que les rappels s'arrêtent ?"),
    ("inbound", "Vous m'envoyez plus de détails sur le vaccin ?"),
    # round 5: a bare "stop" that halts one's own last message, consent for something else,
    # a message that did not come, taking someone off a medicine
    ("inbound", "Hang on stop, I meant the 14th not the 15th"),
    ("inbound", "Stop! I picked the wrong date, can I change it?"),
    ("inbound", "stop stop, my bad, ignore the previous message"),
    ("inbound", "Attends stop, mauvaise photo, je renvoie"),
    ("inbound", "Stop, je voulais écrire 10h et pas 11h"),
    ("inbound", "Can I withdraw my consent for the research study?"),
    ("inbound", "I got no message from you yesterday, is my appointment still on?"),
    ("inbound", "Je retire mon ordonnance demain, c'est prêt ?"),
    ("inbound", "The doctor wants to take him off the steroids slowly"),
    # round 6: re-subscribing after a mistake; a deletion of something else
    ("inbound", "Désinscrite par erreur hier, je voudrais avoir de nouveau les rappels"),
    ("inbound", "They requested the removal of my stitches, when can I book?"),
    # round 7: leaving another service, for oneself or a child
    ("inbound", "Je voudrais désinscrire ma fille du centre de loisirs"),
    ("inbound", "Retirez le petit de la liste d'attente, on a une place ailleurs"),
    ("inbound", "I need to opt out of the open register, who do I ask?"),
    ("inbound", "Can you remove my daughter from tomorrow's booking?"),
    # round 9: a bus line, a payment that stopped, leaving the clinic, keeping the reminders
    ("inbound", "Which bus, the 12 stops right outside the pharmacy?"),
    ("inbound", "My housing benefit has stopped, who can I talk to?"),
    ("inbound", "If I stop going to this clinic do you keep my file?"),
    ("inbound", "Unsubscribe?? No, I want to keep receiving the reminders please"),
    ("inbound", "Vous pouvez me retirer le plâtre quand ?"),
    # round 10: STOP sent by mistake, banter, a third party that stopped paying, worrying,
    # a participle after its auxiliary (what happened, not a request), one reminder not needed
    ("inbound", "Oops I typed STOP by accident, I still want the texts"),
    ("inbound", "J'ai tapé stop sans faire exprès, je veux continuer à recevoir les rappels"),
    ("inbound", "haha stop, you're making me blush"),
    ("inbound", "Stop it you're so sweet 😊"),
    ("inbound", "arrête, t'es trop gentille 😂"),
    ("inbound", "mdr arrêtez vous me faites rire"),
    ("inbound", "Ma sœur me dit d'arrêter de m'en faire mais la toux dure depuis 3 semaines"),
    ("inbound", "Mon employeur a arrêté de me payer pendant mon arrêt, c'est normal ?"),
    ("inbound", "La mutuelle a arrêté de me rembourser les séances, pourquoi ?"),
    ("inbound", "Ça a arrêté de m'envoyer les rappels depuis lundi, c'est un bug ?"),
    ("inbound", "You've quit sending me reminders, is something wrong?"),
    ("inbound", "Mum keeps telling me to stop worrying but the rash is spreading"),
    ("inbound", "The DWP stopped my payments last month, who do I call?"),
    ("inbound", "I don't need a reminder for tomorrow, I've written it down"),
    ("inbound", "No need to send me the leaflet, I found it online"),
    ("inbound", "Je n'ai plus besoin de pansements, la plaie a cicatrisé"),
    # round 11: near wordings that are no request to stop the messages
    ("inbound", "He does not want to receive the vaccine, he's scared of needles"),
    ("inbound", "Deregister my car? wrong chat sorry"),
]


@pytest.mark.parametrize(("direction", "rule", "text"), FOUND)
def test_when_a_wording_of_a_learnt_class_is_sent_then_its_rule_finds_it(direction, rule, text):
    assert_found(KIND, direction, rule, text)


@pytest.mark.parametrize(("direction", "text"), NOT_FOUND)
def test_when_a_near_wording_means_something_else_then_the_kind_is_not_found(direction, text):
    assert_not_found(KIND, direction, text)


@pytest.mark.parametrize(
    "text",
    [t for _, t in NOT_FOUND] + [t for d, _, t in test_rules_product_sale.FOUND if d == "inbound"],
)
def test_when_a_message_is_not_an_opt_out_then_no_certain_opt_out_fires(text):
    assert not certain_opt_out(text)


@pytest.mark.parametrize("text", [t for _, rule, t in FOUND if rule == "indirect"])
def test_when_an_opt_out_is_indirect_then_it_is_only_likely(text):
    assert not certain_opt_out(text)


@pytest.mark.parametrize(
    "text",
    [
        # round 9 review: leaving what may be another service's list is likely, never certain
        "Merci de mettre fin à mes inscriptions à la cantine",
        "Radiez-moi de la liste d'attente pour le dentiste",
        "Sortez-moi de la liste d'attente svp",
        "Please unenrol me from the SMS reminders of the school",
    ],
)
def test_when_the_list_left_may_be_another_services_then_the_opt_out_is_not_certain(text):
    assert not certain_opt_out(text)


@pytest.mark.parametrize(
    "text", [t for _, rule, t in FOUND if rule in ("unwanted", "soft command")]
)
def test_when_an_opt_out_is_unwanted_messages_or_a_soft_command_then_it_is_only_likely(text):
    assert not certain_opt_out(text)


@pytest.mark.parametrize(
    "text",
    [
        # round 10: banter does not hide an opt-out said in so many words
        "lol you're too kind, stop messaging me though",
        "Tu me fais rire, mais arrêtez de m'envoyer des SMS",
    ],
)
def test_when_banter_comes_with_an_opt_out_phrase_then_the_phrase_still_counts(text):
    assert certain_opt_out(text)


# round 11: a removal out of something that is not our messages or data. Out of an
# appointment, a slot, a session: no opt-out at all (the rules find nothing; the model may
# still ask); out of a waiting list, a class, another service's list: likely at most.
REMOVED_FROM_AN_APPOINTMENT = [
    "Please take me off Thursday's 4pm slot, I'll ring to rebook",
    "Can you remove me from the morning session and put me in the afternoon one?",
    "Cross my name off the booking for Monday, something came up",
    "Strike me from the vaccination clinic list on Saturday",
    "Enlevez-moi du rendez-vous de jeudi, je rappellerai",
    "Retirez-moi de la séance de 14h, je préfère celle de 16h",
    "Supprimez mon numéro de la réservation de vendredi svp",
    "Rayez-moi du planning de mardi, je suis malade",
]
REMOVED_FROM_ELSEWHERE = [
    "Remove me from the waiting list, I've found a dentist nearer home",
    "Unsubscribe me from the pilates class on Wednesdays",
    "Opt me out of the research study, I've changed my mind",
    "Delete my account on the NHS app please",
    "Remove my details from the school contact list",
    "Retirez-moi de la liste d'attente, j'ai trouvé une place ailleurs",
    "Désinscrivez-moi du cours d'aquagym",
    "Effacez mes données de l'essai clinique",
    "Supprimez mon numéro de la liste du club de foot",
    "Oubliez-moi pour l'atelier nutrition de mardi",
]
STILL_OURS = [
    # the messages named before the appointment: still ours, still certain
    "Retirez-moi des rappels de vaccination",
    "Unsubscribe me from your reminders about appointments",
    "Remove me from your list and cancel my appointment",
    "Supprimez mes données, et annulez mon rendez-vous",
    "Enlevez-moi de votre liste de diffusion",
    "Please delete my data from your system",
    "Retirez-moi de tout",
]


@pytest.mark.parametrize("text", REMOVED_FROM_AN_APPOINTMENT)
def test_when_a_removal_is_out_of_an_appointment_then_no_rule_finds_an_opt_out(text):
    assert not any(f.kind == KIND for f in detect_rules(text, "inbound"))
    assert not certain_opt_out(text)


@pytest.mark.parametrize("text", REMOVED_FROM_ELSEWHERE)
def test_when_a_removal_is_out_of_another_list_or_service_then_it_is_likely_at_most(text):
    assert not certain_opt_out(text)


@pytest.mark.parametrize("text", STILL_OURS)
def test_when_a_removal_names_our_messages_or_data_then_it_stays_certain(text):
    assert certain_opt_out(text)
