"""The answer engine: pure functions from a request to an `Answer`. No Discord types.

Every public method returns an `Answer` for any input — an answer, a list, or
a plain "the articles don't say" — and never raises for odd text.

Reading a free-text question goes:
1. clean it; another language gets a polite reply in English;
2. split a message into its questions (up to three) and the context around them;
3. read each question (`bot.reading`): what kind of answer it wants (a count,
   money, a date, a person, yes/no, …), its concepts (synonyms, typo repair),
   the subjects it names and any figures it claims;
4. find candidates with one FTS5 query over the facts' stemmed text, then score
   each by the concepts it covers, the named things it misses, and whether it
   gives the kind of answer asked for;
5. answer with the first candidate that covers the question — correcting a
   wrong premise ("No: 80 hours") and showing both sides of a comparison or of
   a disagreement between the articles — or say plainly that the articles
   don't say, with the nearest fact labelled as related.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from difflib import get_close_matches

from bot import figures
from bot.errors import NotFound
from bot.lexicon import (
    CHIP_MAKERS,
    CLASS_NOUNS,
    ENTITY_CLASSES,
    FILLER,
    MODEL_ALIASES,
    MODEL_NOISE,
    OUTLETS,
    PERSON_NAMES,
    STOPWORDS,
    SUBJECT_WORDS,
)
from bot.models import Answer, Citation, Fact, Side, Unanswered
from bot.reading import (
    ANTONYM_WORDS,
    AUX,
    COMPARATIVES,
    COUNTRY_NAMES,
    HARD_TYPES,
    MARKET_GROUPS,
    NEGATED,
    OPENER,
    PREP_WORDS,
    RUN_HOURS,
    RUN_WORDS,
    WH,
    YESNO_TAILS,
    Guarded,
    Kind,
    Reading,
    Term,
    Vocabulary,
    alternatives,
    asked_back,
    asks,
    chip_phases,
    claim_antonym_stems,
    company_countries,
    denied_words,
    entity_class,
    is_question,
    kind_of,
    market_mismatch,
    markets,
    negates_stated,
    opens_on_auxiliary,
    opposed,
    opposites,
    parts,
    prepare,
    ranking,
    read,
    resolve_pronouns,
    restricted,
    segments,
    stated_antonyms,
    swapped_phases,
    terms,
)
from bot.storage import FactStore
from bot.text import clean, other_language, stem, words
from bot.which_article import (
    ArticleAsked,
    article_asked,
    article_named,
    article_note,
    cited_positions,
    without_articles,
)

__all__ = ["Engine", "clean", "label_subject", "model_key", "resolve_model", "words"]

log = logging.getLogger(__name__)

MAX_QUESTION = 2000  # characters read from a message: /ask takes 1,000
CANDIDATES = 20
HELD_CACHE = 20_000  # facts whose features stay cached between questions
HELD_SEARCHES = 4096  # full-text searches whose results stay cached (a few hundred bytes each)
CORROBORATION = 0.2  # points per further article that states the fact
LIKENESS = 2.0  # points for a question worded like one of the fact's example questions
QUOTING = 1.0  # points for a fact stating words the question quotes
SAME_FIGURE = 1.0  # points for a fact whose own figure the question names ("who said 294k")
UNKNOWN_WORD = 1 / 3  # an ordinary word no fact uses
UNKNOWN_NOUN = 0.67  # a word after "the", "a", "my", …: more likely what the question is about
UNKNOWN_HEAD = 1.2  # the word after an opening "what"/"which": what is asked for ("what volume of nature")
OFF_STORY_COST = 3.0  # a word for something the articles never cover
QUOTE_WEIGHT = 0.7  # a concept found only in a fact's quotes counts for less than one in its own words

OTHER_COMPANIES = frozenset({"openai", "meta", "nvidia"})
PHASE_NAMES = {"prep": "preparatory phase", "training": "training run"}
# "is r1 more accurate than gpt": how good a model is, which no fact measures.
UNMEASURED_QUALITY = re.compile(
    r"\b(?:accurate|intelligent|clever|creative|reliable|safer|smarter|dumber|smart)\s+(?:than|as)\b", re.IGNORECASE
)
# "who wrote article 1", "the slashdot piece's author": a writer of a news article, which neither names.
_NEWS_PIECE = (
    r"(?:(?:article|piece|story|writeup|write-up)\s*(?:1|2|one|two|a|b)\b|(?:first|second|1st|2nd|other|slashdot|this)"
    r"\s+(?:article|piece|story|one|writeup|write-up)\b|slashdot\b)"
)
NEWS_AUTHOR = re.compile(
    r"\b(?:who\s+(?:wrote|writes|authored|penned)\s+(?:the\s+)?"
    + _NEWS_PIECE
    + r"|"
    + _NEWS_PIECE
    + r"(?:'s|s)?\s+(?:author|writer|journalist|reporter)s?\b)",
    re.IGNORECASE,
)
PAPER_NAMED = re.compile(r"\b(?:nature|paper|study|journal)\b", re.IGNORECASE)
# A ban on DeepSeek itself, told from the export restrictions on chips (CHIP_TRADE).
BANNED = re.compile(r"\b(?:ban|bans|banned|banning|sanctions?|sanctioned|blacklist(?:ed)?|entity list)\b", re.I)
CHIP_TRADE = re.compile(r"\b(?:nvidia|chips?|gpus?|export\w*|restrict\w*|sell\w*|sold|hardware)\b", re.IGNORECASE)
# "which of … / which ones": members a fact saying only "some" leaves unnamed.
VAGUE = re.compile(r"\bsome\b")
MANY = re.compile(r"\b(?:many|numerous|a significant number)\b")
# "how many openai answers were in the crawl, a few or a lot": a rough count, which "many" gives.
ROUGHLY = re.compile(
    r"\b(?:roughly|approx\w*|ballpark|a few or (?:a lot|lots|loads|many|tons)|a lot|lots|loads|tons"
    r"|many or (?:a )?few)\b",
    re.IGNORECASE,
)
WHICH_OF = re.compile(r"\bwhich (?:of|ones)\b", re.IGNORECASE)
# A government's people, as a question or a claim names them ("officials", "regulators", "the ministry").
OFFICIALS = r"(?:officials?|government|gov|govt|regulators?|authorities|lawmakers|administration|ministry|state)"
# "what did the chinese government say", "what did beijing officially say": the articles report only US officials'
# doubts, no other government's words.
OTHER_GOVERNMENT = (
    r"(?:(?:the )?(?:chinese|china'?s|eu|european|japanese|korean|indian|russian|taiwanese|british|uk) "
    rf"{OFFICIALS}|beijing)"
)
SAID_BY_OTHER_GOVERNMENT = re.compile(
    rf"\b(?:what|how|did|has|have|does)\b\W+(?:\w+\W+){{0,2}}?{OTHER_GOVERNMENT}\b(?:\W+\w+){{0,3}}?\W+"
    r"(?:say|said|says|comment\w*|respond\w*|react\w*)\b",
    re.IGNORECASE,
)
# "did deepseek use any huawei ascend chips": whether it ever did, which the chips one run used don't rule out.
ANY_AT_ALL = re.compile(r"\b(?:any|ever|at all)\b", re.IGNORECASE)
ALSO = re.compile(r"\b(?:also|too|as well|alongside|besides|in addition|on top of|other than)\b", re.IGNORECASE)
# "does the 294k include the a100 prep work", "total cost incl salaries and research": what the $294,000 covers
# beyond the 80-hour run, which neither article says.
ALL_IN = re.compile(
    r"\b(?:includ\w*|incl|all[- ]in|tco|total|whole|full|covers?|covered|part of|spent on|went (?:to|into))\b",
    re.IGNORECASE,
)
BEYOND_THE_RUN = re.compile(
    r"\b(?:prep\w*|a100s?|salar\w*|research|r&d|development|developing|failed runs?|everything|other costs?"
    r"|before (?:the )?(?:final |actual )?(?:training|run))\b",
    re.IGNORECASE,
)
SET_ASIDE = re.compile(
    r"\b(?:not counting|excluding|without|besides|apart from|other than|not including|leaving out|minus|after)\b",
    re.IGNORECASE,
)
# "what numbers did the us rivals estimate", "what did the rival estimates say in dollars": their figures.
# (In either order: "what exact dollar estimates did the us rivals give".)
RIVALS_FIGURE = re.compile(
    r"^\W*(?:(?:so|ok|and|but)\s+)?(?:what|whats|how much|how many)\b(?=.*\b(?:rivals?|competitors?)\b)"
    r"(?=.*\b(?:estimates?|estimated?|numbers?|figures?|spend|spent|dollars?|exactly)\b)",
    re.IGNORECASE,
)
RATE_GAP = 16  # characters from a figure to "per hour" that keep it that figure's rate ("294k of training per hour")
PER_UNIT = re.compile(
    r"\b(?:per|an|a)\s+(hour|hr|chip|gpu|card|day|minute)\b|\beach (?:of (?:those|the) )?(chip|gpu|card|h800)s?\b",
    re.IGNORECASE,
)
LATER = re.compile(r"\b(?:eventually|later on|later|since then|afterwards|subsequently|by now|in the end)\b", re.I)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
MAIN_RUN = re.compile(r"\b(?:actual|main|real|final|full|proper)\s+(?:training|run)\b", re.IGNORECASE)
PHASE = re.compile(
    r"\b(?:main|final|real|actual|prep|preparatory|preparation|early|first|before|after|later|80|cluster|phase|stage)\b",
    re.IGNORECASE,
)
# A fact reporting a party's position: it answers what they say or why, less what happened.
_PARTY_SAYS = r"^(?:DeepSeek|OpenAI|Nvidia|Meta)(?:'s \w+)? (?:says|said|argues|claims|insists|maintains"
POSITION = re.compile(_PARTY_SAYS + r")\b")
# What a party says it thinks, reported as its own: the answer to "what did deepseek say about distillation".
STANCE = re.compile(_PARTY_SAYS + r"|credits|(?:has )?(?:consistently )?defend(?:s|ed))\b")
ASKS_POSITION = re.compile(
    r"\b(?:say|says|said|claim|claims|explain|explains|why|how come|intent\w*|purpose|deliberate\w*|accident\w*|"
    r"incident\w*|position|stance|view|think|thinks|respond\w*|react\w*)\b",
    re.IGNORECASE,
)
# Words that weigh two sides against each other, as opposed to asking which of them it was.
WEIGHED = COMPARATIVES | frozenset(
    "spent spend spending cost costs price cheap expensive compare compared comparison difference better worse "
    "bigger smaller stronger weaker".split()
)
CLOSE_EXAMPLE = 0.8  # a question worded nearly as one: all but a word or two
EXACT_EXAMPLE = 0.999  # likeness of a question that is one of a fact's example questions, word for word
COMPARING = frozenset("comparison compare compared comparing vs versus".split())  # say two sides, not a concept
TRAINING = frozenset({"train", "run", "cluster"})  # stems that name the training run
# How much one side outweighs the other, which the answer works out from the two figures; no fact says it.
MAGNITUDE = frozenset("more less bigger smaller larger higher lower lesser greater far apart gap difference".split())
FIGURE_WORDS = frozenset("number figure amount price bill".split())
BARE_WH = frozenset({"when", "why", "where", "how", "who", "how much", "how many", "how long"})
VERDICT = re.compile(r"(?:No|Yes)\b.*?\.(?=\s|$)")
# ("the openai part", "the a100 stuff": a part of what the part before asked about.)
REFERS_BACK = re.compile(
    r"\b(?:it|its|they|them|their|he|his|she|her|that|this|those|these|the \w+ (?:part|stuff|bit|thing))\b",
    re.IGNORECASE,
)
PERSON_BACK = re.compile(r"\b(?:he|his|him|she|her|hes)\b")
THEIRS = re.compile(r"\b(?:they|them|their|theirs)\b", re.IGNORECASE)
JOINING_WORD = re.compile(r"\b(?:and|plus|also|both|as well as)\b|&", re.IGNORECASE)
CONJUNCTION = re.compile(JOINING_WORD.pattern + "|,", re.IGNORECASE)  # a joining word, or a comma
LANGUAGE_REPLY = (
    "I can only answer in English, sorry. Please ask again in English, for example: “How much did it cost to train R1?”"
)
OPINION_ASKED = re.compile(r"\b(?:think|thinks|thought|opinion|view|views|take|stance|feel|feels)\b", re.I)
ROLE_NAMES = {"founder": "liang", "founders": "liang"}  # the role a question sets aside, as the person's name
NOT_SAID = {
    "count": "The articles don't give that number.",
    "number": "The articles don't give that number.",
    "share": "The articles don't give that share.",
    "money": "The articles don't give that figure.",
    "duration": "The articles don't say how long.",
    "date": "The articles don't say when.",
    "who": "The articles don't say who.",
    "where": "The articles don't say where.",
    "age": "The articles don't say.",
}


# -- what a fact can answer ------------------------------------------------------


@dataclass(slots=True)
class Features:
    """What scoring needs to know about one fact, computed once per facts generation."""

    fact: Fact
    main: frozenset[str]  # stems of its own words: answer, aliases, example questions, topic, subject
    quotes: frozenset[str]  # stems only its quotes hold
    named: frozenset[str]  # named things (chips, companies, months, …) in its text
    says: frozenset[str]  # the named things its answer and quotes state (not its example questions)
    wants: frozenset[str]  # kinds of answer it gives
    subjects: frozenset[str]
    examples: tuple[frozenset[str], ...] = ()  # the shape of each example question, as stems
    answer_stems: frozenset[str] = frozenset()  # the content words of its one-sentence answer
    defines: frozenset[str] = frozenset()  # what its answer defines: "The H800 is …" → {"h800"}
    # Which named things each word is said of: "Meta's open-source Llama" binds "open" to {meta}.
    bindings: dict[str, frozenset[str]] = field(default_factory=dict)
    classes: frozenset[str] = frozenset()  # the classes of the named things it names
    figure: figures.Figure | None = None  # its key value, as a figure to compare claims with
    sources: int = 1  # how many articles state it
    stated: frozenset[str] = frozenset()  # stems of what it states (answer, aliases, quotes), not how it is asked
    day: bool = False  # gives a date to the day (a weekday or a day of the month)
    future: bool = False  # says what is expected or may happen ("expected to shape", "could democratize")
    position: bool = False  # reports a party's position ("DeepSeek says …"), not the thing itself
    stance: bool = False  # a party's own view, its position or what it defends ("DeepSeek has consistently defended")
    # What it says belongs to which country: "for the Chinese market" → {"market": "china"}.
    countries: dict[str, str] = field(default_factory=dict)
    speakers: frozenset[str] = frozenset()  # the people whose words it reports: "Sam Altman said …"
    said: str = ""  # what it states, as `stated_text` gives it (kept: the scoring of every candidate reads it)
    # What scoring asks of its answer sentence, read once here rather than for every question:
    years: frozenset[str] = frozenset()  # the years it names
    prep: bool = False  # names a chip of the preparatory phase
    vague: bool = False  # says only "some"
    many: bool = False  # counts only roughly: "many answers generated by OpenAI models"
    day_of_month: bool = False
    antonyms: frozenset[str] = frozenset()  # the stems of what it states that have an opposite
    said_words: str = ""  # what it states, as plain words: for phrases a question quotes
    held: frozenset[str] = frozenset()  # `main | quotes`: what a question's concept is first looked for in

    def likeness(self, shape: frozenset[str]) -> float:
        """How close a question is, word for word, to the nearest of this fact's example questions (0–1)."""
        best = 0.0
        size = len(shape)
        for example in self.examples:
            shared = len(example & shape)
            if shared:
                value = 2 * shared / (len(example) + size)
                if value > best:
                    best = value
        return best

    @property
    def id(self) -> str:
        return self.fact.id


NAMES = frozenset().union(*ENTITY_CLASSES.values())


def stated_text(fact: Fact) -> str:
    """What a fact states, in its own sentence and its quotes (not how people ask for it)."""
    return " ".join([fact.answer, *(c.quote for c in fact.citations)])


def misses_allowed(reading: Reading) -> int:
    """How many of a message's known concepts a fact may leave unmatched: one in three (an ordinary verb, a
    side remark, "…, trust me"); named things don't count towards that, each must be matched."""
    return len([t for t in reading.strong if t.known and t.entity is None]) // 3


def _reports_words_of(speaker: str | None, feats: Features) -> bool:
    """Does the fact report what `speaker` said or holds ("what did altman say": "Altman said …")?

    True when no one is asked about."""
    if speaker is None:
        return True
    said = PERSON_NAMES.get(speaker, "") in feats.speakers
    if said or ((feats.position or feats.stance) and family(speaker) == family(feats.fact.subject)):
        return True
    # "what did deepseek say about a100s": "… DeepSeek acknowledged … that it owns A100 chips" is its word.
    return any(family(m.group(1).lower()) == family(speaker) for m in ACKNOWLEDGED.finditer(feats.fact.answer))


CONDITION = re.compile(r"\b(?:if|since|though|although|given that|when)\b(.+)$", re.IGNORECASE)
EVALUATIVE = re.compile(
    r"^\W*(?:\w+\W+){0,2}(?:a lot|a bunch|much|too much|expensive|pricey|cheap|big|huge|small|tiny|low|high|crazy|"
    r"insane|wild|normal|reasonable|impressive)\b",
    re.IGNORECASE,
)
BACKING_DOWN = re.compile(r"\b(?:back(?:ed|ing|s)? (?:off|down)|backtrack\w*|backpedal\w*|retreat\w*)\b", re.I)
CONCESSION = re.compile(r"\b(?:despite|in spite of|regardless of|even though)\b(.+)$", re.IGNORECASE)


def _condition_words(reading: Reading) -> frozenset[str]:
    """ "why did deepseek train r1 on h100s if those are restricted": the words of the reasoning a why-question
    ends on, which the fact answering it need not hold."""
    # ("so they trained r1 on h100s despite the export ban?": what the asker holds against it, in any question.)
    conceded = CONCESSION.search(reading.text)
    if conceded is not None and conceded.start() > 0:
        return frozenset(words(conceded.group(1)))
    if reading.kind.want != "why" or (found := CONDITION.search(reading.text)) is None or found.start() == 0:
        return frozenset()
    return frozenset(words(found.group(1)))


def _claims_against_its_figure(
    reading: Reading, s: Scored, givers: dict[figures.Figure, set[str]] | None = None
) -> bool:
    """Does the question claim a figure of the fact's kind that the fact's own figure contradicts?

    With `givers` (the facts giving each claimed figure), not a figure another fact gives, unless the question
    names what this fact is about: "how much of the 294k was chips" names R1's cost, no claim against Altman's
    $100 million.
    """
    known = s.features.figure
    if known is None:
        return False
    own = any(t.entity is not None and t.word in s.features.named for t in reading.terms)
    return any(
        figures.compare(claim, known) == "different"
        and (own or givers is None or not givers.get(claim, set()) - {s.id})
        for claim in reading.claims
        if claim.dimension == known.dimension
    )


def _figure_givers(reading: Reading, ranked: list[Scored]) -> dict[figures.Figure, set[str]]:
    """For each figure a question claims, the candidate facts whose own figure is the same."""
    return {
        claim: {
            s.id
            for s in ranked
            if (known := s.features.figure) is not None
            and known.dimension == claim.dimension
            and figures.compare(claim, known) == "same"
        }
        for claim in reading.claims
    }


def _claims_as_a_rate(reading: Reading, s: Scored) -> bool:
    """Does the question claim the very money figure the fact gives, as a rate: "$294k per hour", "each of
    those h800s cost 294k" (not "the cost per gpu-hour they assumed for the 294k")?"""
    known = s.features.figure
    if known is None or known.dimension != "money":
        return False
    rates = list(PER_UNIT.finditer(prepare(reading.text)))
    return any(
        figures.compare(claim, known) == "same"
        and any(
            0 <= rate.start() - claim.end <= RATE_GAP or (rate.group(2) and rate.end() <= claim.start) for rate in rates
        )
        for claim in reading.claims
        if claim.dimension == "money"
    )


UNIT_WORDS = {"duration": RUN_HOURS | {"h"}, "count": frozenset({"chips", "chip", "gpus"})}


def _units_naming_the_run(reading: Reading, s: Scored, ranked: list[Scored]) -> frozenset[str]:
    """The unit words of a figure in the question that another fact of the fact's subject states as its own:
    "for the 80 hrs" names R1's run, so "hours" is not asked of the chip count."""
    if not reading.claims:
        return frozenset()
    subject = s.features.fact.subject
    for claim in reading.claims:
        if claim.dimension not in UNIT_WORDS or (s.features.figure and s.features.figure.dimension == claim.dimension):
            continue
        if any(
            r is not s
            and r.features.fact.subject == subject
            and r.features.figure is not None
            and figures.compare(claim, r.features.figure) == "same"
            for r in ranked[:8]
        ):
            return UNIT_WORDS[claim.dimension]
    return frozenset()


THE_RUN = TRAINING - {"cluster"}  # stems that name the training run itself (not a cluster one could buy)
BOUGHT = re.compile(r"\b(?:buy|bought|purchase\w*|price\w*|pay|paid|rent\w*|each|single|one|per|apiece)\b", re.I)


def _the_runs_chips(reading: Reading, s: Scored, ranked: list[Scored]) -> bool:
    """ "how much did the training on the h800s cost": the chips the run used, named beside the run, are the
    run's, which a fact about the run (its cost, its hours) need not name; not "how much does one h800 cost",
    "what did the 512 h800s cost to buy", nor the A100s of another phase."""
    named = s.missed_named
    if not named or any(t.entity != "chip" for t in named) or s.features.fact.subject != "r1":
        return False
    if not THE_RUN & {stem(w) for w in words(reading.text)} or BOUGHT.search(reading.text):
        return False
    counted = {
        word
        for r in ranked[:8]
        if r.features.fact.subject == "r1" and r.features.figure is not None and r.features.figure.dimension == "count"
        for word in r.features.says
        if entity_class(word) == "chip"
    }
    return all(t.word in counted for t in named)


def names_the_run(text: str) -> bool:
    return bool(TRAINING & {stem(w) for w in words(text)})


def counted_nowhere(chips: set[str], ranked: list[Scored]) -> bool:
    """Chips a fact says DeepSeek used, but with no count: the A100s of the preparatory phase."""
    return any(
        chips & r.features.says and r.features.fact.subject in ("r1", "deepseek") and r.features.figure is None
        for r in ranked[:5]
    )


def _uncounted_chips(reading: Reading, s: Scored, ranked: list[Scored]) -> set[str]:
    """ "how many a100 chips did deepseek use": the chips it did use that no fact counts (empty if none), so
    the run's count of its H800s is no answer, nor a premise to correct ("how many a100s did they train r1
    on" is one: the run was on H800s)."""
    if reading.kind.want not in ("count", "number") or names_the_run(reading.text):
        return set()
    chips = {t.word for t in s.contrast if t.entity == "chip"}
    return chips if chips and counted_nowhere(chips, ranked) else set()


def states_in_passing(fact: Fact, claim: figures.Figure) -> bool:
    """Does the fact's sentence give the claimed figure, whatever its own figure is ("R1's $294,000 training
    bill is a fraction of …")?"""
    return any(figures.compare(claim, figure) == "same" for figure in figures.find(fact.answer))


def _named_form(word: str) -> str | None:
    """The named thing a word is, plurals folded: "H800s" names the H800."""
    if word in NAMES:
        return word
    if word.endswith("s") and word[:-1] in NAMES:
        return word[:-1]
    return None


def features(fact: Fact) -> Features:
    own = " ".join([fact.topic, fact.subject, fact.answer, *fact.aliases, *fact.questions])
    quoted = " ".join(c.quote for c in fact.citations)
    said = stated_text(fact)  # its answer and quotes
    own_words = set(words(own))
    all_words = own_words | set(words(quoted))
    main = frozenset(stem(word) for word in own_words)
    named = frozenset(singular for word in all_words if (singular := _named_form(word)) is not None)
    says = frozenset(singular for word in words(said) if (singular := _named_form(word)))
    subjects = {fact.subject} | {
        SUBJECT_WORDS[w] for w in set(words(fact.answer)) | set(fact.aliases) if w in SUBJECT_WORDS
    }
    # Which articles state it counts as quoted: "what worries does the slashdot piece list".
    quotes = frozenset(stem(word) for word in words(quoted) + [c.source for c in fact.citations]) - main
    return Features(
        fact=fact,
        main=main,
        quotes=quotes,
        named=named,
        says=says,
        wants=answer_kinds(fact, all_words),
        subjects=frozenset(subjects),
        examples=tuple(shape_of(question) for question in fact.questions),
        answer_stems=frozenset(stem(w) for w in words(fact.answer) if w not in STOPWORDS),
        defines=frozenset(m.group(1).lower() for m in DEFINES.finditer(fact.answer)),
        bindings=bindings(said),
        # DeepSeek is named everywhere: naming it doesn't make a fact one to hold another company against.
        # Only what the fact states: an example question naming the H800 doesn't make "80 hours" say a chip.
        classes=frozenset(c for word in named - {"deepseek"} if word in says and (c := entity_class(word)) is not None),
        figure=figures.fact_figure(fact.value, fact.unit, fact.qualifier),
        sources=len({c.source for c in fact.citations}),
        stated=frozenset(stem(w) for w in words(" ".join([fact.answer, *fact.aliases, quoted]))),
        day=bool(all_words & ENTITY_CLASSES["weekday"]) or bool(DAY_OF_MONTH.search(fact.answer)),
        future=bool(FUTURE_FACT.search(said)),
        position=bool(POSITION.match(fact.answer)),
        stance=bool(STANCE.match(fact.answer)),
        countries=markets(said),
        speakers=frozenset(
            PERSON_NAMES[m.group(1).lower()] for m in SAID.finditer(fact.answer) if m.group(1).lower() in PERSON_NAMES
        ),
        said=said,
        years=frozenset(YEAR.findall(fact.answer)),
        prep="prep" in chip_phases(fact.answer).values(),
        vague=bool(VAGUE.search(fact.answer)),
        many=bool(MANY.search(fact.answer)),
        day_of_month=bool(DAY_OF_MONTH.search(fact.answer)),
        antonyms=stated_antonyms(said),
        said_words=" ".join(words(said)),
        held=main | quotes,
    )


BIND_WINDOW = 2  # content words either side


def bindings(text: str) -> dict[str, frozenset[str]]:
    """For each content word, the families of the named things next to it in the fact's own sentences."""
    tokens = [word for word in words(text) if word not in STOPWORDS]
    found: dict[str, set[str]] = {}
    for i, word in enumerate(tokens):
        near = tokens[max(0, i - BIND_WINDOW) : i + BIND_WINDOW + 1]
        named = {family(w) for w in near if w != word and family(w) in PROPERTY_HOLDERS}
        if named:
            found.setdefault(stem(word), set()).update(named)
    return {key: frozenset(value) for key, value in found.items()}


def family(word: str) -> str:
    """R1 and V3 are DeepSeek's, Llama is Meta's, GPT is OpenAI's; a chip stays itself."""
    return FAMILIES.get(word, word)


def shape_of(text: str) -> frozenset[str]:
    """A question's words, function words included ("who is the h800 made for"), chat filler left out."""
    return frozenset(stem(word) for word in words(text) if word not in FILLER)


DEFINES = re.compile(r"^(?:The |An? )?([\w-]+) (?:is|are|was|means)\b")
FUTURE_FACT = re.compile(
    r"\b(?:expected|could|will|would|may|might|likely|plans?|future|next|still|continue|continues|working on|"
    r"risks?|warn|warns|warned)\b",  # (a risk warned of is what may come: "is ai gonna take jobs")
    re.IGNORECASE,
)
DAY_OF_MONTH = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}\b"
)
FAMILIES = {
    **dict.fromkeys(("deepseek", "r1", "v3"), "deepseek"),
    **dict.fromkeys(("meta", "llama", "facebook"), "meta"),
    **dict.fromkeys(("openai", "gpt", "chatgpt", "altman"), "openai"),
}
RESPONDING = frozenset(stem(w) for w in "respond response reply answer comment statement react reaction deny".split())
# What any party may do as well as another: reply, react, question the figures.
PARTY_ACTS = RESPONDING | frozenset(
    stem(w)
    for w in (
        "reaction react question questioned questioning doubt doubted criticize criticized refuse refused decline "
        "declined"
    ).split()
)
OUTPUTS = frozenset("answers responses outputs".split())
MATERIAL = OUTPUTS | frozenset("content data stuff text material".split())
# Words quoted in a question: "what's the 'much more' about" (not the apostrophe of "what's").
QUOTED = re.compile(r"(?<!\w)['\"‘“]([^'\"‘’“”]{3,80}?)['\"’”](?!\w)")
ASKS_MEANING = re.compile(r"\bmeans?\b(?! for)|\bmeaning\b|\bdefin\w*|\bterm\b", re.IGNORECASE)
DEFINED_PRONOUN = re.compile(
    r"\bwhat (?:does|do|did) (it|that|this) (?:even |actually |really )?mean\b"
    r"|\bwhat(?:'s| is|s) (it|that|this)\b(?=\s*(?:in |here|exactly|actually|\?|$))"
    r"|\bsays? (it|that) is\b",
    re.IGNORECASE,
)
# "whats an h20 chip", "what is a tpu": what a thing is, asked first.
WHAT_IS_A = re.compile(
    rf"^\W*{OPENER}(?:what|whats|what's|wat)\s+(?:is\s+|are\s+|s\s+)?(?:an?\s+|the\s+)?([\w-]+)"
    # (The thing itself, ending the clause: not "whats the google model deepseek distilled", a premise to correct.)
    r"(?:\s+(?:chips?|gpus?|cards?|models?|company|thing))?\s*(?:[?,.!;]|\band\b|\bexactly\b|\bagain\b|$)",
    re.IGNORECASE,
)
# (A quote opens and closes outside a word: in "what's deepseek's goal" the apostrophes quote nothing.)
WORD_MEANING = re.compile(r"(?<!\w)['\"‘“][\w\s-]+['\"’”](?!\w)|\bmeans?\b(?! for)|\bmeaning\b", re.IGNORECASE)
HOW_LONG_HAS = re.compile(r"\bhow long (?:has|have|had|hes|has it|did it stay)\b", re.IGNORECASE)
SINCE_WHEN = re.compile(
    r"\bsince (?:its |their |the )?(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|\d{4})\b",
    re.IGNORECASE,
)
TIMES = re.compile(r"\d+(?:\.\d+)?x")  # "3x cheaper": a ratio, not a version
EXACT = re.compile(r"\b(?:exact|exactly|precise|precisely|specific|itemi[sz]ed)\b", re.IGNORECASE)
HOW_FAR_BEYOND = re.compile(r"\bhow (?:much|far) (?:more|over|above|beyond|higher|bigger)\b", re.IGNORECASE)
SAID = re.compile(r"\b(\w+) (?:said|says|told|stated)\b")
ACKNOWLEDGED = re.compile(r"\b(\w+) (?:acknowledged|admitted|conceded|confirmed)\b")
# The figure just after this is told as the story's model's own: "deepseek r1 cost was …".
OWN_FIGURE = re.compile(
    r"\b(?:r1|deepseek)(?:'?s)?\s+(?:\w+\s+){0,2}(?:cost|costs|was|spent|took|for)(?:\s+(?:was|only|just|about))?\W*$"
)
# The one accusing, asked for ("who first made the distillation accusation"; not "who accused who of what").
WHO_ACCUSED = re.compile(
    r"\bwho\s+(?:first\s+|originally\s+|actually\s+|even\s+|exactly\s+|really\s+)?(?:accused|alleged|asserted|"
    r"made the (?:\w+\s+)?(?:accusations?|assertions?|allegations?|claims?))\b(?!\s+who)",
    re.IGNORECASE,
)
DISTILLING = re.compile(r"\bdistill", re.IGNORECASE)
# The chips the articles say DeepSeek had without saying how it came by them (the H800 was made for China).
UNEXPLAINED_CHIPS = frozenset({"a100"})
HOW_OBTAINED = re.compile(
    r"\b(?:how|where|from where|from whom) (?:did|do|does|could|would|was|were|has|have|is|are|come)\b"
    r"(?:\s+\w+){0,3}?\s+"
    r"(?:get|gets|got|getting|obtain\w*|acquir\w*|source[ds]?|sourcing|buy|bought|import\w*|smuggl\w*|procur\w*)\b",
    re.IGNORECASE,
)
CALENDAR = re.compile(r"\bmonth\b|\bcalendar\b", re.IGNORECASE)
_SAYING = "said|says|say|saying|told|stated|claimed|claims"
SAYING = re.compile(rf"\b(?:{_SAYING})\b", re.IGNORECASE)
# "who said 294k", "who put the cost at 294,000", "where does the 294k come from": whose figure it is.
ATTRIBUTED = re.compile(
    rf"\b(?:{_SAYING}|put|puts|reported|reports|gave|give|disclosed|revealed|came|come|comes|source)\b",
    re.IGNORECASE,
)
REMARK = frozenset(
    stem(w) for w in "comment comments remark remarks quote line claim according statement wording".split()
)
# Verbs that report what a party says: a fact reporting DeepSeek's position holds "deepseek admitted …".
SPEAKING = frozenset(
    stem(w)
    for w in "admit admitted admits admitting acknowledge acknowledged acknowledges confess confessed concede "
    "conceded insist insisted insists maintain maintained maintains state stated explain explained claim claims "
    "claimed argue argues argued".split()
)
DISCLOSING = frozenset(
    stem(w) for w in "disclose disclosed reveal revealed announce announced claim claimed claiming".split()
)
FIGURE_WANTS = frozenset({"number", "money", "count", "duration"})
PROPERTY_HOLDERS = frozenset({"deepseek", "meta", "openai", "nvidia"}) | (ENTITY_CLASSES["company"] - {"slashdot"})
COPULAS = frozenset("is are was were isnt arent wasnt werent".split())
MONTHS = ENTITY_CLASSES["month"] | ENTITY_CLASSES["weekday"]
# A question naming one of these wants a fact naming it; a market or month only counts against a fact
# that names a different one.
CORE_CLASSES = frozenset({"chip", "model", "company", "person", "journal"})
PEOPLE = ENTITY_CLASSES["person"]
# "which country was the h800 made for": a fact naming a country's market ("the Chinese market") names a country.
COUNTRY = frozenset(stem(word) for word in ("country", "countries", "nation", "nations"))
CHIP_WORDS = frozenset(w for w, c in CLASS_NOUNS.items() if c == "chip")
# Named things whose swap in any question is a premise to correct ("why'd they use h100s", "why did musk
# co-author it"): each fact of the story names one. Not models or companies: "how much did v3 cost" asks
# about another model the articles name, not R1 under a wrong name.
SWAPPED = frozenset({"chip", "journal", "person", "weekday", "market", "month"})
ORGS = (ENTITY_CLASSES["company"] - {"deepseek"}) | frozenset(
    "officials investors experts leaders startups government governments market markets".split()
)
PLACES = frozenset(
    "china chinese us usa american america beijing nature journal document supplementary appendix".split()
)
COUNTRY_MARKET = re.compile(r"\b(?:chinese|china|us|american|global) market\b", re.IGNORECASE)


def answer_kinds(fact: Fact, fact_words: set[str]) -> frozenset[str]:
    """The kinds of question a fact answers: what its example questions ask, and what its words give."""
    kinds = {want for q in fact.questions if (want := kind_of(q).want)}
    unit = (fact.unit or "").lower()
    if fact.value is not None:
        kinds.add("number")
        kinds.add({"usd": "money", "hours": "duration", "days": "duration"}.get(unit, "count"))
    if fact_words & MONTHS or any(re.fullmatch(r"(19|20)\d\d", word) for word in fact_words):
        kinds.add("date")
    if fact_words & PEOPLE or fact_words & ORGS:
        kinds.add("who")
    # (A market is a place when it is a country's: "the Chinese market", not "the stock market".)
    if fact_words & PLACES or COUNTRY_MARKET.search(fact.answer):
        kinds.add("where")
    return frozenset(kinds)


# -- scoring ---------------------------------------------------------------------


@dataclass(slots=True)
class Scored:
    features: Features
    rank: float
    points: float = 0.0
    support: int = 0  # strong concepts of the question this fact holds
    weak: int = 0
    context: int = 0
    missed: list[Term] = field(default_factory=list)  # known concepts it does not hold
    missed_named: list[Term] = field(default_factory=list)  # named things it does not hold
    contrast: list[Term] = field(default_factory=list)  # named things it replaces with another of their class
    misbound: list[Term] = field(default_factory=list)  # what it says of something other than what was asked
    gives: bool = True  # gives the kind of answer asked for
    likeness: float = 0.0  # how close the question is to one of the fact's example questions

    @property
    def id(self) -> str:
        return self.features.id


def score(reading: Reading, candidates: list[tuple[Features, float]], idf: dict[str, float]) -> list[Scored]:
    scored = []
    want = reading.kind.want
    if want in ("who", "where") and (reading.kind.choice or reading.kind.comparison):
        want = None  # "who spent more, deepseek or the us labs": the answer is one of the sides named
    # "is deepseek open source?": a property asked of a company or model, to hold against whom the fact says it of.
    # ("was the openai content intentional": a company named before what came from it holds nothing itself.)
    ws = words(reading.text)
    sources_of = {w for w, after in itertools.pairwise(ws) if after in MATERIAL}
    # ("is r1 open source like llama": what it is likened to is the example, not what is asked about.)
    likened = {after for w, after in itertools.pairwise(ws) if w in ("like", "unlike")}
    # "did the r1 training also use crawled openai answers like v3": asked of R1, V3 the example set beside it.
    models_asked = {t.word for t in reading.terms if not t.context and t.word in OWN_MODELS and t.word not in likened}
    models_likened = [t for t in reading.terms if t.word in OWN_MODELS and t.word in likened and not t.context]
    asked_families = {
        family(t.word)
        for t in reading.terms
        if not t.context and family(t.word) in PROPERTY_HOLDERS and t.word not in sources_of | likened
    }
    if asked_families:
        # ("what was v3 trained on and was the openai part intentional": the part before says whose it is.)
        asked_families |= {family(t.word) for t in reading.terms if t.context and family(t.word) in PROPERTY_HOLDERS}
    first = ws[:1]
    property_question = bool(first) and first[0] in COPULAS and not (reading.kind.comparison or reading.kind.choice)
    # "it cost $20M right?": a claimed figure points at the fact that gives a figure of its kind (below).
    claimed = {claim.dimension for claim in reading.claims}
    asks_position = bool(ASKS_POSITION.search(reading.text))
    asked_weekday = bool(set(ws) & ENTITY_CLASSES["weekday"])
    # "exact date … like day and month": a calendar date, which a weekday is not.
    asked_calendar = reading.kind.day and bool(CALENDAR.search(reading.text))
    # "what year does article one give for the january release": of two accounts, the one with a year.
    asked_year = reading.kind.want == "date" and bool(set(ws) & {"year", "yr", "years"})
    exact = bool(EXACT.search(reading.text))
    rough = asks_roughly(reading)
    # (Only when the year is the one figure: in "a june 2023 paper with a 294k cost" it dates the paper.)
    years = {str(int(c.value)) for c in reading.claims if c.dimension == "year"} if len(reading.claims) == 1 else set()
    shape = shape_of(reading.text)
    asked = _asked_stems(reading)
    # A rare word matters more than one every fact uses (computed once per question, not per fact).
    weights = [max((idf.get(form, 1.0) for form in term.stems), default=1.0) for term in reading.terms]
    speaker = family(reading.speaker) if reading.speaker is not None else None
    # "what did altman claim": nothing asked but what the person said, which a fact reporting their words holds
    # (not "what did altman say about deepseek": a topic of theirs no fact gives).
    # ("what year did altman make his statement": the one person named is whose remark it is.)
    people = {PERSON_NAMES[t.word] for t in reading.terms if not t.context and t.word in PERSON_NAMES}
    said_by = PERSON_NAMES.get(reading.speaker or "", "") or (next(iter(people)) if len(people) == 1 else "")
    # "altman said that back in 2021 didnt he": the fact reporting his words is the one the question is about.
    says = bool(said_by) and bool(SAYING.search(reading.text))
    only_said = bool(said_by) and all(
        t.entity == "person" or t.word_stem in REMARK for t in reading.terms if not t.context
    )
    # ("the chatgpt answers in the scrape": answers as data, not as anyone's reply.)
    replies = (
        [term for term in reading.strong if term.stems & RESPONDING and term.word not in OUTPUTS]
        if speaker is not None
        else []
    )
    # "h800 or h100 for the run?": the named things offered, one of which the answer should state.
    offered = (
        {t.word for t in reading.terms if t.entity is not None} & _options(reading.text)
        if reading.kind.choice
        else set()
    )
    # "a100 or h800 for the actual training?": the run itself, not the preparatory phase before it.
    main_run = bool(MAIN_RUN.search(reading.text)) and not set(ws) & PREP_WORDS
    named = frozenset(t.word for t in reading.terms if t.entity is not None)
    # "has deepseek backed off distillation": a word whose opposite a fact states is about that fact.
    contrary = bool(asked & ANTONYM_WORDS)
    claimed_stems = claim_antonym_stems(reading.text) if contrary else frozenset()
    # What each term is, worked out once per question, not once per candidate.
    # ("what figure did deepseek disclose for r1": the figure disclosed is the fact giving that figure.)
    figure_wanted = want in FIGURE_WANTS
    per_term = [
        (
            term,
            weight,
            term.stems,
            remark := term.word_stem in REMARK,
            speaking := term.word_stem in SPEAKING,
            country := bool(term.stems & COUNTRY),
            disclosed := figure_wanted and term.word_stem in DISCLOSING,
            remark or speaking or country or disclosed,  # a concept a fact may hold in other ways than its words
            not term.context and not term.weak and term.known,  # one whose absence counts against a fact
        )
        for term, weight in zip(reading.terms, weights, strict=True)
    ]
    claimed_pairs = {(claim.dimension, claim.value) for claim in reading.claims}
    # "what number is 'much more' than 100m": words quoted from a fact say it is the one asked about.
    quoted = quoted_phrases(reading.text)
    which_of = reading.kind.asks_class == "members" or bool(WHICH_OF.search(reading.text))
    whose_figure = bool(claimed_pairs) and want in ("who", "where") and bool(ATTRIBUTED.search(reading.text))
    asks_headline = HEADLINE_STEM in asked
    for feats, rank in candidates:
        s = Scored(feats, rank)
        against = opposed(claimed_stems, feats.antonyms)
        s.likeness = feats.likeness(shape)
        s.points += LIKENESS * s.likeness
        # Precision as well as recall: a fact saying much the question doesn't ask about is a worse fit.
        s.points -= min(1.0, 0.08 * len(feats.answer_stems - asked))
        if feats.figure is not None and (
            feats.figure.dimension in claimed or feats.figure.dimension == reading.prefers
        ):
            s.points += 0.8  # a figure to hold the claimed one against
        if asked_year and not feats.years:
            s.points -= 0.5
        if years and (dated := feats.years):
            # "ceo of openai said what in 2023": the fact dated to that year; "altman said that back in 2021
            # didnt he": a dated fact is the one to hold another year against.
            s.points += 0.6 if years & dated else 0.4
        if says and said_by in feats.speakers:
            s.points += 0.5
        if main_run and feats.prep:
            s.points -= 0.8
        if feats.position and not asks_position:
            s.points -= 0.4  # "did v3 get trained on openai answers": what was in the data, not DeepSeek's account
        # A fact both articles state is central to the story: it wins a tie with a side detail.
        s.points += CORROBORATION * (feats.sources - 1)
        if quoted and any(f" {phrase} " in f" {feats.said_words} " for phrase in quoted):
            s.points += QUOTING
        if offered and offered & feats.says:
            s.points += 0.6
        # ("altman's 100 mil comment": the remark is the fact giving that figure.)
        gives_claimed = feats.figure is not None and (feats.figure.dimension, feats.figure.value) in claimed_pairs
        if gives_claimed:
            s.points += SAME_FIGURE
        held = feats.held
        for term, weight, stems, remark, speaking, country, disclosed, special, counts in per_term:
            if not special and stems.isdisjoint(held) and (not against or stems.isdisjoint(against)):
                hit = 0.0  # (most concepts miss most candidates: the quick way past the ways below)
            elif not stems.isdisjoint(feats.main):
                hit = 1.0
            elif not stems.isdisjoint(feats.quotes):
                hit = QUOTE_WEIGHT
            elif not stems.isdisjoint(against):
                hit = QUOTE_WEIGHT  # the premise the answer corrects
            elif remark and gives_claimed:
                hit = 1.0  # "altman's 100 mil comment": the remark is the fact giving that figure
            elif remark and only_said and said_by in feats.speakers:
                hit = 1.0  # "what did sam altman claim": the fact reporting what he said
            elif remark and feats.stance and speaker == family(feats.fact.subject):
                hit = 1.0  # "what did deepseek say about distillation": the fact giving DeepSeek's position
            elif speaking and (feats.position or feats.stance):
                hit = 1.0  # "deepseek admitted it deliberately scraped …" against "DeepSeek says … incidental"
            elif (country and feats.countries) or (disclosed and feats.figure is not None and want in feats.wants):
                hit = 1.0
            else:
                hit = 0.0
            if hit:
                if term.context:
                    s.context += 1
                    s.points += 0.4 * hit * weight
                elif term.weak:
                    s.weak += 1
                    s.points += 0.35 * hit * weight
                else:
                    s.support += 1
                    s.points += hit * weight + (0.25 if term.word_stem in feats.main else 0.0)
            elif counts:
                if term.entity is not None:
                    s.missed_named.append(term)
                    if term.entity in feats.classes:
                        # (Once: for "google tpus" the chip, not its maker before it.)
                        counted = any(reading.kind.yesno or c.entity in SWAPPED for c in s.contrast)
                        if not counted and (reading.kind.yesno or term.entity in SWAPPED):
                            s.support += 1  # "was it in science?": about the fact naming a journal
                        s.contrast.append(term)
                else:
                    s.missed.append(term)
                # ("a100 or h800 for the actual training?": the option a fact does not pick is no miss.)
                if not (term.word in offered and offered & feats.says):
                    s.points -= 0.8 * weight
        if models_likened and models_asked and feats.fact.subject not in models_asked:
            likened_subject = [t for t in models_likened if t.word == feats.fact.subject]
            if likened_subject:
                s.misbound += likened_subject
                s.points -= 1.0
        if property_question and asked_families:
            for term in reading.terms:
                if term.weak or term.context or term.entity is not None:
                    continue
                bound = set().union(*(feats.bindings.get(form, frozenset()) for form in term.stems))
                if bound and not bound & asked_families:
                    # "is deepseek open source": the fact says it of Llama, not of what was asked about.
                    s.misbound.append(term)
                    s.points -= 1.0
        if speaker is not None:
            for term in replies:
                bound = set().union(*(feats.bindings.get(form, frozenset()) for form in term.stems))
                if bound and speaker not in bound:
                    # "what did deepseek say about …": OpenAI's silence is not DeepSeek's reply.
                    s.misbound.append(term)
                    s.points -= 1.0
        if want in HARD_TYPES:
            s.gives = kind_given(want, feats.wants)
            # ("what price is in the headline of article 2": the headline, quoted, gives whatever it holds.)
            s.gives = s.gives or (asks_headline and HEADLINE_STEM in feats.main and _holds_kind(feats, want))
            # ("who said 294k": the fact giving that figure says whose it is.)
            s.gives = s.gives or (whose_figure and gives_claimed)
            s.gives = s.gives or (rough and feats.many)
            # ("how long has deepseek been low profile": "since its January release" says for how long.)
            s.gives = s.gives or (
                want == "duration" and bool(HOW_LONG_HAS.search(reading.text) and SINCE_WHEN.search(feats.fact.answer))
            )
            s.points += 0.9 if s.gives else -0.6
        elif want is not None and want in feats.wants:
            s.points += 0.3
        elif want == "why":
            s.points -= 0.3  # "why was the h800 even a thing": a reason, not the fact that names it most
        if want == "definition" and any(term.word in feats.defines for term in reading.terms):
            s.points += 0.8  # "what is an h800": the fact that says "The H800 is …"
        if reading.kind.future and not feats.future:
            s.gives = False  # "is deepseek gonna buy more chips": the articles report what happened
            s.points -= 0.6
        if (
            exact
            and want in ("money", "count", "number")
            and feats.figure is not None
            and feats.figure.bound != "exact"
        ):
            s.gives = False  # "exactly how much did openai spend": "much more than $100 million" is no exact figure
        if which_of and feats.vague:
            s.gives = False  # "which particular statements did the officials question": the fact says only "some"
        if reading.kind.day and "date" in feats.wants and not feats.day:
            s.gives = False  # "the exact date": a month is not a day
        elif reading.kind.day and asked_weekday and not feats.day_of_month:
            s.gives = False  # "the exact calendar date of that wednesday": the weekday is what the asker has
        elif asked_calendar and not feats.day_of_month:
            s.gives = False
        if want == "date" and years and years <= feats.years and not feats.day and not feats.named & MONTHS:
            # "when in 2023 did altman say that, what event": the year is what the asker has; the fact gives no more.
            s.gives = False
        if reading.kind.asks_class is not None:
            fits = _names_class(feats, reading.kind.asks_class, named)
            s.gives = s.gives and fits
            s.points += 0.4 if fits else -0.4
        scored.append(s)
    scored.sort(key=lambda s: (-s.points, s.rank))
    return scored


OWN_MODELS = frozenset({"r1", "v3"})  # DeepSeek's models, as the facts' subjects name them
HEADLINE_STEM = stem("headline")
_DOLLARS = r"(?:\$|\b(?:usd|us dollars?|dollars?|bucks)\b)"
_YUAN = r"\b(?:yuan|rmb|renminbi|cny)\b"
CURRENCY_ASKED = Guarded(
    re.compile(rf"{_DOLLARS}.*\bor\b.*{_YUAN}|{_YUAN}.*\bor\b.*{_DOLLARS}|\b(?:what|which) currency\b", re.I),
    "currency",
    "yuan",
    "rmb",
    "renminbi",
    "cny",
)
LOCATED = re.compile(r"\b(?:located|location|situated|housed|hosted|data ?cent(?:er|re)s?)\b", re.IGNORECASE)
# Things of the story the articles never tell, however well the rest of a question matches (one pattern, guarded:
# it is tried on every question).
UNTOLD = Guarded(
    re.compile(
        # "who owns deepseek": the articles name its founder, no owner.
        r"\bwho (?:owns|own|controls|funds|backs|bankrolls) (?:deepseek|the company|the startup)\b"
        r"|\b(?:owner|owners|parent company) of deepseek\b|\bdeepseek'?s? (?:owner|owners|parent company)\b"
        # "does deepseek make its own chips": the articles name Nvidia's.
        r"|\b(?:make|makes|making|made|build|builds|building|built|design|designs|designed|manufactur\w*|produc\w*)"
        r"\s+(?:its|their|our|his)?\s*own\s+(?:chips?|gpus?|hardware|silicon|processors?|accelerators?)\b"
        # "can i buy shares in deepseek", "which stock exchange": a sell-off of tech stocks, never DeepSeek's own
        # shares, nor whether it is listed (not "the deepseek stock freakout": the sell-off DeepSeek set off).
        r"|\bdeepseek'?s? (?:stock|stocks|shares?|share price|stock price)\b"
        r"(?!\W*(?:freak\w*|sell-?off|selloff|crash\w*|panic\w*|dump\w*|drama|thing|meltdown|rout|plunge\w*|drop))"
        r"|\b(?:shares?|stock|stake) (?:in|of) deepseek\b"
        r"|\bpublic(?:ly traded| listed)? company\b|\bstock exchange\b|\bpublicly (?:traded|listed)\b"
        r"|\b(?:go|goes|going|gone|went) public\b"
        # "did tech stocks recover": the articles stop at the sell-off.
        r"|\b(?:recover\w*|rebound\w*|bounced? back|bouncing back)\b"
        # "is r1 free to use", "what does a single question to r1 cost to run": using the model, not training it.
        r"|\bfree to (?:use|try|download|read|access|view)\b"
        r"|\b(?:cost|costs|pay|paid|charge\w*) (?:to|for) (?:use|using|access)\b"
        r"|\bcosts? to run\b(?!\s+(?:the\s+|that\s+|its\s+)?(?:training|train|run|final|80|512|h800|cluster|model))"
        r"|\b(?:do|would|will|should) (?:i|we|you|users?|people) (?:have to|gotta|need to|got to) pay\b"
        r"|\bsubscriptions?\b|\bapi (?:price|pricing|cost)s?\b|\bper (?:query|prompt|request|token|question)\b"
        r"|\ba single (?:question|query|prompt|request)\b"
        # "what's deepseek's next model called": that it works on new systems, never what they are.
        r"|\bnext (?:model|release|version|product)s?\b"
        # "did the chinese government pay for the training": who paid for it, beyond DeepSeek, is never told.
        r"|\b(?:government|govt|gov|state)s? "
        r"(?:pay|pays|paid|fund|funds|funded|funding|subsidi[sz]\w*|financ\w*|bankroll\w*)\b"
        r"|\b(?:paid|funded|subsidi[sz]ed|financed|bankrolled) by (?:the )?(?:\w+ )?(?:government|govt|gov|state)\b"
        # "which us company's model cost the most to train": the articles rank no company against another.
        r"|\bwhich (?:us |american )(?:company|companies|lab|labs|firm|firms)(?:'s|s')? (?:\w+ )?"
        r"(?:cost|costs|spent|spends|spend|paid) (?:the )?(?:most|least)\b"
        # "how did chinese stocks react", "did european tech stocks fall too": the articles name no market's.
        r"|\b(?:chinese|china'?s|european|europe'?s|asian|japanese|korean|indian|hong kong|british|german|french)"
        r" (?:tech |ai )?(?:stocks?|shares|stock markets?|exchanges?|indices|index)\b",  # (not "the chinese market")
        re.IGNORECASE,
    ),
    # (One of these words is in every match: the plain test comes first, as it is tried on every question.)
    *"own fund back bankroll control parent stock share stake public recover rebound".split(),
    *"free cost pay paid charg subscription api per single next exchange ind spen gov state".split(),
)


def asks_roughly(reading: Reading) -> bool:
    """ "how many openai answers were in v3's data roughly": a rough count, which "many" gives."""
    return reading.kind.want == "count" and bool(ROUGHLY.search(reading.text)) and not EXACT.search(reading.text)


def kind_given(want: str | None, kinds: Collection[str]) -> bool:
    """Is the kind of answer asked for among `kinds`? A bare "number" is given by any figure."""
    return want in kinds or (want == "number" and not FIGURE_WANTS.isdisjoint(kinds))


def _holds_kind(feats: Features, want: str) -> bool:
    """Does the fact's own sentence hold a figure of the kind asked for ("… Training: $294,000 for R1")?"""
    return kind_given(want, {figure.dimension for figure in figures.find(feats.fact.answer)})


def beyond_the_run(reading: Reading) -> bool:
    """ "does the 294k include the a100 prep work or just the 80 hour run", "how many hours total incl prep":
    what the cost or the time covers beyond the run, which the articles never say (they give the run's)."""
    # (The time only when it is asked for: "so the whole 80 hr run was on the a100s?" is a premise to correct.)
    asks_time = reading.kind.want == "duration" and not any(c.dimension == "duration" for c in reading.claims)
    asks_cost = any("cost" in t.stems for t in reading.terms)
    if (asks_time or (asks_cost and reading.kind.want == "money")) and not PREP_WORDS.isdisjoint(words(reading.text)):
        # "how long did the a100 prep phase run", "how much did the prep stuff cost": the articles time and
        # price the run, never the phase before it (unless it is set aside: "not counting the prep").
        return not SET_ASIDE.search(reading.text)
    return bool(ALL_IN.search(reading.text)) and bool(BEYOND_THE_RUN.search(reading.text)) and (asks_cost or asks_time)


def quoted_phrases(text: str) -> list[str]:
    """The phrases a question quotes, as plain words; one word ("'transparency'") is in too many sentences to
    point at one."""
    phrases = (" ".join(words(match.group(1))) for match in QUOTED.finditer(text))
    return [phrase for phrase in phrases if len(phrase.split()) >= 2]


def _story_named(reading: Reading) -> list[Term]:
    """The things of the story a question names: a company, a model, a chip, a person, DeepSeek."""
    return [t for t in reading.terms if (t.entity is not None or t.word == "deepseek") and not t.off_story]


def _names_something(reading: Reading | None) -> bool:
    """Does a question name a thing of the story of its own (not only in the context it leans on)?"""
    return reading is not None and any(not t.context for t in _story_named(reading))


def _mostly_off_story(reading: Reading | None) -> bool:
    """More words for things off the story than named things of it: "the rtx 5070 ti scam on amazon"."""
    return reading is not None and len([t for t in reading.strong if t.off_story]) > len(_story_named(reading))


def _maker_and_model(named: list[Term]) -> bool:
    """A company and a model, and nothing else named: "google gemma", one mistake about a model and its maker."""
    return sorted(t.entity or "" for t in named) == ["company", "model"]


def _asked_stems(reading: Reading) -> set[str]:
    return {form for t in reading.terms for form in t.stems}


def _anchored(reading: Reading, s: Scored) -> bool:
    """ "why would meta's ceo sam altman weigh in": the question names a person or model the fact names,
    so the company it puts them with is a premise to correct, not another company's question."""
    named = {t.word for t in reading.terms if t.entity in ("person", "model") and not t.weak}
    return bool({PERSON_NAMES.get(w, w) for w in named} & {PERSON_NAMES.get(w, w) for w in s.features.says})


VENUES = frozenset("document paper article journal nature".split())


def _names_class(feats: Features, asked: str, named: frozenset[str] = frozenset()) -> bool:
    if asked == "place":
        return "where" in feats.wants
    if asked in ("outlet", "site"):
        # "which outlet reported this", "which website reported it": Slashdot, or a journal for an outlet.
        return any(word in OUTLETS or (asked == "outlet" and entity_class(word) == "journal") for word in feats.says)
    if asked == "occasion":
        # "where did they say they own the a100s": a fact telling the document it was said in; no remark of
        # anyone else's is placed ("where did altman say it": the articles never say).
        return bool(VENUES & set(feats.said_words.split()))
    if asked == "version":
        return False  # no fact names a version of anything: the articles never say
    if asked == "person":
        return bool(feats.says & PEOPLE)  # "which officials": a name, not a group
    if asked == "members":
        # "which tech stocks got dumped": the fact must name some thing beside DeepSeek, whatever its kind.
        return any(entity_class(word) in CORE_CLASSES | {"market"} for word in feats.says - {"deepseek"})
    if asked == "companies":
        # "which startups benefit", "which us rivals": others than DeepSeek, named.
        return any(entity_class(word) == "company" and word != "deepseek" for word in feats.says)
    if asked == "model":
        # "which model was r1 distilled from": a model besides the one the question names (Llama, not R1).
        return any(entity_class(word) == "model" and word not in named for word in feats.says)
    # "what hardware did the 80 hour run use": a fact whose example question names the H800 doesn't say which.
    return any(entity_class(word) == asked for word in feats.says)


@dataclass
class Resolution:
    """What one question comes to: facts that answer it, or why not, with a related fact."""

    facts: list[Fact] = field(default_factory=list)
    related: Fact | None = None
    unanswered: Unanswered | None = None
    note: str | None = None  # "No: …" for a wrong premise, or what the articles don't say
    reading: Reading | None = None
    points: float = 0.0

    @property
    def answered(self) -> bool:
        return bool(self.facts)


# -- building answers ----------------------------------------------------------


class Engine:
    """Every request the bot answers. Both fronts call these methods."""

    def __init__(self, store: FactStore) -> None:
        self.store = store
        self._generation: int | None = None
        self._vocab = Vocabulary()
        self._idf: dict[str, float] = {}
        self._features: OrderedDict[str, Features] = OrderedDict()
        self._searches: OrderedDict[str, list[tuple[str, float]]] = OrderedDict()
        self._topics: tuple[int | None, list[tuple[str, int]]] | None = None
        self._citations: dict[str, list[Citation]] = {}
        self._lock = threading.RLock()

    # -- caches, dropped whenever any process changes a fact --

    @property
    def vocab(self) -> Vocabulary:
        generation = self.store.facts_generation()
        if generation != self._generation:
            # Answers run side by side in threads: one builds, the others wait and use what it built,
            # rather than each building and clearing what another has just cached.
            with self._lock:
                if generation != self._generation:
                    self._rebuild(generation)
        return self._vocab

    def _rebuild(self, generation: int | None) -> None:
        texts = self.store.search_texts([f.id for f in self.store.facts()])
        vocab = Vocabulary.from_texts(list(texts.values()))
        counts: dict[str, int] = {}
        for text in texts.values():
            for word_stem in {stem(word) for word in words(text)}:
                counts[word_stem] = counts.get(word_stem, 0) + 1
        total = max(len(texts), 1)
        self._vocab = vocab
        self._idf = {key: 0.6 + 0.4 * math.log(1 + total / n) / math.log(1 + total) for key, n in counts.items()}
        self._features.clear()
        self._searches.clear()
        self._citations.clear()
        self._generation = generation

    @property
    def generation(self) -> int | None:
        """Changes when the facts do: a key for caches derived from them."""
        self.vocab  # noqa: B018 - refreshes the generation
        return self._generation

    def _cited(self, fact_ids: list[str]) -> list[Citation]:
        """`store.citations`, kept for the facts generation they were read in: a fact's citations change only
        with the fact, and every answer carries them."""
        ids = list(dict.fromkeys(fact_ids))
        with self._lock:
            generation = self._generation
            found = {fact_id: self._citations[fact_id] for fact_id in ids if fact_id in self._citations}
        missing = [fact_id for fact_id in ids if fact_id not in found]
        if missing:
            fresh: dict[str, list[Citation]] = {fact_id: [] for fact_id in missing}
            for citation in self.store.citations(missing):
                fresh[citation.fact_id].append(citation)
            with self._lock:
                if generation == self._generation and len(self._citations) < HELD_CACHE:
                    self._citations.update(fresh)
            found.update(fresh)
        return [citation for fact_id in ids for citation in found[fact_id]]

    def _features_of(self, fact_ids: list[str]) -> dict[str, Features]:
        with self._lock:
            generation = self._generation
            found = {fact_id: self._features[fact_id] for fact_id in fact_ids if fact_id in self._features}
            for fact_id in found:
                self._features.move_to_end(fact_id)
        missing = [fact_id for fact_id in fact_ids if fact_id not in found]
        fresh = {fact.id: features(fact) for fact in self.store.facts(ids=missing)} if missing else {}
        with self._lock:
            if generation == self._generation:  # never cache what was read before the facts changed
                for fact_id, feats in fresh.items():
                    self._features[fact_id] = feats
                while len(self._features) > HELD_CACHE:
                    self._features.popitem(last=False)
        found.update(fresh)
        return {fact_id: found[fact_id] for fact_id in fact_ids if fact_id in found}

    # -- free-text questions --

    def ask(self, question: str) -> Answer:
        """Free text → the facts that answer it, with citations; or a plain "the articles don't say"."""
        text = clean(question, MAX_QUESTION)
        if not text:
            return self._unknown(question, "Ask me a question about DeepSeek's R1 training-cost disclosure.", "empty")
        if other_language(text):
            return self._unknown(question, LANGUAGE_REPLY, "language", suggest=False)
        vocab = self.vocab
        whole: Resolution | None = None  # the message read as one question, only if the parts don't settle it
        text = asked_back(text)
        article = article_asked(text)
        if article is not None:
            text = without_articles(text) or text  # "is the altman quote in both stories": the quote is asked for
        pieces = parts(text)
        if len(pieces) == 1:
            pieces = alternatives(text) or pieces  # "is deepseek still building stuff or did they ghost"
        if len(pieces) > 1:
            # A part leans on the one before it only when it refers back ("when did he say it");
            # the items of a list ("cost, chips, hours") are each their own question.
            resolved = [
                # "what did altman claim and when": a bare question word asks about the part before it.
                self._resolve(
                    resolve_pronouns(piece, pieces[i - 1]) if i else piece,
                    vocab,
                    context=pieces[i - 1] if i and (REFERS_BACK.search(piece) or piece.lower() in BARE_WH) else "",
                    part=True,
                )
                for i, piece in enumerate(pieces)
            ]
            for i in range(1, len(resolved)):
                before = resolved[i - 1]
                piece_words = words(pieces[i])
                if (
                    # "is that …", "is it about …"; "what happened w nvidia there"; "… singapore? how big"
                    (
                        REFERS_BACK.search(" ".join(piece_words[:2]))
                        or piece_words[-1:] == ["there"]
                        or (0 < len(piece_words) <= 2 and piece_words[0] in WH)
                        # "the rtx 5070 ti scam on amazon, how much did the guy pay": naming nothing of the
                        # story, it asks about the thing before, when that is mostly off the story.
                        or (not _names_something(resolved[i].reading) and _mostly_off_story(before.reading))
                        # "who is guido cantz and what does he have to do with deepseek": "he" is the
                        # person the part before asked about, whom no fact names.
                        or (
                            before.reading is not None
                            and before.reading.kind.want == "who"
                            and PERSON_BACK.search(" ".join(piece_words))
                        )
                    )
                    and not before.answered
                    and before.reading is not None
                    and any(t.off_story for t in before.reading.strong)
                ):
                    # "why is she expanding into singapore, is that deepseek related": what "that" is, is off
                    # the story, so whatever the rest of the part matches is no answer to it.
                    resolved[i] = Resolution(unanswered="not_stated", reading=resolved[i].reading)
                elif (
                    THEIRS.search(pieces[i])
                    and not before.answered
                    and before.reading is not None
                    and (companies := [t for t in before.reading.strong if t.entity == "company"])
                    and all(t.stems.isdisjoint(self._idf) for t in companies)
                    and not _names_something(resolved[i].reading)
                ):
                    # "what about google and anthropic, what did their models cost": theirs, companies no fact
                    # names, not DeepSeek's.
                    resolved[i] = Resolution(unanswered="not_stated", reading=resolved[i].reading)
                elif (
                    before.unanswered == "not_stated"
                    and before.reading is not None
                    and before.reading.kind.want in FIGURE_WANTS
                    and REFERS_BACK.search(pieces[i])
                    and FIGURE_ASKED.search(pieces[i])
                    and resolved[i].reading is not None
                    and not any(t.known and not t.context for t in resolved[i].reading.strong)
                ):
                    # "how much money investors lost in the selloff, is there a number in these": a part asking
                    # again for the figure the part before asked, which the articles don't give, is not stated.
                    resolved[i] = Resolution(unanswered="not_stated", reading=resolved[i].reading)
            answered: list[Resolution] = []
            seen: set[str] = set()
            for item in resolved:
                if item.answered and item.facts[0].id not in seen:
                    answered.append(item)
                    seen.update(f.id for f in item.facts)
            # One part answered, the rest asking about nothing the facts know ("why does that thing exist"):
            # that part is the question, read without the rest's words.
            only = len(answered) == 1 and not any(
                t.known or t.off_story for r in resolved if not r.answered and r.reading for t in r.reading.strong
            )
            if len(answered) < 2 and not only:
                whole = self._resolve(text, vocab)
            if len(answered) >= 2 or (answered and (only or (whole is not None and not whole.answered))):
                # Only a part that asked about something goes unanswered; a remark is just dropped.
                missing = [
                    p
                    for p, r in zip(pieces, resolved, strict=True)
                    # Something to say the articles don't cover: a word the facts use, or one for a thing off
                    # the story ("employees"), not only words no fact knows ("why does that thing exist").
                    if not r.answered and r.reading and any(t.known or t.off_story for t in r.reading.strong)
                ]
                return self._several(answered, question, missing)
        if whole is None:
            whole = self._resolve(text, vocab)
        asks_who = whole.reading is not None and whole.reading.kind.want == "who" and bool(QUOTED.search(text))
        # (Read once: a who-question quoting words, or (below) one that nothing matched, is answered by them.)
        quoted = self._quoted(text) if asks_who or whole.unanswered == "no_match" else None
        if asks_who and quoted is not None and self._features_of([quoted.id])[quoted.id].speakers:
            # "he swears the 'much more than 100 million' line came from the deepseek founder … who said it": the
            # words quoted are one fact's, and it says whose they are, whoever else the message names.
            return self._answer(Resolution(facts=[quoted], reading=whole.reading), question)
        if whole.answered:
            extra = self._complete(whole, vocab)
            if extra:
                return self._several([whole, *extra], question, [])
            whole = self._led_by_article(whole, article_named(text))
            return self._answer(self._which_article(whole, article), question)
        # (Only where nothing matched: "who are the 'industry experts'" is not stated, whatever it quotes.)
        if quoted is not None and whole.unanswered == "no_match":
            return self._answer(Resolution(facts=[quoted], reading=whole.reading), question)
        return self._not_answered(whole, question)

    def _complete(self, first: Resolution, vocab: Vocabulary) -> list[Resolution]:
        """ "what are the upsides and downsides": when a question joins things one fact doesn't
        cover, answer the rest too (up to three facts in all), each on its own merits."""
        reading = first.reading
        if reading is None or reading.kind.comparison:
            return []
        said = prepare(reading.text)  # "is cheap ai good or bad" is read as its upsides and downsides
        if not CONJUNCTION.search(said):
            return []
        if not JOINING_WORD.search(said) and not any(is_question(p) for p in reading.text.split(",")[1:]):
            return []  # "800 hrs on h800s, funny coincidence w the name": a remark after the comma, not a question
        found: list[Resolution] = []
        covered = [first.facts[0]]
        # ("the 80 hrs was on the h800 cluster and not the a100s": a thing denied is set aside, not asked about.)
        denied = denied_words(reading.text, span=4)
        # ("what did altman say about costs and what year": his words given, what he said is covered.)
        lead = first.facts[0].id
        words_given = reading.speaker is not None and _reports_words_of(
            reading.speaker, self._features_of([lead])[lead]
        )
        for _ in range(2):
            held = set().union(
                *(self._features_of([f.id])[f.id].main | self._features_of([f.id])[f.id].quotes for f in covered)
            )
            rest = [
                t
                for t in reading.strong
                if t.known
                and t.stems.isdisjoint(held)
                and not (t.entity is not None and t.word in denied)
                and not (words_given and t.word == "comment")
            ]
            if not rest:
                break
            narrowed = Reading(reading.text, Kind(), rest + [t for t in reading.terms if t.weak], [], reading.subjects)
            result = self._decide(narrowed, self._candidates(narrowed, vocab))
            if not result.answered or result.facts[0].id in {f.id for f in covered}:
                break
            found.append(result)
            covered.append(result.facts[0])
        return found

    def examine(self, statement: str, context: str = "") -> tuple[Reading, list[Scored], Resolution]:
        """One statement read, its candidate facts scored, and the fact that answers it (for the fact-checker)."""
        vocab = self.vocab
        reading = read(statement, vocab, context)
        ranked = self._candidates(reading, vocab)
        return reading, ranked, self._decide(reading, ranked)

    def nearest(self, text: str, limit: int = 3) -> list[str]:
        """The ids of the facts the engine scores closest to `text`, best first, whether or not one answers
        it: the candidates a curator may teach an unanswered question to. Only facts that hold one of
        its concepts count, never one that merely shares story-wide words."""
        reading = read(clean(text, MAX_QUESTION), self.vocab)
        return [s.id for s in self._candidates(reading, self.vocab) if s.support][:limit]

    def weight(self, term: Term) -> float:
        """How specific a term is to a few facts (1.0: one fact uses it; lower: many do)."""
        self.vocab  # noqa: B018 - the weights are built with the vocabulary
        return max((self._idf.get(form, 1.0) for form in term.stems), default=1.0)

    def citations(self, fact_ids: list[str]) -> list[Citation]:
        return self.store.citations(fact_ids)

    def facts(self, fact_ids: list[str]) -> list[Fact]:
        return self.store.facts(ids=fact_ids)

    def _resolve(self, text: str, vocab: Vocabulary, context: str = "", *, part: bool = False) -> Resolution:
        """One question. A part of a longer message leans on the rest only if it asks ("when did he say it"),
        never when it is a remark ("that sounds low??")."""
        found = segments(text)
        asked = [s.text for s in found if s.question]
        around = [s.text for s in found if not s.question]
        if asked and around and all(CONFIRMING.match(a) for a in asked):
            # "my cousin says r1 cost 5 million. is that true?": the sentence before is what is asked.
            reading = read(around[-1], vocab, " ".join([*around[:-1], context]))
        elif asked and around:
            # ("meta must be thrilled about the llama thing. what did they say": "they" is Meta.)
            question = resolve_pronouns(" ".join(asked), " ".join(around))
            question = self._defined_back(question, " ".join(around), vocab)
            reading = read(question, vocab, " ".join([*around, context]))
        else:
            reading = read(text, vocab, context if context != text else "")
        premise = PREMISE_FIRST.match(text) if not part else None
        if premise is not None and premise.group(1):
            # "since the paper wasnt peer reviewed how do we trust it": a premise the facts contradict is the answer.
            checked = self._premise_checked(premise.group(1), vocab)
            if checked is not None:
                return checked
        ranked: list[Scored] | None = None  # worked out once, if the currency question needs it first
        if CURRENCY_ASKED.search(text):
            # "in usd or rmb?", "is the 294,000 in US dollars or chinese yuan": the articles give it in dollars.
            ranked = self._candidates(reading, vocab)
            priced = next((s for s in ranked if s.support and (s.features.fact.unit or "").lower() == "usd"), None)
            if priced is not None:
                return Resolution(facts=[priced.features.fact], note="In US dollars:", reading=reading)
        comparison = self._comparison(reading, vocab)
        if comparison is not None:
            return comparison
        # A part with nothing of its own to ask about ("i just need to know what the article says") leans
        # on the part before it only when it refers back to it, or stands alone when it asks for a kind of
        # answer ("who reported the articles, and …").
        lean = not part or (asks(text) and (bool(context) or reading.kind.want in HARD_TYPES))
        found = self._decide(reading, self._candidates(reading, vocab) if ranked is None else ranked, lean=lean)
        if premise is not None and premise.group(2) and not (found.note or "").startswith("No"):
            # "deepseek has been posting nonstop all year, so why is this one a surprise": unless the question read
            # whole already corrects it, the statement before "so" is checked as its premise.
            return self._premise_checked(premise.group(2), vocab) or found
        return found

    def _names_known_chip(self, terms: list[Term]) -> bool:
        """A chip the facts name, or chips at all ("how many amd chips": the maker put with the story's chips)."""
        return any((t.entity == "chip" and not t.stems.isdisjoint(self._idf)) or t.word in CHIP_WORDS for t in terms)

    def _premise_checked(self, said_text: str, vocab: Vocabulary) -> Resolution | None:
        """The statement a question rests on, when the facts contradict it (a "No: …" answer), else None."""
        said = read(said_text, vocab)
        checked = self._decide(said, self._candidates(said, vocab))
        if checked.answered and checked.note is not None and checked.note.startswith("No"):
            return checked
        return None

    def _search(self, expression: str) -> list[tuple[str, float]]:
        """The full-text search's top candidates; the same concepts, however phrased, make the same
        expression, so its results are kept for the facts generation they were read in."""
        with self._lock:
            generation = self._generation
            found = self._searches.get(expression)
            if found is not None:
                self._searches.move_to_end(expression)
                return found
        found = self.store.search(expression, CANDIDATES)
        with self._lock:
            if generation == self._generation:
                self._searches[expression] = found
                while len(self._searches) > HELD_SEARCHES:
                    self._searches.popitem(last=False)
        return found

    def _candidates(self, reading: Reading, vocab: Vocabulary) -> list[Scored]:
        expression = match_expression(reading.terms, vocab)
        if expression is None:
            return []
        found = self._search(expression)
        feats = self._features_of([fact_id for fact_id, _ in found])
        return score(reading, [(feats[fid], rank) for fid, rank in found if fid in feats], self._idf)

    def _decide(self, reading: Reading, ranked: list[Scored], *, lean: bool = True) -> Resolution:
        taught = next((s for s in ranked if s.likeness >= EXACT_EXAMPLE), None)
        if taught is not None:
            # Word for word one of a fact's example questions (a moderator taught it, or wrote it): that fact.
            return self._answered(reading, taught)
        strong = reading.strong
        known_strong = [t for t in strong if t.known]
        unknown = [t for t in strong if not t.known and not t.off_story]
        off_story = [t for t in strong if t.off_story]
        if off_story and reading.kind.want in HARD_TYPES:
            # "how much did electricity cost for the run", "r1's cost in yuan": the figure asked for is
            # of something the articles never cover, however well the rest matches.
            return _not_stated(reading, ranked)
        if (
            reading.kind.want in HARD_TYPES
            and self._idf
            and any(
                t.entity in ("company", "model")
                and t.stems.isdisjoint(self._idf)
                # ("how many amd h800s did they use": a chip the facts name, and the wrong maker put with it.)
                and not (t.word in CHIP_MAKERS and self._names_known_chip(strong))
                for t in strong
            )
            # (Not "when did anthropic ceo sam altman say the 100m thing": a person the facts name is whom it
            # is about, and the company put with him a premise to correct.)
            and not any(t.entity == "person" and not t.stems.isdisjoint(self._idf) for t in strong)
        ):
            # "what did google spend training gemini": a figure of a company or model no fact names.
            return _not_stated(reading, ranked)
        others = (
            {
                SUBJECT_WORDS.get(t.word, t.word)
                for t in strong
                if t.entity == "company"
                and t.word not in CHIP_MAKERS
                and SUBJECT_WORDS.get(t.word, t.word) != "deepseek"
            }
            if reading.kind.want in ("count", "duration")
            else set()
        )
        if (
            others
            and not reading.claims
            # ("how many openai answers were in v3's data, a few or a lot": the crawl's, counted roughly.)
            and not (asks_roughly(reading) and ranked[0].features.many and ranked[0].gives)
            and not any(
                s.features.fact.subject in others
                and s.features.figure is not None
                and kind_given(reading.kind.want, {s.features.figure.dimension})
                for s in ranked
            )
        ):
            # "how many cards is openai running by comparison": a count (or time) of another company's, which
            # no fact about that company gives (OpenAI's one figure is a cost).
            return _not_stated(reading, ranked)
        defined = WHAT_IS_A.match(reading.text)
        if defined is not None and any(
            t.word == defined.group(1).lower()
            and t.entity in ("chip", "model", "company")
            and t.stems.isdisjoint(self._idf)
            for t in strong
        ):
            # "whats an h20 chip and hows it diff from the h800": a thing the facts never name, asked what it is.
            return _not_stated(reading, ranked)
        if (
            BANNED.search(reading.text)
            and not any(t.entity == "chip" for t in reading.terms)
            and not CHIP_TRADE.search(reading.text)
        ):
            # "did the us ban deepseek", "any sanctions on deepseek": the articles tell of restrictions on chips,
            # never of a ban on DeepSeek itself.
            return _not_stated(reading, ranked)
        if NEWS_AUTHOR.search(reading.text) and not PAPER_NAMED.search(reading.text):
            # "who wrote article 1", "who's the slashdot author": the news articles name no writer (the Nature
            # paper's co-author is another matter).
            return _not_stated(reading, ranked)
        if beyond_the_run(reading):
            return _not_stated(reading, ranked)
        if (accuser := WHO_ACCUSED.search(reading.text)) and (
            DISTILLING.search(reading.text) or not accuser.group(0).lower().endswith(("claim", "claims"))
        ):
            # "who accused deepseek of distilling openai's models", "who made the accusations": the articles tell of
            # "assertions", never whose (not "who made the claims": DeepSeek's own, about its costs).
            return _not_stated(reading, ranked)
        chips = {t.word for t in strong if t.entity == "chip"}
        if HOW_OBTAINED.search(reading.text) and chips and chips <= UNEXPLAINED_CHIPS:
            # "how did deepseek get its hands on a100s if theyre export restricted": how it came by them is never
            # told (not "how did deepseek get h100s": chips it never had, a premise to correct).
            return _not_stated(reading, ranked)
        if any(t.word in CHIP_WORDS or t.entity == "chip" for t in reading.terms) and LOCATED.search(reading.text):
            return _not_stated(reading, ranked)  # "where is the 512 chip cluster located": never said
        if UNTOLD.search(reading.text):
            return _not_stated(reading, ranked)  # "who owns deepseek", "did tech stocks recover": never told
        if SAID_BY_OTHER_GOVERNMENT.search(reading.text):
            return _not_stated(reading, ranked)  # "what did the chinese government say": only US officials' doubts
        if RIVALS_FIGURE.search(reading.text) and not reading.kind.comparison:
            # "what numbers did the us rivals estimate": the articles compare R1 with them, never give theirs.
            return _not_stated(reading, ranked)
        if UNMEASURED_QUALITY.search(reading.text):
            # "is r1 more accurate than gpt": the articles compare costs and chips, never how good a model is.
            return _not_stated(reading, ranked)
        if any(any(ch.isdigit() for ch in t.word) and not TIMES.fullmatch(t.word) for t in unknown + off_story):
            # A version-like word the articles never use ("gpt-5", "r2") names something else ("3x" is a ratio).
            return _not_stated(reading, ranked)
        if any(t.word in OUTLETS for t in reading.strong) and (
            (reading.kind.want == "definition" and all(t.word in OUTLETS for t in reading.strong))
            or OPINION_ASKED.search(reading.text)
        ):
            # "what even is slashdot", "what does slashdot think of it": the articles credit an outlet with the
            # reporting; what it is, or thinks, they never say.
            return _not_stated(reading, ranked)
        asked = _asked_stems(reading)
        if (
            reading.kind.want == "definition"
            and WORD_MEANING.search(reading.text)
            and not any(s.support and asked & {stem(d) for d in s.features.defines} for s in ranked[:5])
        ):
            # "what is 'peer-reviewed'", "what does 'chip cluster' mean": the articles use the words, but no fact
            # says what they mean.
            return _not_stated(reading, ranked)
        # An ordinary word the facts don't use costs little ("special", "stage"), a noun more ("the
        # weather"); one naming something the articles never cover ("employees", "valuation") costs
        # most: the question is about that.
        penalty = sum(
            UNKNOWN_HEAD if t.head else UNKNOWN_NOUN if t.noun else UNKNOWN_WORD for t in unknown
        ) + OFF_STORY_COST * len(off_story)
        allowed_misses = misses_allowed(reading)
        # "stocks go up or down": a fact holds one of the options offered, not both.
        alternatives_named = _options(reading.text) if reading.kind.choice else set()
        condition = _condition_words(reading)
        passed: Scored | None = None
        first_relevant: Scored | None = None
        corrector = self._premise_fact(reading, ranked)
        if corrector is not None:
            return self._answered(reading, corrector)
        givers = _figure_givers(reading, ranked)
        for s in ranked:
            support = s.support
            if not known_strong:
                # "what kind of model is r1", "how much was it" after a sentence about the cost:
                # story-wide words and context only, and then nothing unknown may be asked about.
                # (A part worded nearly as one of a fact's example questions stands on its own: "…, and whats
                # deepseek doing now".)
                if penalty or (not lean and s.likeness < CLOSE_EXAMPLE):
                    continue
                support = max(support, 1 if (s.weak or s.context >= 2) else 0)
            if support == 0:
                continue
            if first_relevant is None:
                first_relevant = s
            if penalty >= support + (0.5 if s.gives and reading.kind.want in HARD_TYPES else 0):
                continue
            # "deepseek has always denied owning a100s": what the question says instead of the fact is a premise
            # to correct, not a concept the fact lacks.
            against = opposites(reading.text, s.features.said) if s.missed else set()
            # "how many nvidia chips did they use for the 80 hrs": the run named by a figure another fact of the same
            # subject states (its 80 hours) is that run; its unit is no concept this fact must hold.
            run_units = _units_naming_the_run(reading, s, ranked)
            says_on_topic = (
                reading.speaker is not None
                and not reading.claims
                and _reports_words_of(reading.speaker, s.features)
                and any(
                    u.entity is None and u.word != "comment" and u not in s.missed and not u.weak
                    for u in reading.strong
                )
            )
            missed = [
                t
                for t in s.missed
                if t.word not in alternatives_named
                and t.stems.isdisjoint(against)
                and not (reading.kind.comparison and t.word in COMPARING)  # "compared to": two sides, no concept
                and t.word not in condition  # "why … on h100s if those are restricted": the asker's reasoning
                # "what did altman say about costs (and what year)": a fact giving the speaker's words on the very
                # thing asked about is what they said, so "say" is matched (not "what did altman say about
                # deepseek": nothing of the question's own but the story's name).
                and not (t.word == "comment" and says_on_topic)
                and t.word not in run_units
            ]
            # ("800 hrs on h800s, funny coincidence w the name": a figure claimed against the fact's own is what
            # the message is about, whatever else it remarks on.)
            if len(missed) > allowed_misses + (1 if _claims_against_its_figure(reading, s, givers) else 0):
                continue
            if any(t.stems & RESPONDING for t in missed) and (
                not _reports_words_of(reading.speaker, s.features) or _claims_against_its_figure(reading, s)
            ):
                # "did nvidia comment on deepseek's chip disclosure": the reply asked about is the point; "how did
                # altman react to the 294k figure": a figure of his own is no reply to another.
                continue
            if (
                reading.speaker is not None
                and (
                    any(t.word_stem in RESPONDING and t.word not in OUTPUTS for t in strong)
                    # ("what did deepseek say when folks asked …": the saying, read as no concept, still asked.)
                    or _denies_a_reply(s.features.fact)
                )
                and not _reports_words_of(reading.speaker, s.features)
                and not _denies_a_reply_of(reading.speaker, s.features.fact)
            ):
                # "did deepseek respond to the us officials": the officials' doubts (a "reaction" fact) are not
                # DeepSeek's reply to them; only a fact reporting its words, or that it gave none, answers this.
                continue
            if (s.missed_named and not self._tolerated(reading, s) and not _the_runs_chips(reading, s, ranked)) or (
                s.misbound
            ):
                continue
            if _uncounted_chips(reading, s, ranked):
                continue
            if not self._about_subject(reading, s):
                continue
            # "when did deepseek admit owning h100s": the rest is all the fact's, the named thing its contrast; the
            # answer is that correction, whatever kind of answer was asked for.
            corrects = not missed and s.missed_named and all(t in s.contrast for t in s.missed_named)
            # ("which google gemma version did deepseek use": a maker and its model for the fact's own are one
            # mistake, as in `_tolerated`, and the correction answers whatever was asked of them.)
            pair = _maker_and_model(s.missed_named)
            if (
                (not s.gives and not (corrects and s.support > (1 if pair else len(s.missed_named) + 1)))
                or self._excluded(reading, s)
                or _other_role(reading, s)
            ):
                if reading.kind.asks_class == "members" and s is first_relevant:
                    break  # "which tech stocks got dumped": the fact it is about names none; no other fact will do
                continue
            if LATER.search(reading.text) and "immediately" in s.features.fact.answer.lower():
                break  # "did openai eventually say something": the fact is only about what came at once
            # (Not when the question only names the run by the other fact's figure: "which chips ran the 80 hour
            # training" is not about the 80 hours, however well that fact matches.)
            run_named = bool(run_units) and reading.kind.asks_class in s.features.classes
            if first_relevant is not s and s.points < first_relevant.points - 2.5 and not run_named:
                break  # far weaker than the fact the question is about: better to say so
            passed = s
            break
        if passed is None:
            # A related fact must share something the question asked about, not only story-wide words.
            if first_relevant is not None and not known_strong:
                first_relevant = None
            related = first_relevant.features.fact if first_relevant is not None else None
            note = NOT_SAID.get(reading.kind.want or "") if related is not None else None
            chips = _uncounted_chips(reading, first_relevant, ranked) if first_relevant is not None else set()
            if chips:
                # Not "nothing about A100s": they are used, and counted nowhere.
                naming = next((r for r in ranked[:5] if chips & r.features.says), first_relevant)
                related = naming.features.fact
            elif first_relevant is not None and first_relevant.missed_named:
                if all(t in first_relevant.contrast and t.entity == "journal" for t in first_relevant.missed_named):
                    # "which issue of science was the deepseek paper in": whatever else it asks, the journal it
                    # names is the mistake, and the fact about the paper corrects it.
                    return self._answered(reading, first_relevant)
                if reading.kind.want == "why" and all(
                    t in first_relevant.contrast
                    or any(entity_class(w) == t.entity for w in first_relevant.features.named)
                    for t in first_relevant.missed_named
                ):
                    # "why was nvidia's ceo a co-author on the deepseek paper", "why did deepseek pick amd's mi300":
                    # a why-question takes its premise as given, and the premise puts the wrong one in the place of
                    # one the fact names.
                    said = self._premise(reading, first_relevant)
                    correction = (
                        said if said is not None and said.startswith("No") else "No, the articles say otherwise."
                    )
                    return Resolution(
                        facts=[first_relevant.features.fact],
                        note=correction,
                        reading=reading,
                        points=first_relevant.points,
                    )
                note = f"The articles don't say that about {display(first_relevant.missed_named[0].word)}."
            return Resolution(
                related=related,
                unanswered="not_stated" if related is not None else "no_match",
                note=note,
                reading=reading,
            )
        fact = passed.features.fact
        if _exact_beyond_bound(reading, passed.features.figure):
            # "what's the exact amount altman said": the fact bounds the figure ("much more than $100 million").
            return Resolution(related=fact, unanswered="not_stated", note=NO_EXACT_FIGURE, reading=reading)
        beside = self._other_member(reading, ranked, passed)
        if beside is not None:
            return Resolution(
                facts=[fact, beside], note=self._premise(reading, passed), reading=reading, points=passed.points
            )
        corrected = self._wrong_figure(reading, ranked, passed)
        if corrected is not None:
            corrector, claim = corrected
            note = f"No: {corrector.value_label()}, not {claim.text}."
            return Resolution(facts=[corrector, fact], note=note, reading=reading, points=passed.points)
        return self._answered(reading, passed)

    @staticmethod
    def _premise_fact(reading: Reading, ranked: list[Scored]) -> Scored | None:
        """The fact to correct a wrong premise with, whatever else the question says or leaves unmatched."""
        text = reading.text
        # (predicate, how many of the best candidates may hold it)
        checks: list[tuple[Callable[[Scored], bool], int]] = []
        if not reading.kind.choice:
            # "the 80 hour run itself was done on a100s?": a fact the question swaps the chips of is its answer.
            # (Not "h800 or a100 for the main run": options offered, neither put in a phase.)
            checks.append((lambda s: swapped_phases(text, s.features.fact.answer), 5))
        if company_countries(text):
            # "deepseek is a us startup no?": the fact placing the company, whatever else the question calls it.
            checks.append((lambda s: market_mismatch(text, s.features.said) is not None, 5))
        if reading.kind.yesno and not reading.kind.choice and BACKING_DOWN.search(text):
            # "has deepseek backed off distillation": the fact saying it holds to it, over the one it is about.
            checks.append((lambda s: bool(opposites(text, s.features.said)), 3))
        if PER_UNIT.search(text):
            # "$294k PER HOUR of training is insane money": the fact's own total, claimed as a rate (a rate
            # asked for, "what did it cost per hour", is not stated).
            checks.append((lambda s: _claims_as_a_rate(reading, s), 3))
        for holds, within in checks:
            found = next((s for s in ranked[:within] if s.support and holds(s)), None)
            if found is not None:
                return found
        return None

    def _answered(self, reading: Reading, s: Scored) -> Resolution:
        """The fact `s` answers the question with, and the premise its answer corrects or confirms."""
        return Resolution(facts=[s.features.fact], note=self._premise(reading, s), reading=reading, points=s.points)

    @staticmethod
    def _other_member(reading: Reading, ranked: list[Scored], passed: Scored) -> Fact | None:
        """ "what graphics cards did deepseek use": the H800s of the run and, close behind, the A100s of the
        preparatory phase; a question naming one phase or chip gets that one alone."""
        asked = reading.kind.asks_class
        if any(t.entity == "chip" for t in reading.terms):
            return None
        ws = set(words(reading.text))
        # "prep chips vs training chips?", "which chips for prep vs which for the actual training": each phase's.
        both = (
            bool(ws & PREP_WORDS)
            and bool(ws & (RUN_WORDS | {"main", "actual", "real", "final"}))
            and bool(ws & CHIP_WORDS)
        )
        if not both:
            if asked != "chip" or reading.kind.yesno:
                return None
            if PHASE.search(reading.text):
                return None  # "for the main training run", "in the prep phase": one of them is asked for
        asked = "chip"
        mine = {word for word in passed.features.says if entity_class(word) == asked}
        phase_words = PREP_WORDS | RUN_WORDS if both else frozenset()
        for s in ranked:
            missed = [t for t in s.missed if t.word not in phase_words]  # the other phase's fact lacks this one's
            if s is passed or not s.support or missed or s.missed_named or not s.gives:
                continue
            if s.points < passed.points - 1.5:
                return None
            theirs = {word for word in s.features.says if entity_class(word) == asked}
            # (Asked for each phase, the preparatory fact names both chips; the run's fact is still the other's.)
            if theirs and (both or not theirs <= mine) and _names_class(s.features, asked):
                return s.features.fact
        return None

    def _wrong_figure(
        self, reading: Reading, ranked: list[Scored], passed: Scored
    ) -> tuple[Fact, figures.Figure] | None:
        """ "whats the point of a 1024 gpu cluster for just 80 hours": the fact answering it gives the hours,
        and another the question's wrong count (512 chips), which is put first, as the correction."""
        own = passed.features.figure
        prepared = prepare(reading.text)
        for claim in reading.claims:
            told_as_own = bool(OWN_FIGURE.search(prepared[: claim.start]))
            if reading.kind.comparison and not told_as_own:
                # "is 294k more or less than the rivals' estimate": two figures set side by side (not "r1 cost
                # was $294 million, thats still cheaper than openai right?": a figure told as R1's).
                continue
            if (
                own is not None
                and own.dimension == claim.dimension
                and not (told_as_own and passed.features.fact.subject not in ("r1", "deepseek"))
            ):
                continue  # the answering fact itself says whether the figure is right (_premise)
            if states_in_passing(passed.features.fact, claim):
                continue  # the fact states it in passing: "R1's $294,000 training bill is a fraction of …"
            if any(
                s.features.figure is not None and figures.compare(claim, s.features.figure) == "same" for s in ranked
            ):
                continue  # a fact gives this very figure ("294k" is R1's): it is no wrong premise
            subjects = reading.subjects or {"r1", "deepseek"}  # unnamed, the story's own model
            for s in ranked:
                if s.features.fact.subject not in subjects:
                    continue
                figure = s.features.figure
                if s is passed or figure is None or not s.support or not self._about_subject(reading, s):
                    continue
                if figures.comparable(claim, figure) and figures.compare(claim, figure) == "different":
                    return s.features.fact, claim
        return None

    @staticmethod
    def _excluded(reading: Reading, s: Scored) -> bool:
        """ "who else besides liang": the fact's only named answer is the one the question sets aside."""
        if not reading.kind.excludes:
            return False
        people = {PERSON_NAMES.get(word, word) for word in s.features.named & PEOPLE}
        # ("who else co-wrote it besides the founder": the founder is Liang.)
        set_aside = {PERSON_NAMES.get(ROLE_NAMES.get(word, word), word) for word in reading.kind.excludes}
        if people:
            return people <= set_aside
        # "what else is in the document besides the a100 admission": the fact is the thing set aside.
        aside = {form for word in set_aside if (form := _named_form(word))}
        classes = {entity_class(word) for word in aside}
        said = {word for word in s.features.says if entity_class(word) in classes}
        return bool(said) and said <= aside

    @staticmethod
    def _about_subject(reading: Reading, s: Scored) -> bool:
        """A question naming R1, V3, OpenAI, Meta or Nvidia wants a fact about that one
        (unless that name is the wrong one a yes/no question is corrected on: "altman founded deepseek?")."""
        named = reading.subjects - {"deepseek"} - {SUBJECT_WORDS.get(t.word, t.word) for t in s.contrast}
        offered = (
            {t.word for t in reading.terms if t.entity is not None} & _options(reading.text)
            if reading.kind.choice
            else set()
        )
        if len(offered) >= 2:
            # "who's questioning the cost claims: openai, nvidia or the government": the names offered are not
            # what the question is about; the fact answering it may be about none of them.
            named -= {SUBJECT_WORDS.get(word, word) for word in offered}
        if not named:
            # "who's the boss of deepseek": a fact about another company that never names DeepSeek
            # answers something else, however well its other words match.
            asked_deepseek = any(t.word == "deepseek" for t in reading.terms if not t.context)
            return not (
                asked_deepseek and s.features.fact.subject in OTHER_COMPANIES and "deepseek" not in s.features.named
            )
        if named & s.features.subjects:
            return True
        return bool(s.features.named & set().union(*(_subject_names(x) for x in named)))

    @staticmethod
    def _tolerated(reading: Reading, s: Scored) -> bool:
        """Named things a fact may leave out: a market or month it doesn't contradict ("chinese firm
        deepseek"), the wrong one in a yes/no question (a premise to correct), or the other option of
        "was it X or Y"."""
        fatal = [t for t in s.missed_named if t.entity in CORE_CLASSES or t in s.contrast]
        if fatal and not opens_on_auxiliary(reading.text):
            # "the 80 hrs was on the h800 cluster and not the a100s": a thing the question denies, beside one of its
            # class the fact names, is set aside as the fact sets it aside.
            denied = denied_words(reading.text, span=4)
            fatal = [
                t
                for t in fatal
                if not (
                    t.word in denied
                    and any(o.entity == t.entity and o.word in s.features.named for o in reading.terms if o is not t)
                )
            ]
        if reading.kind.want == "date":
            # "the exact date in january": the month frames the date asked for; another month's won't do.
            fatal += [t for t in s.missed_named if t.entity == "month" and t not in fatal]
        if not fatal:
            return True
        if (ALSO.search(reading.text) or ANY_AT_ALL.search(reading.text)) and any(t in s.contrast for t in fatal):
            # "did they use h20 chips also", "… huawei chips alongside the nvidia ones": another thing beside the
            # fact's, which it doesn't rule out: no premise to correct, and not what the fact says.
            return False
        if any(t.entity == "chip" for t in fatal):
            # "why was r1 trained on google tpus": the company is the wrong chip's maker, one mistake with it.
            fatal = [t for t in fatal if t.entity != "company"] or fatal
        # As anywhere, one concept in three may go unmatched, and the asker's own reasoning ("… if they are
        # restricted") is not what is asked.
        condition = _condition_words(reading)
        if (
            _maker_and_model(fatal)
            and all(t in s.contrast for t in fatal)
            and s.support
            and not [t for t in s.missed if t.word not in condition]
            # (Not "the openai link and the meta link": a question naming the fact's own company as well.)
            and not any(
                t.entity in ("company", "model") and t.word != "deepseek" and t.word in s.features.says
                for t in reading.terms
            )
        ):
            # "which google gemma model did deepseek distill from": a maker and its model for the fact's own
            # maker and model, one mistake to correct, when all the rest is the fact's.
            return True
        if (
            reading.kind.asks_class == "chip"
            and all(t.entity == "company" and t in s.contrast and t.word in CHIP_MAKERS for t in fatal)
            and "chip" in s.features.classes
            and not [t for t in s.missed if t.word not in condition]
        ):
            return True  # "which amd chips did deepseek use": the chips' maker is the mistake to correct
        if (
            # ("why did they use google's model for the distilled versions": a maker's model named, not asked for.)
            (reading.kind.asks_class == "model" or any(_makers_model(reading.text, t.word) for t in fatal))
            # (A company of the story's is another matter: "which openai models did deepseek supposedly distill".)
            and all(t.entity == "company" and t in s.contrast and t.word not in SUBJECT_WORDS for t in fatal)
            and "model" in s.features.classes
            and not [t for t in s.missed if t.word not in condition]
        ):
            return True  # "which google model did deepseek use for its distilled versions": the maker is the mistake
        if (
            (reading.kind.asks_class == "chip" or words(reading.text)[:1] in (["which"], ["what"]))
            and all(t.entity == "chip" and t in s.contrast for t in fatal)
            and "chip" in s.features.classes
            and not s.features.prep
            and not [t for t in s.missed if t.word not in condition]
        ):
            return True  # "which google tpus did deepseek use": the chips named are the mistake to correct
        if (
            all(t.entity == "company" and t in s.contrast and t.word in CHIP_MAKERS for t in fatal)
            and any(
                (t.entity == "chip" and t.word in s.features.says)
                or (
                    t.word in CHIP_WORDS
                    and "chip" in s.features.classes
                    # ("how did they get amd chips for r1": the maker put on the chips, whatever is asked of them.)
                    and (reading.kind.want == "count" or any(_makers_chips(reading.text, f.word) for f in fatal))
                )
                for t in reading.terms
            )
            and not [t for t in s.missed if t.word not in condition]
        ):
            # "how many of those amd h800 cards did deepseek use", "how many amd chips": the fact's own chips, the
            # wrong maker.
            return True
        # ("nvidia refused to comment", "meta was cool with it": what one party did or said, another may have
        # too; OpenAI's silence says nothing of them. A maker, an author, a reporter is one party.)
        acts = [t for t in reading.strong if t.entity is None]
        shared_act = (
            bool(acts) and all(t.entity == "company" for t in fatal) and all(t.word_stem in PARTY_ACTS for t in acts)
        )
        # ("chips used for v3?", "did v3 train on h800s": the articles tell R1's training and never V3's; asked of
        # V3 it is what they leave out, not a premise to correct, unless R1's own figure is put to V3.)
        of_other_model = "r1" in s.features.says and not reading.claims and all(t.entity == "model" for t in fatal)
        # ("is liang the ceo": a role asked of him, not of the company whose CEO the fact names; "is liang openai's
        # ceo" names it, a premise to correct.)
        if (
            all(t.entity == "person" for t in fatal)
            and _roles(reading.text) & _roles(s.features.said)
            and s.features.fact.subject not in reading.subjects | {"deepseek"}
        ):
            return False
        if all(t in s.contrast for t in fatal) and (
            (reading.kind.yesno and not shared_act and not of_other_model)
            or (
                len([t for t in s.missed if t.word not in condition]) <= misses_allowed(reading)
                # ("why did deepseek use openai's llama": the model named is the fact's own, support enough for
                # the company put with it to be the mistake.)
                and s.support >= len(fatal) + (0 if _anchored(reading, s) else 1)
                and all(t.entity in SWAPPED or (t.entity == "company" and _anchored(reading, s)) for t in fatal)
            )
        ):
            # "why'd they train r1 on h100s": the wrong chip is a premise to correct, when the rest is the fact's.
            return True
        # ("which one's the reasoning model, v3 or r1": the option the fact names supports it too.)
        chosen = 1 if reading.kind.choice and _options(reading.text) & s.features.says else 0
        return (reading.kind.choice or reading.kind.comparison) and s.support + chosen > len(fatal)

    @staticmethod
    def _premise(reading: Reading, s: Scored) -> str | None:
        """ "No: …" when the question claims a figure or a named thing the fact contradicts; "Yes: …" when it agrees."""
        fact = s.features.fact
        known = figures.fact_figure(fact.value, fact.unit, fact.qualifier)
        if known is not None:
            claims = [c for c in reading.claims if c.dimension == known.dimension]
            relations = [figures.compare(c, known) for c in claims]
            if "different" in relations:
                wrong = claims[relations.index("different")]
                return f"No: {fact.value_label()}, not {wrong.text}."
            if "same" in relations:
                same = claims[relations.index("same")]
                unit = same.unit.rstrip("s")
                if unit in ENTITY_CLASSES["chip"] and unit not in s.features.named:
                    # "they trained r1 on 512 h100s right": the right count of the wrong chip.
                    right = " and ".join(display(w) for w in sorted(s.features.says & ENTITY_CLASSES["chip"]))
                    return f"No: {fact.value_label()}{f' ({right})' if right else ''}, not {display(unit)}s."
                other = _other_model(reading, fact)
                if other is not None:
                    # "the 294k was for training V3 wasn't it": the figure is another model's.
                    return f"No: that figure is {display(fact.subject)}'s, not {display(other)}'s."
                per = PER_UNIT.search(reading.text)
                if per is not None and known.dimension == "money":
                    # "$294k PER HOUR of training", "each of those h800s cost 294k": the whole, not a rate.
                    return f"No: {fact.value_label()} in all, not per {(per.group(1) or per.group(2)).lower()}."
                # ("musk said training costs over 100m": the right figure, told as the wrong person's.)
                wrong_person = s.contrast == s.missed_named and any(t.entity == "person" for t in s.contrast)
                # ("is 294k a lot for an ai model": the figure is the asker's, the judgement asked for none of ours.)
                judged = EVALUATIVE.search(prepare(reading.text)[same.end :]) is not None
                if (reading.kind.yesno or reading.kind.comparison) and not wrong_person and not judged:
                    return f"Yes: {fact.value_label()}."
        if swapped_phases(reading.text, fact.answer) and not reading.kind.choice:
            # "so they did prep on h800s and the real training on a100s": the chips in each other's phase.
            said = chip_phases(fact.answer)
            where = " and ".join(
                f"the {display(chip)} in the {PHASE_NAMES[phase]}" for chip, phase in sorted(said.items())
            )
            return f"No: the articles put {where}."
        years = set(YEAR.findall(fact.answer))
        wrong_years = [c for c in reading.claims if c.dimension == "year" and str(int(c.value)) not in years]
        if years and wrong_years:
            # "what figure did altman give in his 2021 remarks": the fact's year is another.
            return f"No: {', '.join(sorted(years))}, not {wrong_years[0].text}."
        stated = s.features.said
        if (reading.kind.yesno or PRESUMES.match(reading.text)) and (found := market_mismatch(reading.text, stated)):
            return f"No: the articles say {found[0]}, not {found[1]}."  # "the h800 was built for the us market?"
        ranked_as = ranking(reading.text, stated)
        if ranked_as is not None and reading.kind.yesno:
            return "Yes." if ranked_as else "No, the articles say otherwise."  # "is the h800 better than the h100"
        barred = restricted(reading.text, stated)
        if barred is not None and (reading.kind.yesno or not asks(reading.text)):
            # "is the h800 export restricted": the restrictions bar the H100 and A100, for which it was made.
            return "Yes." if barred else "No, the articles say otherwise."
        if not reading.kind.choice and (opposites(reading.text, stated) or negates_stated(reading.text, stated)):
            # "why did investors pile into tech stocks": the question takes for granted what the fact denies;
            # "why was the paper not peer reviewed": it denies what the fact states.
            return "No, the articles say otherwise."
        if _denied(reading, fact):
            # "what was in openai's statement blasting deepseek": a question taking for granted what the fact denies.
            if reading.kind.yesno:
                return "No."
            # "what did openai say about all this": there is nothing to quote, which is the answer.
            return "No response, per the articles." if _denies_a_reply(fact) else "No, the articles say otherwise."
        if s.contrast and s.contrast == s.missed_named:
            # ("google tpus": the chip is what is wrong, its maker with it.)
            wrong = next((t for t in s.contrast if t.entity == "chip"), s.contrast[0])
            # "r1 wasn't trained on h100s": the thing put in the fact's place is denied, which agrees with it.
            # (Not "wasn't it h100s?", "didn't they use h100s": opening on a denial asks for a yes.)
            agrees = wrong.word in denied_words(reading.text, span=4) and not opens_on_auxiliary(reading.text)
            same = {w for w in s.features.named if entity_class(w) == wrong.entity}
            # "was it nvidia or amd": the right one is among the options offered; "did deepseek use huawei
            # chips": DeepSeek is the question's own, Nvidia what it got wrong.
            asked = {t.word for t in reading.terms}
            same = (same & asked if reading.kind.choice else same - asked) or same
            if wrong.entity == "company":
                same = (same - {"deepseek"}) or same  # "did they use amd gpus": Nvidia made them, not DeepSeek
            right = sorted({name(w) for w in same})
            if wrong.entity == "market" and s.features.countries:
                # "the h800 was made for europe": the country of what the question is about, not every one named.
                countries = s.features.countries
                about = markets(reading.text).keys() & countries.keys() or countries.keys() & {"market"}
                right = sorted({COUNTRY_NAMES[countries[noun]] for noun in about or countries})
            instead = f"it was {' and '.join(right)}, " if right else ""
            if reading.kind.choice and instead:
                return f"{instead[0].upper()}{instead[1:]}not {name(wrong.word)}."  # "peer reviewed or arxiv?"
            return f"{'Right' if agrees else 'No'}: {instead}not {name(wrong.word)}."
        return None

    def _comparison(self, reading: Reading, vocab: Vocabulary) -> Resolution | None:
        """ "deepseek vs openai: who spent more?" → each side's fact, and which figure is bigger."""
        if not (reading.kind.comparison or reading.kind.choice):
            return None
        sides = _sides(reading)
        implied: set[str] | None = None
        if (
            len(sides) == 1
            and not sides[0] & SIDE_GROUPS["deepseek"]
            and reading.kind.comparison
            # One figure claimed is a premise to check, not a comparison, unless it is R1's own: "294k vs
            # altman's number?" sets the story's figure against his.
            and (len(reading.claims) != 1 or self._r1_cost_claimed(reading, vocab))
        ):
            # "cost vs openai", "altman's number for comparison": set against the story's own model.
            implied = {"r1"}
            sides.append(implied)
        if len(sides) < 2:
            return None
        chips = all(side <= ENTITY_CLASSES["chip"] for side in sides)
        if chips and not set(words(reading.text)) & WEIGHED:
            # "a100 vs h800, which did the actual training run": one of two named things is asked for,
            # nothing weighed between them: the fact naming the right one answers (as for "x or y").
            return None
        picked: dict[int, Resolution] = {}
        # Either side without a fact ends the comparison, and DeepSeek's side nearly always has one: the
        # other side is read first, so that a comparison that can't be made costs one side's reading.
        for index, side in sorted(enumerate(sides[:2]), key=lambda pair: bool(pair[1] & SIDE_GROUPS["deepseek"])):
            others = {word for other in sides if other is not side for word in other}
            # "who spent more?" asks which side, not for a person: each side wants its own fact.
            asked = reading.kind.want if reading.kind.want not in ("who", "where") else None
            # Comparing costs, each side wants the fact with its figure, to set the two side by side.
            money = any("cost" in t.stems or t.word in FIGURE_WORDS for t in reading.terms)
            kept = [t for t in reading.terms if t.word not in others and t.word not in COMPARING | MAGNITUDE]
            if side is implied:
                kept += terms("r1 cost" if money else "r1", vocab)  # the side named by no word of the question
            narrowed = Reading(
                reading.text,
                Kind(asked, None, reading.kind.yesno),
                kept,
                reading.claims,
                {SUBJECT_WORDS.get(w, w) for w in side},
                prefers="money" if money else None,
            )
            result = self._decide(narrowed, self._candidates(narrowed, vocab))
            if not result.answered:
                return None
            picked[index] = result
        first, second = picked[0].facts[0], picked[1].facts[0]
        if first.id == second.id:
            return None
        note = _bigger(first, second)
        wrong = _wrong_own_figure(reading, [first, second])
        if wrong is not None:
            # "deepseek spent 5 million which is way less than openai right": the figure told as R1's, corrected.
            note = " ".join(filter(None, [wrong, note]))
        return Resolution(facts=[first, second], note=note, reading=reading, points=picked[0].points)

    @staticmethod
    def _defined_back(question: str, around: str, vocab: Vocabulary) -> str:
        """ "i keep seeing the word 'distillation' … what does it mean here?": the "it" of a question asking what
        something means is the word the sentence before quotes, or else the one thing of the story it names."""
        found = DEFINED_PRONOUN.search(question)
        if found is None:
            return question
        quoted = QUOTED.search(around)
        if quoted is not None:
            concept = quoted.group(1)
        else:
            known = [t.word for t in terms(around, vocab) if t.known and not t.weak]
            if len(known) != 1:
                return question
            concept = known[0]
        group = next(i for i in (1, 2, 3) if found.group(i))
        return f"{question[: found.start(group)]}{concept}{question[found.end(group) :]}"

    def _r1_cost_claimed(self, reading: Reading, vocab: Vocabulary) -> bool:
        """Is the one figure the question claims R1's training cost, as the facts give it?"""
        [claim] = reading.claims
        if claim.dimension != "money" or claim.bound not in ("exact", "about"):
            return False  # ("why altman said training costs less than 100 million": a bound, his, to correct)
        cost = read("r1 cost", vocab)
        return any(
            s.features.fact.subject == "r1"
            and s.features.figure is not None
            and figures.compare(claim, s.features.figure) == "same"
            for s in self._candidates(cost, vocab)[:3]
        )

    # -- shaping the reply --

    def _quoted(self, text: str) -> Fact | None:
        """ "what's the 'much more' about": the one fact quoting the words the question quotes, when nothing
        else answers it (not "what does 'peer-reviewed' mean": the articles use the words, defining none)."""
        if ASKS_MEANING.search(text):
            return None
        phrases = quoted_phrases(text)
        quotes = (
            [(fact, [" ".join(words(c.quote)) for c in fact.citations]) for fact in self.store.facts()]
            if phrases
            else []
        )
        for phrase in phrases:
            quoting = [fact for fact, said in quotes if any(phrase in quote for quote in said)]
            if len(quoting) == 1:
                return quoting[0]
        return None

    def _led_by_article(self, resolved: Resolution, position: int | None) -> Resolution:
        """ "what year was that january release per the first article": of the two accounts of a point the
        articles disagree on, the named article's leads."""
        if position is None or len(resolved.facts) != 1 or not resolved.facts[0].conflicts_with:
            return resolved
        order = self.article_order()
        lead = resolved.facts[0]
        if position in cited_positions(order, lead.citations):
            return resolved
        for other in self.store.facts(ids=list(lead.conflicts_with)):
            if position in cited_positions(order, other.citations):
                return replace(resolved, facts=[other])
        return resolved

    def article_order(self) -> list[str]:
        """The sources' ids in the order "the first article", "the second" name them."""
        return [source.id for source in self.store.sources()]

    def _which_article(self, resolved: Resolution, asked: ArticleAsked | None) -> Resolution:
        """ "is the altman quote in both stories": which article states the one fact answering it."""
        corrects = resolved.note is not None and not resolved.note.startswith("Yes")
        if asked is None or corrects or len(resolved.facts) != 1 or resolved.facts[0].conflicts_with:
            return resolved  # (a correction comes first; where the articles disagree, the answer says so)
        order = self.article_order()
        cited = cited_positions(order, resolved.facts[0].citations)
        note = article_note(asked, cited, len(order))
        return resolved if note is None else replace(resolved, note=note)

    def _answer(self, resolved: Resolution, question: str) -> Answer:
        facts = resolved.facts
        text = " ".join(fact.answer for fact in facts)
        if resolved.note:
            text = f"{resolved.note} {text}"
        return self._about(facts, question=question, text=text)

    def _several(self, answered: list[Resolution], question: str, missing: list[str]) -> Answer:
        facts = list({fact.id: fact for item in answered for fact in item.facts}.values())
        lines = []
        for item in answered:
            line = " ".join(fact.answer for fact in item.facts)
            lines.append(f"{item.note} {line}" if item.note else line)
        if missing:
            lines.append("The articles don't say: " + "; ".join(f"“{m}”" for m in missing) + ".")
        return self._about(facts, question=question, text="\n".join(lines))

    def _not_answered(self, resolved: Resolution, question: str) -> Answer:
        if resolved.unanswered == "no_match" or resolved.related is None:
            return self._unknown(question, "I couldn't find that in the articles.", "no_match")
        related = resolved.related
        note = resolved.note or "The articles don't say that."
        return Answer(
            kind="unknown",
            question=question,
            text=f"{note} Related: {related.answer}",
            related=[related.id],
            unanswered="not_stated",
            citations=self._cited([related.id]),
            total_sources=self.store.source_count(),
        )

    def cost(self, model: str | None = None) -> Answer:
        """Training-cost facts, for one model if given (matched by alias: "R-1", "the R1 model", "gpt")."""
        if model is not None and clean(model):
            # Only the named subjects' facts are loaded: the cost topic may hold thousands.
            subjects = resolve_model(model, set(self.store.subjects(topic="cost")))
            chosen = [fact for subject in subjects for fact in self.store.facts(topic="cost", subject=subject)]
            chosen.sort(key=lambda fact: (fact.value is None, subjects.index(fact.subject)))
            if chosen:
                return self._about(chosen[:3], question=model, text=" ".join(f.answer for f in chosen[:3]))
        costs = self.store.facts(topic="cost")
        figured = [fact for fact in costs if fact.value is not None]
        if model is None or not clean(model):
            chosen = figured or costs
            return self._about(chosen, question=model, text=" ".join(f.answer for f in chosen) or None)
        named = ", ".join(f"{label_subject(f.subject)} ({f.value_label()})" for f in figured)
        # Echo only letters, digits and a little punctuation: no markdown or mention can ride along.
        shown = re.sub(r"[^\w .+-]|_", "", clean(model, 60)).strip() or "that model"
        return Answer(
            kind="unknown",
            question=model,
            text=f"The articles give no training-cost figure for “{shown}”. They give one for: {named}.",
            suggestions=[fact.subject for fact in figured],
            unanswered="not_stated",
            total_sources=self.store.source_count(),
        )

    def chips(self) -> Answer:
        """The hardware: which chips, how many, for which phase and why, and the 80-hour run."""
        chosen = self.store.facts(topic="chips")
        chosen += [fact for fact in self.store.facts(topic="training") if fact.unit == "hours"]
        return self._about(chosen, text=" ".join(fact.answer for fact in chosen) or None)

    def fact(self, fact_id: str) -> Answer:
        """One fact by id; an unknown id gets the closest ids as suggestions."""
        key = clean(fact_id, 80).lower()
        try:
            fact = self.store.fact(key, include_retired=True)
        except NotFound:
            # Compare only with ids sharing a piece of the key, never with every fact in the table.
            pieces = [piece for piece in re.split(r"[^a-z0-9]+", key) if len(piece) >= 2] or [key[:3]]
            close = get_close_matches(key, self.store.ids_sharing(pieces), n=3, cutoff=0.5)
            hint = f" Did you mean {', '.join(f'`{c}`' for c in close)}?" if close else ""
            return Answer(
                kind="unknown",
                question=fact_id,
                text=f"There is no fact with that id.{hint}",
                suggestions=close,
                unanswered="no_match",
                total_sources=self.store.source_count(),
            )
        answer = self._about([fact], question=fact_id)
        answer.examples = fact.questions
        if fact.status == "retired":
            answer.text = f"(Retired fact, no longer used in answers.) {answer.text}"
        return answer

    def sources(self) -> Answer:
        """The articles the facts come from, with outlet and date as they state them."""
        sources = self.store.sources()
        text = f"The facts come from {len(sources)} article{'s' if len(sources) != 1 else ''}."
        return Answer(kind="list", text=text, sources=sources, total_sources=len(sources))

    def topics(self) -> Answer:
        """What the bot can answer about, with how many facts each topic holds."""
        topics = self.cached_topics()
        lines = [f"{topic} ({count} fact{'s' if count != 1 else ''})" for topic, count in topics]
        return Answer(
            kind="list",
            text="\n".join(lines),
            suggestions=[topic for topic, _ in topics],
            total_sources=self.store.source_count(),
        )

    def fact_choices(self, typed: str, limit: int = 25) -> list[tuple[str, str]]:
        """(id, answer) of active facts matching what was typed so far, for `/fact` autocomplete."""
        return [(row[0], row[1]) for row in self.store.find_facts(clean(typed, 80).lower(), limit)]

    def cost_subjects(self) -> list[str]:
        """Subjects that have cost facts: what `/cost` can autocomplete."""
        return self.store.subjects(topic="cost")

    # -- helpers --

    def cached_topics(self) -> list[tuple[str, int]]:
        """`store.topics()` (a GROUP BY over every fact) again only when the facts changed."""
        generation = self.generation
        if self._topics is None or self._topics[0] != generation:
            self._topics = (generation, self.store.topics())
        return self._topics[1]

    def _unknown(self, question: str | None, text: str, why: Unanswered, *, suggest: bool = True) -> Answer:
        topics = [topic for topic, _ in self.cached_topics()] if suggest else []
        return Answer(
            kind="unknown",
            question=question,
            text=f"{text} Try asking about: {', '.join(topics)}." if topics else text,
            suggestions=topics,
            unanswered=why,
            total_sources=self.store.source_count(),
        )

    def _about(self, facts: list[Fact], *, question: str | None = None, text: str | None = None) -> Answer:
        """An answer resting on `facts`, pulling in the other side of any disagreement."""
        if not facts:
            return self._unknown(question, "There are no facts on that yet.", "no_match")
        ids = [fact.id for fact in facts]
        others = [other for fact in facts for other in fact.conflicts_with if other not in ids]
        conflicting = self.store.facts(ids=list(dict.fromkeys(others))) if others else []
        every = facts + conflicting
        citations = self._cited([fact.id for fact in every])
        sides: list[Side] = []
        if conflicting:
            involved = [f for f in every if f.conflicts_with]
            for fact in involved:
                sides.append(
                    Side(
                        fact_id=fact.id,
                        claim=fact.answer,
                        sources=[c.source_id for c in citations if c.fact_id == fact.id],
                    )
                )
        body = text or " ".join(fact.answer for fact in facts)
        if sides:
            others_text = " ".join(side.claim for side in sides if side.fact_id not in ids)
            # A "No: …" or "Yes." answering the question comes first; the disagreement is about the rest.
            opening = VERDICT.match(body)
            head, rest = (opening.group(0) + " ", body[opening.end() :].lstrip()) if opening else ("", body)
            body = f"{head}The articles disagree. {rest} {others_text}".strip()
        return Answer(
            kind="answer",
            question=question,
            text=body,
            facts=[fact.id for fact in every],
            citations=citations,
            conflict=bool(sides),
            sides=sides,
            total_sources=self.store.source_count(),
        )


def match_expression(terms: list[Term], vocab: Vocabulary) -> str | None:
    """An FTS5 query OR-ing every known stem. Stems are plain words, quoted, so no FTS syntax gets through."""
    found = {form for term in terms for form in term.stems if form in vocab.stems}
    for term in terms:
        if term.entity == "journal" and term.stems.isdisjoint(vocab.stems):
            # "was it in science": a journal no fact names finds the facts naming the one the articles give.
            found |= {stem(w) for w in [*ENTITY_CLASSES["journal"], "journal"]} & vocab.stems
    stems = sorted(found)
    if not stems:
        return None
    return " OR ".join(f'"{form}"' for form in stems)


SIDE_GROUPS: dict[str, frozenset[str]] = {
    "deepseek": frozenset("deepseek r1 chinese china".split()),
    "openai": frozenset("openai altman gpt chatgpt".split()),
    "rivals": frozenset("rivals rival american america usa labs".split()),
    "a100": frozenset({"a100"}),
    "h800": frozenset({"h800"}),
    "h100": frozenset({"h100"}),
}


def _sides(reading: Reading) -> list[set[str]]:
    typed = {term.word for term in reading.terms if not term.context}
    return [set(group & typed) for group in SIDE_GROUPS.values() if group & typed]


def name(word: str) -> str:
    """A named thing as an answer names it: a person by their whole name, a market by its country."""
    if word in MARKET_GROUPS:
        return COUNTRY_NAMES[MARKET_GROUPS[word]]  # "it was China, not Europe"
    return display(PERSON_NAMES.get(word, word))


def display(word: str) -> str:
    """A named thing as written in the articles: "H800", "Nature", "OpenAI"."""
    special = {
        "openai": "OpenAI",
        "deepseek": "DeepSeek",
        "chatgpt": "ChatGPT",
        "arxiv": "arXiv",
        "biorxiv": "bioRxiv",
        "blog": "a blog post",
        "github": "GitHub",
        "gpt": "GPT",
        "us": "US",
        "liang": "Liang Wenfeng",  # a person by their whole name: "it was Liang Wenfeng, not Musk"
        "altman": "Sam Altman",
        "tpu": "TPU",
        "tpus": "TPUs",
    }
    if word in special:
        return special[word]
    return word.upper() if any(ch.isdigit() for ch in word) or len(word) <= 3 else word.capitalize()


DENIED_VERB = re.compile(r"\b(?:not|never)\s+(?:\w+ly\s+)?(\w+)", re.IGNORECASE)


NO_EXACT_FIGURE = "The articles give no exact figure for that."


FIGURE_ASKED = re.compile(r"\b(?:amount|number|figure|sum|dollars?)\b", re.IGNORECASE)


def _exact_beyond_bound(reading: Reading, figure: figures.Figure | None) -> bool:
    """An exact figure asked for ("what exact dollar amount …", "the exact amount altman said, like 150m?")
    where the fact only bounds it, so that no figure the question guesses is confirmed or denied by it."""
    # (Not "did altman give a real number or just vibes", "… exactly one billion dollars, right": whether he
    # did is what the fact answers.)
    # ("how much over 100 mil did altman mean, like 200? 500?": by how much the bound is passed, the same.)
    beyond = HOW_FAR_BEYOND.search(reading.text)
    if reading.kind.yesno or not (EXACT.search(reading.text) or beyond):
        return False
    if not (reading.kind.want in FIGURE_WANTS or FIGURE_ASKED.search(reading.text)):
        return False
    return (
        figure is not None
        and figure.bound in ("above", "below")
        and all(
            (verdict := figures.compare(claim, figure)) == "unknown" or (beyond and verdict == "same")
            for claim in reading.claims
        )
    )


def _not_stated(reading: Reading, ranked: list[Scored]) -> Resolution:
    """The articles don't say; the best candidate, if it holds a concept of the question, as related."""
    top = ranked[0] if ranked and ranked[0].support else None
    note = NOT_SAID.get(reading.kind.want or "") if top else None  # "The articles don't say who."
    return Resolution(related=top.features.fact if top else None, unanswered="not_stated", note=note, reading=reading)


def _denied(reading: Reading, fact: Fact) -> bool:
    """ "did openai slam deepseek?" against "OpenAI did not immediately comment": the fact denies the very
    thing asked (the verb after its "not" is one the question uses); "did deepseek distill openai?" is
    not answered by "DeepSeek did not directly respond", which denies something else."""
    # A tag asking back ("… didnt they") denies nothing.
    text = TAG_QUESTION.sub("", reading.text)
    ws = words(text)
    if not ws or NEGATED.search(text):
        return False
    asked = ws[0] in AUX or ws[0] in PRESUMING or text.lower().rstrip(" ?!.").endswith(YESNO_TAILS)
    denied = _denied_verbs(fact)
    # Not responding is not admitting, or denying, either: "now that deepseek has admitted distilling …".
    denied |= {form for verb in denied & REPLYING for form in ADMITTING}
    # Told, not asked ("openai immediately blasted deepseek over this"), it must say the thing was done: a
    # bare "openai response?" asks what the fact answers.
    if any(denied & term.forms and (asked or term.word.endswith(("ed", "ing"))) for term in reading.strong):
        return True
    # ("how did openai give such detailed cost figures": "give" is too common a word to be a term.)
    given = [w for w in ws if stem(w) in GIVING]
    return (
        bool(denied & GIVING)
        and bool(given)
        and (asked or any(w in ("gave", "given") or w.endswith("ed") for w in given))
    )


def _other_model(reading: Reading, fact: Fact) -> str | None:
    """The model or company a question names in place of the fact's own subject ("the 294k was for V3")."""
    for term in reading.terms:
        if term.entity not in ("model", "company") or term.context:
            continue
        named = SUBJECT_WORDS.get(term.word)
        if named is not None and named not in (fact.subject, "deepseek") and fact.subject != "deepseek":
            return term.word
    return None


def _denied_verbs(fact: Fact) -> set[str]:
    """The stems of the verbs the fact's sentence denies ("did not immediately comment" → {comment}); not
    having given figures is not having published, released or shared them either."""
    denied = {stem(m.group(1).lower()) for m in DENIED_VERB.finditer(fact.answer)}
    return denied | (GIVING if denied & GIVING else set())


def _denies_a_reply(fact: Fact) -> bool:
    return bool(_denied_verbs(fact) & REPLYING)


def _denies_a_reply_of(speaker: str, fact: Fact) -> bool:
    """Does the fact say that `speaker` gave no reply ("what did deepseek say when asked if it distilled
    openai": DeepSeek's silence answers it, OpenAI's does not)?"""
    first = words(fact.answer)[:1]
    return _denies_a_reply(fact) and bool(first) and family(first[0]) == family(speaker)


# A question that only asks whether the sentence before it is right: "is that true?", "he's right yeah?".
# "since the paper wasnt peer reviewed how do we trust it", "given that r1 cost 5m, …": the premise, then the question.
PREMISE_FIRST = re.compile(
    r"^\W*(?:since|given(?: that)?|now that|considering|seeing as)\s+(.+?)"
    # ("since the paper wasn't peer reviewed should we even trust it": a question opening on "should we" too.)
    r"(?:\s*,\s*|\s+(?=(?:how|what|whats|why|who|when|where|which)\b)"
    r"|\s+(?=(?:should|can|could|do|does) (?:we|i|you)\b))"
    # "deepseek has been posting nonstop all year, so why is this one a surprise": a statement, then a question
    # resting on it.
    r"|^\W*((?:the|they|deepseek|r1|nvidia|openai|us)\b.+?),?\s+so\s+(?=(?:how|why|what|who)\b)",
    re.IGNORECASE,
)
CONFIRMING = re.compile(
    r"^\W*(?:(?:so|and|but|ok)\W+)?(?:(?:is|was) (?:that|this|it|he|she) (?:true|right|correct|real|legit|accurate)"
    r"|(?:he|she|they|that|it)(?:'?s|'?re| is| are)? (?:right|correct|true|wrong)"
    r"|right|true|correct|legit|accurate|real|true or false"
    # "… does the article say anything about that?": what the sentence before says is what is asked.
    r"|(?:does|do|did) (?:the |either |both |these )?(?:article|articles|piece|pieces|paper|story|text)s? "
    r"(?:say|mention|cover|talk about|address|get into)(?: anything| something| much)? "
    r"(?:about|on|re) (?:that|this|it))"
    r"(?:\W+(?:yeah|yes|or not|or nah|lol|tho|though|then|bro))*\W*$",
    re.IGNORECASE,
)
# Question words that take what follows for granted ("why did …", "what was in their statement …").
PRESUMING = frozenset({"why", "what", "whats", "which", "how"})
# A why-question takes what it asks about for granted: "why was the h800 made for the us market".
PRESUMES = re.compile(r"\s*(?:so |ok |but )?(?:why|how come)\b", re.IGNORECASE)
REPLYING = frozenset(map(stem, "respond comment reply answer".split()))
GIVING = frozenset(
    map(stem, "give gave given giving publish published release released share shared provide provided".split())
)
ADMITTING = frozenset(map(stem, "admit admitted admits confess confessed confirm confirmed deny denied denies".split()))
TAG_QUESTION = re.compile(
    r",?\s*\b(?:didnt|didn't|did not|doesnt|doesn't|isnt|isn't|wasnt|wasn't|hasnt|hasn't|arent|aren't|werent|weren't)"
    r"\s+(?:they|it|he|she|we|you|that|there)\W*$",
    re.IGNORECASE,
)


ROLES = frozenset("ceo cto cfo president chairman chairwoman chair chief founder cofounder owner".split())


def _other_role(reading: Reading, s: Scored) -> bool:
    """ "is liang the ceo of deepseek": the fact gives him another role (founder), so it can't say yes."""
    if not reading.kind.yesno:
        return False
    asked = _roles(reading.text)
    stated = _roles(s.features.said)
    return bool(asked) and bool(stated) and not asked & stated


def _roles(text: str) -> set[str]:
    """The roles a text names: "ceo", "founder"."""
    return {word for word in words(text) if word in ROLES}


def _makers_chips(text: str, maker: str) -> bool:
    """Does the text name chips by their maker: "amd chips", "amd's gpus"?"""
    pattern = rf"\b{re.escape(maker)}(?:'s|’s)?\s+(?:{'|'.join(sorted(CHIP_WORDS))})\b"
    return re.search(pattern, text, re.I) is not None


def _makers_model(text: str, maker: str) -> bool:
    """Does the text name a model by its maker: "google's model", "a microsoft ai model"?"""
    return re.search(rf"\b{re.escape(maker)}(?:'s|’s|s)?\s+(?:own\s+)?(?:ai\s+)?models?\b", text, re.I) is not None


def _options(text: str) -> set[str]:
    """The words of the choices offered: "reasoning model or image generator" → all four (within the clause:
    in "whose officials — us or chinese" the officials are what is asked about, not an option)."""
    found: set[str] = set()
    for clause in OPTION_CLAUSE.split(text):
        ws = words(clause)
        for i, word in enumerate(ws):
            if word == "or":
                found.update(ws[max(0, i - 3) : i])
                # "or just an arxiv drop": past the little words, the option itself.
                after = list(itertools.dropwhile(lambda w: w in STOPWORDS, ws[i + 1 :]))
                found.update(itertools.takewhile(lambda w: w not in STOPWORDS, after[:3]))
    return found


OPTION_CLAUSE = re.compile(r"\s[—–-]+\s|[:;]")


def _subject_names(subject: str) -> set[str]:
    return {word for word, name in SUBJECT_WORDS.items() if name == subject}


def _wrong_own_figure(reading: Reading, facts: list[Fact]) -> str | None:
    """ "No: $294,000, not 5 million." when the question tells R1's figure wrong beside the one it compares."""
    prepared = prepare(reading.text)
    for claim in reading.claims:
        if not OWN_FIGURE.search(prepared[: claim.start]):
            continue
        for fact in facts:
            known = figures.fact_figure(fact.value, fact.unit, fact.qualifier)
            if (
                fact.subject in ("r1", "deepseek")
                and known is not None
                and figures.comparable(claim, known)
                and figures.compare(claim, known) == "different"
            ):
                return f"No: {fact.value_label()}, not {claim.text}."
    return None


def _bigger(first: Fact, second: Fact) -> str | None:
    a = figures.fact_figure(first.value, first.unit, first.qualifier)
    b = figures.fact_figure(second.value, second.unit, second.qualifier)
    if a is None or b is None or a.dimension != b.dimension or a.dimension != "money":
        return None
    low, high = (first, second) if a.value < b.value else (second, first)
    ratio = max(a.value, b.value) / max(min(a.value, b.value), 1e-9)
    more = " more than" if (high.qualifier or "").startswith("more") else ""
    return (
        f"{label_subject(high.subject)}'s figure ({high.value_label()}) is{more} about {ratio:,.0f} times "
        f"{label_subject(low.subject)}'s ({low.value_label()})."
    )


def model_key(model: str) -> str:
    """Fold a typed model name to a lookup key: "The DeepSeek-R1 model" → "deepseekr1"."""
    text = clean(model, 60).lower()
    for noise in MODEL_NOISE:
        text = re.sub(rf"(?<![a-z0-9]){re.escape(noise)}(?![a-z0-9])", " ", text)
    return re.sub(r"[^a-z0-9]", "", text)


def resolve_model(model: str, subjects: set[str]) -> list[str]:
    """The fact subjects a typed model name refers to, most specific first."""
    key = model_key(model)
    if key in MODEL_ALIASES:
        return list(MODEL_ALIASES[key])
    if key.startswith("deepseek") and key[8:] in MODEL_ALIASES:
        return list(MODEL_ALIASES[key[8:]])
    plain = {re.sub(r"[^a-z0-9]", "", subject): subject for subject in subjects}
    if key in plain:
        return [plain[key]]
    close = get_close_matches(key, list(MODEL_ALIASES) + list(plain), n=1, cutoff=0.85)
    if close:
        return list(MODEL_ALIASES.get(close[0], (plain.get(close[0], close[0]),)))
    return []


def label_subject(subject: str) -> str:
    return {"r1": "R1", "v3": "V3", "openai": "OpenAI", "deepseek": "DeepSeek", "meta": "Meta"}.get(subject, subject)
