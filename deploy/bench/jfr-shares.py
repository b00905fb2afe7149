"""Shares of a JFR recording's execution samples by library, and by the first Ibasho frame on the stack.

Reads the output of `jfr print --events jdk.ExecutionSample --stack-depth 200 FILE` (bench.sh writes it). A sample
counts for the first rule, in this order, that matches a frame of its stack above (called by) its first Ibasho frame,
or of its whole stack when it has none: so "hibernate" is the CPU spent under Hibernate Reactive that was not already
JSON, token or Kafka work. A sample whose top frame is Ibasho's counts as its own. A flat hot-methods list hides that.
"""
import collections
import re
import sys

RULES = [
    ("token verification (jose4j, smallrye-jwt, oidc)", r"jose4j|smallrye\.jwt|quarkus\.oidc"),
    ("metrics (micrometer)", r"micrometer"),
    ("traces (opentelemetry)", r"opentelemetry"),
    ("logging", r"jboss\.logmanager|jboss\.logging"),
    ("json (jackson)", r"fasterxml\.jackson"),
    ("kafka client", r"org\.apache\.kafka"),
    ("reactive messaging", r"smallrye\.reactive\.messaging"),
    ("validation (hibernate validator)", r"org\.hibernate\.validator"),
    ("hibernate (orm, reactive)", r"org\.hibernate"),
    ("postgresql client", r"vertx\.pgclient|vertx\.sqlclient"),
    ("http (resteasy, vert.x web)", r"resteasy|vertx\.core\.http|vertx\.ext\.web|quarkus\.vertx\.http"),
    ("netty", r"io\.netty"),
    ("other", r"."),
]
OIDC_ROUTES = re.compile(r"io\.quarkus\.oidc\.runtime\.(BackChannelLogoutHandler|ResourceMetadataHandler)\.handle$")
FRAME = re.compile(r"^[\w$.]+\.[\w$<>]+\(")

def samples(path):
    stack = []
    for line in open(path, encoding="utf-8", errors="replace"):
        text = line.strip()
        if text.startswith("jdk.ExecutionSample"):
            if stack:
                yield stack
            stack = []
        elif FRAME.match(text):
            stack.append(re.sub(r"\(.*", "", text))
    if stack:
        yield stack

shares, firsts, total = collections.Counter(), collections.Counter(), 0
for stack in samples(sys.argv[1]):
    total += 1
    # quarkus-oidc's pass-through route handlers sit under every request (they check the path and call next()):
    # counting them made all of the gateway's work look like token verification (round 14, branch edge)
    # and a continuation runs on the stack of whatever completed it (a verified token, a database answer): the work is
    # what lies above the first Ibasho frame, not what lies below it
    ours = [i for i, frame in enumerate(stack) if frame.startswith("io.ibasho.")]
    doing = stack[: ours[0]] if ours else stack
    joined = "\n".join(frame for frame in doing if not OIDC_ROUTES.match(frame))
    shares["ibasho (its own frames)" if not doing else next(name for name, rule in RULES if re.search(rule, joined))] += 1
    ours = [frame for frame in stack if frame.startswith("io.ibasho.")]
    firsts[ours[0] if ours else "(no Ibasho frame)"] += 1
print(f"== execution samples: {total}")
for name, count in shares.most_common():
    print(f"{count:7} {100 * count / max(total, 1):5.1f} %  {name}")
print("== first Ibasho frame")
for name, count in firsts.most_common(12):
    print(f"{count:7} {100 * count / max(total, 1):5.1f} %  {name[:140]}")
