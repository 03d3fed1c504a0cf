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
    │   ├── DuplicateDocument E108 a doc_id seen before in this run
    │   ├── TruncatedInput    E109 a record or file cut short
    │   ├── UnreadableInput   E110 a file or directory that cannot be read
    │   ├── DocumentTimeout   E111 over the per-document time limit
    │   ├── FetchError        E112 a feed or page that could not be fetched (watch retries it)
    │   └── StageFailure      E190 a stage raised on this document (a bug: report it)
    ├── ModelError            E201 the spaCy model cannot be loaded
    ├── GazetteerError        E301 the gazetteer cannot be built or opened
    ├── StoreError            E401 the event store cannot be opened or written (the run stops)
    │   ├── DocumentNotStored E402 one document could not be stored (the store is unchanged for it)
    │   ├── StoreMissing      E403 no store where one was asked for
    │   └── StoreBusy         E404 another process holds the DuckDB file
    ├── EvalError             E501 gold or prediction files cannot be read
    ├── TrainingError         E502 a model cannot be trained as asked (make train)
    ├── OptionsError          E601 arguments that cannot work together
    ├── LanguageDataError     E602 a language folder's rules (lang/<code>/*.json) cannot be read
    ├── QueryError            E603 a filter, sort or cursor that cannot be used
    ├── ExportError           E701 an export that cannot be written as asked
    └── ApiError              E800 what the REST API answers with an HTTP status
        ├── NotFound          E801 (404) no such event or route
        ├── AuthError         E802 (401/403) a missing or wrong token
        └── RequestError      E803 (400/405/422) a request the API cannot take

Warnings (codes W..) do not stop a document; they are counted in the run's summary:
W01 a publication date outside PUBLISHED_YEARS was ignored; W02 bytes not decodable as text
were replaced; W03 a count over Options.max_count was clamped.

Every failure of one document (InputError and its subclasses, whatever stage raised) is recorded
and the run goes on: the CLI exits 1 after the run. The others stop the run: exit 2.
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


class DuplicateDocument(InputError):
    code = "E108"


class TruncatedInput(InputError):
    code = "E109"


class UnreadableInput(InputError):
    code = "E110"


class DocumentTimeout(InputError):
    code = "E111"


class FetchError(InputError):
    code = "E112"


class StageFailure(InputError):
    code = "E190"


class ModelError(ConflictCoderError):
    code = "E201"


class GazetteerError(ConflictCoderError):
    code = "E301"


class StoreError(ConflictCoderError):
    code = "E401"


class DocumentNotStored(StoreError):
    code = "E402"


class StoreMissing(StoreError):
    code = "E403"


class StoreBusy(StoreError):
    code = "E404"


class EvalError(ConflictCoderError):
    code = "E501"


class TrainingError(ConflictCoderError):
    code = "E502"


class LanguageDataError(ConflictCoderError):
    code = "E602"


class OptionsError(ConflictCoderError):
    code = "E601"


class QueryError(ConflictCoderError):
    code = "E603"


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


# Warning codes (a document is coded, with a note on what was done to it)
W_PUBLISHED_RANGE = "W01"
W_BYTES_REPLACED = "W02"
W_COUNT_CLAMPED = "W03"

# Years a publication date may have: outside them it is a placeholder (0001-01-01, the empty
# date of Go and .NET; 9999-12-31) or a typo, and date arithmetic from it would overflow.
PUBLISHED_YEARS = (1800, 2200)


def stage_failure(stage: str, exc: BaseException) -> InputError:
    """The InputError to record for `exc` raised by `stage` on one document."""
    if isinstance(exc, InputError):
        return exc
    detail = str(exc).replace("\n", " ")[:200]
    return StageFailure(f"{stage} raised {exc.__class__.__name__}: {detail}",
                        fix="The rest of the run went on; please report this input.")
