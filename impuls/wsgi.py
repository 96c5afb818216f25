import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impuls.settings")

application = get_wsgi_application()

# What is loaded by now (Django, the apps, their modules and settings) lives as long as
# the process: moved out of the garbage collector's way, so that its collections during
# a request walk the request's objects only, not the ~200,000 loaded at start-up.
gc.freeze()
