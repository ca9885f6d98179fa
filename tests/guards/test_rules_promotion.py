"""The rules of outbound promotions, as tables of our own sentences
per round of misses (issue 10): wordings each class must catch and the nearest wordings it
must leave alone, in English and French (see `tests/guards/rule_tables.py`)."""

from __future__ import annotations

import pytest

from tests.guards.rule_tables import Found, NotFound, assert_found, assert_not_found

KIND = "promotion"

FOUND: Found = [
    # round 2: promotion: price floors, multi-buys, occasions, launch prices, loyalty, last days
    ("outbound", "phrase", "Sun creams from €12 all summer!"),
    ("outbound", "phrase", "Buy 2 get the 3rd free on all vitamins."),
    ("outbound", "phrase", "Father's Day gift sets now in."),
    ("outbound", "phrase", "Launch price on our new night cream."),
    ("outbound", "phrase", "Triple points on every purchase this Friday."),
    ("outbound", "phrase", "Last days to use your reward points!"),
    ("outbound", "phrase", "Coffrets fête des pères dès 25 € !"),
    ("outbound", "phrase", "2 achetés, le 3e offert sur les crèmes solaires."),
    ("outbound", "phrase", "Points doublés pour les membres du club."),
    ("outbound", "phrase", "Derniers jours pour profiter de la remise."),
    # round 3: promotions: spend-and-get, gifts with purchase
    ("outbound", "phrase", "Spend £40 and get a free toiletry bag."),
    ("outbound", "phrase", "Pour 30 € d'achats, une trousse offerte."),
    ("outbound", "phrase", "Get a £5 rebate on every pack of vitamin D!"),
    # round 4: multi-buys at a price, money off, points that expire, deals of the moment
    ("outbound", "phrase", "Toothbrushes 3 for £10 this week"),
    ("outbound", "phrase", "£2 off any sun cream"),
    ("outbound", "phrase", "Your loyalty points expire on Sunday."),
    ("outbound", "phrase", "Deal of the week: vitamin C gummies."),
    ("outbound", "phrase", "3 crèmes au choix pour 25 €"),
    ("outbound", "phrase", "5 € de remise sur les shampooings"),
    ("outbound", "phrase", "Bon plan de la semaine : les baumes à lèvres."),
    ("outbound", "phrase", "Vos points fidélité expirent bientôt."),
    # round 5: promo codes, free shipping, the nth item at a price, free items with a
    # purchase, free months, samples, "3 pour 2"
    ("outbound", "phrase", "Use discount code SPRING15 at checkout"),
    ("outbound", "phrase", "Shop the skincare range with code SUN20, we ship for free"),
    ("outbound", "phrase", "Code promo ETE15 valable sur tout le site"),
    ("outbound", "phrase", "Your second pair of sunglasses for £10"),
    ("outbound", "phrase", "La 2e paire de lentilles à moitié prix"),
    ("outbound", "phrase", "Buy frames this week and get the case free"),
    ("outbound", "phrase", "Pour toute monture achetée, la livraison est offerte"),
    ("outbound", "phrase", "Our partner yoga studio gives 2 weeks free to new members"),
    ("outbound", "phrase", "3 mois offerts sur l'abonnement à l'appli de sport partenaire"),
    ("outbound", "phrase", "Free samples of the new baby balm at the counter"),
    ("outbound", "phrase", "Des échantillons gratuits de la nouvelle crème"),
    ("outbound", "phrase", "Rayon solaire : 3 pour 2 tout le mois"),
    # round 6: sales by size or season, alerts of deals, a bundle in a commercial message,
    # French bundles of services at a price
    ("outbound", "phrase", "The annual sale is on: everything must go."),
    ("outbound", "phrase", "Turn on price alerts so you never miss a bargain."),
    ("outbound", "urgency", "Combo: vitamin C + zinc for 12 euros, shall I put one aside?"),
    ("outbound", "phrase", "Offre découverte : bilan nutritionnel + suivi à 39 €"),
    # round 7: loyalty schemes
    ("outbound", "phrase", "Avec la carte de fidélité, chaque achat rapporte des points."),
    # round 9: loyalty tiers and stamps, contests by another name, a gift for an amount spent
    ("outbound", "phrase", "Congratulations, you are now a Platinum member!"),
    ("outbound", "phrase", "Collect 8 stamps and the next one is on us"),
    ("outbound", "phrase", "Fancy winning a year of free vitamins?"),
    ("outbound", "phrase", "Niveau supérieur atteint : profitez de vos avantages exclusifs"),
    ("outbound", "phrase", "Cumulez 5 tampons, le 6e soin est offert"),
    ("outbound", "phrase", "Dès 40 € d'achat, recevez une trousse de voyage"),
    # round 10: new in store, in French and English; seasonal packs
    ("outbound", "phrase", "Nouveau chez nous : les soins Avène pour peaux sensibles."),
    ("outbound", "phrase", "Nouveau en pharmacie : les soins Bioderma pour bébé."),
    ("outbound", "phrase", "New at your pharmacy: the Weleda baby range!"),
    ("outbound", "phrase", "Our summer sun care pack is in, grab one while you can."),
    ("outbound", "phrase", "Pack plage : crème, après-soleil et brumisateur réunis."),
    # round 11: follow us for the deals, good deals, new brands
    ("outbound", "phrase", "Follow us on Facebook so you never miss a deal!"),
    ("outbound", "phrase", "Abonnez-vous pour ne manquer aucune de nos offres !"),
    ("outbound", "phrase", "Retrouvez tous nos bons plans en officine."),
    ("outbound", "phrase", "Découvrez les nouvelles marques de soins en officine."),
]

NOT_FOUND: NotFound = [
    # round 2
    ("outbound", "Prices start from £9.90 per item for NHS prescriptions."),
    ("outbound", "The crutches you asked about are back in stock."),
    ("outbound", "Our winter opening hours start on Monday."),
    # round 3
    ("outbound", "The rebate on your tax is processed by the council."),
    ("outbound", "Spend a few minutes on the form before your visit."),
    # round 4: a call to order is a sale offer, not a promotion; minutes are not money
    ("outbound", "Stock up on plasters before your trip: order now."),
    ("outbound", "Take 5 minutes off your visit by filling in the form online."),
    # round 5: the basket is not a deal, "feel free to", the 2nd dose, a code to confirm
    ("outbound", "Shall we add the plasters on your order for Friday?"),
    ("outbound", "Feel free to call us if the reminder came too late"),
    ("outbound", "Your second dose of the vaccine is due in 4 weeks"),
    ("outbound", "Entrez le code reçu par SMS pour confirmer le rendez-vous"),
    # round 6: an appointment not to miss; a bundle of forms
    ("outbound", "Turn on reminders so you never miss your appointment."),
    ("outbound", "Your documents were sent as one file to the town hall."),
    # round 7: a service notice about a loyalty of care is not one
    ("outbound", "Votre médecin traitant reste le même, rien à faire de votre côté."),
    # round 9: news of the clinic itself
    ("outbound", "From 1 March, please note our new opening hours: 8am to 6pm."),
    ("outbound", "Notre nouvelle adresse à partir de lundi : 3 rue des Lilas."),
    # round 10: vouchers and reductions of public schemes and charities
    ("outbound", "Bring the Healthy Start voucher from your midwife to the counter."),
    ("outbound", "The council's energy voucher can be used at the post office."),
    ("outbound", "You may get a council tax discount if you live alone."),
    ("outbound", "Une réduction d'impôt est possible pour l'aide à domicile."),
    ("outbound", "Le tarif social de l'électricité dépend de vos revenus."),
    ("outbound", "Nouveau numéro de téléphone pour joindre l'accueil."),
    # round 11: the share reimbursed is no discount
    ("outbound", "Your consultation costs £40, of which 60% is reimbursed by your insurer."),
    ("outbound", "La consultation coûte 25 €, dont 70 % remboursés par l'Assurance maladie."),
]


@pytest.mark.parametrize(("direction", "rule", "text"), FOUND)
def test_when_a_wording_of_a_learnt_class_is_sent_then_its_rule_finds_it(direction, rule, text):
    assert_found(KIND, direction, rule, text)


@pytest.mark.parametrize(("direction", "text"), NOT_FOUND)
def test_when_a_near_wording_means_something_else_then_the_kind_is_not_found(direction, text):
    assert_not_found(KIND, direction, text)
