import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A user module for the bridge tests, written to a fresh folder that is then put on PYTHONPATH (as a
 * user of the reference would). Standard library only, so any python3 runs it.
 */
export const USER_MODULE = `
import datetime, decimal, logging, os, subprocess, sys, threading, time, uuid

log = logging.getLogger("usermod")
ready = threading.Event()

def echo(value):
    return value

def boom(message="boom"):
    print("printed before failing")
    log.warning("about to fail")
    raise RuntimeError(message)

class CustomError(Exception):
    pass

def custom():
    raise CustomError("custom failure")

def exits():
    sys.exit(3)

def noisy():
    print("to stdout")
    os.write(1, b"raw to fd 1\\n")
    subprocess.run(["echo", "from a child"], check=True)
    return "quiet answer"

def odd_values():
    return {
        "date": datetime.date(2024, 1, 2),
        "when": datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
        "decimal": decimal.Decimal("1.10"),
        "uuid": uuid.UUID(int=1),
        "tuple": (1, 2),
        1: "int key",
        "set": {3, 1, 2},
        "bytes": b"caf\\xc3\\xa9",
        "object": Exception("an object"),
        "nan": float("nan"),
    }

def injected(a, configuration=None, secrets=None):
    return {"a": a, "configuration": configuration, "secrets": secrets}

def without_injection(a):
    return a

def required(a, b, c=3):
    return [a, b, c]

def keywords(**kwargs):
    return kwargs

def waits_for_other():
    if not ready.wait(10):
        raise RuntimeError("the other call never ran alongside")
    return "saw the other call"

def releases_other():
    ready.set()
    return "released"

def sleeps_with_child(seconds):
    child = subprocess.Popen(["sleep", str(seconds)])
    with open(os.environ["CHILD_PID_FILE"], "w") as f:
        f.write(str(child.pid))
    time.sleep(seconds)

def sleeps_with_detached_child(seconds):
    # A child in its own session, as a daemon or setsid makes: outside the process group of the worker.
    child = subprocess.Popen(["sleep", str(seconds)], start_new_session=True)
    with open(os.environ["CHILD_PID_FILE"], "w") as f:
        f.write(str(child.pid))
    time.sleep(seconds)

def pid():
    return os.getpid()

def cwd_and_path():
    return {"cwd": os.getcwd(), "path0": sys.path[0]}

not_a_function = 42
`

/** A folder holding `usermod.py`, for PYTHONPATH. */
export function userModuleDir(source = USER_MODULE, name = 'usermod'): string {
  const dir = mkdtempSync(join(tmpdir(), 'steadystate-python-'))
  writeFileSync(join(dir, `${name}.py`), source)
  return dir
}

/** Whether a process ends (or is a zombie: killed, waiting for a parent to reap it) within `ms`. */
export async function processEnds(pid: number, ms = 5_000): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < ms;) {
    let state: string
    try {
      state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.charAt(0) ?? ''
    } catch {
      return true
    }
    if (state === 'Z') return true
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return false
}
