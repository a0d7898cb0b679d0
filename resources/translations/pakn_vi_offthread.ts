<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>CaseListView</name>
    <message>
        <source>Reading the list…</source>
        <translation>Đang đọc danh sách…</translation>
    </message>
</context>
<context>
    <name>LookupView</name>
    <message>
        <source>Looking up…</source>
        <translation>Đang tra cứu…</translation>
    </message>
</context>
<context>
    <name>RegisterView</name>
    <message>
        <source>Reading the register…</source>
        <translation>Đang đọc sổ đăng ký…</translation>
    </message>
</context>
</TS>
