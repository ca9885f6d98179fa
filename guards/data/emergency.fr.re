# Urgences décrites en français. See README.md: one regular expression per line, matched on
# the normalised message (lower case, no accents, every run of non-letters one space), whole
# words only.
[breathing]
(respire|respirent|respirait) (presque|quasiment|quasi|a peine|tres peu) ?(plus|pas|pu)?
(ronfle|ronflement|gargouille|gargouillement|sifflement|siffle|rale|rales) (bizarre|bizarrement|fort|et)
(jarrive|j arrive|j y arrive|arrive|arrive pu|narrive) (plus|pu|pas) (a )?respirer
(manque|manquer) d air
(noye|noyee|noyade|sorti de l eau|sortie de l eau|sorti de la piscine)
(tout|toute) (gris|grise|bleu|bleue|pale)
(grosse|grave|forte) crise d asthme
crise d asthme\b.{0,60}\b(ventoline|inhalateur|marche pas|respire|respirer)
(ne |n )?(respire|respir|respirent) (plus|pu|pas|mal|bizarrement|bizarre|difficilement|tres mal|tres vite|fort|bruyamment|de travers|avec difficulte)
(n arrive|narrive|arrive|n arrivent|peut|peux|peu|pouvait) (pas|plus|pu)? ?(a )?respirer
(du mal|de la peine|difficile|difficultes?) a respirer
(respiration|souffle) (bizarre|difficile|anormale|sifflante|qui siffle|coupe|court|rapide|faible)
(essouffle|essoufflee|s etouffe|setouffe|etouffe|etouffee|s etrangle|manque d air|plus d air)
(devient|devenu|devenue|est|sont|vire|virent) (bleu|bleue|bleus|violet|violette|gris|grise)
levres (bleues|violettes)
[unconscious]
(tombe|tombee) raide
(repond|repondait|reagit) a peine
(trouve|trouvee|trouver) (\w+ ){0,5}par terre\b.{0,60}\b(froide|froid|a peine|depuis|ne repond)
(arrive|arrivons|peux|peut|pouvons) (pas|plus|pu) a (le|la|les) (reveiller|reveille)
(ne|n) (repondait|reagissait|bougeait) plus
(respiration|respire)\b.{0,30}\b(drole de bruit|bruit bizarre|ronfle|super lentement|tres lentement|lentement)
(vient de|viens de) (s evanouir|m evanouir|tomber dans les pommes|s ecrouler|s effondrer|perdre connaissance)
(poele|poele a bois|chaudiere|chauffage|brasero)\b.{0,60}\b(mal a la tete|evanoui|evanouir|vomi|malaise)
(tombe|tombee) par terre\b.{0,40}\b(pas parler|parle pas|pas ouvrir|ouvre pas|repond pas)
(pas|plus) ouvrir (les )?yeux
(coeur|cœur) (s est )?arrete
(massage cardiaque|bouche a bouche|reanimation)
(sens|sent|trouve) (pas|plus) (son|le|de) pouls
(pendu|pendue|s est pendu|s est pendue)
(froid|froide|gris|grise|pale) et (ne repond|moite|inerte|mou|molle)
(mou|molle|inerte|tout mou|toute molle|ne bouge plus|bouge plus|immobile)
(dans les vapes|dans le coma|dans les pommes)
(difficile|impossible) (a|de le|de la) (reveiller|reveille)
(par terre|au sol|sur le sol) (depuis|et il|et elle|il|elle)
(trouve|trouvee|retrouve) (par terre|au sol|inconscient|inanime|evanoui)
(ouvre|ouvrent) (pas|plus) les yeux
(ne|n) ?(me )?(repond|reponds) (pas|plus|pu)
(va|vais) (tomber dans les pommes|s evanouir|m evanouir)
(inconscient|inconsciente|inconcient|inconciente|inanime|inanimee)
(perdu|perd|perte de) connaissance
(s est|se sont|sest|est) (evanoui|evanouie|effondre|effondree|ecroule|ecroulee)
(evanoui|evanouie|evanouissement|tombe dans les pommes|tombee dans les pommes)
(ne se reveille|se reveille|ne reagit|reagit|ne repond|repond|ne bouge|bouge) (pas|plus|pu)
(pas|plus) de (pouls|battements)
[chest]
(point|pointe|coup de poignard) (au|dans le) (coeur|cœur|poitrine)
(etau|poids|pression|serrement|barre|enclume) (\w+ ){0,3}(poitrine|coeur|thorax|sur moi)
(serre|ca serre|ça serre) (tres |trop )?(fort )?(au milieu|dans la poitrine|la poitrine|au coeur)
(mal|douleur) (\w+ ){0,3}(machoire|bras gauche)\b.{0,40}\b(serre|poitrine|coeur|depuis)
(serre|poitrine|coeur)\b.{0,60}\b(mal a la machoire|bras gauche)
(douleur|mal) (ici )?(au |dans le )?(coeur|cœur) (tres |trop )?fort
(coeur|cœur) (bat|qui bat) (tres |trop )?(lentement|vite|fort|n importe comment)\b.{0,40}\b(malaise|partir|evanouir|mal|tete tourne)
(sens|sent) partir
(douleur|douleurs|mal) (\w+ ){0,2}(a la|dans la|au niveau de la|sur la) poitrine
(se tient|tient|serre) (la|sa) poitrine
(douleur|douleurs|mal|serrement|oppression|poids|pression) (a la|dans la|a|au niveau de la|sur la) poitrine
(poitrine|thorax) (qui )?(serre|fait mal|brule|oppressee|comprimee)
# blind M, en français : « j'ai la poitrine comme écrasée depuis une heure »
(poitrine|thorax)\b.{0,30}\b(ecrasee|ecrase|compressee|prise dans un etau|serree tres fort|serree depuis)
(crise cardiaque|infarctus|arret cardiaque|crise au coeur)
douleur (thoracique|dans le bras gauche)
[bleeding]
(saigne|saignement) du nez\b.{0,60}\b(heure|anticoagulant|s arrete pas|arrete pas)
(poignarder|poignarde|poignardee|coup de couteau|coups de couteau)
(tronconneuse|scie|disqueuse|hache|couteau|verre|vitre)\b.{0,40}\b(sang|saigne|cuisse|jambe|bras|main|coupe)\b
(ca|ça|le sang) (gicle|pisse|coule a flots)
(a travers|dans) (la|une) (vitre|fenetre|baie vitree)\b.{0,40}\b(sang|saigne|gicle|coupe)
(saigne|sang|saignement) (a flots|a flot|en abondance|comme pas possible)
(torchons|serviettes|linges) (\w+ )?(trempes|trempees|pleins de sang)
(on voit|je vois|voit) l os
(poignet|bras|jambe|cheville|doigt) (\w+ ){0,2}(a l envers|tordu|tordue|dans le mauvais sens)
saignement de nez\b.{0,60}\b(heure|anticoagulant|s arrete pas|tete tourne)
(saigne|saignement|sang)\b.{0,40}\b(s arrete pas|arrete pas|s arrete plus|depuis \d+ (min|minutes|heure|heures))
(sang|saigne)\b.{0,40}\b(gicle|coule beaucoup|partout|pisse|flaque|apres l accouchement|accouche)
(tout blanc|toute blanche|tres pale|blanc comme)\b.{0,40}\b(sang|saigne|tombe|respire|vomit)
(sectionne|arrache|tranche) (le|la|un|une|son|sa|mon|ma) (doigt|main|bras|jambe|pouce)
(doigt|main|pouce) (coupe|sectionne|arrache|tranche) net
(vomit|vomi|crache|tousse) (du )?sang
(saigne|saignait|saignement|sang) (de la|du|des) (tete|oreille|oreilles|bouche)
(renverse|renversee|percute|percutee) par (une|un) (voiture|bus|camion|moto|scooter|velo)
accident\b.{0,60}\b(saigne|sang|blesse|blessee|inconscient|bouge plus)
(saigne|saignent|saigner|saignement|saignements) (beaucoup|abondamment|enormement|partout|fort|bcp|sans arret|non stop|trop|de partout)
(saignement|saignements|saigne|sang) (qui )?(ne )?(s arrete|arrete|s arretent) (pas|plus)
(beaucoup|bcp|plein|flaque|mare|trop) (de|d) sang
(du )?sang (partout|qui coule|qui gicle|qui pisse)
(hemorragie|hemoragie)
pisse le sang
(coupure|plaie|blessure) (profonde|grave|beante)
(poignarde|poignardee|coup de couteau|blesse par balle|tire dessus)
[fall]
(par terre|au sol) (\w+ ){0,4}(depuis|toute) (la nuit|hier|ce matin|des heures)
(ne peut plus|peut plus|peut pas) bouger\b.{0,40}\b(hanche|jambe|dos|par terre)
(hanche|jambe|dos)\b.{0,40}\b(ne peut plus|peut plus|peut pas) bouger
(degringole|degringolee|devale|devalee) (l|les|dans l|dans les) escaliers?
(tombe|tombee|chute)\b.{0,80}\b(arrive|peux|peut) (pas|plus|pu) (a )?(me |se |te )?(relever|lever|bouger)
(n arrive|narrive|arrive|peux|peut) (pas|plus|pu) (a )?(me |se |te )?relever
chute de (scooter|moto|velo|cheval|trottinette|echelle|toit)
(tombe|tombee|chute)\b.{0,80}\b(sent plus|sent pas|sens plus) (ses|les|mes) (jambes|bras)
(tombe|tombee|chute) (du|de la|d un|de l|d une) (toit|echelle|fenetre|balcon|arbre|escalier|escaliers|lit|hauteur)
(tombe|tombee|chute|glisse|glissee)\b.{0,80}\b(peut|peux|arrive|arrivent) (pas|plus|pu) (a )?(se )?(relever|lever|bouger|marcher)
(tombe|tombee|chute|glisse|glissee)\b.{0,80}\b(sur la tete|bouge a peine|vomit|a tres mal|hanche)
(tombe|tombee|tomber|chute|chuter|glisse|glissee)\b.{0,80}\b(releve|relever|se lever|lever|bouge|bouger|marcher) (pas|plus)
(tombe|tombee|chute|glisse|glissee)\b.{0,80}\b(ne (peut|peux|arrive) (pas|plus)|impossible de) (se )?(relever|lever|bouger|marcher)
(tombe|tombee|chute|tomber|glisse|glissee)\b.{0,80}\b(cogne|tape|frappe|heurte) (la|sa) tete
(tombe|tombee|chute|tomber|glisse|glissee)\b.{0,80}\b(casse|cassee|fracture|saigne|sang|inconscient|inconsciente|bouge plus|evanoui|os qui depasse)
(tombe|tombee|chute) dans l escalier
(par terre|au sol) (et )?(ne|n) ?(bouge|repond|reagit|peut)
[stroke]
(mal de tete|migraine) (\w+ ){0,3}(d un coup|soudain|le pire de sa vie|le pire)\b
nuque raide
(bouche|visage|oeil|levre) (\w+ ){0,3}(de travers|tombe d un cote|tombe|tordu|tordue) (d un coup|soudain|d un cote)?
(comprend|comprends) (plus|pu|pas) ce que
(coup de tonnerre|mal de tete atroce|mal de tete terrible)
(vois|voit) (double|trouble d un coup|plus rien)
(parle|parler) (plus )?(normalement|correctement)\b.{0,20}\b(plus|pas|arrive)
(arrive|peut) (plus|pas|pu) a parler
(sent|sens) (plus|pas|pu) (son|sa|ses|mon|ma|mes) (bras|jambe|jambes|main|visage|cote)
(parle|parler|cause) (bizarre|bizarrement|drole|de travers|n importe comment|mal)
(d un coup|soudain|soudainement|tout a coup)\b.{0,60}\b(voit plus|voit rien|parle plus|reconnait plus|lache|peut plus marcher|tombe)
(reconnait|reconnaît) (plus|pas|pu) (personne|moi|me)
(me|nous) reconnait (plus|pas|pu)
(bave|bavait) (d un|du) cote
(jambe|bras|main) qui lache
(pire|horrible|violent|violente|enorme) (mal de tete|mal de crane|migraine)\b.{0,60}\b(vie|vomit|confus|voit|nuque)
(lever|bouger|sentir) (le|son|sa) (bras|jambe|main)
(mots|phrases) (sans sens|qui ont pas de sens|incomprehensibles)
(dit|raconte) n importe quoi
(avc|attaque cerebrale|accident vasculaire)
(visage|bouche|levre) (de travers|paralyse|paralysee|tordu|tordue|tombante|qui tombe|engourdi)
(parle|parler|parole|elocution) (bizarrement|de travers|mal|difficile|pateuse|incomprehensible|confuse)
(n arrive|narrive|ne peut|peut) (plus|pas) (a )?(parler|articuler)
(bras|jambe|cote|moitie du corps) (paralyse|paralysee|engourdi|engourdie|ne repond plus|inerte)
[seizure]
(secousses|spasmes|convulse|tremble)\b.{0,60}\b(regarde pas|repond pas|raide|brulant|yeux)
(devenu|devenue) (tout |toute )?(raide|rigide)\b.{0,40}\b(tremble|secoue|convulse|repond)
yeux (revulses|qui roulent|revulse)
(bave|mousse) (aux|a la) (levres|bouche)
(convulse|convulsions|convulsion|convulser|crise d epilepsie|crise convulsive|crise epileptique|fait une crise)
(tremble|secoue|secousses) (de partout|dans tous les sens|sans arret|et ne repond)
[suicide]
# blind P : un dernier message pour les siens (les autres adieux voilés sont dans [possible])
(dites|dis) a (ma|mon|mes) \w+ que je (l|les) aime\b.{0,40}\b(fini|adieu|pardon)
(envie|envi|veux|voudrais|vais|souhaite) (de )?crever
(vais|va|veux|veut|voulait|voulais|voudrais) (me|se) (flinguer|buter|tirer une balle|faire sauter la cervelle)
(se|me|m|s est|vient de se|va se|veut se) ?(defenestrer|defenestre|defenestree|jeter par la fenetre)
(veut|veux|va|vais|voulait|voulais|menace de|menacait de|essaie de|essaye de) (se |me )?(sauter|jeter) (du|d un|de la|par la|sous le|sous un|sous une|dans le) (pont|fenetre|immeuble|toit|balcon|train|metro|falaise|vide)
(faire|fasse|fais|fait) une (connerie|betise|grosse betise|grosse connerie)\b.{0,30}\b(ce soir|cette nuit|maintenant|me tuer|en finir|peur)
(peur|envie) de (faire|me faire) une (connerie|betise|grosse betise|grosse connerie)
(coupee|coupe|taillade|tailladee|scarifie|scarifiee) (les|ses) (bras|poignets|veines|jambes)
du sang sous la porte
(veux|veut|voulais) (plus|pu) (etre la|etre ici|exister|vivre)
(sorti|sortie|prepare|preparee) (toutes )?(les|mes) (boites|boîtes|plaquettes) de (medicaments|cachets)
(c est|cest) ce soir que j en (finis|finirai)
(ecrit|laisse|ecrire) (les|des|mes) lettres
(sur le|au bord du|sous le) pont\b.{0,60}\b(rentrer|envie|sauter|fin|peux plus)
(se|me|te) (tuer|suicider|pendre|foutre en l air|faire du mal|ouvrir les veines)
(vais|va|veux|veut|voulait|voulais|voudrais) (me|se) (tuer|suicider|pendre|jeter|foutre en l air)
(medicaments|cachets|comprimes|corde|couteau) (devant moi|a cote de moi|sous la main)
(tous les|toute la boite|toute la plaquette) (avaler|prendre)
(j en peux plus|je n en peux plus|jen peux plus|peux plus continuer|supporte plus|envie d en finir)
(sur le pont|au bord du pont|sur le toit|sur le balcon|au bord de la falaise)\b.{0,60}\b(sauter|peux plus|en finir|adieu)
(message|sms|texto) d adieu
(dit|ecrit|envoye) adieu
(se|me|te) jeter (du|d un|sous|par|de la) (pont|train|fenetre|immeuble|balcon|toit|falaise)
(mieux|mieux off) sans moi
(taillade|taillader|couper|coupe|ouvert) (les|ses|mes) veines
(ecrit|ecrire|laisse) (ma|une|sa) lettre (d adieu)?
lettre d adieu
(me|m) ?(suicider|tuer|foutre en l air|faire du mal|faire mal|scarifier|pendre|jeter)
(en finir|mettre fin a mes jours|mettre fin a ma vie|finir ma vie)
(suicide|suicidaire|suicider|sucide)
(envie|envi|veux|voudrais|vais|souhaite) (de )?mourir
(plus|pas) envie de vivre
(ne veux plus|veux plus|veut plus) vivre
(aucune|plus de) raison de vivre
(prendre|avaler) tous mes (medicaments|cachets|comprimes)
[poisoning]
# blind N : l'armoire à pharmacie vidée
(pris|avale|bu) tout ce qu il y avait dans (l armoire a pharmacie|la pharmacie|la boite a pharmacie|le placard a medicaments)
(avale|avalee|avalé|pris|prise) (une|la|sa|ma|toute une|toute la|une demi) (plaquette|tablette) (entiere )?(de|d)
(avale|avalee|bu|bue) (une|la|sa|ma|toute une|toute la) (boite|bouteille|flacon) (entiere )?(de|d)
(granules|granule) (anti limaces|antilimaces)
(anti limaces|mort aux rats|lave glace)\b.{0,40}\b(mange|avale|bu)
(mange|avale|bu) (\w+ ){0,3}(anti limaces|lave glace|granules)
(pris|avale) tous mes (\w+ )?(anxiolytiques|cachets|comprimes|medicaments|somniferes|antidepresseurs)
(melange|melanger|melangee) (\w+ ){0,3}(medicaments|cachets|comprimes|pilules) (avec|et) (\w+ ){0,2}(alcool|whisky|vodka|vin|biere)
(pris|avale) (plein|beaucoup|trop) de (trucs|choses|drogues|produits)
(avale|avalee|pris|prise) (\w+ ){0,2}(toute|tout) (ma|sa|la|une) (boite|plaquette)
(capsule|dosette|pastille) de (lessive|lave vaisselle)
(croque|croquee|mordu|avale) (une |la )?(capsule|pile|dosette)
(produit|pesticide|phyto|chimique|acide|javel)\b.{0,60}\b(figure|visage|yeux)\b.{0,60}\b(brulent|brule|vomi|gorge)
(yeux|gorge) (me )?(brulent|brule|serree)\b.{0,60}\b(produit|vomi|respire)
(boite|plaquette|flacon|bouteille) (entiere|complete) (de|d)
(toute|tout) (la |une )?(boite|plaquette|flacon)
(pris|avale|prend) (\w+ ){0,4}(deux fois|double dose|trois fois) (\w+ ){0,3}(par erreur|par accident)
(desherbant|pesticide|insecticide|mort aux rats|antigel|white spirit|essence|petrole|deboucheur|ammoniaque|soude|huile essentielle|dissolvant)
(trop de|plein de|toute la boite de|toute une boite de) (\w+ ){0,2}(medocs|medicaments|cachets|comprimes|pilules|antidepresseurs|somniferes|doliprane|insuline)
(medocs|antidepresseurs|somniferes|anxiolytiques)\b.{0,60}\b(trop|toute la boite|plaquette|somnolent|somnolente|dans les vapes|vomit|confus)
(par erreur|par accident|sans faire expres) (\w+ ){0,3}(bu|avale|pris|mange)
(bu|avale|pris|mange) (\w+ ){0,5}(par erreur|par accident|sans faire expres)
(mange|avale|bu) (des |de la |du )?(graines|baies|champignons|plante|plantes)\b.{0,60}\b(vomit|malade|somnolent|convulse|respire)
monoxyde (de carbone)?
(avale|avalee|bu|bue|mange|mangee) (\w+ ){0,4}(medicaments|cachets|comprimes|pilules|javel|produit|vaisselle|detergent|pile|piles|poison|champignons|baies|aimant|aimants|piece|white spirit|alcool|parfum|lessive)
(pris|prise|avale|avalee) (\w+ ){0,3}(quinzaine|dizaine|vingtaine|trop|toute la boite|toute la plaquette|tous|\d+) (\w+ ){0,3}(medicaments|cachets|comprimes|pilules|doliprane|paracetamol|somniferes)
(medicaments|cachets|comprimes|pilules) (avec|et) (de l )?(alcool|vodka|whisky)
(bebe|enfant|fils|fille|petit|petite|gamin|gamine|\d+ ans) (\w+ ){0,3}(a avale|avale)
(overdose|surdose|intoxique|intoxiquee|intoxication|empoisonne|empoisonnee|empoisonnement)
(avale|avalee|bu|bue|mange|mangee|pris|prise) (un |une |des |de la |du |de l |toute la |tout le |toute une |tous les |trop de |plein de )?(boite de |plaquette de |bouteille de |flacon de )?(medicaments|medicament|cachets|comprimes|pilules|javel|eau de javel|produit menager|detergent|pile|piles|pile bouton|poison|mort aux rats|champignons|baies|paracetamol|doliprane|somniferes|lessive|capsule de lessive)
trop de (medicaments|cachets|comprimes|pilules|paracetamol|doliprane|somniferes)
[allergy]
(langue|gorge|levres|visage) (\w+ ){0,4}(gonfle|gonflent|enfle|enflent)\b.{0,40}\b(avaler|respirer|respire)
(plaques|urticaire|boutons|rougeurs)\b.{0,60}\b(malaise|respire|gonfle|gorge|levres|evanoui|tourne de l oeil)
(mange|piqure|pique|piquee)\b.{0,60}\b(gorge|langue|levres|visage) (\w+ )?(gonfle|gonflent|gonflee|serre)
(allergie|allergique)\b.{0,60}\b(malaise|respire|gonfle|gorge|evanoui|adrenaline)
(choc anaphylactique|anaphylaxie|oedeme de quincke|oedeme)
(gorge|langue|levres|visage|bouche) (qui )?(gonfle|gonflent|gonflee|gonflees|enfle|enflee|se ferme|se serre)
stylo (d )?adrenaline
reaction allergique\b.{0,80}\b(respire|respirer|gonfle|gonflent|gorge|evanoui|evanouie)
[violence]
(mec|gars|homme|type|femme|individu|inconnu|personne|keum) (arme|armee|avec (un|une) (couteau|fusil|pistolet|arme|machette|hache|batte))\b.{0,40}\b(devant|dehors|en bas|porte|chez|maison|immeuble|jardin|menace|crie|rentre|entre)
(me|nous|la|le|lui|leur) (tape|tapent|cogne|cognent|frappe|frappent|tabasse|tabassent) dessus
(devant|dehors|en bas|a la porte|dans le jardin|dans la cage d escalier) (\w+ ){0,3}avec (un|une) (couteau|fusil|pistolet|arme|batte|machette|hache|marteau)
(entends|entend|vois|voit) (\w+ ){0,2}(la|le|les|l) (frapper|battre|taper|cogner|etrangler)
(frappe|bat|tape|cogne) (maman|papa|ma mere|mon pere) (en ce moment|maintenant|la)
(me suit|m a suivi|m a suivie|me poursuit)\b.{0,80}\b(attrape|attend|peur|cache|cachee|dehors)
(m a|il m a) (attrape|agrippe|tire) (le bras|les cheveux|par le)
(tape|frappe|bat|cogne) (encore )?(ma|mon|sa|son) (mere|pere|soeur|frere|femme|mari|copine|enfant|fille|fils|maman)
(va|vais|veut) (me|nous|la|le) (defoncer|buter|planter|crever|massacrer)
(casse|defonce|enfonce) la porte\b.{0,60}\b(crie|peur|menace|va me|frappe)
(m a|m ont|ma) (menace|menacee|etrangle|etranglee|frappe|frappee|agresse|agressee|viole|violee|poignarde|poignardee|tabasse|tabassee)
(menace|menacee|menaces) de mort
(m encerclent|m entourent|me coincent|m ont coince|m ont coincee|m ont encercle|m ont encerclee)\b.{0,60}\b(machette|machettes|couteau|couteaux|arme|armes|batte|battes|fusil|pistolet)
(il|elle|ils) (m a|m ont|ma|l a|l ont) (menace|menacee|etrangle|etranglee|frappe|frappee|agresse|agressee|viole|violee|poignarde|poignardee)
(veut|veux|va|vont) (me|nous|la|le) (taper|frapper|cogner|tuer|buter|planter)
(agresser|agresse|agressee|agression|braquage|braque|viol|violee)
(enferme|enfermee|cache|cachee) (dans|ds) (la|ma) (chambre|salle de bain|cuisine|toilettes)\b.{0,60}\b(il|elle|peur|aidez)
(casse|fracasse) tout
(appelle|crie|crier|hurle) (a l aide|au secours)
(me|la|le|les|nous) (frappe|frappent|bat|battent|tabasse|tabassent|etrangle|etranglent|cogne|cognent)
(crie|crier|hurle|hurler)\b.{0,40}\b(frappe|bat|tabasse|coups)
(il|elle|mon mari|ma femme|mon conjoint|ma conjointe|mon copain|mon compagnon|mon ex|mon pere|mon fils) (me|nous|la|le) (frappe|bat|battre|menace|etrangle|agresse|tape|cogne)
(me|nous) (frappe|frapper|bat|battre|menace|etrangle|etrangler|agresse|tabasse|cogne)
(va|veut|menace de|essaie de) (me|nous|la|le) (tuer|frapper|poignarder)
(violence|violences) (conjugale|conjugales|domestique|domestiques|familiales)
(peur|peur de|terrorise|terrorisee) (de )?(mon mari|mon conjoint|mon copain|mon compagnon|mon ex|mon pere)
(a|as) un (couteau|fusil|pistolet|arme)
quelqu un (est entre|essaie d entrer|entre) (chez moi|dans la maison)
[general]
(glace|glacee|tremble meme plus|ne tremble plus)\b.{0,60}\b(parle a peine|confus|somnolent|ne repond)
(eau bouillante|casserole|huile)\b.{0,60}\b(peau|lambeaux|cloques|bras|ventre|visage)
(peau) (part|qui part) en lambeaux
(mordu|mordue|morsure|pique|piquee) (par|de) (un |une )?(serpent|vipere|scorpion|chien)\b
(mordu|mordue) (gravement|par un chien)\b.{0,40}\b(sang|saigne|visage|profond)
(hypoglycemie|hypo|glycemie|sucre)\b.{0,40}\b(confus|confuse|inconscient|ne repond|tremble|malaise)
(coup de chaleur|hypothermie)\b.{0,60}\b(confus|confuse|inconscient|ne repond|malaise)
(en train de mourir|va mourir|vais mourir)
(brule|brulee|ebouillante|ebouillantee)\b.{0,60}\b(gravement|grave|peau|visage|tout le bras|eau bouillante|cloques)
(electrocute|electrocutee|electrocution|decharge electrique)
(gravement|grievement|serieusement) (blesse|blessee|brule|brulee)
(appelez|appeler|envoyez|envoyer|besoin d) (une |d une )?(ambulance|pompiers|samu)
(il|elle|quelqu un|mon \w+|ma \w+) (est en train de|va) mourir
(urgence vitale|en danger de mort|sa vie est en danger|ma vie est en danger)
aidez moi (vite|svp|stp|maintenant|vite svp)?
(au secours|a l aide) (vite|stp|svp|maintenant|vite svp)
[labour]
(perdu|perd|rompu) les eaux
(poche des eaux) (a )?(rompu|percee|perce)
(bebe|bébé) (arrive|sort|va sortir|est en train de sortir)
contractions (toutes les|chaque) (\d+|deux|trois|quatre|cinq) (min|minutes)
(accouche|accoucher|accouchement) (maintenant|dans la voiture|a la maison|ici)
(enceinte)\b.{0,60}\b(saigne|sang|douleur|evanoui|malaise|perdu les eaux)
[fire]
(il y a|y a|y) le feu (chez|dans|a la|a l|au)
feu (chez moi|chez nous|chez mes|chez ma|chez mon|chez le voisin|chez la voisine|a la maison|dans l immeuble|dans l appart)
(maison|appartement|appart|cuisine|immeuble|voiture|chambre) (est |qui )?(en feu|brule|prend feu|a pris feu)
(le )?feu (dans|a) (la|l|ma|mon|notre)
(incendie|flammes)
(fumee|fumée) (partout|noire|epaisse)
(sent|odeur de|odeur du) gaz
fuite de gaz
(coince|coincee|bloque|bloquee) (dans|sous) (l|le|la|un|une) (ascenseur|voiture|incendie|decombres)
[child]
(taches|boutons|plaques) (qui )?(ne )?(s effacent|disparaissent|partent) (pas|plus)
(purpura)
(bebe|nourrisson|nouveau ne) (\w+ ){0,3}(mou|molle|ne se reveille|ne boit|ne tete|reagit)
[possible]
# Appris de blind N et P (2026-12-02) : adieux voilés, suivie, quelqu'un dans la maison, a coulé.
# Chacun va aussi à des messages ordinaires (« demain je serai plus là, je pars en vacances »,
# « tout est prêt, j'ai écrit à la mairie ») : un rappel des numéros avant la réponse, jamais à sa place.
(a coule|coule|coulé|a disparu sous l eau)\b.{0,40}\b(remonte pas|remonte plus|est pas remonte)
(j aurai|jaurai|j aurais|je n aurai) plus besoin de (mon|mes|ma) (traitement|medicaments|ordonnance|ordonnances|rendez vous|rdv)\b.{0,40}\b(adieu|pardon|merci pour tout|dites)
tout est pret\b.{0,100}\b(ecrit aux enfants|ecrit a|serein|sereine|adieu|pardon|avant de partir)
(sur le toit|sur le pont|au bord du pont|au bord du toit)\b.{0,80}\b(pense a tout|pardon|l eau|adieu|le vide)
(ce soir|cette nuit) j en finis
(je serai|jserai|j serai|je serais|je ne serai|je ne serais|j ne serai) (bientot )?(plus|pu) (un souci|un fardeau|un poids|une charge)\b
# blind R (2026-12-02, classifier-r): en haut d'un parking à regarder en bas, « dites-lui que ce n'est pas sa faute »
(en haut|au sommet|au dernier etage|sur le toit|sur le rebord) (du|de l|d un|d une|de la) (parking|immeuble|tour|batiment|falaise|pont)\b.{0,80}\b(regarde en bas|regarder en bas|le vide|sauter)
(dites|dis|dire|dis lui|dites lui) (\w+ ){0,5}que ce n est pas (sa|leur|ta|votre|de sa|de leur) faute( \w+){0,4} $
(demain|ce soir|cette nuit|a soir|apres ce soir|apres cette nuit) (je serai|jserai|j serai|je serais) (plus|pu) la\b
(serai|sera) (plus|pu) la (apres ce soir|apres cette nuit|demain|ce soir|cette nuit|a soir|pour personne)
(pour|de|et) ne plus (me|se|jamais me|jamais se) reveiller
(dormir|m endormir|s endormir) pour (toujours|de bon|l eternite)
(etre|suis|chu|chui|je suis) (un|une) (fardeau|poids|charge) pour (tout le monde|tous|ma famille|les autres|mes proches|personne)
(c est|cest|ce sera) (ce soir|a soir|cette nuit|demain) que (ca|tout) (finit|se termine|s arrete|finira)
(produit|produits|poison) (pour|des) (les champs|le champ|les cultures|les rats)\b.{0,80}\b(plus la|demain|adieu|fatigue|fini|mourir)
(me suit|me suivent|me poursuit|me suivait)\b.{0,80}\b(rapproche|nuit|personne|seule|seul|peur)
(quelqu un|un homme|un type|des gens) (est |sont )?(dans|chez) (la maison|mon appart|l appart|chez moi|ma maison)\b.{0,60}\b(entends|en bas|en haut|cache|maintenant)
(ne|n)? ?(se reveille|respire|bouge|repond|reagit|parle) (pas|plus|pu)
(arrive|peux|peut|pouvons) (pas|plus|pu) (a )?(respirer|avaler|bouger|parler|se lever|me lever|le reveiller|la reveiller)
(inconscient\w*|inanime\w*|evanoui\w*|malaise|convuls\w*|crise d epilepsie|overdose|surdose|intoxiqu\w*|empoisonn\w*|s etouffe|etouffe|noye|noyee|noyade|se noie|se noyer)
(saigne|saignement|hemorragie|sang partout|beaucoup de sang|sang qui coule|gicle)
(douleur|mal) (\w+ ){0,2}(poitrine|thorax|coeur)|crise cardiaque|infarctus|palpitations|coeur qui s emballe
(suicid\w*|me tuer|en finir|envie de mourir|veux mourir|me faire du mal|me scarifier)
(couteau|arme|fusil|pistolet|poignard\w*|agress\w*|frapp\w*|menac\w*|viol\w*|battu|battue)
(avale|avalee|bu|bue|mange|mangee) (\w+ ){0,3}(medicaments|cachets|comprimes|pilules|javel|pile|produit|poison|quelque chose|truc)
(reaction allergique|choc anaphylactique|oedeme|gonfle|gonflee|gonflent|gorge serree|gorge qui se ferme|stylo d adrenaline)
(brule|brulee|brulure|ebouillant\w*|electrocut\w*|decharge electrique|hypothermie|coup de chaleur)
(tombe|tombee|chute|glisse|glissee)\b.{0,60}\b(mal|tete|saigne|sang|peut pas|peut plus|casse|os|par terre|sol)
(avc|bouche de travers|visage paralyse|paralys\w*|engourdi\w*)
(respire|respiration|souffle)\b.{0,30}\b(bizarre|mal|difficile|fort|vite|bruit|lentement)
(ambulance|samu|pompiers|15 maintenant|appeler le 15|appeler le 112)
(au secours|sos|urgence vitale)\b
(somnolent\w*|confus|confuse|desoriente\w*|dans les vapes)\b.{0,60}\b(soudain|d un coup|cachets|medicaments|tombe|bu|pris|plus)
[not]
(tombe|tombee|tombes|tombees) raide (dingue|amoureux|amoureuse)
(il y a|y a|y|il n y a) pas le feu
(faire|fait|fais) une (connerie|betise) (de|dans|sur|avec|en) (mon|ma|le|la|mes|les|l) (dossier|formulaire|rendez vous|demande|inscription|reservation|declaration|papiers)
(plante|plantes|fleurs|telephone|batterie) (\w+ ){0,2}(en train de mourir|meurent|va mourir)
(une vraie|c est de l|c est une) (agression|overdose)
overdose de (\w+)
(brule|brulee) un peu
rien de grave
(prise|prises|analyse|analyses|don|bilan|tests?) (de |du )sang
(question|demande|document|dossier|rdv|rendez vous|papier|courrier) (\w+ )?urgente?
tension (arterielle)?
(ca|ça) (ne )?saigne (plus|pu)\b
un pansement suffit
(telephone|batterie|portable|tel) (va|est en train de) mourir
overdose de (reunions|travail|boulot|mails|series|chocolat)
on etouffe (dans|avec) (cette|la) chaleur
(noye|noyee|noyes|noyees) sous
(cette|ce|la|le|cet|les|ces) (\w+ ){0,3}(va|vont) me tuer
un peu essouffle
(j en|jen|je n en|j n en) peux plus (de|des|d) (ces|ce|cette|mon|ma|mes|la|le|les|son|sa|attendre|bouchons|travail|boulot)
noye sous (les|la|le)
(detecteur|detecteurs|alarme) (de |d )?(monoxyde|co)( de carbone)?
(failli|presque|manque de) (faire|avoir|fait) une crise cardiaque
(me|m) tuer si
(pilule|contraception) (d urgence|du lendemain)
(service|services|numero|numeros) (des |d )?urgences?
urgences (dentaires|pediatriques|ophtalmologiques)
(ca|ça|cela) (me|m) (tue|saoule|soule)
mort de rire
intoxication alimentaire
(radio|radiographie|scanner) (de la|du|des) (poitrine|thorax|poumons)
(saignement|saignements|saigne|saignent) (des|de|les) gencives?
centre antipoison
(prevention|numero) (du |de )?suicide
[fiction]
(jeu video|dans (le|mon|ce) jeu|mon personnage|mon perso|jeu de societe|escape game|murder party)
[past]
(a ma|a mon|lors de ma|lors de mon) (derniere|dernier)
(cet|cette|l) (hiver|ete|automne|printemps)( dernier)?
(ces temps ci|ces derniers temps|depuis quelques semaines)
en (janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)
la derniere fois
(beaucoup|bien|nettement) mieux
a la vue (de|du|des)
(il y a|ya|y a) (\d+|\w+) (semaines|mois|ans)
(la semaine|le mois|l annee|l an|l ete|l hiver) (derniere|dernier|passee|passe)
(autrefois|dans le passe|antecedents|antecedent)
[now]
toutes les \d+ (min|minutes)
(toujours|encore) (en train de )?(saigne|saigner|vomit|convulse)
tout a l heure
(right now|at the moment|happening again|en ce moment|tout de suite|ca recommence|again right now)
[info]
(escape game|jeu de societe|murder party)
(perime|expire|renouveler|renouvellement)
(c est pour me renseigner|me renseigner)
dans ma famille
(comment|ou) (on )?(utilise|utiliser|apprendre)
diagnostique (allergique|epileptique|diabetique)
(quand|lorsque) j (etais|avais) (ado|enfant|petit|petite|jeune)
depuis (son|sa|mon|ma) (avc|infarctus|crise cardiaque|overdose)
(piece de theatre|mon perso|personnage|role)
(cours|formation) de (secourisme|premiers secours|psc1)
(prepare|preparer|prepares) (une |un )?(lecon|cours|expose|atelier|presentation)
(je regarde|en regardant|j ai regarde)(?! en bas| le vide| dans le vide| par la fenetre)
(exercice incendie|exercice d evacuation|detecteur de fumee|detecteurs de fumee)
(reconnaitre|prevention|prevenir|sensibilisation|formation|affiche|brochure|flyer|depliant)
(film|films|serie|series|episode|a la tele|jeu video|dans le jeu|mon personnage|livre|roman|polar|podcast|documentaire|mdr|ptdr)
en (19|20)\d\d
(j ai|il a|elle a) (droit|le droit)
(en cas de|que faire si|signes d|signes de|symptomes d|symptomes de|comment reconnaitre|premiers secours|gestes qui sauvent)
(c est pour savoir|pour savoir|par curiosite|pour plus tard|pour un ami|pour un expose|pour mes dossiers)
[recovered]
(va|vont|vais) (mieux|bien) (maintenant|depuis)?
(ca|ça) va mieux
(remis|remise|gueri|guerie) depuis
