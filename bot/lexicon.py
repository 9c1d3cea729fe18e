"""Words, not logic: stopwords, synonym groups and model names used to read questions.

Kept apart from `answers.py` so the lists can grow in review without touching
the ranking code.
"""

from __future__ import annotations

# Function words and chat filler: they say nothing about which fact is wanted.
STOPWORDS = frozenset(
    """
    a about above actually after again all also am an and any anyone are aren arent as at be because been
    being between both but by can cant could couldn d did didn didnt do does doesn doesnt doing don
    dont down during each else even ever every few for from further get gets getting give go going got had
    has hasn hasnt have haven havent having he her here hers him his how i id if im in into is isn isnt it
    its itself ive just know kind let like ll m many me mean more most much must my need no nor not now of
    off ok okay on once only or other our out over own pls plz please re really s same she should
    so some someone something such supposed t tell than thanks thank that thats the their them then there
    these they this those though thru to too u ur us very was wasn wasnt way we were weren what whats
    while whos whom will with would wouldn y yeah yes yet you your youre
    wat wut wht hw r bc cuz coz lol lmao lmfao haha hey hi hello yo bro guys ppl people anybody
    exactly basically literally seriously honestly heard hear seeing seen saw keep keeping wondering curious
    question questions answer stuff thing things guy guys deal like explain everyone everybody trying
    want wanna gonna come came out nothing actual take took wats think thinks thought happen
    happened happens give gives gave giving exact whole part one just
    """.split()
)

# Terms that appear all over this story: they can break a tie, never carry an answer.
WEAK = frozenset(
    {"deepseek", "r1", "ai", "model", "models", "company", "companies", "use", "used", "using"}
    # Question words: they point at the kind of fact ("when" → a date) without naming it.
    | {"when", "who", "where", "why", "which", "year", "month", "day", "date"}
)

# Each group is one concept; a word in the question matches a fact holding any word of its group.
SYNONYM_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "cost costs price priced pricing spend spent spending bill money expense expenses expensive "
        "cheap cheaper cheapest paid pay budget dollar dollars usd",
        "chip chips gpu gpus hardware processor processors accelerator accelerators compute cluster",
        "paper study journal publication research",
        "train trained training",
        "long hours hour duration time days weeks",
        "distillation distill distilled distilling distil",
        "data dataset datasets",
        "stock stocks shares market markets investors selloff",
        "release released launch launched drop dropped",
        "founder founded",
        "ceo boss chief",
        "openai gpt chatgpt",
        "meta llama facebook",
        "officials government washington",
        "risk risks danger dangers downside downsides",
        "worried worry concern concerns concerned threat",
        "country nation",
        "chinese china",
        "american america usa us",
        "rival rivals rivalry competition competing compete",
        "admit admitted acknowledge acknowledged",
        "quiet silent disappeared vanished dark",
        "author authors wrote written co-authored coauthor",
        "surprise surprised surprising unexpected",
        "mission goal aim",
        "say said says comment commented respond responded response statement",
        "debate debated arguing argue argument controversy controversial",
        "compare compared comparison versus vs",
        "accusation accusations allegation allegations claims assertions steal stole copy copied",
    )
)

# Two-word names of things the articles never discuss, read as one word so that
# "stock price" is not taken for the training cost.
COMPOUNDS: dict[tuple[str, str], str] = {
    ("stock", "price"): "stock-price",
    ("share", "price"): "share-price",
    ("api", "price"): "api-price",
    ("per", "token"): "per-token",
}

# How people name the models in `/cost`: each maps to the fact subjects it covers.
MODEL_ALIASES: dict[str, tuple[str, ...]] = {
    "r1": ("r1",),
    "deepseekr1": ("r1",),
    "deepseek": ("r1", "deepseek"),
    "v3": ("v3",),
    "deepseekv3": ("v3",),
    "openai": ("openai",),
    "gpt": ("openai",),
    "chatgpt": ("openai",),
    "altman": ("openai",),
    "samaltman": ("openai",),
    "meta": ("meta",),
    "llama": ("meta",),
    "nvidia": ("nvidia",),
}

# Words dropped when reading a model name: "the DeepSeek R1 model" → "r1".
MODEL_NOISE = ("the", "model", "models", "'s", "s")
