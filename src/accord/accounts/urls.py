from django.contrib.auth import views as auth_views
from django.urls import path

from accord.accounts import two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("tokens/", views.tokens, name="tokens"),
    path("two-factor/", two_factor_views.overview, name="two_factor"),
    path("two-factor/setup/", two_factor_views.setup, name="two_factor_setup"),
    path("two-factor/verify/", two_factor_views.verify, name="two_factor_verify"),
    path("two-factor/backup-codes/", two_factor_views.new_backup_codes, name="two_factor_codes"),
    path("two-factor/off/", two_factor_views.turn_off, name="two_factor_off"),
    path("tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke_token"),
]
