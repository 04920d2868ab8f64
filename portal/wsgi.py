"""WSGI entry point for gunicorn; production settings unless told otherwise.

On start-up the process first replays search updates a killed worker left
recorded (search.service.replay_pending), then warms itself up with a few
internal requests (core.warmup) so that the first visitor is not the one who
waits. gunicorn preloads this module (portal/gunicorn.conf.py), so both run
once in the master and every worker starts warm.
"""

import logging
import os

from django.core.wsgi import get_wsgi_application
from django.db import connections

from core.warmup import warm_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()


def _start_up() -> None:
    from search.service import replay_pending  # app registry: get_wsgi_application() set it up

    try:
        replayed = replay_pending()
        if replayed:
            logging.getLogger(__name__).warning("replayed %d recorded search updates", replayed)
    except Exception:  # Elasticsearch or the database may still be starting: the timer retries
        logging.getLogger(__name__).warning("search replay at start-up failed", exc_info=True)
    finally:
        connections.close_all()
    warm_up(application)


if os.environ.get("PORTAL_WARM_UP", "1") != "0":
    _start_up()
