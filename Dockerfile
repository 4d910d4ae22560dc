# Production image: python:3.11-slim, non-root, gunicorn, static files collected at build.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=huisvanhetkind.settings.base

RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 portal

WORKDIR /app
COPY requirements.lock pyproject.toml ./
RUN pip install -r requirements.lock

COPY --chown=portal:portal . .
# collectstatic needs settings, not secrets: a throwaway key for the build step only.
RUN DEBUG=false SECRET_KEY=build-only-not-used-at-run-time-0123456789abcdefghijklmnop \
    python manage.py collectstatic --no-input \
    && mkdir -p /app/.data/media && chown -R portal:portal /app/.data

USER portal
EXPOSE 8000
CMD ["gunicorn", "huisvanhetkind.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
