from django.contrib.auth import views as auth_views
from django.urls import include, path

from fazhi.api.urls import api
from fazhi.core.access import public_page
from fazhi.core.admin import site as admin_site
from fazhi.core.login import login_page

urlpatterns = [
    path("login/", login_page, name="login"),
    path("logout/", public_page(auth_views.LogoutView.as_view()), name="logout"),
    path("admin/", admin_site.urls),
    path("api/v1/", api.urls),
    path("ledger/", include("fazhi.ledger.urls")),
    path("cases/", include("fazhi.enforcement.urls")),
    path("disclosure/", include("fazhi.disclosure.urls")),
    path("contracts/", include("fazhi.contracts.urls")),
    path("learning/", include("fazhi.learning.urls")),
    path("decisions/", include("fazhi.decisions.urls")),
    path("mediation/", include("fazhi.mediation.urls")),
    path("petitions/", include("fazhi.petitions.urls")),
    path("prevention/", include("fazhi.prevention.urls")),
    path("governance/", include("fazhi.governance.urls")),
    path("reports/", include("fazhi.reports.urls")),
    path("gongshi/juece/", include("fazhi.decisions.public_urls")),
    path("gongshi/chaxun/", include("fazhi.mediation.public_urls")),
    path("gongshi/baogao/", include("fazhi.reports.public_urls")),
    path("gongshi/", include("fazhi.disclosure.public_urls")),
    path("", include("fazhi.core.urls")),
]

handler400 = "fazhi.core.error_pages.bad_request"
handler403 = "fazhi.core.error_pages.permission_denied"
handler404 = "fazhi.core.error_pages.page_not_found"
handler500 = "fazhi.core.error_pages.server_error"
