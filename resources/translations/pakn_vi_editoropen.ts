<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>CaseEditor</name>
    <message>
        <source>Loading…</source>
        <translation>Đang đọc…</translation>
    </message>
    <message>
        <source>Not read: %1</source>
        <translation>Chưa đọc được: %1</translation>
    </message>
</context>
</TS>
