"""Every error conflictcoder raises, each with a code, the cause and the fix.

    ConflictCoderError
    ├── InputError            bad input: a file or line that cannot be coded (recorded, run goes on)
    │   ├── EmptyInput        E101
    │   ├── BinaryInput       E102
    │   ├── EncodingError     E103
    │   ├── InputTooLarge     E104
    │   ├── MalformedJSONL    E105
    │   ├── UnsupportedInput  E106
    │   ├── BrokenHTML        E107
    │   └── FetchError        E108 a feed or page that could not be fetched (watch retries it)
    ├── ModelError            E201 the spaCy model cannot be loaded
    ├── GazetteerError        E301 the gazetteer cannot be built or opened
    ├── StoreError            E401 the event store cannot be opened or written
    │   ├── StoreBusy         E402 another process holds the DuckDB file
    │   └── StoreMissing      E403 no store where one was asked for
    ├── EvalError             E501 gold or prediction files cannot be read
    ├── QueryError            E601 a filter, sort or cursor that cannot be used
    ├── ExportError           E701 an export that cannot be written as asked
    └── ApiError              E800 what the REST API answers with an HTTP status
        ├── NotFound          E801 (404) no such event or route
        ├── AuthError         E802 (401/403) a missing or wrong token
        └── RequestError      E803 (400/405/422) a request the API cannot take

The CLI maps InputError to exit code 1 after the run (the rest was coded), the others to 2.
"""
from __future__ import annotations


class ConflictCoderError(Exception):
    code = "E000"

    def __init__(self, message: str, *, fix: str | None = None):
        self.message = message
        self.fix = fix
        text = f"[{self.code}] {message}"
        if fix:
            text += f" Fix: {fix}"
        super().__init__(text)


class InputError(ConflictCoderError):
    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class EncodingError(InputError):
    code = "E103"


class InputTooLarge(InputError):
    code = "E104"


class MalformedJSONL(InputError):
    code = "E105"


class UnsupportedInput(InputError):
    code = "E106"


class BrokenHTML(InputError):
    code = "E107"


class FetchError(InputError):
    code = "E108"


class ModelError(ConflictCoderError):
    code = "E201"


class GazetteerError(ConflictCoderError):
    code = "E301"


class StoreError(ConflictCoderError):
    code = "E401"


class StoreBusy(StoreError):
    code = "E402"


class StoreMissing(StoreError):
    code = "E403"


class EvalError(ConflictCoderError):
    code = "E501"


class QueryError(ConflictCoderError):
    code = "E601"


class ExportError(ConflictCoderError):
    code = "E701"


class ApiError(ConflictCoderError):
    code = "E800"
    status = 500


class NotFound(ApiError):
    code = "E801"
    status = 404


class AuthError(ApiError):
    code = "E802"
    status = 401


class RequestError(ApiError):
    code = "E803"
    status = 400
