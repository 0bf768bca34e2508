"""Login: Argon2 hashes, lockout after five wrong passwords, sessions that expire."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from fazhi.core.models import Staff


def test_passwords_are_hashed_with_argon2(world, settings):
    settings.PASSWORD_HASHERS = settings.PRODUCTION_PASSWORD_HASHERS
    admin = Staff.objects.get(username="town-admin")
    admin.set_password(PASSWORD)
    admin.save(update_fields=["password"])
    assert Staff.objects.get(username="town-admin").password.startswith("argon2")
    assert Staff.objects.get(username="town-admin").check_password(PASSWORD)


def test_five_wrong_passwords_lock_the_account_even_for_the_right_password(world):
    client = Client()
    for _ in range(5):
        response = client.post(reverse("login"), {"username": "town-admin", "password": "wrong-password"})
    assert "登录已被暂时锁定" in response.content.decode()
    locked = client.post(reverse("login"), {"username": "town-admin", "password": PASSWORD})
    assert "登录已被暂时锁定" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_behind_the_proxy_a_lockout_holds_the_visitor_not_everyone_behind_the_proxy(world, settings):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    guesser = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    for _ in range(5):
        response = guesser.post(reverse("login"), {"username": "town-admin", "password": "wrong-password"})
    assert "登录已被暂时锁定" in response.content.decode()
    # The administrator at her own desk comes through the same proxy and still logs in.
    colleague = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="10.1.2.3")
    colleague.post(reverse("login"), {"username": "town-admin", "password": PASSWORD})
    assert "_auth_user_id" in colleague.session


def test_a_wrong_password_gets_a_chinese_message(world):
    response = Client().post(reverse("login"), {"username": "town-admin", "password": "wrong-password"})
    assert "用户名或密码不正确" in response.content.decode()


def test_sessions_expire_when_idle_and_at_browser_close():
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_logout_ends_the_session(world):
    client = Client()
    client.post(reverse("login"), {"username": "town-admin", "password": PASSWORD})
    client.post(reverse("logout"))
    assert client.get(reverse("core:home")).status_code == 302


def _from(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def test_a_guesser_elsewhere_cannot_lock_a_clerk_out_at_their_desk(world):
    for _ in range(10):
        _from("203.0.113.9").post(reverse("login"), {"username": "town-admin", "password": "wrong-password"})
    at_desk = _from("10.1.2.3")
    response = at_desk.post(reverse("login"), {"username": "town-admin", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in at_desk.session


def test_one_address_failing_across_many_usernames_is_paused(world, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    sprayer = _from("203.0.113.9")
    for number in range(6):
        sprayer.post(reverse("login"), {"username": f"user-{number}", "password": "spring2026"})
    paused = sprayer.post(reverse("login"), {"username": "town-admin", "password": PASSWORD})
    assert paused.status_code == 429
    assert "本地址登录暂停" in paused.content.decode()
    assert "_auth_user_id" not in sprayer.session
    # Another address is not affected.
    assert (
        _from("10.1.2.3").post(reverse("login"), {"username": "town-admin", "password": PASSWORD}).status_code
        == 302
    )


def test_behind_the_proxy_the_address_comes_from_the_configured_header(world, settings):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    # Every request arrives from the proxy at 127.0.0.1; the visitors differ only in the header.
    for _ in range(3):
        Client(REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.9").post(
            reverse("login"), {"username": "nobody", "password": "x"}
        )
    clerk = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="10.1.2.3")
    assert clerk.post(reverse("login"), {"username": "town-admin", "password": PASSWORD}).status_code == 302
