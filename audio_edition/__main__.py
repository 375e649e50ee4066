"""``python -m audio_edition``: the command line."""

from audio_edition.cli import main

if __name__ == "__main__":
    main()
