# steadystate's Python worker, its controls part: runs the hooks of Chaos Toolkit Python controls
# the way chaostoolkit-lib's control/python.py calls them. steadystate decides which control runs
# at which moment (get_context_controls, scopes, automatic, refs); this part only calls one hook.
# Prepended to worker.py (the same namespace: describe_exception, import_for_validation and
# parameters_of come from there).
#   -> {"id", "type": "inspect-control", "module", "control"}
#   <- {"id", "type": "inspected", "verdict": {"kind": "ok", "hooks"} | {"kind": "import-failed", ...}
#                                             | {"kind": "invalid", "error"}}
#   -> {"id", "type": "control-run", "experiment", "configuration", "secrets", "settings"}
#   -> {"id", "type": "control", "module", "hook", "arguments", "context", "state", "global"}
#   <- {"id", "type": "controlled", "outcome": {"kind": "done", "experiment"?, "activity"?}
#                                             | {"kind": "interrupt", "message", "experiment"?, "activity"?}
#                                             | {"kind": "failed", "error", "exception", "experiment"?, "activity"?}
#                                             | {"kind": "unsupported", "error"}}
# `experiment` / `activity`: what the hook left of them, when it changed them (controls may mutate
# their context, as chaosaddons.controls.repeat does; the reference's run loop sees the change).

import queue
import threading

CONTROL_HOOKS = (
    "configure_control", "cleanup_control",
    "before_experiment_control", "after_experiment_control",
    "before_hypothesis_control", "after_hypothesis_control",
    "before_method_control", "after_method_control",
    "before_rollback_control", "after_rollback_control",
    "before_activity_control", "after_activity_control",
)


class EventRegistryUnsupported(Exception):
    """A control used the run's event registry, which steadystate does not provide."""


class UnsupportedEventRegistry:
    """What configure_control gets as `event_registry` (the reference's EventHandlerRegistry): a
    control that registers run-event handlers (chaostoolkit-reliably's prechecks and safeguards do)
    would otherwise fail on None and be dropped with a warning; this makes that a refusal."""

    def __getattr__(self, name):
        def unsupported(*args, **kwargs):
            raise EventRegistryUnsupported(
                "it calls event_registry.%s(): steadystate does not send chaostoolkit-lib's run events "
                "to Python controls" % name)
        return unsupported


class ControlRun:
    """What every hook of the run shares, as one object each: a control that changes the experiment
    sees its change in the next hook, as it would in the reference's process."""
    experiment = {}
    configuration = {}
    secrets = {}
    settings = None
    # The experiment's snapshot after the last hook: a hook compares against it (one snapshot a
    # hook, not two); None until the first.
    last_snapshot = None


def inspect_control(request):
    """Whether the module imports, which hooks it has, and what its own validate_control says."""
    module, failed = import_for_validation(request["module"])
    if failed is not None:
        return failed
    validate = getattr(module, "validate_control", None)
    if request.get("control") is not None and callable(validate):
        try:
            validate(request["control"])
        except Exception as error:
            return {"kind": "invalid", "error": describe_exception(error)}
    return {"kind": "ok", "hooks": [name for name in CONTROL_HOOKS if callable(getattr(module, name, None))]}


def start_control_run(request):
    ControlRun.experiment = request.get("experiment") or {}
    ControlRun.configuration = request.get("configuration") or {}
    ControlRun.secrets = request.get("secrets") or {}
    ControlRun.settings = request.get("settings")
    ControlRun.last_snapshot = None


def experiment_list(name):
    """The list of the run's experiment an activity sits in (`method`, `rollbacks`, `probes`)."""
    experiment = ControlRun.experiment
    if name == "probes":
        hypothesis = experiment.get("steady-state-hypothesis")
        return hypothesis.get("probes") if isinstance(hypothesis, dict) else None
    return experiment.get(name)


def activity_context(context):
    """The activity as the reference hands it: the object inside the experiment's list (so what a
    control changes in it, the experiment holds too), else the copy steadystate sent (a ref's
    target, a safeguard's probe)."""
    sent = context.get("activity")
    at = context.get("at")
    if isinstance(at, dict):
        entries = experiment_list(at.get("list"))
        index = at.get("index")
        if isinstance(entries, list) and isinstance(index, int) and 0 <= index < len(entries):
            held = entries[index]
            if isinstance(held, dict) and isinstance(sent, dict) and held.get("name") == sent.get("name"):
                return held
    return sent


def hook_context(context):
    kind = context.get("kind")
    if kind == "experiment":
        return ControlRun.experiment
    if kind == "hypothesis":
        return ControlRun.experiment.get("steady-state-hypothesis")
    return activity_context(context)


def call_hook(request, context):
    """One hook, with the arguments initialize_control / apply_python_control give it."""
    import copy
    import importlib
    module = importlib.import_module(request["module"])
    hook = request["hook"]
    func = getattr(module, hook)
    if hook == "cleanup_control":
        return func()
    arguments = copy.deepcopy(request.get("arguments") or {})
    parameters = parameters_of(func)
    given = {
        "secrets": ControlRun.secrets,
        "configuration": ControlRun.configuration,
        "experiment": ControlRun.experiment,
    }
    if hook == "configure_control":
        # Only global controls are configured with the settings; the experiment's get None.
        given["settings"] = ControlRun.settings if request.get("global") else None
        given["event_registry"] = UnsupportedEventRegistry()
    else:
        given["state"] = request.get("state")
        given["extensions"] = ControlRun.experiment.get("extensions")
        given["settings"] = ControlRun.settings
    for name, value in given.items():
        if name in parameters:
            arguments[name] = value
    if hook == "configure_control":
        return func(**arguments)
    return func(context=context, **arguments)


def is_interruption(error):
    """chaoslib's InterruptExecution (or a subclass), and what makes `chaos run` stop too."""
    if isinstance(error, (SystemExit, KeyboardInterrupt)):
        return True
    return any(cls.__name__ == "InterruptExecution" and cls.__module__ == "chaoslib.exceptions"
               for cls in type(error).__mro__)


def as_json(value):
    """The value as JSON text, its keys in their order (what is not JSON as its repr)."""
    try:
        return json.dumps(value, default=repr)
    except Exception:
        return None


def as_sent(value):
    """The value as JSON, its keys in their order (as the reference's journal would hold it)."""
    text = as_json(value)
    if text is None:
        raise ValueError("it cannot be written as JSON (a reference cycle?)")
    return json.loads(text)


def snapshot(value):
    """Something to tell whether a hook changed `value`: its pickle (a quarter of the JSON's cost on
    a large experiment), or its JSON when something in it cannot be pickled."""
    import pickle
    try:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return as_json(value)


def changes(before_experiment, context, before_activity):
    """What the hook changed: the experiment and the activity it was given, as they are now."""
    changed = {}
    now = snapshot(ControlRun.experiment)
    ControlRun.last_snapshot = now
    if now != before_experiment:
        changed["experiment"] = as_sent(ControlRun.experiment)
    if before_activity is not None and isinstance(context, dict) and snapshot(context) != before_activity:
        changed["activity"] = as_sent(context)
    return changed


def answer_control(channel, request):
    request_context = request.get("context") or {}
    context = hook_context(request_context)
    before_experiment = ControlRun.last_snapshot
    if before_experiment is None:
        before_experiment = snapshot(ControlRun.experiment)
    before_activity = snapshot(context) if request_context.get("kind") == "activity" else None
    try:
        call_hook(request, context)
        outcome = {"kind": "done"}
    except BaseException as error:  # the worker lives on whatever the hook raised
        if is_interruption(error):
            outcome = {"kind": "interrupt", "message": str(error) or describe_exception(error)}
        elif isinstance(error, EventRegistryUnsupported):
            outcome = {"kind": "unsupported", "error": str(error)}
        else:
            outcome = {"kind": "failed", "error": describe_exception(error),
                       "exception": traceback.format_exception(type(error), error, error.__traceback__)}
    try:
        outcome.update(changes(before_experiment, context, before_activity))
    except Exception as error:
        outcome = {"kind": "unsupported",
                   "error": "it left the experiment in a form steadystate cannot follow: %s" % describe_exception(error)}
    channel.send({"id": request["id"], "type": "controlled", "outcome": outcome})


# Threads that run hooks, kept for the next hook (starting one for each cost more than the hook):
# hooks of background activities still run side by side, as in the reference's threads.
HOOK_JOBS = queue.SimpleQueue()
HOOK_LOCK = threading.Lock()
HOOK_IDLE = [0]


def hook_thread():
    while True:
        channel, request = HOOK_JOBS.get()
        answer_control(channel, request)
        with HOOK_LOCK:
            HOOK_IDLE[0] += 1


def answer_later(channel, request):
    with HOOK_LOCK:
        start = HOOK_IDLE[0] == 0
        if not start:
            HOOK_IDLE[0] -= 1
    if start:
        threading.Thread(target=hook_thread, daemon=True).start()
    HOOK_JOBS.put((channel, request))


def serve_control(channel, request):
    """Answers a controls request; False when the request is not one."""
    kind = request.get("type")
    if kind == "inspect-control":
        channel.send({"id": request["id"], "type": "inspected", "verdict": inspect_control(request)})
    elif kind == "control-run":
        start_control_run(request)
        channel.send({"id": request["id"], "type": "controlled", "outcome": {"kind": "done"}})
    elif kind == "control":
        answer_later(channel, request)
    else:
        return False
    return True
