"""Optional digital signing of an issued letter: a PAdES signature with pyHanko from the
signer's PKCS#12 file, and its check.

What the reader sees of the signature is drawn by the letter layout itself, as NĐ 30/2020
Phụ lục I shows it (signature image, seal, Vietnamese signing information in 10 pt); the
signature field carries no appearance of its own, so no library stamp, logo or English text
ever reaches the page."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pakn_desktop.domain.errors import PaknError

from .content import SignatureBox

FIELD_NAME = "ChuKySo"


class SigningError(PaknError):
    pass


@dataclass(frozen=True)
class SignOptions:
    p12_path: Path
    passphrase: str = ""
    reason: str = "Ký ban hành văn bản"
    location: str = ""
    # The agency signs too: its seal image is drawn over the signer's signature.
    with_seal: bool = True


def load_signer(options: SignOptions) -> Any:
    """The signer of a PKCS#12 file, checked before anything is numbered; one clear message
    for a missing, unreadable or wrongly protected file."""
    from pyhanko.sign import signers

    path = Path(options.p12_path)
    if not path.is_file():
        raise SigningError(f"Không tìm thấy tệp chứng thư số «{path}».")
    try:
        signer = signers.SimpleSigner.load_pkcs12(
            pfx_file=str(path),
            passphrase=options.passphrase.encode() if options.passphrase else None,
        )
    except Exception as exc:  # pyHanko and cryptography raise many kinds for a bad file
        raise SigningError(
            f"Không mở được tệp chứng thư số «{path.name}»: sai mật khẩu hoặc tệp không phải "
            "PKCS#12 (.p12/.pfx)."
        ) from exc
    if signer is None or signer.signing_cert is None:
        raise SigningError(
            f"Không mở được tệp chứng thư số «{path.name}»: sai mật khẩu hoặc tệp hỏng."
        )
    return signer


def signer_name(signer: Any) -> str:
    """The certificate holder's name (CN), for the signing information."""
    try:
        return str(signer.signing_cert.subject.native.get("common_name", "")) or ""
    except Exception:  # an unusual subject: the settings' signer name is used instead
        return ""


@dataclass(frozen=True)
class SignatureCheck:
    signer: str
    intact: bool
    valid: bool
    trusted: bool
    covers_whole_file: bool

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.covers_whole_file


def sign_pdf(
    pdf: bytes,
    box: SignatureBox | None,
    options: SignOptions,
    signer: Any = None,
    at: datetime | None = None,
) -> bytes:
    """Sign ``pdf``. The field is placed on the signature's page without an appearance of its
    own (the layout has drawn it); ``box`` only says which page. ``at`` (aware) is the signing
    time written into the signature, the one the layout printed; without it pyHanko's clock."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    class _SignerAt(signers.PdfSigner):
        """pyHanko takes the signing time from the PC's clock in the PC's zone; this one
        writes the time printed on the page (Vietnam's, to the second)."""

        def init_signing_session(self, *args: Any, **kwargs: Any) -> Any:
            session = super().init_signing_session(*args, **kwargs)
            if at is not None:
                session.system_time = at
            return session

    signer = signer or load_signer(options)
    spec = fields.SigFieldSpec(sig_field_name=FIELD_NAME, on_page=box.page if box else 0)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=options.reason,
        location=options.location or None,
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    out = io.BytesIO()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        _SignerAt(meta, signer=signer, new_field_spec=spec).sign_pdf(writer, output=out)
    except Exception as exc:  # a certificate pyHanko cannot use (key usage, algorithm...)
        logging.getLogger("pakn_desktop").warning("Signing failed: %r", exc)
        raise SigningError(
            "Không ký số được văn bản: chứng thư số không dùng được để ký (sai mục đích sử dụng "
            "hoặc thuật toán không hỗ trợ). Vui lòng chọn chứng thư số khác hoặc báo quản trị "
            "hệ thống. Văn bản chưa được ban hành."
        ) from exc
    return out.getvalue()


def check_signatures(pdf: bytes, trust_roots: list[bytes] | None = None) -> list[SignatureCheck]:
    """Validate every signature of a PDF. ``trust_roots`` are DER certificates to trust
    (the office's own CA or a self-signed test certificate)."""
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = [x509.Certificate.load(der) for der in (trust_roots or [])]
    vc = ValidationContext(trust_roots=roots, allow_fetching=False)
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    out = []
    for sig in reader.embedded_signatures:
        status = validate_pdf_signature(sig, vc)
        out.append(
            SignatureCheck(
                signer=status.signing_cert.subject.human_friendly,
                intact=status.intact,
                valid=status.valid,
                trusted=status.trusted,
                covers_whole_file=status.coverage is not None
                and status.coverage.name == "ENTIRE_FILE",
            )
        )
    return out
