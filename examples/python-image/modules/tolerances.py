"""An example module of your own, copied into the image and found through PYTHONPATH."""


def no_errors(value=None):
    return isinstance(value, dict) and value.get("status") == 200
