"""French: boundary knowledge, spoken forms (``comma.py`` rules with French words),
the edition's lines and the page strings (docs/languages.md).

French reads every number as a cardinal, dates included, except the first of
the month (``1er décembre`` -> premier décembre); ``un`` agrees with a feminine
noun (``21 h`` -> vingt et une heures); ``millions`` takes ``de`` before a noun
(``3 M€`` -> trois millions d'euros); Roman numerals after a name are cardinals
(``Louis XIV`` -> Louis quatorze) and centuries ordinals (``XIXe`` -> dix-neuvième).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from types import MappingProxyType

from audio_edition.text import comma, numbers
from audio_edition.text.conventions import Conventions, Currency
from audio_edition.text.en_words import roman_value
from audio_edition.text.languages import Language, Phrases
from audio_edition.text.wordlists import Boundaries, forms, numbered, pairs, words

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")  # fmt: skip
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

BOUNDARIES = Boundaries(
    starters=words("""
        Le La Les L Un Une Des Du De D Il Ils Elle Elles On Nous Vous Je J Tu Ce Cet
        Cette Ces C Ceci Cela Ça Mais Et Ou Donc Or Ni Car Puis Ensuite Enfin Alors
        Ainsi Pourtant Cependant Toutefois Néanmoins Selon Pour Par Dans En Au Aux Sur
        Sous Avec Sans Chez Vers Depuis Après Avant Pendant Lors Dès Malgré Entre
        Contre Parmi Si Quand Lorsque Comme Quant Qui Que Qu Quoi Où Pourquoi Comment
        Combien Quel Quelle Quels Quelles Certains Certaines Plusieurs Tous Toutes Tout
        Chaque Aucun Aucune Personne Rien Oui Non Déjà Hier Aujourd Demain Ici Là Aussi
        Même Seul Seule Beaucoup Peu Plus Moins Encore Toujours Jamais Souvent Parfois
        Désormais Mon Ma Mes Son Sa Ses Leur Leurs Notre Nos Votre Vos Voici Voilà N S
        Reste Côté Bref Surtout Notamment Outre Face Grâce Faute Sauf Est Sont Était
        """),
    titles=words("M MM Mme Mmes Mlle Mlles Dr Pr Me Mgr"),
    ambiguous_titles=frozenset({"St", "Ste"}),
    corporate=words("cie sa sprl srl"),
    number_abbreviations=words(
        "n no nos p pp art chap vol fig tél tel éd réf min max env "
        "janv févr fév avr juil sept oct nov déc"
    ),
    number_letters=frozenset({"p"}),
    month_abbreviations=words("janv févr fév avr juil sept oct nov déc"),
    general_abbreviations=words("""
        etc env av bd boul apr ex hab éd coll dir trad sté ch dép min max pl rte vol
        j.-c resp tél réf cf
        """),
    never_end=words("c.-à-d cf vs p.ex"),
    speech_verbs=words("""
        dit déclare affirme explique ajoute estime souligne précise indique raconte
        confie répond assure rappelle lance insiste demande annonce conclut reconnaît
        admet poursuit prévient note résume observe
        """),
    speech_pronouns=words("il elle ils elles on"),
)

_FEMININE = words("""
    heure heures minute minutes seconde secondes personne personnes fois année années
    semaine semaines journée journées victime victimes voiture voitures femme femmes
    entreprise entreprises page pages place places voix tonne tonnes commune communes
    école écoles famille familles maison maisons ligne lignes étape étapes édition
    éditions saison saisons élection élections région régions province provinces
    classe classes nuit nuits voie voies chambre chambres
    """)
_UN = re.compile(rf"(?<![\w'-])un(?= (?:{'|'.join(sorted(_FEMININE))})\b)")
_NUMBER_WORDS = words("""
    un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze
    quinze seize vingt trente quarante cinquante soixante cent cents mille virgule et
    de d
    """)
_SCALE_NOUN = re.compile(r"\b(millions?|milliards?) (?=([a-zàâçéèêëîïôûùüÿœh][\w'-]*))")
_ORDINAL = re.compile(
    r"(?<![\w.,])(\d{1,9}|[IVX][IVXLC]{0,6}|[LC][IVXLC]{1,6})"
    r"(ers|er|res|re|ères|ère|èmes|ème|es|e|nde|nd|ᵉʳ|ᵉ)(?!\w)"
)


def cardinal(number: int) -> str:
    """num2words in French."""
    return numbers.cardinal(number, "fr")


def ordinal(number: int) -> str:
    """num2words in French, corrected: ``80`` -> quatre-vingtième, not quatre-vingtsième."""
    said = numbers.ordinal(number, "fr")
    said = said.replace("vingtsième", "vingtième").replace("centsième", "centième")
    return said.removeprefix("un ") if said.startswith("un mill") else said


def say_date(day: int, month: int, year: str, before: str) -> str:
    """``1er décembre 2026`` -> premier décembre deux mille vingt-six."""
    said = f"{'premier' if day == 1 else cardinal(day)} {MONTHS[month - 1]}"
    return f"{said} {year}" if year else said


def read_ordinal(match: re.Match[str]) -> str:
    """``1er``, ``1re``, ``2nd``, ``3e``, ``XIXe``, ``Ier``, ``21es``."""
    written, suffix = match.groups()
    value = int(written) if written.isdigit() else roman_value(written)
    if not value:
        return match.group()
    plural = "s" if suffix.endswith("s") else ""
    suffix = suffix.rstrip("s") or "e"
    if suffix in ("er", "ᵉʳ") or (value == 1 and suffix in ("e", "ème", "ᵉ")):
        return ("premier" if value == 1 else ordinal(value)) + plural
    if suffix in ("re", "ère"):
        return ("première" if value == 1 else ordinal(value)) + plural
    if suffix.startswith("nd") and value == 2:
        return ("seconde" if suffix == "nde" else "second") + plural
    return ordinal(value) + plural


def regnal(name: str, value: int) -> str:
    """``Louis XIV`` -> quatorze; ``François I`` -> premier."""
    return "premier" if value == 1 else cardinal(value)


def counts(word: str) -> bool:
    """French years and counts are said alike."""
    return False


def finish(text: str) -> str:
    """``un heure`` -> une heure; ``trois millions euros`` -> trois millions d'euros."""
    text = _UN.sub("une", text)
    return _SCALE_NOUN.sub(_of, text)


def _of(match: re.Match[str]) -> str:
    scale, noun = match.groups()
    if noun.lower() in _NUMBER_WORDS or noun.startswith(("d'", "de ")):
        return match.group()
    return f"{scale} d'" if noun[0] in "aàâeéèêiîoôuûyh" else f"{scale} de "


_EURO = Currency("euro", "euros", "centime", "centimes")
_DOLLAR = Currency("dollar", "dollars", "cent", "cents")
_POUND = Currency("livre", "livres", "penny", "pence")
_FRANC = Currency("franc suisse", "francs suisses", "centime", "centimes")
CURRENCIES = {"€": _EURO, "EUR": _EURO, "euros": _EURO, "euro": _EURO}
CURRENCIES |= {"$": _DOLLAR, "USD": _DOLLAR, "dollars": _DOLLAR}
CURRENCIES |= {"£": _POUND, "GBP": _POUND, "CHF": _FRANC}
SCALES = forms("""
    M | million | millions
    million | million | millions
    millions | million | millions
    Md | milliard | milliards
    Mds | milliard | milliards
    Mrd | milliard | milliards
    milliard | milliard | milliards
    milliards | milliard | milliards
""")
UNITS = forms("""
    km | kilomètre | kilomètres
    m | mètre | mètres
    cm | centimètre | centimètres
    mm | millimètre | millimètres
    kg | kilo | kilos
    g | gramme | grammes
    t | tonne | tonnes
    km/h | kilomètre heure | kilomètres heure
    ha | hectare | hectares
    m² | mètre carré | mètres carrés
    km² | kilomètre carré | kilomètres carrés
    °C | degré | degrés
    ° | degré | degrés
    MW | mégawatt | mégawatts
    kWh | kilowattheure | kilowattheures
    min | minute | minutes
""")
TITLES = pairs("""
    M. | Monsieur
    MM. | Messieurs
    Mme | Madame
    Mmes | Mesdames
    Mlle | Mademoiselle
    Mlles | Mesdemoiselles
    Dr | Docteur
    Dr. | Docteur
    Pr | Professeur
    Me | Maître
    Mgr | Monseigneur
    St | Saint
    Ste | Sainte
""")
"""Said in full before a capitalised name only (``M. Dupont``, ``St-Gilles``)."""
ABBREVIATIONS = pairs("""
    etc. | et cetera
    p. ex. | par exemple
    c.-à-d. | c'est-à-dire
    env. | environ
    av. J.-C. | avant Jésus-Christ
    apr. J.-C. | après Jésus-Christ
    J.-C. | Jésus-Christ
    cf. | voir
    bd | boulevard
    av. | avenue
    hab. | habitants
    tél. | téléphone
    vs | contre
""")
BEFORE_NUMBERS = pairs("""
    n° | numéro
    N° | numéro
    p. | page
    art. | article
    chap. | chapitre
    vol. | volume
""")
MONTH_ABBREVIATIONS = numbered("""
    janv | 1
    févr | 2
    fév | 2
    avr | 4
    juil | 7
    sept | 9
    oct | 10
    nov | 11
    déc | 12
""")

CONVENTIONS = Conventions(
    code="fr",
    cardinal=cardinal,
    ordinal=ordinal,
    year=cardinal,
    comma="virgule",
    point="point",
    fraction_digits=False,
    minus="moins",
    to="à",
    percent="pour cent",
    months=MONTHS,
    month_abbreviations=MONTH_ABBREVIATIONS,
    say_date=say_date,
    hours=("heure", "heures"),
    clock_marks="h",
    clock_leaders=words("à vers dès de jusqu'à avant après"),
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
        Louis Henri François Charles Philippe Léopold Albert Baudouin Napoléon Jean Paul
        Benoît Pie Grégoire Innocent Clément Urbain Victor Ferdinand Guillaume Élisabeth
        Elizabeth Richard Édouard Georges Jacques Frédéric Alexandre Nicolas Pierre
        Catherine Marie Léon Felipe Juan Carlos
        """),
    counts_follow=counts,
    symbols=pairs("""
        & | et
        + | plus
        § | paragraphe
        = | égale
        × | fois
    """),
    word_acronyms=words("""
        OTAN ONU UNESCO UNICEF OPEP FIFA UEFA CERN INTERPOL EUROPOL FRONTEX STIB COVID SIDA
        NASA ASEAN
        """),
    letter_acronyms=words("""
        UE USA SNCB SNCF RTBF RTL VRT ULB UCL PS MR PTB CPAS TVA PIB BCE FMI OMS ONG PME
        RER TGV JO CHU SDF ADN HLM BD PDG CEO PSG RDC TV
        """),
    url_words={".": " point ", "/": " barre oblique ", "-": " tiret ", "_": " tiret bas "}
    | {"@": " arobase "},
    link="un lien vers ",
    finish=finish,
)


def written_date(date: dt.date) -> str:
    """``vendredi 27 novembre 2026``; ``mardi 1er décembre 2026``."""
    day = "1er" if date.day == 1 else str(date.day)
    return f"{WEEKDAYS[date.weekday()]} {day} {MONTHS[date.month - 1]} {date.year}"


PHRASES = Phrases(
    intro="{title}, {date}.",
    outro="C'était {title} du {date}. Merci de votre écoute.",
    only="L'article du jour",
    first="Pour commencer",
    next="Ensuite",
    last="Enfin",
    desk="{lead}, rubrique {section}.",
    no_desk="{lead}.",
    written_date=written_date,
    spoken_date=lambda date, where: written_date(date),  # the rules read its digits
    disclosure="Ce contenu audio est lu par une voix de synthèse.",
)

STRINGS = MappingProxyType(
    {
        # pages (site/templates)
        "language_name": "Français",
        "audio_edition": "Édition audio",
        "todays_edition": "L’édition audio du jour",
        "listen_to_edition": "Écouter l’édition",
        "listen_to_article": "Écouter cet article",
        "listen_mp3": "Écouter (MP3)",
        "listen_mp3_duration": "Écouter (MP3, {duration})",
        "play_item": "Écouter à partir de : {title}",
        "listen_item": "Écouter : {title}",
        "by_author": "Par {author}",
        "articles_count": "{count} articles",
        "no_articles": "Aucun article dans cette édition.",
        "also_in": "Aussi en :",
        "subscribe_to": "S’abonner : {feed}",
        "feed_link": "{feed} (flux du podcast)",
        "other_editions": "Autres éditions",
        "article_page": "Page de l’article",
        "audio_files": "Fichiers audio",
        "transcript_vtt": "Transcription (WebVTT)",
        "transcript_json": "Transcription (JSON)",
        "all_articles": "Tous les articles de cette édition",
        "synthetic_voice": "Lu par une voix de synthèse.",
        "read_by_synthetic": "Lu par une voix de synthèse",
        "synthetic_about": "L’audio de cette page n’est pas l’enregistrement d’une personne "
        ": un synthétiseur vocal lit le texte tel qu’il est écrit.",
        "credentials_about": "Ses fichiers MP3 portent des Content Credentials (C2PA), "
        "signés par l’éditeur, qui nomment l’outil et la voix.",
        "no_tracking": "Aucun pistage : cette page ne charge "
        "que ses propres fichiers audio et de minutage.",
        # feeds (site/feeds.py, history.py)
        "in_this_edition": "Dans cette édition : {titles}.",
        "feed_edition_about": "L’édition du jour : un épisode par jour, un chapitre par article.",
        "feed_edition_label": "L’édition du jour, un épisode par jour",
        "feed_articles_title": "{title} : articles",
        "feed_articles_about": "Chaque article en épisode à part entière.",
        "feed_articles_label": "Chaque article, un épisode chacun",
        "feed_section_about": "Les articles de la rubrique {section}.",
        "feed_section_label": "Les articles de la rubrique {section}",
        # player (site/static/player.js, through its labels attribute)
        "player_play": "Lecture",
        "player_pause": "Pause",
        "player_prev": "Article précédent",
        "player_next": "Article suivant",
        "player_back": "Reculer de {seconds} secondes",
        "player_fwd": "Avancer de {seconds} secondes",
        "player_seek": "Position",
        "player_of": "{time} sur {duration}",
        "player_speed": "Vitesse de lecture {rate}×",
        "player_copy": "Copier le lien à {time}",
        "player_copied": "Lien vers {time} copié",
        "player_dl": "Télécharger le MP3",
        "player_resume": "Reprendre à {time}",
    }
)

LANGUAGE = Language(
    code="fr",
    name="French",
    speak=partial(comma.speak, CONVENTIONS),
    boundaries=BOUNDARIES,
    phrases=PHRASES,
    strings=STRINGS,
)
