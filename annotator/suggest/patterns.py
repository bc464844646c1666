"""The attribution-pattern recommender: cue, source and claim from the shapes of Arabic
reporting (see ARABIC.md, "How attribution is written" and "Span conventions").

Each sentence is read as tokens in search form. A cue (a reporting verb in any
conjugation, a participle, a passive, «قوله», a prepositional or a nominal cue) anchors
a pattern; the source is the noun phrase after the cue (or before it, in subject–verb
order) up to a boundary, and the claim runs from «إن/أن/بأن» or an opening quote to the
end of its clause. A cue verb with neither a complement nor a quote is an act, not
speech, and gives nothing.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

from annotator.core.normalize import normalise_for_search
from annotator.core.spans import BOUNDARY_PUNCTUATION
from annotator.core.tokens import sentences, tokenize
from annotator.suggest import lexicon as lx
from annotator.suggest.model import Candidates

NAME = "patterns"

_OPEN_QUOTES = {"«": "»", "“": "”", '"': '"', "‹": "›", "„": "“"}
_SENTENCE_STOPS = frozenset(".؟!?")
_MAX_SOURCE = 12
_MAX_GAP = 8
# Verbs that may follow their claim at the end of a sentence («…، قال المسؤول»).
_POSTPOSED = frozenset({"قال", "أضاف", "أكد", "ذكر", "أوضح", "تابع", "صرح", "أفاد"})
# A source never starts with a preposition («قالوا في السابق إن …»).
_NOT_A_SOURCE_START = frozenset({"في", "من", "الي", "علي", "مع", "بعد", "قبل", "حول", "بشان"})


# Words that open a clause without being its subject («وفي الأثناء», «كما»), and
# relative pronouns (the subject would end before them).
_NOT_A_SUBJECT = frozenset(
    {
        "كما",
        "ثم",
        "اذ",
        "حيث",
        "لكن",
        "بينما",
        "فيما",
        "عندما",
        "بعدما",
        "الذي",
        "التي",
        "الذين",
        "اللذين",
        "اللتين",
        "اللواتي",
        "وسط",
        "عقب",
        "اثر",
        "اثناء",
        "لدي",
        "عند",
        "كذلك",
        "بدوره",
        "بدورها",
        "بدورهم",
        "من",
        "ما",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
    }
)
# A comma and one of these open a second claim of the same cue.
_COORDINATED = frozenset({"وان", "وبان", "وانه", "وانها", "وانهم"})
_LATIN = re.compile(r"[A-Za-z0-9]")


def _latin(raw: str) -> bool:
    return bool(_LATIN.match(raw))


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    raw: str
    fold: str

    @property
    def punct(self) -> bool:
        return len(self.raw) == 1 and not self.raw.isalnum()


def _punctuation() -> str:
    marks = {
        chr(c)
        for c in range(0x3000)
        if unicodedata.category(chr(c)).startswith("P") and chr(c) not in "-_"
    }
    return "".join(sorted(marks | set(BOUNDARY_PUNCTUATION) | set("\u2018\u2019\u201c\u201d")))


_PUNCT = re.escape(_punctuation())
_DIRECTION = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
_FOLDED: dict[str, str] = {}


def _fold(word: str) -> str:
    folded = _FOLDED.get(word)
    if folded is None:
        if len(_FOLDED) > 100_000:
            _FOLDED.clear()
        folded = _FOLDED[word] = normalise_for_search(word)
    return folded


def _strip_conjunction(fold: str) -> str:
    return fold[1:] if len(fold) > 2 and fold[0] in "وف" else fold


def _skip_clitic(text: str, start: int) -> int:
    """The offset after a one-letter proclitic and its diacritics."""
    pos = start + 1
    while pos < len(text) and unicodedata.category(text[pos]) == "Mn":
        pos += 1
    return pos


class _Article:
    """One article's tokens and what the patterns have proposed so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.out = Candidates()
        self.last_speaker: int | None = None
        self.pending_relay: int | None = None
        self.tokens = [Token(s, e, text[s:e], _fold(text[s:e])) for s, e in tokenize(text)]
        self._starts: list[int] | None = None
        self._role_heads: list[int] | None = None

    def tokens_before(self, pos: int) -> int:
        """How many tokens start before offset ``pos``."""
        if self._starts is None:
            self._starts = [t.start for t in self.tokens]
        return bisect_left(self._starts, pos)

    def role_head_before(self, stop: int) -> int | None:
        """The index of the last token before index ``stop`` that names a role or a body.

        Found by bisection in a list made once: a claim with no speaker looks back over
        the whole article, which made a long article's suggestions quadratic.
        """
        if self._role_heads is None:
            self._role_heads = [
                k
                for k, t in enumerate(self.tokens)
                if _strip_conjunction(t.fold) in lx.ROLE_HEADS or t.fold in lx.ROLE_HEADS
            ]
        at = bisect_left(self._role_heads, stop)
        return self._role_heads[at - 1] if at > 0 else None

    # -- spans ---------------------------------------------------------------------

    def span(self, label: str, start: int, end: int, score: float) -> int | None:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and (self.text[end - 1].isspace() or self.text[end - 1] in "،,:؛"):
            end -= 1
        if start >= end:
            return None
        return self.out.add_span(label, start, end, score, NAME)

    def link(self, type_: str, a: int | None, b: int | None, score: float) -> None:
        if a is not None and b is not None:
            self.out.add_link(type_, a, b, score, NAME)


def suggest(text: str) -> Candidates:
    """Candidate CUE, SOURCE and CLAIM spans and their links for one article."""
    article = _Article(text)
    by_start = {t.start: i for i, t in enumerate(article.tokens)}
    for s, e in sentences(text):
        first = by_start.get(s)
        if first is None:
            continue
        last = first
        while last + 1 < len(article.tokens) and article.tokens[last + 1].end <= e:
            last += 1
        _Sentence(article, first, last + 1).run()
    return article.out


class _Sentence:
    def __init__(self, article: _Article, first: int, stop: int) -> None:
        self.a = article
        self.toks = article.tokens
        self.first = first
        self.stop = stop
        self.used: set[int] = set()
        self.claims: list[int] = []  # claims found so far in this sentence
        self.prep_source: int | None = None
        self.postposed_speaker: int | None = None
        self.outlet_bare = False
        self.outlet_first = 0

    def fold(self, i: int) -> str:
        return self.toks[i].fold if self.first <= i < self.stop else ""

    def raw(self, i: int) -> str:
        return self.toks[i].raw if self.first <= i < self.stop else ""

    # -- cue recognition --------------------------------------------------------------

    def verb_at(self, i: int) -> tuple[lx.CueForm, bool] | None:
        """The cue form at token i, and whether a conjunction is attached in front."""
        fold = self.fold(i)
        if fold in lx.CUE_FORMS:
            return lx.CUE_FORMS[fold], False
        bare = _strip_conjunction(fold)
        if bare != fold and bare in lx.CUE_FORMS:
            return lx.CUE_FORMS[bare], True
        return None

    def passive_at(self, i: int) -> bool:
        fold = _strip_conjunction(self.fold(i))
        raw = self.raw(i)
        if fold != self.fold(i):
            raw = raw[1:].lstrip("\u064e\u064f\u0650\u0651\u0652")
        damma = len(raw) > 1 and raw[1] == "\u064f"
        if not (fold in lx.PASSIVES or damma):
            return False
        nxt = self.fold(i + 1)
        return nxt in lx.COMPLEMENTIZERS

    def prepositional_at(self, i: int) -> tuple[int, int] | None:
        """(cue end offset, index of the first source token) of a prepositional cue at i."""
        fold = self.fold(i)
        if fold not in ("وفقا", "وفق") and not (fold[:1] == "و" and fold[1:] in ("وفقا", "وفق")):
            fold = _strip_conjunction(fold)
        elif fold[:2] == "وو":
            fold = fold[1:]
        for pattern in lx.PREPOSITIONAL:
            if fold != pattern[0]:
                continue
            if len(pattern) == 1:
                if fold == "حسبما" and self.verb_at(i + 1) is not None:
                    return self.toks[i + 1].end, i + 2
                if self.fold(i + 1) == "ما" and self.verb_at(i + 2) is not None:
                    return self.toks[i + 2].end, i + 3  # «بحسب ما أفادت …»
                if fold == "وفق":
                    return None  # «وفق الخطة»: only «وفق ما أعلنت …» reports
                return self.toks[i].end, i + 1
            nxt = self.fold(i + 1)
            if nxt == pattern[1]:
                return self.toks[i + 1].end, i + 2
            if pattern[1] == "ل" and nxt.startswith("ل") and len(nxt) > 2:
                return _skip_clitic(self.a.text, self.toks[i + 1].start), i + 1
        return None

    def cue_start(self, i: int, conj: bool) -> int:
        start = self.toks[i].start
        return _skip_clitic(self.a.text, start) if conj else start

    # -- the walk ---------------------------------------------------------------------

    def run(self) -> None:
        i = self.first
        while i < self.stop:
            if i in self.used:
                i += 1
                continue
            i = self.at(i) or i + 1

    def at(self, i: int) -> int | None:
        fold = _strip_conjunction(self.fold(i))
        if self.passive_at(i):
            return self.passive(i)
        if fold in lx.SAYING_NOUNS:
            return None
        prep = self.prepositional_at(i)
        if prep is not None:
            return self.prepositional(i, *prep)
        verb = self.verb_at(i)
        if verb is not None:
            return self.verbal(i, *verb)
        if fold in lx.NOMINAL_CUES and self.fold(i - 1) in ("في", "وفي"):
            return self.nominal_cue(i)
        return None

    def passive(self, i: int) -> int:
        conj = _strip_conjunction(self.fold(i)) != self.fold(i)
        cue = self.a.span("CUE", self.cue_start(i, conj), self.toks[i].end, 0.8)
        claim, after = self.claim_from(i + 1)
        if claim is not None:
            self.a.link("HAS_CUE", claim, cue, 0.8)
        self.used.add(i)
        return after

    def verbal(self, i: int, form: lx.CueForm, conj: bool) -> int | None:
        verb = form.verb
        cue_end = self.toks[i].end
        j = i + 1
        if self.fold(j) in verb.prepositions:
            cue_end = self.toks[j].end
            j += 1
        if verb.prep_claim and j > i + 1 and not self.introduces_claim(j):
            # «وشددت على ضرورة …»: after the verb's own preposition comes the claim.
            return self.prep_nominal(i, conj, cue_end, j)
        # Subject before its verb: «الشرطة أكدت أن …».
        subject = None
        if form.tense != "participle" and self.introduces_claim(self.after_channel(j)):
            subject = self.subject_before(i)
        source_end, boundary = (j, j) if subject else self.source_extent(j, verb)
        if not subject and source_end > j:
            source_end, boundary = self.past_own_preposition(source_end, boundary, verb)
        relay_source = None
        relay_cue = None
        k = boundary
        if verb.relay and self.fold(k) == "عن" and source_end > j:
            relay_start = k + 1
            relay_end, k = self.source_extent(relay_start, verb)
            if relay_end > relay_start and self.fold(k) in lx.SAYING_NOUNS:
                relay_cue = k
                k += 1
            relay_source = (relay_start, relay_end)
        elif source_end > j and self.fold(k) in ("علي", "نقلا") and self.prepositional_at(k):
            relay_cue = k
            relay_start = k + 2
            relay_end, k = self.source_extent(relay_start, verb)
            relay_source = (relay_start, relay_end)
        outlet = None
        self.outlet_bare = False
        if self.fold(k) in ("في", "وفي") and self.is_outlet(k + 2):
            k += 2  # «في تصريحات لقناة …»: the channel phrase, then the outlet
        elif (
            self.fold(k) in ("في", "وفي")
            and self.fold(k + 1) in lx.CHANNEL_NOUNS
            and self.fold(k + 2) == "مع"
            and self.fold(k + 3) in lx.OUTLET_HEADS
        ):
            k += 3  # «في مقابلة مع صحيفة "ماركا"»
            self.outlet_bare = True
        if self.outlet_bare or self.is_outlet(k):
            outlet_end, k = self.source_extent(k, verb, outlet=True)
            outlet = (k, outlet_end)
        if verb.prep_claim and self.fold(k) not in verb.prepositions and source_end > j:
            # «دعا المبعوث في إحاطة أمام المجلس إلى …»: the preposition after the channel.
            m = k
            while m < self.stop and m - k <= _MAX_GAP and not self.toks[m].punct:
                if self.fold(m) in verb.prepositions:
                    k = m
                    break
                if self.verb_at(m) is not None:
                    break
                m += 1
        intro = self.find_intro(k, verb)
        nominal = None
        quoted_before = None
        if intro is None and form.tense != "participle":
            quoted_before = self.quote_before(i)
        if intro is None and verb.nominal:
            nominal = self.nominal_claim(j, source_end)
            if nominal is None:
                return None
            source_end = nominal
        elif intro is None and verb.prep_claim and self.fold(k) in verb.prepositions:
            intro = k
        if intro is None and verb.prep_claim and self.fold(k) in verb.prepositions:
            intro = k
        postposed = None
        if intro is None and quoted_before is None and nominal is None:
            if verb.prep_claim and self.fold(k) in verb.prepositions:
                pass
            else:
                postposed = self.postposed(i, verb, boundary)
                if postposed is None:
                    return None
        # The spans.
        cue = self.a.span("CUE", self.cue_start(i, conj), cue_end, 0.9)
        source = None
        if subject is not None:
            source = self.source_span(*subject)
        elif source_end > j:
            source = self.source_span(j, source_end)
        speaker = source
        if self.a.pending_relay is not None:
            self.a.link("RELAYED_BY", source, self.a.pending_relay, 0.7)
            self.a.pending_relay = None
        if relay_source is not None and relay_source[1] > relay_source[0]:
            relayed = self.source_span(*relay_source)
            self.a.link("RELAYED_BY", relayed, source, 0.85)
            speaker = relayed
        if outlet is not None:
            outlet_span = self.outlet_span(self.outlet_first, outlet[1])
            self.a.link("RELAYED_BY", speaker, outlet_span, 0.8)
        claim_cue = cue
        if relay_cue is not None:
            end_tok = relay_cue + (0 if self.fold(relay_cue) in lx.SAYING_NOUNS else 1)
            claim_cue = self.a.span("CUE", self.toks[relay_cue].start, self.toks[end_tok].end, 0.85)
            self.used.update({relay_cue, end_tok})
        if postposed is not None:
            existing, start, end = postposed
            if existing is not None:
                # «…، وفقاً لوسائل الإعلام، قال مسؤول»: the claim is already there.
                self.attribute(existing, speaker)
                if self.prep_source is not None:
                    self.a.link("RELAYED_BY", speaker, self.prep_source, 0.7)
                self.used.update(range(i, boundary))
                return max(boundary, i + 1)
            claim = self.a.span("CLAIM", start, end, 0.75)
            self.postposed_speaker = speaker
            after = boundary
        elif quoted_before is not None:
            claim = self.a.span("CLAIM", *quoted_before, 0.8)
            after = boundary
        elif nominal is not None:
            claim, after = self.claim_span(nominal, 0.6)
        elif intro is not None and verb.prep_claim and self.fold(intro) in verb.prepositions:
            claim, after = self.claim_span(intro + 1, 0.7)
        elif intro is not None:
            claim, after = self.claim_from(intro)
        if claim is None:
            return after
        self.a.link("HAS_CUE", claim, claim_cue, 0.9)
        self.attribute(claim, speaker)
        self.claims.append(claim)
        # «أضافت أن …، وأن …»: a second claim of the same cue and speaker.
        while self.fold(after) == "،" and self.fold(after + 1) in _COORDINATED:
            more, after = self.claim_span(after + 2, 0.8)
            if more is None:
                break
            self.a.link("HAS_CUE", more, claim_cue, 0.8)
            self.attribute(more, speaker)
            self.claims.append(more)
        self.used.update(range(i, after))
        return after

    def prep_nominal(self, i: int, conj: bool, cue_end: int, j: int) -> int | None:
        if j >= self.stop or self.toks[j].punct:
            return None
        cue = self.a.span("CUE", self.cue_start(i, conj), cue_end, 0.8)
        claim, after = self.claim_span(j, 0.6)
        if claim is None:
            return None
        self.a.link("HAS_CUE", claim, cue, 0.8)
        self.attribute(claim, None)
        self.claims.append(claim)
        self.used.update(range(i, after))
        return after

    def postposed(self, i: int, verb: lx.Verb, boundary: int) -> tuple[int | None, int, int] | None:
        """A claim before «، قال المسؤول» at the end of its sentence.

        Returns:
            (a claim already found in the sentence, or None; start and end of the clause
            before the verb), or None when the shape is not there.
        """
        if verb.lemma not in _POSTPOSED or self.fold(i - 1) != "،" or i - 2 < self.first:
            return None
        ends = boundary >= self.stop or self.fold(boundary) in _SENTENCE_STOPS
        if not ends and self.prepositional_at(boundary) is None:
            return None
        if self.claims:
            return self.claims[-1], 0, 0
        first = self.first
        if i - 1 - first < 3 or any(self.verb_at(x) for x in range(first, i - 1)):
            return None
        start = self.toks[first].start
        if _drops_conjunction(self.fold(first)):
            start = _skip_clitic(self.a.text, start)
        return None, start, self.toks[i - 2].end

    def attribute(self, claim: int, speaker: int | None) -> None:
        if speaker is None:
            speaker = self.a.last_speaker
        if speaker is None:
            speaker = self.mention_before(self.a.out.spans[claim - 1].start)
        if speaker is not None:
            self.a.link("ATTRIBUTED_TO", claim, speaker, 0.85)
            self.a.last_speaker = speaker

    def quote_before(self, i: int) -> tuple[int, int] | None:
        """A quoted claim that ends just before «، قال …» (offsets inside the quotes)."""
        if self.fold(i - 1) != "،" or i - 2 < self.first:
            return None
        close = self.toks[i - 2]
        for k in range(i - 3, self.first - 1, -1):
            if _OPEN_QUOTES.get(self.raw(k)) == close.raw and k == self.first:
                return self.toks[k].end, close.start
        return None

    def quoted_name_end(self, k: int) -> int | None:
        """The token after a short quoted name inside a source («صحيفة "الغد"»)."""
        close = _OPEN_QUOTES.get(self.raw(k))
        if close is None:
            return None
        for m in range(k + 2, min(k + 6, self.stop)):
            if self.raw(m) == close:
                return m + 1
            if self.toks[m].punct:
                return None
        return None

    # -- sources ----------------------------------------------------------------------

    def introduces_claim(self, j: int) -> bool:
        fold = self.fold(j)
        return fold in lx.COMPLEMENTIZERS or fold == ":" or self.raw(j) in _OPEN_QUOTES

    def after_channel(self, j: int) -> int:
        """The token after time words and a channel phrase («أمس في بيان لها»)."""
        k = j
        while self.fold(k) in lx.TIME_WORDS:
            k += 1
        if self.fold(k) in ("في", "وفي") and self.fold(k + 1) in lx.CHANNEL_NOUNS:
            m = k + 2
            while m < self.stop and m - k < 6 and not self.introduces_claim(m):
                if self.toks[m].punct or self.verb_at(m) is not None:
                    return j
                m += 1
            return m
        return k

    def subject_before(self, i: int) -> tuple[int, int] | None:
        """A definite noun phrase from the clause start up to the verb at i."""
        begin = i
        while begin > self.first and not self.toks[begin - 1].punct:
            begin -= 1
        if begin == i or i - begin > 6:
            return None
        head = _strip_conjunction(self.fold(begin))
        if head in _NOT_A_SUBJECT or head in lx.TIME_WORDS or head in _NOT_A_SOURCE_START:
            return None
        # A definite head («الشرطة»), or a head in construct with a definite or a name
        # («وزارة الخارجية الروسية», «شركة OpenAI»).
        definite = head.startswith("ال") or any(
            self.fold(x).startswith("ال") or _latin(self.raw(x)) for x in range(begin + 1, i)
        )
        if not definite:
            return None
        if any(
            self.verb_at(x) or self.fold(x) in lx.PREPOSITIONS or self.fold(x) in _NOT_A_SUBJECT
            for x in range(begin, i)
        ):
            return None
        return begin, i

    def is_boundary(self, k: int, verb: lx.Verb | None) -> bool:
        fold = self.fold(k)
        if not fold or fold in (".", "؟", "!", ":", "؛", "«", "»", '"', "“", "”"):
            return True
        if fold in lx.COMPLEMENTIZERS or fold in lx.TIME_WORDS or fold in lx.SAYING_NOUNS:
            return True
        if fold in ("في", "وفي") and self.fold(k + 1) in lx.CHANNEL_NOUNS:
            return True
        if fold in ("الي", "من", "علي", "عن") and self.fold(k + 1) in lx.COMPLEMENTIZERS:
            return True
        if verb is not None and fold in verb.prepositions:
            return True
        if fold == "علي" and self.fold(k + 1) in ("لسان", *lx.CHANNEL_NOUNS):
            return True
        if fold in lx.ADDRESSEES:
            return True  # the addressee: «قال الوزير للصحفيين إن …»
        if verb is not None and verb.relay and fold == "عن":
            return True
        return self.is_outlet(k) or self.verb_at(k) is not None

    def past_own_preposition(self, end: int, boundary: int, verb: lx.Verb) -> tuple[int, int]:
        """A source that holds the verb's preposition («المبعوث الأممي إلى اليمن …»).

        The preposition stops the source unless a channel phrase («في إحاطة», «خلال») and
        the same preposition again come later in the clause: then the source runs to the
        channel phrase.
        """
        prep = self.fold(boundary)
        if boundary != end or prep not in verb.prepositions:
            return end, boundary
        if self.fold(boundary + 1) in lx.COMPLEMENTIZERS:
            return end, boundary
        m = boundary + 1
        while m < self.stop and m - boundary < _MAX_SOURCE and not self.toks[m].punct:
            if self.fold(m) == prep or self.verb_at(m) is not None:
                return end, boundary
            channel = self.fold(m) in ("في", "وفي") and self.fold(m + 1) in lx.CHANNEL_NOUNS
            if channel or (self.fold(m) in lx.TIME_WORDS and m > boundary + 1):
                rest = range(m, min(m + _MAX_GAP + 2, self.stop))
                if any(self.fold(x) == prep for x in rest):
                    return m, m
                return end, boundary
            m += 1
        return end, boundary

    def is_outlet(self, k: int) -> bool:
        fold = self.fold(k)
        if fold == "ل":  # «لـ"العربية"», «لـ رويترز»
            nxt = self.fold(k + 1)
            return self.raw(k + 1) in _OPEN_QUOTES or nxt in lx.OUTLET_HEADS or nxt in lx.OUTLETS
        return fold.startswith("ل") and (fold[1:] in lx.OUTLET_HEADS or fold[1:] in lx.OUTLETS)

    def source_extent(self, j: int, verb: lx.Verb | None, outlet: bool = False) -> tuple[int, int]:
        """(end index of the source noun phrase from j, index of the boundary token)."""
        k = j + 1 if outlet else j
        if outlet:
            self.outlet_first = j
        while k < self.stop and k - j < _MAX_SOURCE:
            if self.fold(k) == "،":
                # An apposition with a title continues the source («رئيس البعثة، السفير …»).
                if self.fold(k + 1) in lx.TITLES and k > j:
                    k += 1
                    continue
                if k > j and not outlet and (close := self.name_apposition(k)) is not None:
                    k = close
                break
            if k > j and (after_name := self.quoted_name_end(k)) is not None:
                k = after_name
                continue
            if k == j and self.fold(k) in _NOT_A_SOURCE_START:
                break
            if self.is_boundary(k, verb) and not (k == j and self.is_outlet(k)):
                break
            k += 1
        end = k
        while (
            k < self.stop
            and self.fold(k) in ("،",)
            or (k < self.stop and self.fold(k) in lx.TIME_WORDS)
        ):
            k += 1
        return end, k

    def name_apposition(self, comma: int) -> int | None:
        """The closing comma of a name set off by commas («وزير الخارجية، أيمن الصفدي، إن»)."""
        first = comma + 1
        if self.fold(first) in _NOT_A_SUBJECT or self.fold(first) in _NOT_A_SOURCE_START:
            return None
        m = first
        while m < self.stop and m - first < 5:
            if self.fold(m) == "،":
                break
            if self.toks[m].punct or self.is_boundary(m, None):
                return None
            m += 1
        if m == first or self.fold(m) != "،":
            return None
        nxt = m + 1
        if (
            self.introduces_claim(nxt)
            or self.fold(nxt) in lx.TIME_WORDS
            or self.after_channel(nxt) != nxt
            or self.is_outlet(nxt)
            or self.fold(nxt) in lx.ADDRESSEES
        ):
            return m
        return None

    def source_span(self, first: int, end: int) -> int | None:
        start = self.toks[first].start
        fold = self.fold(first)
        if fold.startswith(("وال", "فال")) or (fold[:1] in "ل" and fold[1:] in lx.OUTLET_HEADS):
            start = _skip_clitic(self.a.text, start)
        return self.a.span("SOURCE", start, self.toks[end - 1].end, 0.85)

    def outlet_span(self, first: int, end: int) -> int | None:
        if self.outlet_bare:
            return self.a.span("SOURCE", self.toks[first].start, self.toks[end - 1].end, 0.8)
        if self.fold(first) == "ل" and first + 1 < end:
            # «لـ"العربية"»: the name, without the preposition and the quotes.
            first += 1
            if (
                self.raw(first) in _OPEN_QUOTES
                and self.raw(end - 1) == _OPEN_QUOTES[self.raw(first)]
            ):
                first, end = first + 1, end - 1
            if first >= end:
                return None
            return self.a.span("SOURCE", self.toks[first].start, self.toks[end - 1].end, 0.8)
        start = _skip_clitic(self.a.text, self.toks[first].start)
        return self.a.span("SOURCE", start, self.toks[end - 1].end, 0.8)

    def mention_before(self, pos: int) -> int | None:
        """The last person or body named before ``pos`` (a dropped subject points back)."""
        k = self.a.role_head_before(min(self.first, self.a.tokens_before(pos)))
        if k is not None:
            end = k + 1
            while (
                end < len(self.toks)
                and end - k < 5
                and not self.toks[end].punct
                and self.toks[end].fold not in lx.PREPOSITIONS
                and self.toks[end].fold not in lx.TIME_WORDS
                and self.toks[end].fold not in lx.CUE_FORMS
            ):
                end += 1
            start = self.toks[k].start
            if self.toks[k].fold not in lx.ROLE_HEADS:
                start = _skip_clitic(self.a.text, start)
            return self.a.span("SOURCE", start, self.toks[end - 1].end, 0.5)
        return None

    # -- claims -----------------------------------------------------------------------

    def find_intro(self, k: int, verb: lx.Verb | None) -> int | None:
        """The complementizer, colon or quote that opens the claim, near token k."""
        gap = 0
        while k < self.stop and gap <= _MAX_GAP:
            fold = self.fold(k)
            name_end = self.quoted_name_end(k) if self.raw(k) in _OPEN_QUOTES else None
            if name_end is not None and any(
                self.fold(x) in lx.COMPLEMENTIZERS for x in range(name_end, name_end + 4)
            ):
                k, gap = name_end, gap + name_end - k  # «مع صحيفة "ماركا" الإسبانية إن»
                continue
            if fold in lx.COMPLEMENTIZERS or self.raw(k) in _OPEN_QUOTES or fold == ":":
                return k
            if fold in _SENTENCE_STOPS or self.verb_at(k) is not None:
                return None
            k += 1
            gap += 1
        return None

    def claim_from(self, k: int) -> tuple[int | None, int]:
        """The claim opened at token k (a complementizer, a colon or a quote)."""
        if self.fold(k) in lx.COMPLEMENTIZERS:
            k += 1
        if self.fold(k) == ":":
            k += 1
        return self.claim_span(k, 0.9)

    def claim_span(self, k: int, score: float) -> tuple[int | None, int]:
        if k >= self.stop:
            return None, k
        opener = self.raw(k)
        if opener in _OPEN_QUOTES:
            close = _OPEN_QUOTES[opener]
            start = self.toks[k].end
            limit = self.toks[self.stop - 1].end + 400
            # Looked for up to the limit only: a quote never closed is not read to the end
            # of a long article for each sentence.
            end_pos = self.a.text.find(close, start, limit)
            if end_pos != -1:
                after = k + 1
                while after < len(self.toks) and self.toks[after].start <= end_pos:
                    after += 1
                return self.a.span("CLAIM", start, end_pos, score), min(after, self.stop)
            k += 1
        first = k
        while k < self.stop:
            fold = self.fold(k)
            if fold in _SENTENCE_STOPS and not self.inside_number(k):
                break
            if fold == "،" and (self.stops_claim(k + 1) or self.fold(k + 1) in _COORDINATED):
                break
            k += 1
        if k == first:
            return None, k
        return self.a.span("CLAIM", self.toks[first].start, self.toks[k - 1].end, score), k

    def inside_number(self, k: int) -> bool:
        end = self.toks[k].end
        return end < len(self.a.text) and self.a.text[end].isdigit()

    def stops_claim(self, k: int) -> bool:
        fold = self.fold(k)
        bare = _strip_conjunction(fold)
        if fold in lx.CLAIM_STOPPERS or bare in lx.CLAIM_STOPPERS:
            return True
        if bare == "في" and self.fold(k + 1) == "حين":
            return True
        form = self.verb_at(k)
        if form is not None:
            return True
        return self.prepositional_at(k) is not None

    def nominal_claim(self, j: int, source_end: int) -> int | None:
        """The index where a noun-phrase claim starts after a nominal cue verb."""
        for k in range(j, min(source_end + 1, self.stop)):
            if self.fold(k) in lx.NOMINAL_CLAIM_HEADS and self.fold(k - 1) != "باسم":
                return k
        return None

    def clause_start(self, i: int) -> int:
        begin = i
        while begin > self.first and self.fold(begin - 1) not in ("،", "؛", ":"):
            begin -= 1
        return begin

    def prepositional(self, i: int, cue_end: int, source_first: int) -> int | None:
        conj = _strip_conjunction(self.fold(i)) != self.fold(i) and self.fold(i) not in (
            "وفقا",
            "وفق",
        )
        source_end, k = self.source_extent(source_first, None)
        if source_end <= source_first:
            return None
        at_start = i == self.first
        before_claim = None
        if not at_start and self.fold(i - 1) == "،":
            before_claim = self.clause_start(i - 1)
        intro = self.find_intro(k, None) if before_claim is None else None
        if not at_start and before_claim is None and intro is None:
            return None
        relay = None
        if self.fold(k) in ("نقلا", "علي") and (inner := self.prepositional_at(k)) is not None:
            # «…، حسبما ذكرت صحيفة X نقلاً عن مصادر مطلعة»: the claim is the inner source's.
            relay_end, after_relay = self.source_extent(inner[1], None)
            if relay_end > inner[1]:
                relay = (k, inner, relay_end)
                k = after_relay
        cue = self.a.span("CUE", self.cue_start(i, conj), cue_end, 0.9)
        source = self.source_span_prep(source_first, source_end, cue_end)
        if relay is not None:
            relay_k, (relay_cue_end, relay_first), relay_end = relay
            relayed = self.source_span_prep(relay_first, relay_end, relay_cue_end)
            self.a.link("RELAYED_BY", relayed, source, 0.8)
            cue = self.a.span("CUE", self.toks[relay_k].start, relay_cue_end, 0.85)
            source = relayed
        if before_claim is not None and self.postposed_speaker is not None:
            # «…، قال ضابط، وفقاً لوكالة سبوتنيك»: the speaker is relayed by the outlet.
            self.a.link("RELAYED_BY", self.postposed_speaker, source, 0.7)
            self.used.update(range(i, k))
            return max(k, i + 1)
        self.prep_source = source
        if at_start and self.fold(k) == "،" and self.verb_at(k + 1) is not None:
            # «وفقاً لوسائل الإعلام، قال مسؤول إن …»: the verb brings its own claim, relayed.
            self.a.pending_relay = source
            self.used.update(range(i, k + 1))
            return k + 1
        if intro is not None and (not at_start or self.fold(k) != "،"):
            claim, after = self.claim_from(intro)
        elif at_start:
            claim, after = self.claim_span(k, 0.85)
        else:
            first = before_claim if before_claim is not None else self.first
            start = self.toks[first].start
            fold = self.fold(first)
            if _drops_conjunction(fold):
                start = _skip_clitic(self.a.text, start)
            claim = self.a.span("CLAIM", start, self.toks[i - 2].end, 0.85)
            after = k
        if claim is not None:
            self.a.link("HAS_CUE", claim, cue, 0.9)
            self.attribute(claim, source)
            self.claims.append(claim)
        self.used.update(range(i, max(after, i + 1)))
        return max(after, i + 1)

    def source_span_prep(self, first: int, end: int, cue_end: int) -> int | None:
        """The source after a prepositional cue: it starts after the cue's attached «ل»."""
        start = max(self.toks[first].start, cue_end)
        return self.a.span("SOURCE", start, self.toks[end - 1].end, 0.85)

    def nominal_cue(self, i: int) -> int | None:
        """«وفي بيان للوزارة: …» where no reporting verb is in the sentence."""
        if any(self.verb_at(x) for x in range(self.first, self.stop)):
            return None
        j = i + 1
        if not self.fold(j).startswith("ل"):
            return None
        source_end, k = self.source_extent(j, None)
        intro = self.find_intro(k, None)
        if intro is None:
            return None
        cue = self.a.span("CUE", self.toks[i].start, self.toks[i].end, 0.75)
        source = self.a.span(
            "SOURCE",
            _skip_clitic(self.a.text, self.toks[j].start),
            self.toks[source_end - 1].end,
            0.75,
        )
        claim, after = self.claim_from(intro)
        if claim is not None:
            self.a.link("HAS_CUE", claim, cue, 0.75)
            self.attribute(claim, source)
        return after


def _drops_conjunction(fold: str) -> bool:
    """Whether a clause-initial و is a conjunction: before a verb-like or definite word."""
    if len(fold) < 4 or fold[0] != "و":
        return False
    rest = fold[1:]
    return rest.startswith("ال") or (rest[0] in "يتسنا" and not rest.startswith("اشنطن"))
