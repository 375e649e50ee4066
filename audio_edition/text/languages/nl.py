"""Dutch: boundary knowledge, spoken forms (``comma.py`` rules with Dutch words), the
edition's lines and the page strings (docs/languages.md).

Dutch reads dates with cardinals (``1 december`` -> één december), times with
``uur`` between hours and minutes (``14.30 uur`` -> veertien uur dertig; Belgian
``14u30`` too), and money with the currency between euros and cents (``€ 12,50``
-> twaalf euro vijftig).  num2words writes ``honderdéén``; we write ``honderdeen``.
Sentences may open with a lower-case ``'s`` or ``'t`` (``'s Avonds``).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from types import MappingProxyType

from audio_edition.text import comma, numbers
from audio_edition.text.conventions import Conventions, Currency
from audio_edition.text.languages import Language, Phrases
from audio_edition.text.wordlists import Boundaries, forms, numbered, pairs, words

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")  # fmt: skip
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_MONTH_SHORT = "jan feb mrt apr jun jul aug sep sept okt nov dec"

BOUNDARIES = Boundaries(
    starters=words("""
        De Het Een Er Hij Zij Ze Wij We Ik Je Jij U Dat Dit Deze Die Maar En Of Want Dus
        Toch Ook Nog Al Nu Dan Daarna Daarom Daarbij Daardoor Bovendien Volgens In Op Aan
        Bij Met Na Voor Sinds Tot Tijdens Door Om Over Onder Tussen Zonder Vanaf Van Uit
        Wie Wat Waar Wanneer Waarom Hoe Als Toen Omdat Hoewel Terwijl Zodra Nadat Voordat
        Geen Alle Veel Enkele Sommige Iedereen Niemand Niets Niet Ja Nee Gisteren Vandaag
        Morgen Eerder Later Intussen Inmiddels Uiteindelijk Eerst Zo Zijn Haar Hun Ons
        Onze Mijn Daar Hier Verder Vervolgens Tegelijk Wel Zelfs Ondanks Behalve Elke
        Iedere Ieder Meer Minder Meestal Soms Vaak Nooit Altijd Misschien Wellicht Is
        Was Waren Heeft Hebben Had Wordt Werd Kan Kon Moet Zal Zou Welke Welk Ook Ten
        """),
    titles=words("dhr Dhr mevr Mevr mw Mw mr Mr dr Dr prof Prof ir Ir ing Ing drs Drs burg"),
    ambiguous_titles=frozenset({"St"}),
    corporate=words("nv bv bvba cv vzw"),
    number_abbreviations=words(f"nr nrs blz p pag art hfst fig tel vol ca min max {_MONTH_SHORT}"),
    number_letters=frozenset({"p"}),
    month_abbreviations=words(_MONTH_SHORT),
    general_abbreviations=words("""
        enz etc ca resp incl excl jl vs mln mld mrd min max evt pag blz nl e.a o.a a.s
        """),
    never_end=words("bijv bv d.w.z m.a.w t.o.v i.p.v m.b.t n.a.v z.g"),
    speech_verbs=words("""
        zegt zei vertelt vertelde vraagt vroeg antwoordt antwoordde verklaart verklaarde
        stelt stelde benadrukt benadrukte reageert reageerde schrijft schreef voegt
        voegde waarschuwt waarschuwde roept riep
        """),
    speech_pronouns=words("hij zij ze"),
    lower_starters=words("'s 't 'n ’s ’t"),
)

_ONE = re.compile(r"(?<=\w)één|één(?=\w)")
_ORDINAL = re.compile(r"(?<![\w.,])(\d{1,9})(ste|de|e)(?!\w)")


def cardinal(number: int) -> str:
    """num2words in Dutch, ``één`` only alone (``honderdeen``, ``eenentwintig``)."""
    return _ONE.sub("een", numbers.cardinal(number, "nl"))


def ordinal(number: int) -> str:
    """num2words in Dutch (``derde``, ``eenentwintigste``)."""
    return numbers.ordinal(number, "nl").removeprefix("een ")


def year(number: int) -> str:
    """``1998`` -> negentienhonderdachtennegentig; ``2026`` -> tweeduizendzesentwintig."""
    return _ONE.sub("een", numbers.year(number, "nl").replace(" ", ""))


def say_date(day: int, month: int, said_year: str, before: str) -> str:
    """``1 december 2026`` -> één december tweeduizendzesentwintig."""
    said = f"{cardinal(day)} {MONTHS[month - 1]}"
    return f"{said} {said_year}" if said_year else said


def read_ordinal(match: re.Match[str]) -> str:
    """``1e``, ``2de``, ``8ste`` -> eerste, tweede, achtste."""
    return ordinal(int(match.group(1)))


def regnal(name: str, value: int) -> str:
    """``Willem III`` -> de derde."""
    return f"de {ordinal(value)}"


_NOT_COUNTED = words("""
    en of tot was is werd had heeft zijn waren al toen als met voor in op aan bij door
    na naar om over uit van dat die dan maar ook nog wel niet verkiezingen begroting
    zomer winter
    """)


def counts(word: str) -> bool:
    """``1500 mensen`` counts; ``1998 was`` is a year (Dutch nouns are lower case)."""
    return word.isalpha() and word.islower() and word not in _NOT_COUNTED


_EURO = Currency("euro", "euro", "cent", "cent")
_DOLLAR = Currency("dollar", "dollar", "cent", "cent")
_POUND = Currency("pond", "pond", "penny", "pence")
_FRANC = Currency("Zwitserse frank", "Zwitserse frank", "rappen", "rappen")
CURRENCIES = {"€": _EURO, "EUR": _EURO, "euro": _EURO, "$": _DOLLAR, "USD": _DOLLAR}
CURRENCIES |= {"dollar": _DOLLAR, "£": _POUND, "GBP": _POUND, "CHF": _FRANC}
SCALES = forms("""
    mln | miljoen | miljoen
    miljoen | miljoen | miljoen
    mld | miljard | miljard
    mrd | miljard | miljard
    miljard | miljard | miljard
""")
UNITS = forms("""
    km | kilometer | kilometer
    m | meter | meter
    cm | centimeter | centimeter
    mm | millimeter | millimeter
    kg | kilo | kilo
    g | gram | gram
    t | ton | ton
    km/u | kilometer per uur | kilometer per uur
    km/h | kilometer per uur | kilometer per uur
    ha | hectare | hectare
    m² | vierkante meter | vierkante meter
    km² | vierkante kilometer | vierkante kilometer
    °C | graad | graden
    ° | graad | graden
    MW | megawatt | megawatt
    kWh | kilowattuur | kilowattuur
    min | minuut | minuten
""")
TITLES = pairs("""
    dhr. | de heer
    Dhr. | De heer
    mevr. | mevrouw
    Mevr. | Mevrouw
    mw. | mevrouw
    Mw. | Mevrouw
    mr. | meester
    Mr. | Meester
    dr. | doctor
    Dr. | Doctor
    prof. | professor
    Prof. | Professor
    ir. | ingenieur
    ing. | ingenieur
    drs. | doctorandus
    burg. | burgemeester
    St. | Sint
""")
"""Said in full before a capitalised name only (``dhr. Peeters``, ``St.-Niklaas``)."""
ABBREVIATIONS = pairs("""
    bijv. | bijvoorbeeld
    bv. | bijvoorbeeld
    o.a. | onder andere
    d.w.z. | dat wil zeggen
    m.a.w. | met andere woorden
    enz. | enzovoort
    etc. | et cetera
    ca. | circa
    t.o.v. | ten opzichte van
    i.p.v. | in plaats van
    m.b.t. | met betrekking tot
    n.a.v. | naar aanleiding van
    jl. | jongstleden
    a.s. | aanstaande
    incl. | inclusief
    excl. | exclusief
    resp. | respectievelijk
    e.a. | en anderen
    vs. | versus
    mln. | miljoen
    mld. | miljard
    mrd. | miljard
""")
BEFORE_NUMBERS = pairs("""
    nr. | nummer
    Nr. | nummer
    blz. | bladzijde
    p. | pagina
    art. | artikel
    Art. | artikel
    hfst. | hoofdstuk
""")

CONVENTIONS = Conventions(
    code="nl",
    cardinal=cardinal,
    ordinal=ordinal,
    year=year,
    comma="komma",
    point="punt",
    fraction_digits=False,
    minus="min",
    to="tot",
    percent="procent",
    months=MONTHS,
    month_abbreviations=numbered("""
        jan | 1
        feb | 2
        mrt | 3
        apr | 4
        jun | 6
        jul | 7
        aug | 8
        sep | 9
        sept | 9
        okt | 10
        nov | 11
        dec | 12
    """),
    say_date=say_date,
    hours=("uur", "uur"),
    clock_marks=r"uur|(?<=\d)u",
    clock_leaders=words("om tot vanaf van rond tegen omstreeks tussen"),
    currencies=CURRENCIES,
    scales=SCALES,
    units=UNITS,
    titles=TITLES,
    abbreviations=ABBREVIATIONS,
    before_numbers=BEFORE_NUMBERS,
    read_ordinal=read_ordinal,
    ordinal_pattern=_ORDINAL,
    regnal=regnal,
    monarchs=words("""
        Willem Karel Filips Leopold Albert Boudewijn Lodewijk Hendrik Frederik Jan
        Johannes Paulus Benedictus Pius Gregorius Elizabeth Elisabeth Napoleon Alexander
        Nicolaas Peter Catharina Maria Leo Frans Filip
        """),
    year_words=words(f"""
        in sinds tot van vanaf jaar rond begin eind midden voor na het anno sedert
        {" ".join(MONTHS)}
        """),
    counts_follow=counts,
    symbols=pairs("""
        & | en
        + | plus
        § | paragraaf
        = | is gelijk aan
        × | keer
    """),
    word_acronyms=words("NAVO NATO UNESCO UNICEF FIFA UEFA COVID NASA OPEC INTERPOL EUROPOL"),
    letter_acronyms=words("""
        EU VS VN NMBS VRT NOS RTL PVDA VUB KU BTW BBP ECB IMF OCMW RVA WHO NGO KMO CEO
        TV USA UK
        """),
    url_words={".": " punt ", "/": " slash ", "-": " streepje ", "_": " underscore "}
    | {"@": " apenstaartje "},
    link="een link naar ",
)


def written_date(date: dt.date) -> str:
    """``vrijdag 27 november 2026``."""
    return f"{WEEKDAYS[date.weekday()]} {date.day} {MONTHS[date.month - 1]} {date.year}"


PHRASES = Phrases(
    intro="{title}, {date}.",
    outro="Dat was {title} van {date}. Bedankt voor het luisteren.",
    only="Het verhaal van vandaag",
    first="Eerst",
    next="Dan",
    last="Tot slot",
    desk="{lead}, uit de rubriek {section}.",
    no_desk="{lead}.",
    written_date=written_date,
    spoken_date=lambda date, where: written_date(date),  # the rules read its digits
    disclosure="Dit wordt voorgelezen door een synthetische stem.",
)

STRINGS = MappingProxyType(
    {
        # pages (site/templates)
        "language_name": "Nederlands",
        "audio_edition": "Audio-editie",
        "todays_edition": "De audio-editie van vandaag",
        "listen_to_edition": "Luister naar de editie",
        "listen_to_article": "Luister naar dit artikel",
        "listen_mp3": "Luisteren (MP3)",
        "listen_mp3_duration": "Luisteren (MP3, {duration})",
        "play_item": "Afspelen vanaf: {title}",
        "listen_item": "Luisteren: {title}",
        "by_author": "Door {author}",
        "articles_count": "{count} artikels",
        "no_articles": "Geen artikels in deze editie.",
        "also_in": "Ook in het:",
        "subscribe_to": "Abonneren: {feed}",
        "feed_link": "{feed} (podcastfeed)",
        "other_editions": "Andere edities",
        "article_page": "Artikelpagina",
        "audio_files": "Audiobestanden",
        "transcript_vtt": "Transcriptie (WebVTT)",
        "transcript_json": "Transcriptie (JSON)",
        "all_articles": "Alle artikels in deze editie",
        "synthetic_voice": "Voorgelezen door een synthetische stem.",
        "read_by_synthetic": "Voorgelezen door een synthetische stem",
        "synthetic_about": "De audio op deze pagina is geen opname van een mens: een "
        "spraaksynthesizer leest de tekst zoals hij geschreven is.",
        "credentials_about": "De MP3-bestanden dragen Content Credentials (C2PA), ondertekend "
        "door de uitgever, die het programma en de stem noemen.",
        "no_tracking": "Geen tracking: deze pagina laadt "
        "alleen haar eigen audio- en timingbestanden.",
        # feeds (site/feeds.py, history.py)
        "in_this_edition": "In deze editie: {titles}.",
        "feed_edition_about": "De dagelijkse editie: één aflevering "
        "per dag, een hoofdstuk per artikel.",
        "feed_edition_label": "De dagelijkse editie, één aflevering per dag",
        "feed_articles_title": "{title}: artikels",
        "feed_articles_about": "Elk artikel als een eigen aflevering.",
        "feed_articles_label": "Elk artikel, één aflevering per artikel",
        "feed_section_about": "De artikels van de redactie {section}.",
        "feed_section_label": "De artikels van de redactie {section}",
        # player (site/static/player.js, through its labels attribute)
        "player_play": "Afspelen",
        "player_pause": "Pauzeren",
        "player_prev": "Vorig artikel",
        "player_next": "Volgend artikel",
        "player_back": "{seconds} seconden terug",
        "player_fwd": "{seconds} seconden vooruit",
        "player_seek": "Positie",
        "player_of": "{time} van {duration}",
        "player_speed": "Afspeelsnelheid {rate}×",
        "player_copy": "Link naar {time} kopiëren",
        "player_copied": "Link naar {time} gekopieerd",
        "player_dl": "MP3 downloaden",
        "player_resume": "Verder vanaf {time}",
    }
)

LANGUAGE = Language(
    code="nl",
    name="Dutch",
    speak=partial(comma.speak, CONVENTIONS),
    boundaries=BOUNDARIES,
    phrases=PHRASES,
    strings=STRINGS,
)
