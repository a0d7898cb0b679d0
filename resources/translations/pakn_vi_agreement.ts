<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>StatisticsView</name>
    <message>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <source>Kind of suggestion</source>
        <translation>Loại gợi ý</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>Số lần gợi ý</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Đã quyết định</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Theo gợi ý</translation>
    </message>
    <message>
        <source>Agreement rate</source>
        <translation>Tỷ lệ đồng ý</translation>
    </message>
    <message>
        <source>Agreement with the suggestions</source>
        <translation>Mức độ đồng ý với gợi ý phân loại</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Đang đọc…</translation>
    </message>
    <message>
        <source>The rate is the share of the decided cases where the person chose what was suggested; a suggestion not yet decided counts in «Suggested» only.</source>
        <translation>Tỷ lệ đồng ý là phần các PAKN đã quyết định mà người xử lý chọn đúng như gợi ý; gợi ý chưa được quyết định chỉ tính vào «Số lần gợi ý».</translation>
    </message>
    <message>
        <source>No suggestion was recorded in the last 12 months.</source>
        <translation>Chưa có gợi ý nào được ghi nhận trong 12 tháng qua.</translation>
    </message>
</context>
</TS>
