"""Wordings written after the rules, to check they generalise: each kind's positives and
hard negatives side by side, in English and French (not taken from any evaluation set)."""

from __future__ import annotations

import pytest

from guards import check

IN_OPT = [
    "Hi there, please unsubscribe me from all of this",
    "STOP!!!!!",
    "stop it now pls",
    "Hello. I no longer wish to receive these reminders.",
    "Kindly remove my phone number from your records",
    "Pls stop msging me",
    "can u stop sending me stuff",
    "I never signed up for this, stop",
    "Arrêtez svp",
    "Bonjour, merci de me retirer de votre liste",
    "stp arrete de m'écrire",
    "Je veux plus de messages de votre part",
    "Désinscription svp",
    "Supprimez toutes mes données, merci",
    "Effacez mon numéro de votre fichier",
    "plus de sms svp",
    "opt-out",
    "Unsubscribe.",
    "END",
    "Please erase my account",
    "don't text me again",
    "I want out",
    "Enough with the texts already",
    "stop spamming me",
    "Merci de ne plus me contacter",
    "Je ne souhaite plus être contacté",
    "Arrêt des notifications svp",
    "STOP SMS",
    "Stopp",
    "unsubscirbe",
    "please remove me from this whatsapp list",
    "Can you stop the texts",
    "I've had enough of these messages, unsubscribe",
    "STOP. Thanks.",
    "hey stop",
    "Unsubscribe me please, I moved away",
    "Stop contacting me",
    "Je veux être retiré de la liste",
    "Arrete stp",
    "Vous pouvez arrêter les rappels ?",
    "jen ai marre de vos messages",
    "Stop pls I'm not interested",
    "stop sending",
    "STOPPPP",
    "Désabonnement",
    "no more texts",
    "Quit messaging me",
    "take my number off your system",
    "Ne m'écrivez plus",
    "Plus jamais de messages svp",
]

IN_NEG = [
    "How do I stop a nosebleed?",
    "Can I stop taking my antibiotics early?",
    "Where is the nearest bus stop to the town hall?",
    "My baby won't stop crying, is that normal?",
    "I'd like to cancel my blood test appointment",
    "Please keep me on the reminder list",
    "Is there a stop near the vaccination centre?",
    "Mon médecin m'a prescrit un arrêt de travail",
    "Je dois arrêter le traitement ?",
    "Comment arrêter de fumer ?",
    "L'arrêt du bus 12 a changé ?",
    "I want to quit smoking",
    "Should I stop breastfeeding while on amoxicillin?",
    "The app stops working when I book",
    "Can you stop by my mother's house for a home visit?",
    "Cancel my appointment please",
    "Annulez mon rendez-vous svp",
    "Don't stop sending me reminders, they help",
    "unsubscribe from the paper leaflet only, keep WhatsApp",
    "Stop-and-go traffic made me late, can I rebook?",
    "I can't stop coughing at night",
    "Quand arrêter les antibiotiques ?",
    "What stop do I get off at for the clinic?",
    "My period stopped, should I worry?",
    "Ça n'arrête pas de saigner",
    "Stop taking the pill, start again after 7 days?",
    "Can you tell me which medicines I can stop before surgery?",
    "I'll stop by the pharmacy later",
    "Quelle est la station de tram la plus proche ?",
    "Je veux continuer à recevoir les rappels",
    "I cancelled my subscription to the gym, does the grant still apply?",
    "Can I unsubscribe my son from the school canteen online?",
    "the website stops at the payment page",
    "Arrêt cardiaque : que faire en attendant les secours ?",
    "how to remove a tick?",
    "Delete the old address from my booking please",
]

IN_SALE = [
    "Do you stock Voltaren gel?",
    "Can I get a box of Doliprane delivered?",
    "How much are the compression socks?",
    "vous avez des patchs nicotine ?",
    "Je voudrais 2 boîtes de Spasfon",
    "Can I reserve a wheelchair?",
    "est-ce que vous vendez des lunettes de lecture",
    "Combien coûte un test de grossesse ?",
    "Could you order Ventolin for me?",
    "do u sell condoms",
    "Is Clearblue in stock?",
    "Vous faites la livraison de lait infantile ?",
    "How much is a pack of 10 FFP2 masks?",
    "Puis-je commander de la crème solaire ?",
    "I need more test strips for my glucometer, can you send some?",
    "Have you got any Gaviscon?",
    "Pouvez-vous me livrer des couches adultes ?",
    "How much would two crutches cost me?",
    "C'est combien le Voltarène gel ?",
    "I'd like to buy a pulse oximeter",
    "Any chance you have Calpol in stock?",
    "Je cherche des bouchons d'oreille, vous en avez ?",
    "Can I pick up my Ozempic today?",
    "Vous avez encore des masques FFP2 ?",
    "What's the price of Nicorette gum?",
]

IN_SALE_NEG = [
    "How often can I take ibuprofen?",
    "Is it safe to take paracetamol while pregnant?",
    "My glucometer shows E-3, what does it mean?",
    "Can I give Doliprane to a 2 year old?",
    "What are the side effects of the morning-after pill?",
    "Combien de Doliprane par jour maximum ?",
    "Mon tensiomètre affiche une erreur",
    "Do I need a prescription for the flu vaccine?",
    "How much does the blood test cost?",
    "Is the pharmacy on call open on Sunday?",
    "What's the maximum dose of Nurofen for an adult?",
    "Does the morning-after pill work if I'm breastfeeding?",
    "Can I take my blood pressure pills with grapefruit juice?",
    "Mon thermomètre ne s'allume plus, c'est la pile ?",
    "Is the covid test at the clinic free?",
    "Combien de temps garder un pansement ?",
    "How do I use an inhaler spacer?",
    "My hearing aid whistles, what should I do?",
]

OUT_SENS = [
    "To confirm your booking, type your full card number here.",
    "What are the 16 digits on your card?",
    "Please reply with your online banking password so we can verify.",
    "Send us your IBAN for the refund.",
    "Pouvez-vous me communiquer votre numéro de sécurité sociale ?",
    "Quelle est la date d'expiration de votre carte ?",
    "Merci d'indiquer le code reçu par SMS de votre banque",
    "We need a scan of your passport",
    "Could you share your national insurance number?",
    "Donnez-moi les trois chiffres au dos de votre carte",
    "Tell us your card's security code to finish.",
    "Please confirm your PIN.",
    "Pour valider, tapez votre mot de passe bancaire.",
    "Reply with your SSN.",
    "Could you read me the number on your card?",
    "Envoyez-nous une copie de votre carte d'identité recto verso.",
]

OUT_SENS_NEG = [
    "Please send us your date of birth.",
    "Never share your PIN, even with us.",
    "Bring your passport to the appointment.",
    "Merci de nous indiquer votre code postal.",
    "We will never ask for your bank details.",
    "Give us the last four digits of your card to find your booking.",
    "Your national insurance number is not needed to book.",
    "Please tell us your first name.",
    "Your appointment ID is 4532.",
    "Do not reply with your card number.",
    "Apportez votre carte Vitale.",
    "Tapez 1 pour confirmer votre rendez-vous.",
]

OUT_PROMO = [
    "Big savings this weekend on all vitamins!",
    "-20% sur les crèmes solaires jusqu'à dimanche",
    "Nouveau : les autotests COVID à 2 € seulement",
    "Buy 2 get 1 free on nicotine patches",
    "Exclusive deal for our WhatsApp members",
    "Last chance: sunscreen at half price",
    "Jeu concours : gagnez un tensiomètre !",
    "Only €9.99 for a pack of 50 masks",
    "Les prix baissent sur toute la parapharmacie",
    "Flash sale today only!",
    "Two-for-one on all sun creams",
    "Profitez de nos petits prix sur les vitamines",
    "Members save 15% on everything",
    "New in: organic baby formula, try it now!",
]

OUT_PROMO_NEG = [
    "The flu vaccination campaign starts on 15 October; it is free for over-65s.",
    "Reminder: your appointment is tomorrow at 10:30.",
    "The town hall is closed on Monday.",
    "Screening for colon cancer is free from age 50.",
    "Les consultations sont remboursées à 70 %.",
    "Free parking is available at the clinic.",
    "Offre de soins : consultations sans rendez-vous le samedi.",
    "Last day to register for the free screening is Friday.",
    "Votre vaccin est gratuit pour les plus de 65 ans.",
]

OUT_SALE = [
    "Shall I reserve a box of Doliprane for you?",
    "We can deliver your insulin tomorrow morning.",
    "Order your compression stockings here and collect them in store.",
    "Souhaitez-vous que nous vous livrions votre tensiomètre ?",
    "Je peux vous mettre de côté un autotest",
    "Get your vitamins delivered to your door.",
    "Need condoms? We ship discreetly.",
    "We have Doliprane in stock, want us to set one aside?",
    "Click here to order your refill of Ventolin.",
    "On peut vous livrer vos bas de contention demain.",
    "Would you like me to order your insulin pens?",
    "Reply YES to have your test strips delivered.",
]

OUT_SALE_NEG = [
    "We don't sell medicines. Please ask your pharmacist.",
    "Paracetamol can be taken every 6 hours, ask your doctor.",
    "Please bring your insulin pen to the appointment.",
    "Your prescription is ready at the GP's office.",
    "We can book you a pharmacist consultation about your inhaler.",
    "Ask your pharmacist if ibuprofen is right for you.",
    "Your insulin dose may need adjusting, see your GP.",
    "We can remind you to take your pills every morning.",
    "La pharmacie de garde est ouverte jusqu'à 20 h.",
]


CASES = [
    ("inbound", "opt_out", IN_OPT, IN_NEG),
    ("inbound", "product_sale", IN_SALE, IN_SALE_NEG),
    ("outbound", "sensitive_request", OUT_SENS, OUT_SENS_NEG),
    ("outbound", "promotion", OUT_PROMO, OUT_PROMO_NEG),
    ("outbound", "product_sale", OUT_SALE, OUT_SALE_NEG),
]


def kinds(text: str, direction: str) -> set[str]:
    return {f.kind for f in check(text, direction)}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("direction", "kind", "text"),
    [(d, k, t) for d, k, positives, _ in CASES for t in positives],
)
def test_when_a_new_wording_says_it_then_the_kind_is_found(direction, kind, text):
    assert kind in kinds(text, direction)


@pytest.mark.parametrize(
    ("direction", "kind", "text"),
    [(d, k, t) for d, k, _, negatives in CASES for t in negatives],
)
def test_when_a_new_wording_means_something_else_then_the_kind_is_not_found(direction, kind, text):
    assert kind not in kinds(text, direction)


@pytest.mark.parametrize("text", IN_NEG)
def test_when_stop_means_something_else_then_no_opt_out_is_ever_certain(text):
    assert not any(f.kind == "opt_out" and f.certain for f in check(text))
