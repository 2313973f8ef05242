"""Compose the labelled seed corpus from the hand-written fragments in corpus_fragments.py.

Run from the repository root:  python scripts/make_corpus.py
It writes groundswell/data/corpus/train.jsonl and test.jsonl. The split is made ONCE, by a fixed
seed, and by *fragment*: every content fragment belongs to train or to test, never both, so the
test split measures more than recall of memorised sentences. Openers, closers and sarcasm
wrappers are style and are shared. The output is deterministic for a given seed.
Each record's ``group`` names its main fragment, so tuning can cross-validate by group on the
train split alone (scripts/tune_models.py) and never look at test.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_fragments import (  # noqa: E402
    FIFTH_THEMES,
    FOURTH_OFF_TOPIC,
    FOURTH_THEMES,
    MORE_OFF_TOPIC,
    MORE_THEMES,
    OFF_TOPIC,
    THEMES,
    THIRD_OFF_TOPIC,
    THIRD_THEMES,
)

from groundswell.config import DEFAULT_THEMES as THEME_IDS  # noqa: E402

SEED = 20261126
N_TRAIN, N_TEST = 3400, 800
TEST_SHARE = 0.2
OFF_TOPIC_SHARE = 0.27
OUT = Path(__file__).resolve().parent.parent / "groundswell" / "data" / "corpus"
POSTS = Path(__file__).resolve().parent / "posts"

GROUP_VOICE = {
    "lived": "carer", "self": "person", "staff": "worker", "lead": "professional",
    "org": "organisation", "news": "media", "public": "other",
}
SENT = {"-": "negative", "0": "neutral", "+": "positive"}
VOICE_WEIGHTS = {
    "carer": 24, "person": 14, "worker": 16, "professional": 12,
    "organisation": 12, "media": 12, "other": 10,
}
SOURCES = {
    "carer": {"reddit": 35, "forum": 30, "mastodon": 25, "petition": 10},
    "person": {"reddit": 30, "forum": 25, "mastodon": 35, "petition": 10},
    "worker": {"reddit": 40, "mastodon": 40, "forum": 20},
    "professional": {"mastodon": 55, "forum": 20, "blog": 25},
    "organisation": {"press": 60, "mastodon": 40},
    "media": {"news": 100},
    "other": {"mastodon": 50, "reddit": 30, "petition": 20},
}

RELATIVES = [
    ("my mum", "mum", "f"), ("Mum", "mum", "f"), ("my dad", "dad", "m"), ("Dad", "dad", "m"),
    ("my nan", "nan", "f"), ("my grandad", "grandad", "m"), ("my husband", "husband", "m"),
    ("my wife", "wife", "f"), ("my son", "son", "m"), ("my daughter", "daughter", "f"),
    ("my brother", "brother", "m"), ("my sister", "sister", "f"),
    ("my mother-in-law", "mother-in-law", "f"), ("my father-in-law", "father-in-law", "m"),
    ("my auntie", "auntie", "f"), ("my uncle", "uncle", "m"), ("my partner", "partner", "f"),
    ("my mam", "mam", "f"), ("my step-dad", "step-dad", "m"), ("my gran", "gran", "f"),
]
TOWNS = [
    "Leeds", "Bristol", "Wigan", "Stockport", "Norwich", "Derby", "Swindon", "Hull", "Preston",
    "Sunderland", "Croydon", "Hackney", "Ipswich", "Exeter", "Carlisle", "Barnsley", "Luton",
    "Bolton", "Truro", "Lincoln", "Worthing", "Oldham", "Gateshead", "Blackpool", "Walsall",
    "Kendal", "Hastings", "Rotherham", "Slough", "Dudley", "Cardiff", "Wrexham", "Harrogate",
]
COUNCILS = [
    "Kent County Council", "Birmingham City Council", "Norfolk County Council", "the council",
    "Cumbria County Council", "Leeds City Council", "Hampshire County Council", "Surrey County "
    "Council", "Nottinghamshire County Council", "Bristol City Council", "Lancashire County Council",
    "Devon County Council", "Sheffield City Council", "Essex County Council", "Camden Council",
]
ORGS = [
    "Carers Together", "Home Care Alliance", "North West Care Partnership", "Age Concern {town}",
    "{town} Carers Centre", "Shared Lives {town}", "Dementia Support {town}", "Care Workers Voice",
    "Learning Disability Network", "Mind in {town}", "{town} Advocacy", "Independent Living Forum",
]
OUTLETS = [
    "{town} Gazette", "The {town} Echo", "Care Sector News", "Local Democracy Reporting",
    "{town} Evening Post", "Community Care Weekly", "BBC News", "The Guardian", "ITV News",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "12 March", "3 June", "the 14th"]
SURNAMES = ["Patel", "Jones", "Okafor", "Hughes", "Kowalski", "Brown", "Ahmed", "Murphy"]
CONDITIONS = [
    "dementia", "MS", "Parkinson's", "had a stroke", "COPD", "motor neurone disease",
    "schizophrenia", "a learning disability", "cancer", "Alzheimer's", "heart failure",
    "autism", "bipolar disorder", "Huntington's",
]
MONEY = ["£12", "£40", "£85", "£150", "£230", "£1,200", "£2,400", "£7,000", "£19", "£3"]
WAGES = ["£11.44", "£12.21", "£11.90", "£12.60", "£10.42"]

OPENERS = {
    "carer": [
        "Unpaid carer for {R} here.", "I look after {R} full time.", "Caring for {R} for {n} years now.",
        "{R} has {condition} and I'm {his} main carer.", "Sorry, long post.",
        "Not sure where else to ask.", "Young carer here.", "As {R}'s carer, I'm at the end of my rope.",
        "I care for {R} and work part time.", "Family carer, {n} years in.", "",
    ],
    "person": [
        "I'm disabled and use home care.", "I've got MS and carers come twice a day.",
        "Wheelchair user here.", "Speaking as someone who receives care:",
        "I'm 34 and have had care since my accident.", "Disabled and living alone.",
        "I have carers four times a day.", "As a disabled person who employs PAs,", "",
    ],
    "worker": [
        "Care worker here.", "I'm a carer, the paid kind, in domiciliary care.",
        "Support worker, {n} years in.", "Senior carer on nights.", "Been in care work {n} years.",
        "Registered nurse in a nursing home.", "Social worker here.", "I'm a carer on a zero hours contract.",
        "HCA on a care of the elderly ward.", "",
    ],
    "professional": [
        "As a registered manager,", "Speaking as a commissioner,", "I run a small home care agency.",
        "Director of adult social services here.", "As a researcher in social care,",
        "I manage {n} care homes in the north.", "Thread from today's ADASS session:",
        "Reflections as a principal social worker:", "",
    ],
    "organisation": ["{org} statement:", "News from {org}:", "Update from {org}:", "", ""],
    "other": ["Genuine question:", "Hot take:", "Unpopular opinion:", "Just saying.", "", ""],
    "media": [""],
}
CLOSERS = {
    "negative": [
        "Something has to change.", "I'm so tired.", "Absolutely sick of it.", "This system is broken.",
        "Rant over.", "Not good enough.", "Why is it always like this?", "Fuming.", "I give up.",
        "Honestly at a loss.", "Disgraceful.", "How is this acceptable?", "😡", "😞", "Heartbroken.",
        "Nobody cares until it's their family.", "Shocking.", "It's soul destroying.",
    ],
    "positive": [
        "Made my day.", "Credit where it's due.", "Thank you!", "❤️", "Feeling hopeful for once.",
        "More of this please.", "Small wins.", "So grateful.", "Brilliant news.", "😊",
        "This is what good looks like.", "Couldn't be prouder.", "Faith restored.",
    ],
    "neutral": [
        "Any advice appreciated.", "Thanks in advance.", "Has anyone else been through this?",
        "Details below.", "More info on our website.", "Would be good to hear others' experience.",
        "Link in bio.", "Full details on the council website.", "Happy to share notes.",
    ],
}
SARCASM = [
    "Love how {f}", "Brilliant. {F} Just brilliant.", "Great news everyone: {f} 🙃",
    "Fantastic system we've got. {F}", "Oh good, {f}", "Really feeling the love. {F}",
    "World-class care, this. {F}", "{F} But sure, we're all 'heroes'.", "{F} Thanks for nothing.",
    "Another wonderful day in social care! {F}", "{F} Loving life. Not.", "{F} Marvellous. 👏",
    "{F} Yay, living the dream.", "Nothing says 'we value you' like this: {F}",
]
CONNECT = ["{A} But {b}", "{A} That said, {b}", "{A} Still, {b}", "{A} On the other hand, {b}"]
HASHTAGS = {
    "workforce": ["#CareWorkers", "#SocialCare", "#PayCareWorkers"],
    "funding": ["#SocialCare", "#FundSocialCare", "#CareCrisis"],
    "unpaid_carers": ["#Carers", "#UnpaidCarers", "#CarersWeek"],
    "safeguarding": ["#Safeguarding", "#SocialCare"], "culture": ["#Whistleblowing", "#Leadership"],
    "hospital_discharge": ["#NHS", "#SocialCare", "#Discharge"],
    "home_care": ["#HomeCare", "#SocialCare"], "care_homes": ["#CareHomes", "#SocialCare"],
    "learning_disability_autism": ["#LearningDisability", "#Autism", "#StopTheScandal"],
    "mental_health": ["#MentalHealth", "#MentalHealthAct"], "dementia": ["#Dementia", "#DementiaCare"],
    "personalisation": ["#DirectPayments", "#IndependentLiving"],
    "community_models": ["#SharedLives", "#CoProduction", "#CommunityLedSupport"],
    "regulation": ["#CQC", "#SocialCare"], "benefits": ["#PIP", "#CarersAllowance"],
    "reform": ["#SocialCareReform", "#NationalCareService"],
}
REDDIT_TITLES = {
    "negative": ["I can't do this anymore", "Rant", "Is this normal??", "At breaking point",
                 "Furious with {la}", "Vent, sorry", "How is this allowed?", "Worst week yet"],
    "neutral": ["Advice please", "Question about {topic}", "Has anyone dealt with {topic}?",
                "Where do I start?", "{topic} - what to expect?", "Quick question"],
    "positive": ["Good news for once!", "Small win", "Update: it worked out",
                 "Some positivity", "Thank you all", "A good day"],
}
TOPIC = {
    "workforce": "staffing", "funding": "care costs", "unpaid_carers": "caring",
    "safeguarding": "safeguarding", "culture": "raising concerns",
    "hospital_discharge": "hospital discharge", "home_care": "home care",
    "care_homes": "care homes", "learning_disability_autism": "supported living",
    "mental_health": "mental health services", "dementia": "dementia", "personalisation": "direct payments",
    "community_models": "Shared Lives", "regulation": "CQC", "benefits": "PIP", "reform": "the reforms",
}
OFF_TITLES = {
    "negative": ["Rant", "Vent", "Worst day", "Is this normal?", "Ugh"],
    "neutral": ["Quick question", "Advice please", "Recommendations?", "Help needed"],
    "positive": ["Good news!", "Happy Friday", "Small win", "A good day"],
}
PETITIONS = [
    ("Raise Carer's Allowance to at least the National Living Wage", ["benefits", "unpaid_carers"], "-"),
    ("Write off Carer's Allowance overpayments caused by DWP errors", ["benefits", "unpaid_carers"], "-"),
    ("Save the {town} day centre from closure", ["funding"], "-"),
    ("Introduce a minimum wage of £15 an hour for care workers", ["workforce"], "0"),
    ("Give families the legal right to visit relatives in care homes", ["care_homes"], "0"),
    ("End 15-minute home care visits", ["home_care"], "-"),
    ("Get autistic people out of inpatient units and home", ["learning_disability_autism"], "-"),
    ("Fund a National Care Service now", ["reform", "funding"], "0"),
    ("Stop the closure of {town}'s only dementia nursing home", ["dementia", "care_homes"], "-"),
    ("Make CHC assessments fair and transparent", ["funding"], "-"),
    ("Guarantee respite breaks for every unpaid carer", ["unpaid_carers"], "0"),
    ("Scrap PIP reassessments for lifelong conditions", ["benefits"], "-"),
]
PETITION_BODY = [
    "We call on the Government to act now.", "Please sign and share.",
    "Thousands of families are struggling and nobody is listening.",
    "I started this petition because of what happened to my family.",
    "If it gets 100,000 signatures it will be considered for debate.", "",
]
TYPO_SWAPS = [("and", "&"), ("because", "cos"), ("you", "u"), ("the council", "the LA"),
              ("local authority", "LA"), ("Carer's Allowance", "CA"), ("hospital", "hosp"),
              ("absolutely", "abs"), ("with", "w/")]


def parse_lines(block: str) -> list[dict]:
    out = []
    for line in block.strip().splitlines():
        group, sent, rest = line.split(" ", 2)
        extra = re.findall(r"\[\+(\w+)\]", rest)
        text = re.sub(r"\s*\[\+\w+\]", "", rest).strip()
        out.append({"group": group, "sent": SENT[sent], "text": text, "extra": extra})
    return out


def load_fragments() -> tuple[list[dict], list[dict]]:
    frags = []
    batches = (THEMES, MORE_THEMES, THIRD_THEMES, FOURTH_THEMES, FIFTH_THEMES)
    blocks = [(t, b) for batch in batches for t, b in batch.items()]
    for theme, block in blocks:
        for f in parse_lines(block):
            f["themes"] = [theme, *f["extra"]]
            f["gid"] = f"c{len(frags)}"
            frags.append(f)
    off = [f for block in (OFF_TOPIC, MORE_OFF_TOPIC, THIRD_OFF_TOPIC, FOURTH_OFF_TOPIC)
           for f in parse_lines(block)]
    for i, f in enumerate(off):
        f["gid"] = f"o{i}"
    return frags, off


class Composer:
    def __init__(self, rng: random.Random, frags: list[dict], off: list[dict]):
        self.rng = rng
        self.frags = frags
        self.off = off
        self.by_voice: dict[str, list[dict]] = {}
        for f in frags:
            self.by_voice.setdefault(GROUP_VOICE[f["group"]], []).append(f)
        self.public = self.by_voice.get("other", [])

    def fill(self, text: str, ctx: dict) -> str:
        def sub(m: re.Match) -> str:
            key = m.group(1)
            if key in ctx:
                return ctx[key]
            cap = key[0].isupper()
            val = ctx.get(key.lower())
            if val is None:
                return m.group(0)
            return val[0].upper() + val[1:] if cap else val
        text = re.sub(r"\{(\w+)\}", sub, text)
        # "my mum" mid-sentence, "My mum" at the start of one.
        text = re.sub(r"(^|[.!?:]\s+|\n)(my )", lambda m: m.group(1) + "My ", text)
        return text

    def context(self) -> dict:
        rng = self.rng
        rel_np, rel, g = rng.choice(RELATIVES)
        town = rng.choice(TOWNS)
        ctx = {
            "r": rel_np, "rel": rel, "he": "he" if g == "m" else "she",
            "him": "him" if g == "m" else "her", "his": "his" if g == "m" else "her",
            "n": str(rng.randint(2, 9)), "pct": str(rng.randint(8, 45)), "town": town,
            "money": rng.choice(MONEY), "wage": rng.choice(WAGES), "day": rng.choice(DAYS),
            "surname": rng.choice(SURNAMES), "condition": rng.choice(CONDITIONS),
            "la": rng.choice(["the council", "the LA", "social services", "adult social care"]),
        }
        ctx["council"] = rng.choice(COUNCILS).replace("{town}", town)
        ctx["org"] = rng.choice(ORGS).replace("{town}", town)
        ctx["outlet"] = rng.choice(OUTLETS).replace("{town}", town)
        # {R} at the start of a sentence keeps "Mum"/"Dad" as written, capitalises "my mum".
        ctx["R"] = rel_np
        return ctx

    def pick(self, voice: str, sentiment: str | None = None, theme: str | None = None):
        pool = self.by_voice[voice]
        cands = [f for f in pool if (sentiment is None or f["sent"] == sentiment)
                 and (theme is None or theme in f["themes"])]
        return self.rng.choice(cands) if cands else None

    def relevant_post(self) -> dict:
        rng = self.rng
        voice = rng.choices(list(VOICE_WEIGHTS), weights=list(VOICE_WEIGHTS.values()))[0]
        ctx = self.context()
        source = rng.choices(list(SOURCES[voice]), weights=list(SOURCES[voice].values()))[0]
        petition = rng.choice(PETITIONS) if source == "petition" else None
        first = None
        if petition:
            first = (self.pick(voice, "negative", rng.choice(petition[1]))
                     or self.pick(voice, "neutral", rng.choice(petition[1])))
        first = first or self.pick(voice)
        sentences = [first["text"]]
        used = [first["gid"]]
        themes = list(first["themes"])
        sentiment = first["sent"]
        roll = rng.random()
        personal = voice in ("carer", "person", "worker", "professional")
        if voice != "media" and roll < 0.18 and sentiment != "neutral":
            # Mixed feelings: the clause after the contrast carries the label.
            other = "positive" if sentiment == "negative" else "negative"
            theme = first["themes"][0] if rng.random() < 0.6 else None
            second = self.pick(voice, other, theme) or self.pick(voice, other)
            if second:
                b = second["text"]
                b = b[0].lower() + b[1:] if not _keep_case(b) else b
                sentences = [rng.choice(CONNECT).replace("{A}", first["text"]).replace("{b}", b)]
                themes += second["themes"]
                used.append(second["gid"])
                sentiment = second["sent"]
        elif voice != "media" and roll < 0.50:
            pool = self.public if personal and rng.random() < 0.3 else None
            same = first["themes"][0] if rng.random() < 0.7 else None
            second = (rng.choice([f for f in pool if f["sent"] == sentiment] or pool)
                      if pool else self.pick(voice, sentiment, same) or self.pick(voice, sentiment))
            if second and second is not first and second["sent"] == sentiment:
                sentences.append(second["text"])
                themes += second["themes"]
                used.append(second["gid"])
        if sentiment == "negative" and voice not in ("media", "organisation") and rng.random() < 0.16:
            body = " ".join(sentences)
            f_low = body if _keep_case(body) else body[0].lower() + body[1:]
            sentences = [rng.choice(SARCASM).replace("{f}", f_low).replace("{F}", body)]
        text = " ".join(sentences)
        if voice != "media":
            opener = rng.choice(OPENERS[voice]) if rng.random() < 0.55 else ""
            if opener:
                text = opener + " " + text
            if rng.random() < 0.35:
                pool = CLOSERS[sentiment] if rng.random() < 0.8 else CLOSERS["neutral"]
                if sentiment == "neutral" or pool is CLOSERS[sentiment]:
                    text += " " + rng.choice(pool)
        if petition:
            title, pthemes, psent = petition
            themes += pthemes
            text = f"Petition: {title}\n\n{text} {rng.choice(PETITION_BODY)}".strip()
            if psent == "-" and sentiment != "negative":
                sentiment = "negative"
        text = self.fill(text, ctx)
        text = self.dress(text, source, voice, sentiment, themes, ctx)
        themes = sorted(set(themes), key=list(THEMES).index)
        return {"text": text, "relevant": True, "sentiment": sentiment, "voice": voice,
                "themes": themes, "source": source, "group": first["gid"], "fragments": used}

    def off_topic_post(self) -> dict:
        rng = self.rng
        f = rng.choice(self.off)
        text, sentiment, voice = f["text"], f["sent"], f["group"]
        used = [f["gid"]]
        if voice == "other" and rng.random() < 0.3:
            g = rng.choice([o for o in self.off if o["group"] == "other" and o["sent"] == sentiment])
            if g is not f:
                text += " " + g["text"]
                used.append(g["gid"])
        if voice == "other" and rng.random() < 0.2:
            text += " " + rng.choice(CLOSERS[sentiment] if sentiment != "neutral" else ["", "x", "?"])
        source = {"media": "news", "organisation": "mastodon"}.get(
            voice, rng.choice(["mastodon", "reddit", "forum", "mastodon"]))
        ctx = self.context()
        text = self.dress(self.fill(text.strip(), ctx), source, voice, sentiment, [], ctx)
        return {"text": text, "relevant": False, "sentiment": sentiment, "voice": voice,
                "themes": [], "source": source, "group": f["gid"], "fragments": used}

    def dress(self, text, source, voice, sentiment, themes, ctx) -> str:
        rng = self.rng
        if source == "reddit" and not themes and rng.random() < 0.5:
            text = rng.choice(OFF_TITLES[sentiment]) + "\n\n" + text
        elif source == "reddit" and themes and rng.random() < 0.7:
            topic = TOPIC[themes[0]] if themes else rng.choice(["this", "life", "work"])
            title = rng.choice(REDDIT_TITLES[sentiment]).replace("{topic}", topic)
            title = title.replace("{la}", ctx["la"])
            text = f"{title}\n\n{text}"
            if rng.random() < 0.15:
                text += "\n\nEdit: thank you for all the replies."
        elif source == "forum" and rng.random() < 0.6:
            text = rng.choice(["Hi all, ", "Hello everyone. ", "Hi, first post here. ", ""]) + text
        elif source == "press":
            text = rng.choice(["PRESS RELEASE: ", f"{ctx['council']} news: ", ""]) + text
            if rng.random() < 0.3:
                text += " For more information contact the press office."
        elif source == "news" and rng.random() < 0.5:
            text = f"{text} | {ctx['outlet']}"
        elif source == "blog" and rng.random() < 0.5:
            text = rng.choice(["New blog post: ", "Long read: ", "Thread 🧵 "]) + text
        if source == "mastodon" and themes and rng.random() < 0.5:
            tags = rng.sample(HASHTAGS[themes[0]], k=min(2, len(HASHTAGS[themes[0]])))
            text += " " + " ".join(tags)
        if voice in ("carer", "person", "worker", "other"):
            for a, b in TYPO_SWAPS:
                if rng.random() < 0.12:
                    text = re.sub(rf"\b{re.escape(a)}\b", b, text, count=1)
            if rng.random() < 0.08:
                text = text.lower()
            if rng.random() < 0.1:
                text = text.rstrip(".")
            if rng.random() < 0.06:
                words = text.split(" ")
                i = rng.randrange(len(words))
                w = words[i]
                if len(w) > 4 and w.isalpha():
                    j = rng.randrange(1, len(w) - 2)
                    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
                text = " ".join(words)
        return text


def _keep_case(text: str) -> bool:
    first = text.split(" ", 1)[0].strip(".,:")
    return first == "I" or first.startswith("{") or (len(first) > 1 and first.isupper()) or \
        first in {"Mum", "Dad", "Mrs", "PIP", "CQC", "CHC", "DoLS"}


def split_fragments(items: list[dict], rng: random.Random) -> tuple[list[dict], list[dict]]:
    train, test = [], []
    for f in items:
        (test if rng.random() < TEST_SHARE else train).append(f)
    return train, test


def generate(n: int, frags: list[dict], off: list[dict], rng: random.Random, prefix: str):
    comp = Composer(rng, frags, off)
    seen, out = set(), []
    while len(out) < n:
        rec = comp.off_topic_post() if rng.random() < OFF_TOPIC_SHARE else comp.relevant_post()
        if rec["text"] in seen:
            continue
        seen.add(rec["text"])
        out.append({"id": f"{prefix}-{len(out) + 1:05d}", **rec})
    return out


def load_posts(folder: Path = POSTS) -> list[dict]:
    """Whole hand-written posts (``posts/*.txt``, by file name): ``SENT VOICE THEMES | text`` a line."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        out += _read_posts(path, start=len(out))
    return out


def _read_posts(path: Path, start: int) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{path.name} line {n}"
        head, sep, text = line.partition(" | ")
        parts = head.split()
        if not sep or len(parts) != 3 or not text.strip():
            raise ValueError(f"{where}: expected 'SENTIMENT VOICE THEMES | text', got {line[:60]!r}")
        sent, voice, themes = parts
        if sent not in SENT:
            raise ValueError(f"{where}: sentiment must be one of - 0 +, got {sent!r}")
        if voice not in VOICE_WEIGHTS:
            raise ValueError(f"{where}: unknown voice {voice!r}")
        if themes == "x" and voice not in ("other", "organisation", "media"):
            raise ValueError(f"{where}: an off-topic post speaks as other, organisation or media, not {voice!r}")
        unknown = set(themes.split(",")) - set(THEME_IDS) - {"x"}
        if unknown:
            raise ValueError(f"{where}: unknown theme(s) {sorted(unknown)}")
        gid = f"h{start + len(out) + 1}"
        out.append({"text": text.strip(), "relevant": themes != "x", "sentiment": SENT[sent],
                    "voice": voice, "themes": [] if themes == "x" else themes.split(","),
                    "source": "handwritten", "batch": path.stem, "group": gid, "fragments": [gid]})
    return out


def main() -> None:
    rng = random.Random(SEED)
    frags, off = load_fragments()
    tr_f, te_f = split_fragments(frags, rng)
    tr_o, te_o = split_fragments(off, rng)
    train = generate(N_TRAIN, tr_f, tr_o, random.Random(SEED + 1), "seed-train")
    test = generate(N_TEST, te_f, te_o, random.Random(SEED + 2), "seed-test")
    # Whole hand-written posts join the train split only; test stays composed from held-out
    # fragments, so its figures remain comparable from one corpus version to the next.
    posts = load_posts()
    train += [{"id": f"seed-train-h{i:04d}", **p} for i, p in enumerate(posts, 1)]
    OUT.mkdir(parents=True, exist_ok=True)
    for name, rows in (("train", train), ("test", test)):
        with open(OUT / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"fragments: {len(tr_f)} train / {len(te_f)} test content, "
          f"{len(tr_o)} / {len(te_o)} off-topic; posts: {len(train)} train ({len(posts)} whole "
          f"hand-written), {len(test)} test")


if __name__ == "__main__":
    main()
