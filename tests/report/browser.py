"""Open a report in a real headless Chromium and record what it did (a test helper).

Chromium is driven over the DevTools protocol: the page is loaded from a file, every console
message, uncaught exception and network request is recorded, JavaScript expressions are
evaluated in the page, and a screenshot is written as PNG so that a person can look at it.

Needs Debian's ``chromium`` (``.ci/run`` installs it where it is missing) and the
``websocket-client`` package (in the ``test`` extra).
"""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
)


def chromium_path() -> str | None:
    """The Chromium executable, or None when it is not installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class PageVisit:
    """What happened while a page loaded."""

    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    screenshot: Path | None = None

    @property
    def network_requests(self) -> list[str]:
        """Requests that left the machine's files (anything but file: and data: URLs)."""
        return [u for u in self.requests if not u.startswith(("file:", "data:", "about:"))]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _DevTools:
    def __init__(self, ws_url: str) -> None:
        import websocket

        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == event for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {event} within {timeout} s")
            self.events.append(json.loads(self.ws.recv()))

    def drain(self, seconds: float) -> None:
        self.ws.settimeout(seconds)
        try:
            while True:
                self.events.append(json.loads(self.ws.recv()))
        except Exception:  # the socket's timeout ends the drain
            pass
        finally:
            self.ws.settimeout(30)


def visit(
    page: Path, *, expressions: dict[str, str] | None = None, screenshot: Path | None = None
) -> PageVisit:
    """Load ``page`` in headless Chromium; evaluate ``expressions``; optionally take a screenshot.

    Parameters
    ----------
    page : Path
        The HTML file.
    expressions : dict, optional
        Name to JavaScript expression; each result (JSON-serialisable) lands in ``values``.
    screenshot : Path, optional
        Where to write a full-page PNG.
    """
    exe = chromium_path()
    if exe is None:
        raise RuntimeError("chromium is not installed")
    port = _free_port()
    # Chromium's helper processes can still write to the profile for a moment after the browser
    # exits; a profile left behind in the temporary folder is no test failure.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        proc = subprocess.Popen(
            [
                exe,
                *CHROMIUM_FLAGS,
                f"--remote-debugging-port={port}",
                f"--user-data-dir={profile}",
                "--window-size=1280,900",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            targets = _targets(port)
            tab = next(t for t in targets if t.get("type") == "page")
            tools = _DevTools(tab["webSocketDebuggerUrl"])
            for domain in ("Page", "Runtime", "Network", "Log"):
                tools.call(f"{domain}.enable")
            tools.events.clear()
            tools.call("Page.navigate", url=page.resolve().as_uri())
            tools.wait_for("Page.loadEventFired")
            tools.drain(1.0)  # late requests and messages
            result = PageVisit()
            for e in tools.events:
                method, params = e.get("method"), e.get("params", {})
                if method == "Network.requestWillBeSent":
                    result.requests.append(params["request"]["url"])
                elif method == "Runtime.exceptionThrown":
                    result.console_errors.append(json.dumps(params.get("exceptionDetails", {}))[:500])
                elif method == "Runtime.consoleAPICalled" and params.get("type") in {"error", "assert"}:
                    result.console_errors.append(json.dumps(params.get("args", []))[:500])
                elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                    result.console_errors.append(params["entry"].get("text", ""))
            for name, expression in (expressions or {}).items():
                value = tools.call("Runtime.evaluate", expression=expression, returnByValue=True)
                result.values[name] = value.get("result", {}).get("value")
            if screenshot is not None:
                shot = tools.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
                screenshot.write_bytes(base64.b64decode(shot["data"]))
                result.screenshot = screenshot
            tools.ws.close()
            return result
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _targets(port: int, timeout: float = 30) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=2) as r:
                return list(json.loads(r.read()))
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
