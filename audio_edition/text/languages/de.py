"""German: boundary knowledge, spoken forms (``comma.py`` rules with German words), the
edition's lines and the page strings (docs/languages.md).

A number with a full stop is an ordinal (``am 3. Oktober``), so a full stop after
a number ends a sentence only where no month, ordinal noun or article says
otherwise.  Ordinals take the ending their article asks for: ``am 3. Oktober`` ->
am dritten Oktober, ``der 2. Platz`` -> der zweite Platz, ``1. Dezember`` alone
-> erster Dezember.  ``eins`` before a noun is ``ein`` or ``eine`` (``1 Euro`` ->
ein Euro, ``1 Mio.`` -> eine Million).  Years before 2000 are read in hundreds
(``1998`` -> neunzehnhundertachtundneunzig) unless a noun follows (``1500
Menschen``).  Decimals read their digits one by one (``3,14`` -> drei Komma eins
vier).
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

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
          "September", "Oktober", "November", "Dezember")  # fmt: skip
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
MONTH_ABBREVIATIONS = numbered("""
    Jan | 1
    Jän | 1
    Jänner | 1
    Feb | 2
    Febr | 2
    Mär | 3
    Apr | 4
    Jun | 6
    Jul | 7
    Aug | 8
    Sep | 9
    Sept | 9
    Okt | 10
    Nov | 11
    Dez | 12
""")
_SHORT = " ".join(MONTH_ABBREVIATIONS).lower()

BOUNDARIES = Boundaries(
    starters=words("""
        Der Die Das Den Dem Des Ein Eine Einer Eines Einem Einen Er Sie Es Wir Ihr Ich Man
        Du Dies Diese Dieser Dieses Doch Aber Und Oder Denn Sondern So Dann Danach Damit
        Dabei Dafür Dagegen Daher Deshalb Deswegen Darum Trotzdem Dennoch Auch Noch Schon
        Nun Jetzt Heute Gestern Morgen Am Im In Auf Mit Nach Vor Seit Bei Für Gegen Ohne
        Um Unter Über Zwischen Von Vom Zum Zur Aus Bis Durch Wie Was Wer Wo Wann Warum
        Weshalb Wenn Als Ob Weil Obwohl Während Laut Zudem Außerdem Allerdings Jedoch
        Inzwischen Bereits Zunächst Zuerst Schließlich Kein Keine Alle Viele Einige
        Mehrere Jeder Jede Jedes Nicht Nur Ja Nein Sein Seine Ihre Unser Unsere Mein
        Meine Hier Dort Da Zwar Immerhin Offenbar Vielleicht Bisher Künftig Insgesamt
        Gleichzeitig Ebenso Stattdessen Später Früher Damals Zuletzt Ist Sind War Waren
        Hat Haben Hatte Wird Werden Wurde Kann Konnte Muss Soll Will
        """),
    titles=words("Hr Hrn Fr Dr Prof"),
    ambiguous_titles=frozenset({"St"}),
    corporate=words("gmbh ag kg"),
    number_abbreviations=words(f"nr s abs art bd ziff kap tel ca std min {_SHORT}"),
    number_letters=frozenset({"S", "s"}),
    month_abbreviations=words(_SHORT),
    general_abbreviations=words("""
        usw etc ca str mio mrd tsd jh geb gest hrsg ff abs u.a ggf evtl
        """),
    never_end=words("z.b bzw d.h z.t v.a i.d.r u.u vgl sog bzgl inkl zzgl o.ä"),
    speech_verbs=words("""
        sagt sagte erklärt erklärte betont betonte fragt fragte meint meinte antwortet
        antwortete ergänzt ergänzte schreibt schrieb warnt warnte kritisiert kritisierte
        ruft rief
        """),
    speech_pronouns=words("er sie"),
    ordinal_dot=True,
    ordinal_followers=words(f"""
        {" ".join(MONTHS)} {" ".join(MONTH_ABBREVIATIONS)} Jahrhundert Jahrhunderts
        Jahrtausend Mal Platz Platzes Stock Stockwerk Etage Liga Bundesliga Runde Spieltag
        Klasse Weltkrieg Weltkriegs Weltkrieges Jahrestag Geburtstag Todestag Quartal
        Halbjahr Lesung Sitzung Auflage Amtszeit Legislaturperiode Kapitel Akt Tag Woche
        Monat Staffel Folge Ausgabe Stufe Advent Advents Bezirk Bundestag
        """),
    ordinal_leaders=words("""
        am im vom zum zur beim der die das den dem des ein eine einer einem einen eines
        seit ab bis an in nach vor für mit bei von zu auf um über unter zwischen jeder
        jede jedes sein seine ihr ihre ihren seinen seinem ihrem diesem diesen dieser
        """),
)

_DATIVE = words("""
    am im vom zum zur beim dem den des einem einen eines seinem ihrem seinen ihren
    jedem jeden diesem diesen seit ab bis an nach vor von zu mit bei für gegen über
    unter um auf in
    """)
_NOMINATIVE = words("der die das jeder jede jedes diese dieser dieses")
_STRONG = words("ein kein sein ihr mein unser")
_JOINED = words("und oder bis sowie")
_FEMININE = words("""
    Million Milliarde Person Stunde Minute Sekunde Woche Frau Stimme Tonne Stadt Partei
    Firma Schule Familie Seite Runde Nacht Klasse Frage Wohnung Mannschaft Stelle
    """)
_EINS = re.compile(r"(?<![\w-])eins(?= (?!Komma\b|Punkt\b)([A-ZÄÖÜ]\w*))")
_ORDINAL = re.compile(r"(?<![\w.,])(\d{1,3})\.(?= +(?:und|bis|oder|[A-ZÄÖÜ]))")


def cardinal(number: int) -> str:
    """num2words in German."""
    return numbers.cardinal(number, "de")


def ordinal(number: int) -> str:
    """The ordinal's stem: ``3`` -> dritte (its ending comes from the article)."""
    return numbers.ordinal(number, "de")


def year(number: int) -> str:
    """``1998`` -> neunzehnhundertachtundneunzig."""
    return numbers.year(number, "de")


def ending(before: str, month: bool) -> str:
    """What an ordinal stem (``dritte``) gains after the words before it; ``am 3. und 4.
    Oktober`` takes the article of the first ordinal."""
    said = [word.strip(",;:()") for word in before.split()]
    if len(said) >= 3 and said[-1] in _JOINED and said[-2].rstrip(".").isdigit():
        said = said[:-2]
    last = said[-1] if said else ""
    if last in _DATIVE:
        return "n"
    if last in _NOMINATIVE:
        return ""
    if last in _STRONG or month:
        return "r"
    return ""


def say_date(day: int, month: int, said_year: str, before: str) -> str:
    """``am 1. Dezember 2026`` -> am ersten Dezember zweitausendsechsundzwanzig."""
    said = f"{ordinal(day)}{ending(before, month=True)} {MONTHS[month - 1]}"
    return f"{said} {said_year}" if said_year else said


def read_ordinal(match: re.Match[str]) -> str:
    """``im 19. Jahrhundert`` -> im neunzehnten Jahrhundert."""
    text = match.string
    before = " ".join(text[max(0, match.start() - 40) : match.start()].split()[-3:]).lower()
    return ordinal(int(match.group(1))) + ending(before, month=False)


def regnal(name: str, value: int) -> str:
    """``Ludwig XIV.`` -> der Vierzehnte."""
    return f"der {ordinal(value).capitalize()}"


def counts(word: str) -> bool:
    """``1500 Menschen`` counts (a noun follows); ``1989 fiel`` is a year."""
    return word.isalpha() and word[:1].isupper() and word not in MONTHS and word != "Uhr"


def finish(text: str) -> str:
    """``eins Euro`` -> ein Euro; ``eins Million`` -> eine Million."""
    return _EINS.sub(lambda m: "eine" if m.group(1) in _FEMININE else "ein", text)


_EURO = Currency("Euro", "Euro", "Cent", "Cent")
_DOLLAR = Currency("Dollar", "Dollar", "Cent", "Cent")
_POUND = Currency("Pfund", "Pfund", "Penny", "Pence")
_FRANC = Currency("Franken", "Franken", "Rappen", "Rappen")
CURRENCIES = {"€": _EURO, "EUR": _EURO, "Euro": _EURO, "$": _DOLLAR, "USD": _DOLLAR}
CURRENCIES |= {"Dollar": _DOLLAR, "£": _POUND, "GBP": _POUND, "CHF": _FRANC}
CURRENCIES |= {"Franken": _FRANC}
SCALES = forms("""
    Mio | Million | Millionen
    Million | Million | Millionen
    Millionen | Million | Millionen
    Mrd | Milliarde | Milliarden
    Md | Milliarde | Milliarden
    Milliarde | Milliarde | Milliarden
    Milliarden | Milliarde | Milliarden
    Tsd | tausend | tausend
""")
UNITS = forms("""
    km | Kilometer | Kilometer
    m | Meter | Meter
    cm | Zentimeter | Zentimeter
    mm | Millimeter | Millimeter
    kg | Kilogramm | Kilogramm
    g | Gramm | Gramm
    t | Tonne | Tonnen
    km/h | Kilometer pro Stunde | Kilometer pro Stunde
    ha | Hektar | Hektar
    m² | Quadratmeter | Quadratmeter
    km² | Quadratkilometer | Quadratkilometer
    °C | Grad | Grad
    ° | Grad | Grad
    MW | Megawatt | Megawatt
    kWh | Kilowattstunde | Kilowattstunden
    min | Minute | Minuten
""")
TITLES = pairs("""
    Hr. | Herr
    Hrn. | Herrn
    Fr. | Frau
    Dr. | Doktor
    Prof. | Professor
    St. | Sankt
""")
"""Said in full before a capitalised name only (``Fr. Weber``, ``St. Gallen``)."""
ABBREVIATIONS = pairs("""
    z. B. | zum Beispiel
    bzw. | beziehungsweise
    d. h. | das heißt
    u. a. | unter anderem
    usw. | und so weiter
    etc. | et cetera
    ca. | circa
    Mio. | Millionen
    Mrd. | Milliarden
    Tsd. | Tausend
    Jh. | Jahrhundert
    vgl. | vergleiche
    inkl. | inklusive
    zzgl. | zuzüglich
    ggf. | gegebenenfalls
    evtl. | eventuell
    Str. | Straße
    v. a. | vor allem
    o. Ä. | oder Ähnliches
    u. U. | unter Umständen
    i. d. R. | in der Regel
    z. T. | zum Teil
    bzgl. | bezüglich
    geb. | geboren
    gest. | gestorben
    Tel. | Telefon
""")
BEFORE_NUMBERS = pairs("""
    Nr. | Nummer
    S. | Seite
    Abs. | Absatz
    Art. | Artikel
    Kap. | Kapitel
    Bd. | Band
    Ziff. | Ziffer
""")

CONVENTIONS = Conventions(
    code="de",
    cardinal=cardinal,
    ordinal=ordinal,
    year=year,
    comma="Komma",
    point="Punkt",
    fraction_digits=True,
    minus="minus",
    to="bis",
    percent="Prozent",
    months=MONTHS,
    month_abbreviations=MONTH_ABBREVIATIONS,
    say_date=say_date,
    hours=("Uhr", "Uhr"),
    clock_marks="Uhr",
    clock_leaders=words("um ab bis gegen von seit"),
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
        Karl Ludwig Friedrich Wilhelm Heinrich Otto Leopold Franz Joseph Josef Philipp
        Maximilian Rudolf Albrecht Konrad Johannes Paul Benedikt Pius Leo Gregor
        Elisabeth Elizabeth Charles Louis Georg Eduard Richard Felipe Juan Carlos Willem
        Napoleon Katharina Peter Alexander Nikolaus Maria
        """),
    year_words=words(f"""
        im jahr jahre jahres seit bis von ab um vor nach anno zwischen frühjahr sommer
        herbst winter anfang ende mitte {" ".join(m.lower() for m in MONTHS)}
        """),
    counts_follow=counts,
    symbols=pairs("""
        & | und
        + | plus
        § | Paragraf
        = | gleich
        × | mal
    """),
    word_acronyms=words("NATO UNO UNESCO UNICEF FIFA UEFA DAX NASA OPEC COVID AIDS INTERPOL"),
    letter_acronyms=words("""
        EU USA UN US BRD DDR SPD CDU CSU FDP ARD ZDF BKA BND EZB IWF WHO DB ICE VW BMW SUV
        KI TV ÖPNV ORF SRF
        """),
    url_words={".": " Punkt ", "/": " Schrägstrich ", "-": " Bindestrich ", "_": " Unterstrich "}
    | {"@": " at "},
    link="ein Link zu ",
    finish=finish,
)


def written_date(date: dt.date) -> str:
    """``Freitag, 27. November 2026``."""
    return f"{WEEKDAYS[date.weekday()]}, {date.day}. {MONTHS[date.month - 1]} {date.year}"


def spoken_date(date: dt.date, where: str) -> str:
    """``Freitag, der 27. November 2026`` in the intro, ``dem`` in the outro (``vom …``)."""
    article = "der" if where == "intro" else "dem"
    weekday, month = WEEKDAYS[date.weekday()], MONTHS[date.month - 1]
    return f"{weekday}, {article} {date.day}. {month} {date.year}"


PHRASES = Phrases(
    intro="{title}, {date}.",
    outro="Das war {title} vom {date}. Danke fürs Zuhören.",
    only="Die Geschichte des Tages",
    first="Zuerst",
    next="Als Nächstes",
    last="Zum Schluss",
    desk="{lead} aus dem Ressort {section}.",
    no_desk="{lead}.",
    written_date=written_date,
    spoken_date=spoken_date,
    disclosure="Dieser Beitrag wird von einer synthetischen Stimme gelesen.",
)

STRINGS = MappingProxyType(
    {
        # pages (site/templates)
        "language_name": "Deutsch",
        "audio_edition": "Audio-Ausgabe",
        "todays_edition": "Die Audio-Ausgabe von heute",
        "listen_to_edition": "Die Ausgabe anhören",
        "listen_to_article": "Diesen Artikel anhören",
        "listen_mp3": "Anhören (MP3)",
        "listen_mp3_duration": "Anhören (MP3, {duration})",
        "play_item": "Abspielen ab: {title}",
        "listen_item": "Anhören: {title}",
        "by_author": "Von {author}",
        "articles_count": "{count} Artikel",
        "no_articles": "Keine Artikel in dieser Ausgabe.",
        "also_in": "Auch auf:",
        "subscribe_to": "Abonnieren: {feed}",
        "feed_link": "{feed} (Podcast-Feed)",
        "other_editions": "Weitere Ausgaben",
        "article_page": "Artikelseite",
        "audio_files": "Audiodateien",
        "transcript_vtt": "Transkript (WebVTT)",
        "transcript_json": "Transkript (JSON)",
        "all_articles": "Alle Artikel dieser Ausgabe",
        "synthetic_voice": "Vorgelesen von einer synthetischen Stimme.",
        "read_by_synthetic": "Gelesen von einer synthetischen Stimme",
        "synthetic_about": "Der Ton auf dieser Seite ist keine Aufnahme eines Menschen: Ein "
        "Sprachsynthesizer liest den Text so, wie er geschrieben ist.",
        "credentials_about": "Seine MP3-Dateien tragen Content Credentials (C2PA), vom Herausgeber "
        "signiert, die das Werkzeug und die Stimme nennen.",
        "no_tracking": "Kein Tracking: Diese Seite lädt nur ihre eigenen Audio- und Zeitdateien.",
        # feeds (site/feeds.py, history.py)
        "in_this_edition": "In dieser Ausgabe: {titles}.",
        "feed_edition_about": "Die tägliche Ausgabe: eine Folge pro Tag, ein Kapitel pro Artikel.",
        "feed_edition_label": "Die tägliche Ausgabe, eine Folge pro Tag",
        "feed_articles_title": "{title}: Artikel",
        "feed_articles_about": "Jeder Artikel als eigene Folge.",
        "feed_articles_label": "Jeder Artikel, eine Folge pro Artikel",
        "feed_section_about": "Die Artikel des Ressorts {section}.",
        "feed_section_label": "Die Artikel des Ressorts {section}",
        # player (site/static/player.js, through its labels attribute)
        "player_play": "Abspielen",
        "player_pause": "Pause",
        "player_prev": "Vorheriger Artikel",
        "player_next": "Nächster Artikel",
        "player_back": "{seconds} Sekunden zurück",
        "player_fwd": "{seconds} Sekunden vor",
        "player_seek": "Position",
        "player_of": "{time} von {duration}",
        "player_speed": "Wiedergabegeschwindigkeit {rate}×",
        "player_copy": "Link bei {time} kopieren",
        "player_copied": "Link zu {time} kopiert",
        "player_dl": "MP3 herunterladen",
        "player_resume": "Weiter ab {time}",
    }
)

LANGUAGE = Language(
    code="de",
    name="German",
    speak=partial(comma.speak, CONVENTIONS),
    boundaries=BOUNDARIES,
    phrases=PHRASES,
    strings=STRINGS,
)
