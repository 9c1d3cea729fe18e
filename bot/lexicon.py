"""Words, not logic: how people say things about this story, kept apart from the ranking code.

Everything here is general English about AI, chips, money and news, written
from the two articles and ordinary usage, so the lists can grow in review
without touching `answers.py`. Matching is on Snowball stems, so one form of
a word stands for its inflections ("chip" covers "chips").
"""

from __future__ import annotations

# Function words and chat filler: they say nothing about which fact is wanted.
STOPWORDS = frozenset(
    """
    a about above actually after again against all almost along already also although always am among an and
    another any anybody anyone anything anyway anyways anywhere are aren arent around as at be became because
    become been before being below between both but by can cant could couldn couldnt d did didn didnt do does
    doesn doesnt doing don dont done down during each either else enough even ever every everybody everyone
    everything few for from further get gets getting go goes going gone got gotten went had hadn hasn hasnt have
    haven havent having he her here hers herself him himself his how however i id ie if im in into is isn isnt
    it its itself ive just kind kinda know knew known let lets like likely ll m made make makes many may maybe
    me mean means meant might mine more most mostly much must my myself need needs neither no nobody none nor
    not now of off oh ok okay on once one ones only onto or other others otherwise our ours out over own per
    perhaps please pls plz pretty quite rather re really s said same say says see seem seems shall she should
    shouldnt since so some somebody someone something sometimes somewhat soon sort such sure t than
    thanks thank thanx thx that thats the their theirs them themselves then there theres these they theyre
    thing things think this those though through thru thus to too toward towards u ur us very via want wants
    wanna was wasn wasnt way we well were weren werent what whatever whats when whenever where whereas
    whereby wherever whether which while who whoever whole whom whos whose why will with within without won
    wont would wouldn wouldnt y ya yall yeah yep yes yet you youd youll your youre yours yourself ve
    wat wut wht hw r bc cuz coz cause lol lmao lmfao rofl haha hahaha hehe hey hi hello yo bro bruh dude man
    eli5 tldr tl dr dat dis da dem wich
    guys ppl people folks anybody ngl tbh fr frfr imo imho idk idc iirc afaik btw fyi smh omg wtf wth ffs
    af asf lowkey highkey deadass literally basically seriously honestly obviously apparently supposedly
    exactly actual really real truly heard hear hearing seeing seen saw see keep keeping kept wondering
    wonder curious question questions answer answers stuff deal explain tell telling told trying try tried
    come came coming gonna gotta nah nope yup ya k kk pls plz ty tysm ok okk okay alright hmm hm uh um
    quick dumb stupid silly random genuinely legit lemme gimme dunno wanna anyone someone somebody
    thread channel chat server discord twitter reddit tiktok youtube post posted posting video guy girl
    thought thinks happen happened happens happening give gives gave giving took take takes taking part
    like right true correct wrong real good bad big small lot lots bit little much many some any
    look looks looking looked reading read reads saying anyway bunch every everyone super
    under over above below around roughly approximately approx nearly almost less fewer greater least
    wait hold huh wow woah whoa yikes damn dang welp ugh oof lmk pls vs versus v supposed ass shit fuck fucking
    fwiw afaik iirc
    never nope none nothing neither nor
    frickin freaking hell heck crap
    put puts putting reason reasons up
    show shows showed shown frames framed framing backdrop keeps
    """.split()
) - {"long", "before", "answer", "answers", "first"}

# Terms that appear all over this story: they can break a tie, never carry an answer alone.
WEAK = frozenset(
    "deepseek r1 ai model models company companies firm use used using uses developer developers "
    "rely relied relies relying depend depended depends "
    "paper article articles study report reported news media story source sources figure figures number numbers count "
    "thing system systems llm llms according".split()
)

# Each group is one concept: a word in the question matches a fact holding any word of its group.
# Words that only ever mean one of the story's things in this context ("card" → a GPU) belong here.
SYNONYM_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        # money
        "cost costs costed costing price priced pricing pricetag spend spent spending spends bill billed money "
        "expense expenses expensive expenditure cheap cheaper cheapest inexpensive paid pay pays paying budget budgets "
        "dollar dollars usd bucks buck cash outlay tab burn burned burnt fee fees",
        # hardware
        "chip chips gpu gpus hardware processor processors accelerator accelerators compute cluster clusters "
        "card cards graphics silicon semiconductor semiconductors rig rigs server servers boxes",
        "nvidia nvidias nvda nvidea nvidiа brand manufacturer",
        "a100 a100s",
        "h100 h100s",
        # the run
        "train trained training trains trainings pretrain pretrained pretraining cook cooked cooking",
        "long hours hour hrs hr duration time days day weeks week lasted last lasting period timeframe span",
        "run runs ran",
        "preparatory preparation prep prepare prepared preparing early initial initially before first "
        "stage phase warmup dryrun beginning",
        "switch switched switching swap swapped swapping moved move moving replaced",
        "develop developing developed development build building builds built making design designed designing",
        # the paper
        "journal journals magazine peer peerreviewed reviewed review vetted refereed scrutinized scrutinised",
        "publication published publish publishing appeared",
        "author authors authored coauthor coauthored coauthors cowrote cowritten wrote written writer write writes "
        "writing",
        "disclose disclosed disclosure disclosing reveal revealed revelation reveals revealing "
        "announce announced announcement announcements admit admitted admission acknowledge acknowledged "
        "acknowledgement confess confessed transparency transparent",
        "supplementary supplement supplemental appendix",
        "june",
        "wednesday weekday",
        # distillation
        "distillation distill distilled distilling distil distils distills distilation distiling",
        "learn learns learning learned teacher student copy copied copying",
        "defend defended defends defending backed backing justify justified justifies support supported "
        "stand stood champion keen fond",
        "performance perform performs better quality",
        "technique techniques method methods trick tricks",
        # "distillation helped them cut costs": what "letting it cut" and "enabled the company to" say.
        "help helped helps helping enable enabled enables enabling letting",
        "openai gpt chatgpt gpt4o",
        "altman sam altmann",
        "meta llama lama lamma facebook zuck zuckerberg",
        "opensource open",
        "accusation accusations accuse accused accusing allegation allegations allege alleged claim claims "
        "claimed assertion assertions assert steal stole stolen theft ripoff",
        "deliberate deliberately intentional intentionally purpose purposely knowingly",
        "incidental incidentally accident accidental accidentally unintentional unintended mistake",
        "respond responded response responding responds reply replied replying answer answered answering comment "
        "commented comments statement react reacted reaction slam slammed criticize criticized criticise criticised "
        "blast blasted attack attacked condemn condemned",
        "deny denied denies denial",
        # data
        "data dataset datasets corpus",
        "crawl crawled crawling scrape scraped scraping web internet pages webpages",
        "outputs output generated answers responses",
        "v3",
        # market
        # "did it shake up the tech world" (read as "impact"): the sell-off's "ripple effect in the tech industry".
        "impact impacts impacted effect effects affect affects affected",
        # "its low-cost release", "lower than estimates": the comparative is the same concept.
        "low lower lowest",
        "stock stocks shares share investors investor selloff sell sold selling dump dumped "
        "dumping crash crashed plunge plunged tank tanked wallstreet nasdaq",
        "release released launch launched drop dropped dropping unveil unveiled debut debuted",
        "january jan",
        # people and company
        "founder founded founders cofounder started starter creator",
        # A title the articles give only Altman; "boss", "head" are looser (the founder leads).
        "ceo chief",
        "boss head leader leads",
        "liang wenfeng",
        "officials official government gov govt washington administration regulators lawmakers",
        "question questioned questioning doubt doubted doubts skeptical sceptical suspicious believe trust",
        "export exports restriction restrictions restricted restrict controls sanctions sanctioned embargo barred",
        "powerful power stronger strong weaker weak faster better beefier beefy flagship nerfed downgraded detuned",
        "country nation",
        "technology technologies tech",
        "detailed detail details breakdown breakdowns itemized itemised granular",
        "american america usa us",
        "beijing",
        "rival rivals rivalry competition competing compete competitor competitors race labs duking battling showdown",
        "quiet silent disappear disappeared vanish vanished dark lowprofile profile ghost ghosted hiding hidden",
        "surprise surprised surprising unexpected shock shocked shocking",
        "mission goal aim commitment committed steadfast vision",
        "accessible affordable access democratize democratise democratizing exclusive expensive",
        "debate debated arguing argue argument controversy controversial",
        "compare compared comparison fraction",
        "worried worry worries concern concerns concerned threat threatened scared fear afraid nervous sweating "
        "troubles shook rattled spooked anxious fret frets fretting",
        "loud louder loudly loudest",
        # "how fast is ai moving": it "advances at an unprecedented pace" (and is deployed "quickly").
        "fast pace speed rapid rapidly quickly unprecedented",
        "advances advance advancing evolving progressing",
        # ("what sparked the sell off": what led investors to sell.)
        "caused cause causes causing led triggered trigger triggers sparked spark sparks prompted",
        "compete competes competing competition competitive rivalry race",
        "dominance dominant dominate",
        "experts expert analysts analyst",
        "startups startup smaller small",
        "risk risks danger dangers downside downsides warn warned warning cons negatives dystopia dystopian",
        "benefit benefits benefiting benefited upside upsides advantage advantages pros worth worthwhile positives "
        "positive utopia utopian",
        # Those who warn: the articles' "others warn" is what "what do the skeptics say" asks for.
        "others critics skeptics sceptics doomers pessimists worriers naysayers",
        "leaders bosses executives execs bigtech giants incumbents",
        "bias accountability displacement unemployment automation",  # not "job(s)": that is someone's role
        "reasoning",  # not "reason": the cause a "why" asks for is not the kind of model R1 is
        "slashdot",
    )
)

# Two words read as one concept word, or as the words given (question side only).
PHRASES: dict[tuple[str, str], str] = {
    ("set", "back"): "cost",
    ("deep", "seek"): "deepseek",  # "deep seek", as phones split it
    # "why make a worse card on purpose": a weaker chip (not "made the debate worse").
    **{("worse", noun): f"weaker {noun}" for noun in ("card", "cards", "chip", "chips", "gpu", "gpus", "version")},
    # "what did openai's boss say it cost": the articles name one head of OpenAI, its CEO.
    **{("openai", title): "openai ceo" for title in ("boss", "head", "leader", "chief", "honcho")},
    ("open", "ai"): "openai",  # "who's the ceo of open ai", as phones split it
    # "which chip did they start out with": the one used first (not who started, founded, the company).
    **{
        (verb, rest): "first used"
        for verb in ("start", "started", "starting", "begin", "began", "begun")
        for rest in ("out", "with", "off")
    },
    ("set", "off"): "caused",  # "what set off the sell off": what caused it
    ("set", "out"): "disclosed",  # "in which publication did deepseek set out these figures"
    ("laid", "out"): "disclosed",  # "the nature paper laid out which chips they used"
    ("lays", "out"): "discloses",
    ("lay", "out"): "disclose",
    ("fall", "under"): "under",  # "the h100 and a100 fall under us export restrictions": are restricted by
    ("falls", "under"): "under",
    ("fell", "under"): "under",
    ("warm", "up"): "warmup",
    ("co", "write"): "cowrote",  # "co-write": the hyphen splits it
    ("co", "written"): "cowrote",
    ("backed", "up"): "backed",
    ("backing", "off"): "backtracked",
    ("big", "tech"): "bigtech",
    ("who", "runs"): "boss",  # not "runs": its stem is the training run's
    ("good", "side"): "upside",
    ("bright", "side"): "upside",
    ("bad", "side"): "downside",
    ("good", "for"): "benefit",  # "is cheap ai good for startups": who it benefits
    ("bad", "for"): "downside",
    ("dark", "side"): "downside",
    ("dry", "run"): "dryrun",
    ("built", "on"): "use",  # "distilled models built on llama": used, not developed
    ("based", "on"): "use",
    ("built", "off"): "use",  # "distilled models built off llama"
    ("fit", "in"): "in",  # "where do the a100s fit in": the part they play, no fitting
    ("fits", "in"): "in",
    ("based", "off"): "use",
    ("run", "on"): "use",
    ("runs", "on"): "use",
    ("net", "worth"): "networth",  # a fortune; "worth it" alone is no question about money
    ("end", "up"): "got",  # "how did openai text end up in v3": how it got there
    ("ended", "up"): "got",
    ("price", "tag"): "price",
    ("go", "up"): "rise",  # "why did tech stocks go up": a rise, against the fact's selloff
    ("goes", "up"): "rise",
    ("going", "up"): "rise",
    ("went", "up"): "rose",
    ("shot", "up"): "soared",
    ("went", "down"): "fell",
    ("go", "down"): "fall",
    ("backed", "off"): "backtracked",  # "has deepseek backed off distillation": not "backed" (supported)
    ("back", "off"): "backtracked",
    ("backed", "down"): "backtracked",  # "has deepseek backed down": not "backed" (supported)
    ("back", "down"): "backtracked",
    ("backing", "down"): "backtracked",
    # "what did they drop on training r1", "how much did they shell out": money spent ("dropped on
    # wednesday" is the paper coming out).
    ("drop", "on"): "spend",
    ("shell", "out"): "spend",
    ("shelled", "out"): "spent",
    ("fork", "out"): "spend",
    ("forked", "out"): "spent",
    ("forked", "over"): "spent",
    ("sticking", "to"): "committed",  # "are they sticking to affordable ai": still committed to it
    ("stick", "to"): "committed",
    ("stuck", "to"): "committed",
    ("shake", "up"): "impact",  # "will this shake up the ai industry": how it affects the industry
    ("shakes", "up"): "impact",
    ("shook", "up"): "impact",
    ("up", "against"): "rivals",  # "who is deepseek up against": its rivals
    # "is this good for small outfits", "what does it mean for little guys like me": smaller companies
    **{
        (size, who): "startups"
        for size in ("small", "smaller", "little")
        for who in ("outfits", "outfit", "guys", "players", "shops", "businesses", "firms", "teams", "labs")
    },
    ("raised", "questions"): "questioned",  # "who raised questions about the tech": who questioned it
    ("raise", "questions"): "question",
    ("raising", "questions"): "questioning",
    ("charge", "for"): "price",  # "what did openai charge for the answers" (not "the charge against them")
    ("charged", "for"): "price",
    ("charges", "for"): "price",
    ("the", "ok"): "permission",  # "did meta give them the ok to use llama"
    ("an", "ok"): "permission",
    ("green", "light"): "permission",
    ("walked", "back"): "backtracked",
    ("job", "displacement"): "displacement",  # one risk, not anyone's job title
    ("job", "loss"): "displacement",
    ("job", "losses"): "displacement",
    ("compute", "units"): "chips",  # "how many compute units went into r1": its chips
    ("compute", "unit"): "chip",
    ("processing", "units"): "chips",
    ("cop", "to"): "admit",  # "where did they cop to having the a100s"
    ("fess", "up"): "admit",
    ("owned", "up"): "admitted",  # "they owned up to the a100s": admitted, not owned
    ("owns", "up"): "admits",
    ("own", "up"): "admit",
    ("owning", "up"): "admitting",
    ("fessed", "up"): "admit",
    ("hoover", "up"): "scraped",  # "did deepseek mean to hoover up openai answers"
    ("hoovered", "up"): "scraped",
    ("copped", "to"): "admit",
    ("bring", "up"): "cite",  # "what risks do the skeptics bring up"
    ("brings", "up"): "cite",
    ("brought", "up"): "cite",
    ("threw", "out"): "said",  # "the big number he threw out"
    ("throws", "out"): "said",
    ("point", "out"): "said",
    ("pointed", "out"): "said",
    ("right", "away"): "immediately",  # "openai didn't comment right away"
    ("straight", "away"): "immediately",
    ("graphics", "card"): "gpu",
    ("graphics", "cards"): "gpu",
    ("graphics", "processors"): "gpu",
    ("sam", "altman"): "altman",
    ("liang", "wenfeng"): "liang",
    ("wall", "street"): "wallstreet",
    ("sell", "off"): "selloff",
    ("peer", "reviewed"): "peerreviewed",
    ("peer", "review"): "peerreviewed",
    ("co", "authored"): "coauthored",
    ("co", "author"): "coauthor",
    ("co", "wrote"): "cowrote",
    ("low", "profile"): "lowprofile",
    ("open", "source"): "opensource",
    ("on", "purpose"): "purpose",
    ("web", "pages"): "webpages",
    ("export", "controls"): "export",
    ("training", "data"): "dataset",
    # Things the articles never discuss, read as one word so that "stock price" is not taken for the cost.
    ("stock", "price"): "stockprice",
    ("share", "price"): "stockprice",
    ("api", "price"): "apiprice",
    ("per", "token"): "pertoken",
    ("per", "hour"): "perhour",
    ("market", "cap"): "marketcap",
    ("market", "share"): "marketshare",
    ("burn", "rate"): "burnrate",
    ("wall", "clock"): "duration",
    ("die", "down"): "subside",
    ("dies", "down"): "subside",
    ("calm", "down"): "subside",
    ("cool", "down"): "subside",
    ("cool", "off"): "subside",
    ("blow", "over"): "subside",
    ("open", "weights"): "opensource",
    ("llm", "family"): "model",
    ("model", "family"): "model",
    # GPU-hours, and a price for each: never given (only the run's hours and its chips).
    ("gpu", "hour"): "gpuhours",
    ("gpu", "hours"): "gpuhours",
    ("chip", "hours"): "gpuhours",
    ("per", "gpu"): "pergpu",
    ("parent", "company"): "parentcompany",
    ("how", "old"): "age",
    ("compute", "bill"): "cost",
    ("compute", "cost"): "cost",
    ("compute", "costs"): "cost",
    ("compute", "spend"): "cost",
    ("compute", "budget"): "cost",
    ("compute", "price"): "cost",
    ("silicon", "valley"): "american",
    ("put", "out"): "release",
    # Where in the paper: "the main body" against "a supplementary information document".
    ("main", "body"): "mainbody",
    ("main", "paper"): "mainbody",
    ("main", "text"): "mainbody",
    ("going", "public"): "ipo",
    # "the base model it was built on": what a model was built from, which the articles never say.
    ("base", "model"): "basemodel",
    ("base", "models"): "basemodel",
    # "all over the news every day since january": never out of the news, against the fact's low profile.
    ("every", "day"): "nonstop",
    ("every", "week"): "nonstop",
    # "how fast is ai moving": advancing (moving to the h800s is switching to them).
    **{(thing, "moving"): f"{thing} advancing" for thing in ("ai", "tech", "technology", "field", "industry")},
    ("single", "day"): "nonstop",
    ("daily", "basis"): "nonstop",
    # "was meta ok with deepseek using llama", "what did altman say back": a party's reaction.
    **{(word, "with"): "reaction" for word in ("ok", "okay", "fine", "happy", "cool", "upset", "mad", "angry")},
    ("say", "back"): "reaction",
    ("said", "back"): "reaction",
    # "won't let nvidia sell china the h100": exporting, not a stock sale.
    **{(verb, "china"): "export" for verb in ("sell", "sells", "sold", "selling")},
    # "did openai ever share its figures": telling, not a stock's shares.
    **{
        (verb, whose): "disclose" for verb in ("share", "shared", "sharing") for whose in ("its", "their", "any", "his")
    },
    # "who was the h800 made for": whom it was designed for.
    ("made", "for"): "designed",
    ("built", "for"): "designed",
    ("meant", "for"): "designed",
    # "is deepseek making money": profit, which the articles never mention, not the money spent.
    ("making", "money"): "profit",
    ("make", "money"): "profit",
    ("makes", "money"): "profit",
    ("go", "public"): "ipo",
    # "what does openai charge per month": a subscription's price, which neither article gives.
    ("per", "month"): "monthly",
    ("fine", "print"): "supplementary",  # "what did they admit in the fine print": the supplementary document
    ("small", "print"): "supplementary",
    ("mission", "statement"): "mission",  # a company's aim, not a statement it made
    # "does deepseek stand behind it": defend it.
    **{(verb, rest): "defends" for verb in ("stand", "stands", "stood", "standing") for rest in ("behind", "by")},
    ("uncle", "sam"): "us officials",  # "i suppose uncle sam just took their word on the costs"
    ("press", "release"): "pressrelease",  # "is this just a company press release": not a journal's
    # "did real scientists check it": their review, which a peer-reviewed paper has had.
    **{
        (who, did): "peerreviewed"
        for who in ("scientists", "researchers", "experts", "academics", "peers")
        for did in ("check", "checked", "review", "reviewed", "vet", "vetted")
    },
}

# Words about things neither article covers. They are never "repaired" into a story word
# ("funds" is not "founds"), and a question that leans on them is asking about something else.
OFF_STORY = frozenset(
    """
    employee employees staff staffers headcount workforce hire hired hiring salary salaries engineers team
    parameter parameters params weights weight benchmark benchmarks score scores leaderboard mmlu elo
    valuation valued funding funds fund funded funder funders investor investors invest invested investment
    investments revenue revenues profit profits income
    readers reader audience viewers subscribers followers
    tsla ticker tickers shorting portfolio stockpile stockpiles
    users user downloads download installs app apps api apis subscription subscriptions pricing tokens token
    license licensed licence licensing electric electricity energy power watts megawatts kwh carbon emissions water
    yuan rmb renminbi euro euros eur pound pounds gbp yen rupee rupees won bitcoin btc eth crypto
    hq headquarters headquartered office offices city town province hangzhou shanghai beijing campus
    age born birthday married wife husband family networth billionaire hometown birthplace childhood biography
    bio degree phd alma university universities college studied graduated graduate
    interview interviews interviewed podcast podcasts agency agencies
    quant quants trader traders hedgefund spokesperson spokesman spokeswoman spokespeople spokespersons
    reproduce reproduced reproducing replicate replicated replicating replication audit audited auditing
    lawsuit sue sued sues suing sueing court judge lawyer lawyers illegal
    laptop desktop locally local phone iphone android ram vram install
    memory bandwidth interconnect nvlink specs specifications flops teraflops tflops petaflops
    r2 v4 o1 o3 gpt4 gpt5 claude gemini grok mistral qwen kimi anthropic google microsoft amazon apple
    tpu tpus huawei ascend amd intel tsmc
    stockprice apiprice pertoken perhour marketcap rental rent rented renting lease leased
    reviewer reviewers referee referees
    title titled doi citation citations pages journalist journalists reporter reporters byline editor ipo listing
    hype overhyped smarter smartest dumber code github repo repository basemodel weekend weekends
    cloud aws azure gcp capex inference query queries subsidy subsidies subsidized subsidised runway
    marketshare burnrate parentcompany backer backers gpuhours pergpu
    bankroll bankrolls bankrolled bankrolling financing financed financier financiers monthly
    weather rain temperature food pizza recipe recipes restaurant movie movies film music song game games
    sports football soccer basketball crypto bitcoin ethereum nft nfts coin coins dating girlfriend boyfriend
    homework exam exams holiday vacation travel flight hotel car cars election president trump biden
    recover recovered recovering recovery recovers rebound rebounded rebounding
    commerce department dept ministry bureau congress senate whitehouse
    legally legal illegally lawful lawfully unlawful smuggle smuggled smuggling permission permissions consent
    """.split()
) - {"investors", "investor", "power", "pages", "beijing"}

# Named things, by class: a "which X" question wants a fact naming something of class X, and a
# yes/no question naming one member of a class is contradicted by a fact naming only another.
# News sites: the one the story names (Slashdot) and others a question may put in its place, so that "reported by
# reuters" is held against Slashdot.
OUTLETS = frozenset(
    "slashdot reuters bloomberg cnbc cnn bbc wsj nyt techcrunch scmp xinhua axios forbes politico".split()
)
ENTITY_CLASSES: dict[str, frozenset[str]] = {
    "chip": frozenset(
        "h800 a100 h100 h20 b200 h200 gb200 tpu tpus rtx 4090 5090 blackwell hopper ascend mi300 mi300x mi250 "
        "gaudi v100 a800".split()
    ),
    "company": frozenset(
        "deepseek openai nvidia meta google microsoft anthropic huawei amd intel apple amazon alibaba baidu "
        "tencent bytedance xai mistral ibm oracle".split()
    )
    | OUTLETS,
    # Where a paper (or a post in its place) appears: "so they just put it on their blog?" names the wrong one.
    "journal": frozenset("nature science arxiv biorxiv cell lancet blog twitter github substack".split()),
    "person": frozenset("liang wenfeng altman sam jensen huang zuckerberg musk elon".split()),
    "model": frozenset("r1 v3 llama gpt chatgpt o1 o3 claude gemini gemma qwen r2 v4 grok phi bard copilot".split()),
    "market": frozenset(
        "chinese china american america us usa european europe eu japanese japan korean korea indian india taiwanese "
        "taiwan british britain french france german germany russian russia canadian canada".split()
    ),
    "month": frozenset("january february march april may june july august september october november december".split()),
    "weekday": frozenset("monday tuesday wednesday thursday friday saturday sunday".split()),
}
# The companies that make chips: "which amd chips" names a maker; in "what gpu did openai train on" the company
# is whose training it is, not a maker to correct.
CHIP_MAKERS = frozenset("nvidia amd intel huawei google apple amazon".split())
# Words a question uses to ask for a member of a class: "which gpus", "what journal", "which month".
# The words of the unrelated "Read also" links that close the first article: never part of the story,
# so a question about them is off the story even where a word names a chip ("rtx 5090").
READ_ALSO = frozenset(
    """
    guido cantz holiday escapade humorous singapore felicity presence amplify customer duped powder salt
    shipped defective receiving commission rtx 5070 5090 ti scam scammed scams refund refunded
    """.split()
)

CLASS_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        "chip chips gpu gpus card cards accelerator accelerators hardware processor processors".split(), "chip"
    ),
    **dict.fromkeys("company companies firm firms lab labs org organisation organization".split(), "company"),
    **dict.fromkeys("journal journals magazine publication".split(), "journal"),
    **dict.fromkeys("outlet outlets".split(), "outlet"),  # a journal or a news site: Nature, Slashdot
    **dict.fromkeys(
        "person guy man woman founder ceo exec executive boss author authors people official officials".split(),
        "person",
    ),
    **dict.fromkeys("month".split(), "month"),
    **dict.fromkeys("day weekday".split(), "weekday"),
    **dict.fromkeys("version versions release edition variant size".split(), "version"),
    **dict.fromkeys("model models".split(), "model"),
    # Named things no fact names: "which websites got crawled" asks for names the articles never give.
    **dict.fromkeys("website websites site sites url urls domain domains".split(), "site"),
    **dict.fromkeys("event conference interview podcast venue occasion speech panel".split(), "occasion"),
    **dict.fromkeys("city town country nation place".split(), "place"),
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

# The people the articles name, by the parts of their names people type.
PERSON_NAMES: dict[str, str] = {"liang": "liang", "wenfeng": "liang", "sam": "altman", "altman": "altman"}

# Question words that name a subject of the story: a fact about another subject does not answer it.
SUBJECT_WORDS: dict[str, str] = {
    "r1": "r1",
    "v3": "v3",
    "openai": "openai",
    "gpt": "openai",
    "chatgpt": "openai",
    "altman": "openai",
    "meta": "meta",
    "llama": "meta",
    "lama": "meta",
    "lamma": "meta",
    "facebook": "meta",
    "nvidia": "nvidia",
}

# Number words and scales, for figures written in words or slang ("6 mil", "300 grand", "half a million").
NUMBER_WORDS: dict[str, float] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1, "half": 0.5,
    "half a": 0.5, "half an": 0.5,
    "dozen": 12, "few": 3, "couple": 2,
}  # fmt: skip
SCALES: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "thousands": 1e3, "grand": 1e3,
    "m": 1e6, "mm": 1e6, "mil": 1e6, "mill": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6, "mln": 1e6,
    "b": 1e9, "bn": 1e9, "bil": 1e9, "billion": 1e9, "billions": 1e9,
    "t": 1e12, "tn": 1e12, "trillion": 1e12, "trillions": 1e12,
    "hundred": 100, "hundreds": 100,
}  # fmt: skip
# Units by dimension, to tell "80 minutes" from "80 hours" and "$20M" from "20 chips".
UNITS: dict[str, tuple[str, float]] = {
    **dict.fromkeys(("$", "usd", "dollar", "dollars", "bucks", "buck"), ("money", 1.0)),
    **dict.fromkeys(("cents",), ("money", 0.01)),
    **dict.fromkeys(("second", "seconds", "sec", "secs"), ("duration", 1 / 3600)),
    **dict.fromkeys(("minute", "minutes", "min", "mins"), ("duration", 1 / 60)),
    **dict.fromkeys(("hour", "hours", "hr", "hrs", "h"), ("duration", 1.0)),
    **dict.fromkeys(("day", "days"), ("duration", 24.0)),
    **dict.fromkeys(("week", "weeks", "wk", "wks"), ("duration", 168.0)),
    **dict.fromkeys(("month", "months"), ("duration", 730.0)),
    **dict.fromkeys(("year", "years", "yr", "yrs"), ("duration", 8766.0)),
    **dict.fromkeys(
        ("chip", "chips", "gpu", "gpus", "card", "cards", "accelerator", "accelerators", "processor", "processors",
         "h800", "h800s", "h100", "h100s", "a100", "a100s", "units"),
        ("count", 1.0),
    ),
}  # fmt: skip
# The unit a fact's `unit` field means, in the same dimensions.
FACT_UNITS: dict[str, tuple[str, float]] = {
    "usd": ("money", 1.0),
    "chips": ("count", 1.0),
    "gpus": ("count", 1.0),
    "hours": ("duration", 1.0),
    "days": ("duration", 24.0),
    "minutes": ("duration", 1 / 60),
}
# Words that bound a figure: "under $300k", "more than 100 million", "about 300 thousand".
BOUNDS: dict[str, str] = {
    **dict.fromkeys(
        ("under", "below", "less", "fewer", "lower", "cheaper", "<", "max", "most", "shorter", "quicker", "smaller"),
        "below",
    ),
    **dict.fromkeys(
        ("over", "above", "more", "greater", "higher", "exceeds", "exceeding", ">", "least", "longer", "pricier",
         "bigger", "larger"),
        "above",
    ),
    **dict.fromkeys(
        ("about", "around", "roughly", "approx", "approximately", "nearly", "almost", "~", "like", "some",
         "circa", "ish", "close", "rough"),
        "about",
    ),
}  # fmt: skip

# Chat filler that says nothing about a question's shape (unlike "who", "is", "for").
FILLER = frozenset(
    """
    lol lmao lmfao rofl haha hahaha hehe bro bruh dude ngl tbh fr frfr imo imho idk btw fyi smh omg wtf wth ffs
    eli5 tldr
    af asf lowkey highkey deadass pls plz please thanks thx ty yo hey hi hello ok okay so like um uh hmm
    anyway anyways literally basically honestly actually really just yeah yea wait
    """.split()
)

# Opposites: a claim using one side about a fact stating the other says the opposite of it.
ANTONYMS: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(left.split()), frozenset(right.split()))
    for left, right in (
        ("sell sold selling selloff dump dumped dumping crash crashed plunge plunged tank tanked fell fall",
         "buy bought buying rally rallied surge surged soar soared spree pile piled rose rise gained boom boomed "
         "mooned mooning skyrocketed pumped jumped spiked"),
        # "has stopped defending it", "has deepseek backed off distillation".
        ("defend defended defends defending backed champion steadfast",
         "distance distanced abandon abandoned reject rejected oppose opposed disown disowned condemn condemned "
         "dropped ditched backpedaled backtracked backtrack backtracking retreated gaveup quit quits stopped"),
        ("better improve improves improved",
         "worse worsens degrade degrades degraded hurts"),
        ("cheaper cheap lower low fraction affordable reduce reduces reduced reducing",
         "expensive pricier costlier pricey dearer"),
        ("incidental incidentally accident accidental accidentally unintentional unintended",
         "intentional intentionally deliberate deliberately purpose purposely knowingly"),
        ("questioned question doubt doubted skeptical sceptical",
         "accepted accept believed trusted endorsed endorse approved approve signed verified confirmed backed "
         "convinced persuaded satisfied "
         "praised praise lauded applauded commended"),
        # "liang wrote the paper solo" against "co-authored the nature article".
        ("coauthored authored cowrote cowritten coauthor coauthors", "solo alone singlehandedly sole"),
        ("disappeared quiet lowprofile profile silent",
         "nonstop everywhere spotlight posting headlines loud constantly constant blitz limelight"),
        ("still actively developing working",
         "quit quitting stop stops stopping stopped shut dead gaveup abandoned"),  # ("gave" alone gives: "gave up")
        ("accessible affordable democratize democratise democratizing", "exclusive"),
        # "only big tech benefits" against "benefiting smaller companies and startups".
        ("smaller startups startup", "big bigger biggest bigtech giants incumbents"),
        ("open opensource", "proprietary closed locked"),  # "llama is meta's locked-down proprietary model"
        # "r1 is deepseek's image generator right?": a reasoning model is not one that makes pictures.
        ("reasoning reasoningfocused", "image images picture pictures generator midjourney multimodal"),
        # "acknowledged for the first time" against "always upfront about it", "still denies it".
        ("acknowledged acknowledges first",
         "always upfront denies denied deny insist insists insisted"),
        ("supplementary supplemental appendix", "mainbody"),
        # "the beijing debate will die down" against "likely to intensify", "could reignite".
        ("intensify intensifies intensified reignite reignites escalate escalates",
         "subside subsides calm calms fade fades settle settled resolved quieter smaller dies ends"),
        ("surprise surprising unexpected",
         "expected predictable predicted"),
        # "the nature piece was an unreviewed preprint" against "a peer-reviewed article".
        ("peerreviewed reviewed", "unreviewed preprint nonreviewed pressrelease"),
        ("concerns concern worried threat scared",
         "unbothered unconcerned relaxed dismissed dismissive stoked excited thrilled glad pleased delighted hyped"),
    )
)  # fmt: skip
# Words that deny what they go with, in a claim or in a fact's own sentence.
NEGATIONS = frozenset(
    "not never no nope none nothing didnt doesnt dont isnt wasnt arent werent hasnt havent hadnt wont cant couldnt "
    "wouldnt shouldnt aint nor neither".split()
)

# Chat shorthand, read as the word it stands for.
SHORTHAND: dict[str, str] = {
    "info": "information", "doc": "document", "docs": "documents", "gov": "government", "govt": "government",
    "b4": "before", "w/": "with", "bc": "because", "cuz": "because", "prolly": "probably", "tho": "though",
    "hrs": "hours", "hr": "hour", "mins": "minutes", "gpu's": "gpus", "params": "parameters", "mil": "million",
    "yr": "year", "yrs": "years", "ppl": "people", "rn": "now", "dev": "development", "devs": "developers",
    "pub": "published",
    "wen": "when", "wher": "where", "hwo": "how",  # not "qwen", the nearest model name
    "nvda": "nvidia",  # the ticker, as traders type it
    "authorities": "officials",  # not in the officials' group: its stem is "author"s
    "feds": "officials",  # "did the feds buy the cost story": the federal government (not "the fed", the central bank)
    "rite": "right",  # "didnt coment rite away"
    "companys": "company's",  # "which companys llama": the apostrophe left out
    "evry1": "everyone", "every1": "everyone", "any1": "anyone", "some1": "someone",  # digits for "one"
    "mia": "disappeared",  # "since when have they been mia": missing in action
    "sku": "chip", "skus": "chips",  # "what sku was the training cluster": which product, in hardware talk
    "outfit": "company", "outfits": "companies",  # "deepseek is a chinese outfit"
}  # fmt: skip
