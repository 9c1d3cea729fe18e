from __future__ import annotations

import concurrent.futures
import contextlib
import threading

import pytest

from bot.answers import Engine, model_key, words
from bot.models import Actor
from bot.moderation import Moderation
from bot.reading import edit_distance, kind_of, parts, prepare, segments
from bot.storage import FactStore
from bot.text import common_english

SIDE_BY_SIDE = [
    "how much did r1 cost to train",
    "how many chips",
    "how long was the training run",
    "who founded deepseek",
    "when was the nature paper published",
    "what is distillation",
    "did openai comment",
    "what happened to tech stocks",
]

HOSTILE = [
    "",
    "   ",
    '"',
    '"unterminated',
    "*",
    "^",
    ":",
    "NEAR(",
    "NEAR(cost chips, 2)",
    "cost AND",
    "OR OR OR",
    "AND NOT chips",
    "facts_fts:cost",
    "answer: cost",
    "'; DROP TABLE facts; --",
    "1' OR '1'='1",
    "SELECT * FROM facts",
    "💸💸💸 🤖?",
    "Сколько стоило обучение R1?",
    "R1 的训练成本是多少？",
    "@everyone how much did r1 cost",
    "<@123456789> <@&987654321> <#55555>",
    "\x00\x01\x02",
    "cost " * 400,
    "x" * 2000,
    "ｒ１ ｃｏｓｔ",
    "r1\u200b cost",
    "-",
    "()",
    "{}[]",
    "cost*",
    "c*st",
    '"cost" "chips"',
]


@pytest.mark.parametrize("question", HOSTILE)
def test_hostile_input_gets_an_answer_or_a_refusal(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.kind in {"answer", "unknown"}
    assert answer.text
    if answer.kind == "answer":
        assert answer.citations


def test_mention_does_not_stop_a_real_question(engine: Engine) -> None:
    answer = engine.ask("@everyone how much did r1 cost")
    assert answer.facts[0] == "r1-training-cost"
    assert "@everyone" not in answer.text


def test_fullwidth_text_is_normalised(engine: Engine) -> None:
    assert engine.ask("ｒ１ ｃｏｓｔ").facts[:1] == ["r1-training-cost"]


def test_ask_cites_both_articles_for_the_cost(engine: Engine) -> None:
    answer = engine.ask("How much did it cost to train R1?")
    assert answer.kind == "answer"
    assert "$294,000" in answer.text
    assert answer.corroborating_sources == ["stir", "slashdot"]
    assert all(c.quote for c in answer.citations)


def test_unrelated_question_is_refused_with_topics(engine: Engine) -> None:
    answer = engine.ask("what's the best pizza topping?")
    assert answer.kind == "unknown"
    assert answer.facts == [] and answer.citations == []
    assert "cost" in answer.suggestions


@pytest.mark.parametrize("model", ["r1", "R1", "R-1", "deepseek-r1", "DeepSeek R1", "the R1 model", "r1's"])
def test_cost_aliases(engine: Engine, model: str) -> None:
    answer = engine.cost(model)
    assert answer.facts[0] == "r1-training-cost"
    assert "$294,000" in answer.text


@pytest.mark.parametrize("model", ["openai", "OpenAI", "gpt", "ChatGPT"])
def test_cost_openai(engine: Engine, model: str) -> None:
    answer = engine.cost(model)
    assert answer.facts[0] == "openai-training-cost"
    assert "$100 million" in answer.text


@pytest.mark.parametrize("model", ["v3", "gemini", "llama", "💥", "'; DROP TABLE facts"])
def test_cost_for_a_model_without_a_figure_names_those_with_one(engine: Engine, model: str) -> None:
    answer = engine.cost(model)
    assert answer.kind == "unknown"
    assert "no training-cost figure" in answer.text
    assert "R1 ($294,000)" in answer.text and "OpenAI (more than $100 million)" in answer.text


def test_cost_without_model_gives_every_figure(engine: Engine) -> None:
    answer = engine.cost()
    assert set(answer.facts) >= {"r1-training-cost", "openai-training-cost"}


def test_chips_names_the_hardware_story(engine: Engine) -> None:
    answer = engine.chips()
    assert "512" in answer.text and "H800" in answer.text
    assert "80 hours" in answer.text
    assert "A100" in answer.text and "preparatory" in answer.text
    assert "H100" in answer.text
    assert "RTX" not in answer.text and "salt" not in answer.text


def test_conflicting_dates_show_both_sides(engine: Engine) -> None:
    answer = engine.ask("when was the nature paper published")
    assert answer.conflict
    assert {side.fact_id for side in answer.sides} == {"nature-paper-date-june-2023", "nature-paper-date-wednesday"}
    assert "June 2023" in answer.text and "Wednesday" in answer.text
    assert answer.corroborating_sources == ["stir", "slashdot"]


def test_fact_by_id_and_unknown_id(engine: Engine) -> None:
    assert engine.fact("r1-h800-chips").facts == ["r1-h800-chips"]
    missing = engine.fact("r1-h800-chip")
    assert missing.kind == "unknown" and "r1-h800-chips" in missing.suggestions
    assert engine.fact("'; --").kind == "unknown"


def test_sources_and_topics(engine: Engine) -> None:
    sources = engine.sources()
    assert [s.outlet for s in sources.sources] == [None, "Slashdot"]
    topics = engine.topics()
    assert {"cost", "chips", "paper", "distillation"} <= set(topics.suggestions)


def test_words_and_model_keys() -> None:
    assert words("GPT-5 and R1's cost") == ["gpt5", "and", "r1", "cost"]
    assert words("deepseek stock price") == ["deepseek", "stock", "price"]
    assert model_key("The DeepSeek-R1 model") == "deepseekr1"


def test_edit_distance_counts_transpositions() -> None:
    assert edit_distance("cots", "cost", 2) == 1
    assert edit_distance("nvdia", "nvidia", 2) == 1
    assert edit_distance("dead", "head", 1) == 1
    assert edit_distance("abc", "xyz", 1) == 2  # gives up past the limit


# -- what the engine must do (issue "Answers that hold up on questions nobody tuned for") --

# The questions a new user tried, with the fact that answers each (None: "the articles don't say").
UNTUNED = [
    ("how many graphics cards were used", "r1-h800-chips"),
    ("number of accelerators r1", "r1-h800-chips"),
    ("training expenditure of r1", "r1-training-cost"),
    ("how does 294k compare to us rivals", "r1-cost-vs-us-rivals"),
    ("r1 vs gpt cost", "r1-training-cost"),
    ("is r1 cheaper than openai's models", "r1-training-cost r1-cost-vs-us-rivals"),
    ("was it 6 million dollars", "r1-training-cost"),
    ("who reported this", "reporting-slashdot"),
    ("is deepseek open source", None),
]


@pytest.mark.parametrize(("question", "fact_id"), UNTUNED)
def test_questions_a_new_user_tried(engine: Engine, question: str, fact_id: str | None) -> None:
    answer = engine.ask(question)
    if fact_id is None:
        assert answer.kind == "unknown" and answer.text.startswith("The articles don't say")
        assert answer.facts == [], "a related fact is never presented as the answer"
    else:
        right = set(fact_id.split()) & set(answer.facts[:2])
        assert answer.kind == "answer" and right, (answer.facts, answer.text)
        assert any(c.fact_id in right for c in answer.citations)


def test_is_when_defines_but_a_question_that_is_when_asks_when(engine: Engine) -> None:
    assert engine.ask("distillation is when one ai system learns from another?").facts == ["distillation-defined"]
    assert engine.ask("my question is when the nature paper came out").conflict  # the two dates


def test_the_question_type_picks_the_fact_that_states_it(engine: Engine) -> None:
    assert engine.ask("what number of GPUs was R1 trained on?").facts[0] == "r1-h800-chips"
    assert engine.ask("which chips were used in the prep phase").facts[0] == "r1-a100-preparatory"
    assert engine.ask("when was the nature paper published").conflict
    # A count, a date or a person the articles never give is "not stated", with the related fact labelled.
    for question in ("how many a100s did they use in the prep phase", "when was deepseek founded"):
        answer = engine.ask(question)
        assert answer.kind == "unknown" and answer.unanswered == "not_stated" and answer.related, question
        assert "Related:" in answer.text


def test_several_questions_in_one_get_each_part(engine: Engine) -> None:
    assert engine.ask("chip count and training time for r1?").facts[:2] == ["r1-h800-chips", "r1-training-hours"]
    assert engine.ask("cost, chips and run length pls").facts[:3] == [
        "r1-training-cost",
        "r1-h800-chips",
        "r1-training-hours",
    ]


@pytest.mark.parametrize(
    "question", ["deepseek vs openai: who spent more?", "r1 294k vs altman's 100m+ which is bigger lol"]
)
def test_a_comparison_shows_both_figures(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.facts[:2] == ["r1-training-cost", "openai-training-cost"]
    assert "$294,000" in answer.text and "$100 million" in answer.text
    assert {c.fact_id for c in answer.citations} >= {"r1-training-cost", "openai-training-cost"}


@pytest.mark.parametrize(
    ("question", "fact_id", "opening"),
    [
        ("r1 only took 80 minutes to train?", "r1-training-hours", "No: 80 hours"),
        ("did it take months to train r1", "r1-training-hours", "No: 80 hours, not months"),
        ("it cost $20M, right?", "r1-training-cost", "No: $294,000"),
        ("so like 5000 gpus for r1?", "r1-h800-chips", "No: 512"),
        # A chip the articles never name is still a chip: the wrong one, corrected.
        ("deepseek trained r1 on MI300s, right?", "r1-h800-chips", "No: it was H800, not MI300"),
        ("was r1 trained on v100s", "r1-h800-chips", "No: it was H800, not V100"),
        # The opposite of what a fact states is about that fact: the premise it corrects.
        ("why has deepseek dropped distillation after the backlash", "distillation-defended", "No, the articles"),
        # Denying what the fact states is a premise too; asking "isn't it …?" denies nothing.
        ("why was the nature paper not peer reviewed?", "nature-paper", "No, the articles"),
        ("isn't r1 a reasoning model?", "r1-reasoning-model", "R1 is"),
        ("why didn't openai comment", "openai-no-comment", "OpenAI did not"),
        ("why was the h800 designed for the us market", "h800-export-restrictions", "No: the articles say China"),
        ("why did tech stocks go up when deepseek released its cheap models", "tech-stock-selloff", "No, the"),
        # "is that true?" after a statement asks about the statement.
        ("my cousin says r1 cost 5 million. is that true?", "r1-training-cost", "No: $294,000"),
        ("deepseek used a 2048 gpu cluster for r1. he's right yeah?", "r1-h800-chips", "No: 512"),
        ("r1 cost 294k. right?", "r1-training-cost", "Yes: $294,000"),
        ("was r1 trained for under a million bucks", "r1-training-cost", "Yes: $294,000"),
        ("the paper was in science magazine right", "nature-paper", "No: it was Nature"),
        ("the h800 was built for the us market?", "h800-export-restrictions", "No: the articles say China, not the US"),
        # A wrong country, company or journal in a wh-question, named as the answer names it.
        ("why did nvidia design the h800 for europe", "h800-export-restrictions", "No: it was China, not Europe."),
        ("why would meta's ceo sam altman weigh in on training costs", "openai-training-cost", "No: it was OpenAI"),
        ("why did deepseek put the r1 cost paper in science", "nature-paper", "No: it was Nature, not Science."),
        ("was r1 trained on huawei ascend chips", "r1-h800-chips", "No: it was H800, not Ascend."),
        ("was it nvidia or amd hardware", "r1-h800-chips", "It was Nvidia, not AMD."),
        ("r1 is deepseek's image generator right?", "r1-reasoning-model", "No, the articles say otherwise."),
        ("deepseek admitted it deliberately scraped openai answers into v3", "v3-openai-data-incidental", "No"),
        # "true or false: X" is X asked back, not a choice between "true" and "false".
        ("true or false: deepseek used google's gemini for distilled models", "distillation-llama", "No: it was Meta"),
        ("true or false openai commented right away", "openai-no-comment", "No."),
        ("T/F: deepseek's founder is sam altman", "liang-wenfeng-founder", "No: it was Liang Wenfeng, not Sam Altman."),
    ],
)
def test_a_wrong_premise_is_corrected(engine: Engine, question: str, fact_id: str, opening: str) -> None:
    answer = engine.ask(question)
    assert answer.facts[0] == fact_id and answer.text.startswith(opening), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "how many employees does DeepSeek have?",
        "what was the electricity bill?",
        "how much did v3 cost to train",
        "which llama version did they distill from",
        "whats deepseek's valuation",
        # "exactly": a bound ("much more than $100 million") is no exact figure.
        "exactly how much did openai spend on training its models",
        # What he said is reported; what he said about DeepSeek is not.
        "what did altman say about deepseek",
        "did altman comment on deepseek",
        # The meaning of a word the articles use but never explain.
        "what is 'peer-reviewed'",
        "what's a 'chip cluster'",
        # A part that refers back to something off the story is not answered on the story words it shares.
        "who's Felicity and why is she expanding into Singapore, is that DeepSeek related?",
        "rtx 5090 defective? what happened w nvidia there",
        # Advice on what to do next: a report of what happened never gives it.
        "should i buy nvda rn after this news",
        # A CEO is a title the articles give only Altman; DeepSeek's founder is not said to be its CEO.
        "who is the ceo of deepseek",
        # The word a question opens on is what it asks about: no fact gives an issue or volume.
        "what volume or issue of nature was it in",
        # A100s were used, in the preparatory phase, and counted nowhere.
        "how many a100 chips did deepseek use",
    ],
)
def test_what_the_articles_do_not_state_is_said_plainly(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "unknown" and not answer.facts, (question, answer.facts)


def test_a_long_message_is_read_for_the_question_inside(engine: Engine) -> None:
    rant = (
        "ok so i keep seeing ppl on twitter arguing about this all day and honestly my timeline is a mess, "
        "some guy said six million, someone else said billions, my cousin says it was all fake anyway. "
        * 4
        + "so what did they actually spend on training r1?? thanks in advance"
    )
    assert len(rant) > 500
    assert engine.ask(rant).facts[0] == "r1-training-cost"


@pytest.mark.parametrize(
    "question",
    [
        "combien a coûté l'entraînement de R1 ?",
        "Wie lange hat das Training gedauert?",
        "R1 的训练成本是多少？",
        # Romanised Hindi, Tagalog, Indonesian: Latin letters, another language's function words.
        "DeepSeek ne R1 ko train karne mein kitna paisa kharch kiya?",
        "Magkano ang ginastos ng DeepSeek sa R1?",
        "Berapa biaya untuk melatih R1?",
        # Typed without accents or in chat register.
        "openai komentar gak soal distilasi?",
        "donde se publico el paper",
        # Portuguese with English words in it; Swahili.
        "quantos chips H800 a deepseek usou no treino do R1?",
        "DeepSeek ni kampuni ya nchi gani?",
        # Dutch, Polish, Italian: one function word each that English shares or lacks, and the story's words.
        "in welk tijdschrift is het artikel verschenen?",
        "co to jest destylacja w AI?",
        "OpenAI ha commentato le accuse di distillazione?",
        "Waarom bestaat de H800-chip?",  # Dutch, with one function word of its own
        # Polish without its accents; Romanian; Swedish; Norwegian.
        "po co nvidia zrobila chip h800?",
        "Ce a spus Sam Altman despre costul antrenării modelelor fundamentale?",
        "hur mycket kostade det att träna r1?",
        "hvor mye kostet r1?",
    ],
)
def test_another_language_gets_a_polite_reply_in_english(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "unknown" and answer.unanswered == "language"
    assert "English" in answer.text


@pytest.mark.parametrize(
    "question", ["any comment from openai over this", "the nature paper had over 100 co-authors, who?"]
)
def test_english_words_another_language_also_has_do_not_make_a_question_foreign(engine: Engine, question: str) -> None:
    assert engine.ask(question).unanswered != "language"


def test_typos_in_short_and_alphanumeric_words_are_repaired(engine: Engine) -> None:
    for question in ("how many chps", "h8oo count", "nvidea gpus for r1", "what were the a1oo used for"):
        assert engine.ask(question).kind == "answer", question
    assert engine.ask("what were the a1oo used for").facts[0] == "r1-a100-preparatory"


def test_a_chip_named_only_in_an_example_question_is_not_what_the_fact_says(engine: Engine) -> None:
    # r1-training-hours has the example question "how long did the h800 cluster run": that must not
    # make "80 hours" an answer to which chips ran it, nor a "Yes" to the wrong chip.
    answer = engine.ask("were a100s used for the actual 80 hour training run?")
    assert answer.facts[0] == "r1-a100-preparatory" and not answer.text.startswith("Yes")
    assert engine.ask("what hardware did the 80 hour training run on").facts[0] == "r1-h800-chips"


def test_answers_worked_out_side_by_side_on_a_cold_engine_are_the_ones_worked_out_alone(store: FactStore) -> None:
    # The bot answers in threads: the first answers on a fresh engine all find its caches empty at once.
    questions = SIDE_BY_SIDE * 4
    alone = {q: Engine(store).ask(q).facts for q in set(questions)}
    for _ in range(5):
        cold = Engine(store)
        barrier = threading.Barrier(8)

        def ask(question: str, cold: Engine = cold, barrier: threading.Barrier = barrier) -> list[str]:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=0.5)
            return cold.ask(question).facts

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            together = list(pool.map(ask, questions))
        assert together == [alone[q] for q in questions]


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("why did investors pile into tech stocks after the january release", "tech-stock-selloff"),
        ("so they intentionally scraped openai answers for v3 huh", "v3-openai-data-incidental"),
        ("why did openai publicly slam deepseek over this", "openai-no-comment"),
        ("did openai say anything about the distillation stuff", "openai-no-comment"),
    ],
)
def test_a_question_assuming_what_the_fact_denies_gets_no(engine: Engine, question: str, fact_id: str) -> None:
    answer = engine.ask(question)
    assert answer.facts[0] == fact_id and answer.text.startswith("No"), answer.text


def test_a_denial_of_something_else_is_not_a_no(engine: Engine) -> None:
    # "DeepSeek did not directly respond to assertions that it distilled…" denies a reply, not the distilling.
    answer = engine.ask("did deepseek distill openai's models into their own")
    assert answer.facts[0] == "distillation-openai-allegation" and not answer.text.startswith("No"), answer.text


def test_a_choice_between_named_things_goes_to_the_fact_stating_one(engine: Engine) -> None:
    # "training run" also fits the 80-hours fact, but only the chips fact says which of the two it was.
    assert engine.ask("h800 or h100 for the r1 training run?").facts[0] == "r1-h800-chips"


@pytest.mark.parametrize(
    ("question", "opening"),
    [("is the h800 better than the h100?", "No"), ("is the h800 a weaker chip than the a100", "Yes")],
)
def test_which_chip_is_the_more_powerful_gets_yes_or_no(engine: Engine, question: str, opening: str) -> None:
    answer = engine.ask(question)
    assert answer.facts[0] == "h800-export-restrictions" and answer.text.startswith(opening), answer.text


@pytest.mark.parametrize(
    ("question", "fact_id", "opening"),
    [
        ("why'd they train r1 on h100s if those are banned lol", "r1-h800-chips", "No: it was H800, not H100."),
        (
            "why did elon musk co-author the deepseek paper",
            "paper-coauthor-liang",
            "No: it was Liang Wenfeng, not Musk.",
        ),
        ("how many AMD chips did deepseek use", "r1-h800-chips", "No: it was Nvidia, not AMD."),
        # The right figure told as the wrong person's is no "Yes".
        ("elon said foundational training costs over 100m, right?", "openai-training-cost", "No: it was Sam Altman"),
        ("which google model did deepseek use for its distilled versions", "distillation-llama", "No: it was Meta"),
        ("they used mistral as the base for some distilled models, yeah?", "distillation-llama", "No: it was Meta"),
    ],
)
def test_a_wrong_name_in_any_question_is_corrected(engine: Engine, question: str, fact_id: str, opening: str) -> None:
    answer = engine.ask(question)
    assert answer.facts[0] == fact_id and answer.text.startswith(opening), answer.text


@pytest.mark.parametrize(
    "question", ["how much did v3 cost to train", "what did elon musk say about r1", "chips used for v3?", "v3 cost?"]
)
def test_another_model_or_an_unquoted_person_is_not_a_wrong_name(engine: Engine, question: str) -> None:
    # V3 is another model the articles name (with no cost or chips); Musk said nothing in them: neither is R1 or
    # Altman under a wrong name, not even in a terse question read as yes or no.
    assert engine.ask(question).kind != "answer"


def test_a_role_asked_of_a_person_is_not_corrected_with_another_companys_holder(engine: Engine) -> None:
    # "is liang the ceo" asks of DeepSeek's founder; the articles name only OpenAI's CEO, no correction of his.
    assert engine.ask("is liang the ceo").kind != "answer"
    answer = engine.ask("liang wenfeng is openai's ceo right?")
    assert answer.facts[0] == "sam-altman-openai-ceo" and answer.text.startswith("No: it was Sam Altman"), answer.text


def test_r1s_own_figure_put_to_v3_is_still_corrected(engine: Engine) -> None:
    answer = engine.ask("v3 was trained 80 hours on h800 no")
    assert answer.facts[0] == "r1-training-hours" and answer.text.startswith("No: that figure is R1's"), answer.text


def test_where_the_asker_read_it_is_not_what_they_ask(engine: Engine) -> None:
    # "according to the paper" matched the Nature-paper fact's "according to a peer-reviewed article".
    assert engine.ask("whats the bill for r1 according to the paper").facts[0] == "r1-training-cost"


def test_who_are_a_group_asks_for_their_names(engine: Engine) -> None:
    # The articles cite "experts" without naming one: "who are the experts" is not answered by what they say.
    assert engine.ask("who are the 'industry experts' in the slashdot one").kind != "answer"


def test_slips_in_the_little_words_are_read_as_meant(engine: Engine) -> None:
    # "teh" was repaired to "tech" (the nearest word the facts use), and "jornal" asked for no class.
    assert engine.ask("wich jornal was teh paper in").facts[0] == "nature-paper"
    assert kind_of("when were the cheap systems released").asks_class is None  # no slip for "release"


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "pls answer both: what is the h800 designed for, and how many did deepseek use",
            ["what is the h800 designed for", "how many did deepseek use"],
        ),
        (
            "what have us officials said + how did industry leaders react",
            ["what have us officials said", "how did industry leaders react"],
        ),
        ("what type of model is r1 and what did it train on", ["what type of model is r1", "what did it train on"]),
        ("deepseek vs openai: who spent more?", ["deepseek vs openai: who spent more?"]),
        ("a100 vs h800, which did the actual training run", ["a100 vs h800, which did the actual training run"]),
        (
            "hey so two things 1) is r1 cheaper than us stuff 2) did openai publish its own costs",
            ["is r1 cheaper than us stuff", "did openai publish its own costs"],
        ),
    ],
)
def test_the_parts_of_a_message_are_its_questions(message: str, expected: list[str]) -> None:
    # A head about the questions ("pls answer both:") is no part of the first; "+" joins two; "what type"
    # lends no noun to "what did it train on". A colon that frames a comparison stays.
    assert parts(message) == expected


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("what risks do the skeptics bring up", "experts-warn-risks"),
        ("what broader worries does the Slashdot piece list about rapid AI deployment?", "experts-warn-risks"),
    ],
)
def test_who_warns_and_which_article_says_it(engine: Engine, question: str, fact_id: str) -> None:
    # "others warn" is what skeptics say; a fact the Slashdot article states is one "the slashdot piece" lists.
    assert engine.ask(question).facts[:1] == [fact_id]


@pytest.mark.parametrize("question", ["which startups benefit from this", "what did slashdot readers think"])
def test_a_group_the_articles_never_name_is_not_answered(engine: Engine, question: str) -> None:
    # "startups" are named by no fact (DeepSeek is the story, not one of them); readers are not "leaders".
    assert engine.ask(question).kind != "answer"


@pytest.mark.parametrize(
    "question",
    [
        "which us rivals exactly? like names",
        "how many h800s does deepseek have total, not just the 512",
        "can i run r1 on my 4090",
        "what were the lower cost systems they released in january called",
        "what else is in the supplementary info doc besides the a100 admission",
        "did tech stocks recover after the january selloff",
        "can i buy shares in deepseek",
        "which country's investors sold the most",
        "where is the 512 chip cluster located",
        "does deepseek make its own chips",
        "who owns deepseek, is it a hedge fund thing",
        "is deepseek a public company, which stock exchange",
    ],
)
def test_a_detail_the_articles_leave_out_is_not_answered_with_the_fact_beside_it(engine: Engine, question: str) -> None:
    # Each shares its words with a fact that exists: the rivals unnamed, the count of one run (not of what
    # DeepSeek owns), the training cost (not the price to use it), the January release (not its name), and the
    # document's one admission (what the question sets aside).
    assert engine.ask(question).kind != "answer"


def test_what_else_besides_one_chip_still_finds_the_other(engine: Engine) -> None:
    assert engine.ask("what chips did they use besides the h800s").facts[:1] == ["r1-a100-preparatory"]


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("what happened to stocks when deepseek first went viral", "tech-stock-selloff"),
        ("where did they cop to having the a100s", "a100-ownership-acknowledged"),
        ("For a class assignment: who is credited as a co-author of the Nature article?", "paper-coauthor-liang"),
        ("nature paper date?", "nature-paper-date-june-2023 nature-paper-date-wednesday"),
        # A paper "comes out" when it is published, not released; a month asked for is June's.
        ("what month did the nature article come out", "nature-paper-date-june-2023"),
        # "how much" before chips asks how many (a learner's English), not what they cost.
        ("how much chip they use for train", "r1-h800-chips"),
        # "article two" names an article; it counts nothing.
        ("who reported article two", "reporting-slashdot"),
        # "number of hours" asks how long; "for the year" tells a span, it asks no date.
        ("for my notes: number of hours?", "r1-training-hours"),
        ("quick q is the 294k the cost of training or the whole company budget for the year", "r1-training-cost"),
        # "in the first place" is emphasis; "… still dont get, <question>" is the asker's trouble before it.
        ("why the chinese h800 exist in first place??", "h800-export-restrictions"),
        ("i read it three times but still dont get, the h800 is the 'weaker' chip?", "h800-export-restrictions"),
        # A headline asked for what it holds gives it, quoted ("… Training: $294,000 for R1").
        ("what price is in the headline of article 2", "article-headlines"),
        # Where something was said is answered by a fact naming the document it was said in.
        ("where they said they own the a100", "a100-ownership-acknowledged"),
        # The figure disclosed is the fact giving that figure, not the fact saying it was disclosed.
        ("what figure did deepseek disclose for r1", "r1-training-cost"),
        # "X is where …" tells what X is; no place is asked for.
        ("distillation is where the AI learns from human teachers isn't it", "distillation-defined"),
    ],
)
def test_idioms_and_heads_are_read_for_what_they_ask(engine: Engine, question: str, fact_id: str) -> None:
    # "cop to" was typo-repaired to "copy"; "For a class assignment:" and "credited as" counted as content.
    assert engine.ask(question).facts[0] in fact_id.split()


def test_a_wrong_country_gets_no(engine: Engine) -> None:
    answer = engine.ask("is deepseek a japanese company?")
    assert answer.facts[:1] == ["deepseek-chinese-developer"] and answer.text.startswith("No: the articles say China")


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("is openai a chinese company", "No: the articles say the US, not China"),
        ("is deepseek american", "No: the articles say China"),
        ("deepseek is a us startup no?", "No: the articles say China, not the US"),
        ("did eu officials question deepseek", "No: the articles say the US, not Europe"),
        ("deepseek is a japanese company so why does china care", "No: it was China, not Japan"),
        ("the h800 is the us-market version right", "No: the articles say China, not the US"),
        # "us officials" are no claim about DeepSeek's country.
        ("did us officials question deepseek's claims", "US officials have questioned"),
    ],
)
def test_a_company_given_the_wrong_country_gets_no(engine: Engine, question: str, says: str) -> None:
    # OpenAI's country is only in a quote ("U.S.-based OpenAI"), not in any fact's answer.
    assert engine.ask(question).text.startswith(says)


def test_a_part_asking_who_stands_on_its_own_with_story_wide_words(engine: Engine) -> None:
    # "who reported the articles" holds only words every fact shares; it asks a "who" all the same.
    answer = engine.ask("who reported article 2 and who's deepseek's founder")
    assert answer.facts == ["reporting-slashdot", "liang-wenfeng-founder"]


def test_a_company_of_the_story_asked_which_models_is_not_a_wrong_maker(engine: Engine) -> None:
    # The assertions are about OpenAI's models; which ones is not stated, and Meta is no correction.
    answer = engine.ask("which openai models did deepseek supposedly distill")
    assert not answer.facts and not answer.text.startswith("No")


@pytest.mark.parametrize(("question", "journal"), [("was it in science", "Science"), ("was it on arxiv", "arXiv")])
def test_a_journal_no_fact_names_is_corrected_even_alone(engine: Engine, question: str, journal: str) -> None:
    # No fact holds the word, so the search found nothing to correct it with.
    assert engine.ask(question).text.startswith(f"No: it was Nature, not {journal}.")


def test_how_far_apart_two_figures_are_is_worked_out_from_both(engine: Engine) -> None:
    # "far" and "apart" say how much one side outweighs the other; no fact holds them.
    answer = engine.ask("r1 vs altman's number, how far apart are they")
    assert answer.facts == ["r1-training-cost", "openai-training-cost"]


@pytest.mark.parametrize(
    "question", ["in usd or rmb?", "is the 294,000 in US dollars or chinese yuan?", "what currency is the 294k in"]
)
def test_the_currency_asked_for_is_the_dollars_the_articles_give(engine: Engine, question: str) -> None:
    # "US dollars" had been read as the US set against China: "It was the US, not China."
    answer = engine.ask(question)
    assert answer.facts[0] == "r1-training-cost" and answer.text.startswith("In US dollars:"), answer.text


def test_the_one_part_that_asks_something_known_is_the_question(engine: Engine) -> None:
    # Read whole, "whats an h800 even, why does that thing exist" got the chips fact; its first part is a
    # definition, and the second asks about nothing the facts know, so it is not listed as unanswered.
    answer = engine.ask("whats an h800 even, why does that thing exist")
    assert answer.facts == ["h800-export-restrictions"] and "don't say" not in answer.text
    mixed = engine.ask("how much did r1 cost and how many employees does deepseek have")
    assert mixed.facts == ["r1-training-cost"] and "The articles don't say: “how many employees" in mixed.text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        (
            "why did deepseek publish in science instead of nature",
            "No: it was Nature, not Science. The articles disagree.",
        ),
        ("why did deepseek stop working on ai after january", "No, the articles say otherwise."),
        # Not having given figures is not having published or shared them; "give" is too common to be a term.
        ("how did openai give such detailed cost figures for its models", "No, the articles say otherwise."),
        ("openai gave a detailed breakdown of gpt costs that the article compares to, right", "No."),
    ],
)
def test_a_correction_comes_first(engine: Engine, question: str, opening: str) -> None:
    # The date facts disagree with each other, not with the correction; "stop working" denies "working".
    assert engine.ask(question).text.startswith(opening)


def test_a_wrong_figure_beside_the_question_is_corrected_first(engine: Engine) -> None:
    # The hours fact answers it; the chips fact says the count is wrong, so it leads, as the correction.
    answer = engine.ask("whats the point of a 1024 gpu cluster for just 80 hours")
    assert answer.facts[:2] == ["r1-h800-chips", "r1-training-hours"] and answer.text.startswith("No: 512 chips")
    # A figure the answering fact states in passing is no wrong premise.
    assert not engine.ask("is 294k more or less than what the american rivals estimate").text.startswith("No")


def test_which_chips_gets_both_chips_unless_a_phase_is_named(engine: Engine) -> None:
    assert engine.ask("what graphics cards did deepseek use for r1").facts == ["r1-h800-chips", "r1-a100-preparatory"]
    assert engine.ask("what chips did they use for the main training run").facts == ["r1-h800-chips"]


@pytest.mark.parametrize(
    "question",
    [
        "peer reviewed nature paper from june 2023 w/ 294k cost",
        "how much of the 294k was chips vs labour",
        "is that per chip? so like 294k times 512?",
    ],
)
def test_a_figure_another_fact_gives_is_no_wrong_premise(engine: Engine, question: str) -> None:
    # $294,000 is R1's cost; OpenAI's "more than $100 million" must not correct it.
    answer = engine.ask(question)
    assert "openai-training-cost" not in answer.facts
    assert "not 294k" not in answer.text


def test_a_figure_told_as_another_partys_is_still_corrected(engine: Engine) -> None:
    answer = engine.ask("did openai only spend 294k on their big models")
    assert answer.text.startswith("No: more than $100 million, not 294k.")


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("did v3 get trained on openai answers?", "v3-training-data-openai-answers"),
        ("was the openai stuff in v3 on purpose", "v3-openai-data-incidental"),
    ],
)
def test_a_partys_account_answers_what_they_say_not_what_happened(engine: Engine, question: str, fact_id: str) -> None:
    # "DeepSeek says … incidentally" tied with the fact about V3's data on every word of the first question.
    assert engine.ask(question).facts[0] == fact_id


def test_which_of_two_chips_is_a_choice_not_a_comparison(engine: Engine) -> None:
    # Nothing is weighed between them, so the answer is the fact naming the one asked for, not both side by side.
    assert len(engine.ask("a100 vs h800, which did the actual training run").facts) == 1
    assert engine.ask("deepseek vs openai, who spent more").facts == ["r1-training-cost", "openai-training-cost"]


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("what did altman claim and when did he say it", "openai-training-cost"),
        ("did the us gov buy deepseek's numbers", "us-officials-questioned"),
    ],
)
def test_claim_and_buy_read_as_say_and_believe(engine: Engine, question: str, fact_id: str) -> None:
    assert engine.ask(question).facts[:1] == [fact_id]


def test_the_other_option_of_a_choice_and_a_version_of_a_chip(engine: Engine) -> None:
    # "or just an arxiv drop": "drop" is part of the option offered, not a concept the fact must hold.
    answer = engine.ask("was the paper actually peer reviewed or just an arxiv drop")
    assert answer.facts == ["nature-paper"] and answer.text.startswith("It was Nature, not arXiv.")
    # "which version of the nvidia chip" asks for a chip.
    assert engine.ask("which version of the nvidia chip is the china-only one").facts[:1] == [
        "h800-export-restrictions"
    ]


def test_a_long_sentence_turns_to_its_question() -> None:
    # What comes before "the one thing i need to know is" / a colon before the question is the story around it.
    found = segments(
        "ok so i was arguing w my roommate at 3am about whether china ai is all hype and honestly i zoned out "
        "halfway but the one thing i need to know is what they said the r1 training actually cost"
    )
    assert [s.question for s in found] == [False, True] and found[1].text.startswith("what they said")


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("a100 or h800 for the actual training?", "r1-h800-chips"),
        ("h800 or a100 for the main run", "r1-h800-chips"),
        ("a100 or h800 for prep?", "r1-a100-preparatory"),
    ],
)
def test_a_choice_of_chips_gets_the_phase_asked_for(engine: Engine, question: str, fact_id: str) -> None:
    # Options offered are not a claim that the chips were swapped, and the one a fact does not pick is no miss.
    answer = engine.ask(question)
    assert answer.facts[:1] == [fact_id] and "No:" not in answer.text


def test_a_part_of_a_thing_asked_for_by_a_word_no_fact_knows_is_not_stated(engine: Engine) -> None:
    # "what volume of nature": the volume is what is asked for, and no fact gives one.
    assert engine.ask("what volume of nature was it in").kind != "answer"
    assert engine.ask("what nature issue/volume was it in").kind != "answer"
    assert engine.ask("what brand of chips").facts[:1] == ["r1-h800-chips"]
    assert engine.ask("whats special about the h800").kind == "answer"


@pytest.mark.parametrize(
    ("question", "says"),
    [
        # One concept of the question may go unmatched, as anywhere ("… if they are restricted").
        ("why did deepseek train r1 on h100 chips if they are restricted", "No: it was H800, not H100."),
        ("why did deepseek train r1 on h100s if those are restricted", "No: it was H800, not H100."),
        # The company before the chip is its maker: one mistake, the chip.
        ("why was r1 trained on google tpus", "No: it was H800, not TPUs."),
        ("did they use amd gpus", "No: it was Nvidia, not AMD."),
        ("which amd chips did deepseek use", "No: it was Nvidia, not AMD."),
    ],
)
def test_a_why_question_on_the_wrong_chip_is_corrected(engine: Engine, question: str, says: str) -> None:
    answer = engine.ask(question)
    assert answer.facts == ["r1-h800-chips"] and answer.text.startswith(says)


@pytest.mark.parametrize(
    ("question", "fact_id", "says"),
    [
        ("when did deepseek admit owning h100s", "a100-ownership-acknowledged", "No: it was A100, not H100."),
        ("which eu officials have been questioning deepseek", "us-officials-questioned", "No: it was the US"),
    ],
)
def test_a_wrong_name_in_a_question_the_fact_cannot_answer_is_still_corrected(
    engine: Engine, question: str, fact_id: str, says: str
) -> None:
    # The fact gives no date and names no officials, but all the rest is its own: the correction is the answer.
    answer = engine.ask(question)
    assert answer.facts == [fact_id] and answer.text.startswith(says)


def test_a_company_that_makes_no_chips_is_whose_training_it_is_not_a_maker_to_correct(engine: Engine) -> None:
    answer = engine.ask("what gpu did openai train on")
    assert answer.kind != "answer" and "not OpenAI" not in answer.text
    assert engine.ask("which amd chips did deepseek use").text.startswith("No: it was Nvidia, not AMD.")


def test_the_verb_a_yes_no_question_asks_about_is_what_it_asks(engine: Engine) -> None:
    # "smuggle": no fact says whether DeepSeek did it, whatever it says of the H100.
    assert engine.ask("did deepseek smuggle h100s").kind != "answer"
    assert engine.ask("is microsoft investigating deepseek").kind != "answer"
    assert engine.ask("did liang give any interviews about this").kind != "answer"
    assert engine.ask("did r1 beat openai on math").kind != "answer"
    # The articles telling is no act to look for: the topic is.
    assert engine.ask("do they mention ppl losing jobs cuz of ai").facts[:1] == ["experts-warn-risks"]


def test_a_bare_follow_up_to_something_off_the_story_is_about_it(engine: Engine) -> None:
    # "how big" asks how big the expansion is, which the articles never cover (not the chip cluster's size).
    assert engine.ask("deepseek expanding in singapore? how big").kind != "answer"
    assert engine.ask("how big was the cluster").facts[:1] == ["r1-h800-chips"]


def test_a_remark_giving_another_figure_is_no_reaction_to_the_one_asked_about(engine: Engine) -> None:
    answer = engine.ask("how did altman react to the 294k figure")
    assert answer.kind != "answer" and not answer.text.startswith("No:")
    assert engine.ask("what did altman say about training costs").facts[:1] == ["openai-training-cost"]


def test_a_story_persons_company_is_that_company(engine: Engine) -> None:
    assert engine.ask("did sam's company respond to the distilling claims").facts[:1] == ["openai-no-comment"]


def test_an_emoji_ends_a_sentence(engine: Engine) -> None:
    # The remark before it is off the story; the question after it is not.
    question = "my portfolio lost more this week than deepseek spent training r1 💀 what was the number again, 290k?"
    assert engine.ask(question).facts[:1] == ["r1-training-cost"]


def test_the_gap_between_two_figures_is_a_comparison(engine: Engine) -> None:
    answer = engine.ask("so whats the gap between altman's number and deepseeks")
    assert answer.facts == ["openai-training-cost", "r1-training-cost"]


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("since the paper wasnt peer reviewed how do we trust it", "nature-paper"),
        ("since altman is google's ceo what did google say", "sam-altman-openai-ceo"),
    ],
)
def test_a_premise_the_question_opens_on_is_corrected(engine: Engine, question: str, fact_id: str) -> None:
    answer = engine.ask(question)
    assert answer.facts == [fact_id] and answer.text.startswith("No")


@pytest.mark.parametrize(
    "question",
    [
        "does the 294k include the a100 prep work or just the 80 hour run",
        "whats the all-in cost of developing r1 incl everything before training",
        "how many hours total on the gpus incl prep",  # the time too: the articles give the run's 80 hours
    ],
)
def test_what_the_cost_covers_beyond_the_run_is_not_stated(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind != "answer"


def test_a_whole_run_told_on_the_wrong_chips_is_still_corrected(engine: Engine) -> None:
    assert engine.ask("so the whole 80h main run was on a100s?").text.startswith("No: the articles put the A100")


def test_the_total_training_cost_is_still_answered(engine: Engine) -> None:
    assert engine.ask("what was the total training cost of r1").facts[:1] == ["r1-training-cost"]


def test_another_governments_words_are_not_stated(engine: Engine) -> None:
    for question in ("what did the chinese government say", "what did beijing officially say"):
        answer = engine.ask(question)
        assert answer.kind != "answer" and not answer.text.startswith("No:"), question
    # The doubts of the officials the articles do name are still their answer, and a wrong country is corrected.
    assert engine.ask("what did the us officials say").facts[:1] == ["us-officials-questioned"]
    assert engine.ask("which eu officials have been questioning deepseek").text.startswith("No: it was the US")


def test_what_people_did_typed_without_its_do_asks_what_they_did(engine: Engine) -> None:
    assert engine.ask("what us officials did").facts[:1] == ["us-officials-questioned"]
    # "which officials" still asks who, which the articles don't say.
    assert engine.ask("which us officials questioned deepseek").kind != "answer"


def test_the_wrong_maker_of_the_right_model_is_corrected(engine: Engine) -> None:
    answer = engine.ask("why did deepseek use openai's llama model")
    assert answer.facts == ["distillation-llama"] and answer.text.startswith("No: it was Meta, not OpenAI.")


def test_the_number_of_a_cost_is_a_sum(engine: Engine) -> None:
    assert engine.ask("what did r1 cost them to train, like the real number").facts[:1] == ["r1-training-cost"]


def test_another_thing_used_besides_the_facts_is_not_corrected(engine: Engine) -> None:
    # The H800s don't rule out H20s as well: no premise to correct, and the articles don't say.
    answer = engine.ask("did they use h20 chips also")
    assert answer.kind != "answer" and not answer.text.startswith("No:")
    assert engine.ask("did they use h20 chips").text.startswith("No: it was H800, not H20.")
    # Whether they ever used any is not ruled out either, by the chips of one run.
    answer = engine.ask("did deepseek use any huawei ascend chips")
    assert answer.kind != "answer" and answer.related == ["r1-h800-chips"]


def test_the_names_of_a_countrys_officials_are_not_stated(engine: Engine) -> None:
    answer = engine.ask("names of the us officials who questioned deepseek")
    assert answer.kind != "answer" and answer.related == ["us-officials-questioned"]


def test_words_quoted_from_a_fact_point_at_it(engine: Engine) -> None:
    assert engine.ask("what means 'democratize access' in article 2").facts[:1] == ["experts-democratize-access"]
    assert engine.ask("what number is 'much more' than 100m, like 500m?").facts[:1] == ["openai-training-cost"]


def test_old_is_dated_and_how_old_is_an_age(engine: Engine) -> None:
    assert engine.ask("so the nature thing is old, from 2023?").conflict
    assert engine.ask("how old is liang wenfeng").kind != "answer"


def test_a_wrong_name_with_something_else_the_fact_lacks_is_not_corrected(engine: Engine) -> None:
    # Buying is not what the fact says: the articles never say DeepSeek didn't buy H100s.
    assert engine.ask("when did deepseek buy h100s").kind != "answer"


def test_a_choice_inside_the_question_a_long_message_turns_to(engine: Engine) -> None:
    answer = engine.ask(
        "listen i dont care about the stock market stuff i just wanna know one thing bc my cousin keeps "
        "saying it: who actually wrote the deepseek paper, like was the founder involved or was it some random team"
    )
    assert answer.facts[:1] == ["paper-coauthor-liang"]


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("pub date?", "nature-paper-date-june-2023"),
        ("altman's title per the article?", "sam-altman-openai-ceo"),
        ("80 hrs wall clock?", "r1-training-hours"),
        ("whose open weights did they use for the distilled versions", "distillation-llama"),
        ("which llm family from meta", "distillation-llama"),
    ],
)
def test_trade_words_are_read_for_what_they_mean(engine: Engine, question: str, fact_id: str) -> None:
    # "title" of a person is a role, "family" of models is a model, "open weights" is open source.
    assert engine.ask(question).facts[:1] == [fact_id]


@pytest.mark.parametrize(
    "told",
    [
        "so deepseek admitted to distilling openai models, why is nobody talking about that",
        "openai slammed deepseek over the copying thing didnt they",
        "openai immediately blasted deepseek over this",
    ],
)
def test_something_told_that_the_fact_denies_gets_no(engine: Engine, told: str) -> None:
    assert engine.ask(told).text.startswith("No.")


def test_a_bare_request_for_what_a_fact_denies_is_answered_without_no(engine: Engine) -> None:
    assert not engine.ask("openai response?").text.startswith("No")


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("which model did deepseek use for its distilled versions", "distillation-llama"),
        ("which deepseek model had openai generated answers in its data, r1 or v3", "v3-training-data-openai-answers"),
        ("what kind of model is R1 meant to be", "r1-reasoning-model"),
    ],
)
def test_which_model_is_answered_by_a_fact_naming_one(engine: Engine, question: str, fact_id: str) -> None:
    assert engine.ask(question).facts[:1] == [fact_id]


def test_of_two_accounts_the_one_giving_a_year_leads_when_a_year_is_asked(engine: Engine) -> None:
    answer = engine.ask("what year does article one give for the january release")
    assert answer.facts[0] == "release-january-2023" and answer.conflict


def test_the_options_offered_are_within_their_clause(engine: Engine) -> None:
    # "officials" before the dash is what is asked about, and "us" set against "chinese" is the country.
    answer = engine.ask("whose officials — us or chinese")
    assert answer.facts == ["us-officials-questioned"] and answer.text.startswith("It was the US, not China.")


def test_a_wrong_month_is_corrected_whatever_the_question_form(engine: Engine) -> None:
    answer = engine.ask("the march selloff when deepseek dropped its cheap models")
    assert answer.text.startswith("No: it was January, not March.")


def test_a_person_the_facts_name_put_with_the_wrong_company_is_corrected(engine: Engine) -> None:
    answer = engine.ask("when did anthropic ceo sam altman say the 100m thing")
    assert answer.text.startswith("No: it was OpenAI, not Anthropic.")
    assert engine.ask("what did google ceo sundar pichai spend on gemini").kind != "answer"


def test_the_total_claimed_as_a_rate_is_corrected_and_a_rate_asked_for_is_not_stated(engine: Engine) -> None:
    rate = engine.ask("$294k PER HOUR of training is insane money")
    assert rate.text.startswith("No: $294,000 in all, not per hour.")
    assert engine.ask("what did r1 cost per hour").kind != "answer"
    # A rate asked for beside the figure it would explain is no claim that the figure is that rate.
    assert engine.ask("cost per gpu-hour they assumed for the 294k?").kind != "answer"


def test_a_figure_claimed_against_the_facts_is_corrected_beside_a_remark(engine: Engine) -> None:
    # The remark after the comma is no second question, and "name" in it no concept the answer lacks.
    answer = engine.ask("800 hrs on h800s, funny coincidence w the name lmao")
    assert answer.facts == ["r1-training-hours"] and answer.text.startswith("No: 80 hours, not 800 hrs.")


def test_what_a_person_said_is_the_fact_reporting_his_words(engine: Engine) -> None:
    assert engine.ask("altman said that back in 2021 didnt he").text.startswith("No: 2023, not 2021.")
    assert engine.ask("what year did altman make his statement").facts == ["openai-training-cost"]


def test_a_question_begun_late_in_a_long_sentence_is_the_question(engine: Engine) -> None:
    rant = (
        "ok real question buried in my rant: everyone on twitter acts like chinese labs are just burning cash "
        "same as the us labs but if the nature paper is right what did r1 actually cost"
    )
    found = segments(rant)
    assert [s.question for s in found][-1] and found[-1].text == "what did r1 actually cost"
    assert engine.ask(rant).facts[:1] == ["r1-training-cost"]
    # A relative clause is no question: "my uncle who has been trading …" says who he is.
    told = segments(
        "ok so my uncle who has been trading tech stocks since the dotcom days called me at like 7am freaking out "
        "about deepseek"
    )
    assert len(told) == 1


def test_the_askers_remark_on_themselves_after_the_question_is_no_part_of_it(engine: Engine) -> None:
    message = "who's sam altman, sorry, i'm new to all these names"
    assert [(s.text, s.question) for s in segments(message)] == [
        ("who's sam altman", True),
        ("i'm new to all these names", False),
    ]
    assert engine.ask(message).facts == ["sam-altman-openai-ceo"]
    # (A question of its own after the comma stays a question.)
    assert len(segments("did it cost 294k, i heard that?")) == 1
    # A "please" closes the question as the comma does, and "eli5 …" asks as "what is …" does.
    tired = "eli5 distillation pls im on hour 11"
    assert [s.question for s in segments(tired)] == [True, False]
    assert engine.ask(tired).facts == ["distillation-defined"]


def test_what_the_article_says_is_no_comment_by_anyone(engine: Engine) -> None:
    # "says" was read as "comment", and answered with OpenAI's silence.
    assert "openai-no-comment" not in engine.ask("what the article says").facts


def test_a_role_the_articles_do_not_give_gets_no_yes(engine: Engine) -> None:
    # The articles call Liang Wenfeng DeepSeek's founder, never its CEO.
    assert engine.ask("is liang wenfeng the ceo of deepseek too").kind != "answer"
    assert engine.ask("is liang wenfeng the founder of deepseek").facts == ["liang-wenfeng-founder"]


@pytest.mark.parametrize(
    "question",
    [
        "what % of v3's data was openai-generated",
        "which websites got crawled for v3",
        "how far did tech stocks fall in january",
        "where did altman make the 100 million remark",
        "what new ai systems is deepseek working on",
        "What did Google spend training Gemini, for comparison?",
        "how big is deepseek's total gpu stockpile",
        "what is liang wenfengs hometown",
        "how many h800 deepseek own in total not only for training",
        "did nvidia comment on deepseek's chip disclosure",
        # Business details neither article gives.
        "which cloud provider did they run the h800 cluster on",
        "total capex on the h800 cluster?",
        "inference cost per query for r1?",
        "deepseek market share in china?",
        "what's deepseek's burn rate / runway",
        "exact release date of the january systems?",
        # A model besides the one named is asked for; the articles name OpenAI's models, not which.
        "which model was r1 distilled from",
        "which openai model did deepseek allegedly distill",
        "Which US companies' reported costs is R1 supposedly a fraction of?",
        # The articles set R1 against the rivals' figures and never give them.
        "what numbers did the US rivals actually estimate for their models",
        "what did the rival estimates actually say in dollars",
        "how many h800s does deepseek have besides the training cluster",
    ],
)
def test_more_details_the_articles_leave_out(engine: Engine, question: str) -> None:
    # A share, names of sites or systems, a size of a fall, the occasion of a remark, another lab's spend,
    # DeepSeek's holdings: each beside a fact that exists, none stated.
    assert engine.ask(question).kind != "answer"


def test_the_nvidia_ticker_is_nvidia(engine: Engine) -> None:
    assert engine.ask("nvda chips").kind == "answer"


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("chips + hours for r1?", ["chips", "hours for r1"]),
        ("cost + chip + journal, go", ["cost", "chip", "journal"]),
        # "u.s." ends no sentence, and its "u" is no noun for the next part to borrow.
        (
            "which u.s. rivals gave estimates and what were their numbers?",
            ["which u.s. rivals gave estimates", "what were their numbers"],
        ),
        (
            "which US officials were questioning deepseek? names pls",
            ["which US officials were questioning deepseek? names pls"],
        ),
        (
            "(1) the journal, (2) the chip model, (3) how many chips, (4) the cost",
            ["the journal", "the chip model", "how many chips", "the cost"][:3],
        ),
    ],
)
def test_plus_and_numbered_items_are_parts(message: str, expected: list[str]) -> None:
    assert parts(message) == expected


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        ("cost vs openai", ["openai-training-cost", "r1-training-cost"]),
        ("what is distillation in this context", ["distillation-defined"]),
    ],
)
def test_an_implied_side_a_bare_when_and_framing_words(engine: Engine, question: str, facts: list[str]) -> None:
    # One side named in a comparison is set against R1; "in this context" is framing.
    assert set(facts) <= set(engine.ask(question).facts)


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("What is the H800, as the first article describes it?", "h800-export-restrictions"),
        ("liang wenfeng role", "liang-wenfeng-founder"),
    ],
)
def test_question_type_is_read_past_framing_and_a_role_is_a_job(engine: Engine, question: str, fact_id: str) -> None:
    assert engine.ask(question).facts[:1] == [fact_id]


@pytest.mark.parametrize(
    "question",
    ["and altman's number for comparison?", "Is $294,000 more or less than the $100 million Altman mentioned?"],
)
def test_one_named_side_is_compared_with_r1(engine: Engine, question: str) -> None:
    assert set(engine.ask(question).facts[:2]) == {"openai-training-cost", "r1-training-cost"}


def test_one_claimed_figure_is_still_a_premise_to_check(engine: Engine) -> None:
    answer = engine.ask("altman said training a foundation model costs less than 100 mil right")
    assert answer.facts[:1] == ["openai-training-cost"] and answer.text.startswith("No: more than $100 million")


def test_a_fact_s_own_example_question_is_answered_by_it(store: FactStore) -> None:
    # What a moderator teaches must hold even where the engine's rules would refuse: "how old is liang"
    # asks an age, which the founder fact doesn't give, until it is taught to it.
    engine = Engine(store)
    assert engine.ask("how old is liang").kind != "answer"
    Moderation(store, engine).add_question(
        "liang-wenfeng-founder", "how old is liang", Actor(id="1", name="t", via="cli")
    )
    assert engine.ask("how old is liang").facts == ["liang-wenfeng-founder"]


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("what was in openai's statement blasting deepseek over distillation", "No response, per the articles."),
        ("did deepseek admit to distilling openai's models", "No."),
        ("deepseek has always been upfront about owning a100s, so why the fuss?", "No, the articles say otherwise."),
        ("why did r1 end up costing more than the us models", "No, the articles say otherwise."),
        ("What figure did Altman give in his 2021 remarks on training costs?", "No: 2023, not 2021."),
    ],
)
def test_a_premise_the_fact_denies_is_corrected_in_any_question(engine: Engine, question: str, opening: str) -> None:
    # A statement that was never made, an admission never given, "always upfront" against "for the first
    # time", costlier against "a fraction of", and the wrong year.
    assert engine.ask(question).text.startswith(opening)


@pytest.mark.parametrize(
    "question",
    [
        "so they did prep on h800s and then the real training on a100s, right?",
        "why did they use h800s for prep and then move to a100s for the final training",
    ],
)
def test_chips_swapped_between_the_phases_are_corrected(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.text.startswith(
        "No: the articles put the A100 in the preparatory phase and the H800 in the training run."
    )


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("They trained r1 on 512 h100s right", "No: 512 chips (H800), not H100s."),
        ("the 294k was for training V3 wasn't it", "No: that figure is R1's, not V3's."),
        ("nice that US officials praised deepseek for being so upfront about its costs", "No"),
        ("llama is meta's locked-down proprietary model, so how did deepseek even get to use it", "No"),
        (
            "China's own export restrictions are why Nvidia had to make the H800, correct?",
            "No: the articles say the US",
        ),
        ("r1 cost 294k right?", "Yes: $294,000."),
    ],
)
def test_a_right_figure_is_no_yes_to_a_wrong_chip_or_model(engine: Engine, question: str, opening: str) -> None:
    # "Yes: 512 chips" to "512 h100s" and "Yes: $294,000" to "for V3" were the worst answers a premise got.
    assert engine.ask(question).text.startswith(opening)


def test_later_than_the_articles_and_what_is_set_aside(engine: Engine) -> None:
    # "did not immediately comment" says nothing of what came later.
    later = engine.ask("what did openai eventually say about the distillation claims")
    assert later.kind != "answer" and later.related == ["openai-no-comment"]
    assert engine.ask("did openai comment").facts == ["openai-no-comment"]
    # "besides liang wenfeng, who else …" is one question: its answer must name someone else.
    assert engine.ask("besides liang wenfeng, who else co-authored the paper?").kind != "answer"


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("why are the big AI companies sweating over deepseek", "industry-leaders-concerned"),
        ("what are people asking about AI more loudly these days", "ai-cost-questions-background"),
        ("who is AI development a pressing concern for?", "ai-cost-questions-background"),
    ],
)
def test_slang_for_worry_loudness_and_a_group_as_who(engine: Engine, question: str, fact_id: str) -> None:
    assert engine.ask(question).facts[:1] == [fact_id]


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        (
            "The 80 hour run itself was done on A100s I believe?",
            "No: the articles put the A100 in the preparatory phase",
        ),
        ("deepseek has always denied owning any a100s and still does", "No"),
    ],
)
def test_a_premise_is_corrected_even_where_its_words_miss_the_fact(engine: Engine, question: str, opening: str) -> None:
    # The A100 named where the fact has the H800, and "denied" where it has "acknowledged", are the premise.
    assert engine.ask(question).text.startswith(opening)


@pytest.mark.parametrize(
    "question",
    [
        "what exact dollar amount did openai's foundation model training cost",
        "what's the exact amount altman said, like 150m?",
    ],
)
def test_an_exact_figure_where_the_fact_only_bounds_it_is_not_stated(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "unknown" and answer.text.startswith("The articles give no exact figure")
    assert answer.related == ["openai-training-cost"]


def test_an_exact_figure_the_fact_gives_or_a_claim_against_the_bound_is_answered(engine: Engine) -> None:
    assert engine.ask("exactly how much did r1 cost").facts == ["r1-training-cost"]
    assert engine.ask("altman said gpt training was exactly one billion dollars, right").kind == "answer"


@pytest.mark.parametrize(
    "question",
    [
        "is r1 free to use or do i gotta pay",
        "what does a single question to r1 cost to run",
        "whats deepseek api pricing",
    ],
)
def test_what_using_the_model_costs_is_not_stated(engine: Engine, question: str) -> None:
    # The $294,000 is what training cost; the articles never price using R1.
    answer = engine.ask(question)
    assert answer.kind == "unknown" and answer.related == ["r1-training-cost"]


def test_what_running_the_training_cost_is_still_the_training_cost(engine: Engine) -> None:
    assert engine.ask("how much did it cost to run the training").facts == ["r1-training-cost"]


def test_gave_is_giving_and_gave_up_is_stopping(engine: Engine) -> None:
    # "gave" was the opposite of the fact's "developed", so the question was told it had things backwards.
    answer = engine.ask("what was the estimate the us rivals gave")
    # (The rivals' own estimate is not given, so the comparison comes as related: b21f188.)
    assert (answer.facts or answer.related) == ["r1-cost-vs-us-rivals"] and not answer.text.startswith("No")


@pytest.mark.parametrize("question", ["when did nvidia first release the h800", "how many gpu hours did the a100s run"])
def test_first_and_a_bare_run_are_no_phase(engine: Engine, question: str) -> None:
    assert not engine.ask(question).text.startswith("No: the articles put")


@pytest.mark.parametrize(
    "question",
    [
        "which tech stocks got dumped the hardest",
        "which governments see AI as a pressing concern, specifically?",
        "where was the 512 chip cluster physically located, what data center",
        # Where the work was done, not where it was told: Nature is no answer.
        "where was r1 trained",
    ],
)
def test_named_members_or_a_physical_site_the_articles_never_give(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind != "answer"


def test_where_it_was_said_is_still_the_document(engine: Engine) -> None:
    assert engine.ask("where did they say they trained it").facts[:1] == ["nature-paper"]


def test_which_questions_of_a_list_the_fact_gives_are_still_answered(engine: Engine) -> None:
    assert engine.ask("which questions have grown louder per article 2").facts[:1] == ["ai-cost-questions-background"]


@pytest.mark.parametrize("question", ["exact calendar date of that wednesday?", "which wednesday tho, like what date"])
def test_the_date_of_the_wednesday_the_article_gives_is_not_stated(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind != "answer"
    assert engine.ask("what day was the paper published").kind == "answer"


def test_the_real_cost_someone_said_is_a_figure_the_fact_must_give(engine: Engine) -> None:
    assert engine.ask("what did the us officials say the real cost was").kind != "answer"
    assert engine.ask("has openai ever published exact cost numbers for its models").kind == "answer"


@pytest.mark.parametrize(
    "question",
    ["which two countries are competing in AI", "which two countries' AI rivalry does this whole thing highlight"],
)
def test_which_countries_compete(engine: Engine, question: str) -> None:
    # "competing" and "competition" stem apart; the fact names the two countries.
    assert engine.ask(question).facts[:1] == ["china-us-ai-competition"]


@pytest.mark.parametrize(
    ("question", "fact_ids"),
    [
        ("what's the gpu count on the rig for r1", ["r1-h800-chips"]),
        ("what about the prep phase?", ["r1-a100-preparatory"]),
        ("and altman's number?", ["openai-training-cost"]),
        ("what year was altman's 100 mil comment", ["openai-training-cost"]),
        ("why was the h800 even a thing", ["h800-export-restrictions"]),
        ("what did the nature paper actually disclose", ["nature-paper"]),
        ("what are the pros and cons of cheap training", ["experts-democratize-access", "experts-warn-risks"]),
        ("what did deepseek say about distillation", ["distillation-defended"]),
        ("what did sam altman say", ["openai-training-cost"]),
        ("who put their name on the nature paper?", ["paper-coauthor-liang"]),
        # One "what's" for two noun phrases: each its own question.
        ("what's the cost and the chip count", ["r1-training-cost", "r1-h800-chips"]),
        ("whats the cost and training time", ["r1-training-cost", "r1-training-hours"]),
        ("what's the difference between h800 and h100", ["h800-export-restrictions"]),
        # Each phase named: each phase's chips.
        ("prep chips vs training chips?", ["r1-a100-preparatory", "r1-h800-chips"]),
        ("what chips in the prep phase", ["r1-a100-preparatory"]),
        ("why did openai publicly attack deepseek over the distillation", ["openai-no-comment"]),
        ("what could low-cost training do according to experts", ["experts-democratize-access"]),
        ("how many chips in the cluster and which country was the chip made for",
         ["r1-h800-chips", "h800-export-restrictions"]),
        # A name asked for: which one, not whether it has one; the asker's own name is no question.
        ("journal name?", ["nature-paper"]),
        ("what is the journal's name", ["nature-paper"]),
        ("founder name?", ["liang-wenfeng-founder"]),
        ("my name is bob, how much did r1 cost", ["r1-training-cost"]),
        ("hi im new here lol, how much did r1 cost", ["r1-training-cost"]),
        # A sum of money, and a price: what it cost; "according to deepseek" is whose account, not a topic.
        ("please what is amount of money deepseek use for train the R1 model?", ["r1-training-cost"]),
        ("what's the sticker price on r1 according to deepseek", ["r1-training-cost"]),
        # Why the asker asks is not what they ask; "which of the two articles" is which article.
        ("how many chips did r1 use, need it for my econ homework", ["r1-h800-chips"]),
        ("how many compute units went into r1 training, asking for a valuation model", ["r1-h800-chips"]),
        ("which of the two articles mentions the 80 hours", ["r1-training-hours"]),
        # "job displacement" is a risk; "liang's job" his role (the two had shared the stem "job").
        ("is job displacement mentioned anywhere", ["experts-warn-risks"]),
        ("what is liang's job", ["liang-wenfeng-founder"]),
        ("the h800 cluster", ["r1-h800-chips"]),
        ("who's the boss of deepseek", ["liang-wenfeng-founder"]),
        ("who heads openai", ["sam-altman-openai-ceo"]),
    ],
)  # fmt: skip
def test_paraphrases_find_the_fact(engine: Engine, question: str, fact_ids: list[str]) -> None:
    """Words the facts don't use ("rig", "pros and cons") and question shapes ("altman's number")."""
    assert engine.ask(question).facts == fact_ids


def test_a_common_english_word_is_not_repaired_into_a_story_word(engine: Engine) -> None:
    """ "word" is no typo of "world", "write" none of "wrote", "billions" none of "million"; "trian" is one."""
    common = set(common_english())
    assert {"word", "write", "sent", "billions", "sorry"} <= common
    assert {"word", "write", "sent", "billions"} <= engine.vocab.common  # near story words: kept
    assert not {"trian", "nvida", "deepsek", "chps"} & common
    answer = engine.ask("how many nvidia chips in the training cluster, write the number as a word for my essay lol")
    assert answer.facts == ["r1-h800-chips"]
    assert engine.ask("how much did r1 trian on").facts  # a real typo is still repaired


@pytest.mark.parametrize(
    "question",
    [
        "is deepseek making money",  # profit, not the money spent
        "h800 vs h100 tflops?",  # a spec the articles never give
        "is r1 smarter than chatgpt fr",  # no fact measures how clever a model is
        "is r1 more accurate than gpt",
    ],
)
def test_what_no_fact_measures_is_not_answered_with_a_fact_about_something_else(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind != "answer"


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("who was the h800 made for", "h800-export-restrictions"),  # made for: designed for
        ("whats the second article's title even", "article-headlines"),  # an article's title is its headline
        ("title of the slashdot piece?", "article-headlines"),
        # What DeepSeek acknowledged is what it said.
        ("what did deepseek say about a100s in the supplementary doc", "a100-ownership-acknowledged"),
    ],
)
def test_plain_words_for_what_a_fact_says(engine: Engine, question: str, fact_id: str) -> None:
    assert engine.ask(question).facts[:1] == [fact_id]


def test_a_paper_title_is_still_not_stated(engine: Engine) -> None:
    # The Nature paper's own title is never given; only the two articles' headlines are.
    assert engine.ask("what's the title of the nature paper").kind != "answer"


def test_sharing_figures_is_telling_not_a_stock(engine: Engine) -> None:
    # "share" had been a stock's, which matched the H800's "Chinese market" and got "No: it was Nvidia".
    assert engine.ask("did openai ever share its own figures").facts[:1] == ["openai-no-detailed-figures"]
    assert engine.ask("did investors dump tech shares").facts[:1] == ["tech-stock-selloff"]


def test_wen_is_when_not_a_model_name(engine: Engine) -> None:
    # Spelling repair had made "wen" "qwen" and answered "No: it was R1, not Qwen".
    answer = engine.ask("wen nature paper")
    assert "nature-paper-date-wednesday" in answer.facts and "Qwen" not in answer.text


def test_a_choice_of_names_may_be_answered_by_none_of_them(engine: Engine) -> None:
    answer = engine.ask("who's questioning deepseek's cost claims — openai, nvidia, or the government")
    assert answer.facts[:1] == ["us-officials-questioned"]
    # A choice of properties is still about the model named: Llama's licence is no answer for R1's.
    assert engine.ask("is r1 open source or closed").kind != "answer"


def test_a_persons_exact_wording_is_what_they_said(engine: Engine) -> None:
    assert engine.ask("what was altman's exact wording").facts[:1] == ["openai-training-cost"]


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # A means asked for, not a figure.
        ("what let them get costs so low", "distillation-cheaper"),
        # The H800's "Chinese market" is no stock market.
        ("did investors buy or sell", "tech-stock-selloff"),
        ("selloff month?", "tech-stock-selloff"),
    ],
)
def test_what_the_question_is_about_not_a_word_it_shares(engine: Engine, question: str, fact_id: str) -> None:
    assert engine.ask(question).facts[:1] == [fact_id]


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("is it accurate that r1 cost 294k", "r1-training-cost"),
        ("is it accurate to say deepseek used 512 h800s", "r1-h800-chips"),
    ],
)
def test_asking_whether_something_is_accurate_is_asking_whether_it_is_true(
    engine: Engine, question: str, fact_id: str
) -> None:
    assert engine.ask(question).facts[:1] == [fact_id]


@pytest.mark.parametrize(
    "question",
    [
        "deepseek been all over the news every day since jan huh",
        "why is deepseek all over the news every day since january",
    ],
)
def test_never_out_of_the_news_is_corrected_by_the_low_profile(engine: Engine, question: str) -> None:
    assert engine.ask(question).text.startswith("No, the articles say otherwise.")


@pytest.mark.parametrize(
    "question",
    [
        "which google gemma model did deepseek distill from",
        "why did deepseek use google's gemma for its distilled models",
        # A version of the wrong model: the articles name no version, but the model is the mistake.
        "which version of google gemma did deepseek distill from",
    ],
)
def test_the_wrong_maker_and_model_are_one_mistake_to_correct(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.facts == ["distillation-llama"] and answer.text.startswith("No: it was Meta, not Google.")


@pytest.mark.parametrize(
    "question",
    [
        "what was v3 trained on and was the openai part intentional",
        "v3 training data - where from, and was the openai stuff in it on purpose?",
    ],
)
def test_the_part_of_what_was_asked_before_is_its(engine: Engine, question: str) -> None:
    # "the openai part" is V3's data, whose OpenAI answers DeepSeek calls incidental (not the distillation claims).
    assert engine.ask(question).facts == ["v3-training-data-openai-answers", "v3-openai-data-incidental"]


def test_a_compute_budget_is_money_and_a_headline_number_the_main_figure(engine: Engine) -> None:
    assert engine.ask("whats the headline number on deepseek's r1 compute budget").facts[:1] == ["r1-training-cost"]


@pytest.mark.parametrize(
    "question",
    ["who wrote article 1", "who's the slashdot author", "who wrote the second article"],
)
def test_the_news_articles_writers_are_not_stated(engine: Engine, question: str) -> None:
    # The Nature paper's co-author is no answer for who wrote a news article.
    assert engine.ask(question).kind != "answer"


def test_the_paper_author_still_is(engine: Engine) -> None:
    assert engine.ask("who wrote the nature paper").facts[:1] == ["paper-coauthor-liang"]


@pytest.mark.parametrize(
    "question", ["did deepseek respond to the us officials", "how did deepseek respond to the us officials' doubts"]
)
def test_a_reply_asked_of_one_party_is_not_another_partys_doubts(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind != "answer"


def test_a_reply_the_facts_deny_is_still_answered(engine: Engine) -> None:
    answer = engine.ask("did deepseek respond to the distillation claims")
    assert answer.facts[:1] == ["distillation-openai-allegation"] and answer.text.startswith("No")


@pytest.mark.parametrize(
    "question",
    [
        "Which particular statements of DeepSeek's did the US officials say were wrong?",
        "which of deepseek's distilled models are built on llama",
    ],
)
def test_which_members_of_some_is_not_stated(engine: Engine, question: str) -> None:
    # The facts say "some of DeepSeek's statements", "some distilled versions": never which.
    assert engine.ask(question).kind != "answer"


def test_what_the_officials_questioned_is_still_answered(engine: Engine) -> None:
    assert engine.ask("what exactly did the us officials question").facts[:1] == ["us-officials-questioned"]


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("did any country ban deepseek", False),
        ("did the us slap new sanctions on deepseek after this", False),
        ("is deepseek banned in the usa", False),
        # Bans on chips are the export restrictions the articles describe.
        ("why'd they train r1 on h100s if those are banned lol", True),
    ],
)
def test_a_ban_on_deepseek_is_not_stated_a_ban_on_chips_is(engine: Engine, question: str, answered: bool) -> None:
    assert (engine.ask(question).kind == "answer") is answered


@pytest.mark.parametrize("question", ["what's the 'much more' about", "'much more' than what?"])
def test_words_quoted_from_one_fact_find_it_when_nothing_else_does(engine: Engine, question: str) -> None:
    assert engine.ask(question).facts == ["openai-training-cost"]


@pytest.mark.parametrize("question", ["who are the 'industry experts' in the slashdot one", "what is 'peer-reviewed'"])
def test_a_quote_does_not_answer_what_the_articles_do_not_say(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind != "answer"


def test_i_think_is_the_askers_hedge_not_a_comment(engine: Engine) -> None:
    answer = engine.ask("they used google's gemma for the distilled ones i think")
    assert answer.facts == ["distillation-llama"] and answer.text.startswith("No: it was Meta, not Google.")


def test_the_phase_set_aside_is_not_asked_about(engine: Engine) -> None:
    answer = engine.ask("which nvidia chip did they use for the real training (not the prep part)")
    assert answer.facts[:1] == ["r1-h800-chips"]


@pytest.mark.parametrize(
    "question",
    [
        "how many days of the eighty hours were on weekends lol",
        "does the 294k include the cost of the base model it was built on",
    ],
)
def test_weekends_and_base_models_are_off_the_story(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind != "answer"


def test_how_it_got_so_cheap_asks_what_made_it_so(engine: Engine) -> None:
    assert engine.ask("how did they get it so cheap tho").facts[:1] == ["distillation-cheaper"]


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        ("who is altman and what did he say", ["sam-altman-openai-ceo", "openai-training-cost"]),
        ("what is r1 focused on and who made it", ["r1-reasoning-model", "deepseek-chinese-developer"]),
    ],
)
def test_a_later_parts_pronoun_is_who_the_part_before_names(engine: Engine, question: str, facts: list[str]) -> None:
    assert engine.ask(question).facts == facts


def test_a_pronoun_after_how_many_is_not_the_thing_counted(engine: Engine) -> None:
    assert "r1-h800-chips" in engine.ask("what is the h800 and how many they used and for how long").facts


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("who said 294k", "r1-training-cost"),
        ("who put the cost at 294,000", "r1-training-cost"),
        ("where does the 294k figure come from", "r1-training-cost"),
        ("who has the 'much more than $100M' take", "openai-training-cost"),
    ],
)
def test_whose_figure_is_the_fact_that_gives_it(engine: Engine, question: str, fact_id: str) -> None:
    # Not the other figure's fact, "No: more than $100 million, not 294k".
    answer = engine.ask(question)
    assert answer.facts[:1] == [fact_id] and not answer.text.startswith("No")


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        (
            "has deepseek gone dark and if so is it still working on anything",
            ["deepseek-low-profile", "deepseek-still-developing"],
        ),
        ("did deepseek vanish after january", ["deepseek-low-profile"]),
        ("which one's the reasoning model, v3 or r1", ["r1-reasoning-model"]),
        ("how log was the traning on the 512 chips", ["r1-training-hours"]),
    ],
)
def test_if_so_parts_options_and_a_dropped_letter(engine: Engine, question: str, facts: list[str]) -> None:
    assert engine.ask(question).facts == facts


def test_a_topic_then_a_list_asks_each_of_the_topic(engine: Engine) -> None:
    assert engine.ask("deepseeks r1 trainign - chips, cost??").facts == ["r1-h800-chips", "r1-training-cost"]


@pytest.mark.parametrize(
    ("question", "wrong"),
    [
        (
            "deepseek r1 cost was $294 million according to nature, thats still cheaper than openai right?",
            "$294 million",
        ),
        ("deepseek spent 5 million which is way less than openai right", "5 million"),
    ],
)
def test_a_figure_told_as_r1s_is_corrected_in_a_comparison(engine: Engine, question: str, wrong: str) -> None:
    answer = engine.ask(question)
    assert "r1-training-cost" in answer.facts and answer.text.startswith(f"No: $294,000, not {wrong}.")


def test_figures_set_side_by_side_are_not_corrected(engine: Engine) -> None:
    assert not engine.ask("is 294k more or less than openai's 100m").text.startswith("No")


@pytest.mark.parametrize("question", ["what was the headline number", "headline figures?"])
def test_the_headline_number_is_the_cost_not_a_count(engine: Engine, question: str) -> None:
    assert engine.ask(question).facts == ["r1-training-cost"]


@pytest.mark.parametrize(
    "question", ["how many of those amd h800 cards did deepseek use", "how many amd h800s did they use"]
)
def test_the_wrong_maker_of_the_facts_own_chip_is_corrected_whatever_is_asked(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.facts == ["r1-h800-chips"] and answer.text.startswith("No: it was Nvidia, not AMD.")


@pytest.mark.parametrize("question", ["is r1 a vision model", "is r1 a computer vision model?"])
def test_a_vision_model_is_not_a_reasoning_model(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.facts == ["r1-reasoning-model"] and answer.text.startswith("No")


def test_nvidia_heard_as_in_video_is_no_video_model(engine: Engine) -> None:
    answer = engine.ask("how many chips in the training cluster in video h eight hundreds")
    assert answer.facts == ["r1-h800-chips"] and not answer.text.startswith("No")


@pytest.mark.parametrize(
    "question",
    [
        "what did the peer reviewers say",
        "when in 2023 did altman say that, what event",
        "what was the exact date the nature paper came out, like day and month",
    ],
)
def test_more_than_the_facts_give_is_not_stated(engine: Engine, question: str) -> None:
    # The reviewers' words; a finer time than the year the asker already has; a calendar date (a weekday or a
    # month is not one).
    assert engine.ask(question).kind == "unknown"


@pytest.mark.parametrize(
    "question", ["how did deepseek get its hands on a100s if theyre export restricted", "how did they get the a100s"]
)
def test_how_deepseek_came_by_its_chips_is_not_stated(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind == "unknown"


def test_how_it_got_costs_low_is_still_answered(engine: Engine) -> None:
    assert engine.ask("how did deepseek get costs so low").facts[:1] == ["distillation-cheaper"]


def test_how_they_got_h800s_is_what_nvidia_made_them_for(engine: Engine) -> None:
    assert engine.ask("how did they get the h800s if chips are restricted").facts[:1] == ["h800-export-restrictions"]


def test_how_they_got_chips_they_never_had_is_a_premise_not_a_gap(engine: Engine) -> None:
    assert engine.ask("how did deepseek get h100s").kind == "answer"


@pytest.mark.parametrize(
    "question", ["who accused deepseek of distilling openai's models", "who first made the distillation accusation"]
)
def test_who_made_the_distillation_assertions_is_not_stated(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "unknown" and answer.text.startswith("The articles don't say who.")


def test_whose_models_it_was_accused_of_distilling_is_stated(engine: Engine) -> None:
    assert engine.ask("whose models was deepseek accused of distilling").kind == "answer"


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [("which outlet reported this", "reporting-slashdot"), ("which exec said 100 million", "openai-training-cost")],
)
def test_an_outlet_is_a_news_site_too_and_an_exec_a_ceo(engine: Engine, question: str, fact_id: str) -> None:
    assert engine.ask(question).facts == [fact_id]


@pytest.mark.parametrize("question", ["which stock exchange fell the most", "which agency questioned deepseek"])
def test_the_unknown_things_a_which_picks_from_are_what_is_asked(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind == "unknown"


def test_the_wrong_journal_is_corrected_whatever_else_is_asked_of_it(engine: Engine) -> None:
    answer = engine.ask("which issue of science was the deepseek paper in")
    assert answer.kind == "answer" and answer.text.startswith("No: it was Nature, not Science.")


def test_the_h800_is_not_what_the_restrictions_bar(engine: Engine) -> None:
    answer = engine.ask("is the h800 export restricted")
    assert answer.facts == ["h800-export-restrictions"] and answer.text.startswith("No")


def test_a_part_naming_nothing_after_an_off_story_one_asks_about_that(engine: Engine) -> None:
    assert engine.ask("the rtx 5070 ti scam on amazon, how much did the guy pay").kind == "unknown"
    assert engine.ask("the rtx 5090 scam is wild lol. how much did r1 cost").facts == ["r1-training-cost"]


def test_called_asks_the_name_of_the_thing_not_for_the_headline(engine: Engine) -> None:
    # "called" had pointed at the headline fact ("what is the first article called" still gets it).
    assert "distillation" in engine.ask("wait what was the cheaper trick called again").text.lower()
    assert engine.ask("what is the first article called").facts == ["article-headlines"]
    # What DeepSeek's next model is, is never told.
    answer = engine.ask("what's deepseek's next model called")
    assert answer.kind == "unknown" and answer.related == ["deepseek-still-developing"]


def test_a_ratio_like_3x_is_no_version_of_something_else(engine: Engine) -> None:
    # "3x" had been read as a version-like name the articles never use ("gpt-5"), so nothing was answered.
    answer = engine.ask("altman said training cost them under 100 million, so deepseek is just 3x cheaper?")
    assert answer.kind == "answer" and "more than $100 million" in answer.text


def test_a_blog_or_twitter_is_the_wrong_place_it_appeared(engine: Engine) -> None:
    assert engine.ask("so they just put it on their blog?").text.startswith("No: it was Nature, not a blog post.")


def test_answering_is_replying_not_the_answers_v3_was_trained_on(engine: Engine) -> None:
    assert engine.ask("openai is answering to this or not yet?").facts == ["openai-no-comment"]


def test_how_long_something_has_lasted_is_told_by_since_when(engine: Engine) -> None:
    assert engine.ask("how long has deepseek been low profile").facts == ["deepseek-low-profile"]
    # (Not a span between two events: "since January" doesn't date the paper.)
    assert engine.ask("how many days after the january release did the paper come out").kind != "answer"


def test_the_question_someone_else_asked_is_the_one_asked(engine: Engine) -> None:
    # The teacher's question asks how much money: a figure the sell-off fact doesn't give, nor does the part after.
    answer = engine.ask(
        "my econ teacher asked how much money investors lost in the january selloff, is there a number in these"
    )
    assert answer.kind == "unknown" and answer.related == ["tech-stock-selloff"]


def test_he_after_asking_who_someone_no_fact_names_is_that_person(engine: Engine) -> None:
    # Guido Cantz is only in one article's "Read also" links: what DeepSeek is answers nothing about him.
    assert engine.ask("who is guido cantz and what does he have to do with deepseek").kind == "unknown"
    # A person the facts name is still resolved, and the part after answered.
    answer = engine.ask("who's altman and what did he say")
    assert answer.facts == ["sam-altman-openai-ceo", "openai-training-cost"]


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("source of the 2nd article?", "reporting-slashdot"),
        ("who reported the 2nd article and who coauthored the paper", "reporting-slashdot"),
        ("wats an h800 even, never heard of it", "h800-export-restrictions"),
        ("who's the guy behind deepseek", "liang-wenfeng-founder"),
        ("in simple words what is this distilation they talk about", "distillation-defined"),
    ],
)
def test_chat_ways_of_asking_plain_things(engine: Engine, question: str, fact_id: str) -> None:
    assert engine.ask(question).facts[:1] == [fact_id]


def test_a_trailing_tho_is_no_definition(engine: Engine) -> None:
    assert engine.ask("what kinda chips tho").facts == ["r1-h800-chips", "r1-a100-preparatory"]


def test_which_wrong_chips_is_corrected(engine: Engine) -> None:
    answer = engine.ask("which google tpus did deepseek use")
    assert answer.facts == ["r1-h800-chips"] and answer.text.startswith("No: it was H800, not TPUs.")


def test_training_r1_for_a_wrong_figure_is_corrected(engine: Engine) -> None:
    answer = engine.ask("how did deepseek train r1 for only 2.94 mil when openai spends way more")
    assert answer.facts[:1] == ["r1-training-cost"] and answer.text.startswith("No: $294,000, not 2.94 mil.")


@pytest.mark.parametrize("question", ["is ai gonna take jobs", "will people lose their jobs"])
def test_lost_jobs_are_the_job_displacement_experts_warn_of(engine: Engine, question: str) -> None:
    assert engine.ask(question).facts == ["experts-warn-risks"]


@pytest.mark.parametrize(
    "question", ["how much did r1 cost https://reut.rs/abc123", "<https://example.com/x?id=7> how much did r1 cost"]
)
def test_a_pasted_link_is_no_part_of_the_question(engine: Engine, question: str) -> None:
    assert engine.ask(question).facts == ["r1-training-cost"]


@pytest.mark.parametrize(
    "question",
    ["did deepseek stay committed to cheap ai despite the drama", "does deepseek still say it wants ai to be cheap"],
)
def test_cheap_ai_is_the_affordable_ai_deepseek_is_committed_to(engine: Engine, question: str) -> None:
    assert engine.ask(question).facts == ["deepseek-accessible-ai"]


def test_a_couple_of_questions_announced_before_a_colon(engine: Engine) -> None:
    question = "gm degens. two q's: what did deepseek spend on r1, and what did sam say foundational models cost"
    assert engine.ask(question).facts == ["r1-training-cost", "openai-training-cost"]


def test_two_kinds_of_chips_is_how_many_not_a_concept(engine: Engine) -> None:
    assert engine.ask("so they had two kinds of nvidia chips in the pipeline? which ones").kind == "answer"


@pytest.mark.parametrize(
    "question",
    ["did the stocks go up or down after deepseek's january release", "will the beijing debate calm down or get worse"],
)
def test_a_choice_offered_is_answered_not_told_no(engine: Engine, question: str) -> None:
    # One of the options is what the fact says: "No, the articles say otherwise" answers neither.
    assert not engine.ask(question).text.startswith("No")


def test_a_tag_after_or_is_no_choice(engine: Engine) -> None:
    assert engine.ask("so this was just a blog post from deepseek, no review or anything?").text.startswith("No")


def test_a_statement_then_so_and_a_question_has_its_premise_checked(engine: Engine) -> None:
    answer = engine.ask("deepseek has been posting nonstop all year, so why is this one a surprise")
    assert answer.facts == ["deepseek-low-profile"] and answer.text.startswith("No")


@pytest.mark.parametrize(
    "question",
    ["how much did deepseek drop on training r1", "how much did they shell out for r1", "what did they fork out"],
)
def test_money_dropped_or_shelled_out_is_what_was_spent(engine: Engine, question: str) -> None:
    assert engine.ask(question).facts[:1] == ["r1-training-cost"]


def test_backing_down_is_the_opposite_of_defending(engine: Engine) -> None:
    answer = engine.ask("has deepseek backed down on distillation at all")
    assert answer.facts == ["distillation-defended"] and answer.text.startswith("No")


@pytest.mark.parametrize("question", ["is cheap ai good or bad", "pros and cons of cheap training?"])
def test_a_judgement_asked_both_ways_gets_the_upsides_and_the_downsides(engine: Engine, question: str) -> None:
    assert sorted(engine.ask(question).facts) == ["experts-democratize-access", "experts-warn-risks"]


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("what % of the us rivals' cost is 294k", "The articles don't give that share."),
        ("who else co-wrote the paper besides the founder", "The articles don't say who."),
        ("what did the us commerce dept say", "The articles don't say that."),
        ("what did openai charge for the answers that ended up in v3", "The articles don't say that."),
        ("did meta give them the ok to use llama", "The articles don't say that."),
        ("did deepseek get the h800s legally", "The articles don't say that."),
    ],
)
def test_a_share_a_founder_set_aside_or_a_permission_is_not_stated(engine: Engine, question: str, opening: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "unknown" and answer.text.startswith(opening)


def test_a_wrong_makers_model_asked_why_is_corrected(engine: Engine) -> None:
    answer = engine.ask("why did they use google's model for the distilled versions")
    assert answer.facts == ["distillation-llama"] and answer.text.startswith("No: it was Meta, not Google.")


def test_raising_questions_is_questioning(engine: Engine) -> None:
    assert engine.ask("who raised questions about the tech deepseek used").facts == ["us-officials-questioned"]


def test_kinda_model_asks_what_kind(engine: Engine) -> None:
    assert engine.ask("what kinda model is r1").facts == ["r1-reasoning-model"]


def test_who_said_the_words_quoted_is_whoever_the_fact_quotes(engine: Engine) -> None:
    message = (
        "me n the DM are fighting about this. he swears the 'much more than 100 million' line came from the "
        "deepseek founder. i say it was the openai guy. who said it"
    )
    assert engine.ask(message).facts == ["openai-training-cost"]


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("cheaper or pricier than the US models. one word pls", "r1-cost-vs-us-rivals"),
        ("roll a d20 and tell me what r1 cost to train. no wait just tell me", "r1-training-cost"),
        ("is this a china vs usa thing", "china-us-ai-competition"),
    ],
)
def test_how_to_answer_and_the_asker_s_play_are_not_the_question(engine: Engine, question: str, fact_id: str) -> None:
    assert engine.ask(question).facts[:1] == [fact_id]


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("did they at least say they're sticking to affordable ai?", "deepseek-accessible-ai"),
        ("does the article say this is good for small outfits", "experts-democratize-access"),
        ("what does cheap AI training mean for little guys like me", "experts-democratize-access"),
    ],
)
def test_sticking_to_it_and_the_little_guys(engine: Engine, question: str, fact_id: str) -> None:
    assert engine.ask(question).facts[:1] == [fact_id]


@pytest.mark.parametrize(
    "question",
    [
        "exact date of the nature paper? like day and month",
        "what even is slashdot",
        "what does slashdot think of it",
    ],
)
def test_a_day_of_the_month_or_what_an_outlet_is_or_thinks_is_not_stated(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind == "unknown"


def test_the_outlet_credited_is_still_answered(engine: Engine) -> None:
    assert engine.ask("which outlet reported it").facts == ["reporting-slashdot"]


def test_who_put_the_figure_out_is_answered_with_the_sentence_saying_deepseek_disclosed_it(engine: Engine) -> None:
    answer = engine.ask("is the 294k figure from deepseek itself or from some analyst estimate")
    assert answer.facts[:1] == ["nature-paper"]
    assert any("DeepSeek has disclosed that its R1 model" in c.quote for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("my kid asked what 'distilling' an ai means, is it like moonshine", "distillation-defined"),
        ("my son wants to know how many graphics cards they used, he says his gaming pc has one", "r1-h800-chips"),
        ("in plain english what's ai distillation, asking for the PTA newsletter", "distillation-defined"),
        ("what country is deep seek from (my phone keeps splitting it)", "deepseek-chinese-developer"),
        ("what set off the big tech sell off", "tech-stock-selloff"),
        ("whats the google model deepseek distilled", "distillation-llama"),  # a premise corrected, still
    ],
)
def test_questions_asked_for_someone_else_or_with_an_aside(engine: Engine, question: str, fact_id: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "answer" and answer.facts[0] == fact_id, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "with the 294k, how much was electricity vs the chips?",
        "did deepseek ever answer the us officials who doubted them",
        "is r1 open source like llama?",
        "where did deepseek buy its a100s",
        "whats an h20 chip and hows it diff from the h800?",
    ],
)
def test_near_misses_that_name_the_story_s_things_are_not_answered(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind != "answer"


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("the h800s, why those", "h800-export-restrictions"),
        ("the a100s, what were they for", "r1-a100-preparatory"),
    ],
)
def test_a_topic_set_out_before_the_question_is_what_it_asks_about(engine: Engine, question: str, fact_id: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "answer" and answer.facts == [fact_id], answer.text


@pytest.mark.parametrize(
    "question",
    [
        "how much did the a100 prep phase cost",
        "how much did the prep cost compared to the run",
        # The topic set out first is what "that" asks the figure of, not a part of its own.
        "and the prep phase on the a100s, how much did that cost on top",
    ],
)
def test_what_the_preparatory_phase_cost_or_took_is_not_stated(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind != "answer"


@pytest.mark.parametrize(
    "question",
    [
        "meta must be thrilled about the llama thing. what did they say",
        "is openai sueing deepseek over the distillation lol",
        "how many cards is openai running by comparison",
    ],
)
def test_another_company_s_reply_lawsuit_or_hardware_is_not_stated(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind != "answer"


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("over what period did the training take place", "r1-training-hours"),
        ("which chips did they train r1 on, need it for a track title lmao", "r1-h800-chips"),
        ("was it 512 or 215 chips, my memory is like a lofi sampler", "r1-h800-chips"),
        ("what made the three month training run so cheap", "r1-training-hours"),  # "No: 80 hours"
    ],
)
def test_periods_places_taken_and_the_asker_s_own_asides(engine: Engine, question: str, fact_id: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "answer" and answer.facts[0] == fact_id, answer.text


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("Kindly indulge an old cellar master: in which scientific publication did DeepSeek set out these figures?",
         "nature-paper"),
        ("Might one ask what precisely troubles the industry's leading houses about DeepSeek's inexpensive systems?",
         "industry-leaders-concerned"),
    ],
)  # fmt: skip
def test_very_polite_questions(engine: Engine, question: str, fact_id: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "answer" and answer.facts[0] == fact_id, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "where did liang wenfeng go to university",
        "did an independent lab reproduce the r1 training for 294k",
        "my friend said deepseek's founder used to be a quant trader, is that in there",
        "how did chinese stocks react in january",
        "did european tech stocks fall too",
        "did the r1 training also use crawled openai answers like v3",
    ],
)
def test_schooling_audits_other_markets_and_the_model_likened_are_not_stated(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind != "answer"


def test_the_chinese_market_the_h800_was_made_for_is_still_answered(engine: Engine) -> None:
    assert engine.ask("which market was the h800 made for").facts[:1] == ["h800-export-restrictions"]


@pytest.mark.parametrize("question", ["llama 2 or llama 3?", "what did deepseek's spokesperson say"])
def test_a_version_or_a_spokesperson_the_articles_never_name(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind != "answer"


@pytest.mark.parametrize(
    "question", ["294k vs altman's number?", "is 294k more or less than what altman said foundational training costs"]
)
def test_r1_s_own_figure_set_against_altman_s_is_a_comparison(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert sorted(answer.facts) == ["openai-training-cost", "r1-training-cost"], answer.text
    assert "340 times" in answer.text


def test_a_bound_told_as_altman_s_is_still_corrected(engine: Engine) -> None:
    assert engine.ask("why altman said training costs less than 100 million").text.startswith("No")


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        (
            "as a wine person distillation means brandy to me. what does it mean in this ai story",
            "distillation-defined",
        ),
        ("i keep seeing the word 'distillation'. what does it mean here?", "distillation-defined"),
        ("the h800 keeps coming up. what is it exactly", "h800-export-restrictions"),
    ],
)
def test_what_it_means_is_asked_of_the_word_before(engine: Engine, question: str, fact_id: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "answer" and answer.facts[0] == fact_id, answer.text


@pytest.mark.parametrize(
    "question",
    ["does the 294,000 cover the a100 prep phase too or just the 80 hrs", "what's 'open-source' mean, grandpa here"],
)
def test_what_the_cost_covers_and_a_word_no_fact_defines(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind != "answer"


def test_what_this_means_is_not_a_definition(engine: Engine) -> None:
    assert kind_of("whats this mean geopolitically").want != "definition"


@pytest.mark.parametrize(
    "question", ["what did liang say in interviews about this", "is the nature paper free to read"]
)
def test_interviews_and_free_access_are_not_stated(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind != "answer"


def test_a_denied_wrong_chip_agrees_with_the_fact(engine: Engine) -> None:
    assert engine.ask("r1 wasn't trained on h100s").text.startswith("Right: it was H800, not H100.")
    assert engine.ask("r1 was trained on h100s right?").text.startswith("No: it was H800, not H100.")


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("explain distillation like im a nurse on hour 11 of a 12", "distillation-defined"),
        ("explain it like im 5: what is distillation", "distillation-defined"),
        ("why cant they jsut buy h100s like evry1 else", "h800-export-restrictions"),
        ("since when have they been MIA", "deepseek-low-profile"),
        ("what sku was the training cluster lol", "r1-h800-chips"),
    ],
)
def test_how_the_asker_wants_it_put_and_chat_spellings_are_read_as_meant(
    engine: Engine, question: str, fact_id: str
) -> None:
    # "like im a nurse …" is the asker on themselves, "evry1" a word with a digit for "one", "MIA" missing.
    answer = engine.ask(question)
    assert answer.kind == "answer" and answer.facts[0] == fact_id, answer.text


@pytest.mark.parametrize("question", ["who made deepseek", "who is the person who make DeepSeek company?"])
def test_who_made_the_company_asks_for_its_founder(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "answer" and answer.facts[0] == "liang-wenfeng-founder", answer.text
    assert engine.ask("who made r1").facts[0] != "liang-wenfeng-founder"  # the company made the model


def test_a_chip_the_question_denies_beside_the_facts_own_is_no_mistake(engine: Engine) -> None:
    answer = engine.ask("the 80 hrs was on the h800 cluster and not the a100s right?")
    assert answer.facts == ["r1-training-hours"] and answer.text.startswith("Yes"), answer.text
    # The other way round is the phases swapped, a premise to correct.
    answer = engine.ask("the 80 hrs was on the a100s and not the h800s right?")
    assert answer.facts[0] == "r1-a100-preparatory" and answer.text.startswith("No"), answer.text


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("what about openai, what did they say", "openai-no-comment"),
        ("what about the a100s then, where do they fit in?", "r1-a100-preparatory"),
    ],
)
def test_what_about_a_party_sets_out_what_the_question_after_it_is_asked_of(
    engine: Engine, question: str, fact_id: str
) -> None:
    # Not a part of its own ("what about openai" answered with the distillation allegation), and "where do they
    # fit in" asks what part they play, not a place.
    answer = engine.ask(question)
    assert answer.facts == [fact_id], answer.text


def test_who_questioned_deepseek_is_the_officials_not_a_question_openai_left(engine: Engine) -> None:
    # The verb "questioned" once matched OpenAI's fact, which says it didn't comment on "the distillation question".
    assert engine.ask("who questioned deepseek").facts == ["us-officials-questioned"]


def test_what_the_asker_concedes_is_not_what_the_fact_must_hold(engine: Engine) -> None:
    # "despite the export ban" is the asker's framing; the chip named is the premise to correct.
    answer = engine.ask("so they trained r1 on h100s despite the export ban?")
    assert answer.facts[0] == "r1-h800-chips" and answer.text.startswith("No: it was H800"), answer.text


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("has deepseek backed off distillation after the criticism?", "distillation-defended"),
        ("is deepseek backing down on cheap ai", "deepseek-accessible-ai"),
    ],
)
def test_backing_down_is_answered_by_the_fact_saying_it_holds_firm(engine: Engine, question: str, fact_id: str) -> None:
    answer = engine.ask(question)
    assert answer.facts[0] == fact_id and answer.text.startswith("No"), answer.text


def test_a_wrong_maker_put_on_the_chips_is_corrected_whatever_is_asked(engine: Engine) -> None:
    answer = engine.ask("how did they get amd chips for r1")
    assert answer.facts == ["r1-h800-chips"] and answer.text.startswith("No: it was Nvidia, not AMD"), answer.text
    # A maker's own remark is another matter: the articles report none.
    assert engine.ask("what did amd say about deepseek's chips").kind != "answer"


def test_which_journal_did_it_run_in_asks_where_it_was_published(engine: Engine) -> None:
    assert engine.ask("which journal did it run in").facts == ["nature-paper"]
    # Not a journal after it: the run of a phase.
    assert engine.ask("what did they run in the prep phase").facts[0] == "r1-a100-preparatory"


def test_the_number_they_claim_is_a_figure_disclosed(engine: Engine) -> None:
    # "claiming" once matched the officials' fact (alias "claims"), which gives no number.
    answer = engine.ask("oh sure, r1 was cheap, and i'm jensen huang. what number are they actually claiming")
    assert answer.facts == ["r1-training-cost"], answer.text


def test_a_persons_figure_asks_for_the_figure(engine: Engine) -> None:
    assert engine.ask("and altman's figure?").facts == ["openai-training-cost"]


def test_a_wrong_figure_with_thousands_and_the_askers_people_is_corrected(engine: Engine) -> None:
    # "29,400" was split at its comma ("400 dollars"), and "my husband" counted as something off the story.
    answer = engine.ask("my husband read it cost 29,400 dollars, that seems too cheap even for a startup?")
    assert answer.facts[0] == "r1-training-cost" and answer.text.startswith("No: $294,000, not 29,400"), answer.text


@pytest.mark.parametrize(
    "question", ["was there a 5090 involved in the training lmao", "which us agency runs the chip export rules"]
)
def test_a_card_of_the_read_also_links_or_an_agency_is_off_the_story(engine: Engine, question: str) -> None:
    # "5090" was dropped as a bare number, leaving "was there … involved in the training": answered. The
    # articles name no agency (only "US officials" and "US export restrictions").
    assert engine.ask(question).kind != "answer"


def test_do_us_rivals_spend_more_is_not_denied(engine: Engine) -> None:
    answer = engine.ask("do us rivals spend more")
    assert answer.facts == ["r1-cost-vs-us-rivals"] and not answer.text.startswith("No"), answer.text


def test_a_judgement_of_the_figure_gets_no_yes(engine: Engine) -> None:
    # "Yes: $294,000" read as "yes, it is a lot"; the figure is only confirmed when that is what is asked.
    assert not engine.ask("is 294k a lot for an ai model").text.startswith("Yes")
    assert engine.ask("was it 294k").text.startswith("Yes: $294,000")


def test_a_span_said_with_a_is_a_premise_not_a_date_asked_for(engine: Engine) -> None:
    answer = engine.ask("did r1 take a month to train")
    assert answer.facts == ["r1-training-hours"] and answer.text.startswith("No: 80 hours, not a month"), answer.text


@pytest.mark.parametrize("question", ["wait what's the H800 again", "hmm, what's the h800", "sorry what is the h800"])
def test_an_opener_before_what_is_still_asks_what_it_is(engine: Engine, question: str) -> None:
    assert kind_of(question).want == "definition"
    assert engine.ask(question).facts[:1] == ["h800-export-restrictions"]  # not the run's hours


def test_the_feds_are_the_us_officials(engine: Engine) -> None:
    answer = engine.ask("did the feds buy the cost story")
    assert answer.facts[:1] == ["us-officials-questioned"] and answer.text.startswith("No")


@pytest.mark.parametrize("question", ["who exactly made the distillation accusations", "who made the accusations"])
def test_whose_accusations_the_articles_never_say(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "unknown" and answer.related[:1] == ["distillation-openai-allegation"]


def test_a_question_words_d_is_did(engine: Engine) -> None:
    assert prepare("how'd they keep it so cheap") == "how did they keep it so cheap"
    assert engine.ask("how'd they keep it so cheap").facts[:1] == ["distillation-cheaper"]


def test_an_impact_is_the_sell_offs_ripple_effect(engine: Engine) -> None:
    answer = engine.ask("did the deepseek thing in january shake up the wider tech world")
    assert answer.facts[:1] == ["tech-stock-selloff"]  # "causing a ripple effect in the tech industry"


def test_quote_marks_in_a_pasted_message_end_a_sentence(engine: Engine) -> None:
    pasted = (
        "[pasted from the group chat] >>> deepseek claims 294k to train their reasoning model, nature paper, founder on"
        " it, crazy cheap vs openai >>> ok but who actually is the founder"
    )
    assert [s.question for s in segments(pasted)] == [False, False, True]
    assert engine.ask(pasted).facts[:1] == ["liang-wenfeng-founder"]


def test_which_with_a_subject_after_a_comma_tells_and_does_not_ask(engine: Engine) -> None:
    text = (
        "so I'm reading this on the bus and there's a bit about 'distillation', which I assumed was about whiskey."
        " what does it actually mean here?"
    )
    assert [s.question for s in segments(text)] == [False, True]
    assert engine.ask(text).facts[:1] == ["distillation-defined"]
    assert parts("what chips did they use, which did they use first") == [
        "what chips did they use",
        "which chips did they use first",  # still its own part ("which" asks, the noun carried over)
    ]


@pytest.mark.parametrize("question", ["a100 role", "where do the A100s come in"])
def test_what_part_the_a100s_played_is_the_preparatory_phase(engine: Engine, question: str) -> None:
    assert engine.ask(question).facts[:1] == ["r1-a100-preparatory"]


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("why was nvidia's ceo a co-author on the deepseek paper", "paper-coauthor-liang"),
        ("why did deepseek pick amd's mi300 for r1", "r1-h800-chips"),
        ("why did the nvidia ceo say model training costs over 100 million", "openai-training-cost"),
    ],
)
def test_a_why_question_on_a_wrong_name_is_corrected(engine: Engine, question: str, fact: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "answer" and answer.facts[:1] == [fact] and answer.text.startswith("No")


def test_a_why_question_naming_what_no_fact_holds_is_still_not_stated(engine: Engine) -> None:
    assert engine.ask("why did meta spend so much on llama").kind == "unknown"


@pytest.mark.parametrize(
    "question",
    [
        "how many openai answers were in v3's data roughly",
        "how many openai answers were in there, a few or loads?",
        "how many openai answers were in the crawl, a lot?",
    ],
)
def test_a_rough_count_is_given_by_a_fact_that_says_many(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "answer" and answer.facts == ["v3-training-data-openai-answers"], answer.text


@pytest.mark.parametrize(
    "question", ["exactly how many openai answers were in the v3 data", "how many openai answers exactly, a lot?"]
)
def test_an_exact_count_is_not_given_by_many(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind != "answer"


@pytest.mark.parametrize(
    "question",
    [
        "why would nvidia make a worse card on purpose",
        "does anyone know why the h800 is a thing, like why would nvidia make a worse card on purpose",
        "so the h800 is basically a nerfed h100?",
    ],
)
def test_a_worse_or_nerfed_card_is_the_h800_made_less_powerful(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "answer" and answer.facts[0] == "h800-export-restrictions", answer.text


def test_a_debate_made_worse_is_not_a_weaker_chip(engine: Engine) -> None:
    assert engine.ask("is this gonna make the china ai debate worse").facts[:1] != ["h800-export-restrictions"]


@pytest.mark.parametrize(
    "message",
    [
        "the training was cheap. what was the number",
        "someone said the training was cheaper than a eurorack wall. what was the actual number they gave",
    ],
)
def test_a_bare_number_after_a_sentence_about_a_sum_is_that_sum(engine: Engine, message: str) -> None:
    answer = engine.ask(message)
    assert answer.kind == "answer" and answer.facts[0] == "r1-training-cost", answer.text


def test_a_bare_number_after_a_sentence_about_chips_is_still_their_count(engine: Engine) -> None:
    assert engine.ask("they used lots of chips. what was the number").facts[:1] == ["r1-h800-chips"]


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("whos the ceo of open ai agian", "sam-altman-openai-ceo"),
        ("what did openai's boss say it cost", "openai-training-cost"),
        ("ok and what did openai's boss say theirs cost", "openai-training-cost"),
    ],
)
def test_openai_split_in_two_and_its_boss_are_openai_and_its_ceo(engine: Engine, question: str, fact: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "answer" and answer.facts[0] == fact, answer.text


@pytest.mark.parametrize("question", ["which chip did they START out with", "what chips did deepseek start with"])
def test_the_chips_started_out_with_are_those_used_first(engine: Engine, question: str) -> None:
    assert engine.ask(question).facts[:1] == ["r1-a100-preparatory"]


def test_who_started_deepseek_is_still_its_founder(engine: Engine) -> None:
    assert engine.ask("who started deepseek").facts[:1] == ["liang-wenfeng-founder"]


@pytest.mark.parametrize("message", ["source?", "sauce pls", "sources"])
def test_a_message_of_one_word_asking_for_the_source_is_who_reported_it(engine: Engine, message: str) -> None:
    assert engine.ask(message).facts[:1] == ["reporting-slashdot"]


@pytest.mark.parametrize(
    "question", ["what did altman say about costs", "what did altman say about costs and what year"]
)
def test_what_a_speaker_said_on_a_topic_is_the_fact_giving_their_words_on_it(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    # Altman's words alone: no "OpenAI did not comment" tacked on for the "say".
    assert answer.kind == "answer" and answer.facts == ["openai-training-cost"], answer.text


def test_what_a_speaker_said_about_the_story_itself_is_still_not_stated(engine: Engine) -> None:
    assert engine.ask("what did altman say about deepseek specifically").kind != "answer"


@pytest.mark.parametrize(
    "question",
    [
        "what did deepseek say when folks asked if they distilled openai",
        "so is deepseek saying they did or didnt distill openai, can't tell",
    ],
)
def test_what_deepseek_said_is_its_own_silence_not_openais(engine: Engine, question: str) -> None:
    assert engine.ask(question).facts[:1] == ["distillation-openai-allegation"]


def test_what_openai_said_is_still_its_own_silence(engine: Engine) -> None:
    assert engine.ask("what did openai say about distillation").facts[:1] == ["openai-no-comment"]


def test_an_order_to_name_things_asks_which_they_are(engine: Engine) -> None:
    answer = engine.ask("name the two restricted chips")
    assert answer.kind == "answer" and answer.facts[0] == "h800-export-restrictions", answer.text


@pytest.mark.parametrize(
    "question",
    ["how much over 100 mil did altman mean, like 200? 500?", "how much more than 100 million did altman say"],
)
def test_by_how_much_a_bound_is_passed_is_no_figure_the_articles_give(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "unknown" and answer.related == ["openai-training-cost"], answer.text


@pytest.mark.parametrize(
    "question", ["what does openai charge per month for its stuff", "who's bankrolling deepseek, who are the investors"]
)
def test_a_monthly_price_or_who_bankrolls_deepseek_is_not_stated(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind == "unknown"


def test_their_figure_after_companies_no_fact_names_is_theirs_not_deepseeks(engine: Engine) -> None:
    answer = engine.ask("what about google and anthropic, what did their models cost")
    assert answer.kind == "unknown", answer.text


def test_a_what_about_part_lends_no_about_to_the_next_question() -> None:
    assert parts("what about google and anthropic, what did their models cost")[1] == "what did their models cost"


def test_a_number_asked_again_after_a_sum_is_that_sum(engine: Engine) -> None:
    message = "oh sure, they taught a whole robot brain for less than what my rig costs, what was the number again?"
    assert engine.ask(message).facts[:1] == ["r1-training-cost"]


@pytest.mark.parametrize(
    "question",
    [
        "is this just a company press release or did real scientists check it",
        "was it vetted by other scientists",
        "deepseek announced the r1 cost in a press release, link?",
    ],
)
def test_scientists_checking_it_or_a_press_release_is_the_peer_reviewed_paper(engine: Engine, question: str) -> None:
    assert engine.ask(question).facts[:1] == ["nature-paper"]


@pytest.mark.parametrize(
    "question",
    ["and i suppose uncle sam just took their word on the costs, right", "did the us just take deepseek's word for it"],
)
def test_taking_deepseeks_word_is_corrected_by_the_officials_doubts(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.facts[:1] == ["us-officials-questioned"] and answer.text.startswith("No"), answer.text


@pytest.mark.parametrize(
    ("message", "fact"),
    [
        ("which two countries are duking it out in AI per the article", "china-us-ai-competition"),
        (
            "my granddaughter frets robots will take her job someday. does the article say anything about that?",
            "experts-warn-risks",
        ),
    ],
)
def test_slang_for_rivalry_and_a_sentence_asked_about_after_it(engine: Engine, message: str, fact: str) -> None:
    assert engine.ask(message).facts[:1] == [fact]


def test_where_deepseek_has_been_hiding_is_its_low_profile(engine: Engine) -> None:
    assert engine.ask("where's deepseek been hiding since january").facts[:1] == ["deepseek-low-profile"]


@pytest.mark.parametrize(
    "question", ["how fast is AI moving, per the background bit", "is ai moving slow or fast according to the piece"]
)
def test_how_fast_ai_moves_is_its_unprecedented_pace(engine: Engine, question: str) -> None:
    assert engine.ask(question).facts[:1] == ["ai-cost-questions-background"]


def test_deploying_ai_fast_is_still_the_risks(engine: Engine) -> None:
    assert engine.ask("what are the risks of deploying ai fast").facts[:1] == ["experts-warn-risks"]


@pytest.mark.parametrize("question", ["what's deepseek's goal", "whats deepseek's mission"])
def test_apostrophes_inside_words_quote_nothing(engine: Engine, question: str) -> None:
    assert engine.ask(question).facts[:1] == ["deepseek-accessible-ai"]


def test_a_quoted_word_no_fact_defines_is_still_not_stated(engine: Engine) -> None:
    assert engine.ask("what is 'peer-reviewed'").kind == "unknown"


def test_a_mission_statement_is_the_mission_not_a_statement_made(engine: Engine) -> None:
    assert engine.ask("mission statement?").facts[:1] == ["deepseek-accessible-ai"]


@pytest.mark.parametrize(
    "question", ["benefits vs risks per experts?", "upside vs downside of cheap ai per the experts?"]
)
def test_benefits_vs_risks_asks_for_both_sides(engine: Engine, question: str) -> None:
    assert engine.ask(question).facts == ["experts-democratize-access", "experts-warn-risks"]


def test_standing_behind_distillation_is_defending_it(engine: Engine) -> None:
    answer = engine.ask("whats distillation and does deepseek stand behind it")
    assert answer.facts == ["distillation-defined", "distillation-defended"], answer.text


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("how much did the training on the h800s cost", "r1-training-cost"),
        ("how much did the h800 run cost", "r1-training-cost"),
        ("how long did training on the h800s take", "r1-training-hours"),
    ],
)
def test_the_runs_own_chips_named_beside_the_run_are_no_mistake(engine: Engine, question: str, fact: str) -> None:
    answer = engine.ask(question)
    assert answer.kind == "answer" and answer.facts[0] == fact, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "how much does one h800 cost",
        "how much did the 512 h800 chips cost to buy",
        "how much did the a100 training cost",
    ],
)
def test_a_chips_price_or_another_phases_cost_is_still_not_stated(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind == "unknown"


@pytest.mark.parametrize(
    "question",
    ["how many nvida chip did they use for the 80 hrs", "how many nvidia chips did they use for the 80 hours"],
)
def test_the_run_named_by_its_hours_is_the_run_the_chips_are_counted_for(engine: Engine, question: str) -> None:
    assert engine.ask(question).facts[:1] == ["r1-h800-chips"]


def test_which_chips_ran_the_80_hour_training_is_the_chip_fact(engine: Engine) -> None:
    assert engine.ask("which chips ran the 80 hour training").facts[:1] == ["r1-h800-chips"]
    assert engine.ask("how much power did the 80 hour run use").kind == "unknown"


def test_the_fine_print_is_the_supplementary_document(engine: Engine) -> None:
    assert engine.ask("what did they admit in the fine print").facts[:1] == ["a100-ownership-acknowledged"]


def test_the_journal_that_ran_it_published_it(engine: Engine) -> None:
    assert engine.ask("ok but what journal actually ran it").facts[:1] == ["nature-paper"]


def test_a_premise_before_should_we_is_corrected(engine: Engine) -> None:
    answer = engine.ask("since the paper wasn't peer reviewed should we even trust it")
    assert answer.facts[:1] == ["nature-paper"] and answer.text.startswith("No"), answer.text


def test_a_press_release_premise_is_corrected_with_the_peer_reviewed_paper(engine: Engine) -> None:
    answer = engine.ask("deepseek announced the r1 cost in a press release, link?")
    assert answer.facts[:1] == ["nature-paper"] and answer.text.startswith("No"), answer.text


@pytest.mark.parametrize(
    "question", ["what kind of article did they put the numbers in", "what kind of article was it"]
)
def test_the_kind_of_article_is_the_peer_reviewed_journal_article(engine: Engine, question: str) -> None:
    assert engine.ask(question).facts[:1] == ["nature-paper"]


def test_the_kind_of_document_for_the_a100s_is_still_the_supplementary_one(engine: Engine) -> None:
    assert engine.ask("what kind of document they admitted a100 in").facts[:1] != ["nature-paper"]


@pytest.mark.parametrize(
    "question", ["do they mention jobs at all", "robots will take her job, does the article say so"]
)
def test_jobs_as_a_topic_or_taken_are_job_displacement(engine: Engine, question: str) -> None:
    assert engine.ask(question).facts[:1] == ["experts-warn-risks"]


def test_a_persons_job_is_still_their_role(engine: Engine) -> None:
    assert engine.ask("what's liang's job").facts[:1] == ["liang-wenfeng-founder"]


def test_the_rivals_estimates_asked_for_before_the_rivals_are_still_not_given(engine: Engine) -> None:
    answer = engine.ask("what exact dollar estimates did the us rivals give")
    assert answer.kind == "unknown" and answer.related == ["r1-cost-vs-us-rivals"], answer.text


def test_which_us_company_spent_the_most_is_not_stated(engine: Engine) -> None:
    answer = engine.ask("which us company's model cost the most to train")
    assert answer.kind == "unknown", answer.text


@pytest.mark.parametrize("question", ["did the chinese government pay for the training", "was r1 funded by the state"])
def test_a_government_paying_for_the_training_is_not_stated(engine: Engine, question: str) -> None:
    assert engine.ask(question).kind == "unknown"


def test_what_deepseek_paid_to_train_r1_is_still_its_cost(engine: Engine) -> None:
    assert engine.ask("how much did deepseek pay to train r1").facts[:1] == ["r1-training-cost"]
