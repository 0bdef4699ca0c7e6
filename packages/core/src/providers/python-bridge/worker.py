# steadystate's Python worker: runs the `python` activities whose module steadystate does not
# implement natively, the way chaostoolkit-lib's provider/python.py runs them. Standard library
# only, Python 3.8 or later; chaostoolkit-lib is used when it is importable (its ActivityFailed).
#
# Protocol: one JSON object per line. Requests arrive on the original stdin, answers leave on the
# original stdout; both are dup()ed away at start, so whatever the user's functions print (or their
# subprocesses write) goes to stderr, which steadystate shows in its log and never parses.
#   -> {"id", "type": "call", "module", "func", "arguments", "configuration", "scopes", "secrets"}
#   <- {"id", "type": "result", "output", "notes"} | {"id", "type": "failed", "error", "exception"}
#   -> {"id", "type": "validate", "module", "func", "arguments"}
#   <- {"id", "type": "validated", "verdict": {...}}
#   -> {"id", "type": "describe"}            <- {"id", "type": "described", "description": {...}}
# Controls' requests are served by worker_controls.py, prepended to this file (see worker-source.ts).
# Unknown request types are answered with {"id", "type": "error"}, so a newer steadystate can add
# types and learn that an older worker does not know them.
import datetime
import decimal
import importlib
import inspect
import json
import logging
import os
import platform
import sys
import threading
import traceback
import uuid

PROTOCOL = 1


class StandInActivityFailed(Exception):
    """chaostoolkit-lib's ActivityFailed when it is not installed: the journal text is the same."""


StandInActivityFailed.__module__ = "chaoslib.exceptions"
StandInActivityFailed.__qualname__ = StandInActivityFailed.__name__ = "ActivityFailed"


def activity_failed_class():
    # Imported on the first failure only: chaoslib's package import costs a start-up otherwise.
    try:
        from chaoslib.exceptions import ActivityFailed
        return ActivityFailed
    except Exception:
        return StandInActivityFailed


class Channel:
    """The protocol streams, taken from fds 0 and 1 before anything else can write to them."""

    def __init__(self):
        self.incoming = os.fdopen(os.dup(0), "r", encoding="utf-8", newline="\n")
        self.outgoing = os.fdopen(os.dup(1), "w", encoding="utf-8", newline="\n")
        self.lock = threading.Lock()
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.dup2(2, 1)
        sys.stdin = open(os.devnull, "r")
        sys.stdout = sys.stderr

    def send(self, message):
        # ASCII escapes keep lone surrogates (undecodable bytes) encodable.
        line = json.dumps(message, ensure_ascii=True) + "\n"
        # What the function printed reaches steadystate's log before its answer does.
        sys.stderr.flush()
        with self.lock:
            self.outgoing.write(line)
            self.outgoing.flush()


def describe_exception(error):
    """The reference's one-line text of an exception: `RuntimeError: boom`."""
    return traceback.format_exception_only(type(error), error)[0].strip()


def failure_lines(error):
    """The journal's `exception` as the reference writes it: ActivityFailed raised while handling."""
    activity_failed = activity_failed_class()
    try:
        raise activity_failed(describe_exception(error))
    except activity_failed as failed:
        return str(failed), traceback.format_exception(type(failed), failed, None)


class Converter:
    """A function's result as the reference's journal holds it (its JSON encoder's rules), plus
    what the reference cannot write (sets, bytes, objects): converted, and noted."""

    def __init__(self):
        self.notes = []
        self.path = set()

    def note(self, what, where, why=None):
        why = why or "chaos run cannot write it to its journal"
        text = "%s at %s (%s)" % (what, where or "the top level", why)
        if text not in self.notes:
            self.notes.append(text)

    def key(self, key, where):
        if isinstance(key, str):
            return key
        if key is None or isinstance(key, (bool, int, float)):
            return json.dumps(key) if not isinstance(key, float) else float.__repr__(key)
        self.note("a key of type %s, written as its str()" % type(key).__name__, where)
        return str(key)

    def convert(self, value, where=""):
        if value is None or isinstance(value, (bool, str)):
            return value if type(value) in (bool, str) or value is None else str(value)
        if isinstance(value, int):
            return int(value)
        if isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                self.note("a non-finite number, written as a string", where,
                          "chaos run writes it bare, which is not JSON")
                return "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")
            return float(value)
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        if isinstance(value, (decimal.Decimal, uuid.UUID)):
            return str(value)
        if isinstance(value, (dict, list, tuple, set, frozenset)):
            if id(value) in self.path:
                self.note("a circular reference, written as a string", where,
                          "chaos run fails on it")
                return "<circular reference>"
            self.path.add(id(value))
            try:
                return self.container(value, where)
            finally:
                self.path.discard(id(value))
        if isinstance(value, (bytes, bytearray)):
            self.note("bytes, decoded as UTF-8", where)
            return bytes(value).decode("utf-8", "backslashreplace")
        if isinstance(value, datetime.time):
            self.note("a time, written in ISO format", where)
            return value.isoformat()
        self.note("an object of type %s, written as its str()" % type(value).__name__, where)
        return str(value)

    def container(self, value, where):
        if isinstance(value, dict):
            return {
                self.key(k, where): self.convert(v, "%s.%s" % (where, k) if where else str(k))
                for k, v in value.items()
            }
        items = list(value)
        if isinstance(value, (set, frozenset)):
            self.note("a set, written as a list", where)
            try:
                items = sorted(items)
            except TypeError:
                pass
        return [self.convert(item, "%s[%d]" % (where, i)) for i, item in enumerate(items)]


def parameters_of(func):
    try:
        return inspect.signature(func).parameters
    except (TypeError, ValueError):
        return {}


def call(request):
    """Runs one activity as chaostoolkit-lib's run_python_activity does."""
    module = importlib.import_module(request["module"])
    func = getattr(module, request["func"])
    arguments = dict(request.get("arguments") or {})
    parameters = parameters_of(func)
    scopes = request.get("scopes")
    if scopes is not None and "secrets" in parameters:
        secrets = request.get("secrets") or {}
        arguments["secrets"] = {}
        for scope in scopes:
            arguments["secrets"].update(dict(secrets.get(scope) or {}))
    if "configuration" in parameters:
        arguments["configuration"] = dict(request.get("configuration") or {})
    return func(**arguments)


def answer_call(channel, request):
    try:
        result = call(request)
    except BaseException as error:  # SystemExit and KeyboardInterrupt too: the worker lives on
        text, lines = failure_lines(error)
        channel.send({"id": request["id"], "type": "failed", "error": text, "exception": lines})
        return
    try:
        converter = Converter()
        output = converter.convert(result)
        channel.send({"id": request["id"], "type": "result", "output": output, "notes": converter.notes})
    except Exception as error:
        text = "the output could not be converted to JSON: %s" % describe_exception(error)
        channel.send({"id": request["id"], "type": "failed", "error": text, "exception": [text + "\n"]})


def import_for_validation(name):
    """(module, None), or (None, the import-failed verdict) when it cannot be imported."""
    try:
        return importlib.import_module(name), None
    except ImportError as error:
        return None, {"kind": "import-failed", "missing": getattr(error, "name", None),
                      "error": describe_exception(error)}
    except BaseException as error:
        return None, {"kind": "import-failed", "missing": None, "error": describe_exception(error)}


def validate(request):
    """What chaostoolkit-lib's validate_python_activity checks, as data steadystate words."""
    module, failed = import_for_validation(request["module"])
    if failed is not None:
        return failed
    func = getattr(module, request["func"], None)
    if not (inspect.isfunction(func) or inspect.isbuiltin(func)):
        return {"kind": "no-function"}
    try:
        parameters = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return {"kind": "ok"}
    given = set(request.get("arguments") or {})
    given.update(name for name in ("secrets", "configuration") if name in parameters)
    kinds = inspect.Parameter
    named = (kinds.POSITIONAL_OR_KEYWORD, kinds.KEYWORD_ONLY)
    missing = [p.name for p in parameters.values()
               if p.kind in named + (kinds.POSITIONAL_ONLY,) and p.default is kinds.empty
               and (p.name not in given or p.kind == kinds.POSITIONAL_ONLY)]
    takes_any = any(p.kind == kinds.VAR_KEYWORD for p in parameters.values())
    unexpected = [name for name in sorted(request.get("arguments") or {})
                  if not takes_any and (name not in parameters or parameters[name].kind not in named)]
    if missing or unexpected:
        return {"kind": "arguments", "missing": missing, "unexpected": unexpected}
    return {"kind": "ok"}


def extensions():
    """Installed distributions that look like Chaos Toolkit packages, with their top-level modules."""
    try:
        from importlib import metadata
    except ImportError:
        return []
    found = []
    for dist in metadata.distributions():
        name = dist.metadata["Name"] or ""
        modules = sorted(set((dist.read_text("top_level.txt") or "").split()))
        if not modules:
            modules = sorted({str(f).split("/")[0] for f in (dist.files or []) if str(f).endswith("__init__.py")})
        if name.lower().startswith("chaostoolkit") or any(m.startswith("chaos") for m in modules):
            found.append({"name": name, "version": dist.version, "modules": modules})
    return sorted(found, key=lambda entry: entry["name"].lower())


def chaoslib_version():
    try:
        from importlib import metadata
        return metadata.version("chaostoolkit-lib")
    except Exception:
        return None


def describe():
    return {"python": platform.python_version(), "executable": sys.executable,
            "chaoslib": chaoslib_version(), "extensions": extensions(), "path": list(sys.path)}


def serve(channel):
    channel.send({"type": "ready", "protocol": PROTOCOL, "python": platform.python_version(),
                  "executable": sys.executable, "chaoslib": chaoslib_version(), "pid": os.getpid()})
    for line in channel.incoming:
        request = json.loads(line)
        kind = request.get("type")
        if kind == "call":
            # Activities run side by side (background ones, the hypothesis during the method), as in
            # the reference's thread pool.
            threading.Thread(target=answer_call, args=(channel, request), daemon=True).start()
        elif kind == "validate":
            channel.send({"id": request["id"], "type": "validated", "verdict": validate(request)})
        elif kind == "describe":
            channel.send({"id": request["id"], "type": "described", "description": describe()})
        elif serve_control(channel, request):
            pass
        else:
            channel.send({"id": request.get("id"), "type": "error",
                          "message": "unknown request type %r" % (kind,)})


def main():
    channel = Channel()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    serve(channel)
    # End of input: steadystate is done with this worker. Calls still running are abandoned.
    sys.stderr.flush()
    os._exit(0)


main()
