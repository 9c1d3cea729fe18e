"""pytest plugin: a test fails if any FakeDiscord it created saw a body real Discord would refuse.

Registered from ``tests/conftest.py``. Without it a refused body only fails a test that looks
at that response; a follow-up the bot sends and forgets, or an error it logs and swallows,
would pass. A test that sends broken bodies on purpose says so with
``@pytest.mark.spec_violations_expected``.

The check runs right after the test body, inside the call phase, so it is the test that
fails (and ``xfail`` applies); violations that only arrive while fixtures tear down (a bot
shutting down) are caught by the autouse fixture, as a teardown error.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence

import pytest

from .records import SpecViolation
from .server import CREATED

MARKER = "spec_violations_expected"
_REPORTED = pytest.StashKey[dict[int, int]]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{MARKER}: the test sends bodies Discord would refuse on purpose; do not fail it for them"
    )


def _new_violations(item: pytest.Item) -> list[SpecViolation]:
    """Violations of this test's fakes not yet reported (each is reported once)."""
    reported = item.stash.setdefault(_REPORTED, {})
    found: list[SpecViolation] = []
    for fake in CREATED:
        found += fake.spec_violations[reported.get(id(fake), 0) :]
        reported[id(fake)] = len(fake.spec_violations)
    return found


def _describe(violations: Sequence[SpecViolation]) -> str:
    lines = [f"{len(violations)} request body(ies) real Discord would refuse:"]
    lines += [f"  {v.request.method} {v.request.path} -> {v}" for v in violations]
    lines.append(f"(a test that sends them on purpose: @pytest.mark.{MARKER})")
    return "\n".join(lines)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    try:
        result = yield
    except BaseException:
        # The test failed already (often *because* of the refusal): show, don't fail twice.
        violations = _new_violations(item)
        if violations:
            item.add_report_section("call", "spec violations", _describe(violations))
        raise
    violations = _new_violations(item)
    if violations and item.get_closest_marker(MARKER) is None:
        pytest.fail(_describe(violations), pytrace=False)
    return result


@pytest.fixture(autouse=True)
def _fail_on_spec_violations(request: pytest.FixtureRequest) -> Iterator[None]:
    CREATED.clear()
    yield
    late = _new_violations(request.node)
    CREATED.clear()
    if late and request.node.get_closest_marker(MARKER) is None:
        pytest.fail(_describe(late), pytrace=False)
