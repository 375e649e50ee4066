"""Spoken forms: a table of written news text and what the engine is told to say."""

from __future__ import annotations

import pytest

from audio_edition.text import Spoken, spoken_form

CASES: list[tuple[str, str]] = [
    # money
    ("$14 B", "fourteen billion dollars"),
    ("$1.2bn", "one point two billion dollars"),
    ("€40 million", "forty million euros"),
    ("£10 million", "ten million pounds"),
    ("50p", "fifty pence"),
    ("1p", "one penny"),
    ("$65", "sixty-five dollars"),
    ("$1", "one dollar"),
    ("$3.50", "three dollars and fifty cents"),
    ("$0.99", "ninety-nine cents"),
    ("£2.50", "two pounds and fifty pence"),
    ("$340m", "three hundred and forty million dollars"),
    ("$5-6 million", "five to six million dollars"),
    ("US$5", "five U S dollars"),
    ("40 €", "forty euros"),
    # percentages and decimals
    ("3.5%", "three point five percent"),
    ("3-4%", "three to four percent"),
    ("3.14", "three point one four"),
    ("0.5", "zero point five"),
    # years and counts
    ("in 1998", "in nineteen ninety-eight"),
    ("2,400 workers", "two thousand four hundred workers"),
    ("2400 workers", "two thousand four hundred workers"),
    ("The 2026 budget", "The twenty twenty-six budget"),
    ("2026 was dry.", "twenty twenty-six was dry."),
    ("since 2005", "since two thousand and five"),
    ("the 1990s", "the nineteen nineties"),
    ("the '90s", "the nineties"),
    # dates
    ("Nov. 27", "November twenty-seventh"),
    ("Nov. 27, 2026", "November twenty-seventh, twenty twenty-six"),
    ("27 November 2026", "the twenty-seventh of November twenty twenty-six"),
    ("on the 3rd of May", "on the third of May"),
    ("2026-11-27", "November twenty-seventh, twenty twenty-six"),
    ("27/06/2025", "the twenty-seventh of June twenty twenty-five"),
    ("07/06/2025", "07/06/2025"),
    # times
    ("at 9 a.m. Friday", "at nine A- M Friday"),
    ("9:30 p.m.", "nine thirty P M."),
    ("at 10am", "at ten A- M"),
    ("18:30", "eighteen thirty"),
    ("18:00", "eighteen hundred"),
    ("09:05", "nine oh five"),
    # ordinals, ranges, fractions
    ("3rd", "third"),
    ("21st", "twenty-first"),
    ("2019-2024", "twenty nineteen to twenty twenty-four"),
    ("2019-24", "twenty nineteen to twenty twenty-four"),
    ("10–12 knots", "ten to twelve knots"),
    ("¾", "three quarters"),
    ("2½ hours", "two and a half hours"),
    ("1/2", "one half"),
    ("2/3 of voters", "two thirds of voters"),
    ("24/7", "twenty-four seven"),
    # units
    ("5 km", "five kilometres"),
    ("1 km", "one kilometre"),
    ("120 mph", "one hundred and twenty miles per hour"),
    ("-5°C", "minus five degrees Celsius"),
    ("64GB", "sixty-four gigabytes"),
    # Roman numerals
    ("King Charles III", "King Charles the third"),
    ("Elizabeth I", "Elizabeth the first"),
    ("World War II", "World War two"),
    ("World War I ended", "World War one ended"),
    ("Pope Leo XIV", "Pope Leo the fourteenth"),
    ("Then I left", "Then I left"),
    ("The Mark IV engine failed", "The Mark four engine failed"),
    ("Rocky II opened in cinemas", "Rocky two opened in cinemas"),
    ("Louis XIV built Versailles", "Louis the fourteenth built Versailles"),
    ("Elizabeth II and Charles III", "Elizabeth the second and Charles the third"),
    ("King Mswati III of Eswatini", "King Mswati the third of Eswatini"),
    ("Queen Margrethe II", "Queen Margrethe the second"),
    ("the Model X sold out", "the Model X sold out"),
    ("WWII", "World War two"),
    # numbers and abbreviations
    ("No. 10", "number ten"),
    ("p. 14", "page fourteen"),
    ("1,000,000", "one million"),
    ("007", "zero zero seven"),
    ("G7 leaders", "G seven leaders"),
    ("COVID-19", "COVID-nineteen"),
    # acronyms
    ("FBI", "F B I"),
    ("FBI's", "F B I's"),
    ("CEOs", "C E O's"),
    ("AFP", "A- F P"),
    ("NATO", "NATO"),
    ("UNESCO and NASA", "UNESCO and NASA"),
    ("AT&T", "A- T and T"),
    ("U.S.", "U S."),
    ("the U.S. Senate", "the U S Senate"),
    # titles and honorifics
    ("Mr. Smith", "Mister Smith"),
    ("Mrs. Patel", "Missus Patel"),
    ("Ms Okafor", "Miz Okafor"),
    ("Dr. Adeyemi", "Doctor Adeyemi"),
    ("St. Louis", "Saint Louis"),
    ("He lives on Main St.", "He lives on Main Street."),
    ("The clinic is at 40 Oak Dr.", "The clinic is at forty Oak Drive."),
    ("Gov. Reyes", "Governor Reyes"),
    ("e.g. this", "for example this"),
    ("J. R. R. Tolkien", "J R R Tolkien"),
    # characters
    ("non\u2011breaking", "non-breaking"),
    ("“Quoted” and ‘single’", "\"Quoted\" and 'single'"),
    ("a\u00a0b\u200bc", "a bc"),
    ("- Schools open", "Schools open"),
    ("jane.doe@example.com", "jane dot doe at example dot com"),
    ("https://www.example.org/a-b", "w w w dot example dot org slash a dash b"),
]


@pytest.mark.parametrize(("written", "said"), CASES)
def test_spoken_form(written: str, said: str) -> None:
    assert spoken_form(written).text == said


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 60


def test_caps_headline_is_recased_and_who_spelled() -> None:
    spoken = spoken_form("STORM WARNING: WHO ADVISES RESIDENTS", headline=True)
    assert spoken == Spoken("Storm warning: W H O advises residents")


def test_caps_headline_keeps_names_and_numerals() -> None:
    said = spoken_form("KING CHARLES III VISITS FLOODED TOWNS", headline=True).text
    assert said == "King Charles the third visits flooded towns"


def test_mixed_case_headline_is_left_alone() -> None:
    assert spoken_form("WHO Warns of Heat", headline=True).text == "W H O Warns of Heat"


def test_unknown_acronyms_are_reported_once() -> None:
    spoken = spoken_form("The XQZ and the FBI met the XQZ again.")
    assert spoken.text == "The X Q Z and the F B I met the X Q Z again."
    assert spoken.spelled == ("XQZ",)


def test_known_acronyms_and_capitalised_words_are_not_reported() -> None:
    spoken = spoken_form("BRUSSELS — NATO and the WHO met the IMF.")
    assert spoken.spelled == ()
    assert spoken.text.startswith("Brussels, NATO")


def test_the_pronoun_i_is_never_touched() -> None:
    assert spoken_form("I said I would, and I did.").text == "I said I would, and I did."


@pytest.mark.parametrize(
    ("language", "written", "said"),
    [
        ("fr", "3,5 %", "trois virgule cinq pour cent"),
        ("de", "2.400 Menschen", "zweitausendvierhundert Menschen"),
        ("nl", "21 dagen", "eenentwintig dagen"),
        ("en-GB", "$65", "sixty-five dollars"),
        ("EN_us", "3rd", "third"),
    ],
)
def test_other_languages(language: str, written: str, said: str) -> None:
    assert spoken_form(written, language).text == said


def test_never_empty_when_there_is_a_letter_or_digit() -> None:
    for text in ("x", "7", "—a—", "• 1", "“A”"):
        assert spoken_form(text).text


def test_whitespace_only_is_empty() -> None:
    assert spoken_form(" \n\t\u00a0").text == ""


TRACKING_LINK = (
    "https://example.org/a?utm_source=newsletter&utm_medium=email&id="
    "1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef"
)


@pytest.mark.parametrize(
    ("written", "said"),
    [
        # A pasted tracking link is announced by its host, not spelled for a minute.
        (f"The timetable is at {TRACKING_LINK} from Monday.",
         "The timetable is at a link to example dot org from Monday."),
        ("Read example.org/a?utm_source=x&id=1234567890abcdef now.",
         "Read a link to example dot org now."),
        ("See https://www.example.org/ferries/winter-timetable-2026-27.pdf today.",
         "See a link to example dot org today."),
        ("Vote at www.example.gov/vote today.",
         "Vote at w w w dot example dot gov slash vote today."),  # short: read out
        # A long code of letters and digits.
        ("Ticket 9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c was void.",
         "Ticket a long code was void."),
        ("ID 123e4567-e89b-12d3-a456-426614174000 here.", "I D a long code here."),
        # Scripts an English voice cannot read are announced; single letters are read.
        ("Καλημέρα σας, φίλοι μου.", "a passage in Greek."),
        ("He said Καλημέρα to all.", "He said a word in Greek to all."),
        ("欢迎你们来到我们的港口城市。", "a passage in Chinese characters."),
        ("日本語のテキストです。", "a passage in Japanese."),
        ("ยินดีต้อนรับสู่ท่าเรือของเรา", "a passage in Thai"),
        ("Привет, мир.", "a passage in Cyrillic."),
        ("The π value and the μ-law.", "The π value and the μ-law."),
    ],
)  # fmt: skip
def test_text_a_voice_cannot_read_is_announced(written: str, said: str) -> None:
    assert spoken_form(written).text == said


def test_other_languages_space_out_foreign_letters() -> None:
    """No rules of their own yet: each foreign letter becomes a word (spelled)."""
    assert spoken_form("Il a dit Καλημέρα.", "fr").text == "Il a dit Κ α λ η μ έ ρ α."
    assert spoken_form("Er sagte 欢迎。", "de").text == "Er sagte 欢 迎."


def test_no_token_an_engine_sees_is_longer_than_a_word() -> None:
    """Whatever is left (a long link in a language without rules, garbage, a compound of
    70 letters) is cut into pieces, so no clip is one 'word' taking a minute."""
    for written, language in [
        (f"Voir {TRACKING_LINK} demain.", "fr"),
        ("Code " + "xq" * 60 + " fin.", "en"),
        ("Das " + "Donaudampfschiff" * 5 + " fährt.", "de"),
        ("A" + "-b" * 40 + " c.", "en"),
    ]:
        tokens = spoken_form(written, language).text.split()
        assert max(len(t) for t in tokens) <= 48, (written, tokens)
    said = spoken_form("Donaudampfschifffahrtsgesellschaftskapitän", "de").text
    assert said == "Donaudampfschifffahrtsgesellschaftskapitän"  # a real word stays whole
