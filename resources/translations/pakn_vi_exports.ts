<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>AuditView</name>
    <message>
        <source>Writing %1…</source>
        <translation>Đang ghi %1…</translation>
    </message>
</context>
<context>
    <name>NationalEntryDialog</name>
    <message>
        <source>Writing %1…</source>
        <translation>Đang ghi %1…</translation>
    </message>
    <message>
        <source>The folder %1 does not exist; nothing was written.</source>
        <translation>Không có thư mục %1; chưa ghi gì.</translation>
    </message>
</context>
<context>
    <name>PersonDataDialog</name>
    <message>
        <source>Writing %1…</source>
        <translation>Đang ghi %1…</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <source>Writing the page and JSON…</source>
        <translation>Đang ghi trang và tệp JSON…</translation>
    </message>
</context>
</TS>
