#!/usr/bin/env python3
"""Parses an email with Python's email package and prints what Horizon's tests check, as JSON:
header names and decoded values, defects, and each part's type, charset and decoded text."""
import email
import email.policy
import json
import sys

with open(sys.argv[1], "rb") as f:
    message = email.message_from_binary_file(f, policy=email.policy.default)

parts = []
for part in message.walk():
    if part.is_multipart():
        continue
    parts.append({"type": part.get_content_type(), "charset": part.get_content_charset(),
                  "text": part.get_content()})
print(json.dumps({
    "headers": [[name, str(value)] for name, value in message.items()],
    "type": message.get_content_type(),
    "defects": [str(d) for d in message.defects] + [str(d) for p in message.walk() for d in p.defects],
    "parts": parts,
}))
