<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>LetterDialog</name>
    <message>
        <source>Composing the letter…</source>
        <translation>Đang soạn văn bản…</translation>
    </message>
    <message>
        <source>Issuing the letter…</source>
        <translation>Đang ban hành văn bản…</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Đang in…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
</context>
<context>
    <name>RegisterView</name>
    <message>
        <source>Printing…</source>
        <translation>Đang in…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Đang ghi %1…</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <source>Statistics</source>
        <translation>Thống kê</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>Đã hủy: không có gì được ghi.</translation>
    </message>
    <message>
        <source>Computing the statistics…</source>
        <translation>Đang tính số liệu thống kê…</translation>
    </message>
</context>
</TS>
