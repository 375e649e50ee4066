"""Closed word lists that the English sentence-boundary rules consult.

Every list is a ``frozenset`` so lookups are constant time.  Abbreviations are
stored without their final period; see ``docs/segmentation.md`` for how each
list is used.
"""

from __future__ import annotations

from dataclasses import dataclass


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a frozenset."""
    return frozenset(text.split())


def table(text: str) -> dict[str, tuple[str, ...]]:
    """Parse lines ``key | field | field`` into ``{key: (field, field)}``."""
    rows: dict[str, tuple[str, ...]] = {}
    for line in text.strip().splitlines():
        key, *fields = (cell.strip() for cell in line.split("|"))
        rows[key] = tuple(fields)
    return rows


STARTERS = words(
    """
    The A An This That These Those It Its It's He He's She She's They They're We
    We're I I'm You His Her Their Our My Your There There's Here But And Or So Yet
    Then Now Still However Meanwhile Moreover Furthermore Nevertheless Nonetheless
    In On At By For From With Without After Before During Since Until When While
    Where What Why How Who Whom Whose Which If As Although Though Because Once Some
    Many Most Few All Both Each Every No None Nobody Nothing Not Neither Either One
    Last Next Earlier Later Today Yesterday Tomorrow Tonight Also Even Only Just
    Such Other Another According Despite Under Over About Among Across Against
    Along Around Instead Indeed Overall Separately Elsewhere Yes Thus Hence Nor
    Whether Unlike Like More Less Much Several Any Did Does Do Is Are Was Were
    Would Could Should Has Have Had Let Please Asked Afterwards Finally First
    Second Third Sometimes Often Never Always Perhaps Maybe Ever Everyone Everybody
    Someone Somebody Anyone Anybody To Through Throughout Between Within Beyond
    Above Below Near Nearly Almost Following Including Given Shortly Soon
    """
)
"""Closed-class words that open sentences: after an initial or an ambiguous
abbreviation, a capitalised word from this list starts a new sentence."""

TITLES = words(
    """
    Mr Mrs Ms Messrs Mmes Mme Mlle Prof Gov Govs Sen Sens Rep Reps Gen Gens Lt
    Col Maj Capt Cmdr Cdr Adm Sgt Cpl Pvt Rev Hon Pres Supt Det Insp Fr Mt Ft
    Brig Atty Amb Cllr Mgr Msgr Rt Sec Treas Vice Asst Assoc Ald Gov-elect
    """
)
"""Prepositive titles (case-sensitive): never the end of a sentence."""

AMBIGUOUS_TITLES = frozenset({"Dr", "St", "Ste"})
"""Doctor/Drive, Saint/Street: a sentence ends after them only before a starter."""

CORPORATE = frozenset({"inc", "corp", "ltd", "co", "cos", "llc", "plc", "bros", "llp", "etc"})
"""Postpositive abbreviations: end the sentence before any capital word that
is not a title continuing the name (``Acme Inc. Chief Executive ...``)."""

CORPORATE_MODIFIERS = words("Chief Vice Managing Senior General")
"""Company-name followers that only open a title (``Inc. Chief Executive``): before a
lower-case word they start a sentence (``…at Acme Inc. Chief executives met``)."""

CORPORATE_FOLLOWERS = words(
    """
    Chief Executive President Chairman Chairwoman Chair CEO CFO Vice Director
    Founder Spokesman Spokeswoman Spokesperson Managing Senior General Inc Ltd
    Corp Co LLC Plc
    """
)
"""Capitalised words that continue a company name after ``Inc.`` or ``Co.``."""

NUMBER_ABBREVIATIONS = words(
    """
    no nos nr n° p pp vol vols art arts ch chap fig figs sec sect para paras ed op
    rm apt ex approx ca c est tel pg ln rte hwy bldg flt pt pts vs v mk
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    """
)
"""Lower-cased abbreviations that take a number after them (``No. 10``,
``p. 55``, ``Nov. 27``): never a boundary before a digit."""

MONTH_ABBREVIATIONS = words("jan feb mar apr jun jul aug sep sept oct nov dec")
"""A month ends the sentence before a capital word (``in late Sept. Growers``)."""

PLACE_PREPOSITIONS = words("on at to from along down up off near via into onto in of")
"""Before ``Oak Dr.`` or ``Elm St.`` they mark an address (Drive, Street)."""

GENERAL_ABBREVIATIONS = NUMBER_ABBREVIATIONS | words(
    """
    jr sr esq ave av blvd rd dept univ assn intl natl govt misc mins hrs yrs
    oz lb lbs sq pl cir ct ter fwy pkwy al cf viz ibid et seq ff
    ala ariz ark calif colo conn del fla ga kan ky la md mich minn mo mont neb
    nev okla ore pa tenn va vt wis wyo
    """
)
"""Lower-cased abbreviations that can also end a sentence: a boundary only
before a starter word."""

LETTER_NOUNS = words(
    """
    vitamin vitamins plan type grade class group category model option section part
    exhibit appendix hepatitis row gate terminal wing block level phase stage size
    tier runway platform pier annex unit ward zone division league series schedule
    pool bracket seat lane letter variant strain
    """
)
"""Lower-case nouns that take a letter (``vitamin C``, ``plan B``, ``type A``): a
capital letter after them is a label, not an initial, and can end a sentence."""

NEVER_END = frozenset({"e.g", "i.e", "cf", "viz", "vs", "v"})
"""Abbreviations never followed by a sentence boundary."""

GEO = frozenset({"u.s", "u.s.a", "u.k", "u.n", "e.u", "d.c", "n.y", "l.a", "n.j", "u.a.e", "s.f"})
"""Dotted place names that often end a sentence (``…exported to the U.S.``)."""

GEO_FOLLOWERS = words(
    """
    Government Administration Senate House Congress Army Navy Air Force Marines
    Marine Coast Guard Department Embassy Consulate Mission Ambassador Envoy
    President Vice Secretary Secretary-General Treasury Federal Supreme Court
    Courts District Attorney Justice State Capitol Constitution Census Bureau
    Postal Service Chamber Commerce Geological Survey Forest Fish Trade
    Representative Representatives Senator Central Command Steel Bank Dollar
    Masters Open Amateur Naval National Guard Park Special Forces Border Patrol
    Customs Immigration Citizenship Food Drug Energy Information Agency Office
    Mint Marshals Secret Intelligence Military Armed Cyber Space Northern
    Southern European Pacific Indo-Pacific Africa Africa-based Route Highway
    Airways Cellular News Olympic Soccer Women's Men's Virgin Labor Labour
    Agriculture Education Health Transportation Defense Defence Homeland Interior
    Veterans Patent Copyright Securities Commission Council Committee Assembly
    General Security Human Refugee High Children's Environment Development World
    Relief Climate Population Charter Peacekeeping Peacekeepers Rapporteur Home
    Foreign Prime Met Competition Financial Parliament Commissioner Summit Sen
    Rep Gen Gov Adm Lt Col Capt Sgt Mr Mrs Ms Dr Treasury-backed Treasuries
    Attorney-General Attorney's Embassy's Government's Army's Navy's
    """
)
"""Capitalised words that continue a name after ``U.S.``, ``U.K.``, ``U.N.``
(``the U.S. Senate``); any other capital word after them starts a sentence."""

GEO_MODIFIERS = words(
    """
    National Federal Supreme Special Central Secret Armed Coast Border Postal
    Geological Human High Foreign Prime Financial Northern Southern Naval Military
    Marine Air Space Vice Indo-Pacific Homeland Cyber Patent Refugee Climate
    Peacekeeping District Customs Immigration Fish Food Forest Agriculture Education
    Health Transportation Defense Defence Energy Interior Veterans Labor Labour
    Securities Olympic Soccer Women's Men's Children's Environment Development
    Population Relief Trade Competition Home Intelligence Commerce Justice State
    World Security General
    """
)
"""The followers of ``U.S.`` that only open a name (``U.S. National Guard``): before
a lower-case word they start a sentence (``…sent to the U.S. National guards stood by``)."""

WEEKDAYS = words(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    """
)
MONTHS = words(
    """
    January February March April May June July August September October November
    December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    """
)
TIME_ZONES = words(
    """
    GMT UTC BST CET CEST EET EEST WET WEST EST EDT CST CDT MST MDT PST PDT AKST
    HST AST ET PT CT MT AEST AEDT ACST AWST NZST NZDT IST JST KST HKT SGT WIB
    Eastern Central Pacific Mountain Atlantic Greenwich Local
    """
)
TIME_FOLLOWERS = WEEKDAYS | MONTHS | TIME_ZONES
"""Capital words that continue a time after ``a.m.``/``p.m.`` (``9 a.m. Friday``)."""

TIME_PREPOSITIONS = words(
    "at by until till from around about before after since shortly starting beginning"
)
"""A short opening ``At 5 a.m.`` is an adverbial, not a sentence."""

SPEECH_VERBS = words(
    """
    said says asked asks told tells added adds wrote writes replied replies
    explained explains insisted insists recalled recalls warned warns shouted
    declared continued noted notes argued argues stated whispered admitted admits
    conceded concedes countered acknowledged tweeted posted cried yelled exclaimed
    wondered demanded joked laughed sighed quipped pleaded urged announced
    responded observed remarked suggested agreed complained protested asserted
    """
)
"""Verbs of a speech tag: ``"Why now?" Okafor asked.`` is one sentence."""


@dataclass(frozen=True)
class Boundaries:
    """What one language's sentence-boundary rules know (``boundary.py``, docs/languages.md).

    Abbreviations are stored without their final period; sets compared with
    ``.lower()`` hold lower-case forms, the others are case-sensitive.
    """

    starters: frozenset[str]
    """Closed-class words that open sentences (case-sensitive, capitalised)."""
    titles: frozenset[str]
    """Prepositive titles (case-sensitive): never the end of a sentence (``Mr``, ``Mme``, ``M``)."""
    ambiguous_titles: frozenset[str] = frozenset()
    """Titles that are also street words (``Dr``, ``St``): a boundary only before a starter."""
    corporate: frozenset[str] = frozenset()
    """Postpositive company suffixes (lower case): end unless a title continues the name."""
    corporate_followers: frozenset[str] = frozenset()
    """Capitalised words that continue a company name after a suffix."""
    number_abbreviations: frozenset[str] = frozenset()
    """Abbreviations (lower case) that take a number: never a boundary before a digit."""
    number_letters: frozenset[str] = frozenset()
    """Single letters (case-sensitive) that take a number (``p. 55``, ``S. 12``)."""
    month_abbreviations: frozenset[str] = frozenset()
    """Month abbreviations (lower case): a boundary before a capital word."""
    place_prepositions: frozenset[str] = frozenset()
    """Before ``Oak Dr.`` they make ``Dr.`` an address that can end a sentence."""
    general_abbreviations: frozenset[str] = frozenset()
    """Other abbreviations (lower case, dotted ones with their inner dots): the starter rule."""
    never_end: frozenset[str] = frozenset()
    """Abbreviations (lower case, inner dots kept: ``e.g``, ``z.b``) that never end one."""
    geo: frozenset[str] = frozenset()
    """Dotted place names that often end a sentence (``u.s``)."""
    geo_followers: frozenset[str] = frozenset()
    """Capitalised words that continue a name after a dotted place name."""
    name_openers: frozenset[str] = frozenset()
    """Followers of a place name or company suffix that need a capitalised word after them."""
    meridiem: frozenset[str] = frozenset()
    """Dotted time markers (``a.m``, ``p.m``)."""
    time_followers: frozenset[str] = frozenset()
    """Capitalised words that continue a time after a time marker (``9 a.m. Friday``)."""
    time_prepositions: frozenset[str] = frozenset()
    """Openers of a short time adverbial (``At 5 a.m.``)."""
    speech_verbs: frozenset[str] = frozenset()
    """Verbs of a speech tag after a quotation (``"Why now?" Okafor asked.``)."""
    speech_pronouns: frozenset[str] = frozenset()
    """Lower-case pronouns that open a speech tag (``she``)."""
    ordinal_dot: bool = False
    """A number with a full stop is an ordinal (German ``am 3. Oktober``)."""
    ordinal_followers: frozenset[str] = frozenset()
    """Words after ``3.`` that make it an ordinal (months, ``Jahrhundert``, ``Platz``)."""
    ordinal_leaders: frozenset[str] = frozenset()
    """Words (lower case) before ``3.`` that make it an ordinal (``am``, ``der``, ``im``)."""
    lower_starters: frozenset[str] = frozenset()
    """Lower-case words that open sentences (Dutch ``'s``, ``'t``)."""
    letter_nouns: frozenset[str] = frozenset()
    """Nouns (lower case) that take a letter (``vitamin C.``): the letter can end a sentence."""


ENGLISH = Boundaries(
    starters=STARTERS,
    titles=TITLES,
    ambiguous_titles=AMBIGUOUS_TITLES,
    corporate=CORPORATE,
    corporate_followers=CORPORATE_FOLLOWERS,
    number_abbreviations=NUMBER_ABBREVIATIONS,
    number_letters=frozenset({"p", "v", "c"}),
    month_abbreviations=MONTH_ABBREVIATIONS,
    place_prepositions=PLACE_PREPOSITIONS,
    general_abbreviations=GENERAL_ABBREVIATIONS,
    never_end=NEVER_END,
    geo=GEO,
    geo_followers=GEO_FOLLOWERS,
    meridiem=frozenset({"a.m", "p.m"}),
    time_followers=TIME_FOLLOWERS,
    time_prepositions=TIME_PREPOSITIONS,
    speech_verbs=SPEECH_VERBS,
    speech_pronouns=frozenset({"he", "she", "they"}),
    letter_nouns=LETTER_NOUNS,
    name_openers=GEO_MODIFIERS | CORPORATE_MODIFIERS,
)
"""The English boundary knowledge (and the fallback for languages without their own)."""


def pairs(text: str) -> dict[str, str]:
    """Parse lines ``written | said`` into ``{written: said}`` (a language's tables)."""
    return {key: fields[0] for key, fields in table(text).items()}


def numbered(text: str) -> dict[str, int]:
    """Parse lines ``written | 12`` into ``{written: 12}`` (month abbreviations)."""
    return {key: int(value) for key, value in pairs(text).items()}


def forms(text: str) -> dict[str, tuple[str, str]]:
    """Parse lines ``written | after one | after others`` (units, scales)."""
    return {key: (fields[0], fields[1]) for key, fields in table(text).items()}
