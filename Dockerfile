# The web and scheduler image. Not built or run in this project's CI (no Docker engine there);
# what it runs is: gunicorn with gunicorn.conf.py, and manage.py run_scheduler.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    PORT=8000

# pg_dump and pg_restore, for manage.py backup and restore.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 news
WORKDIR /srv/news

COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock

COPY --chown=news:news . .
# Static files are built into the image; whitenoise serves them with far-future headers.
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput --verbosity 0

USER news
EXPOSE 8000
# Web by default. The scheduler:  docker run … python manage.py run_scheduler
# Release step, once per deploy:  docker run … python manage.py migrate --noinput
CMD ["gunicorn", "cms.wsgi", "-c", "gunicorn.conf.py"]
