from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PagesLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Every page needs a signed-in user unless marked public; machine interfaces
    (/api/, /open311/) authenticate each request themselves and answer 401, never a redirect."""

    machine_prefixes = ("/api/", "/open311/")

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith(self.machine_prefixes):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Speak Chinese unless the user chose English with the language switch; the browser's
    Accept-Language is not consulted, so a phone set to English still gets the Chinese pages."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
