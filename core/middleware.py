from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """German unless the user chose another language with the switch in the footer.

    Django's LocaleMiddleware also follows the browser's Accept-Language header;
    a German administration portal should not turn English because a browser is
    set up in English, so only the language cookie (set by `set_language`) counts.
    """

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
