#!/usr/bin/env python3
"""Gives bench accounts a confirmed e-mail channel, the way a woman does it in the app (deploy/bench/bench.sh).

For each username on stdin: a real sign-in on Keycloak's login form (authorization code + PKCE with the gateway's
client, as the web app signs her in: only such a token carries the auth_time that asking for a code needs), then
POST /api/notifications/preferences/email with <username>@example.invalid, the 6-digit code read from the local SMTP
stand-in's /last, POST .../email/verify with it (her consent recorded in Japanese), and PUT /preferences choosing
e-mail besides the inbox. Prints one line: "<ok> of <asked> accounts have e-mail; <seconds> s".

  email-accounts.py KEYCLOAK_REALM_URL NOTIFICATION_URL STAND_IN_PAGE_URL [WORKERS] < usernames
"""
import base64
import hashlib
import html
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

REALM, NOTIFICATION, STAND_IN = (u.rstrip("/") for u in sys.argv[1:4])
WORKERS = int(sys.argv[4]) if len(sys.argv) > 4 else 4
CLIENT, SECRET = "ibasho-gateway", "gateway-local-secret-change-me"  # the local realm's, as FreshSignIn uses them
REDIRECT = "http://localhost:8080/app/login"  # a redirect the realm allows; never followed


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def call(method, url, body=None, headers=None, form=False):
    data = None
    headers = dict(headers or {})
    if body is not None:
        if form:
            data = urllib.parse.urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with OPENER.open(request, timeout=60) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode(errors="replace")
    except OSError as e:  # a timeout or a refused connection: which call, without its query (an address)
        raise RuntimeError(f"{method} {urllib.parse.urlparse(url).path}: {type(e).__name__} {e}") from e


def sign_in(username):
    """An access token from the login form (cookies carried by hand: Keycloak marks them Secure even over HTTP)."""
    verifier = base64.urlsafe_b64encode(hashlib.sha256(username.encode()).digest()).rstrip(b"=").decode() + "bench"
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    query = urllib.parse.urlencode({"client_id": CLIENT, "response_type": "code", "scope": "openid",
                                    "redirect_uri": REDIRECT, "code_challenge": challenge,
                                    "code_challenge_method": "S256"})
    status, headers, page = call("GET", f"{REALM}/protocol/openid-connect/auth?{query}")
    cookies = "; ".join(c.split(";", 1)[0] for c in headers.get_all("Set-Cookie") or [])
    action = re.search(r'action="([^"]+)"', page)
    if status != 200 or not action:
        raise RuntimeError(f"no login form ({status})")
    post = html.unescape(action.group(1)).replace("localhost", "127.0.0.1")
    status, headers, _ = call("POST", post, {"username": username, "password": username + "-ibasho"},
                              {"Cookie": cookies}, form=True)
    location = headers.get("Location") or ""
    code = urllib.parse.parse_qs(urllib.parse.urlparse(location).query).get("code")
    if not code:
        raise RuntimeError(f"sign-in failed ({status})")
    status, _, body = call("POST", f"{REALM}/protocol/openid-connect/token",
                           {"grant_type": "authorization_code", "client_id": CLIENT, "client_secret": SECRET,
                            "code": code[0], "redirect_uri": REDIRECT, "code_verifier": verifier}, form=True)
    if status != 200:
        raise RuntimeError(f"code exchange failed ({status})")
    return json.loads(body)["access_token"]


def give_email(username):
    address = f"{username}@example.invalid"
    bearer = {"Authorization": "Bearer " + sign_in(username)}
    status, _, _ = call("POST", f"{NOTIFICATION}/api/notifications/preferences/email", {"address": address}, bearer)
    if status != 202:
        raise RuntimeError(f"code request answered {status}")
    code = None
    for _ in range(100):  # the code mail goes out before the 202; the stand-in has it at once
        status, _, body = call("GET", f"{STAND_IN}/last?to={urllib.parse.quote(address)}")
        found = re.search(r"\b(\d{6})\b", body) if status == 200 else None
        if found:
            code = found.group(1)
            break
        time.sleep(0.1)
    if code is None:
        raise RuntimeError("no code mail at the stand-in")
    status, _, _ = call("POST", f"{NOTIFICATION}/api/notifications/preferences/email/verify",
                        {"code": code, "consentLanguage": "ja"}, bearer)
    if status != 200:
        raise RuntimeError(f"verify answered {status}")
    status, _, _ = call("PUT", f"{NOTIFICATION}/api/notifications/preferences",
                        {"language": "ja", "channels": ["in-app", "email"], "fullDetail": False}, bearer)
    if status != 200:
        raise RuntimeError(f"choosing e-mail answered {status}")
    return True


def attempt(username):
    """give_email, once more after a failure (a new code is asked for); the first failure is shown either way."""
    first = None
    for _ in range(2):
        try:
            give_email(username)
            if first:
                print("email-accounts: succeeded on the second try after " + first, file=sys.stderr)
            return True
        except Exception as e:  # counted, and the first few reasons shown (no address, no code, no token)
            first = first or type(e).__name__ + ": " + str(e)
    return first


def main():
    names = [line.strip() for line in sys.stdin if line.strip()]
    started = time.time()
    with ThreadPoolExecutor(WORKERS) as pool:
        outcomes = list(pool.map(attempt, names))
    failures = [o for o in outcomes if o is not True]
    for reason in sorted(set(failures))[:5]:
        print("email-accounts: " + reason, file=sys.stderr)
    print(f"{len(names) - len(failures)} of {len(names)} accounts have e-mail; {time.time() - started:.0f} s")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
