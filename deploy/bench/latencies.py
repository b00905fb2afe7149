"""Booking committed -> her in-app message stored, or her e-mail accepted by SMTP, from the services' own rows.

  latencies.py message BOOKED TOLD [FROM_MS UNTIL_MS]
  latencies.py email BOOKED BOOKED_BY EMAILING DELIVERIES RECEIPTS [FROM_MS UNTIL_MS]

BOOKED: "registration id,commit epoch s"; TOLD: "registration id,first inbox message epoch s"; BOOKED_BY:
"registration id,attendee id"; EMAILING: attendees who chose a confirmed e-mail address; DELIVERIES: "email_delivery
id,registration id"; RECEIPTS: the SMTP stand-in's /receipts ("epoch ms <Message-ID>"). Each e-mail's Message-ID is
its email_delivery row's id. Exactly once: no Message-ID received twice, and every booking of an account that chose
e-mail received. With a window (epoch ms, the open loop's measured one) only the bookings committed in it are timed,
and the whole run's p99 is given beside (round 18).
"""
import collections
import sys


def rows(path):
    return [line.strip().split(",") for line in open(path) if line.strip()]


def pick(gaps, q):
    return gaps[min(len(gaps) - 1, int(q * len(gaps)))] if gaps else float("nan")


def summary(gaps_by_registration, booked, window):
    """'p50 … ms, p99 … ms' of the gaps, over the window when there is one, with the whole run's p99 beside."""
    gaps = sorted(gaps_by_registration.values())
    if not window:
        return f"p50 {pick(gaps, 0.5):.0f} ms, p99 {pick(gaps, 0.99):.0f} ms"
    timed = sorted(gap for r, gap in gaps_by_registration.items() if window[0] <= booked[r] * 1000 < window[1])
    return (f"the {len(timed)} of the measured window: p50 {pick(timed, 0.5):.0f} ms, p99 {pick(timed, 0.99):.0f} ms "
            f"(all of the run, warm-up included: p99 {pick(gaps, 0.99):.0f} ms)")


def window_of(args):
    return (float(args[0]), float(args[1])) if len(args) == 2 and args[0] and float(args[0]) > 0 else None


def message(booked_file, told_file, *window):
    booked = {r: float(at) for r, at in rows(booked_file)}
    told = {r: float(at) for r, at in rows(told_file)}
    gaps = {r: (told[r] - at) * 1000 for r, at in booked.items() if r in told}
    if not gaps:
        return f"0 of {len(booked)} told"
    return f"{len(gaps)} of {len(booked)} told; {summary(gaps, booked, window_of(window))}"


def email(booked_file, booked_by_file, emailing_file, deliveries_file, receipts_file, *window):
    booked = {r: float(at) for r, at in rows(booked_file)}
    by = dict(rows(booked_by_file))
    emailing = {r[0] for r in rows(emailing_file)}
    registration_of = dict(rows(deliveries_file))  # delivery id -> registration id
    received = collections.defaultdict(list)  # delivery id -> receive times (ms)
    for line in open(receipts_file):
        parts = line.split()
        if len(parts) == 2 and parts[1].startswith("<") and "@" in parts[1]:
            received[parts[1][1:parts[1].index("@")]].append(int(parts[0]))
    expected = [r for r in booked if by.get(r) in emailing]
    first = {}
    twice = 0
    for delivery, registration in registration_of.items():
        times = received.get(delivery, [])
        twice += len(times) > 1
        if times and registration in booked:
            first[registration] = min(first.get(registration, min(times)), min(times))
    gaps = {r: first[r] - booked[r] * 1000 for r in expected if r in first}
    missing = len(expected) - len(gaps)
    once = "each exactly once" if twice == 0 and missing == 0 else f"{twice} received twice, {missing} missing"
    if not gaps:
        return f"0 of {len(expected)} e-mailed ({once})"
    return f"{len(gaps)} of {len(expected)} e-mailed, {once}; {summary(gaps, booked, window_of(window))}"


if __name__ == "__main__":
    print({"message": message, "email": email}[sys.argv[1]](*sys.argv[2:]))
