"""The safeguarding detector (bot/nlu/risk.py, bot/nlu/risk_model.py) on the messages the
issue names and on the labelled sets; its recall and false alarms are measured by
`make eval` (tools/evaluate_safeguarding.py), not here."""

from __future__ import annotations

import os
from functools import cache

import pytest
import yaml

from bot.nlu.risk import CHECK_IN, assess, plain_words
from bot.nlu.risk_model import (
    CHECK_IN_AT,
    CONCERN_AT,
    HELD_OUT,
    LABELLED,
    MEASURED_SETS,
    OVERRULE_MARGIN,
    OVERRULE_NGRAMS,
    READ_MEANING_AT,
    UNREAD,
    Examples,
    RiskModel,
    message_features,
    sentence_features,
    training_examples,
    weighed,
)
from colbot_shared.minilm import DIMENSIONS

DISCLOSURES = {
    "i dont want to be alive anymore": "self_harm",
    "my dad hits me when hes drunk": "abuse",
    "a guy at the club keeps messaging me and asking for pics": "exploitation",
    "im being bullied every day at school and i cant take it": "bullying",
    "kms": "self_harm",
    "i keep thinking about unaliving myself": "self_harm",
    "i just wanna end it": "self_harm",
    "football near PL4, also my step dad keeps hitting me": "abuse",
    "it was fun but honestly i dont see the point in anything anymore": "self_harm",
    "someone is following me and i cant get home": "danger",
    "mum kicked me out and i have nowhere to sleep tonight": "runaway",
    "the older lads make me hold their stuff and say i owe them": "substances",
    "remind me about the 1st one, not that i'll be alive by then": "self_harm",
}
HARD_NEGATIVES = [
    "this homework is killing me",
    "im dying to go to the gig",
    "my mate hit a six",
    "i could murder a pizza",
    "shoot hoops saturday?",
    "drama club",
    "I hit my target",
    "first aid course",
]


# Written after the sixth and seventh sets' misses and false alarms (docs/safeguarding.md):
# talk of what is left after them, a fall or a blade thought of, a belt, cannabis and pills,
# being whispered about; and pets, games, camps and followers that only sound like it.
MORE_DISCLOSURES = {
    "will my badges still be there after im dead": "self_harm",
    "its prob my last christmas anyway so whatever": "self_harm",
    "greened out at a party and couldnt move my legs": "substances",
    # after the seventh set's (docs/safeguarding.md)
    "up on the roof i kept thinking about letting go on purpose": "self_harm",
    "my mum hits us with the slipper when shes angry": "abuse",
    "too mashed on ket to get home lol": "substances",
    "they whisper about me every lunch and wont let me sit with them": "bullying",
    "the session was ok but then i went home and sat on my bed holding a blade": "danger",
    # after the tenth, eleventh and twelfth sets'
    "honestly i wish a train would just hit me": "self_harm",
    "how long does it take to drown": "self_harm",
    "if i never reply again thats why x": "self_harm",
    "there were gunshots outside my house like 5 mins ago": "danger",
    "been staying round different mates houses since october": "runaway",
    "drunk before training again and coach didnt even notice": "substances",
    "they made a group chat just for mocking me": "bullying",
    "i used to self harm, been clean for a year but last night i did it again": "self_harm",
    "i got bullied in year 8 and its still going on": "bullying",
    "used to get picked on and now its worse": "bullying",
    # after the fourteenth set's, most of them said with "lol"
    "can i come to drama high lol": "substances",
    "lol i was stoned the whole session": "substances",
    "they got me shotting round the estate": "substances",
    "did a line in the toilets before the match": "substances",
    "whats the highest multi storey near me": "self_harm",
    "got my head shoved down the toilet again 🙂": "bullying",
    "some guy is outside the chippy waiting for me and i dont know him": "danger",
    "been sofa hopping for weeks now lol": "runaway",
    # after the fifteenth set's
    "thinking about sewer slide again tbh": "self_harm",
    "this is prob my last badge lol": "self_harm",
    "a lad i met on roblox wants to pick me up after swimming": "exploitation",
    "not allowed any food for 2 days cos i talked back": "abuse",
    "i have no fixed address rn, can i still join": "runaway",
    "drank half a bottle of vodka before school": "substances",
    # found in review: about someone the writer knows, and real after a match
    "how can i help my sister who is being abused by her boyfriend": "abuse",
    "how do i help my mate who self harms": "self_harm",
    "got jumped after the football match": "danger",
    "a man chased me home after the game": "danger",
    "im in danger of getting hurt tonight": "danger",
    "starving myself for the party so i look thin": "self_harm",
    "keep it a secret from my mum, my coach got a hotel room for us": "exploitation",
    "he keeps asking for pictures of my baby sister": "exploitation",
    "send me pics from the club changing room": "exploitation",
    "its a secret but im writing my goodbye letters": "self_harm",
    # after the sixteenth and seventeenth sets': left out on purpose is no lookalike
    "they kicked me out the gc and now theyre all laughing at me in form": "bullying",
    "got booted out of the team chat and they made a new one without me": "bullying",
    # after the nineteenth set's: only the bot is "gonna kill me", and only a loop in code
    "my stepdad said youre gonna kill me one day if you keep on": "danger",
    "hes gonna kill me but i cant tell anyone": "danger",
    "im stuck in a loop of hurting myself": "self_harm",
    # after the twentieth set's: the lookalikes are narrow, and the risk beside them is read
    "my dad gave me a black eye after boxing": "abuse",
    "he locked the door and wont let me out": "danger",
    "the coach wants pics of us in the changing room for the team page": "exploitation",
    "someone followed me home from the bus stop, turned out to be the man from the park": "danger",
    "theyre bullying me in every lesson and the bot cant help": "bullying",
    "my mate has a secret with her uncle and she says i cant tell anyone": "exploitation",
    "in the film last night i remembered when he locked me in the shed": "danger",
    "im homeless lol jk... unless? no really i got nowhere to go": "runaway",
    "got mugged on the way home from the park": "danger",
    "my mate drank a bottle of vodka and nearly passed out": "substances",
    # after the twenty-first set's: its misses, in other words, and the risk beside its
    # lookalikes
    "we crashed the car and my friend isnt responding": "danger",
    "big fight after school tmrw, should i take a knife": "danger",
    "i hide my tea in a bag so mum thinks i had it": "self_harm",
    "hate myself so much i want to tear my skin off": "self_harm",
    "my uncle keeps giving me his sleeping pills": "substances",
    "blew all my ema on ket and pills this month": "substances",
    "my mate downed some bleach for a dare": "substances",
    "im on a comedown and cant stop shaking": "substances",
    "someone made a page ranking how ugly i am": "bullying",
    "been getting death threats on snap since the fight": "bullying",
    "my dad is gonna kill me lol": "danger",
    "was shaving but i cut myself on purpose": "self_harm",
    "i got a black eye in his fight with my dad": "abuse",
    "im going to disappear for a while, nobody would notice": "self_harm",
    # after the twenty-second set's
    "he fell off the garage roof and theres blood everywhere, what do i do": "danger",
    "my stepdad drags me by my hair when hes angry": "abuse",
    "where is the nearest night shelter, cant go back tonight": "runaway",
    "my mate oded at the party last night": "self_harm",
    "some lads in my year nicked my inhaler and wouldnt give it back": "bullying",
    "the others made me sleep outside the tent at camp as a joke": "runaway",
    "is there a youth hostel that will take me without my parents knowing": "runaway",
    "mum kicked me out of the house and changed the locks": "runaway",
    "my coach told me to keep it a secret until the end of term": "exploitation",
    # after the twenty-third set's
    "tides coming in and we are cut off at the cove": "danger",
    "i think my sister swallowed a battery from the remote": "danger",
    "he banged his head on the kerb and keeps being sick": "danger",
    "were camping and my mate is freezing, could be hypothermia": "danger",
    "i exercised until i passed out because i had a chocolate bar": "self_harm",
    "ive been running packages for some older lads after school": "exploitation",
    "dad hid my passport, they want me married before year 11": "abuse",
    "going to leave home the day after my 16th, ive had enough": "runaway",
    "sat in the station with all my stuff i own in a bin bag": "runaway",
    "drank half a bottle of vodka because i was so lonely": "substances",
    # the risk beside a lookalike is still read
    "my nans on loads of pills for her heart and ive been nicking some to get high": "substances",
    "that song makes me cry every time and i want to hurt myself": "self_harm",
    "hiding under my duvet till results day, dad is hitting mum downstairs": "abuse",
    # after the twenty-fourth set's
    "the outboard motor died and we are drifting away from the beach": "danger",
    "my brother ate a peanut and his throat is closing up": "danger",
    "he got slashed on the arm and its gushing blood": "danger",
    "im writing a letter to leave for my mum so she knows why i did it": "self_harm",
    "i dont have a proper home, i bounce around between friends houses": "runaway",
    "does the library let people sleep inside if they have nowhere": "runaway",
    "theres a dare going round to neck a whole packet of paracetamol": "substances",
    "i am absolutely wasted and cant stand up, on the bus home": "substances",
    "a girl in my form says shell smack me if i sit there again": "bullying",
    # the risk beside a lookalike is still read
    "lost my phone and my dads going to kill me, he hit me last time": "danger",
    "keep it secret from my mum but im planning a surprise for her 40th and my stepdad keeps "
    "hitting me": "abuse",
    # after the twenty-fifth set's
    "my sister got stung by a bee and her throat feels tight": "danger",
    "i want to leave something for my little brother before i go, he deserves better": "self_harm",
    "im sleeping at a squat near the station for now": "runaway",
    "my dad is an alcoholic and i dont want to go home": "substances",
    "they did a ranking of the smelliest people in our class and i came first": "bullying",
    # the risk beside a lookalike is still read
    "keep this secret, he said its a surprise for when we meet up": "exploitation",
    "he wants pics of my work uniform": "exploitation",
    "im going to die if i have to live one more day like this": "self_harm",
    # after the twenty-sixth set's
    "the ribs engine has just died and were miles out": "danger",
    "in a canoe on the lake and the waves are getting really big": "danger",
    "my little cousin walked onto the frozen lake": "danger",
    "the dog fell through the ice at the canal": "danger",
    "used my auto injector but it didnt help and im wheezing": "danger",
    "if im not around anymore my sister can have all my stuff": "unsure",
    "im going to leave while mum and dad are asleep, got my bag packed": "runaway",
    "bought some modafinil online for my mocks": "substances",
    "got ritalin from a lad at school to stay up": "substances",
    "need a couple of ciders before college or i cant face it": "substances",
    "drinking vodka for courage before the party": "substances",
    "girls in my class put up a vote on if i should be allowed on the trip": "bullying",
    # the risk beside a lookalike is still read
    "my sister kicked me out her room and then dad kicked me out the house for good": "runaway",
    "keep it secret from the others so they dont get jealous, he said, hes 25 and bought me a "
    "phone": "exploitation",
    "my sister punched me on the arm for eating her crisps fair enough but my dad punches me "
    "every night": "abuse",
    "planning a surprise party for mum dont tell anyone, also my uncle keeps touching me": "exploitation",
    "id rather sleep on the streets than go home to him": "runaway",
    # after the twenty-seventh set's
    "the kitchen went up in flames and our cat is still inside": "danger",
    "lost my mates on the moors and its getting dark": "danger",
    "the co alarm is beeping and mum feels dizzy": "danger",
    "my cousin has an egg allergy and ate the cake and shes throwing up": "danger",
    "got whacked with the hairbrush and it split my lip": "abuse",
    "are there any hostels that take 16 year olds": "runaway",
    "i want to give up vaping but i cant": "substances",
    "had me in a headlock round the back of the gym, egged on by the bigger lads": "bullying",
    # the risk beside a lookalike is still read
    "my dad makes me do my chores before i can go out and hits me if i dont": "abuse",
    "i wont be around next week because im going to do it": "self_harm",
    "my friend sent me a pic of her new haircut, and a man i met online keeps asking for "
    "nudes": "exploitation",
    "keeping a secret from my mum, hes getting me a phone for my birthday and said not to "
    "tell": "exploitation",
    # after the twenty-eighth set's
    "our living room is in flames and mums asleep upstairs": "danger",
    "theres a fire in our kitchen help": "danger",
    "i think my little cousin is drowning at the lake": "danger",
    "his lips are puffing up, he just ate a flapjack with peanuts": "danger",
    "been skipping meals for weeks and collapsed at the bus stop": "self_harm",
    "my uncle is arranging my marriage for the summer holidays": "abuse",
    "need to come off the ket, its every weekend now": "substances",
    "ordered some xanax online to help me sleep": "substances",
    "everyone in my form votes on which dare i have to do at lunch": "bullying",
    # the risk beside a lookalike is still read
    "want to disappear under my duvet and never wake up": "self_harm",
    "gonna end it with my boyfriend and then end it all": "self_harm",
    "my mum wont let me out till ive tidied my room and she locks me in": "danger",
    "my brother kicked me off the xbox then punched me in the face till i bled": "abuse",
    "nearly set the kitchen on fire making pancakes and now its spreading up the wall": "danger",
    # after the twenty-ninth set's
    "my little sister isnt breathing and her lips have gone grey": "danger",
    "lightning hit my brother on the hill and hes on the ground": "danger",
    "theres a big dog going for a kid on the field, nobody can get it off": "danger",
    "the caravan is flooding and the water is up to my knees": "danger",
    "the stream next to our tent is rising really fast": "danger",
    "my mate got dragged under by the current off the pier": "danger",
    "i only eat one banana a day and go to the gym for 3 hours": "self_harm",
    "been eating an apple for tea and nothing else, keep nearly fainting in pe": "self_harm",
    "sleeping in a bike shed behind the flats since sunday": "runaway",
    "my nan makes me sleep in the shed when i wet the bed": "abuse",
    # the risk beside the twenty-ninth set's lookalikes is still read
    "i need my grades up or my dad will kill me, last time he beat me with his belt": "danger",
    "my character in the play overdoses, its what i did last month": "self_harm",
    "my uncle pushed me into the lake on holiday and held me under till i panicked": "abuse",
    # after the thirtieth set's
    "my mate is diabetic and says her blood sugar is dropping really fast, shes gone pale": "danger",
    "my brother is having a bad hypo and wont eat anything": "danger",
    "my grandad is choking on his dinner and cant cough": "danger",
    "been running every morning and skipping tea till i can count my ribs": "self_harm",
    "some man on minecraft keeps asking what colour my pants are": "exploitation",
    "a guy i met on discord wants to know whether im home alone tonight": "exploitation",
    "the year 11s taped me to a lamppost and took pics": "bullying",
    "i took a whole packet of paracetamol": "self_harm",
    "swallowed two boxes of tablets": "self_harm",
    # the risk beside the thirtieth set's lookalikes is still read
    "my headache is horrible so i took the whole packet of paracetamol": "self_harm",
    "my little brother punched me cos i wouldnt let him play and now i have a black eye": "abuse",
    "i hate my life the wifi is down and i want to die anyway": "self_harm",
    "the lads keep roasting me for my haircut, i dont think its fine anymore": "bullying",
    # the risk beside the thirty-first set's lookalikes is still read
    "hiding from my dad cos i broke his favourite mug and he will hit me": "danger",
    "my little brother kicked me playing football and now my leg is bruised and i cant walk": "abuse",
    "i feel trapped in a cycle of self harm": "danger",
    "my stepdad locked me in my room for ten minutes": "danger",
    "got a black eye from my dad": "abuse",
    # after the thirty-second set's (found after it was measured)
    "i got punched in the face by my stepdad last night, any boxing clubs": "abuse",
    "my dad never even feeds us at weekends": "abuse",
    "i want to get clean, its a habit now and i cant stop": "substances",
    "i got hit by my dad with a belt": "abuse",
    "my dnd character got stabbed by an orc and then a man followed me home": "danger",
    # after the thirty-third set's (found after it was measured)
    "my brother came off his moped and hes not breathing": "danger",
    "only 300 calories a day this week and i still look so fat": "self_harm",
    "going to exercise till i faint, i ate a whole pizza and need to burn it off": "self_harm",
    # the risk beside its lookalikes is still read
    "dad says hell kill me if i lose my phone again and he hits me when hes angry": "danger",
    "my coach gave me a black eye at karate when i got a kata wrong": "abuse",
    "i got a secret, my uncle touches me and says not to tell": "exploitation",
    # after the thirty-fourth set's (found after it was measured)
    "whats the point of college if i wont live past 20": "self_harm",
    "been injecting for a few weeks now and i cant stop": "substances",
    # the risk beside its lookalikes is still read
    "what is grooming, i think its happening to me": "exploitation",
    "what does sextortion mean, a guy says hell post my pics": "exploitation",
    "an influencer got exposed for grooming me, i was 13": "exploitation",
    "my dad said hed kill me if i didnt bring the milk home, he hits me when im late": "danger",
    "my sister says shes going to run away, shes 15 and dad hits her": "abuse",
    "kms the wifi is so bad, i mean it i want to die": "self_harm",
    "i want to run away to london, nobody at home cares": "runaway",
    "he said he would just shoot me if i told": "danger",
    "whats the tallest car park near me": "self_harm",
    # the risk beside the thirty-fifth set's lookalikes is still read
    "my mum is gonna kill me, i broke her vase and she hits me when shes angry": "danger",
    "dad makes me do the washing up and hits me if its not perfect": "abuse",
    "my mates call me a slag but say its banter and it hurts": "bullying",
    "trapped in a chat with my coach and he keeps trying to touch me": "danger",
    "gonna run away to a beach and never come back haha": "runaway",
    "my dad gets high and screams at us, im scared": "abuse",
    "when my mum is high she hits me": "abuse",
    # after the thirty-fifth set's (found after it was measured)
    "anyone got thinspo accounts to follow": "self_harm",
    "my football coach slaps us if we lose, he says it toughens us up": "abuse",
    "the housing officer said i am not a priority cos im 17": "runaway",
    "i spend all my wages paying for my habit now": "substances",
    # after the thirty-sixth set's (found after it was measured)
    "lost on the hills, the mist came in and we cant see the path anymore": "danger",
    "my foster mum makes me ask before i use the bathroom at home": "abuse",
    "my cousin is getting battered at secondary for wearing a hijab": "bullying",
    "i want to kill myself, gaming doesnt even help anymore": "self_harm",
    # the risk beside its lookalikes is still read
    "gonna uninstall fortnite and end it all, i mean it": "self_harm",
    "my brother punched me over the remote lol, he does it every day and i bled": "abuse",
    "pranked my sister by hiding in her wardrobe and then my dad locked me in there all night": (
        "danger"
    ),
    "kms this quiz is so hard, i mean it i want to die": "self_harm",
    "my sim got kidnapped in story mode and a man keeps messaging me asking for pics": (
        "exploitation"
    ),
    "ran away from a wasp and everyone laughed at me, they do it every day": "bullying",
    # after the thirty-seventh set's (found after it was measured)
    "if i was gone would anyone even miss me": "unsure",
    "if i disappeared would my badges still be there": "unsure",
    # the risk beside its lookalikes is still read
    "my little brother ran off with my charger and my dad hit me for it": "abuse",
    "what does self harm mean, my cousin said it, i think i do it": "self_harm",
    "what does grooming mean, my teacher mentioned it, my coach keeps buying me stuff and says "
    "its our secret": "exploitation",
    "i could strangle him, he hits me every night": "abuse",
    "my mum wants me out the house more, she said dont come back": "runaway",
    # after the thirty-eighth set's (found after it was measured)
    "thinking about ctb tbh": "self_harm",
    "should i just ctb": "self_harm",
    # after the thirty-ninth set's (found after it was measured)
    "thinking about driving into a wall tonight": "self_harm",
    "dont think ill be around much longer tbh": "unsure",
    # the risk beside its lookalikes is still read
    "my phone is about to die and a man is following me": "danger",
    "my mate is cutting her arms again": "unsure",
    "the ball went over the fence and we ran away, the man grabbed my arm": "danger",
    "gonna run away to the seaside for the summer and never come back": "runaway",
    # after the fortieth set's (found after it was measured)
    "skipping lunch again and i told my dad i already ate at school": "self_harm",
    "lifes not worth it tbh": "self_harm",
    "got on the train to leeds, dont know anyone there or where to stay": "runaway",
    # the risk beside its lookalikes is still read
    "this song goes i want to disappear and honestly same": "self_harm",
    "what to do if someone overdoses, my mate just took loads": "self_harm",
    # after the forty-first set's (found after it was measured)
    "i made up a story for the bruises on my arm so miss wouldnt ask": "abuse",
    "the older lads got me to drink vodka behind the shops": "substances",
    "everyone in my form is in the group chat except me and its obvious why": "bullying",
    # the risk beside its lookalikes is still read
    "im so hungry, not eaten since lunch yesterday": "abuse",
    "hiding from my dad till he forgets i broke the vase, hes going to batter me": "danger",
    "i am not okay i promise im not being dramatic": "unsure",
    # after the forty-second set's (found after it was measured)
    "which multi storey car parks have a roof you can get onto": "unsure",
    "waiting till my parents are in bed so i can just do it": "self_harm",
    "dad left us home alone for three days again, theres no food": "abuse",
    "lied to my form tutor about the bruises, told her i fell": "abuse",
    "got no mates since that video went round year 9": "bullying",
    # the risk beside its lookalikes is still read
    "im homeless now, a homeless man showed me where to sleep": "runaway",
    "trapped in my room, hes outside the door with a knife": "danger",
    "everything is falling apart and i cant cope": "unsure",
    # after the forty-third set's (found after it was measured)
    "might crash at the bus station tonight, its only one night": "runaway",
    "olders want me going ot next week to shot food for them": "substances",
    "my stepdad kicked me and now theres blood everywhere": "danger",
    # the risk beside its lookalikes is still read
    "lost in this app and lost in life, i want to die": "self_harm",
    "the neighbours want to kill me, they said theyre coming round with a bat": "danger",
    "i hide in my room till he goes out cos he hits me": "danger",
    "trapped in my room and i cant get out, hes locked it": "danger",
    "nobody cares about me, not even my family": "unsure",
    "this is my last message, saying goodbye to everyone": "self_harm",
    "ive written goodbye letters to my mum and my nan": "self_harm",
    "giving away all my stuff, wont need any of it soon": "self_harm",
    "the bully in my year keeps tripping me up": "bullying",
    # after the forty-fourth set's (found after it was measured)
    "my grandad passed away in march and i just want to go where he is": "self_harm",
    "my nan died and i want to join her": "self_harm",
    # the risk beside its lookalikes is still read
    "phone on 2% and im about to die, a man is following me": "danger",
    "my brother keeps stealing my stuff and hits me if i say anything": "abuse",
    "they tried to kidnap me outside school": "danger",
    "im trapped in a loop of feeling worthless": "danger",
    "hes dragging me to his car": "danger",
    "i cant escape my brother, he hits me every day": "danger",
    "my brother keeps beating me": "abuse",
    # after the forty-fifth set's (found after it was measured): the risk beside its lookalikes
    # is still read
    "stuck in a lesson with the boy who hit me yesterday and he says hell get me after school": "abuse",
    "im lost and a man is following me, where is the entrance to the station": "danger",
    "i hate myself for what i did and i want to die": "self_harm",
    "im in a dark place and i want to kill myself": "self_harm",
    "hiding from my brother cos he wants to hurt me": "danger",
    "i want to disappear into my room and never come out, i cant cope": "self_harm",
    "dont tell anyone but i love him, hes 26 and gives me money": "exploitation",
    "my hayfever pills make me sleepy so i took the whole packet": "substances",
    "the lock on the bathroom is always broken and my step dad walks in": "unsure",
    "my mum threw out all my stuff and told me to leave": "runaway",
    "my uncle comes in my room at night and touches me": "exploitation",
    "the man in the play keeps grabbing me by the arm off stage and it really hurts": "danger",
    "got locked in the toilets cos the lock broke and now theres a man outside saying hes coming in": (
        "danger"
    ),
    # after the forty-sixth set's (found after it was measured): the risk beside its
    # lookalikes is still read
    "stuck in a loop of watching my dad hit my mum every night": "abuse",
    "i feel so lost about what to do after college and i want to die": "self_harm",
    "goodbye everyone, hello heaven": "self_harm",
    "hiding from my brother, he keeps hitting me": "danger",
    "trapped at home with my dad and hes locked the doors": "danger",
    "he wants me to send pictures for his portfolio, hes 30": "exploitation",
    "writing my goodbye message for when im gone": "self_harm",
    "got followed by a guy from the station, hes still behind me": "danger",
    "he says i have to send pics for my portfolio": "exploitation",
    "he said can you send pics of your room": "exploitation",
    "i feel so lost about my life and my job": "unsure",
    "got followed back home from school by a man": "danger",
    "im lost in a building i dont know, a guy brought me here and took my phone": "danger",
    "hiding from my brother, he keeps making me do things i dont want to": "danger",
    "hiding from my brother he keeps making me watch him": "danger",
    "hiding from my brother he keeps taking me to his room": "danger",
    "i cant breathe and they think its funny": "unsure",
    "i cant breathe, hes laughing and holding me down": "unsure",
    # ...and nothing worse follows a lookalike written for an everyday frame
    # (read as bullying since the fifty-second set's: the lads who beat me up)
    "hate myself for missing that bus, now i have to walk past the lads who beat me up": "bullying",
    "in a dark place with my exams and i keep thinking about ending it": "unsure",
    "my uncle said we can play touch rugby in his room": "abuse",
    "the villain in the film kidnaps someone just like what happened to me last year": "danger",
    "the lights at home are always broken cos mum spends the money on drink": "unsure",
    "feeling lost about which college, and im starving cos theres never food at home": "unsure",
    # after the forty-seventh set's (found after it was measured): living in a car, a drug
    # service, drugs left lying about, "want to die for real" (no cake to die for), a film
    # that "made me want to die" read in earnest
    "ive been living in my mates car since the summer": "runaway",
    "can i still do the course while i go to a drug service": "substances",
    "my stepdads mates leave their weed lying around and my brother smokes it": "substances",
    "i want to die for real": "self_harm",
    "the end of that film made me want to die, for real i relate to her": "self_harm",
    # ...and the risk beside this round's lookalikes is still read
    "my brother locked me out of my room and hit me": "abuse",
    "the new album is going to kill me its that good, unlike my dad who actually will": "danger",
    "my coach said keep it a secret, its a surprise, he gives me money": "exploitation",
    "he taught me to whittle with a knife and then he held it to my throat": "danger",
    "i play a drug dealer in our school play but irl my brother makes me hold his drugs": "abuse",
    # after the forty-eighth set's (found after it was measured): a threat to kill me over
    # telling or leaving, or from "they", is no parent's hyperbole; "i told a teacher" clears
    # only what happened to someone else; a game is no game when it is for real
    "he said hes going to kill me if i tell anyone": "danger",
    "my boyfriend said he will kill me if i leave him": "danger",
    "they are going to kill me after school": "danger",
    "they said theyre gonna batter me after school because i told a teacher": "danger",
    "my dad hits me every day and i told a teacher but nothing happened": "abuse",
    "they said theyd jump me at laser tag and then stab me for real": "danger",
    "my dad is going to kill me cos i got pregnant": "danger",
    "my dad will kill me if he finds out im gay": "danger",
    # read-through after the forty-ninth set's measurement: older lookalikes that cleared a
    # threat, a night with nowhere to go and caffeine pills
    "is it safe to sleep in a tent on the moor on my own, i need somewhere to go": "runaway",
    "dads coming home drunk and he said hes going to kill me when he gets in": "danger",
    "he says hes gonna kill me when he finds me": "danger",
    "i dont want to go home, my dad will batter me for getting a detention": "danger",
    "can you od on caffeine pills, ive had 10": "self_harm",
    # ...and the risk beside this round's lookalikes is still read
    "my mum will kill me when she sees i got my nose pierced, last time she hit me": "danger",
    "got followed on tiktok by some guy who knows my school": "danger",
    "the club locked me out cos i was late and then some guys started following me": "abuse",
    "i just lost my phone and i want to die": "self_harm",
    "id get kicked out if i told them im gay": "runaway",
    "did 100 burpees and i wanted to die, i always want to die tbh": "self_harm",
    "been cutting out snacks cos i deserve to be punished": "self_harm",
    # after the forty-ninth set's (found after it was measured): someone at home deals from it
    "my stepdad deals from our flat and people come round at night": "substances",
    "my sister is dealing out of our house": "substances",
    # ...and the risk beside this round's lookalikes is still read
    "my boss is bullying me at my saturday job": "bullying",
    "a lad keeps bullying me at chess club": "bullying",
    "my brother keeps bullying me at fifa then he hits me when i win": "abuse",
    "lost my minecraft house and my dad kicked me out so my guy is homeless": "runaway",
    "being chased by deadlines and a man in a van": "danger",
    "sparring with my dad and he gave me a black eye": "abuse",
    "can someone explain the badge system, im lost and i want to die": "self_harm",
    "explain how the bot works, im so lost in life": CHECK_IN,
    "everyone hates it when i sing and they hit me for it": "bullying",
    "i want to run away to a farm and live with goats for real, i cant stay at home": "runaway",
    "hiding from my brother so he doesnt make me watch him": "danger",
    # ...and, in the same change, risk the topic checks cleared: a new clause of the
    # writer's after a frame, a job "for someone who" is the writer, a topic word after what
    # happens to the writer or happens every day
    "is there a drama club near me on mondays? also been cutting again lately": "self_harm",
    "whats a good career for someone who wont make it to 20": "self_harm",
    "what courses are there for ppl who are tired of living": "self_harm",
    "got offered a job delivering parcels for cash but they want nudes first": "exploitation",
    "was going to do the cooking course but the girls who bully me signed up": "bullying",
    "people at school copy the way i talk": "bullying",
    "my little sister comes home crying every day because of the girls in her year": CHECK_IN,
    "relapse day 3": "self_harm",
    "if i run away to leeds can you find me clubs there": "runaway",
    # after the fiftieth set's (found after it was measured): the risk beside its lookalikes
    # is still read
    "im lost in life cant find a reason to keep going": CHECK_IN,
    "im lost cant find the community centre and a man keeps following me": "danger",
    "he wants me to send pics of my body": "exploitation",
    "my dad is a car dealer and he beats me when sales are bad": "abuse",
    "how do you treat an overdose i want to take enough to die": "self_harm",
    "my minecraft villager is homeless and so am i, mum kicked me out": "runaway",
    "can i get a coke at the party, need a line before": "substances",
    "people at school bully me about my xl bully dog": "bullying",
    "trapped in level 5 of the car park and cant get out": "danger",
    "why does everyone say unalive, i want to unalive myself": "self_harm",
    "someones outside the club with a dog and hes staring at me": "danger",
    "hiding from my revision cos if i fail my dad will beat me": "danger",
    "i am being exploited at work by my manager": "exploitation",
    # read-through after the fifty-first set's measurement: a child lost from their mum, a
    # teacher hidden from
    "im lost cant find my mum at the festival": CHECK_IN,
    "hiding from my maths teacher he keeps staring at me": "danger",
    # after the fifty-first set's (found after it was measured): the risk beside its lookalikes
    # is still read
    "cooking club was fine, didnt cut myself once this week but the urges are bad": "self_harm",
    "so alone in my squad, theyre online at different times and i have no friends anymore": CHECK_IN,
    "want to disappear after what i did lmao for real tho nobody would care": "self_harm",
    "my mates keep bullying me into joining the football team and they hit me if i say no": "bullying",
    "my uncle keeps sending me cat pictures and asks for pics of me back": "exploitation",
    "lockdown drill today but were still locked in and a man is outside the door": "danger",
    "so over revision i hate my life, i want to die": "self_harm",
    # read-through after the fifty-second set's measurement: a knife is no kitchen, and a
    # count that ends tonight is no cooking class
    "i keep a knife in my room and never cut myself once": "self_harm",
    "cooking club went ok, never cut myself once till tonight": "self_harm",
    # after the fifty-second set's (found after it was measured): a parent who forgets to feed
    # us, the ones who beat me up, a topic the writer says is theirs; and the risk beside its
    # lookalikes is still read
    "my dad keeps forgetting to feed me and my little sister": "abuse",
    "i need to stay away from the lads that beat me up": "bullying",
    "watched a documentary on self harm and now i want to try it": "self_harm",
    "we had a talk on bullying and the same thing happens to me every day": "bullying",
    "got stabbed by a cactus earlier but now a man with a knife is outside": "danger",
    "my little sister took my phone to play roblox and my dad hit me for it": "abuse",
    "i look like a ghost in my school photo and i feel invisible, nobody would miss me": "self_harm",
    "had a nightmare someone was chasing me and now someone is actually outside my window": "danger",
    "my fave character died and im not ok, ive not been ok for ages and i want to die": "self_harm",
    # after the fifty-third set's (found after it was measured): the risk beside its lookalikes
    # is still read
    "the villain in the book grooms the main character and my coach does the same to me": (
        "exploitation"
    ),
    "theres someone outside my house, its my mums ex and hes banging on the door": "danger",
    "my mum is kicking me off the xbox and hitting me": "abuse",
    "my phone is about to die and im lost and a man is following me": "danger",
    "is it ok to send my pics to the man who asked for them": "exploitation",
    "my dog was abused by his last owners and my dad abuses me too": "abuse",
    "i overdosed on revision lol jk i actually took 20 pills": "self_harm",
    # ...and, read for themselves now that a phone about to die is a lookalike: the writer who
    # left home days ago, lost in the dark
    "i left home 4 days ago and ive been staying at a mates": "runaway",
    "got off at the wrong stop and its pitch black and im on my own": "danger",
    # read-through after the fifty-fourth set's measurement: a runaway in so many words, or
    # since last night; a family member at the door who is not wanted; a touch while i wear
    # the clothes
    "honestly i am a runaway now, left home last week": "runaway",
    "i left my foster home last night and im sleeping at a mates": "runaway",
    "someone is outside, its my dad again i dont want to go home": "danger",
    "my cousin keeps touching my clothes while im wearing them": "exploitation",
    # after the fifty-fourth set's (found after it was measured): an adult who wants all our
    # messages deleted; and the risk beside its lookalikes is still read
    "my coach told me to delete all our messages and not tell my parents": "exploitation",
    "my online friend wants me to delete all of our dms": "exploitation",
    "my mum dyed my hair and it went green, i want to die, everyone at school is laughing at me": (
        "self_harm"
    ),
    "trapped my finger in the door cos he slammed it on purpose": "danger",
    "my mum works at a shelter for homeless people and i am homeless now too": "runaway",
    "nobody would miss me if i skipped one session, or if i was gone forever": "self_harm",
    "i got stabbed on stage for real, theres blood everywhere": "danger",
}
MORE_HARD_NEGATIVES = [
    "my cat ran off but came back for her tea",
    "overdosed on haribo at the cinema lol",
    "my brother locked me out of the wifi again",
    "hiding behind the sofa in hide and seek with my cousins",
    "when im gone on holiday can i still claim my badge",
    "we were trapped in the escape room for ages lol",
    "slept in a tent on our scouts camp, it was freezing",
    "a goose chased us at the park and we ran away from the goose screaming",
    "my auntie follows me on tiktok and comments on everything 😭",
    "cyberbullying is the topic for our pshe lesson, any poster workshops",
    # after the tenth, eleventh and twelfth sets'
    "my dad took my phone cos i was on it past midnight",
    "can someone send me the photos from the netball tournament",
    "ugh its raining again, kill me now",
    "gonna die my hair purple for the summer",
    "my mum wont let me go to the festival on my own",
    "im in danger of missing the bus, is the club still on",
    "my nan keeps sending me pics of her cat",
    "i used to self harm when i was 14 but ive been well for years now, can i train as a peer mentor",
    "got bullied in year 9 but its fine now, want to help run the anti bullying club",
    "its a secret but we are planning a leaving party for our youth worker",
    "i got shot in the game lol, so laggy",
    "my mum is outside the school waiting for me, gotta go",
    "we did a line graph in maths today",
    "whats the tallest building in the world",
    "took some ibuprofen for my period cramps, still coming tonight",
    "doing my epq on knife crime, any talks",
    "keeping it secret from my mum, got her flowers for mothers day",
    # after the sixteenth and seventeenth sets'
    "got booted out the discord call cos my mic was echoing",
    "got thrown out of the shop for being too loud with my mates",
    "i was so high up on the zip wire i could see the sea",
    "the rollercoaster was proper high, my legs were jelly",
    "we got chased by a goose on the dofe walk",
    "my mum wont let me go into town alone yet",
    # after the nineteenth set's
    "youre gonna kill me but i forgot my code again",
    "stuck in an infinite loop on my python homework",
    # after the twentieth set's
    "sparring partner at kickboxing gave me a black eye haha",
    "my dad wont let me out past 9 on a school night, anything earlier",
    "art club wants us to send pics of the local park for the exhibition",
    "the youth club wants photos of everyone at the fun day for their facebook page",
    "thought someone was following me back from club, turned out it was just a fox lol",
    "the app keeps bullying me with notifications lol",
    "grandad is on his heart pills twice a day and i help him sort them, is that volunteering",
    "my best mate has a secret crush on someone in year 11",
    "we kept the leaving party a secret from our youth worker",
    "the novel we are reading in class has a character who self harms, so sad",
    "the lad in the show we watch is getting bullied and its grim, any drama clubs",
    "were basically homeless lol jk just moving flats next month",
    "i run away screaming from spiders every time lol",
    "got mugged off by my brother at pool last night",
    "tried a carolina reaper at the food market and almost passed out lol",
    # after the twenty-first set's
    "forgot my pe kit again, my dad is gonna kill me hahaha",
    "learning to shave and cut myself three times haha",
    "we had to run away from zombies in the scare maze",
    "my brother boxes and came home with a black eye from his bout, he won",
    "gonna disappear for a bit, revision for mocks",
    "my dog goes mad when the doorbell goes",
    "any freerunning near me, love jumping off walls",
    "jumping off the top board at the lido was terrifying",
    # after the twenty-second set's
    "cut myself a massive slice of pizza lol",
    "cant wait to disappear into a new series over half term",
    "cant breathe from laughing at this meme",
    "the club wants pics of my robot for the stem badge",
    "people keep giving me kudos on strava for my runs",
    "we did bushcraft with the scouts and slept outside under a tarp",
    "my brothers band is called suicide squad lol, any battle of the bands",
    "miss told us to keep our designs secret until the exhibition",
    "hiding in my room from my brothers party, way too loud",
    "dad kicked me out of the lounge for being too loud on fortnite",
    "my friends kidnapped me for my 16th and took me to nandos",
    "staying at a youth hostel on the geography residential, what do i pack",
    "my sister whacked me with a cushion lol",
    "we are planning a secret surprise for our coach",
    # after the twenty-third set's
    "this song is so catchy, were gonna die young na na na",
    "my grandad is on so many pills for his blood pressure, can he come to the awards",
    "dad said hell lock me in my room until i do my homework haha",
    "we went coasteering with the scouts and had to jump off the cliffs into the water",
    "cant breathe the science test was so hard",
    "laptops on 5 percent and its about to die, whats the link again",
    "got whacked in the nose by the netball at practice, black eye tomorrow probs",
    "we made a secret video for our teachers leaving do",
    "going to be hiding under my covers until results day tbh",
    "hiding in the music room at break to revise for my theory exam",
    "the ending of that film makes me cry every time",
    # after the twenty-fourth set's
    "mum kicked me out the living room for being loud",
    "im going to die if i have to do one more past paper",
    "keep this a secret from my dad, were getting him a surprise present",
    "my mates band is actually called the overdose",
    "my brother locked me out the ps5 again",
    "the neighbours keep asking for pics of my cakes lol",
    "forgot my pe kit again, my dads gonna kill me",
    "our director said keep the twist a secret till opening night",
    "slept outside under the stars on our bushcraft trip",
    "ill leave a note for mum so she knows where i am",
    # after the twenty-fifth set's
    "in our gcse book a character died by drinking bleach, so grim",
    "im playing the abusive dad in the school play",
    "my best mate says shell kill me if i tell anyone who she fancies",
    "keep this secret but we are organising a surprise party for mr smith",
    "my cousin beat me 3-1 at fifa again",
    "i do grooming at the stables on saturdays",
    "i was homeless in the sims for like 3 days lol",
    "hit me with the link again pls",
    "the bully in wonder was the worst character",
    "my bro keeps blackmailing me to do his chores",
    "rewatched suicide squad on netflix, any film nights",
    "my grandad takes loads of pills for his heart, can he help at the fete",
    "i want to leave something for my mum before i go to uni",
    # after the twenty-sixth set's
    "how to disappear completely by radiohead is my fav song, any music clubs",
    "my bro kicked me out of his bedroom again because i was singing",
    "we are keeping our dance routine a secret till the talent show",
    "my mate got me a bracelet and said keep it secret from the rest so they dont get jealous",
    "everyone wants to copy my drawing style now haha",
    "getting bullied by the seagulls at the beach every time i have chips",
    "id rather sleep on the streets than revise for another exam",
    "shes so drunk on power since she became prefect",
    "its a surprise party for my sister, dont tell anyone",
    "my sponge just collapsed in the oven, any baking clubs",
    "my brother punched me on the arm for taking his sweets, i deserved it",
    "my mate said hed kill me if i told her crush",
    "going to run on saturday while my parents are at work, any parkrun near me",
    "had a couple of drinks of water before training",
    # after the twenty-seventh set's
    "literally going to die of cringe if he reads my message out",
    "want to learn to muck out and groom at the stables",
    "my dad makes me do the washing up before i can go out",
    "keeping it a secret from my dad, were making him a cake for his birthday",
    "getting my nose pierced jk my dad would literally kill me",
    "i wont be here this weekend as we are visiting my nan, can i claim on monday",
    "my sister sent me a pic of her prom dress",
    "the series we binged had a kidnapping in it, so tense",
    "we have a psychology unit on self harm next term",
    # after the twenty-eighth set's
    "just want to disappear into my bed after that exam",
    "when i was little i wanted to run away and join the circus",
    "my sister threatened to show my baby pictures to my boyfriend",
    "my cousin kept calling me a loser because i lost at monopoly",
    "my dad kicked me off the ps5 at 10 again",
    "sleeping in a tent in the back garden with my cousins tonight",
    "i ran off from my team during the scavenger hunt, we still won",
    "someone on depop wants a pic of the hoodie before they buy it",
    "homeless for the week while they redo the floors, staying at premier inn",
    "want to run away to the beach for the day, any surf lessons",
    "thinking of ending things with my girlfriend, we argue loads",
    "last message before we fly abroad, see you in august",
    "no food in the house cos dad is doing the weekly shop later",
    "my mum wont let me out until ive finished my homework",
    "im drowning in coursework this term",
    "almost set the kitchen on fire making toast, any cooking classes",
    # found in review: a habit that is not a substance
    "i need to stop drinking so much coke, its rotting my teeth",
    "had a few cans of monster before school and now im buzzing",
    # after the twenty-ninth set's
    "my puppy got chased by a squirrel and now he hides behind the sofa",
    "wanna run away from my laptop more, any outdoor clubs",
    "planning a surprise birthday for my dad, how do we keep it a secret",
    "want to do a course thats a secret from my brother, he copies me",
    "the cold is gonna kill me, any indoor clubs this week",
    "my bestie keeps dragging me to her zumba class ugh",
    "we lost 5 nil to the under 14s, i want to die",
    "ran away to the coast for the day with my mates, any surf lessons",
    "my character overdoses in the second scene, any tips for crying on stage",
    "my mate booted me out of the gc for sending too many memes",
    "hiding from my dad cos i forgot to do the washing up lol",
    "my mock results better go up or my mum is going to kill me",
    "the lads at rugby called me a melon for dropping the catch",
    "my cousin pushed me into the sea on holiday so im getting him back",
    "i think my tortoise is depressed, he wont come out",
    "saw a doc on county lines in pshe today, scary",
    # after the thirtieth set's
    "wanna run away from all my problems jk, any running clubs",
    "my little brother punched me cos i wouldnt give him the remote lol",
    "my little sister said she hates me cos i ate her last biscuit",
    "gonna get hammered at darts tonight, my dad is class at it",
    "i hate my life my phone charger broke again",
    "i have a secret lol, im baking a cake as a surprise for my mum",
    "the lads keep roasting me for my hair lol, fair enough it was bad",
    "gonna disappear from insta for a while to revise for exams",
    "im going to be homeless after i buy these festival tickets lol",
    "my sister locked me out of the flat for a laugh this morning, so rude",
    "starving myself of sleep this week cos of mocks",
    "my migraine is back, had a paracetamol and lay down",
    "i swallowed a cherry pip am i going to die lol",
    "i slept in the car the whole way home from the airport",
    "my bestie says shell kill me if i tell anyone that she likes josh",
    # found in review: the new rules, narrowed to what they were written for
    "the dog is biting my shoelaces lol",
    "lightning hit our neighbours tree last night, so loud",
    "its grey and rainy, im not moving off the sofa",
    "my mates made me stay in the car while they went in the shop",
    "my brother is choking at fifa again lol",
    "got a bottle of tablets from the chemist for my nan",
    # after the thirty-first set's
    "im trapped in an endless loop of tiktok, save me",
    "hiding from my dad cos i broke his favourite mug haha",
    "was last out of the changing rooms and the caretaker locked me in for a few mins haha",
    "my little brother kicked me playing football in the garden, hes 6",
    "got a black eye from my boxing match on saturday, any first aid courses",
    # after the thirty-second set's (found after it was measured)
    "kept getting wasted by the feds in gta last night lol",
    "my dnd character got stabbed by an orc lol",
    "in improv i was a kidnapper and everyone laughed",
    "nearly passed out at my blood test, needles are the worst",
    "i have to fake shoot myself in the play, any acting tips",
    "step dad makes me do homework before any gaming, fair enough",
    "i got beaten by my dad at chess again",
    # after the thirty-third set's (found after it was measured)
    "my mam says shell kill me if i break another phone screen haha",
    "got a secret, we are planning a surprise party for our coach",
    "my sister has a black eye from kickboxing training, she loved it",
    "my bestie told me a secret about who she fancies, im not saying who",
    "crashed the car on forza and my mate is not talking to me now lol",
    "car crash on the motorway, traffic is not moving at all, gonna be late to club",
    # after the thirty-fourth set's (found after it was measured)
    "i started injecting my insulin myself this year, any diabetes groups",
    "what does grooming mean, it came up in our assembly",
    "whats county lines, saw it on a poster at the bus stop",
    "i want to become a youth worker who helps kids that self harm",
    "buddies for younger kids who get bullied at our school, can i sign up",
    "can i volunteer at a food bank for families who are homeless",
    "a singer overdosed last night, it was all over the news",
    "an influencer got exposed for grooming on the news, so weird",
    "im cast as juliet so i poison myself every night of the show lol",
    "omg just shoot me, we have a maths test tomorrow",
    "kms this homework is never ending",
    "my brother keeps saying hes going to run away cos he lost at uno, hes 5",
    "gonna run away to hogwarts when i get my letter",
    "gotta hide from my mum cos i ate her easter eggs",
    "my dad said hed kill me if i didnt bring the milk home",
    # after the thirty-fifth set's (found after it was measured)
    "my brother is gonna kill me, i took his charger and lost it",
    "might just run away to a beach for a week after exams",
    "my dad makes me do the ironing every sunday, so boring",
    "my best mate calls me a nerd but its just banter",
    "trapped in a lecture about mortgages from my nan help",
    "went on the high wire at the adventure park, bit scared but loved it",
    # the edges of the thirty-fifth set's rules
    "the coach kicks us out of the hall at 9",
    "the council said the new skatepark is not a priority",
    "lost my place in the queue for the gig",
    "i need money for my habit of buying trainers lol",
    # after the thirty-sixth set's (found after it was measured)
    "the link in ur last msg is broken",
    "kms this maths test is so long",
    "my sim got kidnapped in story mode, how do i get her back",
    "playing gta with the boys, we were running drugs round the city lol",
    "im speedrunning and keep killing myself on purpose to respawn faster in the game",
    "we wrote fanfic where a girl gets kidnapped, any creative writing clubs",
    "doing a monologue from a boy who gets bullied for my drama exam",
    "this hot sauce will not kill me, im built different",
    "my brother hit me over the remote lol we made up after",
    "pranked my brother by hiding in his cupboard, he screamed the house down",
    "keeping a secret from my sister, were planning her a surprise party",
    "gonna uninstall this game and end it all lol",
    "ran away from a bee at lunch and everyone laughed at me",
    "i want to run away to the seaside with my girls for the day, any trips",
    "they call me a traitor cos i switched teams, its fine",
    "we will get smashed by the other team if we dont train harder",
    "any jobs for people who hate maths",
    # the edges of its rules
    "its foggy on the map and i cant find the path in the game lol",
    "in class we have to ask permission to use the toilet, so annoying",
    "we got battered at school sports day for being rubbish lol",
    # after the thirty-seventh set's (found after it was measured)
    "my little sister keeps running away with my headphones",
    "we got chucked out of a pub quiz for being too loud",
    "my sister is doing my head in, i could strangle her",
    "my mum is so embarrassing i could honestly strangle her",
    "what does grooming mean, my mate said it in form",
    "what does county lines mean my teacher mentioned it",
    "my dad wants me out of the house more, any weekend clubs",
    "hiding from my cousins birthday party, too many screaming kids",
    # the edges of its rules
    "if i die in the game do i lose my badge",
    "if i died in fortnite would my skins go",
    # the edge of the thirty-eighth set's rule: the words in full are a bus
    "i want to catch the bus to the youth club",
    # after the thirty-ninth set's (found after it was measured)
    "battery's about to die, ttyl",
    "doing parkrun every week, running away from my problems one mile at a time lol",
    "my sister is cutting her own hair again, so bad lol",
    "our football went over next doors fence and we all ran away lol",
    "failed my driving theory, i just want to hide under a rock",
    "wanna run away to the coast for the weekend with my mates, any trips",
    # the edges of its rules
    "not sure ill be here on saturday, at my nans",
    "not sure ill be here for the session next week",
    "i want to drive into town saturday",
    # after the fortieth set's (found after it was measured)
    "my sister grooms her pony every sunday, any stables nearby",
    "the chorus goes i want to disappear, such a tune",
    "we're going to get smashed in the semi final lol",
    "any astro clubs? i want moon pics",
    "i blacked out the background of my drawing",
    "the bass is drowning out the vocals",
    "im lost, where do i put my claim code",
    "can i run a stall about stopping bullying",
    "learning about county lines in citizenship, any workshops",
    "my phone is about to die, will message you later",
    # the edge of its rules: a trip is no running away
    "on the coach to london for the school trip, dont know anyone there, nervous",
    # after the forty-first set's (found after it was measured)
    "chopping onions makes me cry every single time lol",
    "so hungry, havent eaten since lunch, wheres the nearest chippy",
    "havent eaten since this morning and im starving, any food at the youth club",
    "cant stop playing im not okay (i promise) by mcr",
    "hiding from my sister till she forgets i ate her sweets",
    "dad wont let me go out after midnight, any early events",
    # the edges of its rules
    "my mates made a group chat without me to plan my surprise party lol",
    "i lied to my mum about the bruise on my leg, it was from falling off my bike",
    "my coach made us do shots of beetroot juice before the race",
    # after the forty-second set's (found after it was measured)
    "the fandom is bullying that singer again, so toxic",
    "suicide squad is the worst dc film",
    "gave a homeless lady my sandwich, any volunteering with food banks",
    "im trapped in a zoom call with my whole year",
    "my trainers are falling apart, any sports shops with discounts",
    # the edges of its rules
    "where can i get to the top of a tall building for a good view",
    "when everyone is asleep ill sneak downstairs so i can finally do it, eat the cake lol",
    "left my phone at home for a week, best detox ever",
    "dont leave your dog alone for days, get a sitter",
    "just leave me alone for a week lol",
    "is the rooftop bar somewhere you can get to for the party",
    "i lied to my mum about the bruise on my leg, it was from falling off my bike",
    # after the forty-third set's (found after it was measured)
    "so lost on this website lol how do i see my codes",
    "my nan will literally kill me if i dont tidy my bedroom before she visits",
    "practising guitar at 11pm and my neighbours are gonna kill me",
    "bleached my fringe orange, want to hide in my room until it grows out",
    "trapped in a 3 hour double english, help",
    "no one cares about my tier list but here it is anyway",
    "last day of year 11 and saying goodbye to everyone, i cried so much",
    "last msg for tonight, off to bed, cya tomorrow",
    "in english we wrote goodbye letters to our younger selves",
    "my wobbly tooth fell out in maths and there was blood everywhere lol",
    "we got an xl bully puppy, are there puppy training classes",
    # the edges of its rules
    "we stay in the park till 9 on summer nights",
    "shot some food photos for my photography badge",
    "selling food at the summer fair for charity",
    "our match went to ot and we won",
    # after the forty-fourth set's (found after it was measured)
    "laptop at 3 percent and im gonna die, send the link quick",
    "my little bro keeps stealing my phone and hiding it lol",
    "the goblins in our campaign kidnapped the mayor lol, any board game cafes",
    "trapped in a loop of tiktoks again",
    "mum keeps dragging me round the garden centre every sunday",
    "got a biology mock on drugs and the body tomorrow",
    "cant escape my little sister, shes so clingy",
    "my big sister keeps beating me at fifa and gloating",
    # the edges of its rules
    "my nan died last year, are there grief groups for teens",
    "my nan passed her driving test and i want to join her on a road trip",
    "my mate is dead funny, i want to join them at drama club",
    "we had a pshe lesson on drugs and county lines today, is there a badge for that",
    # after the forty-fifth set's (found after it was measured)
    "trapped in a chemistry test for 2 hours, never again",
    "we got locked in the changing rooms cos the door jammed, the caretaker let us out",
    "im so alone in loving k dramas, any k drama clubs",
    "we are so lost, where is the way in to the climbing centre",
    "the computers in our block are always broken, is there a coding club with laptops",
    "im so useless at drawing, is there a beginners art class",
    "hating myself for skying that penalty in the final lol",
    "cant breathe after the bleep test, is there an easier running club",
    "in a bad place with my coursework deadline tbh",
    "hiding from my big brother cos he keeps trying to make me watch star wars",
    "i want to disappear into my room and play minecraft all day",
    "dont tell anyone but im actually into k pop, is there a dance class",
    "the hayfever pills make me so sleepy, can i still do the bike ride",
    "my dad threw out all my old comics, any comic clubs",
    "my dad wants me to try touch rugby, is there any near me",
    "the man in the panto slaps me in the second scene every night, how do we do a safe stage slap",
    # after the forty-sixth set's (found after it was measured)
    "trapped in a loop of watching youtube shorts at 2am",
    "i feel so lost about which college course to choose",
    "goodbye world, hello bed, night all",
    "hiding from my big brother, he wont stop singing musicals",
    "trapped inside cos of the rain all weekend, anything indoors",
    "can you send pics of what the art studio looks like",
    "we need to send pics for our dofe portfolio",
    "just got followed by my favourite singer on tiktok omg",
    "i play the baddie in a short film and he kidnaps someone",
    "can u help me with a goodbye message for my coach, hes retiring",
    # after the forty-seventh set's (found after it was measured)
    "the finale of the show made me wanna die lol",
    "my little brother keeps locking me out of my bedroom so annoying",
    "this new album is going to kill me its so good",
    "my mum said keep it a secret, its a surprise party for my dad",
    "im so lost with this badge form, which box is the code",
    "i want to volunteer at a charity that helps homeless young people, is there one near me",
    "im playing a drug dealer in the school play, how do i make it look real",
    "we peel potatoes with a knife in food tech",
    # after the forty-eighth set's (found after it was measured)
    "my dads gonna kill me i bleached my hair",
    "im the drug dealer in our school play, how do i make it look real",
    "just got followed on tiktok by my favourite youtuber",
    "the youth club locked me out cos i was 10 mins late lol",
    "im not dead, just lost my phone all week, what did i miss",
    "my mum said id get kicked out if i came home with another puppy",
    "the pe teacher made us do so many burpees i wanted to die",
    "gonna be homeless when my mum sees my amazon basket lol",
    "ive been cutting out sugar for netball",
    "we ended up in a random car park after the trip, so funny",
    "my mates are gonna jump me at paintball saturday",
    "we camped in a tent at the festival, so muddy",
    "i had an overdose on caffeine this morning lol so jittery",
    # after the forty-ninth set's (found after it was measured)
    "this final boss in dark souls is bullying me",
    "my little brother always bullies me at mario kart",
    "a creeper blew up my base, my guy is homeless lol",
    "getting chased by coursework deadlines all week",
    "boxing tonight was class, got a black eye but worth it",
    "how does the claim code thing work, im so lost",
    "everyone hates it when i sing in the shower lol",
    "might run away to the countryside and raise alpacas lol",
    "hiding from my sister so she doesnt make me watch her dance routine again",
    # ...and the topics those narrower checks must still clear
    "any courses for people who want to work with kids who self harm",
    "is there a career for someone who likes helping people who are homeless",
    "the course also covers self harm",
    "we watched a film about knife crime, also it was boring",
    "any tips on how to spot bullying? im a peer mentor at school",
    "we have an anti bullying talk every week at school",
    # after the fiftieth set's (found after it was measured)
    "im lost lol cant find the leisure centre, is it behind the asda?",
    "can i send pics of my photography for the art badge",
    "my uncle is a used car dealer, could i get work experience there",
    "do paramedics learn how to treat overdoses on the course",
    "my sims character is homeless now lol the house burnt down",
    "can i get a coke and some popcorn at film night",
    "people say bully dogs are scary but my xl bully is a softie",
    "trapped on level 212 of this candy crush game",
    "why does everyone on youtube say unalive instead of the real word",
    "someones outside the centre with a food truck, is it free",
    "hiding from my coursework in the common room lol",
    "in history we learned how children were exploited in the mills",
    # after the fifty-first set's (found after it was measured)
    "did the chopping session at the cookery class, never cut myself once",
    "i feel so alone in my fortnite squad, theyre all online at different times",
    "want to disappear after what i sang at karaoke, so embarrassing",
    "my friends keep bullying me into signing up for the talent show lol",
    "my nan keeps sending me dog pictures every morning",
    "fire drill today and we got locked in the hall for ages, so boring",
    "my dad made me take a photo holding my dofe certificate",
    "sick of coursework i hate my life lol",
    # after the fifty-second set's (found after it was measured)
    "my little brother got stabbed by a holly bush in the garden lol",
    "any kidnap themed escape rooms for a party",
    "my little bro nicked my phone to go on tiktok again",
    "the fake tan went wrong and in the school photo i look like a ghost",
    "the bully in that manga gets what he deserves",
    "we got locked in the music room by accident, the teacher let us out after a bit",
    "had a bad dream that someone was following me, so weird",
    "my fave died in the last episode and honestly i am not okay",
    "my little nephew says hes running away to live at the zoo",
    "our teacher showed us a clip about grooming",
    "the psychology topic was depression, any good books",
    # after the fifty-third set's (found after it was measured)
    "my calves want to die after leg day",
    "overdosed on k dramas this half term lol",
    "my bro always touches my games without asking",
    "my little sister hit me with a water balloon lol",
    "i got cast as the abusive stepdad in the school play, any tips",
    "sir picked on me to read out loud today ugh",
    "everyone ganging up on me in uno lol",
    "can i send my pictures to the art exhibition",
    "my mates keep sharing the video of me dancing, its actually hilarious",
    "sofa surfing through disney plus tonight",
    "mum kicks me off the laptop at 9",
    "somebody at the door, one sec",
    "someone at the door... oh its the amazon guy",
    "my laptop is gonna die, where can i charge it at the library",
    "my laptop is about to die, can i charge it at the centre",
    # read-through after the fifty-fourth set's measurement: a course the writer wants to do
    # again, a village where it is dark at night
    "anti bullying workshop was fun, i want to do it again next year",
    "we had a first aid course on overdoses and i want to do it again",
    "this village is in the middle of nowhere and at night theres nothing to do",
    "i live in the middle of nowhere so at night theres nothing to do",
    # after the fifty-fourth set's (found after it was measured)
    "my cousin bleached my fringe and its orange i want to die lol",
    "trapped my thumb in the drawer, ouch",
    "running away from my coursework like its a horror film",
    "i cant do this anymore the app keeps crashing, can you send the code again",
    "no one would notice if i missed one practice right, its my nans birthday",
]


@pytest.mark.parametrize(("text", "category"), MORE_DISCLOSURES.items())
def test_the_newer_phrasings_of_risk_are_recognised(text: str, category: str) -> None:
    found = assess(text)
    assert found is not None and found.category == category, text


@pytest.mark.parametrize("text", MORE_HARD_NEGATIVES)
def test_the_newer_lookalikes_are_not_read_as_risk_by_the_lexicon(text: str) -> None:
    assert assess(text) is None


def test_the_n_grams_do_not_read_hyperbole_the_lexicon_knows() -> None:
    # after the forty-first set's (found after it was measured): read as risk by the
    # classifiers, which read the words the lexicon leaves
    assert "alive" not in plain_words("dunno if ill be alive after this bleep test lol")
    assert "home" not in plain_words("when im grown up im leaving home and moving to canada")
    assert "alive" in plain_words("dunno if ill be alive after tonight")
    assert "home" in plain_words("when im older im leaving home cos its hell here")
    # after the forty-third set's: old toys given to little cousins, outgrown
    assert "giving" not in plain_words("giving my old teddies to charity, outgrown them")
    assert "giving" in plain_words("giving away my things to my cousins, wont need them")


def test_a_height_is_no_lookalike_when_a_fall_follows() -> None:
    """Found in review: "so high on the wall" is taken out as a height only when no fall
    follows; otherwise the lexicon still reads it (as it did before heights were known)."""
    assert assess("i was so high up on the wall i could see my house") is None
    assert assess("i was so high up on the wall i thought about letting go and falling")
    assert assess("the bridge is so high, i keep thinking about the drop")


@cache
def small() -> RiskModel:
    """A detector trained on every fifth training message: enough for how it reads (the same
    numbers as scikit-learn's, what is read for meaning), in a fifth of the time."""
    examples = training_examples()
    return RiskModel.train(Examples(examples.texts[::5], examples.labels[::5]))


RISK_READ_AGAIN = "im not going home tonight, its not safe there"
LOOKALIKE_READ_AGAIN = "im not going home tonight, staying at my mates for her birthday sleepover"
SURPRISE = "planning a surprise for my mums 40th so its a secret lol, any cake decorating classes"
SECRET = "my coach says its our secret and i cant tell my mum, any other football clubs"
NOBODY_WOULD_NOTICE = "i feel like nobody would notice if i wasnt around"
READ_BY_THE_SERVED_DETECTOR = [
    RISK_READ_AGAIN,
    LOOKALIKE_READ_AGAIN,
    SURPRISE,
    SECRET,
    NOBODY_WOULD_NOTICE,
]
SERVED = r"""
import json, pathlib, sys, tarfile, tempfile
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from bot.nlu.safeguarding import MODEL_FILE, RiskDetector

with tarfile.open(sys.argv[1]) as archive:
    kept = next(m for m in archive if "RiskDetector" in m.name and m.name.endswith(MODEL_FILE))
    folder = pathlib.Path(tempfile.mkdtemp())
    (folder / "risk").mkdir()
    (folder / "risk" / MODEL_FILE).write_bytes(archive.extractfile(kept).read())
context = ExecutionContext(GraphSchema({}), "test")
model = RiskDetector.load({}, LocalModelStorage(folder), Resource("risk"), context).model
asked = json.loads(sys.stdin.read())
readings = {}
for text in asked["answer"]:
    found = model.assess(text)
    readings[text] = {"category": found and found.category}
for text in asked["read"]:
    chance, category = model.chance(text)
    n_grams = model.first_reading(text)[0]
    readings[text].update(n_grams=n_grams, chance=chance, meaning_category=category)
print(json.dumps(readings))
"""


def served_texts() -> list[str]:
    fresh = yaml.safe_load((LABELLED / HELD_OUT).read_text())["risk"]
    return [
        *HARD_NEGATIVES,
        *(text for texts in fresh.values() for text in texts),
        *READ_BY_THE_SERVED_DETECTOR,
    ]


@cache
def served() -> dict[str, dict]:
    """How the detector the Rasa server loads (models/colbot.tar.gz, trained by `make train`
    with the bot's own examples, in the Rasa runtime's scikit-learn) reads each text the tests
    ask about: its answer; and for READ_BY_THE_SERVED_DETECTOR, the n-grams' chance and both
    readings weighed (worked out again, so only for the texts whose readings are checked)."""
    import json

    from tests.servers import rasa_paths
    from tests.test_rasa_speedups import _in_rasa_python

    model = rasa_paths(os.environ)[1]
    asked = {"answer": served_texts(), "read": READ_BY_THE_SERVED_DETECTOR}
    return json.loads(_in_rasa_python(SERVED, str(model), stdin=json.dumps(asked)))


@pytest.mark.parametrize(("text", "category"), DISCLOSURES.items())
def test_a_disclosure_in_a_young_persons_words_is_recognised_with_its_category(
    text: str, category: str
) -> None:
    found = assess(text)
    assert found is not None, text
    assert found.category == category


def test_hes_been_touching_me_is_a_concern() -> None:
    found = assess("hes been touching me")
    assert found is not None and found.certain


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_a_hard_negative_is_neither_a_concern_nor_a_check_in(text: str) -> None:
    assert assess(text) is None
    assert served()[text]["category"] is None


def test_danger_now_is_urgent_and_a_plan_tonight_is_urgent_too() -> None:
    assert assess("theres a man outside my house and im scared").urgent
    assert assess("im going to kill myself tonight").urgent
    assert not assess("i get bullied at school").urgent


def test_the_trained_detector_finds_disclosures_the_lexicon_has_no_rule_for() -> None:
    """On the held-out set (never trained on), most risk messages without a rule of their own
    are still recognised: what the classifier adds."""
    fresh = yaml.safe_load((LABELLED / HELD_OUT).read_text())["risk"]
    unruled = [text for texts in fresh.values() for text in texts if assess(text) is None]
    assert len(unruled) >= 50  # the lexicon alone misses many: the set tests generalising
    found = sum(served()[text]["category"] is not None for text in unruled)
    assert found / len(unruled) >= 0.8, f"{found} of {len(unruled)}"


def test_training_twice_gives_the_same_detector() -> None:
    """Every fifth training message is enough to show it (and a fifth of the time)."""
    examples = training_examples()
    once, again = small(), RiskModel.train(Examples(examples.texts[::5], examples.labels[::5]))
    fresh = yaml.safe_load((LABELLED / HELD_OUT).read_text())
    sample = [t for part in fresh.values() for texts in part.values() for t in texts][::6]
    chances = [once.chance(t) for t in sample]
    assert chances == [again.chance(t) for t in sample]
    assert sum(chance >= READ_MEANING_AT for chance, _ in chances) >= 20  # both readings ran


NOT_TRAINED_ON = sorted(
    path.name for path in LABELLED.glob("fresh*.yaml") if path.name not in MEASURED_SETS
)


def test_the_held_out_set_and_those_not_yet_read_are_not_trained_on() -> None:
    assert {HELD_OUT, UNREAD} <= set(NOT_TRAINED_ON)


@pytest.mark.parametrize("name", NOT_TRAINED_ON)
def test_the_held_out_and_the_unread_sets_are_never_trained_on(name: str) -> None:
    fresh = yaml.safe_load((LABELLED / name).read_text())
    held_out = {t.lower() for part in fresh.values() for texts in part.values() for t in texts}
    count = len(held_out)  # a whole set (a failure here must not print a set not yet read)
    assert count > 400
    assert not held_out & {t.lower() for t in training_examples().texts}


def test_the_fast_scorer_gives_scikit_learns_probabilities() -> None:
    """The detector scores one text from the trained weights directly (a static turn cannot
    afford scikit-learn's per-call overhead); its numbers must be the pipeline's own."""
    import numpy as np

    fresh = yaml.safe_load((LABELLED / HELD_OUT).read_text())
    texts = [t for part in fresh.values() for group in part.values() for t in group][:200]
    model = small()
    fast = np.array([model._scorer.probabilities(t) for t in texts])
    assert np.allclose(fast, model.pipeline.predict_proba(texts), atol=1e-9)


def test_the_reading_with_meaning_gives_scikit_learns_probabilities_too() -> None:
    import numpy as np
    from scipy import sparse

    fresh = yaml.safe_load((LABELLED / HELD_OUT).read_text())
    texts = [t for part in fresh.values() for group in part.values() for t in group][:100]
    model = small()
    vectors = np.stack([message_features(t)[:DIMENSIONS] for t in texts])
    fast = np.array(
        [model._meaning.probabilities(t, v) for t, v in zip(texts, vectors, strict=True)]
    )
    features = sparse.hstack([model.pipeline.steps[0][1].transform(texts), vectors])
    assert np.allclose(fast, model.meaning.predict_proba(features.tocsr()), atol=1e-6)


def test_only_what_the_n_grams_find_likely_is_read_for_meaning(monkeypatch) -> None:
    """An ordinary message costs no reading for meaning; one the n-grams find likely is
    decided by both readings weighed, its category by the classifier that reads meaning."""
    import bot.nlu.risk_model as risk_model

    model = small()
    read: list[str] = []
    real = risk_model.message_features
    monkeypatch.setattr(
        risk_model, "message_features", lambda text: read.append(text) or real(text)
    )
    assert model.assess("what time does the football start on saturday") is None
    assert read == []
    text = NOBODY_WOULD_NOTICE
    ngrams = model.first_reading(text)[0]
    assert ngrams >= READ_MEANING_AT
    meant = real(text)
    category = model._risk(model._meaning.probabilities(text, meant[:DIMENSIONS]))[1]
    assert model.chance(text) == (weighed(ngrams, model.margin(meant)), category)
    assert category == "self_harm"
    assert read == [text]
    assert served()[text]["category"] == "self_harm"  # and the served detector reads it so


def test_what_the_n_grams_find_likely_the_meaning_can_clear_or_confirm() -> None:
    """A risk and a message that only shares its words: the n-grams alone would make both a
    concern; read for meaning too, the first stays one and the second is nothing."""
    risk, lookalike = served()[RISK_READ_AGAIN], served()[LOOKALIKE_READ_AGAIN]
    assert lookalike["n_grams"] >= CONCERN_AT
    assert risk["chance"] >= CONCERN_AT and risk["meaning_category"] == "runaway"
    assert lookalike["chance"] < CHECK_IN_AT


def test_both_readings_overrule_the_lexicon_only_together_and_never_for_danger(
    monkeypatch,
) -> None:
    """A lexicon match, a check-in among them, stands unless the n-grams and the meaning
    both call the message ordinary; a match of danger now, or an urgent one, stands
    whatever they say."""
    model = small()
    monkeypatch.setattr(model, "margin", lambda meant: OVERRULE_MARGIN - 1.0)
    monkeypatch.setattr(model, "first_reading", lambda text: (0.0, "none"))
    assert model.assess("theres a man outside my house and im scared").category == "danger"
    assert model.assess("im going to kill myself tonight").urgent
    assert model.assess("my dad hits me when hes drunk") is None
    assert model.assess("i feel so hopeless") is None
    monkeypatch.setattr(model, "first_reading", lambda text: (OVERRULE_NGRAMS, "abuse"))
    assert model.assess("my dad hits me when hes drunk").category == "abuse"
    assert model.assess("i feel so hopeless").category == "unsure"
    monkeypatch.setattr(model, "first_reading", lambda text: (0.0, "none"))
    monkeypatch.setattr(model, "margin", lambda meant: OVERRULE_MARGIN)
    assert model.assess("my dad hits me when hes drunk").category == "abuse"


def test_a_lexicon_check_in_is_read_for_its_meaning_once(monkeypatch) -> None:
    """A check-in the n-grams find likely enough is read for meaning to weigh it, and both
    readings may then overrule it: the sentence model runs once for the two, not twice."""
    import bot.nlu.risk_model as risk_model

    model = small()
    read: list[str] = []
    real = risk_model.message_features
    monkeypatch.setattr(
        risk_model, "message_features", lambda text: read.append(text) or real(text)
    )
    # n-grams likely enough to read the meaning, yet low enough for both readings to overrule
    # (the chosen thresholds may leave no such gap: the mechanism is what is tested)
    monkeypatch.setattr(risk_model, "OVERRULE_NGRAMS", READ_MEANING_AT + 0.1)
    monkeypatch.setattr(model, "first_reading", lambda text: (READ_MEANING_AT, "self_harm"))
    monkeypatch.setattr(model, "margin", lambda meant: OVERRULE_MARGIN - 1.0)
    text = "i feel so hopeless"
    assert not assess(text).certain
    assert model.assess(text) is None
    assert read == [text]


def test_a_lookalike_the_lexicon_matches_is_cleared_by_both_readings() -> None:
    found = assess(SURPRISE)
    assert found is not None and found.category == "exploitation"
    assert served()[SURPRISE]["category"] is None
    assert served()[SECRET]["category"] == "exploitation"


def test_dyed_hair_spelled_die_is_no_wish_to_die() -> None:
    assert (
        assess("i want to die my hair pink for the festival, any hairdressing taster days") is None
    )
    assert assess("i want to die, i cant do this anymore").category == "self_harm"
    assert assess("i want to die my hair is falling out from stress").category == "self_harm"


def test_the_meaning_reads_the_third_layer_as_well_as_the_sentence_vector() -> None:
    """The meaning's features: the sentence vector sentence-transformers gives (checked
    against its recorded vectors in tests/matching/test_minilm.py) and the third layer's mean,
    which is a different reading of the same words."""
    import numpy as np

    from colbot_shared.minilm import encoder

    text = "my step dad keeps hitting me"
    meant = message_features(text)
    assert meant.shape == (2 * DIMENSIONS,)
    assert np.allclose(meant[:DIMENSIONS], encoder().encode([text])[0], atol=1e-6)
    assert np.isclose(np.linalg.norm(meant[DIMENSIONS:]), 1.0, atol=1e-5)
    assert not np.allclose(meant[DIMENSIONS:], meant[:DIMENSIONS], atol=0.1)


def test_training_vectors_are_kept_and_not_made_again(tmp_path, monkeypatch) -> None:
    from colbot_shared import minilm

    texts = ["skate jam on sunday", "i got my first badge"]
    first = sentence_features(texts, tmp_path)
    monkeypatch.setattr(minilm, "encoder", lambda: pytest.fail("encoded again"))
    again = sentence_features(list(reversed(texts)), tmp_path)
    assert (again[::-1] == first).all()


KEPT = r"""
import pathlib, tempfile
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
import bot.nlu.safeguarding as safeguarding
from bot.nlu.risk_model import READ_MEANING_AT, Examples, training_examples

every = training_examples()  # a fifth of them is enough to show it, in a fifth of the time
safeguarding.training_examples = lambda: Examples(every.texts[::5], every.labels[::5])
storage = LocalModelStorage(pathlib.Path(tempfile.mkdtemp()))
resource, context = Resource("risk"), ExecutionContext(GraphSchema({}), "test")
trained = safeguarding.RiskDetector.create({}, storage, resource, context)
trained.train(TrainingData([Message(data={"text": "whats on this weekend", "intent": "find"})]))
loaded = safeguarding.RiskDetector.load({}, storage, resource, context)
texts = [
    "i feel like nobody would notice if i wasnt around",
    "im not going home tonight, staying at my mates for her birthday sleepover",
    "i want to die my hair pink for the festival, any hairdressing taster days",
    "my older sister is taking me to buy trainers",
]
read = [t for t in texts if trained.model.first_reading(t)[0] >= READ_MEANING_AT]
assert len(read) >= 2, read
for text in texts:
    assert loaded.model.chance(text) == trained.model.chance(text), text
    assert loaded.model.assess(text) == trained.model.assess(text), text
print("the served detector is the trained one:", len(read), "read for meaning")
"""


def test_the_rasa_model_keeps_the_whole_detector() -> None:
    """What the Rasa server loads reads a message as the detector that was trained does,
    the reading for meaning and the overruling included (the model once kept only two of its
    three parts, and the server read with n-grams alone)."""
    from tests.test_rasa_speedups import _in_rasa_python

    out = _in_rasa_python(KEPT)
    assert "the served detector is the trained one" in out
