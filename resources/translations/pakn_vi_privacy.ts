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
</TS>
