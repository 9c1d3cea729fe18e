"""Fact-checking a message against the articles: pure functions from text to a `FactCheck`. No Discord types.

A message is split into its checkable statements (clauses that name a figure,
a thing or something the story is about; opinions, jokes and questions are
left alone). Each statement is read by the answer engine, which finds the fact
about the same thing, and gets one verdict per thing it claims:

- supported: the fact says the same (a figure rounded or bounded the same way
  counts: "under $300k", "about 300 thousand", "~$0.3M");
- contradicted: the fact says otherwise — another figure, another named thing
  of the same kind (A100 for H800, Science for Nature), or the opposite
  ("bought" for "sold", "admitted" for "did not respond");
- disputed: the two articles disagree on exactly the point claimed;
- unverified: the articles don't cover it. A related fact is never stretched
  into a verdict.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot import figures
from bot.answers import (
    BANNED,
    OFFICIALS,
    OWN_MODELS,
    Engine,
    Scored,
    beyond_the_run,
    counted_nowhere,
    display,
    family,
    misses_allowed,
    names_the_run,
    stated_text,
    states_in_passing,
)
from bot.lexicon import ENTITY_CLASSES, PERSON_NAMES, STOPWORDS, SUBJECT_WORDS, WEAK
from bot.models import ClaimCheck, Fact, FactCheck, Verdict
from bot.reading import (
    ABBREVIATED,
    ANTONYM_WORDS,
    COUNTRY_NAMES,
    FACT_NEGATED,
    FIGURE_CONCEPTS,
    MARKET_GROUPS,
    NEGATED,
    PREP_WORDS,
    Reading,
    Term,
    asks,
    chip_named,
    denied_opposites,
    denied_words,
    entity_class,
    market_mismatch,
    opposites,
    prepare,
    ranking,
    restricted,
    same_side,
    swapped_phases,
)
from bot.text import clean, other_language, stem, words
from bot.which_article import ORDINALS, ArticleAsked, article_asked, cited_positions, without_articles

log = logging.getLogger(__name__)

COSTS = re.compile(r"\b(?:costs?|figures?|numbers?|spend\w*|spent|price|budget|bill)\b", re.IGNORECASE)
OPENAI_NAMED = re.compile(r"\b(?:openai|altman)\b", re.IGNORECASE)
OPENAI_MODEL = re.compile(r"\b(?:chat)?gpt[- ]?\d(?:\.\d)?[a-z]*\b|\b(?:the )?o[13](?:-mini)?\b", re.IGNORECASE)
# "only the first article …": no other article says it.
ONLY = re.compile(r"\b(?:only|just|solely|alone)\b", re.IGNORECASE)
# A statement only that an article has something: "both articles mention the a100".
MENTIONS = re.compile(r"\b(?:mention\w*|talks? about|discuss\w*|covers?|brings? up|names?|quotes?)\b", re.I)
NAMED_BY = re.compile(r"\+?\s*(?:comment|comments|remark|remarks|quote|line|claim|statement)\b", re.IGNORECASE)

MAX_TEXT = 1000  # characters of a message that are checked
MAX_CLAIMS = 8  # statements checked per message: more is a wall of text, not a reply
RARE = 0.85  # a concept this specific (few facts use it) makes a statement checkable on its own

SENTENCES = re.compile(rf"(?<=[.!?;\n]){ABBREVIATED}\s+|\n+")
# Clauses: "512 H800s but it cost $9M", "r1 was 294k, the paper dropped wednesday, and …".
CLAUSES = re.compile(
    r"\s*(?:,\s*)?\b(?:but|and|while|whereas|although|though|yet|plus|then"
    # ("he is also its ceo": "also" after a verb says more of the same subject; it starts no clause.)
    r"|(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bhas )(?<!\bhave )(?<!\bhad )also)\b\s+(?!not\b)|\s*;\s*"
    # "accidental, not deliberate": the denial belongs to the clause it sets against.
    r"|\s*,\s+(?!(?:and |but )?not\b)"
    # "r1 was trained on h100s lol so much for export controls": a laugh ends the claim before the remark.
    r"|\s+\b(?:lol|lmao|lmfao|smh)\b\s+",
    re.IGNORECASE,
)
# What frames a claim without being part of it: "i heard", "my friend says", "apparently".
HEARSAY = re.compile(
    r"^(?:(?:(?:fun\s+)?fact|psa|reminder|tl;?dr|fyi|heads\s+up)\s*[:\-–—]\s*)?"  # "fun fact: the prep phase …"
    r"(?:(?:so|ok|okay|and|but|like|yo|bro|ngl|tbh|fr|btw|fwiw|afaik|lol|lmao|also|apparently|reportedly|"
    r"supposedly)\s+)*"
    r"(?:(?:i|we|my \w+|some \w+|people|ppl|they|everyone|twitter|reddit|someone)\s+"
    r"(?:heard|read|saw|seen|think|thought|says|said|say|claims?|claimed|posted|tweeted|told me)\s+(?:that\s+)?)?",
    re.IGNORECASE,
)
PRONOUN = re.compile(r"^(?:he|she|it|they|that|this|his|her|their|its|hes|shes|theyre)\b", re.IGNORECASE)
REACTION = re.compile(
    r"^(?:so\s+)?(?:thats|that's|that is|this is|its|it's|ur|you're|youre|everyone knows|ez|gg|cope|ratio|"
    r"(?:ppl|people|they|everyone|u|you|yall) (?:call|calling|say|saying|think|acting))\b(?!.*\d)"
    # ("this is gonna intensify the beijing ai debate": what it will do, which the articles foretell too.)
    r"(?!\s+(?:all\s+)?(?:gonna|going to|likely to|set to|about to|expected to|bound to)\b)",
    re.I,
)
# Radio and chat sign-offs on their own: "copy, 512 h800s, 80 hrs. logged" ("copy" is no word on copying).
ACKNOWLEDGED = re.compile(
    r"(?:copy|copied|roger|noted|logged|wilco|10-4|ten[- ]four|affirmative|over and out|over)"
    r"(?: that| all| thanks| thx)?",
    re.I,
)
# An opinion, not a claim the articles could settle: "distillation is basically stealing imo", "nature should be
# more careful", "deepseek is cooking openai fr fr" (unless it holds a figure: "tbh 294k is nothing").
OPINION = re.compile(
    r"\b(?:imo|imho|tbh|tbf|honestly|in my opinion|fr fr|should|shouldn't|shouldnt|ought to|exhausting|overrated|"
    r"underrated|cooking|cooked|mid|goated|insane|wild|(?<!like )crazy|brr+|scary|so confusing|a meme)\b"
    r"|^(?:gm|gn|brb|ugh)\b"  # "gm everyone, markets open in 10", "brb reading both articles again": chatter
    r"|^(?:so )?much for\b"  # "so much for export controls": sarcasm, not a claim
    r"|\bmust be \w+ing\b",  # "the us labs must be sweating": a guess about the mood
    re.IGNORECASE,
)
FIRST_PERSON = re.compile(r"^(?:i|im|i'm|ive|i've|id|i'd|imo|me|my|we|we're|our)\b", re.IGNORECASE)
EXCLUSIVE_WORDS = frozenset("only entirely exclusively solely purely just".split())
SECOND_CLAIM = re.compile(
    r"(\b(?:is|was|are|were)\s+(?:a|an|the)\s+\w+(?:\s+\w+)?)\s+(?:that|which)\s+"
    r"(?=(?:cost|costs|took|takes|used|uses|needed)\b)",
    re.IGNORECASE,
)
EVADED = re.compile(r"\b(?:dodg\w*|evad\w*|sidestep\w*|duck(?:ed|s|ing)?|skirt\w*|stonewall\w*)\b", re.IGNORECASE)
WHOLE_OF_IT = re.compile(
    r"\b(?:for|during|in|through|over)\s+(?:the\s+)?(?:whole|entire)\s+(?:thing|time|run|training|process|project)\b"
    r"|\bthroughout\b|\b(?:from\s+)?start to finish\b|\b(?:from\s+)?beginning to end\b|\ball the way through\b"
)
EXCLUSIVE = re.compile(r"(?<![-\w])(?:" + "|".join(sorted(EXCLUSIVE_WORDS)) + r")\b")
# A clause with no subject of its own ("… and is much cheaper"): the clause before says what it is about.
SUBJECTLESS = re.compile(
    r"^(?:is|was|are|were|has|have|had|did|does|gives?|gave|makes?|made|costs?|took|takes?|used|uses)\b", re.I
)
VAGUE_AMOUNT = re.compile(
    r"\b(?:several|a few|few|many|a couple(?: of)?|couple|some|a handful of|dozens of|hundreds of|thousands of)\s+"
    r"(?:hours|days|weeks|months|years|minutes|times|chips|gpus|employees|million|billion)\b"
    r"|\b(?:half|most|the majority|a third|a quarter|the bulk|a tenth)\s+of\b",
    re.IGNORECASE,
)
CAUSE = re.compile(r"\b(?:because|cuz|cause|bc|since|so that|due to|thanks to)\b", re.IGNORECASE)
DATE_WORDS = ENTITY_CLASSES["month"] | ENTITY_CLASSES["weekday"] | {"week", "recently", "just"}
YEARS = re.compile(r"\b(?:19|20)\d\d\b")
RIVAL_MARGIN = 0.5  # points: how close behind the best fact another must be for its opposite to count
MARKS = {"supported": "✅", "contradicted": "❌", "disputed": "⚖️", "unverified": "❔"}
RANK = {"contradicted": 0, "disputed": 1, "supported": 2, "unverified": 3}


@dataclass
class Finding:
    verdict: Verdict
    fact: Fact | None
    explanation: str
    claim: str


class Checker:
    """Checks statements against the facts the engine finds; both fronts call `check`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def check(self, message: str) -> FactCheck:
        text = clean(message, MAX_TEXT)
        total = self.engine.store.source_count()
        if not text:
            return FactCheck(text=text, note="There is nothing to check.", total_sources=total)
        if other_language(text):
            return FactCheck(text=text, note="I can only check messages in English, sorry.", total_sources=total)
        findings: list[Finding] = []
        previous: Fact | None = None
        before = ""
        for statement in statements(text):
            # "altman's the openai ceo and he said …": "he" is the one the clause before named.
            context = before if PRONOUN.match(statement) or SUBJECTLESS.match(statement) else ""
            # "openai has published detailed training costs for gpt-4": that OpenAI gives no detailed figures "for
            # any of its models" covers each one (not a figure: "gpt-4 cost 78 million" is no claim about them all).
            written = statement
            statement = _person_for_pronoun(statement, before)
            if OPENAI_NAMED.search(statement) and COSTS.search(statement) and not figures.find(prepare(statement)):
                statement = OPENAI_MODEL.sub("its models", statement)
            asked = article_asked(statement)
            if asked is not None and asked.mode != "which" and not NEGATED.search(statement):
                # "only the first article mentions distillation": what is said, and then which article says it.
                found = self._in_articles(statement, asked, previous, context)
            else:
                found = self._check_statement(statement, previous, context)
            for finding in found:
                if finding.claim == statement:
                    finding.claim = written  # shown as it was written
            before = statement
            if found and found[0].fact is not None:
                previous = found[0].fact
            findings += found
            if len(findings) >= MAX_CLAIMS:
                break
        claims = [self._claim(finding) for finding in findings[:MAX_CLAIMS]]
        note = None if claims else "Nothing in that is a claim I can check against the articles; try /ask instead."
        return FactCheck(text=text, claims=claims, note=note, total_sources=total)

    def unverified(self, result: FactCheck) -> list[str]:
        """The statements the articles don't cover, to count for curators."""
        return [claim.claim for claim in result.claims if claim.verdict == "unverified"]

    # -- one statement --

    def _in_articles(self, statement: str, asked: ArticleAsked, previous: Fact | None, context: str) -> list[Finding]:
        """ "both articles mention the a100", "the first article says it caused a stir": the statement without
        its articles is checked, and a fact it agrees with is held against the articles that state it."""
        said = without_articles(statement)
        found = self._check_statement(said, previous, context)
        if not found and MENTIONS.search(statement):
            # "both articles mention the a100": only a topic, which the fact that is about it settles.
            _, _, resolution = self.engine.examine(said, context)
            if resolution.answered:
                found = [Finding("supported", resolution.facts[0], "", statement)]
        order = self.engine.article_order()
        return [self._cited_by(finding, asked, statement, order) for finding in found]

    @staticmethod
    def _cited_by(finding: Finding, asked: ArticleAsked, statement: str, order: list[str]) -> Finding:
        if finding.verdict != "supported" or finding.fact is None or len(order) != len(ORDINALS):
            return finding
        cited = cited_positions(order, finding.fact.citations)
        if not cited:
            return finding
        every = len(cited) == len(order)
        stated = "Both articles say so." if every else f"Only the {ORDINALS[min(cited)]} article says so."
        if asked.mode == "both":
            right = every
        else:
            assert asked.position is not None
            # ("only the first article mentions distillation": the other article must not.)
            right = asked.position in cited and not (ONLY.search(statement) and cited != {asked.position})
        if right:
            return Finding("supported", finding.fact, f"{finding.explanation} {stated}".strip(), statement)
        if asked.mode == "one" and asked.position not in cited:
            named, other = ORDINALS[asked.position or 0], ORDINALS[min(cited)]
            stated = f"The {named} article doesn't say so; the {other} article does."
        elif asked.mode == "one":
            stated = f"Both articles say so, not only the {ORDINALS[asked.position or 0]}."
        return Finding("contradicted", finding.fact, stated, statement)

    @staticmethod
    def _redefined(statement: str, ranked: list[Scored]) -> Finding | None:
        """ "distillation just means training on a bigger dataset": a word the facts define, said to mean something
        that shares nothing with the definition, is defined otherwise."""
        said = DEFINED_AS.match(statement)
        if said is None:
            return None
        term = said.group(1).lower()
        defining = next((s for s in ranked if term in s.features.defines), None)
        if defining is None:
            return None
        meant = {stem(w) for w in words(said.group(2)) if w not in STOPWORDS and w not in WEAK} - {stem(term)}
        if not meant or meant & defining.features.answer_stems:
            return None
        return Finding("contradicted", defining.features.fact, "The articles define it otherwise.", statement)

    def _check_statement(self, statement: str, previous: Fact | None = None, context: str = "") -> list[Finding]:
        reading, ranked, resolution = self.engine.examine(statement, context)
        if not checkable(reading, self.engine.weight):
            return []
        if (
            previous is not None
            and not reading.claims
            and not any(t.entity or t.off_story for t in reading.strong)
            and ranked
            and ranked[0].id == previous.id
            # ("…, and beijing officially backed the figures": a claim against it is one of its own.)
            and not opposites(statement, stated_text(previous))
        ):
            return []  # "…, its in some supplementary info doc": more about the claim just checked
        strong = reading.strong
        if any(t.off_story for t in strong) or any(any(ch.isdigit() for ch in t.word) for t in strong if not t.known):
            # "nvidia lost 600 billion in market cap", "openai spent billions on gpt5": about something else.
            return [Finding("unverified", None, "The articles don't cover this.", statement)]
        redefined = self._redefined(statement, ranked)
        if redefined is not None:
            return [redefined]
        if beyond_the_run(reading):
            # "the whole thing incl the a100 prep cost 294k total": the articles give the run's cost alone.
            return [
                Finding("unverified", None, "The articles don't say what the cost covers beyond the run.", statement)
            ]
        fact = resolution.facts[0] if resolution.answered else None
        best = next((s for s in ranked if fact is not None and s.id == fact.id), None)
        found: list[Finding] = []
        if reading.claims and not reading.terms and previous is not None:
            return []  # "94k to train r1. ninety four thousand.": the same figure again
        # Each figure is a claim of its own: "294k, 512 h800s, trained for 80 minutes". One that names a
        # remark beside another figure ("altman's 100 million comment was from 2021") is how it is referred
        # to, not a second claim.
        prepared = prepare(statement)
        # "nature ran it on a wednesday in june 2023": a year in a date the articles disagree on is that dispute,
        # not a year to check on its own. (Found once: it settles the statement further down too.)
        disputed = self._disputed(statement, fact) if fact is not None else None
        for claim in reading.claims:
            if len(reading.claims) > 1 and NAMED_BY.match(prepared[claim.end :]):
                continue
            if claim.dimension == "year" and disputed is not None:
                continue
            found.append(self._figure(statement, claim, reading, ranked, fact))
        if disputed is not None and len(found) < len(reading.claims):
            found.append(disputed)
        if any(f.verdict == "unverified" and f.fact is None for f in found):
            return found  # "nvidia dropped 17%": a figure the articles don't give; nothing else in it to check
        market = next(
            ((s, said) for s in ranked[:5] if s.support and (said := _market_mismatch(statement, s))),
            None,
        )
        # ("chinese officials questioned deepseek's numbers": what the articles tell of US officials, told of
        # another country's, is the wrong country; "chinese regulators praised it" is something else they did.)
        same_act = market is not None and _does_what_the_fact_says(statement, reading, market[0])
        if _other_officials(statement, reading) and not same_act:
            # "chinese regulators questioned deepseek's numbers": the articles tell what US officials did; what
            # another country's did they don't say, and one doing something is no contradiction of another.
            found.append(Finding("unverified", None, "The articles don't say what that government did.", statement))
        elif market is not None:
            found.append(Finding("contradicted", market[0].features.fact, market[1], statement))
        elif (
            fact is not None
            and best is not None
            and best.contrast
            and not _other_subject(best)
            and {t.word for t in best.contrast} <= _denied_named(statement)
            and best.features.says & {w for w in best.features.named if entity_class(w) == best.contrast[0].entity}
            and not reading.claims
        ):
            # "r1 wasn't trained on h100s": what it denies is what the fact puts another thing in place of.
            wrong = best.contrast[0]
            right = sorted(
                display(w)
                for w in best.features.says
                if entity_class(w) == wrong.entity and w not in (fact.subject, "deepseek")
            )
            says = " and ".join(right) or "something else"
            found.append(
                Finding("supported", fact, f"Right: the articles say {says}, not {display(wrong.word)}.", statement)
            )
        elif best is not None and (contrast := _contrast(statement, best)) and not _other_subject(best):
            wrong = contrast[0]
            said = [w for w in best.features.named if entity_class(w) == wrong.entity]
            if wrong.entity == "market":
                # "deepseek is japanese": countries by name, once each ("China", not "China and Chinese").
                right = sorted({COUNTRY_NAMES[MARKET_GROUPS[w]] for w in said if w in MARKET_GROUPS})
                wrong_name = COUNTRY_NAMES.get(MARKET_GROUPS.get(wrong.word, ""), display(wrong.word))
            else:
                # (Nvidia made the chips DeepSeek used: the fact's own subject is not the one mistaken.)
                said = [w for w in said if w not in (fact.subject, "deepseek")] or said
                right = sorted({display(PERSON_NAMES.get(w, w)) for w in said})
                wrong_name = display(wrong.word)
            says = " and ".join(right) or "something else"
            # "the 512 h800s were made by amd": one statement, wrong in its maker however right its figure.
            # ("they trained on 512 a100s": the figure's finding already says so, chip and all.)
            found = [f for f in found if not (f.verdict == "supported" and f.fact is fact)]
            if not any(f.verdict == "contradicted" and f.fact is fact for f in found):
                found.append(Finding("contradicted", fact, f"The articles say {says}, not {wrong_name}.", statement))
        elif fact is not None and best is not None and (other := self._other_company(reading, best)):
            found.append(Finding("contradicted", fact, f"The articles say this of {other}.", statement))
        if found and (chip := _wrong_run_chip(statement, reading, ranked, found)) is not None:
            # "deepseek trained r1 on h100s for 80 hours": the hours are right, the chip is a claim of its own.
            found.append(chip)
        if any(f.verdict == "contradicted" for f in found):
            # "the 80-hour training ran on a100s", "the a100s did the main 80 hour run": the figure only names
            # the run the statement is about, so the one claim is the wrong chip, not the hours beside it.
            naming = {claim.text for claim in reading.claims if _names_the_thing(prepared, claim)}
            found = [f for f in found if not (f.verdict == "supported" and f.claim in naming)]
        if found:
            return found
        if fact is None and ranked and ranked[0].support >= 2 and _person_of_another_company(reading, ranked[0]):
            # "liang wenfeng is the founder of openai": what the fact says of DeepSeek, said of another company.
            return [Finding("contradicted", ranked[0].features.fact, "The articles say this of DeepSeek.", statement)]
        # "the final training was on a100s, the h800s were just for prep": each chip in the other's phase.
        swapped = next((s for s in ranked[:3] if s.support and swapped_phases(statement, s.features.fact.answer)), None)
        if swapped is not None:
            return [
                Finding(
                    "contradicted",
                    swapped.features.fact,
                    f"The articles say the reverse: {swapped.features.fact.answer}",
                    statement,
                )
            ]
        # "the h800 is more powerful than the h100": which chip the articles call the more powerful. A
        # ranking is decisive, so it settles the statement even where other words go unmatched ("cut-down").
        # ("…, and it's faster than the h100": "it" is the chip the clause before named.)
        ranked_claim = statement
        if context and PRONOUN.match(statement):
            named_chips = [w for w in words(context) if chip_named(w)]
            ranked_claim = f"{named_chips[-1]} {statement}" if named_chips else statement
        for s in [best] if best is not None else [s for s in ranked[:3] if s.support]:
            # (Which chips the restrictions bar settles it the same way: "us export restrictions cover the h800".)
            ranked_as = ranking(ranked_claim, s.features.said)
            if ranked_as is None:
                ranked_as = restricted(ranked_claim, s.features.said)
            if ranked_as is not None:
                verdict, says = ("supported", "say so") if ranked_as else ("contradicted", "say otherwise")
                return [Finding(verdict, s.features.fact, f"The articles {says}: {s.features.fact.answer}", statement)]
        if fact is None or best is None:
            return [Finding("unverified", None, "The articles don't cover this.", statement)]
        if disputed is not None:
            return [disputed]
        if self._opposite(statement, reading, best):
            return [Finding("contradicted", fact, f"The articles say otherwise: {fact.answer}", statement)]
        # "deepseek wants to make ai expensive and exclusive": the cost fact holds "expensive" as a cost word, the
        # fact close behind it says the opposite ("accessible"), which settles the statement.
        rival = next(
            (
                s
                for s in ranked[1:3]
                if s.support >= best.support
                and s.points >= best.points - RIVAL_MARGIN
                # (Of the party the statement is about: OpenAI's "distillation question" says nothing of DeepSeek.)
                and s.features.fact.subject in {best.features.fact.subject, *words(statement)}
                and opposites(statement, s.features.said)
                and self._opposite(statement, reading, s)
            ),
            None,
        )
        if rival is not None:
            said = rival.features.fact
            return [Finding("contradicted", said, f"The articles say otherwise: {said.answer}", statement)]
        # "accidental, not deliberate": what the statement denies need not be in the fact that agrees.
        if covered(reading, best, stated=True, ignoring=denied_opposites(statement, best.features.said)):
            others = _besides(reading, best)
            if others and _exclusive(statement):
                # "r1 was trained entirely on a100s": the fact names another chip beside it.
                return [
                    Finding(
                        "contradicted", fact, f"Not only: the articles also name {others}. {fact.answer}", statement
                    )
                ]
            if VAGUE_AMOUNT.search(statement) and best.features.figure is None:
                # "the prep phase took several weeks": the fact gives no length, so it can't agree.
                return [Finding("unverified", None, "The articles give no figure for this.", statement)]
            return [Finding("supported", fact, f"The articles say so: {fact.answer}", statement)]
        return [Finding("unverified", None, "The articles don't cover all of this.", statement)]

    def _figure(
        self, statement: str, claim: figures.Figure, reading: Reading, ranked: list[Scored], fact: Fact | None
    ) -> Finding:
        """Hold one claimed figure against the fact that gives a figure of its kind."""
        if claim.dimension == "year":
            dating = [s.features.fact for s in ranked if s.support and "date" in s.features.wants]
            # "the cheap ai release was january 2023": of the first two facts dating it, the one
            # giving a year ("January 2023") is the one to hold the year against, not one giving the month alone.
            dated = next((f for f in dating[:2] if claim.text in YEARS.findall(stated_text(f))), None)
            dated = dated or (dating[0] if dating else None)
            return self._year(statement, claim, dated or fact)
        if claim.dimension == "count" and claim.unit.rstrip("s") in ENTITY_CLASSES["chip"]:
            # "512 H100s": the fact counting chips may name only the chip it was, so ask for chips too;
            # only the same count of another chip is a contradiction ("owns 1000 h100s" is unverified).
            ranked = ranked + [
                s
                for s in self.engine.examine(f"{statement} chips")[1]
                if s.features.figure is not None and figures.compare(claim, s.features.figure) == "same"
            ]
        candidates = [
            s for s in ranked if s.features.figure is not None and s.features.figure.dimension == claim.dimension
        ]
        counted = {figure.unit.rstrip("s") for figure in reading.claims if figure.dimension == "count"}
        candidates = [
            s
            for s in candidates
            if _subject_ok(reading, s)
            # "each h800 costs like $30k": a chip the fact doesn't name is what the money is about,
            # unless it is what is counted ("4k a100s for $20M").
            # ("r1 took 800 hours on h100s": the run's hours, a fact naming the H800 cluster, with the chip wrong too.)
            and all(
                t.word in counted or t in s.contrast or (s.features.figure is not None and _names_a_chip(s))
                for t in s.missed_named
                if t.entity == "chip"
            )
        ]
        chosen = next((s for s in candidates if fact is not None and s.id == fact.id), None)
        # "the 294k is way below what us rivals estimate": the fact it is about (or the best-scored one) states
        # that figure in passing (its own figure, if any, is another), so another fact's figure is no check on it.
        passing = [fact] if fact is not None else []
        passing += [s.features.fact for s in ranked[:1] if s.support and s.features.fact is not fact]
        in_passing = next((f for f in passing if states_in_passing(f, claim)), None) if chosen is None else None
        if in_passing is not None and (other := _other_model_claimed(statement, reading, in_passing.subject)):
            # "the $294k was for v3, not r1": the right figure, told as another model's.
            return Finding(
                "contradicted",
                in_passing,
                f"The articles give it for {display(in_passing.subject)}, not {other}.",
                claim.text,
            )
        if in_passing is not None:
            return Finding("supported", in_passing, f"The articles say so: {in_passing.answer}", claim.text)
        if chosen is None:
            # A named thing of another kind ("4k a100s for $20M") doesn't stop the cost from being checked.
            chosen = next((s for s in candidates if s.support and not s.misbound and _subject_ok(reading, s)), None)
        if chosen is None and claim.unit.rstrip("s") in ENTITY_CLASSES["chip"]:
            chosen = candidates[0] if candidates else None  # "512 H100s": the fact that counts chips
        if chosen is None:
            return Finding("unverified", None, f"The articles give no figure to check {claim.text} against.", statement)
        known = chosen.features.figure
        assert known is not None
        relation = figures.compare(claim, known)
        # (The words another figure of the statement stands for are that figure's, not this one's.)
        others = {FIGURE_CONCEPTS.get(c.dimension) or c.unit for c in reading.claims if c is not claim}
        unit = claim.unit.rstrip("s")
        # "deepseek used around 10,000 a100s": chips DeepSeek used (in the preparatory phase) that no fact
        # counts; the run's count is of its H800s. (Not "they used 2048 h100s": chips it never used.)
        uncounted = unit in ENTITY_CLASSES["chip"] and counted_nowhere({unit}, ranked)
        # As for a question, one concept in three may go unmatched ("…, trust me"); more is another subject.
        if relation == "different" and (
            len([t for t in chosen.missed if t.word not in others]) > misses_allowed(reading)
            or (uncounted and unit not in chosen.features.named and not names_the_run(statement))
        ):
            # The fact leaves out what the figure is of: "the preparatory phase cost millions" is no claim
            # about R1's training bill, nor "deepseek raised $1 billion from investors" about any cost.
            return Finding("unverified", None, f"The articles give no figure to check {claim.text} against.", statement)
        said = chosen.features.fact.value_label()
        if relation == "different" and known.dimension == "money" and _as_a_rate(reading.text, claim):
            # "they paid like 3.7k an hour", "r1 costs $20 a month": a rate, which the articles never give (their
            # figure is the whole bill; the whole told as a rate is another matter, and contradicted).
            return Finding("unverified", None, f"The articles give no rate to check {claim.text} against.", statement)
        if relation in ("same", "different") and _negated_figure(statement, claim):
            # "r1 did not cost 294k": denying the right figure contradicts it; denying a wrong one agrees.
            if relation == "different":
                return Finding("supported", chosen.features.fact, f"The articles say {said}.", claim.text)
            relation = "different"
        if relation == "same" and unit in ENTITY_CLASSES["chip"] and unit not in chosen.features.named:
            right = " and ".join(display(w) for w in sorted(chosen.features.named & ENTITY_CLASSES["chip"]))
            return Finding(
                "contradicted",
                chosen.features.fact,
                f"The articles say {_with_chip(said, right)}, not {display(unit)}.",
                claim.text,
            )
        other = _other_model_claimed(statement, reading, chosen.features.fact.subject)
        if relation == "same" and other is not None:
            # "the $294k was for v3, not r1": the right figure, told as another model's.
            subject = display(chosen.features.fact.subject)
            return Finding(
                "contradicted",
                chosen.features.fact,
                f"The articles give {said} for {subject}, not {other}.",
                claim.text,
            )
        if relation == "same":
            return Finding("supported", chosen.features.fact, f"The articles say {said}.", claim.text)
        if relation == "different":
            quote = _quote(chosen)
            return Finding(
                "contradicted",
                chosen.features.fact,
                f"The articles say {said} ({quote}), not {claim.text}.",
                claim.text,
            )
        return Finding(
            "unverified",
            chosen.features.fact,
            f"The articles say only {said}: {claim.text} can't be checked.",
            claim.text,
        )

    def _year(self, statement: str, claim: figures.Figure, fact: Fact | None) -> Finding:
        if fact is None:
            return Finding("unverified", None, f"The articles don't date this to {claim.text}.", statement)
        disputed = self._disputed(statement, fact)
        if disputed is not None:
            return disputed
        text = stated_text(fact)
        years = set(YEARS.findall(text))
        if not years:
            return Finding("unverified", fact, f"The articles give no year for this, so not {claim.text}.", statement)
        if claim.text in years:
            return Finding("supported", fact, f"The articles say {claim.text}.", statement)
        return Finding(
            "contradicted", fact, f"The articles say {', '.join(sorted(years))}, not {claim.text}.", statement
        )

    def _disputed(self, statement: str, fact: Fact) -> Finding | None:
        """The articles disagree on this point: a date or year one states and the other states otherwise."""
        if not fact.conflicts_with:
            return None
        claimed = dates_in(statement)
        if not claimed:
            return None
        partners = self.engine.facts(fact.conflicts_with)
        sides = [fact, *partners]
        stated = [dates_in(" ".join([f.answer, *(c.quote for c in f.citations)])) for f in sides]
        if not any(claimed & dates for dates in stated):
            return None
        # "on a wednesday in june 2023": the claim puts each article's own date together.
        own = [
            claimed & dates - set().union(*(o for j, o in enumerate(stated) if j != i))
            for i, dates in enumerate(stated)
        ]
        if sum(1 for items in own if items) < 2 and all(claimed & dates for dates in stated):
            return None  # both articles say it ("january"): no dispute on what was claimed
        # Only one side states what was claimed; the other states something else in its place.
        if not all(dates for dates in stated):
            return None
        # The account the claim follows leads ("june 2023": the article that says June 2023).
        order = sorted(range(len(sides)), key=lambda i: -len(claimed & stated[i]))
        both = " ".join(sides[i].answer for i in order)
        return Finding("disputed", sides[order[0]], f"The articles disagree. {both}", statement)

    @staticmethod
    def _opposite(statement: str, reading: Reading, best: Scored) -> bool:
        """Does the statement say the opposite of the fact: an antonym of what it says, or a denial on one side only?"""
        fact = best.features.fact
        against = opposites(statement, best.features.said)
        # The opposite word is one the fact can't hold: it must not count as something the fact misses.
        if not covered(reading, best, allow_opposites=True, ignoring=against):
            return False
        if against:
            return True
        # "the h800 only exists cuz the us wont let nvidia sell …": the denial is in the reason, not the claim.
        main = CAUSE.split(prepare(statement), maxsplit=1)[0]
        if denied_opposites(main, best.features.said):
            return False  # "the openai stuff in v3 was accidental, not on purpose": the denial agrees
        if not _denies_the_fact(main, best):
            return False  # "a peer-reviewed paper in Nature, not just a blog post": it denies something else
        # "deepseek dodged the question": evading denies the reply as "did not respond" does.
        denies = bool(NEGATED.search(main)) or bool(EVADED.search(main))
        return denies != bool(FACT_NEGATED.search(fact.answer))

    @staticmethod
    def _other_company(reading: Reading, best: Scored) -> str | None:
        """ "altman is the ceo of deepseek": a fact about OpenAI held up as one about DeepSeek; "the openai answers
        in crawled data were about r1": one about V3 held up as one about R1."""
        typed = {t.word for t in reading.terms if not t.context}
        subject = best.features.fact.subject
        # ("the 294k wasn't for v3": the model denied is not the one it is said of.)
        models = {SUBJECT_WORDS.get(word, word) for word in typed - denied_words(reading.text)} & OWN_MODELS
        if subject in OWN_MODELS and models and subject not in models:
            return display(subject)
        if "deepseek" not in typed or best.features.fact.subject == "deepseek":
            return None
        if (
            best.features.fact.subject in ("openai", "meta")
            and not typed & {"openai", "meta", "llama", "gpt"}
            # ("deepseek did not respond directly": DeepSeek's own reply, to claims about OpenAI's models.)
            and not best.features.fact.answer.startswith("DeepSeek")
        ):
            return display(best.features.fact.subject)
        return None

    def _claim(self, finding: Finding) -> ClaimCheck:
        facts = [finding.fact.id] if finding.fact is not None else []
        if finding.fact is not None and finding.verdict == "disputed":
            facts += [other for other in finding.fact.conflicts_with if other not in facts]
        return ClaimCheck(
            claim=finding.claim,
            verdict=finding.verdict,
            facts=facts,
            citations=self.engine.citations(facts) if finding.verdict != "unverified" else [],
            explanation=finding.explanation,
        )


def _wrong_run_chip(statement: str, reading: Reading, ranked: list[Scored], found: list[Finding]) -> Finding | None:
    """A chip named beside another claim ("r1 cost 294k but took 800 hours on h100s") that the fact about the
    run's chips contradicts; None when the statement puts it in the preparatory phase, or a finding has it."""
    named = [t for t in reading.terms if t.entity == "chip"]
    if not named or set(words(statement)) & PREP_WORDS:
        return None
    checked = {f.fact.id for f in found if f.fact is not None}
    left = _switched_from(statement, named) | _denied_named(statement)
    for s in ranked[:5]:
        wrong = [t for t in s.contrast if t.entity == "chip" and t.word not in left]
        # (Only the chips of R1's run: the preparatory phase's fact names the H800 too, and the A100s DeepSeek
        # owns are no claim about the run.)
        run_chips = s.features.fact.subject == "r1" and not s.features.prep
        if s.support and wrong and s.id not in checked and "chip" in s.features.classes and run_chips:
            right = sorted(
                {display(w) for w in s.features.says if entity_class(w) == "chip"} - {display(wrong[0].word)}
            )
            says = " and ".join(right) or "other chips"
            return Finding(
                "contradicted", s.features.fact, f"The articles say {says}, not {display(wrong[0].word)}.", statement
            )
    return None


def _other_model_claimed(statement: str, reading: Reading, subject: str) -> str | None:
    """The DeepSeek model a statement gives a figure to, when it is not the fact's and the fact's own is not
    named too (or named only to be denied: "for v3, not r1")."""
    if subject not in OWN_MODELS:
        return None
    denied = denied_words(statement)
    typed = {SUBJECT_WORDS.get(t.word, t.word) for t in reading.terms if not t.context and t.word not in denied}
    models = typed & OWN_MODELS
    return display(sorted(models)[0]) if models and subject not in models else None


def _person_of_another_company(reading: Reading, best: Scored) -> bool:
    """ "liang wenfeng is the founder of openai": a fact about DeepSeek's person, held up as another company's
    (one the fact doesn't name)."""
    typed = {t.word for t in reading.terms if not t.context}
    if best.features.fact.subject != "deepseek" or "deepseek" in typed:
        return False
    people = {w for w in typed if entity_class(w) == "person"} & best.features.named
    return bool(people) and bool({w for w in typed if entity_class(w) == "company"} - best.features.named)


def _denied_named(statement: str) -> set[str]:
    """The named things a denial falls on, further off: "r1 wasn't trained on h100s" (four words after it)."""
    return denied_words(statement, span=4)


def _names_a_chip(s: Scored) -> bool:
    """Does the fact name a chip anywhere, its aliases and example questions included? (The run's hours fact names
    the H800 cluster only in an example question, "how long did the h800 cluster run".)"""
    return any(entity_class(w) == "chip" for w in s.features.named)


HE_OR_SHE = re.compile(r"^(?:he|she|hes|shes|he's|she's|he’s|she’s)\b", re.IGNORECASE)


def _person_for_pronoun(statement: str, before: str) -> str:
    """ "liang wenfeng founded deepseek and he is also its ceo": "he" is the one person the clause before names."""
    found = HE_OR_SHE.match(statement)
    people = {PERSON_NAMES[w] for w in words(before) if w in PERSON_NAMES}
    if found is None or len(people) != 1:
        return statement
    name = display(people.pop())  # the whole name: "Liang Wenfeng"
    verb = "is" if found.group().lower().replace("’", "'") in ("hes", "shes", "he's", "she's") else ""
    return " ".join(part for part in (name, verb, statement[found.end() :].strip()) if part)


def _contrast(statement: str, best: Scored) -> list[Term]:
    """The named things the statement puts where the fact names another, but a chip switched from."""
    left = _switched_from(statement, best.contrast)
    # ("r1 wasn't trained on h100s": the chip denied is not put in the fact's place.)
    denied = _denied_named(statement)
    return [t for t in best.contrast if t.word not in left and t.word not in denied]


def _switched_from(statement: str, named: list[Term]) -> set[str]:
    """ "they switched from a100s to a 512 chip h800 cluster": the chips switched from, the ones before the run."""
    return {
        t.word
        for t in named
        if t.entity == "chip"
        and re.search(rf"\bfrom (?:the |their |its |some )?{re.escape(t.word)}s?\b", statement, re.IGNORECASE)
    }


ALSO_DID = re.compile(r"\b(?:so did|as did|too|also|as well)\b", re.IGNORECASE)


def _does_what_the_fact_says(statement: str, reading: Reading, s: Scored) -> bool:
    """Does the statement tell the very act the fact tells, of someone else ("chinese officials questioned
    deepseek's numbers")? Not another act ("… praised the paper"), nor one done as well ("so did chinese
    officials")."""
    officials = re.search(OFFICIALS, statement, re.IGNORECASE)
    if officials is None or ALSO_DID.search(statement) or s.missed:
        return False
    # (The officials doing it, the act after them: not "deepseek gets money from the chinese government".)
    after = set(words(statement[officials.end() :]))
    against = opposites(statement, s.features.said)
    return any(
        t.entity is None
        and not t.weak
        and t.word in after
        and not t.stems.isdisjoint(s.features.held)
        and t.stems.isdisjoint(against)
        for t in reading.strong
    ) and not any(
        t.known and not t.weak and t.word not in after and not re.fullmatch(OFFICIALS, t.word)
        for t in reading.strong
        if t.entity != "market"
    )


def _other_officials(statement: str, reading: Reading) -> bool:
    """Does the statement tell of another country's officials than the US ones the articles report ("chinese
    regulators", "china's government"), without denying it was the US ("chinese officials, not us officials")?"""
    if NEGATED.search(statement):
        return False
    for term in reading.terms:
        if term.entity != "market" or MARKET_GROUPS.get(term.word, "us") == "us":
            continue
        if re.search(rf"\b{re.escape(term.word)}(?:'s)?\s+(?:\w+\s+)?{OFFICIALS}\b", statement, re.IGNORECASE):
            return True
    return False


def statements(text: str) -> list[str]:
    """The message's clauses that could be claims: questions and empty bits left out."""
    found: list[str] = []
    text = ROUGHLY.sub(r"about \1", text)  # "three and a bit days" is one amount, not two clauses
    # "r1 is a reasoning model that cost $2.94 million": a second claim about what the first one named.
    text = SECOND_CLAIM.sub(r"\1, ", text)
    for sentence in SENTENCES.split(text):
        sentence = sentence.strip(" .!;")
        if not sentence or asks(sentence):
            continue  # a question is for /ask; "$294 MILLION for r1 and ppl call that cheap??" is still a claim
        subject: list[str] = []
        listing = False  # the clause before ended on a list's items ("… bias, accountability")
        for clause in CLAUSES.split(sentence):
            clause = HEARSAY.sub("", clause.strip(" ,.!")).strip()
            if words(clause)[:1] in (["when"], ["once"]) and "?" not in clause:
                continue  # "when deepseek's cheap ai came out, investors dumped …": when, not what is claimed
            opinion = OPINION.search(clause) and not any(ch.isdigit() for ch in clause)
            # ("it's just an arxiv preprint" names a journal: a claim about the paper, not a reaction.)
            reaction = REACTION.match(clause) and not any(entity_class(w) in CLAIMED_CLASSES for w in words(clause))
            if not clause or FIRST_PERSON.match(clause) or reaction or opinion or ACKNOWLEDGED.fullmatch(clause):
                continue  # "i dont trust …", "thats why its so cheap": an opinion or a reaction, not a claim
            if len(words(clause)) <= 2 and not figures.find(clause) and any(entity_class(w) for w in words(clause)):
                subject.append(clause)  # "google and microsoft also questioned …": a subject, not a claim
                continue
            if found and not subject and _contrasted_predicate(clause, sentence):
                found[-1] = f"{found[-1]} but {clause}"  # "makes models cheaper but worse": one claim, two sides
                continue
            if found and not subject and ADJUNCT.fullmatch(clause):
                found[-1] = f"{found[-1]} {clause}"  # "altman said it costs over 100 mil, back in 2023": when
                continue
            if _personal(clause) or REMAINING.fullmatch(clause):
                # "80 hours. less than i put on the combine in a bad week", "ugh, 4 more hours": the writer's own life
                continue
            if found and not subject and (_list_item(clause, sentence) or (listing and _last_item(clause, sentence))):
                found[-1] = f"{found[-1]}, {clause}"  # "… mention bias, accountability and job displacement"
                listing = True
                continue
            listing = False
            found.append(" ".join([" and ".join(subject), clause]) if subject else clause)
            subject = []
        found += subject
    return found


# A clause only placing the one before in time: "back in 2023", "in june", "on wednesday".
ADJUNCT = re.compile(r"(?:back\s+)?(?:in|on|during|around|since|by|at)\s+(?:\w+\s+){0,2}\w+", re.IGNORECASE)
PERSONAL_WORDS = frozenset("i im i'm ive i've my me we our".split())
# Savings plans a writer mentions ("thats what hit my 401k"), no sum of the story's.
SAVINGS = re.compile(r"\b(?:401\(?k\)?|403\(?b\)?|ira|roth)\b", re.IGNORECASE)


def _personal(clause: str) -> bool:
    """The writer on themselves, naming nothing of the story and no figure: "way smaller than i expected ngl",
    "thats what hit my 401k"."""
    found = words(clause)
    if PERSONAL_WORDS.isdisjoint(found) or any(entity_class(w) for w in found):
        return False
    return not figures.find(prepare(SAVINGS.sub(" ", clause)))


# "4 more hours", "two days to go": time the writer has left, no claim about the story.
REMAINING = re.compile(
    r"(?:only |just |like |about |another )?(?:\d+|one|two|three|four|five|six|a few|a couple(?: of)?) "
    r"(?:more (?:hours?|hrs?|minutes?|mins?|days?|weeks?)|(?:hours?|hrs?|minutes?|mins?|days?|weeks?) (?:to go|left))"
    r"(?: to go| left)?\W*",
    re.IGNORECASE,
)
ROUGHLY = re.compile(r"\b(?:(?:about|around|roughly|like) )?(\w+) and a (?:bit|half)\b", re.IGNORECASE)


def _contrasted_predicate(clause: str, sentence: str) -> bool:
    """A word or two set against the clause before ("cheaper but worse"): no statement without that clause."""
    found = words(clause)
    return (
        0 < len(found) <= 2
        and not figures.find(clause)
        and not any(entity_class(w) for w in found)
        and re.search(rf"\b(?:but|yet)\s+{re.escape(clause)}\W*$", sentence, re.IGNORECASE) is not None
    )


def _list_item(clause: str, sentence: str) -> bool:
    """A word or two naming a thing in an "x, y and z" list ("accountability", "job displacement"): the tail
    of the list before it, not a statement ("peer reviewed", a predicate, is one; "old news" is no list)."""
    found = words(clause)
    listed = re.search(rf"(?:\band {re.escape(clause)}|{re.escape(clause)},? and)\b", sentence, re.IGNORECASE)
    return (
        listed is not None
        and 0 < len(found) <= 2  # (a clause of no words at all, "😀", is no list item either)
        and not figures.find(clause)
        and not any(entity_class(w) for w in found)
        and not found[-1].endswith(("ed", "ing"))
    )


def _last_item(clause: str, sentence: str) -> bool:
    """The last item of a list already begun, with what follows it ("… bias, accountability and job losses from
    fast ai rollout"), not a clause of its own ("… and it took 80 hours")."""
    found = words(clause)
    return (
        bool(found)
        and re.search(rf"\band {re.escape(clause)}", sentence, re.IGNORECASE) is not None
        and found[0] not in STOPWORDS
        and entity_class(found[0]) is None
        and found[0] not in STORY_NAMES
        and not figures.find(clause)
    )


STORY_NAMES = frozenset({"deepseek", "r1", "v3", "nvidia", "openai"})
PUBLISHED_IN = re.compile(r"\b(?:is|was|were|are|published|appeared|out|came out|printed|ran) in\b", re.IGNORECASE)
# Named things a sentence opening like a reaction ("it's …", "this is …") can still make a claim about.
CLAIMED_CLASSES = frozenset({"journal", "chip", "person", "market"})
REPORT = frozenset({stem("report"), stem("reported"), stem("reporting")})


RATE_AFTER = re.compile(
    r"\s*(?:/|per\b|an?\b|each\b|every\b)\s*(?:hour|hr|h|chip|gpu|card|day|week|month|mo|year|yr|query|question|"
    r"token|user|seat)s?\b",
    re.IGNORECASE,
)
RATE_BEFORE = re.compile(r"\b(?:each|per|every) (?:single )?(?:chip|gpu|card|h800|hour|day|month)s?\b[^,.;]{0,25}$")


def _as_a_rate(text: str, claim: figures.Figure) -> bool:
    """Is the money figure told per something: "3.7k an hour", "$20 a month", "each chip cost them 574 bucks"?"""
    return bool(RATE_AFTER.match(text, claim.end)) or bool(RATE_BEFORE.search(text[: claim.start]))


def checkable(reading: Reading, weight: Callable[[Term], float]) -> bool:
    """Does the statement claim something the articles could settle: a figure, a named thing, a specific concept?"""
    strong = reading.strong
    if reading.claims:
        return True
    known = [t for t in strong if t.known]
    if len(known) >= 2:
        return True
    # One thing named or said: checkable if specific ("beijing", "peer reviewed"), not a vague word
    # ("deepseek cooked", "nvidia in shambles").
    about_story = any(t.word in STORY_NAMES for t in reading.terms)
    if about_story and any(t.entity not in (None, "model") and t.word not in STORY_NAMES for t in known):
        return True  # "deepseek is a japanese company"
    if BANNED.search(reading.text) and any(t.entity is not None or t.word in STORY_NAMES for t in reading.terms):
        return True  # "the us is about to ban deepseek": a ban, which the articles never report, is a claim
    if any(t.entity == "journal" for t in known) and PUBLISHED_IN.search(reading.text):
        return True  # "the paper is in nature", "it came out in science": where it was published
    if known and any(t.stems & ANTONYM_WORDS for t in strong if not t.known):
        # "llama is closed source", "distillation makes models worse": a word whose opposite a fact may state.
        return True
    if (
        len(known) == 1
        and known[0].word.endswith("ing")
        and words(reading.text)[:1] == [known[0].word]
        and not about_story
        and not any(t.off_story for t in strong)
    ):
        return False  # "great thread everyone, learning a lot 🙏": a doing, opening the clause, of no one named
    if any(weight(t) >= RARE and t.entity is None for t in known):
        return True
    if any(t.entity == "company" for t in known) and any(t.stems & REPORT for t in reading.terms):
        return True  # "this was reported by reuters": who reported the story is a claim the articles settle
    # "…, and has 500 staff": a number of something the articles never cover is a claim they can't settle;
    # so is "liang wenfeng is a billionaire" (or "… and he's a billionaire"), something the articles never
    # cover said of someone the statement, or the clause before it, names.
    named = any(t.entity in ("person", "company", "model") for t in reading.terms)
    return any(t.off_story for t in strong) and (about_story or named or any(ch.isdigit() for ch in reading.text))


def covered(
    reading: Reading,
    best: Scored,
    *,
    allow_opposites: bool = False,
    ignoring: frozenset[str] | set[str] = frozenset(),
    stated: bool = False,
) -> bool:
    """Does the fact speak to everything the statement says (so agreeing, or disagreeing, means something)?

    With `stated`, each concept must be in what the fact states, not only in how people ask for it: a fact
    asked for as "the secret behind the low cost" does not support "deepseek is the secretive one".
    """
    strong = [t for t in reading.strong if not t.stems & ignoring]
    stated_stems = best.features.stated
    unstated = [
        t for t in strong if t.known and t.stems.isdisjoint(stated_stems) and not same_side(t.stems, stated_stems)
    ]
    # One word only the fact's example questions hold is a paraphrase when the rest is the fact's own
    # ("the openai content in v3 got in by accident"); more, or with little else, is another claim.
    if stated and len(unstated) > (1 if best.support >= 4 else 0):
        return False
    if any(t.off_story for t in strong):
        return False
    # ("peer reviewed, not some blog", "not moonshine": what the statement says it is not needs no fact.)
    denied = denied_words(reading.text) if NEGATED.search(reading.text) else set()
    unknown = [t for t in strong if not t.known and t.word not in denied]
    # An ordinary word or two the facts don't use ("big dogs are scared …") is fine when the fact covers the rest.
    room = max(0, (best.support - 2) // 2) + (1 if allow_opposites else 0)
    missed = [t for t in best.missed if not t.stems & ignoring]
    if len(unknown) > room or missed or best.misbound:
        return False
    return best.support >= 1 or bool(best.weak and not strong)


def dates_in(text: str) -> set[str]:
    lowered = text.lower()
    found = {w for w in words(lowered) if w in DATE_WORDS} | set(YEARS.findall(lowered))
    if re.search(r"\bthis week\b|\bjust (?:dropped|came|published|released)", lowered):
        found.add("wednesday")
    return found


def _other_subject(s: Scored) -> bool:
    """ "v3 cost 5.6 million": V3 is a subject of its own, so R1's fact says nothing about it either way."""
    return any(t.entity == "model" and t.word in SUBJECT_WORDS for t in s.contrast)


def _subject_ok(reading: Reading, s: Scored) -> bool:
    """ "v3 cost 5.6 million": R1's figure is no check on V3's, nor "nvidia lost $600B" on anything of R1's."""
    named = {t.word for t in reading.strong if t.entity in ("model", "company") and t.word != "deepseek"}
    # ("the 512 h800s were made by amd": AMD in Nvidia's place is a wrong maker, not another subject.)
    named -= {t.word for t in s.contrast if t.entity == "company"}
    return not named or bool(named & s.features.named) or s.features.fact.subject in named


def _market_mismatch(statement: str, s: Scored) -> str | None:
    """ "made for the american market" when the fact says the Chinese market."""
    found = market_mismatch(statement, s.features.said)
    if found is None:
        return None
    stated, claimed = found
    if any(w in MARKET_GROUPS and COUNTRY_NAMES[MARKET_GROUPS[w]] == claimed for w in _denied_named(statement)):
        return None  # "deepseek is not a japanese company": the country denied is not one it claims
    return f"The articles say {stated}, not {claimed}: {s.features.fact.answer}"


# A figure said of the thing it names: "the 80-hour training", "the main 80 hour run", "the 512-chip cluster".
NAMING_BEFORE = re.compile(
    r"\b(?:the|that|this|their|its)(?:\s+(?:main|full|whole|entire|actual|real|final))?\s*$", re.I
)
NAMING_AFTER = re.compile(r"[\s-]*(?:training|run|runs|session|job|cluster)\b", re.I)


def _names_the_thing(prepared: str, claim: figures.Figure) -> bool:
    """Is the figure how the statement names what it is about, not a claim of its own ("the 80-hour run")?"""
    return bool(NAMING_BEFORE.search(prepared[: claim.start]) and NAMING_AFTER.match(prepared[claim.end :]))


def _exclusive(statement: str) -> bool:
    """ "entirely on a100s", "only h800s": a named thing said to be the only one (not "only exists cuz …",
    nor "the china-only chip", where "only" says whom it is for)."""
    lowered = statement.lower()
    for found in EXCLUSIVE.finditer(lowered):
        after = words(lowered[found.end() :])[:3]
        if any(entity_class(w) or entity_class(w[:-1]) for w in after):
            return True
    # ("deepseek used a100s for the whole thing", "h800s from start to finish": a chip, then the whole of it.)
    whole = WHOLE_OF_IT.search(lowered)
    return whole is not None and any(chip_named(w) for w in words(lowered[: whole.start()])[-4:])


def _besides(reading: Reading, best: Scored) -> str:
    """The named things the fact states beside the ones the statement names, of the same kind."""
    named = [t for t in reading.strong if t.entity in ("chip", "model", "company", "person")]
    others = {
        word
        for t in named
        for word in best.features.says
        if entity_class(word) == t.entity and word != t.word and family(word) != family(t.word)
    }
    return " and ".join(display(w) for w in sorted(others))


def _with_chip(said: str, chip: str) -> str:
    """ "512 chips" + "H800" → "512 H800 chips"."""
    return said.replace(" chips", f" {chip} chips") if " chips" in said else f"{said} {chip}"


def _negated_figure(statement: str, claim: figures.Figure) -> bool:
    """Is the claimed figure denied ("did not cost 294k", "wasn't 512 chips")?"""
    lowered = statement.lower()
    at = lowered.find(claim.text.lower())
    # (The words as typed: "it wasn't 80 days" keeps its "n't", which `words` splits off.)
    return at > 0 and bool(NEGATED.search(" ".join(lowered[:at].split()[-4:])))


NOTHING_TO_DO = re.compile(r"\b(nothing|none of it) to do with\b")


# "distillation just means …", "distillation = …", "distillation is basically …": what a word is said to mean.
DEFINED_AS = re.compile(
    r"^\W*(?:so |basically |ok )?([\w-]+)\s+(?:just |basically |literally |simply |really )?"
    r"(?:means|=|is just|is basically|is literally|is simply|is when|is where|is like)\s+(.+)$",
    re.IGNORECASE,
)


def _denies_the_fact(statement: str, best: Scored) -> bool:
    """Does a denial in the statement fall on what the fact says (one of the few words after it)? No
    denial at all counts as falling on it, for the check that compares the two sides."""
    # ("the founder had nothing to do with the paper": the denial falls on the paper, past "to do with".)
    lowered = NOTHING_TO_DO.sub("nothing", statement.lower())
    denials = list(NEGATED.finditer(lowered))
    if not denials:
        return True
    held = best.features.stated | best.features.main
    for found in denials:
        near = words(lowered[found.end() :])[:3]
        if not near:
            return True  # "export rules my ass" (read as a trailing "not"): the whole clause is denied
        scope = [w.removesuffix("s") for w in words(lowered[found.end() :])[:4]]
        if any(entity_class(w) is not None and w not in best.features.says for w in scope):
            continue  # "r1 was not trained on tpus": the denial falls on a thing the fact doesn't state
        if any(stem(word) in held for word in near if word not in STOPWORDS):
            return True
    return False


def _quote(s: Scored) -> str:
    citations = s.features.fact.citations
    return f"“{citations[0].quote}”" if citations else ""


def worst(verdicts: set[str]) -> str | None:
    return min(verdicts, key=RANK.__getitem__) if verdicts else None


__all__ = ["MARKS", "Checker", "Term", "statements"]
