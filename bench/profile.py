"""Where the time goes in one page: renders it many times under pyinstrument and prints the
call tree. Uses the settings and database of the environment (see bench/run.py).

    DATABASE_URL=… .venv/bin/python bench/profile.py /news/ [--repeat 50]
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--flat", action="store_true", help="functions by own time")
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    from pyinstrument import Profiler

    client = Client(HTTP_HOST="127.0.0.1")
    assert client.get(args.path).status_code == 200  # noqa: S101 - warm renditions and caches
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(args.repeat):
            client.get(args.path)
    print(profiler.output_text(unicode=True, color=False, show_all=False, flat=args.flat))


if __name__ == "__main__":
    main()
