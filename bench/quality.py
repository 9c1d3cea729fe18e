"""Answer and fact-check quality on banks written from the articles alone, beside plain BM25.

Run: `python -m bench.quality` from the repository root (also part of `python -m bench`).

The banks (tests/data/unseen/) were written by people who saw only the two
articles; their test split is frozen and never tuned on. The floor is a plain
FTS5 BM25 top-1 over answer, aliases and quotes (porter, no synonyms, no
refusal), on the same database. Every miss on the test split is printed, so
BENCHMARKS.md can list them as they are.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, show, show_machine
from bench.engine import shipped_copy
from bot.answers import Engine
from bot.factcheck import Checker
from bot.storage import FactStore
from tests import quality

QUESTION_BANKS = (
    ("dev (writer A)", "questions_dev"),
    ("dev2 (writer C)", "questions_dev2"),
    ("dev3 (writer E, near-miss heavy)", "questions_dev3"),
    ("dev4 (writer F, gaming/meme server)", "questions_dev4"),
    ("dev5 (writer H, tech-news and investing server)", "questions_dev5"),
    ("dev6 (writer I, wrong assumptions and details)", "questions_dev6"),
    ("dev7 (writer J, programmers' server: paraphrases, multi-part)", "questions_dev7"),
    ("dev8 (writer K, students' study server: quizzes, non-native)", "questions_dev8"),
    ("dev9 (writer L, finance students' and investors' server: keywords, follow-ups)", "questions_dev9"),
    ("dev10 (writer N, geopolitics podcast's server: dictated, tl;dr, follow-ups)", "questions_dev10"),
    ("dev11 (writer Q, business newsletter's readers: jargon, sourcing, near-misses)", "questions_dev11"),
    ("dev12 (writer R, gaming and streaming server: zoomer slang, emoji, GPU talk)", "questions_dev12"),
    ("dev13 (writer V, trading/crypto and AI-debate server: tickers, misremembered numbers)", "questions_dev13"),
    ("dev14 (writer W, international general chat: second-language English, replies, misreadings)", "questions_dev14"),
    ("dev15 (writer Y, policy and law students: export controls, sourcing, mixed-up numbers)", "questions_dev15"),
    ("dev16 (writer AA, esports team and sponsors: buzzwords, hype, very short questions)", "questions_dev16"),
    ("dev17 (writer AC, bookkeepers and retirees: per-unit math, budget words, word meanings)", "questions_dev17"),
    ("dev18 (writer AE, night-shift nurses and a sci-fi book club: typos, comparisons, rambles)", "questions_dev18"),
    (
        "dev19 (writer AG, a farming co-op and a tabletop RPG group: per-hour costs, in-character jokes, rambles)",
        "questions_dev19",
    ),
    (
        "dev20 (writer AI, a ham-radio club and a school parents' group: shorthand, relayed questions)",
        "questions_dev20",
    ),
    (
        "dev21 (writer AK, music producers and a wine club: studio jargon, very polite long questions)",
        "questions_dev21",
    ),
    (
        "dev22 (writer AM, night-shift nurses and indie game developers: 3am typing, GPU slang, typos)",
        "questions_dev22",
    ),
    (
        "dev23 (writer AO, a rowing club and a volunteer fire department: radio shorthand, blunt yes/no, 5am typing)",
        "questions_dev23",
    ),
    (
        "dev24 (writer AQ, beekeepers and speedcubers: hive and solve-time slang, PBs, non-native English)",
        "questions_dev24",
    ),
    (
        "dev25 (writer AS, truckers and a knitting circle: CB lingo, dictation slips, chatty older members)",
        "questions_dev25",
    ),
    ("test (writer B, frozen)", "questions_test"),
    ("test2 (writer D, frozen)", "questions_test2"),
    ("test3 (writer G, frozen)", "questions_test3"),
    ("test4 (writer M, frozen)", "questions_test4"),
    ("test5 (writer O, frozen)", "questions_test5"),
    ("test6 (writer P, frozen)", "questions_test6"),
    ("test7 (writer S, frozen)", "questions_test7"),
    ("test8 (writer T, frozen)", "questions_test8"),
    ("test9 (writer U, frozen)", "questions_test9"),
    ("test10 (writer X, frozen)", "questions_test10"),
    ("test11 (writer Z, frozen)", "questions_test11"),
    ("test12 (writer AB, frozen)", "questions_test12"),
    ("test13 (writer AD, frozen)", "questions_test13"),
    ("test14 (writer AF, frozen)", "questions_test14"),
    ("test15 (writer AH, frozen)", "questions_test15"),
    ("test16 (writer AJ, frozen)", "questions_test16"),
    ("test17 (writer AL, frozen)", "questions_test17"),
    ("test18 (writer AN, frozen)", "questions_test18"),
    ("test19 (writer AP, frozen)", "questions_test19"),
    ("test20 (writer AR, frozen)", "questions_test20"),
    ("test21 (writer AT, frozen)", "questions_test21"),
)
CLAIM_BANKS = (
    ("dev (writer A)", "claims_dev"),
    ("dev2 (writer C)", "claims_dev2"),
    ("dev3 (writer E)", "claims_dev3"),
    ("dev4 (writer F)", "claims_dev4"),
    ("dev5 (writer H)", "claims_dev5"),
    ("dev6 (writer J)", "claims_dev6"),
    ("dev7 (writer K)", "claims_dev7"),
    ("dev8 (writer L)", "claims_dev8"),
    ("dev9 (writer N)", "claims_dev9"),
    ("dev10 (writer Q)", "claims_dev10"),
    ("dev11 (writer R)", "claims_dev11"),
    ("dev12 (writer V)", "claims_dev12"),
    ("dev13 (writer W)", "claims_dev13"),
    ("dev14 (writer Y)", "claims_dev14"),
    ("dev15 (writer AA)", "claims_dev15"),
    ("dev16 (writer AC)", "claims_dev16"),
    ("dev17 (writer AE)", "claims_dev17"),
    ("dev18 (writer AG)", "claims_dev18"),
    ("dev19 (writer AI)", "claims_dev19"),
    ("dev20 (writer AK)", "claims_dev20"),
    ("dev21 (writer AM)", "claims_dev21"),
    ("dev22 (writer AO)", "claims_dev22"),
    ("dev23 (writer AQ)", "claims_dev23"),
    ("dev24 (writer AS)", "claims_dev24"),
    ("test (writer B, frozen)", "claims_test"),
    ("test2 (writer D, frozen)", "claims_test2"),
    ("test3 (writer G, frozen)", "claims_test3"),
    ("test4 (writer M, frozen)", "claims_test4"),
    ("test5 (writer O, frozen)", "claims_test5"),
    ("test6 (writer P, frozen)", "claims_test6"),
    ("test7 (writer S, frozen)", "claims_test7"),
    ("test8 (writer T, frozen)", "claims_test8"),
    ("test9 (writer U, frozen)", "claims_test9"),
    ("test10 (writer X, frozen)", "claims_test10"),
    ("test11 (writer Z, frozen)", "claims_test11"),
    ("test12 (writer AB, frozen)", "claims_test12"),
    ("test13 (writer AD, frozen)", "claims_test13"),
    ("test14 (writer AF, frozen)", "claims_test14"),
    ("test15 (writer AH, frozen)", "claims_test15"),
    ("test16 (writer AJ, frozen)", "claims_test16"),
    ("test17 (writer AL, frozen)", "claims_test17"),
    ("test18 (writer AN, frozen)", "claims_test18"),
    ("test19 (writer AP, frozen)", "claims_test19"),
    ("test20 (writer AR, frozen)", "claims_test20"),
    ("test21 (writer AT, frozen)", "claims_test21"),
)


def pct(right: int, total: int) -> str:
    return f"{right}/{total} ({right / total:.1%})" if total else "—"


def run(quick: bool = False) -> None:
    db = shipped_copy()
    store = FactStore.open(db)
    try:
        engine = Engine(store)
        baseline = quality.Bm25Baseline(ROOT / "facts.db")
        spans = quality.Spans.from_folder()
        rows = []
        test_misses: dict[str, list[str]] = {}
        for label, name in QUESTION_BANKS:
            bank = quality.load(name)
            ours = quality.score(engine.ask, bank, spans)
            floor = quality.score(baseline.ask, bank, spans)
            rows.append(
                [
                    label,
                    pct(ours.right, ours.answerable),
                    pct(floor.right, floor.answerable),
                    f"{ours.invented}/{ours.unanswerable}",
                    f"{floor.invented}/{floor.unanswerable}",
                    pct(ours.corrected, ours.premises),
                    pct(ours.polite, ours.language),
                ]
            )
            if name.startswith("questions_test"):
                test_misses[label] = ours.misses
        regression = quality.score_regression(engine.ask, quality.regression_bank())
        rows.append(
            [
                "old bank (tuned on; regression)",
                pct(regression.right, regression.answerable),
                "—",
                f"{regression.invented}/{regression.unanswerable}",
                "—",
                "—",
                "—",
            ]
        )
        show(
            "Questions: answered right (the fact the answer leads with cites the evidence) and invented",
            [
                "bank",
                "engine right",
                "BM25 top-1 right",
                "engine invented / near-misses",
                "BM25 invented",
                "false premises corrected",
                "other languages, polite reply",
            ],
            rows,
        )
        checker = Checker(engine)
        claim_rows = []
        claim_misses: dict[str, list[str]] = {}
        for label, name in CLAIM_BANKS:
            score = quality.score_claims(checker.check, quality.load(name))
            claim_rows.append([label, pct(score.right, score.total)])
            if name.startswith("claims_test"):
                claim_misses[label] = score.misses
        show("Fact-check: messages whose set of verdicts is the expected set", ["bank", "right"], claim_rows)
        for kind, found in (("question", test_misses), ("claim", claim_misses)):
            for label, misses in found.items():
                print(f"### Every miss on the frozen {kind} split {label}\n")
                for miss in misses:
                    print(f"- {miss}")
                print()
        print(flush=True)
    finally:
        store.close()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the same run (it takes seconds)")
    args = parser.parse_args(argv)
    show_machine()
    run(args.quick)


if __name__ == "__main__":
    main()
