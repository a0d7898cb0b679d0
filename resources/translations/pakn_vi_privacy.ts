<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>LookupView</name>
    <message>
        <source>Looked up by phone number: only codes, dates and states are shown. Look up by PAKN code to read the history, or open a case.</source>
        <translation>Tra cứu theo số điện thoại: chỉ hiện mã, ngày và tình trạng. Tra cứu theo mã PAKN để xem quá trình xử lý, hoặc mở hồ sơ.</translation>
    </message>
    <message>
        <source>received on %1: &lt;b&gt;%2&lt;/b&gt;. %3</source>
        <translation>tiếp nhận ngày %1: &lt;b&gt;%2&lt;/b&gt;. %3</translation>
    </message>
</context>
<context>
    <name>PrivacyWarning</name>
    <message>
        <source>Move personal data to the private note</source>
        <translation>Chuyển thông tin cá nhân sang ghi chú nội bộ</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>số điện thoại</translation>
    </message>
    <message>
        <source>citizen ID (CCCD)</source>
        <translation>số CCCD</translation>
    </message>
    <message>
        <source>ID card (CMND)</source>
        <translation>số CMND</translation>
    </message>
    <message>
        <source>email</source>
        <translation>email</translation>
    </message>
    <message>
        <source>tax code</source>
        <translation>mã số thuế</translation>
    </message>
    <message>
        <source>bank account number</source>
        <translation>số tài khoản</translation>
    </message>
    <message>
        <source>social insurance number</source>
        <translation>mã số BHXH</translation>
    </message>
    <message>
        <source>passport number</source>
        <translation>số hộ chiếu</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>ngày sinh</translation>
    </message>
    <message>
        <source>number plate</source>
        <translation>biển số xe</translation>
    </message>
    <message>
        <source>This text will be public and contains personal data: %1.</source>
        <translation>Nội dung này sẽ được công khai và có thông tin cá nhân: %1.</translation>
    </message>
</context>
</TS>
