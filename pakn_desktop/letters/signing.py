"""Optional digital signing of an issued letter: a PAdES signature with pyHanko from the
signer's PKCS#12 file, in a visible box where the wet signature would go, and its check."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pakn_desktop.domain.errors import PaknError

from .layout import SignatureBox

FIELD_NAME = "ChuKySo"


class SigningError(PaknError):
    pass


@dataclass(frozen=True)
class SignOptions:
    p12_path: Path
    passphrase: str = ""
    reason: str = "Ký ban hành văn bản"
    location: str = ""


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


def sign_pdf(pdf: bytes, box: SignatureBox | None, options: SignOptions) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    try:
        signer = signers.SimpleSigner.load_pkcs12(
            pfx_file=str(options.p12_path),
            passphrase=options.passphrase.encode() if options.passphrase else None,
        )
    except (OSError, ValueError) as exc:
        raise SigningError(f"Không đọc được tệp chứng thư số: {exc}") from exc
    if signer is None:
        raise SigningError("Không mở được tệp chứng thư số: sai mật khẩu hoặc tệp hỏng.")
    spec = None
    if box is not None:
        spec = fields.SigFieldSpec(
            sig_field_name=FIELD_NAME,
            on_page=box.page,
            box=tuple(round(v) for v in box.box),  # type: ignore[arg-type]
        )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=options.reason,
        location=options.location or None,
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    out = io.BytesIO()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    signers.PdfSigner(meta, signer=signer, new_field_spec=spec).sign_pdf(writer, output=out)
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
