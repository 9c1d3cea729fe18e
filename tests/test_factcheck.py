"""Fact-checking statements against the articles (bot/factcheck.py), on the shipped database."""

from __future__ import annotations

import json

import pytest

from bot.answers import Engine
from bot.factcheck import SUBJECTLESS, Checker, statements
from bot.service import Service
from bot.storage import FactStore
from tests import quality


@pytest.fixture
def checker(store: FactStore) -> Checker:
    return Service(store).checker


# (bank, least share of messages whose verdicts are exactly the expected set)
FLOORS = [
    ("claims_dev", 0.96),
    ("claims_dev2", 0.94),
    ("claims_dev3", 0.97),
    ("claims_dev4", 0.95),
    ("claims_dev5", 0.90),
    ("claims_dev6", 0.91),
    ("claims_dev7", 0.90),
    ("claims_dev8", 0.93),
    ("claims_dev9", 0.92),
    ("claims_dev10", 0.93),
    ("claims_dev11", 0.94),
    ("claims_dev12", 0.88),
    ("claims_dev13", 0.94),
    ("claims_dev14", 0.87),
    ("claims_dev15", 0.84),
    ("claims_dev16", 0.89),
    ("claims_dev17", 0.87),
    ("claims_dev18", 0.88),
    ("claims_dev19", 0.85),
    ("claims_dev20", 0.93),
    ("claims_dev21", 0.89),
    ("claims_dev22", 0.96),
    ("claims_dev23", 0.92),
    ("claims_dev24", 0.88),
    ("claims_test", 0.89),
    ("claims_test2", 0.89),
    ("claims_test3", 0.95),
    ("claims_test4", 0.87),
    ("claims_test5", 0.84),
    ("claims_test6", 0.83),
    ("claims_test7", 0.84),
    ("claims_test8", 0.83),
    ("claims_test9", 0.83),
    ("claims_test10", 0.79),
    ("claims_test11", 0.84),
    ("claims_test12", 0.77),
    ("claims_test13", 0.77),
    ("claims_test14", 0.90),
    ("claims_test15", 0.80),
    ("claims_test16", 0.82),
    ("claims_test17", 0.90),
    ("claims_test18", 0.91),
    ("claims_test19", 0.91),
    ("claims_test20", 0.89),
    ("claims_test21", 0.88),
]


@pytest.mark.parametrize(("name", "floor"), FLOORS)
def test_claim_banks_written_from_the_articles_alone(checker: Checker, name: str, floor: float) -> None:
    bank = quality.load(name)
    assert len(bank) >= 40
    verdicts = {v for item in bank for v in item["verdicts"]}
    assert (
        {"supported", "contradicted", "unverified"}
        <= verdicts
        <= {"supported", "contradicted", "disputed", "unverified"}
    )
    score = quality.score_claims(checker.check, bank)
    print(f"\n{name}: {score.summary()}")
    # (A frozen split's misses are listed in BENCHMARKS.md, never shown to whoever is changing the checker.)
    accuracy = score.accuracy  # (a plain number: a failing assert must not print the score, misses and all)
    assert accuracy >= floor, score.summary() if "_test" in name else "\n".join(score.misses)


@pytest.mark.parametrize(
    ("text", "fact_id"),
    [
        # A bound in quote marks is still a bound; a label before the claim is not part of it.
        ("altman said foundation model training cost 'much more' than 100m", "openai-training-cost"),
        ("fun fact: the prep phase was done on a100s", "r1-a100-preparatory"),
        # A relative "where" is no question; "came out in a … article" is published there.
        ("Distillation is a technique where one AI system learns from another.", "distillation-defined"),
        ("the cost details came out in a peer-reviewed article in Nature", "nature-paper"),
        # "when …" before the claim says when, and is not itself a claim.
        ("when deepseek's cheap ai came out, investors dumped tech stocks", "tech-stock-selloff"),
        # "X is when …" defines X; "low-key" is a low profile; "point to" is what critics say.
        ("distillation is when one ai system learns from another", "distillation-defined"),
        ("deepseek has been pretty low-key since january", "deepseek-low-profile"),
        ("critics point to bias, accountability and job displacement", "experts-warn-risks"),
    ],
)
def test_a_claim_framed_or_quoted_is_still_checked(checker: Checker, text: str, fact_id: str) -> None:
    [claim] = checker.check(text).claims
    assert (claim.verdict, claim.facts[:1]) == ("supported", [fact_id]), claim


@pytest.mark.parametrize("text", ["under $300k for r1", "about 300 thousand to train r1", "~$0.3M for the r1 run"])
def test_a_figure_rounded_or_bounded_in_words_is_supported(checker: Checker, text: str) -> None:
    [claim] = checker.check(text).claims
    assert claim.verdict == "supported" and claim.facts == ["r1-training-cost"]


def test_a_wrong_figure_is_contradicted_with_what_the_articles_say(checker: Checker) -> None:
    [claim] = checker.check("it only took 80 minutes to train r1").claims
    assert claim.verdict == "contradicted" and claim.facts == ["r1-training-hours"]
    assert "80 hours" in claim.explanation and "for the 80 hours of training" in claim.explanation
    assert claim.citations and all(c.fact_id == "r1-training-hours" for c in claim.citations)


@pytest.mark.parametrize(
    "text", ["so they paid like 3.7k an hour for training", "deepseek's R1 costs $20 a month to subscribe"]
)
def test_a_rate_is_no_claim_about_the_whole_bill(checker: Checker, text: str) -> None:
    # The articles give what training cost in all; a figure per hour or per month is one they never give.
    [claim] = checker.check(text).claims
    assert claim.verdict == "unverified", claim.explanation


def test_a_statement_put_out_is_a_comment_not_a_release(checker: Checker) -> None:
    [claim] = checker.check("openai put out a statement slamming deepseek").claims
    assert claim.verdict == "contradicted" and claim.facts == ["openai-no-comment"]


def test_prep_work_is_the_preparatory_phase(checker: Checker) -> None:
    [claim] = checker.check("the prep work was done on a100s").claims
    assert claim.verdict == "supported" and claim.facts == ["r1-a100-preparatory"]


def test_a_mixed_message_gets_a_verdict_for_each_statement(checker: Checker) -> None:
    result = checker.check("512 H800s but it cost $9M")
    assert [(c.verdict, c.facts[0]) for c in result.claims] == [
        ("supported", "r1-h800-chips"),
        ("contradicted", "r1-training-cost"),
    ]


def test_where_the_articles_disagree_both_sides_are_shown(checker: Checker) -> None:
    [claim] = checker.check("the nature paper came out in june 2023").claims
    assert claim.verdict == "disputed"
    assert set(claim.facts) == {"nature-paper-date-june-2023", "nature-paper-date-wednesday"}
    assert {c.source_id for c in claim.citations} == {"stir", "slashdot"}


@pytest.mark.parametrize("text", ["512 H100s", "they trained on 512 a100s"])
def test_the_right_count_of_the_wrong_chip_is_contradicted(checker: Checker, text: str) -> None:
    [claim] = checker.check(text).claims
    assert claim.verdict == "contradicted" and claim.facts == ["r1-h800-chips"]
    assert "512 H800 chips" in claim.explanation


@pytest.mark.parametrize(
    "text",
    [
        "deepseek has like 200 employees",
        "r1 has 671B params",
        "deepseek is based in hangzhou",
        "deepseek owns 1000 h100s",
    ],
)
def test_what_the_articles_do_not_cover_is_unverified_never_stretched(checker: Checker, text: str) -> None:
    [claim] = checker.check(text).claims
    assert claim.verdict == "unverified" and claim.facts == [] and claim.citations == []


@pytest.mark.parametrize(
    ("text", "fact_id"),
    [
        ("deepseek openly admitted they distilled openai's models", "distillation-openai-allegation"),
        ("openai slammed them the same day", "openai-no-comment"),
        ("investors went on a tech buying spree after the january release", "tech-stock-selloff"),
        ("the h800 was made for the american market", "h800-export-restrictions"),
        ("sam altman founded deepseek", "liang-wenfeng-founder"),
        ("the paper was published in science", "nature-paper nature-paper-date-june-2023 nature-paper-date-wednesday"),
        ("us officials backed up deepseek's numbers", "us-officials-questioned"),
        ("deepseek is trying to make ai more expensive and exclusive", "deepseek-accessible-ai"),
        ("experts say only big tech benefits from cheap training", "experts-democratize-access"),
    ],
)
def test_the_opposite_of_a_fact_is_contradicted(checker: Checker, text: str, fact_id: str) -> None:
    verdicts = {(c.verdict, c.facts[0] if c.facts else None) for c in checker.check(text).claims}
    assert any(("contradicted", one) in verdicts for one in fact_id.split()), verdicts


@pytest.mark.parametrize("text", ["lmao this is wild", "deepseek mid tbh", "i dont trust any of these ai companies"])
def test_nothing_checkable_gets_one_sentence_pointing_at_ask(checker: Checker, text: str) -> None:
    result = checker.check(text)
    assert result.claims == [] and "/ask" in (result.note or "")


def test_a_long_message_is_checked_quickly_and_never_crashes(checker: Checker) -> None:
    rant = ("r1 was 294k on 512 h800s, ok? " * 40)[:1000]
    result = checker.check(rant + "\x00\ud800 <@123> @everyone")
    assert result.claims and len(result.claims) <= 8
    json.loads(result.model_dump_json())


def test_only_one_named_thing_where_the_articles_name_two_is_contradicted(checker: Checker) -> None:
    [claim] = checker.check("r1 was trained entirely on a100s").claims
    assert claim.verdict == "contradicted" and "H800" in claim.explanation
    [claim] = checker.check("the h800 only exists cuz the us wont let nvidia sell china the h100").claims
    assert claim.verdict == "supported", "'only exists because' is not 'only the h800'"


@pytest.mark.parametrize(
    "text",
    [
        "the prep phase on a100s took several weeks",
        "about half of v3's data was openai output",
        # A figure of something no fact gives a figure for is not held against R1's bill or run.
        "the preparatory phase cost millions",
        "deepseek raised $1 billion from investors",
        "nature took 6 months to peer review the r1 paper",
        # A100s were used, in the preparatory phase, but no article counts them.
        "deepseek used around 10,000 a100s",
        # Market value lost is no cost: not held against OpenAI's figure, nor Nvidia against OpenAI.
        "nvidia lost 600 billion after the release",
        "the sell-off wiped out like $1 trillion",
    ],
)
def test_an_amount_the_fact_never_gives_is_unverified(checker: Checker, text: str) -> None:
    [claim] = checker.check(text).claims
    assert claim.verdict == "unverified", claim.explanation


def test_a_market_loss_beside_the_sell_off_is_checked_on_its_own(checker: Checker) -> None:
    result = checker.check("stocks got dumped after the january release, nvidia lost 600B")
    assert [claim.verdict for claim in result.claims] == ["supported", "unverified"]


def test_a_statement_against_the_fact_just_checked_is_checked_too(checker: Checker) -> None:
    result = checker.check("US officials questioned the numbers and beijing officially backed deepseek's figures")
    assert [claim.verdict for claim in result.claims] == ["supported", "unverified"]


def test_a_figure_naming_a_remark_is_no_second_claim(checker: Checker) -> None:
    [claim] = checker.check("altman's 100 million comment was from 2021").claims
    assert claim.verdict == "contradicted" and "2023" in claim.explanation


@pytest.mark.parametrize(
    "text",
    [
        "r1 cost 2 million",
        "training took 2 weeks",
        "they trained r1 on 2000 a100s",
        "they used 2048 h100s",
        "r1 was trained on 4k a100s for $20M lol, trust me",  # an aside is not what the figure is of
    ],
)
def test_a_wrong_figure_of_what_a_fact_gives_is_contradicted(checker: Checker, text: str) -> None:
    claims = checker.check(text).claims
    assert claims and all(claim.verdict == "contradicted" for claim in claims), claims


def test_a_subject_listed_before_its_verb_stays_with_it() -> None:
    assert statements("google and microsoft also questioned deepseek's numbers") == [
        "google and microsoft questioned deepseek's numbers"
    ]
    assert statements("512 H100s, 80 hrs, $294k") == ["512 H100s", "80 hrs", "$294k"]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("the h800 is more powerful than the h100", "contradicted"),
        ("h800 is literally stronger than the h100 lol", "contradicted"),
        ("the h100 is a better chip than the h800", "supported"),
        ("h800s are cut-down chips made for china", "supported"),
    ],
)
def test_which_chip_is_the_more_powerful_is_checked_both_ways(checker: Checker, text: str, verdict: str) -> None:
    # The articles call the H100 and A100 "more powerful": ranking the H800 above them is the opposite.
    assert [(c.verdict, c.facts[0]) for c in checker.check(text).claims] == [(verdict, "h800-export-restrictions")]


def test_a_figure_the_fact_states_in_passing_is_held_against_that_fact(checker: Checker) -> None:
    # r1-cost-vs-us-rivals names $294,000 in its answer; OpenAI's "more than $100 million" is another model's.
    result = checker.check("the 294k is way below what us rivals estimate for their own models")
    assert [(c.verdict, c.facts[0]) for c in result.claims] == [("supported", "r1-cost-vs-us-rivals")]
    # Also when that fact scores best but another is the one resolved.
    result = checker.check("the 294k number is a fraction of what us companies reportedly spend")
    assert [(c.verdict, c.facts[0]) for c in result.claims] == [("supported", "r1-cost-vs-us-rivals")]


@pytest.mark.parametrize(
    "text",
    [
        "deepseek is a south korean startup",
        "deepseek is a japanese company",
        "the h800 was designed for the indian market",
    ],
)
def test_a_country_the_articles_never_name_is_contradicted_by_the_one_they_do(checker: Checker, text: str) -> None:
    claims = checker.check(text).claims
    assert [c.verdict for c in claims] == ["contradicted"] and "China" in claims[0].explanation


@pytest.mark.parametrize(
    ("text", "verdicts", "says"),
    [
        ("openai is a chinese company", ["contradicted"], "the US, not China"),
        ("deepseek is a silicon valley startup", ["contradicted"], "China, not the US"),
        # The company named is the one placed: DeepSeek's country is no check on OpenAI's.
        ("openai is a us company and deepseek is chinese", ["supported", "supported"], ""),
    ],
)
def test_a_company_is_held_to_the_country_the_articles_give_it(
    checker: Checker, text: str, verdicts: list[str], says: str
) -> None:
    claims = checker.check(text).claims
    assert [c.verdict for c in claims] == verdicts and says in claims[0].explanation


def test_a_named_thing_with_the_opposite_of_what_a_fact_says_of_it_is_contradicted(checker: Checker) -> None:
    # "closed" is no word any fact uses, but "open-source" is its opposite.
    assert [c.verdict for c in checker.check("llama is closed source").claims] == ["contradicted"]
    worse = checker.check("deepseek says distillation makes models worse").claims
    assert [(c.verdict, c.facts) for c in worse] == [("contradicted", ["distillation-defended"])]


def test_the_main_paper_is_held_against_the_supplementary_document(checker: Checker, engine: Engine) -> None:
    claims = checker.check("the a100 admission was right in the main paper").claims
    assert [(c.verdict, c.facts) for c in claims] == [("contradicted", ["a100-ownership-acknowledged"])]
    assert engine.ask("was the a100 thing in the main paper").text.startswith("No")


def test_a_debate_said_to_die_down_is_held_against_one_expected_to_intensify(checker: Checker) -> None:
    claims = checker.check("article 2 says the beijing debate will probably calm down now").claims
    assert [(c.verdict, c.facts) for c in claims] == [("contradicted", ["debate-beijing-ai-role"])]


def test_a_chip_after_before_is_in_no_phase_of_the_clause_before(checker: Checker) -> None:
    # "h800s" after "before moving to" had been put in the prep phase, and the claim called the reverse.
    claims = checker.check("they used a100s in the prep phase before moving to h800s").claims
    assert [(c.verdict, c.facts) for c in claims] == [("supported", ["r1-a100-preparatory"])]


def test_an_outlet_the_articles_never_name_is_held_against_slashdot(checker: Checker) -> None:
    claims = checker.check("the second article was reported by reuters").claims
    assert [(c.verdict, c.explanation) for c in claims] == [("contradicted", "The articles say Slashdot, not Reuters.")]
    # Who reported it is a claim even with nothing else named.
    assert [c.verdict for c in checker.check("this was reported by reuters").claims] == ["contradicted"]
    assert [c.verdict for c in checker.check("the story is reported by slashdot").claims] == ["supported"]


def test_a_laugh_ends_the_claim_and_sarcasm_after_it_is_no_claim(checker: Checker) -> None:
    assert statements("r1 was trained on h100s lol so much for export controls") == ["r1 was trained on h100s"]
    assert statements("lmao the us labs must be sweating rn") == []


def test_like_crazy_is_no_opinion(checker: Checker) -> None:
    text = "investors were buying tech stocks like crazy after deepseek's january launch"
    assert [c.verdict for c in checker.check(text).claims] == ["contradicted"]


def test_a_right_figure_with_the_wrong_maker_is_one_contradiction(checker: Checker) -> None:
    claims = checker.check("the 512 h800 chips were made by amd").claims
    assert [(c.verdict, c.explanation) for c in claims] == [("contradicted", "The articles say Nvidia, not AMD.")]


def test_something_the_articles_never_cover_said_of_whom_the_clause_before_named_is_unverified(
    checker: Checker,
) -> None:
    verdicts = [c.verdict for c in checker.check("liang wenfeng co-wrote it and he's a billionaire").claims]
    assert verdicts == ["supported", "unverified"]
    assert [c.verdict for c in checker.check("liang wenfeng is a billionaire").claims] == ["unverified"]


def test_a_word_set_against_the_clause_before_is_part_of_its_claim(checker: Checker) -> None:
    assert statements("deepseek admits distillation makes models cheaper but worse") == [
        "deepseek admits distillation makes models cheaper but worse"
    ]
    claims = checker.check("deepseek admits distillation makes its models perform worse").claims
    assert [(c.verdict, c.facts) for c in claims] == [("contradicted", ["distillation-defended"])]


def test_a_short_predicate_is_a_statement_of_its_own() -> None:
    # "peer reviewed" names no one, so it is no subject for "took 80 days".
    assert statements("it was in nature, peer reviewed, and took 80 days") == [
        "it was in nature",
        "peer reviewed",
        "took 80 days",
    ]


def test_a_number_of_something_the_articles_never_cover_is_unverified(checker: Checker) -> None:
    verdicts = [c.verdict for c in checker.check("deepseek is japanese, trained r1 for 294k, and has 500 staff").claims]
    assert verdicts == ["contradicted", "supported", "unverified"]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("the v3 thing was deliberate, not accidental", "contradicted"),
        ("the openai answers got into v3 by accident, not on purpose", "supported"),
        ("deepseek put openai answers in v3 on purpose", "contradicted"),
    ],
)
def test_what_a_claim_denies_is_not_what_it_says(checker: Checker, text: str, verdict: str) -> None:
    # The fact says "incidentally rather than intentionally": each side's denial is read as a denial.
    assert [(c.verdict, c.facts[0]) for c in checker.check(text).claims] == [(verdict, "v3-openai-data-incidental")]


@pytest.mark.parametrize(
    "text",
    [
        "distillation is basically stealing imo",
        "nature should be more careful what they publish tbh",
        "deepseek is cooking openai fr fr",
    ],
)
def test_an_opinion_is_not_a_claim(checker: Checker, text: str) -> None:
    assert checker.check(text).claims == []


def test_the_us_commerce_department_is_the_us(checker: Checker) -> None:
    # "us" before "commerce" is the country; what it is said to do the articles never say.
    assert [c.verdict for c in checker.check("the us commerce department is investigating deepseek").claims] == [
        "unverified"
    ]


def test_an_opinion_word_beside_a_figure_leaves_the_claim(checker: Checker) -> None:
    # "insane" is a reaction, but the figure before it is a claim the articles settle.
    assert [c.verdict for c in checker.check("under 300k to train r1 is insane").claims] == ["supported"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the critics mention bias, accountability and job displacement",
            ["the critics mention bias, accountability, job displacement"],
        ),
        ("trained in about three and a bit days on 512 h800s", ["trained in about three days on 512 h800s"]),
        ("this paper is from 2023, old news", ["this paper is from 2023", "old news"]),
    ],
)
def test_a_list_or_an_amount_stays_in_its_statement(text: str, expected: list[str]) -> None:
    assert statements(text) == expected


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("r1 did not cost 294k", "contradicted"),
        ("r1 didnt cost 20 million lol", "supported"),
        ("r1 actually cost MORE than comparable US models", "contradicted"),
    ],
)
def test_a_denied_figure_and_a_costlier_claim(checker: Checker, text: str, verdict: str) -> None:
    # Denying the right figure contradicts it; "cost more than" US models is the opposite of "a fraction of".
    assert [c.verdict for c in checker.check(text).claims] == [verdict]


def test_a_denial_of_something_else_is_no_contradiction(checker: Checker) -> None:
    # "not just a blog post" denies a blog post, not the Nature paper the fact is about.
    assert "contradicted" not in {
        c.verdict for c in checker.check("It was a peer-reviewed paper in Nature, not just a blog post.").claims
    }


def test_china_only_says_whom_the_chip_is_for_not_that_it_is_the_only_one(checker: Checker) -> None:
    claims = checker.check("h800 is basically the china-only nvidia chip bc of US export rules").claims
    assert [(c.verdict, c.facts[0]) for c in claims] == [("supported", "h800-export-restrictions")]


def test_a_clause_without_a_subject_is_read_with_the_one_before() -> None:
    # "… and is much cheaper" is about distillation, named in the clause before.
    assert SUBJECTLESS.match("is much cheaper") and not SUBJECTLESS.match("investors dumped tech")


def test_chips_swapped_between_the_phases_are_contradicted(checker: Checker) -> None:
    verdicts = {c.verdict for c in checker.check("final training was on a100s, the h800s were just for prep").claims}
    assert verdicts == {"contradicted"}
    right = {
        c.verdict
        for c in checker.check("they did the prep work on a100s and then moved to h800s for the training").claims
    }
    assert "contradicted" not in right


def test_a_figure_about_another_company_is_no_check_on_r1s(checker: Checker) -> None:
    # "nvidia lost $600B" was contradicted with R1's $294,000.
    assert [c.verdict for c in checker.check("nvidia lost $600B in a day").claims] == ["unverified"]


def test_dodging_is_not_the_opposite_of_not_responding(checker: Checker) -> None:
    verdicts = {c.verdict for c in checker.check("deepseek dodged the question on whether it distilled openai").claims}
    assert "contradicted" not in verdicts


def test_a_second_claim_after_that_is_checked_too(checker: Checker) -> None:
    # "… a reasoning model that cost $2.94 million": the kind is right, the figure wrong.
    verdicts = [c.verdict for c in checker.check("r1 is a reasoning model that cost $2.94 million").claims]
    assert verdicts == ["supported", "contradicted"]


@pytest.mark.parametrize(
    "text",
    [
        "deepseek says the openai content in v3 got in by accident",
        "this is the first time deepseek has admitted it owns a100s",
    ],
)
def test_a_paraphrase_with_one_word_of_the_facts_questions_is_supported(checker: Checker, text: str) -> None:
    assert [c.verdict for c in checker.check(text).claims] == ["supported"]


def test_the_secretive_one_is_still_not_supported(checker: Checker) -> None:
    # Asked as "the secret behind the low cost", the fact doesn't say anyone is secretive.
    assert "supported" not in {c.verdict for c in checker.check("deepseek is the secretive one").claims}


def test_a_preprint_is_not_the_peer_reviewed_article(checker: Checker) -> None:
    assert [c.verdict for c in checker.check("it's just an arxiv preprint").claims] == ["contradicted"]


def test_a_place_it_was_not_put_is_no_claim_that_it_was(checker: Checker) -> None:
    assert [c.verdict for c in checker.check("the r1 paper was just a company blog post").claims] == ["contradicted"]
    said = checker.check("It was a peer-reviewed paper in Nature, not just a blog post.").claims
    assert "contradicted" not in [c.verdict for c in said]


def test_a_list_item_of_no_words_is_no_crash(checker: Checker) -> None:
    """Found by fuzzing: "…, 😀 and the …" made a clause of no words, and the list check read its last word."""
    text = 'T/F : gpu count " article 2 , than altman — b) europe who mean + when , 😀 and the which is that'
    result = checker.check(text)
    assert all(claim.verdict in ("supported", "contradicted", "unverified", "disputed") for claim in result.claims)


@pytest.mark.parametrize(
    ("text", "fact_id"),
    [
        # "of what …" names a thing; it asks nothing (it had been read as "which companies").
        ("r1 cost a fraction of what us companies spend on similar models", "r1-cost-vs-us-rivals"),
        # "tech" is the technology the fact speaks of.
        ("us officials also questioned the tech they used", "us-officials-questioned"),
        # An announcement is a disclosure.
        ("the announcement caused a stir in tech", "disclosure-stir"),
    ],
)
def test_everyday_words_for_what_a_fact_states_are_supported(checker: Checker, text: str, fact_id: str) -> None:
    claims = checker.check(text).claims
    assert [(c.verdict, c.facts[:1]) for c in claims] == [("supported", [fact_id])]


def test_where_the_paper_was_published_is_a_claim_and_a_question_about_it_is_not(checker: Checker) -> None:
    assert [c.verdict for c in checker.check("the paper is in nature").claims] == ["supported"]
    assert [c.verdict for c in checker.check("the paper was published in science").claims] == ["contradicted"]
    assert checker.check("anyone read the nature paper itself yet?").claims == []


@pytest.mark.parametrize(
    "text",
    [
        "nvidia refused to comment on the paper",
        "google and microsoft also questioned deepseek's numbers",
        "meta was okay with deepseek using llama",
    ],
)
def test_what_another_party_did_is_not_contradicted_by_what_openai_did(checker: Checker, text: str) -> None:
    # OpenAI's silence says nothing of Nvidia's; one party's reaction is no other's.
    assert [c.verdict for c in checker.check(text).claims] == ["unverified"]


def test_a_party_with_one_role_is_still_held_to_it(checker: Checker) -> None:
    # One article has one reporter; chips have one maker.
    assert [c.verdict for c in checker.check("this was reported by reuters").claims] == ["contradicted"]
    assert [c.verdict for c in checker.check("the chips were made by amd").claims] == ["contradicted"]


def test_it_in_a_ranking_is_the_chip_the_clause_before_named(checker: Checker) -> None:
    claims = checker.check("the h800 was made for china because of export rules, and it's faster than the h100").claims
    assert [c.verdict for c in claims] == ["supported", "contradicted"]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("this whole thing shows the us-china ai rivalry is ongoing", "supported"),
        ("article 2 frames it as china vs usa competition in ai", "supported"),
        ("openai publishes full cost breakdowns for its models", "contradicted"),
    ],
)
def test_words_about_how_a_thing_is_put_are_no_claim_of_their_own(checker: Checker, text: str, verdict: str) -> None:
    assert [c.verdict for c in checker.check(text).claims] == [verdict]


def test_a_date_made_of_both_articles_accounts_is_disputed(checker: Checker) -> None:
    [claim] = checker.check("nature ran the paper on a wednesday in june 2023").claims
    assert claim.verdict == "disputed"
    # The article that gives no year does not contradict the one that does.
    [claim] = checker.check("deepseek released its cheap models in january 2023").claims
    assert claim.verdict == "supported"
    # The account the claim follows is cited first.
    [claim] = checker.check("nature published the r1 paper on a wednesday").claims
    assert claim.verdict == "disputed" and claim.facts[0] == "nature-paper-date-wednesday"


@pytest.mark.parametrize(
    "text",
    [
        "deepseek claims distillation gives better performance and is way cheaper",
        "deepseek went quiet after january but is still building new systems",
    ],
)
def test_what_a_party_claims_and_a_plain_verb_are_no_concepts_of_their_own(checker: Checker, text: str) -> None:
    # "claims" reports DeepSeek's position as "defended" does; "went" is no concept at all.
    assert {c.verdict for c in checker.check(text).claims} == {"supported"}


def test_coming_out_swinging_is_an_attack_not_a_release(checker: Checker) -> None:
    [claim] = checker.check("openai came out swinging with a statement against deepseek").claims
    assert claim.verdict == "contradicted" and claim.facts[:1] == ["openai-no-comment"]


def test_a_question_after_chat_filler_is_no_claim(checker: Checker) -> None:
    assert checker.check("lmao who's still holding nvda after this").claims == []
    assert checker.check("lmao r1 cost 5 million").claims


@pytest.mark.parametrize("text", ["the chinese government praised the paper", "chinese officials banned deepseek"])
def test_what_another_countrys_officials_did_is_unverified(checker: Checker, text: str) -> None:
    # The articles tell what US officials did; another act of China's is no contradiction of it.
    assert [c.verdict for c in checker.check(text).claims] == ["unverified"]


def test_officials_of_the_wrong_country_against_the_right_one_are_contradicted(checker: Checker) -> None:
    [claim] = checker.check("it was chinese officials not us officials that doubted the numbers").claims
    assert claim.verdict == "contradicted"


def test_what_the_cost_covers_beyond_the_run_is_unverified(checker: Checker) -> None:
    [claim] = checker.check("the whole thing incl the a100 prep cost 294k total").claims
    assert claim.verdict == "unverified"


def test_a_ban_is_a_claim_the_articles_cannot_settle(checker: Checker) -> None:
    assert [c.verdict for c in checker.check("the us is about to ban deepseek").claims] == ["unverified"]


@pytest.mark.parametrize(
    ("text", "verdict", "fact_id"),
    [
        # The cost fact holds "expensive" as a word about cost; the accessibility fact close behind says the opposite.
        ("deepseek wants to make ai expensive and exclusive", "contradicted", "deepseek-accessible-ai"),
        ("deepseek has been super loud in the media ever since january", "contradicted", "deepseek-low-profile"),
        # Both facts date the release to January; only the first article's gives the year.
        ("the cheap ai release was january 2023", "supported", "release-january-2023"),
        ("distillation costs way more than normal training", "contradicted", "distillation-cheaper"),
        # A fact about V3 held up as one about R1.
        (
            "the stuff about openai answers in crawled data was about r1",
            "contradicted",
            "v3-training-data-openai-answers",
        ),
        # A chip put in the other phase, a few words from the phase word.
        ("the a100s were used for the final training run", "contradicted", "r1-a100-preparatory"),
        # An idiom is read before its opposite is looked for: "went all in on" is buying, against the sell-off.
        (
            "investors went all in on tech stocks after deepseek dropped its models",
            "contradicted",
            "tech-stock-selloff",
        ),
    ],
)
def test_one_statement_gets_its_verdict_from_the_fact_that_settles_it(
    checker: Checker, text: str, verdict: str, fact_id: str
) -> None:
    [claim] = checker.check(text).claims
    assert (claim.verdict, claim.facts) == (verdict, [fact_id])


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("both articles mention the a100", "contradicted"),
        ("only the first article mentions the a100s", "supported"),
        ("the second article mentions the a100s", "contradicted"),
        ("both articles say r1 was trained on 512 h800 chips", "supported"),
        ("only the second article says r1 was trained on 512 h800 chips", "contradicted"),
    ],
)
def test_which_article_states_it_is_checked_too(checker: Checker, text: str, verdict: str) -> None:
    [claim] = checker.check(text).claims
    assert claim.verdict == verdict


def test_a_word_negated_by_its_prefix_is_the_opposite_claim(checker: Checker) -> None:
    [claim] = checker.check("distillation is totally uncontroversial").claims
    assert claim.verdict == "contradicted" and claim.facts == ["distillation-debate"]


@pytest.mark.parametrize(
    "text", ["deepseek trained r1 on h100s for 80 hours", "the whole r1 training ran 80 hours on a100s"]
)
def test_a_wrong_chip_beside_a_right_figure_is_its_own_claim(checker: Checker, text: str) -> None:
    hours, chip = checker.check(text).claims
    assert (hours.verdict, hours.facts) == ("supported", ["r1-training-hours"])
    assert (chip.verdict, chip.facts) == ("contradicted", ["r1-h800-chips"]) and "H800" in chip.explanation


def test_the_a100s_of_the_preparatory_phase_are_no_wrong_chip(checker: Checker) -> None:
    verdicts = [c.verdict for c in checker.check("80 hours on the h800 cluster and the a100s were for prep").claims]
    assert "contradicted" not in verdicts


@pytest.mark.parametrize(
    "text",
    ["lmao nvidia stonks go brrr", "brb reading both articles again before class", "the arms race is a meme anyway"],
)
def test_chatter_is_not_checked(checker: Checker, text: str) -> None:
    assert checker.check(text).claims == []


@pytest.mark.parametrize(
    "text", ["openai has published detailed training costs for gpt-4", "openai gave detailed numbers for gpt-4"]
)
def test_no_detailed_figures_for_any_openai_model_covers_each_one(checker: Checker, text: str) -> None:
    [claim] = checker.check(text).claims
    assert claim.verdict == "contradicted" and claim.facts == ["openai-no-detailed-figures"]
    assert claim.claim == text  # the statement is shown as it was written


def test_a_figure_for_one_openai_model_is_still_not_stated(checker: Checker) -> None:
    assert [c.verdict for c in checker.check("openai spent billions on gpt5").claims] == ["unverified"]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("us export restrictions cover the h800 too", "contradicted"),
        ("the export restrictions only cover the h100, the a100 is fine to ship", "contradicted"),
        ("the a100 is export restricted", "supported"),
        ("the h800 exists because of us export restrictions on the h100 and a100", "supported"),
    ],
)
def test_which_chips_the_restrictions_bar(checker: Checker, text: str, verdict: str) -> None:
    assert checker.check(text).claims[0].verdict == verdict


@pytest.mark.parametrize(
    "text", ["the us is going to ban h800 exports next", "deepseek bought its a100s before the export ban"]
)
def test_what_may_come_or_when_chips_were_bought_is_no_claim_about_the_restrictions(
    checker: Checker, text: str
) -> None:
    assert [c.verdict for c in checker.check(text).claims] in ([], ["unverified"])


def test_a_word_on_the_same_side_as_the_facts_counts_as_stated(checker: Checker) -> None:
    [claim] = checker.check("deepseek wants to make ai cheaper and more accessible").claims
    assert claim.verdict == "supported" and claim.facts == ["deepseek-accessible-ai"]


@pytest.mark.parametrize(
    "text", ["the h800 is nvidia's most powerful chip", "deepseek has always been open about having a100s"]
)
def test_a_superlative_and_being_open_about_it_are_checked(checker: Checker, text: str) -> None:
    assert [c.verdict for c in checker.check(text).claims] == ["contradicted"]


@pytest.mark.parametrize(
    "text",
    [
        "training took 80 hours. less than i put on the combine in a bad week",
        "cluster was 512 chips. way smaller than i expected ngl",
        "the january release made investors dump tech stocks, thats what hit my 401k",
        "altman said training costs way more than 100 mil, back in 2023",
        "fwiw the paper was in nature and it was peer reviewed, so ur wrong gary",
        "a100s were just for the prep phase fwiw",
        "deepseek is a chinese outfit",
    ],
)
def test_the_writer_on_themselves_is_no_claim(checker: Checker, text: str) -> None:
    assert {claim.verdict for claim in checker.check(text).claims} == {"supported"}


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("they switched from a100s to a 512 chip h800 cluster for training", "supported"),
        ("the $294k was for v3, not r1", "contradicted"),
        ("the 294k wasn't for v3, it was r1", "supported"),
        ("deepseek gave up on cheap accessible ai", "contradicted"),
        ("deepseek has stopped defending distillation", "contradicted"),
    ],
)
def test_switching_chips_another_model_s_figure_and_giving_up(checker: Checker, text: str, verdict: str) -> None:
    assert {claim.verdict for claim in checker.check(text).claims} == {verdict}


@pytest.mark.parametrize(
    "text",
    [
        "deepseek has stopped developing new ai",
        "us officials are fully convinced by deepseek's numbers",
        "industry leaders shrugged deepseek off",
    ],
)
def test_stopping_being_convinced_and_shrugging_off_say_the_opposite(checker: Checker, text: str) -> None:
    assert {claim.verdict for claim in checker.check(text).claims} == {"contradicted"}


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("it was china that put export restrictions on nvidia's chips", "contradicted"),
        ("the chip restrictions were imposed by china", "contradicted"),
        ("the us put export restrictions on the h100", "supported"),
        ("liang wenfeng is the founder of openai", "contradicted"),
        ("us officials questioned deepseek's claims, and tech stocks jumped in january", "contradicted"),
    ],
)
def test_who_restricts_whose_founder_and_stocks_that_jumped(checker: Checker, text: str, verdict: str) -> None:
    assert verdict in {claim.verdict for claim in checker.check(text).claims}


@pytest.mark.parametrize(
    ("text", "verdicts"),
    [
        ("it wasn't 80 days, it was 80 hours", {"supported"}),
        ("deepseek did not respond directly", {"supported"}),
        ("the h800 is not for the us market", {"supported"}),
        ("deepseek is not american", {"supported"}),
        ("paper was in Nature and it was peer reviewed, not some blog", {"supported"}),
        ("r1 wasn't trained on h100s", {"supported"}),  # the chip denied is the one the fact puts H800s in place of
        ("llama is not from google", {"supported"}),
        ("r1 was trained on h100s", {"contradicted"}),
    ],
)
def test_what_a_statement_denies_is_not_what_it_claims(checker: Checker, text: str, verdicts: set[str]) -> None:
    assert {claim.verdict for claim in checker.check(text).claims} == verdicts


@pytest.mark.parametrize("text", ["great thread everyone, learning a lot 🙏", "ugh my brain is mush, 4 more hours"])
def test_a_chat_reaction_is_not_fact_checked(checker: Checker, text: str) -> None:
    assert checker.check(text).claims == []


def test_a_claim_on_a_topic_the_articles_leave_out_is_still_checked(checker: Checker) -> None:
    assert {c.verdict for c in checker.check("the training used about 1 gwh of electricity").claims} == {"unverified"}


@pytest.mark.parametrize(
    "text",
    [
        "us officials didnt just doubt the cost, they questioned the tech deepseek used too",
        "some of deepseek's distilled models are built off meta's llama",
    ],
)
def test_not_only_and_built_off_are_read_as_meant(checker: Checker, text: str) -> None:
    # "didnt just doubt" doubted and more (no denial); "built off" is "based on".
    assert [c.verdict for c in checker.check(text).claims] == ["supported"]


@pytest.mark.parametrize(
    ("text", "verdicts"),
    [
        ("chinese officials questioned deepseek's numbers", ["contradicted"]),  # the articles say US officials did
        ("chinese officials praised deepseek", ["unverified"]),  # another act, the articles don't say
        ("deepseek gets money from the chinese government", ["unverified"]),
        ("us officials questioned deepseek and so did chinese officials", ["supported", "unverified"]),
    ],
)
def test_another_countrys_officials_doing_what_the_us_ones_did(
    checker: Checker, text: str, verdicts: list[str]
) -> None:
    assert [c.verdict for c in checker.check(text).claims] == verdicts


@pytest.mark.parametrize(
    "text",
    [
        "critics mention bias, accountability and job displacement as risks",
        "some people warn about bias, accountability and job displacement",
    ],
)
def test_a_list_with_a_tail_is_one_claim_and_some_people_is_no_amount(checker: Checker, text: str) -> None:
    # The last item may carry words after it ("… job displacement as risks"); "some people" is who warns.
    assert [c.verdict for c in checker.check(text).claims] == ["supported"]


def test_he_is_the_person_the_clause_before_names(checker: Checker) -> None:
    # "also" after "is" starts no clause, and "he" is Liang, not OpenAI's CEO.
    result = checker.check("liang wenfeng founded deepseek and he is also its ceo")
    assert [c.verdict for c in result.claims] == ["supported", "unverified"]


def test_a_wrong_chip_beside_a_wrong_figure_does_not_hide_the_figure(checker: Checker) -> None:
    [claim] = checker.check("r1 took 800 hours on h100s").claims
    assert claim.verdict == "contradicted" and claim.facts[:1] == ["r1-training-hours"]


def test_a_paper_that_ran_in_a_journal_appeared_in_it(checker: Checker) -> None:
    [claim] = checker.check("the paper ran in science").claims
    assert claim.verdict == "contradicted" and "Nature, not Science" in claim.explanation


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("us rivals spend way more than deepseek", "supported"),  # said of the US side, "more" agrees
        ("r1 cost more than us models", "contradicted"),
        ("us labs spend less than deepseek", "contradicted"),
    ],
)
def test_who_spends_more_decides_which_way_it_goes(checker: Checker, text: str, verdict: str) -> None:
    assert [c.verdict for c in checker.check(text).claims] == [verdict]


def test_over_a_week_is_held_against_the_80_hours(checker: Checker) -> None:
    [claim] = checker.check("r1 took over a week to train").claims
    assert claim.verdict == "contradicted" and claim.facts[:1] == ["r1-training-hours"]


def test_a_chip_for_the_whole_thing_is_said_to_be_the_only_one(checker: Checker) -> None:
    [claim] = checker.check("deepseek used a100s for the whole thing").claims
    assert claim.verdict == "contradicted"  # the A100s were for the preparatory phase; the run was on H800s
    [claim] = checker.check("r1 was trained on h800s for the whole run").claims
    assert claim.verdict == "supported"


@pytest.mark.parametrize(
    ("text", "verdict", "fact"),
    [
        # Companies of a country as a group: not DeepSeek's country mistaken.
        ("us companies spent way more", "supported", "r1-cost-vs-us-rivals"),
        ("the us firms pay a lot more to train", "supported", "r1-cost-vs-us-rivals"),
        # DeepSeek put in the group is.
        ("deepseek is one of the american labs", "contradicted", "deepseek-chinese-developer"),
        ("deepseek is an american company", "contradicted", "deepseek-chinese-developer"),
    ],
)
def test_a_countrys_companies_are_a_group_unless_deepseek_is_put_in_it(
    checker: Checker, text: str, verdict: str, fact: str
) -> None:
    [claim] = checker.check(text).claims
    assert (claim.verdict, claim.facts[:1]) == (verdict, [fact])


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # "low-cost" against the fact's "lower-cost": the comparative is the same concept.
        ("investors dumped tech stocks in january after deepseek's low-cost release", "tech-stock-selloff"),
        # "helped them cut" against "letting it cut": what helps is what lets.
        ("distillation helped them cut costs vs the US labs", "distillation-cheaper"),
    ],
)
def test_a_paraphrase_of_the_facts_own_words_is_supported(checker: Checker, text: str, fact: str) -> None:
    [claim] = checker.check(text).claims
    assert (claim.verdict, claim.facts[:1]) == ("supported", [fact])


def test_a_radio_sign_off_is_no_claim_about_copying(checker: Checker) -> None:
    claims = checker.check("copy, 512 H800s, 80 hrs, 294k. logged").claims
    assert [c.verdict for c in claims] == ["supported"] * 3  # "copy" was held against the distillation fact


@pytest.mark.parametrize(
    ("text", "verdicts"),
    [
        ("the 80-hour training ran on A100s", ["contradicted"]),  # the hours only name the run
        ("the a100s did the main 80 hour run", ["contradicted"]),
        ("deepseek trained r1 on h100s for 80 hours", ["supported", "contradicted"]),  # the hours are said of it
    ],
)
def test_a_figure_that_names_the_run_is_no_claim_beside_a_wrong_chip(
    checker: Checker, text: str, verdicts: list[str]
) -> None:
    assert [c.verdict for c in checker.check(text).claims] == verdicts


@pytest.mark.parametrize(
    ("text", "verdicts"),
    [
        ("this is gonna intensify the beijing ai debate", ["supported"]),  # what the articles foretell too
        ("this is all gonna shape the distillation debate", ["supported"]),
        ("this is huge", []),  # a reaction
    ],
)
def test_what_this_is_going_to_do_is_a_claim_not_a_reaction(checker: Checker, text: str, verdicts: list[str]) -> None:
    assert [c.verdict for c in checker.check(text).claims] == verdicts


@pytest.mark.parametrize(
    ("text", "verdicts"),
    [
        ("the founder had nothing to do with the paper", ["contradicted"]),  # he co-authored it
        ("the electric bill for the training was under 10k", ["unverified"]),  # no electricity figure, not R1's cost
    ],
)
def test_nothing_to_do_with_denies_and_an_electric_bill_is_no_training_cost(
    checker: Checker, text: str, verdicts: list[str]
) -> None:
    assert [c.verdict for c in checker.check(text).claims] == verdicts


@pytest.mark.parametrize(
    ("text", "verdicts"),
    [
        ("deepseek has been in the news constantly since january", ["contradicted"]),
        ("deepseek has been all over the news every week since january", ["contradicted"]),
        ("deepseek kept a low profile since january", ["supported"]),
    ],
)
def test_never_out_of_the_news_is_against_the_low_profile(checker: Checker, text: str, verdicts: list[str]) -> None:
    assert [c.verdict for c in checker.check(text).claims] == verdicts


def test_writing_the_paper_alone_is_against_co_authoring_it(checker: Checker) -> None:
    assert [c.verdict for c in checker.check("founder liang wenfeng wrote the paper solo").claims] == ["contradicted"]
    assert [c.verdict for c in checker.check("liang co-authored the nature paper").claims] == ["supported"]


@pytest.mark.parametrize(
    ("text", "verdicts"),
    [
        ("distillation just means training on a bigger dataset", ["contradicted"]),
        ("distillation means training AI on human experts' notes", ["contradicted"]),
        ("distillation is basically one ai learning from another", ["supported"]),
    ],
)
def test_a_defined_word_said_to_mean_something_else_is_contradicted(
    checker: Checker, text: str, verdicts: list[str]
) -> None:
    assert [c.verdict for c in checker.check(text).claims] == verdicts
