# Emergencies described in English. See README.md: one regular expression per line, matched
# on the normalised message (lower case, no accents, every run of non-letters one space),
# whole words only. A line in [not] cancels a match in the same message ("emergency
# contraception"); [past] marks a distant past that cancels the message unless [now] is there.
[breathing]
(breathing|breathes|breath) (\w+ ){0,2}(fast|quick|rapid|noisy|noisily|grunting)\b.{0,60}\b(ribs|sucking|months|baby|blue|grunting)
ribs (are )?sucking in
(wheezing|wheezy|gasping|struggling)\b.{0,20}\b(cant|can t|cannot) (catch|get) (his|her|their|my|a )?breath
(cant|cannot|can t) (catch|get) (his|her|their|my|a )?breath
(snoring|gurgling|rattling|choking|wheezing|whistling) (noise|noises|sound|sounds)
(cant|cannot|can barely|struggling to|trying to) (get|take) (air|a breath)
(no|not getting|not enough) air
(drowning|drowned|nearly drowned|pulled out of the (water|pool|sea))
(cant|cannot|couldnt|unable to) catch (his|her|their|my) breath
(wheezing|wheezes) (badly|really bad|very bad|a lot|loudly|and)
(bad|severe|serious|big) asthma attack
asthma attack\b.{0,60}\b(inhaler|puffer|not working|isnt working|breathe|breath)
(turning|turned|going|gone|is|are|looks|all) (blue|purple|grey|gray|pale and)
(not|isnt|is not|aint|stopped|stop|no longer|cant|can t|cannot|can not|couldnt|unable to|struggling to|trouble|difficulty|hard to|barely|hardly) (breath|breathe|breathing|breating|brething|breth)
(breathing|breathes|breating|breath) (really |very |so |super |quite |all |kind of |kinda )?(strange|strangely|weird|weirdly|funny|funnily|badly|bad|wrong|hard|heavily|fast|very fast|noisy|oddly|odd|shallow|shallowly|erratically)
breathing (is |has )?(strange|weird|funny|bad|wrong|shallow|rattling|gurgling|irregular)
short(ness)? of breath
(gasping|choking|chokeing)( for air)?
choked on
(turning|turned|going|gone|is|are) (blue|purple|grey|gray)
(lips|face) (are |is |going |turning )?(blue|purple)
(cant|can t|cannot) get (his|her|their|my) breath
[unconscious]
(is|s|was|lies|lying|went|goes|knocked (him|her|them)|knocked) out (cold|for the count)
(wont|doesnt|does not|cant|can t|isnt|is not|not) (open|opening) (his|her|their|my) eyes
(cant|can t|cannot|couldnt|unable to) (wake|rouse) (him|her|them|my \w+)( up)?
(eyes|eye) (are |is )?(closed|shut|rolled)\b.{0,30}\b(breathing|gasps|not|wont)
(breathing|breaths) in (big|huge|short) gasps
(ice|freezing|stone) cold\b.{0,60}\b(nothing|no response|not moving|wont wake|not waking|shook)
(shook|shake|shaking) (him|her|them)\b.{0,30}\b(nothing|no response|doesnt move|wont wake)
(slumped|slumping)( over)?
not (really )?(responding|answering|reacting)
(sweating|sweaty) and (shaking|confused|pale)\b.{0,40}\b(not|diabetic|responding)
(just )?(dropped|collapsed|went down|keeled over)\b.{0,20}\b(on the floor|to the floor|to the ground|on the ground)
(just|suddenly) (dropped|keeled over|went down)\b
(heart|heartbeat) (has )?stopped
(doing|do|start|started|give|giving) (cpr|chest compressions|mouth to mouth)
(cant|can t|cannot) (feel|find) (a|his|her|any) (pulse|heartbeat)
(cold|grey|gray|pale) and (clammy|sweaty|not responding|limp|unresponsive)
(hanging|hanged himself|hanged herself)
(limp|floppy|lifeless|blue and limp|not moving|stopped moving|motionless)
(very )?(hard|impossible) to (wake|rouse)
(eyes|he|she) (wont|dont|doesnt|do not|does not) (open|stay open)
(lying|lies|laying|is|s|collapsed|fell|fallen|still) on the (floor|ground|pavement|road|street|bathroom floor|kitchen floor)
(found|find) (him|her|them|my \w+) (on the floor|collapsed|unconscious|not breathing|lying)
(isnt|is not|wont|not|doesnt|does not) (answering|answer)( me)?
(going to|gonna|about to) (pass out|faint|collapse)
(unconscious|unconcious|unconscius|uncouncious|unresponsive|unresponsiv)
(passed|past) out
(fainted|collapsed|colapsed|blacked out|knocked out)
(wont|won t|will not|doesnt|does not|isnt|is not|cant|can t) (wake|waking|wake up|respond|responding|react|reacting|move|moving)
not (waking|waking up|responding|reacting|moving|conscious|concious)
(no|not) (pulse|heartbeat)
(lost|losing) consciousness
[chest]
tight pain (across|in) (my|his|her) chest
(chest|it)\b.{0,30}\b(going|spreading|moving) (up )?(into|to|down) (my|his|her) (jaw|left arm|arm|neck|back)
(clammy|sweaty)\b.{0,40}\b(chest|arm|jaw)
(chest|arm|jaw)\b.{0,80}\b(clammy|sweaty)
elephant (is )?(sitting|sat) on
(pressure|tightness|squeezing|heaviness|weight|crushing|elephant) (\w+ ){0,3}(chest|on me|on my chest)
chest (is |feels )?(squeezing|tight|heavy|crushed|on fire)
# blind M: "my chest feels like it's being squeezed for the last hour"
chest\b.{0,30}\b(being |been |getting )(squeezed|crushed|squashed|compressed)
(left )?arm (is |feels |goes |went )?(heavy|numb|dead)\b.{0,40}\b(chest|sweating|sick|alone|dizzy)
(chest|jaw|arm)\b.{0,40}\b(jaw|left arm)\b.{0,40}\b(min|minutes|now|sweating|sick)
pain(s)? in (the |my |his |her )?(chest|jaw and chest|chest and jaw)
(holding|clutching|grabbing) (his|her|their|my) chest
(chest|chests) (pain|pains|hurts|hurting|is hurting|tight|tightness|is tight|pressure|feels tight|feels heavy)
pain(s)? in (my|his|her|their|the) (chest|left arm)
heart attack
cardiac arrest
(crushing|squeezing|stabbing) (pain|feeling)
[bleeding]
(gave birth|giving birth|just had (a|the|my) baby|after (the )?birth|miscarr\w*)\b.{0,60}\b(bleeding|blood|faint|dizzy)
blood (under|through|coming under) the door
(its|it is|it s|blood is|and) (spurting|gushing|pumping)
blood (is )?(pooling|dripping everywhere|coming from (his|her|their|my) (ear|ears|head|mouth|nose))
(glass|window|door|chainsaw|saw|knife|blade)\b.{0,40}\b(blood|bleeding|cut open|gash)\b.{0,40}\b(floor|everywhere|pooling|lots|wont stop|deep)
(pouring|gushing|spurting|streaming|pissing) (with )?blood
(head|arm|leg|hand|face|neck) (is |s )?(pouring|gushing|spurting|streaming) blood
(see|seeing|can see) (the )?bone
bone (is )?(sticking|poking) out
(bent|twisted) the wrong way
blood (is )?(spurting|pouring|gushing|squirting|everywhere|all over|soaking)
(soaking|soaked|soaks) (a |through |the )?(pad|pads|towel|towels|bandage|clothes)
(heavy|very heavy|a lot of|massive|serious) (bleeding|blood loss)
(bleeding|blood)\b.{0,40}\b(after giving birth|pregnant|miscarriage|miscarrying)
(cut|sliced|chopped) (off )?(his|her|my|their) (finger|hand|arm|leg|thumb)
(vomiting|vomitting|throwing up|coughing up|coughing|spitting|puking) (up )?blood
(bleeding|blood) from (the|his|her|their|my) (head|ear|ears|mouth)
(nosebleed|nose bleed|bloody nose)\b.{0,60}\b(wont stop|not stopping|for \d+ (min|mins|minutes|hours)|hour)
(hit|knocked down|run over|ran over|struck) by a (car|bus|truck|lorry|van|motorbike|bike|train|scooter)
(car|road|motorbike|bike|scooter) (accident|crash)\b.{0,60}\b(hurt|injured|bleeding|blood|not moving|unconscious)
(bleeding|bleeds|bleed) (a lot|heavily|badly|loads|everywhere|so much|non stop|nonstop|out|profusely|like crazy)
(wont|won t|will not|doesnt|does not|cant|can t|cannot) stop (the )?(bleeding|bleed)
(lots|lot|loads|so much|too much|pool|puddle) of blood
blood (everywhere|all over|pouring|gushing|spurting|wont stop)
(haemorrhage|hemorrhage|haemorrhaging|hemorrhaging)
(deep|bad|big) (cut|wound|gash)
(stabbed|been shot|gunshot)
[fall]
(went down|dropped|collapsed|keeled over|fell|fallen|slipped|tripped)\b.{0,40}\b(isnt|is not|not|wont|won t|cant|can t|cannot) (getting|get) (up|back up)
(fell|fallen|dropped)\b.{0,60}\b(went (really )?quiet|very sleepy|really sleepy|drowsy|vomiting|throwing up|not crying)
(found) (\w+ ){0,4}(on the (\w+ )?floor|lying)\b.{0,60}\b(cold|barely|not answering|confused|all night|since)
(fell|fallen) (out of|from|off) (a|the) (\w+ ){0,2}(window|balcony|roof|ladder|tree|scaffolding|cliff|horse)
(on the|bathroom|kitchen) floor since (last night|yesterday|this morning|hours)
(hip|leg|arm|wrist|ankle) (looks|look|is|s) (wrong|broken|twisted|deformed|weird)
(fell|fallen|came off|thrown off|fell off)\b.{0,80}\b(cant|can t|cannot) (feel|move) (my|his|her|their) (feet|legs|arms|hands|neck)
(fell|fallen|came off|fell off)\b.{0,80}\b(looks|is|s) (really |very )?(wrong|broken|deformed|bent)
(fell|fallen|fell off|came off) (\w+ ){0,4}(onto|on) (the )?(concrete|rocks|head|neck|back)
(fell|fallen|fall|tripped|slipped)\b.{0,80}\b(on (his|her|their|the) head|vomiting|throwing up|being sick)
(fell|fallen|has fallen|had a fall|took a fall|tripped|slipped)\b.{0,80}\b(cant|can t|cannot|unable to|wont|won t) (get up|stand|move|walk|get him up|get her up)
(fell|fallen|fall|tripped|slipped)\b.{0,80}\b(hit|banged|bumped|cracked|smashed) (his|her|their|my|the) head
(fell|fallen|fall|tripped|slipped)\b.{0,80}\b(broken|broke|bleeding|blood|not moving|unconscious|passed out|hurt badly|badly hurt|bone sticking)
(fell|fallen) down the stairs
(on|lying on) the (floor|ground) (and )?(cant|can t|wont|won t|not)
[stroke]
(face|mouth|smile|lip|eye) (has |is |s )?(dropped|dropping|drooped|sagging|sagged|slipped|fallen)( on one side| down one side| to one side)?
(having|had|has) a funny turn
(talking|talkin|speaking|saying) (\w+ )?(gibberish|nonsense|jibberish)
(face|mouth) (looks|look|is|s) (weird|wrong|funny|odd|strange) on one side
(face|mouth|smile|eye) (has |is |s )?(gone|went|going) (droopy|crooked|lopsided|funny|weird|numb)
(words|speech) (are |is )?(coming out|come out) (all )?(wrong|jumbled|funny|weird|strange)
(suddenly|all of a sudden) (\w+ ){0,3}(cant|cannot|doesnt) understand
(seeing|see) double\b.{0,40}\b(headache|suddenly|dizzy|cant)
(speech|speaking|talking|words) (is |are |went )?(slurred|slurring|garbled|jumbled|strange all of a sudden)
(right|left|one) side (is |went |of (his|her|their|my) (body|face) is )?(weak|numb|limp|dead|drooping|paralysed|paralyzed)
(worst|terrible|sudden|thunderclap) headache\b.{0,60}\b(life|ever|vomiting|confused|cant see|neck)
(suddenly|all of a sudden|out of nowhere) (\w+ ){0,3}(cant|cannot|couldnt) (see|speak|talk|walk|move|stand|recognise|recognize)
(doesnt|does not|didnt|wont) (recognise|recognize) (me|us|anyone)
(cant|cannot|can t) feel (his|her|their|my) (legs|arms|arm|leg|face|side)
(drooling|dribbling) (from|on) one side
(cant|cannot|unable to|couldnt|not able to) (lift|raise|move|feel) (his|her|their|my) (right |left )?(arm|leg|hand|face)
(talking|speaking|saying) (nonsense|gibberish|rubbish|strangely|funny|weird|words that make no sense)
(confused|confusion) and (slurring|cant speak|cant talk|drooping)
(stroke|strokes)
(face|mouth|smile) (is )?(drooping|droopy|dropping|lopsided|crooked|twisted|numb)
slurred (speech|speaking|words)
(slurring|slurs) (his|her|their|my)? ?(words|speech)
(cant|can t|cannot) (speak|talk) (properly|normally|suddenly)
(one side|half) of (his|her|their|my) (face|body)
(arm|leg|side) (is |went |gone )?(numb|paralysed|paralyzed|limp|dead)
[seizure]
(jerking|twitching|shaking|convulsing)\b.{0,40}\b(floor|foam|foaming|minutes|not stopping)
(foam|foaming|frothing) (coming out of|at) (his|her|the) mouth
(pregnant)\b.{0,60}\b(fit|seizure|convulsion)
(shaking|jerking|twitching|stiff) (all over|uncontrollably|and (his|her) eyes|and not responding|and foaming)
(twitching|jerking|shaking) and\b.{0,40}\b(eyes|not responding|unresponsive|foaming)
eyes (rolled|rolling) (back|up)
foaming at the mouth
(seizure|seizures|seizing|fitting|convulsing|convulsion|convulsions)
having a fit
(epileptic|epilepsy) (fit|attack|seizure)
(shaking|jerking) (uncontrollably|all over|and not responding)
[suicide]
# blind N: nobody will miss me; all the insulin at once (the other veiled farewells are in [possible])
(nobody|no one|noone) (will|is going to|s going to|gonna) (miss|notice|care about) me
(all|whole) (my|of my|the|your) insulin (at once|in one go)\b.{0,80}\b(done|sleep|end|asking because)
(i m|im|i am|i|i ll|i will) (going to|about to|want to|just want to|ready to|will) end it( all| tonight| today| now)? $
(unalive|unaliving|unalived) (myself|me|himself|herself|themselves)
(want|wanna|going|gonna|about) to unalive
sewerslide
(top|topping|off|offing) (myself|himself|herself)
(im|i m|i am|gonna|going to|want to|about to|bout to) kms
(driving|drive|crash) into a (wall|tree|truck)
(cant|can t|cannot|dont think i can) stop myself
(cut|cutting|slashed) (her|his|my|their) (arms|wrists|legs)\b
(done|finished) with (everything|it all|life)\b
(texted|messaged|said) (me )?(goodbye|bye)\b.{0,60}\b(cant reach|not answering|done|everything)
(pills|tablets) (are |all )?(lined up|ready|counted out|in front of me)
(wrote|written) my (letters|notes)
(on|at) the (bridge|roof|ledge|edge)\b.{0,40}\b(jump|jumping|going to|end)
(going to|gonna|about to) jump\b
(tonight|today) is the (night|day)\b.{0,80}\b(letters|letter|note|goodbye|end)
(written|wrote|writing) (letters|goodbye letters|notes) to (everyone|my family|my kids)
(razor|blade|knife)\b.{0,60}\b(cut|deep|wrists|herself|himself|myself|end)
(going to|gonna) cut (deep|myself|herself|himself)
(kill|killing|hurt|hurting|harm|harming) (himself|herself|themselves|themself)
(pills|tablets|rope|knife|gun|blade) (in front of|next to|beside) me
(take|taking|swallow) them all
(cant|can t|cannot) (do|take|go on with) (this|it|life) (anymore|any more|any longer)
(standing|stood|sitting) (on|at the edge of|on the edge of) (the|a) (bridge|roof|ledge|cliff|platform|balcony)
(texted|messaged|said|told me) (me )?(goodbye|good bye|farewell)\b.{0,60}\b(himself|herself|die|kill|end)
(not|dont|do not) want to wake up (again|tomorrow)
(nobody|no one|noone) would (miss|notice) (me|if i)
(end|ending|finish) it (tonight|today|now|all)
(jump|jumping) (off|from|in front of) (the|a) (bridge|building|roof|train|balcony|cliff)
(throw|throwing) (myself|himself|herself) (off|under|in front of)
(better|be better) off without me
(planning|planned|plan) (how|to) (to )?(do it|die|end)
(cut|slit|slashed|slashing|cutting) (her|his|my|their) wrists
(suicide|goodbye) (note|letter)
(wrote|written|writing) (my|a) (goodbye|suicide) (note|letter)
(kill|killing|end|ending|hurt|hurting|harm|harming|cut|cutting) (myself|my self|meself)
(end|ending|take|taking) my (own )?life
end it all
(suicide|suicidal|sucide|suicde)
(want|wanna|going|gonna|ready) to die
(dont|don t|do not) want to (live|be alive|be here|exist) (anymore|any more)?
no (reason|point) (to|in) (live|living|going on)
better off dead
(take|taking|swallow|swallowing) all (my|the|of my) (pills|tablets|meds)
[poisoning]
(swallowed|downed|necked|took|taken|had) (a|the|his|her|my|their|a whole|the whole|an entire) (strip|packet|pack|box|bottle|blister|tub) of
(washer fluid|windshield fluid|windscreen fluid|screenwash|slug pellets|granules|methanol|ethylene glycol|arsenic|cyanide)\b.{0,80}\b(drank|ate|swallowed|throwing up|vomiting|blurry|dizzy)
(drank|ate|swallowed|got into) (\w+ ){0,4}(washer fluid|screenwash|slug pellets|pills|tablets|medicine|meds)\b
(generator|heater|boiler|stove|barbecue|bbq|charcoal)\b.{0,80}\b(confused|headache|dizzy|drowsy|passed out|lips)
(berries|leaves|oil|lamp oil|torch oil|yew|foxglove|hemlock)\b.{0,60}\b(ate|drank|swallowed|handful|coughing|cant stop|sick|vomiting)
(ate|drank|swallowed|handful of) (\w+ ){0,4}(berries|yew|foxglove|lamp oil|torch oil|oil)
(monoxide|co) alarm (going off|is going off|beeping)\b.{0,80}\b(headache|headaches|drowsy|sick|dizzy)
(took|taken|had|swallowed) (his|her|their|my) (\w+ ){0,2}(pills|tablets|meds|medicine|medication) (twice|two times|three times|again)\b.{0,60}\b(by mistake|dizzy|slow|confused|drowsy|faint)
(mushrooms|berries|plants)\b.{0,60}\b(throwing up|vomiting|being sick|sick|hallucinating|dizzy)
(spiked|drugged)
(took|taken|had|swallowed|drank) something\b.{0,60}\b(boiling|burning up|not making (any )?sense|confused|fitting|unconscious|wont wake|collapsed|twitching)
(boiling hot|burning up|overheating)\b.{0,40}\b(not making (any )?sense|confused|talking nonsense|collapsed|fitting)
(washing|laundry|dishwasher|detergent|liquitab) (pod|pods|capsule|tablet|tablets)
(coin|button|marble|battery|magnet|grape|toy|sweet)\b.{0,40}\b(cant|can t|cannot) (swallow|breathe|breath)
(coughing|drooling|choking)\b.{0,40}\b(cant|can t|cannot) (swallow|breathe)
(splashed|sprayed|got) (\w+ ){0,4}(in (my|his|her) (eyes|face)|chemical|acid|bleach|pesticide)\b.{0,60}\b(burn|burning|vomit|vomited|throat|cant see)
(weedkiller|weed killer|pesticide|insecticide|rat poison|slug pellets|antifreeze|lighter fluid|petrol|gasoline|lamp oil|drain cleaner|oven cleaner|nail polish remover|essential oil)
(took|taken|swallowed|had|ate) (\w+ ){0,3}(whole|entire) (box|bottle|pack|packet|strip|blister)
(took|taken|swallowed|had) (a lot|lots|loads|too many|too much|handful|a handful) (of )?(\w+ ){0,3}(pills|tablets|meds|antidepressants|sleeping|painkillers|paracetamol|ibuprofen|insulin|drugs|medicine|medication)
(too much|double dose|overdose of) (insulin|methadone|morphine|fentanyl|opioids|paracetamol)
(drugs|pill|pills) at (a|the) party\b.{0,60}\b(not waking|unconscious|collapsed|fitting|vomiting|wont wake|drowsy|twitching)
(very|really|extremely|so) (drowsy|sleepy)\b.{0,40}\b(pills|tablets|meds|drank|took|swallowed)
(pills|tablets|meds|took|swallowed)\b.{0,60}\b(very|really|extremely|so) (drowsy|sleepy|confused)
(by mistake|by accident|accidentally) (\w+ ){0,3}(drank|swallowed|took|ate)
(drank|swallowed|took|ate) (\w+ ){0,5}(by mistake|by accident|accidentally)
carbon monoxide
(swallowed|swallow|drank|drunk|ate|eaten) (\w+ ){0,4}(pills|tablets|medicine|medication|meds|bleach|detergent|battery|batteries|poison|antifreeze|mushrooms|berries|paracetamol|liquid|magnet|magnets|coin|spirit|white spirit|chemicals|perfume|vodka|cleaner)
(took|taken|has taken|had|swallowed) (too many|a lot|loads|lots|a whole|the whole|all|\d+|about \d+|maybe \d+) (\w+ ){0,4}(pills|tablets|medicine|medication|meds|paracetamol|painkillers)
too many (of )?(my |his |her |their |the )?(\w+ ){0,2}(pills|tablets|paracetamol|painkillers|meds|medicine)
(alcohol|alcool|drink|drinks|booze) and (pills|tablets|meds|medicine|drugs)
(pills|tablets|meds|drugs) and (alcohol|drink|booze)
(baby|toddler|kid|child|son|daughter|boy|girl|\d+ ?(yr|yrs|year|years) old) (\w+ ){0,3}(swallowed|has swallowed|just swallowed)
(overdose|overdosed|overdosing|od d|oded|poisoned|poisoning)
(swallowed|swallow|drank|drunk|ate|eaten|took|taken|has taken|had) (a |an |some |the |my |his |her |all |loads of |lots of |too many |a whole |the whole )?(bottle of |box of |pack of |packet of )?(pills|tablets|medicine|medication|meds|bleach|detergent|battery|batteries|button battery|poison|rat poison|weed killer|antifreeze|cleaning product|washing liquid|dishwasher tablet|laundry pod|pod|mushrooms|berries|paracetamol|sleeping pills)
too many (pills|tablets|paracetamol|sleeping pills|painkillers|meds)
[allergy]
(allergic|allergy) to\b.{0,80}\b(tongue|throat|lips|face|rash|hives|swollen|puffing|breath)
(tongue|throat|lips|face) (feels |is |looks |s )?(huge|tight|swollen|puffing up|puffing|thick|closing)
(sting|stung|bitten|bite)\b.{0,60}\b(face|throat|tongue|lips|eyes) (\w+ ){0,2}(puffing|swelling|swollen|tight|closing)
(ate|eaten|had|touched)\b.{0,40}\b(peanut|peanuts|nuts|shellfish|shrimp|prawns|sesame|egg)\b.{0,60}\b(lips|tongue|throat|face|eyes|wheezing|wheeze|breath|breathe|breathing|hives|swollen|huge|puffy)
(covered in|breaking out in|broke out in|full of) (hives|welts|a rash)\b.{0,60}\b(faint|dizzy|breath|breathe|swelling|swollen|throat|lips)
(ate|eaten|had|stung|sting)\b.{0,60}\b(throat|tongue|lips|face) (\w+ )?(swelling|swollen|closing|tight|puffy)
(allergic|allergy)\b.{0,60}\b(faint|collapsed|cant breathe|throat|swelling|swollen|epipen)
(anaphylaxis|anaphylactic|anaphalactic)
(throat|tongue|lips|face|mouth) (is |are )?(swelling|swollen|closing|closing up|puffing up|blowing up)
(swelling|swollen) (throat|tongue|lips|face)
epi ?pen
allergic reaction\b.{0,80}\b(breath|breathe|breathing|swelling|swollen|throat|collapsed|faint)
[violence]
# blind N: locked in by a partner
(he s|he has|hes|she s|she has|shes|they ve|they have) locked me in\b
(a|some|this|the|random) (guy|man|bloke|person|stranger|woman|lad|men|guys) (with|holding|waving) a (knife|gun|machete|axe|weapon|bat)\b.{0,40}\b(outside|door|house|flat|here|coming|threatening|shouting|street|garden|in)
(is|s|are|re|standing|waiting|hiding) (\w+ ){0,3}(outside|downstairs|at the door|in the garden|in the hall) (\w+ ){0,3}with a (knife|gun|weapon|bat|machete|axe|hammer)
(man|guy|someone|he) is (hitting|beating|attacking|strangling|kicking) (my|a|the|our) (\w+)
(kicked|punched|trampled|gored|crushed) (my \w+ |him |her )?(in the (stomach|chest|head)|by a (cow|horse|bull))
(outside|at) (the|my|our) (flat|house|door|home) with a (knife|gun|weapon|bat|machete)
(shouting|saying|yelling|screaming) (he|she|they) (ll|will|is going to|s going to) (get|kill|hurt|stab|do) (me|us)
(he|she|they|someone|a guy|a man) (already )?(grabbed|punched|hit|attacked|stabbed) (me|him|her|us)
(got|been|was) (punched|hit|kicked|attacked|stabbed|glassed|beaten)\b.{0,60}\b(head|blood|floor|unconscious|not moving|ear)
(hiding|hid) (in|inside) (a|the) (shop|store|toilet|bathroom|cupboard|car)
(followed|following|chasing|stalking) me\b.{0,80}\b(grabbed|waiting|outside|scared|hiding|ran)
(grabbed|grabbing) (my|me by the) (arm|hair|neck|throat)\b
(screaming|shouting|crying) for help
(threatened|threatening|threatens) to (kill|hurt|stab|shoot|beat) (me|us|her|him|them)
(threatened|threatening) me with (a )?(knife|gun|weapon|death)
(locked|hiding|hid) (myself )?(in|inside) (the|my|a) (bathroom|bedroom|room|toilet)\b.{0,60}\b(he|she|they|scared|afraid|help)
(strangled|choked|attacked|assaulted|mugged|raped|stabbed|beaten up) (me|her|him|us|my)
(been|got|just got|was just|were just) (attacked|assaulted|mugged|stabbed|beaten up|raped|jumped)
(smashing|breaking) (everything|things|the door)\b.{0,60}\b(scared|afraid|help|hurt|hit)
(hitting|beating|beat|punching|kicking|strangling|choking|attacking|stabbing|stabbed|hurting|threatening) (her|him|us|them)\b
(he|she|they) (ll|will|is going to|s going to|s gonna|is gonna|are going to) (hurt|kill|stab|hit|beat) (me|us|her|him|them)
(banging|kicking|hammering) (on|at) (my|the|our) (door|window)
(hitting|hit|beating|beat|beats|hits|punching|punched|kicking|kicked|strangling|strangled|choked|choking|attacking|attacked|hurting|hurts|threatening|threatened|abusing|abused) (me|my (mum|mom|mother|sister|kids|children|child|son|daughter|baby))\b
(going|gonna|threatens|threatened|trying) to (kill|hurt|stab) (me|us|her|him|my)
domestic (violence|abuse)
(scared|afraid|terrified) (of|that) (my )?(husband|wife|partner|boyfriend|girlfriend|ex|father|dad|son)
(he|she) (has|got) a (knife|gun|weapon)
(break|breaking|broke) (in|into) (my|our|the) (house|home|flat)
[general]
(sweating|sweaty|shaking)\b.{0,40}\b(acting drunk|not making sense|confused|drowsy)
(meter|sugar|glucose) (says|reads|is) (hi|high|lo|low)\b.{0,60}\b(vomiting|drowsy|confused|cant|wont)
(soaking wet|freezing|ice cold|frozen lake|stopped shivering)\b.{0,60}\b(barely|drowsy|slurring|confused|mumbling|not responding)
(socket|live wire|electric)\b.{0,60}\b(burn|burned|black|heart|unconscious|thrown)
(boiling water|kettle|pan|hot oil)\b.{0,60}\b(skin|chest|face|arm|peeling|blister|all down)
(pain|it) is getting worse\b.{0,40}\b(pale|sweaty|grey|faint)
(pale|sweaty|grey|gray)\b.{0,40}\b(pain|hurts)\b.{0,40}\b(worse|stomach|chest)
(jaw|chest)\b.{0,40}\b(hurt|hurts|pain)\b.{0,60}\b(grey|gray|sweaty|sick|clammy)
(barely|hardly) (conscious|breathing|answering|responding)
(mauled|badly bitten|bitten badly) by
(hypothermia|frostbite|heatstroke|heat stroke)\b.{0,60}\b(confused|unconscious|not responding|collapsed)
(blood sugar|sugar|glucose) (is |very |really )?(low|high)\b.{0,40}\b(confused|unconscious|not responding|shaking|collapsed|passing out)
(dying|going to die|gonna die)\b.{0,30}\b(help|please|now)
(please|pls|plz) (help|hurry|come)\b.{0,40}\b(he|she|my|someone|somebody|bleeding|breathing|hurt)
(what do i do|what should i do|who do i call|help me)\b.{0,40}\b(not breathing|unconscious|collapsed|bleeding|fell|seizure|overdose)
(seriously|badly|very badly|severely) (hurt|injured|burned|burnt|wounded)
(burned|burnt|scalded)\b.{0,60}\b(boiling|badly|skin peeling|blistered|face|whole arm|whole leg)
(electric shock|electrocuted|electrocution)
(call|need|send|get) (an |a )?ambulance
(someone|somebody|he|she|my \w+) (is|s) dying
(life|lives) (is |are )?in danger
(please|pls|plz) help (me|us)? ?(now|quick|quickly|asap|fast)
(unconscious|not breathing|emergency) (right )?now
[labour]
(waters|water) (has |have )?(broken|broke)
(baby|babys|baby s) (is )?(coming|on its way|crowning|arriving)
contractions (every|are) (\d+|one|two|three|four|five) (min|mins|minutes)
giving birth (now|at home|in the car)
(pregnant|weeks pregnant)\b.{0,60}\b(bleeding|blood|severe pain|collapsed|fainted|waters)
[fire]
(house|flat|apartment|kitchen|building|car|room|home) (is |s )?(on fire|burning|in flames)
fire in (my|the|our) (house|flat|kitchen|building|apartment|room)
(smoke|smoke everywhere|full of smoke|thick smoke)\b.{0,40}\b(cant|trapped|stuck|fire|breathe)
(smell|smells|smelling) (of )?gas
gas leak
(trapped|stuck) (in|inside) (the|a|my) (fire|lift|elevator|car|building|flat)
[child]
(rash|spots) that (doesnt|does not|wont) (fade|disappear|go away)
(purple|dark) (rash|spots)\b.{0,40}\b(fever|floppy|glass)
(floppy|limp|lethargic) (baby|newborn|infant|toddler)
(baby|newborn|infant) (\w+ ){0,3}(wont|will not|not) (wake|feed|respond)
[possible]
# Learnt from blind N and P (2026-12-02): veiled farewells, an intruder heard, followed,
# a child on the road, a lost child, went under. Each also fits everyday messages ('everything
# is sorted now, goodbye!', 'can't find my son's card anywhere', 'demain je serai plus là, je
# pars en vacances'): a reminder of the numbers before the answer, never in place of it.
(went|gone|go) under\b.{0,40}\b(hasn t|hasnt|has not|not|hasn t come|didn t) (come|came|surfaced)?\s?(back )?up
everything is (ready|sorted|done|in place)\b.{0,80}\b(before i go|sorry|goodbye|say bye|for good)
(gave|given|giving) away (my|all my)\b.{0,60}\b(wont|won t|will not) (be )?need(ing)? (them|it|anything)
(if i m|if im|if i am) not (around|here|alive) tomorrow\b.{0,60}\b(sorry|feed|look after|take care)
(tonights|tonight s|tonight is|today is|todays|today s) the (night|day) i (finally|end|stop|go|get some peace)
(finally|at last) (get|have|find) (some )?peace\b.{0,60}\b(miss me|nobody|no one|goodbye|forever|anymore)
(thank you|thanks) for everything\b.{0,100}\b(wont|won t|will not) be (needing|here|around|coming)\b.{0,60}\b(after that|ever|again|anymore|any more|any week|for good)
(wont|won t|will not) be here to (do it|feed|look after|take care|see)\b.{0,60}\b(peace|goodbye|sorry|for good)
(i m|im|i am) at peace with (it|my decision|this)
# blind R (2026-12-02, classifier-r): not a burden much longer, things sold or given away
(wont|won t|will not|not going to|no longer going to) be a (burden|weight|bother|problem) (to|for|on) (\w+ ){0,3}(much longer|for long|soon|anymore|any more|after (today|tonight|this))
(sold|gave|given|giving) (away )?(most of |all of |all )?my (stuff|things|belongings|cat|dog|books|clothes|furniture)\b.{0,120}\b(wont|won t|will not) (be )?need(ing)?
(tell|let) (\w+ ){0,5}(it s|its|it is|it was|it wasn t|it was not) not (his|her|their|your) fault\b.{0,60}\b(goodbye|thank|thanks|for everything|sorry)
(pills|tablets|insulin|paracetamol|sleeping pills|meds)\b.{0,80}\b(im|i m|i am) done\b
(someone|somebody|a man|a guy|an intruder|a stranger|people) (is |s |are )?(in|inside) (my|the|our) (house|home|flat|apartment)\b.{0,60}\b(hear|downstairs|upstairs|hiding|now|broke|breaking)
(i can hear|can hear|hear) (someone|somebody|him|a man|them|people) (downstairs|upstairs|in the house|breaking in|trying to get in|in the kitchen)
(been following|is following|keeps following|following) me\b.{0,80}\b(closer|dark|nobody|no one|alone|scared)
(he|she) (has|takes|checks) my phone\b.{0,80}\b(locked|im at|i m at|help|hurt)
(grape|sweet|coin|peanut|nut|sweetie|candy|marble|button|piece of)\b.{0,50}\b(no sound|not breathing|going (red|blue)|cant breathe|can t breathe|choking)
(lost|can t find|cant find) my (\d+ year old|son|daughter|little one|toddler|child|kid)\b.{0,60}\b(min|mins|minutes|anywhere|shopping|park)
(toddler|baby|little one|small child|little boy|little girl|kid|child|2 year old|3 year old) (is )?(alone |wandering |running )?(on|in|in the middle of) the (road|motorway|street|dual carriageway|highway)\b.{0,60}\b(cars|traffic|lorries|trucks|alone|nobody)
(cant|can t|cannot|wont|won t|couldnt|not) (wake|wake up|breathe|breath|stop (bleeding|shaking|vomiting|coughing|crying)|move|feel (his|her|my|their) \w+|swallow|stand up|get up|speak|talk properly)
(unconscious|unresponsive|collapsed|collapse|fainted|fainting|passed out|pass out|seizure|seizures|fitting|convuls\w*|overdos\w*|poison\w*|choking|choked|suffocat\w*|drown\w*)
(bleeding|blood everywhere|lots of blood|blood coming|spurting|gushing)
(chest pain|pain in (my|his|her) chest|heart attack|heart racing|heart pounding|palpitations)\b
(suicid\w*|kill (myself|himself|herself)|end (my|his|her) life|want to die|self harm|self harming|harm myself|hurt myself)
(knife|gun|weapon|stabbed|been shot|got shot|was shot|assaulted|attacked|beaten|raped|abused|threatened)
(swallowed|drank|ate) (\w+ ){0,3}(pills|tablets|medicine|bleach|battery|chemicals|poison|something|some)
(allergic reaction|anaphyla\w*|epipen|swelling up|swollen (face|lips|tongue|throat)|throat (closing|tight))
(burned|burnt|scalded|electrocuted|electric shock|frostbite|hypothermia|heatstroke)
(fell|fallen|fall|fallen over|fell over|tripped|slipped)\b.{0,60}\b(hurt|pain|head|bleeding|cant|can t|wont|won t|broken|bone|floor|ground)
(stroke|slurred|face drooping|numb on one side|paralys\w*|paralyz\w*)
(breathing|breathe|breath)\b.{0,30}\b(weird|strange|funny|badly|hard|fast|noisy|difficult|trouble|struggling)
(ambulance|samu|999|911|112|15 now|call (the )?(doctor|police) now)
(emergency|sos|mayday)\b
(drowsy|very sleepy|confused|disoriented|delirious)\b.{0,60}\b(suddenly|pills|fell|hit|drank|took|wont|cant|not)
[not]
(plant|plants|phone|battery|garden|flowers) (is |are )?(dying|dead)
blood (test|tests|sample|samples|pressure|donation|donor|work|results|group|type|count)
heart (rate|healthy|health|check)
urgent (question|request|query|paperwork|appointment|document|form|letter|change)
(my )?(phone|battery|laptop|car) (is |s )?(going to die|gonna die|dying|dead)
drowning in (paperwork|work|debt|bills|emails|homework|forms|admin)
(buy|install|installing|fit|fitting|test|testing|need|want|get|choose|recommend|where can i get) (a |an |the )?(carbon monoxide|co) (detector|detectors|alarm|alarms)
(nearly|almost|practically|about to) (had|have|having) a heart attack
(kill|murder) me (if|when|because)
(going to|gonna|will) (kill|murder) me if
emergency (contraception|contraceptive|contraceptives|pill|dental|dentist|department|room|ward|services|number|numbers|exit|contact)
suicide prevention( line| number| hotline| helpline)?
poison (control|centre|center) (number|phone|line)
(stroke|strokes) of (luck|genius)
dying (to|for) (know|see|try|get|hear)
(killer|killing it|killed it)
bleeding (gums|gum)
chest (x ray|xray|scan|infection)
food poisoning
suicide (prevention|awareness) (poster|campaign|training|week|day)
[fiction]
(video game|in (my|the|this) game|my character|my avatar|board game|murder mystery|escape room)
[past]
when (he|she|i|they) (was|were) (\d+|a baby|little|small|young)
it came out fine
at (my|the) last
(back )?in (january|february|march|april|may|june|july|august|september|october|november|december)( last year)?
last time
(doing|feeling) (much |a lot |way )?better
at the sight of
(last|past) (week|month|year|summer|winter|spring|autumn|christmas)
\d+ (weeks|months|years) ago
(a few|several|some|two|three|many) (weeks|months|years) ago
(years|months) ago
in the past
history of
used to
[now]
every \d+ (min|mins|minutes)
(still|keeps|keep) (bleeding|vomiting|fitting|shaking)
(right now|at the moment|happening again|en ce moment|tout de suite|ca recommence|again right now)
[info]
(board game|murder mystery|escape room|escape game|certificate|childminding)
(expires|expiring|renew|refill|prescription for my)
(cinema|movies|the pictures)
(how|where) (do|can) (i|we|you) (use|learn|get)
(just |recently )?diagnosed with
(when i was|as a) (a )?(teenager|teen|kid|child)
(since (her|his|my) (stroke|heart attack|overdose))
(play|theatre|theater|drama class)\b.{0,30}\b(character|role|scene)
what (should|do|can|would) (you|i|we|one|people) do (if|when|in case)
(preparing|prepare|giving|teaching) (a |an )?(talk|class|lesson|presentation|workshop|course)
(watching|i m watching|im watching|just watched|binge watching)
(in|playing) (my|the|this) (game|video game)
(fire drill|fire alarm test|fire safety)
(recogni[sz]e|recogni[sz]ing|prevent|prevention|awareness|training course|course on|leaflet|poster|flyer|brochure)
(film|films|movie|movies|series|episode|tv show|on tv|the show|video game|in the game|my character|book|novel|podcast|documentary|lol)
in (19|20)\d\d
(am i|is he|is she|are they|can i|can he|can she) (eligible|allowed)
(in case of|signs of|symptoms of|what to do if|what should i do if|how to recognise|how to recognize|first aid)
(asking for a friend|for a school project|for my records|for later|just (want|wanted) to know|just curious|out of curiosity|hypothetically)
[recovered]
(perfectly|completely|totally) fine
(is|s|are|re|am|m|feels|feel|seems) (fine|ok|okay|better|alright|all right|well) now
(fine|ok|okay|better|recovered) since
(has|have|had) recovered
