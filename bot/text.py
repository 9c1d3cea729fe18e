"""Text handling every reader of text shares: cleaning, words, the stemmer, and spotting another language.

One stemmer (Snowball English, via PyStemmer) serves both sides: storage
indexes each fact's stemmed words and the answer engine stems the question
the same way, so FTS5 and the re-ranking always agree on what a word is.
"""

from __future__ import annotations

import functools
import gzip
import re
import sys
import unicodedata
from collections.abc import Iterator
from importlib import resources

import Stemmer

MAX_TEXT = 2000  # characters read from a message; /ask takes 1,000 and the rest adds only cost
# No \b after everyone/here: Discord pings "@everyones" and "@here1" too.
MENTION = re.compile(r"<(?:@[!&]?|#|/[^>\s]+:)\d+>|<a?:\w+:\d+>|@(?:everyone|here)")
# A link pasted beside a question ("how much did r1 cost https://reut.rs/…") is no part of it.
LINK = re.compile(r"<?\b(?:https?://|www\.)\S+>?", re.IGNORECASE)
WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?")
# "GPT-5", "R-1", "Llama-3": a name and its number are one word.
VERSION = re.compile(r"(?<![^\W_])([^\W\d_]+)-(\d+[^\W_]*)")
POSSESSIVE = re.compile(r"['’](s|re|ve|ll|d|t)$")
SURROGATE = re.compile(r"[\ud800-\udfff]")

_stemmer = Stemmer.Stemmer("english")

# pyspellchecker's English word counts (from OpenSubtitles). Over the dev banks every word the typo repair
# turned into a story word with a count of 600 or more was a real word typed on purpose ("word" → "world",
# "sent" → "spent", "billions" → "million"), and every real typo ("trian", "nvida", "deepsek") counted 0.
COMMON_COUNT = 500
ENTRY = re.compile(r'"([a-z]{3,})":\s*(\d+)')
CHUNK = 1 << 16


def common_english() -> Iterator[str]:
    """English words common enough to be what was meant, never a typo of a story word.

    Streamed from the dictionary file, not loaded whole (nor through `SpellChecker`, which keeps all
    160,000 words and their counts): the caller keeps only the few it needs.
    """
    packed = resources.files("spellchecker").joinpath("resources", "en.json.gz")
    with packed.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as entries:
        tail = ""
        while chunk := entries.read(CHUNK):
            text = tail + chunk
            cut = text.rfind(",") + 1  # entries are whole up to the last comma
            yield from _common(text[:cut])
            tail = text[cut:]
        yield from _common(tail)


def _common(entries: str) -> Iterator[str]:
    return (match[1] for match in ENTRY.finditer(entries) if int(match[2]) >= COMMON_COUNT)


def sanitize(text: str) -> str:
    """Lone surrogates (what a terminal turns bytes that are not UTF-8 into) as U+FFFD."""
    return SURROGATE.sub("\ufffd", text)


def clean(text: str, limit: int = MAX_TEXT) -> str:
    """Normalise width and case forms, drop Discord mentions, links and control characters, squash spaces.

    Lone surrogates (what a terminal turns bytes that are not UTF-8 into) are
    replaced first, so nothing downstream can fail to encode the text.
    """
    text = SURROGATE.sub("\ufffd", text or "")
    text = unicodedata.normalize("NFKC", text)[:limit]
    text = MENTION.sub(" ", text)
    text = LINK.sub(" ", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """Lowercase words; possessives folded ("r1's" → "r1"), model names joined ("GPT-5" → "gpt5")."""
    return list(_words(text))


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    # Cached: one question's text is split by several readers (segments, its kind, its terms).
    found: list[str] = []
    for match in WORD.finditer(VERSION.sub(r"\1\2", text.lower())):
        word = match.group()
        if "'" in word or "’" in word:
            word = POSSESSIVE.sub("", word)
            if not word:
                continue
        # (Interned: thousands of cached questions hold the same few thousand words.)
        found.append(sys.intern(SLIPS.get(word, word)))
    return tuple(found)


# Slips of the keyboard in the little words a question turns on: "wich jornal was teh paper in" must
# not become "tech" (by typo repair) or lose its "which".
SLIPS = {
    "teh": "the",
    "hte": "the",
    "adn": "and",
    "nad": "and",
    "taht": "that",
    "waht": "what",
    "whta": "what",
    "whcih": "which",
    "whihc": "which",
    "hwo": "how",
    "jsut": "just",
    "thier": "their",
}


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stem of one lowercase word ("h800s" → "h800", which Snowball leaves alone)."""
    if len(word) > 2 and word.endswith("s") and any(ch.isdigit() for ch in word):
        return sys.intern(word[:-1])
    return sys.intern(_stemmer.stemWord(word))


def stems(text: str) -> list[str]:
    return [stem(word) for word in words(text)]


def index_text(*parts: str) -> str:
    """What the full-text index holds for a fact: its words, stemmed, space-separated."""
    return " ".join(stem(word) for part in parts for word in words(part))


# -- other languages -------------------------------------------------------------

# Common function words of the languages people most often switch to. An English
# question holds almost none of them; a question in one of these holds several.
FOREIGN_WORDS = frozenset(
    """
    combien quel quelle quels quelles comment pourquoi quand qui est sont avec pour les des une dans sur
    par pas ont été elle ils nous vous leur cette ces entraîner entraînement utilisé utilisées puces coût
    wie viel viele warum wann wer welche welcher welches wurde wurden hat haben ist sind der die das den dem
    und mit für von nicht auch eine einen einem gedauert kosten kostete trainiert
    cuánto cuántos cuántas cuál cuáles cómo por qué cuándo quién dónde usaron fue fueron para entrenar
    entrenamiento costó los las del una con sin también artículo publicó fundó
    quanto quantos quantas qual quais como porque quando quem onde usou foram treinar treinamento custou
    em foi da artigo revista publicado publicada treino treinou usaram usada custo
    ni gani nini nani lini wapi kwa kampuni nchi gharama je ilikuwa ngapi kiasi zipi
    quanti quante quale perché chi dove sono stato stati addestrare addestramento costato hanno gli della
    сколько почему когда кто где какой какие было были стоило обучение
    le la au aux et ou du un des est ont coûté modèle l entreprise
    kim ve hangi bir mi mı ne nasıl kaç neden nerede kurucusu makale dergide yayımlandı
    heeft het een van niet hoeveel waarom wanneer welke hebben zijn werd gereageerd beschuldigingen over
    ile jak czy jest nie kto gdzie kiedy dlaczego który która które było była trwał trwało kosztował modelu
    kolik proč kdy kde který byl bylo stál trénink
    kitna kitne kitni kya kyu kyun kyon kaise kab kaun kahan hai hain tha thi ko ka ki ke mein nahi nahin kiya
    kiye karne karna kharch paisa paise liye wala wale aur bhi
    magkano ilan ano sino saan kailan bakit paano ang ng mga ba po yung ginamit gumastos
    berapa siapa kapan dimana mengapa kenapa bagaimana yang untuk dengan dari ini itu tidak biaya melatih
    gak nggak enggak soal sih dong kok udah sudah belum tentang komentar
    cuanto cuantos cuantas cuando quien donde costo entrenaron publico el se que
    di commentato accuse distillazione costa detto usato usati articolo rivista
    welk wat wie waar hoe tijdschrift artikel verschenen getraind kostte gebruikt gepubliceerd
    bestaat bestaan ontworpen gemaakt waarvoor gebruikte kostten
    destylacja destylacji koszt kosztowało trenowanie artykuł czasopiśmie opublikowano
    po zrobiła zrobila zrobił zrobil dla ile ich jaki jakie użyli uzyli
    ce despre cât câte cine când unde pentru și sau sunt fost spus costul modelul modelele modelelor cipuri
    antrenare antrenarea fundamentale articolul revista folosit
    hur mycket kostade vem vad varför och är som på för
    hvor meget mye kostede kostet hvem hvad hva hvornår hvorfor det
    """.split()
)
# Those that are English words a question about this story uses: they count only beside one that is not
# ("any comment from openai over this" is English; "comment deepseek a-t-il entraîné r1" is not).
ALSO_ENGLISH = frozenset("over comment accuse".split())
ENGLISH_HINTS = frozenset(
    "the a an is are was were did do does how what who when where why which of to in on for and with it they".split()
)


def other_language(text: str) -> bool:
    """Is this message written in a language other than English?

    Scripts with no Latin letters (Chinese, Japanese, Cyrillic, …) decide at
    once; in Latin script it takes several function words of another
    language and few English ones, so an English question with a typo or a
    loanword is never turned away.
    """
    plain = text.isascii()  # most messages: every letter Latin, none accented, nothing more to look at
    if not plain:
        letters = [ch for ch in text if ch.isalpha()]
        if not letters:
            return False
        non_latin = sum(1 for ch in letters if not _latin(ch))
        if non_latin >= 2 and non_latin / len(letters) > 0.3:
            return True
    found = words(text)
    # Letters with accents (é, ñ, ü, ı, ş, …) are rare in English and common in its neighbours.
    accented = 0 if plain else sum(1 for word in found if any(ord(ch) > 127 and ch.isalpha() for ch in word))
    listed = [word for word in found if word in FOREIGN_WORDS]
    foreign = len(listed) + accented
    english = sum(1 for word in found if word in ENGLISH_HINTS)
    plainly = accented + sum(1 for word in listed if word not in ALSO_ENGLISH)
    return foreign >= 2 and foreign > english and plainly >= 1


@functools.lru_cache(maxsize=4096)
def _latin(ch: str) -> bool:
    return "LATIN" in unicodedata.name(ch, "")
