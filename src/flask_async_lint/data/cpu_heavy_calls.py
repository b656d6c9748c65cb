"""CPU-heavy calls (FAS401): password hashing, key derivation, compression, image work.

Same shapes as blocking_calls.py: plain calls, and objects whose methods are heavy.
"""
from __future__ import annotations

from .blocking_calls import Constructor

FAS401 = "FAS401"

CPU_HEAVY_CALLS: dict[str, str] = {
    "werkzeug.security.generate_password_hash": FAS401,
    "werkzeug.security.check_password_hash": FAS401,
    "werkzeug.generate_password_hash": FAS401,
    "werkzeug.check_password_hash": FAS401,
    "hashlib.pbkdf2_hmac": FAS401,
    "hashlib.scrypt": FAS401,
    "bcrypt.hashpw": FAS401,
    "bcrypt.checkpw": FAS401,
    "bcrypt.kdf": FAS401,
    "flask_bcrypt.generate_password_hash": FAS401,
    "flask_bcrypt.check_password_hash": FAS401,
    **{f"{module}.{name}": FAS401
       for module in ("zlib", "gzip", "bz2", "lzma", "brotli")
       for name in ("compress", "decompress")},
}

# ``passlib.hash.<scheme>.hash(...)``: any scheme of passlib.hash, these methods.
PREFIX_METHODS: dict[str, frozenset[str]] = {
    "passlib.hash": frozenset({"hash", "verify", "encrypt"}),
}

# ``passlib.hash.<scheme>.using(rounds=...)``: any scheme of passlib.hash, this method,
# makes an object (a configured hasher of the same scheme, passlib's documented idiom).
PREFIX_CONSTRUCTORS: dict[tuple[str, str], Constructor] = {
    ("passlib.hash", "using"): Constructor("hasher", FAS401, False),
}

OBJECT_CONSTRUCTORS: dict[str, Constructor] = {
    "argon2.PasswordHasher": Constructor("hasher", FAS401, False),
    "passlib.context.CryptContext": Constructor("hasher", FAS401, False),
    "flask_bcrypt.Bcrypt": Constructor("hasher", FAS401, False),
    # Image.open is lazy (reads the header only): the work happens in the methods below.
    # The other factories of PIL.Image make an image from data already in memory.
    **{f"PIL.Image.{name}": Constructor("pil_image", FAS401, False) for name in (
        "open", "new", "frombytes", "frombuffer", "fromarray", "merge",
    )},
}

OBJECT_KINDS: dict[str, frozenset[str] | None] = {
    "hasher": frozenset({"hash", "verify", "encrypt", "verify_and_update",
                         "generate_password_hash", "check_password_hash"}),
    "pil_image": frozenset({"resize", "thumbnail", "save", "filter", "convert", "rotate", "transform"}),
}

# Methods of Pillow's Image that return a new image (the rest return None, as
# ``thumbnail`` and ``paste`` do, or data: ``getpixel``, ``histogram``, ``split``'s tuple).
PIL_IMAGE_RETURNING_METHODS = frozenset({
    "convert", "copy", "crop", "effect_spread", "filter", "getchannel", "point", "quantize",
    "reduce", "remap_palette", "resize", "rotate", "transform", "transpose",
})

DERIVED_OBJECTS: dict[tuple[str, str], str] = {
    **{("pil_image", name): "pil_image" for name in PIL_IMAGE_RETURNING_METHODS},
    # ``CryptContext(...).using(...)`` (``copy`` is its older name): a configured copy.
    ("hasher", "using"): "hasher",
    ("hasher", "copy"): "hasher",
}

SUGGESTION = ("run it in an executor: 'await asyncio.to_thread(f, ...)' or "
              "'await loop.run_in_executor(pool, f, ...)'")
