#!/usr/bin/env python3
"""A real SMTP server on 127.0.0.1 for Horizon's tests (aiosmtpd).

    smtp_server.py --dir DIR [--refuse] [--user U --password P] [--delay SECONDS]

Prints "ready PORT" once listening, then serves until its standard input closes.
Accepted messages are saved as DIR/N.eml with DIR/N.json holding the envelope.
With --refuse every message is answered "550 5.7.1 Message refused"; --delay holds each message that
long before answering (a slow server, so that two senders overlap).
"""
import argparse
import asyncio
import json
import os
import socket
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, directory, refuse, delay=0.0):
        self.directory = directory
        self.refuse = refuse
        self.delay = delay
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.refuse:
            return "550 5.7.1 Message refused"
        self.count += 1
        base = os.path.join(self.directory, str(self.count))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        auth = getattr(session, "auth_data", None)
        login = auth.login.decode() if isinstance(auth, LoginPassword) else None
        with open(base + ".json", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos, "login": login}, f)
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--refuse", action="store_true")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user \
            and auth_data.password.decode() == args.password
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = {}
    if args.user:
        options = dict(authenticator=authenticator, auth_require_tls=False, auth_required=True)
    controller = Controller(Handler(args.dir, args.refuse, args.delay), hostname="127.0.0.1", port=port, **options)
    controller.start()
    print(f"ready {port}", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
