"""Issuing letters: numbering, register, reprints, wording, personal data, signing."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import threading
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from accounts_fixture import staff_actor
from builders import a_form
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from pakn_desktop.domain.enums import ScopeCategory
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.letters.signing import SigningError, SignOptions, check_signatures
from pakn_desktop.letters.templates import DEFAULT_TEMPLATES, LetterKind, LetterTemplate
from pakn_desktop.services import Services

FORM = a_form(
    submitter_name="Trần Thị Bích",
    address="Thôn 3, xã Đắk Hà, tỉnh Quảng Ngãi",
    phone="0905 123 456",
    title="Chậm chi trả trợ cấp thất nghiệp, gọi 0905 123 456",
    content="Tôi nộp hồ sơ đã hơn 20 ngày nhưng chưa được chi trả.",
    channel="walk_in",
)


def text_of(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(p.extract_text() for p in doc.pages)


@pytest.fixture
def actor(services: Services):  # type: ignore[no-untyped-def]
    return staff_actor(services)


def test_each_kind_renders_with_the_right_wording(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = services.cases.receive(FORM, actor)
    receipt = text_of(services.letters.preview(c.code, LetterKind.RECEIPT, actor))
    assert "PHIẾU TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ" in receipt
    assert c.code in receipt and "0905 123 456" in receipt  # the receipt goes to the person
    assert "20/05/2026" in receipt  # expected answer: 15 working days from 24/04/2026
    c = services.cases.reject(
        c.code,
        "Nội dung là khiếu nại về quyết định hành chính.",
        actor,
        scope=ScopeCategory.COMPLAINT,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    rejection = text_of(services.letters.preview(c.code, LetterKind.REJECTION, actor))
    assert "V/v không tiếp nhận phản ánh," in rejection  # wraps in the left column
    assert "Luật Khiếu nại" in rejection
    assert "Xin thông báo để Ông/Bà Trần Thị Bích được biết./." in rejection
    assert "Kính gửi: Ông/Bà Trần Thị Bích" in rejection
    # Published letters never carry the person's phone number, even when the title has it.
    assert "0905 123 456" not in rejection and "[số điện thoại]" in rejection


def in_progress(services: Services, actor, note: str = "Đang xác minh với Bảo hiểm xã hội."):  # type: ignore[no-untyped-def]
    c = services.cases.receive(FORM, actor)
    services.cases.accept(
        c.code,
        actor,
        official_id=actor.id,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    return services.cases.post_progress(
        c.code,
        note,
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )


def test_numbers_are_sequential_per_year_and_register_keeps_bytes(
    services: Services, actor, clock
) -> None:  # type: ignore[no-untyped-def]
    c = in_progress(services, actor)
    first = services.letters.issue(c.code, LetterKind.PROGRESS, actor)
    services.cases.post_progress(
        c.code,
        "Đã có kết quả xác minh.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    second = services.letters.issue(c.code, LetterKind.PROGRESS, actor)
    assert (first.number, second.number) == (1, 2)
    assert first.number_text == "01/SNV-VP"
    assert "Số: 01/SNV-VP" in text_of(first.pdf)
    # Receipts have their own yearly series, so every case can have one.
    receipt = services.letters.issue(c.code, LetterKind.RECEIPT, actor)
    assert (receipt.number, receipt.number_text) == (1, "01/PTN-SNV")
    clock.set(dt.datetime(2027, 1, 4, 8, 0))
    services.cases.post_progress(
        c.code,
        "Đang chờ ý kiến của Sở Tài chính.",
        actor,
        expected_version=services.case_reads.get(c.code, staff_actor(services)).version,
    )
    next_year = services.letters.issue(c.code, LetterKind.PROGRESS, actor)
    assert (next_year.year, next_year.number) == (2027, 1)
    again = services.letters.reprint(first.id, actor)
    assert again.pdf == first.pdf and hashlib.sha256(again.pdf).hexdigest() == first.sha256
    history = [e.action for e in services.case_reads.get(c.code, staff_actor(services)).events]
    assert history.count("letter_issued") == 4 and history.count("letter_reprinted") == 1
    register = services.letters.register(actor, year=2026)
    assert [r.number for r in register if r.kind is LetterKind.PROGRESS] == [1, 2]


def test_register_numbers_gap_free_with_two_desks(migrated_db_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    desks = [Services.open(migrated_db_url, now=clock) for _ in range(2)]
    actor = staff_actor(desks[0])
    codes = [desks[0].cases.receive(FORM, actor).code for _ in range(6)]
    numbers: list[int] = []
    ids: list[int] = []
    errors: list[BaseException] = []

    def work(desk: Services) -> None:
        # Both desks issue the receipt of every case: each case gets one, once.
        for code in codes:
            try:
                letter = desk.letters.issue(code, LetterKind.RECEIPT, actor)
                ids.append(letter.id)
                if not letter.already_issued:
                    numbers.append(letter.number)
            except BaseException as exc:  # reported below
                errors.append(exc)

    threads = [threading.Thread(target=work, args=(d,)) for d in desks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for d in desks:
        d.close()
    assert errors == []
    assert sorted(numbers) == list(range(1, 7))
    assert len(set(ids)) == 6 and len(ids) == 12


def test_office_template_edit_and_reset(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = in_progress(services, actor)
    custom = replace(
        DEFAULT_TEMPLATES[LetterKind.PROGRESS],
        body="Kính báo {nguoi_nhan}: hồ sơ {ma_pakn} đang được xử lý.",
    )
    version = services.letters.template(LetterKind.PROGRESS, actor).version
    version = services.letters.save_template(custom, actor, expected_version=version)
    assert "Kính báo Ông/Bà Trần Thị Bích: hồ sơ" in text_of(
        services.letters.preview(c.code, LetterKind.PROGRESS, actor)
    )
    with pytest.raises(PaknError):
        services.letters.save_template(
            LetterTemplate(LetterKind.PROGRESS, "V/v", "Sai {ten_khong_co}", ""),
            actor,
            expected_version=version,
        )
    services.letters.reset_template(LetterKind.PROGRESS, actor, expected_version=version)
    stored = services.letters.template(LetterKind.PROGRESS, actor)
    assert stored.template == DEFAULT_TEMPLATES[LetterKind.PROGRESS] and not stored.custom


def make_p12(tmp_path: Path, password: str = "mat-khau") -> tuple[Path, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Nguyen Thanh Tinh"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "So LDTBXH Kon Tum"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    path = tmp_path / "signer.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer",
            key,
            cert,
            None,
            serialization.BestAvailableEncryption(password.encode()),
        )
    )
    return path, cert.public_bytes(serialization.Encoding.DER)


def test_signed_letter_validates_and_tampering_is_detected(
    services: Services, actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    p12, cert = make_p12(tmp_path)
    c = services.cases.receive(FORM, actor)
    letter = services.letters.issue(
        c.code, LetterKind.RECEIPT, actor, sign=SignOptions(p12, "mat-khau")
    )
    (check,) = check_signatures(letter.pdf, trust_roots=[cert])
    assert check.ok and check.trusted and "Nguyen Thanh Tinh" in check.signer
    # Change one byte of the signed content (a digit of the PAKN code in the text stream).
    pdf = bytearray(letter.pdf)
    pos = pdf.index(b"/Producer")
    pdf[pos + 1] = ord("Q")
    results = check_signatures(bytes(pdf), trust_roots=[cert])
    assert not all(r.ok for r in results)
    with pytest.raises(SigningError):
        services.letters.issue(c.code, LetterKind.RECEIPT, actor, sign=SignOptions(p12, "sai"))
