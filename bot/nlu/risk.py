"""Is a young person at risk? Recognising it in what they typed, before anything else reads it.

``assess(text)`` answers with a :class:`Risk` (a category, whether it is urgent, and whether it
is a clear concern or only a sign that asks for a gentle check-in) or ``None``. It is a
lexicon of phrases as young people write them, matched on a normalised form of the message:
lower case, apostrophes gone, text-speak spelled out ("u" -> "you", "wanna" -> "want to",
"kms"), letters repeated for stress folded ("sooo"). Why a lexicon and not a trained model:
a safeguarding lead can read every rule, a rule never drifts when the bot's other training
data changes, it is the same on every machine, and it costs microseconds on every message.
Its measured recall and false alarms are in docs/benchmarks.md (``make eval``); the
labelled messages are in tests/safeguarding/.

Words that only look like risk are not matched because every rule needs the words around
them ("kill myself", not "kill"; "hits me", not "hit"; "selling drugs for", not "drugs"),
and a phrase inside the name of an activity or a course ("anti-bullying ambassador", "drug
awareness talk", "first aid") is read as a topic, not a disclosure.

Standard library only: the Rasa runtime runs it in its NLU pipeline (bot/nlu/safeguarding.py)
and the actions runtime runs it for the evaluation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Most urgent first: when a message matches several, the first decides the reply.
CATEGORIES = (
    "danger",
    "self_harm",
    "exploitation",
    "abuse",
    "runaway",
    "substances",
    "bullying",
)
CHECK_IN = "unsure"  # a sign of distress with no clear category: a gentle "are you OK?"


@dataclass(frozen=True)
class Risk:
    category: str  # one of CATEGORIES, or CHECK_IN
    urgent: bool  # in danger now, or self-harm happening now: the help comes before anything
    cue: str  # the words that matched, for tests and the evaluation; never logged

    @property
    def certain(self) -> bool:
        return self.category != CHECK_IN

    @property
    def level(self) -> str:
        return "urgent" if self.urgent else ("concern" if self.certain else "check_in")


# --- normalising ---------------------------------------------------------------------------

_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_STRETCHED = re.compile(r"([a-z])\1{2,}")  # "sooooo" -> "soo", "pleeease" -> "pleease"
_SPELLED_OUT = {
    "u": "you",
    "ya": "you",
    "yu": "you",
    "ur": "your",
    "youre": "you are",
    "r": "are",
    "im": "i am",
    "ima": "i am going to",
    "imma": "i am going to",
    "ive": "i have",
    "id": "i would",
    "hes": "he is",
    "shes": "she is",
    "theyre": "they are",
    "thats": "that is",
    "its": "it is",
    "dont": "do not",
    "dnt": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "carnt": "can not",
    "cnt": "can not",
    "wont": "will not",
    "isnt": "is not",
    "aint": "is not",
    "wasnt": "was not",
    "havent": "have not",
    "hasnt": "has not",
    "wouldnt": "would not",
    "shouldnt": "should not",
    "wanna": "want to",
    "wana": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "tryna": "trying to",
    "finna": "going to",
    "lemme": "let me",
    "gimme": "give me",
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "bc": "because",
    "bcos": "because",
    "pls": "please",
    "plz": "please",
    "plss": "please",
    "rn": "right now",
    "atm": "right now",
    "n": "and",
    "nd": "and",
    "tho": "though",
    "thru": "through",
    "wiv": "with",
    "wid": "with",
    "w": "with",
    "abt": "about",
    "b4": "before",
    "2day": "today",
    "2nite": "tonight",
    "tonite": "tonight",
    "2moro": "tomorrow",
    "tmrw": "tomorrow",
    "sum1": "someone",
    "some1": "someone",
    "someones": "someone is",
    "somebodys": "somebody is",
    "any1": "anyone",
    "every1": "everyone",
    "no1": "no one",
    "noone": "no one",
    "nobody": "no one",
    "ppl": "people",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "mam": "mum",
    "mom": "mum",
    "mummy": "mum",
    "ma": "mum",
    "daddy": "dad",
    "stepdad": "step dad",
    "stepmum": "step mum",
    "stepmom": "step mum",
    "pic": "picture",
    "pics": "pictures",
    "pix": "pictures",
    "photo": "picture",
    "photos": "pictures",
    "nudez": "nudes",
    "noods": "nudes",
    "n00ds": "nudes",
    "nudies": "nudes",
    "snap": "snapchat",
    "sc": "snapchat",
    "insta": "instagram",
    "ig": "instagram",
    "msg": "message",
    "msgs": "messages",
    "msging": "messaging",
    "txt": "text",
    "txts": "texts",
    "skl": "school",
    "skool": "school",
    "yr": "year",
    "tbh": "",
    "ngl": "",
    "lol": "",
    "lmao": "",
    "omg": "",
    "fr": "",
    "srsly": "",
    "idk": "i do not know",
    "dunno": "do not know",
    "idc": "i do not care",
    "kinda": "kind of",
    "gotten": "got",
    "sh": "self harm",
    "selfharm": "self harm",
    "selfharming": "self harming",
    "unalive": "un alive",
    "od": "overdose",
    "oded": "overdosed",
    "ki11": "kill",
    "me": "me",
}
# "me mum", "me dad": "my" as many in the south west say it
_ME_AS_MY = re.compile(
    r"\bme (mum|dad|step|mums|dads|nan|brother|sister|uncle|carer|foster|family|mates?|friend)\b"
)


def normalise(text: str) -> str:
    """Lower case, apostrophes gone, punctuation as spaces, text-speak spelled out."""
    lowered = _APOSTROPHES.sub("", text.lower())
    words = _NON_WORD.sub(" ", _STRETCHED.sub(r"\1\1", lowered)).split()
    spelled = " ".join(w for w in (_SPELLED_OUT.get(w, w) for w in words) if w)
    return _ME_AS_MY.sub(r"my \1", spelled)


# --- the lexicon ---------------------------------------------------------------------------
# Each rule is a regular expression over the normalised text. Building blocks first.

FAMILY = (
    r"(?:my |our |the )?(?:mum|dad|step ?dad|step ?mum|step ?father|step ?mother|mother|father|"
    r"parents?|mums (?:new )?(?:boyfriend|partner|fella)|dads (?:girlfriend|partner)|"
    r"brother|sister|older brother|big brother|uncle|aunt|auntie|nan|nana|gran|grandad|"
    r"grandma|grandpa|cousin|carer|carers|foster (?:mum|dad|carer|parents?)|family|"
    r"guardian|stepbrother|step brother)"
)
HURT_VERBS = (
    r"(?:hits?|hitting|beats?|beating|beat|punch(?:es|ed|ing)?|kick(?:s|ed|ing)?(?! me out| us out)|slap(?:s|ped|ping)?|"
    r"smack(?:s|ed|ing)?|chok(?:e|es|ed|ing)|strangl(?:e|es|ed|ing)|hurts?|hurting|batter(?:s|ed|ing)?|"
    r"belt(?:s|ed|ing)?|whack(?:s|ed|ing)?|thumps?|thumped|shov(?:e|es|ed|ing)|push(?:es|ed)|"
    r"throws? (?:stuff|things) at|threw (?:stuff|things|a \w+|the \w+) at|grabb?(?:ed|s)? me by|"
    r"burn(?:s|ed|t)|lays? (?:a )?hands? on|knocks? me about|knocked me about|bruis(?:e|es|ed))"
)
SELF = r"(?:my ?self|me self|meself)"
# a hurt one may have to explain away
MARKS = r"(?:marks?|bruises?|bruising|black eye|burns?|welts?)"
# "before i go" with nowhere named after it (not "before i go to uni", "before i go on holiday")
GOING_NOWHERE = r"(?! (?:to|on|out|away|abroad|back|home|into|for|up|down|over|there|in)\b)"
OTHERS_AT_SCHOOL = (
    r"(?:every ?one|they|people|kids|girls|boys|lads|some \w+|a group|this group|a gang|them|"
    r"the others|my class|my year|my form)"
)
ADULT = (
    r"(?:(?:an? |this |some )?(?:older|old|grown) (?:guy|man|men|bloke|lad|boy|girl|woman|women|person|"
    r"fella|dude)|(?:a |this |some )?(?:guy|man|bloke|fella|dude|stranger|someone|somebody|person)|"
    r"my (?:coach|tutor|teacher|neighbour|boss|manager|instructor|youth worker|mates? (?:dad|brother|uncle))|"
    r"(?:the |a )?(?:coach|tutor|teacher|neighbour|instructor)|(?:he|she) )"
)
ONLINE = (
    r"(?:online|snapchat|instagram|tiktok|discord|roblox|fortnite|minecraft|xbox|playstation|ps5|"
    r"whatsapp|facebook|messenger|a game|an app|the internet|twitter|telegram|omegle|kik|wink)"
)
PICTURES = (
    r"(?:nudes|pictures|picture|videos?|vids?|selfies?|a selfie|snaps|naked|nude|topless|"
    r"pictures of (?:me|my body)|my body|in my underwear|underwear)"
)
DRUGS = (
    r"(?:drugs|weed|bud|skunk|coke|cocaine|crack|pills|molly|mandy|mdma|ket|ketamine|xanax|xans|"
    r"spice|lean|heroin|gear|pot|charlie|sniff|nos|balloons|class a|edibles|acid|shrooms|vapes? with thc|thc)"
)

# someone one has lost ("i want to be with my nan again"), and joining them somewhere ordinary
_LOVED_ONE = (
    r"(?:nan|nana|nanna|gran|granny|grandma|grandad|grandpa|mum|mam|mom|dad|brother|sister|bro|sis|"
    r"best friend|bestie|mate|friend|cousin|auntie|uncle|baby|boyfriend|girlfriend)"
)
_NOT_AN_OUTING = (
    r"(?! (?:at|in|for|on|to|and|with|when|next|this|every|tomorrow|tonight|later|soon)\b)"
)
# what a drinking habit is not about ("i need to stop drinking so much coke")
NOT_ALCOHOL = (
    r"(?! (?:so much )?(?:fizzy|coke|coffee|tea|energy|pop|monster|red bull|water|juice|milk|squash|"
    r"diet))"
)

# Lost in the dark or the cold now, not a village "in the middle of nowhere" where it gets
# dark early (after the fifty-third set's read-through).
_DARK_NOW = (
    r"(?:pitch black|it is dark|its dark|in the dark|getting dark|so dark|dark (?:road|lane|street|"
    r"field|park|alley)|at night|at \d+ ?am|freezing|can not feel my \w+|no signal|scared)"
)
_NOT_WHERE_I_LIVE = r"(?<!live in the )(?<!lives in the )(?<!living in the )(?<!lived in the )"
_LOST_OUTDOORS = (
    r"(?:wrong stop|"
    + _NOT_WHERE_I_LIVE
    + r"middle of nowhere|lost in the (?:snow|woods|forest|fog|"
    r"dark|moors?)|stranded)"
)
RULES: dict[str, tuple[str, ...]] = {
    "danger": (
        # after the fifty-third set's: lost outdoors, in the dark or the cold, read for itself
        # (a phone about to die is a lookalike, unless the writer is lost or followed)
        r"(?:\b"
        + _LOST_OUTDOORS
        + r"\b.{0,80}\b"
        + _DARK_NOW
        + r"\b|\b"
        + _DARK_NOW
        + r"\b.{0,80}\b"
        + _LOST_OUTDOORS
        + r"\b)(?!.{0,60}\b(?:fun|haha|lmao|so pretty|stars|dofe|camping|in "
        r"game|the game|flight|clubs?|activities|nothing to do|anything to do)\b)",
        # after the thirty-sixth set's (found after it was measured): lost outdoors in fog or
        # the dark, the path gone
        r"\b(?:moors?|hills?|mountains?|fells?|woods|forest|cliffs?|peaks?|walk\w*|hik\w*)\b.{0,60}"
        r"\b(?:fog|foggy|mist|misty|dark|snowing|blizzard|white ?out)\b.{0,40}\bcan not (?:find|see) "
        r"(?:the|my|a|our) (?:path|way|route|track|trail)\b(?!.{0,30}\b(?:in the game|in game|on the map)\b)",
        # after the thirty-third set's (found after it was measured): someone not moving after a
        # crash or a fall from a bike
        r"\b(?:crashed (?:the|our|my|his|her|their|a) (?:car|van|bike|moped|scooter|quad|motorbike)|car "
        r"crash|hit by a (?:car|van|bus|lorry|truck)|(?:came|fell|was thrown|got thrown) off (?:the|his|"
        r"her|my|a|their) (?:bike|moped|scooter|horse|quad|motorbike))\b(?! (?:in|on) (?:mario kart|"
        r"forza|gta|the game|fortnite|roblox|minecraft|f1|the sim))\b.{0,60}(?<!traffic is )(?<!cars are )"
        r"(?<!bus is )(?<!train is )(?<!queue is )(?<!road is )\bnot (?:moving|breathing|"
        r"waking up|responding|talking(?! to)|answering)\b",
        # after the thirtieth set's: a diabetic's sugar crashing, someone choking
        r"\b(?:type (?:1|one)|diabetic|diabetes|insulin)\b.{0,60}\b(?:sugars?|blood sugar|levels?|bg) "
        r"(?:is |are |s )?(?:crashing|dropping|really low|so low|too low|going low)\b|\b(?:having|going "
        r"into|in) a (?:bad )?hypo\b",
        r"\b(?:cousin|brother|sister|baby|mate|friend|nan|gran|grandad|dad|mum|he|she|someone|kid|"
        r"toddler)(?:s| is| s)? choking\b(?= (?:on|and|help|can not)\b|$)(?!.{0,30}\b(?:laugh\w*|on (?:his|her|their|my) (?:words|drink|"
        r"tea|water|coffee))\b)",
        # after the twenty-ninth set's: a baby gone blue and floppy, someone down after
        # lightning, a dog attacking a child, a tent flooding as the river rises
        r"\b(?:gone|going|turned|turning) (?:all |really |a bit )?(?:blue|grey|gray)\b.{0,30}\b(?:floppy|"
        r"limp|not breathing|stopped breathing|not waking|not moving|unresponsive)\b|\b(?:floppy|limp|"
        r"not breathing)\b.{0,30}\b(?:gone|going|turned|turning) (?:all |really |a bit )?(?:blue|grey|"
        r"gray)\b",
        r"\blightning\b.{0,80}\b(?:on the ground|not moving|not breathing|unconscious|knocked out|"
        r"collapsed|passed out|will not wake|not waking|(?:hit|struck) (?:me|us|him|her|my (?:mate|friend|"
        r"brother|sister|dad|mum|cousin|nan|grandad|boyfriend|girlfriend)))\b",
        r"\bdogs? (?:is |are |s |has |have )?(?:attacking|mauling|savaging|going for|got hold of|"
        r"will not let go of|biting) (?:me|us|him|her|my (?:little |baby |younger |big )?(?:brother|sister|"
        r"cousin|mate|friend|nan|gran|mum|dad|son|daughter|leg|arm|hand|face)|a (?:kid|child|boy|girl|baby|"
        r"toddler|man|woman)|the (?:kid|child|boy|girl|baby|toddler))\b",
        r"\b(?:tent|caravan|car|house|flat|room|campsite)s? (?:is |are |s )?(?:flooding|filling (?:up )?with "
        r"water)\b.{0,60}\b(?:river|rising|stuck|trapped|can not get out|up to (?:our|my) (?:knees|waist))\b|"
        r"\b(?:river|water|flood ?water|stream)s?\b(?: \w+){0,4} (?:is |are |s )?(?:rising|coming up) "
        r"(?:really |so |too )?(?:fast|quickly|quick)\b",
        r"\b(?:got|been|was|is|gets|s|keeps getting) (?:pulled|dragged|sucked|swept) under\b(?! (?:the|my|"
        r"his|her) (?:covers|duvet|bed|table|sofa|desk))",
        # after the twenty-eighth set's: a fire at home, someone drowning, a throat swelling
        # before the allergy is named
        r"\b(?:house|flat|home|kitchen|room|bedroom|building|block|stairs|stairwell|garage|shed|car|"
        r"caravan|hallway|living room|lounge)s? (?:is |are |s |has |have )?(?:on fire|in flames|caught "
        r"fire|burning down|gone up in flames|went up in flames)\b|\b(?:there is|theres) (?:a )?fire in "
        r"(?:my|our|the) (?:house|flat|home|kitchen|room|bedroom|building|block)\b",
        r"\b(?:is|are|s|was|started|keeps) drowning\b(?! in (?:homework|coursework|work|revision|exams?|"
        r"assignments|debt|emails|messages|notifications|paperwork|laundry|washing|sweat|tears|"
        r"compliments))|\bdrowning (?:in|at) the (?:pool|sea|river|lake|canal|quarry|reservoir|beach)\b",
        r"\b(?:throat|lips|tongue|face|mouth) (?:is |are |s )?(?:swelling|swollen|puffing up|closing)\b"
        r".{0,80}\b(?:allergic|allergy|allergies|nuts?|peanuts?|ate|eating|eaten|sting|stung)\b",
        # after the twenty-seventh set's: a pet or a person still inside a fire, lost from the
        # group on the hills in fog, a carbon monoxide alarm, an allergy and food just eaten
        r"\b(?:smoke alarm|fire alarm|smoke|fire|flames|burning)\b.{0,60}\b(?:my|our) (?:dog|cat|pets?|"
        r"brother|sister|baby|nan|gran|mum|dad|little \w+)(?: \w+)? (?:is|are|s) still (?:inside|in "
        r"there|in the (?:house|flat|building))\b",
        r"\b(?:separated from|lost) (?:my|the|our) (?:group|friends|mates|class|dofe group|team)\b.{0,60}"
        r"\b(?:foggy|fog|mist|misty|getting dark|snowing|storm|can not see|no signal|moors?|mountains?|"
        r"hills|hike|woods|forest)\b",
        r"\b(?:carbon monoxide|co) alarm\b.{0,40}\b(?:going off|beeping|went off|goes off|headaches?|"
        r"dizzy|feel sick|feeling sick)\b",
        r"\b(?:nut|peanut|sesame|egg|milk|dairy|shellfish|fish|wheat) allerg(?:y|ies|ic)\b.{0,60}"
        r"\b(?:ate|eaten|had|eating|swallowed|drank)\b.{0,60}\b(?:coughing|wheezing|swelling|swollen|"
        r"throat|breathe|breathing|lips|rash|hives|being sick|throwing up|dizzy)\b",
        # after the twenty-sixth set's: a boat's engine gone in big waves, a frozen pond
        r"\b(?:boat|dinghy|rib|speedboat|fishing boat)s?\b.{0,40}\b(?:engine|motor|outboard)\b"
        r"(?: has| just| has just)? (?:stopped|died|failed|conked out|broke down|will not start)\b|"
        r"\b(?:boat|dinghy|kayak|canoe)\b.{0,60}\bwaves (?:are )?(?:getting )?(?:really |so |too )?"
        r"(?:big|huge|massive|rough)\b",
        r"\b(?:ran|run|fell|fallen|slipped|gone|went|walked) (?:out )?(?:onto|on to|into) the (?:frozen|"
        r"icy) (?:pond|lake|canal|river|reservoir)\b|\b(?:fell|fallen|gone|went|going) through the ice\b",
        # after the twenty-fourth set's misses: adrift, an allergic reaction, a bite pouring blood
        # ("cut out" is taken out with the idioms before the rules read: "the engines   and")
        r"\b(?:engine|engines|motor|outboard)\b.{0,40}\bdrifting\b|\b(?:drifting|blown|swept|"
        r"pulled) (?:out )?(?:out to sea|away from the (?:shore|beach))\b",
        r"\b(?:allergic|allergy|allergies|anaphyla\w*|nuts?|peanuts?|bee sting|stung|wasp|bee|"
        r"epi ?pens?|auto ?injectors?)\b.{0,80}\b(?:swelling|swollen|puffing up|struggling to breathe|can not breathe|throat "
        r"(?:is |feels |s )?(?:closing|tight|weird|funny|swollen)|wheezing|collapsed)\b|"
        r"\bthroat (?:is )?closing up\b",
        r"\b(?:epi ?pen|auto ?injector)\b.{0,20}\b(?:did not|has not|is not|does not|not) (?:work|"
        r"worked|working|help|helped|helping)\b",
        r"\b(?:bitten|bit|cut|slashed|stabbed|glassed|fell|crashed|gashed|ripped)\b.{0,60}"
        r"\b(?:pouring|gushing|spurting|pumping) (?:with |out )?blood\b",
        # after the twenty-third set's misses: the tide, a swallowed battery, a head injury
        # with confusion, hypothermia
        r"\b(?:cut off|stranded|stuck|trapped) (?:by|on|at) (?:the )?(?:tide|rocks|sandbank|sand bank)\b|"
        r"\btides? (?:has |is |s |are )?(?:came|come|coming|comes) in\b.{0,40}\b(?:cut off|stuck|stranded|"
        r"can not get back|no way back)\b",
        r"\bswallowed (?:a |some |one of (?:the |my |his |her )?)?(?:button |coin |watch |lithium |"
        r"little )?(?:batter(?:y|ies)|magnets?)\b",
        r"\b(?:hit|banged|smashed|cracked|whacked) (?:his|her|their|my) head\b.{0,60}\b(?:talking "
        r"nonsense|not making sense|confused|being sick|throwing up|passed out|knocked out|"
        r"unconscious|(?:will|can) not wake|not waking|can not remember)\b",
        r"\b(?:think|thinks|might be|could be|must be|probably|maybe) (?:it is |its |got |has )?"
        r"hypotherm(?:ia|ic)\b",
        r"\b(?:got|been|was|were|am|are|getting|just got) cornered\b|"
        r"\b(?:(?:the|a|some|this|that) (?:guy|man|bloke|lads?|gang|car|van|men|olders|group)|someone|"
        r"somebody)\b(?: \w+){0,3} (?:is|are|s|has been|have been) (?:outside|at the end of|by|near) "
        r"(?:the |my |our )?\w+(?: \w+)? waiting for me\b",
        r"\b(?:gunshots?|gun shots?|shots fired|someone shooting|people shooting)\b.{0,20}"
        r"\b(?:outside|near|in my (?:street|road|block|estate)|on my (?:street|road)|next door)\b",
        r"\b(?:someone|somebody|a (?:man|guy|car|van|bloke|stranger|group)|some (?:man|guy|bloke|lads|men)|"
        r"he|they|this (?:man|guy)|a lad|an older man) (?:is |are |has been |keeps |been |was )?"
        r"(?:following|followed|follows|chasing|chased|watching) me\b",
        r"\b(?:being|getting|got|been) (?:followed|chased|jumped|attacked|grabbed|mugged)\b",
        r"\b(?:outside|at|banging on|trying to get in|trying to break in(?:to)?) (?:my|the) "
        r"(?:house|door|front door|window|flat|room|bedroom)\b.*\b(?:scared|help|wont go|will not go|"
        r"terrified|police|shaking)\b",
        r"\b(?:scared|terrified|afraid|frightened) (?:he|she|they|someone|he is|she is|they are|someone is)"
        r" (?:is |are |will |going to |might |gonna )?(?:coming|come|going to come|gonna come|hurt|"
        r"find|kill|get) (?:back|me|in|for me)",
        r"\b(?:has|got|pulled|pulled out|holding|with|carrying|had) (?:a |out a |his |their )?"
        r"(?:knife|blade|machete|gun|weapon|shank)\b",
        r"\b(?:stab|stabbed|shoot|shot|kill|knife|shank|slash|jump|batter) me\b",
        r"\b(?:going to|gonna|will|wants to|said he would|threatened to|said they would|"
        r"threatening to) (?:kill|stab|hurt|shoot|find|get|batter|jump|rape) (?:me|my family|my mum)",
        r"\b(?:locked|lock|locking|trapped|stuck|holding) me (?:in|inside)\b",
        r"\blocked in\b|\btrapped\b|\bkidnap|\bcant escape|\bcan not escape",
        r"\b(?:will not|wont|refuses to|not letting me|is not letting me|would not) let me "
        r"(?:leave|go|out|go home|get out)\b",
        r"\b(?:hiding|hide) (?:in|from|under|behind)\b",
        r"\bin danger\b|\bunsafe\b|\bnot safe(?: right now| here| anymore)?\b|\bdo not feel safe\b",
        r"\b(?:call|ring|phone) (?:the )?(?:police|999|ambulance|feds|old bill)\b",
        r"\b(?:help me|help)(?: please)?(?: now| right now| quick| asap)\b|^(?:please )?help me(?: please)?$",
        r"\b(?:can not|can t|do not know how to) get home\b.*\b(?:scared|man|guy|drunk|alone|help|dark|"
        r"lost|stranded|phone)\b",
        r"\b(?:stranded|lost) (?:and|in|at|on)\b.*\b(?:scared|alone|dark|night|man|guy)\b",
        r"\b(?:spiked|been spiked|drink was spiked|think i was spiked)\b",
        r"\bhe (?:is|was) (?:hurting|attacking) (?:me|my mum|her)\b",
        r"\b(?:forced|forcing|made) me (?:into|to get in) (?:a|his|the) (?:car|van|house|flat)\b",
        r"\b(?:broke|broken|breaking) (?:in|into our|into my)\b",
        r"\b(?:(?:a|some|this|the|that|an older|an) )?(?:man|guy|bloke|car|van|stranger|lad|men|lads|fella|person)"
        r" (?:is |has been |keeps |kept |been |just |was )?(?:outside|at the end of|waiting (?:for me|outside|at)|"
        r"walking behind me|behind me|next to me|slowed down|pulled up|grabbed|trying to (?:get in|drag|grab|"
        r"pull|get me)|watching me|staring at me|keeps trying|followed|following)",
        r"\b(?:someone|somebody|some one|he|they|she)(?: is| s| was| were)? (?:trying to (?:get|break) in|outside|"
        r"at the door|in (?:the|our|my) (?:house|garden|room))\b",
        r"\b(?:watching|staring at|looking at|filming) me (?:through|from|in)\b|\bslowed down next to me\b",
        # (a random car park is none: after the forty-eighth set's, found after it was measured)
        r"\b(?:in|inside) (?:a|some) (?:strangers|random|mans|guys) (?:car|house|flat|van)\b(?! (?:park|"
        r"parks|boot|wash|showroom|dealership)\b)|"
        r"\bdo not know where (?:we are|i am|were|we re) going\b|\bin a (?:house|flat|city|place) i do not know\b",
        r"\b(?:took|taken|take|nicked|has|have) (?:my|our) (?:phones?|phone and)\b.*\b(?:will not let|wont let|"
        r"not let|using a|friends|city|help|stuck|trapped|scared)\b",
        r"\b(?:aggressive|violent|kicking off|scary)\b.*\b(?:can not get home|get home|scared|leave|help)\b",
        r"\b(?:got|has been|was|just got|been|getting) (?:stabbed|shot|attacked|beaten up|glassed|jumped)\b",
        r"\b(?:on (?:his|their|her) way|coming) (?:round|over|here|to my)\b.*\b(?:sort me|hurt|batter|kill|"
        r"mates|scared|get me|not home|alone)\b",
        r"\b(?:waiting|wait|be waiting) for me (?:at|outside|after|when)\b|\bknows (?:where i live|what school|"
        r"my address|where i go)\b",
        # (not a request: "if i run away to london can you find me clubs there": after the
        # forty-ninth set's read-through)
        r"\bif i (?:leave|tell|go|say|call|run)\b.*\b(?:hurt|kill|batter|stab|get me|find me)\b(?! (?:a |"
        r"some |any |more |new )?(?:clubs?|activit\w+|courses?|jobs?|places?|something|stuff|things|"
        r"events?|groups?|sessions?|badges?|codes?|work|classes)\b)",
        r"\b(?:tide|cliff|cliffs|rocks|water)\b.*\b(?:can not get back|stuck|trapped|coming in|help)\b",
        r"\b(?:with|has|got|holding|carrying) (?:a |his |their )?(?:bat|knife|gun|machete|hammer|weapon|"
        r"crowbar|blade)\b",
        r"\b(?:he is|they are|she is) (?:here|back|downstairs|outside)\b.*\b(?:help|scared|please|hide|hiding)\b|"
        r"\b(?:help|please|scared)\b.*\b(?:he is|they are) (?:here|back|outside)\b",
        r"^(?:please help|help please|sos|please help me|help me please)$|\bsos\b",
        r"\b(?:drag|dragging|dragged|pull|pulling|pulled|grab|grabbing|grabbed) (?:me|my arm|my hand|at me)\b",
        r"\b(?:threw|thrown|throwing) (?:a |an )?(?:brick|stone|rock|bottle|something) (?:through|at)\b",
        r"\b(?:bail|restraining order|injunction)\b|\bmy ex\b.*\b(?:outside|found out|on his way|following|"
        r"waiting|turned up|threaten|scared|coming)\b",
        r"\b(?:scared|terrified|frightened|afraid) (?:someone|somebody|some one|he|they) (?:is|are|s)? ?"
        r"(?:outside|here|in the house|downstairs|watching)\b",
        # after the twenty-first set's misses: someone hurt and still, a fight to bring to
        r"\b(?:mate|friend|brother|sister|mum|dad|nan|grandad|he|she)\b.{0,10}\b(?:is not|isnt|wont|"
        r"will not) (?:moving|responding|waking up|wake up)\b(?! (?:out|house|in|to|schools?|away))",
        r"\bshould i (?:bring|carry|take) (?:something|a blade|a knife|a weapon|protection)\b",
        # (after the forty-third set's: a tooth that fell out is no fall; a punch is a blow)
        r"\b(?:(?<!tooth )(?<!teeth )(?:fell|fall|fallen)|crashed|hit|stabbed|cut|smashed|punched|kicked|"
        r"head ?butted|glassed|slashed|attacked|jumped)\b.{0,50}\bblood everywhere\b|"
        r"\bblood everywhere\b.{0,30}\b(?:fell|fall|not moving|help|ambulance|what do i do)\b",
    ),
    "self_harm": (
        # after the forty-fourth set's (found after it was measured): wanting to go where a
        # nan who died has gone
        r"\b(?:died|passed away|dead|lost (?:her|him|them)|funeral)\b.{0,60}\b(?:want|wanna|wanting|wish i "
        r"could|need|going) (?:to )?(?:go (?:to )?where (?:she|he|they) (?:is|are|went|has gone|have gone)|"
        r"join (?:her|him|them)" + _NOT_AN_OUTING + r"|be where (?:she|he|they) (?:is|are))\b|"
        r"\b(?:want|wanna|wish i could) (?:to )?(?:go (?:to )?where (?:she|he|they) (?:is|are|went)|join "
        r"(?:her|him|them)" + _NOT_AN_OUTING + r"|be with (?:her|him|them|my " + _LOVED_ONE + r") "
        r"again)\b.{0,40}\b(?:died|passed away|dead|in heaven|up there)\b",
        # after the forty-second set's (found after it was measured): waiting till everyone is
        # asleep "so i can finally do it"
        r"\b(?:when|till|until|til|once) (?:everyone|everybody|they|my (?:mum|dad|parents|family)) "
        r"(?:is|are|has|have) "
        r"(?:asleep|in bed|gone to bed|out|gone out|at work)\b.{0,30}\bso (?:i|that i) can (?:finally |"
        r"just )?do it\b(?!\W+(?:eat|watch|play|finish|have|get|open|build|bake|make|read|game|revise)\b)",
        # after the fortieth set's (found after it was measured): meals skipped and hidden
        # ("tell mum i ate at my mates"), "life's not worth it" (not "without coffee")
        r"\b(?:skip|skipping|skipped|skips|miss|missing) (?:breakfast|lunch|dinner|tea|meals?|food)\b.{0,60}"
        r"\b(?:tell|told|telling|say|said|saying|pretend\w*|lie|lying)\b.{0,20}\bi (?:ate|have eaten|"
        r"already ate|had (?:lunch|dinner|tea|food))\b",
        r"\b(?:life|lifes) (?:is |s )?not worth it\b(?! (?:without|if|unless|when|for)\b)",
        # after the thirty-ninth set's (found after it was measured): wanting to drive into
        # something; not into town
        r"\b(?:want to|wanted to|thinking (?:about|of)|think about|thought about|feel like|tempted to|"
        r"urge to|keep thinking about|imagine|just) (?:just )?(?:drive|driving|crash|crashing|swerve|"
        r"swerving|steer|steering) (?:my car |the car |my bike |it )?(?:into (?:something|a wall|a tree|"
        r"a lorry|a bus|traffic|oncoming\w*|a bridge|the sea|a river|a lamp ?post|a pole|the barrier|a "
        r"truck)|off (?:a|the) (?:road|bridge|cliff|edge)|in front of (?:a|the) (?:lorry|bus|train|car|"
        r"truck))\b",
        # after the thirty-eighth set's (found after it was measured): "ctb" ("catch the bus"),
        # slang for suicide; the words in full are a bus
        r"\b(?:want|wanna|wanted|going|gonna|thinking|thought|planning|plan|ready|decided|might|"
        r"about|will|i|should i|to) (?:to |about |of |just )?ctb\b|\bctb (?:method|plan|tonight|soon|"
        r"now)\b",
        # after the thirty-fifth set's (found after it was measured): pro-anorexia tips and
        # "thinspiration"
        r"\b(?:pro ?(?:ana|mia)|thinspo|meanspo|bonespo|ana (?:coach|buddy))\b",
        # after the thirty-fourth set's (found after it was measured): not living past 18
        r"\b(?:i|me|someone who|people like me) (?:will not|am not going to|not going to|never going to) "
        r"(?:live|make it) (?:past|to|beyond|till|until) (?:\d\d|eighteen|twenty|my (?:\d+\w*|next) "
        r"birthday)\b(?! (?:party|do|meal|trip|celebration))",
        # after the thirty-third set's (found after it was measured): a week's calories counted
        # and still "too fat", exercise until passing out to burn off what was eaten
        r"\b\d+ (?:cals?|calories|kcals?) (?:this|a|all|the whole|in a|per|every|each) (?:whole )?"
        r"(?:week|day)\b.{0,60}\b(?:too|so|still|feel|feeling|look|looking) (?:\w+ )?(?:fat|huge|"
        r"disgusting|gross)\b",
        r"\b(?:work out|working out|exercise|exercising|run|running|train|training) (?:till|until) i "
        r"(?:pass out|faint|collapse|drop)\b.{0,60}\b(?:burn off|ate|eaten|eat|calories|cals|fat)\b",
        # after the thirtieth set's: meals skipped to see one's ribs
        r"\b(?:so|until|till) (?:i|that i) can (?:see|feel|count) my (?:ribs|hip ?bones|collar ?bones|"
        r"spine)\b",
        # after the twenty-ninth set's: hours of exercise a day on one apple
        r"\b(?:exercis\w*|working out|work out|worked out|training|running|gym) (?:for )?(?:\d+|two|three|"
        r"four|five|six) (?:hours?|hrs?) (?:a|every|each) day\b.{0,80}\b(?:dizzy|faint|fainting|fainted|"
        r"passing out|one apple|an apple|only eating|barely eating|not eating|one meal)\b|"
        r"\b(?:only|just) (?:eating|eat|ate|had|having|have) (?:one|1|an|a single) (?:apple|banana|yoghurt|"
        r"rice cake|cracker|satsuma|orange|cereal bar)s? (?:a|per|every|each|all) day\b|"
        r"\beating (?:one|1|an) (?:apple|banana|yoghurt|rice cake|cracker|satsuma)\b.{0,60}\b(?:dizzy|"
        r"faint|fainting|fainted|passing out|blacking out)\b",
        # after the twenty-eighth set's: meals skipped until fainting
        r"\b(?:skipped|skipping|skip|not eaten|not eating|have not eaten|stopped eating)\b(?: \w+){0,2} "
        r"(?:meals|for (?:so long|days|ages|weeks)|every (?:day|meal))\b.{0,40}\b(?:fainted|fainting|"
        r"passed out|blacked out|collapsed)\b",
        # after the twenty-fifth set's: something left behind "before i go"
        r"\bbefore i go\b" + GOING_NOWHERE + r".{0,40}\bleave something (?:behind )?for\b|"
        r"\bleave something (?:behind )?for (?:my |me )?\w+(?: \w+)?\b.{0,20}\bbefore i go\b"
        + GOING_NOWHERE,
        # after the twenty-fourth set's: a note so they understand
        r"\b(?:write|writing|wrote|leave|leaving) (?:a |my )?(?:note|letter|letters|message)\b.{0,40}"
        r"\b(?:so (?:they|she|he|everyone|people|my family|my mum|my dad) (?:understands?|knows?) "
        r"why|understand why|for after|when i am gone|before i go)\b",
        # after the twenty-third set's: exercise as punishment for eating
        r"\b(?:ran|run|running|exercised|worked out|cycled|did sit ups) (?:till|until) i (?:fainted|"
        r"passed out|collapsed|threw up|was sick)\b.{0,10}\b(?:because|since|after) i (?:ate|had|"
        r"eaten)\b",
        r"\b(?:bad at|not good at|no good at|struggle with|struggling with) (?:wanting to )?"
        r"(?:stay|staying|be|being) alive\b",
        # hiding or tending wounds they made ("so coach didnt see the cuts")
        r"\b(?:see|seeing|saw|notice|noticing|noticed|hide|hiding|cover|covering|clean up|"
        r"cleaning up|clean) (?:the |my |my own )?(?:fresh )?(?:cuts|scars|wounds|burns|marks)\b",
        r"\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|hang|hanging|drown|starve|starving|"
        r"burn|burning|end|ending|poison|poisoning|stab|shoot|punish|punishing|scratch|scratching|"
        r"bite|biting) (?:my ?self|me self|meself)\b",
        r"\bkms\b|\bkys myself\b",
        r"\bun alive\b|\bunaliv",
        r"\bsu[i1]c[i1]d|\bsewer ?s?l?ide\b|\bsuicid",
        r"\bself (?:harm|harming|harmed|injur)",
        r"\b(?:want|wanted|wanting|going|ready|planning|plan|decided|deciding|thinking about|thought about|"
        r"thinking of|gonna|try|tried|trying) to (?:die|end it|end it all|end things|end my life|"
        r"take my (?:own )?life|not be here|disappear forever|not exist|stop existing|not wake up|"
        r"never wake up|jump|hang|overdose|leave this world|go to sleep forever|sleep forever)\b",
        r"\bend(?:ing)? (?:it all|my life|everything|things|it tonight|it now)\b",
        r"\b(?:wish|wishing) i (?:was|were|could be|would) (?:dead|gone|never born|not here|not alive|"
        r"never here|disappear)",
        r"\bwish i (?:had never been|was never|were never|had not been) born\b",
        r"\b(?:writing|wrote|written|write|left|leaving) (?:my |a |some )?(?:goodbye|suicide) "
        r"(?:letters?|notes?|messages?)\b",
        r"\b(?:tallest|highest) (?:car park|multi storey)\b|"
        r"\bhow high (?:is |up is )?(?:the |that )?(?:\w+ )?(?:car park|multi storey)(?: roof)?\b",
        r"\b(?:wish|hope|hoping|pray) (?:a|the|that|some) (?:bus|car|train|lorry|van|truck) (?:would|will|"
        r"wld|could) (?:just )?(?:hit|run me over|take me out)\b",
        r"\b(?:does it hurt|would it hurt|how long does it take|what does it feel like|is it painful) to "
        r"(?:drown|die|hang|bleed out|overdose|od|jump|suffocate)\b",
        r"\bif i (?:do not|dont|never) (?:reply|answer|text back|message|come back|turn up)\b.{0,30}"
        r"\b(?:that is why|thats why|you know why|u know why|sorry|goodbye|bye)\b",
        r"\b(?:do not|dont|not) (?:want|wanna|wish) to (?:be alive|live|be here|exist|be around|"
        r"wake up|carry on|go on|be on this (?:earth|planet))\b",
        r"\b(?:better off|be better|happier) (?:dead|without me|if i (?:was|were) (?:gone|dead|not here))\b",
        r"\b(?:no|not any|is no|there is no|not a|no more) (?:reason|point) (?:to|in|of) "
        r"(?:living|live|being alive|being here|going on|carrying on|me being here|life|staying)\b",
        r"\b(?:life|living|it) (?:is not|isnt|not) worth (?:it|living)\b|\bnot worth living\b",
        r"\b(?:can not|cant) (?:go on|do this anymore|carry on|keep going|take (?:it|this) anymore)\b"
        r".*\b(?:anymore|no more|life|alive|die|end|pointless)\b",
        r"\b(?:take|took|taken|taking|swallowed|swallow|have|had|got|stockpil\w*|saving up|saved up|"
        r"collecting) (?:(?:a |the )(?:whole |full |entire |rest of the )(?:packet|pack|box|bottle|strip|"
        r"tub) of|(?:two |2 |three |3 |all the |all my )(?:packets|packs|boxes|bottles|strips) of|a|all|all of|loads of|a load of|lots of|a bunch of|a handful of|a whole|"
        r"the|all the|my|a packet of|two packets of|some|\d+) ?(?:(?:my|of|mums|dads|nans|the) ){0,3}"
        r"(?:pills|tablets|paracetamol|meds|medication|painkillers|sleeping pills|antidepressants)\b",
        r"\boverdos",
        r"\b(?:jump|jumping|throw myself|throwing myself) (?:off|from|in front of|into)\b",
        r"\b(?:goodbye|bye) (?:everyone|forever|world|for good|to everyone)\b|\bthis is (?:my )?goodbye\b|"
        r"\b(?:suicide|goodbye|last) (?:note|letter|message)\b",
        r"\b(?:will not|wont|not going to|not gonna) be (?:here|around|alive) (?:much longer|tomorrow|"
        r"for long|anymore|by)\b",
        r"\b(?:tired|sick) of (?:living|being alive|life|existing|being here)\b",
        r"\b(?:everyone|everybody|people|my family|they) (?:would|will|d) be (?:better|happier) "
        r"(?:off )?without me\b|\bbetter off without me\b|\bno one would (?:miss|notice|care if)",
        r"\b(?:cut|cutting|cuts|scars?|scarring|slit|slitting|carve|carving) (?:on )?(?:my |me )?"
        r"(?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?)\b",
        r"\b(?:started|start|been|keep|kept|went back to|back to|relapsed?|relapsing|urge to) "
        r"(?:cutting|harming|self harming|hurting myself|burning myself)\b|\brelapsed?\b",
        r"\b(?:razor|blade|blades|rope|noose|pills?) (?:to|for|and) (?:hurt|cut|end|kill|hang|myself|me)\b",
        r"\bnoose\b|\btie a rope\b",
        r"\b(?:want|wanna|want to) (?:it|everything|this|life) (?:all )?to (?:stop|end|be over)\b",
        r"\b(?:want|wanna) to (?:just )?disappear\b|\bdisappear (?:for good|forever)\b",
        r"\b(?:do not|not) (?:see|have) (?:a|any|the) (?:point|future|reason) (?:in|to|anymore|for me)\b"
        r"|\bno point (?:in )?(?:anything|living|trying anymore|being here|any of it)\b|"
        r"\bwhat is the point (?:in|of) (?:living|me|being here|anything|life)\b",
        r"\bi do not see the point in anything\b|\bpointless (?:existing|existence|being alive)\b",
        r"\b(?:dead|die|dying) (?:inside and|tonight|soon)\b.*\b(?:want|end|myself|plan)\b|"
        r"\bdie tonight\b|\bdie soon\b",
        r"\bwant(?:ed)? to die\b|\bwanna die\b|\bwant to be dead\b|\bwish(?:ing)? (?:i|to) (?:could )?die\b",
        r"\bhow (?:many|much) (?:pills|tablets|paracetamol)\b.*\b(?:kill|die|overdose|enough|take)\b|"
        r"\bhow to (?:die|kill myself|end it|hang)\b|\bpainless way\b",
        r"\b(?:the|a) bridge\b.*\b(?:jump|end|thinking|over the edge|edge)\b|\bon the edge of (?:the|a) "
        r"(?:bridge|cliff|roof)\b|\bthe (?:train|tracks)\b.*\b(?:step|jump|lie|in front)\b",
        r"\bhurt(?:ing)? myself\b|\bharm(?:ing)? myself\b",
        r"\b(?:hate|hating) (?:myself|my life|being alive)\b.*\b(?:die|end|dead|gone|not be here|"
        r"disappear|cut|hurt)\b",
        r"\bgive up on (?:life|living|everything)\b|\bgiving up on (?:life|living|everything)\b",
        r"\b(?:no one|nobody) (?:will|would) (?:miss|care about) me\b",
        r"\bnot be (?:around|here) (?:much longer|anymore|for long)\b",
        r"\b(?:wish|hope|hoping|pray) i (?:do not|did not|will not|never|wont|would not) wake up\b",
        r"\bhow (?:many|much) (?:paracetamol|pills|tablets|painkillers|meds)\b",
        r"\b(?:might|may|probably|will|prob|defo) not (?:be here|be around|be alive|make it|still be here)\b|"
        r"\bif i am still (?:around|here|alive)\b|\bstill (?:be here|be around|be alive) by\b",
        # in the middle of a request: "remind me about it, not that i'll be alive by then"
        r"\bnot (?:that|like) (?:ill|i will|i would|id) (?:even |still )?be (?:even |still )?alive\b|"
        r"\bbe alive by then\b",
        r"\b(?:do not|not) see myself (?:making it|being alive|living|being here|getting to|reaching)\b",
        r"\b(?:hiding|hide|cover|covering) (?:the|my) (?:marks|scars|cuts)\b|\b(?:marks|scars|cuts) (?:under|on) my\b",
        r"\b(?:stash|stockpile|collection|load) of (?:tablets|pills|paracetamol)\b|\b(?:tablets|pills) "
        r"(?:in my (?:drawer|room|bag)|for when)\b",
        r"\bgiving (?:my|all my|away my) (?:stuff|things|games|clothes) away\b|\bgiving (?:away )?(?:my|all my) "
        r"(?:stuff|things)\b|\bleave (?:it|them|my stuff|all my stuff) to (?:my|him|her)\b",
        r"\b(?:stood|standing|sat|sitting|been) on (?:the|a) (?:edge|ledge|roof|top|railing)\b",
        r"\b(?:pain|hurt|hurting|it) to stop (?:forever|for good)\b|\bstop forever\b",
        r"\b(?:already|like i am already|like i m already) (?:gone|dead)\b|\blike a ghost\b",
        r"\brope\b.*\b(?:wardrobe|looking at|neck|tie|room|keep)\b",
        r"\b(?:be|am|i will be|ill be) dead (?:before|by|soon)\b",
        r"\bwhat it would (?:feel|be) like to (?:fall|die|jump|not be here|be dead|disappear)\b",
        r"\b(?:is the day|already decided|made my decision|made up my mind)\b.*\b(?:bye|end|goodbye|day|it)\b",
        r"\b(?:say|saying) (?:bye|goodbye) to (?:someone|you|everyone)\b",
        # a fall or a blade they thought of using: "thought about letting go on purpose"
        r"\b(?:let|letting|lets) go on purpose\b|\b(?:fall|falling|fell|jump|jumping|step|stepping) "
        r"(?:off )?on purpose\b",
        r"\b(?:sat|sitting|sit|lay|lying|laid|stayed|stood) (?:in|on) (?:the|my) (?:bath|bed|floor|"
        r"bathroom floor|bathroom)\b.{0,30}\b(?:with|holding) (?:a|the|my) (?:razor|blade|knife|pills)\b",
        # arranging what is left after them: "delete my badges after im dead", "so my family
        # has something after", "prob my last weekend anyway"
        r"\b(?:after|when|once|by the time) i am (?:dead|no longer here|gone(?! (?:on|to|for|away|out|"
        r"off|in|into|abroad|camping|shopping|home|back|up|down|over|round|with|from|at)\b))\b",
        r"\b(?:family|mum|mam|mom|dad|parents|nan|sister|brother|friends|mates|people) (?:has|have|"
        r"will have|gets?|can keep) something (?:after|to remember me)\b|\bsomething to remember me by\b",
        r"\b(?:my|the) last (?:weekend|week|day|days|night|summer|christmas|birthday|month) "
        r"(?:anyway|ever|alive|on earth)\b",
        r"\b(?:prob|probably|prolly|defo|likely) (?:my|the) last (?:one|badge|message|code|session|time|"
        r"claim)\b|\bhow deep (?:does|do|should|would|can|has) (?:a |the |my )?cuts? (?:need to|have to|"
        r"go|be)\b",
        r"\b(?:hid|hide|hiding|hidden) (?:my |the )?(?:food|dinner|tea|lunch|meals?)\b.{0,40}"
        r"\b(?:thinks? i (?:ate|have eaten|had)|so (?:mum|dad|she|he|they|nobody|no one) (?:thinks|knows))\b",
        r"\bhate (?:my ?self|my body|my face|me)\b.{0,40}\b(?:rip|tear|cut|scratch|claw) (?:my )?"
        r"(?:skin|face|arms?) off\b",
    ),
    "exploitation": (
        # after the thirtieth set's: an adult asking about one's underwear, or if one is home alone
        r"\b(?:asked|asking|asks|wants to know|keeps asking|keep asking)(?: me)? (?:what (?:colour|color|"
        r"kind of|type of) )?(?:my )?(?:underwear|knickers|pants|bra|boxers) (?:i am|i have|is|are|was|were)\b|"
        r"\b(?:adult|man|guy|bloke|someone|stranger|somebody|person|older \w+)\b(?: \w+){0,6} (?:asked|"
        r"asking|asks|wants to know|keeps asking|keep asking)\b.{0,40}\b(?:if|whether) (?:i am|i was|"
        r"i will be) (?:home alone|on my own at home|alone (?:at home|in the house|in my room))\b",
        # after the twenty-third set's: running for them
        r"\brunning (?:stuff|bits|packs?|packages|parcels|bags|shots|gear|drugs) for (?:them|him|"
        r"some (?:lads|guys|men|older \w+)|older (?:lads|boys|guys|kids)|these (?:lads|guys|men))\b",
        r"\b(?:meet|meeting|come) (?:me |him |her |them )?(?:at|in) (?:a|his|the) hotel\b|"
        r"\b(?:talent|modelling|model) (?:scout|agent)\b.{0,40}\b(?:meet|dm|message|pictures|hotel)\b",
        r"\b(?:send|sending|sent|share|sharing|asking for|asked for|asks for|asks me for|asked me for|"
        r"ask me for|wants|want|wanted|begging for|begs for|keeps asking for|asking me to send|"
        r"asked me to send|wants me to send|told me to send|pressuring me to send|pressured me to send|"
        r"make me send|made me send|demanding|demands) (?:me |him |her |them |a |some |more |my |"
        r"u |you )?(?:\w+ )?" + PICTURES + r"\b",
        r"\bnudes\b",
        r"\b(?:threaten|threatening|threatened|threatens|going to|gonna|will|said he would|said she would|"
        r"says he will|said they would) (?:to )?(?:share|send|post|leak|show|put|spread|upload) "
        r"(?:my|the|them|it|those|these|our|me) ?(?:\w+ )?(?:pictures|picture|videos?|nudes|pics|"
        r"online|everywhere|to everyone|to my (?:mum|family|friends|school)|about me)?",
        r"\b(?:leak|leaked|share|shared|post|posted|spread|spreading|sent|showed) (?:my|our) "
        r"(?:nudes|pictures|videos?|private (?:pictures|stuff))\b",
        r"\bsextort|\bgroom(?:ing|ed|s)?\b|\bblackmail",
        r"\b(?:someone|somebody|a guy|a man|a woman|this guy|a lad|an older \w+) i (?:met|know|been "
        r"talking to|talk to|play with)\b.{0,30}\b(?:wants|asked|offered|is going|keeps asking|said he "
        r"would|said she would) (?:to )?(?:pick me up|meet|collect me|come and get me|drive me)\b",
        r"\b(?:wants|want|wanted|asking|asked|asks|keeps asking|trying|tried|arranged|arranging|"
        r"planning|invited me|invites me|told me) (?:me )?(?:to )?(?:meet|meeting|meet up|come over|come round|"
        r"go to his|go to her|get in his car|come to his|stay at his|sleep over at his)\b.*?"
        r"(?:\b(?:older|\d\d|online|met (?:him|her|them)|from|snapchat|instagram|tiktok|discord|roblox|"
        r"fortnite|xbox|game|never met|do not know|secret|alone|on my own|tell anyone|his (?:house|flat|car))\b)",
        r"\b(?:met|meet|talking to|talk to|chatting to|chatting with|been talking to|speaking to) "
        r"(?:a|this|some) (?:guy|man|boy|lad|girl|woman|person|older guy|bloke) (?:on|from|off|in) "
        + ONLINE,
        r"\b" + ONLINE + r"\b.*\b(?:wants|want|asked|asking|keeps asking|told) (?:me )?to (?:meet|"
        r"send|keep|video call|facetime|take off|undress|show|do things)\b",
        r"\b(?:keep|keeping) (?:it|this|us|our \w+|what we do|what happened) (?:a |our )?secret\b|"
        r"\b(?:our|a) (?:little )?secret\b|\bdo not tell (?:anyone|ur mum|your mum|your parents|"
        r"your dad|no one|any1)\b",
        r"\b(?:he|she|they) (?:is|was|s) (?:[2-9]\d|1[89])\b.*\b(?:i am|i m|im|and i am|and i m) "
        r"(?:1[0-6]|only 1[0-6])\b|\bi am (?:1[0-6]|only 1[0-6])\b.*\b(?:he|she) (?:is|s) (?:[2-9]\d|1[89])\b",
        r"\b(?:older|old|grown) (?:guy|man|men|bloke|boyfriend|lads?|blokes|fella|woman|girlfriend)\b.*"
        r"\b(?:gifts?|buys|bought|money|vapes?|drinks|alcohol|weed|car|party|parties|flat|house|hotel|"
        r"meet|lift|lifts|picks me up|picked me up|stay|secret|sleep|pay|paid|sex|touch)\b",
        r"\b(?:buys|bought|gives|gave|giving) me (?:\w+ )?(?:vapes?|weed|alcohol|drinks|money|phones?|"
        r"a phone|trainers|gifts|presents|stuff|cash|things)\b.*\b(?:older|in return|owe|if i|for|"
        r"wants|want|asks|asked|secret|meet|sex|touch|pictures)\b",
        r"\b(?:touch|touching|touched|touches|grope|groping|groped|feel me up|felt me up|"
        r"kissed me|kiss me|rubbing|rubbed) (?:me|my|him|her|myself|his)\b",
        r"\b(?:made|makes|make|forced|forces|pressured|pressuring|pressures|pushing|pushed) me (?:to )?"
        r"(?:do|have|into) (?:stuff|things|sex|sexual|it|things i did not want|stuff i did not want)\b",
        r"\b(?:sex|sexual|sexually|rape|raped|raping|molest|assault(?:ed)?|abused me|abusing me)\b",
        r"\b(?:undress|take (?:my|off my) (?:clothes|top|top off|clothes off)|take my top off|"
        r"sit on his lap|in my underwear|on camera|video ?call(?:ing)? (?:naked|in my))\b",
        r"\b(?:coach|tutor|teacher|youth worker|instructor|manager|boss|neighbour)\b.*\b(?:messag\w*|"
        r"texts?|texting|snapchat|dms?|adds?|added|keeps|touch\w*|asked|asking|gifts?|secret|"
        r"alone|lap|kiss\w*|car|house)\b.*\b(?:weird|uncomfortable|secret|alone|at night|late|"
        r"personal|private|touch\w*|kiss\w*|body|pictures|lap|creepy|special)\b",
        r"\b(?:creepy|weird|uncomfortable|inappropriate|dodgy|sus)\b.*\b(?:messag\w*|texts?|dms|asking|"
        r"asked|touch\w*|man|guy|bloke|coach|teacher|tutor|older)\b.*\b(?:me|my)\b",
        r"\b(?:pay|paid|pays|offered|offering) (?:me )?(?:money|cash|\d+ ?(?:quid|pounds)|£\d+)? ?(?:for|to)"
        r" (?:pictures|nudes|videos?|sex|meet|do things|stuff)\b",
        r"\bboyfriend\b.*\b(?:\d\d|older|years older|at uni|works|drives|car|flat)\b.*\b(?:secret|"
        r"do not tell|pictures|sex|stay|mum does not know|parents do not know|wants)\b",
        r"\b(?:exploit|exploited|exploiting|trafficked|trafficking|pimp)\b",
        r"\b(?:old|older|grown) (?:guy|man|bloke|lad|woman|person) (?:added|follows|followed|keeps adding|"
        r"messaged|messages)\b",
        r"\b(?:man|guy|bloke|someone|adult|person|he|she|lad|girl) (?:from|on|off) (?:the )?(?:gaming|discord|"
        r"server|game|online|snapchat|instagram|tiktok|roblox|xbox|fortnite|app)\b.*\b(?:meet|pictures|send|"
        r"video|secret|address|top off|come)\b",
        r"\bfake (?:account|profile|page) with my (?:pictures|picture)\b|\bselling (?:my|them|our) (?:pictures|nudes|"
        r"videos?)\b",
        # (and, after the fifty-fourth set's, all of them: "told me to delete all our messages")
        r"\bdelete (?:all )?(?:of )?(?:our|the|all the|my) (?:chats|messages|texts|snaps|dms)\b|\b(?:so|or) my (?:parents|mum|dad) "
        r"(?:will not|wont|do not|dont|never) (?:find out|know|see)\b",
        r"\b(?:hand|hands) on my (?:leg|thigh|knee|bum|chest|body|waist|boobs)\b",
        r"\b(?:messaging|texting|dming|messages|texts|dms|says|saying|said|tells me|told me) (?:me )?(?:saying )?"
        r"(?:i am|im|i m) (?:fit|hot|sexy|pretty|mature|beautiful|gorgeous|special|his girlfriend)\b",
        r"\b(?:top|clothes|shirt|trousers|bra|underwear) off\b|\bwithout (?:my |any )?clothes\b",
        r"\b(?:asking|asks|asked|ask) (?:me )?if i am (?:alone|on my own|home alone|by myself)\b",
        r"\b(?:stay over|sleep over|stay the night|sleepover|stay) at (?:his|hers|their|a mans|his flat|his house)\b"
        r".*\b(?:older|2\d|3\d|not tell|should not tell|do not tell|secret|mum|parents)\b",
        r"\b(?:send|show|share|post) (?:them|it|those|my \w+) to (?:my|your) (?:family|mum|parents|friends|"
        r"school|followers)\b|\bunless i (?:pay|send)\b",
        r"\b(?:shared|sent|posted|showed) (?:a |the )?(?:vid|video|picture|pictures|clip) of me\b|"
        r"\b(?:vid|video|picture|pictures|clip) of me (?:is |are )?(?:going round|shared|everywhere|online)\b",
        r"\bkeep it between (?:you|us|u) (?:two|2|both)\b|\bbetween (?:us|you and me)\b",
        r"\bpose (?:without|naked|nude|in my|for him|for pictures)\b",
        r"\b(?:giving|gives|gave|buying|buys) me (?:\w+ )?gifts\b|\bsays (?:he is|hes) my boyfriend\b",
        r"\bif i tell (?:anyone|any one|my mum|my parents|someone)\b.*\b(?:prison|trouble|fault|hurt|leave|"
        r"kill|share|post|send)\b",
        r"\b(?:teacher|coach|tutor|youth (?:worker|leader)|instructor|leader|manager|boss|neighbour|"
        r"mates (?:dad|uncle|brother)|step brothers mate)\b.*\b(?:dming|dm|dms|messaging|texting|snapchatting|"
        r"adding|added|messages|texts) me\b",
    ),
    "abuse": (
        # after the forty-first set's (found after it was measured): lying about a mark on my face
        r"\b(?:lie|lied|lying|make up|made up|making up|had to lie|have to lie)\b.{0,40}\b(?:about|for) "
        r"(?:the |a |my |these |those )?"
        + MARKS
        + r" (?:on|to|round|around) my (?:face|arms?|neck|back|legs?|eye|cheek|wrists?|chest|lip)\b"
        r"(?!(?:(?!\b(?:said|told|pretend\w*|made out|claimed)\b).){0,40}\b(?:fell|falling|fall off|"
        r"football|rugby|netball|hockey|skat\w+|bike|trampolin\w*|pe|training|match|climbing)\b)",
        r"\b(?:lie|lied|lying)\b (?:to )?(?:the |my |our )?(?:school )?(?:nurse|teacher|doctor|gp|social "
        r"worker|head of year|form tutor|tutor|pastoral \w+|miss|sir)\b.{0,20}\babout (?:the |my |these "
        r"|those |all the )?" + MARKS + r"\b",
        # after the forty-second set's (found after it was measured): left home alone for a week
        r"\b(?:left|leaves|leaving|(?:they|she|he|mum|dad|parents|nan|carers?) leave) (?:(?:me|us)(?: and "
        r"my \w+)? |me and (?:him|her) )?(?:home )?alone (?:at home )?for (?:a week|a "
        r"whole week|a fortnight|weeks|days|\d+ days|two days|three days|four days|five days)\b"
        r"(?!.{0,20}\b(?:when i was (?:17|18|19|20)|at uni|in my flat)\b)",
        # after the thirty-sixth set's (found after it was measured): permission needed at home
        # to use the toilet
        r"\b(?:have to|got to|need to|must|make me|makes me|made me) ask (?:for )?(?:permission )?"
        r"(?:to|before (?:i|we)) (?:use|go to|have) (?:the |a )?(?:toilet|loo|bathroom|shower|fridge|"
        r"kitchen|food)\b(?=.{0,40}\b(?:home|house|carers?|foster|mum|dad|step ?\w+|parents)\b)(?!.{0,40}"
        r"\b(?:school|class|lesson|teacher|exam)\b)",
        # after the thirty-fifth set's (found after it was measured): a coach or teacher who
        # hits the children as a punishment
        r"\b(?:coach|teacher|instructor|tutor|sensei|trainer|manager|leader)\b (?:\w+ )?(?:punches|"
        r"punched|hits|hit|slaps|slapped|kicks|kicked|smacks|smacked|whacks|whacked|beats|chokes|"
        r"shoves) (?:us|me)\b.{0,40}\b(?:when (?:we|i) (?:lose|lost|mess up|messed up|get it wrong|"
        r"are late|am late|talk back)|if (?:we|i) (?:lose|mess up|get it wrong|are late|am late|talk "
        r"back)|as (?:a )?punishment|to punish|for (?:losing|being late|messing up|getting it wrong|"
        r"talking back)|builds character|toughen (?:us|me) up)\b",
        # after the thirty-fourth set's (found after it was measured): slapped so hard an ear rings
        r"\b(?:slapped|smacked|whacked) (?:me )?so hard\b.{0,40}\b(?:ringing|bleeding|bled|swollen|"
        r"bruised|still hurts|still stings|left (?:a )?marks?)\b",
        # after the thirty-second set's (found after it was measured): kicked in the stomach by
        # dad, a mum who does not feed her children
        r"\b(?:kicked|punched|hit|slapped|stamped on|headbutted|strangled|choked|thrown|smacked|whacked|"
        r"beaten|battered) (?:\w+ ){0,4}by (?:my )?(?:dad|mum|mam|step ?dad|step ?mum|uncle|aunt|auntie|"
        r"nan|grandad|(?:mums|dads) (?:boyfriend|girlfriend|partner)|carer|foster (?:mum|dad|carer))\b"
        r"(?! at | in (?:a |the )?(?:game|race|match|quiz))",
        r"\b(?:mum|dad|mam|parents|step ?mum|step ?dad|carer|nan)s? (?:does not|do not|never|will not|did "
        r"not|hardly|barely)(?: really| ever| even)? (?:feed|feeds|fed) (?:us|me|my (?:brother|sister|"
        r"siblings|little \w+))\b",
        # ...or forgets to, as a rule (after the fifty-second set's, found after it was measured)
        r"\b(?:mum|dad|mam|parents|step ?mum|step ?dad|carer|nan)s? (?:forgets|forget|keeps? forgetting|"
        r"always forgets?|often forgets?|usually forgets?) (?:to )?(?:feed|cook for|make (?:tea|dinner|"
        r"food) for) (?:us|me|my (?:brother|sister|siblings|little \w+))\b",
        # made to sleep in the shed as a punishment: abuse, before the runaway rules' sheds
        r"\b(?:made|make|makes|making|forced|force|forces) (?:me|you|us|him|her|them) (?:to )?(?:sleep|"
        r"live) (?:in|out in) (?:the |a )?(?:(?:garden|back) )?(?:shed|garage|garden|coal shed)\b|"
        r"\b(?:made|forced) to (?:sleep|live) (?:in|out in) (?:the |a )?(?:(?:garden|back) )?(?:shed|"
        r"garage|garden)\b",
        # after the twenty-eighth set's: a wedding planned for the writer, to a cousin
        r"\b(?:family|parents|mum|dad|uncle|aunt|auntie|they)\b.{0,20}\b(?:planning|arranging|arranged|"
        r"organising|booked) my (?:wedding|marriage)\b|\b(?:wedding|marriage) to (?:my|a) cousin\b",
        # after the twenty-seventh set's: hit with something in the house hard enough to wound
        r"\b(?:got|get|gets|getting|was|been) (?:hit|smacked|whacked|belted|battered|struck) (?:with|by) "
        r"(?:the|a|an|his|her|their|my) (?:tv remote|remote|belt|shoe|slipper|plate|cup|mug|bottle|"
        r"hairbrush|wooden spoon|spoon|charger|phone charger|cable|lead|chair|pan|frying pan|ashtray|"
        r"stick|broom|hanger|coat hanger)\b.{0,30}\b(?:cut|split|bled|bleeding|bruised|bruises|black eye|"
        r"head open|lump|stitches|marks?)\b",
        # after the twenty-third set's: a passport taken, a cousin to marry
        r"\b(?:took|taken|take|taking|kept|keep|hid|hidden|got) my passport\b.{0,60}\b(?:marry|"
        r"marrying|married|wedding|engaged|husband|wife|send me back|sending me back)\b|"
        r"\b(?:i am|me) (?:marrying|to marry|getting married to|going to marry|have to marry|"
        r"got to marry|being married to|being married off to) my (?:cousin|uncle)\b",
        r"\b(?:was not|am not|not|never|is not) allowed (?:any )?(?:dinner|food|tea|breakfast|lunch|to eat|"
        r"meals?)\b.{0,20}\b(?:for|since) (?:\d+|two|three|four|a|the whole|days)\b",
        r"\bhome is (?:a )?(?:warzone|war zone|hell)\b|\bsmashed (?:a |the )?\w+ (?:over|on|into) "
        r"(?:my )?(?:mums|mum s|dads|her|his|my|my sisters|my brothers) (?:head|face)\b",
        r"\b(?:belted|whipped|hit|hits|beat|beats|beaten|battered|smacked|leathered) (?:me |us )?"
        r"(?:with|using) (?:a|the|his|her|my|their) (?:belt|slipper|stick|wooden spoon|cable|wire|"
        r"shoe|hairbrush|lead)\b",
        r"\b(?:mum|mam|mom|dad|parents|they|she|he) (?:will not|would not|never|does not|do not) "
        r"(?:take|let) me (?:go )?(?:to )?(?:the )?(?:dentist|doctor|doctors|gp|hospital)\b",
        r"\b(?:not|never|is not|are not) (?:bothered|fussed) (?:about|with) (?:any of )?(?:us|me)\b",
        r"\b(?:hit|fight|punch|swing) back (?:when|at|against|if) " + FAMILY + r"\b",
        # going without: neglect at home or nowhere to live
        r"\bfirst (?:hot |proper |real |decent )?(?:meal|food|dinner)\b.{0,30}\b(?:in|for) "
        r"(?:(?:a|about a|over a|like a) (?:week|while|few days|couple of days)|days|\w+ days)\b",
        r"\b"
        + FAMILY
        + r"\b.*\b"
        + HURT_VERBS
        + r" (?:me|us|my (?:mum|sister|brother|little|baby)|"
        r"her|mum)\b",
        r"\b" + HURT_VERBS + r" me\b.*\b" + FAMILY + r"\b",
        r"\b(?:he|she|they) " + HURT_VERBS + r" me\b.*\b(?:drunk|home|when|every|again|angry|"
        r"bruise|mark|belt|all the time|at night|tell|nobody)\b",
        r"\b(?:hits|beats|hurts|punches|kicks|slaps|smacks|chokes|batters) me\b",
        r"\b(?:hit|beat|punched|kicked|slapped|smacked|choked|battered|hurt) me (?:again|last night|"
        r"yesterday|today|so hard|with|until|in the|across)\b",
        r"\b(?:domestic|dv\b|domestic violence|domestic abuse)",
        r"\babuse(?:s|d)? me\b|\babusive\b|\b(?:being|been|getting) abused\b|\babus(?:e|ing) at home\b",
        r"\b(?:scared|afraid|frightened|terrified) (?:of|to go|of going|to be) (?:home|at home|back home|"
        r"my (?:mum|dad|step ?dad|step ?mum|parents|brother|uncle|carer)|going home|him|her)\b",
        r"\b(?:not|do not feel|never feel) safe (?:at|in my) (?:home|house)\b|\bhome is not safe\b",
        r"\b(?:shouts|screams|yells|swears) at me\b.*\b(?:all the time|every|always|worthless|useless|"
        r"scared|hate|hits|night)\b|\b(?:calls|called|calling) me (?:worthless|useless|a mistake|a waste|"
        r"a burden|pathetic|a failure)\b",
        r"\b(?:no|not any|not enough|never any) food (?:at home|in the house|in the flat|for (?:days|ages))\b|"
        r"\b(?:have not|not|never) eaten (?:in|for) (?:days|\d+ days|two days|ages)\b|"
        r"\b(?:nothing|no food) to eat\b|\bgo to bed hungry\b|\bstarving at home\b",
        r"\b(?:locked|locks|locking|left) me (?:out|in my room|in the)\b",
        r"\b(?:comes|came|coming) into my (?:room|bed)\b|\bin my bed\b.*\b(?:he|she|they)\b",
        r"\b(?:bruises?|bruised|marks|black eye|burns) (?:on|from|all over)\b.*\b(?:dad|mum|he|she|him|"
        r"her|step|uncle|belt|hit|again)\b",
        r"\b(?:dad|step ?dad|mums boyfriend|he) (?:hits|beats|hurts|hit|beat|punched|chokes|batters|is "
        r"hitting|was hitting|kicked|strangled|threw \w+ at) (?:my )?mum\b",
        r"\b(?:drunk|(?:is|are|was|were|gets|got|get|getting|comes home|came home|when) high|off his face|"
        r"off her face|wasted)\b.*\b(?:hits|hit|smash\w*|throws|threw|"
        r"violent|angry|kicks|hurts|screams|shouts|beat|scary|scared)\b",
        r"\b(?:my )?(?:mum|dad|step ?dad|step ?mum|parents?|carer)\b.*\b(?:left me|leave me|leaves me|"
        r"left us|leaves us) (?:alone|on my own|on our own|with no|without)\b",
        r"\bneglect",
        r"\b(?:uncle|step ?dad|dad|brother|cousin|grandad|mums boyfriend)\b.*\b(?:touch\w*|room at night|"
        r"in my bed|sex\w*|private parts|undress|makes me)\b",
        r"\b(?:throws?|threw|smashes|smashed) (?:things|stuff|plates|a plate|a glass|my phone|a bottle|"
        r"chairs?) (?:at|around|when)\b",
        r"\b(?:hate|scared of|terrified of) (?:going|being) (?:home|at home)\b",
        r"\bsocial (?:services|worker)\b.*\b(?:scared|do not tell|took|taking|hurt|home)\b",
        r"\blocked (?:me )?out (?:all night|again|of the house|of home|overnight)\b",
        r"\b"
        + FAMILY
        + r"\b.*\b(?:says|said|tells me|told me|shouts)\b.*\b(?:wishes i|wish i|hates me|never born|"
        r"ruined (?:her|his|their) life|a mistake|end up like)\b",
        r"\b(?:have not|not|never|did not) eat(?:en)? (?:since|in|for|properly for)\b",
        r"\bgrab\w* me by (?:the |my )?(?:neck|throat|hair|arm|collar)\b|\bby the (?:neck|throat)\b",
        r"\b(?:not been|has not been|not|never) (?:home|back) (?:for|since|in) (?:\d+|two|three|four|a few|days|"
        r"ages|the weekend|thursday|friday|monday)\b",
        r"\bnothing (?:in the fridge|to eat|at home|in the cupboards?)\b",
        r"\b(?:chair|wardrobe|bed) (?:against|in front of) (?:my|the) door\b|\bbarricade",
        r"\b(?:violent|aggressive|kicks off|kicking off|goes mad|go mad|loses it|lose it|gets angry)\b.*\b"
        r"(?:drinking|drunk|when|home|mum|dad|he|she|last night|again|what that means)\b",
        r"\bblood on (?:her|his|my) (?:face|lip|nose)\b|\bblack eye\b",
        r"\b(?:messaging|texting|messages|texts) me (?:threatening|threats)\b|\bthreatening (?:me|stuff|things)\b",
        r"\b(?:hates|hate) me\b.*\b(?:every ?day|mum|dad|step|let me eat|eat tea)\b",
        r"\bpunch(?:es|ed)? the wall\b|\b(?:smash|smashes|smashed|broke|breaks) (?:my|the) (?:phone|door|stuff|things)\b"
        r".*\b(?:again|dad|mum|he|she|scared)\b",
        r"\b(?:if|when) i (?:grass|tell|say no|say anything|talk)\b.*\b(?:hurt|hospital|hit|punch|kill|batter|"
        r"beat|put)\b",
        r"\b(?:no one|nobody) (?:feeds|looks after|cares for) (?:us|me)\b|\b(?:does not|doesnt|never) feed (?:us|me)\b",
        r"\b(?:no hot water|no electric|no electricity|no heating|dirty clothes|clothes were dirty)\b.*\b(?:home|"
        r"months|weeks|mum|dad|care)\b",
        r"\b(?:mum|mam|dad|step\w*|mums boyfriend|dads girlfriend|nan|carer|uncle|auntie|aunt)\b.{0,20}"
        r"\b(?:pulled|pulls|pulling|ripped|rips|yanked|yanks|dragged|drags) (?:me by )?my hair\b",
    ),
    "runaway": (
        # after the forty-third set's (found after it was measured): staying in the park tonight
        r"\b(?:stay|kip|crash|kipping|crashing|spend the night|spending the night) (?:in|at|on|under) "
        r"(?:the |a )?(?:park|bus station|train station|station|stairwell|bench|street|streets|car park|"
        r"underpass|bus shelter|doorway|beach|woods|bridge|subway)s? (?:tonight|overnight|all night|for "
        r"the night)\b",
        # after the fortieth set's (found after it was measured): on a coach to a city where
        # i know no one; not a trip, a course or a gig
        r"\b(?:on|got on|getting on|in) (?:a|the) (?:coach|train|bus|megabus) to \w+\b.{0,40}\b(?:do not|"
        r"dont) know (?:anyone|anybody|where (?:to go|i will stay|to stay|i am going))\b(?!.{0,60}\b(?:trip|"
        r"course|uni|open day|residential|camp|gig|festival|nervous|excited|match|interview)\b)",
        # after the thirty-fifth set's (found after it was measured): the council says the
        # writer is not a priority for housing
        r"\b(?:council|housing)\b.{0,40}\b(?:i am|i was|i|we are|we) (?:not|no) (?:a )?priority\b|"
        r"\bintentionally homeless\b|\blost my (?:room|place|bed) (?:at|in) (?:my )?(?:mates|"
        r"friends|the hostel|the flat|the house)\b",
        # after the twenty-seventh set's: hostels for under-18s
        r"\b(?<!youth )(?:hostels?|shelters?|night shelters?)\b.{0,20}\b(?:for|take|taking|that take) "
        r"(?:under 18s?|under eighteens|1[3-7] year olds|young people|teenagers|teens)\b(?!.{0,40}"
        r"\b(?:trip|holiday|dofe|residential|camp)\b)",
        # after the twenty-sixth set's: a plan to run while they are out
        r"\b(?:plan is to|planning to|going to|i will|i am going to|about to) (?:run|run off|run away|"
        r"leave|escape|do a runner|bail)\b(?: \w+){0,3} (?:when|while) (?:they are|mum and dad are|my "
        r"parents are|mum is|dad is|my mum is|my dad is|everyone is|everyones) (?:at work|out|asleep|"
        r"not looking|not home|away)\b(?!.{0,40}\b(?:parkrun|park run|\d+k|km|miles?|laps?|race|marathon|"
        r"track|training|club)\b)",
        # after the twenty-fifth set's: a squat
        r"\b(?:staying|living|sleeping|crashing|kipping|stays|lives|sleeps) (?:in|at) (?:a |the |an )?"
        r"squats?\b",
        # after the twenty-fourth set's: moving between mates, a club to sleep at
        r"\b(?:move|moving|bounce|bouncing|go|going|sleep|sleeping) (?:about|around|round) between "
        r"(?:my )?(?:mates|friends|mates houses|friends houses|sofas)\b",
        r"\b(?:youth clubs?|youth centres?|library|libraries|church|churches|mosque|station|"
        r"hospital|mcdonalds)\b.{0,30}\b(?:let|lets|letting) (?:you|me|people|kids|young people) "
        r"(?:sleep|stay the night|stay overnight|kip) (?:there|in|inside|overnight)\b",
        # after the twenty-third set's: leaving on a birthday, everything one owns
        r"\b(?:planning|plan|going|want) to leave (?:home |here |this house )?(?:on|after|the day "
        r"after|the night of) my (?:birthday|16th|18th|bday)\b",
        r"\bwith (?:everything|all the stuff|all my stuff|all my things) i (?:own|have|have got)\b|"
        r"\beverything i own (?:in|into) (?:a|my|one|two) (?:bag|bags|rucksack|backpack|suitcase|"
        r"bin bags?)\b",
        r"\bno fixed (?:address|abode)\b|"
        r"\b(?:couch|sofa) (?:hopping|hop|surfing|surf)\b|"
        r"\b(?:moving|staying|sleeping|bouncing|living) (?:between|round|around) (?:mates|friends|"
        r"different|peoples|my mates|my friends)(?: houses| places| sofas)?\b",
        r"\bemergency (?:housing|accommodation|hostel|bed)\b|\b(?:beds?|a bed|somewhere to stay) "
        r"for (?:the|a|one) night\b",
        r"\bcan i (?:sleep|stay|kip|crash) (?:at|in|over at) (?:the )?(?:youth (?:centre|club)|centre|"
        r"club|hub|library|station|church)\b|\b(?:somewhere|anywhere|nowhere) (?:safe )?to "
        r"(?:sleep|stay|kip)\b",
        r"\b(?:hitch|hitchhike|hitching|get a coach|get a train|get the train|get the coach) to "
        r"\w+ and (?:start (?:again|over|a new life)|never come back|not come back|disappear)\b",
        r"\b(?:ran|run|running|going to run|gonna run|want to run|thinking of running|planning to run|"
        r"about to run) away\b",
        r"\b(?:ran|run|running|left|leaving|walked out) (?:off )?(?:from|of) (?:home|care|my (?:foster|"
        r"placement|home|care home|childrens home|house|mums|dads))\b",
        r"\b(?:kicked|thrown|chucked|threw|kick|throw|chuck|kicking|throwing) (?:me )?out\b(?! (?:of )?"
        r"(?:the |a |our |my )?(?:team |friend |friends |class )?(?:group|gc|chat|class|lesson|team|game|"
        r"match|club|discord|server|lobby))",
        r"\b(?:sleeping|slept|sleep|sleeps|staying|stayed) (?:rough|on the streets?|outside|in a park|"
        r"in the park|on a bench|at the station|in a tent|in a car|in a stairwell|on the beach|"
        r"in a doorway|on the street)\b",
        r"\b(?:nowhere|no where|no place|nowhere else|no one|anywhere) (?:to|i can) (?:sleep|stay|go|live|"
        r"crash)\b|\bno(?:where| place) to (?:stay|sleep|go|live)\b|\bwhere (?:can|do|will) i sleep\b",
        r"\bsofa surf|\bcouch surf|\bhomeless\b|\bon the streets\b",
        r"\b(?:told|said|says|tells) (?:me )?(?:not to|do not|to never|never to|dont) come (?:back|home)\b|"
        r"\b(?:do not|not) come back\b.*\b(?:mum|dad|said|told)\b",
        r"\b(?:can not|cant|can t|not|never|not ever|refuse to|will not|wont) (?:go|going|goin) "
        r"(?:back )?home\b",
        r"\b(?:do not|not) (?:have|got) (?:a|any) (?:home|bed|roof|place to (?:stay|live|sleep))\b|"
        r"\bno (?:home|roof over my head|bed tonight)\b|\bhave no home\b",
        r"\b(?:staying|sleeping|stay) (?:at|with|round) (?:a |some )?(?:random|stranger|strangers|some guy|"
        r"someone i do not know|a mate of a mate)\b",
        r"\b(?:left|leave|leaving) home\b.*\b(?:tonight|for good|not going back|never|can not|cant|"
        r"nowhere|sleep|stay)\b",
        r"\b(?:missing from (?:home|care)|reported missing|gone missing|going missing)\b",
        r"\b(?:packed|packing) (?:a |my )?bag\b.*\b(?:leave|leaving|go|going|run|away|tonight)\b",
        r"\b(?:moved|move) out\b.*\b(?:nowhere|no where|no money|kicked|had to|sleep)\b",
        r"\b(?:walking|wandering) (?:around|the streets)\b.*\b(?:all night|night|nowhere|cant go|can not go)\b",
        r"\bran off (?:from|out of)\b|\b(?:have not|not|never) been (?:home|back home) (?:in|for)\b",
        r"\b(?:told|tells|made|makes|make) me (?:to )?(?:leave|get out|go)\b.*\b(?:home|house|parents|mum|dad|"
        r"because|came out|tonight)\b|\bparents (?:told|made) me (?:to )?leave\b",
        r"\b(?:sleeping|slept|sleep|stayed|staying|kipping|kip|crashing|crashed) (?:in|on|at|under) (?:a |the |my )?"
        # after the twenty-ninth set's: a garden shed on the allotments
        r"(?:(?:garden|allotment|bike|tool|old|abandoned|empty) )?"
        r"(?:stairwell|doorway|bus shelter|car|tent|park|station|garage|shed|bench|beach|street|streets|woods|"
        r"underpass|bridge|mates floor|floor)\b",
        # after the forty-seventh set's (found after it was measured): living in a car
        r"\b(?:i|we) (?:live|am living|are living|have been living|been living|have lived) (?:in|out of) "
        r"(?:a|an|my|our|the|his|her|their|\w+s) (?:\w+s )?(?:car|van|tent)\b(?! (?:park|boot|wash|"
        r"free|show|seat|dealership)\b)(?!.{0,30}\b(?:festival|camp|holiday|dofe|game|sims|minecraft|"
        r"for (?:a|the) (?:night|week|weekend|few days))\b)",
        r"\bkipping\b|\bleft home with\b|\bwith my bag\b.*\b(?:not going back|station|leaving)\b",
        r"\bevicted\b|\bhostel\b|\b(?:have|got|has) to (?:go|leave|be out) (?:tomorrow|by|tonight)\b",
        r"\bleaving and not telling (?:anyone|any one)\b|\bnot telling anyone where\b",
        # (and, after the fifty-third set's, the writer who left home days ago)
        r"(?:^|\bi (?:have )?|\bwe (?:have )?)(?:left|ran away from|walked out of) (?:home|my house|the "
        r"house|my mums|my dads|my foster \w+|the care home)\b (?:(?:\w+ ){0,2}?(?:\d+|two|three|four|"
        r"five|"
        r"six|a few|a couple of|couple of|few) (?:days|nights|weeks) ago|(?:\w+ ){0,2}?(?:last (?:night|"
        r"week|month)|yesterday))\b(?!.{0,30}\b(?:trip|holiday|uni|university|camp|dofe|residential|"
        r"visit|festival|tour|course|airport|flight|ferry|abroad)\b)|\bi am (?:a|the|basically a|"
        r"like a|now a) runaway\b",
        r"\bleft home (?:because|after|cos|to get away)\b|\b(?:at|in) the (?:bus|train|coach) station\b.*"
        r"\b(?:left|alone|nowhere|not going|all night|sleep)\b|\bwalked out\b|\b(?:being|getting) moved\b.*\b(?:run|rather|leave)\b",
        r"\b(?:need|needs|looking for) (?:somewhere|a place|anywhere) to (?:stay|sleep|live|crash)\b",
        r"\b(?:can not|can t) stay (?:at home|here|there|in that house)\b",
        r"\b(?:wants|want) me (?:gone|out)\b|\b(?:do not|dont) want me (?:anymore|there|back|any more)\b",
        r"\b(?:any|where (?:is|are)|need|looking for|find) (?:a |an |the )?(?:\w+ )?(?:night ?shelters?|"
        r"emergency (?:accommodation|housing|beds?))\b",
    ),
    "substances": (
        # after the forty-ninth set's (found after it was measured): someone at home dealing
        # from it ("my older brother deals from our house")
        r"\b(?:mum|mam|mom|dad|step ?dad|step ?mum|brother|sister|bro|sis|uncle|auntie|aunt|cousin|nan|"
        r"grandad|he|she|they|someone|people|men|boyfriend|partner|parents|carer)s? (?:(?:is|are|has been|"
        r"have been|keeps?) )?(?:deals|deal|dealing|sells drugs|selling drugs|sell drugs|shots|shotting) "
        r"(?:from|out of) (?:our|my|the|mums|mum s|dads|dad s|home)\b(?: (?:own )?(?:house|home|flat|"
        r"kitchen|bedroom|room|place)\b)?",
        # after the forty-seventh set's (found after it was measured): going to a drug service,
        # drugs left lying about at home
        r"\b(?:going to|go to|goes to|been going to|attending|attend|started at|start at|referred to|"
        r"seeing|see) (?:a |the |my |our )?(?:young peoples? |youth )?(?:drug|drugs|alcohol|substance|"
        r"substance misuse|addiction) (?:service|services|team|worker|counsellor|clinic|support|programme|"
        r"program|project)\b",
        r"\b(?:leave|leaves|left|leaving|keep|keeps) (?:their|his|her|the|all their|all his|all her|all "
        r"the) (?:drugs|weed|coke|cocaine|crack|needles|baggies|gear|ket|spliffs|joints|bongs) (?:lying |"
        r"laying )?(?:about|around|out)\b",
        # after the forty-third set's (found after it was measured): "going ot to shot some food"
        # (county lines: out of town, selling drugs), not a photo shoot of a dinner
        r"\b(?:shot|shotting|shotted) (?:some |the |a bit of )?(?:food|nitty|packs|white and brown|brown "
        r"and white)\b(?! ?(?:pics?|photos?|photography|footage|video|for (?:my|the|a|our) (?:portfolio|"
        r"insta|page|blog|menu|course|project|showreel|reel|film)))|\bgo(?:ing|ne)? ot\b(?! (?:in|into|to "
        r"win|and won|and lost|to decide))",
        # after the forty-first set's (found after it was measured): made to do shots by older kids
        r"\bolder (?:kids|lads|boys|girls|ones|people|guys|teens|men|group|years)\b.{0,40}\b(?:make|makes|"
        r"made|making|force|forces|forced|forcing|pressure|pressures|pressured|get|gets|got|getting) "
        r"(?:me|us) (?:to )?(?:do|drink|down|neck|take|try|smoke) (?:shots|vodka|alcohol|drinks?|cans|"
        r"pills|weed|spliffs?|joints?|edibles|lines|bumps)\b",
        # after the thirty-fifth set's (found after it was measured): money for "my habit"
        r"\b(?:money|cash|pay|paying|fund|funding|afford|feed|feeding) (?:for )?my (?:habit|addiction)"
        r"\b(?! (?:of|for|tracker|journal|app))",
        # after the thirty-fourth set's (found after it was measured): injecting
        r"\b(?:started|start|been|am|keep|now|i) injecting\b(?! (?:my |insulin|the |testosterone|"
        r"hormones|b12|ozempic|medication|medicine|adrenaline|epipen|into (?:the|an?) (?:orange|cake|"
        r"meat|chicken)))",
        # after the thirty-second set's (found after it was measured): getting clean from
        # daily use
        r"\b(?:get|stay|getting|staying|be) clean\b.{0,60}\b(?:i use|i am using|been using|every day|"
        r"habit|relapse\w*|clucking|withdrawals?)\b",
        # after the twenty-eighth set's: getting off the weed, pills bought off an app
        r"\b(?:trying|try|want|need|tried) to (?:get off|come off) (?:the )?(?:weed|drugs|spice|ket|coke|"
        r"pills|xans|benzos|gear)\b",
        r"\b(?:pregabalin|gabapentin|diazepam|valium|xanax|xans|benzos?|tramadol|oxycodone|oxy)\b.{0,30}"
        r"\b(?:off|from|on) (?:snapchat|instagram|tiktok|telegram|someone|a (?:guy|lad|dealer|mate)|"
        r"online)\b|\b(?:buying|bought|buy|getting|ordered|order) (?:some )?(?:pregabalin|gabapentin|"
        r"diazepam|valium|xanax|xans|benzos?|tramadol|oxycodone)\b",
        # after the twenty-seventh set's: a habit the writer needs to quit
        r"\bi (?:need|want|am trying|have tried|keep trying|tried|can not seem|do not know how) to "
        r"(?:quit|stop|give up|cut down on|cut back on) (?:vaping|drinking|smoking|weed|the vape|vapes|"
        r"my vape|the weed|the drink|the booze)\b" + NOT_ALCOHOL,
        # after the twenty-sixth set's: a study drug off a mate, drinks to face training
        r"\b(?:take|taking|took|try|trying|buy|buying|bought|get|getting|got|on|using|use) (?:some |an? )?"
        r"(?:adderall|modafinil|study drugs?|smart drugs?)\b|\b(?:adderall|ritalin|elvanse|concerta|"
        r"modafinil)\b.{0,30}\b(?:off|from) (?:a|my|some|this|his|her) (?:mate|mates|friend|friends|"
        r"guy|lad|girl|dealer|brother|sister)\b",
        r"\b(?:a few|few|some|couple of|a couple of|couple) (?:drinks|cans|shots|beers|vodkas?|ciders?)\b"
        r"(?! of (?:water|squash|juice|milk|tea|coffee|pop|coke|lucozade|monster|red bull|energy drink|"
        r"relentless|prime))"
        r".{0,20}\bbefore (?:school|college|lessons?|class|exams?|(?:football |rugby |netball |hockey "
        r")?training)\b|\b(?:drink|drinks|drinking)\b.{0,30}\b(?:to calm (?:my )?nerves|for (?:my )?"
        r"nerves|for courage|for confidence)\b",
        # after the twenty-fifth set's: parents who are alcoholics
        r"\b(?:parents?|mum|dad|mam|mom|stepdad|stepmum|step dad|step mum)s? (?:is|are) (?:an? )?"
        r"(?:alcoholics?|addicts?|drug addicts?|junkies?)\b",
        # after the twenty-fourth set's: a medicine challenge, "smashed" like this
        r"\b(?:benadryl|nytol|piriton|antihistamines?|paracetamol|ibuprofen|cough syrup|sleeping "
        r"tablets|sleeping pills|melatonin|codeine)\b.{0,40}\b(?:challenge|dare|see stuff|"
        r"hallucinat\w*|get high|to see what happens)\b|\b(?:challenge|dare)\b.{0,40}\b(?:take|"
        r"taking|swallow|down|neck) (?:\d+|ten|loads of|a load of|a whole packet of|the whole "
        r"packet of) (?:benadryl|nytol|piriton|antihistamines?|paracetamol|ibuprofen|pills|tablets)\b",
        r"\bi am (?:so |well |proper |absolutely |completely |totally )?(?:smashed|wasted|"
        r"hammered|mortal|steaming|off my face|off my head|trashed|leathered|paralytic)\b.{0,40}"
        r"\b(?:like this|right now|and i want to go|on the bus|can not walk|can not stand)\b",
        # after the twenty-third set's: drinking because sad
        r"\b(?:downed|drank|drunk|necked|had|finished) (?:loads|lots|half|most|all|a bottle|a whole "
        r"bottle|half a bottle|a load)(?: of)? (?:my |the |his |her )?(?:\w+ ){0,2}(?:gin|vodka|rum|"
        r"wine|whisky|whiskey|cider|beer|lager|alcohol|booze|drink|spirits|prosecco|cans)\b.{0,20}"
        r"\b(?:because|as|since|when) i (?:was|am|felt|feel|get|got) (?:so |really |too )?(?:sad|"
        r"upset|down|stressed|lonely|angry|low|depressed|anxious)\b",
        r"\b(?:money|cash|pay|paying) for (?:my )?(?:next )?(?:bag|baggie|fix|score|gear)\b",
        r"\b(?:mashed|wasted|off my face|off my head|high|buzzing|gurning|munted|twisted) (?:on|off) "
        r"(?:pingers|pills|mandy|mdma|ket|coke|weed|xans|gas|nos|balloons|molly|spice|pregabs)\b",
        # too much cannabis: "greened out", "pulled a whitey"
        r"\bgreen(?:ed|ing)? out\b|\b(?:pulled|pull|pulling|had|threw) a whitey\b",
        r"\baddicted to (?:the )?(?:gas|nos|canisters|balloons|vapes?|vaping|drink|drinking|"
        r"alcohol|booze|weed|pills|coke|ket)\b|\b\d+ (?:canisters|cans of gas|balloons) a day\b",
        r"\b(?:most|how many) (?:xans|xanax|pills|tablets|benzos|valium) (?:can )?(?:you|u|i|a person) "
        r"(?:can )?(?:take|have)\b|\b(?:i am|i m) (?:a bit |so |really |well |proper |still )"
        r"(?:high|stoned|mashed|wasted|off my face|off my head|baked)\b",
        r"\b(?:got|get|gets|made|make|makes|making) me (?:do|doing|to do) (?:runs|drops|"
        r"deliveries)\b|\b(?:youngest|new|little) runner\b|\brunner (?:for|they)\b|"
        r"\bdoing (?:runs|drops) (?:on my bike|for)\b|"
        r"\b(?:olders|older lads|older boys|mandem|older guys) (?:use|used|using|are using) me\b|"
        r"\b(?:a |half a |whole )?bottle of (?:vodka|gin|rum|whisky|wine|cider|jd|jack)\b.{0,20}"
        r"\b(?:before|at|during) (?:football|school|college|work|training|practice|class|the session|"
        r"drama|rehearsal|club|exams?)\b|"
        r"\bneed (?:it|a drink|a smoke|weed|a spliff|my vape|a line|a bump) to (?:function|cope|get "
        r"through|feel normal)\b|\bthc (?:one|vape|pen|cart)\b|"
        r"\bshotting\b|\b(?:did|done|doing|do|had|took) a line (?:of|before|at|off|in the toilets?|with)\b|"
        r"\b(?:come|coming|came|go|going|turn up|turning up|turned up|rock up|show up|showing up) "
        r"(?:to )?(?:\w+ )?(?:football|school|college|work|training|practice|class|session|club|exams?|"
        r"drama|rehearsal|gym|band|choir|dance|boxing|scouts|cadets) "
        r"(?:stoned|high|wasted|drunk|mashed|baked|pissed|hungover)\b|"
        r"\b(?:i was|was|i am|i m|im) (?:mashed|stoned|wasted|off my face|off my head)\b|"
        r"\b(?:drunk|high|stoned|wasted|mashed) (?:rn|right now|already) at \d|"
        r"\b(?:do|doing|did) (?:a )?(?:run|runs|drop|drops) (?:to|out to|up to|down to) (?:the )?"
        r"(?:coast|country|\w+ for \d+)\b|"
        r"\b(?:drank|drinking|drunk|high|stoned|smoked|vaped|mashed|wasted) (?:before|at|during) "
        r"(?:drama|football|training|practice|rehearsal|the session|school|college|work|class|club)\b"
        r".{0,30}\b(?:again|every|always|nobody|no one|noticed)\b",
        r"\bhungover\b.{0,40}\b(?:a lot|again|every|always|most days|all the time)\b|"
        r"\b(?:always|every day|most days) hungover\b",
        r"\bcounty lines?\b|\bgo(?:ing|ne)? (?:country|cunch|ots|out of town)\b|"
        r"\b(?:run|running|ran|runs|work|working) (?:a |the |their |his )?(?:line|lines)\b|"
        r"\btrap ?(?:house|phone|line|ing)\b|\bcuckoo(?:ing|ed)?\b",
        r"\b(?:hold|holding|held|carry|carrying|carried|stash|stashing|hide|hiding|drop|dropping|deliver|"
        r"delivering|keep|keeping|move|moving|take|taking|bring|bringing) (?:a |the |some |this |these |"
        r"his |their )?(?:package|packages|parcel|parcels|bag|bags|stuff|drugs|food|gear|shoebox|box|"
        r"phone|money|cash|nitty|wraps|things)\b.*\b(?:for (?:him|them|someone|some guy|some lads|"
        r"an older)|told me|made me|asked me|owe|or else|scared|dealer|they said|he said|paid me|"
        r"pay me|pays me|if i do not|otherwise)\b",
        r"\b(?:owe|owes|owing|in debt to|in debt with|debt to|pay back) (?:him|them|a dealer|money to|"
        r"some guy|some lads|the dealer|these guys|someone|\d+|£?\d+)\b",
        r"\b(?:sell|selling|sold|sells|deal|dealing|dealt|shot|shotting|shotted|push|pushing|run|"
        r"running) (?:some |a bit of |the )?" + DRUGS + r"\b",
        r"\b(?:sell|selling|deal|dealing|shot|shotting|work|working|carry|carrying|run|running) "
        r"(?:for (?:them|him|some|a|these|this|an|older|the)|stuff for)\b.*\b(?:older|dealer|lads|"
        r"guys|gang|owe|scared|money|paid|made me|make me|drugs|weed|package|phone)\b",
        r"\b(?:took|take|taking|taken|done|did|doing|do|on|had|have|having|tried|try|trying|smoke|"
        r"smoking|smoked|sniffing|sniffed|snort|snorting|snorted|pop|popping|popped|drop|dropped|using|"
        r"used|buying|bought|get|got|getting|offered|given|gave) (?:some |a |loads of |a load of |"
        r"too much |more |a few |two |2 |a line of |lines of )?" + DRUGS + r"\b",
        r"\b(?:drink|drinking|drunk|getting drunk|get drunk|wasted|get wasted|getting wasted|smashed|"
        r"hammered|high|stoned|smoking|vaping|using) (?:every (?:day|night|weekend|morning)|all the time|"
        r"to cope|to forget|to sleep|alone|on my own|by myself|before school|before college|at school|"
        r"in the morning|every single day|most nights|most days|to numb|to get through)\b",
        r"\b(?:passed out|collapsed|not breathing|will not wake up|wont wake up|can not wake (?:her|him)|"
        r"is fitting|having a fit|unconscious|turning blue|being sick everywhere)\b",
        r"\b(?:addicted|addiction|hooked|dependent|can not stop|cant stop|can t stop|need to stop) "
        r"(?:to |on )?(?:weed|drugs|vaping|drinking|smoking|alcohol|booze|coke|pills|ket|nos|it)\b"
        + NOT_ALCOHOL,
        r"\b(?:dealer|dealers|plug|my plug|the plug|older lads|older boys)\b.*\b(?:owe|free|gave|give|"
        r"scared|made|make|work|carry|threat\w*|hurt|money|debt|phone|stuff|package|find me)\b",
        r"\b(?:free|gave me|gives me|give me|giving me) (?:some )?(?:free )?(?:weed|drugs|bud|pills|"
        r"coke|gear|ket|vapes)\b",
        r"\b(?:mixing|mixed) (?:pills|drugs|alcohol|vodka|drink)\b|\b(?:vodka|alcohol|booze|cider)\b.*"
        r"\b(?:every day|every night|all the time|to cope|alone|on my own|morning|school|can not stop|"
        r"cant stop|hide|hiding|secret)\b",
        r"\b(?:too|really|so) (?:drunk|high|wasted|off my face|out of it)\b",
        r"\boff my (?:face|head|nut|tits)\b",
        r"\b(?:spice|ket|ketamine|mdma|coke|cocaine|xanax|xans|heroin|crack|lean|weed|nos|balloons|"
        r"pills)\b.*\b(?:every day|every weekend|all the time|again|can not stop|cant stop|scared|owe|"
        r"made me|make me|need|pressur\w*|forced|in my bag|in my room|hide|hiding|passed out|sick|help)\b",
        r"\bgave me a phone\b|\b(?:answer|pick up) (?:it|the phone) (?:whenever|every time|when) it rings\b",
        r"\b(?:pay|paid|pays|paying) me to (?:drop|deliver|carry|move|hold|take|run|sell)\b",
        r"\bplug(?:ged)? it\b|\bmade me (?:plug|hide|carry|hold|sell|take)\b",
        r"\blean\b|\bketamine\b|\bnitrous\b",
        r"\bowe\b.*\bfor (?:weed|drugs|gear|it|the stuff)\b|\bowe (?:my |the )?dealer\b",
        r"\b(?:still|was|been|get|getting) (?:wasted|smashed|hammered|high|stoned)\b|\bdrinking (?:loads|a lot|"
        r"heavily|more and more)\b",
        r"\b(?:his|their|the) gear\b|\bgear in my\b",
        r"\b(?:drink|drank|drinking) (?:till|until|til) i (?:black|pass|am sick)\b|\bblack(?:ed)? out\b",
        r"\bcollect(?:ing)? money (?:from people )?for (?:them|him)\b",
        r"\b(?:putting|put|spiking) (?:stuff|something) in (?:it|my drink)\b|\bwoke up in (?:a |some )?"
        r"(?:random|strange|strangers)\b",
        r"\bholding for\b|\b(?:took|taken|had) something\b.*\b(?:weird|sick|scared|not right|help)\b|"
        r"\bbad trip\b",
        r"\b(?:drink|drank|drinking|swallow\w*|down(?:ed)?) (?:some |the |a bottle of |a bit of )?(?:hand )?"
        r"(?:sanitiser|sanitizer|bleach|antifreeze|lighter fluid)\b",
        r"\b(?:gives|giving|gave|give) me (?:her|his|their|some of (?:her|his|their)) (?:\w+ )?(?:meds|"
        r"medication|pills|tablets)\b",
        r"\b(?:spend|spending|spent|blow|blowing|blew) (?:all )?(?:my )?(?:wages|money|pay|ema|savings)\b"
        r".{0,40}\b(?:weed|bud|drugs|coke|ket|pills)\b",
        r"\b(?:on a|having a|my) come ?down\b",
        r"\b(?:friend|mate|he|she|brother|sister|cousin|i) (?:just |has |had )?(?:odd|oded)\b"
        r"(?! (?:one|ones|socks?|thing|things|numbers?|out))",
    ),
    "bullying": (
        # after the forty-second set's (found after it was measured): no friends since a rumour
        r"\b(?:do not have|have not got|have no|got no|lost|lost all) (?:any |all (?:of )?my |my )?"
        r"(?:friends|mates)\b.{0,30}\b(?:since|after|because of|cos of|cause of) (?:the|that|a|this|"
        r"those) (?:rumou?rs?|lies?|video|vid|pics?|photos?|screenshots?|post)\b",
        # after the forty-first set's (found after it was measured): a group chat of everyone but me
        # (not one that plans a surprise)
        r"\b(?:(?:group ?chat|gc|chat)\b.{0,30}\b(?:all|every|everyone|everybody|whole|rest)\b.{0,30}\b"
        r"(?:except|but|apart from|other than|bar|without) me|(?:all|every|everyone|everybody|whole)\b"
        r".{0,30}\b(?:group ?chat|gc)\b.{0,20}\b(?:except|but|apart from|other than|bar) me|(?:made|make|"
        r"started|set up|have|has|got) (?:a |another |a new |their own |a secret )?(?:group ?chat|gc) "
        r"without me)\b(?!.{0,40}\b(?:surprise|birthday|bday|present|party)\b)",
        # after the thirty-sixth set's (found after it was measured): a sibling beaten up at
        # school for who they are
        r"\b(?:getting|gets|got|keeps getting|being|been) (?:battered|beaten up|jumped|kicked in|picked "
        r"on)\b.{0,20}\b(?:at|in|after) (?:school|primary|secondary|college|high school)\b"
        r"(?! (?:sports|football|netball|rugby|match|game|quiz|tournament))(?:\W+\w+){0,4}?\W+"
        r"(?:for (?:having|being|wearing|looking|his|her|their)|cos (?:he|she|they) (?:is|are|has|have))\b",
        # after the thirtieth set's: tied to a goalpost
        r"\b(?:tied|taped|strapped|zip tied) me (?:up )?(?:to|in) (?:a |the )?(?:goalpost|goal post|post|"
        r"tree|fence|lamppost|railings?|bench)\b",
        # after the twenty-eighth set's: a group chat that votes on the writer's punishment
        r"\bvotes? on (?:what|which) (?:punishment|dare|forfeit|thing) i (?:get|have to do|do)\b",
        # after the twenty-seventh set's: a headlock by older kids
        r"\b(?:got put|was put|put me|had me|held me|got me) in a headlock\b.{0,60}\bby (?:some |these |"
        r"the |a gang of |a group of )?(?:older|big|bigger|year \d+s?) (?:kids|lads|boys|girls|ones)\b",
        # after the twenty-sixth set's: a poll on whether the writer should be let in
        r"\b(?:they|lads|girls|boys|people|someone|everyone|he|she|kids|the others)\b(?: \w+){0,4} "
        r"(?:made|started|put up|posted|did|done|set up) (?:a |an )?(?:poll|vote|survey)\b.{0,30}"
        r"\b(?:whether|if) i (?:should|deserve|can|am allowed)\b",
        # after the twenty-fifth set's: a vote for the "biggest loser"
        r"\b(?:vote|voted|poll|ranking|rated|list)\b.{0,30}\b(?:biggest loser|ugliest|fattest|"
        r"weirdest|smelliest|most hated|saddest|most annoying)\b.{0,30}\b(?:i won|i came first|i was "
        r"top|i am top|i got the most)\b",
        # after the twenty-fourth set's: a threat to be beaten up
        r"\b(?:said|says|saying|told me|threatened|threatening)\b.{0,15}\b(?:shell|hell|theyll|"
        r"she will|he will|they will|she would|he would|they would|they are going to|she is going "
        r"to|he is going to) (?:beat me up|batter me|jump me|smack me|slap me|punch me|deck me)\b",
        r"\bhead (?:flushed|dunked|shoved|pushed|held) (?:down |in |into |under )(?:the |a )?(?:toilet|loo|bog)\b|"
        r"\b(?:the whole|my whole|whole|the) (?:team|class|group|squad|year) (?:ignores|ignore|blanks|"
        r"laughs at|hates) me\b",
        r"\bgroup ?chat\b.{0,30}\b(?:for|to|about) (?:slagging|mocking|chatting about|taking the piss "
        r"out of|hating on|laughing at|roasting) me\b",
        r"\bwhisper(?:ed|ing|s)? about me\b|\b(?:would not|will not|wont|never) let me (?:join|sit with|"
        r"play with|be in) (?:any|their|a|the)\b",
        r"\b(?:sharing|posting|making|sending|spreading) (?:memes|pictures|pics|videos|vids|jokes|"
        r"rumours|stuff|things) (?:about|of) (?:me|my)\b",
        r"\b(?:keep|keeps|kept|always) (?:snapping|breaking|nicking|taking|stealing|ripping|wrecking|"
        r"smashing|binning) my \w+(?: \w+)? and (?:laughing|filming|taking the piss)\b",
        r"\bbull(?:y|ies|ied|ying|yed|ys)\b",
        r"\b(?:picked on|pick on me|picks on me|picking on me|picked on me|get picked on|getting picked on)\b",
        r"\b" + OTHERS_AT_SCHOOL + r"\b.*\b(?:hate|hates|laugh at|laughs at|laughing at|laughed at|"
        r"ignore|ignores|ignoring|exclude|excludes|excluding|leave me out|left me out|leaves me out|"
        r"spread\w*|call me|calls me|calling me|called me|push me|pushed me|trip me|tripped me|"
        r"throw \w+ at me|threw \w+ at me|take my|took my|steal my|stole my|rip my|ripped my|film me|"
        r"filmed me|filming me|made a (?:group|page|account)|mock me|mocks me|mocking me|make fun of me|"
        r"makes fun of me|made fun of me|making fun of me|jump me|jumped me|corner me|cornered me|"
        r"wait for me|waited for me|gang up on me|ganged up on me|ganging up on me)\b",
        r"\b(?:call|calls|calling|called) me (?:names|fat|ugly|gay|a slag|slag|a slut|slut|a freak|freak|"
        r"a loser|loser|retard|a retard|weird|a weirdo|weirdo|smelly|a tramp|tramp|a pussy|"
        r"a paki|a faggot|a lesbian|a dyke|a n|emo|a nerd|stupid|dumb|a bitch|bitch|a whore|whore|"
        r"disgusting|a pig|pig|a cow|a waste of space|a waste)\b",
        r"\b(?:laugh|laughs|laughing|laughed) at me\b|\bmake fun of me|makes fun of me|made fun of me|"
        r"making fun of me\b",
        r"\b(?:spread|spreading|spreads|made up|making up|started) (?:rumours|rumors|lies|stories|stuff|"
        r"things) about me\b|\b(?:rumours|rumors|lies) about me\b",
        r"\b(?:kicked|left|removed|blocked|chucked|booted|kicked me|removed me|left me|booted me) "
        r"(?:me )?(?:out of|out|from) (?:the |a |our |every )?(?:team |friend |friends |class )?"
        r"(?:group|gc|group chat|groupchat|chat|friendship group)\b",
        r"\b(?:hate|hateful|mean|nasty|horrible|abusive|threatening|racist|homophobic|vile|cruel) "
        r"(?:messages|comments|texts|dms|posts|videos|things|stuff|names)\b.*\b(?:me|my|about)\b|"
        r"\b(?:messages|comments|posts|videos|pages?|accounts?) (?:about|of|mocking|making fun of) me\b",
        r"\b(?:threaten|threatening|threatened|threatens) (?:to )?(?:beat|jump|hurt|batter|smash|get|kill|"
        r"stab|punch|deck|fight) me\b|\b(?:going to|gonna|wants to|want to|said they would|said he would) "
        r"(?:beat|jump|batter|smash|get|deck|fight) me (?:up|after|at|outside|tomorrow|monday)",
        r"\btroll(?:ed|ing|s)? me\b|\bcyber ?bull",
        r"\b(?:no one|no body|not a single person|not one person) (?:likes|talks to|sits with|speaks to|"
        r"wants to be friends with|plays with|hangs out with) me\b",
        r"\b(?:told|tell|telling|tells|said) me to (?:kill myself|kys|die|go die|unalive)\b|"
        r"\bkys\b",
        r"\b(?:dread|dreading|scared of|afraid of|terrified of|hate) (?:going (?:to|into) )?"
        r"(?:school|college|class|the bus|lunch|break time|pe)\b.*\b(?:because|they|them|every|people|"
        r"him|her|girls|boys|lads|bully|mean|laugh|pick)\b",
        r"\b(?:do not|not) want to go (?:to |in to |into )?(?:school|college)\b.*\b(?:because|they|them|"
        r"people|everyone|him|her|girls|boys)\b",
        r"\b(?:racist|racism|homophobic|transphobic) (?:to me|at me|about me|abuse|comments)\b|"
        r"\b(?:because|cos) i am (?:gay|black|trans|muslim|fat|disabled|autistic)\b.*\b(?:they|everyone|"
        r"people|call|hate|laugh|pick|hit|push)\b",
        r"\b(?:beat|beats|beating|battered|jumped|punched|hit|kicked|pushed|shoved|tripped) me (?:up )?"
        r"(?:at|after|outside|on the way|in the|near|behind) (?:school|college|the bus|break|lunch|"
        r"the park|home|the toilets|the changing rooms|the corridor|class)\b",
        # ...or by the ones who do ("the bullies in that show are like the ones who beat me up"):
        # after the fifty-second set's read-through
        r"\b(?:who|that|they|lads|boys|girls|kids|people|gang|group) (?:always |keep |kept |still |used "
        r"to )?(?:beat|beats|beating|battered|batter|batters) me up\b",
        r"\b(?:everyone|people|they) (?:at|in) (?:school|college|class|my year)\b.*\b(?:hate me|against me|"
        r"ignore me|pick on me|laugh|mean to me)\b",
        r"\b(?:posted|shared|put|sent) (?:a |an |my )?(?:embarrassing |ugly |edited |fake )?(?:picture|"
        r"pictures|video|photo|screenshot) of me\b",
        r"\b(?:fake|hate) (?:account|page|profile) (?:about|of|pretending to be) me\b",
        r"\b(?:isolated|excluded|left out|outcast)\b.*\b(?:school|college|everyone|always|every day|they)\b",
        r"\b(?:monkey|animal|pig) noises\b",
        # not a parent's or a teacher's sanction ("my mum took my phone for a week")
        r"(?<!mum )(?<!mam )(?<!dad )(?<!parents )(?<!teacher )(?<!sir )(?<!miss )(?<!nan )"
        r"\b(?:taking|take|took|nicking|nick|nicked|stealing|stole|steal) my (?:dinner money|money|lunch|stuff|phone|"
        r"things|bag|shoes|coat)\b",
        r"\b(?:wrote|writing|write|written|saying|said|say|says|post|posting|posted) (?:stuff|things|lies|"
        r"rumours) about (?:me|my (?:mum|hair|skin|weight|body|family))\b|\bsaying (?:stuff|things) about my\b",
        r"\b(?:fake|faking|pretend|pretending) (?:being|to be) (?:ill|sick)\b.*\b(?:go in|face|school|them)\b",
        r"\b(?:messaging|messages|texting|texts) me from (?:different|fake|loads of)\b|\bfrom numbers i do not know\b",
        r"\b(?:mock|mocks|mocking|copy|copies|copying|imitate|imitating) (?:my|the way i)\b",
        r"\b(?:throw|throws|threw|throwing|chuck|chucks|chucked|kick|kicks) my (?:bag|stuff|things|books|"
        r"pencil case|coat|lunch)\b",
        r"\bmake my life (?:hell|a misery|miserable)\b|\bmaking my life (?:hell|a misery)\b",
        r"\bhead down the toilet\b|\bfilm me (?:for|and)\b|\bfilming me\b",
        r"\b(?:photoshopped|photo shopped|edited|deepfake|deep fake)\b.*\b(?:me|my (?:face|photo|picture))\b",
        r"\bhate (?:on|in) my\b|\b(?:should|to) (?:just )?(?:disappear|go die|kill myself|die)\b",
        r"\b(?:poking|poke|pokes|punching|pinching|slapping|spitting on|spit on) me\b|\bpush(?:ing)? me "
        r"(?:around|about)\b|\bknock (?:my|me)\b",
        r"\bcalling me (?:a )?\w+\b.*\b(?:never|no friends|every day|always)\b|\bnot a real (?:boy|girl|man)\b",
        r"\b(?:made|make) it (?:their|his|her) (?:pfp|profile|background)\b|\btrolled\b|\bhate "
        r"(?:messages|comments|mail)\b",
        r"\b(?:they|the (?:lads|girls|boys|kids|others)|people|everyone|some (?:lads|girls|kids|boys)) "
        r"(?:keep|keeps|always|still) (?:\w+ing) (?:me|my|at me|about me)\b",
        r"\b(?:account|page|group|chat|vids?|videos?)\b.{0,30}\b(?:rating|rate|rates|ranking|ranks) (?:how )?"
        r"(?:ugly|fat|minging|rank)\b.{0,15}\b(?:i am|me)\b",
        r"\b(?:got|getting|get|been getting|receiving|sent me|sending me) (?:\w+ ){0,3}death threats\b",
        r"\b(?:hid|hide|hides|hiding|stole|steal|nicked|threw|throw|chucked) my (?:epipen|epi pen|"
        r"inhaler|insulin|meds|medication|hearing aids?|glasses|crutches|wheelchair)\b",
    ),
}

# Signs of distress with no clear category: a gentle check-in, never a menu.
CHECK_IN_RULES = (
    # after the forty-second set's (found after it was measured): where a roof or a tall
    # building's top can be got onto
    r"\b(?:roofs?|rooftops?|tops? of (?:a |the )?(?:tall |high )?(?:buildings?|car parks?|multi ?storeys?|"
    r"bridges?|towers?))\b(?! (?:terrace|bar|garden|cinema|cafe|restaurant|party|pool|gig|event))"
    r".{0,20}\b(?:you|u|i|we|someone|people) (?:can|could) (?:get onto|get on to|get up|get up to|get "
    r"to|climb onto|climb up|access|get on)\b(?!.{0,40}\b(?:view|views|sunset|sunrise|photos?|pics?|"
    r"film|filming|event|party|gig)\b)",
    # after the twenty-sixth set's: what happens to their things "if i am gone"
    r"\bif i am (?:gone|not here|not around|dead)\b.{0,40}\b(?:have|get|keep|take) (?:all )?my "
    r"(?:badges|stuff|things|xbox|ps5|phone|games|clothes|account|room)\b",
    # after the thirty-ninth set's (found after it was measured): "not sure ill be here to get
    # the certificate"; not a day away ("not sure ill be here on saturday, at my nans")
    r"\b(?:not sure|do not think|doubt|might not|may not|probably will not|will not) (?:if |whether )?"
    r"(?:i will|ill|i ll|i am going to|i am gonna)? ?(?:still )?be (?:here|around|"
    r"alive) (?:to|for|by|when|much longer|long|in a (?:year|month|few))\b(?! (?:the|this|that|my|a) "
    r"(?:session|class|lesson|club|match|meeting|weekend|trip|event)\b)(?!.{0,40}\b(?:moving|move|"
    r"holiday|trip|visiting|working|shift|nans|dads|mums|at my|away)\b)",
    # after the thirty-seventh set's (found after it was measured): "if i died would my badges
    # still show", "if i was not here would anyone notice"; not a death in a game
    r"\bif i (?:died|die|was dead|were dead|was gone|were gone|was not here|were not here|was not "
    r"around|were not around|disappeared)\b(?! (?:in|on) (?:the |a |this |my )?(?:game|level|round|"
    r"match|fortnite|minecraft|roblox|story mode)\b).{0,20}\b(?:would|will|do|does|who)\b.{0,40}"
    r"\b(?:my (?:badges|stuff|things|account|profile|room|xbox|ps5|phone|games|clothes)|anyone|anybody|"
    r"people|they|you|miss me|notice|care)\b",
    r"\b(?:outlasts?|outlives?|last longer than) me\b|\bwhen (?:i|you) die\b.{0,40}\basking for "
    r"(?:me|myself)\b",
    r"\b(?:number|phone|call|ring|text|talk to)(?: for| to)? (?:the )?(?:samaritans|childline|"
    r"papyrus|shout|crisis (?:line|team))\b",
    r"\b(?:feel|feeling|felt|i am|i have been|been|so|really|always|just|proper|well) (?:so |really |very |"
    r"super |proper |well |just |completely |totally |kind of |quite )?(?:depressed|hopeless|worthless|"
    r"empty|numb|suicidal|broken|helpless|unwanted|unloved|useless|miserable|invisible|trapped|"
    r"alone in this|lost)\b",
    r"\bdepress(?:ed|ion)\b|\bhopeless\b|\bworthless\b|\bpanic attacks?\b|\banxiety attacks?\b",
    r"\b(?:hate|hating) (?:my life|myself|everything about me|being me|being alive)\b",
    r"\b(?:can not|cant|can t) (?:cope|take (?:it|this|much more|any more)|handle (?:it|this|anything|"
    r"life) anymore|do this anymore|go on like this|stop crying|breathe)\b",
    r"\b(?:not coping|struggling (?:so much|a lot|really bad|badly|to cope|to keep going|with life|"
    r"with everything)|falling apart|breaking down|at my limit|had enough of (?:everything|life|it all)|"
    r"reached my limit)\b",
    r"\b(?:no one|nobody) (?:cares|loves me|understands|would care|listens|wants me)\b",
    r"\b(?:crying|cry) (?:every|all|myself to sleep|every night|all the time|constantly)\b",
    r"\b(?:i am|i m|im|feel|feeling|been) (?:not ok|not okay|not alright|not fine|not good) "
    r"(?:at all|really|anymore|right now|mentally)\b|\b(?:i am|feeling) (?:really |so )?not ok(?:ay)?\b",
    r"\b(?:need|want|i need) (?:someone|somebody|anyone) to talk to\b|\b(?:need|i need) help\b"
    r"(?! (?:with|getting|finding|to|for|on|choosing|applying|writing|making|picking|signing))|"
    r"\bcan (?:i|you) talk to (?:someone|somebody|a person|a real person)\b",
    r"\b(?:scared|terrified|frightened) (?:all the time|every day|of everything)\b",
    r"\beverything (?:is|feels) (?:too much|pointless|hopeless|dark|shit|crap)\b|"
    r"\b(?:life|it all) (?:is|feels) (?:too much|pointless|hopeless|shit)\b",
    r"\b(?:lonely|alone) (?:all the time|every day|in the world|always|and scared|and sad)\b|"
    r"\bso (?:lonely|alone)\b",
    r"\b(?:dark|bad|horrible|scary) (?:thoughts|place|times)\b",
    r"\b(?:not|do not) (?:eating|sleeping) (?:properly|at all|anymore)\b|\bstopped eating\b|"
    r"\bmaking myself sick\b|\beating disorder\b|\banorexi|\bbulimi",
    r"\b(?:something|someone) (?:bad )?(?:happened|is happening) (?:to me|at home)\b|"
    r"\b(?:can i|i want to|i need to) tell (?:you|someone) (?:something|a secret)\b",
    r"\b(?:worried|scared|frightened) about (?:my|a) (?:mate|friend|sister|brother|cousin)\b",
    r"\b(?:my|a) (?:mate|friend|sister|brother|cousin|girlfriend|boyfriend) (?:is|has been|keeps|said "
    r"(?:she|he|they)) (?:self harming|cutting|wants to die|talking about (?:dying|suicide|ending it)|"
    r"being hurt|being abused|getting hit|missing)\b",
)

# A match inside the name of an activity, course or topic is a topic, not a disclosure.
_TOPIC = re.compile(
    r"\s*(?:prevention |awareness |support |first aid |education |safety |and \w+ |abuse |"
    r"violence |crime |harm |exploitation |lines )?(?:\b(?:awareness|workshop|workshops|course|courses|training|ambassador|ambassadors|talk|"
    r"lesson|lessons|class|classes|club|clubs|session|sessions|charity|charities|volunteer|"
    r"volunteering|campaign|project|leaflet|poster|assembly|essay|topic|pshe|first aid|"
    r"qualification|certificate|badge|module|presentation|documentary|film|book|play|drama|"
    r"research|homework|revision|character|scene|stage|role play|roleplay|game|fortnite|cod|"
    r"warzone|minecraft|roblox|zombies?|match|tournament|prevention|support worker|peer mentor|"
    r"helpline volunteer|ambassador|policy|week|day(?! \d| one| two| three)|month|poster|health|clinic|"
    r"education)\b)"
)
_ANTI = re.compile(
    r"\b(?:anti|against|prevent|preventing|tackling|tackle|stopping|(?:talk|talks|project|lesson|session|workshop|"
    r"assembly|essay|leaflet|course|training|class|presentation|video|film|documentary|poster|charity|"
    r"awareness|fundraiser|fundraising|piece|play|story|song|poem|speech|debate|assignment|"
    r"coursework|research|performance) (?:about|on|into|for|against|around))\s*$"
)
_ABOUT_OTHERS_RESOLVED = re.compile(
    r"\b(?:i|we) (?:helped|supported|stood up for|looked after|reported it|told a teacher|"
    r"stuck up for)\b"
)
# Not eaten since earlier today, said of being hungry: "starving, havent eaten since breakfast"
# (not "since breakfast yesterday").
_EATEN_TODAY = (
    r"(?:have not|not) eaten since (?:breakfast|brekkie|brekky|lunch|lunchtime|this morning|school|"
    r"first period)\b(?! (?:yesterday|on|last|the day|friday|saturday|sunday|monday|tuesday|"
    r"wednesday|thursday)\b)"
)
# Nothing worse follows a lookalike written for an everyday frame: a blow, a threat, a touch,
# dying, hunger or drink ("hate myself for missing that bus, now i walk past the lads who beat
# me up"; "my uncle said we can play touch rugby in his room").
_UNLESS_WORSE = (
    r"(?!.{0,80}\b(?:hit\w*|hurt\w*|beat\w*|punch\w*|kick\w*|bull\w*|threat\w*|scared|touch\w*|"
    r"die|dying|dead|kill\w*|ending it|end it|cut\w*|drunk|drink\w*|hungry|starv\w*|no food|"
    r"happened to me|his room|her room|their room|bed)\b)"
)
# A part in a play is no lookalike when the writer says it is real too ("the show was about
# families, honestly i am the runaway now, left home"): after the fifty-third set's read-through.
_NOT_PRETEND = (
    _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:for real|irl|in real life|actually|really|at home|left home|kicked out|now)\b)"
)
# The parts in a play the writer may be cast as, and the small siblings whose games only look
# like risk (the fifty-second and fifty-third sets' lookalikes).
_STAGE_ROLE = (
    r"(?:abusive (?:dad|mum|father|mother|parent|husband|wife|boyfriend|girlfriend|step ?dad|uncle)|"
    r"bully|abuser|groomer|drug dealer|dealer|kidnapper|stalker|runaway)"
)
_SMALL_SIBLING = (
    r"(?:little|baby|younger|small|tiny|toddler) (?:brother|sister|bro|sis|cousin|niece|nephew)s?"
)
# Camping is no lookalike when the writer has nowhere else ("is it safe to sleep in a tent on
# dartmoor on my own, i need somewhere"): after the forty-ninth set's read-through.
_NOWHERE_ELSE = r"(?!.{0,60}\b(?:nowhere|no where|need somewhere|on my own|no home|kicked|nowhere else|got no)\b)"
# Hyperbole and idiom that share words with a rule; removed before the rules read the text.
_IDIOMS = re.compile(
    r"\b(?:(?:is|are|was|were|it is|that is|this is|these are|they are) killing me|"
    r"dying (?:to|for)|died laughing|nearly died|could have died|dead (?:funny|good|easy|tired|"
    r"boring|hard|nice|jel|jealous)|murder (?:a|an|some)|kill (?:for|it|them|the game)|killing it|"
    r"killed it|shoot(?:ing)? (?:hoops|a film|a video|some hoops|photos|pictures)|hit (?:a six|"
    r"my target|the target|the gym|the books|the shops|a home run|the road)|"
    r"(?:my|the) (?:phone|battery|laptop) (?:died|is dead|is dying)|cut (?:and paste|out|the cake|"
    r"my hair|his hair|her hair|the grass)|hair ?cut|run away with (?:it|the)|knife skills|"
    r"first aid|self defen[cs]e|cut the|starving hungry|(?:i am starving|so hungry)(?:\b.{0,20}\b"
    + _EATEN_TODAY
    + r")?|"
    # (not when they or someone says it, nor over telling or leaving, nor when angry or home:
    # "he said hes going to kill me if i tell anyone"; after the forty-eighth set's)
    r"(?<!they )(?<!they are )(?<!someone )(?<!someone is )"
    r"(?:going to|will|would|is going to|gonna) (?:kill|murder|strangle|slaughter|end) me "
    r"(?:if|when|for|because|cos|after|i forgot|when i|(?=forgot|i forgot|i left|i lost))"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:tell|telling|told|leave|leaving|grass|snitch|report (?:him|her|them|it)|police|"
    r"anyone|angry|raging|pregnant|gay|lesbian|bi|trans|came out|come out|"
    r"gets home|get home|gets in|get in|gets back|comes home|finds me|find me|not far|nearly here|"
    r"on his way|on her way)\b)|"
    # said to the bot: "youre gonna kill me but i lost my claim code again"
    r"(?:youre|you are|ur|you) (?:gonna|going to) kill me (?=but|lol|haha|i lost|i forgot)|"
    # code that never ends: "trapped in an infinite loop in my code"
    r"(?:trapped|stuck) in (?:an |a )?infinite loop|"
    # "hate mondays kill me now", "ugh kill me now the wifi is down"; not "going to kill me now"
    r"(?<!to )(?<!will )(?<!would )kill me now|"
    r"(?:staying|sleeping|sleep|stay) in a tent (?:for|at|on)" + _NOWHERE_ELSE + r"|"
    r"(?:running|ran|run) away from (?:my |all my |the )?(?:responsibilities|problems by|deadlines|"
    r"homework|revision)|"
    r"black eye (?:playing|at|in|from) (?:rugby|football|boxing|hockey|netball|training|the match)|"
    # (a cake to die for, not "i want to die for real": found after the forty-seventh set's)
    r"(?<!want )(?<!wanted )(?<!going )(?<!ready )(?<!need )(?<!wish )(?<!deserve )to die for\b"
    r"(?! (?:real|good|sure|certain|definite)\b)|(?:is|are|s) dead to me|"
    r"(?:would|could|i would) (?:literally )?die for\b(?! (?:real|good|sure)\b)|"
    r"thought i was (?:going to|gonna) die|"
    r"cut myself (?:shaving|cooking|chopping|on (?:a|the|some) (?:tin|can|paper|glass|bottle|fence|"
    r"bush|thorn|nail))|"
    r"beats? me at (?:cards|chess|fifa|pool|darts|football|tennis|monopoly|uno|scrabble|games?|"
    r"everything|running|swimming|table tennis|ping pong|badminton|arm wrestling|mario kart)|"
    r"(?:kicked|chucked|thrown|booted) out (?:of )?(?:the |a |our |my )?(?:cinema|shop|class|lesson|"
    r"game|match|library|pool|maccies|mcdonalds|cafe|chat|group ?chat|gc|team|lobby|server|quiz|"
    r"call|discord|party on|game on|kitchen|lounge|living room|front room)\b"
    # unless the leaving out is the point: "kicked out the group chat and they made a new one
    # without me"
    r"(?!.{0,60}\b(?:without me|about me|at me|new one|hate me|(?:they|theyre|they are|they were|"
    r"everyone|all) (?:\w+ )?laugh\w*)\b)|"
    # a height, not a drug: "so high on the climbing wall", "the bridge is so high"; unless a
    # fall follows ("so high up on the wall i thought about letting go")
    r"(?:(?:so |really |very |was |were |got |get |too )?high (?:up )?(?:on|at) (?:the |a )(?:climbing "
    r"wall|wall|ropes course|ropes|zip ?wire|zip ?line|ladder|trampoline|rollercoaster|ride|swing)|"
    r"(?:bridge|tower|building|cliff|rollercoaster|ride|slide|ceiling|wall|view) (?:is|was|are|"
    r"were) (?:so |really |very |proper )high\b)"
    r"(?!.{0,60}\b(?:jump\w*|fall\w*|fell|drop\w*|edge|end it|die|dying|kill\w*|let go|letting go|"
    r"over)\b)|"
    r"(?:run|running|ran) away (?:to the beach|for the day|for a day|from (?:all )?(?:these |my |the )?"
    r"(?:deadlines|homework|exams|revision|responsibilities|chores|screens?|phone|laptop|desk|"
    r"computer|emails))|"
    r"sleep in a tent (?:at|for) (?:a |the )?(?:festival|camp|scouts|dofe|duke of edinburgh)"
    + _NOWHERE_ELSE
    + r"|"
    r"getting (?:smashed|battered|destroyed|wrecked|rinsed) (?:in|at) (?:this|the|my|our) "
    r"(?:fantasy league|league|game|match|exam|test|quiz|fifa)|"
    r"(?:dog|pet|cat|horse|pony) grooming|groom(?:s|ed)? (?:my |a |the |our |her |his )?(?:dogs?|cats?|"
    r"horses?|ponies|pony|pets?)\b|grooming (?:my |a |the |our )?(?:dogs?|cats?|horses?|"
    r"ponies|pony|pets?)|"
    r"followed by (?:loads of |lots of |a lot of |so many |new |more |\d+ )+(?:new )?"
    r"(?:people|followers|accounts)|"
    r"drop (?:a|some) (?:pictures|videos?) (?:of|from) (?:the|our) (?:match|game|event|session|club)|"
    r"(?:for|help|helping|support|supporting|feed|feeding|with) the homeless|homelessness|"
    r"homeless (?:shelter|charity|people|person|hostel|project|outreach|support)|"
    r"(?:do|did|doing|does|run|ran|running|made us do|make us do) (?:\w+ )?suicides|suicide (?:drills?|runs?|sprints?)|"
    r"jump(?:ing)? off (?:the |my )?(?:sofa|couch|settee|bed|chair|stairs|wall|diving board|board|"
    r"swing|trampoline|climbing wall|walls|benches|boxes|rails|steps|high board|top board|"
    r"springboard|diving boards)|"
    r"(?:ran|runs|running) away with (?:it|the|this|that)|"
    r"escape rooms?\b.{0,60}\b(?:locked in|trapped)|(?:trapped|locked) in (?:the |an |our |a )?escape rooms?|"
    r"(?:dofe|duke of edinburgh|hike|hiking|camping|camp|expedition|scouts|guides|cadets|festival|"
    r"bushcraft|forest school|survival skills)\b"
    r".{0,40}\b(?:(?:slept|sleeping|sleep|stayed|staying|camped) in (?:a |the |our )?tents?|"
    r"(?<!made me )(?<!make me )(?<!makes me )(?:slept|sleeping|sleep|sleeps) (?:rough|outside|"
    r"outdoors|under the stars))" + _NOWHERE_ELSE + r"|"
    r"(?:(?:slept|sleeping|sleep|stayed|staying|camped) in (?:a |the |our )?tents?|"
    r"(?<!made me )(?<!make me )(?<!makes me )(?:slept|sleeping|sleep) (?:rough|outside|outdoors))"
    r"\b.{0,40}\b(?:dofe|duke of edinburgh|hike|hiking|camping|camp|expedition|scouts|guides|"
    r"cadets|festival|bushcraft|forest school)" + _NOWHERE_ELSE + r"|"
    r"(?:(?:ran|run|running|runs) away (?:screaming |crying |shrieking )?from|(?:got |get |getting |"
    r"was |being )?chased by) (?:a |the |some |an angry )?(?:bull|cow|cows|goose|geese|dog|wasp|bee|"
    r"swan|seagull|spider|sheep|horse|moth|pigeon|zombie|monster|ghost|clown|cat|fox|squirrel|duck|"
    r"chicken|llama|alpaca|goat|crab)s?\b"
    # (after the thirty-sixth set's: and everyone laughed, once)
    r"(?:(?: (?:in|at|during) (?:pe|class|school|the park|break|lunch|games|the field))? and everyone "
    r"laughed(?: at me)?\b(?!.{0,40}\b(?:every|always|again|all the time|keep|keeps|still|will not "
    r"stop)\b))?|"
    r"(?:following|followed|follows|follow) me (?:back )?on (?:insta|instagram|tiktok|twitter|x|snap|"
    r"snapchat|spotify|strava|twitch|youtube|threads|bereal|pinterest)|"
    r"black eye from (?:(?:a|the|my) )?(?:ball|football|netball|rugby|hockey|match|game|boxing|sparring|cricket)|"
    r"(?:dog|dogs|cat|cats|pet|puppy|kitten|hamster|rabbit|bunny|tortoise|budgie|parrot|ferret|"
    r"guinea pig|horse|pony) (?:ran|run|runs|has run|had run|keeps running) (?:away|off)|"
    r"overdos\w* on (?:caffeine(?! pills| tablets)|coffee|sugar|energy drinks?|red bull|monster|sweets|chocolate|"
    r"haribo|netflix|tiktok|anime|"
    # (and, after the fifty-third set's, revision and the like)
    r"revision|revising|homework|studying|coursework|exams?|maths|k ?dramas|films|movies|youtube|"
    r"memes|christmas|pizza|cake|biscuits|crisps|cardio|cuteness|puppies)|"
    r"locked me out (?:of )?(?:the |my |his |her |our )?(?:xbox|ps4|ps5|playstation|switch|account|"
    r"phone|laptop|game|wifi|netflix|computer|pc|ipad|tablet|group chat)|"
    # dyed hair spelled "die": a colour or a when follows ("die my hair blue"), not a
    # reason ("i want to die my hair is falling out")
    r"(?:die|died|dying) (?:my|her|his|our|your) (?:hair|fringe|tips|roots|eyebrows|beard) (?:\w+ )?"
    r"(?:pink|blue|red|black|green|purple|blonde|blond|brown|ginger|silver|grey|gray|white|orange|"
    r"yellow|lilac|pastel|bright|a colour|for|again|at home|myself|this|next|before)\b|"
    r"in danger of (?:failing|missing the bus|being late|running out of (?:time|battery|data|money)|"
    r"dropping (?:out of|a grade)|going over)|"
    # medicine taken as it was prescribed: "taking my antidepressants like the doc said"
    r"taking my (?:antidepressants|anti depressants|meds|medication|tablets|pills|inhaler) (?:like|as) "
    r"(?:the doc|the doctor|my doctor|the gp|my gp|prescribed|i am told|told|i should)|"
    r"(?:do not|never) want to live forever|"
    r"starving myself (?:till|until|before) (?:dinner|tea|lunch|the roast|later|the buffet)|"
    # a parent's rule: "my mum wont let me go to the party cos its a school night"
    r"let me (?:go|stay) (?:out )?(?:to|at) (?:the |a |my |this |that |his |her )?(?:\w+ )?(?:party|"
    r"parties|sleepover|gig|concert|festival|prom|cinema|disco|rave|trip|match|game|park|beach|"
    r"shops|town|fair|club)\b|let me (?:go|stay) out (?:after|past|later than|till|until) (?:\d+|dark|"
    r"midnight)|"
    r"let me go (?:into|in to|to) (?:town|things|stuff|events) (?:on my own|alone|by myself|after \d+)|"
    # pictures of a pet, whoever took them
    r"(?:pictures|picture|videos?|vids?|photos?|snaps) of (?:her|his|their|my|our|the|a) (?:new )?"
    r"(?:puppy|puppies|dog|dogs|cat|cats|kitten|kittens|hamster|rabbit|bunny|horse|pony|lizard|"
    r"snake|fish|tortoise)\b|"
    # the writer's own surprise: "its a secret but me and my mates are making a leaving video"
    r"(?:keep it a secret|it is a secret|its a secret) but (?:i am|we are|me and (?:my )?\w+ are) "
    r"(?:entering|making|planning|organising|baking|learning|auditioning)\b|"
    r"run away from (?:people|someone|actors|runners) dressed as|"
    r"(?:took|taken|had|take|taking) (?:some |a |two |2 )?(?:paracetamol|ibuprofen|calpol|nurofen) "
    r"(?:for|cos|because of) (?:my |a |the )?(?:headache|migraine|period|cramps|toothache|cold|"
    r"temperature|fever|hangover|back|knee|tooth)\b|"
    r"(?:keeping it|keep it) (?:a )?secret from (?:my )?(?:bf|gf|boyfriend|girlfriend|mum|dad|best mate|"
    r"mate|friend|sister|brother|nan) (?:i |we )?(?:got|have got|am getting|bought|am buying|made|am "
    r"making) (?:him|her|them)\b|keep it (?:a )?secret who (?:she|he|they) (?:fancies|likes|fancy|like)|"
    # pictures of a team's event or of work, not of the learner: "send me the pics from the
    # tournament", "send pics of our sketchbooks"
    r"(?:pictures|picture|videos?|vids?|photos?|snaps) (?:of|from) (?:the|our|my|this|that|last|all the) "
    r"(?:\w+ )?(?:match|matches|game|games|event|session|club|tournament|trip|show|gig|concert|festival|"
    r"competition|race|fixture|sketchbooks?|sketch(?:es)?|drawings?|artwork|art|paintings?|project|"
    r"homework|coursework|moves|routine|choreography|drills?|trophy|medal|certificate|badges?|cake|"
    r"food|dinner|garden|view|performance|rehearsal|concert|team|squad|street|streets|road|town|city|"
    r"area|local area|neighbourhood|park|beach|coast|sunset|sky|landmarks?|buildings?|wildlife|"
    r"build|builds|models?|robots?|inventions?|designs?|bake|bakes)\b"
    r"(?! changing| toilets?| showers?| bathroom| loos?)|"
    # after the twentieth set's: a sport's black eye, a curfew, a club's photos for its
    # website, a pet that followed, the bot "bullying", an elderly relative's tablets, a
    # secret crush or party, a story's plot, a joke taken back, slang and a chilli
    r"(?:boxing|kickboxing|karate|judo|taekwondo|mma|rugby|football|hockey|netball|sparring|"
    r"training)(?: club| session| partner| coach| practice| match)? (?:gave|give|gives|left) me a "
    r"black eye|"
    r"let me out (?:after|past|later than|till|until) (?:\d+|dark|tea|midnight)|"
    r"(?:wants?|wanted|asked for|asks for|needs?|asked us for) (?:photos?|pictures?|pics?|snaps) of "
    r"(?:us|everyone|the team|the squad|all of us)\b"
    r"(?!.{0,40}\b(?:changing|toilets?|showers?|bathroom|underwear|bikini|naked|nudes?|bed)\b)"
    r".{0,40}\bfor (?:their|the|our|its) (?:website|newsletter|insta|instagram|page|facebook|yearbook|"
    r"display|noticeboard|poster|site|socials)\b|"
    r"(?:someone|somebody|something) (?:was )?follow(?:ed|ing) me\b.{0,50}\bturned out (?:to be|it "
    r"was) (?:just )?(?:a |the |my |our |next doors |the neighbours )?(?:cat|dog|fox|kitten|puppy|"
    r"pigeon|seagull|duck|goose)\b|"
    r"(?:this|the) (?:bot|app|chatbot|quiz|form) (?:is |keeps )(?:literally )?bullying me\b|"
    r"(?:grandad|grandpa|grandma|nan|nanna|nana|gran|granny) (?:takes|has to take|needs|is on) "
    r"(?:his|her) (?:\w+ ){0,2}(?:pills|tablets|meds|medicine|medication)\b|"
    r"secret (?:crush|santa|admirer|recipe|ingredient|level|menu|handshake|surprise)\b|"
    r"(?:keep|keeping|kept) (?:the|a|my|our|her|his) (?:surprise |birthday |leaving |\w+ )?"
    r"(?:party|present|gift|surprise|plan|plans|cake|trip) (?:a )?secret\b|"
    r"(?:in|on) (?:the|this|that) (?:show|film|movie|book|series|episode|play|novel|programme|soap|"
    r"anime|cartoon|musical)\b(?:(?!\b(?:i|me|my|myself)\b).){0,40}?\b(?:gets|got|is|was|keeps "
    r"getting) (?:getting )?(?:bullied|locked in|trapped|kidnapped|abused|stabbed|shot|attacked|"
    r"followed|hurt)\b|"
    r"homeless (?:haha )?(?:jk|just kidding|just joking|only joking|joking)\b"
    r"(?!.{0,20}\b(?:unless|or am i|not really|kind of|sort of)\b)|"
    r"mugged off\b(?! (?:the|a) (?:bus|train))|"
    r"(?:(?:chilli|chili|hot sauce|curry|wings|pepper|carolina reaper|bleep test|cross country|"
    r"heatwave)\b.{0,40}\b(?:nearly|almost) passed out|(?:nearly|almost) passed out (?:from|at|after|"
    r"because of|over) (?:the |a |that |this )?(?:\w+ )?(?:chilli|chili|hot sauce|curry|wings|pepper|"
    r"bleep test|cross country|heat))\b|"
    # after the twenty-first set's: a parent "gonna kill me haha", a shaving cut, someone
    # else's black eye in a bout, exams as a disappearance, a pet that goes mad
    r"(?:mum|mam|mom|dad|nan|gran|teacher|coach|sister|brother|boss) (?:is |s |will )?(?:going to|gonna) "
    r"kill me (?:haha\w*|xd)\b|"  # normalise drops "lol": "going to kill me" alone stands
    r"(?:shave|shaving|shaved)\b.{0,30}\bcut myself\b"
    r"(?!.{0,30}\b(?:on purpose|deliberately|meant to|wanted to|again and again)\b)|"
    r"black eye (?:in|at|from) (?:his|her|their) (?:fight|bout|spar|sparring|match|mma \w+|"
    r"boxing \w+)\b(?! with)|"
    r"(?:going to|gonna) disappear (?:for a (?:bit|while|week|few \w+)|till \w+|until \w+)\b"
    r"(?=.{0,25}\b(?:exams?|revision|revising|gcses|a levels|mocks|holiday|festival|camp|dofe)\b)|"
    r"(?:dog|dogs|cat|cats|puppy|horse|pony|hamster|pet) (?:\w+ )?(?:goes|go|went|gets) (?:mad|crazy|"
    r"nuts|wild|mental) (?:when|at|over|if)\b|"
    # after the twenty-second set's: a slice cut, a book to disappear into, laughing, kudos,
    # a band's name, art kept secret for a show, a sister's sleepover, a birthday "kidnap",
    # a youth hostel, a self-inflicted setback
    r"cut myself (?:a|another|some|a big|a massive) (?:slice|piece|bit|chunk|wedge)\b|"
    r"disappear into (?:a|the|my|some) (?:good |new )?(?:book|books|film|game|series|music|world)\b|"
    r"(?:can not|cant|could not|couldnt) breathe (?:from|for|with) laugh\w*|"
    r"laughing so (?:hard|much) i (?:can not|cant|could not|couldnt) breathe|"
    r"(?:keep|keeps) giving me (?:kudos|likes|hearts|stars|follows|tips|advice|compliments|sweets|"
    r"extra \w+)\b|"
    r"(?:band|song|album|track|film|book|show|game) (?:is |was |s )?(?:literally |actually |"
    r"basically )?(?:called|named) (?:the )?\w+|"
    r"(?:teacher|miss|sir|coach|leader|club) (?:\w+ )?(?:told|asked) us to keep (?:our|the|it) "
    r"(?:\w+ )?(?:a )?secret (?:till|until|before|for) (?:the )?(?:exhibition|show|reveal|launch|"
    r"competition|concert|party|end of term|assembly)\b|"
    r"hiding in my room (?:from|till|until) (?:my |the )?(?:(?:sisters?|brothers?|cousins?)s? )?"
    r"(?:sleepover|party|mates|friends|music|noise|guests|visitors|relatives|family party)\b|"
    r"(?:mates|friends|squad|girls|lads|family|cousins) (?:\w+ )?kidnapped me (?:for|on) my "
    r"(?:birthday|bday|18th|16th|17th)\b|"
    r"youth hostels?\b.{0,40}\b(?:dofe|trip|expedition|residential|walking|holiday|camp)\b|"
    r"(?:kicked|chucked|booted) me out of (?:the |her |his |our )?(?:kitchen|lounge|living room|"
    r"front room)\b|"
    # after the twenty-third set's: a song's words, an elder's heart pills, a revision
    # lock-in, coasteering, homework, a phone's battery, a ball in the face, a birthday secret,
    # hiding to revise or till results, a song that makes one cry
    r"(?:song|lyric|lyrics|singing|sing)\b.{0,50}\b(?:were|we are) going to die young\b|"
    r"(?:grandad|grandads|grandpa|grandpas|granddad|nan|nans|nana|gran|grans|grandma|grandmas|"
    r"granny|grannys) (?:is |s )?(?:on|takes|has|needs) (?:loads of |lots of |so many |a lot of |"
    r"a load of |\w+ )?(?:pills|"
    r"tablets|meds|medication) for (?:his|her|their) (?:heart|blood pressure|diabetes|arthritis|"
    r"cholesterol|back|knees?|hips?|memory|dementia|chest|lungs|kidneys)\b|"
    r"(?:says|said|threatens|threatened|jokes|joked) (?:that )?(?:shell|hell|theyll|she will|"
    r"he will|they will|she is going to|he is going to|they are going to) lock me in (?:my|the) "
    r"(?:room|bedroom) (?:till|until) i (?:finish|have finished|do|have done|get through) "
    r"(?:my |all my |the )?(?:revision|homework|coursework|essay|project|practice|revising)\b|"
    r"(?:coasteering|tombstoning|cliff jumping|gorge walking|gorge scrambling|canyoning)\b.{0,60}"
    r"\bjump(?:ing)? off (?:the )?(?:rocks|cliffs?|ledges?)\b|"
    r"(?:can not|could not) breathe (?:this|the|my) (?:maths |english |science |physics |"
    r"chemistry |biology |history |geography |french |spanish )?(?:homework|revision|coursework|"
    r"test|exam|essay|lesson|worksheet) (?:is|was) (?:so |too |way too )?(?:hard|long|boring|"
    r"difficult)\b|"
    r"(?:phone|battery|laptop|tablet|ipad|switch|controller)s? (?:is |s )?on (?:\d+|low|one|two|"
    r"three|five|ten)(?: percent)? (?:and )?(?:it is |its )?(?:going to|about to|will) die\b|"
    r"(?:hit|smacked|whacked|got one) in the (?:face|eye|head|nose) (?:with|by) (?:a|the) "
    r"(?:ball|football|rugby ball|netball|basketball|cricket ball|tennis ball|frisbee|shuttlecock|"
    r"hockey ball|hockey stick|racket|bat)\b(?:.{0,40}\bblack eye\b)?|"
    r"(?:secret|surprise) (?:trip|party|day out|picnic|plan|present|gift|cake|video|card)\b.{0,40}"
    r"\bfor (?:her|his|their|our \w+|my \w+) (?:birthday|bday|leaving do|anniversary|18th|16th)\b|"
    r"hid(?:e|ing) (?:under|in) (?:my |the )?(?:duvet|covers|bed|blanket)\b.{0,20}(?:till|until) "
    r"(?:results day|my results|the exams? (?:is|are) over|exams are over|my exams are over)\b|"
    r"hid(?:e|ing) in the (?:library|study room|music room|art room|classroom)\b.{0,25}\b(?:to "
    r"revise|to study|to do (?:my )?homework|to read|revising|studying)\b|"
    r"(?:song|film|movie|episode|book|ending|scene|advert|onions?)\b.{0,50}\bmakes me cry\b"
    r"(?: every ?time)?|"
    # after the twenty-fourth set's: sent out of a room, "die if i see another", a surprise
    # kept from mum, pictures of one's work asked for, a lost thing a parent will "kill" for,
    # a show's ending kept secret
    r"(?:kicked|chucked|booted|threw|thrown|sent) me out (?:of )?(?:the |her |his |our )?"
    r"(?:kitchen|lounge|living room|front room|classroom|lesson|class)\b|"
    r"going to die if i (?:see|have to do|get|do|hear|read) (?:another|one more|any more) (?:\w+ )?"
    r"(?:equations?|questions?|essays?|past papers?|papers?|exams?|tests?|pages?|worksheets?|"
    r"lessons?|songs?|adverts?|ads|episodes?|tiktoks?|videos?)\b|"
    r"keep (?:it|this) (?:a )?secret from (?:my |your |our )?(?:mum|dad|mam|nan|gran|sister|"
    r"brother|friend|teacher)\b(?=.{0,60}\b(?:surprise|birthday|bday|present|gift|30th|40th|50th|"
    r"60th|party|anniversary)\b)|"
    r"(?:wants|want|asked for|asking for|asks for|need|needs) (?:pics|pictures|photos) of my "
    r"(?:portfolio|art|artwork|work|drawings?|paintings?|cakes?|bakes?|baking|project|robot|build|"
    r"model|garden|designs?|coursework)\b(?! (?:uniform|outfit|clothes|kit|body|bedroom))|"
    r"(?:left|lost|forgot|broke|smashed|cracked|ripped|spilt|spilled) my\b.{0,40}\b(?:mum|mam|mom|"
    r"dad|nan|gran|parents)s? (?:is |are |will )?(?:going to|gonna) kill me$|"  # nothing after it
    r"keep (?:the|our) (?:ending|plot|twist|result|score|answers?|lyrics|script|costumes?|"
    r"reveal) (?:a )?secret\b|"
    # after the twenty-fifth set's: a set text's plot, a drama role, a friend's crush, a
    # surprise party, a game score, grooming horses, homeless in a game, a code "hit me with",
    # a story's bully, a sibling's chores "blackmail", a film's name
    r"(?:gcse|a level|english|set) (?:text|book|novel|play)\b.{0,60}\b(?:dies|died) (?:by|from|"
    r"after) (?:drinking|swallowing) bleach\b|"
    r"(?:cast as|playing|play|plays|played|role of|part of) (?:the |an |a )?(?:abusive|violent|drunk|"
    r"evil|controlling) (?:dad|father|mum|mother|husband|boyfriend|stepdad|uncle|teacher|man|"
    r"character)\b|"
    # (and after the thirty-third set's: over something lost or not brought, unless hitting or
    # fear follows)
    r"(?:said|says) (?:hell|shell|hed|shed|he will|she will|he would|she would|they will|theyll) "
    r"kill me if i (?:(?:(?:tell|told|say|said) (?:you|anyone|everyone) (?:who |that )?(?:he|she|they) "
    r"(?:fancies|fancy|likes|like|has a crush on)|(?:tell|told) (?:his|her|their) crush)\b|(?:lose|lost|"
    r"break|broke|forget|forgot|smash|crack|scratch|ruin|spill|miss|am late for|(?:did not|do not) "
    r"(?:bring|get|save|buy|share)) (?:another|my|the|her|his|their|it|one more|snacks|sweets|food|crisps|"
    r"drinks|him|her|them)\b(?!.{0,60}\b(?:hit\w*|belt|beat\w*|hurt\w*|for real|seriously|actually does|"
    r"scared|terrified)\b))|"
    r"keep (?:it|this) (?:a )?secret\b(?=.{0,60}\b(?:planning|organising|organizing|throwing|"
    r"making|getting) (?:a |her |him |them )?surprise (?:party|present|gift|cake)\b)|"
    r"beat (?:me|us) (?:\d+ \d+ )?(?:easily |again |badly )?(?:at|in) (?:fifa|fortnite|chess|cards|"
    r"monopoly|uno|pool|darts|tennis|badminton|ping pong|table tennis|football|mario kart|smash|"
    r"cod|the race|connect four|scrabble)\b|beat (?:me|us) \d+ \d+\b|"
    r"grooming (?:the )?(?:horses?|ponies|pony|dogs?|cats?|pets?|animals?)\b|(?:dog|horse|pony|pet|"
    r"cat) grooming\b|(?:stables?|yard|kennels|salon)\b.{0,40}\bgrooming\b|grooming (?:at|in) "
    r"(?:the |a )?(?:stables?|yard|kennels|salon|riding school)\b|"
    r"homeless in (?:minecraft|the sims|sims|fortnite|roblox|rust|gta|animal crossing|the game)\b|"
    r"hit me (?:up )?with (?:that|the|a|your|some|those) (?:code|link|details|info|number|deets|"
    r"song|playlist|tunes|recipe)\b|"
    r"the bully in (?:the |that |this )?(?:book|film|movie|show|play|series|episode|novel|wonder|"
    r"game)\b|"
    r"(?:sister|brother|sis|bro|cousin|mate|friend)s? (?:is |s |keeps )?blackmail\w* me (?:to|into) "
    r"(?:do|doing) (?:her|his|their|the) (?:chores|washing up|dishes|jobs|homework|share)\b|"
    r"(?:watched|watching|seen|saw|rewatched) (?:the )?suicide squad\b|suicide squad (?:film|movie|"
    r"game|comic)\b|"
    # after the twenty-sixth set's: a song's name, a sibling's room, a show's song kept secret, a
    # present kept from the others, copying a drawing style, a cat that bullies, an essay worse
    # than the streets, drunk on power, a surprise party, a cake that collapsed, a punch for crisps
    r"(?:radiohead\b.{0,30}\bhow to disappear|how to disappear completely (?=is|by|(?:song|tune|track)))|"
    r"(?:sister|brother|sis|bro|siblings?)s? (?:kicked|kicks|chucked|threw) me out (?:of )?(?:her|his|"
    r"their) (?:room|bedroom)\b|"
    r"(?:keep|keeping|kept) (?:the|our) (?:choir |school |show |dance )?(?:song|songs|dance|routine|"
    r"performance|setlist|set list|costumes?) (?:a )?secret\b|"
    r"(?:mate|friend|bestie|bff|nan|gran|grandma|sister|brother|cousin)s? (?:gave|got|bought|made) me "
    r"(?:\w+ ){1,6}and said keep (?:it|this) (?:a )?secret from (?:the others|everyone else|our mates|"
    r"the rest|the group) so "
    r"(?:they|she|he) (?:do not|does not|will not) (?:get|be) jealous\b|"
    r"copy my (?:drawing |art |design )?(?:style|drawings?|art|designs?|outfits?|hair)\b|"
    r"bullied (?:by|from) (?:my|the|our) (?:cat|dog|kitten|puppy|hamster|parrot|rabbit|goose|geese|"
    r"seagulls?|pigeons?|swans?)\b|"
    r"rather (?:sleep|live) on the streets? than (?:write|do|sit|revise for|start) (?:another |an |a |the |"
    r"my |this )?(?:essay|exam|homework|test|revision|coursework|assignment|maths paper)\b|"
    r"drunk (?:on|with) (?:power|love|happiness|success|excitement)\b|"
    r"surprise (?:party|present|gift|cake)\b.{0,40}\bdo not tell (?:anyone|her|him|them)\b|"
    r"(?:cake|sponge|souffle|bake|bread|pavlova|meringue|gingerbread house|trifle|sandcastle|jenga "
    r"tower)s? (?:has |just |totally |completely )?collapsed\b|"
    r"(?:brother|sister|bro|sis) (?:punched|hit|thumped|slapped) me on the arm for (?:eating|taking|"
    r"nicking|stealing|using) (?:his|her|their) \w+\b(?= (?:fair enough|i deserved it|deserved))|"
    # after the twenty-seventh set's: dying of embarrassment, grooming a horse, chores before
    # going out, a birthday present kept secret, a holiday, a friend's picture of her haircut,
    # a film with a kidnapping in it
    r"(?:going to |will |would |could |literally |actually )?die (?:of|from) (?:embarrassment|cringe|"
    r"boredom|laughter|laughing|excitement|happiness)\b|"
    r"groom(?:ing)? (?:and|or) muck(?:ing)? out\b|muck(?:ing)? out (?:and|or) groom(?:ing)?\b|"
    r"(?:mum|dad|parents|step mum|step dad|nan|gran)s? (?:makes|make|made) me (?:do|finish|tidy|clean) "
    r"(?:(?:my|the|all my|all the) )?(?:chores|homework|jobs|room|bedroom|washing up|dishes|hoovering)\b"
    r"(?= before (?:i (?:can|am allowed to) (?:go out|go|play|see|have|get|use)|any (?:clubs?|games|gaming|"
    r"screen time|tv|xbox|fun)\b))|"
    r"(?:keep|keeping|kept) (?:it |this )?(?:a )?secret from (?:my|our) (?:mum|dad|sister|brother|nan|"
    r"gran|grandma|grandad|parents|teacher|mate|friend|bestie)\b(?=.{0,50}\b(?:getting|buying|making|"
    r"planning|got|bought|made) (?:her|him|them) (?:a |an |some )?\w+(?: \w+)? for (?:her|his|their) "
    r"(?:birthday|bday|christmas|anniversary|retirement)\b)|"
    r"(?:will not|not going to) be (?:around|here) (?:next week|this weekend|next weekend|tomorrow|"
    r"for (?:a|two|2|three|3) (?:week|weeks|days))\b(?= (?:because|as|since) (?:we are|i am|we will be|"
    r"i will be|were) (?:going|away|on holiday|visiting|staying)\b(?! to (?:do it|end|kill|die)))|"
    r"(?:tattoo|piercing|pierced|nose ring|dye my hair|dyed my hair|hair dye|jk|joking|just kidding)\b"
    r".{0,40}\b(?:mum|dad|parents|nan|gran)s? (?:would|will|is going to|going to) (?:literally )?"
    r"(?:kill|murder) me$|"
    r"(?:friend|mate|bestie|bff|sister|brother|mum|dad|nan|gran|cousin)s? (?:sent|sends|showed) me "
    r"(?:a )?pictures? of (?:her|his|their) (?:new )?(?:haircut|hair|nails|outfit|dog|cat|puppy|kitten|"
    r"cake|drawing|art|dress|prom dress|shoes|trainers|holiday|garden|tattoo)\b|"
    r"(?:film|movie|book|play|show|episode|series|novel|game) (?:\w+ ){0,6}(?:had|has|with) (?:a |an |"
    r"some )?(?:kidnapping|murder|stabbing|shooting|overdose|suicide)s? in it\b|"
    # a fire nearly started while cooking, and no more ("nearly set the kitchen on fire making
    # pancakes"): found in fresh28, after it was measured
    r"(?:nearly|almost|practically) (?:set|put|setting) (?:the|my|our) (?:kitchen|house|flat|toaster|"
    r"microwave|oven|pan|grill) on fire\b(?=.{0,40}\b(?:making|cooking|baking|frying|toasting)\b)(?!.{0,80}"
    r"\b(?:still|now|spreading|can not|help|trapped|stuck|upstairs)\b)|"
    # after the twenty-eighth set's: a duvet to disappear under, the circus, year 7 photos, a
    # loser at Uno, kicked off the wifi, a tent in the garden, an orienteering group, a Vinted
    # buyer, homeless while the house is painted, the seaside for the day, ending it with a
    # boyfriend, a last message before a holiday, the big shop tomorrow, a room to tidy first
    r"(?:want to|going to|just want to) disappear (?:under|into) (?:my|the) (?:duvet|covers|blanket|"
    r"bed|hoodie)\b(?!.{0,30}\b(?:never|forever|for good|not wake|not come back))|"
    r"run away (?:and|to) join (?:the|a) circus\b|"
    r"(?:bestie|mate|friend|sister|brother|sis|bro|cousin|mum|dad)s? (?:threatened|threatening|"
    r"threatens) to (?:post|share|show) my (?:year \d+|baby|childhood|old|embarrassing) pictures\b|"
    r"calling me a loser (?:because|cause) i (?:lost|won) (?:at|in|on) \w+\b|"
    r"kicked me (?:off|out of|out) (?:the |my )?(?:wifi|xbox|ps5|playstation|switch|tv|computer|laptop|"
    r"console|server|lobby)\b|"
    r"(?:sleeping|camping|sleep|camp) in a tent in (?:the|my|our|\w+s) (?:back )?(?:garden|backyard)\b|"
    r"ran off from (?:my|the) (?:group|team) (?:in|during|at) (?:the )?(?:orienteering|race|relay|"
    r"treasure hunt|scavenger hunt|fun run|cross country)\b|"
    r"(?:on|from) (?:vinted|ebay|depop|facebook marketplace|marketplace|gumtree)\b.{0,30}\bwants? "
    r"(?:a |some )?pictures? of (?:the|my) (?:trainers|shoes|top|dress|jacket|item|hoodie|bag|game|"
    r"console|phone)\b|"
    r"homeless for the (?:weekend|week|night|day)\b(?=.{0,60}\b(?:travelodge|premier inn|hotel|"
    r"painted|decorated|renovat\w*|new kitchen|floors?|caravan)\b)|"
    # (and with mates, or for the summer, after the thirty-sixth and thirty-ninth sets')
    r"(?:run|running|ran) away to (?:the )?(?:seaside|beach|coast|countryside|mountains|woods) "
    r"(?:with (?:my |the )?(?:mates|friends|girls|boys|squad|family|fam) )?for (?:the|a) "
    r"(?:day|afternoon|weekend|summer)\b(?!.{0,60}\b(?:never come back|forever|for good|not coming "
    r"back|without telling|not tell|will not find|not safe|scared)\b)|"
    r"(?:end|ending|ended) (?:it|things) with (?:my|her|his) (?:boyfriend|girlfriend|partner|crush|"
    r"situationship)\b|"
    r"last message before (?:(?:i|we) (?:go|leave|fly|head) (?:on holiday|on a trip|camping|abroad)|"
    r"(?:my|the|our) (?:holiday|trip|flight|camping trip))\b|"
    r"no food in the house (?:because|as) (?:my )?(?:mum|dad|parents)s?(?: is| are)? (?:doing|going to "
    r"do) (?:the|a) (?:big |weekly )?shop\b|"
    r"will not let me (?:out|go out) (?:till|until|unless) (?:i have|i) (?:tidied|cleaned|done|finished|"
    r"sorted)\b(?!.{0,40}\b(?:lock\w*|hit\w*|hurt\w*|beat\w*|starv\w*|no food|for days)\b)|"
    r"secret about (?:her|his|their|my) crush\b|"
    r"shot myself in the foot\b|"
    r"(?:hits?|hitting|hit|whacks?|whacked|whacking|smacks?|smacked|bops?|bopped) me with (?:a|her|"
    r"his|their|the|my) (?:teddy|pillow|cushion|toy|"
    r"balloon|sock|nerf gun|foam \w+)|"
    # after the twenty-ninth set's: a surprise party kept secret, a club kept from a sister who
    # copies, the heat, mates dragging one to an escape room, a team beaten, a character who
    # overdoses, kicked from a chat for memes, hiding from mum over homework, grades or mum
    # will kill me, called a donkey for a missed penalty, pushed in the pool on holiday, a
    # goldfish that seems depressed
    r"surprise (?:party|birthday|present|gift|trip|visit|do)\b.{0,60}\b(?:keep|keeping) (?:it|this|"
    r"that|everything) (?:a )?secret\b|"
    r"(?:a )?secret from my (?:sister|brother|sis|bro|cousin|mate|friend|bestie)\b(?= (?:(?:cos|because|"
    r"as|since) )?(?:she|he|they) (?:always )?(?:copies|copy|copy everything|nicks|steals|follows me)\b)|"
    r"(?:this|the) (?:heat|weather|sun|cold|rain|humidity|hay ?fever|traffic|queue|commute|hill|walk) "
    r"(?:is|will|is going to|s going to|is gonna) (?:going to )?(?:literally |actually )?kill me\b|"
    r"(?:mates|friends|mum|dad|parents|sister|brother|bestie|cousins?|nan|gran|class|team)s? "
    r"(?:are|is|keep|keeps|have been) dragging me (?:along )?to (?:a |an |the |her |his |their )?"
    r"(?:\w+ ){0,2}(?:escape room|gig|concert|party|gym|class|club|cinema|theme park|museum|shops|"
    r"match|quiz|karaoke|wedding|festival|panto|zumba|yoga|church|choir)\b|"
    r"(?:lost|battered|hammered|thrashed|beaten|smashed|destroyed|stuffed) (?:\d+ ?(?:nil|\d+)|"
    r"\d+ to \d+)\b.{0,40}\bi (?:want to|could|just want to) die\b(?!.{0,30}\b(?:mean it|for real|"
    r"serious|not joking|every day|anymore|again)\b)|"
    r"(?:my|a|the|her|his|our) characters? (?:who |that |in (?:the|our|my|this) (?:play|scene|film|story|"
    r"show|script) )?(?:\w+ ){0,2}(?:overdoses|overdosed|overdosing|dies|self harms|kills (?:himself|"
    r"herself|themselves))\b(?!.{0,40}\b(?:like (?:i|me)|same as me|i do|i did|in real life|irl)\b)|"
    r"(?:kicked|removed|booted|chucked) (?:me )?(?:out )?(?:from|of) the (?:group chat|gc|chat|server|"
    r"group) (?:for|cos|because|after) (?:\w+ )?(?:spamming|spam|memes|posting|sending (?:too many|"
    r"loads of))\b|"
    r"hiding from (?:my )?(?:mum|dad|mam|mom|parents|nan|gran|teacher|tutor)s? (?:cos|because|as|since) "
    r"i (?:have not|did not|forgot to|still have not|never) (?:done|do|did|finished|finish|started) "
    r"(?:my|the) (?:homework|chores|washing up|dishes|revision|coursework|room|piano practice)\b|"
    r"(?:grades?|marks?|results?|report|scores?|mocks?) (?:\w+ ){0,4}(?:or|otherwise|else) (?:my )?"
    r"(?:mum|dad|mam|mom|parents|nan|gran)s? (?:will|is going to|are going to|would) (?:actually |"
    r"literally )?kill me\b(?!.{0,40}\b(?:hit\w*|belt|beat\w*|hurt\w*|for real|seriously|actually does)\b)|"
    r"called me a (?:donkey|muppet|melon|plank|numpty|wally|div|clown|mug) (?:for|cos|because|after) "
    r"(?:i )?(?:missing|missed|skying|skied|fluffing|fluffed|scoring|scored|dropping|dropped) (?:a|the|an|"
    r"my|that) (?:pen|penalty|sitter|catch|open goal|own goal|easy one|shot|tackle)\b|"
    r"pushed me (?:in|into) the (?:pool|sea|lake|water|paddling pool|swimming pool)\b(?=.{0,40}\b(?:on "
    r"holiday|getting (?:him|her|them) back|revenge|for a laugh|at the party)\b)(?!.{0,60}\b(?:held|"
    r"hold|holding|under|drown\w*|can not swim|could not swim)\b)|"
    r"(?:my|the|our) (?:goldfish|fish|dog|cat|hamster|rabbit|bunny|plants?|tortoise|budgie|pet|guinea "
    r"pig|tamagotchi)s? (?:is|are|seems?|looks?) (?:so |really |a bit |kind of )?(?:depressed|sad|"
    r"lonely|down)\b|"
    # after the thirtieth set's: running from one's problems "jk", a little brother who hits
    # or "hates me" over a game or a phone, beaten at bowling, "i hate my life" because the
    # wifi is down, a secret that is a surprise, roasted for a haircut and fine with it, off
    # social media for a while, homeless after buying tickets, locked out as a joke, starved
    # of sleep, a paracetamol for period pains, swallowed gum, slept in the car on a journey
    r"run away from (?:all )?(?:my|the|these|life s) problems\b(?=.{0,20}\b(?:jk|joking|just kidding|"
    r"kidding)\b)|"
    r"(?:little|baby|younger|lil|small) (?:brother|sister|bro|sis|cousin)s? (?:punched|hit|kicked|bit|"
    r"slapped|scratched|whacked|pinched) me (?:(?:cos|because|when|after|as) i (?:would not|did not|"
    r"will not|could not) (?:give|let|share|lend|play)|(?:during|in|playing|while playing|at) (?:a )?"
    r"(?:game of )?(?:tag|tig|it|hide and seek|football|play fighting|pillow fight|wrestling|rough and "
    r"tumble|the game))\b(?!.{0,60}\b(?:bleed\w*|bruis\w*|black eye|hospital|every day|all the time|"
    r"scared)\b)|"
    r"(?:little|baby|younger|lil|small) (?:brother|sister|bro|sis|cousin)s? (?:says|said|keeps saying) "
    r"(?:he|she|they) (?:hates?|hate) me (?:cos|because|since|as) i\b|"
    r"get(?:ting)? (?:smashed|battered|destroyed|thrashed|hammered|rinsed|wrecked) at (?:the )?(?:bowling|"
    r"bowling alley|darts|pool|snooker|mini golf|crazy golf|laser tag|quiz|chess|tennis|badminton|"
    r"go karting|karting|table tennis|fifa|mario kart)\b|"
    r"i hate my life\b(?= (?:the |my )?(?:\w+ )?(?:wifi|internet|signal|phone|charger|battery|bus|train|printer|"
    r"laptop|xbox|ps5)s? (?:is|has|been|keeps|died|broke|went|will not|down)\b)|"
    r"(?:got|have) a secret\b(?=.{0,40}\b(?:to surprise|as a surprise|surprise (?:for|my))\b)|"
    r"roasting me (?:for|about|over) (?:my|the) (?:haircut|hair|trim|shoes|trainers|outfit|fit|jumper|"
    r"singing|dancing|cooking|dance moves)\b(?=.{0,40}\b(?:it is fine|fair enough|it was bad|they are "
    r"right|deserved it|banter)\b)(?!.{0,50}\b(?:not|anymore|every day|scared|hurt\w*)\b)|"
    r"disappear (?:off|from) (?:social media|socials|insta|instagram|tiktok|snapchat|snap|twitter|the "
    r"internet|my phone)\b(?= for (?:a bit|a while|a week|a month|the summer|exams|revision|a few)\b)|"
    r"(?:going to|will) be homeless (?:after|when|cos|because|if) (?:i )?(?:spend|spent|buy|bought|"
    r"paying|pay)\b.{0,40}\b(?:tickets?|trainers|shoes|clothes|festival|concert|holiday|game|skins|merch|"
    r"shopping)\b|"
    r"locked me out (?:of )?(?:the|our) (?:house|flat|garden|room|car) (?:as a joke|for a laugh|as a "
    r"prank)\b(?!.{0,40}\b(?:all night|overnight|in the cold|for hours|again)\b)|"
    r"starving (?:my ?self|me self|meself) of (?:sleep|fun|sunlight|a social life|tv|chocolate|sugar)\b|"
    r"(?:period pains?|cramps|headache|migraine|toothache|hay ?fever)\b.{0,30}\b(?:took|taken|had|take|"
    r"taking) (?:a |one |two |2 |some )?(?:paracetamol|ibuprofen|calpol|nurofen|lemsip|piriton)s?\b"
    r"(?!.{0,40}\b(?:all|whole|box|boxes|packet|packets|the lot|\d\d)\b)|"
    r"swallowed (?:my |some |a |the )?(?:chewing gum|gum|(?:cherry |apple |orange |melon )?pips?|seeds?|"
    r"fly|bug|toothpaste|ice cube)\b.{0,20}\b(?:am i|will i) (?:going to|gonna) die\b|"
    r"slept in the car (?:all the way|the whole way|on the way|most of the way) (?:to|there|home|back)\b|"
    # after the thirty-first set's: trapped in a cycle of Netflix, hiding from mum over the
    # last biscuits, locked in the library for two minutes (a small cousin's punch at tag is
    # in the little brother's lookalike above)
    r"(?:trapped|stuck) in (?:a |an |this )?(?:never ending |endless |infinite )?(?:cycle|loop|spiral|"
    r"rabbit hole|vortex) of (?:(?:watching|playing|rewatching|scrolling|scrolling through|checking|"
    # (and, after the forty-sixth set's, a loop of watching them)
    r"bingeing|binging|reading) )?(?:netflix|tiktok|youtube|scrolling|reels|anime|gaming|procrastination|"
    r"revision|homework|exams|memes|shows|series|k ?dramas|reality tv|fifa|"
    # (and, after the forty-fourth set's, a loop of doomscrolling)
    r"doom ?scrolling|tik ?toks?|shorts|youtube shorts|insta|instagram|snap|snapchat|twitter|x|"
    r"group chats|binge\w*|roblox|minecraft)\b|"
    r"(?:hiding|hide|hid) from (?:my )?(?:mum|dad|mam|mom|parents|nan|gran|sister|brother)s? (?:cos|"
    r"because|as|since|(?:until|till|til) (?:she|he|they) (?:forgets?|has forgotten)(?: that)?) i "
    r"(?:ate|broke|spilt|spilled|lost|used|borrowed|nicked|finished|ruined|stained|"
    r"scratched|dented) (?:(?:her|his|their|the|my|all the|the last) )?(?:\w+ ){0,2}(?:biscuits?|cake|"
    r"chocolates?|crisps|sweets|pizza|vase|remote|charger|top|jumper|makeup|perfume|shampoo|mug|plate|"
    r"leftovers|easter eggs?|chips|hoodie|lipstick|trainers|sandwich)\b"
    r"(?!.{0,60}\b(?:hit\w*|hurt\w*|beat\w*|belt|scared|terrified|kill\w*|punish\w*|lock\w*)\b)|"
    r"\b(?:library|shop|classroom|toilets?|changing rooms?|gym|school|building|office|cinema|museum|"
    r"bathroom)\b.{0,40}\blocked me in (?:for )?(?:like |about |literally |only )?(?:\d+|two|five|ten|"
    r"a few|a couple of) (?:secs?|seconds|mins?|minutes)\b|"
    # after the thirty-second set's (found after it was measured): wasted by the cops in a
    # game, a tabletop character stabbed by a goblin, hit with a frying pan in the panto, a
    # kidnapper in an improv, nearly passing out at a blood test
    r"fake (?:stab|stabbing|shoot|shooting|kill|killing|hang|hanging|poison|poisoning) (?:my ?self|"
    r"myself)\b(?=.{0,30}\b(?:on stage|in the play|in the scene|for the play|for drama)\b)|"
    r"(?:keep|keeping|kept) (?:the|my|it|this) (?:\w+ )?(?:a )?secret (?:till|until|for) (?:my |his |her )?"
    r"(?:\w+s )?(?:birthday|bday|christmas|anniversary|party)\b|"
    r"(?:getting |got |get )?wasted by (?:the )?(?:cops|police|feds|zombies?|enemies|the enemy|npcs?|"
    r"bots?|a tank|snipers?)\b|"
    r"characters? (?:just )?(?:got|was|has been|gets) (?:stabbed|shot|killed|poisoned|kidnapped|attacked) "
    r"by (?:a|an|the) (?:goblin|orc|dragon|troll|zombie|skeleton|monster|boss|npc|villain|wizard|vampire|"
    r"bandit|enemy|creeper)s?\b|"
    r"(?:panto|pantomime|play|show|sketch|musical|rehearsal)s?\b.{0,30}\b(?:get|gets|got|getting) "
    r"(?:hit|whacked|smacked|bopped|slapped) (?:with|by) (?:a|the) (?:frying pan|rubber \w+|foam \w+|"
    r"custard pie|pie|prop \w*|pillow|fake \w+|plastic \w+)\b|"
    r"(?:improv|role ?play|drama|panto|play|sketch|scene|larp)\b.{0,30}\bi (?:was|am|played|play|get "
    r"to be) (?:a|the) (?:kidnapper|murderer|killer|drug dealer|dealer|burglar|robber|villain|thief|"
    r"bully|stalker)\b|"
    r"(?:blood tests?|injections?|jabs?|vaccines?|vaccinations?|needles?|giving blood|ear piercing)\b"
    r".{0,40}\b(?:nearly|almost|practically) (?:passed out|fainted|blacked out)\b|(?:nearly|almost) "
    r"(?:passed out|fainted) (?:at|during|after|from) (?:the |my |a )?(?:blood test|injection|jab|"
    r"vaccine|needle|piercing)s?\b|"
    # after the thirty-third set's (found after it was measured): a parent who "will kill me"
    # over something lost (with the crush told, above), a secret that is a surprise party, a
    # brother's black eye at taekwondo, a mate who kept a secret crush
    r"(?:i have got|i have|i got|got) a secret\b(?= (?:i am|we are|me and (?:my )?\w+ are) (?:planning|"
    r"organising|organizing|throwing|making|getting) (?:a |her |him |them )?surprise\b)|"
    r"(?:got|gets|has|had|came home with|ended up with) a black eye (?:at|in|from|doing) (?:taekwondo|"
    r"karate|judo|kickboxing|mma|jiu ?jitsu|kung fu|muay thai)(?: sparring| training| class| grading)?"
    r"\b(?!.{0,60}\b(?:coach|instructor|sensei|teacher|on purpose|when i|cos i|because i|punish\w*)\b)|"
    r"(?:told|tell|telling) (?:my |me )?(?:\w+ )?(?:a )?secret about (?:who (?:i|she|he|they) "
    r"(?:fancy|fancies|like|likes|have a crush on|has a crush on)|(?:my|her|his|their) crush)\b|"
    # after the thirty-fourth set's (found after it was measured): someone famous who overdosed
    # or was cancelled for bullying, Juliet's dagger, "just shoot me" and "kms" over a lesson
    # or the wifi, a small child who threatens to run away, running away to Disneyland
    r"(?:someone famous|a celeb\w*|celeb\w*|a singer|an actor|an actress|a rapper|a footballer|a "
    r"youtuber|an influencer|a tiktoker|a streamer|a popstar|a pop star) (?:has |had |who )?(?:just )?"
    r"(?:overdosed|died of an overdose)\b|"
    r"(?:youtubers?|influencers?|tiktokers?|streamers?|celeb\w*|footballers?|rappers?|singers?|actors?|"
    r"presenters?) (?:got|gets|has been|was|is getting|have been) (?:cancelled|canceled|banned|suspended|"
    r"exposed|called out|sacked|dropped) for (?:bullying|racism|abuse|grooming|harassment)\b"
    r"(?! (?:me|us|my|i)\b)|"
    r"(?:playing|play|cast as|i am) (?:juliet|romeo|cleopatra|ophelia|lady macbeth|macbeth|hamlet|"
    r"antigone)\b.{0,60}\b(?:stab|stabbing|kill|killing|poison|poisoning) my ?self\b(?!.{0,30}\b(?:for "
    r"real|irl|in real life)\b)|"
    r"(?:^|ugh |omg |honestly |oh god |someone |somebody )just shoot me(?: now)?\b|"
    r"kms (?=(?:this|the|my) (?:wifi|internet|signal|connection|laptop|phone|homework|coursework|"
    r"revision|maths|bus|train|queue|app|bot|game|lag)\b (?:is|are|keeps|will not)\b)(?!.{0,80}\b(?:for "
    r"real|not joking|seriously|mean it|want to die)\b)|"
    r"(?:sister|brother|cousin|son|daughter|niece|nephew|sis|bro)\b.{0,40}\b(?:threatened|threatening|"
    r"threatens|keeps saying|is saying|says|said) (?:to |(?:she|he|they) (?:is|are|will) )?(?:going to |"
    r"gonna )?run away\b(?=.{0,80}\b(?:she|he) (?:is|s) (?:[2-9]|two|three|four|five|six|seven|eight|"
    r"nine)\b)|"
    # (and after the thirty-fifth set's: to a beach for the summer)
    r"run away to (?:(?:disneyland|disney world|disney|narnia|hogwarts|the circus|the moon|mars|a "
    r"desert island|neverland|wonderland)\b|(?:a|the) beach (?:for|after|till|until)\b)|"
    # after the thirty-fifth set's (found after it was measured): a sister who will kill me
    # over a borrowed hoodie (running away to a beach for the summer, above), chores a dad
    # makes me do, a best mate's banter, trapped in a conversation about crypto
    r"(?:mum|mam|mom|dad|sister|brother|sis|bro|nan|gran|parents)s? (?:is|are|will) (?:going to |gonna )?"
    r"kill me\b(?=.{0,20}\bi (?:borrowed|took|nicked|ate|broke|lost|ruined|stained|used|spilt|spilled|"
    r"wore)\b)(?!.{0,80}\b(?:hit\w*|hurt\w*|beat\w*|belt|for real|seriously|scared|terrified)\b)|"
    r"(?:mum|mam|mom|dad|parents|step ?dad|step ?mum|nan|gran)s? (?:makes?|made) me (?:do )?(?:all )?"
    r"(?:of )?(?:the |my )?(?:washing up|dishes|chores|hoovering|hoover|ironing|cleaning|homework|revision|"
    r"bins|laundry|tidy my room|clean my room)\b(?!.{0,60}\b(?:hit\w*|hurt\w*|beat\w*|belt|scared|"
    r"terrified|or else|touch\w*)\b)|"
    r"(?:bestie|best mate|best friend|mate|friends?|bff)s? (?:calls?|called) me (?:a )?\w+ but (?:it is|its) "
    r"(?:just |only |all )?banter\b(?!.{0,60}\b(?:hurts|upset\w*|cry|crying|not funny|every day|"
    r"everyone|whole class|not really)\b)|"
    r"trapped in (?:a |an |this |the )?(?:convo|conversation|chat|lecture|meeting|queue|lesson|assembly|"
    r"family zoom|group chat)\b(?!.{0,80}\b(?:touch\w*|hurt\w*|scared|will not let me (?:go|leave)|"
    r"locked|grab\w*)\b)|"
    # after the thirty-sixth set's (found after it was measured): the bot's last message, "kms"
    # over a quiz or a test, a character kidnapped in story mode, a curry that "will not kill
    # me", a sibling's punch over a thing and made up after, hiding in a wardrobe as a prank,
    # a secret kept from a friend for her surprise, uninstalling a game to "end it all", jobs
    # for people who hate maths, running away to the seaside for the day (with the
    # twenty-eighth set's, above), a snake for
    # switching teams, "get smashed" by the other side if i do not train (and, above, one
    # laugh at running from a wasp; killing myself in a speedrun and running drugs in GTA
    # are games; a monologue and fan fiction are frames)
    r"(?:your|ur|the bots?) last (?:message|msg|text)\b|"
    r"kms (?=(?:this|the|my) (?:\w+ )?(?:quiz|test|exam|mock|essay|assignment|lesson|form)\b (?:is|are|"
    r"keeps|will not)\b)(?!.{0,80}\b(?:for real|not joking|seriously|mean it|want to die)\b)|"
    r"(?:my|the|main) (?:character|char|oc|sim|avatar|guy)s? (?:just )?(?:got|gets|was|has been|is) "
    r"(?:kidnapped|stabbed|shot|killed|poisoned|attacked)\b(?= (?:in|on) (?:story mode|the story|the "
    r"campaign|the game|my game|the level|the quest|chapter \w+)\b)|"
    r"(?:curry|chilli|chili|hot sauce|wings|recipe|pepper|spice)\b.{0,30}\b(?:will not|would not|does "
    r"not|not) (?:kill me|blow my head off)\b(?: with (?:the )?(?:spice|heat|chilli))?|"
    r"(?:sister|brother|sis|bro|cousin) (?:punched|hit|slapped|kicked|whacked|smacked) me over (?:a|the|"
    r"my|her|his) \w+(?: \w+)?\b(?=.{0,10}\b(?:lol|haha|we made up|made up after|we are fine now)\b)"
    r"(?!.{0,60}\b(?:again|every|always|bruise\w*|blood|bled|scared)\b)|"
    r"prank\w* (?:my |her |him |them )?(?:\w+ )?by hiding in (?:her|his|their|the|my) (?:wardrobe|"
    r"cupboard|closet|room|bed|car|shower)\b|"
    r"(?:keep|keeping|kept) (?:a |it |this )?secret from (?:my |her |him )?(?:bestie|best mate|best "
    r"friend|mate|friend|sister|brother|mum|dad)\b(?=.{0,40}\bsurprise\b)|"
    r"uninstall\w* (?:it |the game |this game )?(?:and|then) end it all\b(?!.{0,40}\b(?:for real|"
    r"seriously|mean it|not joking)\b)|"
    r"(?:for|jobs for|careers for|courses for) people who (?:hate|do not like|are bad at|struggle with) "
    r"(?:maths|english|science|school|exams|reading|writing|sport|numbers|pe|studying|revision)\b|"
    r"call me a (?:snake|traitor|turncoat|glory hunter|rat) (?:cos|because) i (?:switched|moved|changed|"
    r"joined) (?:teams|clubs|sides|to \w+)\b|"
    r"(?:i will|you will|we will|ill|we|i|you) (?:get|gets) smashed (?:if (?:i|we|you) (?:do not|did not) "
    r"(?:work on|train|practise|practice|improve)|by (?:them|the other team|the other side|the "
    r"opposition))\b|"
    # after the thirty-seventh set's (found after it was measured): a little brother running
    # off with a charger, kicked out of a pub quiz, "i could strangle her" of an annoying
    # sister, a mum who wants me out of the house more, hiding from a small sister's party
    r"(?:ran|runs|run|running) (?:off|away) with (?:my|his|her|our|the) (?:\w+ )?(?:charger|phone|"
    r"headphones|earphones|airpods|remote|controller|snacks|sweets|crisps|chips|hoodie|jumper|ball|"
    r"toys?|lego|shoes?|socks?|sandwich|food|pizza|chocolate|crayons|pens?|pencils?|book|tablet|"
    r"ipad|keys|homework)\b|"
    r"(?:kicked|chucked|thrown|booted) out (?:of )?(?:the |a |our )?pub quiz\b|"
    r"(?<!not )(?<!never )i could (?:literally |actually |honestly |actually just |just )?(?:strangle|"
    r"throttle|kill|murder) (?:her|him|them)\b(?!.{0,60}\b(?:for real|seriously|not joking|mean it|"
    r"hit\w*|hurt\w*|scared|knife)\b)|"
    r"(?:wants|want) me (?:to (?:get|go) )?out (?:of )?the house more\b|"
    r"(?:hide|hiding|hid) from (?:my |the |her |his )?(?:\w+ ){0,2}(?:birthday )?(?:party|parties|"
    r"guests|visitors|relatives)\b(?!.{0,60}\b(?:drunk|scared|hit\w*|hurt\w*|touch\w*)\b)|"
    # after the thirty-ninth set's (found after it was measured): a phone about to die, so
    # reply later (not a phone dying when lost or alone: that is a sign of danger), running
    # away from my problems at parkrun, a mate cutting her own fringe, running from a
    # neighbour after a ball went over the fence, hiding under a rock (and, above, the
    # seaside for the summer)
    r"(?:phone|phones|battery|laptop|laptops|ipad|tablet|switch|airpods|headphones)s? (?:is |are )?"
    r"(?:about to|going to|gonna|will|might|is going to) die\b(?=.{0,12}\b(?:will reply|reply later|ttyl|"
    r"brb|text (?:you|u) later|talk later|speak later|gotta go|got to go|need to charge|charging|bye)\b)|"
    # (and, after the fortieth set's, a phone about to die before "later", unless lost,
    # alone or scared)
    r"(?:phone|phones|battery|laptop)s? (?:is |are )?(?:about to|going to|gonna) die\b(?=.{0,40}\blater\b)"
    r"(?!.{0,60}\b(?:lost|alone|scared|following|follow|help|stuck|dark|nowhere)\b)|"
    r"(?:parkrun|park run|5k|10k|running club|jog\w*|marathon|cross country)\b.{0,60}\b(?:running|"
    r"ran|run) away from (?:all )?my problems\b|(?:running|ran|run) away from (?:all )?my problems\b"
    r"(?=.{0,40}\b(?:5k|10k|parkrun|park run|mile|miles|km|lap|laps|jog\w*|marathon)\b)|"
    r"cutting (?:her|his|their|my|your) (?:own )?(?:hair|fringe|fringes|bangs|nails)\b|"
    r"(?:ball|football|frisbee)\b.{0,60}\b(?:over (?:the|a|their|next doors) (?:fence|wall|hedge)|"
    r"through (?:the |a |their )?window|into (?:the |their |next doors )?garden)\b.{0,60}\b(?:run|ran|"
    r"running) away\b(?!.{0,60}\b(?:scared|touch\w*|grab\w*|follow\w*|hit\w*|hurt\w*|knife|weird)\b)|"
    r"(?:hide|hiding|crawl|live|living) (?:under|into|in) a (?:rock|hole)\b(?! and die\b)|"
    # after the fortieth set's (found after it was measured): a song that goes "i want to
    # disappear", getting smashed in the final, what first aid does if someone overdoses,
    # star pictures, a sketchbook blacked out, rain drowning my plans, lost in the app (and,
    # above, a phone about to die so the badge waits till later)
    r"(?:song|track|chorus|lyrics?) (?:goes|says|that goes) i (?:want|wanna) to (?:just )?disappear\b"
    r"(?!.{0,60}\b(?:same|relatable|me too|how i feel|literally me|that is me)\b)|"
    r"(?:going to|gonna|will|might|to) get smashed (?:in|at|by|on) (?:the |our |this |that )?(?:final|"
    r"semi ?final|semis|match|game|league|tournament|cup|quiz|derby|rematch|other team|opposition)\b|"
    r"(?:what to do|how to help|how do you help|how to respond|what do you do) (?:if|when) (?:someone|"
    r"somebody|a person|people) (?:overdoses?|overdosed|has an overdose)\b(?!.{0,60}\b(?:my|right now|"
    r"now|just|help|or|and)\b)|"
    r"(?:star|night sky|moon|sunset|sunrise|landscape|nature|wildlife|bird|astro|milky way|aurora|"
    r"northern lights) (?:pics|pictures|photos|shots)\b|"
    r"black(?:ed)? out (?:my |the |a |his |her )?(?:\w+ ){0,2}(?:cover|page|pages|sketchbook|drawing|"
    r"background|text|words|name|screen|trainers|nails)\b|"
    r"(?:is|s|are|keeps) drowning (?:my|our|the) (?:plans|weekend|day|vibe|mood)\b|drowning out\b|"
    r"i am (?:so |a bit |completely |totally )?lost\b(?=.{0,20}\b(?:where\w*|how|which|what\w*)\b.{0,40}"
    r"\b(?:button|menu|page|link|code|codes|badge|app|bot|setting|settings|option|form|website|site)\b)|"
    # after the forty-first set's (found after it was measured): starving since breakfast, a
    # song called "i'm not okay (i promise)", surviving a cross-country run, leaving home to
    # live abroad one day (and, above, onions that make one cry, hiding from mum till she
    # forgets the vase, out after dark)
    r"(?:starving|hungry|famished|peckish)\b.{0,20}\b"
    + _EATEN_TODAY
    + r"|"
    + _EATEN_TODAY
    + r" (?:and )?(?:i am )?(?:starving|so hungry|hungry|famished|peckish)\b|"
    r"(?:lyrics?|song|track|album|mcr|my chemical romance|banger|playlist)\b.{0,30}\bi am not okay i "
    r"promise\b|\bi am not okay i promise (?:by|lyrics|song|is a|from|mcr|my chemical)\b|"
    r"(?:if|whether) (?:i will|ill|i am going to|i am gonna) (?:be alive|survive|make it) (?:after|through|"
    r"to the end of) (?:this|the|todays|tomorrows|that|our|my) (?:\w+ )?(?:cross country|run|race|"
    r"bleep test|beep test|pe lesson|pe|mock|mocks|match|training|session|hike|dofe|practice|"
    r"workout|circuits|tournament|marathon|5k|10k|spin class|boxing class)\b|"
    r"when i am (?:older|grown up|an adult|a grown up)\b.{0,20}\b(?:leave|leaving) home and (?:move|go|"
    r"live|travel|moving|going|living|travelling) (?:to|in|around|abroad)\b|"
    # after the forty-second set's (found after it was measured): fans bullying a singer
    # online, the film Suicide Squad, a homeless man met in town, trapped in a group project,
    # shoes falling apart
    r"(?:stans|fans|fandom|haters|trolls)\b.{0,20}\b(?:are |keep |been |always )?bullying (?:my fave|my "
    r"bias|my idol|(?:the|that|this|our) (?:singer|actor|actress|rapper|youtuber|streamer|influencer|"
    r"footballer|player|celeb\w*|idol|band|group))\b|"
    r"suicide (?:squad|sprints?|runs|drills|doors)\b|"
    r"(?:a|the|this|that|some) homeless (?:man|woman|guy|lady|person|bloke|fella|people)\b|"
    r"(?:trapped|stuck) in (?:a |an |this |my |our |the )?(?:\w+ ){0,2}(?:group project|group work|"
    r"lesson|meeting|assembly|lecture|queue|traffic|zoom|teams call|detention|revision session)\b|"
    r"(?:shoes|trainers|boots|bag|backpack|skateboard|deck|bike|jeans|hoodie|case|headphones|"
    r"tent|wardrobe|sofa|controller)s? (?:are|is|keep|keeps|have been|s)? ?falling apart\b|"
    # after the forty-third set's (found after it was measured): lost in the app, a parent who
    # will kill me if i do not finish a badge, neighbours and the drums, a haircut to hide till
    # it grows back, trapped in double science, a fantasy football team nobody cares about,
    # saying goodbye at the end of year 11, the last message before bed, a goodbye letter to
    # one's younger self, old toys for little cousins, an american bully
    r"(?:so |completely |totally |proper )?lost (?:in|on) (?:this|the|your|ur) (?:app|bot|menu|website|"
    r"site|page|form|chat)\b|"
    r"kill me if i (?:do not|dont|don t|did not|never) (?:finish|do|hand in|complete|revise for|tidy|clean|"
    r"pass|get|submit|practise|practice) (?:my |this |the |that |her |his |our )?(?:\w+ ){0,2}(?:homework|"
    r"badge|badges|coursework|essay|project|room|bedroom|revision|exam|mocks|chores|application|"
    r"form|reading|piano|practice|dishes|washing up|test|assignment|portfolio|dofe)\b|"
    r"(?:drums?|drum kit|guitar|trumpet|bass|saxophone|violin|keyboard|singing|practising|practicing|"
    r"music|noise|speaker)\b.{0,40}\bneighbours? (?:want to|wanna|are going to|are gonna|gonna|will|would|"
    r"are about to) (?:literally |actually )?kill me\b|"
    r"hide (?:in my room|under my duvet|under a rock|away|indoors|at home|inside)? ?(?:till|until) "
    r"(?:it|my hair|my fringe|my eyebrows?|the rash|my spots?) (?:grows?|is grown|clears?) ?(?:back|out|"
    r"up)?\b|"
    r"(?:trapped|stuck) in (?:a |an |this |my |our |the )?(?:\d+ ?(?:hour|hr|minute|min)s? )?(?:long )?"
    r"(?:double|triple) (?:science|maths|math|english|history|geography|french|spanish|german|pe|art|"
    r"drama|music|chemistry|physics|biology|computing|re|lesson|period)\b|"
    r"(?:no one|nobody) cares about (?:my|our) (?:fantasy (?:football|league|team|prem)\w*|tier lists?|"
    r"hot takes?|predictions?|rankings?|playlists?|ratings?|football team|sports? team)\b|"
    r"(?:leaving|finishing|end of|last day of|last week of) (?:year (?:6|11|13)|school|sixth form|"
    r"college|primary|uni)\b.{0,40}\b(?:saying )?goodbye to everyone\b|"
    r"last (?:message|msg|text) (?:from me )?(?:tonight|for tonight|for today|today)\b(?=.{0,30}\b(?:sleep|"
    r"bed|night|thanks|thank you|cya|see you|school tomorrow|tired)\b)|"
    r"goodbye letters? to (?:our|my|your|their) (?:\w+ ){0,3}sel(?:f|ves)\b|"
    r"giving (?:all |away )?(?:my|our) old (?:toys|clothes|books|games|stuff|lego|teddies|teddys|"
    r"dolls|cuddly toys)\b(?= .{0,40}\b(?:too old|grown out|outgrown|do not play|dont play|not played|"
    r"clear out|clearing out|declutter\w*|charity)\b)|"
    r"(?:american|xl|pocket|exotic|english|french|staffy|staffie) bull(?:y|ies|dogs?)\b|"
    # after the forty-fourth set's (found after it was measured): a battery on 1% and "i am
    # about to die", a brother who steals my phone to hide it, a villain kidnapping a king in
    # a game, trapped in a loop of doomscrolling, dragged to ikea, a chemistry test on drugs,
    # a little sister i cannot escape, a brother beating me at fifa
    r"(?:(?<=test )|(?<=tests )|(?<=exam )|(?<=exams )|(?<=quiz )|(?<=mock )|(?<=mocks )|(?<=revision )|"
    r"(?<=homework )|(?<=worksheet ))on drugs(?: and (?:medicines?|medication|the body|alcohol))?\b|"
    r"(?:battery|phone|charge|laptop)s? (?:is |on |at )?\d+ (?:percent )?(?:and )?(?:i am |my phone is |"
    r"it is |its )?(?:about to|going to|gonna) die\b(?!.{0,60}\b(?:lost|alone|scared|following|follow|"
    r"stuck|dark|nowhere|man|guy|someone|followed|strange)\b)|"
    r"(?:brother|sister|bro|sis|cousin|dog|cat|puppy|kitten)s? (?:keeps|keep|is always|always|will not stop|"
    r"wont stop) (?:stealing|nicking|taking|hiding|pinching) my (?:phone|charger|stuff|controller|"
    r"headphones|airpods|hoodie|hoodies|clothes|make ?up|snacks|sweets|socks|remote)\b(?!.{0,60}\b(?:"
    r"hit\w*|hurt\w*|threat\w*|scared|beat\w*|punch\w*|kick\w*|bully\w*)\b)|"
    r"(?:villain|villains|npc|npcs|boss|dragon|bad guy|bad guys|antagonist|pirates?|goblins?|orcs?|"
    r"wizard|witch|character|baddie)\b.{0,40}\bkidnap\w* (?:(?:the|a|our|my) (?:king|queen|"
    r"princess|prince|party|village|hero|heroes|wizard|mayor|npc)|"
    # (and, after the forty-sixth set's, a villain in a short film who kidnaps someone)
    r"someone|somebody|people|a (?:girl|boy|kid|child|woman|man|family))\b" + _UNLESS_WORSE + r"|"
    r"kidnap\w* (?:the|a) (?:king|queen|princess|prince)\b(?=.{0,60}\b(?:dnd|d and d|dungeons|campaign|"
    r"game|story|film|book|play|quest|session)\b)|"
    r"(?:dragging|dragged|drag|drags) me (?:to|round|around|along to|out to) (?:ikea|the shops|shopping|"
    r"church|mass|a wedding|weddings|the garden centre|a garden centre|the supermarket|tesco|asda|"
    r"sainsburys|aldi|lidl|morrisons|b and q|primark|the retail park|(?:my |our )?(?:aunties|nans|grans|"
    r"cousins|uncles)|a museum|museums|the dentist|the opticians|a christening|a bbq|a barbecue|a car "
    r"boot|car boot sales|parents evening|a family do|family dos|the outlet|the mall|a football "
    r"match|the football|the rugby|the cricket|a concert|the theatre|the panto|a panto|a walk|walks|"
    r"a hike|hikes)\b|"
    r"(?:can not|cant|can t) escape (?:my )?(?:little |baby |younger |big |older |annoying )?(?:sister|"
    r"brother|sis|bro|cousin|dog|puppy|cat)s?\b(?=.{0,40}\b(?:following me|follows me|always|"
    r"everywhere|annoying|clingy|copying|wants to)\b)(?!.{0,60}\b(?:hit\w*|hurt\w*|scared|touch\w*|"
    r"lock\w*|beat\w*)\b)|"
    r"(?:beat|beats|beating|beaten|thrash|thrashes|thrashing|thrashed|destroy|destroys|destroying|"
    r"destroyed|battering|batters|battered) me (?:at|in|on) (?:fifa|fc \d+|chess|fortnite|cod|call of "
    r"duty|mario ?kart|smash|minecraft|rocket league|monopoly|uno|cards|pool|snooker|darts|table tennis|"
    r"ping pong|tennis|badminton|squash|the race|races|every game|every match|arm wrestling|video games|"
    r"the xbox|the ps5|the playstation|the switch)\b|"
    # after the forty-fifth set's (found after it was measured): trapped in a two-hour exam, a
    # lock that broke till the caretaker got me out, the only one who likes jazz, lost on the
    # way to the sports hall, tablets that are always broken, useless in the kitchen, a missed
    # open goal, a meme too funny to breathe, a dark place with an essay, hiding from a sister
    # who wants to play, disappearing into my room to watch anime, a secret love of musicals,
    # hay fever tablets that make me sleepy, old trainers chucked out, touch rugby, a fight in
    # a scene of the play
    r"(?:trapped|stuck) in (?:a |an |this |my |our |the )?(?:\d+ ?(?:hour|hr|minute|min)s? )?(?:long )?"
    r"(?:(?:maths|math|english|science|history|geography|french|spanish|german|chemistry|physics|"
    r"biology|re|computing|music|art|drama|mock|final|gcse|a level|sats) )?(?:exams?|tests?|mocks?|"
    r"papers?|classes|class|lectures?|seminars?)\b" + _UNLESS_WORSE + r"|"
    r"(?:got|was|were|been|get|gets) (?:trapped|stuck|locked) in (?:the |a |our |my )?(?:\w+ )?(?:toilets?|"
    r"loos?|bathroom|lift|cubicle|changing rooms?|shed|store ?room|cupboard|garage|classroom|room) "
    r"(?:cos|because|as|when) (?:the )?(?:lock|door|handle|latch|key)s? (?:broke|was broken|jammed|got "
    r"stuck|stuck|snapped)\b(?=.{0,60}\b(?:got|let|helped|get|gets) (?:me|us) out\b)|"
    r"(?:so |the only one |the only person |totally |completely )?alone in (?:liking|loving|being into|"
    r"enjoying|thinking|supporting|wanting to)\b" + _UNLESS_WORSE + r"|"
    r"(?:i am|we are) (?:so |a bit |totally |completely |proper |kind of |bit )?lost\b(?=.{0,40}\b(?:"
    r"entrance|exit|reception|building|hall|room|studio|pitch|court|gym|venue|car park|block|floor|"
    r"way in|way to|directions|map)\b)(?!.{0,60}\b(?:scared|frightened|man|men|guy|following|followed|"
    r"took me|brought me|left me|dropped me|dark|nowhere|alone)\b)|"
    r"(?:the|these|those|our|their|all the) (?:\w+ )?(?:tablets?|computers?|laptops?|ipads?|pcs?|"
    r"printers?|vending machines?|machines?|lifts?|escalators?|hand dryers?|taps?|fountains?|lights?|"
    r"projectors?|screens?|smart ?boards?|whiteboards?|wifi|wi fi|internet|apps?|website|links?|"
    r"servers?|consoles?|controllers?|headphones|speakers?|swings?|nets?|hoops?|bikes?|lockers?|"
    r"chairs?|heaters?|microwaves?|kettles?|ticket machines?|card machines?|tills?|turnstiles?|pianos?|"
    r"keyboards?|mics?|microphones?|amps?|cameras?)(?: (?:at|in|on|from) (?:the |our |my )?(?:\w+ ){0,2}?)?"
    r" ?(?:is|are|was|were|keeps? being|seems?|seem) (?:always |so |just |completely |totally |"
    r"literally |basically )?broken\b" + _UNLESS_WORSE + r"|"
    r"(?:i am|i m) (?:so |really |totally |completely |proper |well |just |a bit |kind of )?useless (?:in|"
    r"at|with|on) (?:the |a )?(?:kitchen|cooking|baking|football|maths|math|science|art|drawing|painting|"
    r"singing|dancing|sports?|pe|tech|computers|coding|gaming|fifa|fortnite|games|music|guitar|piano|"
    r"drums|languages?|french|spanish|german|english|spelling|directions|maps|mornings|diy|gardening|"
    r"swimming|running|tennis|basketball|netball|rugby|cricket|chess|cards|tiktok|photos|selfies)\b"
    + _UNLESS_WORSE
    + r"|"
    r"(?:hate|hating) myself for (?:missing|fluffing|skying|blazing|dropping|forgetting|losing|sleeping "
    r"through|oversleeping|buying|spending|skipping|not (?:booking|buying|revising|going|entering|"
    r"signing up|bringing)) (?:that|the|my|a|an|our|this|it|those|these)\b(?: \w+){0,3} (?:goal|"
    r"penalty|pen|shot|sitter|catch|ball|match|game|final|bus|train|tickets?|deadline|sign ?up|"
    r"audition|trials?|homework|kit|keys|line|lines|cue|note|chance|concert|gig|show|episode|sale|"
    r"drop|release)\b" + _UNLESS_WORSE + r"|"
    r"(?:can not|cant|can t) breathe\b(?=.{0,30}\b(?:laughing|laugh|laughed|funny|meme|memes|joke|"
    r"jokes|hilarious|comedy|comedian)\b)(?!.{0,60}\b(?:he|she|they|them|him|someone|holding|hold|"
    r"choking|choke|neck|throat|hit\w*|chest|inhaler|asthma|attack|panic)\b)|"
    r"(?:laughing|laughed|laugh) (?:so hard|so much|that much)? ?"
    r"(?:i|that i) (?:can not|cant|can t|could not|couldnt) breathe\b|(?:can not|cant|can t) breathe "
    r"after (?:the |that |a )?(?:bleep test|run|running|cross country|pe|training|match|sprints?|laps|"
    r"race|stairs|hill)\b|"
    r"(?:dark|bad|horrible) place (?:with|over|cos of|because of|about) (?:this|my|the|that|these|our) "
    r"(?:\w+ )?(?:essay|homework|coursework|revision|exam|exams|mocks|project|assignment|deadline|"
    r"dissertation|portfolio|maths|reading|spreadsheet|code|coding|game|level|boss|puzzle|sudoku|"
    r"wordle|crossword|fantasy team)\b" + _UNLESS_WORSE + r"|"
    # (and, after the forty-sixth set's, one who keeps asking for my charger)
    r"(?:hiding|hide|hid) from (?:my )?(?:little |baby |younger |big |older |annoying )?(?:sister|brother|"
    r"sis|bro|cousin|sibling)s? (?:cos |because |as |since |coz |so )?(?:she|he|they) (?:wants?|keeps?|"
    r"is always|are always|will not stop|never stops?|is trying|are trying|keeps? trying|"
    # (and, after the forty-ninth set's, so she does not make me watch her dances)
    r"does not|do not|will not|can not) (?:me )?(?:to )?"
    r"(?:(?:making|make) me (?:watch|play|read|sing|dance|bake|paint|listen to)(?! (?:(?:him|her|them)\b"
    r"(?! (?:tiktoks?|dances?|dancing|routines?|shows?|plays?|musicals?|recitals?|cartoons?|anime|"
    r"youtube|channel|streams?)\b)|porn|videos|vids)\b)|asking|ask|borrowing|"
    r"borrow|nicking|talking|singing|sing|playing|play|watching|watch|reading|"
    r"read|dancing|dance|building|build|baking|bake|helping|help|dress up|painting|paint|moaning|nagging|"
    r"following me|copying)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,80}\b(?:naked|secret|room|bed\w*|pictures|"
    r"photos|send|things|do not want|alone|porn)\b)|"
    r"(?:want|wanna) to (?:just )?disappear (?:into|under|in) (?:my |the |a |our )?(?:room|bed|duvet|"
    r"covers|blanket|hoodie|sofa|books?|games?|anime|netflix|series|music|headphones|garden|studio|"
    r"wardrobe)\b(?=.{0,40}\b(?:watch|play|read|binge|game|listen|draw|chill|nap)\w*\b)(?!.{0,80}\b(?:"
    r"forever|for good|never|not wake|and die|not come (?:back|out))\b)|"
    r"do not tell anyone (?:but |lol |haha |ngl )?(?:i|i am) (?:secretly |actually |low ?key |kinda |kind "
    r"of |really )*(?:love|like|enjoy|listen to|watch|am into|into|cried at|sing|know all the words)\b(?!.{0,80}"
    r"\b(?:he|she|they|him|her|older|man|guy|gave me|gives me|meet|pics|pictures|photos)\b)|"
    r"(?:hay ?fever|allergy|antihistamine|antibiotic|asthma|travel sickness|iron|vitamin|cold and flu|"
    r"flu|cold|migraine|period|acne)s? (?:pills|tablets|meds|medicine|medication)(?: (?:my|the) (?:"
    r"doctor|gp|dr|pharmacist|nurse) (?:gave|prescribed|put) me(?: on)?)? (?:make|makes|made|making) me "
    r"(?:so |really |super |proper |well |a bit )?(?:sleepy|drowsy|tired|dozy|thirsty|hungry|feel sick|"
    r"nauseous|dizzy)\b(?!.{0,60}\b(?:can not stop|cant stop|too many|extra|more than|whole (?:box|"
    r"pack|packet|strip)|overdose|od)\b)|"
    r"(?:chucked|threw|thrown|throw|throws|chucks|chuck|binned|kicked) out (?:my|our|his|her|the|all my|"
    r"some of my) (?:old |broken |ripped |favourite |stupid |tatty |manky )*(?:trainers|shoes|boots|"
    r"clothes|toys|stuff|things|games|books|jeans|hoodies?|jumpers?|t ?shirts?|kit|bike|teddies|lego|"
    r"cards|posters|magazines|comics|junk|rubbish|sofa|bed|mattress|console|xbox|ps4|ps5|controller|"
    r"plants?)\b(?!.{0,60}\b(?:and me|me too|me out|told me to|leave|locks?|street|bin bags|window|"
    r"doorstep)\b)|"
    r"touch ?(?:rugby|football|typing|screens?|ids?|pads?|tag)\b" + _UNLESS_WORSE + r"|"
    r"(?:man|woman|guy|girl|boy|lad|character|villain|actor|actress|baddie|bad guy|he|she) (?:in|from) "
    r"(?:the|our|this|a|my) (?:school )?(?:play|show|musical|panto|pantomime|film|scene|sketch|production|"
    r"drama)\b.{0,20}\b(?:grabs|grab|grabbed|pushes|pushed|slaps|slapped|hits|punches|shoves|shoved|"
    r"drags|dragged|throws|kicks) me\b(?: by (?:the |my )?(?:neck|throat|hair|arm|collar|wrist|"
    r"shoulders?|hand))?(?=.{0,60}\b(?:scene|rehearsals?|stage|look real|make it look|safely|"
    r"choreograph\w*|script)\b)(?!.{0,80}\b(?:really hurt|bruis\w*|off stage|backstage|when no one|"
    r"for real|actually hurt)\b)|"
    # after the forty-sixth set's (found after it was measured): trapped indoors by the rain,
    # followed back by a footballer, "goodbye world, hello netflix", a goodbye message for a
    # coach's leaving card, pictures of what the studio looks like, pictures for a photography
    # badge, lost about which pathway to choose
    r"(?:trapped|stuck) (?:indoors|inside|in the house|at home) (?:with|cos of|because of|by|in) (?:this|"
    r"the|all this|all the) (?:rain|weather|snow|drizzle|heatwave|heat|wind|cold)\b"
    + _UNLESS_WORSE
    + r"|"
    r"(?:got |been |was |just got )?followed back\b(?=.{0,40}\b(?:on (?:instagram|tiktok|twitter|x|"
    r"snapchat|twitch|youtube)|account|page|profile)\b)(?!.{0,40}\b(?:home|house|flat)\b)|"
    r"(?:got |been |was |just got )?followed (?:back )?by (?:my |a |the |our )?(?:fav\w* |favourite |"
    r"favorite |actual )?(?:footballer|player|celeb\w*|singer|rapper|"
    r"youtuber|streamer|tiktoker|influencer|band|idol|artist|actor|actress)\b(?= (?:on|in) (?:instagram|"
    r"tiktok|twitter|x|snapchat|twitch|youtube|spotify|threads|bluesky)\b)|"
    r"goodbye \w+(?: \w+)? hello (?:netflix|bed|sofa|weekend|summer|holidays?|half term|pizza|chocolate|"
    r"snacks|xbox|ps5|playstation|switch|games?|gaming|fifa|fortnite|anime|tiktok|youtube|duvet|pyjamas|"
    r"food|takeaway|year \d+|sixth form|college|uni|revision|exams?|homework|school|christmas|easter|"
    r"spring|autumn|winter|(?:\w+ )?(?:club|season))\b" + _UNLESS_WORSE + r"|"
    r"goodbye (?:message|note|card|speech|video|post|song)s?\b(?=.{0,60}\b(?:leaving card|leaving do|"
    r"leaving party|leaving present|retir\w*|moving (?:away|school|schools|house)|last day|end of (?:"
    r"term|year|season)|coach|teacher|tutor|mentor|youth worker|manager|leader|captain)\b)"
    + _UNLESS_WORSE
    + r"(?!.{0,80}\b(?:forever|for good|when i am gone|before i go|myself)\b)|"
    r"can (?:you|i|we) (?:send|see|get|have) (?:me |us )?(?:some )?(?:pictures|photos|pics|vids|videos) of "
    r"(?:what |how )?(?:the|their|its) (?:\w+ ){0,2}(?:studio|venue|place|building|hall|gym|centre|center|"
    r"pitch|space|course|activity|class|club|kit|menu|cakes?|food)\b(?!.{0,80}\b(?:he|him|older|man|"
    r"guy|private|secret|delete)\b)|"
    r"(?<!says )(?<!said )(?<!say )(?<!told me )(?<!tells me )(?<!reckons )(?:i|we) (?:need|have|want|got|"
    r"had|ve got) to (?:send|upload|submit|share) (?:some |my |our |the )?"
    r"(?:pictures|photos|pics|videos|vids) (?:for|of) (?:my|our|the) (?:\w+ ){0,2}(?:badge|portfolio|"
    r"project|course|coursework|competition|assignment|class|club|application|entry|exhibition|"
    r"artwork|art|work|bake|cake|garden)\b(?!.{0,80}\b(?:he|him|older|man|guy|modelling|model|agent|"
    r"scout|private|secret|delete)\b)|"
    # (and, after the forty-seventh set's, lost with this badge form)
    r"(?:feel|feeling|i am|so|really) (?:so |really |a bit |kind of |bit |totally |completely )?lost (?:about|"
    r"on|with|over|choosing|deciding) (?:what|which|my|the|this|that|these|choosing|where|how) (?!(?:\w+ )"
    r"{0,2}(?:life|everything|myself|family|home)\b)(?:\w+ ){0,2}(?:pathway|"
    r"path|course|subjects?|options|gcses?|a levels?|college|uni|university|career|job|apprenticeship|"
    r"badge|club|activity|form|forms|app|website|page|questions|instructions|to do next|to choose|to pick|"
    r"to study|to do after)\b" + _UNLESS_WORSE + r"|"
    # after the forty-seventh set's (found after it was measured): a book's ending that made me
    # want to die (for the dog in it), a little sister who locked me out of my room, an album
    # that is going to kill me it is that good, a secret that is a surprise party, a drug
    # dealer i play in our school play (and whittling with a knife, which a frame that
    # "taught me" it no longer clears)
    r"(?:the )?(?:ending|end|finale|last (?:episode|chapter|scene|page|bit)|plot twist|twist|cliffhanger) "
    r"(?:of|in|to) (?:that|the|this|our) (?:\w+ )?(?:book|novel|film|movie|series|show|season|episode|"
    r"game|anime|manga|play|musical|drama) (?:made|makes|nearly made|is making) me (?:want to|wanna) die\b"
    + _UNLESS_WORSE
    + r"(?!.{0,80}\b(?:for real|not joking|no joke|actually|really do|myself|every day|all the time|"
    r"relate|same|too)\b)|"
    r"my (?:little |younger |baby |big |older |annoying )?(?:sister|brother|sis|bro|cousin|sibling)s? "
    r"(?:locked|locks|has locked|keeps locking|keep locking) me out of (?:my|our|the|her|his|their) "
    r"(?:bed)?room\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:house|home|flat|all night|overnight|outside|"
    r"cold|street|hours|again)\b)|"
    r"(?:album|song|songs|tune|track|tracks|film|movie|show|series|episode|finale|game|season|concert|"
    r"gig|tour|trailer|merch|cake|pizza|food|fit|outfit|line ?up|drop|sequel|book|ending|final|set|"
    r"performance|choreo|video|edit)s? (?:is|are|was) (?:literally |actually |honestly |so |low ?key )?"
    r"(?:going to|gonna|about to) kill me\b(?=.{0,30}\b(?:good|peng|fire|amazing|sick|cute|funny|hype\w*|"
    r"excited|can not wait|cant wait|banger|iconic|perfect|beautiful)\b)"
    + _UNLESS_WORSE
    + r"(?!.{0,80}"
    r"\b(?:actually|for real|not joking|he|him|she|her|they|them|my (?:dad|mum|mam|mom|step ?dad|"
    r"step ?mum|brother|uncle|boyfriend|girlfriend))\b)|"
    r"(?:teacher|teachers|head|headteacher|school|tutor|form tutor|miss|sir|mum|mam|mom|dad|nan|gran|"
    r"grandma|grandad|auntie|sister|brother|sis|bro|mates|friends|everyone|she|they|we) (?:said|says|told "
    r"(?:us|me)|tells (?:us|me)) (?:to )?keep (?:it|this|that) (?:a )?secret\b(?=.{0,30}"
    r"\b(?:surprise|surprise party|birthday|leaving (?:party|card|do|present)|retir\w*)\b)"
    + _UNLESS_WORSE
    + r"(?!.{0,80}\b(?:he|him|older|man|guy|pictures|photos|meet|alone|money|gifts?)\b)|"
    # (and, after the forty-eighth set's, the drug dealer i am in our play)
    r"(?:(?:i|i am|i will|i have to|i got cast to|i got cast as|i am going to) (?:play|playing|be|be "
    r"playing|cast as|acting as|portraying|portray)|i (?:am|will be|have to be|got cast as|was)) (?:a|an|"
    r"the) (?:\w+ ){0,2}(?:drug dealer|dealer|drug addict|addict|junkie|stoner|crackhead|smackhead|"
    r"runaway|bully|abuser|groomer|kidnapper|murderer|killer|villain) (?:in|for) (?:our|the|my|a|this) "
    r"(?:school |drama |class |college |youth |year \d+ )?(?:play|musical|show|production|film|panto|"
    r"pantomime|sketch|scene|performance|short film)\b" + _UNLESS_WORSE + r"|"
    r"(?:whittle|whittling|carve|carving|chop|chopping|peel|peeling|slice|slicing|fillet|filleting|"
    r"sharpen|sharpening)(?: \w+){0,3}? with a (?:pen |pocket |kitchen |bread |chef s |chefs |butter )?"
    r"knife\b" + _UNLESS_WORSE + r"(?!.{0,60}\b(?:throat|neck|held|holding|pulled|pointed|stab\w*|"
    r"me|my ?self|him|her|them)\b)|"
    # after the forty-eighth set's (found after it was measured): a parent who will kill me for
    # what i did to my hair (and, above, the drug dealer i am in our play), followed on
    # instagram, a venue that locked me out for being late, a lost phone, kicked out if i
    # brought home a stray, so many burpees i wanted to die, homeless when my parents see my
    # phone bill, cutting out sugar
    r"(?:mum|mam|mom|dad|sister|brother|sis|bro|nan|gran|parents|teacher|coach)s? (?:(?:is|are|will) )?"
    r"(?:literally |actually |so )?(?:going to |gonna )?kill me\b(?= (?:cos |because |when |if |for |"
    r"that )?(?:i |she sees |he sees |they see )?(?:dyed|dye|bleached|bleach|cut|shaved|pierced|"
    r"painted|coloured|got|forgot|missed|dented|scratched|crashed|spent|bought|failed|lost|broke|"
    r"ruined|ate|finished|stayed|slept)\b)" + _UNLESS_WORSE + r"(?!.{0,80}\b(?:belt|for real|"
    r"seriously|scared|terrified|actually will|pregnant|gay|lesbian|bi|trans|came out|come out)\b)|"
    r"(?:being |got |been |was |just got |just been )?followed (?:back )?(?:on|in) (?:instagram|tiktok|"
    r"twitter|x|snapchat|twitch|youtube|spotify|threads|bluesky|bereal|pinterest|strava)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:home|house|flat|school|street|car|man|men|guy|older|dm\w*|messag\w*|pictures|"
    r"meet|creep\w*|scared|stalk\w*)\b)|"
    r"(?:centre|center|club|gym|school|college|library|cinema|venue|hall|building|class|lesson|"
    r"teacher|coach|staff|security|reception|they) (?:locked|shut|kept) (?:me|us) out (?:cos|because|"
    r"as|since|for being|for turning up|for coming) (?:i was |we were |i am |being )?(?:\w+ ){0,3}"
    r"late\b" + _UNLESS_WORSE + r"(?!.{0,80}\b(?:follow\w*|man|men|guy|guys|dark|night|cold|alone|"
    r"scared|nowhere)\b)|"
    r"(?:i )?(?:just )?lost my (?:phone|charger|keys|wallet|purse|bag|headphones|airpods|earbuds|"
    r"card|bus pass|ticket|login|password|code|claim code|streak|snap streak|voice|lanyard|water "
    r"bottle|pe kit|kit|hoodie|jumper|coat|glasses|retainer|pencil case|homework|notes)\b"
    + _UNLESS_WORSE
    + r"|"
    r"(?:i would|i will|i could|would|will) (?:literally |actually |probably |so |defo |definitely )?"
    r"(?:get|be) (?:kicked|thrown|chucked) out if i (?:brought|bring|got|get|dyed|dye|painted|paint|"
    r"adopted|adopt|bought|buy|came home with|come home with|ate|eat|spent|spend)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:gay|lesbian|bi|trans|pregnant|came out|come out|boyfriend|girlfriend|found "
    r"out|again)\b)|"
    r"(?:burpees|laps|sprints|push ?ups|press ?ups|sit ?ups|squats|lunges|suicides|shuttle runs|"
    r"shuttles|star jumps|bleep tests?|lengths|miles|reps|circuits|leg day|cross country|hill "
    r"sprints|hill runs)\b(?: \w+){0,4}? (?:i|that i|we|that we) (?:wanted|want|were going|was going|"
    r"thought i was going|thought we were going) to (?:die|be sick|throw up|pass out)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:for real|not joking|actually|really do|every day|all the time|anyway|"
    r"myself)\b)|"
    r"(?:going to|will|would|could|about to) be homeless (?:after|when|cos|because|if|once) (?:my |"
    r"our |the )?(?:(?:mum|dad|parents|mam|mom|nan|they|she|he|i) )?(?:see|sees|saw|find out|finds "
    r"out|spend|spent|buy|bought|pay|paying|get|gets|check|checks) (?:about )?(?:\w+ ){0,3}(?:phone "
    r"bill|bill|bank|bank statement|card|receipt|report|grades|results|tickets?|trainers|shoes|clothes|"
    r"festival|concert|holiday|game|skins|merch|shopping|fortnite|robux|vbucks|v bucks|order|basket|"
    r"amazon|shein|vinted|depop)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:for real|not joking|actually|"
    r"threaten\w*|said)\b)|"
    r"(?:cutting|cut|cuts|been cutting) (?:out|down on|back on) (?:on )?(?:sugar|carbs|caffeine|coffee|"
    r"fizzy drinks|fizzy|junk food|crisps|chocolate|sweets|meat|dairy|gluten|screen time|social media|"
    r"tiktok|snacks|takeaways|energy drinks|red meat|processed food)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}"
    r"\b(?:not eating|eating nothing|skip\w* meals|lose weight|losing weight|fat|purg\w*|sick|myself|"
    r"arms|legs|wrists|thighs|punish\w*)\b)|"
    # after the forty-ninth set's (found after it was measured): a boss fight or a brother at
    # FIFA that is "bullying me", a game character made homeless by a creeper, chased by
    # deadlines, a black eye from sparring, lost in how the badges work, everyone hating my
    # singing in the car, running away to a farm to live with goats (and, above, hiding from a
    # sister so she does not make me watch her dances)
    r"(?:the |this |that |a )?(?:boss fight|boss battle|final boss|last boss|level|game|raid|"
    r"dungeon|puzzle|wordle|crossword|homework|maths homework|weather|wind|wifi|printer|algorithm|"
    r"autocorrect|alarm|hill|stairs|timetable)s? (?:(?:in|on) (?:\w+ ){1,2})?(?:is|are|keeps|keep) "
    r"(?:literally |actually |low ?key |lowkey |proper )?bullying me\b" + _UNLESS_WORSE + r"|"
    r"(?:bullying|bullies|bullied|bully) me at (?:fifa|fc \d+|chess|mario kart|smash|smash bros|"
    r"uno|monopoly|scrabble|cards|fortnite|rocket league|street fighter|tekken|cod|call of duty|"
    r"minecraft|roblox|among us|wordle|connect 4|connect four|snap|go fish|poker|darts|table tennis|"
    r"ping pong|pool|the game|every game)\b(?! club| practice| training| at school| after school)"
    + _UNLESS_WORSE
    + r"|"
    r"(?:minecraft|sims|roblox|animal crossing|stardew|terraria|rust|fortnite|creeper|zombies|griefed|"
    r"raided|server|base)\b(?: (?!(?:hit\w*|hurt\w*|beat\w*|punch\w*|kick\w*|kicked|thrown|chucked|"
    r"mum|dad|step ?\w+|i|me|myself)\b)\w+){0,10}? my (?:guy|character|sim|sims|villager|villagers|"
    r"avatar|dude|oc|player|little guy|man|mans) (?:is |s |are )?(?:now |literally |officially )?"
    r"homeless\b" + _UNLESS_WORSE + r"|"
    r"(?:being |getting |got |been )?chased by (?:my |the |these |all (?:my |the |these )?)?(?:\w+ )?"
    r"(?:deadlines?|homework|coursework|exams?|assignments?|essays?|revision|emails|notifications|"
    r"to do lists?|mocks|ucas|dissertation|bills)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:man|men|guy|guys|"
    r"lads?|someone|somebody|him|them|car|van|dog|gang)\b)|"
    r"(?:sparring|boxing|kickboxing|mma|judo|taekwondo|karate|jiu jitsu|bjj|muay thai|rugby|hockey|"
    r"lacrosse|wrestling)\b(?: (?!(?:he|she|they|him|her|them|dad|mum|step ?\w+|uncle|boyfriend|"
    r"girlfriend|brother|sister|partner|coach)\b)\w+){0,8}? (?:i have got|i have|i got|got|left me "
    r"with|gave me) a black eye\b" + _UNLESS_WORSE + r"|"
    r"(?:explain|how (?:does|do)|confused (?:by|about|with))(?: \w+){0,4}? (?:system|badges?|codes?|app|"
    r"bot|menu|rules|points|levels?|website|site|form|map|directions|homework|question|instructions|"
    r"timetable|pathways?|thing|game)\b(?: \w+){0,3}? i am (?:so |totally |completely |a bit |kinda |"
    r"kind of |proper |well )?lost\b" + _UNLESS_WORSE + r"(?!.{0,60}\b(?:in life|anymore|any more|"
    r"feel\w*|everything|alone)\b)|"
    r"(?:everyone|everybody|my family|my mates|my friends|they all|people) (?:hates|hate) it when i "
    r"(?:sing\w*|danc\w*|rap|rapping|hum|humming|whistl\w*|play (?:my |the )?(?:music|songs?|guitar|"
    r"drums|piano|violin|recorder|trumpet|playlist|tunes?)|pick the (?:music|film|movie|playlist)|"
    r"cook|bake|drive|dj|get the aux|have the aux|spoil\w*)\b" + _UNLESS_WORSE + r"|"
    r"(?:run|running|ran) away to (?:a|the) (?:farm|countryside|mountains?|cottage|cabin|forest|woods|"
    r"seaside|island|alps|highlands|hills)\b(?: \w+){0,2}? (?:and|to) (?:live|raise|keep|look after|be|"
    r"hang out) (?:with |on |in |among )?(?:\w+ ){0,2}?(?:goats?|sheep|alpacas?|llamas?|cows?|chickens?|"
    r"ducks?|pigs?|horses?|cats?|dogs?|bunnies|rabbits?|capybaras?|animals|shepherds?|farmers?|"
    r"hermits?)\b" + _UNLESS_WORSE + r"(?!.{0,60}\b(?:for real|not joking|seriously|tonight|"
    r"can not stay|cant stay|not safe|home is)\b)|"
    # after the fiftieth set's (found after it was measured): lost on the way to a centre,
    # pictures of my photography for a course, a dad who is a car dealer, treating overdoses
    # in a paramedic's training, a minecraft villager made homeless, a coke at cinema night,
    # bully breeds, trapped on level 47 of a puzzle game, asking why people say "unalive",
    # someone outside the club with a dog, hiding from my revision, children exploited in
    # victorian factories
    r"i am (?:so |totally |a bit |kinda |proper )?lost\b(?=.{0,40}\b(?:can not find|cant find|where is|"
    r"which way|is it (?:behind|near|next to|by|opposite|past|on|in)|how do i get to)\b)"
    + _UNLESS_WORSE
    + r"(?!.{0,80}\b(?:scared|dark|alone|on my own|someone|man|men|guy|following|followed|night|"
    r"dead|dying|battery|help me|in life|reason|point|anymore|any more|keep going|my ?self|"
    r"everything|feel\w*|who i am|mum|mam|mom|dad|parents|nan|carer|friends|mates|group|home)\b)|"
    r"send (?:pictures|pics|photos) of my (?:photography|art|artwork|work|drawings?|paintings?|"
    r"portfolio|project|sketch\w*|designs?|cakes?|bakes?|baking|cooking|garden|model|build|lego|"
    r"certificates?|badges?|outfit designs?|sculptures?|pottery|textiles)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:he|him|man|guy|older|naked|body|nudes|private|secret|dm\w*)\b)|"
    r"(?:car|used car|motor|antique|art|furniture|horse|vinyl|record|card|pokemon card|trainer|sneaker|"
    r"bike|scrap|stamp|coin|comic|game|tyre|van)s? dealers?\b" + _UNLESS_WORSE + r"|"
    r"(?:treat|treating|treats|deal with|dealing with|help with|helping with|respond to|responding to|"
    r"recognise|recognising|spot|spotting|manage|managing) (?:an |a |people s |someone s |peoples )?"
    r"(?:overdoses|overdose|ods|od)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,80}\b(?:i took|i have taken|i swallowed|my ?self|how many|"
    r"enough to|tonight|right now)\b)|"
    r"my (?:minecraft|sims|roblox|animal crossing|stardew|terraria|fortnite|rust) (?:guy|character|sim|"
    r"villager|villagers|avatar|dude|oc|player|pet|horse|dog|cat)s? (?:is |s |are )?(?:now |literally |"
    r"officially )?homeless\b" + _UNLESS_WORSE + r"|"
    r"(?:get|have|buy|grab|bring|order) (?:a |an ice cold |a cold |a can of )?(?:coke|diet coke|coke "
    r"zero|cherry coke)\b(?=.{0,60}\b(?:water|juice|squash|lemonade|sprite|fanta|pepsi|popcorn|crisps|"
    r"chips|pizza|burger|snacks?|sweets|cinema|movie night|film night|canteen|cafe|tuck shop|vending|"
    r"bottle|glass|ice)\b)"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:line|lines|sniff\w*|snort\w*|bag|baggie|"
    r"gram|dealer|bump|key|nose|high|buzz)\b)|"
    r"(?:xl |american |pocket |exotic )?bully (?:breeds?|dogs?|pups?|puppies|kutta|sticks?|xl)\b|"
    r"(?:xl|american|pocket|exotic) bull(?:y|ies)\b|"
    r"(?:trapped|stuck) (?:on|in) (?:level|stage|world|chapter|round|wave|room) \d+\b(?=.{0,40}\b(?:game|"
    r"puzzle|candy crush|app|boss|wordle|sudoku|tetris|mario|zelda|minecraft|roblox|fortnite|escape "
    r"room)\b)"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:car park|carpark|multi ?storey|lift|stair\w*|building|flats?|"
    r"tower|block|locked|can not get out|cant get out|door)\b)|"
    r"(?:why (?:do|does|do people|does everyone)|why is it|how come|what is with) (?:\w+ ){0,4}?(?:say|"
    r"says|saying|use|uses|using|write|writes|type) (?:un alive|unalive|kms|sewer slide|sewerslide)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:my ?self|i want|i wanna|i feel|i keep)\b)|"
    r"someone is outside (?:the|our) (?:club|centre|center|hall|school|shop|gym|library|venue|cafe)\b"
    r"(?= with (?:a|their|his|her|some) (?:\w+ )?(?:dog|dogs|puppy|pet|cat|horse|pony|bike|van|food truck|"
    r"ice cream van|stall|balloons?|banner|flyers?|leaflets?)\b)"
    + _UNLESS_WORSE
    + r"(?!.{0,80}\b(?:scared|staring|watching|following|waiting for me|shouting|knife|weapon|will not "
    r"leave|keeps)\b)|"
    r"(?:hiding|hide|hid) from (?:my |the |all my |all the )?(?:revision|homework|coursework|exams?|"
    r"responsibilities|chores|emails|to do list|deadlines?|assignments?|essays?|mocks|dissertation|"
    r"tidying|washing up|the washing|cleaning|dishes|maths|spreadsheet)\b(?! (?:teacher|tutor|sir|miss|"
    r"class|group)\b)" + _UNLESS_WORSE + r"|"
    r"(?:kids|children|workers|people|slaves|women|miners|orphans|chimney sweeps|families) (?:got|were|"
    r"was|being|getting) exploited (?:in|by|at|during|for|on) (?:the )?(?:victorian |industrial )?"
    r"(?:factories|factory|mills?|mines?|workhouses?|victorian|industrial|empire|colonies|history|war|"
    r"fields|plantations|era|times|revolution)\b|"
    # after the fifty-first set's (found after it was measured): not cutting myself at a
    # cooking class, alone in a gaming squad whose players are online at other times, wanting
    # to disappear after something embarrassing, friends who "bully me into" joining the
    # choir, a mate's cat pictures, a lockdown drill, a photo of my certificate mum made me
    # take, "i hate my life" over revision
    r"(?:cooking|cookery|baking|bake off|chef|chefs|kitchen|chopping|carving|whittling|woodwork|"
    r"bushcraft|food tech)\b(?: \w+){0,10}? (?:did not|never) (?:even )?cut my ?self (?:once|at all|"
    r"even once|this time)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,40}\b(?:this week|today|tonight|since|urges?|clean|streak|relapse\w*|days?|weeks?|"
    r"months?|till|until|yet|now)\b)|"
    r"alone in (?:my|our|the) (?:gaming |fortnite |cod |minecraft |roblox |discord |apex |valorant )?"
    r"(?:squad|clan|guild|lobby|party|server|team)\b(?=.{0,60}\b(?:online at|on at|different times|"
    r"time ?zones?|offline|asleep)\b)"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:no one|nobody|no friends|anymore|any more|ignore\w*|hate\w*|leave me out|"
    r"left out|life|everything)\b)|"
    r"want to (?:disappear|sink into the (?:floor|ground)|crawl into a hole) after (?:what i (?:said|"
    r"did|wore|sent|sang)|i (?:said|did|sent|tripped|fell|sang))\b(?=.{0,60}\b(?:lmao\w*|haha\w*|"
    r"cringe|embarrass\w*|awkward|mortified|so red)\b)"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:forever|for good|for real|not joking|seriously|everyone hates|no one|nobody|"
    r"laughing at me|photo|video|posted|shared)\b)|"
    r"(?:my (?:mates|friends|mum|mam|mom|dad|sister|brother|family|teacher|coach|nan|gran)|everyone) "
    r"(?:keep |keeps |kept |are |is |have been |has been )?(?:bullying|bullied) me into (?:joining|"
    r"doing|trying|going|signing up|entering|auditioning|singing|coming|taking|applying|playing)\b"
    r"(?: \w+){0,2}? (?:the |a |an |for )?(?:choir|club|team|band|course|play|show|musical|audition|"
    r"talent show|competition|karaoke|dance|football|netball|rugby|drama|workshop|badge|award|dofe|"
    r"class|trip|open mic|solo|lead)\b" + _UNLESS_WORSE + r"|"
    r"my (?:mate|mates|friend|friends|mum|mam|mom|dad|nan|gran|grandma|grandad|sister|brother|cousin|"
    r"auntie|aunt|uncle|bestie|best friend|family|group chat|class) (?:keeps |kept |is |has been |"
    r"always |just )?(?:sending|sends|sent) me (?:\w+ )?(?:cat|dog|puppy|kitten|pet|animal|meme|"
    r"funny|food|baby|holiday|badge|football|car|bird|duck|capybara|otter|hamster|bunny|horse)s? "
    r"(?:pictures|pics|photos|videos|vids|gifs|memes)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:asks?|asking|wants?|back|mine|of me|naked|nudes|body|secret|delete|older|"
    r"man|guy|he|him)\b)|"
    r"(?:lockdown|lock down|fire|emergency|evacuation|safety|intruder) (?:drill|practice)\b"
    r"(?: \w+){0,8}? locked in\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:real|still|can not get out|cant get out|help|gun|knife|man|someone|"
    r"now)\b)|"
    r"made me take (?:a |some )?(?:picture|pic|photo|selfie)s? (?:holding|with|of) (?:my|the|our|me "
    r"with|me holding) (?:\w+ )?(?:badge|certificate|award|trophy|medal|cake|dog|cat|puppy|family|"
    r"nan|gran|sister|brother|mum|dad|prize|results|lego|painting|drawing|project)s?\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:he|him|man|guy|older|naked|nudes|body|private|secret|delete)\b)|"
    r"(?:so over|sick of|fed up of|fed up with|bored of|done with) (?:my |this |the |all this |all "
    r"the )?(?:revision|homework|coursework|exams?|mocks|essays?|maths|school work|assignments?|"
    r"deadlines?) i hate my life\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:everything|anymore|any more|no point|every day|always|all the time|nobody|"
    r"no one|alone|cry\w*|want\w*)\b)|"
    # after the fifty-second set's (found after it was measured): stabbed by a cactus, an
    # escape room with a kidnapper theme, a small sister who took my phone to play a game,
    # looking like a ghost after a hair dye, the bullies in an anime, locked in the library by
    # accident for a few minutes, a nightmare of being chased, not ok after a character died,
    # a small cousin running away to live with the cat, starving till lunch comes, someone
    # eating my yoghurts
    r"(?:got|gets|get|getting|was|been) (?:stabbed|spiked|jabbed|attacked) by (?:a|an|the|my|our|some) "
    r"(?:giant |massive |huge |tiny |little |evil |angry )?(?:cactus|cacti|rose ?bush|roses?|thorns?|"
    r"holly|holly bush|brambles?|nettles?|pineapple|hedgehog|porcupine|sea urchin|crab|goose|geese|"
    r"seagull|swan|pencil|compass|stapler|fork|cocktail stick|christmas tree)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:knife|blade|man|guy|someone|bleed\w*|blood|hospital|help|real)\b)|"
    r"(?:escape rooms?\b.{0,60}\b(?:kidnap\w*|hostage)(?: \w+)?? (?:theme|themed|one|room|game)|"
    r"(?:kidnap\w*|hostage)(?: \w+)?? (?:theme|themed) (?:escape )?(?:room|game|party|night)s?)\b"
    + _UNLESS_WORSE
    + r"|"
    + _SMALL_SIBLING
    + r" (?:stole|nicked|took|pinched|hid|grabbed|has stolen|has nicked|has taken|has hidden) my "
    r"(?:phone|ipad|tablet|laptop|switch|controller|headphones|airpods)\b(?= (?:again|to (?:play|"
    r"watch|go on|film|take selfies)|for (?:roblox|minecraft|fortnite|youtube|tiktok|games|a game|"
    r"cartoons)))"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:wont give|will not give|threat\w*|older|man|guy)\b)|"
    r"(?:hair dye|dye|bleach\w*|fake tan|tan|make ?up|foundation|concealer|powder|sun ?cream|"
    r"face paint|flash|passport photo|school photo|selfie|costume|outfit|white (?:hoodie|dress|"
    r"shirt|top))\b.{0,40}\b(?:look|looks|looked|looking) like a ghost\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:feel\w*|inside|no one|nobody|invisible|disappear\w*|gone)\b)|"
    r"(?:the )?bull(?:y|ies) in (?:that|the|this|my|a) (?:fav\w* |new |old )?(?:anime|manga|film|movie|"
    r"show|series|book|novel|game|cartoon|episode|webtoon|k ?drama|drama|musical|play|comic)s?\b"
    + _UNLESS_WORSE.replace("bull\\w*|", "")
    + r"|"
    r"locked in (?:the |our )?(?:school |college )?(?:library|classroom|toilets?|changing rooms?|"
    r"gym|hall|music room|art room|store ?cupboard|cupboard|office|shop|cinema|museum|bathroom)\b"
    r"(?= .{0,30}\b(?:by accident|accidentally|by mistake)\b)(?:(?: \w+){0,6}? (?:till|until|when|"
    r"then) (?:the |a )?(?:caretaker|cleaner|teacher|librarian|staff|someone|security|manager)\b"
    r"(?: \w+){0,2}? (?:let|got) (?:us|me) out)?"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:still|can not get out|cant get out|help|man|guy|now|hours?)\b)|"
    r"(?:nightmares?|bad dreams?|weird dreams?|a dream)(?: last night)? (?:that|where|about) "
    r"(?:someone|somebody|a man|a guy|a clown|zombies?|a zombie|a monster|a ghost|a dog|a bear|a "
    r"shark|a spider|my teacher|a teacher|a dinosaur|an alien|aliens)? ?(?:was |were |is |kept |"
    r"keeps )?(?:chasing|following|after|attacking|hunting) me\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:real|for real|actually|outside|every night|cant sleep|can not sleep|scared "
    r"to sleep|again|now)\b)|"
    r"(?:characters?|fave|fav|favourite|favorite|ship|otp|show|series|season|finale|episode|book|"
    r"anime|manga|band)\b.{0,50}\b(?:died|dies|dead|killed off|ended|ends|cancelled|canceled|split "
    r"up|broke up)\b.{0,40}\bi am (?:not ok|not okay|not alright)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:really|actually|for real|seriously|anymore|any more|everything|life|myself|"
    r"alone|cry\w*|nobody|no one|want\w*|not joking)\b)|"
    + _SMALL_SIBLING
    + r"\b.{0,40}\b(?:running|run|runs|run off) away (?:to (?:go (?:and )?)?live )?(?:with|in|at|to) "
    r"(?:the |a |our |my |her |his )?(?:cats?|dogs?|goats?|horses?|pon(?:y|ies)|hamsters?|rabbits?|"
    r"bunn(?:y|ies)|unicorns?|fairies|zoo|farm|treehouse|tree house|cat next door|dog next door)\b"
    + _UNLESS_WORSE
    + r"|"
    r"(?:going to|gonna|will|about to) starve (?:if|before|unless|till|until|til) (?:lunch|dinner|"
    r"tea|break|the food|food|my food|the pizza|the takeaway|the delivery|the chippy|this queue|the "
    r"queue|it|they|mum|dad)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:no food|nothing to eat|days?|again|never)\b)|"
    r"(?:someone|somebody|my (?:\w+ )?(?:brother|sister|bro|sis|dad|mum|mam|flatmate|family))s? "
    r"(?:keeps |kept |has been |is |always )?(?:nicking|stealing|eating|taking|pinching|finishing) my "
    r"(?:yoghurts?|yogurts?|snacks|crisps|chocolate|biscuits|leftovers|sweets|puddings?|cheese|"
    r"sandwich|chips|pizza|cereal|juice|easter eggs?)(?: (?:from|out of|in) the (?:fridge|freezer|"
    r"cupboard|tin)(?: at home)?)?\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:no food|nothing to eat|lock\w*|days?)\b)|"
    # after the fifty-third set's (found after it was measured): legs that want to die after a
    # spin class, a small brother's nerf bullet, a sister who touches my stuff, a dog neglected
    # by its last owners, the abusive dad or the bully in a play, a plug that does not work,
    # my pictures sent to a competition or a college, a villain in a book who grooms, a
    # teacher who picked on me to answer, ganging up on me in a game, a funny picture of me
    # shared, sofa surfing the channels, kicked off the xbox, someone at the door who turns
    # out to be the pizza, a dog that follows me round the house, a phone about to die, spam
    # messages
    r"(?:my )?(?:legs|arms|calves|thighs|abs|feet|muscles|lungs|glutes|quads|hamstrings|shoulders|"
    r"knees|bum) (?:want to|wanna|are going to|are gonna|are about to) (?:die|fall off|explode)\b"
    + _UNLESS_WORSE
    + r"|"
    + _SMALL_SIBLING
    + r"\b(?: \w+){0,2}? (?:hit|shot|got|smacked|whacked|bopped) me (?:\w+ ){0,4}?with (?:a|his|her|the|"
    r"my|some) (?:nerf|foam|water|toy|pillow|balloon|snowball|ball|lego|paper|sock|teddy)\w*(?: \w+)?"
    + _UNLESS_WORSE
    + r"|"
    r"(?:sister|brother|sis|bro|cousin|mates?|friends?|flatmates?|roommates?|dog|cat|puppy|kitten)s? "
    r"(?:always |keeps |keep |never stops? |will not stop |wont stop )?(?:touch\w*|messing with|"
    r"going through|borrowing|nicking) my (?:stuff|things|make ?up|clothes|straighteners|hair "
    r"straighteners|lego|room|desk|food|snacks|charger|games|books|hoodies?|perfume|trainers|"
    r"pencils|art stuff|drawings)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:body|private|at night|secret|bed|while i|when i|wearing|on me)\b)|"
    r"(?:dog|dogs|cat|cats|puppy|kitten|horse|pony|rabbit|bunny|hamster|rescue \w+)s? (?:was|were|had "
    r"been|has been|got) (?:badly )?(?:neglected|abused|mistreated|starved) (?:by|at) (?:his|her|"
    r"their|its|the) (?:last|old|previous|first|former) (?:owners?|home|family)\b|"
    r"(?:improv|role ?play|drama|panto|play|plays|show|musical|production|film|sketch|scene|audition)"
    r"\b.{0,30}\b(?:i am|i play|i got cast as|i got the part of|i was cast as) (?:a|the) "
    + _STAGE_ROLE
    + r"\b"
    + _NOT_PRETEND
    + r"|"
    r"(?:playing|play|cast as|got the part of|got cast as|i am) (?:a|the) "
    + _STAGE_ROLE
    + r" (?:in|for) (?:our|the|my|a|this) (?:school )?"
    r"(?:play|show|musical|panto|production|film|drama|sketch|scene)\b" + _NOT_PRETEND + r"|"
    r"(?:the |a |my )?plugs? (?:in|by|next to|behind|on) (?:my|the|our) (?:room|bedroom|wall|kitchen|"
    r"desk|bed|lounge|bathroom|landing)\b|plug sockets?|(?:the |a )?plug (?:does not|is not|will "
    r"not|stopped|has stopped|keeps) work\w*|(?:usb|phone|charger|charging|laptop|adapter|adaptor|uk|"
    r"eu|three pin|travel) plugs?\b|"
    r"(?<!will )(?<!they )(?<!he )(?<!she )(?<!gonna )(?<!going to )(?<!threatened to )"
    r"(?:send|sent|sending|submit\w*|upload\w*|enter\w*) my (?:\w+ )?(?:pics|pictures|photos|"
    r"photographs|shots|portfolio|artwork|drawings|paintings)(?: pics| pictures| photos)? (?:to|for|"
    r"in|into) (?:the |a |an |this |my )?(?:\w+ ){0,2}?(?:competition|comp|contest|exhibition|"
    r"college|uni|university|course|teacher|portfolio|gallery|magazine|newspaper|club|award|badge|"
    r"tutor|website|show)s?\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:he|him|man|guy|older|naked|nudes|body|private|secret|delete|asked|asking|"
    r"wants?|or else|dm|dms|if|unless|pay|paid|money|everyone|whole)\b)|"
    r"(?:villain|character|antagonist|baddie|bad guy|main character|protagonist|narrator|father|"
    r"mother|dad|mum|uncle|teacher|man|woman|guy)s? in (?:the|a|this|that|our|my) (?:set )?(?:book|"
    r"novel|play|film|movie|show|series|story|poem|text|anime|manga|game)\b (?:\w+ )?(?:grooms|"
    r"groomed|abuses|abused|bullies|bullied|kidnaps|kidnapped|stalks|stalked|exploits|exploited|"
    r"neglects|neglected)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,80}\b(?:to me|like me|me too|my (?:coach|dad|mum|mam|uncle|teacher|step ?dad|step "
    r"?mum|boyfriend|bf|brother|sister|carer)|happening to me|happens to me|happened to me)\b)|"
    r"(?:teacher|sir|miss|tutor|lecturer|coach|instructor)\b.{0,20}\b(?:picked|picks|picking) on me "
    r"(?:\w+ ){0,3}?to (?:answer|read|say|do|go|present|come|stand|explain|sing|demo|show|volunteer)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:every|always|all the time|makes fun|laugh\w*|humiliat\w*|embarrass\w*)\b)|"
    r"ganging up on me (?:in|at|on|during) (?:among us|fortnite|minecraft|roblox|fifa|mario kart|smash|"
    r"uno|monopoly|the game|a game|dodgeball|werewolf|mafia|cluedo|pictionary|charades|the quiz|quiz "
    r"night|chess|cards|game night|board games?|laser tag|paintball)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:school|every day|irl|real|messages|always)\b)|"
    r"(?:sharing|shared|posting|posted|sending|sent) (?:the|a|that) (?:pic|picture|photo|video|vid|"
    r"clip) of me (?:falling|tripping|dancing|singing|pulling a face|sleeping|eating|scoring|winning|"
    r"dressed up)\b[^.]{0,60}\b(?:it is|its|it was|which is) (?:actually|really|so|kinda|lowkey|"
    r"honestly) (?:funny|hilarious|iconic|class|jokes)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:but|laugh\w* at me|embarrass\w*|hate|delete|stop|upset|cry\w*)\b)|"
    r"sofa surf\w* (?:the|through|on) (?:\w+ )?(?:netflix|disney|tv|channels|iplayer|youtube|prime|"
    r"catalogue|sky|box sets?|shows)\b|"
    r"(?:kick\w*|chuck\w*|boot\w*) me off (?:the |my )?(?:xbox|ps5|ps4|playstation|switch|laptop|"
    r"computer|pc|tv|telly|ipad|tablet|wifi|internet|game|console|phone)\b" + _UNLESS_WORSE + r"|"
    r"(?:someone|somebody|a man|a guy|a woman|a person|a car|a van|footsteps|a noise) (?:is |s |was "
    r")?(?:outside|at (?:the|my|our) door|knocking|banging|followed (?:us|me)|following (?:us|me)|"
    r"behind (?:us|me)|in (?:the|our) garden)\b.{0,40}?\b(?:it is|its|it was|turns out (?:it was|its|"
    r"it is)|oh (?:its|it is|it was)|nvm (?:its|it is|it was)|false alarm (?:its|it was)?)(?: just)? "
    r"(?:the |my |our |a |just )?(?:pizza|delivery|postman|post man|postie|amazon|dpd|evri|hermes|"
    r"royal mail|uber eats|deliveroo|just eat|takeaway|food|courier|parcel|neighbour|neighbor|nan|gran|"
    r"grandma|grandad|mum|dad|mam|sister|brother|cousin|aunt|auntie|uncle|cat|dog|fox|window cleaner|"
    r"milkman|gas man|plumber|builder)s?\b(?! (?:ex|boyfriend|bf|girlfriend|gf|partner|mates?|"
    r"friends?|new)\b)"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:but|still|another|scared|real|knife|will not leave|wont leave|shouting|"
    r"banging|angry|police|help|do not want|dont want|not let|hide|hiding)\b)|"
    r"(?:someone|somebody) (?:is |s )?at the door,? (?:brb|be right back|gtg|got to go|g2g|one sec|1 "
    r"sec|hold on|wait)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:scared|help|will not leave|wont leave|banging|kicking|shouting|police|knife|"
    r"again|hide|hiding)\b)|"
    r"my (?:dog|dogs|cat|cats|puppy|kitten|pup|bunny|rabbit|hamster|duck|chicken|little brother|"
    r"little sister|baby brother|baby sister|toddler|nephew|niece) (?:keeps|keep|always|just|is "
    r"always) (?:following|follows|follow) me (?:round|around|everywhere|to|into|about)\b|"
    r"(?:phone|phones|battery|laptop|ipad|tablet|airpods|headphones|controller|switch|torch|"
    r"charger)(?: is| s)? (?:about to|going to|gonna|bout to) die\b(?!.{0,60}\b(?:lost|alone|scared|"
    r"following|follow|stuck|dark|nowhere|man|guy|someone|followed|strange|help)\b)|"
    r"spam (?:messages|texts|calls|emails)(?: from (?:unknown|random|private) numbers)? (?:about|"
    r"for|saying) (?:car insurance|insurance|parcels?|deliveries|delivery|prizes?|ppi|my car|"
    r"accidents?|crypto|loans?)\b|"
    # after the fifty-fourth set's (found after it was measured): wanting to die over a hair
    # dye, a finger trapped in a door, running away from an essay, working at a hostel for
    # homeless young people, "cant do this anymore" over the wifi, nobody missing me for one
    # session, getting stabbed on stage
    r"(?:dyed|dye|bleached|cut|chopped|straightened|permed|shaved) (?:my|her|his) (?:hair|fringe|"
    r"eyebrows?)\b.{0,40}\bi (?:want to|wanna|could|am going to|gonna|literally want to) die\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:for real|seriously|actually|anymore|any more|everyone|laughing at me|not "
    r"joking)\b)|"
    r"trapped my (?:finger|fingers|thumb|hand|foot|toe|hair|jumper|coat|sleeve|bag|scarf) in (?:the|a|"
    r"my|our) (?:car )?(?:door|drawer|window|zip|zipper|gate|locker|deckchair|lid|bin|cupboard)\b"
    r"(?!.{0,60}\b(?:someone|he|she|they|pushed|slammed|on purpose|locked|help)\b)|"
    r"(?:run|running|ran) away from (?:this|my|the|an|all this|all my) (?:essay|homework|coursework|"
    r"exams?|tests?|revision|deadlines?|maths|assignments?|presentation|chores|washing up|"
    r"hoovering|spreadsheet|timetable)s?\b" + _UNLESS_WORSE + r"|"
    r"(?:works?|worked|working|volunteers?|volunteered|volunteering|job|placement|shifts?) (?:at|in|"
    r"for|with) (?:a|an|the) (?:\w+ )?(?:hostel|shelter|refuge|charity|night shelter|food ?bank|soup "
    r"kitchen|drop in|project) (?:for|that helps|helping|supporting) (?:homeless|the homeless|young "
    r"homeless|rough sleepers)(?: young people| people| teens| kids| families)?\b"
    r"(?!.{0,60}\b(?:i live|i am staying|we live|we are staying|me too|i am homeless|i need|i have "
    r"nowhere)\b)|"
    r"can not do this (?:anymore|any more)\b (?:the|this|my) (?:wifi|internet|signal|connection|"
    r"laptop|phone|app|link|website|page|printer|game|level|zoom|teams|call) (?:keeps|is|will not|"
    r"has|just)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:life|everything|myself|want to|no one|nobody)\b)|"
    r"(?:no one|nobody) would (?:miss|notice) (?:me )?(?:if i )?(?:skipped|skip|missed|miss|left|"
    r"bunked|bunk|sat out|dropped)(?: out of)? (?:one|a|the|this|that|1|just one) (?:session|class|"
    r"lesson|practice|rehearsal|week|meeting|club|training|shift|day)\b"
    + _UNLESS_WORSE
    + r"(?!.{0,60}\b(?:forever|ever|gone|disappeared|life|anyway|at all|for good)\b)|"
    r"(?:getting|get|got|gets) (?:stabbed|shot|killed|poisoned|strangled|murdered) (?:on stage|in "
    r"the play|in the scene|in act \w+|in our play|in the show|in the musical|in the panto)\b"
    r"(?!.{0,60}\b(?:for real|irl|really|actually|backstage|after the show|at home)\b)|stage "
    r"(?:knife|knives|blood|fights?|combat|guns?)\b"
    r")\b"
)
# Words that open a new clause of the writer's ("...? also been cutting again", "...but they
# want nudes"): a frame's middle words are none of them, and none follows a frame before its
# topic (after the forty-ninth set's read-through).
_CLAUSE_OPENERS = r"but|cos|coz|because|anyway|prob|probably"
# Someone studies, watches, works on or raises money for a topic ("a documentary about county
# lines", "our play was about domestic abuse"): a rule matching just after such a frame, in
# words with no "i", "me" or "my", is the topic, not a disclosure.
_FRAME = re.compile(
    r"\b(?:documentary|documentaries|film|films|movie|play|plays|book|books|novel|poem|essay|essays|"
    r"coursework|project|presentation|assembly|lesson|lessons|talk|talks|workshop|course|courses|"
    r"training|module|a level|gcse|btec|degree|theory|theories|research|article|podcast|campaign|"
    r"charity|charities|fundraiser|fundraising|sleep out|volunteering|job|career|placement|drama|"
    r"piece|plot|storyline|story|script|scene|show|series|episode|song|lyrics|exhibition|"
    # after the thirty-sixth set's (found after it was measured): a monologue, fan fiction
    r"monologues?|fanfics?|fan fiction|"
    r"bake sale|sponsored|awareness|assignment|debate|speech|learned|learnt|learning|taught|teaching|"
    r"epq|epqs|how to (?:help|support|spot|talk to)|"
    # people in general, not someone the writer knows ("how do i help my sister who...")
    r"(?:help|helping|support|supporting) (?:kids|children|young people|people|others|teens|teenagers)|"
    # after the thirty-fourth set's (found after it was measured): a career dealing with it,
    # volunteering at a refuge, mentors for kids who get bullied
    r"(?:become|becoming|train to be|training to be|job as|career as|work as|working as) (?:a |an )?"
    r"(?:\w+ ){0,2}(?:officer|worker|nurse|paramedic|counsellor|detective|lawyer|solicitor|therapist|"
    r"doctor|psychologist)s?|volunteer (?:at|with|for) (?:a |an |the )?(?:\w+ )?(?:refuge|shelter|"
    r"food ?bank|hospice|helpline|hostel|rehab)|(?:mentors?|mentoring|buddies|buddy scheme) for "
    r"(?:kids|children|young people|pupils|students|people|teens|younger \w+)|"
    r"scenario|scenarios|role ?play|role ?plays|character|characters|unit|units|sociology|psychology|"
    r"criminology|citizenship|pshe|(?:watched|watching|saw|seen) (?:a |the |this )?docs?)\b"
    # (its middle words are not the writer's own clause: not "is there a drama club near me on
    # thursdays? also been cutting again", "the coding course, also been thinking about ending
    # things": after the forty-ninth set's read-through)
    r"(?:\s+(?!(?:" + _CLAUSE_OPENERS + r"|me|my|myself)\b|also (?:been|i|feel\w*|got|"
    r"keep\w*|thinking|can not|want|wanna|need)\b)\w+){0,6}?"
    r"\s+(?:about|on|into|covering|covers|covered|for|of|around|against|at|with|"
    r"if|when|where|who|(?:topic|theme|subject|title)s? (?:is|was|are|were))\b"
    # after the fifty-second set's (found after it was measured): a video about it
    r"|\b(?:video|videos|vid|vids|clip|clips) (?:about|on)\b"
    # after the thirty-sixth set's (found after it was measured): a monologue's speaker
    r"|\bmonologues? from\b"
    # after the forty-seventh set's (found after it was measured): a charity that helps
    # homeless young people
    r"|\b(?:charity|charities|organisation|organisations|organization|scheme|project|service) (?:that|"
    r"which|who) (?:helps?|supports?|works? with|looks? after|houses|feeds|raises money for|campaigns "
    r"for)\b"
)
# Something that is over ("i used to get bullied in year 7 but its fine now", "was homeless
# for a bit when i was 18, got a flat now"): for these categories, not a concern today.
_RESOLVED = re.compile(
    r"\b(?:used to|when i was|for a (?:bit|while) when|(?:back )?in year \d+|years ago|last year|"
    r"a while (?:ago|back))\b.{0,60}"
    r"\b(?:but|now|and)\b.{0,40}\b(?:fine|ok|okay|alright|better|sorted|good|over|stopped|"
    r"got a flat|got a place|got my own (?:flat|place)|moved|now)\b"
)
RESOLVABLE = frozenset({"bullying", "runaway"})
# Self-harm that is over, said as recovery ("i used to self harm when i was 13 but ive been
# clean 3 years now"): not a concern today unless anything says it is back.
_RECOVERED = re.compile(
    r"\b(?:used to|years ago|when i was \d+|(?:back )?in year \d+|a few years ago|as a kid)\b.{0,60}"
    r"\b(?:but|and)\b.{0,30}\b(?:(?:have been|been|i am|am) (?:clean|good|well|fine|ok|okay|better|"
    r"doing (?:well|good|better|great|loads better))|recovered|in recovery)\b.{0,20}"
    r"\b(?:for|since|now|ages|years|months)\b"
)
_AGAIN = re.compile(
    r"\b(?:again|relapse\w*|started|back to|slipped|lately|recently|this week|today|tonight|"
    r"last night|yesterday|still|worse)\b"
)
# what happens in a story: "eva smiths suicide is the whole plot"
_STORY = re.compile(
    r"^\w*(?:\s+\w+){0,3}?\s+(?:is|was) (?:the )?(?:whole |main )?(?:plot|storyline|story|twist|"
    r"theme|ending|topic|subject)\b|^\w*(?:\s+\w+){0,3}?\s+in (?:the|this|that) (?:book|play|film|novel|show|"
    r"series|episode|game)\b"
)
# A question asking what the word means ("what does county lines actually mean"); after the
# thirty-fourth set's, found after it was measured.
_DEFINING = re.compile(
    r"\b(?:what (?:is|are|does)|whats|meaning of|define|definition of)(?: a| an)? $"
)
_MEANS = re.compile(r" (?:actually |even |really )?mean\b")
# ...and someone who only said the word is not something happening to the writer ("what does
# unalive mean, my little cousin keeps saying it"): after the thirty-seventh set's
_SAID_IT = re.compile(
    r"\bmy (?:little |younger |big |older )?(?:teacher|tutor|form tutor|cousin|sister|brother|sis|bro|"
    r"mates?|friends?|classmates?|nan|gran) (?:keeps? saying|kept saying|said|says|mentioned|"
    r"mentions|used|uses|brought up) (?:it|that|that word|the word)\b"
)
_TO_ME = re.compile(
    r"\b(?:to me|my|myself|i am (?:being|getting)|i do it|i have been|i keep|i think (?:i|it|he|she))\b"
)
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|myself|mine|we|us|our)\b")
_WRITER = re.compile(r"\b(?:i|me|my|myself)\b")
_WRITER_OR_EVERY = re.compile(r"\b(?:i|me|my|myself|every)\b")
_NEW_CLAUSE = re.compile(r"\b(?:" + _CLAUSE_OPENERS + r"|also)\b")
# A job, course or career "for someone who will not live past 18": the writer, in the third
# person (after the forty-ninth set's read-through).
_FOR_SOMEONE_LIKE_ME = re.compile(
    r"(?:jobs?|careers?|career paths?|pathways?|courses?|apprenticeships?)\b(?: \w+){0,3}? for "
    r"(?:someone|somebody|people|ppl|a person|a kid|kids|teens|a teen) (?:who|that|with|like)\b"
    # ...someone the job is for, not someone who helps others ("a job for someone who likes
    # helping people who are homeless")
    r"(?: (?!(?:help\w*|work\w*|support\w*|car\w*|look\w*|want\w*|lik\w*|lov\w*|interested|kids|"
    r"children|people|others|volunteer\w*)\b)\w+){0,4}"
)


@dataclass(frozen=True)
class _Rule:
    category: str
    pattern: re.Pattern[str]


_COMPILED: tuple[_Rule, ...] = tuple(
    _Rule(category, re.compile(pattern)) for category in CATEGORIES for pattern in RULES[category]
) + tuple(_Rule(CHECK_IN, re.compile(pattern)) for pattern in CHECK_IN_RULES)

_URGENT_SELF_HARM = re.compile(
    r"\b(?:tonight|right now|now|today|already|just took|have taken|took|swallowed|goodbye|bye|"
    r"last (?:note|message)|about to|on the (?:bridge|roof|edge)|going to do it|plan|ready)\b"
)


def _is_topic(text: str, start: int, end: int) -> bool:
    """The match sits in the name of an activity or a topic ("anti-bullying ambassador",
    "drug awareness talk"): a topic word just before it, or right after it; or, saying
    nothing of the writer themselves, it is what happens in a story or follows what someone
    studies, watches or works on."""
    while end < len(text) and text[end].isalnum():
        end += 1  # the rest of a word matched by its stem ("suicid" + "e prevention")
    if _ME_TOO.search(text[end:]):
        return False
    before = text[max(0, start - 12) : start]
    after = text[end : end + 22]
    if _ANTI.search(before):
        return True
    if _WANTS_IT_TOO.search(text[end:]):
        return False
    # a topic word after what happens to the writer, or what happens every day, is no topic:
    # "people copy the way i talk", "comes home crying every day" (after the forty-ninth set's
    # read-through)
    if _TOPIC.match(after) and not _WRITER_OR_EVERY.search(text[start:end]):
        return True
    if _FIRST_PERSON.search(text[start:end]):
        return False
    if _STORY.match(text[end : end + 30]):
        return True
    if (
        _DEFINING.search(text[max(0, start - 30) : start]) or _MEANS.match(text[end : end + 25])
    ) and not _TO_ME.search(_SAID_IT.sub(" ", text[end:])):
        return True
    frames = [frame for frame in _FRAME.finditer(text) if frame.start() < start]
    for frame in frames:
        for_the_writer = _FOR_SOMEONE_LIKE_ME.match(text, frame.start())
        if for_the_writer and for_the_writer.end() >= start:
            return False
    return any(
        start - frame.end() <= 40
        # "...workshop, it was fun for an hour, then i went home and sat in the bath with a
        # razor": the writer's own doing after the frame is theirs, not the topic's (and where
        # the frame runs on over the match, "that film made me want to die for real", the
        # writer's words inside it count too)
        and not _WRITER.search(text[frame.end() if frame.end() <= start else frame.start() : start])
        # nor a new clause of the writer's after it ("a job carrying parcels for easy money but
        # they want nudes first"): after the forty-ninth set's read-through
        and not _NEW_CLAUSE.search(text[frame.end() : start])
        for frame in frames
    )


# The writer says the topic is theirs, after it ("a talk about grooming made me realise thats
# what hes doing to me"): after the fifty-second set's read-through.
_ME_TOO = re.compile(
    r"\b(?:that is|thats|this is) (?:me|what (?:is|has been) happening to me)\b|\b(?:what|how) (?:he|"
    r"she|they) (?:is|are|was|were|has been|have been) (?:doing|treating) (?:to )?me\b|(?<!what )\b(?:"
    r"happens|happening|happened|is happening) to me\b"
)
# ...or that they want to try it ("saw a video on self harm and now i want to try it"); not
# said of an anti- campaign, where "it" is the campaign.
_WANTS_IT_TOO = re.compile(
    r"\b(?:i|me|my|myself)\b.{0,40}\b(?:(?:want|wanted|wanna|tempted|urge) (?:to )?(?:try|trying) "
    r"(?:it|that|the same)|(?:do|doing|did) (?:it|that|the same) (?:to|on) myself|(?:thinking|think|"
    r"thought) (?:about|of) (?:doing|trying) (?:it|that) (?:myself|too|as well))\b"
)


# A game by name, or "in the game": not "after the match", where a stabbing is real.
_GAME = re.compile(
    r"\b(?:fortnite|cod|call of duty|warzone|minecraft|roblox|fifa|apex|valorant|gta|overwatch|pubg|"
    r"gaming|xbox|ps5|playstation|lobby|respawn|paintball|laser tag|airsoft|hide and seek|"
    r"hide and go seek|manhunt|nerf|dodgeball|speedrun\w*|story mode)\b|\b(?:in|on) (?:the|a|this|that|my|our) (?:game|level|"
    r"video game)\b|\b(?:zombie|water|nerf|video|computer|online) (?:game|games|fight|battle)\b"
)
_GAME_WORDS = re.compile(
    r"\b(?:shot|shoot|stabbed|stab|killed|kill|killing|sniped|jumped|jump|hiding|hide|chased|chasing|"
    r"running drugs)\b"
)
# ...unless the writer says they want to kill themselves ("i want to kill myself, gaming does
# not even help"): after the thirty-sixth set's, found after it was measured
_IN_EARNEST = re.compile(
    r"\b(?:want|wanted|going|thinking|think|thought|feel like|planning|plan|plans|about|decided) (?:to |"
    r"about |of )?(?:kill|killing) my ?self\b"
    # ...or says it is for real ("theyd jump me at laser tag and then stab me for real"): after
    # the forty-eighth set's
    r"|\b(?:for real|irl|in real life)\b"
)


def plain_words(text: str) -> str:
    """``text`` normalised, less the hyperbole and idioms that only look like risk."""
    return _IDIOMS.sub(" ", normalise(text))


def assess(text: str) -> Risk | None:
    """The risk ``text`` discloses or signals, most urgent category first; None when none."""
    plain = plain_words(text)
    if not plain.strip():
        return None
    found: list[tuple[_Rule, re.Match[str]]] = []
    for rule in _COMPILED:
        match = rule.pattern.search(plain)
        if match is None:
            continue
        if _is_topic(plain, match.start(), match.end()):
            continue
        if _ABOUT_OTHERS_RESOLVED.search(plain) and not _FIRST_PERSON.search(match.group(0)):
            continue  # not "theyre gonna batter me because i told a teacher"
        if (
            _GAME_WORDS.search(match.group(0))
            and _GAME.search(plain)
            and not _IN_EARNEST.search(plain)
        ):
            continue  # "i got shot in cod": a game, not a wound
        if rule.category in RESOLVABLE and _RESOLVED.search(plain) and not _AGAIN.search(plain):
            continue
        if rule.category == "self_harm" and _RECOVERED.search(plain) and not _AGAIN.search(plain):
            continue
        found.append((rule, match))
        if rule.category != CHECK_IN:
            break  # rules are in order of urgency: the first clear one decides
    if not found:
        return None
    rule, match = found[0]
    urgent = rule.category == "danger" or (
        rule.category == "self_harm" and bool(_URGENT_SELF_HARM.search(plain))
    )
    return Risk(rule.category, urgent, match.group(0))
