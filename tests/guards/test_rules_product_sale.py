"""The rules of purchases (inbound) and sale offers (outbound), as tables of our own sentences
per round of misses (issue 10): wordings each class must catch and the nearest wordings it
must leave alone, in English and French (see `tests/guards/rule_tables.py`)."""

from __future__ import annotations

import pytest

from guards.phrases import detect_rules
from tests.guards.rule_tables import Found, NotFound, assert_found, assert_not_found

KIND = "product_sale"

FOUND: Found = [
    # round 2: purchases: rentals, quantities, stock, non-native asks, new categories and brands
    ("inbound", "ask", "Do you hire out crutches?"),
    ("inbound", "ask", "Vous louez des béquilles ?"),
    ("inbound", "quantity", "3x Nurofen Express please, collecting at lunch"),
    ("inbound", "ask", "Any Nicorette gum left?"),
    ("inbound", "ask", "I search the Bepanthen for my baby, you have?"),
    ("inbound", "ask", "I'm after some incontinence pants for my dad"),
    ("inbound", "buy", "Can someone drop the Tena pants round? Flat 2"),
    ("inbound", "buy", "hearing aid batteries size 13, do you have them in?"),
    ("inbound", "buy", "How much is the Omron wrist monitor?"),
    ("inbound", "buy", "Could you post my repeat prescription to me? I am housebound"),
    ("inbound", "buy", "lancettes pour mon autopiqueur, vous en avez ?"),
    ("inbound", "buy", "Combien coûte un appareil pour prendre la tension ?"),
    ("inbound", "buy", "Quelqu'un peut me les apporter ? Des protections pour la nuit"),
    # round 2: sale offers: rentals, "have your ... delivered", subscriptions to deliveries
    ("outbound", "sell", "We can hire you a wheelchair for the weekend."),
    ("outbound", "sell", "Get your repeat prescription delivered tomorrow."),
    ("outbound", "sell", "Abonnez-vous à la livraison mensuelle de vos lancettes."),
    ("outbound", "sell", "Faites-vous livrer votre ordonnance dès demain."),
    # round 3: purchases: SMS spellings, delivery for someone else, brands of other markets
    ("inbound", "buy", "hw much 4 calpol"),
    ("inbound", "buy", "Vous pouvez me déposer deux boîtes de Doliprane ?"),
    ("inbound", "buy", "Combien coûte la boîte de Gravol ?"),
    ("inbound", "buy", "Can you drop off my inhaler for my mum?"),
    ("inbound", "buy", "I'd like to buy two boxes of ibuprofen"),
    ("inbound", "buy", "Are there any hearing aids in stock?"),
    # round 3: sale offers: upsells, trials, "you can now order", re-sending, deliverable
    ("outbound", "sell", "Why not try our new magnesium tablets while you're here?"),
    ("outbound", "sell", "Pourquoi ne pas essayer notre sirop pour la toux ?"),
    ("outbound", "sell", "You can now order your inhalers by WhatsApp."),
    ("outbound", "sell", "Vous pouvez désormais commander vos lentilles ici."),
    ("outbound", "sell", "Essayez nos bas de contention pendant 15 jours."),
    ("outbound", "sell", "Shall we send you another box of omeprazole?"),
    ("outbound", "sell", "On vous renvoie un flacon de sirop ?"),
    ("outbound", "sell", "Anti-lice shampoo, delivered to your door tomorrow."),
    ("outbound", "sell", "Compression socks deliverable to your home in 24 hours."),
    ("outbound", "sell", "Mrs Jones, we can bring your pads every week."),
    # round 4: SMS word order and spellings, emoji, a pronoun for the product named before,
    # devices named by what they measure, brands outside the lexicon
    ("inbound", "ask", "crème hydratante vous avez ?"),
    ("inbound", "buy", "💊 ibuprofen 💶?"),
    ("inbound", "ask", "do u hav calpol"),
    ("inbound", "ask", "vou avé du spasfon"),
    ("inbound", "buy", "I left my Ventolin at home. Do you have it?"),
    ("inbound", "buy", "J'ai oublié mon Levothyrox. Vous en avez ?"),
    ("inbound", "buy", "Do you stock fingertip pulse monitors?"),
    ("inbound", "buy", "Can I order a box of Zolvex for tomorrow?"),
    ("inbound", "buy", "je voudrais commander du Pramoxil"),
    # round 4: offers of the next refill, more offer subjects, click and collect, lockers
    ("outbound", "sell alone", "Shall we prepare your next box for Friday?"),
    ("outbound", "sell alone", "On vous prépare votre prochaine commande ?"),
    ("outbound", "sell", "Would you also like us to put aside some plasters?"),
    ("outbound", "sell alone", "Click + collect now open for all vitamins."),
    ("outbound", "sell alone", "Order here and it waits for you in the locker."),
    ("outbound", "sell", "Votre crème peut vous être envoyée chaque mois."),
    ("outbound", "sell", "on te dépose ton sirop ce soir ?"),
    ("outbound", "sell alone", "On te livre tes médocs demain ?"),
    ("outbound", "sell", "Voulez-vous que notre livreur vous dépose vos bandelettes ?"),
    ("outbound", "sell", "Our driver can bring your pen needles tomorrow."),
    ("outbound", "sell", "Your Dexcom sensors can be delivered to your door."),
    # round 5: offers as checkout, our online shop, a yes that orders, choosing a size or a
    # pack, paying here for what is collected, rentals priced, add-ons, "on ajoute ... à votre
    # prochaine livraison", click & collect with no product named
    ("outbound", "sell alone", "Finish your purchase: 2x Strepsils. OK?"),
    ("outbound", "sell alone", "Finalisez votre commande : 1 tube de Biafine."),
    ("outbound", "sell alone", "Browse our online pharmacy for travel essentials"),
    ("outbound", "sell alone", "Visitez notre boutique en ligne pour la rentrée"),
    ("outbound", "sell alone", "Reply YES to get our hay fever kit delivered"),
    ("outbound", "sell alone", "Répondez OUI pour commander le coffret solaire"),
    ("outbound", "sell alone", "Choose your size and we'll post them today"),
    ("outbound", "sell alone", "Click and collect on all of the allergy range"),
    ("outbound", "sell", "The thermometers come in packs of 1 or 3, which one would you like?"),
    ("outbound", "sell", "Les bandelettes existent en boîte de 50 ou 100, laquelle vous faut-il ?"),
    ("outbound", "sell", "You can pay for your vitamin D here and pick it up tomorrow."),
    ("outbound", "sell", "Vous pouvez régler vos bas de contention ici, à retirer au comptoir."),
    ("outbound", "sell", "Wheelchairs can be hired from us for £20 a week."),
    ("outbound", "sell", "Les fauteuils roulants peuvent être loués à la semaine."),
    ("outbound", "sell", "Fancy some plasters to go with it?"),
    ("outbound", "sell", "Vous voulez aussi des pansements ?"),
    ("outbound", "sell", "On ajoute la vitamine C à votre prochaine livraison ?"),
    ("outbound", "sell", "On peut vous livrer les couches demain matin."),
    # round 5: purchases of devices and combs not named before
    ("inbound", "ask", "do you hire out oxygen concentrators for the holidays?"),
    ("inbound", "ask", "Vous avez un peigne à poux ?"),
    ("inbound", "buy", "Is the nit comb in stock?"),
    ("inbound", "ask", "Is the Bepanthen 30g available?"),
    # round 5: a remedy named by what it treats
    ("inbound", "ask", "Have you got something for travel sickness? we fly tomorrow"),
    ("inbound", "ask", "Vous avez un truc contre les piqûres de moustique ?"),
    ("inbound", "ask", "Le Doliprane 500 mg est dispo ?"),
    # round 6: SMS "cb" for combien, first-aid kits, oral care, one's own treatment delivered
    ("inbound", "ask", "cb la boite de doliprane"),
    ("inbound", "buy", "how much is a first aid kit for the car?"),
    ("inbound", "buy", "vous avez du fil dentaire en stock ?"),
    ("inbound", "buy", "can you post my meds to my daughter's address?"),
    # round 7: a card charged for it, menstrual care, nutrition drinks, mosquito nets, walking
    # boots, formula alone, oils and butters, malaria tests with a price
    ("inbound", "buy", "put it on my card, the tampons and the period pants"),
    ("inbound", "buy", "Débitez ma carte pour les bandelettes svp"),
    ("inbound", "buy", "Do you deliver Fortisip? My dad needs two boxes a week."),
    ("inbound", "buy", "Il me faudrait 3 moustiquaires imprégnées pour Thiès"),
    ("inbound", "buy", "how much is a walking boot, size 9?"),
    ("inbound", "buy", "Combien coûte le beurre de karité ?"),
    ("inbound", "buy", "le prix du test palu svp"),
    # round 7: order forms and invitations to order, delivery offered, paying at collection,
    # reserved under a name, "can be delivered every month", delivering a named product
    ("outbound", "sell alone", "To place an order, reply with the item and how many."),
    ("outbound", "sell alone", "Which cream would you like me to order?"),
    ("outbound", "sell alone", "Pour passer commande, indiquez le produit et votre adresse."),
    ("outbound", "sell alone", "Quels produits souhaitez-vous commander aujourd'hui ?"),
    ("outbound", "sell alone", "Préférez-vous plutôt qu'on vous la livre ?"),
    ("outbound", "sell alone", "Vous voulez la commander ?"),
    ("outbound", "sell alone", "Your crutches are reserved under your name until Friday."),
    ("outbound", "sell alone", "You can pay on collection, no need to pay now."),
    ("outbound", "sell", "Your Fortisip can be delivered every week, shall I arrange it?"),
    ("outbound", "sell", "To deliver your nebuliser, we need a day when you are home."),
    ("outbound", "sell", "Le Fortimel peut être livré à domicile demain, ça vous va ?"),
    # round 9: slang and roundabout asks, sent to the buyer, picking one up, spoken elision,
    # "c dispo", products named by what they contain or test
    ("inbound", "buy", "Can you sort me out with a pack of ibuprofen?"),
    ("inbound", "ask", "Hook me up with some antacids please"),
    ("inbound", "ask", "How do I get hold of a pregnancy test from your pharmacy?"),
    ("inbound", "buy", "Could the blood pressure monitor be posted to me?"),
    ("inbound", "buy", "I'll pop in and get one, do you have the nasal spray?"),
    ("inbound", "ask", "j'voudrais des pansements pour ampoules"),
    ("inbound", "ask", "la crème solaire enfant c dispo ?"),
    ("inbound", "ask", "Des bas de contention, ça se trouve chez vous ?"),
    ("inbound", "buy", "combien la cure de magnésium ?"),
    ("inbound", "ask", "I need a home chlamydia test kit"),
    # round 9: offers of free delivery, shipping, keeping a product that arrived
    ("outbound", "sell alone", "Complimentary delivery on every order this week."),
    ("outbound", "sell", "We could courier the nicotine patches to you tomorrow."),
    ("outbound", "sell alone", "Livraison gratuite pour toutes vos commandes de plus de 30 €"),
    ("outbound", "sell", "Votre lait infantile est arrivé, on vous le garde au comptoir ?"),
    # round 10: the plural "you", still discounted, a number taken, more of the same,
    # prepared or kept for someone to collect, sports nutrition, heat packs; a variant of the
    # product (an age range, who it is for) asks nothing about its use; a product that only
    # overlaps a service ("glucose | test strips") is still one
    ("inbound", "ask", "you guys got any antihistamines?"),
    ("inbound", "buy", "Is the magnesium still on promotion? I'd like some"),
    ("inbound", "buy", "I'll have 2 of those then, the vitamin D gummies"),
    ("inbound", "buy", "Got the nappies from you on Monday, could we have three more?"),
    ("inbound", "buy", "The eye drops from last week were great, 2 more of the same please"),
    ("inbound", "buy", "could you put together some plasters and antiseptic cream for my wife?"),
    ("inbound", "buy", "Could you keep one of those hot water bottles for me?"),
    ("inbound", "buy", "Le spray nasal est toujours en promo ?"),
    ("inbound", "buy", "Vous pourriez lui préparer deux boîtes de Doliprane, elle passe à midi"),
    ("inbound", "buy", "je peux en commander 2, des bandelettes ?"),
    ("inbound", "buy", "Hi, protein bars, how much are they?"),
    ("inbound", "ask", "Vous avez des tétines 6-18 mois ?"),
    ("inbound", "ask", "Vous avez des vitamines spéciale grossesse ?"),
    ("inbound", "ask", "Do you have vitamins for pregnant women?"),
    ("inbound", "ask", "Do you have glucose test strips?"),
    # round 10: offers: a delivery announced, sent on, the quantity asked
    ("outbound", "sell", "Your glucose test strips will be delivered tomorrow by courier."),
    ("outbound", "sell", "Would you like us to send you a fresh box of test strips?"),
    ("outbound", "sell", "Nous vous faisons parvenir les patchs nicotine dès demain."),
    ("outbound", "sell alone", "Reply with the quantity you need and we'll post them."),
    ("outbound", "sell alone", "Indiquez-nous la quantité et on s'occupe de l'envoi."),
    # round 11: the price asked again, paying here by card, whatever is in stock, kept for
    # someone, Quebec "y en a-tu", "par contre" (however) is no use word
    ("inbound", "buy", "Is the migraine stuff still £5.49 or has it gone up?"),
    ("inbound", "buy", "Les gouttes pour la toux, c'est toujours à 4,20 € ?"),
    ("inbound", "buy", "Here's my card for the nicotine patches"),
    ("inbound", "buy", "Voici ma carte pour le tensiomètre"),
    ("inbound", "buy", "I'll take whatever you've got of the teething gel, coming at 5"),
    ("inbound", "buy", "Je prends ce que vous avez comme sirop contre la toux"),
    ("inbound", "buy", "Vous pouvez me les garder jusqu'à samedi, les bas de contention ?"),
    ("inbound", "ask", "Y en a-tu encore, du sirop pour la toux?"),
    ("inbound", "ask", "Merci pour hier. Par contre vous avez encore du Smecta ?"),
    # round 11: offers ready to ship, bought through this chat, if you order it, a key to
    # re-order, a supply, a courier, put aside in the name of, order before, this month's
    # treatment deliverable
    ("outbound", "sell", "Your order of plasters is ready to ship, just confirm the address"),
    ("outbound", "sell", "Votre commande de bas de contention est prête à être expédiée."),
    ("outbound", "sell", "Si vous la commandez aujourd'hui, la crème solaire arrive demain."),
    ("outbound", "sell", "Reply 3 to reorder your usual inhalers."),
    ("outbound", "sell", "Tapez 2 pour recommander vos bandelettes."),
    ("outbound", "sell", "We can supply the glucose sensors, just tell us how many."),
    ("outbound", "sell", "Want the thermometer sent by courier?"),
    ("outbound", "sell", "Commandez avant 18 h et recevez vos autotests demain."),
    (
        "outbound",
        "sell",
        "Nouveau : le nébuliseur est arrivé ! Livré demain si vous le commandez ce soir.",
    ),
    (
        "outbound",
        "sell alone",
        "Vos médicaments habituels peuvent être livrés samedi, ça vous va ?",
    ),
    (
        "outbound",
        "sell alone",
        "Your repeat medication can be delivered on Friday, shall I confirm?",
    ),
]

NOT_FOUND: NotFound = [
    # round 2
    ("inbound", "Any idea if amoxicillin makes you drowsy?"),
    ("inbound", "any side effects with omeprazole?"),
    ("inbound", "I take omeprazole 2x a day, is that too much?"),
    ("inbound", "What dose of Calpol for my daughter, she is 4?"),
    ("inbound", "Is my prescription ready? I'll pick it up at 5"),
    ("inbound", "I paid for my prescription yesterday, can I get a receipt?"),
    ("inbound", "How much does a consultation cost without a prescription?"),
    ("inbound", "Garnier here, my appointment is at 10"),
    ("inbound", "my nan uses a wheelchair, is the pharmacy accessible?"),
    ("inbound", "réservez-moi un test de dépistage"),
    ("outbound", "Your prescription is ready to collect at the counter."),
    ("outbound", "Your free bowel cancer test kit will be posted to you by the NHS."),
    ("outbound", "We need it to order the crutches you asked for."),
    ("outbound", "Découvrez notre nouveau site : horaires et services en ligne."),
    ("inbound", "Do you know if you have to shake the inhaler first?"),
    # round 3
    ("inbound", "I found a box of paracetamol in the drawer, how much can I take?"),
    ("inbound", "I have an old pack of ibuprofen, is it still ok?"),
    ("inbound", "Is there help to pay for hearing aids?"),
    ("inbound", "Are there any grants for hearing aids?"),
    ("inbound", "my order number 1234 for paracetamol never came"),
    ("inbound", "J'ai retrouvé un tube de Voltarène, il est encore bon ?"),
    ("inbound", "Il y a une aide pour payer les appareils auditifs ?"),
    ("inbound", "il me reste une boite de doliprane, je peux en donner à mon fils ?"),
    ("outbound", "Please bring your inhaler to the asthma review."),
    ("outbound", "Spend £40 on sun care and get a free beach bag."),
    ("outbound", "Your chlamydia test kit is free and will be sent to your home."),
    ("outbound", "Winter is coming: book your flu jab now."),
    ("outbound", "L'hiver arrive : pensez à vos médicaments contre le rhume."),
    ("outbound", "Our vitamin D test is available on Saturdays, why not add it to your visit?"),
    ("outbound", "New in store: a quiet room for breastfeeding mothers."),
    # round 4: where to get it, whether it is needed, bought already, reimbursed, swallowed
    ("inbound", "Where can I get the morning after pill near the station?"),
    ("inbound", "where can I get emergency contraception?"),
    ("inbound", "Où trouver la pilule du lendemain le dimanche ?"),
    ("inbound", "Do I need the pill if we used a condom?"),
    ("inbound", "I bought a hot water bottle, how hot can the water be?"),
    ("inbound", "J'ai acheté des bas de contention, je les mets le matin ?"),
    ("inbound", "How much is reimbursed for hearing aids?"),
    ("inbound", "Les appareils auditifs sont remboursés à combien ?"),
    ("inbound", "My son swallowed a whole pack of ibuprofen"),
    ("inbound", "Mon fils a avalé une boîte de Doliprane"),
    ("inbound", "I found a box of Zolvex in the drawer, is it ok?"),
    # round 4: a product that arrived is news (a promotion), not an offer
    ("outbound", "Our new allergy range has just arrived."),
    ("outbound", "La gamme solaire vient d'arriver !"),
    # round 5: what was sent by someone else will arrive, a launch comes to be seen, a photo
    # sent to us, a nurse who comes home, paying for nothing bought
    ("outbound", "Your free bowel screening kit was posted by the NHS, it will arrive next week."),
    ("outbound", "Votre kit de dépistage envoyé par la CPAM devrait arriver sous 3 jours."),
    ("outbound", "Fraîchement arrivée : la gamme solaire Bioderma, venez la découvrir !"),
    ("outbound", "New in: the Nuxe body oils, come and try them in store"),
    ("outbound", "Merci de nous transmettre une photo de l'ordonnance, on vérifie le dosage."),
    ("inbound", "Could the district nurse come to my home to look at my leg dressing?"),
    ("inbound", "La sage-femme peut venir à domicile pour le bandage ?"),
    ("inbound", "Is the pharmacist available today? I have a question about my ibuprofen"),
    ("inbound", "Can I take 400 mg of ibuprofen twice a day?"),
    ("inbound", "Do you have anything for me to sign before the appointment?"),
    ("inbound", "Vous avez quelque chose pour moi à l'accueil ?"),
    # round 6: ear syringing is a service; stopping one's treatment is no purchase
    ("inbound", "Is ear syringing available at the Pasteur clinic?"),
    ("inbound", "Puis-je arrêter mon traitement si je me sens mieux ?"),
    # round 7: a service, a question about a product's use
    ("inbound", "Can I book a malaria test before I travel?"),
    ("inbound", "Is it safe to use castor oil on a baby?"),
    # round 7: a document or a service ready, results posted
    ("outbound", "Your prescription is ready to collect at the counter."),
    ("outbound", "Votre passeport est prêt pour le retrait en mairie."),
    ("outbound", "Your test results will be posted to you within a week."),
    # round 8: a request passed on to a doctor
    ("outbound", "Your repeat prescription request was forwarded to your GP this morning."),
    # round 9: an order the pharmacy cannot place
    ("outbound", "Sorry, we can't source that medicine any more; please ask your GP."),
    ("outbound", "Your test results are ready; the doctor will call you."),
    # round 10: who pays (insurance, the NHS, "pris en charge"), a benefit's amount, a dose
    # taken, a question of use next to a target, a health tip, booking a service, an app
    ("inbound", "Does my insurance cover the cost of the knee brace?"),
    ("inbound", "Are hearing aids covered by the NHS for over 60s?"),
    ("inbound", "Les lunettes de mon fils sont prises en charge par la mutuelle ?"),
    ("inbound", "C'est combien l'AAH en 2025 ?"),
    ("inbound", "Ça fait combien les allocations familiales pour 3 enfants ?"),
    ("inbound", "I'll take 2 paracetamol now and see"),
    ("inbound", "Mon bébé de 6 mois peut prendre du Doliprane ?"),
    ("inbound", "Le Spasfon est autorisé pour femme enceinte ?"),
    ("inbound", "I need to know if the Gaviscon is OK for pregnancy"),
    ("inbound", "Comment me préparer pour la coloscopie avec le Moviprep ?"),
    ("inbound", "Could you keep the cream in the fridge for me until I come?"),
    ("outbound", "Keep all medicines out of the reach of children."),
    ("outbound", "Rangez vos médicaments hors de portée des enfants."),
    ("outbound", "Shall I find you an appointment with the nurse next week?"),
    ("outbound", "Je vous trouve un rendez-vous avec l'infirmière ?"),
    ("outbound", "Download our new app to book your vaccination."),
    ("outbound", "Essayez notre nouvelle appli pour prendre rendez-vous."),
    # round 11: a dose, not a quantity; services, not products; turning up on time; booking
    # services only
    ("inbound", "How many tablets of Calpol for a 4 year old?"),
    ("inbound", "C'est combien de gélules d'Imodium par jour ?"),
    ("inbound", "C'est combien la consultation de médecine du voyage ?"),
    ("inbound", "Je voudrais un bilan de médication avec le pharmacien"),
    ("outbound", "Please arrive 5 minutes early and bring a mask."),
    ("outbound", "I can only book appointments; for the thermometer please ask at the counter."),
    (
        "outbound",
        "Je peux seulement réserver des rendez-vous. Les bas de contention, c'est au comptoir.",
    ),
]


@pytest.mark.parametrize(("direction", "rule", "text"), FOUND)
def test_when_a_wording_of_a_learnt_class_is_sent_then_its_rule_finds_it(direction, rule, text):
    assert_found(KIND, direction, rule, text)


@pytest.mark.parametrize(("direction", "text"), NOT_FOUND)
def test_when_a_near_wording_means_something_else_then_the_kind_is_not_found(direction, text):
    assert_not_found(KIND, direction, text)


@pytest.mark.parametrize(
    "text",
    [
        # round 11: reserving a slot named just before is a booking, not a sale offer (the
        # rules say nothing; the model is judged on the sets)
        "We still have slots tomorrow, shall I book you one?",
        "Il nous reste des places pour la vaccination, je vous en réserve une ?",
    ],
)
def test_when_the_offer_reserves_a_slot_named_before_then_no_rule_finds_a_sale_offer(text):
    assert not any(f.kind == KIND for f in detect_rules(text, "outbound"))
