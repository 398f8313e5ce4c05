"""The API's JSON, both ways, and every check on what a client sends: the Java service's TodoJson, message for
message, so a bad request gets the same status and the same sentence from either stack.

The seed's own service validates with pydantic models (TodoCreate); its 422 bodies ({"detail": [...]}) are
not the contract the load runs and tests hold both stacks to, so the body is read as plain JSON here.
"""
import dataclasses
import datetime
import decimal
import json
import math
import re
import unicodedata
from typing import Dict, List, Optional

MAX_TITLE = 255
MIN_PRIORITY = 1
MAX_PRIORITY = 5
DEFAULT_PRIORITY = 3
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
#: Todos per POST /api/todo/bulk.
MAX_BULK = 1000
#: Bodies above this are refused with 413, as the Java service's BodyHandler does.
BODY_LIMIT_BYTES = 2 * 1024 * 1024
MAX_ID = 2 ** 63 - 1
MAX_INT = 2 ** 31 - 1


class ApiError(Exception):
    """A request the API refuses: the HTTP status and one sentence naming the problem."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def bad_request(message: str) -> ApiError:
    return ApiError(400, message)


def invalid(message: str) -> ApiError:
    return ApiError(422, message)


def not_found(todo_id: int) -> ApiError:
    return ApiError(404, f"todo {todo_id} not found")


@dataclasses.dataclass(frozen=True)
class NewTodo:
    """A todo to insert (the seed's TodoCreate)."""
    title: str
    description: Optional[str]
    priority: int
    due_date: Optional[datetime.date]


@dataclasses.dataclass(frozen=True)
class TodoFilter:
    """GET /api/todo?completed=&priority=&limit=&offset=, newest first."""
    completed: Optional[bool] = None
    priority: Optional[int] = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0


# -- writing -------------------------------------------------------------------------------------------------

def write(todo) -> Dict[str, object]:
    """A row of the todos table as the API answers it, in the seed's field names."""
    return {
        "id": todo.id,
        "title": todo.title,
        "description": todo.description,
        "priority": todo.priority,
        "due_date": None if todo.due_date is None else todo.due_date.isoformat(),
        "completed": todo.completed,
        "created_at": None if todo.created_at is None else java_instant(todo.created_at),
    }


def encode(payload) -> bytes:
    """Compact JSON, non-ASCII as is: what Vert.x's Json.encode writes."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def java_instant(moment: datetime.datetime) -> str:
    """A timestamptz as java.time.OffsetDateTime.toString() writes pgjdbc's UTC value: seconds and the fraction
    only when not zero, the fraction in groups of three digits, then "Z"."""
    utc = moment.astimezone(datetime.timezone.utc)
    text = f"{utc.date().isoformat()}T{utc.hour:02d}:{utc.minute:02d}"
    if utc.second or utc.microsecond:
        text += f":{utc.second:02d}"
        if utc.microsecond:
            text += f".{utc.microsecond // 1000:03d}" if utc.microsecond % 1000 == 0 else f".{utc.microsecond:06d}"
    return text + "Z"


# -- reading -------------------------------------------------------------------------------------------------

def new_todo(body: bytes) -> NewTodo:
    """The body of POST /api/todo."""
    return _new_todo(_object(_parse(body), "the body"), "")


def new_todos(body: bytes) -> List[NewTodo]:
    """The body of POST /api/todo/bulk: a JSON array of 1 to MAX_BULK todos."""
    value = _parse(body)
    if not isinstance(value, list):
        raise invalid("the body must be a JSON array of todos, not " + _kind(value))
    if not value or len(value) > MAX_BULK:
        raise invalid(f"a bulk request takes 1 to {MAX_BULK} todos, not {len(value)}")
    return [_new_todo(_object(item, f"todos[{i}]"), f"todos[{i}].") for i, item in enumerate(value)]


def changes(body: bytes) -> Dict[str, object]:
    """The body of PUT /api/todo/{id}: the columns to change, at least one. A null description or due_date
    changes nothing, as in the Java service."""
    value = _object(_parse(body), "the body")
    found: Dict[str, object] = {}
    if "title" in value:
        found["title"] = _title(value, "")
    if "description" in value and _string(value, "description", "") is not None:
        found["description"] = value["description"]
    if "priority" in value:
        found["priority"] = _priority(value, "")
    due_date = _due_date(value, "")
    if due_date is not None:
        found["due_date"] = due_date
    if "completed" in value:
        if not isinstance(value["completed"], bool):
            raise invalid(f"completed = {_show(value['completed'])} is not accepted: true or false")
        found["completed"] = value["completed"]
    if not found:
        raise invalid("nothing to update: give at least one of title, description, priority, due_date, completed")
    return found


def todo_id(raw: str) -> int:
    """A path's {id}: Long.parseLong, 1 or more."""
    if re.fullmatch(r"[+-]?[0-9]+", raw) and 1 <= int(raw) <= MAX_ID:
        return int(raw)
    raise bad_request(f"id = '{raw}' is not accepted: a whole number from 1 to {MAX_ID}")


def todo_filter(query) -> TodoFilter:
    """?completed=&priority=&limit=&offset=; the first value of a repeated parameter counts, as in Vert.x."""
    completed = _first(query, "completed")
    if completed is not None and completed not in ("true", "false"):
        raise bad_request(f"completed = '{completed}' is not accepted: true or false")
    priority = None if _first(query, "priority") is None \
        else _query_int(query, "priority", MIN_PRIORITY, MAX_PRIORITY, 0)
    return TodoFilter(None if completed is None else completed == "true", priority,
                      _query_int(query, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT),
                      _query_int(query, "offset", 0, MAX_INT, 0))


def _new_todo(value: dict, where: str) -> NewTodo:
    if value.get("title") is None:
        raise invalid(where + "title is required")
    title = _title(value, where)
    description = _string(value, "description", where)
    priority = _priority(value, where) if value.get("priority") is not None else DEFAULT_PRIORITY
    return NewTodo(title, description, priority, _due_date(value, where))


def _title(value: dict, where: str) -> str:
    title = value.get("title")
    if not isinstance(title, str):
        raise invalid(f"{where}title = {_show(title)} is not accepted: a string of 1 to {MAX_TITLE} characters")
    if all(_java_whitespace(c) for c in title):
        raise invalid(where + "title must not be blank")
    if len(title) > MAX_TITLE:
        raise invalid(f"{where}title is {len(title)} characters long; at most {MAX_TITLE} are accepted")
    return title


def _string(value: dict, field: str, where: str) -> Optional[str]:
    found = value.get(field)
    if found is not None and not isinstance(found, str):
        raise invalid(f"{where}{field} = {_show(found)} is not accepted: a string or null")
    return found


def _priority(value: dict, where: str) -> int:
    found = value.get("priority")
    if type(found) is int and MIN_PRIORITY <= found <= MAX_PRIORITY:
        return found
    raise invalid(f"{where}priority = {_show(found)} is not accepted: a whole number from {MIN_PRIORITY} to {MAX_PRIORITY}")


def _due_date(value: dict, where: str) -> Optional[datetime.date]:
    found = value.get("due_date")
    if found is None:
        return None
    if isinstance(found, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", found):
        try:
            return datetime.date(int(found[:4]), int(found[5:7]), int(found[8:]))
        except ValueError:
            pass  # refused below
    raise invalid(f"{where}due_date = {_show(found)} is not accepted: a date like 2026-12-31, or null")


def _query_int(query, name: str, low: int, high: int, default: int) -> int:
    raw = _first(query, name)
    if raw is None:
        return default
    if re.fullmatch(r"[+-]?[0-9]+", raw) and low <= int(raw) <= high:
        return int(raw)
    raise bad_request(f"{name} = '{raw}' is not accepted: a whole number from {low} to {high}")


def _first(query, name: str) -> Optional[str]:
    values = query.getlist(name)
    return values[0] if values else None


def _parse(body: bytes):
    if not body:
        raise bad_request("the body is empty: send a JSON todo")
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError) as e:
        raise bad_request("malformed JSON: " + (str(e).splitlines() or ["unreadable"])[0]) from None


def _refuse_constant(name: str):
    raise ValueError(f"Unrecognized token '{name}'")


def _object(value, what: str) -> dict:
    if not isinstance(value, dict):
        raise invalid(f"{what} must be a JSON object, not {_kind(value)}")
    return value


def _kind(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "an object"


def _show(value) -> str:
    """A client's value in a message, as Java's String.valueOf shows Vert.x's JSON values."""
    if isinstance(value, str):
        return f"'{value}'"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _java_double(value)
    if isinstance(value, (dict, list)):
        return encode(value).decode("utf-8")
    return str(value)


def _java_double(x: float) -> str:
    """Double.toString: plain from 10^-3 to 10^7, else computerized scientific notation (1.0E20)."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "-0.0" if math.copysign(1, x) < 0 else "0.0"
    if 1e-3 <= abs(x) < 1e7:
        return repr(x)
    sign, digits, exponent = decimal.Decimal(repr(x)).as_tuple()
    text = "".join(map(str, digits))
    power = len(text) - 1 + exponent
    text = text.rstrip("0") or "0"
    return ("-" if sign else "") + text[0] + "." + (text[1:] or "0") + "E" + str(power)


def _java_whitespace(c: str) -> bool:
    """Character.isWhitespace: what String.isBlank skips (no-break spaces are not whitespace to Java)."""
    if c in "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f":
        return True
    return unicodedata.category(c) in ("Zs", "Zl", "Zp") and c not in "\u00a0\u2007\u202f"
