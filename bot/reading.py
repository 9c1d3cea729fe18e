"""Reading a message: which parts are questions, what kind of answer each wants, and its terms.

Pure functions over text and a `Vocabulary` (the words the facts use). The
answer engine (`bot.answers`) does the matching; this module only reads.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property

from bot import figures
from bot.lexicon import (
    ANTONYMS,
    CLASS_NOUNS,
    ENTITY_CLASSES,
    FILLER,
    OFF_STORY,
    PERSON_NAMES,
    PHRASES,
    READ_ALSO,
    SHORTHAND,
    STOPWORDS,
    SUBJECT_WORDS,
    SYNONYM_GROUPS,
    WEAK,
)
from bot.text import common_english, stem, words

MAX_TERMS = 24
MAX_PARTS = 3

# What kind of answer a question wants. The first group must be found in a fact to answer it.
HARD_TYPES = frozenset({"count", "money", "duration", "date", "who", "where", "age", "number", "share"})
# "what did the prep phase cost", "what does one h800 cost": a sum asked with "what", its verb further on.
WHAT_IT_COST = re.compile(
    r"^(?:what|whats|wat)\s+(?:did|does|do|would|will|could|might)\s+(?:[\w'-]+\s+){1,4}?(?<!-)(?:cost|spend|pay)\b"
)
AUX = frozenset(
    "is are was were am did does do has have had can could will would should shall may might isnt arent wasnt "
    "didnt doesnt dont hasnt havent cant couldnt wont wouldnt".split()
)
WH = frozenset("what whats wat wut which wich who whom whose whos when where why how".split())
# Verbs right after "what <people>" that make "what" their object: "what us officials did", "… doubt".
DOING = frozenset(
    "did do does doubt doubted think thought say said want wanted question questioned claim claimed".split()
)
DID = frozenset("did does do didnt doesnt dont".split())
DOERS = frozenset("deepseek they he she it openai nvidia meta altman liang".split())
# ("do they mention jobs", "does it frame this as china vs us": the articles telling, the topic asked after.)
TELLING_VERBS = frozenset(
    "mention mentions frame frames talk cover covers discuss address bring say described portrayed called shown "
    "seen considered reported".split()
)
DURATION_WORDS = frozenset("hours hour hrs hr days day weeks week minutes mins min months time long".split())
SPENDING = frozenset("cost costs costed spent spend spends price paid pay bill".split())
MONEY_WORDS = frozenset("k grand dollars dollar bucks usd money million mil billion thousand cash".split())
DATE_WORDS = frozenset("year month day date week time".split())
SPAN_BEFORE = frozenset("the a per this last that each every all whole".split())  # "for the year": a span
PLACE_WORDS = frozenset("city country place town nation region".split())
REPORTING_VERBS = frozenset(
    "say said says tell told know knew mention mentioned reveal revealed disclose disclosed explain explained "
    "show showed ask asked wonder specify specified state stated care cares matter matters decide see".split()
)
# How a question may open before its first word ("wait what's the h800 again", "hmm, what is distillation").
OPENER = r"(?:(?:so|ok|okay|and|but|wait|hmm+|um+|uh+|sorry|yo|hey|lol|bruh|ngl)[,.]?\s+)*"
DEFINITION = re.compile(
    rf"^{OPENER}(?:what|wat|whats|wtf|wth) (?:is|are|'s|s|even is|exactly is|the heck is|does)?\s*"
    r"(?:a |an |the )?\S+(?: \S+)?(?: mean| means| anyway| even)?"
    r"(?:,? (?:never heard of (?:it|them|that)|no idea|idk|lol|lmao)\b.*)?$|\bmeaning\b|\bdefin(?:e|ition)\b|\bwdym\b|"
    r"\bwhat does \S+(?: \S+)? mean\b|"
    # "my kid asked what 'distilling' an ai means", "what's 'open-source' mean, grandpa here".
    r"\bwhat (?:\S+ ){1,3}means\b(?! for)|"
    r"\bwhat(?:'s| is|s)? (?!(?:this|that|it|all|does|do|did|would|will) )(?:\S+ ){1,2}mean\b(?! for)|"
    rf"^{OPENER}(?:what|wat|whats)(?: is|'s| s)? (?:so )?(?:special|different|the deal|up) (?:about|with) "
)
YESNO_TAILS = (
    "right",
    "correct",
    "true",
    "or nah",
    "or not",
    "or anything",
    "or something",
    "huh",
    "yeah",
    "yea",
    "innit",
    "no",
    "eh",
    "ok",
)
STATEMENT_VERBS = frozenset("say said says think thinks thought claim claimed".split())
# "say about", "say anything", "said to": asking what someone said, not framing a question.
STATEMENT_NEXT = frozenset("about anything something to on regarding re".split())
# Idioms read as the concept they stand for, before words are split ("set them back" → cost).
_ORDINAL = r"(?:first|second|1st|2nd|other|slashdot|nature|background)"
_WRITING = r"(?:article|piece|paper|story|report|headline|section|bit|study|text|one)s?"
# Not "author": "the author's name on the slashdot one" asks for a byline the articles leave out.
_NAMED = "|".join(
    sorted(
        set(
            [w for w, c in CLASS_NOUNS.items() if c in ("chip", "company", "journal", "outlet", "person", "place")]
            + ["model"]
        )
        - {"author", "authors"},
        key=len,
        reverse=True,
    )
)


class Guarded:
    """A pattern tried only on text holding one of the words every match of it holds: most questions hold
    none, and a pattern opening on optional words is slow to rule out at every position."""

    def __init__(self, pattern: re.Pattern[str], *needles: str) -> None:
        self.pattern = pattern
        self.needles = needles  # lower case

    def holds(self, lowered: str) -> bool:
        """Could the pattern match this (lower-cased) text? A plain loop: `prepare` asks it of every idiom."""
        for needle in self.needles:  # noqa: SIM110 - no generator: this runs for every idiom of every question
            if needle in lowered:
                return True
        return False

    def sub(self, replacement: str, text: str) -> str:
        return self.pattern.sub(replacement, text) if self.holds(text.lower()) else text

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.holds(text.lower()) else None


IDIOMS: tuple[tuple[re.Pattern[str] | Guarded, str], ...] = (
    # "what kind of article did they put the numbers in": the kind of publication, which a journal's is.
    (
        Guarded(
            re.compile(r"\bwhat (?:kind|kinda|type|sort) of (?:article|paper|publication|piece)\b", re.I),
            "of",
        ),
        "which journal article",
    ),
    # "what journal actually ran it": published it (not the training run).
    (
        Guarded(
            re.compile(
                r"\b(journal|magazine|outlet|publication|site|nature|science)\b((?:\s+\w+){0,2}?)\s+ran\b", re.I
            ),
            "ran",
        ),
        r"\1\2 published",
    ),
    # "name the two restricted chips": an order to name them asks which they are.
    (
        Guarded(re.compile(r"^\W*(?:pls |please |can you |could you )?name (?:the |all the |both )", re.I), "name"),
        "which ",
    ),
    # "source?", "sauce pls": a message of one word asking where the story comes from.
    (
        Guarded(
            re.compile(r"^\s*(?:source|sources|src|sauce)(?:\s*(?:pls|plz|please|[?!.]))*\s*$", re.IGNORECASE),
            "source",
            "src",
            "sauce",
        ),
        "who reported this",
    ),
    # "how'd they keep it so cheap", "where'd they admit it": the question word's "did", which splitting drops.
    (Guarded(re.compile(r"\b(how|where|what|who|why|when)['’]d\b", re.IGNORECASE), "'d", "’d"), r"\1 did"),
    # "is this a china vs usa thing": the two countries set against each other are their rivalry.
    (
        Guarded(
            re.compile(
                r"\b(?:china|chinese|beijing)\s+(?:vs\.?|versus|v|against)\s+(?:the\s+)?(?:us|usa|u\.s\.|america|"
                r"united states|washington)\b|\b(?:us|usa|u\.s\.|america|united states|washington)\s+"
                r"(?:vs\.?|versus|v|against)\s+(?:china|beijing)\b",
                re.IGNORECASE,
            ),
            "china",
            "beijing",
        ),
        "china usa rivalry",
    ),
    # "is cheap ai good or bad", "bullish or bearish", "does it back up either side": a judgement asked both ways
    # is the upsides and the downsides the articles report ("both sides of the distillation debate" are not).
    (
        Guarded(
            re.compile(
                r"\b(?:good|positive|bullish|help|helps|utopia|utopian)(?: for(?: the)? \w+)?"
                r"\s*(?:or|and|/|vs\.?|versus)\s*"
                r"(?:bad|negative|bearish|hurt|hurts|harm|harmful|dystopia|dystopian)\b"
                r"|\b(?:both|either|two) sides\b(?! of)",
                re.IGNORECASE,
            ),
            "good",
            "positive",
            "bullish",
            "help",
            "utopia",
            "sides",
        ),
        "upsides and downsides",
    ),
    # "why the chinese h800 exist in first place": emphasis, no first thing nor place.
    (Guarded(re.compile(r"\bin (?:the )?first place\b", re.IGNORECASE), "first place"), " "),
    # "i read it three times but still dont get, the h800 is the 'weaker' chip?": the asker's trouble, then the
    # question.
    (
        Guarded(
            re.compile(
                r"^.{0,60}?\b(?:dont|don't|do not|cant|can't|cannot) (?:get|understand|follow)(?: it| this)?"
                r"\s*[,:;-]\s*",
                re.IGNORECASE,
            ),
            "get",
            "understand",
            "follow",
        ),
        "",
    ),
    # "always been open about having a100s": upfront about it (not open source).
    (Guarded(re.compile(r"\bopen (?:about|with)\b", re.IGNORECASE), "open"), "upfront about"),
    # "so they had two kinds of nvidia chips? which ones", "which two chips": how many are asked for, not a
    # concept ("two" is a word the facts use of the articles).
    (
        Guarded(
            re.compile(r"\b(?:two|2) (?:different )?(?:kinds?|types?|sorts?) of\b|(?<=\bwhich) (?:two|2)\b", re.I),
            "two",
            "2",
        ),
        "",
    ),
    # "did deepseek stay committed to cheap ai despite the drama": the asker's aside, no part of the question.
    (
        Guarded(
            re.compile(
                r",?\s*\bdespite (?:all )?(?:the |this |that |all this |all that )?(?:drama|noise|fuss|backlash|"
                r"criticism|hate|heat|controversy|scrutiny)\b",
                re.IGNORECASE,
            ),
            "despite",
        ),
        "",
    ),
    # "is ai gonna take jobs", "job losses": what the experts call job displacement.
    (
        Guarded(
            re.compile(
                r"\b(?:(?:take|takes|taking|took|steal|steals|stealing|kill|kills|killing|cost|costing|replace|"
                r"replacing|eat|eating)\s+(?:(?:our|people'?s|ppls?'?|my|your|their|his|her|a lot of|many|all the)\s+)?"
                r"jobs?|job (?:loss|losses|cuts)|(?:lose|losing|lost) (?:their |our |my )?jobs"
                # "do they mention jobs at all": jobs as a topic, which the risks are.
                r"|(?:mention|mentions|mentioned|discuss|discusses|cover|covers|talk about|anything about) jobs)\b",
                re.IGNORECASE,
            ),
            "job",
        ),
        "job displacement",
    ),
    # "what country is deep seek from (my phone keeps splitting it)", "(talk to text sorry)": the asker's aside.
    (
        Guarded(
            re.compile(
                r"\((?:\s*(?:my|i|i'?m|im|i'?ve|sorry|sry|talk to text|voice to text|voice typing|dictation|dictated|"
                r"autocorrect|typo|lol|lmao|haha|yes really|asking for)\b)[^()]*\)",
                re.IGNORECASE,
            ),
            "(",
        ),
        " ",
    ),
    # "a small matter of vintage, if you will: …": a politeness, nothing to come ("will").
    (Guarded(re.compile(r",?\s*\bif you will\b,?", re.IGNORECASE), "if you will"), " "),
    # "over what period the training took place": when it happened, no place.
    (Guarded(re.compile(r"\b(?:take|takes|took|taken|taking) place\b", re.IGNORECASE), "place"), " happened "),
    # "which chips did they train r1 on, need it for a track title lmao": why the asker asks, after the question.
    (
        Guarded(
            re.compile(
                r",\s*(?:i\s+)?need(?:ed|s)?\s+(?:it|this|that)\s+for\s+(?:a|an|my|our|the)\s+[^,.?!]{1,40}$", re.I
            ),
            "need",
        ),
        "",
    ),
    # "industry leaders shrugged deepseek off": unconcerned by it.
    (Guarded(re.compile(r"\bshrug(?:ged|s|ging)? (?:[\w']+ ){0,2}off\b", re.IGNORECASE), "shrug"), " dismissed "),
    # "everyone saw this disclosure coming": it was expected.
    (Guarded(re.compile(r"\b(?:saw|see|seen) (?:[\w']+ ){0,3}coming\b", re.IGNORECASE), "coming"), " expected "),
    # "deepseek has stopped developing new ai": "has" as an auxiliary, not as owning something.
    (Guarded(re.compile(r"\bhas\s+(?!been\b)(?=(?:[a-z]+ed|[a-z]+en)\b)", re.IGNORECASE), "has "), ""),
    # "in simple words what is this distilation they talk about": how to answer, and whose word it is, are no
    # part of what is asked.
    (
        Guarded(
            re.compile(r"\bin (?:simple|plain|easy|layman'?s?|normal|basic) (?:words|terms|english)\b,?", re.I),
            "words",
            "terms",
            "english",
        ),
        "",
    ),
    (
        Guarded(
            re.compile(
                r"\b(?:they|people|ppl|everyone|everybody|y'?all)(?:'re| are)? (?:keep )?(?:talk|talking|talks)"
                r" about\b",
                re.IGNORECASE,
            ),
            "talk",
        ),
        "",
    ),
    # "wats an h800": "what's", typed short; "the 2nd article": the second (not a version-like word).
    (Guarded(re.compile(r"\bwats\b", re.IGNORECASE), "wats"), "whats"),
    (Guarded(re.compile(r"\b1st\b", re.IGNORECASE), "1st"), "first"),
    (Guarded(re.compile(r"\b2nd\b", re.IGNORECASE), "2nd"), "second"),
    # "who's the guy behind deepseek": the one who founded it.
    (
        Guarded(
            re.compile(r"\b(?:guy|man|person|woman|mind|brains?|people|folks|team) behind\b", re.IGNORECASE),
            "behind",
        ),
        "founder of",
    ),
    # "source of the 2nd article", "2nd piece source?": who the article credits for its reporting.
    (
        Guarded(
            re.compile(
                r"\bsources? (?:of|for) (the (?:first|second|1st|2nd) (?:article|piece|story|one))\b"
                r"|\b((?:the )?(?:first|second|1st|2nd) (?:article|piece|story|one))(?:'s|s)? sources?\b",
                re.IGNORECASE,
            ),
            "source",
        ),
        r"which outlet reported \1\2",
    ),
    # "r1 was a vision model": one that reads pictures (not DeepSeek's "vision", its mission).
    (Guarded(re.compile(r"\b(?:computer )?vision (model|ai|system|llm)s?\b", re.IGNORECASE), "vision"), r"image \1"),
    # "what was the headline number": the main figure, as business writers say (not a figure in a headline);
    # this story's is its cost.
    (Guarded(re.compile(r"\bheadline (?:number|figure|stat)s?\b", re.IGNORECASE), "headline"), "cost"),
    # "distillation is totally uncontroversial": the word it negates, negated (not "unprecedented", the articles'
    # own word, nor "unexpected", a surprise).
    (
        Guarded(
            re.compile(
                r"\bun(controversial|disputed|debated|contested|challenged|questioned|reviewed|published|confirmed|"
                r"disclosed|verified|restricted|sanctioned|banned|transparent|affordable|accessible)\b",
                re.IGNORECASE,
            ),
            "un",
        ),
        r"not \1",
    ),
    # "how log was the traning": a dropped letter makes a word no speller would change ("log" is one).
    (Guarded(re.compile(r"\bhow (?:log|lon|lng|logn)\b", re.IGNORECASE), "how"), "how long"),
    # "altman's title": his job, not an article's headline.
    (
        Guarded(re.compile(r"\b(altman|wenfeng|liang)(?:'s|s)?\s+(?:job\s+)?title\b", re.IGNORECASE), "title"),
        r"\1 role",
    ),
    # "did sam's company respond": the company a person of the story leads is that company.
    (
        Guarded(
            re.compile(r"\b(?:sam altman|sam|altman)(?:'s|s|’s)? (?:company|firm|startup|lab|outfit|org)\b", re.I),
            "sam",
            "altman",
        ),
        " openai ",
    ),
    (
        Guarded(
            re.compile(r"\b(?:liang|wenfeng)(?:'s|s|’s)? (?:company|firm|startup|lab|outfit|org)\b", re.I),
            "liang",
            "wenfeng",
        ),
        " deepseek ",
    ),
    # "the second article's title", "title of the slashdot piece": its headline (a paper's title is not given).
    (Guarded(re.compile(r"\b(article|story|piece)(?:'s|s)?\s+title\b", re.IGNORECASE), "title"), r"\1 headline"),
    (
        Guarded(
            re.compile(
                r"\btitle (of|for|on) (the )?((?:first|second|1st|2nd|other|slashdot) )?(article|story|piece)\b",
                re.IGNORECASE,
            ),
            "title",
        ),
        r"headline \1 \2\3\4",
    ),
    # Why the asker asks, not what: "need it for my econ homework", "asking for a valuation model".
    (
        Guarded(
            re.compile(
                r"\b(?:(?:asking|need it|i need it|need this|i need this|it'?s|its|this is) )?for (?:a|an|my|our|the) "
                r"(?:[\w-]+ ){0,2}(?:essay|homework|hw|assignment|project|class|notes|report|thesis|deck|presentation|"
                r"valuation|spreadsheet|newsletter|video|podcast|blog|exam|quiz|school|uni|thread|post|friend|flyer|"
                r"column|meeting)s?\b",
                re.IGNORECASE,
            ),
            "for ",
        ),
        " ",
    ),
    # "distillation is when one ai system learns from another": what it means, not a date.
    # (Not "my question is when …": what is asked is when.)
    (
        Guarded(
            re.compile(
                r"(?<!question )(?<!thing )(?<!\bq )(?<!point )"
                r"\b(?:is|are|'s) (?:basically |just |like |literally )?when\b",
                re.IGNORECASE,
            ),
            "when",
        ),
        " means ",
    ),
    # "deepseek has been pretty low-key": kept a low profile (not "lowkey curious", the asker's hedge).
    (
        Guarded(
            re.compile(
                r"\b(been|was|is|stayed|kept|stay|keep|keeping|being|pretty|very|quite|super|fairly|relatively|so) "
                r"low[- ]key\b",
                re.IGNORECASE,
            ),
            "low",
        ),
        r"\1 quiet ",
    ),
    # "critics point to bias": what they say, not a word a fact must hold.
    (Guarded(re.compile(r"\b(?:point|points|pointed|pointing) to\b", re.IGNORECASE), "point"), " say "),
    # "which of the two articles mentions the 80 hours": which article, not a count of two.
    (
        Guarded(
            re.compile(r"\bwhich (?:one )?of the (?:two|2|both) (articles|pieces|sources|stories)\b", re.IGNORECASE),
            "which",
        ),
        " which article ",
    ),
    # "my name is bob, how much…": the asker introducing themselves, not a question about a name.
    (Guarded(re.compile(r"\b(?:my name(?:'s| is)|i am called|they call me) \w+", re.IGNORECASE), "name", "call"), " "),
    (
        Guarded(
            re.compile(
                r"\b(?:i'?m|i am|im) (?:kinda |pretty |very |super )?new "
                r"(?:here|to (?:this|the) (?:server|chat|discord|group|channel))\b",
                re.IGNORECASE,
            ),
            "new",
        ),
        " ",
    ),
    # "journal name?", "what's the founder's name", "name of the chip": which one, not whether it has a name.
    (
        Guarded(
            re.compile(
                rf"\b(?:(?:what|wat|whats)(?:'s| is| was| were)?\s+)?(?:the\s+)?names? of "
                rf"(?:the |that |this |their |its )?"
                rf"((?:(?:us|u\.s\.|american|chinese|china's|european|eu) )?(?:{_NAMED}))\b"
                rf"|\b(?:(?:what|wat|whats)(?:'s| is| was| were)?\s+)?(?:the\s+|their\s+|its\s+)?"
                rf"({_NAMED})(?:'s|s'|’s)? names?\b",
                re.IGNORECASE,
            ),
            "name",
        ),
        r" which \1\2 ",
    ),
    (Guarded(re.compile(r"\bset (?:\w+ ){0,2}back\b", re.IGNORECASE), "set"), " cost "),
    (Guarded(re.compile(r"\$\$+"), "$$"), " money "),
    (Guarded(re.compile(r"\bmy ass\b", re.IGNORECASE), "ass"), " not "),  # "export rules my ass": a denial
    (
        Guarded(
            re.compile(r"\bstraight up\b|\bfor real\b|\bno cap\b|\bfull stop\b|\btrust me\b", re.IGNORECASE),
            "straight",
            "real",
            "cap",
            "full stop",
            "trust",
        ),
        " ",
    ),
    (
        Guarded(re.compile(r"\bapples (?:to|and|with) (?:apples|oranges)\b", re.IGNORECASE), "apples"),
        " ",
    ),  # "compare apples to apples"
    # "all over the news since january": everywhere, against "kept a low profile".
    (
        Guarded(re.compile(r"\ball over the (?:news|press|headlines|media|internet)\b", re.IGNORECASE), "all over"),
        " everywhere ",
    ),
    # "who put their name on the nature paper": who authored it.
    (
        Guarded(
            re.compile(r"\b(?:put|puts|putting|signed) (?:their|his|her|its|a) names? (?:on|to)\b", re.IGNORECASE),
            "name",
        ),
        " authored ",
    ),
    # "the cost details came out in a peer-reviewed article": published there, not released.
    (
        Guarded(
            re.compile(
                r"\b(?:came|come|comes|coming) out in (?:a |an |the )?(?:[\w-]+ )?"
                r"(?:paper|article|journal|study|nature)\b",
                re.IGNORECASE,
            ),
            "out",
        ),
        " published in nature ",
    ),
    # "openai put out a statement slamming deepseek": issued one, which is commenting, not releasing anything.
    (
        Guarded(
            re.compile(
                r"\b(?:put|puts|putting|get|got|gets) out (?:a |an |any )?(statement|comment|response|reply)s?\b",
                re.IGNORECASE,
            ),
            "out",
        ),
        r"\1",
    ),
    # "they used mistral as the base for some distilled models": what they were made from, as "used … for" says.
    (Guarded(re.compile(r"\b(?:as (?:the|a|their) )?base(?: model)? for\b", re.IGNORECASE), "base"), " for "),
    # "elon musk": one person, named once.
    (Guarded(re.compile(r"\belon musk\b", re.IGNORECASE), "elon"), "musk"),
    # "who reported article two": which article, not a count of two (as "article 2" is no figure).
    (Guarded(re.compile(r"\b(article|piece|story|source|text) (?:one|two)\b", re.IGNORECASE), "one", "two"), r"\1"),
    # "the prep work was done on a100s": the preparatory phase, no work besides it.
    (Guarded(re.compile(r"\b(prep|preparatory|preparation) work\b", re.IGNORECASE), "work"), r"\1"),
    # "what month did the nature article come out": asked when a paper came out, when it was published.
    (
        Guarded(
            re.compile(r"\b(paper|article|study|piece|research)s? come out\b", re.IGNORECASE),
            "out",
        ),
        r" \1 published ",
    ),
    # "investors went all in on tech stocks": bought, against the sell-off (not "the all-in cost").
    (Guarded(re.compile(r"\b(?:went|go|goes|going|gone) all[- ]in(?: on)?\b", re.IGNORECASE), "all"), " bought "),
    # "openai came out swinging": attacked, not released.
    (Guarded(re.compile(r"\b(?:came|come|comes|coming) out swinging\b", re.IGNORECASE), "swinging"), " attacked "),
    (
        Guarded(
            re.compile(r"\b(?:put|came|come|comes|coming|got) (?:it |them |this |that )?out\b", re.IGNORECASE), "out"
        ),
        " release ",
    ),
    (
        Guarded(
            re.compile(r"\b(?:called|labeled|labelled|branded) (?:it|this|that|them)\b", re.IGNORECASE),
            "called",
            "label",
            "branded",
        ),
        " comment ",
    ),
    (
        Guarded(
            re.compile(r"\b(?:this|last|that) week\b|\b(?:the )?same day\b|\btoday\b|\byesterday\b", re.I),
            "week",
            "day",
        ),
        " ",
    ),
    (
        Guarded(re.compile(r"\b(\w+) and a (?:bit|half)\b", re.IGNORECASE), " and a "),
        r"about \1",
    ),  # "three and a bit days"
    (Guarded(re.compile(r"\b(\d+) (?:years?|yrs?) old\b", re.IGNORECASE), "old"), " age "),  # an age, not a duration
    # "100% on purpose": an intensifier, not a figure.
    (Guarded(re.compile(r"\b100\s*(?:%|percent)", re.IGNORECASE), "100"), " "),
    # Time as a figure of speech, not a duration: "this whole time", "at the time", "these days".
    (
        Guarded(
            re.compile(r"\b(?:this|the|that) whole time\b|\ball this time\b|\bat the time\b|\bthese days\b", re.I),
            "time",
            "these days",
        ),
        " ",
    ),
    (
        Guarded(re.compile(r"\b(?:went|gone|goes|going) viral\b|\bblew up\b", re.IGNORECASE), "viral", "blew"),
        " release ",
    ),
    (Guarded(re.compile(r"\b(?:is|was|are|were|been|be) credited (?:as|with)\b", re.IGNORECASE), "credited"), " is "),
    # "what the article says", "what does the paper say about v3": the articles speaking, not someone commenting.
    (
        Guarded(
            re.compile(
                r"\b((?:the |this |that |each |both |either )?(?:first |second |1st |2nd |other )?"
                r"(?:article|articles|paper|piece|story|text|report|source)s?) "
                r"(?:says?|said|states?|mentions?|tells?)\b",
                re.IGNORECASE,
            ),
            "say",
            "said",
            "state",
            "mention",
            "tell",
        ),
        r"\1",
    ),
    # "what did altman claim": what he said (a claim of his own, not an accusation).
    (
        Guarded(
            re.compile(r"\b(did|does|do|has|have) (\w+(?: \w+)?) (?:claim|state|assert|argue)\b", re.IGNORECASE),
            "claim",
            "state",
            "assert",
            "argue",
        ),
        r"\1 \2 say",
    ),
    # "did us officials play any role", "did the restrictions play a role in which chips": a cause.
    (
        Guarded(
            re.compile(r"\bplay(?:ed|s|ing)? (?:a |any |an |no |some )?(?:\w+ )?(?:role|part) in\b", re.IGNORECASE),
            "play",
        ),
        " reason ",
    ),
    # "did the us gov buy deepseek's numbers": believe them.
    (
        Guarded(
            re.compile(
                r"\bbuy(?:s|ing)?(?=(?:\s+[\w']+){0,2}\s+(?:numbers|claims?|story|figures?|excuse|account)\b)", re.I
            ),
            "buy",
        ),
        "accept",
    ),
    # "benefits vs risks per experts?": both sides asked for, not a comparison between them.
    (
        Guarded(
            re.compile(
                r"\b(upsides?|benefits?|pros|positives?|good side|plus side)\s+(?:vs\.?|versus|v)\s+"
                r"(downsides?|risks?|cons|negatives?|bad side|dangers?)\b",
                re.IGNORECASE,
            ),
            "vs",
            "versus",
            " v ",
        ),
        r"\1 and \2",
    ),
    # "where's deepseek been hiding since january": no place asked for, but its low profile.
    (
        Guarded(re.compile(r"\bwhere(?:'s|s| has| have| is| are)\s+(\w+)\s+been\s+(hiding|at)\b", re.I), "been"),
        r"has \1 been hiding",
    ),
    # "uncle sam just took their word on the costs": believed them.
    (
        Guarded(
            re.compile(
                r"\b(?:take|takes|took|taking|taken) (?:their|its|his|her|deepseek'?s|them at their) word\b", re.I
            ),
            "word",
        ),
        "believed",
    ),
    # "what is distillation in this context", "is llama open source, as the article puts it": framing only.
    (Guarded(re.compile(r"\bin (?:this|that|the) context\b", re.IGNORECASE), "context"), " "),
    (
        Guarded(
            re.compile(
                r",? as (?:the|this|that|each|either) (?:first |second )?(?:article|piece|paper|story|report)s? "
                r"(?:puts? it|says?|calls? it|describes? it|words? it)\b",
                re.IGNORECASE,
            ),
            " as ",
        ),
        " ",
    ),
    # "do the two reports agree on when …": what each says, asked as the question itself.
    (
        Guarded(
            re.compile(
                r"\b(?:do|did|does) (?:the )?(?:two |both )?(?:reports|articles|stories|pieces|sources) "
                r"(?:agree|disagree|match|line up)(?: on| about)?\b",
                re.IGNORECASE,
            ),
            "agree",
            "match",
            "line up",
        ),
        " ",
    ),
    # "what has deepseek been up to since january": what it has been doing, which is developing.
    (Guarded(re.compile(r"\bbeen up to\b", re.IGNORECASE), "been up to"), " been developing "),
    # "for the real training (not the prep part)": the phase set aside is not asked about.
    (
        Guarded(
            re.compile(
                r"\(?\b(?:and |but )?not (?:the |for |in |during )?(?:the )?(?:prep|preparatory|preparation|early)"
                r"(?: (?:part|phase|stage|work|stuff|bit))?\)?",
                re.IGNORECASE,
            ),
            "not",
        ),
        " ",
    ),
    # "…done on A100s I believe?": a hedge, not what is asked.
    (
        Guarded(
            re.compile(r"\bi (?:believe|reckon|guess|suppose|assume|think)\b", re.IGNORECASE),
            "believe",
            "reckon",
            "guess",
            "suppose",
            "assume",
            "think",
        ),
        " ",
    ),
    # The asker's own use of the model, which the articles never cover: "can i run r1 on my 4090", "is it free".
    (
        Guarded(
            re.compile(r"\bcan (?:i|we|u|you) (?:run|use|download|install|try|access|host)\b", re.IGNORECASE), "can "
        ),
        " install ",
    ),
    (Guarded(re.compile(r"\bfree to use\b|\bfree of charge\b|\bfor free\b", re.IGNORECASE), "free"), " pricing "),
    # Where the asker read it, not what they ask: "the bill for r1 according to the paper", "per the
    # background bit", "in the second article". ("what was in the paper" keeps its paper.)
    (
        re.compile(
            rf"\b(?:ac+ording to|accroding to|acc(?:\.)? to|per) (?:the |that |this )?(?:{_ORDINAL} )?{_WRITING}\b"
            rf"|\b(?:in|from|by) (?:the |that |this )?{_ORDINAL} {_WRITING}\b"
            # "what month does the first article give": the article is who says it, not what is asked.
            rf"|\b(?:the |that |this )?(?:first|second|1st|2nd|other) (?:article|piece|one|text|story|report)s? "
            r"(?=(?:says?|said|gives?|give|mentions?|mention|lists?|list|uses?|use|calls?|call|puts?|put|reports?)\b)",
            re.IGNORECASE,
        ),
        " ",
    ),
)
COUNTRY_US = re.compile(r"\bU\.S\.(?:A\.)?|\bUS\b|\bUSA\b")
COUNTRY_US_LOWER = re.compile(
    r"\bus (?=(?:officials?|government|gov|govt|export|exports|rivals?|companies|company|labs?|firms?|market|tech|"
    r"based|side|restrictions|sanctions|administration|lawmakers|regulators|startups?|developers?|models|ai|chips?|china|"
    r"and china|vs|versus|commerce|department|congress|senate|treasury|president|military|or chin(?:a|ese))\b)"
    # "us or chinese", "china or us?": a country set against another.
    r"|(?<=\bchina or )us\b|(?<=\bchinese or )us\b",
    re.IGNORECASE,
)
# Words that say what kind of answer is wanted ("what date", "exact figure"), read by `kind_of`.
FRAME = frozenset("date year month exact exactly precise specific".split())
DETERMINERS = frozenset("the a an my your their its his her our this that these those of".split())
# A figure's dimension, as a concept word: "$20M" is about money whatever words surround it.
FIGURE_CONCEPTS = {"money": "cost", "duration": "hours"}
# "nvidia lost 600B", "how much market value got wiped out, like a trillion": market value, not anything's cost.
MARKET_LOSS = re.compile(
    r"\b(?:lost|lose|loses|losing|shed|sheds|erased|tanked)(?:\W+(?:like|about|around|over|almost|nearly))?\W*$"
    r"|\b(?:wiped|market ?(?:value|cap)|valuation)\b",
    re.IGNORECASE,
)


@dataclass
class Vocabulary:
    """The words the facts use, with an index for repairing typos; rebuilt when the facts change.

    Typos are found through an index of single deletions (the SymSpell idea):
    two words within an edit or two share a deletion, so a lookup touches a
    handful of candidates instead of the whole vocabulary.
    """

    words: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    synonyms: dict[str, frozenset[str]] = field(default_factory=dict)
    deletes: dict[str, set[str]] = field(default_factory=dict)
    corrections: dict[str, str | None] = field(default_factory=dict)
    longest: int = 0
    lexicon: set[str] = field(default_factory=set)
    common: frozenset[str] = frozenset()  # common English words near a known one: never "repaired"

    @classmethod
    def from_texts(cls, texts: list[str]) -> Vocabulary:
        vocab = cls()
        for text in texts:
            vocab.words.update(words(text))
        for group in SYNONYM_GROUPS:
            for word in group:
                vocab.synonyms[word] = group
        vocab.words -= STOPWORDS
        vocab.stems = {stem(word) for word in vocab.words}
        # Typos are repaired only into words the facts use or names of things: the lexicon's slang
        # ("tanked") would otherwise turn ordinary words ("talked") into story words.
        names = {name for members in ENTITY_CLASSES.values() for name in members}
        # Words the lexicon knows ("quit", "funds") are read as themselves, never "repaired" into a story word.
        vocab.lexicon = (
            names | set(vocab.synonyms) | OFF_STORY | {w for pair in ANTONYMS for side in pair for w in side}
        )
        for word in vocab.words | names:
            if len(word) >= 3 and word not in STOPWORDS:
                for key in deletions(word) | {word}:
                    vocab.deletes.setdefault(key, set()).add(word)
                vocab.longest = max(vocab.longest, len(word))
        vocab.common = near_common_words(frozenset(vocab.deletes), vocab.longest)
        return vocab

    def knows(self, word: str) -> bool:
        return word in self.words or stem(word) in self.stems

    def correct(self, word: str) -> str | None:
        """The closest known word: look-alike digits, one edit, or two in long words.

        Short words get only transpositions and a dropped letter ("cots" → "cost",
        "chps" → "chips") because one substitution turns too many real words
        into others ("dead" → "head"). Words longer than any known word plus
        two are never compared: no typo makes a word that long, and the work
        would grow with the word.
        """
        if word in self.corrections:
            return self.corrections[word]
        if word in self.lexicon or word in self.common:
            return None  # "word", "write", "sent": real words, not typos of "world", "wrote", "spent"
        fixed = None
        if any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word):
            # "h8oo", "a1oo": letters that look like the digits around them; "h80": a digit dropped.
            lookalike = word.translate(LOOKALIKES)
            if lookalike != word and self.knows(lookalike):
                fixed = lookalike
            elif len(word) >= 3:
                near = [c for c in self.deletes.get(word, ()) if any(ch.isdigit() for ch in c) and c[0] == word[0]]
                fixed = min(near) if len(near) == 1 else None
        elif 3 <= len(word) <= self.longest + 2 and word.isalpha():
            limit = 1 if len(word) < 8 else 2
            keys = deletions(word) | {word}
            if limit == 2:
                keys |= {deeper for key in deletions(word) for deeper in deletions(key)}
            candidates = {candidate for key in keys for candidate in self.deletes.get(key, ())}
            best: list[tuple[int, int, str]] = []
            for candidate in candidates:
                if len(word) <= 4 and not _short_edit(word, candidate):
                    continue
                distance = edit_distance(word, candidate, limit)
                if distance <= limit:
                    # Prefer the same first letter: typos rarely hit it.
                    best.append((distance, candidate[0] != word[0], candidate))
            if best:
                fixed = min(best)[2]
        if len(self.corrections) < 100_000:  # a bound, against a flood of random words
            self.corrections[word] = fixed
        return fixed


@functools.lru_cache(maxsize=4)  # by the typo index: the same facts' words, the same answer (tests build many)
def near_common_words(index: frozenset[str], longest: int) -> frozenset[str]:
    """Of the 25,000 common English words, those sharing a key of the typo index with a known word: the only
    ones a repair could reach, and all this process keeps of the dictionary (memory)."""
    return frozenset(word for word in common_english() if _reaches(word, index, longest))


def _reaches(word: str, index: frozenset[str], longest: int) -> bool:
    """Does `word` share a key of the typo index (the keys `Vocabulary.correct` looks up)?"""
    size = len(word)
    if size > longest + 2:
        return False
    if word in index or any(word[:i] + word[i + 1 :] in index for i in range(size)):
        return True
    if size < 8:
        return False
    # Two deletions, each pair once, without building the sets (25,000 words at every rebuild).
    for i in range(size):
        once = word[:i] + word[i + 1 :]
        if any(once[:j] + once[j + 1 :] in index for j in range(i, size - 1)):
            return True
    return False


LOOKALIKES = str.maketrans({"o": "0", "O": "0", "l": "1", "i": "1", "I": "1"})


def _short_edit(word: str, candidate: str) -> bool:
    """For short words: only a swapped pair or one missing letter counts as a typo."""
    if len(candidate) == len(word):
        return sorted(candidate) == sorted(word)
    return len(candidate) == len(word) + 1 and word in deletions(candidate)


def deletions(word: str) -> set[str]:
    """Every string one deleted character away (the keys of the typo index)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, giving up early past `limit` (typos are short)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


# -- parts of a message ----------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    text: str
    question: bool


# (Not after "u.s." or "e.g.": "which u.s. rivals gave estimates" is one sentence.)
ABBREVIATED = r"(?<!\b[uU]\.[sS]\.)(?<!\b[uU]\.[kK]\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\bVs\.)"
# An emoji ends a sentence in chat as a full stop does ("… training their model 💀 what was the number").
# (">>>" and ">" between spaces: Discord's quote marks, typed in the middle of a pasted message.)
SENTENCE = re.compile(rf"(?<=[?!.;\n]){ABBREVIATED}\s+|\n+|\s+[\U0001F300-\U0001FAFF\u2600-\u27BF]+\s+|\s+>{{1,3}}\s+")
# "... and where did the paper ...", "... , what about the chips": a second question starts here.
JOIN = re.compile(
    r"\s*(?:,|\band\b|&|\+|\bplus\b|\balso\b|\bthen\b|\b\d\))+\s+(?=(?:(?:for|in|on|at|by|to|about|with|since)\s+)?"
    r"(?:if (?:so|not|yes|no)\b,?\s*)?"  # "has deepseek gone dark and if so is it still working on anything"
    # (Not ", which i assumed was about whiskey": "which" with a subject after it tells, it doesn't ask.)
    r"(?:what|whats|who|whom|whose|when|where|why|how|which(?!\s+(?:i|we|he|she|they|my|our)\b)|"
    r"did|does|do|is|are|was|were|has|have|can|could|will|would)\b)",
    re.IGNORECASE,
)
ELLIPSIS = re.compile(r"^(what|which)(?=\s+(?:in|for|on|at|about|during|of|was|were|did)\b)", re.IGNORECASE)
# (Not "what about google …, what did their models cost": "about" is no noun to carry over.)
NOUN_AFTER_WH = re.compile(
    r"^(what|which)\s+(?!(?:type|kind|sort|about|if|is|are|was|were|did|do|does|the|an|in|for|on|of|to)\b)(\w{2,})\b(?!\.)",
    re.IGNORECASE,
)
WHICH_MEMBERS = re.compile(
    r"^(?:\w+ )?(?:which|what (?:specific|particular|exact))\s+(?:(?:particular|specific|exact|us|u s|tech|"
    r"big|other|chinese|american)\s+)*(stocks|shares|governments|agencies|firms|banks|funds|outlets|universities|"
    r"regulators|lawmakers|senators|statements|websites|sites|numbers|figures)\b"
)
PHYSICAL_SITE = re.compile(
    r"\bphysically\b|\bdata ?cent(?:er|re)s?\b|\bdatacent(?:er|re)s?\b|\bserver farm\b"
    # "where was r1 trained": where the work was done, not where it was told (no reporting verb between).
    r"|\bwhere\b(?:\s+(?!(?:say|said|says|mention\w*|report\w*|writ\w*|wrote|publish\w*|read|disclos\w*)\b)\w+){0,4}?"
    r"\s+(?:trained|train|built|developed|made|hosted|ran)\b"
)
REFINES = frozenset(
    "names name pls plz please details detail specifics specifically exactly source sources link links proof "
    "numbers number figures exact".split()
)
SETS_ASIDE = re.compile(r"^(?:besides|other than|apart from|aside from|except(?: for)?)\b", re.IGNORECASE)
# "with the 294k, how much was electricity": what the question after it is asked of, not a part of its own.
SETTING = re.compile(
    # ("what about openai, what did they say": the party the question after it is asked of.)
    r"(?:so |ok |and )?(?:with|(?:what |how )?about|regarding|re|given|as for|speaking of|on|for) "
    r"(?:the |that |those |this )?"
    r"[\w$',.-]+(?: [\w$',.-]+)?",
    re.IGNORECASE,
)
# "the a100s, what were they for": a message opening on its topic (not an item of a list: "the journal + the
# chip model + how many chips").
TOPIC_FIRST = re.compile(r"(?:so |ok |and )?(?:the|that|those) [\w$',.-]+(?: [\w$',.-]+)?", re.IGNORECASE)
TOPIC_PHRASE = re.compile(r"(?:so |ok |and )?(?:the|that|those) [\w$',.-]+(?: [\w$',.-]+){1,5}", re.IGNORECASE)
# ("what did it spend", "was that v3 or r1" read better on their own: only a figure asked of the topic before.)
POINTS_BACK = re.compile(r"how (?:much|many|long)\b.*\b(?:that|it|this|they|them|those)\b", re.IGNORECASE)
SIDES_ONLY = re.compile(r"[\w'-]+(?: [\w'-]+)? (?:vs\.?|versus) [\w'-]+(?: [\w'-]+)?", re.IGNORECASE)
ANNOUNCES = re.compile(
    r"(?:(?:hey|yo|ok|okay|so|quick|also|pls|please|i|have|got|need|ask|a|of|few|couple|two|three|2|3|things|"
    r"questions|qs|q)\b[\s,:!]*)+",
    re.IGNORECASE,
)
# "pls answer both:", "ok i need three things for my notes:": what the asker says about the questions.
ASKING_HEAD = re.compile(
    r"^[^:?]{0,60}\b(?:both|things|questions|qs|q'?s|q’s|notes|couple|few|answer|assignment|homework|essay|project|"
    r"presentation|quiz|exam|class)\b[^:?]{0,30}:\s*(?=\S)",
    re.IGNORECASE,
)
TOPIC_DASH = re.compile(r"\s+[-–—]\s+|:\s+")
# (Not the comma of a figure: "it cost 29,400 dollars right" is one question.)
LIST_SPLIT = re.compile(r"\s*,(?!(?<=\d,)\d{3}(?!\d))\s*(?:and\s+)?|\s+(?:and|&|plus)\s+|\s*\+\s*", re.IGNORECASE)
# "(1) the journal, (2) the chip model, (3) how many chips": numbered items, each its own question.
NUMBERED = re.compile(r"[,;]?\s*\(?\b\d\)\s*")


# "my kid asked what 'distilling' an ai means": a question asked on someone's behalf, theirs to answer.
_BEHALF = (
    r"my (?:kids?|son|daughter|teen|wife|husband|mom|mum|dad|friend|buddy|boss|teacher|grand\w*|nephew|niece)"
    r" (?:just )?(?:asked(?: me)?|wants to know|wanted to know|was asking(?: me)?|keeps asking(?: me)?)"
)
BEHALF = re.compile(r"^(?:(?:so|ok|okay|hey|hi|well)\W+)*" + _BEHALF + r"\b\W*", re.IGNORECASE)

# Where a long sentence turns to its question: "… but the one thing i need to know is what …", "… so before
# i embarrass myself: which exact chip …". What comes before is the story around it.
QUESTION_LEAD = re.compile(
    r"\b(?:(?:the )?(?:one |only |main |real )?(?:thing|question) i (?:need|want|wanna) (?:to know|answered)?\s*is"
    r"|(?:all )?i (?:need|want|wanna) to know is|i (?:just )?(?:need|want|wanna) to know|my (?:question|q) is"
    r"|(?:can|could) (?:someone|somebody|anyone|u|you) (?:just |pls |please )?(?:tell me|confirm|explain|remind me)"
    r"|(?:pls|please) (?:just )?(?:tell me|confirm|remind me)"
    r"|" + _BEHALF + r")\b\s*"
    r"|[:—–]\s+(?=(?:what|whats|which|who|when|where|why|how|is|are|was|were|did|does|do|can)\b)",
    re.IGNORECASE,
)
# How to answer, said apart from the question: "one word pls", "short answer please", "yes or no".
FORMAT_ONLY = re.compile(
    r"(?:(?:in|just|only|pls|plz|please|answer|give me|gimme)\s+)*"
    r"(?:(?:one|1|a single|a|two|2)\s+(?:word|sentence|line)s?|short answer|quick answer|yes or no|y/n)"
    r"(?:\s+(?:pls|plz|please|only|max|answer|tho|thx|thanks))*",
    re.IGNORECASE,
)
REFINING = re.compile(r"(?:like|i mean|as in|ie|i\.e\.|meaning)\b(?!\s+(?:i|im|i'm|we|it|this|that)\b)", re.I)
TELL_ME = re.compile(
    r"\b(?:(?:just|pls|please|now)\s+)?(?:tell|show|remind) me\s+(?=(?:what|whats|how|who|when|where|why|which)\b)",
    re.IGNORECASE,
)
ENABLING = frozenset(
    "let lets made makes allowed allows enabled enables helped helps drove drives caused causes "
    "triggered triggers sparked sparks prompted prompts".split()
)
SETTING_OFF = (["set", "off"], ["kicked", "off"], ["sets", "off"])  # "what set off the sell off": its cause
VERSION_CHOICE = re.compile(r"\b([a-z]+)[ -]?\d+(?:\.\d+)?\s+or\s+(?:\1[ -]?)?\d+(?:\.\d+)?\b")
KIND_OF_MODEL = re.compile(r"\b(?:(?:type|kind|sort)s? of|kinda|sorta) (?:\w+ )?models?\b")
LONG_SENTENCE = 20  # words: a sentence this long may hold its question near the end
# "… but if the nature paper is right what did r1 actually cost": a question begun late in a long sentence
# with no mark to lead to it. The last one is the question.
LATE_QUESTION = re.compile(
    r"(?<=[\w,])\s+((?:what|whats|how much|how many|how long|who|when|where|which|why)\s+"
    r"(?:did|does|do|was|were|is|are|has|have|had)\b)",
    re.IGNORECASE,
)


def segments(text: str) -> list[Segment]:
    """Sentences, each marked as a question or as context."""
    found = []
    for piece in SENTENCE.split(text):
        piece = piece.strip(" \t.;")
        if not piece or FORMAT_ONLY.fullmatch(piece.rstrip("?!")):
            continue  # ("cheaper or pricier than the us models. one word pls": how to answer, not what.)
        if found and found[-1].question and REFINING.match(piece):
            # "exact date of the nature paper? like day and month": the question said again more closely.
            found[-1] = Segment(f"{found[-1].text.rstrip('?')}, {piece}", True)
            continue
        behalf = BEHALF.match(piece) if "my " in piece.lower() else None
        if behalf is not None and _asks_at_start(piece[behalf.end() :]):
            piece = piece[behalf.end() :]
        turn = _turn(piece)
        aside = ASKER_ASIDE.search(piece) if turn is None else None
        # (Not "explain it like im 5: what is distillation": the question comes after the aside.)
        if aside is not None and _asks_at_start(piece[: aside.start()]) and not is_question(piece[aside.end() :]):
            # "who's sam altman, sorry, i'm new to all these names": the asker about themselves, after the question.
            found += [Segment(piece[: aside.start()].strip(" ,"), True), Segment(piece[aside.end() :].strip(), False)]
            continue
        if turn is None:
            found.append(Segment(piece, is_question(piece)))
            continue
        before, after = piece[: turn[0]].strip(" ,"), piece[turn[1] :].strip()
        if before:
            found.append(Segment(before, False))
        found.append(Segment(after, True))
    return found


def _turn(piece: str) -> tuple[int, int] | None:
    """Where a sentence turns from the story around its question to the question: (where the story ends,
    where the question starts), or None when it doesn't."""
    told = TELL_ME.search(piece)
    if told is not None and told.start() > 0 and not is_question(piece[: told.start()]):
        return told.start(), told.end()  # "roll a d20 and tell me what r1 cost to train"
    if len(words(piece)) >= LONG_SENTENCE:
        # The last lead: "i just wanna know one thing bc my cousin keeps saying it: who wrote …" asks after the colon.
        leads = [m for m in QUESTION_LEAD.finditer(piece) if m.start() > 0 and piece[m.end() :].strip()]
        if leads:
            return leads[-1].start(), leads[-1].end()
        late = [m for m in LATE_QUESTION.finditer(piece) if _late_question(piece[: m.start()], piece[m.start(1) :])]
        if late and not is_question(piece[: late[-1].start()]):
            return late[-1].start(), late[-1].start(1)
    head, colon, tail = piece.partition(":")
    framed = colon and (bool(set(words(head)) & ASKER) or bool(POLITE_HEAD.match(head)))
    if framed and tail.strip() and _asks_set(tail) and not _asks_at_start(head):
        # "so before i embarrass myself: which exact chip …": the asker before the colon frames the question
        # (where "v3 data: where from" names its topic there).
        return len(head), len(head) + 1
    return None


# "Kindly indulge an old cellar master: in which publication …", "a small matter of vintage, if you will: …".
POLITE_HEAD = re.compile(
    r"^\W*(?:kindly|pardon|forgive|excuse|indulge|humou?r|a (?:small|quick|little) (?:matter|question|query)|"
    r"quick (?:q|qs|question)|(?:one )?(?:more )?question|if (?:i|one) may|sorry|please|pls)\b",
    re.IGNORECASE,
)


def _asks_set(text: str) -> bool:
    """Does the text ask at its start, perhaps after saying what of ("with the 294k, how much was …")?"""
    setting, comma, rest = text.partition(",")
    return _asks_at_start(text) or bool(comma and SETTING.fullmatch(setting.strip()) and _asks_at_start(rest))


def _late_question(before: str, asked: str) -> bool:
    """Does a question start here, after the words `before` it ("my uncle who has been trading" is no question)?"""
    said, asking = words(before), words(asked)
    if len(said) < 3:
        return False
    # "wednesday, which is it" asks; "my uncle who has been trading" tells who he is.
    relative = asking[0] in RELATIVE and said[-1] not in STOPWORDS and asking[2:3] != ["it"]
    return not relative and said[-1] not in TOLD_BEFORE


def _opening(text: str) -> list[str]:
    """The words from where the sentence starts asking: "also has openai …" from "has"."""
    return list(itertools.dropwhile(lambda word: word in JOINING, words(text)))


ASKING_VERBS = frozenset("explain eli5 define describe".split())


def _asks_at_start(text: str) -> bool:
    found = _opening(text)
    if found[1:] and found[0] in LEADING_PREPOSITIONS:
        found = found[1:]  # "in which publication …", "on what date …"
    return bool(found) and (found[0] in WH or found[0] in AUX or found[0] in ASKING_VERBS)


LEADING_PREPOSITIONS = frozenset("in on at for from by to with of during".split())


TOLD_BEFORE = frozenset("back remember remembered even thats that's".split())
RELATIVE = frozenset("who which whose".split())
# Words that make a phrase a clause, not a noun phrase ("what they used and how long it took").
TRAILING = re.compile(r"\b(?:of|for|in|about|with|behind)\b.*$", re.IGNORECASE)
VERBISH = frozenset("they it he she we you used did does do was were is are took take said say between both".split())
LETTERED = re.compile(r"(?:^|\s)\(?[a-e]\)\s")
TIME_CLAUSE = frozenset("when where once".split())
REASON_ASKED = re.compile(r"\b(?:the|what(?:'s| is| was)?|whats) reasons? (?:why |that |for |behind )?", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r"[,:]")
ASKER = frozenset("i im me my myself we our as".split())
# A remark of the asker's on themselves, after a comma, closing a question: ", sorry, i'm new to this".
ASKER_ASIDE = re.compile(
    # ("eli5 distillation pls im on hour 11": a "please" ends the question as a comma does.)
    # ("explain distillation like im a nurse on hour 11": how the asker wants it put, not what is asked.)
    r"(?:,|\s(?:pls|plz|please|thx|thanks|ty)\b,?|\s(?:like|as if|as though)(?=\s+(?:i'?m|i am)\b))\s*(?:sorry,?\s*)?"
    r"(?=(?:i'?m|i am|i'?ve|i have|i was|i just|my (?:grand\w*|kids?|son|daughter|wife|husband)"
    r"|(?:he|she) (?:says|said|thinks|reckons)"  # ", he says his gaming pc has one": theirs, not asked
    r"|my \w+ (?:is|was|keeps|has|said|says))\b"  # ", my memory is like a lofi sampler"
    r"(?![^?]*\?))",
    re.IGNORECASE,
)
JOINING = frozenset("also and so ok okay but plus btw oh then anyway lastly finally".split())


def is_question(text: str) -> bool:
    if "?" in text:
        return True
    # "also has openai ever dropped real numbers": a question after a word that only joins it on.
    found = _opening(text) or words(text)
    if not found:
        return False
    if found[0] in WH or found[0] in AUX or "pls" in found or "plz" in found or "please" in found:
        return True
    if text.lower().rstrip(" .!").endswith(("or nah", "or not")):
        return True
    # "back when deepseek first made headlines i …": a time told, not asked; "my uncle who has been
    # trading …": who he is, not a question.
    if any(
        word in WH
        and not (i and found[i - 1] in TOLD_BEFORE)
        and not (i and word in RELATIVE and found[i - 1] not in STOPWORDS)
        for i, word in enumerate(found[:4])
    ):
        return True
    # "and while im here, is it true it was …", "so before i embarrass myself: which chip …": a clause after a
    # comma or a colon can start the question.
    return any(
        clause and (clause[0] in AUX or (clause[0] in WH and not _telling_which(clause)))
        for clause in (words(c) for c in CLAUSE_BREAK.split(text)[1:])
    )


def _telling_which(clause: list[str]) -> bool:
    """ "…, which i assumed was about whiskey": a clause telling more of the thing before, not a question."""
    return clause[0] == "which" and clause[1:2] in (["i"], ["we"], ["he"], ["she"], ["they"], ["my"], ["our"])


# "true or false: r1 cost 294 million", "T/F - …": a statement asked back, not a choice of "true" or "false".
TRUE_OR_FALSE = re.compile(
    r"^\s*(?:quiz\s*(?:q(?:uestion)?)?\s*:?\s*)?(?:true\s*(?:or|/)\s*false|t\s*/\s*f)\s*\??\s*[:\-–—]?\s*",
    re.IGNORECASE,
)


def asked_back(text: str) -> str:
    """ "true or false: X" as "X, right?": read (and its premise checked) as a statement asked back."""
    rest = TRUE_OR_FALSE.sub("", text, count=1)
    return text if rest == text or not rest.strip() else f"{rest.rstrip(' ?.!')} right?"


def parts(text: str) -> list[str]:
    """The separate questions in one message, at most three; one item when it asks one thing."""
    pieces: list[str] = []
    text = ASKING_HEAD.sub("", text)
    found = segments(text)
    asking = [segment for segment in found if segment.question] or found  # "cost, chips, hours. go"
    for segment in asking:
        numbered = [item for item in NUMBERED.split(segment.text) if item.strip(" ,.?")]
        clauses = numbered if len(numbered) >= 2 else JOIN.split(segment.text)
        for clause in clauses:
            clause = clause.strip(" ,?")
            if not clause:
                continue
            pieces += _noun_list(clause) if (shared := _shared_head(clause)) is None else shared
    # "which us officials were questioning deepseek? names pls", "which wednesday tho, like what date": a
    # request about the part before, not a part; "besides liang wenfeng, who else …" sets aside for the next.
    for i in range(len(pieces) - 1, 0, -1):
        found = words(pieces[i])
        if (
            found and (set(found) <= REFINES or found[0] == "like" or ASKS_MORE_CLOSELY.fullmatch(pieces[i]))
        ) or SETS_ASIDE.match(pieces[i - 1]):
            pieces[i - 1 : i + 1] = [f"{pieces[i - 1]}, {pieces[i]}"]
    # "a100 vs h800, which did the actual training run": the sides set out belong to the question after them.
    for i in range(len(pieces) - 1, 0, -1):
        opening = (len(pieces) == 2 and TOPIC_FIRST.fullmatch(pieces[0])) or (
            # "and the prep phase on the a100s, how much did that cost": what "that" points back to.
            TOPIC_PHRASE.fullmatch(pieces[i - 1]) and POINTS_BACK.match(pieces[i]) and not asks(pieces[i - 1])
        )
        if (SIDES_ONLY.fullmatch(pieces[i - 1]) or SETTING.fullmatch(pieces[i - 1]) or opening) and asks(pieces[i]):
            pieces[i - 1 : i + 1] = [f"{pieces[i - 1]}, {pieces[i]}"]
    # "what chips in the prep phase and what in the main run": the second "what" means "what chips".
    for i in range(1, len(pieces)):
        head = ELLIPSIS.match(pieces[i])
        before = NOUN_AFTER_WH.match(pieces[i - 1])
        if head and before:
            pieces[i] = f"{head.group(1)} {before.group(2)} {pieces[i][head.end(1) :].strip()}"
    # A piece needs something to ask about, or a question word to lean on the rest ("when did he say it");
    # "hey so two things" only says how many questions follow.
    pieces = [piece for piece in pieces if (_content(piece) or asks(piece)) and not ANNOUNCES.fullmatch(piece)]
    if len(pieces) > MAX_PARTS:
        asking_pieces = [piece for piece in pieces if asks(piece)]
        pieces = asking_pieces if len(asking_pieces) >= 2 else pieces
    return pieces[:MAX_PARTS] if len(pieces) > 1 else [text]


# "when did altman say it, which month": the question before, asked more closely, not a part of its own.
ASKS_MORE_CLOSELY = re.compile(
    r"(?:(?:like|but|ok|so)\s+)?(?:which|what|wat)\s+(?:exact\s+)?(?:month|day|date|year|week|weekday)"
    r"(?:\s+(?:exactly|tho|though|pls|please|specifically))?\W*",
    re.IGNORECASE,
)


ALTERNATIVE = re.compile(
    r"\s*,?\s+or\s+(?=(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would)\b)", re.IGNORECASE
)


# A pronoun a later part uses, and the kinds of thing it can stand for. ("it" is no chip: in "how long did the
# a100 prep phase run and what did it cost" it is the phase.)
PRONOUN_CLASSES = {
    "he": ("person",),
    "him": ("person",),
    "she": ("person",),
    "it": ("model",),
    # "meta must be thrilled about the llama thing, what did they say": the one company named before.
    "they": ("company",),
    "them": ("company",),
}
# What else the part itself may name for its pronoun to stand for: "did openai share its own figures".
OWN_REFERENTS = {"person": ("person",), "model": ("model", "company"), "company": ("company",)}
POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they"}
PRONOUN = re.compile(r"\b(he|him|his|she|her|it|its|they|them|their)\b", re.IGNORECASE)


def resolve_pronouns(piece: str, before: str) -> str:
    """ "who is altman and what did he say": a pronoun in a later part as the one person (or, for "it", the one
    model) the part before names; left as it is when that part names none or several, or the part names its own."""
    named = _named(before)
    own = _named(piece)

    def named_for(match: re.Match[str]) -> str:
        said = match.group(1).lower()
        kinds = PRONOUN_CLASSES[POSSESSIVES.get(said, said)]
        found = {name for kind in kinds for name in named.get(kind, ())}
        if not found and said in ("they", "them") and not any(kind in own for kind in ("company", "chip")):
            # "where did they admit the a100s and what were they used for": no company before, the chips named
            # in the plural are "they".
            found = {w[:-1] for w in words(before) if w.endswith("s") and entity_class(w[:-1]) == "chip"}
            if len(found) == 1:
                return f"the {next(iter(found))}s"
        if len(found) != 1 or any(other in own for kind in kinds for other in OWN_REFERENTS[kind]):
            return match.group(0)
        (name,) = found
        return f"{name}'s" if said in POSSESSIVES else name

    return PRONOUN.sub(named_for, piece)


def _named(text: str) -> dict[str, set[str]]:
    """The things a text names, by kind: {"person": {"altman"}}."""
    named: dict[str, set[str]] = {}
    for word in words(text):
        kind = entity_class(word)
        if kind is not None:
            named.setdefault(kind, set()).add(PERSON_NAMES.get(word, word))
    return named


def alternatives(text: str) -> list[str]:
    """ "is deepseek still building stuff or did they ghost" → both questions; [] when it offers no choice."""
    before = ""
    if not asks(text):
        # "listen i just wanna know one thing: who wrote the paper, was the founder involved or was it some
        # random team": the choice is in the question the sentence turns to; the story before stays with it.
        turn = _turn(text)
        if turn is None or not asks(text[turn[1] :]):
            return []
        before, text = text[: turn[1]], text[turn[1] :]
    pieces = [piece.strip(" ,?") for piece in ALTERNATIVE.split(text)]
    pieces[0] = before + pieces[0]
    pieces = [piece for piece in pieces if _content(piece)]
    return pieces[:MAX_PARTS] if len(pieces) > 1 else []


def asks(text: str) -> bool:
    """Starts like a question: a question word or a verb asking yes or no."""
    found = words(text)
    if len(found) > 1 and found[0] in TIME_CLAUSE and found[1] not in AUX and "?" not in text and "," in text:
        # "when deepseek's cheap ai came out, investors dumped tech stocks": a time told, then a statement.
        after = words(text.split(",", 1)[1])
        if after and after[0] not in AUX and after[0] not in WH and after[0] not in ("and", "or"):
            return False
    # ("lmao who's still holding nvda after this": chat filler before the question word.)
    while len(found) > 1 and found[0] in FILLER:
        found = found[1:]
    return bool(found) and (found[0] in WH or found[0] in AUX)


# "pros and cons of cheap training", "risks and benefits": one pair, asked whole (of one thing).
_GOOD = r"(?:pros|upsides?|benefits?|advantages?|positives?|good)"
_BAD = r"(?:cons|downsides?|risks?|disadvantages?|negatives?|bad)"
OPPOSED_PAIR = re.compile(rf"\b(?:{_GOOD}\s*(?:and|&|\+|/|n)\s*{_BAD}|{_BAD}\s*(?:and|&|\+|/|n)\s*{_GOOD})\b", re.I)


def _noun_list(clause: str) -> list[str]:
    """ "cost, chips and run length pls" → three parts; a clause with a question word stays whole."""
    found = words(clause)
    if any(word in WH or word in AUX for word in found) or OPPOSED_PAIR.search(clause):
        return [clause]
    # "deepseeks r1 training - chips, cost": a topic, then the things asked of it, each asked of the topic.
    dash = TOPIC_DASH.search(clause)
    topic, rest = (clause[: dash.start()], clause[dash.end() :]) if dash else ("", clause)
    if not _content(topic) or len(_content(topic)) > 4:
        topic, rest = "", clause
    # ("cost + chip + journal, go": a last word of filler is no item.)
    items = [item.strip() for item in LIST_SPLIT.split(rest) if item.strip()]
    if len(items) > 2 and not _content(items[-1]):
        items = items[:-1]
    if len(items) < 2 or any(len(_content(item)) > 3 for item in items) or any(not _content(i) for i in items):
        return [clause]
    return [f"{topic.strip()} {item}" for item in items] if topic else items


SHARED_HEAD = re.compile(
    r"^((?:so |ok |and )?(?:what(?:'s| is| are| was| were)|whats|wats?|tell me|give me|gimme))\s+"
    r"(.+?)\s+(?:and|&|plus)\s+(.+)$",
    re.IGNORECASE,
)


def _shared_head(clause: str) -> list[str] | None:
    """ "what's the cost and the chip count": two short noun phrases after one "what's", each its own question."""
    found = SHARED_HEAD.match(clause)
    if found is None:
        return None
    head, first, second = found.groups()
    sides = [words(first), words(second)]
    if any(not side or len(side) > 5 or set(side) & (WH | AUX | VERBISH) for side in sides):
        return None  # "what is distillation and why does deepseek like it": a clause, split elsewhere
    if sides[1][0] not in DETERMINERS and (len(sides[1]) < 2 or TRAILING.search(second)):
        return None  # "the pros and cons of cheap training", "the risks and benefits": one pair, asked whole
    return [f"{head} {first}", f"{head} {second}"]


def _content(text: str) -> list[str]:
    return [word for word in words(text) if word not in STOPWORDS]


# -- countries things belong to ----------------------------------------------------


MARKET_NOUNS = {
    **dict.fromkeys("market markets version versions".split(), "market"),
    **dict.fromkeys("government gov officials regulators administration lawmakers".split(), "government"),
    **dict.fromkeys("developer company startup firm lab".split(), "company"),
    # ("us companies spent way more": companies of a country, as a group, not DeepSeek's country mistaken.)
    **dict.fromkeys("developers companies startups firms labs".split(), "companies"),
    **dict.fromkeys("rivals rival competitors".split(), "rivals"),
    **dict.fromkeys("restrictions restriction rules controls sanctions".split(), "restrictions"),
}
MARKET_GROUPS = {
    **dict.fromkeys("chinese china beijing".split(), "china"),
    **dict.fromkeys([*"american america us usa u.s.".split(), "silicon valley"], "us"),
    **dict.fromkeys("european europe eu".split(), "europe"),
    # Countries the articles never name, so that "a south korean startup" is held against "a Chinese developer".
    **dict.fromkeys("japanese japan".split(), "japan"),
    **dict.fromkeys("korean korea".split(), "korea"),
    **dict.fromkeys("indian india".split(), "india"),
    **dict.fromkeys("taiwanese taiwan".split(), "taiwan"),
    **dict.fromkeys("british britain uk".split(), "uk"),
    **dict.fromkeys("french france".split(), "france"),
    **dict.fromkeys("german germany".split(), "germany"),
    **dict.fromkeys("russian russia".split(), "russia"),
    **dict.fromkeys("canadian canada".split(), "canada"),
}
MARKET_PAIR = re.compile(
    r"\b("
    + "|".join(re.escape(country) for country in MARKET_GROUPS)
    + r")(?:'s)?(?:[\s-]+based)?(?:\s+\w+){0,2}?[\s-]+("  # ("the us-market version": hyphened too)
    + "|".join(MARKET_NOUNS)
    + r")\b",
    re.IGNORECASE,
)


# The companies of the story, each its own "kind of thing": "U.S.-based OpenAI", "openai is a chinese company".
COMPANIES = ("deepseek", "openai", "nvidia", "meta")
_COUNTRY = "|".join(re.escape(country) for country in MARKET_GROUPS)
_RESTRICTING = r"(?:export )?(?:restrictions?|controls?|rules|sanctions|bans?|limits)"
RESTRICTING_WORDS = ("restriction", "control", "rules", "sanction", "ban", "limit")  # the cheap test first
IMPOSED_BY = re.compile(
    rf"\b{_RESTRICTING}\s+(?:were |was |are |is )?(?:imposed|set|put|placed|made|issued|introduced|enforced)(?: \w+)?"
    rf"\s+by\s+(?:the\s+)?(?P<country>{_COUNTRY})\b",
    re.IGNORECASE,
)
IMPOSING = re.compile(
    rf"\b(?P<country>{_COUNTRY})(?:'s)?\s+(?:(?:is|was|that|who|which)\s+)*(?:\w+\s+)?"
    rf"(?:put|puts|imposed|imposes|set|sets|placed|places|made|introduced|enforces|enforced)\s+(?:the\s+|its\s+)?"
    rf"{_RESTRICTING}\b",
    re.IGNORECASE,
)
COUNTRY_OF_COMPANY = re.compile(
    rf"\b({_COUNTRY})(?:'s)?(?:[\s-]+based)?(?:\s+(?:ai|tech|developer|company|startup|firm|lab|giant|chipmaker)){{0,2}}"
    rf"(?:\s+(?:like|such as))?\s+({'|'.join(COMPANIES)})\b",
    re.IGNORECASE,
)
COMPANY_IS_OF = re.compile(
    # "openai is a chinese company", "is deepseek american"
    rf"(?:\b({'|'.join(COMPANIES)})(?:'s|\s+is|\s+was)|\b(?:is|was|isnt|wasnt)\s+({'|'.join(COMPANIES)}))\s+"
    rf"(?:(?:a|an|the|actually|really|basically|one\s+of)\s+)*(?:\w+\s+)?({_COUNTRY})\b",  # "one of the us labs"
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=512)
def markets(text: str) -> dict[str, str]:
    """ "the Chinese market", "U.S.-based rivals": which country each kind of thing is said to belong to."""
    found = {MARKET_NOUNS[m.group(2).lower()]: MARKET_GROUPS[m.group(1).lower()] for m in MARKET_PAIR.finditer(text)}
    # "it was china that put export restrictions on the chips", "the restrictions were imposed by china".
    lowered = text.lower()
    imposing = any(word in lowered for word in RESTRICTING_WORDS)
    imposed = (IMPOSED_BY.search(text) or IMPOSING.search(text)) if imposing else None
    if imposed is not None:
        found["restrictions"] = MARKET_GROUPS[imposed.group("country").lower()]
    return found


# "as a US company, why does deepseek need china-market chips": the company the clause goes on to name.
AS_COMPANY_OF = re.compile(
    rf"\bas an? ({_COUNTRY})(?:[\s-]+based)?\s+(?:ai\s+)?(?:company|startup|firm|lab|developer)\b,?"
    rf"(?:\s+\w+){{0,3}}?\s+({'|'.join(COMPANIES)})\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=512)
def company_countries(text: str) -> dict[str, str]:
    """ "U.S.-based OpenAI", "deepseek is a silicon valley startup": which country each company is said to be of."""
    found = {
        m.group(2).lower(): MARKET_GROUPS[m.group(1).lower()]
        for pattern in (COUNTRY_OF_COMPANY, AS_COMPANY_OF)
        for m in pattern.finditer(text)
    }
    return found | {
        (m.group(1) or m.group(2)).lower(): MARKET_GROUPS[m.group(3).lower()] for m in COMPANY_IS_OF.finditer(text)
    }


def market_mismatch(claim: str, stated: str) -> tuple[str, str] | None:
    """The country the facts give and the other one the claim gives, for the same kind of thing."""
    companies = company_countries(claim)
    claimed, said = markets(claim), markets(stated) | company_countries(stated)
    if companies:
        # "openai is a us company": the company named says which one, not every company the facts place.
        claimed = {noun: country for noun, country in claimed.items() if noun != "company"} | companies
    for noun, country in claimed.items():
        if noun in said and said[noun] != country:
            return COUNTRY_NAMES[said[noun]], COUNTRY_NAMES[country]
    return None


COUNTRY_NAMES = {
    "china": "China",
    "us": "the US",
    "europe": "Europe",
    "japan": "Japan",
    "korea": "Korea",
    "india": "India",
    "taiwan": "Taiwan",
    "uk": "the UK",
    "france": "France",
    "germany": "Germany",
    "russia": "Russia",
    "canada": "Canada",
}


NEGATED = re.compile(
    r"(?:\b(?:not|never|no|none|nothing|nor|neither|didnt|doesnt|dont|isnt|wasnt|arent|werent|hasnt|havent|hadnt|"
    r"wont|cant|couldnt|wouldnt|shouldnt|aint)\b|\w[’']t\b)"
    # ("they didnt just doubt the cost, they questioned the tech too": not only, which denies nothing; "not just a
    # blog post" still denies it is one.)
    r"(?!\s+(?:just|only|merely|simply)\s+(?!(?:a|an|the|some)\b)\w)",
    re.IGNORECASE,
)
# A fact's own sentence denies only with these (its "without a date" or "no outlet" is not a denial).
FACT_NEGATED = re.compile(r"\b(?:not|never)\b|\w[’']t\b", re.IGNORECASE)


# "stop working on ai": stopping denies what follows, as "not" does.
COSTLIER = re.compile(r"\b(?:cost|costs|costed|costing|spent|spend|spends)\s+(?:\w+\s+)?more\b", re.IGNORECASE)
CHEAPER = re.compile(r"\b(?:cost|costs|costed|costing|spent|spend|spends)\s+(?:\w+\s+)?less\b", re.IGNORECASE)
DENIAL = re.compile(
    NEGATED.pattern + r"|\brather than\b|\binstead of\b|\b(?:stop|stopped|stops|quit|quits|gave up)\b", re.IGNORECASE
)


def _scopes(denial: re.Pattern[str], lowered: str, span: int = 3) -> Iterator[list[str]]:
    """The few words each denial in `lowered` falls on: "not", and the `span` words after it."""
    return (words(lowered[found.end() :])[:span] for found in denial.finditer(lowered))


@functools.lru_cache(maxsize=512)
def _denied(text: str) -> frozenset[str]:
    """Stems a denial falls on: the few words after "not", "rather than", "instead of"."""
    return frozenset(stem(w) for scope in _scopes(DENIAL, text.lower()) for w in scope)


def denied_words(text: str, span: int = 2) -> set[str]:
    """The words a denial falls on: the `span` after each "not" ("for v3, not r1" denies "r1"), each also
    without a plural's "s"; with a span of four, the named things it falls on ("r1 wasn't trained on h100s")."""
    scope = {w for found in _scopes(NEGATED, text.lower(), span) for w in found}
    return scope | {w.removesuffix("s") for w in scope}


def opens_on_auxiliary(question: str) -> bool:
    """Does the question open on an auxiliary or a denial ("isn't r1 a reasoning model?", "didn't they use
    h100s")? It then asks for a yes, and denies nothing."""
    ws = words(question.replace("’", "'").replace("'", ""))[:1]  # "isn't" → "isnt", an auxiliary
    return bool(ws) and (ws[0] in AUX or bool(NEGATED.fullmatch(ws[0])))


def negates_stated(question: str, stated: str) -> bool:
    """ "why was the nature paper not peer reviewed", "the paper wasnt peer reviewed right?": the question
    denies a word the fact states (and doesn't deny itself). Not a question opening on its verb ("isn't
    r1 a reasoning model?", "did they not use h800s?"): that asks for a yes, it denies nothing."""
    if not words(question) or opens_on_auxiliary(question) or FACT_NEGATED.search(stated):
        return False  # (a fact that itself denies something agrees with a question denying it)
    stated_words = set(words(stated.lower()))
    denied: set[str] = set()
    for scope in _scopes(NEGATED, question.lower()):
        if any(entity_class(w) is not None and w not in stated_words for w in (x.removesuffix("s") for x in scope)):
            continue  # "r1 wasn't trained on h100s": the denial falls on a thing the fact doesn't name
        denied |= {stem(w) for w in scope if w not in STOPWORDS}
    return bool(denied & _stated_stems(stated))


def opposites(claim: str, stated: str) -> frozenset[str]:
    """The claim's words whose antonym the stated text uses, where the claim doesn't use that side too:
    "investors piled into tech stocks" against "led investors to sell off tech stocks" → {"pile"}.

    The claim is read once (the engine asks this of several candidates per question), and most claims hold
    no word with an opposite, so the stated side need not be read at all."""
    return opposed(claim_antonym_stems(claim), stated_antonyms(stated))


def opposed(claim_stems: frozenset[str], stated_antonyms: frozenset[str]) -> frozenset[str]:
    """`opposites` for a claim and a stated text read already (`claim_antonym_stems`, `stated_antonyms`)."""
    return _opposites(claim_stems, stated_antonyms) if claim_stems and stated_antonyms else frozenset()


US_SIDE = frozenset("us usa american americans america rivals rival labs companies firms openai gpt chatgpt".split())


def _us_side(before: str) -> bool:
    """Is what spends (the words before "spend more") the US side of the comparison, not R1 or DeepSeek?"""
    found = words(before)[-4:]
    return bool(US_SIDE.intersection(found)) and not {"r1", "deepseek", "it", "they"}.intersection(found)


@functools.lru_cache(maxsize=512)  # bounded, for memory: a question's claim is read for each candidate at once
def claim_antonym_stems(claim: str) -> frozenset[str]:
    """The claim's stems, when any has an opposite; empty otherwise."""
    # "deliberate, not accidental": what either side denies is not what it says.
    claim_stems = {stem(w) for w in joined(words(prepare(claim)))} - _denied(claim)  # "backed off" is not "backed"
    # "r1 actually cost MORE than comparable US models": a costlier claim against "a fraction of".
    # ("us rivals spend way more than deepseek": said of the US side, more is R1's being cheaper, not costlier.)
    if (found := COSTLIER.search(claim)) is not None:
        claim_stems.add(stem("cheaper" if _us_side(claim[: found.start()]) else "costlier"))
    if (found := CHEAPER.search(claim)) is not None:
        claim_stems.add(stem("costlier" if _us_side(claim[: found.start()]) else "cheaper"))
    if BIG_TECH.search(claim):
        claim_stems.add(stem("bigtech"))  # the phrase, as the claim's terms read it
    if GAVE_UP.search(claim):
        claim_stems.add(stem("gaveup"))  # "deepseek gave up on ai", not "the estimate the rivals gave"
    return frozenset() if claim_stems.isdisjoint(ANTONYM_WORDS) else frozenset(claim_stems)


@functools.lru_cache(maxsize=1024)
def _opposites(claim_stems: frozenset[str], stated_stems: frozenset[str]) -> frozenset[str]:
    found: set[str] = set()
    for left, right in ANTONYM_STEMS:
        for says, other in ((left, right), (right, left)):
            if stated_stems & says and claim_stems & other and not claim_stems & says:
                found |= claim_stems & other
    return frozenset(found)


@functools.lru_cache(maxsize=1024)
def stated_antonyms(stated: str) -> frozenset[str]:
    """The stated text's stems that have an opposite: all `_opposites` needs of it, and few or none."""
    return _stated_stems(stated) & ANTONYM_WORDS


@functools.lru_cache(maxsize=1024)
def _stated_stems(stated: str) -> frozenset[str]:
    return frozenset({stem(w) for w in words(stated)} - _denied(stated))


def denied_opposites(claim: str, stated: str) -> set[str]:
    """The stems the claim denies, when it denies only the opposite of what is stated ("accidental, not on
    purpose" against "incidental": its "not" agrees with the fact); empty otherwise."""
    stated_stems = {stem(w) for w in words(stated)}
    against = set().union(*(other for says, other in _ANTONYM_SIDES if stated_stems & says))
    denied: set[str] = set()
    for scope in _scopes(NEGATED, claim.lower()):
        hit = {stem(w) for w in scope} & against
        if not hit:
            return set()
        denied |= hit
    return denied


ANTONYM_STEMS = tuple((frozenset(map(stem, left)), frozenset(map(stem, right))) for left, right in ANTONYMS)
ANTONYM_WORDS = frozenset().union(*(left | right for left, right in ANTONYM_STEMS))
_ANTONYM_SIDES = tuple(side for left, right in ANTONYM_STEMS for side in ((left, right), (right, left)))


def same_side(stems: frozenset[str], stated: frozenset[str]) -> bool:
    """Is a word on the same side of an opposition as one the fact states ("cheaper" with "affordable", against
    "expensive")? Such words say the same thing for a fact-check, though they are not synonyms."""
    return any(stems & side and not stated.isdisjoint(side) for side, _ in _ANTONYM_SIDES)


BIG_TECH = re.compile(r"\bbig[\s-]?tech\b", re.IGNORECASE)
GAVE_UP = re.compile(r"\b(?:gave|give|gives|given|giving)\s+up\b", re.IGNORECASE)
STRONGER = re.compile(
    r"\b(?:(?:more|most) (?:powerful|capable|advanced)|stronger|strongest|better|best|faster|fastest|superior|beefier|"
    r"higher[- ]end|top[- ]end|flagship)\b"
)
WEAKER = re.compile(
    r"\b(?:less (?:powerful|capable|advanced)|weaker|worse|slower|inferior|cut[- ]down|nerfed|watered[- ]down"
    r"|downgraded|lower[- ]end)\b"
)


def chip_named(word: str) -> str | None:
    """The chip a word names ("h800s" → "h800"), or None."""
    # Plurals folded by hand: the engine's own folding lives above this layer.
    for form in (word, word[:-1] if word.endswith("s") else word):
        if entity_class(form) == "chip":
            return form
    return None


PHASE_CLAUSE = re.compile(r"[,;]|\b(?:and|or|then|but|while|vs|versus|before|after|until)\b", re.IGNORECASE)
PREP_WORDS = frozenset("prep preparatory preparation".split())
RUN_WORDS = frozenset("training".split())
# "run" names the training run only after one of these ("the 80 hour run", "the main run"): not "did the a100s run".
RUN_BEFORE = frozenset("main final real actual whole hour hours 80 training".split())
RUN_HOURS = frozenset("hours hour hrs hr".split())  # "80 hours" is the run's own length


@functools.lru_cache(maxsize=512)
def chip_phases(text: str) -> dict[str, str]:
    """Which phase each chip is put in: "prep on h800s and the real training on a100s" → {h800: prep,
    a100: training}; each chip goes with the nearest phase word."""
    found: dict[str, str] = {}
    for clause in PHASE_CLAUSE.split(text):  # "a100s for the prep, h800s for the training": one pair a clause
        ws = words(clause)
        phases = [
            (i, "prep" if w in PREP_WORDS else "training")
            for i, w in enumerate(ws)
            if w in PREP_WORDS | RUN_WORDS
            or (w == "run" and set(ws[max(0, i - 2) : i]) & RUN_BEFORE)
            or (w in RUN_HOURS and ws[i - 1 : i] in (["80"], ["eighty"]))  # "the 80 hrs was on the a100s"
        ]
        for i, word in enumerate(ws):
            chip = chip_named(word)
            if chip is None or not phases:
                continue
            at, phase = min(phases, key=lambda p: abs(p[0] - i))
            if abs(at - i) <= 6:
                found.setdefault(chip, phase)
    return found


def swapped_phases(claim: str, stated: str) -> bool:
    """Does the claim put a chip in the other phase than the stated text does?"""
    claimed = chip_phases(claim)  # most questions put no chip in a phase: nothing to hold against
    if not claimed:
        return False
    said = chip_phases(stated)
    return len(said) >= 2 and any(said.get(chip, phase) != phase for chip, phase in claimed.items())


def ranking(claim: str, stated: str) -> bool | None:
    """Does the claim rank two chips as the stated text does? "the h800 is more powerful than the h100"
    against "its more powerful H100 and A100 chips" → False; None when either side ranks nothing."""
    stated_words = words(stated)
    stronger: set[str] = set()
    for found in STRONGER.finditer(stated.lower()):
        after = words(stated.lower()[found.end() :])[:4]
        stronger |= {chip for w in after if (chip := chip_named(w))}
    if not stronger:
        return None
    weaker = {chip for w in stated_words if (chip := chip_named(w))} - stronger
    lowered = claim.lower()
    for pattern, up in ((STRONGER, True), (WEAKER, False)):
        for found in pattern.finditer(lowered):
            before = [c for w in words(lowered[: found.start()]) if (c := chip_named(w))]
            rest = words(lowered[found.end() :])
            after = [c for w in rest[rest.index("than") + 1 :] if (c := chip_named(w))] if "than" in rest[:3] else []
            if not before:
                continue
            left, right = before[-1], after[0] if after else None
            # "x is stronger than y": x above y; "x is weaker than y" (or "a cut-down chip"): x below.
            high, low = (left, right) if up else (right, left)
            if high in weaker or low in stronger:
                return False
            if (high is None or high in stronger) and (low is None or low in weaker):
                return True
    return None


RESTRICTING = re.compile(
    r"\b(?:restrict\w*|ban|bans|banned|banning|barred|sanction\w*|embargo\w*|export[- ]controls?|"
    r"export[- ]controlled|blacklist\w*)\b",
    re.IGNORECASE,
)
# What may join a restriction to the chips after it ("restrictions on the h100", "… cover the h800") or a chip
# to the restriction after it ("the h800 is export restricted", "a100s were banned too").
LEADS_TO_CHIPS = frozenset("on cover covers covered include includes including bar bars hit hits apply to".split())
JOINS_CHIP = frozenset("is are was were also too being been got gets the export us s its".split())
ONLY_THESE = re.compile(r"\b(?:only|just|solely)\b", re.IGNORECASE)
LATER_ON = re.compile(
    r"\b(?:will|gonna|going to|next|soon|later|eventually|might|may|could|now|anymore)\b", re.IGNORECASE
)
BARS = re.compile(r"\brestrictions?\s+(?:bar|bars|ban|bans|block|blocks|cover|covers)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=256)  # a fact's stated text: one per fact, read for every question it answers
def _barred(stated: str) -> frozenset[str]:
    """The chips a text says the restrictions bar: "restrictions bar its more powerful H100 and A100 chips"."""
    barred: set[str] = set()
    for found in BARS.finditer(stated):
        barred |= {chip for w in words(stated[found.end() :])[:6] if (chip := chip_named(w))}
    return frozenset(barred)


def _chip_first(ws: list[str]) -> bool:
    """Do the words open on a chip, past "the", "its" or "nvidia" ("the h800s", "nvidia's a100")?"""
    rest = list(itertools.dropwhile(lambda w: w in ("the", "its", "nvidia", "nvidias", "nvidia's"), ws))
    return bool(rest) and chip_named(rest[0]) is not None


def restricted(claim: str, stated: str) -> bool | None:
    """Does the claim put under the restrictions the chips the stated text says they bar? "us export restrictions
    cover the h800 too" against "US export restrictions bar its more powerful H100 and A100 chips" → False;
    None when the stated text bars nothing, or the claim names no chip it could."""
    barred = _barred(stated)
    if not barred or LATER_ON.search(claim):
        return None  # (Not "the us is going to ban h800 exports next": what may come, the articles don't say.)
    named = {chip for w in words(stated) if (chip := chip_named(w))}
    claimed: set[str] = set()
    lowered = claim.lower()
    for found in RESTRICTING.finditer(lowered):
        # The chips it is said of: "restrictions cover the h800", "is the h800 export restricted" (not "the h800
        # exists because of export restrictions", "bought its a100s before the export ban": no claim of either).
        after = words(lowered[found.end() :])[:6]
        if after and after[0] in ("only", "also", "even", "just", "now"):
            after = after[1:]
        # ("did the us restrict h800s", "ban the a100": the verb's own object.)
        verb = not found.group().startswith(("restriction", "sanctions", "export"))
        if after and (after[0] in LEADS_TO_CHIPS or (verb and _chip_first(after))):
            for word in after[0 if after[0] not in LEADS_TO_CHIPS else 1 :]:
                if chip := chip_named(word):
                    claimed.add(chip)
                elif word not in ("and", "the", "its", "more", "powerful", "nvidia"):
                    break
        before = words(lowered[: found.start()])
        while before and before[-1] in JOINS_CHIP:
            before = before[:-1]
        if before and (chip := chip_named(before[-1])):
            claimed.add(chip)
    claimed &= named
    if not claimed:
        return None
    # ("the export restrictions only cover the h100": the A100 is barred too.)
    return claimed == barred if ONLY_THESE.search(claim) else claimed <= barred


# -- question type ---------------------------------------------------------------

OFFERS_CHOICE = re.compile(r"\bor\b(?! (?:anything|something|smth|sth|nah|not|whatever|so)\b)")


@dataclass(frozen=True)
class Kind:
    """What a question asks for: `want` (a count, a date, …), a class of thing, yes/no, a comparison."""

    want: str | None = None
    asks_class: str | None = None
    yesno: bool = False
    comparison: bool = False
    choice: bool = False  # "was it X or Y"
    day: bool = False  # a date to the day ("what day", "exact date"), not just the month
    excludes: frozenset[str] = frozenset()  # "who else besides liang": answers that don't count
    future: bool = False  # "is deepseek gonna buy more chips": asks what will happen


POLITE = re.compile(
    r"^(?:(?:do|does|did|can|could|would) (?:you|u|anyone|anybody|someone|somebody|ya|yall)"
    r" (?:know|remember|tell me|tell us|explain|say|have any idea)|is it true that|i wonder|i wanna know|"
    r"i want to know|tell me|explain to me|any idea|anyone know|anybody know"
    # "my econ teacher asked how much money investors lost": the question someone else put is the one asked.
    r"|(?:my\s+)?(?:\w+\s+){0,3}?(?:asked|asks|wants to know|wanted to know|was wondering|wondered)(?:\s+(?:me|us))?"
    r"(?=\s+(?:how|what|when|where|who|why|which)\b))\s+"
)


# Each class noun by itself and by every one-letter deletion: a word one edit from a noun shares a key with it.
_CLASS_NOUN_KEYS: dict[str, set[str]] = {}
for _noun in CLASS_NOUNS:
    if len(_noun) >= 5:
        for _key in deletions(_noun) | {_noun}:
            _CLASS_NOUN_KEYS.setdefault(_key, set()).add(_noun)


@functools.lru_cache(maxsize=4096)
def _class_noun(word: str) -> str:
    """A class noun typed with one slip ("jornal", "compnay") read as that noun; any other word as it is."""
    if len(word) < 5 or word in CLASS_NOUNS or word in STOPWORDS:
        return word
    near = set().union(*(_CLASS_NOUN_KEYS.get(key, set()) for key in deletions(word) | {word}))
    # Not another form of the noun ("released" is no slip for "release"): that is a word of its own.
    return next(
        (
            noun
            for noun in sorted(near)
            if not (word.startswith(noun) or noun.startswith(word)) and edit_distance(word, noun, 1) == 1
        ),
        word,
    )


def kind_of(text: str) -> Kind:
    # "what % of v3's data": a share asked for (a % after a number is a figure, read elsewhere).
    text = LONE_PERCENT.sub(" percentage ", text)
    ws = [_class_noun(w) for w in words(text)]
    lowered = " ".join(ws)
    # "do you know how many chips …" asks how many; the polite wrapper is not a yes/no question.
    unwrapped = POLITE.sub("", lowered)
    if unwrapped != lowered:
        ws = unwrapped.split()
        lowered = unwrapped
    want: str | None = None
    asks_class: str | None = None
    seen_wh = False
    for i, word in enumerate(ws):
        nxt = ws[i + 1 : i + 4]
        if word in ("what", "whats") and i > 0 and ws[i - 1] in ("of", "than"):
            continue  # "a fraction of what us companies spend", "less than what openai paid": a thing, not asked
        if word in WH:
            # Only a clause's first question word asks: "compare to what companies spend" and
            # "did they say what chips …" hold a question inside another.
            if seen_wh or (i > 0 and ws[i - 1] in REPORTING_VERBS) or ws[0] in AUX:
                if seen_wh and word in ("which", "wich") and nxt and nxt[0] in CLASS_NOUNS and asks_class is None:
                    asks_class = CLASS_NOUNS[nxt[0]]  # "where did he say it, like which event"
                continue
            seen_wh = True
        if word in ("how", "hw") and nxt:
            if nxt[0] == "far" and set(ws[i + 2 : i + 7]) & MOVES:
                want = "number"  # "how far did tech stocks fall": by how much, a figure
            elif nxt[0] == "much":
                # "how much time", "how much hours they train" (a learner's English): a duration.
                want = "duration" if set(nxt[1:]) & (DURATION_WORDS - {"min"}) else "money"
                if (
                    CLASS_NOUNS.get(nxt[1] if len(nxt) > 1 else "") == "chip"
                    and nxt[1] != "hardware"
                    and not set(ws[i + 3 : i + 6]) & (SPENDING | MONEY_WORDS)
                ):
                    want = "count"  # "how much chip they use for train" (a learner's English): how many
            elif nxt[0] == "many":
                after = set(nxt[1:])
                if after & MONEY_WORDS:
                    want = "money"
                elif after & DURATION_WORDS:
                    want = "duration"
                elif "times" in after:
                    # "how many times cheaper" is a ratio; "how many times has it defended …" counts.
                    want = None if set(ws[i + 3 : i + 5]) & COMPARATIVES or ws[i + 3 : i + 4] == ["as"] else "count"
                else:
                    want = "count"
            elif nxt[0] in ("long",):
                want = "duration"
            elif nxt[0] in ("old",):
                want = "age"
            elif nxt[0] in ("big", "large", "huge", "small"):
                want = "count"
            elif nxt[0] == "come":
                want = "why"
        elif (
            word in ("when", "where", "who", "which")
            and i >= 2
            and ws[i - 2] in DETERMINERS
            and ws[i - 1] not in STOPWORDS
        ):
            pass  # "a technique where one ai learns", "the guy who founded it": a relative clause, not a question
        elif word in ("where", "when") and i >= 2 and ws[i - 1] in ("is", "was", "s") and len(ws) > i + 2:
            pass  # "distillation is where the ai learns from …": what it is, told (not "where is it")
        elif word in ("when",):
            want = want or "date"
        elif word in ("who", "whom", "whose", "whos"):
            want = want or "who"
            # "who are the industry experts": names of the group, as "which experts" asks.
            group = ws[i + 2 : i + 6] if nxt[:1] and nxt[0] in AUX else []
            named = next((w for w in itertools.takewhile(lambda w: w not in AUX, group) if w in GROUP_NOUNS), None)
            if named is not None and asks_class is None:
                asks_class = GROUP_NOUNS[named]
        elif word == "where":
            # "where has deepseek been": what has it been doing, not a place.
            # ("where do the a100s fit in", "where does llama come in": what part they play, not a place.)
            part_played = any(a in ("come", "fit") and b == "in" for a, b in itertools.pairwise(ws[i + 1 : i + 6]))
            if (
                not (len(nxt) >= 2 and nxt[0] in ("has", "have", "was", "were") and "been" in nxt[1:3])
                and not part_played
            ):
                want = want or "where"
            if set(ws[i + 1 : i + 6]) & REMARKS and asks_class is None:
                asks_class = "occasion"  # "where did altman make the 100 million remark": which event
        elif word == "why" or (word == "what" and nxt[:1] == ["for"] and len(ws) - i <= 3):
            want = want or "why"
        elif word in ("what", "whats", "wat", "which", "wich", "wut") and nxt and nxt[0] not in AUX:
            if i == 0 and word in ("what", "whats") and (nxt[0] in ENABLING or nxt[:2] in SETTING_OFF):
                # "what let them get costs so low", "what made the three month run so cheap": a means, whatever
                # it names.
                want = want or "why"
                continue
            # ("what do officials think": "what" is the object there, not a determiner of "officials".)
            # "which llama version": the class noun may follow the name of the thing it belongs to.
            content = [w for w in nxt if w not in STOPWORDS or w in DATE_WORDS]
            # The noun phrase right after "which" ("which industry leaders", not "which risk the critics").
            phrase = {
                w for w in itertools.takewhile(lambda w: w not in STOPWORDS or w == "us", nxt) if w in GROUP_NOUNS
            }
            phrase = phrase if word in ("which", "wich") else set()
            noun = next(
                (
                    w
                    for w in content
                    if w in CLASS_NOUNS
                    or w in DATE_WORDS
                    or w in PLACE_WORDS
                    or (word in ("which", "wich") and w in phrase)
                ),
                None,
            )
            noun = noun or (content[0] if content else None)
            if noun in DATE_WORDS and noun != "time":
                want = want or "date"
                if noun == "month":
                    asks_class = "month"  # "what month in 2023": a year alone won't do
            elif noun in PLACE_WORDS:
                want = want or "where"
                asks_class = "place"
            elif noun in ("percentage", "percent", "proportion"):
                want = want or "share"  # "what % of the us rivals' cost is 294k": a ratio, which no fact gives
            elif noun in ("number", "figure", "amount", "count", "total"):
                want = want or "number"
            elif noun in ("size",):
                want = want or "count"
            elif noun in ("period", "timeframe", "span") and ws[i - 1 : i] in (["over"], ["for"], ["during"], ["in"]):
                want = want or "duration"  # "over what period did the training take place": how long
            elif noun in phrase and asks_class is None:
                asks_class = GROUP_NOUNS[noun]  # "which investors sold": the fact must name some
                want = want or ("who" if asks_class == "person" else None)
            elif noun in CLASS_NOUNS and asks_class is None:
                asks_class = CLASS_NOUNS[noun]
                if asks_class == "version":
                    # "which version of the nvidia chip": a member of the class named after "of".
                    of = ws[ws.index(noun) + 1 :] if noun in ws else []
                    owner = next((CLASS_NOUNS[w] for w in of[:4] if w in CLASS_NOUNS and w != noun), None)
                    if of[:1] == ["of"] and owner is not None:
                        asks_class = owner
                after = ws[ws.index(noun) + 1 :] if noun in ws else []
                if asks_class == "person" and word == "what" and after[:1] and after[0] in DOING:
                    # "what us officials did", "what exactly us officials doubt": typed without the "do" of
                    # "what did us officials do", "what" is the object; what they did is asked, not who.
                    asks_class = None
                elif asks_class == "person":
                    want = want or "who"
                opens = ws[:1] in (["which"], ["what"], ["whats"]) and noun in ws[:4]
                if asks_class == "model" and (not opens or " or " in f" {lowered} " or KIND_OF_MODEL.search(lowered)):
                    # Only "which model …" asks for one: "which deepseek model, r1 or v3" offers the options,
                    # "what kind of model is r1" asks a kind, "r1 cost a fraction of what similar us models cost"
                    # asks nothing.
                    asks_class = None
        elif (
            word in ("figure", "estimate")
            and i == len(ws) - 1
            and i
            and (
                ws[i - 1].removesuffix("s") in PERSON_NAMES or ws[i - 1].removesuffix("s") in ENTITY_CLASSES["company"]
            )
        ):
            want = want or "number"  # "and altman's figure?": his figure, as "altman's number" is
        elif word in ("number", "amount", "count", "total") and (
            (i + 1 < len(ws) and ws[i + 1] == "of")
            or i == len(ws) - 1
            or set(ws[i + 1 :]) <= AFTER_THE_LAST  # "what was the number again?"
            or (i and CLASS_NOUNS.get(ws[i - 1]) == "chip")
        ):
            # "number of gpus", "chip count", "the gpu count on the rig"; "altman's number": a figure, of anything.
            whose = ws[i - 1].removesuffix("s") if i else ""
            owned = whose in PERSON_NAMES or whose in ENTITY_CLASSES["company"]
            if word == "number" and i > 1 and ws[i - 1] in DURATION_WORDS and ws[i - 2][:1].isdigit():
                continue  # "which article has the 80 hour number": a figure named, not a count asked for
            figure = word == "number" and i == len(ws) - 1 and owned
            terse = {"duration": "duration", "runtime": "duration", "date": "date", "year": "date"}
            named = next((terse[w] for w in ws if w in terse), None)  # "the training duration number"
            if ws[i + 1 : i + 2] == ["of"] and set(ws[i + 2 : i + 4]) & MONEY_WORDS:
                named = "money"  # "what is amount of money deepseek use": a sum, not a count
            elif ws[i + 1 : i + 2] == ["of"] and set(ws[i + 2 : i + 3]) & (DURATION_WORDS - {"time", "long"}):
                named = "duration"  # "number of hours?": how long
            elif named is None and set(ws) & SPENDING:
                named = "money"  # "what did r1 cost them to train, like the real number": the number is a sum
            want = want or ("number" if figure else named or "count")
    if want is None:
        # Terse questions name what they want: "nature paper date?", "h800 count", "founder name".
        # ("… or the whole company budget for the year": a span of time told, not asked for.)
        nouns = {w for i, w in enumerate(ws) if not (i and w == "year" and ws[i - 1] in SPAN_BEFORE)}
        # ("did r1 take a month to train": a span claimed, no date asked for.)
        if nouns & {"date", "year", "month", "weekday"} and not figures.ONE_SPAN.search(lowered):
            want = "date"
        elif nouns & {"duration", "runtime"}:
            want = "duration"
        elif nouns & {"location", "country", "city", "place"}:
            want = "where"
    if want is None and REASON_ASKED.search(lowered):
        want = "why"  # "the reason deepseek was using a weird nvidia chip": a reason is asked for
    if want is None and (DEFINITION.search(lowered) or (ws[:1] and ws[0] in ASKING_VERBS - {"describe"})):
        want = "definition"
    if want is None and any(w in ("name", "named") for w in ws) and not any(w in ("what", "which") for w in ws[:1]):
        want = "who" if any(w in CLASS_NOUNS and CLASS_NOUNS[w] == "person" for w in ws) else None
    yesno = bool(ws) and (ws[0] in AUX or lowered.endswith(YESNO_TAILS) or " or nah" in lowered)
    if not yesno and ws and ws[0] not in WH and "?" in text and want is None:
        # "so like 5000 gpus for r1?", "the h800 was built for the us market?": a statement asked back.
        yesno = True
    if not yesno and ws and not any(w in WH for w in ws) and "?" not in text:
        yesno = True  # "i saw the paper was in science": a statement, checked like "was it …?"
    comparison = bool(
        re.search(r"\b(vs|versus|compare|compared|comparison|than|cheaper|pricier|more or less)\b", lowered)
        # "whats the gap between altman's number and deepseeks": two sides, one set against the other.
        or re.search(r"\b(?:gap|difference|diff)\s+between\b", lowered)
    )
    # ("no review or anything?", "or nah": a tag, not an option offered.)
    choice = bool(OFFERS_CHOICE.search(lowered)) and not comparison
    versions = VERSION_CHOICE.search(lowered)
    if choice and versions is not None and versions.group(1) in ENTITY_CLASSES["model"] and asks_class is None:
        asks_class = "version"  # "llama 2 or llama 3?": which version, which the fact must name
    if len(LETTERED.findall(text.lower())) >= 2:
        # "the h800 was designed for a) the us market b) the chinese market": a quiz's options, one to pick.
        choice, yesno = True, False
    day = want == "date" and bool(
        re.search(r"\b(exact|which|what|wat) (?:\w+ )?(date|day)\b|\bday\b|\bcalendar\b", lowered)
    )  # "exact release date"
    excluded = frozenset(
        w
        for m in re.finditer(
            r"\b(?:besides|other than|apart from|except|aside from)\s+(?:(?:the|a|an|their|its|his|her)\s+)?(\w+)",
            lowered,
        )
        for w in [m.group(1)]
    )
    systems = set(ws) & {"model", "models", "system", "systems", "chatbot", "chatbots"}
    if (
        asks_class is None
        and ws[:1] in (["what"], ["whats"])
        and systems
        and ("called" in ws or "named" in ws or "names" in ws or "name" in ws or "new" in ws[1:3])
    ):
        # "what were the systems they released in january called", "what new ai systems": a name
        asks_class = "model"
    if want is None and ws[:1] and ws[0] in WH and (real := REAL_FIGURE.search(lowered)):
        # "what did the us officials say the real cost was": a figure, which a fact must give.
        want = "money" if real.group(1) in ("cost", "price", "bill") else "number"
    if want is None and ws[:1] in (["how"], ["hw"]) and ws[1:2] and ws[1] in AUX and "so" in ws[2:]:
        want = "why"  # "how did they get it so cheap", "how was r1 so cheap to train": what made it so
    if (
        want is None
        and ws[:1] in (["what"], ["whats"])
        and set(ws[1:5]) & SPENDING
        and not COST_ADJECTIVE.search(lowered)
    ):
        want = "money"  # "what did google spend training gemini" (not "what could low-cost training do")
    if want in (None, "definition") and WHAT_IT_COST.search(lowered) and not COST_ADJECTIVE.search(lowered):
        want = "money"  # "what did the prep phase cost on its own", "what does an h100 cost": a sum
    if asks_class is None and WHICH_MEMBERS.search(lowered):
        # "which tech stocks got dumped", "which particular statements", "which governments": named members of
        # a group the question names, which the answer must name.
        asks_class = "members"
    if asks_class is None and PHYSICAL_SITE.search(lowered):
        asks_class = "site"  # "where is the h800 cluster physically located, what data center"
    if "else" in ws and want == "who":
        excluded |= {"*"}  # "who else": not the one the articles name
    future = bool(FUTURE.search(lowered))
    return Kind(want, asks_class, yesno, comparison, choice, day, excluded, future)


# -- terms -----------------------------------------------------------------------


@dataclass
class Term:
    """One concept from the question: the word typed and every stem that counts as it."""

    word: str
    forms: frozenset[str]
    weak: bool
    known: bool
    off_story: bool = False
    entity: str | None = None  # the class of a named thing ("chip" for "h100")
    noun: bool = False  # follows "the", "a", "my", …: an unknown noun names what the question is about
    head: bool = False  # right after an opening "what"/"which": what is asked for ("what volume of nature")
    context: bool = False  # from a sentence around the question: it can help, never count against

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(stem(form) for form in self.forms)

    @cached_property
    def word_stem(self) -> str:
        return stem(self.word)


MAKING = frozenset("make makes made create creates created build builds built start starts".split())
FOUNDED = frozenset("deepseek company startup firm lab".split())


def _next_word(rest: list[str]) -> str | None:
    """The word that comes next, past a "the"; None at the end."""
    rest = rest[1:] if rest[:1] == ["the"] else rest
    return rest[0] if rest else None


def _founded_object(rest: list[str]) -> bool:
    """Is what comes next the company itself ("deepseek", "the company")?"""
    return _next_word(rest) in FOUNDED


ASKERS_PEOPLE = frozenset(
    "husband wife family kid kids son daughter mom mum dad brother sister uncle aunt cousin friend friends buddy "
    "roommate boss teacher prof professor coworker colleague grandma grandpa granddaughter grandson grandkids "
    "grandchildren".split()
)


def _journal_next(rest: list[str]) -> bool:
    """Is what comes next a journal ("science", "the lancet"), or nothing (the end: "which journal did it run in")?"""
    word = _next_word(rest)
    return word is None or entity_class(word) == "journal"


def joined(ws: list[str]) -> list[str]:
    """Two-word phrases read as one word ("price tag" → "price"); "say about" → "comment"."""
    ws = [SHORTHAND.get(word, word) for word in ws]
    out: list[str] = []
    i = 0
    while i < len(ws):
        pair = (ws[i], ws[i + 1]) if i + 1 < len(ws) else None
        if pair in PHRASES:
            out += PHRASES[pair].split()
            i += 2
            continue
        if pair is not None and pair[0] in ("ran", "run") and pair[1] == "in" and _journal_next(ws[i + 2 :]):
            # "the paper ran in science", "which journal did it run in": appeared in it, not the training run.
            out += ["published", "in"]
            i += 2
            continue
        if pair is not None and pair[0] == "who" and pair[1] in MAKING and _founded_object(ws[i + 2 :]):
            # "who made deepseek", "the person who make deepseek company": who founded it (not "who made r1").
            out += ["who", "founded"]
            i += 2
            continue
        if ws[i] in STATEMENT_VERBS and (i + 1 == len(ws) or ws[i + 1] in STATEMENT_NEXT):
            out.append("comment")
        else:
            out.append(ws[i])
        i += 1
    return out


def entity_class(word: str) -> str | None:
    for name, members in ENTITY_CLASSES.items():
        if word in members:
            return name
    return None


# Each idiom as (pattern, replacement, its guard or None).
_GUARDED_IDIOMS = tuple(
    (pattern.pattern, replacement, pattern) if isinstance(pattern, Guarded) else (pattern, replacement, None)
    for pattern, replacement in IDIOMS
)


@functools.lru_cache(maxsize=512)  # several readers prepare one question; bounded, for memory
def prepare(text: str) -> str:
    """Idioms read as what they mean ("set them back" → cost), numbers said in words as digits, and "US" the
    country told from "us"."""
    text = figures.spelled_numbers(text)
    # The text is lowered once, and again only when an idiom changed it: most questions hold no guard's word.
    lowered = text.lower()
    for pattern, replacement, guard in _GUARDED_IDIOMS:
        if guard is not None and not guard.holds(lowered):
            continue
        changed = pattern.sub(replacement, text)
        if changed != text:
            text, lowered = changed, changed.lower()
    # "US" the country, not "us" the pronoun: capitals, dots, or a word only a country goes with.
    text = COUNTRY_US.sub("usa", text)
    return COUNTRY_US_LOWER.sub("usa ", text)


PLACES_POSTED = frozenset("blog twitter github substack".split())
NAME_ASKED = re.compile(r"\bwhat(?:'s| is| was| were|s)?\b.*\bcalled\b", re.IGNORECASE)
NAMED_DOCUMENT = re.compile(
    r"\b(?:articles?|headlines?|story|stories|piece|paper|document|journal|site)\b", re.IGNORECASE
)


def terms(text: str, vocab: Vocabulary, *, context: bool = False) -> list[Term]:
    found: list[Term] = []
    seen: set[str] = set()
    text = prepare(text)
    # A figure is a claim, read apart (`figures.find`); its words are not concepts, its dimension is.
    claimed = figures.find(text)
    for figure in reversed(claimed):
        concept = FIGURE_CONCEPTS.get(figure.dimension, "")
        if figure.dimension == "count":
            concept = figure.unit  # "512 H800s": what is counted is part of what is said
        elif figure.dimension == "money" and MARKET_LOSS.search(text, 0, figure.start):
            concept = "stocks"
        text = f"{text[: figure.start]} {concept} {text[figure.end :]}"
    previous = ""
    found_words = joined(words(text))
    # (Both read only when the word they are about is there: this runs for every question.)
    naming_asked = "called" in found_words and bool(NAME_ASKED.search(text)) and not NAMED_DOCUMENT.search(text)
    denied_here = _denied(text) if not PLACES_POSTED.isdisjoint(found_words) else frozenset()
    # (Not "is it accurate that …": "it" is the statement asked about, not a doer.)
    opens_on_doer = len(found_words) > 2 and (
        (found_words[0] in DID and (found_words[1] in DOERS or entity_class(found_words[1]) == "model"))
        or (found_words[0] in AUX and entity_class(found_words[1]) in ("company", "person"))
    )
    for position, word in enumerate(found_words):
        # "what volume of nature", "which exchange": the word a question opens on is what it asks about; with
        # "of" after it, it is a part of the thing named that is asked for ("what volume of nature").
        head = position == 1 and previous in ("what", "which", "whats") and found_words[2:3] == ["of"]
        # "what nature issue was it in": the word after "what" and a named thing is the part of it asked for.
        head = head or (
            position == 2 and found_words[0] in ("what", "which", "whats") and entity_class(previous) == "journal"
        )
        # "which stock exchange fell the most", "which agency questioned deepseek": the things a "which" picks
        # from are what is asked for.
        head = head or (found_words[0] == "which" and position in (1, 2))
        after_determiner = previous in DETERMINERS or (position == 1 and previous in ("what", "which", "whats"))
        # ("my husband read it cost 29,400 dollars": the asker's own people, no one of the story asked about.)
        askers_own = previous in ("my", "our") and word in ASKERS_PEOPLE
        previous = word
        if word in STOPWORDS or word in seen or word in FRAME or askers_own:
            continue
        if (word.isdigit() or ROUGH_NUMBER.fullmatch(word)) and not vocab.knows(word) and word not in READ_ALSO:
            # Figures are read separately; an unknown number ("500ish") is not a concept. (A card the "Read also"
            # links name, "was there a 5090 involved", is a thing off the story.)
            continue
        seen.add(word)
        # "did deepseek smuggle h100s", "is microsoft investigating deepseek", "did liang give any interviews":
        # the first word after a yes/no question's opening and its doer is what it asks about.
        if opens_on_doer and position >= 2:
            head = head or word not in TELLING_VERBS
            opens_on_doer = False
        if (
            word.endswith("s")
            and any(c.isdigit() for c in word)
            and (vocab.knows(word[:-1]) or entity_class(word[:-1]))
        ):
            word = word[:-1]  # "r1s cost", "h100s": a plural, or a possessive typed without its apostrophe
        off_story = word in OFF_STORY or word in READ_ALSO
        known = vocab.knows(word)
        if not known and not off_story and word not in vocab.synonyms:
            fixed = vocab.correct(word)
            if fixed is not None and fixed not in STOPWORDS:
                word = fixed
                known = vocab.knows(fixed)
        forms = {word} | vocab.synonyms.get(word, frozenset())
        if not known:
            known = any(vocab.knows(form) for form in forms)
        # An adverb the lexicon doesn't know ("specifically", "publicly") colours a question, never points it.
        entity = entity_class(word) if word not in ("deepseek",) else None
        if word in PLACES_POSTED and stem(word) in denied_here:
            entity = None  # "in Nature, not just a blog post": the place it was not put names nothing claimed
        if entity is not None and word not in READ_ALSO:
            off_story = False  # "microsoft", "tpu": a named thing, checked against the facts' names
        adverb = word.endswith("ly") and len(word) > 4 and word not in vocab.synonyms
        weak = not off_story and (word in WEAK or stem(word) in WEAK or adverb)
        # "what was the cheaper trick called": the thing named is asked about; "called" only asks its name.
        weak = weak or (word == "called" and naming_asked)
        found.append(
            Term(
                word=word,
                forms=frozenset(forms),
                weak=weak,
                # A named thing is known to the lexicon even when no fact names it: "jensen" is a person.
                known=(known or entity is not None) and not off_story,
                off_story=off_story,
                entity=entity,
                noun=after_determiner,
                head=head,
                context=context,
            )
        )
        if len(found) >= MAX_TERMS:
            break
    return found


@dataclass
class Reading:
    """Everything the engine needs to know about one question."""

    text: str
    kind: Kind
    terms: list[Term]
    claims: list[figures.Figure]
    subjects: set[str]
    prefers: str | None = None  # a dimension whose figure the answer should have ("money" in a cost comparison)
    speaker: str | None = None  # who is asked to have said something: "what did deepseek say about …"

    @property
    def strong(self) -> list[Term]:
        return [term for term in self.terms if not term.weak and not term.context]


# What a bare "how much?" or "for how long?" is about in this story, when nothing else says.
IMPLIED = {"money": "cost", "duration": "hours", "count": "chips"}


MAX_CONTEXT = 12  # terms taken from the sentences around a question
# "which investors", "which startups": a group the answer must name members of.
GROUP_NOUNS = {
    **dict.fromkeys("investors leaders experts analysts critics researchers executives".split(), "person"),
    **dict.fromkeys("startups rivals competitors companies firms labs".split(), "companies"),
    **dict.fromkeys("models".split(), "model"),
}
FUTURE = re.compile(
    r"\b(?:gonna|gunna|going to|will (?!be able)|next year|in the future|planning to|plans? to)\b"
    # "should i short nvda on this": advice on what to do next, which a report of what happened never gives.
    r"|\bshould (?:i|we|u|you|people|investors) (?:buy|sell|short|invest|trade|hold|dump|long|bet)\b"
)
COMPARATIVES = frozenset(
    "more less cheaper pricier bigger smaller larger higher lower faster slower expensive costlier lesser".split()
)
COUNTED = re.compile(r"\bhow many (\w+)")
REAL_FIGURE = re.compile(r"\b(?:real|actual|true) (cost|price|bill|figure|number|amount)\b")
ROUGH_NUMBER = re.compile(r"\d+(?:k|m)?ish")
LONE_PERCENT = re.compile(r"(?<![\d.])\s*%")
MOVES = frozenset("fall fell drop dropped sink sank crash crashed tank tanked plunge plunged rise rose climb".split())
REMARKS = frozenset("say said remark remarks comment comments statement claim make made".split())
COST_ADJECTIVE = re.compile(r"\b(?:low|lower|high|higher)[\s-]cost\b")
HOLDING = re.compile(r"\b(?:have|has|own|owns|owned|possess|possesses|got|stockpile|inventory|hoard|reserves)\b")
# "how many h800s does deepseek own in total, not only for training": the use named is set aside.
BEYOND_USE = re.compile(
    r"\b(?:not (?:just|only)|besides|other than|apart from|beyond|on top of)\s+(?:for |the )*\w+"
    r"(?:\s+(?:cluster|run|phase))?"
)
USING = re.compile(r"\b(?:use|used|uses|using|utilized|train|trained|training|run|ran|cluster|for)\b")
# Not a thing counted: "how many of them", "how many in total", "how many were there".
# (Nor a pronoun: "how many they used" counts what they used.)
COUNT_FILLER = frozenset(
    "of in were was are is did do does have has had total altogether exactly roughly they we you he she it i".split()
)
SPEAKER = re.compile(
    r"\b(?:what|how|has|have|did|does|why|is|was) (?:did |does |has |have |would |is |was )?(?:sam )?(\w+)(?:'s)? "
    r"(?:(?:\w+ly|ever|even|ever even|just|really|already|still|yet) )?"  # "did deepseek ever answer the officials"
    r"(?:say|said|saying|claim|claimed|claiming|"
    r"comment|commented|respond|responded|react|reacted|reply|replied|answer|answered|deny|denied|attack|attacked|"
    r"slam|slammed|blast|blasted|criticize|criticized|criticise|criticised|condemn|condemned)\b"
)

# "what does distillation get you according to deepseek": DeepSeek's own account is asked for.
ACCORDING = re.compile(r"\bac+ording to (?:the )?(?:sam )?(\w+)")


# Words after the last noun of a question that leave it the last: "what was the number again?".
AFTER_THE_LAST = frozenset("again then tho though pls plz please now lol btw".split())
# What makes a sentence about a sum of money: "the training was cheaper than a eurorack wall".
PRICED = frozenset("cheap cheaper cheapest expensive pricey priced costly budget shoestring".split())
BARE_FIGURE = frozenset("number figure amount sum total".split())


def _figure_of_a_sum(kind: Kind, plain: str, context: str) -> bool:
    """ "the training was cheap. what was the number": a bare number asked for after a sentence about a sum,
    of nothing it names as counted, is that sum (not "… how many chips", nor after chips are talked of)."""
    if kind.want not in ("count", "number") or COUNTED.search(plain):
        return False
    ws = set(plain.split())
    around = set(words(context))
    return (
        bool(ws & BARE_FIGURE)
        and not any(CLASS_NOUNS.get(w) for w in ws)
        and bool(around & (PRICED | SPENDING | MONEY_WORDS))
        and not any(CLASS_NOUNS.get(w) == "chip" for w in around)
    )


def read(text: str, vocab: Vocabulary, context: str = "") -> Reading:
    """One question, with the sentences around it (if any) as context."""
    kind = kind_of(prepare(text))  # read as prepared: "what is the h800, as the first article describes it"
    question_terms = terms(text, vocab)
    plain = " ".join(words(text))
    if context and _figure_of_a_sum(kind, plain, context):
        kind = replace(kind, want="money")
    counted = COUNTED.search(plain) if kind.want == "count" else None
    if (
        counted
        and counted.group(1) not in COUNT_FILLER
        and not any(stem(counted.group(1)) in t.stems for t in question_terms)
    ):
        # "how many people use deepseek": the thing counted is named, and no fact counts it.
        word = counted.group(1)
        question_terms.append(Term(word, frozenset({stem(word)}), weak=False, known=False, noun=True))
    elif kind.want == "count" and HOLDING.search(plain) and not USING.search(BEYOND_USE.sub("", plain)):
        # "how many h800s does deepseek have in total": what it owns, where the articles count what one run used.
        question_terms.append(Term("holdings", frozenset({"holdings"}), weak=False, known=False, off_story=True))
    elif kind.want in IMPLIED and not [t for t in question_terms if not t.weak]:
        question_terms += terms(IMPLIED[kind.want], vocab)
    have = {term.word for term in question_terms}
    around = terms(context, vocab, context=True) if context else []
    extra = [term for term in around if term.word not in have and term.known][:MAX_CONTEXT]
    subjects = {SUBJECT_WORDS[term.word] for term in question_terms if term.word in SUBJECT_WORDS}
    # (Idioms read first: "did sam's company respond" is OpenAI's reply asked about.)
    prepared = " ".join(words(prepare(text)))
    said_by = SPEAKER.search(prepared) or ACCORDING.search(prepared)
    speaker = said_by.group(1) if said_by and entity_class(said_by.group(1)) in ("company", "person") else None
    return Reading(text, kind, question_terms + extra, figures.find(prepare(text)), subjects, speaker=speaker)
